#include "core/metrics.h"

namespace scoreboard::server {

Metrics::Histogram::Histogram(QList<double> bounds)
    : m_bounds(std::move(bounds))
    , m_counts(new std::atomic<quint64>[size_t(m_bounds.size()) + 1])
{
    for (qsizetype i = 0; i <= m_bounds.size(); ++i)
        m_counts[size_t(i)] = 0;
}

void Metrics::Histogram::observe(double value)
{
    qsizetype bucket = 0;
    while (bucket < m_bounds.size() && value > m_bounds[bucket])
        ++bucket;
    ++m_counts[size_t(bucket)];
    ++m_count;
    double sum = m_sum.load();
    while (!m_sum.compare_exchange_weak(sum, sum + value)) { }
}

void Metrics::Histogram::render(
    QByteArray &out, const QByteArray &name, const QByteArray &help) const
{
    out += "# HELP " + name + ' ' + help + '\n';
    out += "# TYPE " + name + " histogram\n";
    quint64 cumulative = 0;
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        cumulative += m_counts[size_t(i)];
        out += name + "_bucket{le=\"" + QByteArray::number(m_bounds[i], 'g', 6) + "\"} "
            + QByteArray::number(cumulative) + '\n';
    }
    cumulative += m_counts[size_t(m_bounds.size())];
    out += name + "_bucket{le=\"+Inf\"} " + QByteArray::number(cumulative) + '\n';
    out += name + "_sum " + QByteArray::number(m_sum.load(), 'g', 9) + '\n';
    out += name + "_count " + QByteArray::number(m_count.load()) + '\n';
}

Metrics::Metrics()
    : broadcastLatency({ 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1 })
    , commitLatency({ 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1 })
    , commitBatchSize({ 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000 })
{ }

QByteArray Metrics::render(const QList<Gauge> &gauges, const QList<Counter> &counters) const
{
    QByteArray out;
    for (const auto &[name, help, value] : gauges) {
        out += "# HELP " + name + ' ' + help + '\n';
        out += "# TYPE " + name + " gauge\n";
        out += name + ' ' + QByteArray::number(value, 'g', 12) + '\n';
    }
    QByteArray family;
    for (const auto &[name, help, label, labelValue, value] : counters) {
        if (name != family) {
            out += "# HELP " + name + ' ' + help + '\n';
            out += "# TYPE " + name + " counter\n";
            family = name;
        }
        out += name + '{' + label + "=\"" + labelValue + "\"} "
            + QByteArray::number(value, 'g', 12) + '\n';
    }
    out += "# HELP scoreboard_actions_accepted_total Score actions accepted and committed.\n";
    out += "# TYPE scoreboard_actions_accepted_total counter\n";
    out += "scoreboard_actions_accepted_total " + QByteArray::number(m_accepted.load()) + '\n';
    out += "# HELP scoreboard_actions_refused_total Scoring requests refused, by error code.\n";
    out += "# TYPE scoreboard_actions_refused_total counter\n";
    for (const auto &[reason, count] : m_refused)
        out += "scoreboard_actions_refused_total{reason=\"" + reason.toUtf8() + "\"} "
            + QByteArray::number(count) + '\n';
    broadcastLatency.render(out, "scoreboard_broadcast_latency_seconds",
        "Seconds from a committed change to the board being sent.");
    commitLatency.render(out, "scoreboard_store_commit_seconds", "Seconds one ledger commit took.");
    commitBatchSize.render(
        out, "scoreboard_store_commit_batch_size", "Increments per ledger commit.");
    return out;
}

} // namespace scoreboard::server
