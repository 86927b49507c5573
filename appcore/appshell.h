#pragma once

#include <QString>
#include <QUrl>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

class QCoreApplication;
class QQmlApplicationEngine;

namespace scoreboard::app {

class AbstractSession;

/// @brief What differs between the two desktop apps.
struct AppIdentity
{
    QString name; ///< program and .desktop file name, e.g. "scoreboard-client"
    QString displayName; ///< shown in window titles
    QString description; ///< for --help
    QUrl mainQml; ///< the root QML file (a qrc URL)
};

/**
 * @brief The start-up both desktop apps share: the application object, names and version, the
 * command line (`--server`, `--help`, `--version`, the hidden `--screenshot DIR` with F12 for the
 * docs), the Basic style, and loading the root QML file so that a QML error ends the app with exit
 * code 1.
 *
 * `--help` and `--version` work without a display: for them the shell makes only a
 * QCoreApplication (a QGuiApplication would abort without a display). Otherwise it makes a
 * QApplication, which the client's system-tray notification (QSystemTrayIcon) needs.
 */
class AppShell
{
public:
    using SessionFactory = std::function<std::unique_ptr<AbstractSession>()>;

    /**
     * @brief The whole of an app's main(): reads the command line, makes the session with
     * @p makeSession (pointed at `--server` when given), loads the root QML file with it as the
     * window's `session`, connects, and runs. Returns the exit code: 2 for a bad command line,
     * 1 when the QML cannot be loaded.
     */
    static int run(int &argc, char **argv, AppIdentity identity, const SessionFactory &makeSession);

    /// @brief Makes the application object for @p argc and @p argv (kept, as Qt requires).
    AppShell(int &argc, char **argv, AppIdentity identity);
    ~AppShell();

    /**
     * @brief Reads the command line (prints and exits for --help and --version). Returns the
     * `--server` URL (empty when not given), or nothing after printing why it is not a ws:// or
     * wss:// URL (exit with 2).
     */
    std::optional<QUrl> parseCommandLine();
    /// @brief Loads the root QML file into @p engine with @p initialProperties (e.g. the
    /// session for its `required property`); false if it failed (exit with 1).
    bool load(QQmlApplicationEngine &engine, const QVariantMap &initialProperties);
    /// @brief Runs the event loop; returns the exit code.
    int exec();

private:
    std::unique_ptr<QCoreApplication> m_app;
    AppIdentity m_identity;
    QString m_screenshotDir;
};

} // namespace scoreboard::app
