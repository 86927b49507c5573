// The scoreboard-server program itself: options, config file, exit codes, add-staff, shutdown.
#include "app/options.h"
#include "messages.h"
#include "serverfixture.h"

#include "scoring/scoreservice.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

QString serverBinary()
{
    return qEnvironmentVariable("SCOREBOARD_SERVER_BIN");
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList &args, const QByteArray &stdinData = {},
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(serverBinary(), args);
    if (!process.waitForStarted(5000))
        return {};
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpAndVersion();
    void badArguments_data();
    void badArguments();
    void servesFromConfigFileAndStopsOnSigterm();
    void listenFailureExitsNonZero();
    void unopenableDatabaseExitsNonZero();
    void databaseUrlPasswordNeverEchoed();
    void addStaff();
    void eventCommand();
    void packagedConfigNamesEveryOption();
    void everyOptionRoundTrips_data();
    void everyOptionRoundTrips();
    void helpListsEveryOptionWithItsDefault();

private:
    QTemporaryDir m_dir;
};

void tst_Cli::initTestCase()
{
    QVERIFY2(QFileInfo(serverBinary()).isExecutable(),
        "SCOREBOARD_SERVER_BIN must name the built scoreboard-server");
    QVERIFY(m_dir.isValid());
}

void tst_Cli::helpAndVersion()
{
    const Run help = run({ u"--help"_s });
    QCOMPARE(help.exitCode, 0);
    for (const auto &option : { u"--port"_s, u"--listen"_s, u"--data-dir"_s, u"--mail-dir"_s,
             u"--smtp"_s, u"--config"_s, u"--version"_s, u"add-staff"_s })
        QVERIFY2(help.out.contains(option), qPrintable(option));

    const Run version = run({ u"--version"_s });
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), u"scoreboard-server " SCOREBOARD_VERSION ""_s);

    const Run staffHelp = run({ u"add-staff"_s, u"--help"_s });
    QCOMPARE(staffHelp.exitCode, 0);
    QVERIFY(staffHelp.out.contains(u"--role"_s));
}

void tst_Cli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown option") << QStringList { u"--frobnicate"_s } << u"frobnicate"_s;
    QTest::addRow("bad port") << QStringList { u"--port"_s, u"99999"_s } << u"port"_s;
    QTest::addRow("bad address") << QStringList { u"--listen"_s, u"not-an-ip"_s } << u"listen"_s;
    QTest::addRow("bad smtp url") << QStringList { u"--smtp"_s, u"http://mail"_s } << u"smtp"_s;
    QTest::addRow("bad trusted proxy") << QStringList { u"--trusted-proxies"_s,
        u"10.0.0.0/8,proxy.local"_s } << u"trusted-proxies"_s;
    QTest::addRow("missing config")
        << QStringList { u"--config"_s, u"/nonexistent/server.conf"_s } << u"cannot read"_s;
    QTest::addRow("stray argument") << QStringList { u"serve"_s } << u"unexpected argument"_s;
    QTest::addRow("add-staff without role")
        << QStringList { u"add-staff"_s, u"--email"_s, u"a@example.org"_s } << u"--role"_s;
}

void tst_Cli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run result = run(args);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
}

void tst_Cli::servesFromConfigFileAndStopsOnSigterm()
{
    const quint16 port = freePort();
    const QString conf = m_dir.filePath(u"server.conf"_s);
    QFile file(conf);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        u"port=%1\nlisten=127.0.0.1\ndata-dir=%2\nmail-dir=%3\n[limits]\nlogin-per-address=50:1000\n[cheat]\npolicy=hold\nregular-max-cv=0.15\n"_s
            .arg(port)
            .arg(m_dir.filePath(u"served"_s), m_dir.filePath(u"served-mail"_s))
            .toUtf8());
    file.close();

    QProcess process;
    process.start(serverBinary(), { u"--config"_s, conf });
    QVERIFY(process.waitForStarted());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += QString::fromUtf8(process.readAllStandardOutput())).contains(u"running at"_s),
        10000);
    QVERIFY2(out.contains(u"http://localhost:%1/"_s.arg(port)), qPrintable(out));

    QNetworkAccessManager manager;
    QNetworkReply *reply
        = manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/healthz"_s.arg(port))));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->readAll(), QByteArray("ok\n"));
    reply->deleteLater();
    QVERIFY(QFileInfo::exists(m_dir.filePath(u"served/scoreboard.db"_s)));

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void tst_Cli::listenFailureExitsNonZero()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Run result = run({ u"--listen"_s, u"127.0.0.1"_s, u"--port"_s,
        QString::number(taken.serverPort()), u"--data-dir"_s, m_dir.filePath(u"listen"_s) });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"cannot listen"_s), qPrintable(result.err));
}

