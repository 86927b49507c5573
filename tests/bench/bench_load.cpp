// Load benchmark: many leaderboard viewers and a few busy players against a real
// scoreboard-server process over real WebSockets. It measures how many durable actions per second
// the server accepts, how long a committed action takes to show on viewers' boards, how many board
// deliveries per second the server pushes, and what each viewer connection costs the server in
// memory. Prints figures; asserts nothing about speed.
//
// The driver is one thread and fully event-driven (QWebSocket signals, QTimer). Most viewers only
// count what they receive; a sample of them decodes every event through the shared protocol
// library to time board updates against the action replies the players received, all on one
// clock in this process.
#include "messages.h"
#include "pgtest.h"
#include "protocol.h"
#include "testclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileSystemWatcher>
#include <QHash>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;

namespace {

struct Options
{
    QUrl url;
    QString mailDir;
    qint64 serverPid = 0;
    QString spawn;
    int viewers = 1000;
    int players = 50;
    double rate = 500;
    double seconds = 10;
    int limit = 10;
    int sample = 50;
    double warmup = 2;
    int viewerBatch = 200;
    int setupConcurrency = 8;
    QStringList serverEnv; ///< NAME=VALUE additions for a spawned server
    bool keepNoGlibEnv = true; ///< whether the spawned server keeps the environment's QT_NO_GLIB
    QString database; ///< postgresql:// URL given to every spawned node; empty: SQLite
    int nodes = 1; ///< spawned nodes sharing #database
    qint64 postgresPid = 0; ///< PostgreSQL's postmaster, for its CPU figure
};

// ---- process figures ---------------------------------------------------------------------

/// VmRSS of @p pid in KiB, or -1.
qint64 rssKb(qint64 pid)
{
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// The fields of /proc/@p pid/stat after "pid (comm)", from the state (field 3) on; empty if the
/// process is gone.
QList<QByteArray> statFields(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() >= 15 ? fields : QList<QByteArray>();
}

/// utime + stime of @p pid in seconds, or -1.
double processCpuSeconds(qint64 pid)
{
    // Fields after "pid (comm)": state is field 3, utime field 14, stime field 15.
    const QList<QByteArray> fields = statFields(pid);
    if (fields.isEmpty())
        return -1;
    const double ticks = double(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks / double(sysconf(_SC_CLK_TCK));
}

/// CPU seconds of @p pid, of its children it has reaped (cutime + cstime) and of its live
/// children, or -1: PostgreSQL's postmaster and its back ends (one process per connection).
double processTreeCpuSeconds(qint64 pid)
{
    const QList<QByteArray> own = statFields(pid);
    if (own.isEmpty())
        return -1;
    qint64 ticks
        = own[11].toLongLong() + own[12].toLongLong() + own[13].toLongLong() + own[14].toLongLong();
    const QByteArray parent = QByteArray::number(pid);
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 child = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        const QList<QByteArray> fields = statFields(child);
        if (!fields.isEmpty() && fields[1] == parent) // field 4: the parent's pid
            ticks += fields[11].toLongLong() + fields[12].toLongLong();
    }
    return double(ticks) / double(sysconf(_SC_CLK_TCK));
}

double selfCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// TcpExt ListenOverflows from /proc/net/netstat (system-wide: SYNs dropped because a listen
/// queue was full), or -1.
qint64 listenOverflows()
{
    QFile file(u"/proc/net/netstat"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i].startsWith("TcpExt:") || !lines[i + 1].startsWith("TcpExt:"))
            continue;
        const QList<QByteArray> names = lines[i].simplified().split(' ');
        const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
        const qsizetype at = names.indexOf("ListenOverflows");
        return at >= 0 && at < values.size() ? values[at].toLongLong() : -1;
    }
    return -1;
}

/// Raises the soft open-file limit to the hard one; returns {soft, hard} after the change.
std::pair<rlim_t, rlim_t> raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return { 0, 0 };
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return { limit.rlim_cur, limit.rlim_max };
}

// ---- small statistics helpers ------------------------------------------------------------

double quantile(std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    const auto index = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
    return sorted[index];
}

QString describe(const Error &error)
{
    return u"%1 (%2)"_s.arg(errorCodeName(error.code), error.message);
}

