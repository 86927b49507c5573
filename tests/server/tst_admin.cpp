// The score-check API end to end: real server, real staff and player sockets, real SQLite.
#include "messages.h"
#include "serverfixture.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

std::optional<Leaderboard> boardOf(const std::optional<Reply> &reply)
{
    if (!reply || !reply->ok)
        return std::nullopt;
    return std::get<Leaderboard>(Leaderboard::fromJson(reply->data));
}

Flag flagOf(const QJsonObject &data)
{
    return std::get<Flag>(Flag::fromJson(data.value(u"flag"_s).toObject()));
}

/// The audit entries of decisions: without staff log-ins and profile reads.
QJsonArray decisions(const QJsonArray &entries)
{
    QJsonArray out;
    for (const auto &entry : entries) {
        const QString action = entry.toObject().value(u"action"_s).toString();
        if (action != u"login"_s && action != u"view-user"_s)
            out.append(entry);
    }
    return out;
}

/// The actions of @p entries, newest first.
QStringList actions(const QJsonArray &entries)
{
    QStringList out;
    for (const auto &entry : entries)
        out << entry.toObject().value(u"action"_s).toString();
    return out;
}

} // namespace

class tst_Admin : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void forbiddenForPlayersAndAnonymous_data();
    void forbiddenForPlayersAndAnonymous();
    void manualFlagApproveAndAuditSeenByBothConsoles();
    void reversalIsCompensatingAndReachesBoards();
    void reverseByFlagMarksTheFlag();
    void reverseRefusals();
    void suspendHidesAndEndsSessionUnsuspendRestores();
    void userProfile();
    void checkersWorkTheQueueAndAdminsAlsoUnsuspendReadTheAuditAndSeeAddresses();
    void nobodyDecidesAFlagOnTheirOwnIncrements();
    void flagFeedEndsWhenTheSocketLosesItsStaffSession();

private:
    std::unique_ptr<TestClient> staff(const QString &email, Role role = Role::Checker);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
};

void tst_Admin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto config = testConfig(m_dir->path());
    config.scoring.challengeDelayMs = 10;
    config.scoring.tickMs = 20;
    m_server = std::make_unique<RunningServer>(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    // Server time moves only as the tests move it: performAction() moves it past the challenge
    // delay instead of waiting.
    m_server->server->clock().setManual(true);
}

void tst_Admin::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<TestClient> tst_Admin::staff(const QString &email, Role role)
{
    return loggedInStaff(*m_server, email, role);
}

void tst_Admin::forbiddenForPlayersAndAnonymous_data()
{
    QTest::addColumn<MessageType>("type");
    for (const auto type : allMessageTypes()) {
        if (typeName(type).startsWith(u"admin."_s))
            QTest::addRow("%s", qPrintable(typeName(type))) << type;
    }
}

void tst_Admin::forbiddenForPlayersAndAnonymous()
{
    QFETCH(MessageType, type);
    TestPlayer player = signUpPlayer(*m_server, u"Mallory"_s);
    QVERIFY(player.userId > 0);
    const QJsonObject data { { u"userId"_s, player.userId }, { u"incrementId"_s, 1 },
        { u"flagId"_s, 1 }, { u"reason"_s, u"x"_s } };
    QCOMPARE(player.client->request(type, data)->error.code, ErrorCode::Forbidden);
    auto anonymous = m_server->client();
    QCOMPARE(anonymous->request(type, data)->error.code, ErrorCode::NotAuthenticated);
}

