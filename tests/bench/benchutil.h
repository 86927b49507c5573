#pragma once

// Process and statistics helpers of the load benchmark (bench_load): figures read from /proc,
// quantiles and counters, and the output format.

#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <map>
#include <utility>
#include <vector>

#include <sys/resource.h>

namespace scoreboard::bench {

using namespace scoreboard::protocol;

/// VmRSS of @p pid in KiB, or -1.
qint64 rssKb(qint64 pid);

/// The fields of /proc/@p pid/stat after "pid (comm)", from the state (field 3) on; empty if the
/// process is gone.
QList<QByteArray> statFields(qint64 pid);

/// utime + stime of @p pid in seconds, or -1.
double processCpuSeconds(qint64 pid);

/// CPU seconds of @p pid, of its children it has reaped (cutime + cstime) and of its live
/// children, or -1: PostgreSQL's postmaster and its back ends (one process per connection).
double processTreeCpuSeconds(qint64 pid);

double selfCpuSeconds();

/// TcpExt ListenOverflows from /proc/net/netstat (system-wide: SYNs dropped because a listen
/// queue was full), or -1.
qint64 listenOverflows();

/// Raises the soft open-file limit to the hard one; returns {soft, hard} after the change.
std::pair<rlim_t, rlim_t> raiseFileLimit();

double quantile(std::vector<double> &sorted, double q);

QString describe(const Error &error);

QString countsText(const std::map<QString, qint64> &counts);

std::map<QString, qint64> difference(
    const std::map<QString, qint64> &after, const std::map<QString, qint64> &before);

void line(const char *label, const QString &value);

/// Writes @p key (hex) as @p dataDir/secret.key with mode 0600, as a node expects it.
bool writeSecretKey(const QString &dataDir, const QByteArray &key, QString *error);

} // namespace scoreboard::bench
