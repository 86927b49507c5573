#include "store/sqlstatement.h"
#include "store/sqlstore.h"

#include <QHash>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;

namespace {

/// What adding to a total does when the user has one: the sum, newest entry and number of
/// entries grow by those of the user's new entries. `reached_seq` only moves forward, as entries
/// of two nodes may commit out of id order.
const QString kMergeTotal = u"ON CONFLICT (user_id) DO UPDATE SET "
                            "score = scores.score + excluded.score, "
                            "reached_seq = CASE WHEN excluded.reached_seq > scores.reached_seq "
                            "THEN excluded.reached_seq ELSE scores.reached_seq END, "
                            "revision = scores.revision + excluded.revision "
                            "RETURNING user_id, score, reached_seq, revision"_s;

/// Adds to one user's total: (user, delta, newest entry, entries).
const QString kAddToTotal
    = u"INSERT INTO scores (user_id, score, reached_seq, revision) VALUES (?, ?, ?, ?) "_s
    + kMergeTotal;

/// PostgreSQL: adds to several users' totals at once, from four arrays of the same length
/// (users, deltas, newest entries, entries), in user order.
const QString kAddToTotals
    = u"INSERT INTO scores (user_id, score, reached_seq, revision) "
      "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) ORDER BY 1 "_s
    + kMergeTotal;

struct TotalChange
{
    qint64 delta = 0;
    qint64 seq = 0;
    qint64 entries = 0;
};

} // namespace

AppendResult SqlStore::appendIncrements(const QList<NewIncrement> &batch)
{
    AppendResult result;
    result.ids.reserve(batch.size());
    transaction([&] {
        if (m_dialect == Dialect::Postgres) {
            // One statement for the whole batch: over a network every statement is a round trip.
            QList<qint64> users, deltas, times, sessions;
            QStringList challenges, addresses;
            for (const auto &increment : batch) {
                users.append(increment.userId);
                deltas.append(increment.delta);
                times.append(increment.atMs);
                challenges.append(increment.challengeId);
                sessions.append(increment.sessionId);
                addresses.append(increment.clientAddress);
            }
            Statement insert(db(),
                u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, "
                "session_id, client_address) SELECT u, d, t, 'action', c, s, a FROM "
                "unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], "
                "?::text[]) AS b(u, d, t, c, s, a) WHERE true "
                "ON CONFLICT (challenge_id) DO NOTHING RETURNING id, challenge_id"_s);
            insert.bind(pgArray(users))
                .bind(pgArray(deltas))
                .bind(pgArray(times))
                .bind(pgArray(challenges))
                .bind(pgArray(sessions))
                .bind(pgArray(addresses))
                .exec();
            QHash<QString, qint64> idOf;
            while (insert.next())
                idOf.insert(insert.value(1).toString(), insert.value(0).toLongLong());
            for (const auto &increment : batch)
                result.ids.append(idOf.take(increment.challengeId)); // a repeat in the batch: 0
        } else {
            Statement insert(db(),
                u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, "
                "session_id, client_address) VALUES (?, ?, ?, 'action', ?, ?, ?) "
                "ON CONFLICT (challenge_id) DO NOTHING RETURNING id"_s);
            for (const auto &increment : batch) {
                insert.bind(increment.userId)
                    .bind(increment.delta)
                    .bind(increment.atMs)
                    .bind(increment.challengeId)
                    .bind(increment.sessionId)
                    .bind(increment.clientAddress)
                    .exec();
                result.ids.append(insert.next() ? insert.value(0).toLongLong() : 0);
            }
        }
        std::map<qint64, TotalChange> changes; // by user id: totals are locked in this order
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const qint64 id = result.ids[i];
            if (id == 0)
                continue;
            TotalChange &change = changes[batch[i].userId];
            change.delta += batch[i].delta;
            change.seq = std::max(change.seq, id);
            ++change.entries;
        }
        // In user order, so that two nodes committing for overlapping players lock their
        // totals in the same order and never deadlock.
        QList<qint64> users;
        const auto readTotal = [&](const Statement &q) { // a row RETURNING by kMergeTotal
            ScoreRow row;
            row.userId = q.value(0).toLongLong();
            row.score = q.value(1).toLongLong();
            row.reachedSeq = q.value(2).toLongLong();
            row.revision = q.value(3).toLongLong();
            result.totals.append(row);
            users.append(row.userId);
        };
        if (m_dialect == Dialect::Postgres && !changes.empty()) {
            QList<qint64> ids, deltas, seqs, entries;
            for (const auto &[userId, change] : changes) {
                ids.append(userId);
                deltas.append(change.delta);
                seqs.append(change.seq);
                entries.append(change.entries);
            }
            Statement total(db(), kAddToTotals);
            total.bind(pgArray(ids))
                .bind(pgArray(deltas))
                .bind(pgArray(seqs))
                .bind(pgArray(entries))
                .exec();
            while (total.next())
                readTotal(total);
            if (users.size() != qsizetype(changes.size()))
                throw StoreError("updating the totals returned too few rows");
        } else {
            Statement total(db(), kAddToTotal);
            for (const auto &[userId, change] : changes) {
                total.bind(userId).bind(change.delta).bind(change.seq).bind(change.entries).exec();
                if (!total.next())
                    throw StoreError("updating a total returned no row");
                readTotal(total);
            }
        }
        if (!users.isEmpty())
            notify({ cluster::Message::Kind::Scores, {}, users, 0, {} });
    });
    return result;
}

