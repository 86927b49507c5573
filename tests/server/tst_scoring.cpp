// Scoring and the live board end to end: real server, real sockets, real SQLite.
#include "messages.h"
#include "scoring/scoreservice.h"
#include "serverfixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

/// A viewer on a raw socket with a tiny receive buffer that reads only when told to: the
/// server sees it as a slow consumer.
class RawViewer
{
public:
    ~RawViewer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool open(quint16 port, int limit)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int small = 2048;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            return false;
        const QByteArray handshake
            = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n";
        if (::send(m_fd, handshake.constData(), size_t(handshake.size()), 0) != handshake.size())
            return false;
        sendFrame(
            Request { 1, MessageType::LeaderboardSubscribe, SubscribeRequest { limit }.toJson() }
                .encode());
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        return true;
    }

    /// Reads what is there; returns false once the server has closed the connection.
    bool drain()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n == 0)
                return false;
            if (n < 0)
                return errno == EAGAIN || errno == EWOULDBLOCK;
            m_bytes.append(buffer, n);
        }
    }

    /// The text frames received so far (after the HTTP response).
    QByteArray raw() const { return m_bytes; }

    QList<QByteArray> frames() const
    {
        QList<QByteArray> out;
        qsizetype at = m_bytes.indexOf("\r\n\r\n");
        if (at < 0)
            return out;
        at += 4;
        while (at + 2 <= m_bytes.size()) {
            const auto b1 = quint8(m_bytes[at + 1]);
            qint64 length = b1 & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (at + 4 > m_bytes.size())
                    break;
                length = (quint8(m_bytes[at + 2]) << 8) | quint8(m_bytes[at + 3]);
                header = 4;
            } else if (length == 127) {
                if (at + 10 > m_bytes.size())
                    break;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | quint8(m_bytes[at + 2 + i]);
                header = 10;
            }
            if (at + header + length > m_bytes.size())
                break;
            if ((quint8(m_bytes[at]) & 0x0f) == 0x1)
                out.append(m_bytes.mid(at + header, length));
            at += header + length;
        }
        return out;
    }

private:
    void sendFrame(const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81));
        frame.append(char(0x80 | payload.size())); // payloads here are < 126 bytes
        const char mask[4] = { 1, 2, 3, 4 };
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload[i] ^ mask[i % 4]));
        [[maybe_unused]] const auto sent = ::send(m_fd, frame.constData(), size_t(frame.size()), 0);
    }

    int m_fd = -1;
    QByteArray m_bytes;
};

std::optional<Leaderboard> board(const std::optional<Event> &event)
{
    if (!event)
        return std::nullopt;
    auto parsed = Leaderboard::fromJson(event->data);
    if (!std::holds_alternative<Leaderboard>(parsed))
        return std::nullopt;
    return std::get<Leaderboard>(parsed);
}

} // namespace

class tst_Scoring : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void viewerSeesIncrement();
    void replayRefused();
    void earlyRedemptionRefused();
    void forgedAndForeignChallengesRefused();
    void expiredChallengeRefused();
    void needsLogin();
    void challengeRateLimited();
    void rankTiesGoToWhoeverReachedFirst();
    void unchangedBoardIsNotResent();
    void slowViewerIsDroppedWithoutDelayingOthers();
    void lateViewerGetsNewestBoard();
    void restartRebuildsSameBoard();
    void tamperedTotalsAreRebuiltFromLedger();
    void httpLeaderboardAndMetrics();

private:
    using Player = TestPlayer;
    Player player(const QString &name);
    /// Requests a challenge, waits until it is redeemable, redeems it; returns the reply.
    std::optional<Reply> act(Player &p);
    void restart(server::ServerConfig config);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
};

namespace {

server::ServerConfig scoringConfig(const QString &dir)
{
    auto config = testConfig(dir);
    config.scoring.challengeDelayMs = 20;
    config.scoring.challengeTtlMs = 5000;
    config.scoring.tickMs = 20;
    return config;
}

} // namespace

void tst_Scoring::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<RunningServer>(scoringConfig(m_dir->path()));
    QVERIFY2(m_server->started, qPrintable(m_server->error));
}

void tst_Scoring::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void tst_Scoring::restart(server::ServerConfig config)
{
    m_server.reset();
    m_server = std::make_unique<RunningServer>(std::move(config));
}

tst_Scoring::Player tst_Scoring::player(const QString &name)
{
    return signUpPlayer(*m_server, name);
}

