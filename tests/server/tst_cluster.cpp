// Several nodes on one PostgreSQL database: two real servers in one process, each with its own
// port, data folder and database connections, sharing only the database (and the secret key, as
// docs/scaling.md tells operators to). Needs the CTest fixture `postgres` (tests/postgres).
// Over 600 lines because each slot is one cross-node guarantee with its two-node setup.
#include "cluster/cluster.h"
#include "messages.h"
#include "pgtest.h"
#include "scoring/eventservice.h"
#include "scoring/scoreservice.h"
#include "serverfixture.h"
#include "store/sqlstore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

Flag flagOf(const QJsonObject &data)
{
    return std::get<Flag>(Flag::fromJson(data.value(u"flag"_s).toObject()));
}

/// A new socket on @p node logged in as @p email from @p device (null if refused).
std::unique_ptr<TestClient> logIn(RunningServer &node, const QString &email, const QString &device)
{
    auto client = node.client();
    const auto login = client->request(MessageType::AuthLogin,
        LoginRequest { email, u"correct horse battery"_s, device, {} }.toJson());
    return login && login->ok ? std::move(client) : nullptr;
}

} // namespace

class tst_Cluster : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void boardsFollowIncrementsOnEitherNode();
    void loginOnOneNodeEndsTheSessionOnTheOther();
    void sessionResumesOnAnotherNode();
    void challengeIssuedOnOneNodeIsRedeemedOnAnotherOnce();
    void flagAndReversalReachConsolesAndBoardsOnOtherNodes();
    void suspensionOnOneNodeClosesTheSocketOnTheOther();
    void heldIncrementLeavesAndReturnsToBoardsOnEveryNode();
    void concurrentIncrementsForOnePlayerFromTwoNodesAllCount();
    void eventsAndSeasonsAreTheSameOnEveryNodeAndRollOnce();
    void batchOfIncrementsStoresTextExactly();
    void nodeThatLostTheDatabaseResynchronises();
    void nodeWithAnotherKeyRefusesToStart();
    void sqliteServerMovesToPostgres();
    void databaseUrls_data();
    void databaseUrls();

private:
    std::unique_ptr<RunningServer> startNode(const QString &name, const QString &database,
        server::CheatPolicy policy = server::CheatPolicy::Apply);
    std::unique_ptr<TestClient> staff(
        RunningServer &node, const QString &email, Role role = Role::Admin);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database;
    QByteArray m_key;
    std::unique_ptr<RunningServer> m_a;
    std::unique_ptr<RunningServer> m_b;
};

void tst_Cluster::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    const QString name
        = u"cluster_"_s + QString::fromLatin1(QTest::currentTestFunction()).toLower();
    m_database = freshPostgresDatabase(name.left(60), &error);
    QVERIFY2(!m_database.isEmpty(), qPrintable(error));
    m_key = QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                .rightJustified(16, '0')
                .repeated(4);
    m_a = startNode(u"a"_s, m_database);
    QVERIFY2(m_a->started, qPrintable(m_a->error));
    m_b = startNode(u"b"_s, m_database);
    QVERIFY2(m_b->started, qPrintable(m_b->error));
    QVERIFY(m_a->server->cluster() && m_b->server->cluster());
}

void tst_Cluster::cleanup()
{
    m_a.reset();
    m_b.reset();
    m_dir.reset();
}

std::unique_ptr<RunningServer> tst_Cluster::startNode(
    const QString &name, const QString &database, server::CheatPolicy policy)
{
    const QString dataDir = m_dir->filePath(name);
    QDir().mkpath(dataDir);
    QFile key(dataDir + u"/secret.key"_s);
    if (key.open(QIODevice::WriteOnly))
        key.write(m_key + '\n');
    key.close();
    auto config = testConfig(dataDir);
    config.database = database;
    config.cheat.policy = policy;
    config.scoring.challengeDelayMs = 10;
    config.scoring.tickMs = 20;
    return std::make_unique<RunningServer>(config);
}

std::unique_ptr<TestClient> tst_Cluster::staff(RunningServer &node, const QString &email, Role role)
{
    return loggedInStaff(node, email, role);
}

