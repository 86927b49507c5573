#include "scoring/leaderboardhub.h"
#include "net/gateway.h"
#include "scoring/logging.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

LeaderboardHub::LeaderboardHub(
    const ScoringSettings &settings, Boards &boards, Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_boards(boards)
    , m_metrics(metrics)
{
    m_clock.start();
    // Every board as it is now, so that the first change of each is compared with it (and goes
    // to whoever subscribes before the next tick).
    for (const auto *board : m_boards.all())
        channel(board->event.id);
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(m_settings.tickMs);
    connect(&m_tick, &QTimer::timeout, this, &LeaderboardHub::tick);
    m_tick.start();
}

void LeaderboardHub::install(Gateway &gateway)
{
    gateway.route(MessageType::LeaderboardSubscribe, this, &LeaderboardHub::subscribe);
    gateway.route(MessageType::LeaderboardUnsubscribe, this, &LeaderboardHub::unsubscribe);
}

void LeaderboardHub::markDirty(qint64 eventId)
{
    channel(eventId); // a new event's: compared from its empty board
    if (m_dirty.isEmpty())
        m_dirtySinceNs = m_clock.nsecsElapsed();
    m_dirty.insert(eventId);
}

LeaderboardHub::Channel &LeaderboardHub::channel(qint64 eventId)
{
    auto it = m_channels.find(eventId);
    if (it == m_channels.end()) {
        it = m_channels.insert(eventId, Channel {});
        if (const auto *board = m_boards.board(eventId)) {
            it->season = board->event.season;
            it->lastTop = m_boards.top(*board, limits::LeaderboardLimitMax);
        }
    }
    return *it;
}

Leaderboard LeaderboardHub::board(const Boards::Board &board, const Channel &channel, int limit) const
{
    Leaderboard out;
    out.version = channel.version;
    out.top = m_boards.top(board, limit);
    out.event = board.event.slug;
    out.season = board.event.season;
    return out;
}

Leaderboard LeaderboardHub::snapshot(int limit, const QString &event) const
{
    const auto *found = m_boards.find(event);
    if (!found)
        return {};
    const auto it = m_channels.constFind(found->event.id);
    return board(*found, it != m_channels.cend() ? *it : Channel {}, limit);
}

SharedFrame LeaderboardHub::boardFrame(
    const Boards::Board &board, const Channel &channel, int limit) const
{
    return SharedFrame(
        Event { EventType::Leaderboard, this->board(board, channel, limit).toJson() }.encode());
}

SharedFrame LeaderboardHub::personalFrame(
    const Boards::Board &board, const Channel &channel, int limit, const BoardMe &me) const
{
    Leaderboard personal = this->board(board, channel, limit);
    personal.me = me;
    return SharedFrame(Event { EventType::Leaderboard, personal.toJson() }.encode());
}

std::optional<BoardMe> LeaderboardHub::meOf(
    const Boards::Board &board, const Connection &connection, const Subscription &sub) const
{
    if (sub.around <= 0 || !connection.isAuthenticated())
        return std::nullopt;
    return m_boards.me(board, connection.userId(), sub.around);
}

void LeaderboardHub::subscribe(
    Connection &connection, qint64 requestId, const SubscribeRequest &data)
{
    const auto *found = m_boards.find(data.event);
    if (!found) {
        connection.reply(Reply::failure(
            requestId, Error { ErrorCode::EventUnknown, u"no such event"_s, 0, {} }));
        return;
    }
    const qint64 eventId = found->event.id;
    if (!m_viewers.contains(&connection)) {
        connect(&connection, &QObject::destroyed, this,
            [this, key = &connection] { forget(key); });
    }
    Channel &ch = channel(eventId);
    Subscription sub { data.limit, data.around, 0, std::nullopt };
    if (connection.isAuthenticated())
        sub.lastRank = found->ranking.rankOf(connection.userId());
    sub.lastMe = meOf(*found, connection, sub);
    m_viewers[&connection].events.insert(eventId, sub);
    ch.viewers.insert(&connection);
    connection.markSubscribed();
    Leaderboard reply = board(*found, ch, data.limit);
    reply.me = sub.lastMe;
    connection.reply(Reply::success(requestId, reply.toJson()));
}

void LeaderboardHub::unsubscribe(
    Connection &connection, qint64 requestId, const UnsubscribeRequest &data)
{
    if (const auto *found = m_boards.find(data.event)) {
        const auto viewer = m_viewers.find(&connection);
        if (viewer != m_viewers.end()) {
            viewer->events.remove(found->event.id);
            viewer->owed.remove(found->event.id);
            m_channels[found->event.id].viewers.remove(&connection);
        }
    }
    connection.reply(Reply::success(requestId, {}));
}

void LeaderboardHub::forget(Connection *connection)
{
    const auto viewer = m_viewers.constFind(connection);
    if (viewer == m_viewers.cend())
        return;
    for (auto it = viewer->events.cbegin(); it != viewer->events.cend(); ++it)
        m_channels[it.key()].viewers.remove(connection);
    m_viewers.erase(viewer);
    m_behind.remove(connection);
}

void LeaderboardHub::tick()
{
    const qint64 nowMs = m_clock.elapsed();
    if (!m_dirty.isEmpty()) {
        const QSet<qint64> dirty = std::exchange(m_dirty, {});
        for (qint64 eventId : dirty)
            tickEvent(eventId, nowMs);
        m_metrics.broadcastLatency.observe(double(m_clock.nsecsElapsed() - m_dirtySinceNs) / 1e9);
    }

    // Viewers that were behind: catch them up with the newest boards once drained, or drop them.
    const QSet<Connection *> behind = m_behind;
    for (Connection *connection : behind) {
        Viewer &viewer = m_viewers[connection];
        if (connection->bytesToWrite() > m_settings.slowViewerBytes) {
            if (nowMs - viewer.behindSinceMs > m_settings.slowViewerTimeoutMs) {
                qCInfo(lcScore) << "dropping viewer" << connection->id() << "that stayed"
                                << connection->bytesToWrite() << "bytes behind";
                m_behind.remove(connection);
                viewer.owed.clear();
                connection->abort();
            }
            continue;
        }
        viewer.behindSinceMs = -1;
        m_behind.remove(connection);
        const QSet<qint64> owed = std::exchange(viewer.owed, {});
        for (qint64 eventId : owed) {
            const auto *board = m_boards.board(eventId);
            const auto sub = viewer.events.constFind(eventId);
            if (!board || sub == viewer.events.cend())
                continue;
            Channel &ch = channel(eventId);
            if (const auto me = meOf(*board, *connection, *sub)) {
                connection->sendShared(personalFrame(*board, ch, sub->limit, *me));
                continue;
            }
            auto latest = ch.latestFrame.constFind(sub->limit);
            if (latest == ch.latestFrame.cend())
                latest = ch.latestFrame.insert(sub->limit, boardFrame(*board, ch, sub->limit));
            connection->sendShared(*latest);
        }
    }
}

void LeaderboardHub::tickEvent(qint64 eventId, qint64 nowMs)
{
    Boards::Board *board = m_boards.board(eventId);
    if (!board)
        return;
    Channel &ch = channel(eventId);
    const QSet<qint64> touched = std::exchange(board->touched, {});
    const QList<BoardEntry> top = m_boards.top(*board, limits::LeaderboardLimitMax);
    const bool newSeason = ch.season != board->event.season;
    if (top != ch.lastTop || newSeason)
        ++ch.version;
    // One frame per board that changed, shared by all its viewers.
    QHash<int, SharedFrame> changed;
    for (Connection *connection : std::as_const(ch.viewers)) {
        const int limit = m_viewers.constFind(connection)->events.constFind(eventId)->limit;
        if (!changed.contains(limit)
            && (newSeason || top.mid(0, limit) != ch.lastTop.mid(0, limit)))
            changed.insert(limit, SharedFrame());
    }
    ch.lastTop = top;
    ch.season = board->event.season;
    for (auto it = changed.begin(); it != changed.end(); ++it)
        *it = boardFrame(*board, ch, it.key());
    ch.latestFrame = changed;

    for (Connection *connection : std::as_const(ch.viewers)) {
        Viewer &viewer = m_viewers[connection];
        Subscription &sub = viewer.events[eventId];
        if (connection->isAuthenticated()) {
            const qint64 userId = connection->userId();
            const qint64 rank = board->ranking.rankOf(userId);
            if (rank != sub.lastRank) {
                RankChanged change { board->event.slug, rank, sub.lastRank, std::nullopt };
                // Who moved past: of the players whose place changed this tick, the nearest
                // one now above the player.
                if (rank > sub.lastRank && sub.lastRank > 0) {
                    qint64 best = 0;
                    for (qint64 other : touched) {
                        const qint64 otherRank = board->ranking.rankOf(other);
                        if (other != userId && otherRank > 0 && otherRank < rank && otherRank > best) {
                            best = otherRank;
                            change.overtakenBy = Overtaker { other, m_boards.nameOf(other) };
                        }
                    }
                }
                sub.lastRank = rank;
                connection->sendEvent(Event { EventType::RankChanged, change.toJson() });
            }
        }
        const auto frame = changed.constFind(sub.limit);
        if (const auto me = meOf(*board, *connection, sub)) {
            if (frame == changed.cend() && me == sub.lastMe)
                continue;
            sub.lastMe = me;
            deliver(connection, viewer, eventId, personalFrame(*board, ch, sub.limit, *me), nowMs);
        } else if (frame != changed.cend()) {
            deliver(connection, viewer, eventId, *frame, nowMs);
        }
    }
}

bool LeaderboardHub::deliver(Connection *connection, Viewer &viewer, qint64 eventId,
    const SharedFrame &frame, qint64 nowMs)
{
    if (connection->bytesToWrite() > m_settings.slowViewerBytes) {
        if (viewer.behindSinceMs < 0)
            viewer.behindSinceMs = nowMs;
        viewer.owed.insert(eventId);
        m_behind.insert(connection);
        return false;
    }
    if (m_behind.contains(connection)) { // drained, but its catch-up comes at the end of the tick
        viewer.owed.insert(eventId);
        return false;
    }
    connection->sendShared(frame);
    return true;
}

} // namespace scoreboard::server
