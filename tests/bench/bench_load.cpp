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
#include "loadbench.h"
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
using namespace scoreboard::bench;

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
        { u"events"_s,
            u"Spread players and viewers over N events (main and N-1 made with the spawned "
            "binary's `event create`; default 1: main alone)."_s,
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
    bool eventsOk = false;
    o.events = parser.value(u"events"_s).toInt(&eventsOk);
    if (!eventsOk || o.events < 1 || o.events > 10000) {
        std::fprintf(stderr, "bench_load: --events needs a number from 1 to 10000\n");
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
    if (o.events > 1 && o.spawn.isEmpty()) {
        std::fprintf(stderr, "bench_load: --events makes its events with the binary it spawns; "
                             "give --spawn PATH\n");
        return 2;
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
