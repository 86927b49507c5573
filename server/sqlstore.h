#pragma once

#include "store.h"

#include <QSqlDatabase>
#include <QString>

namespace scoreboard::server {

/**
 * @brief The Store over Qt Sql: SQLite (QSQLITE, WAL) now, PostgreSQL (QPSQL) through the same
 * SQL with a few dialect substitutions in the migrations.
 */
class SqlStore final : public Store
{
public:
    enum class Dialect { Sqlite, Postgres };

    /// @brief A store on the SQLite file at @p path.
    static std::unique_ptr<SqlStore> sqlite(const QString &path);

    ~SqlStore() override;

    Dialect dialect() const { return m_dialect; }

    void open() override;
    int schemaVersion() override;
    void ping() override;
    void transaction(const std::function<void()> &work) override;

    std::optional<UserRecord> userByEmail(const QString &email) override;
    std::optional<UserRecord> userById(qint64 id) override;
    qint64 insertUser(const UserRecord &user) override;
    void setVerified(
        qint64 id, const QString &displayName, const QString &passwordHash, qint64 atMs) override;

    void putEmailCode(const EmailCodeRecord &code) override;
    std::optional<EmailCodeRecord> emailCode(qint64 userId) override;
    void setEmailCodeAttempts(qint64 userId, int attempts) override;
    void deleteEmailCode(qint64 userId) override;

    qint64 insertSession(const SessionRecord &session) override;
    std::optional<SessionRecord> sessionByTokenHash(const QByteArray &tokenHash) override;
    QList<qint64> revokeUserSessions(
        qint64 userId, qint64 keepSessionId, const QString &reason, qint64 atMs) override;
    void revokeSession(qint64 sessionId, const QString &reason, qint64 atMs) override;
    void touchSession(qint64 sessionId, qint64 atMs) override;

    QList<qint64> appendIncrements(const QList<NewIncrement> &batch) override;
    QList<ScoreRow> scoreTable() override;
    QList<ScoreRow> ledgerTotals() override;
    void rewriteScores(const QList<ScoreRow> &rows) override;

    std::optional<LedgerEntry> ledgerEntry(qint64 id) override;
    QList<LedgerEntry> ledgerForUser(qint64 userId, int limit) override;
    qint64 appendReversal(qint64 incrementId, qint64 atMs) override;
    std::optional<ScoreRow> scoreOf(qint64 userId) override;

    qint64 insertFlag(const FlagRecord &flag) override;
    std::optional<FlagRecord> flagById(qint64 id) override;
    QList<FlagRecord> flags(const QString &status, int limit) override;
    QList<FlagRecord> flagsForUser(qint64 userId) override;
    QList<FlagRecord> flagsForIncrement(qint64 incrementId) override;
    void decideFlag(qint64 id, const QString &status, qint64 staffId, const QString &reason,
        qint64 atMs) override;

    QList<std::tuple<qint64, qint64, qint64>> openlyFlaggedIncrements() override;
    int openFlagCount(qint64 incrementId) override;
    void setSuspended(qint64 userId, std::optional<qint64> atMs) override;

    qint64 appendAudit(const AuditEntry &entry) override;
    QList<AuditEntry> audit(int limit, qint64 beforeId) override;

private:
    SqlStore(Dialect dialect, QString driver, QString databaseName);
    QSqlDatabase db() const;
    void migrate();

    Dialect m_dialect;
    QString m_connectionName;
    QString m_driver;
    QString m_databaseName;
    int m_transactionDepth = 0;
};

} // namespace scoreboard::server
