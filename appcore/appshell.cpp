#include "appshell.h"

#include "abstractsession.h"
#include "language.h"

#include <QCommandLineParser>
#include <QDir>
#include <QApplication>
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

/// The command line of both apps; the one table behind the parse and the --help text.
struct Options
{
    QCommandLineParser parser;
    QCommandLineOption help = parser.addHelpOption();
    QCommandLineOption version = parser.addVersionOption();
    QCommandLineOption server { u"server"_s,
        u"Connect to this server, e.g. ws://host:8080/ws (saved in the settings)."_s, u"url"_s };
    QCommandLineOption screenshot { u"screenshot"_s,
        u"Save <dir>/<screen>.png when F12 is pressed."_s, u"dir"_s };

    explicit Options(const QString &description)
    {
        parser.setApplicationDescription(description);
        parser.addOption(server);
        screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(screenshot);
    }
    /// Whether @p arguments ask for a text only (help or version), which needs no display.
    bool asksForTextOnly(const QStringList &arguments)
    {
        // Long names only for one dash, so that Qt's own options (e.g. -reverse) do not read as
        // a bundle of short ones such as -v.
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.parse(arguments);
        return parser.isSet(help) || parser.isSet(u"help-all"_s) || parser.isSet(version);
    }
};

QStringList argumentList(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

} // namespace

AppShell::AppShell(int &argc, char **argv, AppIdentity identity)
    : m_identity(std::move(identity))
{
    QCoreApplication::setOrganizationName(u"Scoreboard"_s);
    QCoreApplication::setOrganizationDomain(u"scoreboard.example"_s);
    QCoreApplication::setApplicationName(m_identity.name);
    QCoreApplication::setApplicationVersion(QStringLiteral(SCOREBOARD_VERSION));
    QGuiApplication::setApplicationDisplayName(m_identity.displayName);
    // Matches the installed .desktop file (window icon and grouping on Wayland).
    QGuiApplication::setDesktopFileName(m_identity.name);
    if (Options(m_identity.description).asksForTextOnly(argumentList(argc, argv)))
        m_app = std::make_unique<QCoreApplication>(argc, argv);
    else
        m_app = std::make_unique<QApplication>(argc, argv); // QApplication: for the tray
}

AppShell::~AppShell() = default;

int AppShell::run(int &argc, char **argv, AppIdentity identity, const SessionFactory &makeSession)
{
    AppShell shell(argc, argv, std::move(identity));
    const auto server = shell.parseCommandLine();
    if (!server)
        return 2;

    Language::instance()->apply(); // before any text is made
    const std::unique_ptr<AbstractSession> session = makeSession();
    if (!server->isEmpty())
        session->setServerUrl(*server);

    QQmlApplicationEngine engine;
    if (!shell.load(engine, { { u"session"_s, QVariant::fromValue(session.get()) } }))
        return 1;
    session->connectToServer();
    return shell.exec();
}

std::optional<QUrl> AppShell::parseCommandLine()
{
    Options options(m_identity.description);
    options.parser.process(*m_app); // exits after --help or --version
    Q_ASSERT(qobject_cast<QGuiApplication *>(m_app.get()));

    m_screenshotDir = options.parser.value(options.screenshot);
    if (!options.parser.isSet(options.server))
        return QUrl();
    const QString value = options.parser.value(options.server);
    const QUrl url = QUrl::fromUserInput(value);
    if (!url.isValid() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
        std::fprintf(stderr, "%s: --server needs a ws:// or wss:// URL, got %s\n",
            qPrintable(m_identity.name), qPrintable(value));
        return std::nullopt;
    }
    return url;
}

bool AppShell::load(QQmlApplicationEngine &engine, const QVariantMap &initialProperties)
{
    QQuickStyle::setStyle(u"Basic"_s);
    // Qt 6.4 neither has loadFromModule() nor puts qrc:/qt/qml on the import path.
    engine.addImportPath(u"qrc:/qt/qml"_s);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, m_app.get(),
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

int AppShell::exec()
{
    return QCoreApplication::exec();
}

} // namespace scoreboard::app