void tst_Cluster::boardsFollowIncrementsOnEitherNode()
{
    auto viewerA = m_a->client();
    auto viewerB = m_b->client();
    QVERIFY(viewerA->request(MessageType::LeaderboardSubscribe)->ok);
    QVERIFY(viewerB->request(MessageType::LeaderboardSubscribe)->ok);
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    TestPlayer bob = signUpPlayer(*m_b, u"Bob"_s);
    QVERIFY(ann.userId > 0 && bob.userId > 0);

    QList<qint64> latenciesMs;
    for (int i = 1; i <= 5; ++i) {
        for (TestPlayer *p : { &ann, &bob }) {
            QVERIFY(performAction(*p)->ok);
            QElapsedTimer timer;
            timer.start();
            const qint64 want = i * 10;
            const qint64 userId = p->userId;
            // The other node's viewer sees it (and so does the own node's).
            TestClient &remote = p == &ann ? *viewerB : *viewerA;
            QVERIFY(waitForBoard(
                remote, [&](const Leaderboard &b) { return scoreOf(b, userId) == want; }));
            latenciesMs.append(timer.elapsed());
        }
    }
    std::sort(latenciesMs.begin(), latenciesMs.end());
    qInfo("cross-node board latency after the action's reply: median %lld ms, max %lld ms",
        latenciesMs[latenciesMs.size() / 2], latenciesMs.last());
    // A newcomer on either node gets the same board.
    for (RunningServer *node : { m_a.get(), m_b.get() }) {
        auto late = node->client();
        const auto board = late->request(MessageType::LeaderboardSubscribe);
        QVERIFY(board && board->ok);
        const auto parsed = std::get<Leaderboard>(Leaderboard::fromJson(board->data));
        QCOMPARE(scoreOf(parsed, ann.userId), 50);
        QCOMPARE(scoreOf(parsed, bob.userId), 50);
    }
    // leaderboard.me on either node agrees.
    QCOMPARE(
        bob.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 50);
    QCOMPARE(m_a->server->scores().scoreOf(bob.userId), 50);
}

void tst_Cluster::loginOnOneNodeEndsTheSessionOnTheOther()
{
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    QVERIFY(ann.userId > 0);
    auto phone = logIn(*m_b, ann.email, u"phone"_s);
    QVERIFY(phone);

    const auto revoked = ann.client->waitEvent(EventType::SessionRevoked);
    QVERIFY(revoked);
    QCOMPARE(revoked->data.value(u"reason"_s).toString(), u"signed_in_elsewhere"_s);
    QVERIFY(ann.client->waitClosed());
    QCOMPARE(ann.client->closeCode(), quint16(close_code::SignedInElsewhere));
    // The new device plays on.
    QVERIFY(phone->request(MessageType::ScoreChallenge)->ok);
}

void tst_Cluster::sessionResumesOnAnotherNode()
{
    // The balancer sends a reconnecting device anywhere: its session works on every node.
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    QVERIFY(performAction(ann)->ok);
    auto laptop = m_a->client();
    const auto login = laptop->request(MessageType::AuthLogin,
        LoginRequest { ann.email, u"correct horse battery"_s, u"laptop"_s, {} }.toJson());
    QVERIFY(login && login->ok);
    const QString token = login->data.value(u"token"_s).toString();
    laptop.reset(); // the connection drops

    auto again = m_b->client();
    const auto resumed
        = again->request(MessageType::AuthResume, ResumeRequest { token, u"laptop"_s }.toJson());
    QVERIFY(resumed && resumed->ok);
    QCOMPARE(again->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);
    QVERIFY(again->request(MessageType::ScoreChallenge)->ok);
    // A token is bound to its device on every node.
    auto thief = m_a->client();
    QCOMPARE(thief->request(MessageType::AuthResume, ResumeRequest { token, u"other"_s }.toJson())
                 ->error.code,
        ErrorCode::SessionInvalid);
    // Logging out on B ends the session for A too.
    QVERIFY(again->request(MessageType::AuthLogout)->ok);
    auto late = m_a->client();
    QCOMPARE(late->request(MessageType::AuthResume, ResumeRequest { token, u"laptop"_s }.toJson())
                 ->error.code,
        ErrorCode::SessionInvalid);
}

