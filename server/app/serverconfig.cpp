#include "app/serverconfig.h"
#include "app/options.h"
#include "store/postgrestarget.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
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

/// The help text of the settings that only the config file sets, from the table.
QString fileOnlyHelp()
{
    QString text = u"\nSettings of the config file only (INI key, in its [section]):\n"_s;
    for (const auto &option : serverOptions()) {
        if (option.onCommandLine)
            continue;
        text += u"  %1=<%2>\n      %3 [default: %4]\n"_s.arg(
            option.key, option.valueName, option.help, option.defaultText());
    }
    return text;
}

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
    return u"%1://%2:%3/"_s.arg(tlsCert.isEmpty() ? u"http"_s : u"https"_s, host)
        .arg(actualPort);
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
        if (auto error = applyServerOption(config, key, value))
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
    } else if (args.size() > 1 && args.at(1) == "event"_L1) {
        result.command = ParsedCommandLine::Command::Event;
        args.removeAt(1);
        static const QStringList verbs { u"create"_s, u"update"_s, u"open"_s, u"close"_s, u"list"_s };
        if (args.size() > 1 && verbs.contains(args.at(1)))
            result.eventVerb = args.takeAt(1);
    }
    // The event command's options, with the protocol's field names they set.
    static const QList<std::pair<QString, QString>> eventOptions {
        { u"slug"_s, u"slug"_s }, { u"title"_s, u"title"_s },
        { u"description"_s, u"description"_s }, { u"category"_s, u"category"_s },
        { u"starts-at"_s, u"startsAt"_s }, { u"ends-at"_s, u"endsAt"_s },
        { u"board-size"_s, u"boardSize"_s }, { u"actions"_s, u"actions"_s },
        { u"reset-every"_s, u"resetEvery"_s } };

    QCommandLineParser parser;
    parser.setApplicationDescription(result.command == ParsedCommandLine::Command::AddStaff
            ? u"Creates a staff account for the score-check console.\n"
              "The password is read from SCOREBOARD_PASSWORD or, if unset, from the first "
              "line of standard input."_s
            : result.command == ParsedCommandLine::Command::Event
            ? u"Creates, changes, opens, closes or lists events, for scripts on the server "
              "machine (docs/events.md): event create|update|open|close|list. Each change is "
              "written to the audit log as the command line's; a running server takes it up "
              "within a second."_s
            : result.command == ParsedCommandLine::Command::CopyDatabase
            ? u"Copies everything in the SQLite database of the data folder into an empty "
              "PostgreSQL database, to move one server to several nodes (docs/scaling.md). "
              "Stop the server first."_s
            : u"Live scoreboard server: HTTP and WebSocket on one port.\n"
              "Subcommands: add-staff --email E --role checker|admin (see add-staff --help); "
              "copy-database --to postgresql://... (see copy-database --help); "
              "event create|update|open|close|list (see event --help)."_s);
    const auto helpOption = parser.addHelpOption();
    const auto versionOption = parser.addVersionOption();
    parser.addOption({ u"config"_s,
        u"Read settings from an INI file (same keys as the long options; the command line "
        "wins)."_s,
        u"file"_s });
    for (const auto &option : serverOptions()) {
        if (option.onCommandLine)
            parser.addOption({ option.key,
                u"%1 [default: %2]"_s.arg(option.help, option.defaultText()), option.valueName });
    }
    if (result.command == ParsedCommandLine::Command::CopyDatabase)
        parser.addOption({ u"to"_s, u"The empty PostgreSQL database to copy into."_s, u"url"_s });
    if (result.command == ParsedCommandLine::Command::Event) {
        parser.addOptions({
            { u"slug"_s, u"The event's name in addresses: [a-z0-9][a-z0-9-]{0,39}."_s, u"slug"_s },
            { u"title"_s, u"The event's title."_s, u"text"_s },
            { u"description"_s, u"What the event is."_s, u"text"_s },
            { u"category"_s, u"A category, e.g. football."_s, u"text"_s },
            { u"starts-at"_s, u"When it opens (ISO 8601, e.g. 2026-12-24T18:00:00Z; none: now)."_s,
                u"time"_s },
            { u"ends-at"_s, u"When it closes (ISO 8601; none: open-ended)."_s, u"time"_s },
            { u"board-size"_s, u"Rows of its live board, 1 to 100."_s, u"rows"_s },
            { u"actions"_s,
                u"The kinds of action as JSON, e.g. [{\"kind\":\"goal\",\"label\":\"Goal\","
                "\"points\":3}]."_s,
                u"json"_s },
            { u"reset-every"_s,
                u"daily, weekly, monthly, an ISO 8601 duration of at least PT10S, or none."_s,
                u"rule"_s },
            { u"reason"_s, u"Why, for the audit log."_s, u"text"_s },
        });
    }
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
        if (!parser.isSet(helpOption))
            out << u"scoreboard-server " SCOREBOARD_VERSION "\n"_s;
        else if (result.command == ParsedCommandLine::Command::Serve)
            out << parser.helpText() << fileOnlyHelp();
        else
            out << parser.helpText();
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
    for (const auto &option : serverOptions()) {
        if (option.onCommandLine && parser.isSet(option.key)) {
            if (auto error = option.apply(config, parser.value(option.key)))
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
    if (result.command == ParsedCommandLine::Command::Event) {
        if (result.eventVerb.isEmpty())
            return fail(u"event needs one of create, update, open, close, list"_s);
        for (const auto &[option, field] : eventOptions) {
            if (!parser.isSet(option))
                continue;
            const QString value = parser.value(option);
            QJsonValue json(value);
            if (option == u"board-size"_s) {
                bool ok = false;
                json = value.toInt(&ok);
                if (!ok)
                    return fail(u"--board-size must be a number from 1 to 100"_s);
            } else if (option == u"actions"_s) {
                QJsonParseError error;
                const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8(), &error);
                if (!document.isArray())
                    return fail(u"--actions must be a JSON array of {kind, label, points}"_s);
                json = document.array();
            } else if ((option == u"starts-at"_s || option == u"ends-at"_s
                           || option == u"reset-every"_s)
                && (value.isEmpty() || value == u"none"_s)) {
                json = QJsonValue(QJsonValue::Null);
            }
            result.eventFields.insert(field, json);
        }
        result.eventReason = parser.value(u"reason"_s);
        if (result.eventVerb != u"list"_s && !result.eventFields.contains(u"slug"_s))
            return fail(u"event %1 needs --slug"_s.arg(result.eventVerb));
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
