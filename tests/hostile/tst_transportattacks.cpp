// Attacks on the transport, against the real scoreboard-server binary on loopback: oversized and
// endless requests, slow requests, idle and flooding sockets, connection floods, descriptor
// exhaustion, a WebSocket that never reads. Each asserts that the attacker's socket is closed,
// the server's memory stays bounded, and an honest visitor is served throughout.
#include "hostile.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard::hostile;

namespace {

/// Memory the server may gain from one attack (the attacks below would take hundreds of MiB).
constexpr qint64 kRssHeadroomKiB = 48 * 1024;

/// An honest visitor: the page's board over HTTP and a WebSocket viewer both get answers.
bool honestVisitorServed(quint16 port)
{
    if (httpGet(port, "/api/v1/leaderboard") != 200)
        return false;
    RawConnection viewer(port);
    if (!wsHandshake(viewer)
        || !viewer.write(wsFrame(R"({"id":1,"type":"leaderboard.subscribe","data":{}})")))
        return false;
    return viewer.readUntil("\"ok\":true", 10000).contains("\"ok\":true");
}

/// Writes @p chunk again and again, as an attacker streams (up to 300 MiB), until the server stops
/// taking it; returns how much it took.
qint64 streamUntilRefused(RawConnection &attacker, const QByteArray &chunk)
{
    qint64 sent = 0;
    while (sent < 300LL * 1024 * 1024 && attacker.write(chunk, 3000))
        sent += chunk.size();
    return sent;
}

/// After an attack: the server's memory grew by less than the headroom, and an honest visitor is
/// served.
bool survived(const ServerProcess &server, qint64 rssBeforeKiB)
{
    const qint64 grown = server.rssKiB() - rssBeforeKiB;
    if (grown >= kRssHeadroomKiB) {
        qWarning("the server grew by %lld KiB", static_cast<long long>(grown));
        return false;
    }
    return server.running() && honestVisitorServed(server.port());
}

/// The value of `scoreboard_connections_refused_total{reason="<reason>"}` in /metrics, or -1.
double refusedCount(quint16 port, const QByteArray &reason)
{
    QByteArray metrics;
    if (httpGet(port, "/metrics", &metrics) != 200)
        return -1;
    const QByteArray row = "scoreboard_connections_refused_total{reason=\"" + reason + "\"} ";
    const qsizetype at = metrics.indexOf(row);
    if (at < 0)
        return 0;
    const qsizetype end = metrics.indexOf('\n', at);
    return metrics.mid(at + row.size(), end - at - row.size()).toDouble();
}

} // namespace

class tst_TransportAttacks : public QObject
{
    Q_OBJECT
private slots:
    void oversizedBodyIsRefused_data();
    void oversizedBodyIsRefused();
    void endlessHeadAfterAKeptAliveRequestIsRefused();
    void slowHeadsAndIdleConnectionsAreDropped();
    void pipelinedRequestsAnsweredInOrderOneByteAtATime();
    void pipelineFloodWithoutReadingIsBounded();
    void connectionCapsRefuseAtOnce();
    void descriptorExhaustionRecovers();
    void webSocketThatNeverReadsIsDropped();
    void metricsOnlyForAllowedAddresses();
};

void tst_TransportAttacks::oversizedBodyIsRefused_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("chunk");
    QTest::newRow("Content-Length: 99999999999")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n")
        << QByteArray(1024 * 1024, 'A');
    QTest::newRow("endless chunks")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        << "10000\r\n" + QByteArray(0x10000, 'B') + "\r\n";
}

void tst_TransportAttacks::oversizedBodyIsRefused()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, chunk);
    ServerProcess server;
    QVERIFY(server.start(""));
    const qint64 before = server.rssKiB();
    RawConnection attacker(server.port());
    QVERIFY(attacker.write(head));
    const qint64 sent = streamUntilRefused(attacker, chunk);
    QVERIFY2(sent < 32LL * 1024 * 1024,
        qPrintable(u"the server took %1 MiB of an oversized body"_s.arg(sent >> 20)));
    QVERIFY(attacker.waitClosed(10000));
    QVERIFY(survived(server, before));

    // The status reaches a client that stops after one piece.
    RawConnection polite(server.port());
    QVERIFY(polite.write(head + chunk.first(20000)));
    QVERIFY(polite.readUntil("\r\n\r\n", 10000).startsWith("HTTP/1.1 413 "));
    QVERIFY(polite.waitClosed(10000));
}

