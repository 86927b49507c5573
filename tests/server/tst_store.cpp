// Every Store method on both engines, through the real SqlStore (the upgrades of older databases
// are in tst_storeupgrade.cpp). The "postgresql" rows need the CTest fixture `postgres`
// (tests/postgres).
#include "tst_store.h"
#include "pgtest.h"
#include "store/postgrestarget.h"
#include "store/sqlstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::server;
using protocol::FlagStatus;

void tst_Store::initTestCase_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addRow("sqlite") << u"sqlite"_s;
    QTest::addRow("postgresql") << u"postgresql"_s;
}

void tst_Store::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_engine = engine;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_sqlitePath = m_dir->filePath(u"store.sqlite"_s);
    if (m_engine == u"postgresql"_s) {
        QString error;
        const QString name
            = u"store_"_s + QString::fromLatin1(QTest::currentTestFunction()).toLower();
        m_postgresUrl = test::freshPostgresDatabase(name.left(63), &error);
        QVERIFY2(!m_postgresUrl.isEmpty(), qPrintable(error));
    }
    // The upgrade tests build the database themselves before opening a store on it.
    if (QByteArray(QTest::currentTestFunction()).startsWith("version"))
        return;
    m_store = newStore();
    m_store->open();
}

void tst_Store::cleanup()
{
    m_store.reset();
    if (!m_rawName.isEmpty()) {
        QSqlDatabase::database(m_rawName, false).close();
        QSqlDatabase::removeDatabase(m_rawName);
        m_rawName.clear();
    }
    m_dir.reset();
}

QSqlDatabase tst_Store::raw()
{
    if (m_rawName.isEmpty()) {
        m_rawName = u"raw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (m_engine == u"postgresql"_s) {
            test::addPostgresConnection(m_postgresUrl, m_rawName);
        } else {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_rawName);
            db.setDatabaseName(m_sqlitePath);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        }
        QSqlDatabase db = QSqlDatabase::database(m_rawName, false);
        if (!db.open())
            qFatal("cannot open the raw connection: %s", qPrintable(db.lastError().text()));
        if (m_engine == u"sqlite"_s)
            QSqlQuery(db).exec(u"PRAGMA foreign_keys=ON"_s);
    }
    return QSqlDatabase::database(m_rawName, false);
}

std::unique_ptr<SqlStore> tst_Store::newStore() const
{
    if (m_engine == u"sqlite"_s)
        return SqlStore::sqlite(m_sqlitePath);
    QString error;
    const auto target = PostgresTarget::fromUrl(m_postgresUrl, &error);
    if (!target)
        qFatal("bad test URL: %s", qPrintable(error));
    return SqlStore::postgres(*target, u"test"_s);
}

qint64 tst_Store::addUser(const QString &name)
{
    UserRecord user;
    user.email = name.toLower() + u"@example.org"_s;
    user.displayName = name;
    user.passwordHash = u"hash-"_s + name;
    user.createdAtMs = 100;
    user.verifiedAtMs = 200;
    return m_store->insertUser(user);
}

void tst_Store::usersAreFoundByIdAndEmailAndVerifiedOnce()
{
    UserRecord ann;
    ann.email = u"ann@example.org"_s;
    ann.displayName = u"Ann"_s;
    ann.passwordHash = u"$argon2id$first"_s;
    ann.role = protocol::Role::Checker;
    ann.createdAtMs = 1000;
    ann.suspendedAtMs = 1500;
    const qint64 id = m_store->insertUser(ann);
    QVERIFY(id > 0);

    const auto byId = m_store->userById(id);
    QVERIFY(byId);
    QCOMPARE(byId->id, id);
    QCOMPARE(byId->email, ann.email);
    QCOMPARE(byId->displayName, ann.displayName);
    QCOMPARE(byId->passwordHash, ann.passwordHash);
    QCOMPARE(byId->role, protocol::Role::Checker);
    QCOMPARE(byId->createdAtMs, 1000);
    QVERIFY(!byId->verified());
    QCOMPARE(byId->suspendedAtMs, std::optional<qint64>(1500));
    const auto byEmail = m_store->userByEmail(u"ann@example.org"_s);
    QVERIFY(byEmail);
    QCOMPARE(byEmail->id, id);
    QVERIFY(!m_store->userByEmail(u"nobody@example.org"_s));
    QVERIFY(!m_store->userById(id + 1000));

    m_store->setVerified(id, u"Annie"_s, u"$argon2id$second"_s, 2000);
    auto verified = m_store->userById(id);
    QCOMPARE(verified->verifiedAtMs, std::optional<qint64>(2000));
    QCOMPARE(verified->displayName, u"Annie"_s);
    QCOMPARE(verified->passwordHash, u"$argon2id$second"_s);
    // Only a pending user is verified: a second verification changes nothing.
    m_store->setVerified(id, u"Mallory"_s, u"$argon2id$third"_s, 3000);
    verified = m_store->userById(id);
    QCOMPARE(verified->verifiedAtMs, std::optional<qint64>(2000));
    QCOMPARE(verified->displayName, u"Annie"_s);
    QCOMPARE(verified->passwordHash, u"$argon2id$second"_s);
}

