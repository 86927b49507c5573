// Events through real sockets: several live boards that never mix, each event's catalogue
// deciding the delta, the schedule opening and closing events and rolling seasons by itself
// (on the server's manual clock), kept standings of finished seasons across a restart, a
// reversal amending them, the paged standings exact at the edges, `around` and `rank.changed`,
// admin.event.* and the HTTP routes, and every bad input with its own code.
#include "serverfixture.h"

#include "scoring/eventservice.h"
#include "scoring/scoreservice.h"
#include "store/sqlstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QtTest>

#include <algorithm>

using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;
using namespace Qt::StringLiterals;

namespace {

QJsonObject spec(const QString &slug, QJsonObject extra = {})
{
    extra.insert(u"slug"_s, slug);
    if (!extra.contains(u"title"_s))
        extra.insert(u"title"_s, u"Event "_s + slug);
    return extra;
}

QJsonArray actions(std::initializer_list<std::tuple<const char *, const char *, int>> list)
{
    QJsonArray array;
    for (const auto &[kind, label, points] : list)
        array.append(QJsonObject { { u"kind"_s, QString::fromLatin1(kind) },
            { u"label"_s, QString::fromLatin1(label) }, { u"points"_s, points } });
    return array;
}

QString errorCode(const std::optional<Reply> &reply)
{
    return reply ? errorCodeName(reply->error.code) : u"(no reply)"_s;
}

std::optional<EventInfo> waitEventChanged(
    TestClient &client, const std::function<bool(const EventInfo &)> &done, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const auto event = client.waitEvent(EventType::EventChanged, int(timeoutMs - timer.elapsed()));
        if (!event)
            break;
        auto parsed = EventReply::fromJson(event->data);
        if (auto *reply = std::get_if<EventReply>(&parsed); reply && done(reply->event))
            return reply->event;
    }
    return std::nullopt;
}

PageReply page(TestClient &client, const QString &event, qint64 season, qint64 offset, int limit)
{
    const auto reply = client.request(
        MessageType::LeaderboardPage, PageRequest { event, season, offset, limit }.toJson());
    if (!reply || !reply->ok)
        return {};
    return std::get<PageReply>(PageReply::fromJson(reply->data));
}

QByteArray httpGet(const QUrl &url, int *status = nullptr)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QTest::qWaitFor([&] { return reply->isFinished(); }, 10000);
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

} // namespace

class EventsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void twoLiveEventsNeverMix();
    void catalogueDecidesTheDelta();
    void scheduledEventOpensByItselfAndRefusesBefore();
    void closedEventRefusesActions();
    void seasonRollsWhilePlayersActAndIsKeptAcrossARestart();
    void reversalInAFinishedSeasonAmendsItsStandings();
    void pageAtTheEndOfAThousandPlayerBoardEqualsANaiveSort();
    void aroundAndRankChangedNameWhoOvertook();
    void badInputHasItsOwnCodeAndChangesNothing();
    void onlyAdminsManageEvents();
    void httpListsEventsAndServesResults();
    void v1ClientsPlayTheMainEvent();
    void holdKeepsAFlaggedIncrementOffItsOwnEventsBoard();
    void boundaryMissedWhileDownRollsOnceAtStart();

private:
    std::unique_ptr<RunningServer> start(server::CheatPolicy policy = server::CheatPolicy::Apply);
    std::unique_ptr<TestClient> admin();
    EventInfo create(const QJsonObject &data);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunningServer> m_server;
    std::unique_ptr<TestClient> m_admin;
};

std::unique_ptr<RunningServer> EventsTest::start(server::CheatPolicy policy)
{
    auto config = testConfig(m_dir->path());
    config.cheat.policy = policy;
    auto server = std::make_unique<RunningServer>(config);
    if (server->started)
        server->server->clock().setManual(true);
    return server;
}

void EventsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = start();
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    m_admin = loggedInStaff(*m_server, u"admin@example.org"_s, Role::Admin);
    QVERIFY(m_admin);
}

void EventsTest::cleanup()
{
    m_admin.reset();
    m_server.reset();
    m_dir.reset();
}

EventInfo EventsTest::create(const QJsonObject &data)
{
    const auto reply = m_admin->request(MessageType::AdminEventCreate, data);
    if (!reply || !reply->ok) {
        qWarning() << "admin.event.create failed:" << errorCode(reply)
                   << (reply ? reply->error.message : QString());
        return {};
    }
    return std::get<EventReply>(EventReply::fromJson(reply->data)).event;
}

