#pragma once

#include <QDateTime>

#include <atomic>

namespace scoreboard::server {

/**
 * @brief Wall-clock time in milliseconds since the epoch, for expiries and rate limits.
 *
 * Tests move it forward with advance() to reach expiry without waiting.
 */
class Clock
{
public:
    qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs.load(); }
    void advance(qint64 ms) { m_offsetMs += ms; }

private:
    std::atomic<qint64> m_offsetMs { 0 };
};

} // namespace scoreboard::server