void tst_Store::duplicateEmailIsRefused()
{
    addUser(u"Ann"_s);
    UserRecord again;
    again.email = u"ann@example.org"_s;
    again.displayName = u"Other"_s;
    again.passwordHash = u"x"_s;
    QVERIFY_THROWS_EXCEPTION(StoreError, m_store->insertUser(again));
    QCOMPARE(m_store->userByEmail(u"ann@example.org"_s)->displayName, u"Ann"_s);
}

void tst_Store::newEmailCodeReplacesTheOldOne()
{
    const qint64 ann = addUser(u"Ann"_s);
    QVERIFY(!m_store->emailCode(ann));
    m_store->putEmailCode({ ann, "aa11", 5000, 2, 1000, u"hash1"_s, u"Ann"_s });
    m_store->putEmailCode({ ann, "bb22", 9000, 0, 4000, u"hash2"_s, u"Annie"_s });
    auto code = m_store->emailCode(ann);
    QVERIFY(code);
    QCOMPARE(code->userId, ann);
    QCOMPARE(code->codeHash, QByteArray("bb22"));
    QCOMPARE(code->expiresAtMs, 9000);
    QCOMPARE(code->attempts, 0);
    QCOMPARE(code->sentAtMs, 4000);
    QCOMPARE(code->passwordHash, u"hash2"_s);
    QCOMPARE(code->displayName, u"Annie"_s);

    m_store->setEmailCodeAttempts(ann, 3);
    QCOMPARE(m_store->emailCode(ann)->attempts, 3);
    m_store->deleteEmailCode(ann);
    QVERIFY(!m_store->emailCode(ann));
}

void tst_Store::sessionsAreFoundRevokedAndTouched()
{
    const qint64 ann = addUser(u"Ann"_s);
    const qint64 bob = addUser(u"Bob"_s);
    SessionRecord first { 0, ann, "hash-1", u"device-1"_s, u"Phone"_s, u"10.0.0.1"_s, 100, 100,
        std::nullopt, {} };
    const qint64 s1 = m_store->insertSession(first);
    const qint64 s2 = m_store->insertSession(
        { 0, ann, "hash-2", u"device-2"_s, u"Laptop"_s, u"10.0.0.2"_s, 200, 200, {}, {} });
    const qint64 s3
        = m_store->insertSession({ 0, ann, "hash-3", u"device-3"_s, {}, {}, 300, 300, {}, {} });
    const qint64 other
        = m_store->insertSession({ 0, bob, "hash-4", u"device-4"_s, {}, {}, 400, 400, {}, {} });

    const auto found = m_store->sessionByTokenHash("hash-1");
    QVERIFY(found);
    QCOMPARE(found->id, s1);
    QCOMPARE(found->userId, ann);
    QCOMPARE(found->tokenHash, QByteArray("hash-1"));
    QCOMPARE(found->deviceId, u"device-1"_s);
    QCOMPARE(found->deviceName, u"Phone"_s);
    QCOMPARE(found->clientAddress, u"10.0.0.1"_s);
    QCOMPARE(found->createdAtMs, 100);
    QCOMPARE(found->lastSeenAtMs, 100);
    QVERIFY(!found->revoked());
    QVERIFY(!m_store->sessionByTokenHash("unknown"));

    m_store->touchSession(s1, 150);
    QCOMPARE(m_store->sessionByTokenHash("hash-1")->lastSeenAtMs, 150);

    QList<qint64> revoked = m_store->revokeUserSessions(ann, s2, u"new login"_s, 500);
    std::sort(revoked.begin(), revoked.end());
    QCOMPARE(revoked, (QList<qint64> { s1, s3 }));
    const auto ended = m_store->sessionByTokenHash("hash-3");
    QCOMPARE(ended->revokedAtMs, std::optional<qint64>(500));
    QCOMPARE(ended->revokedReason, u"new login"_s);
    QVERIFY(!m_store->sessionByTokenHash("hash-2")->revoked());
    QVERIFY(!m_store->sessionByTokenHash("hash-4")->revoked());
    // Already revoked sessions are not revoked again.
    QCOMPARE(m_store->revokeUserSessions(ann, s2, u"again"_s, 600), QList<qint64>());

    m_store->revokeSession(s2, u"logout"_s, 700);
    const auto loggedOut = m_store->sessionByTokenHash("hash-2");
    QCOMPARE(loggedOut->revokedAtMs, std::optional<qint64>(700));
    QCOMPARE(loggedOut->revokedReason, u"logout"_s);

    auto among = m_store->revokedAmong({ s1, s2, s3, other });
    std::sort(among.begin(), among.end());
    QCOMPARE(among,
        (QList<std::pair<qint64, QString>> {
            { s1, u"new login"_s }, { s2, u"logout"_s }, { s3, u"new login"_s } }));
    QCOMPARE(m_store->revokedAmong({}), (QList<std::pair<qint64, QString>>()));
}

