#include "app/options.h"
#include "store/postgrestarget.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

using Apply = std::function<std::optional<QString>(ServerConfig &, const QString &)>;
using Read = std::function<QString(const ServerConfig &)>;

QString invalidValue(const QString &key, const QString &value)
{
    return u"invalid value for %1: '%2'"_s.arg(key, value);
}

std::optional<RateRule> parseRule(const QString &text)
{
    const auto parts = text.split(u':');
    if (parts.size() != 2)
        return std::nullopt;
    bool burstOk = false;
    bool perOk = false;
    RateRule rule { parts[0].trimmed().toInt(&burstOk), parts[1].trimmed().toLongLong(&perOk) };
    if (!burstOk || !perOk || rule.burst < 1 || rule.perMs < 1)
        return std::nullopt;
    return rule;
}

/// A plain text setting, stored as it is.
template<typename Field>
ServerOption text(const char *key, const char *valueName, QString help, bool onCommandLine,
    QString whenEmpty, const char *example, Field field)
{
    return { QString::fromLatin1(key), QString::fromLatin1(valueName), std::move(help),
        onCommandLine, std::move(whenEmpty), QString::fromLatin1(example),
        [field](ServerConfig &config, const QString &value) -> std::optional<QString> {
            field(config) = value;
            return std::nullopt;
        },
        [field](const ServerConfig &config) { return field(const_cast<ServerConfig &>(config)); } };
}

/// A whole number of at least @p min.
template<typename Field>
ServerOption number(const char *key, const char *valueName, QString help, bool onCommandLine,
    int min, const char *example, Field field)
{
    const QString name = QString::fromLatin1(key);
    return { name, QString::fromLatin1(valueName), std::move(help), onCommandLine, {},
        QString::fromLatin1(example),
        [field, name, min](ServerConfig &config, const QString &value) -> std::optional<QString> {
            bool ok = false;
            const int parsed = value.toInt(&ok);
            if (!ok || parsed < min)
                return invalidValue(name, value);
            field(config) = parsed;
            return std::nullopt;
        },
        [field](const ServerConfig &config) {
            return QString::number(field(const_cast<ServerConfig &>(config)));
        } };
}

/// A `[limits]` token bucket, BURST:REFILL_MS.
template<typename Field>
ServerOption rule(const char *name, QString help, const char *example, Field field)
{
    const QString key = u"limits/"_s + QString::fromLatin1(name);
    return { key, u"BURST:REFILL_MS"_s, std::move(help), false, {}, QString::fromLatin1(example),
        [field, key](ServerConfig &config, const QString &value) -> std::optional<QString> {
            const auto parsed = parseRule(value);
            if (!parsed)
                return u"%1: expected BURST:REFILL_MS, e.g. 10:60000"_s.arg(key);
            field(config) = *parsed;
            return std::nullopt;
        },
        [field](const ServerConfig &config) {
            const RateRule &r = field(const_cast<ServerConfig &>(config));
            return u"%1:%2"_s.arg(r.burst).arg(r.perMs);
        } };
}

/// A `[cheat]` threshold: any positive number, stored in the field's type.
template<typename T>
ServerOption threshold(const char *name, QString help, const char *example, T CheatSettings::*field)
{
    const QString key = u"cheat/"_s + QString::fromLatin1(name);
    return { key, u"number"_s, std::move(help), false, {}, QString::fromLatin1(example),
        [field, key](ServerConfig &config, const QString &value) -> std::optional<QString> {
            bool ok = false;
            const double parsed = value.toDouble(&ok);
            if (!ok || parsed <= 0)
                return u"%1 must be a positive number"_s.arg(key);
            config.cheat.*field = T(parsed);
            return std::nullopt;
        },
        [field](const ServerConfig &config) { return QString::number(config.cheat.*field); } };
}

