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

Bench::Snapshot Bench::snapshot() const
{
    std::vector<double> serverCpu;
    for (const auto &node : m_nodes)
        serverCpu.push_back(processCpuSeconds(node->pid));
    return { nowMs(), selfCpuSeconds(), serverCpu,
        m_o.postgresPid > 0 ? processTreeCpuSeconds(m_o.postgresPid) : -1, m_accepted,
        m_viewerMessages, m_viewerBytes, m_actionRefused, m_challengeRefused };
}

void Bench::beginWindow()
{
    if (m_failed)
        return;
    m_begin = snapshot();
    m_inWindow = true;
    QTimer::singleShot(int(m_o.seconds * 1000), Qt::PreciseTimer, &m_ctx, [this] { endWindow(); });
}

void Bench::endWindow()
{
    if (m_failed)
        return;
    m_end = snapshot();
    m_inWindow = false;
    m_driving = false;
    m_bucketTimer.stop();
    m_ready.clear();
    m_drainStart = nowMs();
    QObject::connect(&m_drainPoll, &QTimer::timeout, &m_ctx, [this] {
        const bool idle = std::all_of(
            m_players.begin(), m_players.end(), [](const auto &p) { return p->waiting.isEmpty(); });
        if (idle || nowMs() - m_drainStart > 10'000) {
            m_drainPoll.stop();
            m_unanswered = 0;
            for (const auto &p : m_players)
                m_unanswered += p->waiting.size();
            report();
            bool ok = m_end.accepted - m_begin.accepted > 0;
            // Not a speed: a cluster whose boards never carry another node's scores is broken.
            if (cluster() && m_sampled >= int(m_nodes.size()) && m_boardLatencyOther.empty()) {
                std::printf("FAILED: no viewer saw a new score of a player on another node\n");
                ok = false;
            }
            stop(ok ? 0 : 1);
        }
    });
    m_drainPoll.start(50);
}

