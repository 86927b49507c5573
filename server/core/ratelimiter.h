#pragma once

#include <QHash>
#include <QString>

namespace scoreboard::server {

/// @brief A token bucket: at most @c burst events, refilled one per @c perMs milliseconds.
struct RateRule
{
    int burst = 10;
    qint64 perMs = 60'000;
};

/**
 * @brief Token buckets by key ("login:addr:127.0.0.1"); memory is bounded by pruning buckets
 * that have refilled completely.
 */
class RateLimiter
{
public:
    /// @brief Takes one token for @p key; returns 0 when allowed, else the milliseconds until a
    /// token is available (nothing is taken then).
    qint64 take(const QString &key, const RateRule &rule, qint64 nowMs);
    /// @brief Like take() but takes nothing.
    qint64 peek(const QString &key, const RateRule &rule, qint64 nowMs) const;
    /// @brief Gives back a token taken from @p key (never more than the burst).
    void refund(const QString &key, const RateRule &rule, qint64 nowMs);
    /// @brief Drops buckets idle long enough to be full again.
    void prune(qint64 nowMs, qint64 maxRefillMs);
    qsizetype size() const { return m_buckets.size(); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    static double tokensAt(const Bucket &bucket, const RateRule &rule, qint64 nowMs);
    QHash<QString, Bucket> m_buckets;
};

} // namespace scoreboard::server
