#include "app/serverconfig.h"
#include "store/postgrestarget.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
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

struct RuleKey
{
    const char *key;
    RateRule AuthLimits::*rule;
};

constexpr RuleKey kRuleKeys[] = {
    { "signup-per-address", &AuthLimits::signupPerAddress },
    { "signup-per-account", &AuthLimits::signupPerAccount },
    { "verify-per-address", &AuthLimits::verifyPerAddress },
    { "verify-per-account", &AuthLimits::verifyPerAccount },
    { "resend-per-address", &AuthLimits::resendPerAddress },
    { "login-per-address", &AuthLimits::loginPerAddress },
    { "login-failures-per-account", &AuthLimits::loginFailuresPerAccount },
};

struct CheatKey
{
    const char *key;
    int CheatSettings::*intField;
    double CheatSettings::*doubleField;
    qint64 CheatSettings::*longField;
};

constexpr CheatKey kCheatKeys[] = {
    { "velocity-10s-max", &CheatSettings::velocity10sMax, nullptr, nullptr },
    { "velocity-60s-max", &CheatSettings::velocity60sMax, nullptr, nullptr },
    { "velocity-600s-max", &CheatSettings::velocity600sMax, nullptr, nullptr },
    { "burst-count", &CheatSettings::burstCount, nullptr, nullptr },
    { "burst-window-ms", &CheatSettings::burstWindowMs, nullptr, nullptr },
    { "regular-samples", &CheatSettings::regularSamples, nullptr, nullptr },
    { "regular-max-cv", nullptr, &CheatSettings::regularMaxCv, nullptr },
    { "outlier-window-ms", &CheatSettings::outlierWindowMs, nullptr, nullptr },
    { "outlier-min-robust-z", nullptr, &CheatSettings::outlierMinRobustZ, nullptr },
    { "outlier-min-population", &CheatSettings::outlierMinPopulation, nullptr, nullptr },
    { "outlier-min-gain", nullptr, nullptr, &CheatSettings::outlierMinGain },
    { "refusal-count", &CheatSettings::refusalCount, nullptr, nullptr },
    { "refusal-window-ms", &CheatSettings::refusalWindowMs, nullptr, nullptr },
    { "lockstep-tolerance-ms", &CheatSettings::lockstepToleranceMs, nullptr, nullptr },
    { "lockstep-matches", &CheatSettings::lockstepMatches, nullptr, nullptr },
    { "cooldown-ms", &CheatSettings::cooldownMs, nullptr, nullptr },
};

/// Applies a `cheat/...` key: nothing if @p key is not one, an empty string if it was applied,
/// else the error.
std::optional<QString> applyCheatSetting(
    ServerConfig &config, const QString &key, const QString &value)
{
    if (!key.startsWith("cheat/"_L1))
        return std::nullopt;
    const QString name = key.mid(6);
    if (name == "policy"_L1) {
        if (value == "apply"_L1)
            config.cheat.policy = CheatPolicy::Apply;
        else if (value == "hold"_L1)
            config.cheat.policy = CheatPolicy::Hold;
        else
            return u"%1 must be apply or hold"_s.arg(key);
        return QString();
    }
    for (const auto &entry : kCheatKeys) {
        if (name != QLatin1StringView(entry.key))
            continue;
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (!ok || number <= 0)
            return u"%1 must be a positive number"_s.arg(key);
        if (entry.intField)
            config.cheat.*(entry.intField) = int(number);
        else if (entry.doubleField)
            config.cheat.*(entry.doubleField) = number;
        else
            config.cheat.*(entry.longField) = qint64(number);
        return QString();
    }
    return u"unknown setting '%1'"_s.arg(key);
}

