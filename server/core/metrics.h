#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <atomic>
#include <map>
#include <memory>

namespace scoreboard::server {

/**
 * @brief Counters, gauges and histograms rendered in the Prometheus text format for
 * `GET /metrics`. Updated from the event-loop thread (and, for store timings, the store thread:
 * histogram updates are atomic).
 */
class Metrics
{
public:
    class Histogram
    {
    public:
        explicit Histogram(QList<double> bounds);
        void observe(double value);
        void render(QByteArray &out, const QByteArray &name, const QByteArray &help) const;

    private:
        QList<double> m_bounds;
        std::unique_ptr<std::atomic<quint64>[]> m_counts; ///< per bucket, not cumulative
        std::atomic<quint64> m_count { 0 };
        std::atomic<double> m_sum { 0 };
    };

    Metrics();

    void countAccepted(quint64 n = 1) { m_accepted += n; }
    void countRefused(const QString &reason) { ++m_refused[reason]; }

    Histogram broadcastLatency; ///< seconds from a committed change to the board sent with it
    Histogram commitLatency; ///< seconds one ledger commit took on the store thread
    Histogram commitBatchSize; ///< increments per commit

    /// @brief A gauge read at render time.
    struct Gauge
    {
        QByteArray name;
        QByteArray help; ///< the `# HELP` line's text
        double value = 0;
    };
    /// @brief A labelled counter kept elsewhere, read at render time; rows of one family are
    /// consecutive.
    struct Counter
    {
        QByteArray name;
        QByteArray help;
        QByteArray label;
        QByteArray labelValue;
        double value = 0;
    };
    /// @brief The exposition text (every family with `# HELP` and `# TYPE`), @p gauges first,
    /// then @p counters.
    QByteArray render(const QList<Gauge> &gauges, const QList<Counter> &counters = {}) const;

private:
    std::atomic<quint64> m_accepted { 0 };
    std::map<QString, quint64> m_refused;
};

} // namespace scoreboard::server
