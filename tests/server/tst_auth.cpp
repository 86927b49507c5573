// Accounts end to end: a real server, real QWebSocket clients, real SQLite, real mail. Over 600
// lines because each slot is one account rule (sign-up, codes, takeover, enumeration, limits,
// queues, purging) driven through the real socket with its own set-up; the timing rule is apart,
// in tst_authtiming.cpp.
#include "app/options.h"
#include "auth/authservice.h"
#include "auth/mailer.h"
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

/// A test server's config that sends its mail to @p sink (plain SMTP on loopback).
server::ServerConfig smtpConfig(const QString &dataDir, const SmtpSink &sink)
{
    auto config = testConfig(dataDir);
    config.mail.smtpUrl = sink.url();
    config.mail.startTls = server::MailSettings::StartTls::Off;
    return config;
}

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
    void signupSequencesAnswerAlikeForFreeAndRegisteredAddresses();
    void signupRefusesUnsafeAddressesAndNames_data();
    void signupRefusesUnsafeAddressesAndNames();
    void displayNameIsStoredInNfc();
    void preRegistrationTakeoverFails();
    void laterSignupEndsEarlierCodesButNotTheSignerUp();
    void loginErrors();
    void weakPasswords_data();
    void weakPasswords();
    void secondDeviceKicksFirst();
    void resumeChecksDevice();
    void logoutEndsSession();
    void loginFailuresRateLimited();
    void parallelWrongLoginsAreChargedBeforeHashing();
    void failuresFromElsewhereDoNotLockTheOwnersDeviceOut();
    void failedLoginsAreLimitedPerAccountAndAddress();
    void passwordHashingQueueIsBounded();
    void mailQueueIsBounded();
    void pendingSignupsAreForgottenAfterTheirTime_data();
    void pendingSignupsAreForgottenAfterTheirTime();
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
    void verifyAccountIsTheOwners(const QString &email, TestClient &stranger);

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
    auto config = smtpConfig(m_dir->filePath(u"smtp"_s), sink);
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

    // The registered account is untouched: the old password still works; the new one only
    // answers not_verified, as it would for an address without an account.
    QVERIFY(m_client->request(MessageType::AuthLogin, loginData(known))->ok);
    QCOMPARE(errorCode(m_client->request(
                 MessageType::AuthLogin, loginData(known, u"another good passphrase"_s))),
        u"not_verified"_s);
    // The owner was told by mail, without a code.
    QTRY_VERIFY(mailCount(m_server->mailDir(), known) >= 2);
}

