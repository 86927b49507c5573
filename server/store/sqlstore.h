#pragma once

#include "store/clustermessage.h"
#include "store/postgrestarget.h"
#include "store/sqldialect.h"
#include "store/store.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace scoreboard::server {

/**
 * @brief The Store over Qt Sql: SQLite (QSQLITE, WAL) by default, PostgreSQL (QPSQL) for
 * several nodes. Both run the same SQL but for a few statements written out per dialect
 * (transaction start, append-only triggers, batched inserts, locks, notifications).
 *
 * Its implementation is split like its interface: sqlstore.cpp (connection, transactions,
 * notifications), sqlaccounts.cpp, sqlledger.cpp, sqlflags.cpp, sqlcopy.cpp (copyInto());
 * the schema is in migrations.cpp.
 */
class SqlStore final : public Store
{
public:
    using Dialect = SqlDialect;

    /// @brief A store on the SQLite file at @p path.
    static std::unique_ptr<SqlStore> sqlite(const QString &path);
    /// @brief A store on a PostgreSQL database; @p nodeId marks this node's notifications.
    static std::unique_ptr<SqlStore> postgres(const PostgresTarget &target, const QString &nodeId);

    /**
     * @brief Copies every row of this store into @p target (opened, same schema version, and
     * empty: it refuses otherwise), in one transaction of the target, keeping every id; then
     * moves the target's id sequences past the copied ids. Returns the rows copied per table.
     */
    QList<std::pair<QString, qint64>> copyInto(SqlStore &target);

    ~SqlStore() override;

    Dialect dialect() const { return m_dialect; }

    void open() override;
    int schemaVersion() override;
    void ping() override;
    void transaction(const std::function<void()> &work) override;
    bool recover() override;
    bool shared() const override { return m_dialect == Dialect::Postgres; }
    void listen(std::function<void(Store &, const QString &payload)> handler) override;
    QString claimKeyFingerprint(const QString &fingerprint) override;

    std::optional<UserRecord> userByEmail(const QString &email) override;
    std::optional<UserRecord> userById(qint64 id) override;
    qint64 insertUser(const UserRecord &user) override;
    void setVerified(
        qint64 id, const QString &displayName, const QString &passwordHash, qint64 atMs) override;
    void setSuspended(qint64 userId, std::optional<qint64> atMs) override;

    void putEmailCode(const EmailCodeRecord &code) override;
    std::optional<EmailCodeRecord> emailCode(qint64 userId) override;
    void setEmailCodeAttempts(qint64 userId, int attempts) override;
    void deleteEmailCode(qint64 userId) override;
    int purgePendingSignups(qint64 beforeMs) override;

    qint64 insertSession(const SessionRecord &session) override;
    std::optional<SessionRecord> sessionByTokenHash(const QByteArray &tokenHash) override;
    QList<qint64> revokeUserSessions(
        qint64 userId, qint64 keepSessionId, const QString &reason, qint64 atMs) override;
    void revokeSession(qint64 sessionId, const QString &reason, qint64 atMs) override;
    void touchSession(qint64 sessionId, qint64 atMs) override;
    bool deviceSeenSince(qint64 userId, const QString &deviceId, qint64 sinceMs) override;
    QList<std::pair<qint64, QString>> revokedAmong(const QList<qint64> &sessionIds) override;

    AppendResult appendIncrements(const QList<NewIncrement> &batch) override;
    QList<ScoreRow> scoreTable() override;
    QList<ScoreRow> currentScores() override;
    QList<ScoreRow> ledgerTotals() override;
    void rewriteScores(const QList<ScoreRow> &rows) override;
    void lockLedger() override;

    std::optional<LedgerEntry> ledgerEntry(qint64 id) override;
    QList<LedgerEntry> ledgerForUser(qint64 userId, int limit) override;
    qint64 appendReversal(qint64 incrementId, qint64 atMs) override;
    std::optional<ScoreRow> scoreOf(qint64 userId, qint64 eventId, qint64 season) override;
    QList<ScoreRow> scoresOf(const QList<qint64> &userIds) override;
    QList<ScoreRow> totalsOfUser(qint64 userId) override;

    QList<EventRecord> events() override;
    qint64 eventsRevision() override;
    std::optional<EventRecord> eventById(qint64 id) override;
    std::optional<EventRecord> eventBySlug(const QString &slug) override;
    qint64 insertEvent(const EventRecord &event) override;
    bool updateEvent(const EventRecord &event, qint64 atMs) override;
    bool rollSeason(qint64 eventId, qint64 fromSeason, qint64 atMs, qint64 nextResetAtMs) override;
    QList<SeasonRecord> seasons(qint64 eventId) override;
    std::optional<SeasonRecord> season(qint64 eventId, qint64 season) override;
    QList<ScoreRow> standings(qint64 eventId, qint64 season, qint64 offset, int limit) override;
    qint64 standingsCount(qint64 eventId, qint64 season) override;

    qint64 insertFlag(const FlagRecord &flag) override;
    std::optional<FlagRecord> flagById(qint64 id) override;
    QList<FlagRecord> flags(std::optional<protocol::FlagStatus> status, int limit) override;
    QList<FlagRecord> flagsForUser(qint64 userId) override;
    QList<FlagRecord> flagsForIncrement(qint64 incrementId) override;
    QList<FlagRecord> flagsSince(qint64 afterId, qint64 decidedSinceMs) override;
    qint64 lastFlagId() override;
    void decideFlag(qint64 id, protocol::FlagStatus status, qint64 staffId, const QString &reason,
        qint64 atMs) override;

    QList<HeldIncrement> openlyFlaggedIncrements() override;
    int openFlagCount(qint64 incrementId) override;

    qint64 appendAudit(const AuditEntry &entry) override;
    QList<AuditEntry> audit(int limit, qint64 beforeId) override;

private:
    SqlStore(Dialect dialect, QString driver, QString databaseName);
    QSqlDatabase db() const;
    void connect();
    /// @brief Tells the other nodes (PostgreSQL only) what this transaction changed.
    void notify(cluster::Message message);
    /// @brief Of @p eventIds: (current season, live) per event, locked against a close or a
    /// roll until the transaction ends.
    QHash<qint64, std::pair<qint64, bool>> liveSeasons(const QList<qint64> &eventIds);

    Dialect m_dialect;
    QString m_connectionName;
    QString m_driver;
    QString m_databaseName;
    PostgresTarget m_target;
    QString m_nodeId;
    int m_transactionDepth = 0;
    std::function<void(Store &, const QString &)> m_listener;
};

} // namespace scoreboard::server
