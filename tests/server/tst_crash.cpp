// Crash safety: the real scoreboard-server binary is killed with SIGKILL in the middle of a load
// of actions, restarted, and checked: every acknowledged increment is in the ledger, and every
// stored and served score equals the sum of its ledger.
//
// Two rows: `sqlite` (one server on the embedded database) and `postgresql` (two nodes on one
// PostgreSQL database; players on both; each kill hits one node while the other keeps taking
// actions, and the restarted node must catch up). The `postgresql` row needs the CTest fixture
// `postgres` (tests/postgres) and fails, never skips, without it.
#include "messages.h"
#include "pgtest.h"
#include "testclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

struct Player
{
    QString email;
    qint64 userId = 0;
    std::unique_ptr<TestClient> client;
    QString challengeId;
    bool waiting = false;
    QJsonObject challenge; ///< what this player's challenges ask for (its event)
};

const QString kCup = u"crash-cup"_s;

} // namespace

class tst_Crash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killDuringLoadLosesNothingAcknowledged_data();
    void killDuringLoadLosesNothingAcknowledged();

private:
    struct Node
    {
        std::unique_ptr<QProcess> process;
        quint16 port = 0;
        QString dataDir;
        QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port)); }
    };
    bool startServer(Node &node);
    void killServer(Node &node);

    QTemporaryDir m_dir;
    QString m_database; ///< empty: SQLite in the node's data folder
    std::vector<Node> m_nodes;
};

void tst_Crash::initTestCase()
{
    QVERIFY2(QFileInfo(qEnvironmentVariable("SCOREBOARD_SERVER_BIN")).isExecutable(),
        "SCOREBOARD_SERVER_BIN must name the built scoreboard-server");
    QFile conf(m_dir.filePath(u"server.conf"_s));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(
        "challenge-delay-ms=0\n[limits]\nsignup-per-address=100000:1\nverify-per-address=100000:1\n"
        "login-per-address=100000:1\nchallenges-per-user=100000:1\n");
}

void tst_Crash::killDuringLoadLosesNothingAcknowledged_data()
{
    QTest::addColumn<int>("nodes");
    QTest::newRow("sqlite") << 1;
    QTest::newRow("postgresql") << 2;
}

bool tst_Crash::startServer(Node &node)
{
    node.port = freePort();
    node.process = std::make_unique<QProcess>();
    node.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList arguments { u"--config"_s, m_dir.filePath(u"server.conf"_s), u"--listen"_s,
        u"127.0.0.1"_s, u"--port"_s, QString::number(node.port), u"--data-dir"_s, node.dataDir };
    if (!m_database.isEmpty())
        arguments << u"--database"_s << m_database;
    node.process->start(qEnvironmentVariable("SCOREBOARD_SERVER_BIN"), arguments);
    if (!node.process->waitForStarted(5000))
        return false;
    QByteArray out;
    return QTest::qWaitFor(
               [&] {
                   out += node.process->readAllStandardOutput();
                   return out.contains("running at")
                       || node.process->state() == QProcess::NotRunning;
               },
               15000)
        && node.process->state() == QProcess::Running;
}

void tst_Crash::killServer(Node &node)
{
    ::kill(pid_t(node.process->processId()), SIGKILL);
    node.process->waitForFinished(5000);
}

