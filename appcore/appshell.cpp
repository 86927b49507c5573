#include "appshell.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace scoreboard::app {

namespace {

/// Saves the window as <dir>/<name>.png on F12, where name is the window's `dialogName` when a
/// dialog is open, else its `screenName` (hidden --screenshot option, for the docs).
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
            QString name = m_window->property("dialogName").toString();
            if (name.isEmpty())
                name = m_window->property("screenName").toString();
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

AppShell::AppShell(QGuiApplication &app, AppIdentity identity)
    : m_app(app)
    , m_identity(std::move(identity))
{
    QGuiApplication::setOrganizationName(u"Scoreboard"_s);
    QGuiApplication::setOrganizationDomain(u"scoreboard.example"_s);
    QGuiApplication::setApplicationName(m_identity.name);
    QGuiApplication::setApplicationDisplayName(m_identity.displayName);
    QGuiApplication::setApplicationVersion(QStringLiteral(SCOREBOARD_VERSION));
    // Matches the installed .desktop file (window icon and grouping on Wayland).
    QGuiApplication::setDesktopFileName(m_identity.name);
    QQuickStyle::setStyle(u"Basic"_s);
}

std::optional<QUrl> AppShell::parseCommandLine()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(m_identity.description);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(u"server"_s,
        u"Connect to this server, e.g. ws://host:8080/ws (saved in the settings)."_s, u"url"_s);
    parser.addOption(serverOption);
    QCommandLineOption screenshotOption(
        u"screenshot"_s, u"Save <dir>/<screen>.png when F12 is pressed."_s, u"dir"_s);
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotOption);
    parser.process(m_app);

    m_screenshotDir = parser.value(screenshotOption);
    if (!parser.isSet(serverOption))
        return QUrl();
    const QUrl url = QUrl::fromUserInput(parser.value(serverOption));
    if (!url.isValid() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
        std::fprintf(stderr, "%s: --server needs a ws:// or wss:// URL, got %s\n",
            qPrintable(m_identity.name), qPrintable(parser.value(serverOption)));
        return std::nullopt;
    }
    return url;
}

bool AppShell::load(QQmlApplicationEngine &engine, const QVariantMap &initialProperties)
{
    // Qt 6.4 neither has loadFromModule() nor puts qrc:/qt/qml on the import path.
    engine.addImportPath(u"qrc:/qt/qml"_s);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &m_app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.setInitialProperties(initialProperties);
    engine.load(m_identity.mainQml);
    if (engine.rootObjects().isEmpty())
        return false;
    if (!m_screenshotDir.isEmpty()) {
        if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst()))
            window->installEventFilter(new ScreenshotFilter(window, m_screenshotDir));
    }
    return true;
}

} // namespace scoreboard::app