void tst_TransportAttacks::endlessHeadAfterAKeptAliveRequestIsRefused()
{
    ServerProcess server;
    QVERIFY(server.start("max-head-bytes=8192\n"));
    const qint64 before = server.rssKiB();
    RawConnection attacker(server.port());
    QVERIFY(attacker.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    QVERIFY(attacker.readUntil("ok\n", 10000).startsWith("HTTP/1.1 200 "));
    // The second request's head never ends.
    QVERIFY(attacker.write("GET / HTTP/1.1\r\nHost: x\r\n"));
    const QByteArray line = "X-Filler: " + QByteArray(1000, 'f') + "\r\n";
    QCOMPARE_LT(streamUntilRefused(attacker, line.repeated(64)), 32LL * 1024 * 1024);
    QVERIFY(attacker.waitClosed(10000));
    QVERIFY(survived(server, before));

    // The status reaches a client that stops at once.
    RawConnection polite(server.port());
    QVERIFY(polite.write("GET / HTTP/1.1\r\nHost: x\r\n" + line.repeated(9)));
    QVERIFY(polite.readUntil("\r\n\r\n", 10000).startsWith("HTTP/1.1 431 "));
}

void tst_TransportAttacks::slowHeadsAndIdleConnectionsAreDropped()
{
    ServerProcess server;
    QVERIFY(server.start("head-timeout-ms=300\nbody-timeout-ms=300\nidle-timeout-ms=300\n"));
    // Connects and says nothing.
    RawConnection silent(server.port());
    // A head dribbled a byte at a time, never finished (each byte well within any read timeout).
    RawConnection dribbler(server.port());
    QVERIFY(dribbler.write("GET / HTTP/1.1\r\n"));
    // A body that stops half way.
    RawConnection stalledBody(server.port());
    QVERIFY(stalledBody.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123"));
    // A kept-alive connection that goes quiet after one request.
    RawConnection idle(server.port());
    QVERIFY(idle.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    QVERIFY(idle.readUntil("ok\n", 10000).startsWith("HTTP/1.1 200 "));

    QElapsedTimer elapsed;
    elapsed.start();
    while (!dribbler.closedByPeer() && elapsed.elapsed() < 20000) {
        dribbler.write("X", 1000);
        dribbler.read(50);
    }
    QVERIFY(dribbler.closedByPeer());
    QVERIFY(silent.waitClosed(20000));
    QVERIFY(stalledBody.waitClosed(20000));
    QVERIFY(idle.waitClosed(20000));
    QVERIFY(honestVisitorServed(server.port()));
}

void tst_TransportAttacks::pipelinedRequestsAnsweredInOrderOneByteAtATime()
{
    ServerProcess server;
    QVERIFY(server.start(""));
    RawConnection client(server.port());
    const QByteArray requests = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: "
        + QByteArray(4000, 'p')
        + "\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
          "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
          "GET /healthz HTTP/1.0\r\n\r\n";
    for (const char byte : requests)
        QVERIFY(client.write(QByteArray(1, byte)));
    QByteArray answers;
    QElapsedTimer elapsed;
    elapsed.start();
    while (!client.closedByPeer() && elapsed.elapsed() < 10000)
        answers += client.read(100);
    const QList<QByteArray> statuses { "HTTP/1.1 200 ", "HTTP/1.1 404 ", "HTTP/1.1 200 ",
        "HTTP/1.1 200 " };
    qsizetype at = 0;
    for (const auto &status : statuses) {
        const qsizetype found = answers.indexOf(status, at);
        QVERIFY2(found >= at, answers.constData());
        at = found + status.size();
    }
    QCOMPARE(answers.count("HTTP/1.1 "), 4);
    QCOMPARE(answers.count("ok\n"), 2); // HEAD has no body
    QVERIFY(answers.endsWith("Connection: close\r\n\r\nok\n")); // HTTP/1.0 closes
}

void tst_TransportAttacks::pipelineFloodWithoutReadingIsBounded()
{
    ServerProcess server;
    QVERIFY(server.start("max-unsent-bytes=65536\nunsent-grace-ms=500\n"));
    const qint64 before = server.rssKiB();
    RawConnection attacker(server.port(), 4096);
    const QByteArray requests = QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n").repeated(1000);
    qint64 sent = 0;
    while (sent < 100LL * 1024 * 1024 && attacker.write(requests, 3000))
        sent += requests.size();
    // The server stops reading, so the attacker's writes stall; then it drops the socket.
    QVERIFY(attacker.waitClosed(20000) || !attacker.write("GET / HTTP/1.1\r\n\r\n", 3000));
    QCOMPARE_LT(sent, 32LL * 1024 * 1024);
    QVERIFY(survived(server, before));
}

void tst_TransportAttacks::connectionCapsRefuseAtOnce()
{
    ServerProcess server;
    QVERIFY(server.start("max-connections-per-address=6\n"));
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 6; ++i) {
        held.push_back(std::make_unique<RawConnection>(server.port()));
        QVERIFY(held.back()->connected());
    }
    // Make sure the server has accepted all six before the seventh knocks.
    QVERIFY(held.back()->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    QVERIFY(held.back()->readUntil("ok\n", 10000).contains("200"));
    RawConnection refused(server.port());
    QVERIFY(refused.waitClosed(5000));
    held.pop_back();
    QTRY_VERIFY_WITH_TIMEOUT(refusedCount(server.port(), "per_address") >= 1, 10000);
    QCOMPARE(refusedCount(server.port(), "total"), 0);
    held.clear();
    // Closed connections, WebSockets included, give their place back.
    for (int i = 0; i < 20; ++i) {
        RawConnection viewer(server.port());
        QVERIFY2(wsHandshake(viewer), qPrintable(u"viewer %1 refused"_s.arg(i)));
        QVERIFY(viewer.write(wsFrame(R"({"id":1,"type":"leaderboard.subscribe","data":{}})")));
        QVERIFY(viewer.readUntil("\"ok\":true", 10000).contains("\"ok\":true"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(honestVisitorServed(server.port()), 10000);

    ServerProcess small;
    QVERIFY(small.start("max-connections=3\nmax-connections-per-address=0\n"));
    for (int i = 0; i < 3; ++i)
        held.push_back(std::make_unique<RawConnection>(small.port()));
    QVERIFY(held.back()->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    QVERIFY(held.back()->readUntil("ok\n", 10000).contains("200"));
    RawConnection overTotal(small.port());
    QVERIFY(overTotal.waitClosed(5000));
    held.clear();
    QTRY_VERIFY_WITH_TIMEOUT(refusedCount(small.port(), "total") >= 1, 10000);
}

void tst_TransportAttacks::descriptorExhaustionRecovers()
{
    ServerProcess server;
    QVERIFY(server.start("max-connections-per-address=0\n", {}, 64));
    std::vector<std::unique_ptr<RawConnection>> flood;
    for (int i = 0; i < 120; ++i)
        flood.push_back(std::make_unique<RawConnection>(server.port()));
    // The server cannot take them all. It lets the ones it cannot take go (they are not left
    // hanging), and does not stop accepting for good.
    int letGo = 0;
    for (auto &connection : flood)
        letGo += connection->waitClosed(100) ? 1 : 0;
    QCOMPARE_GE(letGo, 1);
    const double cpuBefore = server.cpuSeconds();
    QTest::qWait(1000);
    // Out of descriptors, it waits rather than retrying accept(2) in a loop.
    QCOMPARE_LT(server.cpuSeconds() - cpuBefore, 0.5);
    flood.clear();
    QVERIFY(server.running());
    QTRY_COMPARE_WITH_TIMEOUT(httpGet(server.port(), "/healthz"), 200, 15000);
    QVERIFY(honestVisitorServed(server.port()));
    QCOMPARE_GE(refusedCount(server.port(), "no_fd"), 1);
}

void tst_TransportAttacks::webSocketThatNeverReadsIsDropped()
{
    ServerProcess server;
    QVERIFY(server.start(
        "max-unsent-bytes=16384\nunsent-grace-ms=1000\nauth-timeout-ms=600000\n"));
    const qint64 before = server.rssKiB();
    RawConnection attacker(server.port(), 4096);
    QVERIFY(wsHandshake(attacker));
    // Requests whose answers pile up: it sends and never reads, at a pace the server could serve.
    qint64 id = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    bool open = true;
    while (open && elapsed.elapsed() < 60000) {
        QByteArray batch;
        for (int i = 0; i < 4; ++i)
            batch += wsFrame(R"({"id":)" + QByteArray::number(++id)
                + R"(,"type":"leaderboard.subscribe","data":{"limit":100}})");
        open = attacker.write(batch, 2000);
        QTest::qWait(2);
    }
    QVERIFY2(!open, "the server kept a socket that reads nothing");
    QVERIFY(attacker.waitClosed(15000));
    QVERIFY(survived(server, before));
}

void tst_TransportAttacks::metricsOnlyForAllowedAddresses()
{
    ServerProcess server;
    QVERIFY(server.start("trusted-proxies=127.0.0.1\n"));
    QCOMPARE(httpGet(server.port(), "/metrics"), 200); // loopback by default
    QCOMPARE(httpGet(server.port(), "/metrics", nullptr, "X-Forwarded-For: 203.0.113.9\r\n"), 403);
    // Two header lines are one list: the client is the right-most untrusted entry of both.
    QCOMPARE(httpGet(server.port(), "/metrics", nullptr,
                 "X-Forwarded-For: 127.0.0.1\r\nX-Forwarded-For: 203.0.113.9\r\n"),
        403);
    QCOMPARE(httpGet(server.port(), "/metrics", nullptr,
                 "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-For: 127.0.0.1\r\n"),
        403);
    ServerProcess open;
    QVERIFY(open.start("trusted-proxies=127.0.0.1\nmetrics-allow=203.0.113.0/24\n"));
    QCOMPARE(httpGet(open.port(), "/metrics"), 403);
    QCOMPARE(httpGet(open.port(), "/metrics", nullptr, "X-Forwarded-For: 203.0.113.9\r\n"), 200);
}

QTEST_GUILESS_MAIN(tst_TransportAttacks)
#include "tst_transportattacks.moc"
