// Measures what one login costs: Argon2id alone, and a full auth.login round trip over a real
// WebSocket against an in-process server; also how fast the event loop answers other requests
// while logins are hashing. Prints figures; asserts nothing about speed.
#include "core/crypto.h"
#include "messages.h"
#include "app/server.h"
#include "testclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;

namespace {

struct Stats
{
    double p50 = 0, p95 = 0, max = 0, mean = 0;
};

Stats stats(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    Stats s;
    if (ms.isEmpty())
        return s;
    auto at = [&](double q) {
        return ms[std::min<qsizetype>(ms.size() - 1, qsizetype(q * double(ms.size())))];
    };
    s.p50 = at(0.50);
    s.p95 = at(0.95);
    s.max = ms.last();
    for (double v : ms)
        s.mean += v;
    s.mean /= double(ms.size());
    return s;
}

void print(const char *what, const Stats &s, int n)
{
    std::printf("%-44s n=%-4d p50=%7.1f ms  p95=%7.1f ms  max=%7.1f ms  mean=%7.1f ms\n", what, n,
        s.p50, s.p95, s.max, s.mean);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Login cost benchmark (Argon2id, m=19 MiB, t=2 unless told otherwise)."_s);
    parser.addHelpOption();
    parser.addOptions({ { u"iterations"_s, u"Logins to time (default 30)."_s, u"n"_s, u"30"_s },
        { u"concurrent"_s, u"Parallel clients for the throughput run (default 8)."_s, u"n"_s,
            u"8"_s } });
    parser.process(app);
    const int iterations = std::max(2, parser.value(u"iterations"_s).toInt());
    const int concurrent = std::max(1, parser.value(u"concurrent"_s).toInt());

    if (!server::crypto::initialize())
        return 1;
    QTemporaryDir dir;
    server::ServerConfig config;
    config.listen = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = dir.path();
    config.mail.mailDir = dir.filePath(u"mail"_s);
    config.auth.limits.loginPerAddress = { 1'000'000, 1 };
    config.auth.limits.loginFailuresPerAccount = { 1'000'000, 1 };
    config.auth.limits.signupPerAddress = { 1'000'000, 1 };
    config.auth.limits.verifyPerAddress = { 1'000'000, 1 };

    std::printf("Argon2id parameters: opslimit=%d memlimit=%d MiB; machine: %d cores\n",
        config.auth.hashOpsLimit, config.auth.hashMemoryMiB, QThread::idealThreadCount());

    // 1. The hash function alone, on this thread.
    server::crypto::PasswordHasher hasher(config.auth.hashOpsLimit, config.auth.hashMemoryMiB, 1);
    QList<double> hashMs, verifyMs;
    const QString password = u"correct horse battery"_s;
    QString encoded;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer t;
        t.start();
        encoded = hasher.hashNow(password);
        hashMs.append(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        if (!hasher.verifyNow(encoded, password))
            return 1;
        verifyMs.append(double(t.nsecsElapsed()) / 1e6);
    }
    print("Argon2id hash (one core)", stats(hashMs), iterations);
    print("Argon2id verify (one core)", stats(verifyMs), iterations);

    // 2. Full login round trips through a real server and socket.
    server::Server srv(config);
    QString error;
    if (!srv.start(&error)) {
        std::fprintf(stderr, "server did not start: %s\n", qPrintable(error));
        return 1;
    }
    const QUrl url(u"ws://127.0.0.1:%1/ws"_s.arg(srv.port()));
    test::TestClient client(url);
    if (!client.open())
        return 1;
    const QString email = u"bench@example.org"_s;
    client.request(MessageType::AuthSignup, SignupRequest { email, password, u"Bench"_s }.toJson());
    QString code;
    [[maybe_unused]] const bool mailed = QTest::qWaitFor(
        [&] { return !(code = test::codeFromMailDir(config.mail.mailDir, email)).isEmpty(); },
        5000);
    const auto verified
        = client.request(MessageType::AuthVerify, VerifyRequest { email, code }.toJson());
    if (!verified || !verified->ok) {
        std::fprintf(stderr, "could not verify the bench account\n");
        return 1;
    }
    QList<double> loginMs;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer t;
        t.start();
        const auto reply = client.request(
            MessageType::AuthLogin, LoginRequest { email, password, u"bench"_s, {} }.toJson());
        if (!reply || !reply->ok)
            return 1;
        loginMs.append(double(t.nsecsElapsed()) / 1e6);
    }
    print("auth.login round trip (sequential)", stats(loginMs), iterations);

    // 3. Many logins at once, while another client measures how quickly cheap requests come back.
    std::vector<std::unique_ptr<test::TestClient>> clients;
    for (int i = 0; i < concurrent; ++i) {
        clients.push_back(std::make_unique<test::TestClient>(url));
        if (!clients.back()->open())
            return 1;
    }
    test::TestClient probe(url);
    if (!probe.open())
        return 1;
    QElapsedTimer wall;
    wall.start();
    const int rounds = std::max(1, iterations / concurrent);
    int done = 0;
    QList<double> probeMs;
    for (int round = 0; round < rounds; ++round) {
        QList<qint64> ids;
        for (auto &c : clients)
            ids.append(c->send(MessageType::AuthLogin,
                LoginRequest { u"nobody%1@example.org"_s.arg(done++), password, u"bench"_s, {} }
                    .toJson()));
        // Cheap requests (answered on the event loop without hashing) while the logins hash.
        for (int p = 0; p < 5; ++p) {
            QElapsedTimer t;
            t.start();
            probe.request(MessageType::AuthLogout);
            probeMs.append(double(t.nsecsElapsed()) / 1e6);
        }
        for (size_t i = 0; i < clients.size(); ++i)
            if (!clients[i]->waitReply(ids[qsizetype(i)], 60000))
                return 1;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    std::printf("%-44s %d logins in %.2f s = %.1f logins/s\n", "concurrent auth.login throughput",
        done, seconds, double(done) / seconds);
    print("cheap request latency during login load", stats(probeMs), int(probeMs.size()));
    return 0;
}
