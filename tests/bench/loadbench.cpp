#include "loadbench.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace scoreboard::bench {

Bench::Bench(Options options)
    : m_o(std::move(options))
{
    m_clock.start();
    m_prefix = QString::number(QRandomGenerator::system()->generate64() & 0xffffffffffULL, 36);
    m_bucketTimer.setSingleShot(true);
    m_bucketTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_bucketTimer, &QTimer::timeout, &m_ctx, [this] { pumpBucket(); });
}

void Bench::start()
{
    // Before spawning, so the server inherits the raised limit too.
    const auto [soft, hard] = raiseFileLimit();
    line("open files limit", u"soft %1, hard %2"_s.arg(soft).arg(hard));
    if (!m_o.spawn.isEmpty()) {
        spawnServers();
    } else {
        auto node = std::make_unique<Node>();
        node->url = m_o.url;
        node->mailDir = m_o.mailDir;
        node->pid = m_o.serverPid;
        m_nodes.push_back(std::move(node));
        QTimer::singleShot(0, &m_ctx, [this] { setupPlayers(); });
    }
}

QString Bench::nodeName(const Node &node) const
{
    return cluster() ? u"node %1"_s.arg(node.index + 1) : u"server"_s;
}

void Bench::spawnServers()
{
    if (!m_tmp.isValid())
        return fail(u"cannot create a temporary folder"_s);
    m_configPath = m_tmp.filePath(u"bench.ini"_s);
    QFile config(m_configPath);
    if (!config.open(QIODevice::WriteOnly))
        return fail(u"cannot write %1"_s.arg(m_configPath));
    // Every simulated client comes from 127.0.0.1: no per-address connection cap.
    config.write("max-connections=1000000\n"
                 "max-connections-per-address=0\n"
                 "[limits]\n"
                 "signup-per-address=100000:1\n"
                 "verify-per-address=100000:1\n"
                 "login-per-address=100000:1\n"
                 "challenges-per-user=100:10\n");
    config.close();
    // Every node of one database must have the same key (a node with another one refuses to
    // start); a lone SQLite server makes its own.
    QByteArray key;
    if (!m_o.database.isEmpty()) {
        for (int i = 0; i < 4; ++i) {
            key += QByteArray::number(QRandomGenerator::system()->generate64(), 16)
                       .rightJustified(16, '0');
        }
    }
    for (int i = 0; i < m_o.nodes; ++i) {
        auto node = std::make_unique<Node>();
        node->index = i;
        // A single server keeps the folder names it always had.
        const QString suffix = m_o.nodes > 1 ? QString::number(i + 1) : QString();
        node->dataDir = m_tmp.filePath(u"data"_s + suffix);
        node->mailDir = m_tmp.filePath(u"mail"_s + suffix);
        node->log = m_tmp.filePath(u"server%1.log"_s.arg(suffix));
        QDir().mkpath(node->dataDir);
        QDir().mkpath(node->mailDir);
        QString error;
        if (!key.isEmpty() && !writeSecretKey(node->dataDir, key, &error))
            return fail(error);
        m_nodes.push_back(std::move(node));
    }
    if (m_o.events > 1 && !createEvents())
        return;
    if (!m_o.database.isEmpty()) {
        const QString url = QUrl(m_o.database).toString(QUrl::RemovePassword);
        line("database",
            m_o.nodes > 1
                ? u"%1, %2 nodes (players and viewers spread round-robin)"_s.arg(url).arg(m_o.nodes)
                : url);
    }
    spawnServer(*m_nodes.front());
}

QString Bench::eventOf(int index) const
{
    const int event = index % m_o.events;
    return event == 0 ? u"main"_s : u"bench-%1"_s.arg(event);
}

bool Bench::createEvents()
{
    const double start = nowMs();
    for (int i = 1; i < m_o.events; ++i) {
        QProcess command;
        QStringList arguments { u"event"_s, u"create"_s, u"--slug"_s, eventOf(i), u"--title"_s,
            u"Bench %1"_s.arg(i), u"--data-dir"_s, m_nodes.front()->dataDir };
        if (!m_o.database.isEmpty())
            arguments << u"--database"_s << m_o.database;
        command.start(m_o.spawn, arguments);
        if (!command.waitForFinished(30000) || command.exitCode() != 0) {
            fail(u"event create %1 failed: %2"_s.arg(eventOf(i),
                QString::fromUtf8(command.readAllStandardError()).trimmed()));
            return false;
        }
    }
    line("events",
        u"%1 (main and %2 made with `event create` in %3 s); players and viewers spread "
        "round-robin"_s.arg(m_o.events)
            .arg(m_o.events - 1)
            .arg((nowMs() - start) / 1000, 0, 'f', 1));
    return true;
}