void EventsTest::twoLiveEventsNeverMix()
{
    QCOMPARE(create(spec(u"cup-a"_s)).state, EventState::Live);
    QCOMPARE(create(spec(u"cup-b"_s)).state, EventState::Live);
    auto viewer = m_server->client();
    QVERIFY(viewer->request(MessageType::LeaderboardSubscribe,
        SubscribeRequest { 10, u"cup-a"_s, 0 }.toJson())->ok);
    QVERIFY(viewer->request(MessageType::LeaderboardSubscribe,
        SubscribeRequest { 10, u"cup-b"_s, 0 }.toJson())->ok);

    TestPlayer ann = signUpPlayer(*m_server, u"Ann"_s);
    TestPlayer bob = signUpPlayer(*m_server, u"Bob"_s);
    QVERIFY(ann.userId && bob.userId);
    for (int i = 0; i < 3; ++i)
        QVERIFY(performAction(ann, u"cup-a"_s)->ok);
    QVERIFY(performAction(bob, u"cup-b"_s)->ok);

    // Each board names its event and holds only its own players.
    const auto boardA = waitForBoard(*viewer, [&](const Leaderboard &b) {
        return b.event == u"cup-a"_s && scoreOf(b, ann.userId) == 30;
    });
    QVERIFY(boardA);
    QCOMPARE(scoreOf(*boardA, bob.userId), -1);
    QCOMPARE(page(*viewer, u"cup-b"_s, 0, 0, 10).entries.size(), 1);
    QCOMPARE(page(*viewer, u"cup-b"_s, 0, 0, 10).entries.value(0).userId, bob.userId);
    QCOMPARE(page(*viewer, u"cup-a"_s, 0, 0, 10).entries.size(), 1);
    QCOMPARE(page(*viewer, u"main"_s, 0, 0, 10).total, 0);
    // leaderboard.me per event.
    const auto meA = ann.client->request(MessageType::LeaderboardMe, MeRequest { u"cup-a"_s }.toJson());
    QCOMPARE(meA->data.value(u"score"_s).toInteger(), 30);
    const auto meB = ann.client->request(MessageType::LeaderboardMe, MeRequest { u"cup-b"_s }.toJson());
    QCOMPARE(meB->data.value(u"rank"_s).toInteger(), 0);

    // Unsubscribing from one event leaves the other.
    QVERIFY(viewer->request(MessageType::LeaderboardUnsubscribe,
        UnsubscribeRequest { u"cup-a"_s }.toJson())->ok);
    viewer->takeLatestEvent(EventType::Leaderboard, 200);
    QVERIFY(performAction(ann, u"cup-a"_s)->ok);
    QVERIFY(performAction(bob, u"cup-b"_s)->ok);
    const auto next = waitForBoard(*viewer, [&](const Leaderboard &b) {
        return b.event == u"cup-b"_s && scoreOf(b, bob.userId) == 20;
    });
    QVERIFY(next);
    QVERIFY(!waitForBoard(*viewer, [](const Leaderboard &b) { return b.event == u"cup-a"_s; }, 300));
}

void EventsTest::catalogueDecidesTheDelta()
{
    create(spec(u"derby"_s,
        { { u"actions"_s, actions({ { "goal", "Goal", 3 }, { "assist", "Assist", 1 } }) } }));
    TestPlayer p = signUpPlayer(*m_server, u"Cat"_s);
    const auto challenge = p.client->request(
        MessageType::ScoreChallenge, ChallengeRequest { u"derby"_s, u"assist"_s }.toJson());
    QVERIFY(challenge && challenge->ok);
    QCOMPARE(challenge->data.value(u"points"_s).toInteger(), 1);
    QCOMPARE(challenge->data.value(u"action"_s).toString(), u"assist"_s);
    const auto assist = performAction(p, u"derby"_s, u"assist"_s);
    QCOMPARE(assist->data.value(u"delta"_s).toInteger(), 1);
    QCOMPARE(assist->data.value(u"event"_s).toString(), u"derby"_s);
    QCOMPARE(assist->data.value(u"season"_s).toInteger(), 1);
    // The default is the first kind.
    const auto goal = performAction(p, u"derby"_s);
    QCOMPARE(goal->data.value(u"delta"_s).toInteger(), 3);
    QCOMPARE(goal->data.value(u"score"_s).toInteger(), 4);
    QCOMPARE(errorCode(p.client->request(MessageType::ScoreChallenge,
                 ChallengeRequest { u"derby"_s, u"penalty"_s }.toJson())),
        u"action_unknown"_s);
    QCOMPARE(errorCode(p.client->request(MessageType::ScoreChallenge,
                 ChallengeRequest { u"no-such"_s, {} }.toJson())),
        u"event_unknown"_s);
    // The ledger names event, season and kind.
    const auto entries = m_server->server->store().runAndWait(
        [&](server::Store &s) { return s.ledgerForUser(p.userId, 10); });
    QCOMPARE(entries.value->size(), 2);
    QCOMPARE(entries.value->at(0).event, u"derby"_s);
    QCOMPARE(entries.value->at(0).action, u"goal"_s);
    QCOMPARE(entries.value->at(1).action, u"assist"_s);
}