std::optional<Reply> tst_Scoring::act(Player &p)
{
    return performAction(p);
}

void tst_Scoring::viewerSeesIncrement()
{
    auto viewer = m_server->client(); // anonymous: no login needed to watch
    const auto subscribed
        = viewer->request(MessageType::LeaderboardSubscribe, SubscribeRequest { 10 }.toJson());
    QVERIFY(subscribed && subscribed->ok);
    const auto initial = std::get<Leaderboard>(Leaderboard::fromJson(subscribed->data));
    QVERIFY(initial.top.isEmpty());

    Player ada = player(u"Ada"_s);
    QVERIFY(ada.userId > 0);
    const auto reply = act(ada);
    QVERIFY(reply);
    QVERIFY2(reply->ok, qPrintable(reply->error.message));
    const auto action = std::get<ActionReply>(ActionReply::fromJson(reply->data));
    QCOMPARE(action.delta, 10);
    QCOMPARE(action.score, 10);
    QCOMPARE(action.rank, 1);
    QVERIFY(action.incrementId > 0);

    const auto update = board(viewer->waitEvent(EventType::Leaderboard));
    QVERIFY(update);
    QVERIFY(update->version > initial.version);
    QCOMPARE(update->top.size(), 1);
    QCOMPARE(update->top[0], (BoardEntry { 1, ada.userId, u"Ada"_s, 10 }));

    const auto me = ada.client->request(MessageType::LeaderboardMe);
    QVERIFY(me && me->ok);
    QCOMPARE(std::get<MeReply>(MeReply::fromJson(me->data)), (MeReply { 1, 10 }));
    // The viewer stays connected past the authentication timeout: subscribing counts.
    QVERIFY(viewer->isConnected());
}

void tst_Scoring::replayRefused()
{
    Player p = player(u"Replayer"_s);
    const auto challenge = p.client->request(MessageType::ScoreChallenge);
    QVERIFY(challenge && challenge->ok);
    const QString id = challenge->data.value(u"challengeId"_s).toString();
    m_server->server->clock().advance(30); // past the 20 ms delay
    // Whatever a client claims, the server decides the delta.
    QJsonObject greedy = ActionRequest { id }.toJson();
    greedy.insert(u"delta"_s, 1000);
    greedy.insert(u"score"_s, 5000);
    const auto first = p.client->request(MessageType::ScoreAction, greedy);
    QVERIFY(first && first->ok);
    QCOMPARE(first->data.value(u"delta"_s).toInteger(), 10);
    const auto replay = p.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson());
    QCOMPARE(replay->error.code, ErrorCode::ChallengeUsed);
    const auto me = p.client->request(MessageType::LeaderboardMe);
    QCOMPARE(me->data.value(u"score"_s).toInteger(), 10);
}

void tst_Scoring::earlyRedemptionRefused()
{
    auto config = scoringConfig(m_dir->filePath(u"slow"_s));
    config.scoring.challengeDelayMs = 2000;
    restart(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    Player p = player(u"Hasty"_s);
    const auto challenge = p.client->request(MessageType::ScoreChallenge);
    QCOMPARE(challenge->data.value(u"notBeforeMs"_s).toInteger(), 2000);
    const QString id = challenge->data.value(u"challengeId"_s).toString();
    const auto early = p.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson());
    QCOMPARE(early->error.code, ErrorCode::TooFast);
    QVERIFY(early->error.retryAfterMs > 1000 && early->error.retryAfterMs <= 2000);
    // Too early does not burn the challenge: it pays once it is due.
    m_server->server->clock().advance(2100);
    QVERIFY(p.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson())->ok);
}

void tst_Scoring::forgedAndForeignChallengesRefused()
{
    Player a = player(u"Alice"_s);
    Player b = player(u"Bob"_s);
    QCOMPARE(a.client
                 ->request(MessageType::ScoreAction,
                     ActionRequest { u"AAAAAAAAAAAAAAAAAAAAAA"_s }.toJson())
                 ->error.code,
        ErrorCode::ChallengeUnknown);
    const auto challenge = a.client->request(MessageType::ScoreChallenge);
    const QString id = challenge->data.value(u"challengeId"_s).toString();
    m_server->server->clock().advance(30); // past the 20 ms delay
    QCOMPARE(b.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson())->error.code,
        ErrorCode::ChallengeUnknown);
    // Bob's attempt did not spend Alice's challenge.
    QVERIFY(a.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson())->ok);
    QCOMPARE(b.client->request(MessageType::ScoreAction, QJsonObject { { u"challengeId"_s, 7 } })
                 ->error.code,
        ErrorCode::BadRequest);
    QCOMPARE(b.client->request(MessageType::LeaderboardMe)->data.value(u"score"_s).toInteger(), 0);
}

