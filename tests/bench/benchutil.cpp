#include "benchutil.h"

#include "messages.h"
#include "pgtest.h"
#include "protocol.h"
#include "testclient.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileSystemWatcher>
#include <QHash>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

#include <QDir>
#include <QFile>

#include <cstdio>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace scoreboard::bench {

// ---- process figures ---------------------------------------------------------------------

/// VmRSS of @p pid in KiB, or -1.
qint64 rssKb(qint64 pid)
{
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// The fields of /proc/@p pid/stat after "pid (comm)", from the state (field 3) on; empty if the
/// process is gone.
QList<QByteArray> statFields(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() >= 15 ? fields : QList<QByteArray>();
}

/// utime + stime of @p pid in seconds, or -1.
double processCpuSeconds(qint64 pid)
{
    // Fields after "pid (comm)": state is field 3, utime field 14, stime field 15.
    const QList<QByteArray> fields = statFields(pid);
    if (fields.isEmpty())
        return -1;
    const double ticks = double(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks / double(sysconf(_SC_CLK_TCK));
}

/// CPU seconds of @p pid, of its children it has reaped (cutime + cstime) and of its live
/// children, or -1: PostgreSQL's postmaster and its back ends (one process per connection).
double processTreeCpuSeconds(qint64 pid)
{
    const QList<QByteArray> own = statFields(pid);
    if (own.isEmpty())
        return -1;
    qint64 ticks
        = own[11].toLongLong() + own[12].toLongLong() + own[13].toLongLong() + own[14].toLongLong();
    const QByteArray parent = QByteArray::number(pid);
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 child = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        const QList<QByteArray> fields = statFields(child);
        if (!fields.isEmpty() && fields[1] == parent) // field 4: the parent's pid
            ticks += fields[11].toLongLong() + fields[12].toLongLong();
    }
    return double(ticks) / double(sysconf(_SC_CLK_TCK));
}

double selfCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// TcpExt ListenOverflows from /proc/net/netstat (system-wide: SYNs dropped because a listen
/// queue was full), or -1.
qint64 listenOverflows()
{
    QFile file(u"/proc/net/netstat"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i].startsWith("TcpExt:") || !lines[i + 1].startsWith("TcpExt:"))
            continue;
        const QList<QByteArray> names = lines[i].simplified().split(' ');
        const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
        const qsizetype at = names.indexOf("ListenOverflows");
        return at >= 0 && at < values.size() ? values[at].toLongLong() : -1;
    }
    return -1;
}

/// Raises the soft open-file limit to the hard one; returns {soft, hard} after the change.
std::pair<rlim_t, rlim_t> raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return { 0, 0 };
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return { limit.rlim_cur, limit.rlim_max };
}

// ---- small statistics helpers ------------------------------------------------------------

double quantile(std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    const auto index = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
    return sorted[index];
}

QString describe(const Error &error)
{
    return u"%1 (%2)"_s.arg(errorCodeName(error.code), error.message);
}

QString countsText(const std::map<QString, qint64> &counts)
{
    QStringList parts;
    for (const auto &[name, count] : counts)
        parts.append(u"%1: %2"_s.arg(name).arg(count));
    return u"{"_s + parts.join(u", "_s) + u"}"_s;
}

std::map<QString, qint64> difference(
    const std::map<QString, qint64> &after, const std::map<QString, qint64> &before)
{
    std::map<QString, qint64> result;
    for (const auto &[name, count] : after) {
        const auto it = before.find(name);
        const qint64 delta = count - (it == before.end() ? 0 : it->second);
        if (delta != 0)
            result[name] = delta;
    }
    return result;
}

void line(const char *label, const QString &value)
{
    std::printf("%-40s %s\n", label, qPrintable(value));
    std::fflush(stdout);
}

/// Writes @p key (hex) as @p dataDir/secret.key with mode 0600, as a node expects it.
bool writeSecretKey(const QString &dataDir, const QByteArray &key, QString *error)
{
    QFile file(QDir(dataDir).filePath(u"secret.key"_s));
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key + '\n') < 0) {
        *error = u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace scoreboard::bench
