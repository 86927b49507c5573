// The client's session and board model against a real scoreboard-server (in this process,
// real sockets, real SQLite, codes read from the server's mail folder).
#include "leaderboardmodel.h"
#include "session.h"

#include "app/server.h"
#include "moderation/eventdecisions.h"
#include "store/storeexecutor.h"
#include "testclient.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::app;
using namespace scoreboard::client;
using namespace scoreboard::protocol;
using scoreboard::test::kPassword;

namespace {

server::ServerConfig config(const QString &dir, quint16 port = 0)
{
    server::ServerConfig c;
    c.listen = QHostAddress::LocalHost;
    c.port = port;
    c.dataDir = dir;
    c.mail.mailDir = dir + u"/mail"_s;
    c.scoring.challengeDelayMs = 20;
    c.scoring.tickMs = 20;
    const server::RateRule generous { 10'000, 1 };
    c.auth.limits.signupPerAddress = c.auth.limits.verifyPerAddress = c.auth.limits.loginPerAddress
        = generous;
    return c;
}

} // namespace

class tst_Session : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void boardModelKeepsRowsAndValidates();
    void everyErrorCodeHasAHumanMessage();
    void signUpVerifyLogInActAndSeeTheBoard();
    void wrongCodeSaysHowManyTriesAreLeft();
    void secondLoginSignsTheFirstOut();
    void reconnectsAndResumesAfterServerRestart();
    void settingsAreRemembered();
    void idleViewerStaysConnected();
    void eventsModelFollowsTheServer();
    void playsAnEventWithItsKindsAndSeesWhoOvertook();

private:
    std::unique_ptr<Session> newSession(const QString &name);
    bool startServer(quint16 port = 0);
    /// Signs up and verifies @p email through @p session.
    bool registerThrough(Session &session, const QString &email, const QString &name);
    /// A new session (settings @p settingsName) online, and @p email registered and logged in
    /// through it; null if a step failed.
    std::unique_ptr<Session> loggedInSession(
        const QString &settingsName, const QString &email, const QString &displayName);

    /// Makes an event with the kinds goal (3 points) and assist (1) in the database, as the
    /// `event` command does; the server takes it up within a second.
    bool makeEvent(const QString &slug, const QString &title, qint64 startsAtMs = 0);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<server::Server> m_server;
};

bool tst_Session::makeEvent(const QString &slug, const QString &title, qint64 startsAtMs)
{
    protocol::EventSpec spec;
    spec.slug = slug;
    spec.title = title;
    spec.startsAtMs = startsAtMs;
    spec.actions = { { u"goal"_s, u"Goal"_s, 3 }, { u"assist"_s, u"Assist"_s, 1 } };
    const server::StaffAction action { 0, u"test"_s, QDateTime::currentMSecsSinceEpoch() };
    const auto made = m_server->store().runAndWait([&](server::Store &store) {
        return server::createEvent(store, action, spec, QTimeZone::utc());
    });
    return made.ok() && !made.value->refused();
}

void tst_Session::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(startServer());
}

void tst_Session::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool tst_Session::startServer(quint16 port)
{
    m_server = std::make_unique<server::Server>(config(m_dir->path(), port));
    QString error;
    if (!m_server->start(&error)) {
        qWarning("server did not start: %s", qPrintable(error));
        return false;
    }
    return true;
}

std::unique_ptr<Session> tst_Session::newSession(const QString &name)
{
    auto session = std::make_unique<Session>(m_dir->filePath(name + u".ini"_s));
    session->setServerUrl(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server->port())));
    session->connectToServer();
    return session;
}

bool tst_Session::registerThrough(Session &session, const QString &email, const QString &name)
{
    QSignalSpy codeSent(&session, &Session::codeSent);
    QSignalSpy verified(&session, &Session::verified);
    session.signUp(email, name, kPassword);
    if (!codeSent.wait(5000))
        return false;
    QString code;
    if (!QTest::qWaitFor(
            [&] {
                return !(code = test::codeFromMailDir(m_server->config().mail.mailDir, email))
                            .isEmpty();
            },
            5000))
        return false;
    session.verify(code);
    return verified.wait(5000);
}