void tst_Scoring::expiredChallengeRefused()
{
    Player p = player(u"Sleepy"_s);
    const auto challenge = p.client->request(MessageType::ScoreChallenge);
    const QString id = challenge->data.value(u"challengeId"_s).toString();
    m_server->server->clock().advance(5001);
    QCOMPARE(p.client->request(MessageType::ScoreAction, ActionRequest { id }.toJson())->error.code,
        ErrorCode::ChallengeExpired);
}

void tst_Scoring::needsLogin()
{
    auto anonymous = m_server->client();
    QCOMPARE(
        anonymous->request(MessageType::ScoreChallenge)->error.code, ErrorCode::NotAuthenticated);
    QCOMPARE(anonymous->request(MessageType::ScoreAction, ActionRequest { u"abc"_s }.toJson())
                 ->error.code,
        ErrorCode::NotAuthenticated);
    QCOMPARE(
        anonymous->request(MessageType::LeaderboardMe)->error.code, ErrorCode::NotAuthenticated);
}

void tst_Scoring::challengeRateLimited()
{
    // On the manual clock the bucket (20, one more every 50 ms) refills only when the test says.
    m_server->server->clock().setManual(true);
    Player p = player(u"Greedy"_s);
    int limited = 0;
    for (int i = 0; i < 30; ++i) {
        const auto reply = p.client->request(MessageType::ScoreChallenge);
        if (!reply->ok) {
            QCOMPARE(reply->error.code, ErrorCode::RateLimited);
            QVERIFY(reply->error.retryAfterMs > 0);
            ++limited;
        }
    }
    QVERIFY2(limited >= 9, qPrintable(QString::number(limited))); // burst of 20, refilling slowly
    QCOMPARE(limited, 10);
    const auto refused = p.client->request(MessageType::ScoreChallenge);
    QCOMPARE(refused->error.code, ErrorCode::RateLimited);
    QCOMPARE(refused->error.retryAfterMs, 50);
    m_server->server->clock().advance(49);
    QCOMPARE(p.client->request(MessageType::ScoreChallenge)->error.code, ErrorCode::RateLimited);
    m_server->server->clock().advance(1);
    QVERIFY(p.client->request(MessageType::ScoreChallenge)->ok);
    QCOMPARE(p.client->request(MessageType::ScoreChallenge)->error.code, ErrorCode::RateLimited);
    m_server->server->clock().advance(3 * 50);
    for (int i = 0; i < 3; ++i)
        QVERIFY(p.client->request(MessageType::ScoreChallenge)->ok);
    QCOMPARE(p.client->request(MessageType::ScoreChallenge)->error.code, ErrorCode::RateLimited);
}

void tst_Scoring::rankTiesGoToWhoeverReachedFirst()
{
    auto viewer = m_server->client();
    QVERIFY(viewer->request(MessageType::LeaderboardSubscribe)->ok);
    Player a = player(u"First"_s);
    Player b = player(u"Second"_s);
    QVERIFY(act(a)->ok); // a: 10
    const auto bReply = act(b); // b: 10, tied, reached later
    QCOMPARE(bReply->data.value(u"rank"_s).toInteger(), 2);
    QVERIFY(act(b)->ok); // b: 20
    const auto aAgain = act(a); // a: 20, tied again, now a reached it later
    QCOMPARE(aAgain->data.value(u"score"_s).toInteger(), 20);
    QCOMPARE(aAgain->data.value(u"rank"_s).toInteger(), 2);
    QCOMPARE(a.client->request(MessageType::LeaderboardMe)->data.value(u"rank"_s).toInteger(), 2);
    QCOMPARE(b.client->request(MessageType::LeaderboardMe)->data.value(u"rank"_s).toInteger(), 1);

    const auto last = waitForBoard(*viewer, [](const Leaderboard &b) {
        return b.top.size() == 2 && b.top[0].score == 20 && b.top[1].score == 20;
    });
    QVERIFY(last);
    QCOMPARE(last->top[0].userId, b.userId);
    QCOMPARE(last->top[1].userId, a.userId);
}