std::optional<QString> applySetting(ServerConfig &config, const QString &key, const QString &value)
{
    bool ok = true;
    auto positive = [&](int min) {
        const int v = value.toInt(&ok);
        ok = ok && v >= min;
        return v;
    };
    if (key == "port"_L1) {
        const int port = value.toInt(&ok);
        ok = ok && port >= 0 && port <= 65535;
        config.port = quint16(port);
    } else if (key == "listen"_L1) {
        ok = config.listen.setAddress(value);
    } else if (key == "data-dir"_L1) {
        config.dataDir = value;
    } else if (key == "database"_L1) {
        // Empty, or a PostgreSQL URL. The value may hold a password: never echo it.
        QString error;
        if (!value.isEmpty() && !PostgresTarget::fromUrl(value, &error))
            return u"invalid value for database: %1"_s.arg(error);
        config.database = value;
    } else if (key == "mail-dir"_L1) {
        config.mail.mailDir = value;
    } else if (key == "smtp"_L1) {
        config.mail.smtpUrl = QUrl(value);
        ok = value.isEmpty()
            || (config.mail.smtpUrl.isValid()
                && (config.mail.smtpUrl.scheme() == "smtp"_L1
                    || config.mail.smtpUrl.scheme() == "smtps"_L1));
    } else if (key == "smtp-user"_L1) {
        config.mail.smtpUser = value;
    } else if (key == "smtp-password"_L1) {
        config.mail.smtpPassword = value;
    } else if (key == "smtp-starttls"_L1) {
        if (value == "auto"_L1)
            config.mail.startTls = MailSettings::StartTls::Auto;
        else if (value == "require"_L1)
            config.mail.startTls = MailSettings::StartTls::Require;
        else if (value == "off"_L1)
            config.mail.startTls = MailSettings::StartTls::Off;
        else
            ok = false;
    } else if (key == "mail-from"_L1) {
        config.mail.from = value;
        ok = !value.contains(u'\r') && !value.contains(u'\n') && value.contains(u'@');
    } else if (key == "allowed-origins"_L1) {
        for (const auto &origin : value.split(u',', Qt::SkipEmptyParts))
            config.allowedOrigins.append(origin.trimmed());
    } else if (key == "trusted-proxies"_L1) {
        config.trustedProxies.clear();
        for (const auto &entry : value.split(u',', Qt::SkipEmptyParts)) {
            const QString text = entry.trimmed();
            auto subnet = QHostAddress::parseSubnet(
                text.contains(u'/') ? text : text + (text.contains(u':') ? u"/128"_s : u"/32"_s));
            if (subnet.first.isNull()) {
                ok = false;
                break;
            }
            config.trustedProxies.append(subnet);
        }
    } else if (key == "public-url"_L1) {
        config.publicUrl = value;
    } else if (key == "auth-timeout-ms"_L1) {
        config.authTimeoutMs = positive(100);
    } else if (key == "ping-interval-ms"_L1) {
        config.pingIntervalMs = positive(100);
    } else if (key == "code-ttl-ms"_L1) {
        config.auth.codeTtlMs = positive(1000);
    } else if (key == "hash-memory-mib"_L1) {
        config.auth.hashMemoryMiB = positive(19);
    } else if (key == "hash-ops"_L1) {
        config.auth.hashOpsLimit = positive(2);
    } else if (key == "points-per-action"_L1) {
        config.scoring.pointsPerAction = positive(1);
    } else if (key == "challenge-delay-ms"_L1) {
        config.scoring.challengeDelayMs = positive(0);
    } else if (key == "challenge-ttl-ms"_L1) {
        config.scoring.challengeTtlMs = positive(100);
    } else if (key == "tick-ms"_L1) {
        config.scoring.tickMs = positive(1);
    } else if (key == "slow-viewer-bytes"_L1) {
        config.scoring.slowViewerBytes = positive(1024);
    } else if (key == "slow-viewer-timeout-ms"_L1) {
        config.scoring.slowViewerTimeoutMs = positive(100);
    } else {
        for (const auto &ruleKey : kRuleKeys) {
            if (key == QLatin1StringView("limits/") + QLatin1StringView(ruleKey.key)) {
                const auto rule = parseRule(value);
                if (!rule)
                    return u"%1: expected BURST:REFILL_MS, e.g. 10:60000"_s.arg(key);
                config.auth.limits.*(ruleKey.rule) = *rule;
                return std::nullopt;
            }
        }
        if (key == "limits/challenges-per-user"_L1) {
            const auto rule = parseRule(value);
            if (!rule)
                return u"%1: expected BURST:REFILL_MS, e.g. 10:60000"_s.arg(key);
            config.scoring.challengesPerUser = *rule;
            return std::nullopt;
        }
        if (auto error = applyCheatSetting(config, key, value)) {
            if (!error->isEmpty())
                return *error;
            return std::nullopt;
        }
        if (key == "limits/resend-interval-ms"_L1) {
            config.auth.limits.resendIntervalMs = positive(0);
        } else {
            return u"unknown setting '%1'"_s.arg(key);
        }
    }
    if (!ok)
        return u"invalid value for %1: '%2'"_s.arg(key, value);
    return std::nullopt;
}

