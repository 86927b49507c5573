#pragma once

#include "messages.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace scoreboard::server {

/// @brief A database failure; the message is safe to log (never holds secrets).
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// @brief A row of `users`.
struct UserRecord
{
    qint64 id = 0;
    QString email; ///< normalized
    QString displayName;
    QString passwordHash; ///< libsodium Argon2id string
    protocol::Role role = protocol::Role::Player;
    qint64 createdAtMs = 0;
    std::optional<qint64> verifiedAtMs;
    std::optional<qint64> suspendedAtMs;

    bool verified() const { return verifiedAtMs.has_value(); }
    bool suspended() const { return suspendedAtMs.has_value(); }
    protocol::User toUser() const { return { id, email, displayName, role }; }
};

/// @brief The one pending e-mail code of a user (a new code replaces the old one).
struct EmailCodeRecord
{
    qint64 userId = 0;
    QByteArray codeHash; ///< keyed hash, hex
    qint64 expiresAtMs = 0;
    int attempts = 0;
    qint64 sentAtMs = 0;
    /// The password hash and display name of the sign-up this code confirms; verifying applies
    /// them, so a later sign-up by someone else for the same pending address changes nothing
    /// unless its own code (mailed to the address owner) is entered.
    QString passwordHash;
    QString displayName;
};

/// @brief A row of `sessions`; the token itself is never stored.
struct SessionRecord
{
    qint64 id = 0;
    qint64 userId = 0;
    QByteArray tokenHash; ///< SHA-256, hex
    QString deviceId;
    QString deviceName;
    QString clientAddress;
    qint64 createdAtMs = 0;
    qint64 lastSeenAtMs = 0;
    std::optional<qint64> revokedAtMs;
    QString revokedReason;

    bool revoked() const { return revokedAtMs.has_value(); }
};

/// @brief An increment to append to the ledger.
struct NewIncrement
{
    qint64 userId = 0;
    qint64 delta = 0;
    qint64 atMs = 0;
    QString challengeId; ///< unique in the ledger: a challenge pays out once
    qint64 sessionId = 0;
    QString clientAddress;
};

/// @brief A user's total as the ranking needs it.
struct ScoreRow
{
    qint64 userId = 0;
    qint64 score = 0;
    qint64 reachedSeq = 0; ///< ledger id of the entry that brought the score to its value
    QString displayName;
    bool suspended = false;
    /// How many ledger entries the total sums. It grows with every change, so of two readings
    /// of a total (on any node) the one with the higher revision is the newer.
    qint64 revision = 0;
    friend bool operator==(const ScoreRow &a, const ScoreRow &b)
    {
        return a.userId == b.userId && a.score == b.score && a.reachedSeq == b.reachedSeq
            && a.revision == b.revision;
    }
};

/// @brief What appendIncrements() committed.
struct AppendResult
{
    QList<qint64> ids; ///< per entry in order: the new ledger id, or 0 (challenge already paid)
    QList<ScoreRow> totals; ///< each touched user's total after the commit (no name or status)
};

/// @brief A row of the ledger.
struct LedgerEntry
{
    qint64 id = 0;
    qint64 userId = 0;
    qint64 delta = 0;
    qint64 atMs = 0;
    QString kind; ///< "action" or "reversal"
    QString challengeId;
    qint64 sessionId = 0;
    QString clientAddress;
    qint64 reversesId = 0; ///< for a reversal: the entry it compensates
    qint64 reversedById = 0; ///< for an action: the reversal that compensates it, if any
};

/// @brief A flag raised by a detector or by staff.
struct FlagRecord
{
    qint64 id = 0;
    qint64 incrementId = 0; ///< 0 when the flag is about a pattern, not one increment
    qint64 userId = 0;
    QString rule; ///< the detector's name, or "manual"
    QString evidence;
    QString figures; ///< JSON text of the figures
    QString status = QStringLiteral("open"); ///< open, approved, reversed
    qint64 createdAtMs = 0;
    qint64 createdBy = 0; ///< staff id for manual flags
    qint64 decidedBy = 0;
    qint64 decidedAtMs = 0;
    QString decisionReason;
};

/// @brief One staff action, as written to the append-only audit log.
struct AuditEntry
{
    qint64 id = 0;
    qint64 atMs = 0;
    qint64 staffId = 0;
    QString action; ///< e.g. "reverse", "approve", "flag", "suspend", "unsuspend"
    QString target; ///< e.g. "increment:42", "flag:7", "user:3"
    QString reason;
};

/**
 * @brief Persistent state, behind one interface so the engine (SQLite, PostgreSQL) is a detail
 * of the store layer.
 *
 * A Store is used from one thread only (the StoreExecutor's). Every method throws StoreError on
 * a database failure. Methods are small and composable; callers group them with transaction().
 */
class Store
{
public:
    virtual ~Store();

    /// @brief Connects and brings the schema to the newest version.
    virtual void open() = 0;
    /// @brief Schema version after open().
    virtual int schemaVersion() = 0;
    /// @brief Cheap round trip that fails when the database is unreachable.
    virtual void ping() = 0;
    /// @brief After a failure: checks the connection and, if it is lost, connects again
    /// (re-subscribing to notifications) and returns true. Throws StoreError while the
    /// database is unreachable.
    virtual bool recover() = 0;
    /**
     * @brief Whether other nodes may share this database (PostgreSQL). Only then do changes
     * notify other nodes, and does listen() deliver their notifications.
     */
    virtual bool shared() const = 0;
    /**
     * @brief Delivers, on the store's thread, the cluster notifications of other nodes to
     * @p handler (with this store, to read what changed). Does nothing for an unshared store.
     */
    virtual void listen(std::function<void(Store &, const QString &payload)> handler) = 0;
    /**
     * @brief Records @p fingerprint as the database's key fingerprint unless one is recorded
     * already; returns the recorded one (all nodes of one database must use the same key).
     */
    virtual QString claimKeyFingerprint(const QString &fingerprint) = 0;
    /// @brief Runs @p work in one write transaction; rolls back and rethrows if it throws.
    virtual void transaction(const std::function<void()> &work) = 0;