void tst_Admin::manualFlagApproveAndAuditSeenByBothConsoles()
{
    auto alice = staff(u"alice@staff.example"_s);
    auto bob = staff(u"bob@staff.example"_s, Role::Admin);
    QVERIFY(alice && bob);
    const auto queue = alice->request(MessageType::AdminFlagsSubscribe);
    QVERIFY(queue && queue->ok);
    QCOMPARE(queue->data.value(u"flags"_s).toArray().size(), 0);
    QVERIFY(
        bob->request(MessageType::AdminFlagsSubscribe, FlagsSubscribeRequest { u"all"_s }.toJson())
            ->ok);

    TestPlayer player = signUpPlayer(*m_server, u"Suspect"_s);
    const auto action = performAction(player);
    QVERIFY(action && action->ok);
    const qint64 incrementId = action->data.value(u"incrementId"_s).toInteger();

    const auto flagged = alice->request(
        MessageType::AdminFlag, ManualFlagRequest { incrementId, u"looks scripted"_s }.toJson());
    QVERIFY(flagged && flagged->ok);
    const Flag flag = flagOf(flagged->data);
    QCOMPARE(flag.rule, u"manual"_s);
    QCOMPARE(flag.incrementId, incrementId);
    QCOMPARE(flag.userId, player.userId);
    QCOMPARE(flag.displayName, u"Suspect"_s);
    QCOMPARE(flag.status, FlagStatus::Open);
    QVERIFY(flag.createdAt.endsWith(u'Z'));

    // Both consoles see the new flag live.
    for (TestClient *console : { alice.get(), bob.get() }) {
        const auto event = console->waitEvent(EventType::FlagNew);
        QVERIFY(event);
        QCOMPARE(flagOf(event->data).id, flag.id);
    }

    const auto approved = bob->request(
        MessageType::AdminApprove, ApproveRequest { flag.id, u"human after all"_s }.toJson());
    QVERIFY(approved && approved->ok);
    QCOMPARE(flagOf(approved->data).status, FlagStatus::Approved);
    const auto update = alice->waitEvent(EventType::FlagUpdated);
    QVERIFY(update);
    QCOMPARE(flagOf(update->data).status, FlagStatus::Approved);
    QCOMPARE(alice->request(MessageType::AdminApprove, ApproveRequest { flag.id, {} }.toJson())
                 ->error.code,
        ErrorCode::Conflict);
    QCOMPARE(
        alice->request(MessageType::AdminApprove, ApproveRequest { 9999, {} }.toJson())->error.code,
        ErrorCode::NotFound);
    QCOMPARE(
        alice->request(MessageType::AdminFlag, ManualFlagRequest { incrementId, u""_s }.toJson())
            ->error.code,
        ErrorCode::BadRequest); // a reason is required

    // The open queue no longer lists it; the audit log (an admin's) names who did what, newest
    // first.
    QCOMPARE(
        alice->request(MessageType::AdminFlagsSubscribe)->data.value(u"flags"_s).toArray().size(),
        0);
    const auto audit = bob->request(MessageType::AdminAudit);
    QVERIFY(audit && audit->ok);
    const QJsonArray entries = decisions(audit->data.value(u"entries"_s).toArray());
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].toObject().value(u"action"_s).toString(), u"approve"_s);
    QCOMPARE(entries[0].toObject().value(u"target"_s).toString(), u"flag:%1"_s.arg(flag.id));
    QCOMPARE(entries[0].toObject().value(u"reason"_s).toString(), u"human after all"_s);
    QCOMPARE(entries[1].toObject().value(u"action"_s).toString(), u"flag"_s);
    QCOMPARE(
        entries[1].toObject().value(u"target"_s).toString(), u"increment:%1"_s.arg(incrementId));
    QVERIFY(entries[1].toObject().value(u"at"_s).toString().endsWith(u'Z'));
    QVERIFY(entries[0].toObject().value(u"staffId"_s).toInteger()
        != entries[1].toObject().value(u"staffId"_s).toInteger());
    const auto older = bob->request(MessageType::AdminAudit,
        AuditRequest { 10, entries[0].toObject().value(u"id"_s).toInteger() }.toJson());
    QCOMPARE(decisions(older->data.value(u"entries"_s).toArray()).size(), 1);
}

