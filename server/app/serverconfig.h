#pragma once

#include <QJsonObject>

#include "anticheat/cheatdetector.h"
#include "auth/authsettings.h"
#include "auth/mailer.h"
#include "net/transportlimits.h"
#include "scoring/scoringsettings.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace scoreboard::server {

/**
 * @brief Everything the server can be told, from the command line or an INI file.
 *
 * Every setting is one row of the option table (app/options.h), which parses and validates it
 * from the command line and the INI file alike; the command line wins. See docs/running.md.
 */
struct ServerConfig
{
    QHostAddress listen = QHostAddress::Any;
    quint16 port = 8080;
    QString dataDir;
    QString database; ///< empty: SQLite in dataDir
    MailSettings mail;
    QStringList allowedOrigins; ///< extra origins allowed to open the WebSocket
    /// Proxies (addresses or subnets) whose X-Forwarded-For names the real client address.
    QList<std::pair<QHostAddress, int>> trustedProxies;
    /// Client addresses (or subnets) that may read /metrics.
    QList<std::pair<QHostAddress, int>> metricsAllow { QHostAddress::parseSubnet(
                                                           QStringLiteral("127.0.0.0/8")),
        QHostAddress::parseSubnet(QStringLiteral("::1/128")) };
    TransportLimits transport;
    /// PEM files of the certificate chain and its private key: serve HTTPS and WSS (both or
    /// neither; re-read on SIGHUP).
    QString tlsCert;
    QString tlsKey;
    QString publicUrl; ///< how users reach the server (shown in logs and mail)
    int authTimeoutMs = 30'000; ///< close sockets that neither authenticate nor subscribe
    int pingIntervalMs = 30'000;
    int badFramesBeforeClose = 20; ///< within one minute
    int maxPendingRequests = 32; ///< per connection
    AuthSettings auth;
    ScoringSettings scoring;
    CheatSettings cheat;

    /// @brief The URL of the page for a listening port (uses publicUrl when set).
    QString pageUrl(quint16 actualPort) const;
};

/// @brief Outcome of reading the command line: a config, or an exit (help/version/error).
struct ParsedCommandLine
{
    enum class Command { Serve, AddStaff, CopyDatabase, Event, Exit } command = Command::Serve;
    ServerConfig config;
    int exitCode = 0;
    QString staffEmail;
    QString staffRole;
    QString staffDisplayName;
    QString copyTarget; ///< copy-database: the PostgreSQL URL to copy the SQLite data into
    QString eventVerb; ///< event: create, update, open, close or list
    /// event: the fields given (slug, title, …, as the protocol names them) and the reason
    QJsonObject eventFields;
    QString eventReason;
};

/**
 * @brief Parses `scoreboard-server [add-staff] [options]`; prints help, version and errors itself.
 */
ParsedCommandLine parseCommandLine(const QStringList &arguments);

/// @brief Applies the keys of an INI file over @p config; returns an error message on failure.
std::optional<QString> loadConfigFile(const QString &path, ServerConfig &config);

} // namespace scoreboard::server