QString countsText(const std::map<QString, qint64> &counts)
{
    QStringList parts;
    for (const auto &[name, count] : counts)
        parts.append(u"%1: %2"_s.arg(name).arg(count));
    return u"{"_s + parts.join(u", "_s) + u"}"_s;
}

std::map<QString, qint64> difference(
    const std::map<QString, qint64> &after, const std::map<QString, qint64> &before)
{
    std::map<QString, qint64> result;
    for (const auto &[name, count] : after) {
        const auto it = before.find(name);
        const qint64 delta = count - (it == before.end() ? 0 : it->second);
        if (delta != 0)
            result[name] = delta;
    }
    return result;
}

void line(const char *label, const QString &value)
{
    std::printf("%-40s %s\n", label, qPrintable(value));
    std::fflush(stdout);
}

// ---- the driver --------------------------------------------------------------------------

using ReplyHandler = std::function<void(const Reply &)>;

struct Player
{
    int index = 0;
    QString email;
    QString password;
    QString displayName;
    QString deviceId;
    std::unique_ptr<QWebSocket> socket;
    qint64 nextId = 1;
    QHash<qint64, ReplyHandler> waiting;
    qint64 userId = 0;
    int node = 0; ///< index of the node it is connected to
    bool waitingForCode = false;
    bool ready = false;
    QString challengeId;
};

struct Viewer
{
    std::unique_ptr<QWebSocket> socket;
    int node = 0; ///< index of the node it is connected to
    bool sampled = false;
    bool subscribed = false;
    qint64 version = -1;
    QHash<qint64, qint64> seen; ///< highest score seen per user (sampled viewers only)
};

/// One scoreboard-server the driver talks to: spawned by it, or a running one (--url).
struct Node
{
    int index = 0;
    QUrl url;
    QString dataDir;
    QString mailDir;
    qint64 pid = 0;
    std::unique_ptr<QProcess> process; ///< null when attached to a running server
    QByteArray out;
    QString log;
    bool up = false;
    bool died = false;
    int viewers = 0;
    qint64 rssBefore = -1;
    qint64 rssAfter = -1;
};

