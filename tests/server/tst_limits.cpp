// What the server promises but nothing else checks, on a real server over real sockets: every rate
// limit (per address, per account, keyed on the forwarded address behind a trusted proxy), set
// from a config file; [cheat] thresholds from a config file; the SQLite durability settings in
// force on the store's connection; the /metrics format; the page's Content-Security-Policy.
// Time the limits measure runs on the server's manual clock.
#include "app/options.h"
#include "messages.h"
#include "serverfixture.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

/// Attempts until the first `rate_limited` (at most @p max); returns how many went through.
int allowedBeforeLimit(const std::function<std::optional<Reply>()> &attempt, int max = 10)
{
    for (int i = 0; i < max; ++i) {
        const auto reply = attempt();
        if (!reply)
            return -1;
        if (!reply->ok && reply->error.code == ErrorCode::RateLimited)
            return reply->error.retryAfterMs > 0 ? i : -1;
    }
    return max;
}

std::optional<Reply> signup(TestClient &client, const QString &email)
{
    return client.request(
        MessageType::AuthSignup, SignupRequest { email, test::kPassword, u"Someone"_s }.toJson());
}

std::optional<Reply> verify(TestClient &client, const QString &email)
{
    return client.request(MessageType::AuthVerify, VerifyRequest { email, u"000000"_s }.toJson());
}

std::optional<Reply> resend(TestClient &client, const QString &email)
{
    return client.request(MessageType::AuthResend, ResendRequest { email }.toJson());
}

std::optional<Reply> login(TestClient &client, const QString &email, const QString &password)
{
    return client.request(
        MessageType::AuthLogin, LoginRequest { email, password, u"device"_s, {} }.toJson());
}

std::pair<int, QByteArray> httpGet(const QUrl &url, QByteArray *csp = nullptr)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return { 0, {} };
    if (csp)
        *csp = reply->rawHeader("Content-Security-Policy");
    reply->deleteLater();
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll() };
}

} // namespace

class tst_Limits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyRateLimitRefusesAfterItsBurstAndRefills_data();
    void everyRateLimitRefusesAfterItsBurstAndRefills();
    void perAddressLimitsSeeTheForwardedAddressBehindATrustedProxy();
    void perAddressLimitsCountAnIpv6NetworkAsOneAddress();
    void forwardedAddressIsIgnoredFromAnUntrustedPeer();
    void cheatThresholdFromTheConfigFileFlagsSooner();
    void sqliteDurabilitySettingsAreInForce();
    void metricsAreValidPrometheusText();
    void pageHasTheContentSecurityPolicy();

private:
    /// Starts a server on testConfig() with @p ini (a config file's text) applied over it.
    bool start(const QString &ini);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
};