void tst_Cluster::challengeIssuedOnOneNodeIsRedeemedOnAnotherOnce()
{
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    const auto challenge = ann.client->request(MessageType::ScoreChallenge);
    QVERIFY(challenge && challenge->ok);
    const QString id = challenge->data.value(u"challengeId"_s).toString();
    QTest::qWait(20);

    // The device moves to node B (say, the load balancer sent its new connection there).
    auto moved = logIn(*m_b, ann.email, u"dev-Ann"_s);
    QVERIFY(moved);
    const auto redeemed = moved->request(MessageType::ScoreAction, ActionRequest { id }.toJson());
    QVERIFY(redeemed && redeemed->ok);
    QCOMPARE(redeemed->data.value(u"score"_s).toInteger(), 10);

    // A replay pays nothing, wherever it is sent.
    const auto replay = moved->request(MessageType::ScoreAction, ActionRequest { id }.toJson());
    QCOMPARE(replay->error.code, ErrorCode::ChallengeUsed);
    auto back = logIn(*m_a, ann.email, u"dev-Ann"_s);
    QVERIFY(back);
    QCOMPARE(back->request(MessageType::ScoreAction, ActionRequest { id }.toJson())->error.code,
        ErrorCode::ChallengeUsed);
    // A forged id is unknown everywhere.
    QString forged = id;
    forged[5] = forged[5] == u'A' ? u'B' : u'A';
    QCOMPARE(back->request(MessageType::ScoreAction, ActionRequest { forged }.toJson())->error.code,
        ErrorCode::ChallengeUnknown);
    QCOMPARE(back->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);
}

void tst_Cluster::flagAndReversalReachConsolesAndBoardsOnOtherNodes()
{
    auto consoleA = staff(*m_a, u"alice@staff.example"_s);
    auto consoleB = staff(*m_b, u"bruno@staff.example"_s);
    QVERIFY(consoleA && consoleB);
    QVERIFY(consoleA->request(MessageType::AdminFlagsSubscribe)->ok);
    QVERIFY(consoleB->request(MessageType::AdminFlagsSubscribe)->ok);
    auto [viewerA, cheat, incrementId] = playerOnBoard(*m_a, u"Cheat"_s, 2, 20);
    QVERIFY(incrementId > 0);

    // Bruno (node B) flags; Alice (node A) sees the new flag live.
    const auto flagged = consoleB->request(
        MessageType::AdminFlag, ManualFlagRequest { incrementId, u"looks scripted"_s }.toJson());
    QVERIFY(flagged && flagged->ok);
    const auto seen = consoleA->waitEvent(EventType::FlagNew);
    QVERIFY(seen);
    const Flag flag = flagOf(seen->data);
    QCOMPARE(flag.incrementId, incrementId);
    QCOMPARE(flag.displayName, u"Cheat"_s);

    // Bruno reverses it: the board on node A drops, Alice's queue shows the decision.
    const auto reversed = consoleB->request(
        MessageType::AdminReverse, ReverseRequest { 0, flag.id, u"confirmed bot"_s }.toJson());
    QVERIFY(reversed && reversed->ok);
    QCOMPARE(reversed->data.value(u"score"_s).toInteger(), 10);
    QVERIFY(waitForBoard(
        *viewerA, [&](const Leaderboard &b) { return scoreOf(b, cheat.userId) == 10; }));
    const auto updated = consoleA->waitEvent(EventType::FlagUpdated);
    QVERIFY(updated);
    QCOMPARE(flagOf(updated->data).status, FlagStatus::Reversed);
    QCOMPARE(
        cheat.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);

    // The player plays on at node A; the next increment builds on the reversed total.
    const auto next = performAction(cheat);
    QVERIFY(next && next->ok);
    QCOMPARE(next->data.value(u"score"_s).toInteger(), 20);
    // Both consoles read the same audit log.
    const auto audit = consoleA->request(MessageType::AdminAudit);
    QCOMPARE(audit->data.value(u"entries"_s).toArray()[0].toObject().value(u"action"_s).toString(),
        u"reverse"_s);
}

void tst_Cluster::suspensionOnOneNodeClosesTheSocketOnTheOther()
{
    auto admin = staff(*m_b, u"frank@staff.example"_s);
    auto [viewerA, banned, incrementId] = playerOnBoard(*m_a, u"Banned"_s, 1, 10);
    QVERIFY(incrementId > 0);

    QVERIFY(admin
                ->request(MessageType::AdminSuspend,
                    SuspendRequest { banned.userId, u"cheating"_s }.toJson())
                ->ok);
    QVERIFY(banned.client->waitClosed());
    QCOMPARE(banned.client->closeCode(), quint16(close_code::Suspended));
    QVERIFY(waitForBoard(*viewerA, [](const Leaderboard &b) { return b.top.isEmpty(); }));

    QVERIFY(admin
                ->request(MessageType::AdminUnsuspend,
                    SuspendRequest { banned.userId, u"appeal"_s }.toJson())
                ->ok);
    QVERIFY(waitForBoard(*viewerA, [](const Leaderboard &b) { return b.top.size() == 1; }));
}

