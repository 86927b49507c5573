// Accounts end to end: a real server, real QWebSocket clients, real SQLite, real mail.
#include "messages.h"
#include "serverfixture.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

QJsonObject signupData(
    const QString &email, const QString &password = kPassword, const QString &name = u"Player"_s)
{
    return SignupRequest { email, password, name }.toJson();
}

QJsonObject loginData(const QString &email, const QString &password = kPassword,
    const QString &device = u"device-1"_s)
{
    return LoginRequest { email, password, device, u"Test device"_s }.toJson();
}

QString errorCode(const std::optional<Reply> &reply)
{
    if (!reply)
        return u"<no reply>"_s;
    return reply->ok ? u"<ok>"_s : errorCodeName(reply->error.code);
}

/// A six-digit code @p offset away from @p code (never @p code itself, for 0 < offset < 10^6).
QString otherCode(const QString &code, int offset)
{
    return QStringLiteral("%1").arg((code.toInt() + offset) % 1'000'000, 6, 10, QLatin1Char('0'));
}

} // namespace

class tst_Auth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void signupVerifyLoginWithMailDir();
    void signupVerifyLoginWithSmtp();
    void wrongCode();
    void expiredCode();
    void reusedCode();
    void attemptLimit();
    void resendThrottledAndReplacesCode();
    void noEnumeration();
    void pendingSignupCannotBeHijacked();
    void loginErrors();
    void weakPasswords_data();
    void weakPasswords();
    void secondDeviceKicksFirst();
    void resumeChecksDevice();
    void logoutEndsSession();
    void loginFailuresRateLimited();
    void signupRateLimitedPerAddress();
    void stateSurvivesRestart();

private:
    /// Signs up and verifies @p email; returns false (with a test failure) if any step fails.
    bool registerUser(const QString &email, const QString &password = kPassword);
    QString waitForCode(const QString &email, const QString &notThis = {});
    /// Signs @p email up and returns the code mailed to it (empty if the sign-up or the mail
    /// failed).
    QString signUpForCode(const QString &email);
    std::optional<Reply> verify(const QString &email, const QString &code);
    /// Registers @p email and logs it in on @p device with m_client; returns the session's token
    /// (empty if a step failed).
    QString registerAndLogIn(const QString &email, const QString &device = u"device-1"_s);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
    std::unique_ptr<TestClient> m_client;
};

void tst_Auth::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<RunningServer>(testConfig(m_dir->path()));
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    m_client = m_server->client();
    QVERIFY(m_client);
}

void tst_Auth::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_dir.reset();
}

QString tst_Auth::waitForCode(const QString &email, const QString &notThis)
{
    QString code;
    [[maybe_unused]] const bool found = QTest::qWaitFor(
        [&] {
            code = codeFromMailDir(m_server->mailDir(), email);
            return !code.isEmpty() && code != notThis;
        },
        5000);
    return code != notThis ? code : QString();
}

QString tst_Auth::signUpForCode(const QString &email)
{
    const auto signedUp = m_client->request(MessageType::AuthSignup, signupData(email));
    if (!signedUp || !signedUp->ok) {
        qWarning("signup failed: %s", qPrintable(errorCode(signedUp)));
        return {};
    }
    return waitForCode(email);
}

std::optional<Reply> tst_Auth::verify(const QString &email, const QString &code)
{
    return m_client->request(MessageType::AuthVerify, VerifyRequest { email, code }.toJson());
}

QString tst_Auth::registerAndLogIn(const QString &email, const QString &device)
{
    if (!registerUser(email))
        return {};
    const auto login
        = m_client->request(MessageType::AuthLogin, loginData(email, kPassword, device));
    if (!login || !login->ok) {
        qWarning("login failed: %s", qPrintable(errorCode(login)));
        return {};
    }
    return login->data.value(u"token"_s).toString();
}

bool tst_Auth::registerUser(const QString &email, const QString &password)
{
    const auto signedUp = m_client->request(MessageType::AuthSignup, signupData(email, password));
    if (!signedUp || !signedUp->ok) {
        qWarning("signup failed: %s", qPrintable(errorCode(signedUp)));
        return false;
    }
    const QString code = waitForCode(email);
    if (code.isEmpty()) {
        qWarning("no code mailed to %s", qPrintable(email));
        return false;
    }
    const auto verified = verify(email, code);
    return verified && verified->ok;
}