void tst_Admin::reversalIsCompensatingAndReachesBoards()
{
    auto checker = staff(u"carol@staff.example"_s);
    auto [viewer, player, incrementId] = playerOnBoard(*m_server, u"Cheater"_s, 2, 20);
    QVERIFY(incrementId > 0);

    const auto reversed = checker->request(
        MessageType::AdminReverse, ReverseRequest { incrementId, 0, u"bot"_s }.toJson());
    QVERIFY(reversed && reversed->ok);
    QCOMPARE(reversed->data.value(u"userId"_s).toInteger(), player.userId);
    QCOMPARE(reversed->data.value(u"score"_s).toInteger(), 10);
    QVERIFY(reversed->data.value(u"reversalId"_s).toInteger() > incrementId);
    // Every board sees it on the next tick.
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.value(0).score == 10; }));
    QCOMPARE(
        player.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);

    // The ledger keeps the original and gains a compensating entry.
    const auto profile
        = checker->request(MessageType::AdminUser, UserRequest { player.userId }.toJson());
    const QJsonArray increments = profile->data.value(u"increments"_s).toArray();
    QCOMPARE(increments.size(), 3);
    qint64 sum = 0;
    for (const auto &row : increments)
        sum += row.toObject().value(u"delta"_s).toInteger();
    QCOMPARE(sum, 10);
    QCOMPARE(increments[0].toObject().value(u"kind"_s).toString(), u"reversal"_s);
    QCOMPARE(increments[0].toObject().value(u"reversesId"_s).toInteger(), incrementId);
    QCOMPARE(increments[2].toObject().value(u"status"_s).toString(), u"reversed"_s);

    // A second reversal of the same increment is refused and changes nothing.
    QCOMPARE(checker
                 ->request(MessageType::AdminReverse,
                     ReverseRequest { incrementId, 0, u"again"_s }.toJson())
                 ->error.code,
        ErrorCode::Conflict);
    QCOMPARE(
        player.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 10);

    // Survives a restart (the ledger is the truth).
    player.client.reset();
    checker.reset();
    viewer.reset();
    auto config = m_server->server->config();
    m_server.reset();
    m_server = std::make_unique<RunningServer>(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    auto again = m_server->client();
    QCOMPARE(boardOf(again->request(MessageType::LeaderboardSubscribe))->top.value(0).score, 10);
}

void tst_Admin::reverseByFlagMarksTheFlag()
{
    auto checker = staff(u"dave@staff.example"_s);
    QVERIFY(checker->request(MessageType::AdminFlagsSubscribe)->ok);
    TestPlayer player = signUpPlayer(*m_server, u"Flagged"_s);
    const auto action = performAction(player);
    const qint64 incrementId = action->data.value(u"incrementId"_s).toInteger();
    const Flag flag = flagOf(
        checker
            ->request(MessageType::AdminFlag, ManualFlagRequest { incrementId, u"odd"_s }.toJson())
            ->data);
    QVERIFY(checker->waitEvent(EventType::FlagNew));
    const auto reversed = checker->request(
        MessageType::AdminReverse, ReverseRequest { 0, flag.id, u"confirmed"_s }.toJson());
    QVERIFY(reversed && reversed->ok);
    QCOMPARE(reversed->data.value(u"score"_s).toInteger(), 0);
    const auto update = checker->waitEvent(EventType::FlagUpdated);
    QVERIFY(update);
    QCOMPARE(flagOf(update->data).status, FlagStatus::Reversed);
    QCOMPARE(checker->request(MessageType::AdminApprove, ApproveRequest { flag.id, {} }.toJson())
                 ->error.code,
        ErrorCode::Conflict);
}

void tst_Admin::reverseRefusals()
{
    auto checker = staff(u"erin@staff.example"_s);
    TestPlayer player = signUpPlayer(*m_server, u"Someone"_s);
    const qint64 incrementId = performAction(player)->data.value(u"incrementId"_s).toInteger();
    QCOMPARE(
        checker
            ->request(MessageType::AdminReverse, QJsonObject { { u"incrementId"_s, incrementId } })
            ->error.code,
        ErrorCode::BadRequest); // no reason
    QCOMPARE(checker
                 ->request(MessageType::AdminReverse,
                     QJsonObject { { u"incrementId"_s, incrementId }, { u"flagId"_s, 1 },
                         { u"reason"_s, u"x"_s } })
                 ->error.code,
        ErrorCode::BadRequest); // both ids
    QCOMPARE(
        checker->request(MessageType::AdminReverse, ReverseRequest { 424242, 0, u"x"_s }.toJson())
            ->error.code,
        ErrorCode::NotFound);
    const qint64 reversalId = checker
                                  ->request(MessageType::AdminReverse,
                                      ReverseRequest { incrementId, 0, u"x"_s }.toJson())
                                  ->data.value(u"reversalId"_s)
                                  .toInteger();
    QCOMPARE(
        checker
            ->request(MessageType::AdminReverse, ReverseRequest { reversalId, 0, u"x"_s }.toJson())
            ->error.code,
        ErrorCode::Conflict); // a reversal is not reversed
}

