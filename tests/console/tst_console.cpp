// The score-check console's C++ core (session, flag queue, player, audit) against a real server
// in the same process, with QAbstractItemModelTester watching every model.
#include "consolesession.h"
#include "filewriter.h"
#include "messages.h"
#include "serverfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::console;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

const QString kStaffPassword = u"staff pass phrase"_s;

/// How far in the past the server's clock stands still at the start of each test: more than the
/// server time a test moves it on (actEvery), so that nothing the server stamps (a flag's
/// createdAt) is ahead of the console's own clock, which its ageSeconds role reads.
constexpr qint64 kServerClockLeadMs = 10'000;

/// The row of the first flag of @p userId with @p rule, or -1.
int rowOfRule(const FlagQueueModel &model, qint64 userId, const QString &rule)
{
    for (int row = 0; row < model.count(); ++row) {
        const Flag &flag = model.flags().at(row);
        if (flag.userId == userId && flag.rule == rule)
            return row;
    }
    return -1;
}

QString statusOf(FlagQueueModel &model, qint64 flagId)
{
    const int row = model.rowOf(flagId);
    return row < 0 ? QString()
                   : model.data(model.index(row), FlagQueueModel::StatusRole).toString();
}

/// A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF records).
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record.append(std::exchange(field, {}));
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record.append(std::exchange(field, {}));
            records.append(std::exchange(record, {}));
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    return records;
}

/// A console with testers on all of its models.
struct Console
{
    std::unique_ptr<ConsoleSession> session;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

} // namespace

class tst_Console : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cheaterAppearsInTheQueue();
    void reversalUpdatesAViewersBoard();
    void twoConsolesSeeEachOthersDecisions();
    void playerAccountIsRefused();
    void playerLedgerAndAuditAfterReversal();
    void checkersConsoleHasNoAuditLogAndNoAddresses();
    void csvExportWritesTheFile();
    void adminManagesEventsAndExportsResults();
    void checkerCannotChangeEvents();

private:
    Console console(const QString &email, Role role = Role::Checker);
    server::Clock &clock() { return m_server->server->clock(); }
    Console loggedOutConsole();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
    int m_consoles = 0;
};

void tst_Console::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto config = testConfig(m_dir->path());
    config.scoring.challengeDelayMs = 0;
    config.scoring.tickMs = 20;
    config.cheat.regularSamples = 10; // shorter traces for a test; the rule is the same
    m_server = std::make_unique<RunningServer>(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    // Server time moves only as the tests move it: a bot's rhythm is exactly what it says.
    clock().setManual(true);
    clock().advance(-kServerClockLeadMs);
}

void tst_Console::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

Console tst_Console::loggedOutConsole()
{
    Console c;
    c.session
        = std::make_unique<ConsoleSession>(m_dir->filePath(u"console-%1.ini"_s.arg(++m_consoles)));
    ConsoleSession &s = *c.session;
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *> { s.board(),
             s.flags(), s.flagQueue(), s.player()->increments(), s.player()->flags(), s.audit() })
        c.testers.push_back(std::make_unique<QAbstractItemModelTester>(model, mode));
    s.setServerUrl(m_server->wsUrl());
    s.connectToServer();
    return c;
}

Console tst_Console::console(const QString &email, Role role)
{
    if (createStaff(*m_server, email, role, kStaffPassword) == 0)
        return {};
    Console c = loggedOutConsole();
    ConsoleSession &s = *c.session;
    if (!QTest::qWaitFor([&] { return s.state() == ConsoleSession::State::Online; }, 5000))
        return {};
    QSignalSpy audit(&s, &ConsoleSession::auditLoaded);
    s.logIn(email, kStaffPassword);
    if (!QTest::qWaitFor([&] { return s.loggedIn() && audit.count() > 0; }, 10000))
        return {};
    return c;
}

