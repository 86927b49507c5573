#pragma once

#include "core/metrics.h"
#include "messages.h"
#include "net/connection.h"
#include "scoring/boards.h"
#include "scoring/scoringsettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace scoreboard::server {

class Gateway;

/**
 * @brief Live boards: `leaderboard.subscribe` / `leaderboard.unsubscribe`, one `leaderboard`
 * event per tick to each subscriber of an event whose top N changed, `rank.changed` to a
 * logged-in subscriber whose rank moved.
 *
 * Changes are coalesced per tick, and a tick looks only at the events that changed since the
 * last one. Each distinct board (one per event and subscribed limit) is serialised once per
 * tick and the same frame goes to every viewer of it; a logged-in subscriber who asked for
 * `around` gets a board of their own (with `me`) whenever it or their neighbourhood changed. A
 * viewer whose socket has more than `slowViewerBytes` unsent is skipped and gets the newest
 * boards once it drains; one that stays behind for `slowViewerTimeoutMs` is dropped.
 */
class LeaderboardHub final : public QObject
{
    Q_OBJECT
public:
    LeaderboardHub(const ScoringSettings &settings, Boards &boards, Metrics &metrics,
        QObject *parent = nullptr);

    void install(Gateway &gateway);
    /// @brief Event @p eventId's board changed; the next tick compares and broadcasts.
    void markDirty(qint64 eventId);
    /// @brief The current board of @p limit rows of an event (`main` when empty).
    protocol::Leaderboard snapshot(int limit, const QString &event = {}) const;
    int subscriberCount() const { return int(m_viewers.size()); }

private:
    struct Subscription
    {
        int limit = protocol::limits::LeaderboardLimitDefault;
        int around = 0;
        qint64 lastRank = 0; ///< the subscriber's rank as last told (rank.changed)
        std::optional<protocol::BoardMe> lastMe; ///< as last sent (around only)
    };
    struct Viewer
    {
        QHash<qint64, Subscription> events; ///< by event id
        QSet<qint64> owed; ///< events whose newest board it missed while behind
        qint64 behindSinceMs = -1; ///< monotonic ms when it fell behind; -1 when keeping up
    };
    struct Channel
    {
        qint64 version = 1;
        qint64 season = 0;
        QList<protocol::BoardEntry> lastTop; ///< the longest board any viewer may want, as last sent
        QHash<int, SharedFrame> latestFrame; ///< newest encoded event per limit
        QSet<Connection *> viewers;
    };

    void subscribe(
        Connection &connection, qint64 requestId, const protocol::SubscribeRequest &data);
    void unsubscribe(
        Connection &connection, qint64 requestId, const protocol::UnsubscribeRequest &data);
    void tick();
    void tickEvent(qint64 eventId, qint64 nowMs);
    /// @brief Sends @p frame unless the viewer is behind; returns whether it was sent.
    bool deliver(Connection *connection, Viewer &viewer, qint64 eventId, const SharedFrame &frame,
        qint64 nowMs);
    Channel &channel(qint64 eventId);
    protocol::Leaderboard board(const Boards::Board &board, const Channel &channel, int limit) const;
    SharedFrame boardFrame(const Boards::Board &board, const Channel &channel, int limit) const;
    /// @brief The board of one subscriber with `around`: the top and their own place.
    SharedFrame personalFrame(const Boards::Board &board, const Channel &channel, int limit,
        const protocol::BoardMe &me) const;
    /// @brief The board of a subscriber with `around`, or nothing when it has none.
    std::optional<protocol::BoardMe> meOf(
        const Boards::Board &board, const Connection &connection, const Subscription &sub) const;
    void forget(Connection *connection);

    ScoringSettings m_settings;
    Boards &m_boards;
    Metrics &m_metrics;
    QHash<Connection *, Viewer> m_viewers;
    QHash<qint64, Channel> m_channels;
    QSet<qint64> m_dirty;
    QSet<Connection *> m_behind;
    qint64 m_dirtySinceNs = 0;
    QElapsedTimer m_clock;
    QTimer m_tick;
};

} // namespace scoreboard::server