const char *const kValueOptions[]
    = { "port", "listen", "data-dir", "database", "mail-dir", "smtp", "smtp-user", "smtp-starttls",
          "mail-from", "allowed-origins", "trusted-proxies", "public-url", "auth-timeout-ms" };

} // namespace

QString ServerConfig::pageUrl(quint16 actualPort) const
{
    if (!publicUrl.isEmpty())
        return publicUrl;
    QString host = u"localhost"_s;
    if (listen != QHostAddress::Any && listen != QHostAddress::AnyIPv4
        && listen != QHostAddress::AnyIPv6 && listen != QHostAddress::LocalHost)
        host = listen.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(listen.toString())
                                                                  : listen.toString();
    return u"http://%1:%2/"_s.arg(host).arg(actualPort);
}

std::optional<QString> loadConfigFile(const QString &path, ServerConfig &config)
{
    if (!QFileInfo(path).isReadable())
        return u"cannot read config file %1"_s.arg(path);
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return u"cannot parse config file %1"_s.arg(path);
    for (const auto &key : settings.allKeys()) {
        const QString value = settings.value(key).toStringList().join(u',');
        if (auto error = applySetting(config, key, value))
            return u"%1: %2"_s.arg(path, *error);
    }
    return std::nullopt;
}

ParsedCommandLine parseCommandLine(const QStringList &arguments)
{
    ParsedCommandLine result;
    QStringList args = arguments;
    if (args.size() > 1 && args.at(1) == "add-staff"_L1) {
        result.command = ParsedCommandLine::Command::AddStaff;
        args.removeAt(1);
    } else if (args.size() > 1 && args.at(1) == "copy-database"_L1) {
        result.command = ParsedCommandLine::Command::CopyDatabase;
        args.removeAt(1);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(result.command == ParsedCommandLine::Command::AddStaff
            ? u"Creates a staff account for the score-check console.\n"
              "The password is read from SCOREBOARD_PASSWORD or, if unset, from the first "
              "line of standard input."_s
            : result.command == ParsedCommandLine::Command::CopyDatabase
            ? u"Copies everything in the SQLite database of the data folder into an empty "
              "PostgreSQL database, to move one server to several nodes (docs/scaling.md). "
              "Stop the server first."_s
            : u"Live scoreboard server: HTTP and WebSocket on one port.\n"
              "Subcommands: add-staff --email E --role checker|admin (see add-staff --help); "
              "copy-database --to postgresql://... (see copy-database --help)."_s);
    const auto helpOption = parser.addHelpOption();
    const auto versionOption = parser.addVersionOption();
    parser.addOptions({
        { u"config"_s, u"Read settings from an INI file (same keys as the long options)."_s,
            u"file"_s },
        { u"port"_s, u"TCP port for HTTP and WebSocket (default 8080; 0 picks a free one)."_s,
            u"port"_s },
        { u"listen"_s, u"Address to listen on (default: all)."_s, u"address"_s },
        { u"data-dir"_s, u"Folder for the SQLite database and server state."_s, u"dir"_s },
        { u"database"_s,
            u"PostgreSQL URL postgresql://user@host/db for several nodes (default: SQLite in the data folder)."_s,
            u"url"_s },
        { u"mail-dir"_s,
            u"Write each mail as an .eml file into this folder (default when no SMTP is set: <data-dir>/mail)."_s,
            u"dir"_s },
        { u"smtp"_s, u"Send mail through this SMTP server, e.g. smtp://127.0.0.1:25."_s, u"url"_s },
        { u"smtp-user"_s,
            u"SMTP user name (the password comes from the config file or SCOREBOARD_SMTP_PASSWORD)."_s,
            u"user"_s },
        { u"smtp-starttls"_s, u"auto, require or off (default auto)."_s, u"mode"_s },
        { u"mail-from"_s, u"Sender address of outgoing mail."_s, u"address"_s },
        { u"allowed-origins"_s, u"Comma-separated extra Origins allowed to open the WebSocket."_s,
            u"origins"_s },
        { u"trusted-proxies"_s,
            u"Comma-separated addresses or subnets of reverse proxies whose X-Forwarded-For "
            "header names the client (default none)."_s,
            u"list"_s },
        { u"public-url"_s, u"The URL users reach this server at."_s, u"url"_s },
        { u"auth-timeout-ms"_s,
            u"Close sockets that neither log in nor subscribe within this time (default 30000)."_s,
            u"ms"_s },
    });
    if (result.command == ParsedCommandLine::Command::CopyDatabase)
        parser.addOption({ u"to"_s, u"The empty PostgreSQL database to copy into."_s, u"url"_s });
    if (result.command == ParsedCommandLine::Command::AddStaff) {
        parser.addOptions({
            { u"email"_s, u"E-mail address of the staff member."_s, u"email"_s },
            { u"role"_s, u"checker or admin."_s, u"role"_s },
            { u"display-name"_s, u"Name shown in the console and audit log."_s, u"name"_s },
        });
    }

    auto fail = [&](const QString &message) {
        err() << message << u"\n"_s << u"Try --help."_s << Qt::endl;
        result.command = ParsedCommandLine::Command::Exit;
        result.exitCode = 2;
        return result;
    };

    if (!parser.parse(args))
        return fail(parser.errorText());
    if (parser.isSet(helpOption) || parser.isSet(versionOption)) {
        QTextStream out(stdout);
        out << (parser.isSet(helpOption) ? parser.helpText()
                                         : u"scoreboard-server " SCOREBOARD_VERSION "\n"_s);
        result.command = ParsedCommandLine::Command::Exit;
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().first()));

    auto &config = result.config;
    if (qEnvironmentVariableIsSet("STATE_DIRECTORY"))
        config.dataDir = qEnvironmentVariable("STATE_DIRECTORY").split(u':').first();
    if (parser.isSet(u"config"_s)) {
        if (auto error = loadConfigFile(parser.value(u"config"_s), config))
            return fail(*error);
    }
    for (const char *name : kValueOptions) {
        const QString key = QString::fromLatin1(name);
        if (parser.isSet(key)) {
            if (key == "allowed-origins"_L1)
                config.allowedOrigins.clear();
            if (auto error = applySetting(config, key, parser.value(key)))
                return fail(*error);
        }
    }
    if (qEnvironmentVariableIsSet("SCOREBOARD_SMTP_PASSWORD"))
        config.mail.smtpPassword = qEnvironmentVariable("SCOREBOARD_SMTP_PASSWORD");
    if (config.dataDir.isEmpty())
        config.dataDir = u"scoreboard-data"_s;
    config.dataDir = QDir(config.dataDir).absolutePath();
    if (config.mail.smtpUrl.isEmpty() && config.mail.mailDir.isEmpty())
        config.mail.mailDir = QDir(config.dataDir).filePath(u"mail"_s);

    if (result.command == ParsedCommandLine::Command::AddStaff) {
        result.staffEmail = parser.value(u"email"_s);
        result.staffRole = parser.value(u"role"_s);
        result.staffDisplayName = parser.value(u"display-name"_s);
        if (result.staffEmail.isEmpty() || result.staffRole.isEmpty())
            return fail(u"add-staff needs --email and --role"_s);
    }
    if (result.command == ParsedCommandLine::Command::CopyDatabase) {
        result.copyTarget = parser.value(u"to"_s);
        QString error;
        if (result.copyTarget.isEmpty())
            return fail(u"copy-database needs --to postgresql://..."_s);
        if (!PostgresTarget::fromUrl(result.copyTarget, &error))
            return fail(u"invalid value for --to: %1"_s.arg(error));
        if (!config.database.isEmpty())
            return fail(u"copy-database copies from the SQLite database in the data folder; "
                        "leave database unset"_s);
    }
    return result;
}

} // namespace scoreboard::server