void tst_Console::cheaterAppearsInTheQueue()
{
    Console c = console(u"checker@staff.example"_s);
    QVERIFY(c.session);
    ConsoleSession &s = *c.session;
    QCOMPARE(s.role(), u"checker"_s);
    QCOMPARE(s.openFlagCount(), 0);
    QSignalSpy openCount(&s, &ConsoleSession::openFlagCountChanged);

    TestPlayer bot = signUpPlayer(*m_server, u"Metronome"_s);
    QVERIFY(bot.userId);
    QVERIFY(actEvery(clock(), bot, 20, [] { return 200; }));
    QTRY_VERIFY_WITH_TIMEOUT(rowOfRule(*s.flags(), bot.userId, u"regular_timing"_s) >= 0, 5000);

    FlagQueueModel &flags = *s.flags();
    const int row = rowOfRule(flags, bot.userId, u"regular_timing"_s);
    const QModelIndex index = flags.index(row);
    QCOMPARE(index.data(FlagQueueModel::StatusRole).toString(), u"open"_s);
    QCOMPARE(index.data(FlagQueueModel::DisplayNameRole).toString(), u"Metronome"_s);
    QVERIFY(!index.data(FlagQueueModel::EvidenceRole).toString().isEmpty());
    QVERIFY(index.data(FlagQueueModel::IncrementIdRole).toLongLong() > 0);
    QVERIFY(!index.data(FlagQueueModel::CreatedAtRole).toString().isEmpty());
    const qint64 age = index.data(FlagQueueModel::AgeSecondsRole).toLongLong();
    QVERIFY2(age >= 0 && age < 60, qPrintable(QString::number(age)));
    QVERIFY(flags.openCount() >= 1);
    QCOMPARE(s.openFlagCount(), flags.openCount());
    QVERIFY(openCount.count() >= 1);
    // Newest first.
    for (int r = 1; r < flags.count(); ++r)
        QVERIFY(flags.data(flags.index(r - 1), FlagQueueModel::CreatedAtRole).toString()
            >= flags.data(flags.index(r), FlagQueueModel::CreatedAtRole).toString());

    // Filters.
    FlagFilterModel &queue = *s.flagQueue();
    QVERIFY(queue.rules().contains(u"regular_timing"_s)); // the filter's choices: rules present
    QVERIFY(!queue.rules().contains(u"lockstep"_s));
    queue.setRule(u"regular_timing"_s);
    queue.setStatus(u"open"_s);
    QVERIFY(queue.count() >= 1);
    QCOMPARE(queue.index(0, 0).data(FlagQueueModel::RuleRole).toString(), u"regular_timing"_s);
    queue.setStatus(u"approved"_s);
    QCOMPARE(queue.count(), 0);
    queue.setStatus({});
    queue.setRule(u"no_such_rule"_s);
    QCOMPARE(queue.count(), 0);
}

void tst_Console::reversalUpdatesAViewersBoard()
{
    Console c = console(u"checker@staff.example"_s);
    QVERIFY(c.session);
    ConsoleSession &s = *c.session;
    auto viewer = m_server->client();
    QVERIFY(viewer);
    QVERIFY(viewer->request(MessageType::LeaderboardSubscribe)->ok);

    TestPlayer bot = signUpPlayer(*m_server, u"Metronome"_s);
    QVERIFY(actEvery(clock(), bot, 20, [] { return 200; }));
    QTRY_VERIFY_WITH_TIMEOUT(rowOfRule(*s.flags(), bot.userId, u"regular_timing"_s) >= 0, 5000);
    const Flag flag = s.flags()->flags().at(rowOfRule(*s.flags(), bot.userId, u"regular_timing"_s));
    // The console's own board shows the bot.
    QTRY_VERIFY(!s.board()->rows().isEmpty() && s.board()->rows().first().score == 200);

    QSignalSpy reversed(&s, &ConsoleSession::reversed);
    s.reverse(flag.id, {}); // a reason is required
    QVERIFY(!s.errorMessage().isEmpty());
    QCOMPARE(reversed.count(), 0);

    s.reverse(flag.id, u"machine-regular timing"_s);
    QTRY_COMPARE(reversed.count(), 1);
    QCOMPARE(reversed.at(0).at(0).toLongLong(), bot.userId);
    QCOMPARE(reversed.at(0).at(1).toLongLong(), 190);
    QVERIFY(s.errorMessage().isEmpty());

    const auto board = waitForBoard(*viewer, [&](const Leaderboard &b) {
        return !b.top.isEmpty() && b.top.first().userId == bot.userId && b.top.first().score == 190;
    });
    QVERIFY(board);
    QTRY_COMPARE(statusOf(*s.flags(), flag.id), u"reversed"_s);
    QTRY_COMPARE(s.board()->rows().first().score, 190);

    // Reversing again is a conflict, shown as an error.
    s.reverse(flag.id, u"again"_s);
    QTRY_COMPARE(s.errorCode(), u"conflict"_s);
}

