#pragma once

#include "core/ratelimiter.h"

#include <QByteArray>

namespace scoreboard::server {

/// @brief How scoring and the live board behave.
struct ScoringSettings
{
    qint64 pointsPerAction = 10; ///< the points of the default action of an event
    QByteArray timeZone = "UTC"; ///< calendar resets of events fall at midnight here
    int challengeDelayMs = 100; ///< a challenge is redeemable this long after issue (notBeforeMs)
    int challengeTtlMs = 10'000; ///< and until this long after issue (expiresInMs)
    int tickMs = 30; ///< board updates are coalesced per tick
    qint64 slowViewerBytes = 256 * 1024; ///< a viewer with more unsent is "behind"
    int slowViewerTimeoutMs = 10'000; ///< a viewer behind this long is dropped
    int maxBatch = 2000; ///< most increments in one commit
    RateRule challengesPerUser { 20, 50 }; ///< score.challenge: 20 at once, then 20 per second
};

} // namespace scoreboard::server
