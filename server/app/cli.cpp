#include "app/cli.h"
#include "core/crypto.h"
#include "app/logging.h"
#include "messages.h"
#include "moderation/eventdecisions.h"
#include "app/server.h"
#include "store/sqlstore.h"
#include "store/storeexecutor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QTimeZone>
#include <QSocketNotifier>
#include <QTextStream>
#include <QUrl>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int signalPipe[2] = { -1, -1 };

void onSignal(int signal)
{
    const char byte = signal == SIGHUP ? 'h' : 'q';
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

/// Quits the event loop on SIGINT/SIGTERM so shutdown drains mail and the store; reloads the TLS
/// certificate on SIGHUP.
void installSignalHandlers(Server &server)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [&server] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
        if (byte == 'h') {
            QString error;
            if (!server.reloadTls(&error))
                qCWarning(lcServer) << "SIGHUP: TLS not reloaded:" << error;
            return;
        }
        qCInfo(lcServer) << "shutting down";
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
}

/// Every connection is a file descriptor: allow as many as the hard limit permits.
void raiseOpenFileLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0)
        qCInfo(lcServer) << "open files limit:" << quint64(limit.rlim_cur);
}

int serve(const ServerConfig &config)
{
    raiseOpenFileLimit();
    Server server(config);
    QString error;
    if (!server.start(&error)) {
        err() << "scoreboard-server: " << error << Qt::endl;
        return 1;
    }
    installSignalHandlers(server);
    out() << "Scoreboard is running at " << server.pageUrl() << Qt::endl;
    return QCoreApplication::exec();
}

int addStaff(const ParsedCommandLine &command)
{
    using namespace scoreboard::protocol;
    const QString email = normalizeEmail(command.staffEmail);
    if (!isValidEmail(email)) {
        err() << "add-staff: '" << command.staffEmail << "' is not a valid e-mail address"
              << Qt::endl;
        return 2;
    }
    const auto role = roleFromName(command.staffRole);
    if (!role || *role == Role::Player) {
        err() << "add-staff: --role must be checker or admin" << Qt::endl;
        return 2;
    }
    QString password = qEnvironmentVariable("SCOREBOARD_PASSWORD");
    if (password.isEmpty()) {
        QTextStream in(stdin);
        password = in.readLine();
    }
    QString displayName = normalizeDisplayName(command.staffDisplayName);
    if (displayName.isEmpty())
        displayName = email.section(u'@', 0, 0).left(limits::DisplayNameMax);
    if (!isValidDisplayName(displayName)) {
        err() << "add-staff: --display-name must be 1 to " << limits::DisplayNameMax
              << " characters without control or invisible formatting characters" << Qt::endl;
        return 2;
    }
    if (auto weak = checkPassword(password, email, displayName)) {
        err() << "add-staff: " << weak->message << Qt::endl;
        return 2;
    }
    const auto &config = command.config;
    if (!QDir().mkpath(config.dataDir) || !crypto::initialize()) {
        err() << "add-staff: cannot prepare " << config.dataDir << Qt::endl;
        return 1;
    }
    auto store = makeStore(config);
    QString error;
    if (!store->start(&error)) {
        err() << "add-staff: cannot open the database in " << config.dataDir << ": " << error
              << Qt::endl;
        return 1;
    }
    const crypto::PasswordHasher hasher(config.auth.hashOpsLimit, config.auth.hashMemoryMiB, 1);
    UserRecord user;
    user.email = email;
    user.displayName = displayName;
    user.passwordHash = hasher.hashNow(password);
    user.role = *role;
    user.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    user.verifiedAtMs = user.createdAtMs;
    const auto result = store->runAndWait([&](Store &s) -> qint64 {
        qint64 id = 0;
        s.transaction([&] {
            if (s.userByEmail(email))
                return;
            id = s.insertUser(user);
            // Audited as the command line: the entry names the new account as its own staff id.
            s.appendAudit({ 0, user.createdAtMs, id, u"add-staff"_s, u"user:%1"_s.arg(id),
                u"command line (scoreboard-server add-staff), role %1"_s.arg(
                    roleName(*role)) });
        });
        return id;
    });
    if (!result.ok()) {
        err() << "add-staff: " << result.error << Qt::endl;
        return 1;
    }
    if (*result.value == 0) {
        err() << "add-staff: an account with the address " << email << " already exists"
              << Qt::endl;
        return 1;
    }
    out() << "created " << command.staffRole << " account " << email << " (id " << *result.value
          << ")" << Qt::endl;
    return 0;
}