void Bench::spawnServer(Node &node)
{
    const quint16 port = test::freePort();
    node.url = QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port));
    node.process = std::make_unique<QProcess>();
    QProcess *server = node.process.get();
    Node *n = &node;
    server->setStandardErrorFile(node.log);
    QObject::connect(server, &QProcess::readyReadStandardOutput, &m_ctx, [this, n] {
        n->out += n->process->readAllStandardOutput();
        if (!n->up && n->out.contains("running at")) {
            n->up = true;
            n->pid = n->process->processId();
            line(qPrintable(nodeName(*n)),
                u"spawned, pid %1, %2"_s.arg(n->pid).arg(n->url.toString()));
            if (size_t(n->index) + 1 < m_nodes.size())
                spawnServer(*m_nodes[size_t(n->index) + 1]);
            else
                setupPlayers();
        }
    });
    QObject::connect(
        server, &QProcess::finished, &m_ctx, [this, n](int code, QProcess::ExitStatus status) {
            if (m_stopping)
                return;
            n->died = true;
            fail(u"%1 exited unexpectedly (%2 %3)"_s.arg(cluster() ? nodeName(*n) : u"the server"_s)
                     .arg(status == QProcess::CrashExit ? u"crash, signal"_s : u"exit code"_s)
                     .arg(code));
        });
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!m_o.keepNoGlibEnv)
        env.remove(u"QT_NO_GLIB"_s);
    for (const QString &pair : std::as_const(m_o.serverEnv)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0)
            env.insert(pair.left(eq), pair.mid(eq + 1));
    }
    server->setProcessEnvironment(env);
    QStringList arguments { u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port),
        u"--data-dir"_s, node.dataDir, u"--mail-dir"_s, node.mailDir, u"--config"_s, m_configPath };
    if (!m_o.database.isEmpty())
        arguments << u"--database"_s << m_o.database;
    server->start(m_o.spawn, arguments);
    QTimer::singleShot(30'000, &m_ctx, [this, n] {
        if (!n->up)
            fail(u"%1 did not print its \"running at\" line within 30 s"_s.arg(
                cluster() ? nodeName(*n) : u"the server"_s));
    });
}

void Bench::send(Player &p, MessageType type, const QJsonObject &data, ReplyHandler handler)
{
    const Request request { p.nextId++, type, data };
    p.waiting.insert(request.id, std::move(handler));
    p.socket->sendTextMessage(QString::fromUtf8(request.encode()));
}

void Bench::onPlayerMessage(Player &p, const QString &text)
{
    const auto message = decodeServerMessage(text.toUtf8());
    if (!message) {
        ++m_undecodable;
        return;
    }
    if (const auto *reply = std::get_if<Reply>(&*message)) {
        const auto handler = reply->re ? p.waiting.take(*reply->re) : ReplyHandler();
        if (handler)
            handler(*reply);
        else
            ++m_strayReplies;
        return;
    }
    const auto &event = std::get<Event>(*message);
    if (event.type == EventType::SessionRevoked)
        ++m_playerRevoked;
}

bool Bench::retryIfLimited(
    const Reply &reply, const Player &p, const QString &what, std::function<void()> again)
{
    if (!reply.ok && reply.error.code == ErrorCode::RateLimited) {
        QTimer::singleShot(std::max<qint64>(10, reply.error.retryAfterMs), &m_ctx, again);
        return true;
    }
    fail(u"%1 refused for %2: %3"_s.arg(what, p.email, describe(reply.error)));
    return false;
}

void Bench::setupPlayers()
{
    for (const auto &node : m_nodes) {
        if (node->mailDir.isEmpty() || !QDir(node->mailDir).exists())
            return fail(
                u"the mail folder '%1' does not exist (give --mail-dir)"_s.arg(node->mailDir));
        m_watcher.addPath(node->mailDir);
    }
    QObject::connect(
        &m_watcher, &QFileSystemWatcher::directoryChanged, &m_ctx, [this] { checkMail(); });
    m_mailPoll.setInterval(250); // in case the watcher misses a rename
    QObject::connect(&m_mailPoll, &QTimer::timeout, &m_ctx, [this] { checkMail(); });
    m_mailPoll.start();

    m_phaseStart = nowMs();
    for (int i = 0; i < m_o.players; ++i) {
        auto p = std::make_unique<Player>();
        p->index = i;
        p->email = u"load-%1-%2@example.org"_s.arg(m_prefix).arg(i);
        p->password = u"load bench %1 pass %2"_s.arg(m_prefix).arg(i);
        p->displayName = u"Load %1"_s.arg(i);
        p->deviceId = u"bench-%1-%2"_s.arg(m_prefix).arg(i);
        p->node = i % int(m_nodes.size());
        m_players.push_back(std::move(p));
    }
    if (m_players.empty())
        return playersReady();
    const int first = std::min<int>(m_o.setupConcurrency, int(m_players.size()));
    for (m_nextSetup = 0; m_nextSetup < first; ++m_nextSetup)
        setupPlayer(*m_players[size_t(m_nextSetup)]);
}