std::unique_ptr<Session> tst_Session::loggedInSession(
    const QString &settingsName, const QString &email, const QString &displayName)
{
    auto session = newSession(settingsName);
    if (!QTest::qWaitFor([&] { return session->state() == Session::State::Online; }, 5000)
        || !registerThrough(*session, email, displayName))
        return nullptr;
    session->logIn(email, kPassword);
    if (!QTest::qWaitFor([&] { return session->loggedIn(); }, 5000))
        return nullptr;
    return session;
}

void tst_Session::boardModelKeepsRowsAndValidates()
{
    LeaderboardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    model.setMe(2);
    model.apply({ 1, { { 1, 1, u"A"_s, 30 }, { 2, 2, u"B"_s, 20 }, { 3, 3, u"C"_s, 10 } } });
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(1), LeaderboardModel::IsMeRole).toBool(), true);
    // C overtakes everyone: one move, not a reset.
    model.apply({ 2, { { 1, 3, u"C"_s, 40 }, { 2, 1, u"A"_s, 30 }, { 3, 2, u"B"_s, 20 } } });
    QCOMPARE(moved.size(), 1);
    QCOMPARE(model.data(model.index(0), LeaderboardModel::DisplayNameRole).toString(), u"C"_s);
    QCOMPARE(model.data(model.index(2), LeaderboardModel::IsMeRole).toBool(), true);
    // An older version is ignored; a shorter board removes rows.
    model.apply({ 1, { { 1, 1, u"A"_s, 99 } } });
    QCOMPARE(model.data(model.index(0), LeaderboardModel::ScoreRole).toLongLong(), 40);
    model.apply({ 3, { { 1, 1, u"A"_s, 50 } } });
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.version(), 3);
}

void tst_Session::everyErrorCodeHasAHumanMessage()
{
    for (const auto code : allErrorCodes())
        QVERIFY2(!Session::messageFor(code).isEmpty(), qPrintable(errorCodeName(code)));
}

void tst_Session::signUpVerifyLogInActAndSeeTheBoard()
{
    auto session = newSession(u"ada"_s);
    QTRY_COMPARE(session->state(), Session::State::Online);
    QVERIFY(registerThrough(*session, u"ada@example.org"_s, u"Ada"_s));
    QCOMPARE(session->pendingEmail(), u"ada@example.org"_s);
    QVERIFY(session->resendSeconds() > 0);

    session->logIn(u"ada@example.org"_s, kPassword);
    QTRY_VERIFY(session->loggedIn());
    QCOMPARE(session->displayName(), u"Ada"_s);

    QSignalSpy accepted(session.get(), &Session::actionAccepted);
    session->act();
    QVERIFY(accepted.wait(5000));
    QCOMPARE(accepted.first().at(1).toLongLong(), 10);
    QCOMPARE(session->score(), 10);
    QCOMPARE(session->rank(), 1);
    session->act();
    QTRY_COMPARE(session->score(), 20);

    LeaderboardModel *board = session->board();
    QTRY_COMPARE(board->rowCount(), 1);
    QTRY_COMPARE(board->data(board->index(0), LeaderboardModel::ScoreRole).toLongLong(), 20);
    QCOMPARE(board->data(board->index(0), LeaderboardModel::IsMeRole).toBool(), true);
}