void tst_Cli::unopenableDatabaseExitsNonZero()
{
    const QString dataDir = m_dir.filePath(u"baddb"_s);
    QVERIFY(
        QDir().mkpath(dataDir + u"/scoreboard.db"_s)); // a folder where the database file should be
    const Run result
        = run({ u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"cannot open the database"_s), qPrintable(result.err));
}

void tst_Cli::databaseUrlPasswordNeverEchoed()
{
    // A malformed URL is a usage error; an unreachable PostgreSQL a start-up failure. Neither
    // message repeats the password.
    const Run bad = run({ u"--database"_s, u"mysql://u:hunter22pw@h/d"_s });
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(u"database"_s), qPrintable(bad.err));
    QVERIFY2(!bad.err.contains(u"hunter22pw"_s), qPrintable(bad.err));

    QTcpServer closed; // a port nobody listens on
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const Run down = run({ u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--data-dir"_s,
        m_dir.filePath(u"pgdown"_s), u"--database"_s,
        u"postgresql://u:hunter22pw@127.0.0.1:%1/d"_s.arg(port) });
    QCOMPARE(down.exitCode, 1);
    QVERIFY2(down.err.contains(u"cannot open the database"_s), qPrintable(down.err));
    QVERIFY2(!down.err.contains(u"hunter22pw"_s), qPrintable(down.err));
}

void tst_Cli::eventCommand()
{
    const QString dataDir = m_dir.filePath(u"events"_s);
    const QStringList dir { u"--data-dir"_s, dataDir };
    const auto event = [&](const QStringList &args) { return run(QStringList { u"event"_s } + args + dir); };

    const Run created = event({ u"create"_s, u"--slug"_s, u"match-1"_s, u"--title"_s, u"Match 1"_s,
        u"--actions"_s, u"[{\"kind\":\"goal\",\"label\":\"Goal\",\"points\":3}]"_s,
        u"--starts-at"_s, u"2099-01-01T18:00:00Z"_s, u"--reset-every"_s, u"weekly"_s });
    QCOMPARE(created.exitCode, 0);
    QVERIFY2(created.out.contains(u"event match-1 is scheduled, season 1"_s), qPrintable(created.out));
    // Taken, bad slug, bad schedule, bad rule: each with its code, nothing written.
    const Run taken = event({ u"create"_s, u"--slug"_s, u"match-1"_s, u"--title"_s, u"Again"_s });
    QCOMPARE(taken.exitCode, 1);
    QVERIFY2(taken.err.contains(u"conflict"_s), qPrintable(taken.err));
    const Run slug = event({ u"create"_s, u"--slug"_s, u"Match 2"_s, u"--title"_s, u"x"_s });
    QCOMPARE(slug.exitCode, 2);
    QVERIFY2(slug.err.contains(u"slug_invalid"_s), qPrintable(slug.err));
    const Run backwards = event({ u"create"_s, u"--slug"_s, u"m3"_s, u"--title"_s, u"x"_s,
        u"--starts-at"_s, u"2099-01-02T00:00:00Z"_s, u"--ends-at"_s, u"2099-01-01T00:00:00Z"_s });
    QCOMPARE(backwards.exitCode, 2);
    QVERIFY2(backwards.err.contains(u"schedule_invalid"_s), qPrintable(backwards.err));
    const Run rule = event({ u"update"_s, u"--slug"_s, u"match-1"_s, u"--reset-every"_s, u"PT1S"_s });
    QCOMPARE(rule.exitCode, 2);
    QVERIFY2(rule.err.contains(u"reset_invalid"_s), qPrintable(rule.err));
    QCOMPARE(event({ u"open"_s, u"--slug"_s, u"nope"_s }).exitCode, 1);
    QCOMPARE(event({ u"frobnicate"_s }).exitCode, 2);

    QCOMPARE(event({ u"open"_s, u"--slug"_s, u"match-1"_s, u"--reason"_s, u"kick-off"_s }).exitCode, 0);
    const Run list = event({ u"list"_s });
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(u"main\tlive\t1"_s), qPrintable(list.out));
    QVERIFY2(list.out.contains(u"match-1\tlive\t1"_s), qPrintable(list.out));
    QVERIFY(!list.out.contains(u"m3"_s));

    // A server on that folder has the event, and the command line's changes are audited.
    RunningServer server(testConfig(dataDir));
    QVERIFY2(server.started, qPrintable(server.error));
    const auto *board = server.server->scores().boards().find(u"match-1"_s);
    QVERIFY(board);
    QCOMPARE(board->event.actions.value(0).points, 3);
    const auto audit = server.server->store().runAndWait(
        [](server::Store &s) { return s.audit(10, 0); });
    QCOMPARE(audit.value->size(), 2);
    QCOMPARE(audit.value->at(0).action, u"event-open"_s);
    QCOMPARE(audit.value->at(0).staffId, 0);
    QCOMPARE(audit.value->at(0).reason, u"command line: kick-off"_s);
}

