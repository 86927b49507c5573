#include "store/sqlstore.h"
#include "store/logging.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

Store::~Store() = default;

namespace {

struct Migration
{
    int version;
    const char *sql; ///< statements separated by ";\n"; {{pk}} is the dialect's auto id key
    const char *sqliteSql = nullptr; ///< then these, on SQLite only
    const char *postgresSql = nullptr; ///< or these, on PostgreSQL only
};

// Append only: a released migration is never edited, a change is a new version.
constexpr Migration kMigrations[] = {
    { 1, R"(
CREATE TABLE users (
    id {{pk}},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'player' CHECK (role IN ('player', 'checker', 'admin')),
    created_at BIGINT NOT NULL,
    verified_at BIGINT,
    suspended_at BIGINT
);
CREATE TABLE email_codes (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at BIGINT NOT NULL,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL
);
CREATE TABLE sessions (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    device_name TEXT NOT NULL DEFAULT '',
    client_address TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT
);
CREATE INDEX sessions_user_live ON sessions(user_id, revoked_at)
)" },
    { 2, R"(
CREATE TABLE ledger (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    delta BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'action' CHECK (kind IN ('action', 'reversal')),
    challenge_id TEXT UNIQUE,
    session_id BIGINT,
    client_address TEXT NOT NULL DEFAULT '',
    reverses_id BIGINT UNIQUE REFERENCES ledger(id)
);
CREATE INDEX ledger_user ON ledger(user_id, id);
CREATE TABLE scores (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    score BIGINT NOT NULL,
    reached_seq BIGINT NOT NULL
)
)" },
    { 3, R"(
CREATE TABLE flags (
    id {{pk}},
    increment_id BIGINT REFERENCES ledger(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    rule TEXT NOT NULL,
    evidence TEXT NOT NULL,
    figures TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'reversed')),
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX flags_status ON flags(status, id);
CREATE INDEX flags_user ON flags(user_id, id);
CREATE INDEX flags_increment ON flags(increment_id);
CREATE TABLE audit_log (
    id {{pk}},
    at BIGINT NOT NULL,
    staff_id BIGINT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
)
)",
        R"(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END
)",
        // The same guarantee on PostgreSQL (function bodies stay on one line: ";\n" splits).
        R"(
CREATE FUNCTION scoreboard_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the % is append-only', TG_TABLE_NAME; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION scoreboard_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION scoreboard_append_only();
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION scoreboard_append_only();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger FOR EACH STATEMENT EXECUTE FUNCTION scoreboard_append_only()
)" },
    // Several nodes: a revision per total (how many ledger entries it sums) so that readings
    // of one total taken on different nodes can be ordered, and settings all nodes share.
    { 4, R"(
ALTER TABLE scores ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
UPDATE scores SET revision = (SELECT COUNT(*) FROM ledger WHERE ledger.user_id = scores.user_id);
CREATE TABLE cluster_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
)" },
};

QString dialectSql(const char *sql, SqlStore::Dialect dialect)
{
    QString text = QString::fromUtf8(sql);
    text.replace(u"{{pk}}"_s,
        dialect == SqlStore::Dialect::Sqlite
            ? u"INTEGER PRIMARY KEY AUTOINCREMENT"_s
            : u"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"_s);
    return text;
}

[[noreturn]] void fail(const QString &what, const QSqlError &error)
{
    throw StoreError((what + u": "_s + error.text()).toStdString());
}

