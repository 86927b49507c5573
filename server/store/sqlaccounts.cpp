#include "store/sqlstatement.h"
#include "store/sqlstore.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;

namespace {

const QString kUserColumns
    = u"id, email, display_name, password_hash, role, created_at, verified_at, suspended_at"_s;

UserRecord readUser(const Statement &q)
{
    UserRecord user;
    user.id = q.value(0).toLongLong();
    user.email = q.value(1).toString();
    user.displayName = q.value(2).toString();
    user.passwordHash = q.value(3).toString();
    user.role = protocol::roleFromName(q.value(4).toString()).value_or(protocol::Role::Player);
    user.createdAtMs = q.value(5).toLongLong();
    user.verifiedAtMs = optionalInt(q.value(6));
    user.suspendedAtMs = optionalInt(q.value(7));
    return user;
}

} // namespace

std::optional<UserRecord> SqlStore::userByEmail(const QString &email)
{
    Statement q(db(), u"SELECT %1 FROM users WHERE email = ?"_s.arg(kUserColumns));
    q.bind(email).exec();
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

std::optional<UserRecord> SqlStore::userById(qint64 id)
{
    Statement q(db(), u"SELECT %1 FROM users WHERE id = ?"_s.arg(kUserColumns));
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

qint64 SqlStore::insertUser(const UserRecord &user)
{
    Statement q(db(),
        u"INSERT INTO users (email, display_name, password_hash, role, created_at, "
        "verified_at, suspended_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
    q.bind(user.email)
        .bind(user.displayName)
        .bind(user.passwordHash)
        .bind(protocol::roleName(user.role))
        .bind(user.createdAtMs)
        .bind(nullable(user.verifiedAtMs))
        .bind(nullable(user.suspendedAtMs))
        .exec();
    if (!q.next())
        throw StoreError("insert into users returned no id");
    return q.value(0).toLongLong();
}

void SqlStore::setVerified(
    qint64 id, const QString &displayName, const QString &passwordHash, qint64 atMs)
{
    Statement(db(),
        u"UPDATE users SET verified_at = ?, display_name = ?, password_hash = ? WHERE id = ? "
        "AND verified_at IS NULL"_s)
        .bind(atMs)
        .bind(displayName)
        .bind(passwordHash)
        .bind(id)
        .exec();
}

void SqlStore::putEmailCode(const EmailCodeRecord &code)
{
    transaction([&] {
        deleteEmailCode(code.userId);
        Statement(db(),
            u"INSERT INTO email_codes (user_id, code_hash, expires_at, attempts, sent_at, "
            "password_hash, display_name) VALUES (?, ?, ?, ?, ?, ?, ?)"_s)
            .bind(code.userId)
            .bind(QString::fromLatin1(code.codeHash))
            .bind(code.expiresAtMs)
            .bind(code.attempts)
            .bind(code.sentAtMs)
            .bind(code.passwordHash)
            .bind(code.displayName)
            .exec();
    });
}

std::optional<EmailCodeRecord> SqlStore::emailCode(qint64 userId)
{
    Statement q(db(),
        u"SELECT user_id, code_hash, expires_at, attempts, sent_at, password_hash, "
        "display_name FROM email_codes WHERE user_id = ?"_s);
    q.bind(userId).exec();
    if (!q.next())
        return std::nullopt;
    return EmailCodeRecord { q.value(0).toLongLong(), q.value(1).toString().toLatin1(),
        q.value(2).toLongLong(), q.value(3).toInt(), q.value(4).toLongLong(), q.value(5).toString(),
        q.value(6).toString() };
}

void SqlStore::setEmailCodeAttempts(qint64 userId, int attempts)
{
    Statement(db(), u"UPDATE email_codes SET attempts = ? WHERE user_id = ?"_s)
        .bind(attempts)
        .bind(userId)
        .exec();
}

void SqlStore::deleteEmailCode(qint64 userId)
{
    Statement(db(), u"DELETE FROM email_codes WHERE user_id = ?"_s).bind(userId).exec();
}

int SqlStore::purgePendingSignups(qint64 beforeMs)
{
    int purged = 0;
    transaction([&] {
        Statement(db(), u"DELETE FROM email_codes WHERE sent_at < ?"_s).bind(beforeMs).exec();
        Statement q(db(),
            u"DELETE FROM users WHERE verified_at IS NULL AND created_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM email_codes c WHERE c.user_id = users.id) "
            "AND NOT EXISTS (SELECT 1 FROM ledger l WHERE l.user_id = users.id) RETURNING id"_s);
        q.bind(beforeMs).exec();
        while (q.next())
            ++purged;
    });
    return purged;
}

qint64 SqlStore::insertSession(const SessionRecord &session)
{
    Statement q(db(),
        u"INSERT INTO sessions (user_id, token_hash, device_id, device_name, "
        "client_address, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id"_s);
    q.bind(session.userId)
        .bind(QString::fromLatin1(session.tokenHash))
        .bind(session.deviceId)
        .bind(session.deviceName)
        .bind(session.clientAddress)
        .bind(session.createdAtMs)
        .bind(session.lastSeenAtMs)
        .exec();
    if (!q.next())
        throw StoreError("insert into sessions returned no id");
    return q.value(0).toLongLong();
}

std::optional<SessionRecord> SqlStore::sessionByTokenHash(const QByteArray &tokenHash)
{
    Statement q(db(),
        u"SELECT id, user_id, token_hash, device_id, device_name, client_address, "
        "created_at, last_seen_at, revoked_at, revoked_reason FROM sessions "
        "WHERE token_hash = ?"_s);
    q.bind(QString::fromLatin1(tokenHash)).exec();
    if (!q.next())
        return std::nullopt;
    SessionRecord s;
    s.id = q.value(0).toLongLong();
    s.userId = q.value(1).toLongLong();
    s.tokenHash = q.value(2).toString().toLatin1();
    s.deviceId = q.value(3).toString();
    s.deviceName = q.value(4).toString();
    s.clientAddress = q.value(5).toString();
    s.createdAtMs = q.value(6).toLongLong();
    s.lastSeenAtMs = q.value(7).toLongLong();
    s.revokedAtMs = optionalInt(q.value(8));
    s.revokedReason = q.value(9).toString();
    return s;
}

QList<qint64> SqlStore::revokeUserSessions(
    qint64 userId, qint64 keepSessionId, const QString &reason, qint64 atMs)
{
    QList<qint64> revoked;
    transaction([&] {
        // Two logins of one user on two nodes take turns here, so the later one always sees
        // (and ends) the earlier one's session: one device per user holds across nodes.
        if (m_dialect == Dialect::Postgres)
            Statement(db(), u"SELECT id FROM users WHERE id = ? FOR UPDATE"_s).bind(userId).exec();
        Statement q(db(),
            u"SELECT id FROM sessions WHERE user_id = ? AND id <> ? AND revoked_at IS NULL"_s);
        q.bind(userId).bind(keepSessionId).exec();
        while (q.next())
            revoked.append(q.value(0).toLongLong());
        Statement(db(),
            u"UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND "
            "id <> ? AND revoked_at IS NULL"_s)
            .bind(atMs)
            .bind(reason)
            .bind(userId)
            .bind(keepSessionId)
            .exec();
        if (!revoked.isEmpty())
            notify({ cluster::Message::Kind::Kick, {}, revoked, userId, reason });
    });
    return revoked;
}

void SqlStore::revokeSession(qint64 sessionId, const QString &reason, qint64 atMs)
{
    transaction([&] {
        Statement q(db(),
            u"UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND "
            "revoked_at IS NULL RETURNING user_id"_s);
        q.bind(atMs).bind(reason).bind(sessionId).exec();
        if (q.next())
            notify({ cluster::Message::Kind::Kick, {}, { sessionId }, q.value(0).toLongLong(),
                reason });
    });
}

QList<std::pair<qint64, QString>> SqlStore::revokedAmong(const QList<qint64> &sessionIds)
{
    QList<std::pair<qint64, QString>> out;
    if (sessionIds.isEmpty())
        return out;
    Statement q(db(),
        u"SELECT id, COALESCE(revoked_reason, '') FROM sessions WHERE revoked_at IS NOT NULL "
        "AND id IN (%1)"_s.arg(idList(sessionIds)));
    q.exec();
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toString() });
    return out;
}

void SqlStore::touchSession(qint64 sessionId, qint64 atMs)
{
    Statement(db(), u"UPDATE sessions SET last_seen_at = ? WHERE id = ?"_s)
        .bind(atMs)
        .bind(sessionId)
        .exec();
}

bool SqlStore::deviceSeenSince(qint64 userId, const QString &deviceId, qint64 sinceMs)
{
    Statement q(db(),
        u"SELECT 1 FROM sessions WHERE user_id = ? AND device_id = ? AND last_seen_at >= ? "
        "LIMIT 1"_s);
    q.bind(userId).bind(deviceId).bind(sinceMs).exec();
    return q.next();
}

void SqlStore::setSuspended(qint64 userId, std::optional<qint64> atMs)
{
    Statement(db(), u"UPDATE users SET suspended_at = ? WHERE id = ?"_s)
        .bind(nullable(atMs))
        .bind(userId)
        .exec();
    notify({ cluster::Message::Kind::User, {}, { userId }, 0, {} });
}

} // namespace scoreboard::server