void tst_Admin::suspendHidesAndEndsSessionUnsuspendRestores()
{
    auto admin = staff(u"frank@staff.example"_s, Role::Admin);
    auto [viewer, player, incrementId] = playerOnBoard(*m_server, u"Banned"_s, 1, 10);
    QVERIFY(incrementId > 0);

    const auto suspended = admin->request(
        MessageType::AdminSuspend, SuspendRequest { player.userId, u"cheating"_s }.toJson());
    QVERIFY(suspended && suspended->ok);
    QCOMPARE(suspended->data.value(u"user"_s).toObject().value(u"suspended"_s).toBool(), true);
    const auto revoked = player.client->waitEvent(EventType::SessionRevoked);
    QVERIFY(revoked);
    QCOMPARE(revoked->data.value(u"reason"_s).toString(), u"suspended"_s);
    QVERIFY(player.client->waitClosed());
    QCOMPARE(player.client->closeCode(), quint16(4002));
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.isEmpty(); }));
    QCOMPARE(admin
                 ->request(MessageType::AdminSuspend,
                     SuspendRequest { player.userId, u"again"_s }.toJson())
                 ->error.code,
        ErrorCode::Conflict);

    auto retry = m_server->client();
    QCOMPARE(
        retry
            ->request(MessageType::AuthLogin,
                LoginRequest { player.email, u"correct horse battery"_s, u"dev"_s, {} }.toJson())
            ->error.code,
        ErrorCode::Suspended);

    QVERIFY(admin
                ->request(MessageType::AdminUnsuspend,
                    SuspendRequest { player.userId, u"appeal granted"_s }.toJson())
                ->ok);
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return b.top.value(0).score == 10; }));
    QVERIFY(
        retry
            ->request(MessageType::AuthLogin,
                LoginRequest { player.email, u"correct horse battery"_s, u"dev"_s, {} }.toJson())
            ->ok);
    const QJsonArray audit
        = decisions(admin->request(MessageType::AdminAudit)->data.value(u"entries"_s).toArray());
    QCOMPARE(audit[0].toObject().value(u"action"_s).toString(), u"unsuspend"_s);
    QCOMPARE(audit[1].toObject().value(u"action"_s).toString(), u"suspend"_s);
}

void tst_Admin::userProfile()
{
    auto checker = staff(u"gina@staff.example"_s);
    TestPlayer player = signUpPlayer(*m_server, u"Profiled"_s);
    QVERIFY(performAction(player)->ok);
    const auto profile
        = checker->request(MessageType::AdminUser, UserRequest { player.userId }.toJson());
    QVERIFY(profile && profile->ok);
    const QJsonObject user = profile->data.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"displayName"_s).toString(), u"Profiled"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"player"_s);
    QCOMPARE(profile->data.value(u"score"_s).toInteger(), 10);
    const QJsonObject row = profile->data.value(u"increments"_s).toArray()[0].toObject();
    QCOMPARE(row.value(u"status"_s).toString(), u"counted"_s);
    QCOMPARE(row.value(u"delta"_s).toInteger(), 10);
    QVERIFY(row.value(u"at"_s).toString().endsWith(u'Z'));
    QCOMPARE(checker->request(MessageType::AdminUser, UserRequest { 999999 }.toJson())->error.code,
        ErrorCode::NotFound);
}