void tst_Auth::signupSequencesAnswerAlikeForFreeAndRegisteredAddresses()
{
    const QString registered = u"owner@example.org"_s;
    const QString free = u"free@example.org"_s;
    QVERIFY(registerUser(registered));
    auto &clock = m_server->server->clock();
    clock.advance(61'000);

    const QString tried = u"second good passphrase"_s;
    const QString wrongCode = u"123456"_s;
    // What someone who does not read either mailbox sees, step by step.
    auto probe = [&](const QString &email) {
        QStringList seen;
        auto note = [&](const std::optional<Reply> &reply) {
            QString line = errorCode(reply);
            if (reply && !reply->ok && reply->error.details.contains(u"attemptsLeft"_s))
                line += u" %1"_s.arg(reply->error.details.value(u"attemptsLeft"_s).toInt());
            if (reply && reply->ok)
                line
                    += QString::fromUtf8(QJsonDocument(reply->data).toJson(QJsonDocument::Compact));
            seen << line;
        };
        auto client = m_server->client();
        note(client->request(MessageType::AuthSignup, signupData(email, tried, u"Prober"_s)));
        note(client->request(MessageType::AuthLogin, loginData(email, tried)));
        note(client->request(MessageType::AuthLogin, loginData(email, u"not it at all"_s)));
        note(client->request(MessageType::AuthVerify, VerifyRequest { email, wrongCode }.toJson()));
        note(client->request(MessageType::AuthResend, ResendRequest { email }.toJson()));
        clock.advance(61'000);
        note(client->request(MessageType::AuthResend, ResendRequest { email }.toJson()));
        note(client->request(MessageType::AuthVerify, VerifyRequest { email, wrongCode }.toJson()));
        clock.advance(10 * 60'000 + 1000); // past the code's lifetime
        note(client->request(MessageType::AuthVerify, VerifyRequest { email, wrongCode }.toJson()));
        note(client->request(MessageType::AuthLogin, loginData(email, tried)));
        return seen;
    };
    const QStringList forRegistered = probe(registered);
    const QStringList forFree = probe(free);
    if (codeFromMailDir(m_server->mailDir(), free) == wrongCode)
        QSKIP("the mailed code happened to be the probe's guess");
    QCOMPARE(forRegistered, forFree);
    QCOMPARE(forFree.value(1), u"not_verified"_s);
    QCOMPARE(forFree.value(2), u"bad_credentials"_s);

    // The owner's account is as it was; the owner got notices, never a code.
    QVERIFY(m_client->request(MessageType::AuthLogin, loginData(registered))->ok);
    QTRY_COMPARE(mailCount(m_server->mailDir(), registered), 3); // its code, two notices
}

void tst_Auth::signupRefusesUnsafeAddressesAndNames_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("displayName");
    const QString name = u"Player"_s;
    QTest::addRow("angle bracket in address") << u"a<b@example.org"_s << name;
    QTest::addRow("closing bracket in address") << u"a>b@example.org"_s << name;
    QTest::addRow("comma in address") << u"a,b@example.org"_s << name;
    QTest::addRow("quotes in address") << u"\"a\"@example.org"_s << name;
    QTest::addRow("source route in address") << u"a%evil.example@example.org"_s << name;
    QTest::addRow("line break in address") << u"a\r\nb@example.org"_s << name;
    QTest::addRow("right-to-left override in name") << u"rtl@example.org"_s << u"ab\u202ecd"_s;
    QTest::addRow("zero-width space in name") << u"zw@example.org"_s << u"Ad\u200bmin"_s;
    QTest::addRow("control character in name") << u"bel@example.org"_s << u"Bel\u0007"_s;
}

void tst_Auth::signupRefusesUnsafeAddressesAndNames()
{
    QFETCH(QString, email);
    QFETCH(QString, displayName);
    const auto reply = m_client->request(MessageType::AuthSignup,
        QJsonObject { { u"email"_s, email }, { u"password"_s, kPassword },
            { u"displayName"_s, displayName } });
    QCOMPARE(errorCode(reply), u"bad_request"_s);
    QVERIFY(!reply->error.message.isEmpty());
    // Nothing was stored or mailed.
    m_server->server->mailer().waitForIdle();
    QCOMPARE(QDir(m_server->mailDir()).entryList(QDir::Files).size(), 0);
    const auto stored = m_server->server->store().runAndWait(
        [email = normalizeEmail(email)](server::Store &store) { return store.userByEmail(email); });
    QVERIFY(stored.ok() && !stored.value->has_value());
}

void tst_Auth::displayNameIsStoredInNfc()
{
    const QString email = u"zoe@example.org"_s;
    QVERIFY(m_client->request(MessageType::AuthSignup, signupData(email, kPassword, u"Zoe\u0301"_s))
                ->ok);
    QVERIFY(
        m_client
            ->request(MessageType::AuthVerify, VerifyRequest { email, waitForCode(email) }.toJson())
            ->ok);
    const auto login = m_client->request(MessageType::AuthLogin, loginData(email));
    QVERIFY2(login && login->ok, qPrintable(errorCode(login)));
    QCOMPARE(
        login->data.value(u"user"_s).toObject().value(u"displayName"_s).toString(), u"Zo\u00e9"_s);
}

// The account of email opens with the owner's password and shows the owner's name; the
// password the stranger chose opens nothing.
void tst_Auth::verifyAccountIsTheOwners(const QString &email, TestClient &stranger)
{
    const auto login = m_client->request(MessageType::AuthLogin, loginData(email));
    QVERIFY2(login && login->ok, qPrintable(errorCode(login)));
    QCOMPARE(
        login->data.value(u"user"_s).toObject().value(u"displayName"_s).toString(), u"Player"_s);
    QCOMPARE(errorCode(stranger.request(
                 MessageType::AuthLogin, loginData(email, u"attacker chosen pass"_s, u"x"_s))),
        u"bad_credentials"_s);
}

void tst_Auth::preRegistrationTakeoverFails()
{
    // Someone signs up for the victim's address with their own password and keeps asking for
    // new codes; the codes go to the victim.
    const QString email = u"victim@example.org"_s;
    auto &clock = m_server->server->clock();
    auto attacker = m_server->client();
    QVERIFY(attacker
                ->request(MessageType::AuthSignup,
                    signupData(email, u"attacker chosen pass"_s, u"Mallory"_s))
                ->ok);
    QVERIFY(!waitForCode(email).isEmpty());
    clock.advance(61'000);
    QVERIFY(attacker->request(MessageType::AuthResend, ResendRequest { email }.toJson())->ok);
    QTRY_COMPARE(mailCount(m_server->mailDir(), email), 2);
    const QString beforeHerSignup = codeFromMailDir(m_server->mailDir(), email);

    // The victim signs up (within the resend interval: no mail for her sign-up) ...
    QVERIFY(m_client->request(MessageType::AuthSignup, signupData(email))->ok);
    // ... so the code in her mailbox, asked for by the attacker before, confirms nothing now.
    QCOMPARE(errorCode(verify(email, beforeHerSignup)), u"otp_invalid"_s);

    // The attacker's next resend mails a code for the latest credentials: hers. She enters it,
    // even on another device than the one she signed up on.
    clock.advance(61'000);
    QVERIFY(attacker->request(MessageType::AuthResend, ResendRequest { email }.toJson())->ok);
    const QString code = waitForCode(email, beforeHerSignup);
    QVERIFY(!code.isEmpty());
    auto otherDevice = m_server->client();
    QVERIFY(
        otherDevice->request(MessageType::AuthVerify, VerifyRequest { email, code }.toJson())->ok);

    verifyAccountIsTheOwners(email, *attacker);
}

void tst_Auth::laterSignupEndsEarlierCodesButNotTheSignerUp()
{
    // The owner signs up first; a stranger signs up for the same pending address afterwards.
    const QString email = u"first@example.org"_s;
    auto &clock = m_server->server->clock();
    QVERIFY(m_client->request(MessageType::AuthSignup, signupData(email))->ok);
    const QString first = waitForCode(email);
    QVERIFY(!first.isEmpty());
    auto stranger = m_server->client();
    QVERIFY(stranger
                ->request(MessageType::AuthSignup,
                    signupData(email, u"attacker chosen pass"_s, u"Mallory"_s))
                ->ok);
    // Every earlier code is dead ...
    QCOMPARE(errorCode(verify(email, first)), u"otp_invalid"_s);
    // ... and the next code, asked for by the stranger, goes to the owner's mailbox. Entered on
    // the socket she signed up on, it confirms her own sign-up: whoever proves the mailbox sets
    // the password and the name.
    clock.advance(61'000);
    QVERIFY(stranger->request(MessageType::AuthResend, ResendRequest { email }.toJson())->ok);
    const QString code = waitForCode(email, first);
    QVERIFY(!code.isEmpty());
    QVERIFY(verify(email, code)->ok);
    verifyAccountIsTheOwners(email, *stranger);
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

void tst_Auth::parallelWrongLoginsAreChargedBeforeHashing()
{
    auto config = testConfig(m_dir->filePath(u"parallel"_s));
    config.auth.limits.loginFailuresPerAccount = { 3, 600'000 };
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));
    const TestPlayer target = signUpPlayer(server, u"Target"_s);
    QVERIFY(target.userId > 0);

    // Eight guesses at once, each on its own socket: only the limit's three are hashed.
    std::vector<std::unique_ptr<TestClient>> guessers;
    QList<qint64> ids;
    for (int i = 0; i < 8; ++i) {
        guessers.push_back(server.client());
        QVERIFY(guessers.back());
    }
    for (int i = 0; i < 8; ++i)
        ids << guessers[i]->send(MessageType::AuthLogin,
            loginData(target.email, u"guess number %1"_s.arg(i), u"guesser-%1"_s.arg(i)));
    QMap<QString, int> answers;
    for (int i = 0; i < 8; ++i)
        ++answers[errorCode(guessers[i]->waitReply(ids[i]))];
    QCOMPARE(answers.value(u"bad_credentials"_s), 3);
    QCOMPARE(answers.value(u"rate_limited"_s), 5);
}

namespace {

/// A socket that a trusted proxy (127.0.0.1) says comes from @p address.
std::unique_ptr<TestClient> clientFrom(RunningServer &server, const QByteArray &address)
{
    auto client = std::make_unique<TestClient>(server.wsUrl());
    client->setHandshakeHeader("X-Forwarded-For", address);
    return client->open() ? std::move(client) : nullptr;
}

server::ServerConfig behindProxy(const QString &dir)
{
    auto config = testConfig(dir);
    config.trustedProxies = { { QHostAddress(QHostAddress::LocalHost), 32 } };
    return config;
}

} // namespace

void tst_Auth::failuresFromElsewhereDoNotLockTheOwnersDeviceOut()
{
    auto config = behindProxy(m_dir->filePath(u"lockout"_s));
    const qint64 day = 24LL * 3600'000;
    config.auth.limits.loginFailuresPerAccount = { 3, 10 * day };
    config.auth.trustedDeviceDays = 1;
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));
    auto &clock = server.server->clock();
    clock.setManual(true);
    const TestPlayer owner = signUpPlayer(server, u"Owner"_s);
    QVERIFY(owner.userId > 0);
    auto phone = clientFrom(server, "198.51.100.7");
    QVERIFY(phone);
    QVERIFY(
        phone->request(MessageType::AuthLogin, loginData(owner.email, kPassword, u"owner-phone"_s))
            ->ok);

    // Someone elsewhere guesses until the account's limit holds.
    auto attacker = clientFrom(server, "203.0.113.5");
    QVERIFY(attacker);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(errorCode(attacker->request(MessageType::AuthLogin,
                     loginData(owner.email, u"guess %1"_s.arg(i), u"evil-pc"_s))),
            u"bad_credentials"_s);
    QCOMPARE(errorCode(attacker->request(
                 MessageType::AuthLogin, loginData(owner.email, u"guess 4"_s, u"evil-pc"_s))),
        u"rate_limited"_s);

    // The owner's phone, which held a session lately, still may try: a typo is only a typo.
    auto again = clientFrom(server, "198.51.100.7");
    QCOMPARE(errorCode(again->request(
                 MessageType::AuthLogin, loginData(owner.email, u"typo"_s, u"owner-phone"_s))),
        u"bad_credentials"_s);
    const auto back = again->request(
        MessageType::AuthLogin, loginData(owner.email, kPassword, u"owner-phone"_s));
    QVERIFY2(back && back->ok, qPrintable(errorCode(back)));
    // A device the account never used is held by the account's limit, from any address.
    auto library = clientFrom(server, "198.51.100.7");
    QCOMPARE(errorCode(library->request(
                 MessageType::AuthLogin, loginData(owner.email, kPassword, u"library-pc"_s))),
        u"rate_limited"_s);
    // And so is the phone once its last session is older than trusted-device-days.
    clock.advance(2 * day);
    QCOMPARE(errorCode(library->request(
                 MessageType::AuthLogin, loginData(owner.email, kPassword, u"owner-phone"_s))),
        u"rate_limited"_s);
}

void tst_Auth::failedLoginsAreLimitedPerAccountAndAddress()
{
    auto config = behindProxy(m_dir->filePath(u"pair"_s));
    config.auth.limits.loginFailuresPerAccountAddress = { 2, 600'000 };
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));
    server.server->clock().setManual(true);
    const TestPlayer owner = signUpPlayer(server, u"Owner"_s);
    QVERIFY(owner.userId > 0);
    auto attacker = clientFrom(server, "203.0.113.5");
    for (int i = 0; i < 2; ++i)
        QCOMPARE(errorCode(attacker->request(
                     MessageType::AuthLogin, loginData(owner.email, u"guess %1"_s.arg(i)))),
            u"bad_credentials"_s);
    QCOMPARE(
        errorCode(attacker->request(MessageType::AuthLogin, loginData(owner.email, u"guess 3"_s))),
        u"rate_limited"_s);
    // From another address, even on a new device, the account still answers.
    auto owners = clientFrom(server, "198.51.100.7");
    QCOMPARE(errorCode(owners->request(
                 MessageType::AuthLogin, loginData(owner.email, u"typo"_s, u"new-laptop"_s))),
        u"bad_credentials"_s);
    QVERIFY(
        owners->request(MessageType::AuthLogin, loginData(owner.email, kPassword, u"new-laptop"_s))
            ->ok);
}

void tst_Auth::passwordHashingQueueIsBounded()
{
    auto config = testConfig(m_dir->filePath(u"hashing"_s));
    QVERIFY(!server::applyServerOption(config, u"hash-queue"_s, u"2"_s));
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));
    auto &hasher = server.server->hasher();
    hasher.setPaused(true);

    auto first = server.client();
    const qint64 login = first->send(
        MessageType::AuthLogin, loginData(u"someone@example.org"_s, u"some pass phrase"_s));
    QTRY_COMPARE(hasher.queued(), 1);
    auto second = server.client();
    const qint64 signup
        = second->send(MessageType::AuthSignup, signupData(u"waiting@example.org"_s));
    QTRY_COMPARE(hasher.queued(), 2);

    // Past the bound a request is refused at once instead of waiting, and changes nothing.
    auto third = server.client();
    const auto refusedLogin = third->request(MessageType::AuthLogin, loginData(u"x@example.org"_s));
    QCOMPARE(errorCode(refusedLogin), u"rate_limited"_s);
    QVERIFY(refusedLogin->error.retryAfterMs > 0);
    QCOMPARE(errorCode(third->request(MessageType::AuthSignup, signupData(u"late@example.org"_s))),
        u"rate_limited"_s);
    QCOMPARE(hasher.queued(), 2);
    const auto stored = server.server->store().runAndWait(
        [](server::Store &store) { return store.userByEmail(u"late@example.org"_s); });
    QVERIFY(stored.ok() && !stored.value->has_value());

    hasher.setPaused(false);
    QCOMPARE(errorCode(first->waitReply(login)), u"bad_credentials"_s);
    QCOMPARE(errorCode(second->waitReply(signup)), u"<ok>"_s);
    QCOMPARE(errorCode(third->request(MessageType::AuthSignup, signupData(u"late@example.org"_s))),
        u"<ok>"_s);
}

