// Transport hardening: sizes, malformed frames, abuse, Origin, subprotocol, idle sockets, HTTP.
#include "messages.h"
#include "net/frontdoor.h"
#include "net/gateway.h"
#include "serverfixture.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

class tst_Transport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void subprotocolNegotiated();
    void malformedFrames_data();
    void malformedFrames();
    void unknownTypeNamesTheRequest();
    void binaryFrameRefused();
    void oversizeMessageCloses();
    void repeatedAbuseCloses();
    void abuseDoesNotDisturbOthers();
    void origins_data();
    void origins();
    void idleUnauthenticatedClosed();
    void keepAliveDropsSilentPeers();
    void pipelinedFirstFrameIsAnswered();
    void requestsAnsweredInOrder();
    void httpRoutes_data();
    void httpRoutes();
    void startFailures();
    void forwardedClientAddress_data();
    void forwardedClientAddress();
    void trustedProxyNamesTheClient();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
};

void tst_Transport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto config = testConfig(m_dir->path());
    config.allowedOrigins = { u"https://play.example.com"_s };
    m_server = std::make_unique<RunningServer>(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
}

void tst_Transport::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void tst_Transport::subprotocolNegotiated()
{
    auto client = m_server->client();
    QVERIFY(client);
    QCOMPARE(client->socket().subprotocol(), u"scoreboard.v1"_s);
}

void tst_Transport::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addRow("not json") << QByteArray("hello");
    QTest::addRow("truncated") << QByteArray(R"({"id": 1, "type": "auth.lo)");
    QTest::addRow("array") << QByteArray("[1,2,3]");
    QTest::addRow("no id") << QByteArray(R"({"type":"auth.logout"})");
    QTest::addRow("string id") << QByteArray(R"({"id":"1","type":"auth.logout"})");
    QTest::addRow("negative id") << QByteArray(R"({"id":-4,"type":"auth.logout"})");
    QTest::addRow("empty") << QByteArray("");
}

void tst_Transport::malformedFrames()
{
    QFETCH(QByteArray, frame);
    auto client = m_server->client();
    client->sendText(frame);
    const auto reply = client->waitAnonymousReply();
    QVERIFY(reply);
    QVERIFY(!reply->ok);
    QCOMPARE(reply->error.code, ErrorCode::BadRequest);
    QVERIFY(!reply->error.message.isEmpty());
    // The connection still works.
    QVERIFY(client->isConnected());
    QVERIFY(client->request(MessageType::AuthLogout)->ok);
}

void tst_Transport::unknownTypeNamesTheRequest()
{
    auto client = m_server->client();
    client->sendText(R"({"id": 41, "type": "score.teleport", "data": {}})");
    const auto reply = client->waitReply(41);
    QVERIFY(reply);
    QVERIFY(!reply->ok);
    QCOMPARE(reply->error.code, ErrorCode::Unsupported);

    client->sendText(R"({"id": 42, "type": "auth.login", "data": [1]})");
    const auto badData = client->waitReply(42);
    QVERIFY(badData);
    QCOMPARE(badData->error.code, ErrorCode::BadRequest);
}

void tst_Transport::binaryFrameRefused()
{
    auto client = m_server->client();
    client->sendBinary("\x01\x02\x03");
    const auto reply = client->waitAnonymousReply();
    QVERIFY(reply);
    QCOMPARE(reply->error.code, ErrorCode::BadRequest);
}

void tst_Transport::oversizeMessageCloses()
{
    auto client = m_server->client();
    const QByteArray big
        = R"({"id":1,"type":"auth.signup","data":{"email":")" + QByteArray(70 * 1024, 'a') + "\"}}";
    client->sendText(big);
    QVERIFY(client->waitClosed());
    QCOMPARE(client->closeCode(), quint16(1009));
    // Just under the limit is fine (answered, not closed).
    auto other = m_server->client();
    const QByteArray fits
        = R"({"id":1,"type":"auth.resend","data":{"email":")" + QByteArray(60 * 1024, 'a') + "\"}}";
    other->sendText(fits);
    const auto reply = other->waitReply(1);
    QVERIFY(reply);
    QCOMPARE(reply->error.code, ErrorCode::BadRequest);
    QVERIFY(other->isConnected());
}