void tst_Admin::checkersWorkTheQueueAndAdminsAlsoUnsuspendReadTheAuditAndSeeAddresses()
{
    auto checker = staff(u"ivy@staff.example"_s);
    auto admin = staff(u"jack@staff.example"_s, Role::Admin);
    QVERIFY(checker && admin);
    TestPlayer player = signUpPlayer(*m_server, u"Target"_s);
    QVERIFY(player.userId > 0);

    // A checker suspends, but can neither lift a suspension nor read the audit log; the
    // refusals change nothing.
    QVERIFY(checker
                ->request(
                    MessageType::AdminSuspend, SuspendRequest { player.userId, u"spam"_s }.toJson())
                ->ok);
    QCOMPARE(checker
                 ->request(MessageType::AdminUnsuspend,
                     SuspendRequest { player.userId, u"appeal"_s }.toJson())
                 ->error.code,
        ErrorCode::Forbidden);
    QCOMPARE(checker->request(MessageType::AdminAudit)->error.code, ErrorCode::Forbidden);
    auto retry = m_server->client();
    QCOMPARE(retry
                 ->request(MessageType::AuthLogin,
                     LoginRequest { player.email, kPassword, u"dev"_s, {} }.toJson())
                 ->error.code,
        ErrorCode::Suspended);

    // A checker's view of a player has no e-mail address (and still reads as a profile); an
    // admin's has.
    const auto seen
        = checker->request(MessageType::AdminUser, UserRequest { player.userId }.toJson());
    QVERIFY(seen && seen->ok);
    const QJsonObject user = seen->data.value(u"user"_s).toObject();
    QVERIFY2(!user.contains(u"email"_s), QJsonDocument(user).toJson().constData());
    QCOMPARE(user.value(u"displayName"_s).toString(), u"Target"_s);
    const auto profile = PlayerProfile::fromJson(seen->data);
    QVERIFY(std::holds_alternative<PlayerProfile>(profile));
    QVERIFY(std::get<PlayerProfile>(profile).user.user.email.isEmpty());
    const auto full
        = admin->request(MessageType::AdminUser, UserRequest { player.userId }.toJson());
    QCOMPARE(full->data.value(u"user"_s).toObject().value(u"email"_s).toString(), player.email);

    QVERIFY(admin
                ->request(MessageType::AdminUnsuspend,
                    SuspendRequest { player.userId, u"appeal granted"_s }.toJson())
                ->ok);

    // The audit log holds the decisions, both profile reads and both staff log-ins (not the
    // player's).
    const QJsonArray entries
        = admin->request(MessageType::AdminAudit)->data.value(u"entries"_s).toArray();
    QCOMPARE(actions(entries),
        (QStringList { u"unsuspend"_s, u"view-user"_s, u"view-user"_s, u"suspend"_s, u"login"_s,
            u"login"_s }));
    const QJsonObject adminRead = entries[1].toObject();
    const QJsonObject checkerRead = entries[2].toObject();
    QCOMPARE(adminRead.value(u"target"_s).toString(), u"user:%1"_s.arg(player.userId));
    QCOMPARE(adminRead.value(u"reason"_s).toString(), u"with e-mail address"_s);
    QCOMPARE(checkerRead.value(u"reason"_s).toString(), QString());
    QVERIFY(
        adminRead.value(u"staffId"_s).toInteger() != checkerRead.value(u"staffId"_s).toInteger());
    for (const int i : { 4, 5 }) {
        const QJsonObject login = entries[i].toObject();
        QVERIFY(login.value(u"target"_s).toString().startsWith(u"session:"_s));
        QVERIFY2(login.value(u"reason"_s).toString().contains(u"127.0.0.1"_s),
            qPrintable(login.value(u"reason"_s).toString()));
    }
    QCOMPARE(entries[4].toObject().value(u"staffId"_s), adminRead.value(u"staffId"_s));
    QCOMPARE(entries[5].toObject().value(u"staffId"_s), checkerRead.value(u"staffId"_s));
}

