#pragma once

// The load benchmark's driver (bench_load): spawns or attaches to scoreboard-server nodes, signs
// players up and logs them in, opens viewers in batches, drives actions at the offered rate and
// reports the figures. Setup and driving are in loadbench.cpp; the measurement window, the
// report and the shutdown in loadreport.cpp.

#include "benchutil.h"
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
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace scoreboard::bench {

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
    /// Events the load is spread over (players and viewers round-robin): 1 is `main`; more are
    /// made with the spawned binary's `event create` before the servers start.
    int events = 1;
    qint64 postgresPid = 0; ///< PostgreSQL's postmaster, for its CPU figure
};

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

class Bench
{
public:
    explicit Bench(Options options);

    void start();

private:
    double nowMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }

    bool cluster() const { return m_nodes.size() > 1; }

    /// "server" for a single server (the output as it always was), "node N" in a cluster.
    QString nodeName(const Node &node) const;

    Node &nodeOf(const Player &p) { return *m_nodes[size_t(p.node)]; }

    // ---- server processes ----------------------------------------------------------------

    /// Prepares --nodes data folders (one shared secret.key when they share a database) and
    /// starts the first node; each further node starts when the one before it is up, so only
    /// one of them runs the database migrations.
    void spawnServers();

    void spawnServer(Node &node);
    /// @brief Creates the events bench-1 … bench-N-1 with the server binary's `event` command.
    bool createEvents();
    /// @brief The event of player or viewer @p index (round-robin over Options::events).
    QString eventOf(int index) const;

    // ---- player sockets ------------------------------------------------------------------

    void send(Player &p, MessageType type, const QJsonObject &data, ReplyHandler handler);

    void onPlayerMessage(Player &p, const QString &text);

    /// Rate-limited replies are retried after the wait the server names; anything else fails.
    bool retryIfLimited(
        const Reply &reply, const Player &p, const QString &what, std::function<void()> again);

    void setupPlayers();

    void setupPlayer(Player &p);

    void signup(Player &p);

    void checkMail();

    void verify(Player &p, const QString &code);

    void login(Player &p);

    void playersReady();

    // ---- viewers -------------------------------------------------------------------------

    void openViewerBatch();

    void onViewerMessage(Viewer &v, const QString &text);

    void observeBoard(Viewer &v, const QJsonObject &data, bool timed);

    void viewersReady();

    // ---- driving -------------------------------------------------------------------------

    void startDriving();

    void requestChallenge(Player &p);

    /// Hands actions out evenly at the target rate (a token bucket holding ~10 ms of tokens).
    void pumpBucket();

    void act(Player &p);

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

    Snapshot snapshot() const;

    void beginWindow();

    void endWindow();

    void report();

    // ---- ending --------------------------------------------------------------------------

    void fail(const QString &why);

    void stop(int code);

    void stopServer();

    /// Shows what the spawned servers logged beyond routine account messages.
    void summarizeServerLogs();

    void summarizeServerLog(const Node &node);

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

} // namespace scoreboard::bench