/// A closed set of words; @p error formats the message for a wrong one (key, value).
template<typename T, typename Field>
ServerOption choice(const char *key, const char *valueName, QString help, bool onCommandLine,
    const char *example, QList<std::pair<QString, T>> words, Field field,
    std::function<QString(const QString &, const QString &)> error)
{
    const QString name = QString::fromLatin1(key);
    return { name, QString::fromLatin1(valueName), std::move(help), onCommandLine, {},
        QString::fromLatin1(example),
        [=](ServerConfig &config, const QString &value) -> std::optional<QString> {
            for (const auto &[word, setting] : words) {
                if (value == word) {
                    field(config) = setting;
                    return std::nullopt;
                }
            }
            return error(name, value);
        },
        [=](const ServerConfig &config) {
            for (const auto &[word, setting] : words) {
                if (field(const_cast<ServerConfig &>(config)) == setting)
                    return word;
            }
            return QString();
        } };
}

using Subnets = QList<std::pair<QHostAddress, int>>;

/// A comma-separated list of addresses or subnets (an address alone is one host).
template<typename Field>
ServerOption subnets(
    const char *key, QString help, QString whenEmpty, const char *example, Field field)
{
    const QString name = QString::fromLatin1(key);
    return { name, u"list"_s, std::move(help), true, std::move(whenEmpty),
        QString::fromLatin1(example),
        [field, name](ServerConfig &config, const QString &value) -> std::optional<QString> {
            Subnets parsed;
            for (const auto &entry : value.split(u',', Qt::SkipEmptyParts)) {
                const QString address = entry.trimmed();
                const auto subnet = QHostAddress::parseSubnet(address.contains(u'/')
                        ? address
                        : address + (address.contains(u':') ? u"/128"_s : u"/32"_s));
                if (subnet.first.isNull())
                    return invalidValue(name, value);
                parsed.append(subnet);
            }
            field(config) = parsed;
            return std::nullopt;
        },
        [field](const ServerConfig &config) {
            QStringList entries;
            for (const auto &[address, prefix] : field(const_cast<ServerConfig &>(config)))
                entries.append(u"%1/%2"_s.arg(address.toString()).arg(prefix));
            return entries.join(u',');
        } };
}

/// A setting with its own parser.
ServerOption custom(const char *key, const char *valueName, QString help, bool onCommandLine,
    QString whenEmpty, const char *example, Apply apply, Read read)
{
    return { QString::fromLatin1(key), QString::fromLatin1(valueName), std::move(help),
        onCommandLine, std::move(whenEmpty), QString::fromLatin1(example), std::move(apply),
        std::move(read) };
}