void tst_Console::twoConsolesSeeEachOthersDecisions()
{
    Console a = console(u"alice@staff.example"_s);
    QVERIFY(a.session);
    Console b = console(u"bob@staff.example"_s, Role::Admin);
    QVERIFY(b.session);
    QCOMPARE(b.session->role(), u"admin"_s);

    TestPlayer player = signUpPlayer(*m_server, u"Suspect"_s);
    const auto action = performAction(player);
    QVERIFY(action && action->ok);
    const qint64 incrementId = action->data.value(u"incrementId"_s).toInteger();

    QSignalSpy raised(a.session.get(), &ConsoleSession::flagRaised);
    a.session->flagIncrement(incrementId, u"looks odd"_s);
    QTRY_COMPARE(raised.count(), 1);
    const qint64 flagId = raised.at(0).at(0).toLongLong();
    QTRY_COMPARE(statusOf(*b.session->flags(), flagId), u"open"_s);
    QCOMPARE(b.session->flags()->flag(flagId)->rule, u"manual"_s);
    QCOMPARE(b.session->openFlagCount(), 1);

    QSignalSpy approved(a.session.get(), &ConsoleSession::approved);
    a.session->approve(flagId, u"fine after all"_s);
    QTRY_COMPARE(approved.count(), 1);
    QTRY_COMPARE(statusOf(*b.session->flags(), flagId), u"approved"_s);
    QCOMPARE(statusOf(*a.session->flags(), flagId), u"approved"_s);
    QTRY_COMPARE(b.session->openFlagCount(), 0);

    // Bob cannot decide it again.
    b.session->approve(flagId);
    QTRY_COMPARE(b.session->errorCode(), u"conflict"_s);
}

void tst_Console::playerAccountIsRefused()
{
    TestPlayer player = signUpPlayer(*m_server, u"Curious"_s);
    QVERIFY(player.userId);
    Console c = loggedOutConsole();
    ConsoleSession &s = *c.session;
    QTRY_COMPARE(s.state(), ConsoleSession::State::Online);
    QSignalSpy user(&s, &ConsoleSession::userChanged);
    s.logIn(player.email, u"correct horse battery"_s);
    QTRY_COMPARE(s.errorMessage(),
        u"This is the score-check console; player accounts cannot log in here."_s);
    QVERIFY(!s.loggedIn());
    QVERIFY(s.role().isEmpty());
    QCOMPARE(user.count(), 0);
    QCOMPARE(s.flags()->count(), 0);
    QCOMPARE(s.errorCode(), u"forbidden"_s);
    // The refusal happened before any session was made: the player's game keeps running.
    QTest::qWait(200);
    QVERIFY(!s.loggedIn());
    QVERIFY(player.client->isConnected());
    QVERIFY(!player.client->waitEvent(EventType::SessionRevoked, 100));
    QCOMPARE(player.client->request(MessageType::LeaderboardMe)->ok, true);
}