void tst_Admin::nobodyDecidesAFlagOnTheirOwnIncrements()
{
    auto colleague = staff(u"kim@staff.example"_s);
    QVERIFY(colleague);
    // Lee, a checker, plays too.
    const QString lee = u"lee@staff.example"_s;
    TestPlayer player;
    player.userId = createStaff(*m_server, lee, Role::Checker);
    player.client = m_server->client();
    player.clock = &m_server->server->clock(); // manual here: performAction() moves it
    QVERIFY(player.userId > 0 && player.client);
    QVERIFY(player.client
                ->request(MessageType::AuthLogin,
                    LoginRequest { lee, u"staff pass phrase"_s, u"console-lee"_s, {} }.toJson())
                ->ok);
    const auto action = performAction(player);
    QVERIFY(action && action->ok);
    const qint64 incrementId = action->data.value(u"incrementId"_s).toInteger();
    const Flag flag = flagOf(colleague
                                 ->request(MessageType::AdminFlag,
                                     ManualFlagRequest { incrementId, u"too quick"_s }.toJson())
                                 ->data);

    // Lee can neither approve nor reverse it, by flag or by increment ...
    TestClient &own = *player.client;
    QCOMPARE(own.request(MessageType::AdminApprove, ApproveRequest { flag.id, u"mine"_s }.toJson())
                 ->error.code,
        ErrorCode::Forbidden);
    QCOMPARE(own.request(MessageType::AdminReverse, ReverseRequest { 0, flag.id, u"x"_s }.toJson())
                 ->error.code,
        ErrorCode::Forbidden);
    QCOMPARE(
        own.request(MessageType::AdminReverse, ReverseRequest { incrementId, 0, u"x"_s }.toJson())
            ->error.code,
        ErrorCode::Forbidden);
    // ... and nothing changed.
    const auto profile
        = colleague->request(MessageType::AdminUser, UserRequest { player.userId }.toJson());
    QCOMPARE(profile->data.value(u"flags"_s).toArray()[0].toObject().value(u"status"_s).toString(),
        u"open"_s);
    QCOMPARE(profile->data.value(u"increments"_s).toArray().size(), 1);
    // A colleague decides it.
    QVERIFY(colleague
                ->request(MessageType::AdminApprove, ApproveRequest { flag.id, u"fine"_s }.toJson())
                ->ok);
}

void tst_Admin::flagFeedEndsWhenTheSocketLosesItsStaffSession()
{
    auto observer = staff(u"mia@staff.example"_s);
    auto leaving = staff(u"ned@staff.example"_s);
    auto switching = staff(u"oli@staff.example"_s, Role::Admin);
    QVERIFY(observer && leaving && switching);
    for (TestClient *console : { observer.get(), leaving.get(), switching.get() })
        QVERIFY(console->request(MessageType::AdminFlagsSubscribe)->ok);
    TestPlayer player = signUpPlayer(*m_server, u"Watched"_s);
    TestPlayer other = signUpPlayer(*m_server, u"Bystander"_s);
    QVERIFY(player.userId > 0 && other.userId > 0);
    const qint64 incrementId = performAction(player)->data.value(u"incrementId"_s).toInteger();

    // Ned logs out; on Oli's socket a player logs in.
    QVERIFY(leaving->request(MessageType::AuthLogout)->ok);
    QVERIFY(switching
                ->request(MessageType::AuthLogin,
                    LoginRequest { other.email, kPassword, u"shared-pc"_s, {} }.toJson())
                ->ok);

    QVERIFY(
        observer
            ->request(MessageType::AdminFlag, ManualFlagRequest { incrementId, u"odd"_s }.toJson())
            ->ok);
    QVERIFY(observer->waitEvent(EventType::FlagNew));
    // A round trip on each socket after the flag was published: an event sent before would
    // have arrived before the reply.
    for (TestClient *gone : { leaving.get(), switching.get() }) {
        QVERIFY(gone->request(MessageType::LeaderboardMe));
        QVERIFY(!gone->waitEvent(EventType::FlagNew, 0));
        QCOMPARE(gone->request(MessageType::AdminFlagsSubscribe)->error.code,
            gone == leaving.get() ? ErrorCode::NotAuthenticated : ErrorCode::Forbidden);
    }
}

QTEST_GUILESS_MAIN(tst_Admin)
#include "tst_admin.moc"
