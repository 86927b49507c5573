// scoreboard-client: the players' desktop app. Everything lives in scoreboard_client_lib (C++)
// and the Scoreboard.Client / Scoreboard.Common QML modules; this only wires them together.
#include "leaderboardmodel.h"
#include "session.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlApplicationEngine>
#include <QQmlEngineExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QUrl>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ClientPlugin)

using namespace Qt::StringLiterals;
using scoreboard::client::LeaderboardModel;
using scoreboard::client::Session;

namespace {

/// Saves the window as <dir>/<screen>.png on F12 (hidden --screenshot option, for the docs).
class ScreenshotFilter final : public QObject
{
public:
    ScreenshotFilter(QQuickWindow *window, const QString &dir)
        : QObject(window)
        , m_window(window)
        , m_dir(dir)
    { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress
            && static_cast<QKeyEvent *>(event)->key() == Qt::Key_F12) {
            const QString name = m_window->property("screenName").toString();
            const QString file = QDir(m_dir).filePath(name + u".png"_s);
            const bool ok = m_window->grabWindow().save(file);
            std::fprintf(stderr, "%s %s\n", ok ? "saved" : "could not save", qPrintable(file));
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QQuickWindow *m_window;
    QString m_dir;
};

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(u"Scoreboard"_s);
    QGuiApplication::setOrganizationDomain(u"scoreboard.example"_s);
    QGuiApplication::setApplicationName(u"scoreboard-client"_s);
    QGuiApplication::setApplicationDisplayName(u"Scoreboard"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(SCOREBOARD_VERSION));
    // Matches the installed scoreboard-client.desktop (window icon and grouping on Wayland).
    QGuiApplication::setDesktopFileName(u"scoreboard-client"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Scoreboard: the players' app for the live scoreboard."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(u"server"_s,
        u"Connect to this server, e.g. ws://host:8080/ws (saved in the settings)."_s, u"url"_s);
    parser.addOption(serverOption);
    QCommandLineOption screenshotOption(
        u"screenshot"_s, u"Save <dir>/<screen>.png when F12 is pressed."_s, u"dir"_s);
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotOption);
    parser.process(app);

    Session session;
    if (parser.isSet(serverOption)) {
        const QUrl url = QUrl::fromUserInput(parser.value(serverOption));
        if (!url.isValid() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
            std::fprintf(stderr,
                "scoreboard-client: --server needs a ws:// or wss:// URL, got %s\n",
                qPrintable(parser.value(serverOption)));
            return 2;
        }
        session.setServerUrl(url);
    }

    QQuickStyle::setStyle(u"Basic"_s);
    qmlRegisterSingletonInstance("Scoreboard.App", 1, 0, "AppSession", &session);
    qmlRegisterUncreatableType<LeaderboardModel>(
        "Scoreboard.App", 1, 0, "LeaderboardModel", u"the board comes from AppSession.board"_s);

    QQmlApplicationEngine engine;
    // Qt 6.4 neither has loadFromModule() nor puts qrc:/qt/qml on the import path.
    engine.addImportPath(u"qrc:/qt/qml"_s);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/qt/qml/Scoreboard/Client/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (parser.isSet(screenshotOption)) {
        if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst()))
            window->installEventFilter(
                new ScreenshotFilter(window, parser.value(screenshotOption)));
    }

    session.connectToServer();
    return QGuiApplication::exec();
}