void tst_Scoring::unchangedBoardIsNotResent()
{
    Player top3[3] = { player(u"P1"_s), player(u"P2"_s), player(u"P3"_s) };
    for (auto &p : top3)
        QVERIFY(act(p)->ok);
    QTest::qWait(100); // let the hub publish the three first scores
    auto viewer = m_server->client();
    QVERIFY(
        viewer->request(MessageType::LeaderboardSubscribe, SubscribeRequest { 2 }.toJson())->ok);
    while (viewer->waitEvent(EventType::Leaderboard, 100)) { }
    // P3 is third: its next points change the top 2 only if it overtakes; 10 more ties it at
    // 20 with nobody else, so it moves to first — that is a change.
    QVERIFY(act(top3[2])->ok);
    const auto changed = board(viewer->waitEvent(EventType::Leaderboard));
    QVERIFY(changed);
    QCOMPARE(changed->top[0].userId, top3[2].userId);
    // P2 scoring 10 puts it at 20 behind P3 (tie, later): top 2 becomes P3, P2 — a change.
    QVERIFY(act(top3[1])->ok);
    QVERIFY(board(viewer->waitEvent(EventType::Leaderboard)));
    // P1 (10, third) scoring moves it to 20, third behind P3 and P2: top 2 unchanged, no event.
    QVERIFY(act(top3[0])->ok);
    QVERIFY(!viewer->waitEvent(EventType::Leaderboard, 300));
}

void tst_Scoring::slowViewerIsDroppedWithoutDelayingOthers()
{
    auto config = scoringConfig(m_dir->filePath(u"slowviewer"_s));
    config.scoring.slowViewerBytes = 4096;
    config.scoring.slowViewerTimeoutMs = 1000;
    config.scoring.challengeDelayMs = 0;
    restart(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));

    std::vector<Player> players;
    for (int i = 0; i < 20; ++i) {
        players.push_back(player(u"Runner%1"_s.arg(i)));
        QVERIFY(players.back().userId > 0);
    }
    RawViewer slow;
    QVERIFY(slow.open(m_server->server->port(), 100));
    auto fast = m_server->client();
    QVERIFY(
        fast->request(MessageType::LeaderboardSubscribe, SubscribeRequest { 100 }.toJson())->ok);

    // Keep the board changing for a few seconds; the slow viewer never reads.
    QElapsedTimer load;
    load.start();
    qint64 lastScore = 0;
    while (load.elapsed() < 3000) {
        for (auto &p : players) {
            const auto reply = act(p);
            QVERIFY(reply && reply->ok);
            lastScore = std::max(lastScore, reply->data.value(u"score"_s).toInteger());
        }
    }
    // The fast viewer got the latest board promptly.
    QVERIFY(waitForBoard(
        *fast, [&](const Leaderboard &b) { return b.top.value(0).score == lastScore; }, 2000));
    // The stuck one was dropped by the server (counted there: reading it here would unstick it).
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server->scores().hub().subscriberCount(), 1, 10000);
    QVERIFY(fast->isConnected());
    // What it had in flight still arrives, then the connection ends.
    QTRY_VERIFY_WITH_TIMEOUT(!slow.drain(), 10000);
}

void tst_Scoring::lateViewerGetsNewestBoard()
{
    auto config = scoringConfig(m_dir->filePath(u"lateviewer"_s));
    config.scoring.slowViewerBytes = 4096;
    config.scoring.slowViewerTimeoutMs = 60'000;
    config.scoring.challengeDelayMs = 0;
    restart(config);
    QVERIFY2(m_server->started, qPrintable(m_server->error));

    std::vector<Player> players;
    for (int i = 0; i < 20; ++i)
        players.push_back(player(u"Late%1"_s.arg(i)));
    RawViewer late;
    QVERIFY(late.open(m_server->server->port(), 100));
    auto fast = m_server->client();
    QVERIFY(
        fast->request(MessageType::LeaderboardSubscribe, SubscribeRequest { 100 }.toJson())->ok);
    int fastEvents = 0;
    QObject::connect(&fast->socket(), &QWebSocket::textMessageReceived, [&](const QString &text) {
        if (text.contains(u"\"event\":\"leaderboard\""_s))
            ++fastEvents;
    });
    QElapsedTimer load;
    load.start();
    while (load.elapsed() < 3000) {
        for (auto &p : players)
            QVERIFY(act(p)->ok);
    }
    QTest::qWait(200);
    const Leaderboard final = m_server->server->scores().hub().snapshot(100);

    // Now it reads again: after the backlog it must end on the newest board, having skipped some.
    QElapsedTimer catchUp;
    catchUp.start();
    std::optional<Leaderboard> last;
    while (catchUp.elapsed() < 10000) {
        QVERIFY(late.drain());
        const auto frames = late.frames();
        if (!frames.isEmpty()) {
            auto message = decodeServerMessage(frames.last());
            if (message && std::holds_alternative<Event>(*message))
                last = board(std::get<Event>(*message));
            if (last && last->top == final.top)
                break;
        }
        QTest::qWait(20);
    }
    if (!last) {
        qWarning("late viewer: %lld bytes, %lld frames, last: %s", qlonglong(late.raw().size()),
            qlonglong(late.frames().size()),
            late.frames().isEmpty() ? "" : late.frames().last().left(300).constData());
    }
    QVERIFY(last);
    QCOMPARE(last->top, final.top);
    const qsizetype lateEvents = late.frames().size() - 1; // minus the subscribe reply
    QVERIFY2(
        lateEvents < fastEvents, qPrintable(u"late %1, fast %2"_s.arg(lateEvents).arg(fastEvents)));
}

