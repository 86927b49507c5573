#pragma once

#include <QDateTime>

#include <atomic>

namespace scoreboard::server {

/**
 * @brief Wall-clock time in milliseconds since the epoch, for expiries, rate limits and the
 * rhythms the anti-cheat rules measure.
 *
 * Tests move it forward with advance() to reach expiry without waiting. In manual mode
 * (setManual()) time stands still and moves only when the test calls advance(), so whatever the
 * server measures with it (a rate limiter's refill, the interval between two actions) is exactly
 * what the test says, however loaded the machine is.
 */
class Clock
{
public:
    qint64 nowMs() const
    {
        const qint64 frozen = m_frozenMs.load();
        return (frozen != kRunning ? frozen : QDateTime::currentMSecsSinceEpoch())
            + m_offsetMs.load();
    }
    /// @brief Moves the clock forward by @p ms (in either mode).
    void advance(qint64 ms) { m_offsetMs += ms; }
    /// @brief Manual mode stops the clock at the current time; leaving it lets it run again from
    /// the real time (plus everything advanced).
    void setManual(bool manual)
    {
        m_frozenMs = manual ? QDateTime::currentMSecsSinceEpoch() : kRunning;
    }
    bool isManual() const { return m_frozenMs.load() != kRunning; }

private:
    static constexpr qint64 kRunning = -1;
    std::atomic<qint64> m_frozenMs { kRunning };
    std::atomic<qint64> m_offsetMs { 0 };
};

} // namespace scoreboard::server