void tst_Transport::repeatedAbuseCloses()
{
    auto client = m_server->client();
    for (int i = 0; i < 19; ++i)
        client->sendText("garbage");
    for (int i = 0; i < 19; ++i)
        QVERIFY(client->waitAnonymousReply());
    QVERIFY(client->isConnected());
    client->sendText("garbage");
    QVERIFY(client->waitClosed());
    QCOMPARE(client->closeCode(), quint16(4003));
}

void tst_Transport::abuseDoesNotDisturbOthers()
{
    auto good = m_server->client();
    auto bad = m_server->client();
    for (int i = 0; i < 25; ++i)
        bad->sendText("{{{{");
    QVERIFY(bad->waitClosed());
    const auto reply = good->request(
        MessageType::AuthResend, ResendRequest { u"someone@example.org"_s }.toJson());
    QVERIFY(reply);
    QVERIFY(reply->ok);
}

void tst_Transport::origins_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("no origin (desktop app)") << QString() << true;
    QTest::addRow("same origin") << u"http://127.0.0.1:%1"_s << true;
    QTest::addRow("allow-listed") << u"https://play.example.com"_s << true;
    QTest::addRow("foreign") << u"http://evil.example"_s << false;
    QTest::addRow("same host, other port") << u"http://127.0.0.1:1"_s << false;
    QTest::addRow("allow-listed host, other scheme") << u"http://play.example.com"_s << false;
    QTest::addRow("null") << u"null"_s << false;
}

void tst_Transport::origins()
{
    QFETCH(QString, origin);
    QFETCH(bool, accepted);
    if (origin.contains(u"%1"_s))
        origin = origin.arg(m_server->server->port());
    TestClient client(m_server->wsUrl(), origin);
    QCOMPARE(client.open(), accepted);
}

void tst_Transport::idleUnauthenticatedClosed()
{
    auto config = testConfig(m_dir->filePath(u"idle"_s));
    config.authTimeoutMs = 300;
    RunningServer fast(config);
    QVERIFY2(fast.started, qPrintable(fast.error));
    auto idle = fast.client();
    QVERIFY(idle);
    QVERIFY(idle->waitClosed(5000));
    QCOMPARE(idle->closeCode(), quint16(1008));
}

void tst_Transport::keepAliveDropsSilentPeers()
{
    // The test runs the keep-alive rounds itself (the timer's interval is longer than the test).
    auto config = testConfig(m_dir->filePath(u"ping"_s));
    config.pingIntervalMs = 3'600'000;
    RunningServer server(config);
    QVERIFY2(server.started, qPrintable(server.error));

    // A peer that completes the handshake and then never answers a ping.
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, server.server->port());
    QVERIFY(silent.waitForConnected(5000));
    silent.write(
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QTRY_VERIFY(silent.bytesAvailable() > 0 && silent.peek(64).startsWith("HTTP/1.1 101"));
    const QByteArray handshake = silent.readAll();
    const qsizetype headEnd = handshake.indexOf("\r\n\r\n") + 4;
    QByteArray received = handshake.mid(headEnd);

    // A real client answers pings (QWebSocket does so by itself) and stays.
    auto alive = server.client();
    QVERIFY(alive);
    QTRY_COMPARE(server.server->gateway().connectionCount(), 2);

    server.server->gateway().keepAlive(); // first round: both are pinged
    QTRY_VERIFY((received += silent.readAll()).startsWith(char(0x89))); // the ping frame
    QCOMPARE(silent.state(), QAbstractSocket::ConnectedState);
    // The ping went out to the client before these replies, so its pong reaches the server
    // before the second request.
    QVERIFY(alive->request(MessageType::AuthLogout)->ok);
    QVERIFY(alive->request(MessageType::AuthLogout)->ok);

    server.server->gateway().keepAlive(); // second round: the silent peer missed its pong
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(alive->isConnected());
    QVERIFY(alive->request(MessageType::AuthLogout)->ok);
    QVERIFY(alive->request(MessageType::AuthLogout)->ok);
    server.server->gateway().keepAlive(); // third round: the client answered the second
    QVERIFY(alive->request(MessageType::AuthLogout)->ok);
    QVERIFY(alive->isConnected());
}