/// Writes @p key (hex) as @p dataDir/secret.key with mode 0600, as a node expects it.
bool writeSecretKey(const QString &dataDir, const QByteArray &key, QString *error)
{
    QFile file(QDir(dataDir).filePath(u"secret.key"_s));
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key + '\n') < 0) {
        *error = u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

class Bench
{
public:
    explicit Bench(Options options)
        : m_o(std::move(options))
    {
        m_clock.start();
        m_prefix = QString::number(QRandomGenerator::system()->generate64() & 0xffffffffffULL, 36);
        m_bucketTimer.setSingleShot(true);
        m_bucketTimer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_bucketTimer, &QTimer::timeout, &m_ctx, [this] { pumpBucket(); });
    }

    void start()
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

private:
    double nowMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }

    bool cluster() const { return m_nodes.size() > 1; }

    /// "server" for a single server (the output as it always was), "node N" in a cluster.
    QString nodeName(const Node &node) const
    {
        return cluster() ? u"node %1"_s.arg(node.index + 1) : u"server"_s;
    }

    Node &nodeOf(const Player &p) { return *m_nodes[size_t(p.node)]; }

    // ---- server processes ----------------------------------------------------------------

    /// Prepares --nodes data folders (one shared secret.key when they share a database) and
    /// starts the first node; each further node starts when the one before it is up, so only
    /// one of them runs the database migrations.
    void spawnServers()
    {
        if (!m_tmp.isValid())
            return fail(u"cannot create a temporary folder"_s);
        m_configPath = m_tmp.filePath(u"bench.ini"_s);
        QFile config(m_configPath);
        if (!config.open(QIODevice::WriteOnly))
            return fail(u"cannot write %1"_s.arg(m_configPath));
        config.write("[limits]\n"
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
        if (!m_o.database.isEmpty()) {
            const QString url = QUrl(m_o.database).toString(QUrl::RemovePassword);
            line("database",
                m_o.nodes > 1
                    ? u"%1, %2 nodes (players and viewers spread round-robin)"_s.arg(url).arg(
                        m_o.nodes)
                    : url);
        }
        spawnServer(*m_nodes.front());
    }

    void spawnServer(Node &node)
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
                fail(u"%1 exited unexpectedly (%2 %3)"_s
                         .arg(cluster() ? nodeName(*n) : u"the server"_s)
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
            u"--data-dir"_s, node.dataDir, u"--mail-dir"_s, node.mailDir, u"--config"_s,
            m_configPath };
        if (!m_o.database.isEmpty())
            arguments << u"--database"_s << m_o.database;
        server->start(m_o.spawn, arguments);
        QTimer::singleShot(30'000, &m_ctx, [this, n] {
            if (!n->up)
                fail(u"%1 did not print its \"running at\" line within 30 s"_s.arg(
                    cluster() ? nodeName(*n) : u"the server"_s));
        });
    }

    // ---- player sockets ------------------------------------------------------------------

    void send(Player &p, MessageType type, const QJsonObject &data, ReplyHandler handler)
    {
        const Request request { p.nextId++, type, data };
        p.waiting.insert(request.id, std::move(handler));
        p.socket->sendTextMessage(QString::fromUtf8(request.encode()));
    }

    void onPlayerMessage(Player &p, const QString &text)
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

    /// Rate-limited replies are retried after the wait the server names; anything else fails.
    bool retryIfLimited(
        const Reply &reply, const Player &p, const QString &what, std::function<void()> again)
    {
        if (!reply.ok && reply.error.code == ErrorCode::RateLimited) {
            QTimer::singleShot(std::max<qint64>(10, reply.error.retryAfterMs), &m_ctx, again);
            return true;
        }
        fail(u"%1 refused for %2: %3"_s.arg(what, p.email, describe(reply.error)));
        return false;
    }

    void setupPlayers()
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

    void setupPlayer(Player &p)
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
        QObject::connect(
            p.socket.get(), &QWebSocket::connected, &m_ctx, [this, pp] { signup(*pp); });
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QString::fromLatin1(kSubprotocol) });
        p.socket->open(QNetworkRequest(nodeOf(p).url), options);
    }

    void signup(Player &p)
    {
        send(p, MessageType::AuthSignup,
            SignupRequest { p.email, p.password, p.displayName }.toJson(),
            [this, pp = &p](const Reply &reply) {
                if (reply.ok) {
                    pp->waitingForCode = true;
                    checkMail();
                } else {
                    retryIfLimited(reply, *pp, u"sign-up"_s, [this, pp] { signup(*pp); });
                }
            });
    }

    void checkMail()
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

    void verify(Player &p, const QString &code)
    {
        send(p, MessageType::AuthVerify, VerifyRequest { p.email, code }.toJson(),
            [this, pp = &p, code](const Reply &reply) {
                if (reply.ok)
                    login(*pp);
                else
                    retryIfLimited(
                        reply, *pp, u"verify"_s, [this, pp, code] { verify(*pp, code); });
            });
    }

    void login(Player &p)
    {
        send(p, MessageType::AuthLogin,
            LoginRequest { p.email, p.password, p.deviceId, {} }.toJson(),
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

    void playersReady()
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

    // ---- viewers -------------------------------------------------------------------------

    void openViewerBatch()
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
            QObject::connect(ws, &QWebSocket::connected, &m_ctx, [ws, limit = m_o.limit] {
                ws->sendTextMessage(QString::fromUtf8(Request {
                    1, MessageType::LeaderboardSubscribe, SubscribeRequest { limit }.toJson() }
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

    void onViewerMessage(Viewer &v, const QString &text)
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

    void observeBoard(Viewer &v, const QJsonObject &data, bool timed)
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

    void viewersReady()
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

    // ---- driving -------------------------------------------------------------------------

    void startDriving()
    {
        m_driving = true;
        m_bucketTokens = 1;
        m_bucketAtMs = nowMs();
        for (auto &p : m_players)
            requestChallenge(*p);
        QTimer::singleShot(
            int(m_o.warmup * 1000), Qt::PreciseTimer, &m_ctx, [this] { beginWindow(); });
    }

    void requestChallenge(Player &p)
    {
        if (!m_driving)
            return;
        send(p, MessageType::ScoreChallenge, {}, [this, pp = &p](const Reply &reply) {
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
            QTimer::singleShot(std::chrono::milliseconds(challenge.notBeforeMs), Qt::PreciseTimer,
                &m_ctx, [this, pp] {
                    m_ready.push_back(pp);
                    pumpBucket();
                });
        });
    }

    /// Hands actions out evenly at the target rate (a token bucket holding ~10 ms of tokens).
    void pumpBucket()
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

    void act(Player &p)
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

    // ---- measured window -----------------------------------------------------------------

    struct Snapshot
    {
        double atMs = 0;
        double selfCpu = 0;
        std::vector<double> serverCpu; ///< per node, -1 where unknown
        double postgresCpu = -1;
        qint64 accepted = 0;
        qint64 viewerMessages = 0;
        qint64 viewerBytes = 0;
        std::map<QString, qint64> actionRefused;
        std::map<QString, qint64> challengeRefused;
    };

    Snapshot snapshot() const
    {
        std::vector<double> serverCpu;
        for (const auto &node : m_nodes)
            serverCpu.push_back(processCpuSeconds(node->pid));
        return { nowMs(), selfCpuSeconds(), serverCpu,
            m_o.postgresPid > 0 ? processTreeCpuSeconds(m_o.postgresPid) : -1, m_accepted,
            m_viewerMessages, m_viewerBytes, m_actionRefused, m_challengeRefused };
    }

    void beginWindow()
    {
        if (m_failed)
            return;
        m_begin = snapshot();
        m_inWindow = true;
        QTimer::singleShot(
            int(m_o.seconds * 1000), Qt::PreciseTimer, &m_ctx, [this] { endWindow(); });
    }

    void endWindow()
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
            const bool idle = std::all_of(m_players.begin(), m_players.end(),
                [](const auto &p) { return p->waiting.isEmpty(); });
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

    void report()
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
                .arg(ms(quantile(sorted, 0.5)), ms(quantile(sorted, 0.9)),
                    ms(quantile(sorted, 0.99)), ms(sorted.empty() ? 0 : sorted.back()))
                .arg(sorted.size());
        };

        std::printf("\n== bench_load figures (measured window %.2f s after %.1f s warm-up) ==\n",
            wallS, m_o.warmup);
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
        line(
            "actions refused:", countsText(difference(m_end.actionRefused, m_begin.actionRefused)));
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
                const double perViewer = node->viewers > 0
                    ? double(node->rssAfter - node->rssBefore) / node->viewers
                    : 0;
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
            perNode.append(u"%1 %2%"_s.arg(nodeName(*m_nodes[i]))
                               .arg((after - before) / wallS * 100, 0, 'f', 0));
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

    // ---- ending --------------------------------------------------------------------------

    void fail(const QString &why)
    {
        if (m_failed || m_stopping)
            return;
        m_failed = true;
        std::fprintf(stderr, "bench_load: setup or run failed: %s\n", qPrintable(why));
        stop(1);
    }

    void stop(int code)
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

    void stopServer()
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

    /// Shows what the spawned servers logged beyond routine account messages.
    void summarizeServerLogs()
    {
        for (const auto &node : m_nodes)
            summarizeServerLog(*node);
    }

    void summarizeServerLog(const Node &node)
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

    Options m_o;
    QObject m_ctx; ///< context of every connection and timer, destroyed with the driver
    QElapsedTimer m_clock;
    QString m_prefix;
    QTemporaryDir m_tmp;
    QString m_configPath;
    std::vector<std::unique_ptr<Node>> m_nodes;
    int m_serversRunning = 0;
    QFileSystemWatcher m_watcher;
    QTimer m_mailPoll;

    std::vector<std::unique_ptr<Player>> m_players;
    std::vector<std::unique_ptr<Viewer>> m_viewers;
    QSet<qint64> m_ourUsers;
    QHash<qint64, int> m_userNode; ///< userId → index of the player's node
    int m_nextSetup = 0;
    int m_playersReady = 0;
    double m_phaseStart = 0;
    int m_batchOutstanding = 0;
    quint64 m_batchNo = 0;
    double m_batchStart = 0;
    double m_slowestBatchMs = 0;
    int m_sampled = 0;
    int m_unsampled = 0;
    qint64 m_overflowsBefore = -1;

    bool m_driving = false;
    bool m_inWindow = false;
    std::deque<Player *> m_ready;
    QTimer m_bucketTimer;
    double m_bucketTokens = 0;
    double m_bucketAtMs = 0;

    qint64 m_notBeforeMs = 0;
    qint64 m_accepted = 0;
    std::map<QString, qint64> m_actionRefused;
    std::map<QString, qint64> m_challengeRefused;
    QHash<std::pair<qint64, qint64>, double> m_replyAtMs; ///< (userId, score) → reply time
    std::vector<double> m_actionLatency;
    std::vector<double> m_boardLatency;
    std::vector<double> m_boardLatencySame; ///< viewer on the player's node (clusters only)
    std::vector<double> m_boardLatencyOther; ///< viewer on another node (clusters only)
    qint64 m_boardBeforeReply = 0;
    qint64 m_sampledEvents = 0;
    qint64 m_viewerMessages = 0;
    qint64 m_viewerBytes = 0;
    std::map<QString, qint64> m_viewerDrops;
    double m_firstDropMs = -1;
    qint64 m_playerDisconnects = 0;
    qint64 m_playerRevoked = 0;
    qint64 m_versionRegressions = 0;
    qint64 m_undecodable = 0;
    qint64 m_strayReplies = 0;
    qint64 m_unanswered = 0;

    Snapshot m_begin;
    Snapshot m_end;
    QTimer m_drainPoll;
    double m_drainStart = 0;

    bool m_failed = false;
    bool m_stopping = false;
    bool m_serverStopping = false;
    int m_closing = 0;
    int m_exitCode = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    // The driver watches thousands of sockets on one thread. Qt's UNIX event dispatcher keeps
    // them in a hash; the GLib one keeps a list that every write-notifier toggle walks. A spawned
    // server still gets the environment as it was (override with --server-env QT_NO_GLIB=1).
    const bool userSetNoGlib = qEnvironmentVariableIsSet("QT_NO_GLIB");
    if (!userSetNoGlib)
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load benchmark: leaderboard viewers and scoring players against scoreboard-server.\n"
        "Either --spawn PATH (starts and stops its own server) or --url + --mail-dir "
        "(+ --server-pid for memory and CPU figures) for a running one. With --spawn, "
        "--database and --nodes N start N servers sharing one PostgreSQL database."_s);
    parser.addHelpOption();
    parser.addOptions({
        { u"url"_s, u"WebSocket URL of a running server, e.g. ws://127.0.0.1:8080/ws."_s,
            u"url"_s },
        { u"mail-dir"_s, u"Mail folder of that server (to read sign-up codes)."_s, u"dir"_s },
        { u"server-pid"_s, u"Process id of that server (RSS and CPU figures)."_s, u"pid"_s },
        { u"spawn"_s, u"Start this scoreboard-server binary on a free port and stop it after."_s,
            u"path"_s },
        { u"viewers"_s, u"Leaderboard viewer sockets (default 1000)."_s, u"n"_s, u"1000"_s },
        { u"players"_s, u"Scoring players (default 50)."_s, u"n"_s, u"50"_s },
        { u"rate"_s, u"Target actions/s over all players; 0 = as fast as possible (default 500)."_s,
            u"r"_s, u"500"_s },
        { u"seconds"_s, u"Measured run time (default 10)."_s, u"s"_s, u"10"_s },
        { u"limit"_s, u"Board size the viewers subscribe to (default 10)."_s, u"n"_s, u"10"_s },
        { u"sample"_s, u"Viewers that decode every event to time it (default 50)."_s, u"k"_s,
            u"50"_s },
        { u"warmup"_s, u"Seconds of driving before the measured window (default 2)."_s, u"s"_s,
            u"2"_s },
        { u"batch"_s, u"Viewer sockets opened at once during setup (default 200)."_s, u"n"_s,
            u"200"_s },
        { u"server-env"_s, u"NAME=VALUE added to the spawned server's environment (repeatable)."_s,
            u"pair"_s },
        { u"database"_s,
            u"postgresql://user@host:port/db URL given to every spawned node (default: each "
            "server its own SQLite database)."_s,
            u"url"_s },
        { u"database-url-file"_s, u"Read the --database URL from this file's first line."_s,
            u"file"_s },
        { u"fresh-database"_s,
            u"Drop (!) and create the database NAME on that PostgreSQL server first, and use it "
            "instead of the URL's database."_s,
            u"name"_s },
        { u"nodes"_s,
            u"Spawned servers sharing --database; players and viewers are spread round-robin "
            "(default 1)."_s,
            u"n"_s, u"1"_s },
        { u"postgres-pid"_s,
            u"PostgreSQL's postmaster process id: report its CPU and its processes'."_s, u"pid"_s },
    });
    parser.process(app);

    Options o;
    o.viewers = std::max(0, parser.value(u"viewers"_s).toInt());
    o.players = std::max(1, parser.value(u"players"_s).toInt());
    o.rate = std::max(0.0, parser.value(u"rate"_s).toDouble());
    o.seconds = std::max(0.1, parser.value(u"seconds"_s).toDouble());
    o.limit = std::clamp(
        parser.value(u"limit"_s).toInt(), limits::LeaderboardLimitMin, limits::LeaderboardLimitMax);
    o.sample = std::clamp(parser.value(u"sample"_s).toInt(), 0, o.viewers);
    o.warmup = std::max(0.0, parser.value(u"warmup"_s).toDouble());
    o.viewerBatch = std::max(1, parser.value(u"batch"_s).toInt());
    o.serverEnv = parser.values(u"server-env"_s);
    o.spawn = parser.value(u"spawn"_s);
    o.keepNoGlibEnv = userSetNoGlib;
    o.url = QUrl(parser.value(u"url"_s));
    o.mailDir = parser.value(u"mail-dir"_s);
    o.serverPid = parser.value(u"server-pid"_s).toLongLong();
    o.postgresPid = parser.value(u"postgres-pid"_s).toLongLong();
    if (o.spawn.isEmpty() && (!o.url.isValid() || o.url.isEmpty() || o.mailDir.isEmpty())) {
        std::fprintf(stderr, "bench_load: give --spawn PATH, or --url URL and --mail-dir DIR\n");
        return 2;
    }
    bool nodesOk = false;
    o.nodes = parser.value(u"nodes"_s).toInt(&nodesOk);
    if (!nodesOk || o.nodes < 1) {
        std::fprintf(stderr, "bench_load: --nodes needs a number of at least 1\n");
        return 2;
    }
    o.database = parser.value(u"database"_s);
    if (parser.isSet(u"database-url-file"_s)) {
        if (!o.database.isEmpty()) {
            std::fprintf(stderr, "bench_load: give --database or --database-url-file, not both\n");
            return 2;
        }
        QFile file(parser.value(u"database-url-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "bench_load: cannot read the database URL from %s: %s\n",
                qPrintable(file.fileName()), qPrintable(file.errorString()));
            return 1;
        }
        o.database = QString::fromUtf8(file.readLine()).trimmed();
        if (o.database.isEmpty()) {
            std::fprintf(
                stderr, "bench_load: %s holds no database URL\n", qPrintable(file.fileName()));
            return 1;
        }
    }
    if (!o.database.isEmpty() && o.spawn.isEmpty()) {
        std::fprintf(stderr,
            "bench_load: --database is given to the servers it spawns; give --spawn PATH\n");
        return 2;
    }
    if (o.nodes > 1 && o.database.isEmpty()) {
        std::fprintf(stderr,
            "bench_load: --nodes %d needs --database (the nodes share a PostgreSQL database)\n",
            o.nodes);
        return 2;
    }
    if (parser.isSet(u"fresh-database"_s)) {
        if (o.database.isEmpty()) {
            std::fprintf(stderr, "bench_load: --fresh-database needs --database\n");
            return 2;
        }
        QString error;
        o.database
            = test::freshPostgresDatabase(o.database, parser.value(u"fresh-database"_s), &error);
        if (o.database.isEmpty()) {
            std::fprintf(stderr, "bench_load: %s\n", qPrintable(error));
            return 1;
        }
    }

    Bench bench(o);
    bench.start();
    return QCoreApplication::exec();
}
