// Attacks on accounts, against the real scoreboard-server binary: taking over an address before
// its owner signs up, finding out which addresses have accounts, and locking an owner out with
// wrong passwords from elsewhere. Codes are read from the server's mail folder, as the owner of
// the mailbox would.
#include "hostile.h"
#include "testclient.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using scoreboard::test::codeFromMailDir;
using scoreboard::test::mailCount;
using scoreboard::test::TestClient;

namespace {

const QString kVictimPassword = u"victim's own passphrase"_s;
const QString kAttackerPassword = u"attacker's passphrase 1"_s;

/// Limits wide enough that the attacks below are not simply rate-limited away: what is tested is
/// that they fail on their merits. One code mail per address per second, as the attacker keeps
/// that interval busy.
const QByteArray kConfig = "trusted-proxies=127.0.0.1\n"
                           "[limits]\n"
                           "signup-per-address=1000:1\nsignup-per-account=1000:1\n"
                           "resend-per-address=1000:1\nresend-interval-ms=1000\n"
                           "verify-per-address=1000:1\nverify-per-account=1000:1\n"
                           "login-per-address=1000:1\n";

std::unique_ptr<TestClient> connectFrom(quint16 port, const QByteArray &address)
{
    auto client = std::make_unique<TestClient>(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port)));
    client->setHandshakeHeader("X-Forwarded-For", address);
    if (!client->open(10000))
        return nullptr;
    return client;
}

QJsonObject signup(const QString &email, const QString &password, const QString &name)
{
    return { { u"email"_s, email }, { u"password"_s, password }, { u"displayName"_s, name } };
}

QJsonObject login(const QString &email, const QString &password, const QString &device)
{
    return { { u"email"_s, email }, { u"password"_s, password }, { u"deviceId"_s, device } };
}

QString errorOf(const std::optional<Reply> &reply)
{
    if (!reply)
        return u"(no reply)"_s;
    return reply->ok ? u"(ok)"_s : errorCodeName(reply->error.code);
}

} // namespace

class tst_AccountAttacks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void signingUpFirstDoesNotTakeTheAddress();
    void repliesDoNotTellWhichAddressesHaveAccounts();
    void wrongPasswordsFromElsewhereDoNotLockTheOwnerOut();

private:
    QString mailDir() const { return m_server.dataDir() + u"/mail"_s; }
    hostile::ServerProcess m_server;
};

void tst_AccountAttacks::initTestCase()
{
    QVERIFY(m_server.start(kConfig));
}

void tst_AccountAttacks::signingUpFirstDoesNotTakeTheAddress()
{
    const QString victim = u"alice@victim.example"_s;
    auto attacker = connectFrom(m_server.port(), "203.0.113.66");
    QVERIFY(attacker);
    QVERIFY(attacker->request(MessageType::AuthSignup,
                        signup(victim, kAttackerPassword, u"Mallory"_s))
                .value_or(Reply {})
                .ok);
    for (int i = 0; i < 3; ++i) // answered pending or rate_limited: either way it keeps asking
        QVERIFY(attacker->request(MessageType::AuthResend, { { u"email"_s, victim } }));
    QTRY_VERIFY_WITH_TIMEOUT(!codeFromMailDir(mailDir(), victim).isEmpty(), 10000);
    const QString earlierCode = codeFromMailDir(mailDir(), victim);
    const int mailsBefore = mailCount(mailDir(), victim);

    // The owner of the mailbox signs up with her own password and name.
    auto alice = connectFrom(m_server.port(), "198.51.100.7");
    QVERIFY(alice);
    // Right before her: the mail interval is taken.
    QVERIFY(attacker->request(MessageType::AuthResend, { { u"email"_s, victim } }));
    const auto pending = alice->request(
        MessageType::AuthSignup, signup(victim, kVictimPassword, u"Alice"_s));
    QVERIFY(pending && pending->ok);
    QCOMPARE(pending->data.value(u"pending"_s).toBool(), true);
    // She waits for her mail, asking again now and then as the app lets her.
    QTRY_VERIFY_WITH_TIMEOUT(mailCount(mailDir(), victim) > mailsBefore
            || (alice->request(MessageType::AuthResend, { { u"email"_s, victim } }), false),
        15000);
    const QString code = codeFromMailDir(mailDir(), victim);
    QVERIFY(!code.isEmpty());
    if (code != earlierCode) { // codes sent for the attacker's sign-up no longer count
        const auto stale = alice->request(
            MessageType::AuthVerify, { { u"email"_s, victim }, { u"code"_s, earlierCode } });
        QVERIFY(stale && !stale->ok);
    }
    const auto verified
        = alice->request(MessageType::AuthVerify, { { u"email"_s, victim }, { u"code"_s, code } });
    QVERIFY2(verified && verified->ok, qPrintable(errorOf(verified)));

    // The account is hers: her password and her name; the attacker's password opens nothing.
    const auto theirs = attacker->request(
        MessageType::AuthLogin, login(victim, kAttackerPassword, u"mallory-pc"_s));
    QCOMPARE(errorOf(theirs), u"bad_credentials"_s);
    const auto hers = alice->request(
        MessageType::AuthLogin, login(victim, kVictimPassword, u"alice-pc"_s));
    QVERIFY2(hers && hers->ok, qPrintable(errorOf(hers)));
    QCOMPARE(hers->data.value(u"user"_s).toObject().value(u"displayName"_s).toString(),
        u"Alice"_s);
}