    virtual std::optional<UserRecord> userByEmail(const QString &email) = 0;
    virtual std::optional<UserRecord> userById(qint64 id) = 0;
    /// @brief Inserts a user and returns its id; throws StoreError if the e-mail exists.
    virtual qint64 insertUser(const UserRecord &user) = 0;
    /// @brief Marks a pending user verified with the password and name confirmed by the code.
    virtual void setVerified(
        qint64 id, const QString &displayName, const QString &passwordHash, qint64 atMs)
        = 0;

    /// @brief Stores @p code, replacing the user's previous code.
    virtual void putEmailCode(const EmailCodeRecord &code) = 0;
    virtual std::optional<EmailCodeRecord> emailCode(qint64 userId) = 0;
    virtual void setEmailCodeAttempts(qint64 userId, int attempts) = 0;
    virtual void deleteEmailCode(qint64 userId) = 0;

    virtual qint64 insertSession(const SessionRecord &session) = 0;
    virtual std::optional<SessionRecord> sessionByTokenHash(const QByteArray &tokenHash) = 0;
    /// @brief Revokes every live session of @p userId except @p keepSessionId; returns their ids.
    virtual QList<qint64> revokeUserSessions(
        qint64 userId, qint64 keepSessionId, const QString &reason, qint64 atMs)
        = 0;
    virtual void revokeSession(qint64 sessionId, const QString &reason, qint64 atMs) = 0;
    virtual void touchSession(qint64 sessionId, qint64 atMs) = 0;
    /// @brief Those of @p sessionIds that are revoked, with the reason.
    virtual QList<std::pair<qint64, QString>> revokedAmong(const QList<qint64> &sessionIds) = 0;

    /**
     * @brief Appends @p batch to the ledger and updates the users' totals, all in one
     * transaction (one commit for the whole batch). An entry whose challenge already paid out
     * is skipped (its id is 0). Safe beside other nodes appending for the same users.
     */
    virtual AppendResult appendIncrements(const QList<NewIncrement> &batch) = 0;
    /// @brief The stored totals of every user who has a ledger entry, with name and status.
    virtual QList<ScoreRow> scoreTable() = 0;
    /// @brief The totals recomputed from the ledger itself (the truth the table must match).
    virtual QList<ScoreRow> ledgerTotals() = 0;
    /// @brief Replaces the stored totals with @p rows.
    virtual void rewriteScores(const QList<ScoreRow> &rows) = 0;
    /**
     * @brief Inside transaction(): holds off every other writer of the ledger and the totals
     * (other nodes included) until it ends, so both can be read as one consistent state.
     */
    virtual void lockLedger() = 0;

    virtual std::optional<LedgerEntry> ledgerEntry(qint64 id) = 0;
    /// @brief A user's ledger, newest first, at most @p limit entries.
    virtual QList<LedgerEntry> ledgerForUser(qint64 userId, int limit) = 0;
    /**
     * @brief Appends the compensating entry for action @p incrementId and updates the total.
     * Returns the reversal's id, or 0 if that increment is already reversed or is not an action.
     */
    virtual qint64 appendReversal(qint64 incrementId, qint64 atMs) = 0;
    /// @brief The user's stored total and the sequence that reached it.
    virtual std::optional<ScoreRow> scoreOf(qint64 userId) = 0;
    /// @brief The stored totals (with name and status) of those of @p userIds who have one.
    virtual QList<ScoreRow> scoresOf(const QList<qint64> &userIds) = 0;

    virtual qint64 insertFlag(const FlagRecord &flag) = 0;
    virtual std::optional<FlagRecord> flagById(qint64 id) = 0;
    /// @brief Flags, newest first; only those with @p status when it is not empty.
    virtual QList<FlagRecord> flags(const QString &status, int limit) = 0;
    virtual QList<FlagRecord> flagsForUser(qint64 userId) = 0;
    virtual QList<FlagRecord> flagsForIncrement(qint64 incrementId) = 0;
    /// @brief Flags raised after flag @p afterId or decided at or after @p decidedSinceMs.
    virtual QList<FlagRecord> flagsSince(qint64 afterId, qint64 decidedSinceMs) = 0;
    /// @brief The newest flag's id (0 when there is none).
    virtual qint64 lastFlagId() = 0;
    virtual void decideFlag(
        qint64 id, const QString &status, qint64 staffId, const QString &reason, qint64 atMs)
        = 0;

    /// @brief Increments with an open flag and no reversal: (increment, user, delta).
    virtual QList<std::tuple<qint64, qint64, qint64>> openlyFlaggedIncrements() = 0;
    /// @brief How many open flags @p incrementId still has.
    virtual int openFlagCount(qint64 incrementId) = 0;

    /// @brief Suspends (@p atMs set) or restores (nothing) a user.
    virtual void setSuspended(qint64 userId, std::optional<qint64> atMs) = 0;

    virtual qint64 appendAudit(const AuditEntry &entry) = 0;
    /// @brief Audit entries newest first, at most @p limit, older than @p beforeId when set.
    virtual QList<AuditEntry> audit(int limit, qint64 beforeId) = 0;
};

} // namespace scoreboard::server