void tst_Store::pendingSignupsOlderThanTheCutOffArePurged()
{
    auto pending = [&](const QString &name, qint64 createdAtMs) {
        UserRecord user;
        user.email = name.toLower() + u"@example.org"_s;
        user.displayName = name;
        user.passwordHash = u"hash-"_s + name;
        user.createdAtMs = createdAtMs;
        return m_store->insertUser(user);
    };
    const qint64 stale = pending(u"Stale"_s, 100); // signed up long ago, never verified
    m_store->putEmailCode({ stale, "aa", 700, 0, 100, u"h"_s, u"Stale"_s });
    const qint64 renewed = pending(u"Renewed"_s, 100); // signed up again lately
    m_store->putEmailCode({ renewed, "bb", 5000, 0, 4000, u"h"_s, u"Renewed"_s });
    const qint64 fresh = pending(u"Fresh"_s, 4000);
    m_store->putEmailCode({ fresh, "cc", 5000, 0, 4000, u"h"_s, u"Fresh"_s });
    const qint64 noCode = pending(u"NoCode"_s, 100);
    const qint64 owner = addUser(u"Owner"_s); // verified; someone tried to sign up as them
    m_store->putEmailCode({ owner, "", 700, 0, 100, u"h"_s, u"Impostor"_s });
    const qint64 active = addUser(u"Active"_s);
    m_store->putEmailCode({ active, "", 5000, 0, 4000, u"h"_s, u"Other"_s });

    QCOMPARE(m_store->purgePendingSignups(3000), 2); // Stale and NoCode
    QVERIFY(!m_store->userById(stale));
    QVERIFY(!m_store->userById(noCode));
    QVERIFY(m_store->userById(renewed) && m_store->emailCode(renewed));
    QVERIFY(m_store->userById(fresh) && m_store->emailCode(fresh));
    // Registered accounts stay; only their stale pending credentials go.
    QVERIFY(m_store->userById(owner));
    QVERIFY(!m_store->emailCode(owner));
    QVERIFY(m_store->emailCode(active));
    QCOMPARE(m_store->purgePendingSignups(3000), 0);
    // The address is free again.
    UserRecord again;
    again.email = u"stale@example.org"_s;
    again.displayName = u"Stale"_s;
    again.passwordHash = u"h"_s;
    again.createdAtMs = 5000;
    QVERIFY(m_store->insertUser(again) > 0);
}

