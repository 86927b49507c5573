// Databases as older releases left them (built with Migrations::migrateTo() and filled with
// rows), then opened by SqlStore: every row survives and the new columns are computed.
#include "store/migrations.h"
#include "tst_store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::server;
using protocol::EventState;
using protocol::FlagStatus;

namespace {

/// Every row of @p table ordered by @p order, each column as text ("<null>" for NULL).
using Rows = QList<QStringList>;

Rows readRows(const QSqlDatabase &db, const QString &table, const QString &order = u"1"_s)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT * FROM %1 ORDER BY %2"_s.arg(table, order)))
        qFatal("cannot read %s: %s", qPrintable(table), qPrintable(q.lastError().text()));
    Rows rows;
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < q.record().count(); ++i)
            row.append(q.isNull(i) ? u"<null>"_s : q.value(i).toString());
        rows.append(row);
    }
    return rows;
}

/// The ids of @p records (flags, ledger or audit entries), in order.
} // namespace

void tst_Store::buildDatabase(int version, const QStringList &rows)
{
    Migrations migrations(
        raw(), m_engine == u"sqlite"_s ? SqlDialect::Sqlite : SqlDialect::Postgres);
    migrations.migrateTo(version);
    QCOMPARE(migrations.version(), version);
    for (const QString &statement : rows) {
        QSqlQuery q(raw());
        QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
    }
}

QList<Rows> tst_Store::snapshot(const QStringList &tables)
{
    QList<Rows> rows;
    for (const QString &table : tables)
        rows.append(readRows(raw(), table));
    return rows;
}

void tst_Store::version1DatabaseUpgradesWithNothingLost()
{
    buildDatabase(1,
        {
            u"INSERT INTO users (email, display_name, password_hash, role, created_at, "
            "verified_at, suspended_at) VALUES ('ann@example.org', 'Ann', 'h1', 'admin', 10, "
            "20, NULL)"_s,
            u"INSERT INTO users (email, display_name, password_hash, role, created_at, "
            "verified_at, suspended_at) VALUES ('bob@example.org', 'Bob', 'h2', 'player', 11, "
            "NULL, 30)"_s,
            u"INSERT INTO email_codes (user_id, code_hash, expires_at, attempts, sent_at, "
            "password_hash, display_name) VALUES (2, 'c0de', 99, 1, 40, 'h3', 'Bobby')"_s,
            u"INSERT INTO sessions (user_id, token_hash, device_id, device_name, "
            "client_address, created_at, last_seen_at, revoked_at, revoked_reason) VALUES "
            "(1, 't1', 'd1', 'Phone', '10.0.0.1', 50, 60, NULL, NULL)"_s,
            u"INSERT INTO sessions (user_id, token_hash, device_id, device_name, "
            "client_address, created_at, last_seen_at, revoked_at, revoked_reason) VALUES "
            "(1, 't2', 'd2', '', '', 51, 61, 70, 'logout')"_s,
        });
    if (QTest::currentTestFailed())
        return;
    const QStringList tables { u"users"_s, u"email_codes"_s, u"sessions"_s };
    const QList<Rows> before = snapshot(tables);
    QCOMPARE(before[0].size(), 2);

    m_store = newStore();
    m_store->open();
    QCOMPARE(m_store->schemaVersion(), Migrations::latestVersion());
    QCOMPARE(snapshot(tables), before);

    // And the store reads and extends them.
    const auto ann = m_store->userByEmail(u"ann@example.org"_s);
    QCOMPARE(ann->role, protocol::Role::Admin);
    QCOMPARE(ann->verifiedAtMs, std::optional<qint64>(20));
    QCOMPARE(m_store->userById(2)->suspendedAtMs, std::optional<qint64>(30));
    QCOMPARE(m_store->emailCode(2)->displayName, u"Bobby"_s);
    QCOMPARE(m_store->sessionByTokenHash("t2")->revokedReason, u"logout"_s);
    const qint64 cid = addUser(u"Cid"_s);
    QCOMPARE(cid, 3);
    QCOMPARE(m_store->appendIncrements({ { cid, 4, 1, u"x"_s, 0, {} } }).totals.size(), 1);
}