void tst_Limits::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void tst_Limits::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool tst_Limits::start(const QString &ini)
{
    const QString path = m_dir->filePath(u"server.conf"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(ini.toUtf8());
    file.close();
    auto config = testConfig(m_dir->filePath(u"data"_s));
    config.scoring.challengeDelayMs = 0;
    if (const auto error = server::loadConfigFile(path, config)) {
        qWarning().noquote() << *error;
        return false;
    }
    m_server = std::make_unique<RunningServer>(config);
    if (!m_server->started) {
        qWarning().noquote() << m_server->error;
        return false;
    }
    m_server->server->clock().setManual(true);
    return true;
}

void tst_Limits::everyRateLimitRefusesAfterItsBurstAndRefills_data()
{
    QTest::addColumn<QString>("key");
    // Each row lowers one limit to a burst of 2 (or an interval) in the config file.
    for (const auto &option : server::serverOptions()) {
        if (option.section() == u"limits"_s)
            QTest::addRow("%s", qPrintable(option.key)) << option.key;
    }
}

void tst_Limits::everyRateLimitRefusesAfterItsBurstAndRefills()
{
    QFETCH(QString, key);
    const QString name = key.section(u'/', 1);
    const bool interval = name == u"resend-interval-ms"_s;
    const qint64 refillMs = 60'000;
    QVERIFY(start(u"[limits]\n%1=%2\n"_s.arg(
        name, interval ? QString::number(refillMs) : u"2:%1"_s.arg(refillMs))));
    const int burst = interval ? 1 : 2;
    auto client = m_server->client();
    QVERIFY(client);
    int n = 0;
    auto fresh = [&n] { return u"user%1@example.org"_s.arg(++n); };

    std::function<std::optional<Reply>()> attempt;
    if (name == u"signup-per-address"_s) {
        attempt = [&] { return signup(*client, fresh()); };
    } else if (name == u"signup-per-account"_s) {
        attempt = [&] { return signup(*client, u"same@example.org"_s); };
    } else if (name == u"verify-per-address"_s) {
        attempt = [&] { return verify(*client, fresh()); };
    } else if (name == u"verify-per-account"_s) {
        attempt = [&] { return verify(*client, u"same@example.org"_s); };
    } else if (name == u"resend-per-address"_s) {
        attempt = [&] { return resend(*client, fresh()); };
    } else if (name == u"resend-interval-ms"_s) {
        attempt = [&] { return resend(*client, u"same@example.org"_s); };
    } else if (name == u"login-per-address"_s) {
        attempt = [&] { return login(*client, fresh(), test::kPassword); };
    } else if (name == u"login-failures-per-account"_s) {
        const TestPlayer player = signUpPlayer(*m_server, u"Target"_s);
        QVERIFY(player.userId > 0);
        attempt = [&, email = player.email] { return login(*client, email, u"wrong guess"_s); };
    } else if (name == u"login-failures-per-account-address"_s) {
        const TestPlayer player = signUpPlayer(*m_server, u"Target"_s);
        QVERIFY(player.userId > 0);
        attempt = [&, email = player.email] { return login(*client, email, u"wrong guess"_s); };
    } else if (name == u"challenges-per-user"_s) {
        TestPlayer player = signUpPlayer(*m_server, u"Greedy"_s);
        QVERIFY(player.userId > 0);
        client = std::move(player.client);
        attempt = [&] { return client->request(MessageType::ScoreChallenge); };
    } else {
        QFAIL(qPrintable(u"no scenario for "_s + key));
    }

    QCOMPARE(allowedBeforeLimit(attempt), burst);
    m_server->server->clock().advance(refillMs - 1);
    QCOMPARE(allowedBeforeLimit(attempt), 0);
    m_server->server->clock().advance(1);
    QCOMPARE(allowedBeforeLimit(attempt), 1);
}

void tst_Limits::perAddressLimitsSeeTheForwardedAddressBehindATrustedProxy()
{
    QVERIFY(start(u"trusted-proxies=127.0.0.1\n[limits]\nlogin-per-address=2:60000\n"_s));
    auto from = [&](const QByteArray &address) {
        auto client = std::make_unique<TestClient>(m_server->wsUrl());
        client->setHandshakeHeader("X-Forwarded-For", address);
        return client->open() ? std::move(client) : nullptr;
    };
    auto first = from("203.0.113.5");
    auto second = from("198.51.100.7");
    auto firstAgain = from("10.9.9.9, 203.0.113.5"); // the right-most untrusted address counts
    QVERIFY(first && second && firstAgain);
    int n = 0;
    auto attemptOn = [&](TestClient &client) {
        return [&] { return login(client, u"nobody%1@example.org"_s.arg(++n), test::kPassword); };
    };
    QCOMPARE(allowedBeforeLimit(attemptOn(*first)), 2);
    QCOMPARE(allowedBeforeLimit(attemptOn(*firstAgain)), 0);
    QCOMPARE(allowedBeforeLimit(attemptOn(*second)), 2);
}

void tst_Limits::perAddressLimitsCountAnIpv6NetworkAsOneAddress()
{
    QVERIFY(start(u"trusted-proxies=127.0.0.1\n[limits]\nsignup-per-address=2:60000\n"_s));
    auto from = [&](const QByteArray &address) {
        auto client = std::make_unique<TestClient>(m_server->wsUrl());
        client->setHandshakeHeader("X-Forwarded-For", address);
        return client->open() ? std::move(client) : nullptr;
    };
    // One host picks any address of its /64 at will: they all share one bucket.
    auto first = from("2001:db8:0:1::1");
    auto sameNetwork = from("2001:db8:0:1:ffff:ffff:ffff:fffe");
    auto otherNetwork = from("2001:db8:0:2::1");
    auto ipv4 = from("203.0.113.5");
    QVERIFY(first && sameNetwork && otherNetwork && ipv4);
    int n = 0;
    auto attemptOn = [&](TestClient &client) {
        return [&] { return signup(client, u"user%1@example.org"_s.arg(++n)); };
    };
    QCOMPARE(allowedBeforeLimit(attemptOn(*first)), 2);
    QCOMPARE(allowedBeforeLimit(attemptOn(*sameNetwork)), 0);
    QCOMPARE(allowedBeforeLimit(attemptOn(*otherNetwork)), 2);
    QCOMPARE(allowedBeforeLimit(attemptOn(*ipv4)), 2);
}

void tst_Limits::forwardedAddressIsIgnoredFromAnUntrustedPeer()
{
    QVERIFY(start(u"[limits]\nlogin-per-address=2:60000\n"_s));
    auto first = std::make_unique<TestClient>(m_server->wsUrl());
    first->setHandshakeHeader("X-Forwarded-For", "203.0.113.5");
    auto second = std::make_unique<TestClient>(m_server->wsUrl());
    second->setHandshakeHeader("X-Forwarded-For", "198.51.100.7");
    QVERIFY(first->open() && second->open());
    int n = 0;
    QCOMPARE(allowedBeforeLimit([&] {
        return login(*first, u"nobody%1@example.org"_s.arg(++n), test::kPassword);
    }),
        2);
    // Both are 127.0.0.1 to the server: the second shares the spent bucket.
    QCOMPARE(allowedBeforeLimit([&] {
        return login(*second, u"nobody%1@example.org"_s.arg(++n), test::kPassword);
    }),
        0);
}

void tst_Limits::cheatThresholdFromTheConfigFileFlagsSooner()
{
    // Three quick actions are far from the default burst (8 within 1000 ms); with
    // burst-count=3 from the config file they are a burst.
    for (const bool lowered : { false, true }) {
        m_server.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(start(lowered ? u"[cheat]\nburst-count=3\n"_s : QString()));
        QCOMPARE(m_server->server->config().cheat.burstCount, lowered ? 3 : 8);
        auto console = loggedInStaff(*m_server, u"checker@staff.example"_s, Role::Checker);
        QVERIFY(console);
        QVERIFY(console->request(MessageType::AdminFlagsSubscribe)->ok);
        TestPlayer bot = signUpPlayer(*m_server, u"Quick"_s);
        QVERIFY(bot.userId > 0);
        for (int i = 0; i < 3; ++i) {
            const auto challenge = bot.client->request(MessageType::ScoreChallenge);
            QVERIFY(challenge && challenge->ok);
            m_server->server->clock().advance(100);
            QVERIFY(bot.client
                        ->request(MessageType::ScoreAction,
                            ActionRequest { challenge->data.value(u"challengeId"_s).toString() }
                                .toJson())
                        ->ok);
        }
        const auto event = console->waitEvent(EventType::FlagNew, lowered ? 5000 : 500);
        QCOMPARE(bool(event), lowered);
        if (event) {
            const auto flag
                = std::get<Flag>(Flag::fromJson(event->data.value(u"flag"_s).toObject()));
            QCOMPARE(flag.rule, u"burst"_s);
            QCOMPARE(flag.userId, bot.userId);
        }
    }
}

void tst_Limits::sqliteDurabilitySettingsAreInForce()
{
    QVERIFY(start({}));
    // Read back on the store thread, on the connection the running server writes with.
    const auto pragmas = m_server->server->store().runAndWait([](server::Store &) {
        QStringList values;
        for (const auto &name : QSqlDatabase::connectionNames()) {
            QSqlDatabase database = QSqlDatabase::database(name, false);
            if (!database.isOpen() || database.driverName() != u"QSQLITE"_s)
                continue;
            for (const auto &pragma : { u"journal_mode"_s, u"synchronous"_s, u"foreign_keys"_s }) {
                QSqlQuery query(database);
                values.append(query.exec(u"PRAGMA "_s + pragma) && query.next()
                        ? query.value(0).toString()
                        : u"error: "_s + query.lastError().text());
            }
        }
        return values;
    });
    QVERIFY(pragmas.ok());
    // journal_mode=wal, synchronous=FULL (2), foreign_keys on (1), on the one connection.
    QCOMPARE(*pragmas.value, (QStringList { u"wal"_s, u"2"_s, u"1"_s }));
}

void tst_Limits::metricsAreValidPrometheusText()
{
    QVERIFY(start({}));
    // Something in every family: an accepted action, a refusal, a commit, a broadcast.
    auto viewer = m_server->client();
    QVERIFY(viewer->request(MessageType::LeaderboardSubscribe)->ok);
    TestPlayer player = signUpPlayer(*m_server, u"Counted"_s);
    const auto action = performAction(player);
    QVERIFY(action && action->ok);
    QCOMPARE(player.client->request(MessageType::ScoreAction, ActionRequest { u"x"_s }.toJson())
                 ->error.code,
        ErrorCode::ChallengeUnknown);
    QVERIFY(waitForBoard(*viewer, [](const Leaderboard &b) { return !b.top.isEmpty(); }));

    const auto [status, body] = httpGet(m_server->httpUrl(u"/metrics"_s));
    QCOMPARE(status, 200);
    QVERIFY(body.endsWith('\n'));
    const QRegularExpression helpLine(u"^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \\S.*$"_s);
    const QRegularExpression typeLine(
        u"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$"_s);
    const QRegularExpression sampleLine(
        u"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*)?\\})? (\\S+)$"_s);
    QHash<QString, QString> help;
    QHash<QString, QString> type;
    struct Histogram
    {
        QList<std::pair<QString, double>> buckets;
        std::optional<double> sum;
        std::optional<double> count;
    };
    QMap<QString, Histogram> histograms;
    int samples = 0;
    for (const QString &line : QString::fromUtf8(body).split(u'\n', Qt::SkipEmptyParts)) {
        if (const auto m = helpLine.match(line); m.hasMatch()) {
            QVERIFY2(!help.contains(m.captured(1)), qPrintable(line));
            help.insert(m.captured(1), line);
            continue;
        }
        if (const auto m = typeLine.match(line); m.hasMatch()) {
            QVERIFY2(help.contains(m.captured(1)), qPrintable(u"# TYPE before # HELP: "_s + line));
            type.insert(m.captured(1), m.captured(2));
            continue;
        }
        QVERIFY2(!line.startsWith(u'#'), qPrintable(line));
        const auto m = sampleLine.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(u"not a valid sample: "_s + line));
        ++samples;
        bool ok = false;
        const double value = m.captured(5) == u"+Inf"_s ? qInf() : m.captured(5).toDouble(&ok);
        QVERIFY2(ok || qIsInf(value), qPrintable(line));
        QString family = m.captured(1);
        for (const auto &suffix : { u"_bucket"_s, u"_sum"_s, u"_count"_s }) {
            const QString base = family.chopped(std::min(family.size(), suffix.size()));
            if (family.endsWith(suffix) && type.value(base) == u"histogram"_s) {
                Histogram &h = histograms[base];
                if (suffix == u"_bucket"_s) {
                    const auto le = QRegularExpression(u"le=\"([^\"]+)\""_s).match(m.captured(3));
                    QVERIFY2(le.hasMatch(), qPrintable(line));
                    h.buckets.append({ le.captured(1), value });
                } else if (suffix == u"_sum"_s) {
                    h.sum = value;
                } else {
                    h.count = value;
                }
                family = base;
            }
        }
        QVERIFY2(help.contains(family) && type.contains(family),
            qPrintable(u"no # HELP / # TYPE before "_s + line));
    }
    QVERIFY(samples > 0);
    for (const auto &expected : { u"scoreboard_broadcast_latency_seconds"_s,
             u"scoreboard_store_commit_seconds"_s, u"scoreboard_store_commit_batch_size"_s })
        QVERIFY2(histograms.contains(expected), qPrintable(expected));
    for (auto it = histograms.cbegin(); it != histograms.cend(); ++it) {
        const Histogram &h = it.value();
        QVERIFY2(!h.buckets.isEmpty() && h.sum && h.count, qPrintable(it.key()));
        QCOMPARE(h.buckets.last().first, u"+Inf"_s);
        double previousBound = -qInf();
        double previousCount = 0;
        for (const auto &[le, cumulative] : h.buckets) {
            const double bound = le == u"+Inf"_s ? qInf() : le.toDouble();
            QVERIFY2(bound > previousBound, qPrintable(it.key() + u" le="_s + le));
            QVERIFY2(cumulative >= previousCount, qPrintable(it.key() + u" le="_s + le));
            previousBound = bound;
            previousCount = cumulative;
        }
        QCOMPARE(h.buckets.last().second, *h.count);
        QVERIFY2(*h.count > 0, qPrintable(it.key()));
    }
}

void tst_Limits::pageHasTheContentSecurityPolicy()
{
    QVERIFY(start({}));
    QByteArray csp;
    const auto [status, body] = httpGet(m_server->httpUrl(u"/"_s), &csp);
    QCOMPARE(status, 200);
    QVERIFY(body.contains("<html"));
    QCOMPARE(csp,
        QByteArray("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                   "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; "
                   "base-uri 'none'"));
}

QTEST_GUILESS_MAIN(tst_Limits)
#include "tst_limits.moc"