void tst_Console::playerLedgerAndAuditAfterReversal()
{
    Console c = console(u"admin@staff.example"_s, Role::Admin);
    QVERIFY(c.session);
    ConsoleSession &s = *c.session;
    TestPlayer player = signUpPlayer(*m_server, u"Ledger"_s);
    QVERIFY(performAction(player)->ok);
    const auto second = performAction(player);
    QVERIFY(second && second->ok);
    const qint64 incrementId = second->data.value(u"incrementId"_s).toInteger();

    QSignalSpy loaded(&s, &ConsoleSession::playerLoaded);
    s.openPlayer(player.userId);
    QTRY_COMPARE(loaded.count(), 1);
    PlayerModel &p = *s.player();
    QCOMPARE(p.userId(), player.userId);
    QCOMPARE(p.displayName(), u"Ledger"_s);
    QCOMPARE(p.role(), u"player"_s);
    QCOMPARE(p.score(), 20);
    QCOMPARE(p.ledgerScore(), 20);
    QCOMPARE(p.increments()->count(), 2);

    const QString reason = u"bot, says \"Metronome\" checker"_s;
    QSignalSpy reversed(&s, &ConsoleSession::reversed);
    s.reverseIncrement(incrementId, reason);
    QTRY_COMPARE(reversed.count(), 1);
    QTRY_COMPARE(p.increments()->count(), 3);
    QCOMPARE(p.ledgerScore(), 10);
    QCOMPARE(p.score(), 10);
    IncrementModel &ledger = *p.increments();
    const QModelIndex newest = ledger.index(0);
    QCOMPARE(newest.data(IncrementModel::KindRole).toString(), u"reversal"_s);
    QCOMPARE(newest.data(IncrementModel::StatusRole).toString(), u"reversal"_s);
    QCOMPARE(newest.data(IncrementModel::DeltaRole).toLongLong(), -10);
    QCOMPARE(newest.data(IncrementModel::ReversesIdRole).toLongLong(), incrementId);
    QVERIFY(newest.data(IncrementModel::AtMsRole).toLongLong() > 0);
    bool originalReversed = false;
    for (int row = 0; row < ledger.count(); ++row) {
        if (ledger.index(row).data(IncrementModel::IdRole).toLongLong() == incrementId)
            originalReversed
                = ledger.index(row).data(IncrementModel::StatusRole).toString() == u"reversed"_s;
    }
    QVERIFY(originalReversed);

    QSignalSpy suspended(&s, &ConsoleSession::suspendedChanged);
    s.suspend(player.userId, u"cheating"_s);
    QTRY_COMPARE(suspended.count(), 1);
    QTRY_VERIFY(p.suspended());

    // Each action refreshes the audit log by itself: no explicit refresh here. Beside the
    // decisions it holds the console's log-in and its reads of the player's profile.
    AuditModel &log = *s.audit();
    auto action = [&](int row) { return log.index(row).data(AuditModel::ActionRole).toString(); };
    auto decisionRows = [&] {
        QList<int> rows;
        for (int row = 0; row < log.count(); ++row) {
            if (action(row) != u"login"_s && action(row) != u"view-user"_s)
                rows << row;
        }
        return rows;
    };
    QTRY_COMPARE(decisionRows().size(), 2);
    const QList<int> rows = decisionRows();
    QCOMPARE(action(rows[0]), u"suspend"_s);
    QCOMPARE(action(rows[1]), u"reverse"_s);
    QCOMPARE(log.index(rows[1]).data(AuditModel::TargetRole).toString(),
        u"increment:%1"_s.arg(incrementId));
    QCOMPARE(log.index(rows[1]).data(AuditModel::StaffIdRole).toLongLong(), s.userId());
    QCOMPARE(action(log.count() - 1), u"login"_s);
    const int entries = log.count();

    const QList<QStringList> csv = parseCsv(log.toCsv());
    QCOMPARE(csv.size(), entries + 1);
    QCOMPARE(csv.at(0),
        (QStringList { u"id"_s, u"at"_s, u"staffId"_s, u"action"_s, u"target"_s, u"reason"_s }));
    QCOMPARE(csv.at(rows[1] + 1).size(), 6);
    QCOMPARE(csv.at(rows[1] + 1).at(3), u"reverse"_s);
    QCOMPARE(csv.at(rows[1] + 1).at(5), reason);
    QVERIFY(log.toCsv().contains(u"\"bot, says \"\"Metronome\"\" checker\""_s));
    QCOMPARE(AuditModel::csvField(u"two\nlines"_s), u"\"two\nlines\""_s);
    QCOMPARE(AuditModel::csvField(u"plain"_s), u"plain"_s);

    log.setFilterText(u"metronome"_s);
    QCOMPARE(log.count(), 1);
    QCOMPARE(parseCsv(log.toCsv()).size(), 2);
    log.setFilterText({});
    QCOMPARE(log.count(), entries);
}

void tst_Console::checkersConsoleHasNoAuditLogAndNoAddresses()
{
    Console c = console(u"checker@staff.example"_s);
    QVERIFY(c.session);
    ConsoleSession &s = *c.session;
    TestPlayer player = signUpPlayer(*m_server, u"Private"_s);
    QVERIFY(performAction(player)->ok);
    QSignalSpy loaded(&s, &ConsoleSession::playerLoaded);
    s.openPlayer(player.userId);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(s.player()->displayName(), u"Private"_s);
    QCOMPARE(s.player()->email(), QString());
    // A decision refreshes the audit log, which a checker does not get: it stays empty, and
    // nothing is shown as an error.
    QSignalSpy audit(&s, &ConsoleSession::auditLoaded);
    QSignalSpy suspended(&s, &ConsoleSession::suspendedChanged);
    s.suspend(player.userId, u"spam"_s);
    QTRY_COMPARE(suspended.count(), 1);
    QTRY_VERIFY(audit.count() > 0);
    QCOMPARE(s.audit()->count(), 0);
    QCOMPARE(s.errorMessage(), QString());
}