void tst_Session::wrongCodeSaysHowManyTriesAreLeft()
{
    auto session = newSession(u"bob"_s);
    QTRY_COMPARE(session->state(), Session::State::Online);
    QSignalSpy codeSent(session.get(), &Session::codeSent);
    session->signUp(u"bob@example.org"_s, u"Bob"_s, kPassword);
    QVERIFY(codeSent.wait(5000));
    session->verify(
        u"000000"_s == test::codeFromMailDir(m_server->config().mail.mailDir, u"bob@example.org"_s)
            ? u"111111"_s
            : u"000000"_s);
    QTRY_COMPARE(session->errorCode(), u"otp_invalid"_s);
    QVERIFY2(session->errorMessage().contains(u"4 attempt"_s), qPrintable(session->errorMessage()));
    QVERIFY(!session->passwordProblem(u"password1"_s, u"bob@example.org"_s, u"Bob"_s).isEmpty());
    QVERIFY(session->passwordProblem(kPassword, u"bob@example.org"_s, u"Bob"_s).isEmpty());
}

void tst_Session::secondLoginSignsTheFirstOut()
{
    auto laptop = loggedInSession(u"laptop"_s, u"cy@example.org"_s, u"Cy"_s);
    QVERIFY(laptop);

    auto phone = newSession(u"phone"_s);
    QVERIFY(phone->deviceId() != laptop->deviceId());
    QTRY_COMPARE(phone->state(), Session::State::Online);
    QSignalSpy ended(laptop.get(), &Session::sessionEnded);
    phone->logIn(u"cy@example.org"_s, kPassword);
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.first().at(0).toString(), u"signed_in_elsewhere"_s);
    QVERIFY(!laptop->loggedIn());
    QVERIFY2(
        laptop->errorMessage().contains(u"another device"_s), qPrintable(laptop->errorMessage()));
    QTRY_VERIFY(phone->loggedIn());
    // The signed-out app comes back as a viewer.
    QTRY_COMPARE(laptop->state(), Session::State::Online);
}

void tst_Session::reconnectsAndResumesAfterServerRestart()
{
    auto session = loggedInSession(u"dee"_s, u"dee@example.org"_s, u"Dee"_s);
    QVERIFY(session);
    session->act();
    QTRY_COMPARE(session->score(), 10);

    const quint16 port = m_server->port();
    m_server.reset();
    QTRY_COMPARE(session->state(), Session::State::Reconnecting);
    // While away, a request says so plainly rather than blaming the server.
    session->logIn(u"dee@example.org"_s, kPassword);
    QTRY_VERIFY(session->errorMessage().startsWith(u"Not connected"_s));
    QVERIFY(startServer(port));
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::Online, 20000);
    QTRY_VERIFY(session->loggedIn()); // resumed with the remembered token
    QTRY_COMPARE(session->score(), 10);
    session->act();
    QTRY_COMPARE(session->score(), 20);
}

void tst_Session::settingsAreRemembered()
{
    QString deviceId;
    {
        auto first = newSession(u"same"_s);
        deviceId = first->deviceId();
        first->setServerUrl(QUrl(u"ws://example.invalid:9/ws"_s));
    }
    Session again(m_dir->filePath(u"same.ini"_s));
    QCOMPARE(again.deviceId(), deviceId);
    QCOMPARE(again.serverUrl(), QUrl(u"ws://example.invalid:9/ws"_s));
}

void tst_Session::idleViewerStaysConnected()
{
    // The app watches the board before anyone logs in: that must not count as an idle socket.
    auto c = config(m_dir->filePath(u"idle"_s));
    c.authTimeoutMs = 300;
    m_server.reset();
    m_server = std::make_unique<server::Server>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    auto session = newSession(u"idle"_s);
    QTRY_COMPARE(session->state(), Session::State::Online);
    QSignalSpy changes(session.get(), &Session::stateChanged);
    QTest::qWait(1200);
    QCOMPARE(changes.size(), 0);
    QCOMPARE(session->state(), Session::State::Online);
}