void tst_Transport::pipelinedFirstFrameIsAnswered()
{
    // The upgrade request and a first frame in one write, without waiting for the 101.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_server->server->port());
    QVERIFY(raw.waitForConnected(5000));
    const QByteArray payload = Request { 9, MessageType::AuthLogout, {} }.encode();
    QByteArray frame;
    frame.append(char(0x81))
        .append(char(0x80 | payload.size()))
        .append("\0\0\0\0", 4)
        .append(payload);
    raw.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        + frame);
    QByteArray received;
    QTRY_VERIFY((received += raw.readAll()).contains(R"("re":9)"));
    QVERIFY(received.startsWith("HTTP/1.1 101"));
}

void tst_Transport::requestsAnsweredInOrder()
{
    auto client = m_server->client();
    QList<qint64> ids;
    for (int i = 0; i < 10; ++i)
        ids.append(client->send(
            MessageType::AuthResend, ResendRequest { u"order%1@example.org"_s.arg(i) }.toJson()));
    QList<qint64> answered;
    QObject::connect(&client->socket(), &QWebSocket::textMessageReceived, [&](const QString &text) {
        if (auto message = decodeServerMessage(text.toUtf8());
            message && std::holds_alternative<Reply>(*message))
            answered.append(*std::get<Reply>(*message).re);
    });
    QTRY_COMPARE(answered.size(), 10);
    QCOMPARE(answered, ids);
}

void tst_Transport::httpRoutes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addRow("health") << u"/healthz"_s << 200 << QByteArray("text/plain");
    QTest::addRow("page") << u"/"_s << 200 << QByteArray("text/html; charset=utf-8");
    QTest::addRow("script") << u"/app.js"_s << 200 << QByteArray("text/javascript; charset=utf-8");
    QTest::addRow("style") << u"/app.css"_s << 200 << QByteArray("text/css; charset=utf-8");
    QTest::addRow("missing") << u"/nope"_s << 404 << QByteArray("text/plain");
    QTest::addRow("ws without upgrade") << u"/ws"_s << 404 << QByteArray("text/plain");
}

void tst_Transport::httpRoutes()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(m_server->httpUrl(path)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QCOMPARE(reply->rawHeader("Content-Type"), contentType);
    QCOMPARE(reply->rawHeader("X-Content-Type-Options"), QByteArray("nosniff"));
    if (path == u"/healthz"_s)
        QCOMPARE(reply->readAll(), QByteArray("ok\n"));
    if (path == u"/"_s)
        QVERIFY(reply->rawHeader("Content-Security-Policy").contains("default-src"));
    if (status == 200 && path != u"/healthz"_s)
        QCOMPARE(reply->rawHeader("Cache-Control"), QByteArray("no-cache"));
    reply->deleteLater();
}

