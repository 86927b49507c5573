#pragma once

#include "messages.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace scoreboard::server {

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

/**
 * @brief The pending sign-up of an address (table `email_codes`, one row per user): the
 * credentials of the latest `auth.signup` for it and the code that confirms them.
 *
 * Every sign-up writes one, for a registered address too (then with no code: the owner is
 * mailed a notice instead), so that nothing tells the two apart; a later sign-up replaces it,
 * which also ends every earlier code. Verifying a code of a pending account applies the
 * credentials.
 */
struct EmailCodeRecord
{
    qint64 userId = 0;
    QByteArray codeHash; ///< keyed hash, hex; empty: no code matches (none was mailed)
    qint64 expiresAtMs = 0;
    int attempts = 0;
    /// When the sign-up that set these credentials was made (a resent code keeps it); pending
    /// sign-ups older than `pending-account-days` are purged.
    qint64 sentAtMs = 0;
    /// The password hash and display name of that sign-up.
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

/**
 * @brief Accounts and sessions: the tables `users`, `email_codes` and `sessions`.
 *
 * Every method throws StoreError on a database failure.
 */
class AccountStore
{
public:
    virtual ~AccountStore();

    virtual std::optional<UserRecord> userByEmail(const QString &email) = 0;
    virtual std::optional<UserRecord> userById(qint64 id) = 0;
    /// @brief Inserts a user and returns its id; throws StoreError if the e-mail exists.
    virtual qint64 insertUser(const UserRecord &user) = 0;
    /// @brief Marks a pending user verified with the password and name confirmed by the code.
    virtual void setVerified(
        qint64 id, const QString &displayName, const QString &passwordHash, qint64 atMs)
        = 0;
    /// @brief Suspends (@p atMs set) or restores (nothing) a user.
    virtual void setSuspended(qint64 userId, std::optional<qint64> atMs) = 0;

    /// @brief Stores @p code, replacing the user's previous code.
    virtual void putEmailCode(const EmailCodeRecord &code) = 0;
    virtual std::optional<EmailCodeRecord> emailCode(qint64 userId) = 0;
    virtual void setEmailCodeAttempts(qint64 userId, int attempts) = 0;
    virtual void deleteEmailCode(qint64 userId) = 0;
    /**
     * @brief Forgets sign-ups made before @p beforeMs: their pending credentials (email_codes
     * rows with sentAtMs before it), then every account that never verified, was created
     * before it and has no pending sign-up left. Returns how many accounts were deleted.
     */
    virtual int purgePendingSignups(qint64 beforeMs) = 0;

    virtual qint64 insertSession(const SessionRecord &session) = 0;
    virtual std::optional<SessionRecord> sessionByTokenHash(const QByteArray &tokenHash) = 0;
    /// @brief Revokes every live session of @p userId except @p keepSessionId; returns their ids.
    virtual QList<qint64> revokeUserSessions(
        qint64 userId, qint64 keepSessionId, const QString &reason, qint64 atMs)
        = 0;
    virtual void revokeSession(qint64 sessionId, const QString &reason, qint64 atMs) = 0;
    virtual void touchSession(qint64 sessionId, qint64 atMs) = 0;
    /// @brief Whether @p userId had a session on @p deviceId last seen at or after @p sinceMs
    /// (revoked or not).
    virtual bool deviceSeenSince(qint64 userId, const QString &deviceId, qint64 sinceMs) = 0;
    /// @brief Those of @p sessionIds that are revoked, with the reason.
    virtual QList<std::pair<qint64, QString>> revokedAmong(const QList<qint64> &sessionIds) = 0;
};

} // namespace scoreboard::server