/// `scoreboard-server event create|update|open|close|list`: staff's event decisions on the
/// database, audited as the command line (no staff id); a running server takes them up within
/// a second.
int eventCommand(const ParsedCommandLine &command)
{
    using namespace scoreboard::protocol;
    const QString verb = command.eventVerb;
    const auto &config = command.config;
    if (!QDir().mkpath(config.dataDir) || !crypto::initialize()) {
        err() << "event: cannot prepare " << config.dataDir << Qt::endl;
        return 1;
    }
    const QTimeZone zone(config.scoring.timeZone);
    auto store = makeStore(config);
    QString error;
    if (!store->start(&error)) {
        err() << "event: cannot open the database: " << error << Qt::endl;
        return 1;
    }
    if (verb == u"list"_s) {
        const auto events = store->runAndWait([](Store &s) { return s.events(); });
        if (!events.ok()) {
            err() << "event list: " << events.error << Qt::endl;
            return 1;
        }
        const auto time = [](qint64 ms) { return ms > 0 ? wireTime(ms) : u"-"_s; };
        out() << "slug\tstate\tseason\tstarts\tends\tnext reset\ttitle" << Qt::endl;
        for (const auto &e : *events.value)
            out() << e.slug << '\t' << eventStateName(e.state) << '\t' << e.season << '\t'
                  << time(e.startsAtMs) << '\t' << time(e.endsAtMs) << '\t'
                  << time(e.state == EventState::Live ? e.nextResetAtMs : 0) << '\t' << e.title
                  << Qt::endl;
        return 0;
    }
    const StaffAction action { 0,
        command.eventReason.isEmpty() ? u"command line"_s
                                      : u"command line: %1"_s.arg(command.eventReason),
        QDateTime::currentMSecsSinceEpoch() };
    const QString slug = command.eventFields.value(u"slug"_s).toString();
    std::optional<Error> invalid;
    EventSpec spec;
    if (verb == u"create"_s) {
        auto parsed = EventSpec::fromJson(command.eventFields);
        if (auto *problem = std::get_if<Error>(&parsed))
            invalid = *problem;
        else
            spec = std::get<EventSpec>(parsed);
    } else if (!isValidSlug(slug)) {
        invalid = Error { ErrorCode::SlugInvalid, u"--slug is not a valid slug"_s, 0, {} };
    }
    if (invalid) {
        err() << "event " << verb << ": " << errorCodeName(invalid->code) << ": "
              << invalid->message << Qt::endl;
        return 2;
    }
    QJsonObject changes = command.eventFields;
    changes.remove(u"slug"_s);
    const auto decided = store->runAndWait([&](Store &s) {
        if (verb == u"create"_s)
            return createEvent(s, action, spec, zone);
        if (verb == u"update"_s)
            return updateEvent(s, action, slug, changes, zone);
        if (verb == u"open"_s)
            return openEvent(s, action, slug, zone);
        return closeEvent(s, action, slug);
    });
    if (!decided.ok()) {
        err() << "event " << verb << ": " << decided.error << Qt::endl;
        return 1;
    }
    if (decided.value->refused()) {
        const Error &refusal = *decided.value->error;
        err() << "event " << verb << ": " << errorCodeName(refusal.code) << ": "
              << refusal.message << Qt::endl;
        return refusal.code == ErrorCode::EventUnknown || refusal.code == ErrorCode::Conflict ? 1 : 2;
    }
    const EventRecord &e = decided.value->event;
    out() << "event " << e.slug << " is " << eventStateName(e.state) << ", season " << e.season
          << Qt::endl;
    return 0;
}

int copyDatabase(const ParsedCommandLine &command)
{
    const ServerConfig &config = command.config;
    const QString path = QDir(config.dataDir).filePath(u"scoreboard.db"_s);
    if (!QFileInfo::exists(path)) {
        err() << "copy-database: there is no database at " << path << Qt::endl;
        return 1;
    }
    QLockFile lock(QDir(config.dataDir).filePath(u"server.lock"_s));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0)) {
        err() << "copy-database: a server is using " << config.dataDir << "; stop it first"
              << Qt::endl;
        return 1;
    }
    QString error;
    const auto target = PostgresTarget::fromUrl(command.copyTarget, &error);
    auto source = SqlStore::sqlite(path);
    auto destination = SqlStore::postgres(*target, u"copy"_s);
    try {
        source->open();
        destination->open();
        const auto copied = source->copyInto(*destination);
        QUrl shown(command.copyTarget);
        shown.setPassword({});
        out() << "copied into " << shown.toString() << ":" << Qt::endl;
        for (const auto &[table, rows] : copied)
            out() << "  " << table << ": " << rows << " row(s)" << Qt::endl;
        out() << "Now start each node with database=" << shown.toString() << " and a copy of "
              << QDir(config.dataDir).filePath(u"secret.key"_s) << " in its data folder."
              << Qt::endl;
    } catch (const StoreError &e) {
        err() << "copy-database: " << e.what() << "; nothing was copied" << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace

int runCommandLine()
{
    const ParsedCommandLine command = parseCommandLine(QCoreApplication::arguments());
    switch (command.command) {
    case ParsedCommandLine::Command::Exit:
        return command.exitCode;
    case ParsedCommandLine::Command::AddStaff:
        return addStaff(command);
    case ParsedCommandLine::Command::CopyDatabase:
        return copyDatabase(command);
    case ParsedCommandLine::Command::Event:
        return eventCommand(command);
    case ParsedCommandLine::Command::Serve:
        break;
    }
    return serve(command.config);
}

} // namespace scoreboard::server