/// A prepared statement that throws StoreError on failure.
class Statement
{
public:
    Statement(const QSqlDatabase &db, const QString &sql)
        : m_query(db)
    {
        m_query.setForwardOnly(true);
        if (!m_query.prepare(sql))
            fail(u"prepare failed"_s, m_query.lastError());
    }
    Statement &bind(const QVariant &value)
    {
        // A null QString means "no text" here, never SQL NULL (that is what nullable() is for).
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            m_query.addBindValue(QString(u""_s));
        else
            m_query.addBindValue(value);
        return *this;
    }
    Statement &exec()
    {
        if (!m_query.exec())
            fail(u"query failed"_s, m_query.lastError());
        return *this;
    }
    bool next() { return m_query.next(); }
    QVariant value(int i) const { return m_query.value(i); }
    int affected() const { return m_query.numRowsAffected(); }

private:
    QSqlQuery m_query;
};

/// Runs @p sql unprepared (PostgreSQL cannot prepare DDL or transaction control).
void execDirect(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        fail(u"statement failed"_s, query.lastError());
}

/// "1,2,3" for an IN list (numbers only, so safe to splice into SQL).
QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(u',');
}

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> optionalInt(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

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

std::unique_ptr<SqlStore> SqlStore::sqlite(const QString &path)
{
    return std::unique_ptr<SqlStore>(new SqlStore(Dialect::Sqlite, u"QSQLITE"_s, path));
}

std::unique_ptr<SqlStore> SqlStore::postgres(const PostgresTarget &target, const QString &nodeId)
{
    auto store
        = std::unique_ptr<SqlStore>(new SqlStore(Dialect::Postgres, u"QPSQL"_s, target.database));
    store->m_target = target;
    store->m_nodeId = nodeId;
    return store;
}

SqlStore::SqlStore(Dialect dialect, QString driver, QString databaseName)
    : m_dialect(dialect)
    , m_connectionName(u"scoreboard-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_driver(std::move(driver))
    , m_databaseName(std::move(databaseName))
{ }

SqlStore::~SqlStore()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase SqlStore::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void SqlStore::open()
{
    if (!QSqlDatabase::isDriverAvailable(m_driver))
        throw StoreError((u"Qt Sql driver %1 is not installed"_s.arg(m_driver)).toStdString());
    QSqlDatabase database = QSqlDatabase::addDatabase(m_driver, m_connectionName);
    database.setDatabaseName(m_databaseName);
    if (m_dialect == Dialect::Sqlite) {
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    } else {
        database.setHostName(m_target.host);
        database.setPort(m_target.port);
        database.setUserName(m_target.user);
        database.setPassword(m_target.password);
        QString options = m_target.options;
        if (!options.contains(u"connect_timeout="_s))
            options += (options.isEmpty() ? u""_s : u";"_s) + u"connect_timeout=5"_s;
        if (!options.contains(u"application_name="_s))
            options += u";application_name=scoreboard-"_s + m_nodeId;
        database.setConnectOptions(options);
    }
    connect();
    migrate();
}

void SqlStore::connect()
{
    QSqlDatabase database = db();
    if (!database.open()) {
        const QSqlError error = database.lastError();
        database.close();
        fail(u"cannot open database %1"_s.arg(m_databaseName), error);
    }
    if (m_dialect == Dialect::Sqlite) {
        // WAL lets readers run beside the writer; FULL makes each commit durable across a crash
        // of the process and of the machine (see docs/running.md).
        Statement(database, u"PRAGMA journal_mode=WAL"_s).exec();
        Statement(database, u"PRAGMA synchronous=FULL"_s).exec();
        Statement(database, u"PRAGMA foreign_keys=ON"_s).exec();
    } else {
        // Acknowledged means durable: never let a session weaken the server's commit rule.
        execDirect(database, u"SET synchronous_commit = on"_s);
        execDirect(database, u"SET client_min_messages = warning"_s);
        if (m_listener
            && !database.driver()->subscribeToNotification(QString::fromLatin1(cluster::kChannel)))
            fail(u"cannot listen for other nodes"_s, database.driver()->lastError());
    }
}

bool SqlStore::recover()
{
    try {
        ping();
        return false;
    } catch (const StoreError &) { }
    qCWarning(lcStore) << "lost the database connection; connecting again";
    m_transactionDepth = 0;
    db().close();
    connect();
    qCInfo(lcStore) << "database connection restored";
    return true;
}

void SqlStore::listen(std::function<void(Store &, const QString &)> handler)
{
    if (m_dialect != Dialect::Postgres)
        return;
    m_listener = std::move(handler);
    QSqlDriver *driver = db().driver();
    QObject::connect(driver, &QSqlDriver::notification, driver,
        [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
            if (name == QLatin1StringView(cluster::kChannel) && m_listener)
                m_listener(*this, payload.toString());
        });
    if (!driver->subscribeToNotification(QString::fromLatin1(cluster::kChannel)))
        fail(u"cannot listen for other nodes"_s, driver->lastError());
}

QList<std::pair<QString, qint64>> SqlStore::copyInto(SqlStore &target)
{
    // Parents before children, so every foreign key finds its row; by the first column (the id),
    // so a reversal comes after the entry it reverses.
    static const char *const tables[]
        = { "users", "email_codes", "sessions", "ledger", "scores", "flags", "audit_log" };
    static const char *const withIds[] = { "users", "sessions", "ledger", "flags", "audit_log" };
    if (schemaVersion() != target.schemaVersion())
        throw StoreError("the two databases are at different schema versions");
    QList<std::pair<QString, qint64>> copied;
    target.transaction([&] {
        for (const char *table : tables) {
            Statement count(
                target.db(), u"SELECT COUNT(*) FROM %1"_s.arg(QLatin1StringView(table)));
            count.exec();
            if (count.next() && count.value(0).toLongLong() > 0)
                throw StoreError((u"the target database is not empty (table %1 has rows)"_s.arg(
                                      QLatin1StringView(table)))
                                     .toStdString());
        }
        for (const char *table : tables) {
            const QString name = QLatin1StringView(table);
            QSqlQuery source(db());
            source.setForwardOnly(true);
            if (!source.exec(u"SELECT * FROM %1 ORDER BY 1"_s.arg(name)))
                fail(u"cannot read %1"_s.arg(name), source.lastError());
            const QSqlRecord record = source.record();
            QStringList columns;
            QStringList marks;
            for (int i = 0; i < record.count(); ++i) {
                columns.append(record.fieldName(i));
                marks.append(u"?"_s);
            }
            QSqlQuery insert(target.db());
            if (!insert.prepare(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(
                    name, columns.join(u", "_s), marks.join(u", "_s))))
                fail(u"cannot write %1"_s.arg(name), insert.lastError());
            qint64 rows = 0;
            while (source.next()) {
                for (int i = 0; i < record.count(); ++i) {
                    const QVariant value = source.value(i);
                    insert.addBindValue(value.isNull() ? QVariant() : value);
                }
                if (!insert.exec())
                    fail(u"cannot write a row of %1"_s.arg(name), insert.lastError());
                ++rows;
            }
            copied.append({ name, rows });
        }
        if (target.m_dialect == Dialect::Postgres) {
            for (const char *table : withIds) {
                execDirect(target.db(),
                    u"SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                    "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)"_s.arg(
                        QLatin1StringView(table)));
            }
        }
    });
    return copied;
}

