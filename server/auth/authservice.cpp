#include "auth/authservice.h"
#include "auth/logging.h"
#include "net/replies.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {

Reply failure(qint64 id, ErrorCode code, const QString &message, qint64 retryAfterMs = 0,
    QJsonObject details = {})
{
    return Reply::failure(id, Error { code, message, retryAfterMs, std::move(details) });
}

Reply rateLimited(qint64 id, qint64 waitMs)
{
    return failure(id, ErrorCode::RateLimited, u"too many attempts; wait and try again"_s, waitMs);
}

/// Replies on @p connection if it is still open.
void answer(const QPointer<Connection> &connection, const Reply &reply)
{
    if (connection)
        connection->reply(reply);
}

constexpr qint64 kDayMs = 24LL * 3600'000;
/// How long a request refused for a full hashing or mail queue is told to wait.
constexpr qint64 kBusyRetryMs = 1000;

QString mailKey(const QString &email)
{
    return u"mail:"_s + email;
}

} // namespace

AuthService::AuthService(const AuthSettings &settings, QByteArray codeKey, StoreExecutor &store,
    crypto::PasswordHasher &hasher, Mailer &mailer, Gateway &gateway, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_codeKey(std::move(codeKey))
    , m_store(store)
    , m_hasher(hasher)
    , m_mailer(mailer)
    , m_gateway(gateway)
    , m_clock(clock)
{
    m_prune.setInterval(60'000);
    connect(&m_prune, &QTimer::timeout, this, [this] {
        m_limiter.prune(m_clock.nowMs(), kDayMs);
        m_phantomAttempts.clear();
    });
    m_prune.start();
    m_purge.setInterval(15 * 60'000);
    connect(&m_purge, &QTimer::timeout, this, [this] { purgePendingSignups(); });
    m_purge.start();
}

void AuthService::purgePendingSignups(std::function<void(int)> done)
{
    const qint64 before = m_clock.nowMs() - qint64(m_settings.pendingAccountDays) * kDayMs;
    m_store.run([before](Store &store) { return store.purgePendingSignups(before); },
        [done = std::move(done)](StoreResult<int> result) {
            if (!result.ok()) {
                qCWarning(lcAuth) << "cannot purge sign-ups never verified:" << result.error;
            } else if (*result.value > 0) {
                qCInfo(lcAuth) << "forgot" << *result.value << "sign-up(s) never verified";
            }
            if (done)
                done(result.ok() ? *result.value : -1);
        });
}

void AuthService::rememberSignup(Connection &connection, OwnSignup signup)
{
    const quint64 key = connection.id();
    if (!m_signups.contains(key))
        connect(&connection, &QObject::destroyed, this, [this, key] { m_signups.remove(key); });
    m_signups.insert(key, std::move(signup));
}

bool AuthService::queuesFull(Connection &connection, qint64 requestId, bool needsMail)
{
    const bool hashing = m_hasher.queued() >= m_settings.hashQueueMax;
    const bool mail = needsMail && m_mailer.queued() + m_mailsReserved >= m_settings.mailQueueMax;
    if (!hashing && !mail)
        return false;
    qCInfo(lcAuth) << "refused a request:" << (hashing ? "password hashing" : "mail")
                   << "queue full";
    connection.reply(failure(requestId, ErrorCode::RateLimited,
        u"the server is busy; try again in a moment"_s, kBusyRetryMs));
    return true;
}

void AuthService::install(Gateway &gateway)
{
    gateway.route(MessageType::AuthSignup, this, &AuthService::signup);
    gateway.route(MessageType::AuthVerify, this, &AuthService::verify);
    gateway.route(MessageType::AuthResend, this, &AuthService::resend);
    gateway.route(MessageType::AuthLogin, this, &AuthService::login);
    gateway.route(MessageType::AuthResume, this, &AuthService::resume);
    gateway.route(MessageType::AuthLogout, this, &AuthService::logout);
}

qint64 AuthService::limited(std::initializer_list<Limit> limits)
{
    const qint64 now = m_clock.nowMs();
    qint64 wait = 0;
    for (const auto &limit : limits)
        wait = std::max(wait, m_limiter.peek(limit.key, limit.rule, now));
    if (wait > 0)
        return wait;
    for (const auto &limit : limits)
        m_limiter.take(limit.key, limit.rule, now);
    return 0;
}

bool AuthService::throttled(Connection &connection, qint64 requestId,
    std::initializer_list<Limit> limits, qint64 otherWaitMs)
{
    const qint64 wait = std::max(otherWaitMs, limited(limits));
    if (wait > 0)
        connection.reply(rateLimited(requestId, wait));
    return wait > 0;
}

QByteArray AuthService::codeHash(const QString &email, const QString &code) const
{
    return crypto::hmacHex(m_codeKey, (email + u'\n' + code).toUtf8());
}

void AuthService::mailCode(const QString &email, const QString &code)
{
    const int minutes = m_settings.codeTtlMs / 60'000;
    MailMessage message { email, u"Your Scoreboard verification code"_s,
        u"Your Scoreboard verification code is:\n\n    %1\n\n"
        "Enter it in the app or on the page to finish signing up. It expires in "
        "%2 minutes and can be used once.\n\n"
        "If you did not sign up for Scoreboard, ignore this mail.\n"_s.arg(code)
            .arg(std::max(1, minutes)) };
    m_mailer.send(message, [](bool ok, const QString &error) {
        if (!ok)
            qCWarning(lcAuth) << "verification mail not delivered:" << error;
    });
}

void AuthService::mailAlreadyRegistered(const QString &email)
{
    MailMessage message { email, u"Your Scoreboard account"_s,
        u"Someone, perhaps you, tried to sign up for Scoreboard with this address, "
        "which already has an account. Nothing has changed: log in with your password.\n\n"
        "If this was not you, you can ignore this mail; nobody can use your account without "
        "your password.\n"_s };
    m_mailer.send(message, [](bool ok, const QString &error) {
        if (!ok)
            qCWarning(lcAuth) << "account notice not delivered:" << error;
    });
}

void AuthService::signup(Connection &connection, qint64 requestId, const SignupRequest &data)
{
    if (auto weak = checkPassword(data.password, data.email, data.displayName)) {
        connection.reply(Reply::failure(requestId, *weak));
        return;
    }
    if (queuesFull(connection, requestId, true))
        return;
    const auto &limits = m_settings.limits;
    if (throttled(connection, requestId,
            { { u"signup:addr:"_s + connection.peerKey(), limits.signupPerAddress },
                { u"signup:acct:"_s + data.email, limits.signupPerAccount } }))
        return;

    ++m_mailsReserved;
    QPointer<Connection> conn(&connection);
    const qint64 id = requestId;
    // Every path hashes and stores the same, so neither the reply nor its time tells whether
    // the address is registered.
    m_hasher.hash(data.password).then(this, [this, conn, id, data](const QString &passwordHash) {
        if (passwordHash.isEmpty()) {
            --m_mailsReserved;
            qCCritical(lcAuth) << "password hashing failed (out of memory?)";
            answer(conn, internalError(id));
            return;
        }
        const qint64 now = m_clock.nowMs();
        const bool mayMail
            = m_limiter.take(mailKey(data.email),
                  RateRule { 1, std::max<qint64>(1, m_settings.limits.resendIntervalMs) }, now)
            == 0;
        const QString code = crypto::newCode();
        // The new credentials replace any pending ones; without a mail there is no code, so
        // every earlier code is dead either way.
        EmailCodeRecord pending { 0, mayMail ? codeHash(data.email, code) : QByteArray(),
            now + m_settings.codeTtlMs, 0, now, passwordHash, data.displayName };
        m_store.run(
            [data, pending, now](Store &store) mutable {
                bool registered = false;
                store.transaction([&] {
                    const auto user = store.userByEmail(data.email);
                    if (user) {
                        pending.userId = user->id;
                        registered = user->verified();
                    } else {
                        UserRecord fresh;
                        fresh.email = data.email;
                        fresh.displayName = data.displayName;
                        fresh.passwordHash = pending.passwordHash;
                        fresh.createdAtMs = now;
                        pending.userId = store.insertUser(fresh);
                    }
                    if (registered)
                        pending.codeHash.clear(); // the owner gets a notice, not a code
                    store.putEmailCode(pending);
                });
                return registered;
            },
            [this, conn, id, data, code, mayMail, passwordHash](StoreResult<bool> result) {
                --m_mailsReserved;
                if (!result.ok()) {
                    answer(conn, internalError(id));
                    return;
                }
                if (mayMail) {
                    if (*result.value)
                        mailAlreadyRegistered(data.email);
                    else
                        mailCode(data.email, code);
                }
                if (conn)
                    rememberSignup(*conn, { data.email, passwordHash, data.displayName });
                m_phantomAttempts.remove(data.email);
                qCInfo(lcAuth) << "sign-up accepted"
                               << (mayMail ? "(mail sent)" : "(mail throttled)");
                answer(conn, Reply::success(id, { { u"pending"_s, true } }));
            });
    });
}

void AuthService::verify(Connection &connection, qint64 requestId, const VerifyRequest &data)
{
    const auto &limits = m_settings.limits;
    if (throttled(connection, requestId,
            { { u"verify:addr:"_s + connection.peerKey(), limits.verifyPerAddress },
                { u"verify:acct:"_s + data.email, limits.verifyPerAccount } }))
        return;

    enum class Outcome { Verified, Wrong, Expired, TooMany, NoCode };
    struct Result
    {
        Outcome outcome = Outcome::NoCode;
        int attemptsLeft = 0;
    };
    // Whoever proves the mailbox sets the password and name: those of the sign-up made on this
    // socket, else those of the latest sign-up (which the code was mailed for).
    std::optional<OwnSignup> own;
    if (const auto it = m_signups.constFind(connection.id());
        it != m_signups.cend() && it->email == data.email)
        own = *it;
    const qint64 now = m_clock.nowMs();
    const int maxAttempts = m_settings.codeMaxAttempts;
    const QByteArray hash = codeHash(data.email, data.code);
    QPointer<Connection> conn(&connection);
    const qint64 id = requestId;
    m_store.run(
        [email = data.email, hash, now, maxAttempts, own](Store &store) {
            Result result;
            store.transaction([&] {
                const auto user = store.userByEmail(email);
                if (!user)
                    return;
                // A registered address's pending sign-up has no code: it answers like a
                // pending account's code that is never the right one.
                const auto code = store.emailCode(user->id);
                if (!code)
                    return;
                if (code->attempts >= maxAttempts) {
                    result.outcome = Outcome::TooMany;
                } else if (now > code->expiresAtMs) {
                    result.outcome = Outcome::Expired;
                } else if (!user->verified() && !code->codeHash.isEmpty()
                    && crypto::constantTimeEquals(code->codeHash, hash)) {
                    store.setVerified(user->id, own ? own->displayName : code->displayName,
                        own ? own->passwordHash : code->passwordHash, now);
                    store.deleteEmailCode(user->id);
                    result.outcome = Outcome::Verified;
                } else {
                    store.setEmailCodeAttempts(user->id, code->attempts + 1);
                    result.outcome = Outcome::Wrong;
                    result.attemptsLeft = maxAttempts - code->attempts - 1;
                }
            });
            return result;
        },
        [this, conn, id, email = data.email, maxAttempts](StoreResult<Result> stored) {
            if (!stored.ok()) {
                answer(conn, internalError(id));
                return;
            }
            Result result = *stored.value;
            if (result.outcome == Outcome::NoCode) {
                int &tries = m_phantomAttempts[email];
                if (tries >= maxAttempts) {
                    result.outcome = Outcome::TooMany;
                } else {
                    ++tries;
                    result = { Outcome::Wrong, maxAttempts - tries };
                }
            }
            switch (result.outcome) {
            case Outcome::Verified:
                qCInfo(lcAuth) << "address verified";
                answer(conn, Reply::success(id, { { u"verified"_s, true } }));
                break;
            case Outcome::Wrong:
                answer(conn,
                    failure(id, ErrorCode::OtpInvalid, u"that code is not right"_s, 0,
                        { { u"attemptsLeft"_s, result.attemptsLeft } }));
                break;
            case Outcome::Expired:
                answer(conn,
                    failure(
                        id, ErrorCode::OtpExpired, u"that code has expired; ask for a new one"_s));
                break;
            case Outcome::TooMany:
            case Outcome::NoCode:
                answer(conn,
                    failure(id, ErrorCode::TooManyAttempts,
                        u"too many wrong codes; ask for a new one"_s));
                break;
            }
        });
}

void AuthService::resend(Connection &connection, qint64 requestId, const ResendRequest &data)
{
    if (queuesFull(connection, requestId, true))
        return;
    const qint64 now = m_clock.nowMs();
    const RateRule perAccount { 1, std::max<qint64>(1, m_settings.limits.resendIntervalMs) };
    if (throttled(connection, requestId,
            { { u"resend:addr:"_s + connection.peerKey(), m_settings.limits.resendPerAddress },
                { mailKey(data.email), perAccount } }))
        return;
    const QString code = crypto::newCode();
    const QByteArray hash = codeHash(data.email, code);
    const qint64 ttl = m_settings.codeTtlMs;
    enum class Outcome { Unknown, Pending, AlreadyVerified };
    ++m_mailsReserved;
    QPointer<Connection> conn(&connection);
    const qint64 id = requestId;
    m_store.run(
        [email = data.email, hash, now, ttl](Store &store) {
            Outcome outcome = Outcome::Unknown;
            store.transaction([&] {
                const auto user = store.userByEmail(email);
                if (!user)
                    return;
                const auto previous = store.emailCode(user->id);
                if (user->verified()) {
                    // No code for a registered address; its pending sign-up (if any) gets a
                    // fresh expiry and count, as a pending account's new code would.
                    if (previous) {
                        store.putEmailCode({ user->id, {}, now + ttl, 0, previous->sentAtMs,
                            previous->passwordHash, previous->displayName });
                    }
                    outcome = Outcome::AlreadyVerified;
                    return;
                }
                // The new code confirms the latest sign-up's credentials.
                store.putEmailCode({ user->id, hash, now + ttl, 0,
                    previous ? previous->sentAtMs : user->createdAtMs,
                    previous ? previous->passwordHash : user->passwordHash,
                    previous ? previous->displayName : user->displayName });
                outcome = Outcome::Pending;
            });
            return outcome;
        },
        [this, conn, id, email = data.email, code](StoreResult<Outcome> result) {
            --m_mailsReserved;
            if (!result.ok()) {
                answer(conn, internalError(id));
                return;
            }
            if (*result.value == Outcome::Pending)
                mailCode(email, code);
            else if (*result.value == Outcome::AlreadyVerified)
                mailAlreadyRegistered(email);
            m_phantomAttempts.remove(email);
            answer(conn, Reply::success(id, { { u"pending"_s, true } }));
        });
}

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
