// AuthService's log-in side: auth.login (with the failed-login limits and the recent-device
// exemption), auth.resume and auth.logout. Sign-up, verification and resend are in
// authservice.cpp.
#include "auth/authreplies.h"
#include "auth/authservice.h"
#include "auth/logging.h"
#include "net/replies.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;
using namespace authdetail;

void AuthService::login(Connection &connection, qint64 requestId, const LoginRequest &data)
{
    const auto &limits = m_settings.limits;
    if (throttled(connection, requestId,
            { { u"login:addr:"_s + connection.peerKey(), limits.loginPerAddress } }))
        return;
    struct Found
    {
        std::optional<UserRecord> user;
        std::optional<EmailCodeRecord> pending;
        bool knownDevice = false;
    };
    const qint64 deviceSince = m_clock.nowMs() - qint64(m_settings.trustedDeviceDays) * kDayMs;
    QPointer<Connection> conn(&connection);
    const qint64 id = requestId;
    m_store.run(
        [email = data.email, deviceId = data.deviceId, deviceSince](Store &store) {
            Found found;
            found.user = store.userByEmail(email);
            // The same reads whether or not the address has an account.
            const qint64 userId = found.user ? found.user->id : 0;
            found.pending = store.emailCode(userId);
            const bool seen = store.deviceSeenSince(userId, deviceId, deviceSince);
            found.knownDevice = seen && found.user && found.user->verified();
            return found;
        },
        [this, conn, id, data](StoreResult<Found> result) {
            if (!result.ok()) {
                answer(conn, internalError(id));
                return;
            }
            if (!conn || queuesFull(*conn, id, false))
                return;
            const Found found = *result.value;
            // Failures are charged before hashing, so guesses sent in parallel cannot outrun the
            // limit; a success gives the tokens back. Failures from elsewhere cannot lock the
            // owner's own device out: it counts against its address only.
            const auto &limits = m_settings.limits;
            const Limit pair { u"login-failures:%1|%2"_s.arg(data.email, conn->peerKey()),
                limits.loginFailuresPerAccountAddress };
            const Limit account { u"login-failures:"_s + data.email,
                limits.loginFailuresPerAccount };
            const bool knownDevice = found.knownDevice;
            const qint64 wait = knownDevice ? limited({ pair }) : limited({ pair, account });
            if (wait > 0) {
                conn->reply(rateLimited(id, wait));
                return;
            }
            const bool verified = found.user && found.user->verified();
            m_hasher.verify(verified ? found.user->passwordHash : QString(), data.password)
                .then(
                    this, [this, conn, id, data, found, pair, account, knownDevice](bool matches) {
                        if (matches) {
                            const qint64 now = m_clock.nowMs();
                            m_limiter.refund(pair.key, pair.rule, now);
                            if (!knownDevice)
                                m_limiter.refund(account.key, account.rule, now);
                            finishVerifiedLogin(conn, id, *found.user, data);
                            return;
                        }
                        // Every failure costs a second hash, against the pending sign-up or a
                        // dummy: its password answers not_verified whether or not the address
                        // has an account.
                        m_hasher
                            .verify(found.pending ? found.pending->passwordHash : QString(),
                                data.password)
                            .then(this, [conn, id](bool pendingMatches) {
                                if (pendingMatches) {
                                    answer(conn,
                                        failure(id, ErrorCode::NotVerified,
                                            u"confirm your e-mail address with the code we "
                                            "sent first"_s));
                                } else {
                                    answer(conn,
                                        failure(id, ErrorCode::BadCredentials,
                                            u"wrong e-mail or password"_s));
                                }
                            });
                    });
        });
}

void AuthService::finishVerifiedLogin(
    QPointer<Connection> conn, qint64 id, const UserRecord &user, const LoginRequest &data)
{
    if (user.suspended()) {
        answer(conn, failure(id, ErrorCode::Suspended, u"this account is suspended"_s));
        return;
    }
    if (data.staffOnly && user.role == Role::Player) {
        answer(conn,
            failure(id, ErrorCode::Forbidden,
                u"player accounts cannot log in to the score-check console"_s));
        return;
    }
    finishLogin(conn, id, user, data);
}