namespace {

/// Columns: user id, score, reached seq, display name, suspended at, revision.
ScoreRow readScoreRow(const Statement &q)
{
    return { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toString(), !q.value(4).isNull(), q.value(5).toLongLong() };
}

QList<ScoreRow> readScoreRows(Statement &q)
{
    QList<ScoreRow> rows;
    while (q.next())
        rows.append(readScoreRow(q));
    return rows;
}

const QString kScoreSelect
    = u"SELECT s.user_id, s.score, s.reached_seq, u.display_name, u.suspended_at, s.revision "
      "FROM scores s JOIN users u ON u.id = s.user_id"_s;

} // namespace

QList<ScoreRow> SqlStore::scoreTable()
{
    Statement q(db(), kScoreSelect + u" ORDER BY s.user_id"_s);
    q.exec();
    return readScoreRows(q);
}

QList<ScoreRow> SqlStore::ledgerTotals()
{
    Statement q(db(),
        u"SELECT l.user_id, CAST(SUM(l.delta) AS BIGINT), MAX(l.id), u.display_name, "
        "u.suspended_at, COUNT(*) FROM ledger l JOIN users u ON u.id = l.user_id "
        "GROUP BY l.user_id, u.display_name, u.suspended_at ORDER BY l.user_id"_s);
    q.exec();
    return readScoreRows(q);
}

void SqlStore::rewriteScores(const QList<ScoreRow> &rows)
{
    transaction([&] {
        Statement(db(), u"DELETE FROM scores"_s).exec();
        Statement insert(db(),
            u"INSERT INTO scores (user_id, score, reached_seq, revision) VALUES (?, ?, ?, ?)"_s);
        for (const auto &row : rows)
            insert.bind(row.userId).bind(row.score).bind(row.reachedSeq).bind(row.revision).exec();
    });
}

void SqlStore::lockLedger()
{
    // SQLite: the write transaction (BEGIN IMMEDIATE) already excludes every other writer.
    if (m_dialect == Dialect::Postgres)
        execDirect(db(), u"LOCK TABLE ledger, scores IN SHARE MODE"_s);
}

namespace {

const QString kLedgerColumns
    = u"l.id, l.user_id, l.delta, l.created_at, l.kind, "
      "COALESCE(l.challenge_id, ''), COALESCE(l.session_id, 0), "
      "l.client_address, COALESCE(l.reverses_id, 0), "
      "COALESCE((SELECT r.id FROM ledger r WHERE r.reverses_id = l.id), 0)"_s;

LedgerEntry readLedger(const Statement &q)
{
    return { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
        q.value(6).toLongLong(), q.value(7).toString(), q.value(8).toLongLong(),
        q.value(9).toLongLong() };
}

} // namespace

std::optional<LedgerEntry> SqlStore::ledgerEntry(qint64 id)
{
    Statement q(db(), u"SELECT %1 FROM ledger l WHERE l.id = ?"_s.arg(kLedgerColumns));
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return readLedger(q);
}

QList<LedgerEntry> SqlStore::ledgerForUser(qint64 userId, int limit)
{
    Statement q(db(),
        u"SELECT %1 FROM ledger l WHERE l.user_id = ? ORDER BY l.id DESC LIMIT ?"_s.arg(
            kLedgerColumns));
    q.bind(userId).bind(limit).exec();
    QList<LedgerEntry> entries;
    while (q.next())
        entries.append(readLedger(q));
    return entries;
}

qint64 SqlStore::appendReversal(qint64 incrementId, qint64 atMs)
{
    qint64 id = 0;
    transaction([&] {
        const auto original = ledgerEntry(incrementId);
        if (!original || original->kind != u"action"_s || original->reversedById != 0)
            return;
        Statement insert(db(),
            u"INSERT INTO ledger (user_id, delta, created_at, kind, reverses_id) "
            "VALUES (?, ?, ?, 'reversal', ?) ON CONFLICT (reverses_id) DO NOTHING RETURNING id"_s);
        insert.bind(original->userId).bind(-original->delta).bind(atMs).bind(incrementId).exec();
        if (!insert.next())
            return;
        id = insert.value(0).toLongLong();
        Statement(db(), kAddToTotal)
            .bind(original->userId)
            .bind(-original->delta)
            .bind(id)
            .bind(1)
            .exec();
        notify({ cluster::Message::Kind::Scores, {}, { original->userId }, 0, {} });
    });
    return id;
}

std::optional<ScoreRow> SqlStore::scoreOf(qint64 userId)
{
    Statement q(db(), kScoreSelect + u" WHERE s.user_id = ?"_s);
    q.bind(userId).exec();
    if (!q.next())
        return std::nullopt;
    return readScoreRow(q);
}

QList<ScoreRow> SqlStore::scoresOf(const QList<qint64> &userIds)
{
    if (userIds.isEmpty())
        return {};
    Statement q(db(), kScoreSelect + u" WHERE s.user_id IN (%1)"_s.arg(idList(userIds)));
    q.exec();
    return readScoreRows(q);
}

} // namespace scoreboard::server