void tst_AccountAttacks::repliesDoNotTellWhichAddressesHaveAccounts()
{
    // A registered address, and a free one.
    const QString taken = u"bob@taken.example"_s;
    const QString free = u"nobody@free.example"_s;
    auto owner = connectFrom(m_server.port(), "198.51.100.8");
    QVERIFY(owner);
    QVERIFY(owner->request(MessageType::AuthSignup, signup(taken, kVictimPassword, u"Bob"_s))
                .value_or(Reply {})
                .ok);
    QTRY_VERIFY_WITH_TIMEOUT(!codeFromMailDir(mailDir(), taken).isEmpty(), 10000);
    QVERIFY(owner->request(MessageType::AuthVerify,
                     { { u"email"_s, taken }, { u"code"_s, codeFromMailDir(mailDir(), taken) } })
                .value_or(Reply {})
                .ok);
    const int ownerMails = mailCount(mailDir(), taken);
    QTest::qWait(1500); // past the one-mail-a-second interval, so the owner can be told

    // The prober tries both the same way and compares every answer.
    auto prober = connectFrom(m_server.port(), "203.0.113.77");
    QVERIFY(prober);
    const QString guess = u"a guessed passphrase 9"_s;
    QStringList answers[2];
    const QString emails[2] = { taken, free };
    for (int i = 0; i < 2; ++i) {
        const auto signedUp
            = prober->request(MessageType::AuthSignup, signup(emails[i], guess, u"Probe"_s));
        QVERIFY(signedUp);
        answers[i] << QString::fromUtf8(QJsonDocument(signedUp->data).toJson(QJsonDocument::Compact))
                   << errorOf(signedUp);
        answers[i] << errorOf(prober->request(
            MessageType::AuthLogin, login(emails[i], guess, u"probe"_s)));
        answers[i] << errorOf(prober->request(
            MessageType::AuthLogin, login(emails[i], u"yet another guess 7"_s, u"probe"_s)));
        answers[i] << errorOf(
            prober->request(MessageType::AuthResend, { { u"email"_s, emails[i] } }));
    }
    QCOMPARE(answers[0], answers[1]);
    QCOMPARE(answers[0].at(2), u"not_verified"_s);
    QCOMPARE(answers[0].at(3), u"bad_credentials"_s);

    // The owner was told by mail, and her account is untouched.
    QTRY_VERIFY_WITH_TIMEOUT(mailCount(mailDir(), taken) > ownerMails, 10000);
    const auto still
        = owner->request(MessageType::AuthLogin, login(taken, kVictimPassword, u"bob-pc"_s));
    QVERIFY2(still && still->ok, qPrintable(errorOf(still)));
}

void tst_AccountAttacks::wrongPasswordsFromElsewhereDoNotLockTheOwnerOut()
{
    const QString email = u"carol@owner.example"_s;
    auto carol = connectFrom(m_server.port(), "198.51.100.9");
    QVERIFY(carol);
    QVERIFY(carol->request(MessageType::AuthSignup, signup(email, kVictimPassword, u"Carol"_s))
                .value_or(Reply {})
                .ok);
    QTRY_VERIFY_WITH_TIMEOUT(!codeFromMailDir(mailDir(), email).isEmpty(), 10000);
    QVERIFY(carol->request(MessageType::AuthVerify,
                     { { u"email"_s, email }, { u"code"_s, codeFromMailDir(mailDir(), email) } })
                .value_or(Reply {})
                .ok);
    QVERIFY(carol->request(MessageType::AuthLogin, login(email, kVictimPassword, u"carol-pc"_s))
                .value_or(Reply {})
                .ok);
    QVERIFY(carol->request(MessageType::AuthLogout).value_or(Reply {}).ok);

    // Someone elsewhere guesses until the server stops listening to them.
    auto guesser = connectFrom(m_server.port(), "203.0.113.88");
    QVERIFY(guesser);
    QString last;
    for (int i = 0; i < 50 && last != u"rate_limited"_s; ++i)
        last = errorOf(guesser->request(MessageType::AuthLogin,
            login(email, u"guess number %1 x"_s.arg(i), u"guesser"_s)));
    QCOMPARE(last, u"rate_limited"_s);

    // Carol, on the device she used, still gets in.
    const auto back
        = carol->request(MessageType::AuthLogin, login(email, kVictimPassword, u"carol-pc"_s));
    QVERIFY2(back && back->ok, qPrintable(errorOf(back)));
}

QTEST_GUILESS_MAIN(tst_AccountAttacks)
#include "tst_accountattacks.moc"