void tst_Cluster::heldIncrementLeavesAndReturnsToBoardsOnEveryNode()
{
    // Under the `hold` policy a flagged increment leaves the public boards of every node until
    // staff decide, whichever node raised or decided the flag.
    m_a.reset();
    m_b.reset();
    m_a = startNode(u"a"_s, m_database, server::CheatPolicy::Hold);
    m_b = startNode(u"b"_s, m_database, server::CheatPolicy::Hold);
    QVERIFY(m_a->started && m_b->started);
    auto checker = staff(*m_b, u"hana@staff.example"_s, Role::Checker);
    auto [viewerA, dan, firstId] = playerOnBoard(*m_a, u"Dan"_s, 2, 20);
    QVERIFY(firstId > 0);

    const auto flagged = checker->request(
        MessageType::AdminFlag, ManualFlagRequest { firstId, u"odd"_s }.toJson());
    QVERIFY(flagged && flagged->ok);
    QVERIFY(
        waitForBoard(*viewerA, [&](const Leaderboard &b) { return scoreOf(b, dan.userId) == 10; }));
    QCOMPARE(m_a->server->scores().scoreOf(dan.userId), 10);
    QCOMPARE(m_a->server->scores().ledgerScoreOf(dan.userId), 20);

    QVERIFY(checker
                ->request(MessageType::AdminApprove,
                    ApproveRequest { flagOf(flagged->data).id, u"fine"_s }.toJson())
                ->ok);
    QVERIFY(
        waitForBoard(*viewerA, [&](const Leaderboard &b) { return scoreOf(b, dan.userId) == 20; }));
}

