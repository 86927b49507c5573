// Staff decisions called directly on a real SQLite store: no server, no sockets.
#include "moderation/decisions.h"
#include "store/sqlstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace scoreboard::protocol;
using namespace scoreboard::server;

namespace {
constexpr qint64 kStart = 1'780'000'000'000;
}

class tst_Decisions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void approvingAnOpenFlagDecidesItAndAuditsIt();
    void approvingADecidedFlagIsRefused();
    void approvingAnUnknownFlagIsRefused();
    void reversingAnIncrementCompensatesItAndMarksItsFlags();
    void reversingByFlagReversesTheFlaggedIncrement();
    void reversingTwiceIsRefused();
    void reversingAReversalIsRefused();
    void manualFlagOnAnIncrementIsOpenAndAudited();
    void manualFlagOnAnUnknownIncrementIsRefused();
    void suspendAndUnsuspendAreAudited();
    void suspendingTwiceOrStaffIsRefused();
    void decidingAFlagOnOnesOwnIncrementIsForbidden();

private:
    qint64 addUser(const QString &name, Role role = Role::Player);
    /// Appends one action of @p delta points for @p userId; returns its ledger id.
    qint64 addIncrement(qint64 userId, qint64 delta);
    qint64 addFlag(qint64 incrementId, qint64 userId);
    StaffAction byStaff(const QString &reason) const { return { m_staff, reason, m_now }; }
    QList<AuditEntry> audit() { return m_store->audit(100, 0); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqlStore> m_store;
    qint64 m_staff = 0;
    qint64 m_player = 0;
    qint64 m_now = kStart;
    int m_challenges = 0;
};

void tst_Decisions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = SqlStore::sqlite(m_dir->filePath(u"scoreboard.db"_s));
    m_store->open();
    m_staff = addUser(u"Checker"_s, Role::Checker);
    m_player = addUser(u"Player"_s);
    m_now = kStart;
}

void tst_Decisions::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

qint64 tst_Decisions::addUser(const QString &name, Role role)
{
    UserRecord user;
    user.email = name.toLower() + u"@example.org"_s;
    user.displayName = name;
    user.passwordHash = u"x"_s;
    user.role = role;
    user.createdAtMs = kStart;
    user.verifiedAtMs = kStart;
    return m_store->insertUser(user);
}

qint64 tst_Decisions::addIncrement(qint64 userId, qint64 delta)
{
    const AppendResult appended = m_store->appendIncrements({ NewIncrement {
        userId, delta, m_now++, u"challenge-%1"_s.arg(++m_challenges), 0, u"192.0.2.1"_s } });
    return appended.ids.value(0);
}

qint64 tst_Decisions::addFlag(qint64 incrementId, qint64 userId)
{
    FlagRecord flag;
    flag.incrementId = incrementId;
    flag.userId = userId;
    flag.rule = u"rate"_s;
    flag.evidence = u"too many actions"_s;
    flag.figures = u"{}"_s;
    flag.createdAtMs = m_now;
    return m_store->insertFlag(flag);
}

void tst_Decisions::approvingAnOpenFlagDecidesItAndAuditsIt()
{
    const qint64 increment = addIncrement(m_player, 10);
    const qint64 flag = addFlag(increment, m_player);
    const Decision decision = approveFlag(*m_store, byStaff(u"looks human"_s), flag);
    QVERIFY(!decision.refused());
    QCOMPARE(decision.flags.size(), 1);
    QCOMPARE(decision.flags.first().id, flag);
    QCOMPARE(decision.flags.first().status, FlagStatus::Approved);
    QCOMPARE(decision.flags.first().displayName, u"Player"_s);
    QCOMPARE(decision.incrementId, increment); // no open flag left: it may leave hold
    QCOMPARE(m_store->openFlagCount(increment), 0);
    const auto stored = m_store->flagById(flag);
    QCOMPARE(stored->decidedBy, m_staff);
    QCOMPARE(stored->decisionReason, u"looks human"_s);
    const auto entries = audit();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().action, u"approve"_s);
    QCOMPARE(entries.first().target, u"flag:%1"_s.arg(flag));
    QCOMPARE(entries.first().staffId, m_staff);
    QCOMPARE(entries.first().reason, u"looks human"_s);
    // The score is untouched.
    QCOMPARE(m_store->scoreOf(m_player, 1, 1)->score, 10);
}

void tst_Decisions::approvingADecidedFlagIsRefused()
{
    const qint64 increment = addIncrement(m_player, 10);
    const qint64 flag = addFlag(increment, m_player);
    QVERIFY(!approveFlag(*m_store, byStaff(u"fine"_s), flag).refused());
    const Decision again = approveFlag(*m_store, byStaff(u"fine again"_s), flag);
    QVERIFY(again.refused());
    QCOMPARE(again.error->code, ErrorCode::Conflict);
    QCOMPARE(again.error->message, u"this flag is already approved"_s);
    QVERIFY(again.flags.isEmpty());
    QCOMPARE(audit().size(), 1);
}