void tst_Console::csvExportWritesTheFile()
{
    // What the audit screen's export calls (FileWriter.writeText): UTF-8, replaced atomically,
    // and a message instead of a file when the folder cannot be written.
    QTemporaryDir dir;
    FileWriter files;
    const QString path = dir.filePath(u"audit.csv"_s);
    const QString text = u"id,reason\r\n1,\"caf\u00e9, \"\"bot\"\"\"\r\n"_s;
    QCOMPARE(files.writeText(path, text), QString());
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(written.readAll()), text);
    written.close();
    QCOMPARE(files.writeText(path, u"id\r\n"_s), QString()); // replaces
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), QByteArray("id\r\n"));
    const QString error = files.writeText(dir.filePath(u"missing/folder/audit.csv"_s), text);
    QVERIFY2(error.contains(u"Could not write"_s), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath(u"missing/folder/audit.csv"_s)));
}

void tst_Console::adminManagesEventsAndExportsResults()
{
    Console c = console(u"admin@staff.example"_s, Role::Admin);
    QVERIFY(c.session);
    ConsoleSession &s = *c.session;
    QAbstractItemModelTester standingsTester(
        s.standings(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(QTest::qWaitFor([&] { return s.events()->indexOf(u"main"_s) >= 0; }, 5000));

    // A form the server's rules refuse is named before anything is sent.
    QVariantMap form { { u"slug"_s, u"Bad Slug"_s }, { u"title"_s, u"Derby"_s }, { u"boardSize"_s, 10 } };
    s.saveEvent(form, true);
    QCOMPARE(s.errorCode(), u"slug_invalid"_s);
    form[u"slug"_s] = u"derby"_s;
    form[u"endsAtMs"_s] = 1'000.0;
    form[u"startsAtMs"_s] = 2'000.0;
    s.saveEvent(form, true);
    QCOMPARE(s.errorCode(), u"schedule_invalid"_s);
    QCOMPARE(s.events()->indexOf(u"derby"_s), -1);

    // Created with a catalogue: the server's event comes back into the list.
    form[u"startsAtMs"_s] = 0.0;
    form[u"endsAtMs"_s] = 0.0;
    form[u"category"_s] = u"football"_s;
    form[u"actions"_s] = QVariantList {
        QVariantMap { { u"kind"_s, u"goal"_s }, { u"label"_s, u"Goal"_s }, { u"points"_s, 3 } },
        QVariantMap { { u"kind"_s, u"assist"_s }, { u"label"_s, u"Assist"_s }, { u"points"_s, 1 } },
    };
    QSignalSpy saved(&s, &ConsoleSession::eventSaved);
    s.saveEvent(form, true);
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.takeFirst().at(0).toString(), u"derby"_s);
    auto derby = s.events()->find(u"derby"_s);
    QVERIFY(derby);
    QCOMPARE(derby->state, EventState::Live);
    QCOMPARE(derby->actions.size(), 2);
    QCOMPARE(derby->actions[0].points, 3);
    QCOMPARE(derby->category, u"football"_s);

    // Edited: a new title and board size; the slug stays.
    form[u"title"_s] = u"City derby"_s;
    form[u"boardSize"_s] = 25;
    s.saveEvent(form, false);
    QVERIFY(saved.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(s.events()->find(u"derby"_s)->title, u"City derby"_s, 5000);
    QCOMPARE(s.events()->find(u"derby"_s)->boardSize, 25);

    // Players score in it; the per-event totals and the ledger's events reach the player page.
    TestPlayer ada = signUpPlayer(*m_server, u"Ada"_s);
    TestPlayer bob = signUpPlayer(*m_server, u"=Bob"_s);
    QVERIFY(performAction(ada, u"derby"_s, u"goal"_s)->ok);
    QVERIFY(performAction(ada, u"derby"_s, u"assist"_s)->ok);
    const auto bobActed = performAction(bob, u"derby"_s, u"assist"_s);
    QVERIFY2(bobActed && bobActed->ok, bobActed ? qPrintable(bobActed->error.message) : "no reply");
    QVERIFY(performAction(ada)->ok); // main
    QSignalSpy loaded(&s, &ConsoleSession::playerLoaded);
    s.openPlayer(ada.userId);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(s.player()->scoreIn(u"derby"_s, 1), 4.0);
    QCOMPARE(s.player()->scoreIn(u"main"_s, 1), 10.0);
    const auto ledger = s.player()->increments();
    QCOMPARE(ledger->count(), 3);
    QCOMPARE(ledger->rows().at(0).event, u"main"_s);
    QCOMPARE(ledger->rows().at(1).event, u"derby"_s);
    QCOMPARE(ledger->rows().at(1).action, u"assist"_s);
    QCOMPARE(ledger->entry(ledger->rows().at(2).id).value(u"season"_s).toLongLong(), 1);

    // The live season's standings, a page at a time.
    s.loadStandings(u"derby"_s, 0, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!s.standings()->loading() && s.standings()->count() == 2, 5000);
    QCOMPARE(s.standings()->event(), u"derby"_s);
    QCOMPARE(s.standings()->season(), 1);
    QCOMPARE(s.standings()->total(), 2);
    QCOMPARE(s.standings()->rows().at(0).displayName, u"Ada"_s);

    // Closing needs a reason; closed, the season's standings are kept and export as CSV.
    s.closeEvent(u"derby"_s, u" "_s);
    QCOMPARE(s.errorCode(), u"bad_request"_s);
    s.closeEvent(u"derby"_s, u"final whistle"_s);
    QTRY_COMPARE_WITH_TIMEOUT(s.events()->find(u"derby"_s)->state, EventState::Closed, 5000);
    s.loadStandings(u"derby"_s, 1, 1);
    QTRY_VERIFY_WITH_TIMEOUT(!s.standings()->loading() && s.standings()->offset() == 1, 5000);
    QCOMPARE(s.standings()->count(), 1);
    QCOMPARE(s.standings()->rows().at(0).rank, 2);
    s.loadStandings(u"derby"_s, 7, 0); // no such season
    QTRY_COMPARE_WITH_TIMEOUT(s.errorCode(), u"season_unknown"_s, 5000);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"derby.csv"_s);
    QSignalSpy exported(&s, &ConsoleSession::resultsExported);
    s.exportResults(u"derby"_s, 1, QUrl::fromLocalFile(path).toString());
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.at(0).at(0).toString(), path);
    QCOMPARE(exported.at(0).at(1).toInt(), 2);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto csv = parseCsv(QString::fromUtf8(file.readAll()));
    QCOMPARE(csv.size(), 3);
    QCOMPARE(csv[0], (QStringList { u"rank"_s, u"userId"_s, u"displayName"_s, u"score"_s }));
    QCOMPARE(csv[1], (QStringList { u"1"_s, QString::number(ada.userId), u"Ada"_s, u"4"_s }));
    // The server's file as it is: a name a spreadsheet would run as a formula is defused.
    QCOMPARE(csv[2], (QStringList { u"2"_s, QString::number(bob.userId), u"'=Bob"_s, u"1"_s }));
    // An unknown season: the server's error, and no file.
    const QString missing = dir.filePath(u"none.csv"_s);
    s.exportResults(u"derby"_s, 9, missing);
    QTRY_COMPARE_WITH_TIMEOUT(s.errorCode(), u"season_unknown"_s, 5000);
    QVERIFY(!QFile::exists(missing));

    // Opened again with a reason: live, same season.
    s.openEvent(u"derby"_s, u"extra time"_s);
    QTRY_COMPARE_WITH_TIMEOUT(s.events()->find(u"derby"_s)->state, EventState::Live, 5000);
    // Every change is in the audit log, with its reason.
    QTRY_VERIFY_WITH_TIMEOUT(s.audit()->toCsv().contains(u"event-open"_s), 5000);
    const QString audit = s.audit()->toCsv();
    QVERIFY(audit.contains(u"event-create"_s));
    QVERIFY(audit.contains(u"event-update"_s));
    QVERIFY(audit.contains(u"final whistle"_s));
}

void tst_Console::checkerCannotChangeEvents()
{
    Console c = console(u"checker@staff.example"_s);
    QVERIFY(c.session);
    ConsoleSession &s = *c.session;
    s.saveEvent({ { u"slug"_s, u"sneaky"_s }, { u"title"_s, u"Sneaky"_s } }, true);
    QTRY_COMPARE_WITH_TIMEOUT(s.errorCode(), u"forbidden"_s, 5000);
    s.closeEvent(u"main"_s, u"because"_s);
    QTRY_COMPARE_WITH_TIMEOUT(s.errorCode(), u"forbidden"_s, 5000);
    QCOMPARE(s.events()->find(u"main"_s)->state, EventState::Live);
    QCOMPARE(s.events()->indexOf(u"sneaky"_s), -1);
    // Results are for every member of staff.
    s.loadStandings(u"main"_s, 0, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!s.standings()->loading() && s.standings()->event() == u"main"_s, 5000);
}

QTEST_GUILESS_MAIN(tst_Console)
#include "tst_console.moc"
