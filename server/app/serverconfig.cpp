#include "app/serverconfig.h"
#include "app/options.h"
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