void tst_Cluster::concurrentIncrementsForOnePlayerFromTwoNodesAllCount()
{
    // Straight at the store layer: two connections (as two nodes have) append for the same
    // players at the same time, batch after batch, while a third reverses some entries.
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    TestPlayer bob = signUpPlayer(*m_a, u"Bob"_s);
    QString error;
    const auto target = server::PostgresTarget::fromUrl(m_database, &error);
    QVERIFY2(target, qPrintable(error));
    std::vector<std::unique_ptr<server::StoreExecutor>> nodes;
    for (const char *id : { "x", "y" }) {
        nodes.push_back(std::make_unique<server::StoreExecutor>(
            [t = *target, id] { return server::SqlStore::postgres(t, QString::fromLatin1(id)); }));
        QVERIFY(nodes.back()->start(&error));
    }
    constexpr int kBatches = 60;
    constexpr int kPerBatch = 10;
    int done = 0;
    int failed = 0;
    QList<qint64> firstIds;
    for (int b = 0; b < kBatches; ++b) {
        for (size_t n = 0; n < nodes.size(); ++n) {
            QList<server::NewIncrement> batch;
            for (int i = 0; i < kPerBatch; ++i) {
                const qint64 user = (i % 2) ? ann.userId : bob.userId;
                batch.append({ user, 7, 1, u"c-%1-%2-%3"_s.arg(n).arg(b).arg(i), 0, u"test"_s });
            }
            nodes[n]->run([batch](server::Store &s) { return s.appendIncrements(batch); },
                [&](server::StoreResult<server::AppendResult> r) {
                    ++done;
                    if (!r.ok()) {
                        ++failed;
                        qWarning() << r.error;
                        return;
                    }
                    if (firstIds.size() < 10)
                        firstIds.append(r.value->ids.first());
                });
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, kBatches * 2, 60000);
    QCOMPARE(failed, 0);
    // Reversals from a third connection, racing each other for the same increments.
    int reversed = 0;
    int reversalsDone = 0;
    for (qint64 id : std::as_const(firstIds)) {
        for (auto &node : nodes) {
            node->run([id](server::Store &s) { return s.appendReversal(id, 2); },
                [&](server::StoreResult<qint64> r) {
                    ++reversalsDone;
                    if (r.ok() && *r.value > 0)
                        ++reversed;
                });
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(reversalsDone, int(firstIds.size() * 2), 30000);
    QCOMPARE(reversed, int(firstIds.size())); // each reversed once, never twice

    const auto check = nodes[0]->runAndWait(
        [](server::Store &s) { return std::pair(s.scoreTable(), s.ledgerTotals()); });
    QVERIFY(check.ok());
    QCOMPARE(check.value->first, check.value->second);
    qint64 sum = 0;
    for (const auto &row : check.value->first)
        sum += row.score;
    QCOMPARE(sum, qint64(kBatches) * 2 * kPerBatch * 7 - qint64(reversed) * 7);
    // And the running nodes, told through notifications, agree with the tables.
    for (const auto &row : check.value->first) {
        QTRY_COMPARE(m_a->server->scores().ledgerScoreOf(row.userId), row.score);
        QTRY_COMPARE(m_b->server->scores().ledgerScoreOf(row.userId), row.score);
    }
}

void tst_Cluster::eventsAndSeasonsAreTheSameOnEveryNodeAndRollOnce()
{
    // Both nodes on stopped clocks that the test moves together.
    for (RunningServer *node : { m_a.get(), m_b.get() })
        node->server->clock().setManual(true);
    const auto advanceBoth = [&](qint64 ms) {
        m_a->server->clock().advance(ms);
        m_b->server->clock().advance(ms);
    };
    auto admin = staff(*m_a, u"admin@example.org"_s);
    auto watcherB = m_b->client();
    QVERIFY(watcherB->request(MessageType::EventsSubscribe)->ok);
    const auto created = admin->request(MessageType::AdminEventCreate,
        QJsonObject { { u"slug"_s, u"relay"_s }, { u"title"_s, u"Relay"_s },
            { u"resetEvery"_s, u"PT10S"_s } });
    QVERIFY(created && created->ok);
    // Node B hears of it and tells its subscribers.
    const auto heard = watcherB->waitEvent(EventType::EventChanged, 5000);
    QVERIFY(heard);
    QCOMPARE(heard->data.value(u"event"_s).toObject().value(u"slug"_s).toString(), u"relay"_s);

    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    TestPlayer bob = signUpPlayer(*m_b, u"Bob"_s);
    QVERIFY(performAction(ann, u"relay"_s)->ok);
    QVERIFY(performAction(ann, u"relay"_s)->ok);
    QVERIFY(performAction(bob, u"relay"_s)->ok);
    const auto boardOf = [](RunningServer &node) {
        const auto *board = node.server->scores().boards().find(u"relay"_s);
        return board ? node.server->scores().boards().top(*board, 10) : QList<BoardEntry>();
    };
    QTRY_COMPARE_WITH_TIMEOUT(boardOf(*m_b).size(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(boardOf(*m_a), boardOf(*m_b), 5000);
    QCOMPARE(boardOf(*m_a).value(0).userId, ann.userId);
    // main is untouched on both.
    QCOMPARE(m_a->server->scores().scoreOf(ann.userId), 0);

    // The boundary passes on both nodes; each sees it due, exactly one rolls the season.
    advanceBoth(10'000);
    for (RunningServer *node : { m_a.get(), m_b.get() }) {
        QTRY_COMPARE_WITH_TIMEOUT(
            node->server->scores().boards().find(u"relay"_s)->event.season, qint64(2), 5000);
    }
    const auto seasons = m_a->server->store().runAndWait([](server::Store &s) {
        const auto event = s.eventBySlug(u"relay"_s);
        return std::pair(s.seasons(event->id), event->revision);
    });
    QCOMPARE(seasons.value->first.size(), 2);
    QCOMPARE(seasons.value->first[0].endedAtMs, seasons.value->first[1].startedAtMs);
    QCOMPARE(seasons.value->second, qint64(2)); // created, then rolled once: no second roll
    QCOMPARE(m_a->server->scores().boards().find(u"relay"_s)->event,
        m_b->server->scores().boards().find(u"relay"_s)->event);
    QVERIFY(boardOf(*m_a).isEmpty() && boardOf(*m_b).isEmpty());

    // An entry for the finished season (a node that had not heard of the roll yet) is refused
    // by the store, and nothing of it is written.
    const qint64 eventId = m_a->server->scores().boards().find(u"relay"_s)->event.id;
    const auto late = m_b->server->store().runAndWait([&](server::Store &s) {
        return s.appendIncrements(
            { { bob.userId, 10, 1, u"late-one"_s, 0, {}, eventId, 1, u"tap"_s } });
    });
    QCOMPARE(late.value->ids, QList<qint64> { server::AppendResult::kNotLive });
    QVERIFY(late.value->totals.isEmpty());

    // Season 2 on either node, and season 1's kept standings read alike on both.
    QVERIFY(performAction(bob, u"relay"_s)->ok);
    QTRY_COMPARE_WITH_TIMEOUT(boardOf(*m_a).size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(boardOf(*m_a), boardOf(*m_b), 5000);
    const PageRequest kept { u"relay"_s, 1, 0, 10 };
    const auto onA = ann.client->request(MessageType::LeaderboardPage, kept.toJson());
    const auto onB = bob.client->request(MessageType::LeaderboardPage, kept.toJson());
    QVERIFY(onA && onA->ok && onB && onB->ok);
    QCOMPARE(onA->data, onB->data);
    const auto standings = std::get<PageReply>(PageReply::fromJson(onA->data));
    QCOMPARE(standings.entries.size(), 2);
    QCOMPARE(standings.entries[0].score, 20);

    // Closed by staff on node B, closed on node A too, and actions there are refused.
    auto adminB = staff(*m_b, u"admin2@example.org"_s);
    QVERIFY(adminB->request(MessageType::AdminEventClose,
        EventStateRequest { u"relay"_s, u"done"_s }.toJson())->ok);
    QTRY_COMPARE_WITH_TIMEOUT(m_a->server->scores().boards().find(u"relay"_s)->event.state,
        EventState::Closed, 5000);
    QCOMPARE(performAction(ann, u"relay"_s)->error.code, ErrorCode::EventNotLive);
}

void tst_Cluster::batchOfIncrementsStoresTextExactly()
{
    // PostgreSQL takes a batch as arrays in one statement: text must survive the quoting, a
    // challenge repeated in the batch or already paid pays nothing, and ids come back in order.
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    QVERIFY(ann.userId > 0);
    const QStringList odd { u"quote\"d"_s, u"back\\slash"_s, u"{brace},comma"_s, u"NULL"_s, u""_s,
        u"\u00e9t\u00e9 \u2603"_s };
    QList<server::NewIncrement> batch;
    for (qsizetype i = 0; i < odd.size(); ++i)
        batch.append({ ann.userId, 1, 1000 + i, u"challenge "_s + odd[i], 0, odd[i] });
    batch.append({ ann.userId, 1, 2000, u"challenge "_s + odd[0], 0, u"again"_s });
    const auto appended = m_a->server->store().runAndWait(
        [&](server::Store &s) { return s.appendIncrements(batch); });
    QVERIFY2(appended.ok(), qPrintable(appended.error));
    QCOMPARE(appended.value->ids.size(), batch.size());
    QCOMPARE(appended.value->ids.last(), 0);
    for (qsizetype i = 0; i < odd.size(); ++i) {
        const qint64 id = appended.value->ids[i];
        QVERIFY(id > 0);
        const auto entry
            = m_a->server->store().runAndWait([id](server::Store &s) { return s.ledgerEntry(id); });
        QVERIFY(entry.ok() && entry.value->has_value());
        QCOMPARE((*entry.value)->challengeId, u"challenge "_s + odd[i]);
        QCOMPARE((*entry.value)->clientAddress, odd[i]);
        QCOMPARE((*entry.value)->atMs, 1000 + i);
    }
    QCOMPARE(appended.value->totals.size(), 1);
    QCOMPARE(appended.value->totals[0].score, odd.size());
    const auto again = m_a->server->store().runAndWait(
        [&](server::Store &s) { return s.appendIncrements(batch.mid(0, 1)); });
    QVERIFY(again.ok());
    QCOMPARE(again.value->ids, QList<qint64> { 0 });
}

void tst_Cluster::nodeThatLostTheDatabaseResynchronises()
{
    // Node C connects as its own role, so the test can cut it off alone: terminate its
    // connections and refuse it new ones while the other node carries on.
    QString error;
    const QString role = u"cluster_node_c"_s;
    QVERIFY2(runOnPostgres(m_database,
                 { u"DROP ROLE IF EXISTS %1"_s.arg(role),
                     u"CREATE ROLE %1 LOGIN SUPERUSER"_s.arg(role) },
                 &error),
        qPrintable(error));
    QUrl url(m_database);
    url.setUserName(role);
    m_b.reset();
    m_b = startNode(u"c"_s, url.toString());
    QVERIFY2(m_b->started, qPrintable(m_b->error));
    QSignalSpy resynced(m_b->server->cluster(), &server::Cluster::resynchronised);

    auto viewerC = m_b->client();
    QVERIFY(viewerC->request(MessageType::LeaderboardSubscribe)->ok);
    TestPlayer ann = signUpPlayer(*m_a, u"Ann"_s);
    QVERIFY(performAction(ann)->ok);
    QVERIFY(
        waitForBoard(*viewerC, [&](const Leaderboard &b) { return scoreOf(b, ann.userId) == 10; }));
    // Bob plays on node C.
    TestPlayer bob = signUpPlayer(*m_b, u"Bob"_s);
    QVERIFY(bob.userId > 0);

    QVERIFY2(
        runOnPostgres(m_database,
            { u"ALTER ROLE %1 NOLOGIN"_s.arg(role),
                u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%1'"_s
                    .arg(role) },
            &error),
        qPrintable(error));
    // While C is cut off: Ann scores on A, and Bob logs in on A (ending his session on C).
    QVERIFY(performAction(ann)->ok);
    QVERIFY(performAction(ann)->ok);
    auto bobElsewhere = logIn(*m_a, bob.email, u"laptop"_s);
    QVERIFY(bobElsewhere);
    // Node C missed both notifications...
    QVERIFY(!waitForBoard(
        *viewerC, [&](const Leaderboard &b) { return scoreOf(b, ann.userId) == 30; }, 1500));
    QVERIFY(bob.client->isConnected());

    // ...and catches up from the tables once the database takes it back.
    QVERIFY2(runOnPostgres(m_database, { u"ALTER ROLE %1 LOGIN"_s.arg(role) }, &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(resynced.count() >= 1, 15000);
    QVERIFY(
        waitForBoard(*viewerC, [&](const Leaderboard &b) { return scoreOf(b, ann.userId) == 30; }));
    QVERIFY(bob.client->waitClosed());
    QCOMPARE(bob.client->closeCode(), quint16(close_code::SignedInElsewhere));
    // And it serves again: a new player on C scores, and A's viewers see it.
    auto viewerA = m_a->client();
    QVERIFY(viewerA->request(MessageType::LeaderboardSubscribe)->ok);
    TestPlayer cat = signUpPlayer(*m_b, u"Cat"_s);
    QVERIFY(cat.userId > 0);
    QVERIFY(performAction(cat)->ok);
    QVERIFY(
        waitForBoard(*viewerA, [&](const Leaderboard &b) { return scoreOf(b, cat.userId) == 10; }));
    m_b.reset();
    QVERIFY(runOnPostgres(m_database, { u"DROP ROLE IF EXISTS %1"_s.arg(role) }, &error));
}

void tst_Cluster::nodeWithAnotherKeyRefusesToStart()
{
    m_key = QByteArray(64, 'e');
    auto stranger = startNode(u"d"_s, m_database);
    QVERIFY(!stranger->started);
    QVERIFY2(stranger->error.contains(u"secret.key"_s), qPrintable(stranger->error));
}

void tst_Cluster::sqliteServerMovesToPostgres()
{
    // One SQLite server with players, a flag, a reversal and an audit trail...
    const QString dir = m_dir->filePath(u"solo"_s);
    auto config = testConfig(dir);
    config.scoring.challengeDelayMs = 10;
    auto solo = std::make_unique<RunningServer>(config);
    QVERIFY2(solo->started, qPrintable(solo->error));
    auto admin = staff(*solo, u"olga@staff.example"_s, Role::Admin);
    TestPlayer ann = signUpPlayer(*solo, u"Ann"_s);
    TestPlayer bob = signUpPlayer(*solo, u"Bob"_s);
    const auto first = performAction(ann);
    QVERIFY(first && first->ok);
    QVERIFY(performAction(ann)->ok && performAction(bob)->ok);
    QVERIFY(admin
                ->request(MessageType::AdminReverse,
                    ReverseRequest {
                        first->data.value(u"incrementId"_s).toInteger(), 0, u"double click"_s }
                        .toJson())
                ->ok);
    const auto before = std::get<Leaderboard>(
        Leaderboard::fromJson(solo->client()->request(MessageType::LeaderboardSubscribe)->data));
    QCOMPARE(before.top.size(), 2);

    // ...refuses to be copied while it runs, and is copied once it stopped.
    QString error;
    const QString target = freshPostgresDatabase(u"cluster_copy_target"_s, &error);
    QVERIFY2(!target.isEmpty(), qPrintable(error));
    const auto copy = [&] {
        QProcess process;
        process.start(qEnvironmentVariable("SCOREBOARD_SERVER_BIN"),
            { u"copy-database"_s, u"--data-dir"_s, dir, u"--to"_s, target });
        process.waitForFinished(60000);
        return std::pair(process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
    };
    const auto busy = copy();
    QCOMPARE(busy.first, 1);
    QVERIFY2(busy.second.contains(u"stop it first"_s), qPrintable(busy.second));
    ann.client.reset();
    bob.client.reset();
    admin.reset();
    solo.reset();
    const auto copied = copy();
    QVERIFY2(copied.first == 0, qPrintable(copied.second));
    QVERIFY2(copied.second.contains(u"ledger: 4 row(s)"_s), qPrintable(copied.second));
    const auto again = copy();
    QCOMPARE(again.first, 1);
    QVERIFY2(again.second.contains(u"not empty"_s), qPrintable(again.second));

    // A node on PostgreSQL (same data folder, so the same secret.key) carries on from there.
    config.database = target;
    auto node = std::make_unique<RunningServer>(config);
    QVERIFY2(node->started, qPrintable(node->error));
    const auto after = std::get<Leaderboard>(
        Leaderboard::fromJson(node->client()->request(MessageType::LeaderboardSubscribe)->data));
    QCOMPARE(after.top, before.top);
    auto annAgain = logIn(*node, ann.email, u"dev-Ann"_s);
    QVERIFY(annAgain);
    QCOMPARE(annAgain->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);
    TestPlayer cat = signUpPlayer(*node, u"Cat"_s); // new ids follow the copied ones
    QVERIFY(cat.userId > bob.userId);
    const auto catAction = performAction(cat);
    QVERIFY(catAction && catAction->ok);
    QVERIFY(catAction->data.value(u"incrementId"_s).toInteger() > 4);
    auto olga = logIn(*node, u"olga@staff.example"_s, u"console"_s);
    QVERIFY(!olga); // staff use their own password
    auto console = node->client();
    QVERIFY(console
                ->request(MessageType::AuthLogin,
                    LoginRequest { u"olga@staff.example"_s, u"staff pass phrase"_s, u"c"_s, {} }
                        .toJson())
                ->ok);
    // The audit trail came along: the reversal (and Olga's log-ins, on both servers).
    const auto audit = console->request(MessageType::AdminAudit);
    QStringList actions;
    QString reason;
    for (const auto &entry : audit->data.value(u"entries"_s).toArray()) {
        actions << entry.toObject().value(u"action"_s).toString();
        if (actions.last() == u"reverse"_s)
            reason = entry.toObject().value(u"reason"_s).toString();
    }
    QCOMPARE(actions, (QStringList { u"login"_s, u"reverse"_s, u"login"_s }));
    QCOMPARE(reason, u"double click"_s);
}

void tst_Cluster::databaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");
    QTest::newRow("full") << u"postgresql://sb@db.example:6543/scores"_s << true << u"db.example"_s
                          << 6543 << u"sb"_s << u"scores"_s << u""_s;
    QTest::newRow("short scheme, local socket")
        << u"postgres:///scores"_s << true << u""_s << -1 << u""_s << u"scores"_s << u""_s;
    QTest::newRow("parameters") << u"postgresql://h/d?sslmode=require&application_name=n1"_s << true
                                << u"h"_s << -1 << u""_s << u"d"_s
                                << u"sslmode=require;application_name=n1"_s;
    QTest::newRow("no database") << u"postgresql://h/"_s << false << u""_s << -1 << u""_s << u""_s
                                 << u""_s;
    QTest::newRow("other scheme") << u"mysql://h/d"_s << false << u""_s << -1 << u""_s << u""_s
                                  << u""_s;
    QTest::newRow("injected parameter") << u"postgresql://h/d?sslmode=require%20host=evil"_s
                                        << false << u""_s << -1 << u""_s << u""_s << u""_s;
}

void tst_Cluster::databaseUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QString error;
    const auto target = server::PostgresTarget::fromUrl(url, &error);
    QCOMPARE(target.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QTEST(target->host, "host");
    QTEST(target->port, "port");
    QTEST(target->user, "user");
    QTEST(target->database, "database");
    QTEST(target->options, "options");
}

QTEST_GUILESS_MAIN(tst_Cluster)
#include "tst_cluster.moc"