void Bench::setupPlayer(Player &p)
{
    p.socket = std::make_unique<QWebSocket>();
    Player *pp = &p;
    QObject::connect(p.socket.get(), &QWebSocket::textMessageReceived, &m_ctx,
        [this, pp](const QString &text) { onPlayerMessage(*pp, text); });
    QObject::connect(p.socket.get(), &QWebSocket::disconnected, &m_ctx, [this, pp] {
        if (m_stopping)
            return;
        ++m_playerDisconnects;
        if (!pp->ready)
            fail(u"player %1 lost its connection during setup: %2"_s.arg(pp->index).arg(
                pp->socket->errorString()));
    });
    QObject::connect(p.socket.get(), &QWebSocket::connected, &m_ctx, [this, pp] { signup(*pp); });
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QString::fromLatin1(kSubprotocol) });
    p.socket->open(QNetworkRequest(nodeOf(p).url), options);
}

void Bench::signup(Player &p)
{
    send(p, MessageType::AuthSignup, SignupRequest { p.email, p.password, p.displayName }.toJson(),
        [this, pp = &p](const Reply &reply) {
            if (reply.ok) {
                pp->waitingForCode = true;
                checkMail();
            } else {
                retryIfLimited(reply, *pp, u"sign-up"_s, [this, pp] { signup(*pp); });
            }
        });
}

void Bench::checkMail()
{
    for (auto &p : m_players) {
        if (!p->waitingForCode)
            continue;
        const QString code = test::codeFromMailDir(nodeOf(*p).mailDir, p->email);
        if (code.isEmpty())
            continue;
        p->waitingForCode = false;
        verify(*p, code);
    }
}

void Bench::verify(Player &p, const QString &code)
{
    send(p, MessageType::AuthVerify, VerifyRequest { p.email, code }.toJson(),
        [this, pp = &p, code](const Reply &reply) {
            if (reply.ok)
                login(*pp);
            else
                retryIfLimited(reply, *pp, u"verify"_s, [this, pp, code] { verify(*pp, code); });
        });
}

void Bench::login(Player &p)
{
    send(p, MessageType::AuthLogin, LoginRequest { p.email, p.password, p.deviceId, {} }.toJson(),
        [this, pp = &p](const Reply &reply) {
            if (!reply.ok) {
                retryIfLimited(reply, *pp, u"login"_s, [this, pp] { login(*pp); });
                return;
            }
            const auto parsed = LoginReply::fromJson(reply.data);
            if (const auto *error = std::get_if<Error>(&parsed))
                return fail(u"undecodable login reply: %1"_s.arg(describe(*error)));
            pp->userId = std::get<LoginReply>(parsed).user.id;
            pp->ready = true;
            m_ourUsers.insert(pp->userId);
            m_userNode.insert(pp->userId, pp->node);
            ++m_playersReady;
            if (m_nextSetup < int(m_players.size()))
                setupPlayer(*m_players[size_t(m_nextSetup++)]);
            if (m_playersReady == int(m_players.size()))
                playersReady();
        });
}

void Bench::playersReady()
{
    m_mailPoll.stop();
    const double s = (nowMs() - m_phaseStart) / 1000;
    line("setup: player accounts",
        u"%1 signed up, verified and logged in in %2 s (%3 at once)"_s.arg(m_o.players)
            .arg(s, 0, 'f', 2)
            .arg(m_o.setupConcurrency));
    for (auto &node : m_nodes)
        node->rssBefore = rssKb(node->pid);
    m_overflowsBefore = listenOverflows();
    m_phaseStart = nowMs();
    openViewerBatch();
}

