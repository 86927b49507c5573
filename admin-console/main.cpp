// scoreboard-admin: the score-check console for staff. Everything lives in scoreboard_console_lib
// (C++) and the Scoreboard.Console / Scoreboard.Common QML modules; this only wires them together.
#include "consolesession.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlApplicationEngine>
#include <QQmlEngineExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSaveFile>
#include <QUrl>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Scoreboard_CommonPlugin)
Q_IMPORT_QML_PLUGIN(Scoreboard_ConsolePlugin)

using namespace Qt::StringLiterals;
using scoreboard::console::ConsoleSession;

namespace {

/// Writes text files for QML (the audit CSV export).
class FileWriter final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// @brief Writes @p text (UTF-8) to @p path; answers "" or an error message.
    Q_INVOKABLE QString writeText(const QString &path, const QString &text) const
    {
        QSaveFile file(QDir::current().absoluteFilePath(QDir::fromNativeSeparators(path)));
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
            return tr("Could not write %1: %2").arg(path, file.errorString());
        return {};
    }
};

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
            QString name = m_window->property("screenName").toString();
            if (m_window->property("dialogName").toString().size() > 0)
                name = m_window->property("dialogName").toString();
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
    QGuiApplication::setApplicationName(u"scoreboard-admin"_s);
    QGuiApplication::setApplicationDisplayName(u"Scoreboard score check"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(SCOREBOARD_VERSION));
    // Matches the installed scoreboard-admin.desktop (window icon and grouping on Wayland).
    QGuiApplication::setDesktopFileName(u"scoreboard-admin"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Scoreboard score check: the staff console for flags, reversals and the audit log."_s);
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

    ConsoleSession session;
    if (parser.isSet(serverOption)) {
        const QUrl url = QUrl::fromUserInput(parser.value(serverOption));
        if (!url.isValid() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
            std::fprintf(stderr, "scoreboard-admin: --server needs a ws:// or wss:// URL, got %s\n",
                qPrintable(parser.value(serverOption)));
            return 2;
        }
        session.setServerUrl(url);
    }

    FileWriter files;
    QQuickStyle::setStyle(u"Basic"_s);
    qmlRegisterSingletonInstance("Scoreboard.App", 1, 0, "AppSession", &session);
    qmlRegisterSingletonInstance("Scoreboard.App", 1, 0, "AppFiles", &files);

    QQmlApplicationEngine engine;
    // Qt 6.4 neither has loadFromModule() nor puts qrc:/qt/qml on the import path.
    engine.addImportPath(u"qrc:/qt/qml"_s);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/qt/qml/Scoreboard/Console/Main.qml"_s));
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

#include "main.moc"
