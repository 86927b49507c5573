// Anti-cheat end to end: scripted cheaters over real sockets raise flags with evidence that
// reach a subscribed checker; irregular human play does not; the `hold` policy keeps flagged
// increments off the public board until approved.
#include "messages.h"
#include "scoring/scoreservice.h"
#include "serverfixture.h"

#include <QRandomGenerator>
#include <QSet>

#include <QtTest>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

Flag flagOf(const Event &event)
{
    return std::get<Flag>(Flag::fromJson(event.data.value(u"flag"_s).toObject()));
}

} // namespace

class tst_AntiCheat : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void machineRegularBotIsFlaggedWithEvidence();
    void jitteredBotIsFlagged();
    void burstIsFlagged();
    void twoAccountsInLockstepAreFlagged();
    void replayAttemptsEscalateToAFlag();
    void irregularHumanPlayIsNotFlagged();
    void holdKeepsFlaggedIncrementsOffTheBoardUntilApproved();

private:
    void start(server::CheatPolicy policy);
    std::unique_ptr<TestClient> checker();
    server::Clock &clock() { return m_server->server->clock(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
};

void tst_AntiCheat::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    start(server::CheatPolicy::Apply);
}

void tst_AntiCheat::start(server::CheatPolicy policy)
{
    auto config = testConfig(m_dir->path());
    config.scoring.challengeDelayMs = 0;
    config.scoring.tickMs = 20;
    config.cheat.regularSamples = 10; // shorter traces for a test; the rule is the same
    config.cheat.refusalCount = 5;
    config.cheat.lockstepMatches = 6;
    config.cheat.policy = policy;
    m_server.reset();
    m_server = std::make_unique<RunningServer>(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    clock().setManual(true); // the rhythms the rules measure are the ones the test sets
}

void tst_AntiCheat::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<TestClient> tst_AntiCheat::checker()
{
    createStaff(*m_server, u"checker@staff.example"_s, Role::Checker);
    auto client = m_server->client();
    if (!client
             ->request(MessageType::AuthLogin,
                 LoginRequest {
                     u"checker@staff.example"_s, u"staff pass phrase"_s, u"console"_s, {} }
                     .toJson())
             ->ok)
        return nullptr;
    if (!client->request(MessageType::AdminFlagsSubscribe)->ok)
        return nullptr;
    return client;
}

void tst_AntiCheat::machineRegularBotIsFlaggedWithEvidence()
{
    auto console = checker();
    QVERIFY(console);
    TestPlayer bot = signUpPlayer(*m_server, u"Metronome"_s);
    // A fixed 200 ms rhythm; 20 actions give the rule several windows even on a busy machine.
    QVERIFY(actEvery(clock(), bot, 20, [] { return 200; }));
    const auto event = console->waitEvent(EventType::FlagNew);
    QVERIFY(event);
    const Flag flag = flagOf(*event);
    QCOMPARE(flag.rule, u"regular_timing"_s);
    QCOMPARE(flag.userId, bot.userId);
    QCOMPARE(flag.displayName, u"Metronome"_s);
    QVERIFY(flag.incrementId > 0);
    QVERIFY2(flag.evidence.contains(u"machine-regular"_s), qPrintable(flag.evidence));
    QVERIFY(flag.figures.contains(u"cv"_s) || !flag.figures.isEmpty());
    // Flags never change a score by themselves (policy apply).
    QCOMPARE(
        bot.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 200);
    // The flag is in the queue and on the player's page.
    const auto profile
        = console->request(MessageType::AdminUser, UserRequest { bot.userId }.toJson());
    QCOMPARE(profile->data.value(u"flags"_s).toArray().size(), 1);
}

/// Flags from the queue until one of @p rule arrives (other rules may fire too).
static std::optional<Flag> waitForRule(
    TestClient &console, const QString &rule, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const auto event = console.waitEvent(EventType::FlagNew, int(timeoutMs - timer.elapsed()));
        if (!event)
            break;
        const Flag flag = flagOf(*event);
        if (flag.rule == rule)
            return flag;
    }
    return std::nullopt;
}