void tst_Cli::addStaff()
{
    const QString dataDir = m_dir.filePath(u"staff"_s);
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"SCOREBOARD_PASSWORD"_s, u"checker pass phrase"_s);
    const QStringList base { u"add-staff"_s, u"--data-dir"_s, dataDir };

    Run created = run(
        base + QStringList { u"--email"_s, u"Checker@Example.org"_s, u"--role"_s, u"checker"_s },
        {}, env);
    QCOMPARE(created.exitCode, 0);
    QVERIFY2(created.out.contains(u"created checker account checker@example.org"_s),
        qPrintable(created.out));
    QVERIFY(!created.out.contains(u"checker pass phrase"_s));

    const Run again = run(
        base + QStringList { u"--email"_s, u"checker@example.org"_s, u"--role"_s, u"admin"_s }, {},
        env);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"already exists"_s), qPrintable(again.err));

    const Run player = run(
        base + QStringList { u"--email"_s, u"p@example.org"_s, u"--role"_s, u"player"_s }, {}, env);
    QCOMPARE(player.exitCode, 2);

    auto weakEnv = QProcessEnvironment::systemEnvironment();
    weakEnv.remove(u"SCOREBOARD_PASSWORD"_s);
    const Run weak
        = run(base + QStringList { u"--email"_s, u"w@example.org"_s, u"--role"_s, u"admin"_s },
            "password1\n", weakEnv);
    QCOMPARE(weak.exitCode, 2);
    QVERIFY2(weak.err.contains(u"common"_s), qPrintable(weak.err));

    // The password can come on standard input.
    const Run fromStdin
        = run(base + QStringList { u"--email"_s, u"boss@example.org"_s, u"--role"_s, u"admin"_s },
            "admin pass phrase\n", weakEnv);
    QCOMPARE(fromStdin.exitCode, 0);

    // The accounts log in through the protocol with their roles.
    RunningServer server(testConfig(dataDir));
    QVERIFY2(server.started, qPrintable(server.error));
    auto client = server.client();
    const auto login = client->request(MessageType::AuthLogin,
        LoginRequest { u"checker@example.org"_s, u"checker pass phrase"_s, u"console"_s, {} }
            .toJson());
    QVERIFY(login);
    QVERIFY2(login->ok, qPrintable(login->error.message));
    QCOMPARE(login->data.value(u"user"_s).toObject().value(u"role"_s).toString(), u"checker"_s);
    const auto admin = client->request(MessageType::AuthLogin,
        LoginRequest { u"boss@example.org"_s, u"admin pass phrase"_s, u"console"_s, {} }.toJson());
    QVERIFY(admin && admin->ok);
    QCOMPARE(admin->data.value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);

    // Both additions are in the audit log, as the command line's, and so are the log-ins.
    const auto audit = client->request(MessageType::AdminAudit);
    QVERIFY(audit && audit->ok);
    QStringList added;
    int logins = 0;
    for (const auto &value : audit->data.value(u"entries"_s).toArray()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(u"action"_s).toString() == u"login"_s)
            ++logins;
        if (entry.value(u"action"_s).toString() != u"add-staff"_s)
            continue;
        QVERIFY2(entry.value(u"reason"_s).toString().startsWith(u"command line"_s),
            qPrintable(entry.value(u"reason"_s).toString()));
        QCOMPARE(entry.value(u"target"_s).toString(),
            u"user:%1"_s.arg(entry.value(u"staffId"_s).toInteger()));
        added << entry.value(u"reason"_s).toString().section(u"role "_s, 1);
    }
    QCOMPARE(added, (QStringList { u"admin"_s, u"checker"_s })); // newest first
    QCOMPARE(logins, 2);
}

