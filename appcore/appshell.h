#pragma once

#include <QString>
#include <QUrl>
#include <QVariantMap>

#include <optional>

class QGuiApplication;
class QQmlApplicationEngine;

namespace scoreboard::app {

/// @brief What differs between the two desktop apps.
struct AppIdentity
{
    QString name; ///< program and .desktop file name, e.g. "scoreboard-client"
    QString displayName; ///< shown in window titles
    QString description; ///< for --help
    QUrl mainQml; ///< the root QML file (a qrc URL)
};

/**
 * @brief The start-up both desktop apps share: names and version, the command line (`--server`,
 * `--help`, `--version`, the hidden `--screenshot DIR` with F12 for the docs), the Basic style,
 * and loading the root QML file so that a QML error ends the app with exit code 1.
 */
class AppShell
{
public:
    AppShell(QGuiApplication &app, AppIdentity identity);

    /**
     * @brief Reads the command line (exits for --help and --version). Returns the `--server`
     * URL (empty when not given), or nothing after printing why it is not a ws:// or wss:// URL
     * (exit with 2).
     */
    std::optional<QUrl> parseCommandLine();
    /// @brief Loads the root QML file into @p engine with @p initialProperties (e.g. the
    /// session for its `required property`); false if it failed (exit with 1).
    bool load(QQmlApplicationEngine &engine, const QVariantMap &initialProperties);

private:
    QGuiApplication &m_app;
    AppIdentity m_identity;
    QString m_screenshotDir;
};

} // namespace scoreboard::app