/// Waits for a flag of @p rule and checks that it names @p userId and that its evidence mentions
/// @p evidence.
static void verifyFlagged(
    TestClient &console, const QString &rule, qint64 userId, const QString &evidence)
{
    const auto flag = waitForRule(console, rule);
    QVERIFY(flag);
    QCOMPARE(flag->userId, userId);
    QVERIFY2(flag->evidence.contains(evidence), qPrintable(flag->evidence));
}

void tst_AntiCheat::jitteredBotIsFlagged()
{
    auto console = checker();
    TestPlayer bot = signUpPlayer(*m_server, u"Jitter"_s);
    QRandomGenerator random(7);
    // 200 ms ± 15 %, uniformly: random to the eye, too even for a hand.
    QVERIFY(actEvery(clock(), bot, 20, [&] { return 170 + int(random.bounded(61)); }));
    verifyFlagged(*console, u"regular_timing"_s, bot.userId, u"machine-regular"_s);
}

void tst_AntiCheat::burstIsFlagged()
{
    auto console = checker();
    TestPlayer bot = signUpPlayer(*m_server, u"Burst"_s);
    QVERIFY(actEvery(clock(), bot, 10, [] { return 0; }));
    verifyFlagged(*console, u"burst"_s, bot.userId, u"actions within"_s);
}

void tst_AntiCheat::twoAccountsInLockstepAreFlagged()
{
    auto console = checker();
    TestPlayer a = signUpPlayer(*m_server, u"TwinA"_s);
    TestPlayer b = signUpPlayer(*m_server, u"TwinB"_s);
    QRandomGenerator random(11);
    for (int round = 0; round < 9; ++round) {
        const auto ca = a.client->request(MessageType::ScoreChallenge);
        const auto cb = b.client->request(MessageType::ScoreChallenge);
        QVERIFY(ca && ca->ok && cb && cb->ok);
        clock().advance(250 + int(random.bounded(350))); // shared, irregular rhythm
        const qint64 ida = a.client->send(MessageType::ScoreAction,
            ActionRequest { ca->data.value(u"challengeId"_s).toString() }.toJson());
        const qint64 idb = b.client->send(MessageType::ScoreAction,
            ActionRequest { cb->data.value(u"challengeId"_s).toString() }.toJson());
        QVERIFY(a.client->waitReply(ida)->ok);
        QVERIFY(b.client->waitReply(idb)->ok);
    }
    QSet<qint64> flagged;
    for (int i = 0; i < 2; ++i) {
        const auto flag = waitForRule(*console, u"lockstep"_s);
        QVERIFY(flag);
        flagged.insert(flag->userId);
        QVERIFY2(flag->evidence.contains(
                     QString::number(flag->userId == a.userId ? b.userId : a.userId)),
            qPrintable(flag->evidence));
    }
    QCOMPARE(flagged, (QSet<qint64> { a.userId, b.userId }));
}

void tst_AntiCheat::replayAttemptsEscalateToAFlag()
{
    auto console = checker();
    TestPlayer replayer = signUpPlayer(*m_server, u"Replayer"_s);
    const auto challenge = replayer.client->request(MessageType::ScoreChallenge);
    const QString id = challenge->data.value(u"challengeId"_s).toString();
    QVERIFY(replayer.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson())->ok);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(replayer.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson())
                     ->error.code,
            ErrorCode::ChallengeUsed);
    }
    const auto event = console->waitEvent(EventType::FlagNew);
    QVERIFY(event);
    const Flag flag = flagOf(*event);
    QCOMPARE(flag.rule, u"refusals"_s);
    QCOMPARE(flag.userId, replayer.userId);
    QCOMPARE(flag.incrementId, 0);
    QVERIFY2(flag.evidence.contains(u"refused"_s), qPrintable(flag.evidence));
}

