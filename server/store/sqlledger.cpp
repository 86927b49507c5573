#include "store/sqlstatement.h"
#include "store/sqlstore.h"

#include <QHash>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;

namespace {

/// What adding to a total does when the user has one in that event and season: the sum, newest
/// entry and number of entries grow by those of the user's new entries. `reached_seq` only moves
/// forward, as entries of two nodes may commit out of id order.
const QString kMergeTotal = u"ON CONFLICT (event_id, season, user_id) DO UPDATE SET "
                            "score = scores.score + excluded.score, "
                            "reached_seq = CASE WHEN excluded.reached_seq > scores.reached_seq "
                            "THEN excluded.reached_seq ELSE scores.reached_seq END, "
                            "revision = scores.revision + excluded.revision "
                            "RETURNING user_id, score, reached_seq, revision, event_id, season"_s;

/// Adds to one total: (event, season, user, delta, newest entry, entries).
const QString kAddToTotal = u"INSERT INTO scores (event_id, season, user_id, score, reached_seq, "
                            "revision) VALUES (?, ?, ?, ?, ?, ?) "_s
    + kMergeTotal;

/// PostgreSQL: adds to several totals at once, from six arrays of the same length (events,
/// seasons, users, deltas, newest entries, entries), in key order.
const QString kAddToTotals
    = u"INSERT INTO scores (event_id, season, user_id, score, reached_seq, revision) "
      "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], "
      "?::bigint[]) ORDER BY 1, 2, 3 "_s
    + kMergeTotal;

struct TotalChange
{
    qint64 delta = 0;
    qint64 seq = 0;
    qint64 entries = 0;
};

/// A total's key, in the order totals are locked: event, season, user.
using TotalKey = std::tuple<qint64, qint64, qint64>;

} // namespace

QHash<qint64, std::pair<qint64, bool>> SqlStore::liveSeasons(const QList<qint64> &eventIds)
{
    QHash<qint64, std::pair<qint64, bool>> out;
    if (eventIds.isEmpty())
        return out;
    // PostgreSQL: FOR SHARE holds off a node that would close or roll one of these events
    // until this commit is done (and waits for one that is doing it): an entry never lands in
    // a season that has already ended.
    Statement q(db(),
        u"SELECT id, season, state FROM events WHERE id IN (%1)%2"_s.arg(idList(eventIds),
            m_dialect == Dialect::Postgres ? u" FOR SHARE"_s : QString()));
    q.exec();
    while (q.next())
        out.insert(q.value(0).toLongLong(),
            { q.value(1).toLongLong(), q.value(2).toString() == u"live"_s });
    return out;
}