void tst_Store::aDeviceIsKnownByItsRecentSessions()
{
    const qint64 ann = addUser(u"Ann"_s);
    const qint64 bob = addUser(u"Bob"_s);
    const qint64 s1
        = m_store->insertSession({ 0, ann, "hash-1", u"phone"_s, {}, {}, 100, 100, {}, {} });
    m_store->insertSession({ 0, bob, "hash-2", u"laptop"_s, {}, {}, 100, 900, {}, {} });
    m_store->touchSession(s1, 500);
    m_store->revokeSession(s1, u"logged_out"_s, 600); // a revoked session still counts
    QVERIFY(m_store->deviceSeenSince(ann, u"phone"_s, 500));
    QVERIFY(!m_store->deviceSeenSince(ann, u"phone"_s, 501));
    QVERIFY(!m_store->deviceSeenSince(ann, u"laptop"_s, 0)); // Bob's device
    QVERIFY(!m_store->deviceSeenSince(bob, u"phone"_s, 0));
}

void tst_Store::incrementsPayOncePerChallengeAndUpdateTotals()
{
    const qint64 ann = addUser(u"Ann"_s);
    const qint64 bob = addUser(u"Bob"_s);
    const AppendResult first = m_store->appendIncrements({
        { ann, 5, 1000, u"c1"_s, 11, u"10.0.0.1"_s }, { bob, 7, 1001, u"c2"_s, 12, u"10.0.0.2"_s },
        { ann, 3, 1002, u"c3"_s, 11, u"10.0.0.1"_s },
        { ann, 100, 1003, u"c1"_s, 11, u"10.0.0.1"_s }, // the same challenge again: pays nothing
    });
    QCOMPARE(first.ids.size(), 4);
    QVERIFY(first.ids[0] > 0 && first.ids[1] > first.ids[0] && first.ids[2] > first.ids[1]);
    QCOMPARE(first.ids[3], 0);
    QCOMPARE(first.totals.size(), 2);
    const ScoreRow annTotal = ann < bob ? first.totals[0] : first.totals[1];
    const ScoreRow bobTotal = ann < bob ? first.totals[1] : first.totals[0];
    QCOMPARE(annTotal, (ScoreRow { ann, 8, first.ids[2], {}, false, 2 }));
    QCOMPARE(bobTotal, (ScoreRow { bob, 7, first.ids[1], {}, false, 1 }));

    const auto entry = m_store->ledgerEntry(first.ids[0]);
    QVERIFY(entry);
    QCOMPARE(entry->userId, ann);
    QCOMPARE(entry->delta, 5);
    QCOMPARE(entry->atMs, 1000);
    QCOMPARE(entry->kind, u"action"_s);
    QCOMPARE(entry->challengeId, u"c1"_s);
    QCOMPARE(entry->sessionId, 11);
    QCOMPARE(entry->clientAddress, u"10.0.0.1"_s);
    QCOMPARE(entry->reversesId, 0);
    QCOMPARE(entry->reversedById, 0);

    // A challenge paid in an earlier batch pays nothing either.
    const AppendResult repeat = m_store->appendIncrements({ { bob, 1, 2000, u"c2"_s, 12, {} } });
    QCOMPARE(repeat.ids, QList<qint64> { 0 });
    QVERIFY(repeat.totals.isEmpty());

    const AppendResult later = m_store->appendIncrements({ { bob, 2, 3000, u"c4"_s, 12, {} } });
    QCOMPARE(later.totals, (QList<ScoreRow> { { bob, 9, later.ids[0], {}, false, 2 } }));
    QCOMPARE(m_store->scoreOf(bob, 1, 1)->score, 9);
    QCOMPARE(m_store->ledgerForUser(bob, 10).size(), 2);
}