void Bench::report()
{
    const double wallS = (m_end.atMs - m_begin.atMs) / 1000;
    const qint64 accepted = m_end.accepted - m_begin.accepted;
    const double selfCpu = (m_end.selfCpu - m_begin.selfCpu) / wallS * 100;
    std::sort(m_boardLatency.begin(), m_boardLatency.end());
    std::sort(m_boardLatencySame.begin(), m_boardLatencySame.end());
    std::sort(m_boardLatencyOther.begin(), m_boardLatencyOther.end());
    std::sort(m_actionLatency.begin(), m_actionLatency.end());
    auto ms = [](double v) { return QString::number(v, 'f', 1); };
    auto latencies = [&ms](std::vector<double> &sorted) {
        return u"%1 / %2 / %3 / %4  (%5 samples)"_s
            .arg(ms(quantile(sorted, 0.5)), ms(quantile(sorted, 0.9)), ms(quantile(sorted, 0.99)),
                ms(sorted.empty() ? 0 : sorted.back()))
            .arg(sorted.size());
    };

    std::printf("\n== bench_load figures (measured window %.2f s after %.1f s warm-up) ==\n", wallS,
        m_o.warmup);
    line("workload",
        u"%1 viewers (board limit %2, %3 sampled), %4 players, target %5 actions/s"_s
            .arg(m_o.viewers)
            .arg(m_o.limit)
            .arg(m_sampled)
            .arg(m_o.players)
            .arg(m_o.rate > 0 ? QString::number(m_o.rate) : u"unlimited"_s));
    line("actions/s accepted:", QString::number(double(accepted) / wallS, 'f', 1));
    if (!m_actionLatency.empty()) {
        // One challenge at a time per player: each waits notBeforeMs, then the action's
        // reply, before its next challenge is answered.
        const double cycleMs = double(m_notBeforeMs) + quantile(m_actionLatency, 0.5);
        line("pacing ceiling of this driver:",
            u"%1 players x 1000 / (%2 ms notBefore + %3 ms action reply p50) = %4 actions/s"_s
                .arg(m_o.players)
                .arg(m_notBeforeMs)
                .arg(quantile(m_actionLatency, 0.5), 0, 'f', 1)
                .arg(double(m_o.players) * 1000 / cycleMs, 0, 'f', 0));
    }
    line("actions accepted:", u"%1 in the window (%2 in all)"_s.arg(accepted).arg(m_accepted));
    line("actions refused:", countsText(difference(m_end.actionRefused, m_begin.actionRefused)));
    line("challenges refused:",
        countsText(difference(m_end.challengeRefused, m_begin.challengeRefused)));
    line("action reply latency p50/p99/max (ms):",
        u"%1 / %2 / %3"_s.arg(ms(quantile(m_actionLatency, 0.5)),
            ms(quantile(m_actionLatency, 0.99)),
            ms(m_actionLatency.empty() ? 0 : m_actionLatency.back())));
    line("board latency p50/p90/p99/max (ms):",
        u"%1 / %2 / %3 / %4  (%5 samples; %6 board entries seen before their action reply)"_s
            .arg(ms(quantile(m_boardLatency, 0.5)), ms(quantile(m_boardLatency, 0.9)),
                ms(quantile(m_boardLatency, 0.99)),
                ms(m_boardLatency.empty() ? 0 : m_boardLatency.back()))
            .arg(m_boardLatency.size())
            .arg(m_boardBeforeReply));
    if (cluster() && m_sampled > 0) {
        line("  viewer on the player's node:", latencies(m_boardLatencySame));
        line("  viewer on another node:", latencies(m_boardLatencyOther));
    }
    line("board updates/s per sampled viewer:",
        m_sampled > 0 ? QString::number(double(m_sampledEvents) / m_sampled / wallS, 'f', 1)
                      : u"n/a"_s);
    line("deliveries/s:",
        u"%1 (%2 MB/s)"_s
            .arg(double(m_end.viewerMessages - m_begin.viewerMessages) / wallS, 0, 'f', 0)
            .arg(double(m_end.viewerBytes - m_begin.viewerBytes) / wallS / 1e6, 0, 'f', 2));
    qint64 drops = 0;
    for (const auto &[code, count] : m_viewerDrops)
        drops += count;
    line("viewers disconnected by the server:",
        drops == 0 ? u"0"_s
                   : u"%1 close codes %2, first %3 s after driving began"_s.arg(drops)
                         .arg(countsText(m_viewerDrops))
                         .arg((m_firstDropMs - m_begin.atMs) / 1000 + m_o.warmup, 0, 'f', 1));
    if (m_playerDisconnects > 0 || m_playerRevoked > 0 || m_versionRegressions > 0
        || m_undecodable > 0 || m_strayReplies > 0 || m_unanswered > 0) {
        line("anomalies:",
            u"player disconnects %1, sessions revoked %2, board version regressions %3, "
            "undecodable frames %4, stray replies %5, unanswered requests at end %6"_s
                .arg(m_playerDisconnects)
                .arg(m_playerRevoked)
                .arg(m_versionRegressions)
                .arg(m_undecodable)
                .arg(m_strayReplies)
                .arg(m_unanswered));
    }
    for (const auto &node : m_nodes) {
        const QByteArray label = (nodeName(*node) + u" RSS:"_s).toUtf8();
        if (node->rssBefore > 0 && node->rssAfter > 0) {
            const double perViewer
                = node->viewers > 0 ? double(node->rssAfter - node->rssBefore) / node->viewers : 0;
            line(label.constData(),
                u"before %1 MB, after %2 MB, per viewer %3 KB (end of run %4 MB)"_s
                    .arg(double(node->rssBefore) / 1024, 0, 'f', 1)
                    .arg(double(node->rssAfter) / 1024, 0, 'f', 1)
                    .arg(perViewer, 0, 'f', 1)
                    .arg(double(rssKb(node->pid)) / 1024, 0, 'f', 1));
        } else {
            line(label.constData(), u"n/a (give --server-pid or --spawn)"_s);
        }
    }
    line("driver CPU:", u"%1% of one core"_s.arg(selfCpu, 0, 'f', 0));
    double serverCpu = 0;
    bool serverCpuKnown = !m_nodes.empty();
    QStringList perNode;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const double before = m_begin.serverCpu.at(i);
        const double after = m_end.serverCpu.at(i);
        if (before < 0 || after < 0) {
            serverCpuKnown = false;
            perNode.append(u"%1 n/a"_s.arg(nodeName(*m_nodes[i])));
            continue;
        }
        serverCpu += (after - before) / wallS * 100;
        perNode.append(
            u"%1 %2%"_s.arg(nodeName(*m_nodes[i])).arg((after - before) / wallS * 100, 0, 'f', 0));
    }
    if (!cluster()) {
        line("server CPU:",
            serverCpuKnown ? u"%1% of one core"_s.arg(serverCpu, 0, 'f', 0) : u"n/a"_s);
    } else {
        line("server CPU (all nodes):",
            u"%1% of one core (%2)"_s
                .arg(serverCpuKnown ? QString::number(serverCpu, 'f', 0) : u"n/a"_s)
                .arg(perNode.join(u", "_s)));
    }
    if (m_o.postgresPid > 0) {
        line("PostgreSQL CPU:",
            m_begin.postgresCpu >= 0 && m_end.postgresCpu >= 0
                ? u"%1% of one core (postmaster %2 and its processes)"_s
                      .arg((m_end.postgresCpu - m_begin.postgresCpu) / wallS * 100, 0, 'f', 0)
                      .arg(m_o.postgresPid)
                : u"n/a (no process %1)"_s.arg(m_o.postgresPid));
    }
    if (selfCpu > 90)
        std::printf("WARNING: driver saturated; figures are a lower bound\n");
    std::fflush(stdout);
}