void tst_Auth::mailQueueIsBounded()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(&error), qPrintable(error));
    auto config = smtpConfig(m_dir->filePath(u"mailqueue"_s), sink);
    QVERIFY(!server::applyServerOption(config, u"mail-queue"_s, u"2"_s));
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));
    auto &clock = server.server->clock();
    auto &mailer = server.server->mailer();
    auto client = server.client();

    // The SMTP server stalls: two mails stay in flight.
    sink.setStopped(true);
    QVERIFY(client->request(MessageType::AuthSignup, signupData(u"one@example.org"_s))->ok);
    QVERIFY(client->request(MessageType::AuthSignup, signupData(u"two@example.org"_s))->ok);
    QCOMPARE(mailer.queued(), 2);
    const auto refused
        = client->request(MessageType::AuthSignup, signupData(u"three@example.org"_s));
    QCOMPARE(errorCode(refused), u"rate_limited"_s);
    QVERIFY(refused->error.retryAfterMs > 0);
    clock.advance(61'000);
    QCOMPARE(errorCode(client->request(
                 MessageType::AuthResend, ResendRequest { u"one@example.org"_s }.toJson())),
        u"rate_limited"_s);
    QCOMPARE(mailer.queued(), 2);

    // Once the server answers, the queued mail arrives and new requests go through.
    sink.setStopped(false);
    QTRY_COMPARE_WITH_TIMEOUT(mailer.queued(), 0, 20000);
    QVERIFY(!codeFromMailDir(sink.mailDir(), u"one@example.org"_s).isEmpty());
    QVERIFY(!codeFromMailDir(sink.mailDir(), u"two@example.org"_s).isEmpty());
    QVERIFY(client->request(MessageType::AuthSignup, signupData(u"three@example.org"_s))->ok);
    QTRY_VERIFY_WITH_TIMEOUT(
        !codeFromMailDir(sink.mailDir(), u"three@example.org"_s).isEmpty(), 10000);
}