void Bench::openViewerBatch()
{
    const int begin = int(m_viewers.size());
    const int end = std::min(m_o.viewers, begin + m_o.viewerBatch);
    if (begin >= end)
        return viewersReady();
    m_batchOutstanding = end - begin;
    m_batchStart = nowMs();
    const int sampleEvery = m_o.sample > 0 ? std::max(1, m_o.viewers / m_o.sample) : 0;
    const quint64 batchNo = ++m_batchNo;
    QTimer::singleShot(60'000, &m_ctx, [this, batchNo] {
        if (m_batchNo == batchNo && m_batchOutstanding > 0)
            fail(u"%1 viewer(s) of batch %2 got no subscribe reply within 60 s"_s
                     .arg(m_batchOutstanding)
                     .arg(batchNo));
    });
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QString::fromLatin1(kSubprotocol) });
    for (int i = begin; i < end; ++i) {
        auto viewer = std::make_unique<Viewer>();
        viewer->sampled = sampleEvery > 0 && i % sampleEvery == 0 && m_sampled < m_o.sample;
        // Round-robin over the nodes, sampled and other viewers each on their own count so
        // the sample is spread evenly too.
        viewer->node = int((viewer->sampled ? m_sampled : m_unsampled++) % int(m_nodes.size()));
        if (viewer->sampled)
            ++m_sampled;
        Node &node = *m_nodes[size_t(viewer->node)];
        ++node.viewers;
        viewer->socket = std::make_unique<QWebSocket>();
        Viewer *v = viewer.get();
        QWebSocket *ws = v->socket.get();
        QObject::connect(ws, &QWebSocket::connected, &m_ctx,
            [ws, limit = m_o.limit, event = m_o.events > 1 ? eventOf(i) : QString()] {
                ws->sendTextMessage(
                    QString::fromUtf8(Request { 1, MessageType::LeaderboardSubscribe,
                        SubscribeRequest { limit, event, 0 }.toJson() }
                                          .encode()));
            });
        QObject::connect(ws, &QWebSocket::textMessageReceived, &m_ctx,
            [this, v](const QString &text) { onViewerMessage(*v, text); });
        QObject::connect(ws, &QWebSocket::disconnected, &m_ctx, [this, v, i] {
            if (m_stopping)
                return;
            if (!v->subscribed)
                return fail(u"viewer %1 could not connect or subscribe: %2"_s.arg(i).arg(
                    v->socket->errorString()));
            const int code = int(v->socket->closeCode());
            ++m_viewerDrops[QString::number(code)];
            if (m_firstDropMs < 0)
                m_firstDropMs = nowMs();
        });
        ws->open(QNetworkRequest(node.url), options);
        m_viewers.push_back(std::move(viewer));
    }
}

void Bench::onViewerMessage(Viewer &v, const QString &text)
{
    if (v.subscribed && !v.sampled) {
        ++m_viewerMessages;
        m_viewerBytes += text.size();
        return;
    }
    const auto message = decodeServerMessage(text.toUtf8());
    if (!message) {
        ++m_undecodable;
        return;
    }
    if (!v.subscribed) {
        const auto *reply = std::get_if<Reply>(&*message);
        if (!reply)
            return fail(u"a viewer got an event before its subscribe reply"_s);
        if (!reply->ok)
            return fail(u"leaderboard.subscribe refused: %1"_s.arg(describe(reply->error)));
        v.subscribed = true;
        if (v.sampled)
            observeBoard(v, reply->data, false);
        if (--m_batchOutstanding == 0) {
            const double batchMs = nowMs() - m_batchStart;
            m_slowestBatchMs = std::max(m_slowestBatchMs, batchMs);
            QTimer::singleShot(0, &m_ctx, [this] { openViewerBatch(); });
        }
        return;
    }
    ++m_viewerMessages;
    m_viewerBytes += text.size();
    if (const auto *event = std::get_if<Event>(&*message);
        event && event->type == EventType::Leaderboard) {
        observeBoard(v, event->data, true);
    }
}

void Bench::observeBoard(Viewer &v, const QJsonObject &data, bool timed)
{
    const auto parsed = Leaderboard::fromJson(data);
    if (std::holds_alternative<Error>(parsed)) {
        ++m_undecodable;
        return;
    }
    const auto &board = std::get<Leaderboard>(parsed);
    if (board.version < v.version)
        ++m_versionRegressions;
    v.version = board.version;
    if (timed && m_inWindow)
        ++m_sampledEvents;
    const double now = nowMs();
    for (const BoardEntry &entry : board.top) {
        qint64 &seen = v.seen[entry.userId];
        if (entry.score <= seen)
            continue;
        seen = entry.score;
        if (!timed || !m_inWindow || !m_ourUsers.contains(entry.userId))
            continue;
        const auto it = m_replyAtMs.constFind({ entry.userId, entry.score });
        if (it == m_replyAtMs.cend()) {
            ++m_boardBeforeReply;
            continue;
        }
        m_boardLatency.push_back(now - *it);
        if (cluster()) {
            auto &byNode = m_userNode.value(entry.userId, -1) == v.node ? m_boardLatencySame
                                                                        : m_boardLatencyOther;
            byNode.push_back(now - *it);
        }
    }
}

