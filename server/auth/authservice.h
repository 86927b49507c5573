#pragma once

#include "auth/authsettings.h"
#include "auth/mailer.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/ratelimiter.h"
#include "net/gateway.h"
#include "store/storeexecutor.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <initializer_list>

namespace scoreboard::server {

/**
 * @brief Accounts: sign-up with an e-mailed code, verification, login with one device per
 * user, session resume and logout (the `auth.*` messages).
 *
 * Passwords are hashed off the event loop; all database work runs on the StoreExecutor. No
 * reply, sequence of replies or reply time reveals whether an e-mail address has an account:
 * every sign-up stores pending credentials for the address (a registered one too, whose owner
 * is mailed a notice instead of a code), every login that fails hashes twice (against the
 * account, or a dummy, and against the pending sign-up, or a dummy).
 *
 * A later sign-up for an unverified address replaces the pending credentials and ends every
 * earlier code; a verified code activates the credentials of the sign-up made on the same
 * socket, else the latest ones.
 */
class AuthService final : public QObject
{
    Q_OBJECT
public:
    AuthService(const AuthSettings &settings, QByteArray codeKey, StoreExecutor &store,
        crypto::PasswordHasher &hasher, Mailer &mailer, Gateway &gateway, Clock &clock,
        QObject *parent = nullptr);

    /// @brief Routes the auth.* messages of @p gateway to this service.
    void install(Gateway &gateway);
    /// @brief Forgets sign-ups not verified within `pending-account-days` (a timer runs it every
    /// 15 minutes; tests call it); @p done, if set, gets how many accounts went.
    void purgePendingSignups(std::function<void(int purged)> done = {});

private:
    void signup(Connection &connection, qint64 requestId, const protocol::SignupRequest &data);
    void verify(Connection &connection, qint64 requestId, const protocol::VerifyRequest &data);
    void resend(Connection &connection, qint64 requestId, const protocol::ResendRequest &data);
    void login(Connection &connection, qint64 requestId, const protocol::LoginRequest &data);
    void resume(Connection &connection, qint64 requestId, const protocol::ResumeRequest &data);
    void logout(Connection &connection, qint64 requestId);

    /// @brief After the password matched: refuses a suspended account and a player on the
    /// console, else finishLogin().
    void finishVerifiedLogin(QPointer<Connection> connection, qint64 requestId,
        const UserRecord &user, const protocol::LoginRequest &login);
    void finishLogin(QPointer<Connection> connection, qint64 requestId, const UserRecord &user,
        const protocol::LoginRequest &login);

    /// @brief The credentials of the latest sign-up made on a socket.
    struct OwnSignup
    {
        QString email;
        QString passwordHash;
        QString displayName;
    };
    void rememberSignup(Connection &connection, OwnSignup signup);
    /// @brief Refuses with `rate_limited` (and returns true) when the password-hashing queue, or
    /// with @p needsMail the mail queue, is at its bound.
    bool queuesFull(Connection &connection, qint64 requestId, bool needsMail);

    struct Limit
    {
        QString key;
        RateRule rule;
    };
    /// @brief Takes a token from every bucket if all have one; else the longest wait in ms.
    qint64 limited(std::initializer_list<Limit> limits);
    /// @brief limited(), and a `rate_limited` reply when it (or @p otherWaitMs, a wait found
    /// elsewhere) says to wait; returns whether the request was refused.
    bool throttled(Connection &connection, qint64 requestId, std::initializer_list<Limit> limits,
        qint64 otherWaitMs = 0);
    QByteArray codeHash(const QString &email, const QString &code) const;
    void mailCode(const QString &email, const QString &code);
    void mailAlreadyRegistered(const QString &email);

    const AuthSettings &m_settings;
    QByteArray m_codeKey;
    StoreExecutor &m_store;
    crypto::PasswordHasher &m_hasher;
    Mailer &m_mailer;
    Gateway &m_gateway;
    Clock &m_clock;
    RateLimiter m_limiter;
    /// Wrong-code counts for addresses without a pending code, so those answer like real ones.
    QHash<QString, int> m_phantomAttempts;
    /// The latest sign-up of each open socket, by connection id.
    QHash<quint64, OwnSignup> m_signups;
    /// Sign-ups and resends accepted whose mail is not handed to the mailer yet.
    int m_mailsReserved = 0;
    QTimer m_prune;
    QTimer m_purge;
};

} // namespace scoreboard::server
