#include "scoring/leaderboardhub.h"
#include "net/gateway.h"
#include "scoring/logging.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

LeaderboardHub::LeaderboardHub(
    const ScoringSettings &settings, TopProvider top, Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_top(std::move(top))
    , m_metrics(metrics)
{
    m_clock.start();
    m_lastTop = m_top(limits::LeaderboardLimitMax);
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(m_settings.tickMs);
    connect(&m_tick, &QTimer::timeout, this, &LeaderboardHub::tick);
    m_tick.start();
}

void LeaderboardHub::install(Gateway &gateway)
{
    gateway.route(MessageType::LeaderboardSubscribe, this, &LeaderboardHub::subscribe);
}

void LeaderboardHub::markDirty()
{
    if (!m_dirty) {
        m_dirty = true;
        m_dirtySinceNs = m_clock.nsecsElapsed();
    }
}

Leaderboard LeaderboardHub::snapshot(int limit) const
{
    return Leaderboard { m_version, m_top(limit) };
}

void LeaderboardHub::subscribe(
    Connection &connection, qint64 requestId, const SubscribeRequest &data)
{
    const int limit = data.limit;
    if (!m_subscribers.contains(&connection)) {
        connect(&connection, &QObject::destroyed, this,
            [this, key = &connection] { m_subscribers.remove(key); });
    }
    m_subscribers.insert(&connection, Subscriber { limit, -1, false });
    connection.markSubscribed();
    connection.reply(Reply::success(requestId, snapshot(limit).toJson()));
}

void LeaderboardHub::tick()
{
    const qint64 nowMs = m_clock.elapsed();
    if (m_dirty) {
        m_dirty = false;
        const QList<BoardEntry> top = m_top(limits::LeaderboardLimitMax);
        QSet<int> limitsInUse;
        for (const auto &subscriber : std::as_const(m_subscribers))
            limitsInUse.insert(subscriber.limit);
        if (top != m_lastTop)
            ++m_version;
        // One frame per board that changed, shared by all its viewers.
        QHash<int, SharedFrame> changed;
        for (int limit : std::as_const(limitsInUse)) {
            if (top.mid(0, limit) != m_lastTop.mid(0, limit))
                changed.insert(limit, boardFrame(limit, top));
        }
        m_lastTop = top;
        m_latestFrame = changed;
        if (!changed.isEmpty()) {
            for (auto it = m_subscribers.begin(); it != m_subscribers.end(); ++it) {
                const auto frame = changed.constFind(it->limit);
                if (frame != changed.cend())
                    deliver(it.key(), it.value(), *frame, nowMs);
            }
            m_metrics.broadcastLatency.observe(
                double(m_clock.nsecsElapsed() - m_dirtySinceNs) / 1e9);
        }
    }

    // Viewers that were behind: catch them up with the newest board once drained, or drop them.
    for (auto it = m_subscribers.begin(); it != m_subscribers.end(); ++it) {
        Subscriber &subscriber = it.value();
        if (!subscriber.owesLatest)
            continue;
        auto latest = m_latestFrame.constFind(subscriber.limit);
        if (latest == m_latestFrame.cend())
            latest
                = m_latestFrame.insert(subscriber.limit, boardFrame(subscriber.limit, m_lastTop));
        deliver(it.key(), subscriber, *latest, nowMs);
    }
}

SharedFrame LeaderboardHub::boardFrame(int limit, const QList<BoardEntry> &top) const
{
    return SharedFrame(
        Event { EventType::Leaderboard, Leaderboard { m_version, top.mid(0, limit) }.toJson() }
            .encode());
}

void LeaderboardHub::deliver(
    Connection *connection, Subscriber &subscriber, const SharedFrame &frame, qint64 nowMs)
{
    if (connection->bytesToWrite() > m_settings.slowViewerBytes) {
        if (subscriber.behindSinceMs < 0)
            subscriber.behindSinceMs = nowMs;
        subscriber.owesLatest = true;
        if (nowMs - subscriber.behindSinceMs > m_settings.slowViewerTimeoutMs) {
            qCInfo(lcScore) << "dropping viewer" << connection->id() << "that stayed"
                            << connection->bytesToWrite() << "bytes behind";
            subscriber.owesLatest = false;
            connection->abort();
        }
        return;
    }
    subscriber.behindSinceMs = -1;
    subscriber.owesLatest = false;
    connection->sendShared(frame);
}

} // namespace scoreboard::server
