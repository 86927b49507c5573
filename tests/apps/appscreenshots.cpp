// Makes the screenshots of the desktop apps in docs/client and docs/admin-console from the real
// apps' QML and C++ (the same modules the programs link) against a real server in this process:
// events made by an admin, players scoring in them, a season rolled, a scripted bot flagged.
// Offscreen, so it needs no display:
//   build/bin/app_screenshots docs            (English; then again with --language de)
#include "appshell.h"
#include "consolesession.h"
#include "language.h"
#include "messages.h"
#include "serverfixture.h"
#include "session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlEngineExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Scoreboard_AppCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsoleCorePlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsolePlugin)

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;
using namespace scoreboard::test;

namespace {

const QString kPlayerPassword = u"correct horse battery"_s;

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "app_screenshots: %s\n", qPrintable(why));
    std::exit(1);
}

void require(bool ok, const char *what)
{
    if (!ok)
        fail(QString::fromLatin1(what));
}

/// One app window loaded from its real root QML file with @p session.
struct Window
{
    Window(const QString &mainQml, QObject *session)
    {
        engine.addImportPath(u"qrc:/qt/qml"_s);
        engine.setInitialProperties({ { u"session"_s, QVariant::fromValue(session) } });
        engine.load(QUrl(mainQml));
        require(!engine.rootObjects().isEmpty(), "the QML did not load");
        window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        require(window, "the root is not a window");
    }
    QObject *find(const QString &name) const
    {
        QObject *item = window->findChild<QObject *>(name);
        if (!item)
            fail(u"no item named %1"_s.arg(name));
        return item;
    }
    void shoot(const QString &path)
    {
        QTest::qWait(400); // animations (row moves, banners) settle
        require(window->grabWindow().save(path), "could not save a screenshot");
        std::printf("%s\n", qPrintable(path));
    }
    QQmlApplicationEngine engine;
    QQuickWindow *window = nullptr;
};