void tst_Auth::signupVerifyLoginWithMailDir()
{
    const QString email = u"Ada@Example.org"_s; // stored normalised
    const auto signedUp = m_client->request(MessageType::AuthSignup, signupData(email));
    QVERIFY(signedUp);
    QVERIFY2(signedUp->ok, qPrintable(errorCode(signedUp)));
    QCOMPARE(signedUp->data.value(u"pending"_s).toBool(), true);

    // Not verified yet: the correct password is refused with not_verified.
    QCOMPARE(errorCode(m_client->request(MessageType::AuthLogin, loginData(u"ada@example.org"_s))),
        u"not_verified"_s);

    const QString code = waitForCode(u"ada@example.org"_s);
    QVERIFY(!code.isEmpty());
    const auto verified = m_client->request(
        MessageType::AuthVerify, VerifyRequest { u"ada@example.org"_s, code }.toJson());
    QVERIFY(verified);
    QVERIFY2(verified->ok, qPrintable(errorCode(verified)));
    QCOMPARE(verified->data.value(u"verified"_s).toBool(), true);

    const auto login = m_client->request(MessageType::AuthLogin, loginData(email));
    QVERIFY(login);
    QVERIFY2(login->ok, qPrintable(errorCode(login)));
    const auto parsed = LoginReply::fromJson(login->data);
    QVERIFY(std::holds_alternative<LoginReply>(parsed));
    const auto &reply = std::get<LoginReply>(parsed);
    QCOMPARE(reply.user.email, u"ada@example.org"_s);
    QCOMPARE(reply.user.displayName, u"Player"_s);
    QCOMPARE(reply.user.role, Role::Player);
    QVERIFY2(
        reply.token.size() >= 43, "token must carry at least 256 bits"); // base64url of 32 bytes

    // The token is stored hashed only: it does not appear in the database file.
    m_client.reset();
    m_server.reset();
    QFile db(m_dir->filePath(u"scoreboard.db"_s));
    QVERIFY(db.open(QIODevice::ReadOnly));
    const QByteArray bytes = db.readAll();
    QVERIFY(!bytes.contains(reply.token.toLatin1()));
    QVERIFY(!bytes.contains(kPassword.toUtf8()));
    QVERIFY(!bytes.contains(code.toLatin1() + "\n")); // the code is stored as a keyed hash
}

void tst_Auth::signupVerifyLoginWithSmtp()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(&error), qPrintable(error));
    auto config = testConfig(m_dir->filePath(u"smtp"_s));
    config.mail.smtpUrl = sink.url();
    config.mail.startTls = server::MailSettings::StartTls::Off;
    RunningServer smtpServer(config);
    QVERIFY2(smtpServer.started, qPrintable(smtpServer.error));
    auto client = smtpServer.client();
    QVERIFY(client);

    const QString email = u"grace@example.org"_s;
    QVERIFY(client->request(MessageType::AuthSignup, signupData(email))->ok);
    QString code;
    QTRY_VERIFY_WITH_TIMEOUT(!(code = codeFromMailDir(sink.mailDir(), email)).isEmpty(), 10000);
    QVERIFY(client->request(MessageType::AuthVerify, VerifyRequest { email, code }.toJson())->ok);
    const auto login = client->request(MessageType::AuthLogin, loginData(email));
    QVERIFY2(login && login->ok, qPrintable(errorCode(login)));
    // Nothing went to the mail folder when SMTP is configured.
    QCOMPARE(mailCount(smtpServer.mailDir(), email), 0);
}

void tst_Auth::wrongCode()
{
    const QString email = u"wrong@example.org"_s;
    const QString code = signUpForCode(email);
    QVERIFY(!code.isEmpty());
    const auto reply = verify(email, otherCode(code, 1));
    QCOMPARE(errorCode(reply), u"otp_invalid"_s);
    QCOMPARE(reply->error.details.value(u"attemptsLeft"_s).toInt(), 4);
    // The right code still works after one wrong try.
    QVERIFY(verify(email, code)->ok);
}

