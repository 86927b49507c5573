#include "core/ratelimiter.h"

#include <cmath>

namespace scoreboard::server {

double RateLimiter::tokensAt(const Bucket &bucket, const RateRule &rule, qint64 nowMs)
{
    const double refilled
        = double(std::max<qint64>(0, nowMs - bucket.updatedMs)) / double(rule.perMs);
    return std::min(double(rule.burst), bucket.tokens + refilled);
}

qint64 RateLimiter::peek(const QString &key, const RateRule &rule, qint64 nowMs) const
{
    const auto it = m_buckets.constFind(key);
    if (it == m_buckets.cend())
        return 0;
    const double tokens = tokensAt(*it, rule, nowMs);
    if (tokens >= 1.0)
        return 0;
    return qint64(std::ceil((1.0 - tokens) * double(rule.perMs)));
}

qint64 RateLimiter::take(const QString &key, const RateRule &rule, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket { double(rule.burst), nowMs });
    const double tokens = tokensAt(*it, rule, nowMs);
    if (tokens < 1.0)
        return qint64(std::ceil((1.0 - tokens) * double(rule.perMs)));
    it->tokens = tokens - 1.0;
    it->updatedMs = nowMs;
    return 0;
}

void RateLimiter::refund(const QString &key, const RateRule &rule, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        return;
    it->tokens = std::min(double(rule.burst), tokensAt(*it, rule, nowMs) + 1.0);
    it->updatedMs = nowMs;
}

void RateLimiter::prune(qint64 nowMs, qint64 maxRefillMs)
{
    m_buckets.removeIf(
        [&](const auto &entry) { return nowMs - entry.value().updatedMs > maxRefillMs; });
}

} // namespace scoreboard::server