void tst_Scoring::restartRebuildsSameBoard()
{
    std::vector<Player> players;
    for (int i = 0; i < 5; ++i)
        players.push_back(player(u"Keep%1"_s.arg(i)));
    for (int round = 0; round < 3; ++round)
        for (size_t i = size_t(round); i < players.size(); ++i)
            QVERIFY(act(players[i])->ok);
    const Leaderboard before = m_server->server->scores().hub().snapshot(10);
    QCOMPARE(before.top.size(), 5);
    players.clear();

    restart(scoringConfig(m_dir->path()));
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    auto viewer = m_server->client();
    const auto after = viewer->request(MessageType::LeaderboardSubscribe);
    QVERIFY(after && after->ok);
    QCOMPARE(std::get<Leaderboard>(Leaderboard::fromJson(after->data)).top, before.top);
}

void tst_Scoring::tamperedTotalsAreRebuiltFromLedger()
{
    Player p = player(u"Honest"_s);
    QVERIFY(act(p)->ok);
    QVERIFY(act(p)->ok);
    p.client.reset();
    m_server.reset();
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
        db.setDatabaseName(m_dir->filePath(u"scoreboard.db"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"UPDATE scores SET score = 999999"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tamper"_s);
    restart(scoringConfig(m_dir->path()));
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    QCOMPARE(m_server->server->scores().hub().snapshot(10).top.value(0).score, 20);
}

void tst_Scoring::httpLeaderboardAndMetrics()
{
    Player p = player(u"Web"_s);
    QVERIFY(act(p)->ok);
    QTest::qWait(60);
    QNetworkAccessManager manager;
    auto get = [&](const QString &path) {
        QNetworkReply *reply = manager.get(QNetworkRequest(m_server->httpUrl(path)));
        [[maybe_unused]] const bool done
            = QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000);
        reply->deleteLater();
        return std::make_pair(
            reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll());
    };
    const auto [status, body] = get(u"/api/v1/leaderboard?limit=5"_s);
    QCOMPARE(status, 200);
    const auto parsed = Leaderboard::fromJson(QJsonDocument::fromJson(body).object());
    QVERIFY(std::holds_alternative<Leaderboard>(parsed));
    QCOMPARE(
        std::get<Leaderboard>(parsed).top, (QList<BoardEntry> { { 1, p.userId, u"Web"_s, 10 } }));
    QCOMPARE(get(u"/api/v1/leaderboard?limit=0"_s).first, 400);
    QCOMPARE(get(u"/api/v1/leaderboard?limit=abc"_s).first, 400);

    QCOMPARE(p.client->request(MessageType::ScoreAction, ActionRequest { u"nope"_s }.toJson())
                 ->error.code,
        ErrorCode::ChallengeUnknown);
    const auto [metricsStatus, metrics] = get(u"/metrics"_s);
    QCOMPARE(metricsStatus, 200);
    QVERIFY2(metrics.contains("scoreboard_actions_accepted_total 1\n"), metrics.constData());
    QVERIFY(metrics.contains("scoreboard_actions_refused_total{reason=\"challenge_unknown\"} 1\n"));
    QVERIFY(metrics.contains("scoreboard_connections 1\n"));
    QVERIFY(metrics.contains("scoreboard_store_commit_seconds_count 1\n"));
    QVERIFY(metrics.contains("scoreboard_broadcast_latency_seconds_bucket{le=\"+Inf\"}"));
}

QTEST_GUILESS_MAIN(tst_Scoring)
#include "tst_scoring.moc"