void AuthService::finishLogin(
    QPointer<Connection> conn, qint64 id, const UserRecord &user, const LoginRequest &login)
{
    if (!conn)
        return;
    const QString token = crypto::newToken();
    SessionRecord session;
    session.userId = user.id;
    session.tokenHash = crypto::sha256Hex(token.toLatin1());
    session.deviceId = login.deviceId;
    session.deviceName = login.deviceName;
    session.clientAddress = conn->peerAddress();
    session.createdAtMs = session.lastSeenAtMs = m_clock.nowMs();
    struct Created
    {
        qint64 sessionId = 0;
        QList<qint64> revoked;
    };
    const bool staff = user.role != Role::Player;
    m_store.run(
        [session, staff](Store &store) {
            Created created;
            store.transaction([&] {
                created.sessionId = store.insertSession(session);
                created.revoked = store.revokeUserSessions(session.userId, created.sessionId,
                    QString::fromLatin1(revoke_reason::SignedInElsewhere), session.createdAtMs);
                if (staff) {
                    store.appendAudit({ 0, session.createdAtMs, session.userId, u"login"_s,
                        u"session:%1"_s.arg(created.sessionId),
                        u"from %1, device %2"_s.arg(session.clientAddress,
                            session.deviceName.isEmpty() ? session.deviceId
                                                         : session.deviceName) });
                }
            });
            return created;
        },
        [this, conn, id, user, token](StoreResult<Created> result) {
            if (!result.ok()) {
                answer(conn, internalError(id));
                return;
            }
            const Created created = *result.value;
            if (conn)
                m_gateway.bindSession(*conn, user.toUser(), created.sessionId);
            // Every other socket of this user, whatever session it holds, is now stale.
            const int kicked = m_gateway.revokeSockets(user.id, {}, created.sessionId,
                QString::fromLatin1(revoke_reason::SignedInElsewhere),
                close_code::SignedInElsewhere);
            qCInfo(lcAuth) << "user" << user.id << "logged in; ended" << created.revoked.size()
                           << "other session(s) and" << kicked << "socket(s)";
            answer(conn, Reply::success(id, LoginReply { token, user.toUser() }.toJson()));
        });
}

void AuthService::resume(Connection &connection, qint64 requestId, const ResumeRequest &data)
{
    if (throttled(connection, requestId,
            { { u"login:addr:"_s + connection.peerAddress(), m_settings.limits.loginPerAddress } }))
        return;
    const qint64 now = m_clock.nowMs();
    const qint64 ttl = m_settings.sessionTtlMs;
    struct Resumed
    {
        std::optional<UserRecord> user;
        qint64 sessionId = 0;
    };
    QPointer<Connection> conn(&connection);
    const qint64 id = requestId;
    m_store.run(
        [hash = crypto::sha256Hex(data.token.toLatin1()), deviceId = data.deviceId, now, ttl](
            Store &store) {
            Resumed resumed;
            const auto session = store.sessionByTokenHash(hash);
            if (!session || session->revoked() || session->deviceId != deviceId
                || now - session->lastSeenAtMs > ttl)
                return resumed;
            auto user = store.userById(session->userId);
            if (!user || user->suspended() || !user->verified())
                return resumed;
            store.touchSession(session->id, now);
            resumed.user = std::move(user);
            resumed.sessionId = session->id;
            return resumed;
        },
        [this, conn, id](StoreResult<Resumed> result) {
            if (!result.ok()) {
                answer(conn, internalError(id));
                return;
            }
            if (!result.value->user) {
                answer(conn,
                    failure(
                        id, ErrorCode::SessionInvalid, u"this session has ended; log in again"_s));
                return;
            }
            if (!conn)
                return;
            const protocol::User user = result.value->user->toUser();
            m_gateway.bindSession(*conn, user, result.value->sessionId);
            conn->reply(Reply::success(id, { { u"user"_s, user.toJson() } }));
        });
}

void AuthService::logout(Connection &connection, qint64 requestId)
{
    if (!connection.isAuthenticated()) {
        connection.reply(Reply::success(requestId));
        return;
    }
    const qint64 userId = connection.userId();
    const qint64 sessionId = connection.sessionId();
    m_gateway.unbindSession(connection);
    QPointer<Connection> conn(&connection);
    const qint64 id = requestId;
    const qint64 now = m_clock.nowMs();
    m_store.run(
        [sessionId, now](Store &store) {
            store.revokeSession(sessionId, QString::fromLatin1(revoke_reason::LoggedOut), now);
        },
        [this, conn, id, userId, sessionId](StoreResult<std::monostate> result) {
            if (!result.ok()) {
                answer(conn, internalError(id));
                return;
            }
            m_gateway.revokeSockets(userId, { sessionId }, 0,
                QString::fromLatin1(revoke_reason::LoggedOut), close_code::Normal);
            answer(conn, Reply::success(id));
        });
}

} // namespace scoreboard::server