void tst_Decisions::approvingAnUnknownFlagIsRefused()
{
    const Decision decision = approveFlag(*m_store, byStaff(u"?"_s), 4242);
    QVERIFY(decision.refused());
    QCOMPARE(decision.error->code, ErrorCode::NotFound);
    QCOMPARE(decision.error->message, u"no such flag"_s);
    QVERIFY(audit().isEmpty());
}

void tst_Decisions::reversingAnIncrementCompensatesItAndMarksItsFlags()
{
    addIncrement(m_player, 10);
    const qint64 increment = addIncrement(m_player, 25);
    const qint64 first = addFlag(increment, m_player);
    const qint64 second = addFlag(increment, m_player);
    QCOMPARE(m_store->scoreOf(m_player, 1, 1)->score, 35);

    const Decision decision = reverseIncrement(*m_store, byStaff(u"bot"_s), increment);
    QVERIFY2(!decision.refused(), qPrintable(decision.error->message));
    QVERIFY(decision.reversalId > increment);
    QCOMPARE(decision.incrementId, increment);
    QCOMPARE(decision.delta, -25);
    QCOMPARE(decision.user->id, m_player);
    QCOMPARE(decision.total->score, 10);

    // A compensating entry; the original stays, marked as reversed.
    const auto reversal = m_store->ledgerEntry(decision.reversalId);
    QCOMPARE(reversal->kind, u"reversal"_s);
    QCOMPARE(reversal->delta, -25);
    QCOMPARE(reversal->reversesId, increment);
    const auto original = m_store->ledgerEntry(increment);
    QCOMPARE(original->delta, 25);
    QCOMPARE(original->reversedById, decision.reversalId);
    QCOMPARE(m_store->scoreOf(m_player, 1, 1)->score, 10);

    QCOMPARE(decision.flags.size(), 2);
    for (const qint64 flag : { first, second }) {
        QCOMPARE(m_store->flagById(flag)->status, FlagStatus::Reversed);
        QCOMPARE(m_store->flagById(flag)->decidedBy, m_staff);
    }
    for (const auto &flag : decision.flags)
        QCOMPARE(flag.status, FlagStatus::Reversed);

    const auto entries = audit();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().action, u"reverse"_s);
    QCOMPARE(entries.first().target, u"increment:%1"_s.arg(increment));
    QCOMPARE(entries.first().reason, u"bot"_s);
}

void tst_Decisions::reversingByFlagReversesTheFlaggedIncrement()
{
    const qint64 increment = addIncrement(m_player, 10);
    const qint64 flag = addFlag(increment, m_player);
    const Decision decision = reverseFlaggedIncrement(*m_store, byStaff(u"bot"_s), flag);
    QVERIFY(!decision.refused());
    QCOMPARE(decision.incrementId, increment);
    QCOMPARE(m_store->scoreOf(m_player, 1, 1)->score, 0);

    // A flag about a pattern names no increment to reverse.
    const qint64 pattern = addFlag(0, m_player);
    const Decision refused = reverseFlaggedIncrement(*m_store, byStaff(u"bot"_s), pattern);
    QCOMPARE(refused.error->code, ErrorCode::BadRequest);
    QCOMPARE(reverseFlaggedIncrement(*m_store, byStaff(u"bot"_s), 4242).error->code,
        ErrorCode::NotFound);
    QCOMPARE(audit().size(), 1);
}

void tst_Decisions::reversingTwiceIsRefused()
{
    const qint64 increment = addIncrement(m_player, 10);
    QVERIFY(!reverseIncrement(*m_store, byStaff(u"bot"_s), increment).refused());
    const Decision again = reverseIncrement(*m_store, byStaff(u"bot"_s), increment);
    QVERIFY(again.refused());
    QCOMPARE(again.error->code, ErrorCode::Conflict);
    QCOMPARE(again.error->message, u"this increment is already reversed"_s);
    QCOMPARE(m_store->scoreOf(m_player, 1, 1)->score, 0);
    QCOMPARE(m_store->ledgerForUser(m_player, 10).size(), 2);
    QCOMPARE(audit().size(), 1);
}

void tst_Decisions::reversingAReversalIsRefused()
{
    const qint64 increment = addIncrement(m_player, 10);
    const qint64 reversal = reverseIncrement(*m_store, byStaff(u"bot"_s), increment).reversalId;
    const Decision decision = reverseIncrement(*m_store, byStaff(u"undo"_s), reversal);
    QCOMPARE(decision.error->code, ErrorCode::Conflict);
    QCOMPARE(decision.error->message, u"only a player's action can be reversed"_s);
    QCOMPARE(reverseIncrement(*m_store, byStaff(u"?"_s), 4242).error->code, ErrorCode::NotFound);
}