void Bench::fail(const QString &why)
{
    if (m_failed || m_stopping)
        return;
    m_failed = true;
    std::fprintf(stderr, "bench_load: setup or run failed: %s\n", qPrintable(why));
    stop(1);
}

void Bench::stop(int code)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_exitCode = code;
    m_driving = false;
    m_inWindow = false;
    m_bucketTimer.stop();
    m_mailPoll.stop();
    m_drainPoll.stop();
    // Count first, then close: a socket with nothing left to write emits disconnected()
    // from within close().
    std::vector<QWebSocket *> open;
    for (auto &p : m_players) {
        if (p->socket && p->socket->state() != QAbstractSocket::UnconnectedState)
            open.push_back(p->socket.get());
    }
    for (auto &v : m_viewers) {
        if (v->socket->state() != QAbstractSocket::UnconnectedState)
            open.push_back(v->socket.get());
    }
    m_closing = int(open.size());
    for (QWebSocket *ws : open) {
        QObject::connect(ws, &QWebSocket::disconnected, &m_ctx, [this] {
            if (--m_closing == 0)
                QTimer::singleShot(0, &m_ctx, [this] { stopServer(); });
        });
    }
    for (QWebSocket *ws : open)
        ws->close();
    if (open.empty())
        QTimer::singleShot(0, &m_ctx, [this] { stopServer(); });
    QTimer::singleShot(10'000, &m_ctx, [this] {
        if (m_closing > 0)
            stopServer();
    });
}

void Bench::stopServer()
{
    if (m_serverStopping)
        return;
    m_serverStopping = true;
    for (auto &v : m_viewers)
        v->socket->abort();
    for (auto &p : m_players) {
        if (p->socket)
            p->socket->abort();
    }
    std::vector<Node *> running;
    for (auto &node : m_nodes) {
        if (node->process && node->process->state() != QProcess::NotRunning)
            running.push_back(node.get());
    }
    m_serversRunning = int(running.size());
    if (running.empty()) {
        summarizeServerLogs();
        return QCoreApplication::exit(m_exitCode);
    }
    for (Node *n : running) {
        QObject::connect(n->process.get(), &QProcess::finished, &m_ctx,
            [this, n](int code, QProcess::ExitStatus status) {
                if (status != QProcess::NormalExit || code != 0)
                    std::printf("%s exit: %s %d\n", qPrintable(nodeName(*n)),
                        status == QProcess::CrashExit ? "crashed" : "exit code", code);
                if (--m_serversRunning > 0)
                    return;
                summarizeServerLogs();
                QCoreApplication::exit(m_exitCode);
            });
        n->process->terminate();
    }
    QTimer::singleShot(20'000, &m_ctx, [this, running] {
        for (Node *n : running) {
            if (n->process->state() != QProcess::NotRunning) {
                std::printf("%s did not stop within 20 s of SIGTERM; killing it\n",
                    qPrintable(nodeName(*n)));
                n->process->kill();
            }
        }
    });
}

void Bench::summarizeServerLogs()
{
    for (const auto &node : m_nodes)
        summarizeServerLog(*node);
}

void Bench::summarizeServerLog(const Node &node)
{
    QFile log(node.log);
    if (node.log.isEmpty() || !log.open(QIODevice::ReadOnly))
        return;
    const QList<QByteArray> lines = log.readAll().split('\n');
    static const char *const routine[] = { "sign-up accepted", "address verified", "logged in",
        "mail written", "listening on", "mail is written to", "loaded the scores",
        "applied schema migration", "applying schema migration", "shutting down",
        "open files limit", "uses the shared database", "is listening for the other nodes",
        "resynchronised: 0 total(s), 0 socket(s) ended, 0 flag change(s)" };
    QList<QByteArray> notable;
    qint64 dropped = 0;
    for (const QByteArray &l : lines) {
        if (l.trimmed().isEmpty())
            continue;
        if (std::any_of(std::begin(routine), std::end(routine),
                [&l](const char *r) { return l.contains(r); }))
            continue;
        if (l.contains("dropping viewer"))
            ++dropped;
        notable.append(l);
    }
    if (notable.isEmpty() && !node.died)
        return;
    std::printf("%s log: %lld notable line(s) (%lld 'dropping viewer'); first ones:\n",
        qPrintable(nodeName(node)), qint64(notable.size()), dropped);
    for (qsizetype i = 0; i < std::min<qsizetype>(8, notable.size()); ++i)
        std::printf("  %s\n", notable[i].constData());
    std::fflush(stdout);
}

} // namespace scoreboard::bench