void EventsTest::scheduledEventOpensByItselfAndRefusesBefore()
{
    auto &clock = m_server->server->clock();
    auto watcher = m_server->client();
    QVERIFY(watcher->request(MessageType::EventsSubscribe)->ok);
    const qint64 startsAt = clock.nowMs() + 60'000;
    const EventInfo scheduled = create(spec(u"final"_s, { { u"startsAt"_s, wireTime(startsAt) } }));
    QCOMPARE(scheduled.state, EventState::Scheduled);
    QVERIFY(waitEventChanged(*watcher, [](const EventInfo &e) { return e.slug == u"final"_s; }));

    TestPlayer p = signUpPlayer(*m_server, u"Early"_s);
    QCOMPARE(errorCode(performAction(p, u"final"_s)), u"event_not_live"_s);
    QCOMPARE(page(*p.client, u"final"_s, 0, 0, 10).total, 0);

    // A challenge taken while live stays refused after the event closes in between.
    clock.advance(60'000);
    const auto opened = waitEventChanged(*watcher, [](const EventInfo &e) {
        return e.slug == u"final"_s && e.state == EventState::Live;
    });
    QVERIFY(opened);
    QCOMPARE(opened->startsAtMs, startsAt);
    const auto reply = performAction(p, u"final"_s);
    QVERIFY2(reply && reply->ok, qPrintable(errorCode(reply)));
    QCOMPARE(reply->data.value(u"delta"_s).toInteger(), 10);
}

void EventsTest::closedEventRefusesActions()
{
    auto &clock = m_server->server->clock();
    create(spec(u"sprint"_s, { { u"endsAt"_s, wireTime(clock.nowMs() + 5'000) } }));
    TestPlayer p = signUpPlayer(*m_server, u"Runner"_s);
    QVERIFY(performAction(p, u"sprint"_s)->ok);
    const auto challenge = p.client->request(
        MessageType::ScoreChallenge, ChallengeRequest { u"sprint"_s, {} }.toJson());
    QVERIFY(challenge->ok);
    clock.advance(4'000); // due, not expired; the event closes at 5 s
    QVERIFY(performAction(p, u"sprint"_s)->ok);
    clock.advance(1'000);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_server->server->scores().boards().find(u"sprint"_s)->event.state, EventState::Closed, 5000);
    const auto late = p.client->request(MessageType::ScoreAction,
        ActionRequest { challenge->data.value(u"challengeId"_s).toString() }.toJson());
    QCOMPARE(errorCode(late), u"event_not_live"_s);
    QCOMPARE(page(*p.client, u"sprint"_s, 0, 0, 10).entries.value(0).score, 20);
    // Staff close and open with conflict when already so.
    QCOMPARE(errorCode(m_admin->request(MessageType::AdminEventClose,
                 EventStateRequest { u"sprint"_s, {} }.toJson())),
        u"conflict"_s);
    QCOMPARE(errorCode(m_admin->request(MessageType::AdminEventOpen,
                 EventStateRequest { u"sprint"_s, {} }.toJson())),
        u"conflict"_s); // its end time has passed
    QVERIFY(m_admin->request(MessageType::AdminEventUpdate,
        QJsonObject { { u"slug"_s, u"sprint"_s }, { u"endsAt"_s, QJsonValue::Null } })->ok);
    QVERIFY(m_admin->request(MessageType::AdminEventOpen,
        EventStateRequest { u"sprint"_s, u"extra time"_s }.toJson())->ok);
    QVERIFY(performAction(p, u"sprint"_s)->ok);
}

void EventsTest::seasonRollsWhilePlayersActAndIsKeptAcrossARestart()
{
    auto &clock = m_server->server->clock();
    auto watcher = m_server->client();
    QVERIFY(watcher->request(MessageType::EventsSubscribe)->ok);
    const EventInfo event = create(spec(u"blitz"_s, { { u"resetEvery"_s, u"PT10S"_s } }));
    QCOMPARE(event.nextResetAtMs, clock.nowMs() + 10'000);
    TestPlayer a = signUpPlayer(*m_server, u"Alpha"_s);
    TestPlayer b = signUpPlayer(*m_server, u"Beta"_s);
    QVERIFY(performAction(a, u"blitz"_s)->ok);
    QVERIFY(performAction(a, u"blitz"_s)->ok);
    QVERIFY(performAction(b, u"blitz"_s)->ok);
    // A challenge of season 1 redeemed after the roll is refused: the season it was for ended.
    const auto old = b.client->request(
        MessageType::ScoreChallenge, ChallengeRequest { u"blitz"_s, {} }.toJson());
    clock.advance(10'000);
    const auto rolled = waitEventChanged(
        *watcher, [](const EventInfo &e) { return e.slug == u"blitz"_s && e.season == 2; });
    QVERIFY(rolled);
    QCOMPARE(errorCode(b.client->request(MessageType::ScoreAction,
                 ActionRequest { old->data.value(u"challengeId"_s).toString() }.toJson())),
        u"challenge_expired"_s);
    // Season 2 starts empty; players act in it.
    QCOMPARE(page(*a.client, u"blitz"_s, 0, 0, 10).total, 0);
    const auto inTwo = performAction(b, u"blitz"_s);
    QCOMPARE(inTwo->data.value(u"season"_s).toInteger(), 2);
    QCOMPARE(inTwo->data.value(u"score"_s).toInteger(), 10);
    const PageReply kept = page(*a.client, u"blitz"_s, 1, 0, 10);
    QCOMPARE(kept.total, 2);
    QCOMPARE(kept.entries.value(0).userId, a.userId);
    QCOMPARE(kept.entries.value(0).score, 20);
    QCOMPARE(kept.entries.value(1).score, 10);
    QVERIFY(!kept.amended);

    // After a restart the finished season reads the same.
    a.client.reset();
    b.client.reset();
    watcher.reset();
    m_admin.reset();
    m_server.reset();
    m_server = start();
    QVERIFY2(m_server->started, qPrintable(m_server->error));
    auto reader = m_server->client();
    const PageReply again = page(*reader, u"blitz"_s, 1, 0, 10);
    QCOMPARE(again, kept);
    QCOMPARE(page(*reader, u"blitz"_s, 2, 0, 10).entries.value(0).userId, b.userId);
    QCOMPARE(errorCode(reader->request(MessageType::LeaderboardPage,
                 PageRequest { u"blitz"_s, 3, 0, 10 }.toJson())),
        u"season_unknown"_s);
    // Over HTTP too: the finished season's page and its results, read from the database.
    int status = 0;
    const auto viaHttp = std::get<PageReply>(PageReply::fromJson(QJsonDocument::fromJson(
        httpGet(m_server->httpUrl(u"/api/v1/events/blitz/leaderboard?season=1"_s), &status))
                                                                       .object()));
    QCOMPARE(status, 200);
    QCOMPARE(viaHttp, kept);
    const QByteArray csv
        = httpGet(m_server->httpUrl(u"/api/v1/events/blitz/results.csv?season=1"_s), &status);
    QCOMPARE(status, 200);
    QCOMPARE(csv,
        "rank,userId,displayName,score\r\n1," + QByteArray::number(kept.entries[0].userId)
            + ",Alpha,20\r\n2," + QByteArray::number(kept.entries[1].userId) + ",Beta,10\r\n");
    // A connection that waits for the database answers its pipelined requests in order.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_server->server->port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("GET /api/v1/events/blitz/results.csv?season=1 HTTP/1.1\r\nHost: x\r\n\r\n"
              "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray answers;
    QVERIFY(QTest::qWaitFor([&] {
        answers += raw.readAll();
        return raw.state() == QAbstractSocket::UnconnectedState || answers.count("HTTP/1.1") == 2;
    }, 5000));
    const qsizetype first = answers.indexOf("HTTP/1.1 200");
    const qsizetype csvAt = answers.indexOf("rank,userId");
    const qsizetype second = answers.indexOf("HTTP/1.1 200", first + 1);
    QVERIFY2(first == 0 && csvAt > first && second > csvAt, answers.constData());
}

void EventsTest::reversalInAFinishedSeasonAmendsItsStandings()
{
    auto &clock = m_server->server->clock();
    create(spec(u"league"_s, { { u"resetEvery"_s, u"PT1H"_s } }));
    TestPlayer p = signUpPlayer(*m_server, u"Cheater"_s);
    const auto first = performAction(p, u"league"_s);
    QVERIFY(performAction(p, u"league"_s)->ok);
    clock.advance(3'600'000);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_server->server->scores().boards().find(u"league"_s)->event.season, qint64(2), 5000);
    QCOMPARE(page(*p.client, u"league"_s, 1, 0, 10).entries.value(0).score, 20);

    auto checker = loggedInStaff(*m_server, u"checker@example.org"_s, Role::Checker);
    const auto reversed = checker->request(MessageType::AdminReverse,
        ReverseRequest { first->data.value(u"incrementId"_s).toInteger(), 0, u"bot"_s }.toJson());
    QVERIFY2(reversed && reversed->ok, qPrintable(errorCode(reversed)));
    QCOMPARE(reversed->data.value(u"score"_s).toInteger(), 10);
    QCOMPARE(reversed->data.value(u"event"_s).toString(), u"league"_s);
    QCOMPARE(reversed->data.value(u"season"_s).toInteger(), 1);
    const PageReply amended = page(*p.client, u"league"_s, 1, 0, 10);
    QCOMPARE(amended.entries.value(0).score, 10);
    QVERIFY(amended.amended);
    // The current season did not move, and the ledger still sums to every total.
    QCOMPARE(page(*p.client, u"league"_s, 2, 0, 10).total, 0);
    const auto consistent = m_server->server->store().runAndWait(
        [](server::Store &s) { return s.scoreTable() == s.ledgerTotals(); });
    QVERIFY(*consistent.value);
    // The flag-free reversal is audited.
    const auto audit = m_admin->request(MessageType::AdminAudit, AuditRequest { 10, 0 }.toJson());
    QVERIFY(QJsonDocument(audit->data).toJson().contains("increment:"));
}

void EventsTest::pageAtTheEndOfAThousandPlayerBoardEqualsANaiveSort()
{
    create(spec(u"big"_s));
    const qint64 eventId = m_server->server->scores().boards().find(u"big"_s)->event.id;
    struct Row
    {
        qint64 userId, score, seq;
    };
    QList<Row> rows;
    // 1,000 players straight into the store (signing each up would hash 1,000 passwords), with
    // many ties: scores from a range of 40 values.
    const auto written = m_server->server->store().runAndWait([&](server::Store &s) {
        QList<server::NewIncrement> batch;
        s.transaction([&] {
            for (int i = 0; i < 1000; ++i) {
                server::UserRecord user;
                user.email = u"p%1@example.org"_s.arg(i);
                user.displayName = u"P%1"_s.arg(i);
                user.passwordHash = u"x"_s;
                user.createdAtMs = 1;
                user.verifiedAtMs = 1;
                const qint64 id = s.insertUser(user);
                const qint64 points = 10 * (1 + (i * 7919) % 40);
                batch.append({ id, points, 1000 + i, u"seed-%1"_s.arg(i), 0, {}, eventId, 1,
                    u"tap"_s });
            }
        });
        return s.appendIncrements(batch);
    });
    QVERIFY(written.ok());
    for (const auto &total : written.value->totals)
        rows.append({ total.userId, total.score, total.reachedSeq });
    std::sort(rows.begin(), rows.end(), [](const Row &x, const Row &y) {
        if (x.score != y.score)
            return x.score > y.score;
        if (x.seq != y.seq)
            return x.seq < y.seq;
        return x.userId < y.userId;
    });
    // Restart: the board is rebuilt from the store.
    m_admin.reset();
    m_server.reset();
    m_server = start();
    QVERIFY(m_server->started);
    auto client = m_server->client();
    const PageReply tail = page(*client, u"big"_s, 0, 989, 100);
    QCOMPARE(tail.total, 1000);
    QCOMPARE(tail.entries.size(), 11);
    for (int i = 0; i < 11; ++i) {
        QCOMPARE(tail.entries[i].rank, 990 + i);
        QCOMPARE(tail.entries[i].userId, rows[989 + i].userId);
        QCOMPARE(tail.entries[i].score, rows[989 + i].score);
    }
    const PageReply head = page(*client, u"big"_s, 0, 0, 3);
    QCOMPARE(head.entries.value(0).userId, rows[0].userId);
    QCOMPARE(page(*client, u"big"_s, 0, 1000, 10).entries.size(), 0);
    // The HTTP page agrees.
    const QJsonObject http = QJsonDocument::fromJson(
        httpGet(m_server->httpUrl(u"/api/v1/events/big/leaderboard?offset=995&limit=5"_s)))
                                 .object();
    const auto viaHttp = std::get<PageReply>(PageReply::fromJson(http));
    QCOMPARE(viaHttp.entries.size(), 5);
    QCOMPARE(viaHttp.entries.last().userId, rows[999].userId);
}

void EventsTest::aroundAndRankChangedNameWhoOvertook()
{
    create(spec(u"duel"_s));
    TestPlayer ann = signUpPlayer(*m_server, u"Ann"_s);
    TestPlayer bob = signUpPlayer(*m_server, u"Bob"_s);
    QVERIFY(performAction(ann, u"duel"_s)->ok);
    const auto sub = ann.client->request(
        MessageType::LeaderboardSubscribe, SubscribeRequest { 10, u"duel"_s, 2 }.toJson());
    const auto board = std::get<Leaderboard>(Leaderboard::fromJson(sub->data));
    QVERIFY(board.me);
    QCOMPARE(board.me->rank, 1);
    QCOMPARE(board.me->around.size(), 1);
    QVERIFY(performAction(bob, u"duel"_s)->ok);
    QVERIFY(performAction(bob, u"duel"_s)->ok);
    const auto changed = ann.client->waitEvent(EventType::RankChanged, 5000);
    QVERIFY(changed);
    const auto rank = std::get<RankChanged>(RankChanged::fromJson(changed->data));
    QCOMPARE(rank.event, u"duel"_s);
    QCOMPARE(rank.previousRank, 1);
    QCOMPARE(rank.rank, 2);
    QVERIFY(rank.overtakenBy);
    QCOMPARE(rank.overtakenBy->userId, bob.userId);
    const auto mine = waitForBoard(*ann.client,
        [](const Leaderboard &b) { return b.me && b.me->rank == 2 && b.me->around.size() == 2; });
    QVERIFY(mine);
    QCOMPARE(mine->me->around.value(0).userId, bob.userId);
    QCOMPARE(mine->me->score, 10);
}

void EventsTest::badInputHasItsOwnCodeAndChangesNothing()
{
    const qint64 now = m_server->server->clock().nowMs();
    create(spec(u"taken"_s));
    const auto eventsBefore = m_server->server->scores().boards().all().size();
    const auto code = [&](const QJsonObject &data) {
        return errorCode(m_admin->request(MessageType::AdminEventCreate, data));
    };
    QCOMPARE(code(spec(u"Bad Slug"_s)), u"slug_invalid"_s);
    QCOMPARE(code(spec(u"-dash"_s)), u"slug_invalid"_s);
    QCOMPARE(code(spec(QString(41, u'a'))), u"slug_invalid"_s);
    QCOMPARE(code(spec(u"taken"_s)), u"conflict"_s);
    QCOMPARE(code(spec(u"backwards"_s,
                 { { u"startsAt"_s, wireTime(now + 7'200'000) },
                     { u"endsAt"_s, wireTime(now + 3'600'000) } })),
        u"schedule_invalid"_s);
    QCOMPARE(code(spec(u"short"_s, { { u"resetEvery"_s, u"PT5S"_s } })), u"reset_invalid"_s);
    QCOMPARE(code(spec(u"months"_s, { { u"resetEvery"_s, u"P1M"_s } })), u"reset_invalid"_s);
    QCOMPARE(code(spec(u"twice"_s, { { u"actions"_s, actions({ { "a", "A", 1 }, { "a", "B", 2 } }) } })),
        u"bad_request"_s);
    QCOMPARE(code(spec(u"zero"_s, { { u"actions"_s, actions({ { "a", "A", 0 } }) } })),
        u"bad_request"_s);
    QCOMPARE(errorCode(m_admin->request(MessageType::AdminEventUpdate,
                 QJsonObject { { u"slug"_s, u"nope"_s }, { u"title"_s, u"x"_s } })),
        u"event_unknown"_s);
    QCOMPARE(errorCode(m_admin->request(MessageType::AdminEventUpdate,
                 QJsonObject { { u"slug"_s, u"taken"_s }, { u"resetEvery"_s, u"PT9S"_s } })),
        u"reset_invalid"_s);
    QCOMPARE(m_server->server->scores().boards().all().size(), eventsBefore);
    QVERIFY(m_server->server->scores().boards().find(u"taken"_s)->event.resetEvery.isEmpty());

    auto viewer = m_server->client();
    const auto pageCode = [&](const QJsonObject &data) {
        return errorCode(viewer->request(MessageType::LeaderboardPage, data));
    };
    QCOMPARE(pageCode({ { u"event"_s, u"taken"_s }, { u"offset"_s, -1 } }), u"bad_request"_s);
    QCOMPARE(pageCode({ { u"event"_s, u"taken"_s }, { u"offset"_s, 1e12 } }), u"bad_request"_s);
    QCOMPARE(pageCode({ { u"event"_s, u"taken"_s }, { u"limit"_s, 101 } }), u"bad_request"_s);
    QCOMPARE(pageCode({ { u"event"_s, u"taken"_s }, { u"season"_s, 2 } }), u"season_unknown"_s);
    QCOMPARE(pageCode({ { u"event"_s, u"gone"_s } }), u"event_unknown"_s);
    QCOMPARE(errorCode(viewer->request(MessageType::LeaderboardSubscribe,
                 SubscribeRequest { 10, u"gone"_s, 0 }.toJson())),
        u"event_unknown"_s);
    // The server keeps serving.
    QVERIFY(viewer->request(MessageType::EventsSubscribe)->ok);
}

void EventsTest::onlyAdminsManageEvents()
{
    auto checker = loggedInStaff(*m_server, u"checker@example.org"_s, Role::Checker);
    QCOMPARE(errorCode(checker->request(MessageType::AdminEventCreate, spec(u"mine"_s))),
        u"forbidden"_s);
    TestPlayer p = signUpPlayer(*m_server, u"Player"_s);
    QCOMPARE(errorCode(p.client->request(MessageType::AdminEventCreate, spec(u"mine"_s))),
        u"forbidden"_s);
    QVERIFY(!m_server->server->scores().boards().find(u"mine"_s));
    // An admin's changes are audited.
    create(spec(u"audited"_s));
    QVERIFY(m_admin->request(MessageType::AdminEventClose,
        EventStateRequest { u"audited"_s, u"rain"_s }.toJson())->ok);
    const auto audit = m_admin->request(MessageType::AdminAudit, AuditRequest { 10, 0 }.toJson());
    const auto rows = std::get<AuditReply>(AuditReply::fromJson(audit->data)).entries;
    QVERIFY(rows.size() >= 2);
    QCOMPARE(rows[0].action, u"event-close"_s);
    QCOMPARE(rows[0].target, u"event:audited"_s);
    QCOMPARE(rows[0].reason, u"rain"_s);
    QCOMPARE(rows[1].action, u"event-create"_s);
}

void EventsTest::httpListsEventsAndServesResults()
{
    create(spec(u"quiz"_s, { { u"category"_s, u"trivia"_s } }));
    TestPlayer p = signUpPlayer(*m_server, u"=cmd"_s); // a name a spreadsheet would run
    QVERIFY(performAction(p, u"quiz"_s)->ok);
    int status = 0;
    const QJsonObject list
        = QJsonDocument::fromJson(httpGet(m_server->httpUrl(u"/api/v1/events"_s), &status)).object();
    QCOMPARE(status, 200);
    const auto events = std::get<EventsReply>(EventsReply::fromJson(list)).events;
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].slug, u"main"_s);
    QCOMPARE(events[1].category, u"trivia"_s);
    QCOMPARE(events[1].players, 1);
    const QByteArray csv = httpGet(m_server->httpUrl(u"/api/v1/events/quiz/results.csv"_s), &status);
    QCOMPARE(status, 200);
    QCOMPARE(csv,
        "rank,userId,displayName,score\r\n1," + QByteArray::number(p.userId) + ",'=cmd,10\r\n");
    httpGet(m_server->httpUrl(u"/api/v1/events/nope/leaderboard"_s), &status);
    QCOMPARE(status, 404);
    httpGet(m_server->httpUrl(u"/api/v1/events/quiz/leaderboard?season=9"_s), &status);
    QCOMPARE(status, 404);
    httpGet(m_server->httpUrl(u"/api/v1/events/quiz/leaderboard?offset=-4"_s), &status);
    QCOMPARE(status, 400);
}

void EventsTest::v1ClientsPlayTheMainEvent()
{
    // A v1 client names no event: its challenge, action, board and rank are `main`'s.
    PlayerOnBoard on = playerOnBoard(*m_server, u"Classic"_s, 2, 20);
    QVERIFY(on.firstIncrementId > 0);
    QCOMPARE(page(*on.viewer, u"main"_s, 0, 0, 10).entries.value(0).score, 20);
    const auto me = on.player.client->request(MessageType::LeaderboardMe);
    QCOMPARE(me->data.value(u"rank"_s).toInteger(), 1);
    int status = 0;
    const QJsonObject board = QJsonDocument::fromJson(
        httpGet(m_server->httpUrl(u"/api/v1/leaderboard"_s), &status)).object();
    QCOMPARE(board.value(u"top"_s).toArray().size(), 1);
}

void EventsTest::holdKeepsAFlaggedIncrementOffItsOwnEventsBoard()
{
    m_admin.reset();
    m_server.reset();
    m_server = start(server::CheatPolicy::Hold);
    QVERIFY(m_server->started);
    m_admin = loggedInStaff(*m_server, u"admin2@example.org"_s, Role::Admin);
    create(spec(u"cup-a"_s));
    create(spec(u"cup-b"_s));
    TestPlayer p = signUpPlayer(*m_server, u"Held"_s);
    const auto inA = performAction(p, u"cup-a"_s);
    QVERIFY(performAction(p, u"cup-a"_s)->ok);
    QVERIFY(performAction(p, u"cup-b"_s)->ok);
    auto &boards = m_server->server->scores().boards();
    const qint64 a = boards.find(u"cup-a"_s)->event.id;
    const qint64 b = boards.find(u"cup-b"_s)->event.id;
    // A flag on an increment of cup-a holds it off cup-a's board only.
    const auto flagged = m_admin->request(MessageType::AdminFlag,
        ManualFlagRequest { inA->data.value(u"incrementId"_s).toInteger(), u"look"_s }.toJson());
    QVERIFY(flagged && flagged->ok);
    const auto flag = std::get<Flag>(Flag::fromJson(flagged->data.value(u"flag"_s).toObject()));
    QCOMPARE(flag.event, u"cup-a"_s);
    QCOMPARE(flag.season, 1);
    QCOMPARE(m_server->server->scores().scoreOf(p.userId, a), 10);
    QCOMPARE(m_server->server->scores().ledgerScoreOf(p.userId, a), 20);
    QCOMPARE(m_server->server->scores().scoreOf(p.userId, b), 10);
    // Approved, it returns to cup-a's board.
    QVERIFY(m_admin->request(MessageType::AdminApprove, ApproveRequest { flag.id, {} }.toJson())->ok);
    QCOMPARE(m_server->server->scores().scoreOf(p.userId, a), 20);
    QCOMPARE(m_server->server->scores().scoreOf(p.userId, b), 10);
    // The console's player page names each increment's event and season.
    const auto profile = m_admin->request(MessageType::AdminUser, UserRequest { p.userId }.toJson());
    const auto player = std::get<PlayerProfile>(PlayerProfile::fromJson(profile->data));
    const auto &rows = player.increments;
    QCOMPARE(rows.size(), 3);
    // …and gives the player's total in each event and season (the reversal dialog's "before").
    const QList<SeasonScore> totals { { u"cup-a"_s, 1, 20 }, { u"cup-b"_s, 1, 10 } };
    QCOMPARE(player.scores, totals);
    QCOMPARE(rows[0].event, u"cup-b"_s);
    QCOMPARE(rows[2].event, u"cup-a"_s);
    QCOMPARE(rows[2].season, 1);
    QCOMPARE(rows[2].action, u"tap"_s);
}

void EventsTest::boundaryMissedWhileDownRollsOnceAtStart()
{
    create(spec(u"nightly"_s, { { u"resetEvery"_s, u"PT1H"_s } }));
    TestPlayer p = signUpPlayer(*m_server, u"Owl"_s);
    QVERIFY(performAction(p, u"nightly"_s)->ok);
    p.client.reset();
    m_admin.reset();
    m_server.reset();
    // While the server was down, three boundaries passed: the stored next reset is 3 h ago.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        auto store = server::SqlStore::sqlite(m_dir->filePath(u"scoreboard.db"_s));
        store->open();
        auto event = *store->eventBySlug(u"nightly"_s);
        event.nextResetAtMs = now - 3 * 3'600'000;
        QVERIFY(store->updateEvent(event, now));
    }
    m_server = start();
    QVERIFY(m_server->started);
    // One roll (not three), within a second, and the next reset after now on the hour grid.
    auto &boards = m_server->server->scores().boards();
    QTRY_COMPARE_WITH_TIMEOUT(boards.find(u"nightly"_s)->event.season, qint64(2), 5000);
    const auto &event = boards.find(u"nightly"_s)->event;
    QVERIFY(event.nextResetAtMs > now);
    QCOMPARE((event.nextResetAtMs - event.startsAtMs) % 3'600'000, 0);
    auto reader = m_server->client();
    QCOMPARE(page(*reader, u"nightly"_s, 1, 0, 10).entries.value(0).score, 10);
    QCOMPARE(page(*reader, u"nightly"_s, 0, 0, 10).total, 0);
    QTest::qWait(600); // a later check of the schedule rolls nothing more
    QCOMPARE(boards.find(u"nightly"_s)->event.season, qint64(2));
}

QTEST_GUILESS_MAIN(EventsTest)
#include "tst_events.moc"