void tst_Auth::pendingSignupsAreForgottenAfterTheirTime_data()
{
    QTest::addColumn<QString>("setting"); // pending-account-days; empty: the default
    QTest::addColumn<int>("days");
    QTest::addRow("default, 7 days") << QString() << 7;
    QTest::addRow("pending-account-days=2") << u"2"_s << 2;
}

void tst_Auth::pendingSignupsAreForgottenAfterTheirTime()
{
    QFETCH(QString, setting);
    QFETCH(int, days);
    auto config = testConfig(m_dir->filePath(u"purge"_s));
    if (!setting.isEmpty())
        QVERIFY(!server::applyServerOption(config, u"pending-account-days"_s, setting));
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));
    auto &clock = server.server->clock();
    clock.setManual(true);
    const TestPlayer owner = signUpPlayer(server, u"Owner"_s);
    QVERIFY(owner.userId > 0);
    auto client = server.client();
    const QString fresh = u"never@example.org"_s;
    const QString tried = u"pending pass phrase"_s;
    clock.advance(61'000);
    QVERIFY(client->request(MessageType::AuthSignup, signupData(fresh, tried))->ok);
    QVERIFY(client->request(MessageType::AuthSignup, signupData(owner.email, tried))->ok);
    auto purge = [&] {
        int purged = -2;
        server.server->auth().purgePendingSignups([&](int n) { purged = n; });
        return QTest::qWaitFor([&] { return purged != -2; }, 5000) ? purged : -2;
    };
    auto answer = [&](const QString &email, const QString &password) {
        return errorCode(
            client->request(MessageType::AuthLogin, loginData(email, password, u"prober"_s)));
    };

    const qint64 day = 24LL * 3600'000;
    clock.advance(days * day - 60'000);
    QCOMPARE(purge(), 0);
    QCOMPARE(answer(fresh, tried), u"not_verified"_s);
    QCOMPARE(answer(owner.email, tried), u"not_verified"_s);

    clock.advance(2 * 60'000);
    QCOMPARE(purge(), 1); // the account that never verified
    QCOMPARE(answer(fresh, tried), u"bad_credentials"_s);
    QCOMPARE(answer(owner.email, tried), u"bad_credentials"_s);
    QCOMPARE(answer(owner.email, kPassword), u"<ok>"_s);
    // The address is free for a new sign-up.
    QVERIFY(client->request(MessageType::AuthSignup, signupData(fresh))->ok);
    QTRY_COMPARE(mailCount(server.mailDir(), fresh), 2);
    const QString code = codeFromMailDir(server.mailDir(), fresh);
    QVERIFY(client->request(MessageType::AuthVerify, VerifyRequest { fresh, code }.toJson())->ok);
    QCOMPARE(answer(fresh, kPassword), u"<ok>"_s);
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
