#include "auth/authservice.h"
#include "auth/authreplies.h"
#include "auth/logging.h"
#include "net/replies.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;
using namespace authdetail;


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

} // namespace scoreboard::server