void Bench::viewersReady()
{
    const double s = (nowMs() - m_phaseStart) / 1000;
    line("setup: viewers",
        u"%1 connected and subscribed in %2 s (batches of %3, slowest batch %4 ms), %5 sampled"_s
            .arg(m_o.viewers)
            .arg(s, 0, 'f', 2)
            .arg(m_o.viewerBatch)
            .arg(m_slowestBatchMs, 0, 'f', 0)
            .arg(m_sampled));
    const qint64 overflows = listenOverflows();
    if (m_o.viewers > 0 && overflows >= 0 && m_overflowsBefore >= 0) {
        line("setup: listen queue overflows",
            u"%1 (TcpExt ListenOverflows, system-wide; each dropped SYN is retried after ~1 s)"_s
                .arg(overflows - m_overflowsBefore));
    }
    for (auto &node : m_nodes)
        node->rssAfter = rssKb(node->pid);
    startDriving();
}

void Bench::startDriving()
{
    m_driving = true;
    m_bucketTokens = 1;
    m_bucketAtMs = nowMs();
    for (auto &p : m_players)
        requestChallenge(*p);
    QTimer::singleShot(int(m_o.warmup * 1000), Qt::PreciseTimer, &m_ctx, [this] { beginWindow(); });
}

void Bench::requestChallenge(Player &p)
{
    if (!m_driving)
        return;
    const QJsonObject data
        = m_o.events > 1 ? ChallengeRequest { eventOf(p.index), {} }.toJson() : QJsonObject();
    send(p, MessageType::ScoreChallenge, data, [this, pp = &p](const Reply &reply) {
        if (!reply.ok) {
            ++m_challengeRefused[errorCodeName(reply.error.code)];
            QTimer::singleShot(std::max<qint64>(10, reply.error.retryAfterMs), &m_ctx,
                [this, pp] { requestChallenge(*pp); });
            return;
        }
        const auto parsed = ChallengeReply::fromJson(reply.data);
        if (std::holds_alternative<Error>(parsed)) {
            ++m_undecodable;
            return;
        }
        const auto &challenge = std::get<ChallengeReply>(parsed);
        pp->challengeId = challenge.challengeId;
        m_notBeforeMs = challenge.notBeforeMs;
        QTimer::singleShot(
            std::chrono::milliseconds(challenge.notBeforeMs), Qt::PreciseTimer, &m_ctx, [this, pp] {
                m_ready.push_back(pp);
                pumpBucket();
            });
    });
}

void Bench::pumpBucket()
{
    if (!m_driving) {
        m_ready.clear();
        return;
    }
    if (m_o.rate <= 0) {
        while (!m_ready.empty()) {
            Player *p = m_ready.front();
            m_ready.pop_front();
            act(*p);
        }
        return;
    }
    const double now = nowMs();
    const double burst = std::max(1.0, m_o.rate / 100);
    m_bucketTokens = std::min(burst, m_bucketTokens + (now - m_bucketAtMs) * m_o.rate / 1000);
    m_bucketAtMs = now;
    while (!m_ready.empty() && m_bucketTokens >= 1) {
        m_bucketTokens -= 1;
        Player *p = m_ready.front();
        m_ready.pop_front();
        act(*p);
    }
    if (!m_ready.empty() && !m_bucketTimer.isActive()) {
        const double waitMs = (1 - m_bucketTokens) * 1000 / m_o.rate;
        m_bucketTimer.start(std::max(1, int(std::ceil(waitMs))));
    }
}

void Bench::act(Player &p)
{
    const double sentAt = nowMs();
    send(p, MessageType::ScoreAction, ActionRequest { p.challengeId }.toJson(),
        [this, pp = &p, sentAt](const Reply &reply) {
            const double now = nowMs();
            if (!reply.ok) {
                ++m_actionRefused[errorCodeName(reply.error.code)];
                return;
            }
            const auto parsed = ActionReply::fromJson(reply.data);
            if (std::holds_alternative<Error>(parsed)) {
                ++m_undecodable;
                return;
            }
            const auto &action = std::get<ActionReply>(parsed);
            m_replyAtMs.insert({ pp->userId, action.score }, now);
            ++m_accepted;
            if (m_inWindow)
                m_actionLatency.push_back(now - sentAt);
        });
    // Pipelined: the next challenge is asked for at once (the server answers it after the
    // action, as a connection's requests take effect in order).
    requestChallenge(p);
}

} // namespace scoreboard::bench