void tst_Store::ledgerOfAUserIsNewestFirstAndAReversalHappensOnce()
{
    const qint64 ann = addUser(u"Ann"_s);
    const auto ids = m_store
                         ->appendIncrements({ { ann, 5, 1000, u"a"_s, 1, {} },
                             { ann, 6, 1001, u"b"_s, 1, {} }, { ann, 7, 1002, u"c"_s, 1, {} } })
                         .ids;
    QCOMPARE(idsOf(m_store->ledgerForUser(ann, 2)), (QList<qint64> { ids[2], ids[1] }));

    const qint64 reversal = m_store->appendReversal(ids[0], 5000);
    QVERIFY(reversal > ids[2]);
    QCOMPARE(m_store->appendReversal(ids[0], 6000), 0); // once only
    QCOMPARE(m_store->appendReversal(reversal, 6000), 0); // a reversal is not an action
    QCOMPARE(m_store->appendReversal(ids[2] + 1000, 6000), 0); // no such entry

    QCOMPARE(idsOf(m_store->ledgerForUser(ann, 10)),
        (QList<qint64> { reversal, ids[2], ids[1], ids[0] }));
    const auto compensation = m_store->ledgerEntry(reversal);
    QCOMPARE(compensation->kind, u"reversal"_s);
    QCOMPARE(compensation->delta, -5);
    QCOMPARE(compensation->atMs, 5000);
    QCOMPARE(compensation->reversesId, ids[0]);
    QCOMPARE(compensation->challengeId, QString());
    QCOMPARE(m_store->ledgerEntry(ids[0])->reversedById, reversal);
    QCOMPARE(*m_store->scoreOf(ann, 1, 1), (ScoreRow { ann, 13, reversal, u"Ann"_s, false, 4 }));
    QVERIFY(!m_store->ledgerEntry(reversal + 1000));
}

void tst_Store::storedTotalsMatchTheLedgerAndCanBeRewritten()
{
    const qint64 ann = addUser(u"Ann"_s);
    const qint64 bob = addUser(u"Bob"_s);
    const qint64 cid = addUser(u"Cid"_s); // no ledger entry, no total
    m_store->appendIncrements({ { ann, 5, 1, u"a"_s, 1, {} }, { bob, 4, 2, u"b"_s, 2, {} } });
    const qint64 seq = m_store->appendIncrements({ { ann, 2, 3, u"c"_s, 1, {} } }).ids[0];

    const auto annScore = m_store->scoreOf(ann, 1, 1);
    QVERIFY(annScore);
    QCOMPARE(*annScore, (ScoreRow { ann, 7, seq, {}, false, 2 }));
    QCOMPARE(annScore->displayName, u"Ann"_s);
    QVERIFY(!m_store->scoreOf(cid, 1, 1));
    const auto some = m_store->scoresOf({ ann, cid, bob });
    QCOMPARE(some.size(), 2);
    QCOMPARE(m_store->scoresOf({}).size(), 0);

    const QList<ScoreRow> table = m_store->scoreTable();
    QCOMPARE(table.size(), 2);
    QCOMPARE(table, m_store->ledgerTotals());
    QCOMPARE(table[0].displayName, m_store->ledgerTotals()[0].displayName);

    QList<ScoreRow> wrong = table;
    wrong[0].score += 100;
    wrong.removeLast();
    m_store->rewriteScores(wrong);
    QCOMPARE(m_store->scoreTable(), wrong);
    QVERIFY(m_store->scoreTable() != m_store->ledgerTotals());
    m_store->transaction([&] {
        m_store->lockLedger();
        m_store->rewriteScores(m_store->ledgerTotals());
    });
    QCOMPARE(m_store->scoreTable(), table);
}

