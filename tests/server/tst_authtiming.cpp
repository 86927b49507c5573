// Reply times of auth.* on a real server over real sockets: they must not tell a registered
// address from a free one (docs/protocol.md, "Accounts"). Timing-dependent, so CTest runs it
// under the resource lock `machine`. Robust against a loaded machine: many tries in pairs (one
// of each address, back to back, alternating which goes first), the median of the differences
// within pairs (slow changes in load cancel out), and a generous bound, a quarter of a typical
// reply, which a path that skipped one of the hashes would still exceed. The password hash is
// made cheaper than the default for speed (it still dominates a reply).
#include "messages.h"
#include "serverfixture.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

constexpr int kPairs = 61;

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

class tst_AuthTiming : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void failedLoginTakesAsLongForRegisteredAndFreeAddresses_data();
    void failedLoginTakesAsLongForRegisteredAndFreeAddresses();
    void signupTakesAsLongForRegisteredAndFreeAddresses();

private:
    /// Milliseconds until the reply to @p type with @p data on the test's socket, and its code.
    double timed(MessageType type, const QJsonObject &data, QString *code = nullptr);
    /// Checks that the median difference of the pairs (@p a[i], @p b[i]) is within a quarter
    /// of the median reply, which a path that skipped a password hash would exceed.
    void compare(const QList<double> &a, const QList<double> &b);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
    std::unique_ptr<TestClient> m_client;
    QString m_registered;
};

void tst_AuthTiming::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto config = testConfig(m_dir->path());
    // Cheaper than the default (19 MiB, 2 passes) but still far above a round trip.
    config.auth.hashMemoryMiB = 8;
    config.auth.hashOpsLimit = 1;
    const server::RateRule generous { 100'000, 1 };
    config.auth.limits.signupPerAccount = generous;
    config.auth.limits.verifyPerAccount = generous;
    config.auth.limits.loginFailuresPerAccount = generous;
    config.auth.limits.loginFailuresPerAccountAddress = generous;
    m_server = std::make_unique<RunningServer>(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    const TestPlayer owner = signUpPlayer(*m_server, u"Owner"_s);
    QVERIFY(owner.userId > 0);
    m_registered = owner.email;
    m_client = m_server->client();
    QVERIFY(m_client);
    // Warm up: the first requests open files and fill caches.
    for (int i = 0; i < 5; ++i)
        timed(MessageType::AuthLogin,
            LoginRequest { m_registered, u"warming up %1"_s.arg(i), u"probe"_s, {} }.toJson());
}

void tst_AuthTiming::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
    m_dir.reset();
}

double tst_AuthTiming::timed(MessageType type, const QJsonObject &data, QString *code)
{
    QElapsedTimer timer;
    timer.start();
    const auto reply = m_client->request(type, data);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (code)
        *code = !reply ? u"<no reply>"_s : reply->ok ? u"<ok>"_s : errorCodeName(reply->error.code);
    return ms;
}

void tst_AuthTiming::compare(const QList<double> &a, const QList<double> &b)
{
    QCOMPARE(a.size(), b.size());
    QList<double> differences;
    for (qsizetype i = 0; i < a.size(); ++i)
        differences << a[i] - b[i];
    const double difference = median(differences);
    const double typical = median(a + b);
    const double bound = std::max(1.0, typical / 4);
    qInfo("medians %.2f ms and %.2f ms, median difference in pairs %.2f ms, bound %.2f ms",
        median(a), median(b), difference, bound);
    QVERIFY2(std::abs(difference) < bound,
        qPrintable(
            u"replies differ by %1 ms in the median pair; the bound is %2 ms"_s.arg(difference)
                .arg(bound)));
}

void tst_AuthTiming::failedLoginTakesAsLongForRegisteredAndFreeAddresses_data()
{
    QTest::addColumn<bool>("pendingPassword"); // the password of a pending sign-up, else wrong
    QTest::addRow("wrong password") << false;
    QTest::addRow("password of a pending sign-up") << true;
}

void tst_AuthTiming::failedLoginTakesAsLongForRegisteredAndFreeAddresses()
{
    QFETCH(bool, pendingPassword);
    const QString free = pendingPassword ? u"pending@example.org"_s : u"nobody@example.org"_s;
    const QString tried = u"pending pass phrase"_s;
    if (pendingPassword) {
        for (const QString &email : { m_registered, free })
            QVERIFY(m_client
                        ->request(MessageType::AuthSignup,
                            SignupRequest { email, tried, u"Prober"_s }.toJson())
                        ->ok);
    }
    const QString expected = pendingPassword ? u"not_verified"_s : u"bad_credentials"_s;
    QList<double> registered;
    QList<double> unregistered;
    for (int i = 0; i < kPairs; ++i) {
        const QString password = pendingPassword ? tried : u"wrong guess %1"_s.arg(i);
        // Interleaved, so that load on the machine hits both alike.
        for (const bool known : { i % 2 == 0, i % 2 != 0 }) {
            QString code;
            const double ms = timed(MessageType::AuthLogin,
                LoginRequest { known ? m_registered : free, password, u"probe"_s, {} }.toJson(),
                &code);
            QCOMPARE(code, expected);
            (known ? registered : unregistered) << ms;
        }
    }
    compare(registered, unregistered);
}

void tst_AuthTiming::signupTakesAsLongForRegisteredAndFreeAddresses()
{
    QList<double> registered;
    QList<double> unregistered;
    for (int i = 0; i < kPairs; ++i) {
        for (const bool known : { i % 2 == 0, i % 2 != 0 }) {
            const QString email = known ? m_registered : u"new%1@example.org"_s.arg(i);
            QString code;
            const double ms = timed(MessageType::AuthSignup,
                SignupRequest { email, u"another pass phrase"_s, u"Prober"_s }.toJson(), &code);
            QCOMPARE(code, u"<ok>"_s);
            (known ? registered : unregistered) << ms;
        }
    }
    compare(registered, unregistered);
}

QTEST_GUILESS_MAIN(tst_AuthTiming)
#include "tst_authtiming.moc"