void tst_Decisions::manualFlagOnAnIncrementIsOpenAndAudited()
{
    const qint64 increment = addIncrement(m_player, 10);
    const Decision decision = flagIncrement(*m_store, byStaff(u"odd timing"_s), increment);
    QVERIFY(!decision.refused());
    QCOMPARE(decision.flags.size(), 1);
    const Flag &flag = decision.flags.first();
    QCOMPARE(flag.rule, u"manual"_s);
    QCOMPARE(flag.evidence, u"odd timing"_s);
    QCOMPARE(flag.status, FlagStatus::Open);
    QCOMPARE(flag.incrementId, increment);
    QCOMPARE(flag.userId, m_player);
    QCOMPARE(decision.delta, 10);
    QCOMPARE(m_store->flagById(flag.id)->createdBy, m_staff);
    QCOMPARE(m_store->openFlagCount(increment), 1);
    QCOMPARE(audit().first().action, u"flag"_s);
    QCOMPARE(audit().first().target, u"increment:%1"_s.arg(increment));
}

void tst_Decisions::manualFlagOnAnUnknownIncrementIsRefused()
{
    const Decision decision = flagIncrement(*m_store, byStaff(u"odd"_s), 4242);
    QVERIFY(decision.refused());
    QCOMPARE(decision.error->code, ErrorCode::NotFound);
    QCOMPARE(decision.error->message, u"no such increment"_s);
    QVERIFY(m_store->flags(std::nullopt, 10).isEmpty());
    QVERIFY(audit().isEmpty());
}

void tst_Decisions::suspendAndUnsuspendAreAudited()
{
    SessionRecord session;
    session.userId = m_player;
    session.tokenHash = "hash";
    session.deviceId = u"device"_s;
    session.createdAtMs = session.lastSeenAtMs = m_now;
    const qint64 sessionId = m_store->insertSession(session);

    const Decision suspended = suspendUser(*m_store, byStaff(u"cheating"_s), m_player);
    QVERIFY(!suspended.refused());
    QCOMPARE(suspended.user->id, m_player);
    QVERIFY(suspended.user->suspended());
    QVERIFY(m_store->userById(m_player)->suspended());
    // Every session of the player ended.
    QCOMPARE(m_store->revokedAmong({ sessionId }).size(), 1);

    m_now += 1000;
    const Decision restored = unsuspendUser(*m_store, byStaff(u"appeal granted"_s), m_player);
    QVERIFY(!restored.refused());
    QVERIFY(!restored.user->suspended());
    QVERIFY(!m_store->userById(m_player)->suspended());

    const auto entries = audit(); // newest first
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].action, u"unsuspend"_s);
    QCOMPARE(entries[0].reason, u"appeal granted"_s);
    QCOMPARE(entries[1].action, u"suspend"_s);
    QCOMPARE(entries[1].target, u"user:%1"_s.arg(m_player));
    QCOMPARE(entries[1].reason, u"cheating"_s);
}

void tst_Decisions::suspendingTwiceOrStaffIsRefused()
{
    QVERIFY(!suspendUser(*m_store, byStaff(u"cheating"_s), m_player).refused());
    const Decision again = suspendUser(*m_store, byStaff(u"cheating"_s), m_player);
    QCOMPARE(again.error->code, ErrorCode::Conflict);
    QCOMPARE(again.error->message, u"already suspended"_s);
    QVERIFY(!unsuspendUser(*m_store, byStaff(u"ok"_s), m_player).refused());
    QCOMPARE(
        unsuspendUser(*m_store, byStaff(u"ok"_s), m_player).error->message, u"not suspended"_s);
    QCOMPARE(suspendUser(*m_store, byStaff(u"no"_s), m_staff).error->code, ErrorCode::Forbidden);
    QCOMPARE(suspendUser(*m_store, byStaff(u"no"_s), 4242).error->code, ErrorCode::NotFound);
    QCOMPARE(audit().size(), 2);
}

void tst_Decisions::decidingAFlagOnOnesOwnIncrementIsForbidden()
{
    // The checker plays too; a detector flags one of their actions.
    const qint64 own = addIncrement(m_staff, 10);
    const qint64 flag = addFlag(own, m_staff);
    const Decision approved = approveFlag(*m_store, byStaff(u"mine is fine"_s), flag);
    QVERIFY(approved.refused());
    QCOMPARE(approved.error->code, ErrorCode::Forbidden);
    for (const Decision &reversed : { reverseFlaggedIncrement(*m_store, byStaff(u"x"_s), flag),
             reverseIncrement(*m_store, byStaff(u"x"_s), own) }) {
        QVERIFY(reversed.refused());
        QCOMPARE(reversed.error->code, ErrorCode::Forbidden);
    }
    // Nothing changed or was audited; a colleague may decide it.
    QCOMPARE(m_store->flagById(flag)->status, FlagStatus::Open);
    QCOMPARE(m_store->ledgerEntry(own)->reversedById, 0);
    QVERIFY(audit().isEmpty());
    const qint64 colleague = addUser(u"Colleague"_s, Role::Admin);
    QVERIFY(!approveFlag(*m_store, { colleague, u"fine"_s, m_now }, flag).refused());
}

QTEST_GUILESS_MAIN(tst_Decisions)
#include "tst_decisions.moc"