void SqlStore::notify(cluster::Message message)
{
    if (m_dialect != Dialect::Postgres)
        return;
    message.node = m_nodeId;
    for (const QString &payload : cluster::encode(message)) {
        Statement(db(), u"SELECT pg_notify(?, ?)"_s)
            .bind(QString::fromLatin1(cluster::kChannel))
            .bind(payload)
            .exec();
    }
}

QString SqlStore::claimKeyFingerprint(const QString &fingerprint)
{
    QString recorded;
    transaction([&] {
        Statement(db(),
            u"INSERT INTO cluster_settings (name, value) VALUES ('key_fingerprint', ?) "
            "ON CONFLICT (name) DO NOTHING"_s)
            .bind(fingerprint)
            .exec();
        Statement q(db(), u"SELECT value FROM cluster_settings WHERE name = 'key_fingerprint'"_s);
        q.exec();
        if (q.next())
            recorded = q.value(0).toString();
    });
    return recorded;
}

void SqlStore::migrate()
{
    execDirect(db(),
        u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "applied_at BIGINT NOT NULL)"_s);
    if (schemaVersion() >= kMigrations[std::size(kMigrations) - 1].version)
        return;
    transaction([&] {
        // Nodes starting together on a new database take turns; the second finds it done.
        if (m_dialect == Dialect::Postgres)
            execDirect(db(), u"SELECT pg_advisory_xact_lock(7306519)"_s);
        const int current = schemaVersion();
        for (const auto &migration : kMigrations) {
            if (migration.version <= current)
                continue;
            QString sql = dialectSql(migration.sql, m_dialect);
            const char *extra
                = m_dialect == Dialect::Sqlite ? migration.sqliteSql : migration.postgresSql;
            if (extra)
                sql += u";\n"_s + QString::fromUtf8(extra);
            for (const auto &statement : sql.split(u";\n"_s, Qt::SkipEmptyParts)) {
                if (!statement.trimmed().isEmpty())
                    execDirect(db(), statement);
            }
            Statement(db(), u"INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"_s)
                .bind(migration.version)
                .bind(QDateTime::currentMSecsSinceEpoch())
                .exec();
            qCInfo(lcStore) << "applying schema migration" << migration.version;
        }
    });
}

