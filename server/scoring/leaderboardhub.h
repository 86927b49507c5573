#pragma once

#include "core/metrics.h"
#include "messages.h"
#include "net/connection.h"
#include "scoring/scoringsettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace scoreboard::server {

class Gateway;

/**
 * @brief Live boards: `leaderboard.subscribe`, and one `leaderboard` event per tick to each
 * subscriber whose top N changed.
 *
 * Changes are coalesced per tick; each distinct board (one per subscribed limit) is serialised
 * once per tick and the same frame goes to every viewer of it. A viewer whose socket has more
 * than `slowViewerBytes` unsent is skipped and gets the newest board once it drains; one that
 * stays behind for `slowViewerTimeoutMs` is dropped.
 */
class LeaderboardHub final : public QObject
{
    Q_OBJECT
public:
    /// Returns the first @p limit rows of the current ranking.
    using TopProvider = std::function<QList<protocol::BoardEntry>(int limit)>;

    LeaderboardHub(const ScoringSettings &settings, TopProvider top, Metrics &metrics,
        QObject *parent = nullptr);

    void install(Gateway &gateway);
    /// @brief The ranking changed; the next tick compares and broadcasts.
    void markDirty();
    /// @brief The current board of @p limit rows.
    protocol::Leaderboard snapshot(int limit) const;
    int subscriberCount() const { return int(m_subscribers.size()); }

private:
    struct Subscriber
    {
        int limit = protocol::limits::LeaderboardLimitDefault;
        qint64 behindSinceMs = -1; ///< monotonic ms when it fell behind; -1 when keeping up
        bool owesLatest = false;
    };

    void subscribe(
        Connection &connection, qint64 requestId, const protocol::SubscribeRequest &data);
    void tick();
    void deliver(
        Connection *connection, Subscriber &subscriber, const SharedFrame &frame, qint64 nowMs);
    SharedFrame boardFrame(int limit, const QList<protocol::BoardEntry> &top) const;

    ScoringSettings m_settings;
    TopProvider m_top;
    Metrics &m_metrics;
    QHash<Connection *, Subscriber> m_subscribers;
    QList<protocol::BoardEntry> m_lastTop; ///< the longest board any viewer may want, as last sent
    QHash<int, SharedFrame> m_latestFrame; ///< newest encoded event per limit
    qint64 m_version = 1;
    bool m_dirty = false;
    qint64 m_dirtySinceNs = 0;
    QElapsedTimer m_clock;
    QTimer m_tick;
};

} // namespace scoreboard::server