void createEvent(TestClient &admin, const QJsonObject &spec)
{
    const auto reply = admin.request(MessageType::AdminEventCreate, spec);
    require(reply && reply->ok, "an event could not be made");
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    qputenv("QT_LOGGING_RULES", "scoreboard.*.info=false");
    QStandardPaths::setTestModeEnabled(true); // the apps' settings go to a test folder
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"ScoreboardScreenshots"_s);
    QQuickStyle::setStyle(u"Basic"_s);

    QCommandLineParser parser;
    parser.addPositionalArgument(u"docs"_s, u"the docs folder (client/ and admin-console/ in it)"_s);
    parser.addOption({ u"language"_s, u"en or de; de adds -de to the names"_s, u"code"_s, u"en"_s });
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const QDir docs(parser.positionalArguments().first());
    const QString language = parser.value(u"language"_s);
    const QString suffix = language == u"en"_s ? QString() : u"-"_s + language;
    QSettings().clear();
    app::Language::instance()->setChoice(language);

    // The server, its events and its players.
    QTemporaryDir dir;
    auto config = testConfig(dir.path());
    config.scoring.challengeDelayMs = 0;
    config.scoring.tickMs = 50;
    config.cheat.regularSamples = 10;
    RunningServer server(config);
    require(server.started, "the server did not start");
    server::Clock &clock = server.server->clock();
    clock.setManual(true);
    clock.advance(-600'000); // the flags' ages read as minutes, not the future

    auto admin = loggedInStaff(server, u"admin@scores.example"_s, Role::Admin);
    require(admin != nullptr, "no admin");
    createEvent(*admin, QJsonObject { { u"slug"_s, u"derby"_s }, { u"title"_s, u"City derby"_s },
        { u"category"_s, u"football"_s }, { u"resetEvery"_s, u"PT1H"_s }, { u"boardSize"_s, 20 },
        { u"actions"_s, QJsonArray {
            QJsonObject { { u"kind"_s, u"goal"_s }, { u"label"_s, u"Goal"_s }, { u"points"_s, 3 } },
            QJsonObject { { u"kind"_s, u"assist"_s }, { u"label"_s, u"Assist"_s }, { u"points"_s, 1 } } } } });
    createEvent(*admin, QJsonObject { { u"slug"_s, u"gala"_s }, { u"title"_s, u"Evening gala"_s },
        { u"startsAt"_s, wireTime(clock.nowMs() + 5 * 3'600'000) } });

    const QList<std::pair<QString, int>> players { { u"Marguerite"_s, 6 }, { u"Ayo"_s, 5 },
        { u"Jonas"_s, 4 }, { u"Wei"_s, 3 }, { u"Priya"_s, 2 } };
    std::vector<TestPlayer> signedUp;
    for (const auto &[name, goals] : players) {
        signedUp.push_back(signUpPlayer(server, name, kPlayerPassword));
        require(signedUp.back().userId != 0, "a player could not sign up");
        for (int i = 0; i < goals; ++i) {
            require(performAction(signedUp.back(), u"derby"_s, u"goal"_s)->ok, "no goal");
            require(performAction(signedUp.back())->ok, "no main action");
        }
    }
    // Season 1 of the derby ends (an hour later); everybody plays on in season 2.
    clock.advance(3'600'000);
    QTest::qWait(1500);
    for (int i = 0; i < int(signedUp.size()); ++i) {
        for (int n = 0; n < 5 - i; ++n)
            require(performAction(signedUp[i], u"derby"_s, n % 2 ? u"assist"_s : u"goal"_s)->ok, "no action");
    }
    // A scripted bot: one action every 200 ms exactly, which `regular_timing` flags.
    TestPlayer bot = signUpPlayer(server, u"Metronome"_s, kPlayerPassword);
    require(actEvery(clock, bot, 14, [] { return 200; }), "the bot could not act");
    TestPlayer you = signUpPlayer(server, u"Sam"_s, kPlayerPassword);
    require(you.userId != 0, "no player for the app");
    you.client.reset(); // the app logs in instead

    // The player's app.
    {
        QDir().mkpath(docs.filePath(u"client"_s));
        client::Session session(dir.filePath(u"client.ini"_s));
        session.setServerUrl(server.wsUrl());
        Window w(u"qrc:/qt/qml/Scoreboard/Client/Main.qml"_s, &session);
        session.connectToServer();
        require(QTest::qWaitFor([&] { return session.state() == client::Session::State::Online; }, 5000), "offline");
        session.logIn(you.email, kPlayerPassword);
        require(QTest::qWaitFor([&] { return session.loggedIn(); }, 10000), "the app could not log in");
        require(QTest::qWaitFor([&] { return session.events()->indexOf(u"derby"_s) >= 0; }, 5000), "no events");
        session.selectEvent(u"derby"_s);
        QTest::qWait(300);
        for (const QString &kind : { u"goal"_s, u"goal"_s, u"assist"_s, u"goal"_s }) {
            session.act(kind);
            QTest::qWait(150);
        }
        // Someone overtakes the player: the banner.
        require(QTest::qWaitFor([&] { return session.rank() > 0; }, 5000), "no rank");
        w.window->setProperty("away", false);
        for (int n = 0; n < 4; ++n)
            require(performAction(signedUp[3], u"derby"_s, u"goal"_s)->ok, "no overtaking");
        QTest::qWaitFor([&] { return w.find(u"overtakenBanner"_s)->property("visible").toBool(); }, 5000);
        w.shoot(docs.filePath(u"client/main%1.png"_s.arg(suffix)));
        w.find(u"boardTabs"_s)->setProperty("currentIndex", 1);
        require(QTest::qWaitFor([&] { return session.standings()->count() > 0; }, 5000), "no results");
        w.shoot(docs.filePath(u"client/results%1.png"_s.arg(suffix)));
        QMetaObject::invokeMethod(w.window, "show", Q_ARG(QVariant, u"settings"_s));
        w.shoot(docs.filePath(u"client/settings%1.png"_s.arg(suffix)));
    }

    // The score-check console.
    {
        QDir().mkpath(docs.filePath(u"admin-console"_s));
        require(createStaff(server, u"ada@scores.example"_s, Role::Admin) != 0, "no console admin");
        console::ConsoleSession session(dir.filePath(u"console.ini"_s));
        session.setServerUrl(server.wsUrl());
        Window w(u"qrc:/qt/qml/Scoreboard/Console/Main.qml"_s, &session);
        session.connectToServer();
        require(QTest::qWaitFor([&] { return session.state() == console::ConsoleSession::State::Online; }, 5000), "offline");
        session.logIn(u"ada@scores.example"_s, u"staff pass phrase"_s);
        require(QTest::qWaitFor([&] { return session.loggedIn() && session.openFlagCount() > 0; }, 10000),
            "the console could not log in or has no flags");
        w.shoot(docs.filePath(u"admin-console/queue%1.png"_s.arg(suffix)));
        // The bot's flag, opened from the queue.
        QObject *queue = w.find(u"queue"_s);
        bool opened = false;
        QMetaObject::invokeMethod(queue, "openRow", Q_RETURN_ARG(bool, opened), Q_ARG(int, 0));
        require(opened, "the queue's first flag did not open");
        require(QTest::qWaitFor([&] { return session.player()->loaded(); }, 5000), "no player page");
        w.window->setProperty("tab", 1);
        w.shoot(docs.filePath(u"admin-console/player%1.png"_s.arg(suffix)));
        QObject *page = w.find(u"player"_s);
        QVariant asked;
        QMetaObject::invokeMethod(page, "reverseSelected", Q_RETURN_ARG(QVariant, asked));
        require(asked.toBool(), "the reversal dialog did not open");
        w.shoot(docs.filePath(u"admin-console/reversal%1.png"_s.arg(suffix)));
        QMetaObject::invokeMethod(page->property("reverseDialog").value<QObject *>(), "close");
        // The events: the derby with its seasons, and a new event's form.
        w.window->setProperty("tab", 2);
        QObject *events = w.find(u"events"_s);
        QMetaObject::invokeMethod(events, "select", Q_ARG(QString, u"derby"_s));
        require(QTest::qWaitFor([&] { return session.standings()->count() > 0; }, 5000), "no standings");
        w.shoot(docs.filePath(u"admin-console/events%1.png"_s.arg(suffix)));
        w.find(u"eventTabs"_s)->setProperty("currentIndex", 1);
        w.shoot(docs.filePath(u"admin-console/event-results%1.png"_s.arg(suffix)));
        w.find(u"eventTabs"_s)->setProperty("currentIndex", 0);
        QMetaObject::invokeMethod(events, "startNew");
        w.shoot(docs.filePath(u"admin-console/event-new%1.png"_s.arg(suffix)));
        w.window->setProperty("tab", 3);
        w.shoot(docs.filePath(u"admin-console/audit%1.png"_s.arg(suffix)));
    }
    return 0;
}