int SqlStore::schemaVersion()
{
    Statement q(db(), u"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"_s);
    q.exec();
    return q.next() ? q.value(0).toInt() : 0;
}

void SqlStore::ping()
{
    Statement q(db(), u"SELECT 1"_s);
    q.exec();
    if (!q.next())
        throw StoreError("ping returned no row");
}

void SqlStore::transaction(const std::function<void()> &work)
{
    if (m_transactionDepth > 0) {
        work();
        return;
    }
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read.
    execDirect(db(), m_dialect == Dialect::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    ++m_transactionDepth;
    try {
        work();
        execDirect(db(), u"COMMIT"_s);
        --m_transactionDepth;
    } catch (...) {
        --m_transactionDepth;
        QSqlQuery rollback(db());
        rollback.exec(u"ROLLBACK"_s);
        throw;
    }
}

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

namespace {

/// Adds to a total: the sum, newest entry and number of entries of one user's new entries.
/// `reached_seq` only moves forward, as entries of two nodes may commit out of id order.
const QString kAddToTotal = u"INSERT INTO scores (user_id, score, reached_seq, revision) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                            "score = scores.score + excluded.score, "
                            "reached_seq = CASE WHEN excluded.reached_seq > scores.reached_seq "
                            "THEN excluded.reached_seq ELSE scores.reached_seq END, "
                            "revision = scores.revision + excluded.revision "
                            "RETURNING user_id, score, reached_seq, revision"_s;

struct TotalChange
{
    qint64 delta = 0;
    qint64 seq = 0;
    qint64 entries = 0;
};

} // namespace

namespace {

/// A PostgreSQL array literal of numbers: {1,2,3}.
QString pgArray(const QList<qint64> &values)
{
    return u'{' + idList(values) + u'}';
}

/// A PostgreSQL array literal of texts, each quoted: {"a","b\"c"}.
QString pgArray(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString value : values) {
        value.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        quoted.append(u'"' + value + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

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
        const auto readTotal = [&](const Statement &q) { // a row RETURNING by kAddToTotal
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
            QString sql = kAddToTotal;
            sql.replace(u"VALUES (?, ?, ?, ?)"_s,
                u"SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                "ORDER BY 1"_s);
            Statement total(db(), sql);
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

const QString kFlagColumns
    = u"id, COALESCE(increment_id, 0), user_id, rule, evidence, figures, "
      "status, created_at, COALESCE(created_by, 0), COALESCE(decided_by, 0), "
      "COALESCE(decided_at, 0), decision_reason"_s;

FlagRecord readFlag(const Statement &q)
{
    FlagRecord f;
    f.id = q.value(0).toLongLong();
    f.incrementId = q.value(1).toLongLong();
    f.userId = q.value(2).toLongLong();
    f.rule = q.value(3).toString();
    f.evidence = q.value(4).toString();
    f.figures = q.value(5).toString();
    f.status = q.value(6).toString();
    f.createdAtMs = q.value(7).toLongLong();
    f.createdBy = q.value(8).toLongLong();
    f.decidedBy = q.value(9).toLongLong();
    f.decidedAtMs = q.value(10).toLongLong();
    f.decisionReason = q.value(11).toString();
    return f;
}

QList<FlagRecord> readFlags(Statement &q)
{
    QList<FlagRecord> out;
    while (q.next())
        out.append(readFlag(q));
    return out;
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
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

qint64 SqlStore::insertFlag(const FlagRecord &flag)
{
    Statement q(db(),
        u"INSERT INTO flags (increment_id, user_id, rule, evidence, figures, status, "
        "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
    q.bind(idOrNull(flag.incrementId))
        .bind(flag.userId)
        .bind(flag.rule)
        .bind(flag.evidence)
        .bind(flag.figures.isEmpty() ? u"{}"_s : flag.figures)
        .bind(flag.status)
        .bind(flag.createdAtMs)
        .bind(idOrNull(flag.createdBy))
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

QList<FlagRecord> SqlStore::flags(const QString &status, int limit)
{
    Statement q(db(),
        status.isEmpty() ? u"SELECT %1 FROM flags ORDER BY id DESC LIMIT ?"_s.arg(kFlagColumns)
                         : u"SELECT %1 FROM flags WHERE status = ? ORDER BY id DESC LIMIT ?"_s.arg(
                             kFlagColumns));
    if (!status.isEmpty())
        q.bind(status);
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
    qint64 id, const QString &status, qint64 staffId, const QString &reason, qint64 atMs)
{
    Statement(db(),
        u"UPDATE flags SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?"_s)
        .bind(status)
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

QList<std::tuple<qint64, qint64, qint64>> SqlStore::openlyFlaggedIncrements()
{
    Statement q(db(),
        u"SELECT DISTINCT l.id, l.user_id, l.delta FROM flags f JOIN ledger l ON l.id = "
        u"f.increment_id "
        "WHERE f.status = 'open' AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses_id = l.id)"_s);
    q.exec();
    QList<std::tuple<qint64, qint64, qint64>> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong() });
    return out;
}

int SqlStore::openFlagCount(qint64 incrementId)
{
    Statement q(db(), u"SELECT COUNT(*) FROM flags WHERE increment_id = ? AND status = 'open'"_s);
    q.bind(incrementId).exec();
    return q.next() ? q.value(0).toInt() : 0;
}

void SqlStore::setSuspended(qint64 userId, std::optional<qint64> atMs)
{
    Statement(db(), u"UPDATE users SET suspended_at = ? WHERE id = ?"_s)
        .bind(nullable(atMs))
        .bind(userId)
        .exec();
    notify({ cluster::Message::Kind::User, {}, { userId }, 0, {} });
}

qint64 SqlStore::appendAudit(const AuditEntry &entry)
{
    Statement q(db(),
        u"INSERT INTO audit_log (at, staff_id, action, target, reason) VALUES (?, ?, ?, ?, ?) RETURNING id"_s);
    q.bind(entry.atMs)
        .bind(entry.staffId)
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
            ? u"SELECT id, at, staff_id, action, target, reason FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?"_s
            : u"SELECT id, at, staff_id, action, target, reason FROM audit_log ORDER BY id DESC LIMIT ?"_s);
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
