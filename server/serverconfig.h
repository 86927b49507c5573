#pragma once

#include "cheatdetector.h"
#include "mailer.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace scoreboard::server {

/// @brief A token bucket: at most @c burst events, refilled one per @c perMs milliseconds.
struct RateRule
{
    int burst = 10;
    qint64 perMs = 60'000;
};

/// @brief Request limits, per account (e-mail) and per client address.
struct RateLimits
{
    RateRule signupPerAddress { 10, 60'000 };
    RateRule signupPerAccount { 3, 120'000 };
    RateRule verifyPerAddress { 30, 2'000 };
    RateRule verifyPerAccount { 10, 6'000 };
    RateRule resendPerAddress { 10, 60'000 };
    qint64 resendIntervalMs = 60'000; ///< per account: one code mail per interval
    RateRule loginPerAddress { 30, 2'000 };
    RateRule loginFailuresPerAccount { 10, 90'000 };
    RateRule challengesPerUser { 20, 50 }; ///< score.challenge: 20 at once, then 20 per second
};

/// @brief How scoring and the live board behave.
struct ScoringSettings
{
    qint64 pointsPerAction = 10; ///< the delta of every accepted action
    int challengeDelayMs = 100; ///< a challenge is redeemable this long after issue (notBeforeMs)
    int challengeTtlMs = 10'000; ///< and until this long after issue (expiresInMs)
    int tickMs = 30; ///< board updates are coalesced per tick
    qint64 slowViewerBytes = 256 * 1024; ///< a viewer with more unsent is "behind"
    int slowViewerTimeoutMs = 10'000; ///< a viewer behind this long is dropped
    int maxBatch = 2000; ///< most increments in one commit
};

/// @brief What a flag does to the public boards until staff decide.
enum class CheatPolicy {
    Apply, ///< flagged increments count until reversed (default)
    Hold, ///< flagged increments stay off the public boards until approved
};

/**
 * @brief Everything the server can be told, from the command line or an INI file.
 *
 * Keys in the INI file are the long option names (`port=8080`, `data-dir=...`); the command
 * line wins over the file. See docs/running.md.
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
    QString publicUrl; ///< how users reach the server (shown in logs and mail)
    int authTimeoutMs = 30'000; ///< close sockets that neither authenticate nor subscribe
    int pingIntervalMs = 30'000;
    int codeTtlMs = 10 * 60'000;
    int codeMaxAttempts = 5;
    qint64 sessionTtlMs = 30LL * 24 * 3600'000;
    int badFramesBeforeClose = 20; ///< within one minute
    int maxPendingRequests = 32; ///< per connection
    int hashMemoryMiB = 19; ///< Argon2id memory cost
    int hashOpsLimit = 2; ///< Argon2id time cost
    RateLimits limits;
    ScoringSettings scoring;
    CheatSettings cheat;
    CheatPolicy cheatPolicy = CheatPolicy::Apply;

    /// @brief The URL of the page for a listening port (uses publicUrl when set).
    QString pageUrl(quint16 actualPort) const;
};

/// @brief Outcome of reading the command line: a config, or an exit (help/version/error).
struct ParsedCommandLine
{
    enum class Command { Serve, AddStaff, CopyDatabase, Exit } command = Command::Serve;
    ServerConfig config;
    int exitCode = 0;
    QString staffEmail;
    QString staffRole;
    QString staffDisplayName;
    QString copyTarget; ///< copy-database: the PostgreSQL URL to copy the SQLite data into
};

/**
 * @brief Parses `scoreboard-server [add-staff] [options]`; prints help, version and errors itself.
 */
ParsedCommandLine parseCommandLine(const QStringList &arguments);

/// @brief Applies the keys of an INI file over @p config; returns an error message on failure.
std::optional<QString> loadConfigFile(const QString &path, ServerConfig &config);

} // namespace scoreboard::server