void tst_Store::flagsAreFilteredAndDecided()
{
    const qint64 ann = addUser(u"Ann"_s);
    const qint64 bob = addUser(u"Bob"_s);
    const qint64 staff = addUser(u"Staff"_s);
    const auto ids
        = m_store->appendIncrements({ { ann, 5, 1, u"a"_s, 1, {} }, { bob, 9, 2, u"b"_s, 2, {} } })
              .ids;
    const qint64 i1 = ids[0];
    const qint64 i2 = ids[1];
    QCOMPARE(m_store->lastFlagId(), 0);

    FlagRecord fast;
    fast.incrementId = i1;
    fast.userId = ann;
    fast.rule = u"too_fast"_s;
    fast.evidence = u"5 in 1 ms"_s;
    fast.figures = uR"({"n":5})"_s;
    fast.createdAtMs = 100;
    const qint64 f1 = m_store->insertFlag(fast);
    FlagRecord manual;
    manual.incrementId = i1;
    manual.userId = ann;
    manual.rule = u"manual"_s;
    manual.evidence = u"looks odd"_s;
    manual.createdAtMs = 200;
    manual.createdBy = staff;
    const qint64 f2 = m_store->insertFlag(manual);
    FlagRecord pattern;
    pattern.userId = ann;
    pattern.rule = u"regular_timing"_s;
    pattern.evidence = u"every 100 ms"_s;
    pattern.createdAtMs = 300;
    const qint64 f3 = m_store->insertFlag(pattern);
    FlagRecord other = fast;
    other.incrementId = i2;
    other.userId = bob;
    other.createdAtMs = 400;
    const qint64 f4 = m_store->insertFlag(other);

    const auto stored = m_store->flagById(f1);
    QVERIFY(stored);
    QCOMPARE(stored->incrementId, i1);
    QCOMPARE(stored->userId, ann);
    QCOMPARE(stored->rule, u"too_fast"_s);
    QCOMPARE(stored->evidence, u"5 in 1 ms"_s);
    QCOMPARE(stored->figures, uR"({"n":5})"_s);
    QCOMPARE(stored->status, FlagStatus::Open);
    QCOMPARE(stored->createdAtMs, 100);
    QCOMPARE(stored->createdBy, 0);
    QCOMPARE(stored->decidedBy, 0);
    QCOMPARE(stored->decidedAtMs, 0);
    QCOMPARE(stored->decisionReason, QString());
    QCOMPARE(m_store->flagById(f2)->createdBy, staff);
    QCOMPARE(m_store->flagById(f2)->figures, u"{}"_s);
    QCOMPARE(m_store->flagById(f3)->incrementId, 0);
    QVERIFY(!m_store->flagById(f4 + 1000));
    QCOMPARE(m_store->lastFlagId(), f4);

    QCOMPARE(idsOf(m_store->flags(std::nullopt, 10)), (QList<qint64> { f4, f3, f2, f1 }));
    QCOMPARE(idsOf(m_store->flags(FlagStatus::Open, 2)), (QList<qint64> { f4, f3 }));
    QCOMPARE(idsOf(m_store->flagsForUser(ann)), (QList<qint64> { f3, f2, f1 }));
    QCOMPARE(idsOf(m_store->flagsForIncrement(i1)), (QList<qint64> { f1, f2 }));
    QCOMPARE(m_store->openFlagCount(i1), 2);
    auto flagged = m_store->openlyFlaggedIncrements();
    std::sort(flagged.begin(), flagged.end());
    QCOMPARE(
        flagged, (QList<FlagStore::HeldIncrement> { { i1, ann, 5, 1, 1 }, { i2, bob, 9, 1, 1 } }));

    m_store->decideFlag(f1, FlagStatus::Approved, staff, u"fine"_s, 1000);
    const auto approved = m_store->flagById(f1);
    QCOMPARE(approved->status, FlagStatus::Approved);
    QCOMPARE(approved->decidedBy, staff);
    QCOMPARE(approved->decidedAtMs, 1000);
    QCOMPARE(approved->decisionReason, u"fine"_s);
    QCOMPARE(m_store->openFlagCount(i1), 1);
    QCOMPARE(idsOf(m_store->flags(FlagStatus::Approved, 10)), QList<qint64> { f1 });
    QCOMPARE(idsOf(m_store->flags(FlagStatus::Open, 10)), (QList<qint64> { f4, f3, f2 }));
    // Raised after f3, or decided since 1000.
    QCOMPARE(idsOf(m_store->flagsSince(f3, 1000)), (QList<qint64> { f1, f4 }));
    QCOMPARE(idsOf(m_store->flagsSince(f4, 1001)), QList<qint64>());

    m_store->decideFlag(f2, FlagStatus::Reversed, staff, u"cheat"_s, 2000);
    QVERIFY(m_store->appendReversal(i1, 2000) > 0);
    QCOMPARE(m_store->flagById(f2)->status, FlagStatus::Reversed);
    QCOMPARE(idsOf(m_store->flags(FlagStatus::Reversed, 10)), QList<qint64> { f2 });
    QCOMPARE(m_store->openFlagCount(i1), 0);
    QCOMPARE(m_store->openFlagCount(i2), 1);
    // An open flag on a reversed increment does not hold it any more.
    m_store->insertFlag(manual);
    QCOMPARE(m_store->openFlagCount(i1), 1);
    QCOMPARE(m_store->openlyFlaggedIncrements(),
        (QList<FlagStore::HeldIncrement> { { i2, bob, 9, 1, 1 } }));
}