QList<ServerOption> makeOptions()
{
    using StartTls = MailSettings::StartTls;
    QList<ServerOption> options;
    // ---- network
    options << custom(
        "port", "port", u"TCP port for HTTP and WebSocket (0 picks a free one)."_s, true, {},
        "9000",
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            bool ok = false;
            const int port = value.toInt(&ok);
            if (!ok || port < 0 || port > 65535)
                return invalidValue(u"port"_s, value);
            config.port = quint16(port);
            return std::nullopt;
        },
        [](const ServerConfig &config) { return QString::number(config.port); });
    options << custom(
        "listen", "address", u"Address to listen on."_s, true, u"all addresses (IPv4 and IPv6)"_s,
        "127.0.0.1",
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            if (!config.listen.setAddress(value))
                return invalidValue(u"listen"_s, value);
            return std::nullopt;
        },
        [](const ServerConfig &config) {
            return config.listen == QHostAddress::Any ? QString() : config.listen.toString();
        });
    options << text("public-url", "url",
        u"The URL users reach this server at (printed at start)."_s, true,
        u"http://localhost:<port>/"_s, "https://scores.example.com/",
        [](ServerConfig &c) -> QString & { return c.publicUrl; });
    options << custom(
        "allowed-origins", "origins",
        u"Comma-separated extra Origins allowed to open the WebSocket."_s, true, u"none"_s,
        "https://a.example.com,https://b.example.com",
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            config.allowedOrigins.clear();
            for (const auto &origin : value.split(u',', Qt::SkipEmptyParts))
                config.allowedOrigins.append(origin.trimmed());
            return std::nullopt;
        },
        [](const ServerConfig &config) { return config.allowedOrigins.join(u','); });
    options << subnets("trusted-proxies",
        u"Comma-separated addresses or subnets of reverse proxies whose X-Forwarded-For "
        "header names the client."_s,
        u"none"_s, "10.0.0.0/8,::1/128",
        [](ServerConfig &c) -> Subnets & { return c.trustedProxies; });
    options << subnets("metrics-allow",
        u"Comma-separated client addresses or subnets that may read /metrics (others get "
        "403)."_s,
        u"nobody"_s, "127.0.0.0/8,::1/128,10.0.0.0/8",
        [](ServerConfig &c) -> Subnets & { return c.metricsAllow; });
    options << text("tls-cert", "file",
        u"Serve HTTPS and WSS with this PEM certificate chain (with tls-key; re-read on "
        "SIGHUP)."_s,
        true, u"none (plain HTTP)"_s, "/etc/letsencrypt/live/scores.example.com/fullchain.pem",
        [](ServerConfig &c) -> QString & { return c.tlsCert; });
    options << text("tls-key", "file", u"The PEM private key of tls-cert."_s, true, u"none"_s,
        "/etc/letsencrypt/live/scores.example.com/privkey.pem",
        [](ServerConfig &c) -> QString & { return c.tlsKey; });
    // ---- transport limits (docs/security.md)
    options << number("max-connections", "count",
        u"Open connections in all; a new one over it is refused at once."_s, true, 1, "50000",
        [](ServerConfig &c) -> int & { return c.transport.maxConnections; });
    options << number("max-connections-per-address", "count",
        u"Open connections from one client address (IPv6: one /64), 0 for no limit."_s, true, 0,
        "64", [](ServerConfig &c) -> int & { return c.transport.maxConnectionsPerAddress; });
    options << number("max-head-bytes", "bytes",
        u"Request line and headers of one HTTP request (431 past it)."_s, false, 1024, "8192",
        [](ServerConfig &c) -> qint64 & { return c.transport.maxHeadBytes; });
    options << number("max-body-bytes", "bytes", u"Body of one HTTP request (413 past it)."_s,
        false, 0, "4096", [](ServerConfig &c) -> qint64 & { return c.transport.maxBodyBytes; });
    options << number("head-timeout-ms", "ms",
        u"Time from a request's first byte to the end of its head."_s, false, 100, "5000",
        [](ServerConfig &c) -> int & { return c.transport.headTimeoutMs; });
    options << number("body-timeout-ms", "ms", u"Time from a head to the end of its body."_s,
        false, 100, "5000", [](ServerConfig &c) -> int & { return c.transport.bodyTimeoutMs; });
    options << number("idle-timeout-ms", "ms",
        u"A kept-alive HTTP connection without a request is closed after this."_s, false, 100,
        "15000", [](ServerConfig &c) -> int & { return c.transport.idleTimeoutMs; });
    options << number("max-unsent-bytes", "bytes",
        u"Unsent data past which a socket's requests wait; dropped at four times it."_s, false,
        16384, "262144", [](ServerConfig &c) -> qint64 & { return c.transport.maxUnsentBytes; });
    options << number("unsent-grace-ms", "ms",
        u"A socket past max-unsent-bytes for this long is dropped."_s, false, 100, "5000",
        [](ServerConfig &c) -> int & { return c.transport.unsentGraceMs; });
    // ---- state
    options << text("data-dir", "dir", u"Folder for the SQLite database and server state."_s, true,
        u"$STATE_DIRECTORY, else ./scoreboard-data"_s, "/srv/scoreboard",
        [](ServerConfig &c) -> QString & { return c.dataDir; });
    options << custom(
        "database", "url", u"PostgreSQL URL postgresql://user@host/db for several nodes."_s, true,
        u"SQLite in the data folder"_s, "postgresql://scoreboard@db.example.com:5432/scoreboard",
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            // Empty, or a PostgreSQL URL. The value may hold a password: never echo it.
            QString error;
            if (!value.isEmpty() && !PostgresTarget::fromUrl(value, &error))
                return u"invalid value for database: %1"_s.arg(error);
            config.database = value;
            return std::nullopt;
        },
        [](const ServerConfig &config) { return config.database; });
    // ---- mail
    options << text("mail-dir", "dir", u"Write each mail as an .eml file into this folder."_s, true,
        u"<data-dir>/mail when no SMTP is set"_s, "/srv/scoreboard/mail",
        [](ServerConfig &c) -> QString & { return c.mail.mailDir; });
    options << custom(
        "mail-from", "address", u"Sender address of outgoing mail."_s, true, {},
        "Scores <scores@example.com>",
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            config.mail.from = value;
            if (value.contains(u'\r') || value.contains(u'\n') || !value.contains(u'@'))
                return invalidValue(u"mail-from"_s, value);
            return std::nullopt;
        },
        [](const ServerConfig &config) { return config.mail.from; });
    options << custom(
        "smtp", "url",
        u"Send mail through this SMTP server, smtp://host:587 (STARTTLS) or smtps://host:465."_s,
        true, u"none"_s, "smtps://mail.example.com:465",
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            config.mail.smtpUrl = QUrl(value);
            const bool ok = value.isEmpty()
                || (config.mail.smtpUrl.isValid()
                    && (config.mail.smtpUrl.scheme() == "smtp"_L1
                        || config.mail.smtpUrl.scheme() == "smtps"_L1));
            if (!ok)
                return invalidValue(u"smtp"_s, value);
            return std::nullopt;
        },
        [](const ServerConfig &config) { return config.mail.smtpUrl.toString(); });
    options << text("smtp-user", "user", u"SMTP user name."_s, true, u"none"_s, "scoreboard",
        [](ServerConfig &c) -> QString & { return c.mail.smtpUser; });
    options << text("smtp-password", "password",
        u"SMTP password (config file or SCOREBOARD_SMTP_PASSWORD, never the command line)."_s,
        false, u"none"_s, "change-me",
        [](ServerConfig &c) -> QString & { return c.mail.smtpPassword; });
    options << choice<StartTls>(
        "smtp-starttls", "mode", u"auto, require or off."_s, true, "require",
        { { u"auto"_s, StartTls::Auto }, { u"require"_s, StartTls::Require },
            { u"off"_s, StartTls::Off } },
        [](ServerConfig &c) -> StartTls & { return c.mail.startTls; }, &invalidValue);
    // ---- sessions and scoring
    options << number("auth-timeout-ms", "ms",
        u"Close sockets that neither log in nor subscribe within this time."_s, true, 100, "5000",
        [](ServerConfig &c) -> int & { return c.authTimeoutMs; });
    options << number("ping-interval-ms", "ms", u"WebSocket keep-alive ping interval."_s, false,
        100, "10000", [](ServerConfig &c) -> int & { return c.pingIntervalMs; });
    options << number("code-ttl-ms", "ms", u"Lifetime of an e-mailed code."_s, false, 1000,
        "300000", [](ServerConfig &c) -> int & { return c.auth.codeTtlMs; });
    options << number("hash-memory-mib", "MiB", u"Argon2id memory cost (minimum 19)."_s, false, 19,
        "64", [](ServerConfig &c) -> int & { return c.auth.hashMemoryMiB; });
    options << number("hash-ops", "passes", u"Argon2id time cost (minimum 2)."_s, false, 2, "3",
        [](ServerConfig &c) -> int & { return c.auth.hashOpsLimit; });
    options << number("hash-queue", "hashes",
        u"Password hashes waiting or running at most; past it a request gets rate_limited."_s,
        false, 1, "16", [](ServerConfig &c) -> int & { return c.auth.hashQueueMax; });
    options << number("mail-queue", "mails",
        u"Mails waiting or being sent at most; past it a sign-up or resend gets rate_limited."_s,
        false, 1, "50", [](ServerConfig &c) -> int & { return c.auth.mailQueueMax; });
    options << number("pending-account-days", "days",
        u"Sign-ups never verified are forgotten after this many days."_s, false, 1, "2",
        [](ServerConfig &c) -> int & { return c.auth.pendingAccountDays; });
    options << number("trusted-device-days", "days",
        u"A device with a session of an account this recent may keep trying to log in while "
        "login-failures-per-account holds the account."_s,
        false, 0, "7", [](ServerConfig &c) -> int & { return c.auth.trustedDeviceDays; });
    options << number("points-per-action", "points",
        u"Points of the default action (an event created without its own catalogue)."_s, false,
        1, "5", [](ServerConfig &c) -> qint64 & { return c.scoring.pointsPerAction; });
    options << ServerOption { u"time-zone"_s, u"zone"_s,
        u"The time zone of events' daily, weekly and monthly resets (an IANA name)."_s, false, {},
        u"Europe/Berlin"_s,
        [](ServerConfig &config, const QString &value) -> std::optional<QString> {
            if (!QTimeZone::isTimeZoneIdAvailable(value.toUtf8()))
                return u"time-zone: unknown time zone '%1' (use an IANA name such as UTC or "
                       "Europe/Berlin)"_s.arg(value);
            config.scoring.timeZone = value.toUtf8();
            return std::nullopt;
        },
        [](const ServerConfig &config) { return QString::fromUtf8(config.scoring.timeZone); } };
    options << number("challenge-delay-ms", "ms",
        u"A challenge is redeemable this long after issue."_s, false, 0, "250",
        [](ServerConfig &c) -> int & { return c.scoring.challengeDelayMs; });
    options << number("challenge-ttl-ms", "ms",
        u"And until this long after issue (must exceed the delay)."_s, false, 100, "20000",
        [](ServerConfig &c) -> int & { return c.scoring.challengeTtlMs; });
    options << number("tick-ms", "ms", u"Board updates are coalesced per tick."_s, false, 1, "50",
        [](ServerConfig &c) -> int & { return c.scoring.tickMs; });
    options << number("slow-viewer-bytes", "bytes",
        u"A viewer with more unsent data is skipped until it drains."_s, false, 1024, "65536",
        [](ServerConfig &c) -> qint64 & { return c.scoring.slowViewerBytes; });
    options << number("slow-viewer-timeout-ms", "ms", u"A viewer behind this long is dropped."_s,
        false, 100, "5000", [](ServerConfig &c) -> int & { return c.scoring.slowViewerTimeoutMs; });
    // ---- [limits]
    options << rule("signup-per-address", u"auth.signup per client address."_s, "5:30000",
        [](ServerConfig &c) -> RateRule & { return c.auth.limits.signupPerAddress; });
    options << rule("signup-per-account", u"auth.signup per e-mail address."_s, "2:60000",
        [](ServerConfig &c) -> RateRule & { return c.auth.limits.signupPerAccount; });
    options << rule("verify-per-address", u"auth.verify per client address."_s, "10:1000",
        [](ServerConfig &c) -> RateRule & { return c.auth.limits.verifyPerAddress; });
    options << rule("verify-per-account", u"auth.verify per e-mail address."_s, "5:3000",
        [](ServerConfig &c) -> RateRule & { return c.auth.limits.verifyPerAccount; });
    options << rule("resend-per-address", u"auth.resend per client address."_s, "5:30000",
        [](ServerConfig &c) -> RateRule & { return c.auth.limits.resendPerAddress; });
    options << number("limits/resend-interval-ms", "ms",
        u"One code mail per e-mail address per interval."_s, false, 0, "30000",
        [](ServerConfig &c) -> qint64 & { return c.auth.limits.resendIntervalMs; });
    options << rule("login-per-address", u"auth.login and auth.resume per client address."_s,
        "10:1000", [](ServerConfig &c) -> RateRule & { return c.auth.limits.loginPerAddress; });
    options << rule("login-failures-per-account",
        u"Failed logins per account (not counting its recent devices)."_s, "5:60000",
        [](ServerConfig &c) -> RateRule & { return c.auth.limits.loginFailuresPerAccount; });
    options << rule("login-failures-per-account-address",
        u"Failed logins per account from one client address."_s, "5:60000",
        [](ServerConfig &c) -> RateRule & {
            return c.auth.limits.loginFailuresPerAccountAddress;
        });
    options << rule("challenges-per-user", u"score.challenge per player."_s, "10:100",
        [](ServerConfig &c) -> RateRule & { return c.scoring.challengesPerUser; });
    // ---- [cheat] (docs/anti-cheat.md)
    options << choice<CheatPolicy>(
        "cheat/policy", "policy",
        u"apply counts flagged actions at once, hold keeps them off the boards until a "
        "checker decides."_s,
        false, "hold", { { u"apply"_s, CheatPolicy::Apply }, { u"hold"_s, CheatPolicy::Hold } },
        [](ServerConfig &c) -> CheatPolicy & { return c.cheat.policy; },
        [](const QString &key, const QString &) { return u"%1 must be apply or hold"_s.arg(key); });
    options << threshold(
        "velocity-10s-max", u"Most actions in 10 s."_s, "30", &CheatSettings::velocity10sMax)
            << threshold("velocity-60s-max", u"Most actions in 60 s."_s, "120",
                   &CheatSettings::velocity60sMax)
            << threshold("velocity-600s-max", u"Most actions in 600 s."_s, "1000",
                   &CheatSettings::velocity600sMax)
            << threshold("burst-count", u"This many actions within burst-window-ms trip burst."_s,
                   "6", &CheatSettings::burstCount)
            << threshold(
                   "burst-window-ms", u"The burst window."_s, "500", &CheatSettings::burstWindowMs)
            << threshold("regular-samples", u"Intervals regular_timing looks at."_s, "20",
                   &CheatSettings::regularSamples)
            << threshold("regular-max-cv",
                   u"Variation of the intervals below which timing is machine-regular."_s, "0.15",
                   &CheatSettings::regularMaxCv)
            << threshold("outlier-window-ms", u"The window gains are compared over."_s, "30000",
                   &CheatSettings::outlierWindowMs)
            << threshold("outlier-min-robust-z", u"Robust z-score that trips outlier."_s, "6.5",
                   &CheatSettings::outlierMinRobustZ)
            << threshold("outlier-min-population", u"Fewer active players never trip outlier."_s,
                   "10", &CheatSettings::outlierMinPopulation)
            << threshold("outlier-min-gain", u"A smaller gain never trips outlier."_s, "100",
                   &CheatSettings::outlierMinGain)
            << threshold("refusal-count", u"Refused requests that trip refusals."_s, "5",
                   &CheatSettings::refusalCount)
            << threshold("refusal-window-ms", u"The refusals window."_s, "30000",
                   &CheatSettings::refusalWindowMs)
            << threshold("lockstep-tolerance-ms",
                   u"How close two accounts' actions are to match in lockstep."_s, "20",
                   &CheatSettings::lockstepToleranceMs)
            << threshold("lockstep-matches", u"How many matches in a row trip lockstep."_s, "10",
                   &CheatSettings::lockstepMatches)
            << threshold("cooldown-ms", u"At most one flag per player and rule in this time."_s,
                   "600000", &CheatSettings::cooldownMs);
    return options;
}

} // namespace

QString ServerOption::section() const
{
    return key.contains(u'/') ? key.section(u'/', 0, 0) : QString();
}

QString ServerOption::name() const
{
    return key.section(u'/', -1);
}

QString ServerOption::defaultText() const
{
    const QString value = read(ServerConfig());
    return value.isEmpty() ? whenEmpty : value;
}

const QList<ServerOption> &serverOptions()
{
    static const QList<ServerOption> options = makeOptions();
    return options;
}

const ServerOption *findServerOption(const QString &key)
{
    for (const auto &option : serverOptions()) {
        if (option.key == key)
            return &option;
    }
    return nullptr;
}

std::optional<QString> applyServerOption(
    ServerConfig &config, const QString &key, const QString &value)
{
    const ServerOption *option = findServerOption(key);
    if (!option)
        return u"unknown setting '%1'"_s.arg(key);
    return option->apply(config, value);
}

} // namespace scoreboard::server