void tst_Cli::packagedConfigNamesEveryOption()
{
    // Every ";key=value" or "key=value" line of installer/server.conf, with its section.
    QFile file(QStringLiteral(SCOREBOARD_PACKAGED_CONF));
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QRegularExpression sectionLine(u"^;?\\[([a-z]+)\\]$"_s);
    const QRegularExpression settingLine(u"^(;?)([a-z][a-z0-9-]*)=(.*)$"_s);
    QString section;
    QStringList keys;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (const auto m = sectionLine.match(line); m.hasMatch()) {
            section = m.captured(1);
            continue;
        }
        const auto m = settingLine.match(line);
        if (!m.hasMatch())
            continue;
        const QString key = section.isEmpty() ? m.captured(2) : section + u'/' + m.captured(2);
        QVERIFY2(!keys.contains(key), qPrintable(u"listed twice: "_s + key));
        keys.append(key);
        const auto *option = server::findServerOption(key);
        QVERIFY2(option, qPrintable(u"not a server option: "_s + key));
        // A commented setting with a built-in default shows exactly that default.
        const QString defaultValue = option->read(server::ServerConfig());
        if (m.captured(1) == u";"_s && !defaultValue.isEmpty())
            QVERIFY2(m.captured(3) == defaultValue,
                qPrintable(u"%1=%2, default %3"_s.arg(key, m.captured(3), defaultValue)));
    }
    QStringList tableKeys;
    for (const auto &option : server::serverOptions())
        tableKeys.append(option.key);
    keys.sort();
    tableKeys.sort();
    QCOMPARE(keys, tableKeys);
}

void tst_Cli::everyOptionRoundTrips_data()
{
    QTest::addColumn<QString>("key");
    for (const auto &option : server::serverOptions())
        QTest::addRow("%s", qPrintable(option.key)) << option.key;
}

void tst_Cli::everyOptionRoundTrips()
{
    QFETCH(QString, key);
    const auto *option = server::findServerOption(key);
    QVERIFY(option);
    QVERIFY2(!option->help.isEmpty() && !option->valueName.isEmpty(), qPrintable(key));
    QVERIFY2(!option->defaultText().isEmpty(), qPrintable(key));
    // The example, written in an INI file, lands in the config and reads back the same.
    QVERIFY2(option->example != option->read(server::ServerConfig()), qPrintable(key));
    // A file of its own: QSettings caches a file it read by name, size and time.
    const QString path
        = m_dir.filePath(u"roundtrip-%1.conf"_s.arg(QString(key).replace(u'/', u'-')));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const QString line = u"%1=\"%2\"\n"_s.arg(option->name(), option->example);
    file.write(
        (option->section().isEmpty() ? line : u"[%1]\n"_s.arg(option->section()) + line).toUtf8());
    file.close();
    server::ServerConfig config;
    const auto error = server::loadConfigFile(path, config);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    QCOMPARE(option->read(config), option->example);
    // Nothing else changed.
    for (const auto &other : server::serverOptions()) {
        if (other.key != key)
            QCOMPARE(other.read(config), other.read(server::ServerConfig()));
    }
    // The default is itself a valid value.
    const QString defaultValue = option->read(server::ServerConfig());
    if (!defaultValue.isEmpty()) {
        server::ServerConfig again;
        QVERIFY(!option->apply(again, option->example));
        QVERIFY(!option->apply(again, defaultValue));
        QCOMPARE(option->read(again), defaultValue);
    }
}

void tst_Cli::helpListsEveryOptionWithItsDefault()
{
    const Run help = run({ u"--help"_s });
    QCOMPARE(help.exitCode, 0);
    const QString flat = help.out.simplified();
    for (const auto &option : server::serverOptions()) {
        const QString name = option.onCommandLine ? u"--"_s + option.key : option.key + u'=';
        QVERIFY2(help.out.contains(name), qPrintable(name));
        QVERIFY2(flat.contains(u"[default: %1]"_s.arg(option.defaultText())),
            qPrintable(option.key + u": "_s + option.defaultText()));
    }
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