void tst_Transport::startFailures()
{
    // The port is taken.
    auto config = testConfig(m_dir->filePath(u"second"_s));
    config.port = m_server->server->port();
    server::Server busy(config);
    QString error;
    QVERIFY(!busy.start(&error));
    QVERIFY2(error.contains(u"cannot listen"_s), qPrintable(error));

    // The data folder is a file.
    QFile file(m_dir->filePath(u"plain-file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    server::Server broken(testConfig(file.fileName()));
    QVERIFY(!broken.start(&error));
    QVERIFY2(error.contains(u"data folder"_s), qPrintable(error));

    // The data folder is already served by another process.
    server::Server twin(testConfig(m_dir->path()));
    QVERIFY(!twin.start(&error));
    QVERIFY2(error.contains(u"in use"_s), qPrintable(error));
}

void tst_Transport::forwardedClientAddress_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("forwardedFor");
    QTest::addColumn<QString>("client");
    // Trusted: 10.0.0.0/8 and ::1.
    QTest::newRow("no proxy: header ignored")
        << u"198.51.100.9"_s << QByteArray("203.0.113.7") << u"198.51.100.9"_s;
    QTest::newRow("trusted proxy")
        << u"10.0.0.5"_s << QByteArray("203.0.113.7") << u"203.0.113.7"_s;
    QTest::newRow("right-most untrusted hop wins")
        << u"10.0.0.5"_s << QByteArray("1.2.3.4, 203.0.113.7, 10.0.0.9") << u"203.0.113.7"_s;
    QTest::newRow("spoofed left part ignored")
        << u"::1"_s << QByteArray("6.6.6.6,203.0.113.7") << u"203.0.113.7"_s;
    QTest::newRow("malformed hop stops the walk")
        << u"10.0.0.5"_s << QByteArray("203.0.113.7, garbage") << u"10.0.0.5"_s;
    QTest::newRow("no header") << u"10.0.0.5"_s << QByteArray() << u"10.0.0.5"_s;
    QTest::newRow("IPv4-mapped peer")
        << u"::ffff:10.0.0.5"_s << QByteArray("2001:db8::7") << u"2001:db8::7"_s;
}

void tst_Transport::forwardedClientAddress()
{
    QFETCH(QString, peer);
    QFETCH(QByteArray, forwardedFor);
    const server::FrontDoor::Subnets trusted { QHostAddress::parseSubnet(u"10.0.0.0/8"_s),
        QHostAddress::parseSubnet(u"::1/128"_s) };
    QTEST(server::FrontDoor::clientAddress(QHostAddress(peer), forwardedFor, trusted).toString(),
        "client");
}

void tst_Transport::trustedProxyNamesTheClient()
{
    // The ledger records the address the proxy forwarded, but only from a trusted proxy.
    const auto addressOfAction = [](RunningServer &server, const QString &name) -> QString {
        TestPlayer player = signUpPlayer(server, name);
        auto forwarded = std::make_unique<TestClient>(server.wsUrl());
        forwarded->setHandshakeHeader("X-Forwarded-For", "203.0.113.7");
        if (!forwarded->open())
            return u"(no connection)"_s;
        if (!forwarded
                 ->request(MessageType::AuthLogin,
                     LoginRequest { player.email, u"correct horse battery"_s, u"dev"_s, {} }
                         .toJson())
                 ->ok)
            return u"(no login)"_s;
        player.client = std::move(forwarded);
        const auto action = performAction(player);
        if (!action || !action->ok)
            return u"(no action)"_s;
        const qint64 id = action->data.value(u"incrementId"_s).toInteger();
        const auto entry = server.server->store().runAndWait(
            [id](server::Store &store) { return store.ledgerEntry(id); });
        return entry.ok() && *entry.value ? (*entry.value)->clientAddress : u"(no entry)"_s;
    };
    QCOMPARE(addressOfAction(*m_server, u"Direct"_s), u"127.0.0.1"_s);

    auto config = testConfig(m_dir->filePath(u"proxied"_s));
    config.trustedProxies = { QHostAddress::parseSubnet(u"127.0.0.1/32"_s) };
    config.scoring.challengeDelayMs = 0;
    RunningServer proxied(config);
    QVERIFY2(proxied.started, qPrintable(proxied.error));
    QCOMPARE(addressOfAction(proxied, u"Proxied"_s), u"203.0.113.7"_s);
}

QTEST_GUILESS_MAIN(tst_Transport)
#include "tst_transport.moc"