void tst_Store::suspensionIsSetAndCleared()
{
    const qint64 ann = addUser(u"Ann"_s);
    m_store->appendIncrements({ { ann, 5, 1, u"a"_s, 1, {} } });
    QVERIFY(!m_store->userById(ann)->suspended());
    m_store->setSuspended(ann, 500);
    QCOMPARE(m_store->userById(ann)->suspendedAtMs, std::optional<qint64>(500));
    QVERIFY(m_store->scoreOf(ann, 1, 1)->suspended);
    QVERIFY(m_store->scoreTable()[0].suspended);
    QVERIFY(m_store->ledgerTotals()[0].suspended);
    m_store->setSuspended(ann, std::nullopt);
    QVERIFY(!m_store->userById(ann)->suspended());
    QVERIFY(!m_store->scoreOf(ann, 1, 1)->suspended);
}

void tst_Store::auditLogPagesBackwardsAndIsAppendOnly()
{
    const qint64 staff = addUser(u"Staff"_s);
    QList<qint64> ids;
    for (int i = 1; i <= 5; ++i) {
        ids.append(m_store->appendAudit(
            { 0, 1000 + i, staff, u"suspend"_s, u"user:%1"_s.arg(i), u"reason %1"_s.arg(i) }));
    }
    const auto newest = m_store->audit(2, 0);
    QCOMPARE(idsOf(newest), (QList<qint64> { ids[4], ids[3] }));
    QCOMPARE(newest[0].atMs, 1005);
    QCOMPARE(newest[0].staffId, staff);
    QCOMPARE(newest[0].action, u"suspend"_s);
    QCOMPARE(newest[0].target, u"user:5"_s);
    QCOMPARE(newest[0].reason, u"reason 5"_s);
    QCOMPARE(idsOf(m_store->audit(2, ids[3])), (QList<qint64> { ids[2], ids[1] }));
    QCOMPARE(idsOf(m_store->audit(10, ids[1])), QList<qint64> { ids[0] });
    QCOMPARE(idsOf(m_store->audit(10, ids[0])), QList<qint64>());

    const qint64 ann = addUser(u"Ann"_s);
    m_store->appendIncrements({ { ann, 5, 1, u"a"_s, 1, {} } });
    for (const QString &statement :
        { u"UPDATE audit_log SET reason = 'edited'"_s, u"DELETE FROM audit_log"_s,
            u"UPDATE ledger SET delta = 1000"_s, u"DELETE FROM ledger"_s }) {
        QSqlQuery q(raw());
        QVERIFY2(!q.exec(statement), qPrintable(statement));
        QVERIFY2(q.lastError().text().contains(u"append-only"_s), qPrintable(q.lastError().text()));
    }
    QCOMPARE(m_store->audit(10, 0).size(), 5);
    QCOMPARE(m_store->audit(10, 0)[0].reason, u"reason 5"_s);
    QCOMPARE(m_store->scoreOf(ann, 1, 1)->score, 5);
}

void tst_Store::firstKeyFingerprintWins()
{
    QCOMPARE(m_store->claimKeyFingerprint(u"first"_s), u"first"_s);
    QCOMPARE(m_store->claimKeyFingerprint(u"second"_s), u"first"_s);
    auto again = newStore(); // another node of the same database
    again->open();
    QCOMPARE(again->claimKeyFingerprint(u"third"_s), u"first"_s);
}

void tst_Store::transactionRollsBackWhenItsWorkThrows()
{
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_store->transaction([&] {
        addUser(u"Ann"_s);
        m_store->transaction([&] { addUser(u"Bob"_s); }); // nested: part of the outer one
        throw std::runtime_error("abandon");
    }));
    QVERIFY(!m_store->userByEmail(u"ann@example.org"_s));
    QVERIFY(!m_store->userByEmail(u"bob@example.org"_s));

    // A failing statement rolls back the statements before it.
    addUser(u"Cid"_s);
    QVERIFY_THROWS_EXCEPTION(StoreError, m_store->transaction([&] {
        addUser(u"Dee"_s);
        addUser(u"Cid"_s);
    }));
    QVERIFY(!m_store->userByEmail(u"dee@example.org"_s));

    // The store is usable afterwards, and a transaction that returns commits.
    m_store->transaction([&] { addUser(u"Eve"_s); });
    QVERIFY(m_store->userByEmail(u"eve@example.org"_s));
}

QTEST_GUILESS_MAIN(tst_Store)