void tst_Crash::killDuringLoadLosesNothingAcknowledged()
{
    QFETCH(int, nodes);
    m_database.clear();
    if (nodes > 1) {
        QString error;
        m_database = freshPostgresDatabase(u"crash"_s, &error);
        QVERIFY2(!m_database.isEmpty(), qPrintable(error));
    }
    // Nodes of one database share the secret key (docs/scaling.md).
    const QByteArray key = QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                               .rightJustified(16, '0')
                               .repeated(4);
    m_nodes = std::vector<Node>(size_t(nodes));
    for (int n = 0; n < nodes; ++n) {
        Node &node = m_nodes[size_t(n)];
        node.dataDir = m_dir.filePath(
            u"%1/data%2"_s.arg(QString::fromLatin1(QTest::currentDataTag())).arg(n));
        QVERIFY(QDir().mkpath(node.dataDir));
        QFile keyFile(node.dataDir + u"/secret.key"_s);
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write(key + '\n');
        keyFile.close();
        keyFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (n == 0) {
            // Half the players play an event besides `main`, made by the real `event` command.
            QProcess command;
            QStringList arguments { u"event"_s, u"create"_s, u"--slug"_s, kCup, u"--title"_s,
                u"Crash cup"_s, u"--data-dir"_s, node.dataDir };
            if (!m_database.isEmpty())
                arguments << u"--database"_s << m_database;
            command.start(qEnvironmentVariable("SCOREBOARD_SERVER_BIN"), arguments);
            QVERIFY(command.waitForFinished(30000));
            QVERIFY2(command.exitCode() == 0, command.readAllStandardError().constData());
        }
        QVERIFY(startServer(node));
    }
    const auto nodeOf = [&](size_t player) -> Node & { return m_nodes[player % m_nodes.size()]; };

    std::vector<Player> players(8);
    for (size_t i = 0; i < players.size(); ++i) {
        Player &p = players[i];
        p.email = u"crash%1@example.org"_s.arg(i);
        const QString mailDir = nodeOf(i).dataDir + u"/mail"_s;
        p.client = std::make_unique<TestClient>(nodeOf(i).url());
        QVERIFY(p.client->open());
        QVERIFY(p.client
                    ->request(MessageType::AuthSignup,
                        SignupRequest { p.email, kPassword, u"Crash %1"_s.arg(i) }.toJson())
                    ->ok);
        QString code;
        QTRY_VERIFY(!(code = codeFromMailDir(mailDir, p.email)).isEmpty());
        QVERIFY(p.client->request(MessageType::AuthVerify, VerifyRequest { p.email, code }.toJson())
                    ->ok);
    }

    QSet<qint64> acknowledged;
    for (int cycle = 0; cycle < 3; ++cycle) {
        for (size_t i = 0; i < players.size(); ++i) {
            Player &p = players[i];
            if (p.client && p.client->isConnected() && cycle > 0)
                continue; // on a node that was not killed: still playing
            p.client = std::make_unique<TestClient>(nodeOf(i).url());
            QVERIFY(p.client->open());
            const auto login = p.client->request(MessageType::AuthLogin,
                LoginRequest { p.email, kPassword, u"crash-device"_s, {} }.toJson());
            QVERIFY(login && login->ok);
            p.userId = login->data.value(u"user"_s).toObject().value(u"id"_s).toInteger();
            // Drive this player as fast as the server answers: challenge, then action, again.
            QObject::connect(&p.client->socket(), &QWebSocket::textMessageReceived, p.client.get(),
                [&p, &acknowledged](const QString &text) {
                    auto message = decodeServerMessage(text.toUtf8());
                    if (!message || !std::holds_alternative<Reply>(*message))
                        return;
                    const Reply &reply = std::get<Reply>(*message);
                    if (!reply.ok)
                        return;
                    if (reply.data.contains(u"challengeId"_s)) {
                        p.client->send(MessageType::ScoreAction,
                            ActionRequest { reply.data.value(u"challengeId"_s).toString() }
                                .toJson());
                    } else if (reply.data.contains(u"incrementId"_s)) {
                        acknowledged.insert(reply.data.value(u"incrementId"_s).toInteger());
                        p.client->send(MessageType::ScoreChallenge, p.challenge);
                    }
                });
            p.challenge = ChallengeRequest { i % 2 ? kCup : QString(), {} }.toJson();
            p.client->send(MessageType::ScoreChallenge, p.challenge);
        }
        const qsizetype before = acknowledged.size();
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() > before + 300, 20000);
        // Mid-load: requests are in flight on every socket. With several nodes, one node dies
        // and the others keep taking actions.
        Node &victim = m_nodes[size_t(cycle) % m_nodes.size()];
        killServer(victim);
        for (size_t i = 0; i < players.size(); ++i) {
            if (&nodeOf(i) == &victim)
                players[i].client.reset();
        }
        if (m_nodes.size() > 1) {
            const qsizetype during = acknowledged.size();
            QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() > during + 100, 20000);
        }
        QVERIFY(startServer(victim));
    }
    for (auto &p : players)
        p.client.reset();
    QTest::qWait(200); // let the last answers' commits finish (they were acknowledged or not)
    qInfo("acknowledged increments across 3 kills: %lld", qlonglong(acknowledged.size()));

    // Every acknowledged increment is in the ledger; every total matches its ledger.
    {
        QSqlDatabase db;
        if (m_database.isEmpty()) {
            db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
            db.setDatabaseName(m_nodes[0].dataDir + u"/scoreboard.db"_s);
        } else {
            const QUrl url(m_database);
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"check"_s);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
        }
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT id FROM ledger"_s));
        QSet<qint64> ledger;
        while (q.next())
            ledger.insert(q.value(0).toLongLong());
        const QSet<qint64> lost = acknowledged - ledger;
        QVERIFY2(
            lost.isEmpty(), qPrintable(u"%1 acknowledged increments missing"_s.arg(lost.size())));
        QVERIFY(q.exec(u"SELECT s.user_id, s.score, (SELECT SUM(delta) FROM ledger l WHERE "
                       u"l.user_id = s.user_id AND l.event_id = s.event_id AND "
                       "l.season = s.season) FROM scores s"_s));
        int users = 0;
        while (q.next()) {
            ++users;
            QCOMPARE(q.value(1).toLongLong(), q.value(2).toLongLong());
        }
        QCOMPARE(users, int(players.size()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);

    // And every node, restarted or not, serves those same totals, on each event's board.
    QHash<QString, QList<BoardEntry>> first;
    for (Node &node : m_nodes) {
        TestClient viewer(node.url());
        QVERIFY(viewer.open());
        qint64 served = 0;
        for (const QString &event : { u"main"_s, kCup }) {
            const auto board = viewer.request(
                MessageType::LeaderboardSubscribe, SubscribeRequest { 10, event, 0 }.toJson());
            QVERIFY(board && board->ok);
            auto parsed = std::get<Leaderboard>(Leaderboard::fromJson(board->data));
            QCOMPARE(parsed.top.size(), qsizetype(players.size() / 2));
            for (const auto &row : parsed.top)
                served += row.score;
            if (&node == &m_nodes.front())
                first.insert(event, parsed.top);
            else
                QCOMPARE(parsed.top, first.value(event));
        }
        QVERIFY2(served >= qint64(acknowledged.size()) * 10,
            "served totals fall short of what was acknowledged");
    }
    for (Node &node : m_nodes) {
        node.process->terminate();
        QVERIFY(node.process->waitForFinished(10000));
    }
}

QTEST_GUILESS_MAIN(tst_Crash)
#include "tst_crash.moc"
