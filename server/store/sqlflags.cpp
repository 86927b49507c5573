#include "store/sqlstatement.h"
#include "store/sqlstore.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;

namespace {

using protocol::FlagStatus;

// A status is stored as its wire name ('open', 'approved', 'reversed', as the column's CHECK
// says); tst_store's upgrade test reads rows written with those texts, so a renamed status fails.
QString statusText(FlagStatus status)
{
    return protocol::flagStatusName(status);
}

FlagStatus statusFromText(const QString &text)
{
    const auto status = protocol::flagStatusFromName(text);
    if (!status)
        throw StoreError("unknown flag status in the database");
    return *status;
}

const QString kFlagColumns
    = u"id, COALESCE(increment_id, 0), user_id, rule, evidence, figures, "
      "status, created_at, COALESCE(created_by, 0), COALESCE(decided_by, 0), "
      "COALESCE(decided_at, 0), decision_reason, event_id, season, "
      "(SELECT e.slug FROM events e WHERE e.id = flags.event_id)"_s;

FlagRecord readFlag(const Statement &q)
{
    FlagRecord f;
    f.id = q.value(0).toLongLong();
    f.incrementId = q.value(1).toLongLong();
    f.userId = q.value(2).toLongLong();
    f.rule = q.value(3).toString();
    f.evidence = q.value(4).toString();
    f.figures = q.value(5).toString();
    f.status = statusFromText(q.value(6).toString());
    f.createdAtMs = q.value(7).toLongLong();
    f.createdBy = q.value(8).toLongLong();
    f.decidedBy = q.value(9).toLongLong();
    f.decidedAtMs = q.value(10).toLongLong();
    f.decisionReason = q.value(11).toString();
    f.eventId = q.value(12).toLongLong();
    f.season = q.value(13).toLongLong();
    f.event = q.value(14).toString();
    return f;
}

QList<FlagRecord> readFlags(Statement &q)
{
    QList<FlagRecord> out;
    while (q.next())
        out.append(readFlag(q));
    return out;
}

} // namespace

qint64 SqlStore::insertFlag(const FlagRecord &flag)
{
    Statement q(db(),
        u"INSERT INTO flags (increment_id, user_id, rule, evidence, figures, status, "
        "created_at, created_by, event_id, season) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id"_s);
    q.bind(idOrNull(flag.incrementId))
        .bind(flag.userId)
        .bind(flag.rule)
        .bind(flag.evidence)
        .bind(flag.figures.isEmpty() ? u"{}"_s : flag.figures)
        .bind(statusText(flag.status))
        .bind(flag.createdAtMs)
        .bind(idOrNull(flag.createdBy))
        .bind(flag.eventId)
        .bind(flag.season)
        .exec();
    if (!q.next())
        throw StoreError("insert into flags returned no id");
    const qint64 id = q.value(0).toLongLong();
    notify({ cluster::Message::Kind::FlagNew, {}, { id }, 0, {} });
    return id;
}

std::optional<FlagRecord> SqlStore::flagById(qint64 id)
{
    Statement q(db(), u"SELECT %1 FROM flags WHERE id = ?"_s.arg(kFlagColumns));
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return readFlag(q);
}

QList<FlagRecord> SqlStore::flags(std::optional<FlagStatus> status, int limit)
{
    Statement q(db(),
        status
            ? u"SELECT %1 FROM flags WHERE status = ? ORDER BY id DESC LIMIT ?"_s.arg(kFlagColumns)
            : u"SELECT %1 FROM flags ORDER BY id DESC LIMIT ?"_s.arg(kFlagColumns));
    if (status)
        q.bind(statusText(*status));
    q.bind(limit).exec();
    return readFlags(q);
}

QList<FlagRecord> SqlStore::flagsForUser(qint64 userId)
{
    Statement q(
        db(), u"SELECT %1 FROM flags WHERE user_id = ? ORDER BY id DESC"_s.arg(kFlagColumns));
    q.bind(userId).exec();
    return readFlags(q);
}

QList<FlagRecord> SqlStore::flagsForIncrement(qint64 incrementId)
{
    Statement q(
        db(), u"SELECT %1 FROM flags WHERE increment_id = ? ORDER BY id"_s.arg(kFlagColumns));
    q.bind(incrementId).exec();
    return readFlags(q);
}

void SqlStore::decideFlag(
    qint64 id, FlagStatus status, qint64 staffId, const QString &reason, qint64 atMs)
{
    Statement(db(),
        u"UPDATE flags SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?"_s)
        .bind(statusText(status))
        .bind(staffId)
        .bind(atMs)
        .bind(reason)
        .bind(id)
        .exec();
    notify({ cluster::Message::Kind::FlagUpdated, {}, { id }, 0, {} });
}

QList<FlagRecord> SqlStore::flagsSince(qint64 afterId, qint64 decidedSinceMs)
{
    Statement q(db(),
        u"SELECT %1 FROM flags WHERE id > ? OR decided_at >= ? ORDER BY id"_s.arg(kFlagColumns));
    q.bind(afterId).bind(decidedSinceMs).exec();
    return readFlags(q);
}

qint64 SqlStore::lastFlagId()
{
    Statement q(db(), u"SELECT COALESCE(MAX(id), 0) FROM flags"_s);
    q.exec();
    return q.next() ? q.value(0).toLongLong() : 0;
}

QList<FlagStore::HeldIncrement> SqlStore::openlyFlaggedIncrements()
{
    Statement q(db(),
        u"SELECT DISTINCT l.id, l.user_id, l.delta, l.event_id, l.season FROM flags f "
        "JOIN ledger l ON l.id = f.increment_id WHERE f.status = 'open' AND NOT EXISTS "
        "(SELECT 1 FROM ledger r WHERE r.reverses_id = l.id) ORDER BY l.id"_s);
    q.exec();
    QList<HeldIncrement> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
            q.value(3).toLongLong(), q.value(4).toLongLong() });
    return out;
}

int SqlStore::openFlagCount(qint64 incrementId)
{
    Statement q(db(), u"SELECT COUNT(*) FROM flags WHERE increment_id = ? AND status = 'open'"_s);
    q.bind(incrementId).exec();
    return q.next() ? q.value(0).toInt() : 0;
}

qint64 SqlStore::appendAudit(const AuditEntry &entry)
{
    Statement q(db(),
        u"INSERT INTO audit_log (at, staff_id, action, target, reason) VALUES (?, ?, ?, ?, ?) RETURNING id"_s);
    q.bind(entry.atMs)
        .bind(idOrNull(entry.staffId))
        .bind(entry.action)
        .bind(entry.target)
        .bind(entry.reason)
        .exec();
    if (!q.next())
        throw StoreError("insert into audit_log returned no id");
    return q.value(0).toLongLong();
}

QList<AuditEntry> SqlStore::audit(int limit, qint64 beforeId)
{
    Statement q(db(),
        beforeId > 0
            ? u"SELECT id, at, COALESCE(staff_id, 0), action, target, reason FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?"_s
            : u"SELECT id, at, COALESCE(staff_id, 0), action, target, reason FROM audit_log ORDER BY id DESC LIMIT ?"_s);
    if (beforeId > 0)
        q.bind(beforeId);
    q.bind(limit).exec();
    QList<AuditEntry> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString() });
    return out;
}

} // namespace scoreboard::server