void tst_Store::version3DatabaseUpgradesWithNothingLostAndRevisionsCounted()
{
    buildDatabase(3,
        {
            u"INSERT INTO users (email, display_name, password_hash, role, created_at, "
            "verified_at) VALUES ('ann@example.org', 'Ann', 'h1', 'player', 10, 20)"_s,
            u"INSERT INTO users (email, display_name, password_hash, role, created_at, "
            "verified_at) VALUES ('bob@example.org', 'Bob', 'h2', 'player', 11, 21)"_s,
            u"INSERT INTO users (email, display_name, password_hash, role, created_at, "
            "verified_at) VALUES ('staff@example.org', 'Staff', 'h3', 'admin', 12, 22)"_s,
            u"INSERT INTO sessions (user_id, token_hash, device_id, created_at, last_seen_at) "
            "VALUES (1, 't1', 'd1', 50, 60)"_s,
            u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, session_id, "
            "client_address) VALUES (1, 5, 100, 'action', 'c1', 1, '10.0.0.1')"_s,
            u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, session_id, "
            "client_address) VALUES (1, 3, 101, 'action', 'c2', 1, '10.0.0.1')"_s,
            u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, session_id, "
            "client_address) VALUES (2, 7, 102, 'action', 'c3', NULL, '')"_s,
            u"INSERT INTO ledger (user_id, delta, created_at, kind, reverses_id) "
            "VALUES (1, -3, 103, 'reversal', 2)"_s,
            u"INSERT INTO scores (user_id, score, reached_seq) VALUES (1, 5, 4)"_s,
            u"INSERT INTO scores (user_id, score, reached_seq) VALUES (2, 7, 3)"_s,
            u"INSERT INTO flags (increment_id, user_id, rule, evidence, figures, status, "
            "created_at, created_by, decided_by, decided_at, decision_reason) VALUES "
            "(2, 1, 'too_fast', 'e1', '{\"n\":2}', 'reversed', 200, NULL, 3, 210, 'cheat')"_s,
            u"INSERT INTO flags (increment_id, user_id, rule, evidence, status, created_at, "
            "created_by) VALUES (3, 2, 'manual', 'e2', 'open', 201, 3)"_s,
            u"INSERT INTO flags (user_id, rule, evidence, status, created_at, decided_by, "
            "decided_at, decision_reason) VALUES (2, 'pattern', 'e3', 'approved', 202, 3, 220, "
            "'ok')"_s,
            u"INSERT INTO audit_log (at, staff_id, action, target, reason) "
            "VALUES (210, 3, 'reverse', 'increment:2', 'cheat')"_s,
            u"INSERT INTO audit_log (at, staff_id, action, target) "
            "VALUES (220, 3, 'approve', 'flag:3')"_s,
        });
    if (QTest::currentTestFailed())
        return;
    const QStringList tables { u"users"_s, u"email_codes"_s, u"sessions"_s, u"ledger"_s, u"flags"_s,
        u"audit_log"_s };
    const QList<Rows> before = snapshot(tables);
    const Rows scoresBefore = readRows(raw(), u"scores"_s);
    QCOMPARE(before[3].size(), 4);
    QCOMPARE(scoresBefore.size(), 2);

    m_store = newStore();
    m_store->open();
    QCOMPARE(m_store->schemaVersion(), Migrations::latestVersion());
    // Every row keeps its columns; the ledger and the flags gain their event and season (the
    // default event `main`, season 1) and the ledger its kind of action (none known before).
    const QList<Rows> after = snapshot(tables);
    QCOMPARE(after.size(), before.size());
    for (qsizetype t = 0; t < before.size(); ++t) {
        QCOMPARE(after[t].size(), before[t].size());
        for (qsizetype r = 0; r < before[t].size(); ++r) {
            const QStringList &old = before[t][r];
            QCOMPARE(after[t][r].mid(0, old.size()), old);
            const QStringList added = after[t][r].mid(old.size());
            if (tables[t] == u"ledger"_s)
                QCOMPARE(added, (QStringList { u"1"_s, u"1"_s, QString() }));
            else if (tables[t] == u"flags"_s)
                QCOMPARE(added, (QStringList { u"1"_s, u"1"_s }));
            else
                QCOMPARE(added, QStringList());
        }
    }
    // scores keeps its rows, now keyed by event and season (main, 1), and gains the revision:
    // how many ledger entries the total sums.
    Rows scoresAfter = readRows(raw(), u"scores"_s);
    QCOMPARE(scoresAfter.size(), 2);
    const QStringList main { u"1"_s, u"1"_s };
    QCOMPARE(scoresAfter[0], main + scoresBefore[0] + QStringList { u"3"_s });
    QCOMPARE(scoresAfter[1], main + scoresBefore[1] + QStringList { u"1"_s });
    const QList<EventRecord> events = m_store->events();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].slug, u"main"_s);
    QCOMPARE(events[0].state, EventState::Live);
    QCOMPARE(m_store->seasons(1).size(), 1);
    QCOMPARE(m_store->ledgerEntry(1)->event, u"main"_s);
    QCOMPARE(m_store->scoreTable(), m_store->ledgerTotals());

    // The store reads the old rows and carries on from them.
    QCOMPARE(m_store->ledgerEntry(2)->reversedById, 4);
    QCOMPARE(m_store->flagById(1)->status, FlagStatus::Reversed);
    QCOMPARE(m_store->flagById(3)->status, FlagStatus::Approved);
    QCOMPARE(m_store->openlyFlaggedIncrements(),
        (QList<FlagStore::HeldIncrement> { { 3, 2, 7, 1, 1 } }));
    QCOMPARE(idsOf(m_store->audit(10, 0)), (QList<qint64> { 2, 1 }));
    const AppendResult more = m_store->appendIncrements({ { 1, 10, 300, u"c4"_s, 1, {} } });
    QCOMPARE(more.ids, QList<qint64> { 5 });
    QCOMPARE(more.totals, (QList<ScoreRow> { { 1, 15, 5, {}, false, 4 } }));
    FlagRecord flag;
    flag.incrementId = 5;
    flag.userId = 1;
    flag.rule = u"manual"_s;
    flag.evidence = u"after the upgrade"_s;
    flag.createdAtMs = 400;
    QCOMPARE(m_store->insertFlag(flag), 4);
    QCOMPARE(m_store->appendAudit({ 0, 400, 3, u"flag"_s, u"increment:5"_s, {} }), 3);
}