void tst_AntiCheat::irregularHumanPlayIsNotFlagged()
{
    auto console = checker();
    TestPlayer first = signUpPlayer(*m_server, u"Human"_s);
    TestPlayer second = signUpPlayer(*m_server, u"Person"_s);
    QRandomGenerator random(42);
    // Log-normal pauses (median ~450 ms, sigma 0.5) with the odd quick double tap: how people
    // tap. Two people on one address (a household) taking turns.
    auto humanPause = [&] {
        if (random.bounded(8) == 0)
            return 160 + int(random.bounded(80));
        const double normal = std::sqrt(-2.0 * std::log(1.0 - random.generateDouble()))
            * std::cos(2 * M_PI * random.generateDouble());
        return int(450.0 * std::exp(0.5 * normal));
    };
    for (int i = 0; i < 7; ++i) {
        QVERIFY(actEvery(clock(), first, 2, humanPause));
        QVERIFY(actEvery(clock(), second, 2, humanPause));
    }
    QVERIFY(!console->waitEvent(EventType::FlagNew, 500));
}

void tst_AntiCheat::holdKeepsFlaggedIncrementsOffTheBoardUntilApproved()
{
    start(server::CheatPolicy::Hold);
    auto console = checker();
    auto viewer = m_server->client();
    QVERIFY(viewer->request(MessageType::LeaderboardSubscribe)->ok);
    TestPlayer player = signUpPlayer(*m_server, u"Held"_s);
    const auto first = performAction(player);
    const auto second = performAction(player);
    QVERIFY(first && first->ok && second && second->ok);
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.value(0).score == 20; }));

    const qint64 secondId = second->data.value(u"incrementId"_s).toInteger();
    const auto flagged = console->request(
        MessageType::AdminFlag, ManualFlagRequest { secondId, u"check this"_s }.toJson());
    QVERIFY(flagged && flagged->ok);
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.value(0).score == 10; }));
    QCOMPARE(
        player.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);
    const auto profile
        = console->request(MessageType::AdminUser, UserRequest { player.userId }.toJson());
    QCOMPARE(profile->data.value(u"score"_s).toInteger(), 10);
    QCOMPARE(profile->data.value(u"ledgerScore"_s).toInteger(), 20);

    // Held increments stay held across a restart.
    player.client.reset();
    console.reset();
    viewer.reset();
    start(server::CheatPolicy::Hold);
    console = checker();
    viewer = m_server->client();
    const auto board = viewer->request(MessageType::LeaderboardSubscribe);
    QCOMPARE(std::get<Leaderboard>(Leaderboard::fromJson(board->data)).top.value(0).score, 10);

    const qint64 flagId
        = std::get<Flag>(Flag::fromJson(flagged->data.value(u"flag"_s).toObject())).id;
    QVERIFY(
        console->request(MessageType::AdminApprove, ApproveRequest { flagId, u"fine"_s }.toJson())
            ->ok);
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.value(0).score == 20; }));

    // Flag the first one, then reverse it: it never returns to the board, and the reversal does
    // not take it off twice.
    const qint64 firstId = first->data.value(u"incrementId"_s).toInteger();
    QVERIFY(
        console
            ->request(MessageType::AdminFlag, ManualFlagRequest { firstId, u"and this"_s }.toJson())
            ->ok);
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.value(0).score == 10; }));
    const auto reversed = console->request(
        MessageType::AdminReverse, ReverseRequest { firstId, 0, u"bot"_s }.toJson());
    QVERIFY(reversed && reversed->ok);
    QCOMPARE(reversed->data.value(u"score"_s).toInteger(), 10);
    QTest::qWait(100);
    QCOMPARE(m_server->server->scores().hub().snapshot(10).top.value(0).score, 10);
}

QTEST_GUILESS_MAIN(tst_AntiCheat)
#include "tst_anticheat.moc"
