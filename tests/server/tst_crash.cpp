// Crash safety: the real scoreboard-server binary is killed with SIGKILL in the middle of a load
// of actions, restarted, and checked: every acknowledged increment is in the ledger, and every
// stored and served score equals the sum of its ledger.
#include "messages.h"
#include "testclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

const QString kPassword = u"correct horse battery"_s;

struct Player
{
    QString email;
    qint64 userId = 0;
    std::unique_ptr<TestClient> client;
    QString challengeId;
    bool waiting = false;
};

} // namespace

class tst_Crash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killDuringLoadLosesNothingAcknowledged();

private:
    bool startServer();
    void killServer();
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_port)); }

    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
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

bool tst_Crash::startServer()
{
    m_port = freePort();
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(qEnvironmentVariable("SCOREBOARD_SERVER_BIN"),
        { u"--config"_s, m_dir.filePath(u"server.conf"_s), u"--listen"_s, u"127.0.0.1"_s,
            u"--port"_s, QString::number(m_port), u"--data-dir"_s, m_dir.filePath(u"data"_s) });
    if (!m_server.waitForStarted(5000))
        return false;
    QByteArray out;
    return QTest::qWaitFor(
               [&] {
                   out += m_server.readAllStandardOutput();
                   return out.contains("running at") || m_server.state() == QProcess::NotRunning;
               },
               15000)
        && m_server.state() == QProcess::Running;
}

void tst_Crash::killServer()
{
    ::kill(pid_t(m_server.processId()), SIGKILL);
    m_server.waitForFinished(5000);
}

void tst_Crash::killDuringLoadLosesNothingAcknowledged()
{
    QVERIFY(startServer());
    const QString mailDir = m_dir.filePath(u"data/mail"_s);

    std::vector<Player> players(8);
    for (size_t i = 0; i < players.size(); ++i) {
        Player &p = players[i];
        p.email = u"crash%1@example.org"_s.arg(i);
        p.client = std::make_unique<TestClient>(url());
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
            p.client = std::make_unique<TestClient>(url());
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
                        p.client->send(MessageType::ScoreChallenge);
                    }
                });
            p.client->send(MessageType::ScoreChallenge);
        }
        const qsizetype before = acknowledged.size();
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() > before + 300, 20000);
        killServer(); // mid-load: requests are in flight on every socket
        for (auto &p : players)
            p.client.reset();
        QVERIFY(startServer());
    }
    qInfo("acknowledged increments across 3 kills: %lld", qlonglong(acknowledged.size()));

    // Every acknowledged increment is in the ledger; every total matches its ledger.
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(m_dir.filePath(u"data/scoreboard.db"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT id FROM ledger"_s));
        QSet<qint64> ledger;
        while (q.next())
            ledger.insert(q.value(0).toLongLong());
        const QSet<qint64> lost = acknowledged - ledger;
        QVERIFY2(
            lost.isEmpty(), qPrintable(u"%1 acknowledged increments missing"_s.arg(lost.size())));
        QVERIFY(q.exec(u"SELECT s.user_id, s.score, (SELECT SUM(delta) FROM ledger l WHERE "
                       u"l.user_id = s.user_id) "
                       "FROM scores s"_s));
        int users = 0;
        while (q.next()) {
            ++users;
            QCOMPARE(q.value(1).toLongLong(), q.value(2).toLongLong());
        }
        QCOMPARE(users, int(players.size()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);

    // And the restarted server serves those totals.
    TestClient viewer(url());
    QVERIFY(viewer.open());
    const auto board = viewer.request(MessageType::LeaderboardSubscribe);
    QVERIFY(board && board->ok);
    const auto parsed = std::get<Leaderboard>(Leaderboard::fromJson(board->data));
    QCOMPARE(parsed.top.size(), qsizetype(players.size()));
    qint64 served = 0;
    for (const auto &row : parsed.top)
        served += row.score;
    QVERIFY2(served >= qint64(acknowledged.size()) * 10,
        "served totals fall short of what was acknowledged");
    m_server.terminate();
    QVERIFY(m_server.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(tst_Crash)
#include "tst_crash.moc"