void tst_Session::eventsModelFollowsTheServer()
{
    auto session = newSession(u"events"_s);
    app::EventListModel *events = session->events();
    QAbstractItemModelTester tester(events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(events->count(), 1, 5000);
    QCOMPARE(events->get(u"main"_s).value(u"state"_s).toString(), u"live"_s);

    // Events made in the database (as the `event` command does) reach the session within a
    // second, each in its place: live ones first, then scheduled ones.
    QVERIFY(makeEvent(u"cup"_s, u"Cup"_s));
    QVERIFY(makeEvent(u"gala"_s, u"Gala"_s, QDateTime::currentMSecsSinceEpoch() + 3'600'000));
    QTRY_COMPARE_WITH_TIMEOUT(events->count(), 3, 5000);
    QStringList order;
    for (const auto &event : events->rows())
        order.append(event.slug);
    QCOMPARE(order, (QStringList { u"cup"_s, u"main"_s, u"gala"_s }));
    const QVariantMap cup = events->get(u"cup"_s);
    QCOMPARE(cup.value(u"title"_s).toString(), u"Cup"_s);
    const QVariantList actions = cup.value(u"actions"_s).toList();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions[1].toMap().value(u"label"_s).toString(), u"Assist"_s);
    QCOMPARE(actions[1].toMap().value(u"points"_s).toDouble(), 1.0);
    QCOMPARE(events->get(u"gala"_s).value(u"state"_s).toString(), u"scheduled"_s);
    QVERIFY(events->get(u"nope"_s).isEmpty());
}

void tst_Session::playsAnEventWithItsKindsAndSeesWhoOvertook()
{
    QVERIFY(makeEvent(u"cup"_s, u"Cup"_s));
    auto ann = loggedInSession(u"ann"_s, u"ann@example.org"_s, u"Ann"_s);
    auto bob = loggedInSession(u"bob"_s, u"bob@example.org"_s, u"Bob"_s);
    QVERIFY(ann && bob);
    QTRY_VERIFY_WITH_TIMEOUT(!ann->events()->get(u"cup"_s).isEmpty(), 5000);
    for (Session *s : { ann.get(), bob.get() }) {
        QSignalSpy changed(s, &Session::currentEventChanged);
        s->selectEvent(u"cup"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(s->currentEvent(), u"cup"_s);
    }
    QAbstractItemModelTester aroundTester(ann->around(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy accepted(ann.get(), &Session::actionAccepted);
    ann->act(u"assist"_s);
    QVERIFY(accepted.wait(5000));
    QCOMPARE(accepted.last().at(0).toLongLong(), 1); // an assist's point
    ann->act(u"goal"_s);
    QVERIFY(accepted.wait(5000));
    QCOMPARE(accepted.last().at(0).toLongLong(), 3);
    QCOMPARE(ann->score(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(ann->board()->rows().value(0).score, 4, 5000);
    QCOMPARE(ann->board()->count(), 1);
    // The player's own row arrives with the board.
    QTRY_COMPARE_WITH_TIMEOUT(ann->around()->count(), 1, 5000);

    // Bob passes Ann: she hears who it was, and her neighbours show it.
    QSignalSpy overtaken(ann.get(), &Session::overtaken);
    QSignalSpy bobAccepted(bob.get(), &Session::actionAccepted);
    bob->act(u"goal"_s);
    QVERIFY(bobAccepted.wait(5000));
    bob->act(u"goal"_s);
    QVERIFY(bobAccepted.wait(5000));
    // (It may come while the test waits for Bob's reply: count it rather than wait for a new one.)
    QTRY_COMPARE_WITH_TIMEOUT(overtaken.size(), 1, 5000);
    QCOMPARE(overtaken.last().at(0).toString(), u"Bob"_s);
    QCOMPARE(overtaken.last().at(1).toLongLong(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(ann->around()->count(), 2, 5000);
    QCOMPARE(ann->around()->rows().value(0).displayName, u"Bob"_s);
    QCOMPARE(ann->rank(), 2);

    // Back on main: its (empty) board, nothing of the cup's.
    ann->selectEvent(u"main"_s);
    QCOMPARE(ann->board()->count(), 0);
    QCOMPARE(ann->score(), 0);
    bob->act(u"goal"_s);
    QVERIFY(bobAccepted.wait(5000));
    QTest::qWait(200);
    QCOMPARE(ann->board()->count(), 0);
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