void tst_Auth::expiredCode()
{
    const QString email = u"late@example.org"_s;
    const QString code = signUpForCode(email);
    QVERIFY(!code.isEmpty());
    m_server->server->clock().advance(10 * 60'000 + 1000);
    QCOMPARE(errorCode(verify(email, code)), u"otp_expired"_s);
    QCOMPARE(
        errorCode(m_client->request(MessageType::AuthLogin, loginData(email))), u"not_verified"_s);
}

void tst_Auth::reusedCode()
{
    const QString email = u"twice@example.org"_s;
    const QString code = signUpForCode(email);
    QVERIFY(!code.isEmpty());
    QVERIFY(verify(email, code)->ok);
    QCOMPARE(errorCode(verify(email, code)), u"otp_invalid"_s);
}

void tst_Auth::attemptLimit()
{
    const QString email = u"guesser@example.org"_s;
    const QString code = signUpForCode(email);
    QVERIFY(!code.isEmpty());
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const auto reply = verify(email, otherCode(code, attempt));
        QCOMPARE(errorCode(reply), u"otp_invalid"_s);
        QCOMPARE(reply->error.details.value(u"attemptsLeft"_s).toInt(), 5 - attempt);
    }
    // Locked: even the right code is refused now.
    QCOMPARE(errorCode(verify(email, code)), u"too_many_attempts"_s);

    // A new code (after the resend interval) unlocks verification.
    m_server->server->clock().advance(61'000);
    QVERIFY(m_client->request(MessageType::AuthResend, ResendRequest { email }.toJson())->ok);
    const QString fresh = waitForCode(email, code);
    QVERIFY(!fresh.isEmpty());
    QVERIFY(verify(email, fresh)->ok);
}

void tst_Auth::resendThrottledAndReplacesCode()
{
    const QString email = u"resend@example.org"_s;
    const QString first = signUpForCode(email);
    QVERIFY(!first.isEmpty());

    const auto throttled
        = m_client->request(MessageType::AuthResend, ResendRequest { email }.toJson());
    QCOMPARE(errorCode(throttled), u"rate_limited"_s);
    QVERIFY(throttled->error.retryAfterMs > 50'000);
    QVERIFY(throttled->error.retryAfterMs <= 60'000);
    QCOMPARE(mailCount(m_server->mailDir(), email), 1);

    m_server->server->clock().advance(61'000);
    QVERIFY(m_client->request(MessageType::AuthResend, ResendRequest { email }.toJson())->ok);
    QTRY_COMPARE(mailCount(m_server->mailDir(), email), 2);
    const QString second = codeFromMailDir(m_server->mailDir(), email);
    // The old code is dead (unless the CSPRNG repeated it, a one-in-a-million draw).
    if (second != first)
        QCOMPARE(errorCode(verify(email, first)), u"otp_invalid"_s);
    QVERIFY(verify(email, second)->ok);
}

void tst_Auth::noEnumeration()
{
    const QString known = u"known@example.org"_s;
    QVERIFY(registerUser(known));
    m_server->server->clock().advance(61'000);

    const auto forKnown = m_client->request(
        MessageType::AuthSignup, signupData(known, u"another good passphrase"_s));
    const auto forNew
        = m_client->request(MessageType::AuthSignup, signupData(u"new@example.org"_s));
    QVERIFY(forKnown && forNew);
    QCOMPARE(forKnown->ok, forNew->ok);
    QCOMPARE(forKnown->data, forNew->data);

    // Resend answers alike for registered, unknown and pending addresses.
    m_server->server->clock().advance(61'000);
    const auto resendKnown
        = m_client->request(MessageType::AuthResend, ResendRequest { known }.toJson());
    const auto resendUnknown = m_client->request(
        MessageType::AuthResend, ResendRequest { u"nobody@example.org"_s }.toJson());
    QVERIFY(resendKnown && resendUnknown);
    QCOMPARE(resendKnown->data, resendUnknown->data);
    QCOMPARE(resendKnown->ok, resendUnknown->ok);

    // Verifying an unknown address looks like a wrong code on a real one.
    const auto unknownVerify = verify(u"ghost@example.org"_s, u"123456"_s);
    QCOMPARE(errorCode(unknownVerify), u"otp_invalid"_s);
    QCOMPARE(unknownVerify->error.details.value(u"attemptsLeft"_s).toInt(), 4);

    // The registered account is untouched: the old password still works, the new one does not.
    QVERIFY(m_client->request(MessageType::AuthLogin, loginData(known))->ok);
    QCOMPARE(errorCode(m_client->request(
                 MessageType::AuthLogin, loginData(known, u"another good passphrase"_s))),
        u"bad_credentials"_s);
    // The owner was told by mail, without a code.
    QTRY_VERIFY(mailCount(m_server->mailDir(), known) >= 2);
}

void tst_Auth::pendingSignupCannotBeHijacked()
{
    const QString email = u"victim@example.org"_s;
    const QString code = signUpForCode(email);
    QVERIFY(!code.isEmpty());
    // Someone else signs up for the same pending address with their own password.
    auto other = m_server->client();
    QVERIFY(other
                ->request(MessageType::AuthSignup,
                    signupData(email, u"attacker chosen pass"_s, u"Mallory"_s))
                ->ok);
    // The owner's code confirms the owner's sign-up, not the stranger's.
    QVERIFY(verify(email, code)->ok);
    const auto login = m_client->request(MessageType::AuthLogin, loginData(email));
    QVERIFY2(login && login->ok, qPrintable(errorCode(login)));
    QCOMPARE(
        login->data.value(u"user"_s).toObject().value(u"displayName"_s).toString(), u"Player"_s);
    QCOMPARE(errorCode(other->request(
                 MessageType::AuthLogin, loginData(email, u"attacker chosen pass"_s))),
        u"bad_credentials"_s);
}

void tst_Auth::loginErrors()
{
    const QString email = u"errors@example.org"_s;
    QVERIFY(registerUser(email));
    QCOMPARE(errorCode(m_client->request(
                 MessageType::AuthLogin, loginData(email, u"not the password"_s))),
        u"bad_credentials"_s);
    QCOMPARE(
        errorCode(m_client->request(MessageType::AuthLogin, loginData(u"absent@example.org"_s))),
        u"bad_credentials"_s);
    QCOMPARE(
        errorCode(m_client->request(MessageType::AuthLogin, QJsonObject { { u"email"_s, email } })),
        u"bad_request"_s);
    QCOMPARE(errorCode(m_client->request(MessageType::AuthResume,
                 ResumeRequest { u"forged-token"_s, u"device-1"_s }.toJson())),
        u"session_invalid"_s);
}

void tst_Auth::weakPasswords_data()
{
    QTest::addColumn<QString>("password");
    QTest::addRow("too short") << u"abc123!"_s;
    QTest::addRow("too long") << QString(129, u'x');
    QTest::addRow("common") << u"password1"_s;
    QTest::addRow("common, other case") << u"QWERTY123"_s;
    QTest::addRow("same as email") << u"weak@example.org"_s;
}

void tst_Auth::weakPasswords()
{
    QFETCH(QString, password);
    const auto reply
        = m_client->request(MessageType::AuthSignup, signupData(u"weak@example.org"_s, password));
    QCOMPARE(errorCode(reply), u"weak_password"_s);
    QVERIFY(!reply->error.message.isEmpty());
    QCOMPARE(mailCount(m_server->mailDir(), u"weak@example.org"_s), 0);
}

void tst_Auth::secondDeviceKicksFirst()
{
    const QString email = u"twodevices@example.org"_s;
    const QString oldToken = registerAndLogIn(email, u"laptop"_s);
    QVERIFY(!oldToken.isEmpty());

    // A bystander logged in as someone else is not affected.
    QVERIFY(registerUser(u"bystander@example.org"_s));
    auto bystander = m_server->client();
    QVERIFY(bystander->request(MessageType::AuthLogin, loginData(u"bystander@example.org"_s))->ok);

    auto second = m_server->client();
    QVERIFY(second);
    const auto login
        = second->request(MessageType::AuthLogin, loginData(email, kPassword, u"phone"_s));
    QVERIFY(login && login->ok);

    const auto revoked = m_client->waitEvent(EventType::SessionRevoked);
    QVERIFY(revoked);
    QCOMPARE(revoked->data.value(u"reason"_s).toString(), u"signed_in_elsewhere"_s);
    QVERIFY(m_client->waitClosed());
    QCOMPARE(m_client->closeCode(), quint16(4001));

    // The old token no longer resumes; the new one does.
    auto third = m_server->client();
    QCOMPARE(errorCode(third->request(
                 MessageType::AuthResume, ResumeRequest { oldToken, u"laptop"_s }.toJson())),
        u"session_invalid"_s);
    const auto resumed = third->request(MessageType::AuthResume,
        ResumeRequest { login->data.value(u"token"_s).toString(), u"phone"_s }.toJson());
    QVERIFY2(resumed && resumed->ok, qPrintable(errorCode(resumed)));
    QCOMPARE(resumed->data.value(u"user"_s).toObject().value(u"email"_s).toString(), email);

    QVERIFY(second->isConnected());
    QVERIFY(bystander->isConnected());
    QVERIFY(bystander->request(MessageType::AuthLogout)->ok);
}

void tst_Auth::resumeChecksDevice()
{
    const QString token = registerAndLogIn(u"device@example.org"_s, u"desk"_s);
    QVERIFY(!token.isEmpty());
    auto other = m_server->client();
    QCOMPARE(errorCode(other->request(
                 MessageType::AuthResume, ResumeRequest { token, u"elsewhere"_s }.toJson())),
        u"session_invalid"_s);
}

void tst_Auth::logoutEndsSession()
{
    const QString token = registerAndLogIn(u"leaver@example.org"_s);
    QVERIFY(!token.isEmpty());
    // A second socket resumes the same session; logging out on the first ends it there too.
    auto twin = m_server->client();
    QVERIFY(twin->request(MessageType::AuthResume, ResumeRequest { token, u"device-1"_s }.toJson())
                ->ok);

    const auto logout = m_client->request(MessageType::AuthLogout);
    QVERIFY(logout && logout->ok);
    QVERIFY(twin->waitClosed());
    QCOMPARE(twin->closeCode(), quint16(1000));
    QVERIFY(m_client->isConnected()); // the socket that logged out stays open, anonymous
    QCOMPARE(errorCode(m_client->request(
                 MessageType::AuthResume, ResumeRequest { token, u"device-1"_s }.toJson())),
        u"session_invalid"_s);
}

void tst_Auth::loginFailuresRateLimited()
{
    const QString email = u"bruteforce@example.org"_s;
    QVERIFY(registerUser(email));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(errorCode(m_client->request(
                     MessageType::AuthLogin, loginData(email, u"guess number %1"_s.arg(i)))),
            u"bad_credentials"_s);
    const auto limited = m_client->request(MessageType::AuthLogin, loginData(email));
    QCOMPARE(errorCode(limited), u"rate_limited"_s);
    QVERIFY(limited->error.retryAfterMs > 0);
    // Other accounts are not affected.
    QVERIFY(registerUser(u"innocent@example.org"_s));
    QVERIFY(m_client->request(MessageType::AuthLogin, loginData(u"innocent@example.org"_s))->ok);
    // And the limit lifts with time.
    m_server->server->clock().advance(limited->error.retryAfterMs + 1);
    QVERIFY(m_client->request(MessageType::AuthLogin, loginData(email))->ok);
}

void tst_Auth::signupRateLimitedPerAddress()
{
    auto config = testConfig(m_dir->filePath(u"limited"_s));
    config.auth.limits.signupPerAddress = { 3, 60'000 };
    RunningServer strict(config);
    QVERIFY2(strict.started, qPrintable(strict.error));
    auto client = strict.client();
    for (int i = 0; i < 3; ++i)
        QVERIFY(client->request(MessageType::AuthSignup, signupData(u"user%1@example.org"_s.arg(i)))
                    ->ok);
    const auto limited
        = client->request(MessageType::AuthSignup, signupData(u"user9@example.org"_s));
    QCOMPARE(errorCode(limited), u"rate_limited"_s);
    QVERIFY(limited->error.retryAfterMs > 0 && limited->error.retryAfterMs <= 60'000);
}

void tst_Auth::stateSurvivesRestart()
{
    const QString token = registerAndLogIn(u"durable@example.org"_s);
    QVERIFY(!token.isEmpty());

    m_client.reset();
    m_server.reset();
    m_server = std::make_unique<RunningServer>(testConfig(m_dir->path()));
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    m_client = m_server->client();
    const auto resumed = m_client->request(
        MessageType::AuthResume, ResumeRequest { token, u"device-1"_s }.toJson());
    QVERIFY2(resumed && resumed->ok, qPrintable(errorCode(resumed)));
}

QTEST_GUILESS_MAIN(tst_Auth)
#include "tst_auth.moc"