AppendResult SqlStore::appendIncrements(const QList<NewIncrement> &batch)
{
    AppendResult result;
    result.ids.reserve(batch.size());
    transaction([&] {
        QList<qint64> eventIds;
        for (const auto &increment : batch) {
            if (!eventIds.contains(increment.eventId))
                eventIds.append(increment.eventId);
        }
        const auto live = liveSeasons(eventIds);
        const auto counts = [&](const NewIncrement &increment) {
            const auto it = live.constFind(increment.eventId);
            return it != live.cend() && it->second && it->first == increment.season;
        };
        QList<qint64> accepted; // indexes into batch
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (counts(batch[i]))
                accepted.append(i);
        }
        QHash<qsizetype, qint64> idOf; // batch index → ledger id
        if (m_dialect == Dialect::Postgres) {
            // One statement for the whole batch: over a network every statement is a round trip.
            QList<qint64> users, deltas, times, sessions, events, seasons;
            QStringList challenges, addresses, actions;
            for (qsizetype i : std::as_const(accepted)) {
                const auto &increment = batch[i];
                users.append(increment.userId);
                deltas.append(increment.delta);
                times.append(increment.atMs);
                challenges.append(increment.challengeId);
                sessions.append(increment.sessionId);
                addresses.append(increment.clientAddress);
                events.append(increment.eventId);
                seasons.append(increment.season);
                actions.append(increment.action);
            }
            if (!accepted.isEmpty()) {
                Statement insert(db(),
                    u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, "
                    "session_id, client_address, event_id, season, action) "
                    "SELECT u, d, t, 'action', c, s, a, e, n, k FROM "
                    "unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], "
                    "?::text[], ?::bigint[], ?::bigint[], ?::text[]) AS b(u, d, t, c, s, a, e, n, k) "
                    "WHERE true ON CONFLICT (challenge_id) DO NOTHING RETURNING id, challenge_id"_s);
                insert.bind(pgArray(users))
                    .bind(pgArray(deltas))
                    .bind(pgArray(times))
                    .bind(pgArray(challenges))
                    .bind(pgArray(sessions))
                    .bind(pgArray(addresses))
                    .bind(pgArray(events))
                    .bind(pgArray(seasons))
                    .bind(pgArray(actions))
                    .exec();
                QHash<QString, qint64> byChallenge;
                while (insert.next())
                    byChallenge.insert(insert.value(1).toString(), insert.value(0).toLongLong());
                for (qsizetype i : std::as_const(accepted)) // a repeat in the batch: 0
                    idOf.insert(i, byChallenge.take(batch[i].challengeId));
            }
        } else {
            Statement insert(db(),
                u"INSERT INTO ledger (user_id, delta, created_at, kind, challenge_id, "
                "session_id, client_address, event_id, season, action) "
                "VALUES (?, ?, ?, 'action', ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (challenge_id) DO NOTHING RETURNING id"_s);
            for (qsizetype i : std::as_const(accepted)) {
                const auto &increment = batch[i];
                insert.bind(increment.userId)
                    .bind(increment.delta)
                    .bind(increment.atMs)
                    .bind(increment.challengeId)
                    .bind(increment.sessionId)
                    .bind(increment.clientAddress)
                    .bind(increment.eventId)
                    .bind(increment.season)
                    .bind(increment.action)
                    .exec();
                idOf.insert(i, insert.next() ? insert.value(0).toLongLong() : 0);
            }
        }
        for (qsizetype i = 0; i < batch.size(); ++i)
            result.ids.append(idOf.value(i, AppendResult::kNotLive));
        std::map<TotalKey, TotalChange> changes; // totals are locked in key order
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const qint64 id = result.ids[i];
            if (id <= 0)
                continue;
            TotalChange &change
                = changes[TotalKey { batch[i].eventId, batch[i].season, batch[i].userId }];
            change.delta += batch[i].delta;
            change.seq = std::max(change.seq, id);
            ++change.entries;
        }
        // In key order, so that two nodes committing for overlapping players lock their
        // totals in the same order and never deadlock.
        QList<qint64> users;
        const auto readTotal = [&](const Statement &q) { // a row RETURNING by kMergeTotal
            ScoreRow row;
            row.userId = q.value(0).toLongLong();
            row.score = q.value(1).toLongLong();
            row.reachedSeq = q.value(2).toLongLong();
            row.revision = q.value(3).toLongLong();
            row.eventId = q.value(4).toLongLong();
            row.season = q.value(5).toLongLong();
            result.totals.append(row);
            if (!users.contains(row.userId))
                users.append(row.userId);
        };
        if (m_dialect == Dialect::Postgres && !changes.empty()) {
            QList<qint64> events, seasons, ids, deltas, seqs, entries;
            for (const auto &[key, change] : changes) {
                events.append(std::get<0>(key));
                seasons.append(std::get<1>(key));
                ids.append(std::get<2>(key));
                deltas.append(change.delta);
                seqs.append(change.seq);
                entries.append(change.entries);
            }
            Statement total(db(), kAddToTotals);
            total.bind(pgArray(events))
                .bind(pgArray(seasons))
                .bind(pgArray(ids))
                .bind(pgArray(deltas))
                .bind(pgArray(seqs))
                .bind(pgArray(entries))
                .exec();
            while (total.next())
                readTotal(total);
            if (result.totals.size() != qsizetype(changes.size()))
                throw StoreError("updating the totals returned too few rows");
        } else {
            Statement total(db(), kAddToTotal);
            for (const auto &[key, change] : changes) {
                total.bind(std::get<0>(key))
                    .bind(std::get<1>(key))
                    .bind(std::get<2>(key))
                    .bind(change.delta)
                    .bind(change.seq)
                    .bind(change.entries)
                    .exec();
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

/// Columns: user id, score, reached seq, display name, suspended at, revision, event, season.
ScoreRow readScoreRow(const Statement &q)
{
    return { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toString(), !q.value(4).isNull(), q.value(5).toLongLong(),
        q.value(6).toLongLong(), q.value(7).toLongLong() };
}

QList<ScoreRow> readScoreRows(Statement &q)
{
    QList<ScoreRow> rows;
    while (q.next())
        rows.append(readScoreRow(q));
    return rows;
}

const QString kScoreSelect
    = u"SELECT s.user_id, s.score, s.reached_seq, u.display_name, u.suspended_at, s.revision, "
      "s.event_id, s.season FROM scores s JOIN users u ON u.id = s.user_id"_s;

/// Only the rows of each event's current season.
const QString kCurrentSeason
    = u" JOIN events e ON e.id = s.event_id AND e.season = s.season"_s;

} // namespace

QList<ScoreRow> SqlStore::scoreTable()
{
    Statement q(db(), kScoreSelect + u" ORDER BY s.event_id, s.season, s.user_id"_s);
    q.exec();
    return readScoreRows(q);
}

QList<ScoreRow> SqlStore::currentScores()
{
    Statement q(db(), kScoreSelect + kCurrentSeason + u" ORDER BY s.event_id, s.user_id"_s);
    q.exec();
    return readScoreRows(q);
}

QList<ScoreRow> SqlStore::ledgerTotals()
{
    Statement q(db(),
        u"SELECT l.user_id, CAST(SUM(l.delta) AS BIGINT), MAX(l.id), u.display_name, "
        "u.suspended_at, COUNT(*), l.event_id, l.season FROM ledger l "
        "JOIN users u ON u.id = l.user_id "
        "GROUP BY l.event_id, l.season, l.user_id, u.display_name, u.suspended_at "
        "ORDER BY l.event_id, l.season, l.user_id"_s);
    q.exec();
    return readScoreRows(q);
}

void SqlStore::rewriteScores(const QList<ScoreRow> &rows)
{
    transaction([&] {
        Statement(db(), u"DELETE FROM scores"_s).exec();
        Statement insert(db(),
            u"INSERT INTO scores (event_id, season, user_id, score, reached_seq, revision) "
            "VALUES (?, ?, ?, ?, ?, ?)"_s);
        for (const auto &row : rows)
            insert.bind(row.eventId)
                .bind(row.season)
                .bind(row.userId)
                .bind(row.score)
                .bind(row.reachedSeq)
                .bind(row.revision)
                .exec();
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
      "COALESCE((SELECT r.id FROM ledger r WHERE r.reverses_id = l.id), 0), "
      "l.event_id, (SELECT e.slug FROM events e WHERE e.id = l.event_id), l.season, l.action"_s;

LedgerEntry readLedger(const Statement &q)
{
    return { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
        q.value(6).toLongLong(), q.value(7).toString(), q.value(8).toLongLong(),
        q.value(9).toLongLong(), q.value(10).toLongLong(), q.value(11).toString(),
        q.value(12).toLongLong(), q.value(13).toString() };
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
            u"INSERT INTO ledger (user_id, delta, created_at, kind, reverses_id, event_id, "
            "season) VALUES (?, ?, ?, 'reversal', ?, ?, ?) ON CONFLICT (reverses_id) DO NOTHING "
            "RETURNING id"_s);
        insert.bind(original->userId)
            .bind(-original->delta)
            .bind(atMs)
            .bind(incrementId)
            .bind(original->eventId)
            .bind(original->season)
            .exec();
        if (!insert.next())
            return;
        id = insert.value(0).toLongLong();
        Statement(db(), kAddToTotal)
            .bind(original->eventId)
            .bind(original->season)
            .bind(original->userId)
            .bind(-original->delta)
            .bind(id)
            .bind(1)
            .exec();
        // A finished season's kept standings change only here, and say so.
        Statement(db(),
            u"UPDATE seasons SET amended = 1 WHERE event_id = ? AND season = ? "
            "AND ended_at IS NOT NULL"_s)
            .bind(original->eventId)
            .bind(original->season)
            .exec();
        notify({ cluster::Message::Kind::Scores, {}, { original->userId }, 0, {} });
    });
    return id;
}

std::optional<ScoreRow> SqlStore::scoreOf(qint64 userId, qint64 eventId, qint64 season)
{
    Statement q(db(), kScoreSelect + u" WHERE s.user_id = ? AND s.event_id = ? AND s.season = ?"_s);
    q.bind(userId).bind(eventId).bind(season).exec();
    if (!q.next())
        return std::nullopt;
    return readScoreRow(q);
}

QList<ScoreRow> SqlStore::scoresOf(const QList<qint64> &userIds)
{
    if (userIds.isEmpty())
        return {};
    Statement q(db(),
        kScoreSelect + kCurrentSeason + u" WHERE s.user_id IN (%1)"_s.arg(idList(userIds)));
    q.exec();
    return readScoreRows(q);
}

QList<ScoreRow> SqlStore::totalsOfUser(qint64 userId)
{
    Statement q(db(), kScoreSelect + u" WHERE s.user_id = ? ORDER BY s.event_id, s.season"_s);
    q.bind(userId).exec();
    return readScoreRows(q);
}

} // namespace scoreboard::server
