#pragma once

#include "core/clock.h"
#include "net/connection.h"
#include "scoring/scoreservice.h"
#include "store/storeexecutor.h"

#include <QObject>
#include <QSet>
#include <QTimeZone>
#include <QTimer>

namespace scoreboard::server {

class Gateway;

/**
 * @brief Events: `events.subscribe` and `event.changed`, and the schedule — events open at
 * `startsAt`, close at `endsAt` and roll to a new season at each `resetEvery` boundary by
 * themselves.
 *
 * The schedule is checked every quarter of a second against the server's Clock, so a change
 * comes within a second of its time, and at once after a start-up that missed one. Each change
 * is conditional on the state or season this node read, so when several nodes share a database
 * exactly one of them makes it; the others (and a change made by staff or the `event` command
 * on any node) read it back from the store: after a cluster notification, after staleEvent(), or
 * from the check every second of the events' revisions.
 */
class EventService final : public QObject
{
    Q_OBJECT
public:
    EventService(StoreExecutor &store, ScoreService &scores, Clock &clock, QTimeZone zone,
        QObject *parent = nullptr);

    void install(Gateway &gateway);
    /// @brief Starts the schedule (after ScoreService::load()).
    void start();
    /// @brief Takes a changed event in (from staff, the store, or another node) and tells every
    /// `events.subscribe` socket if it is newer than what this node has.
    void apply(const EventRecord &event);
    /// @brief Reads event @p eventId again from the store and applies it.
    void reload(qint64 eventId);
    const QTimeZone &timeZone() const { return m_zone; }
    /// @brief Runs the schedule once now (tests call it after moving the clock).
    void checkSchedule();

private:
    void subscribe(Connection &connection, qint64 requestId);
    void pollRevisions();
    void reloadAll();

    StoreExecutor &m_store;
    ScoreService &m_scores;
    Clock &m_clock;
    QTimeZone m_zone;
    QSet<Connection *> m_subscribers;
    QSet<qint64> m_changing; ///< events with a change on its way to the store
    QTimer m_schedule;
    QTimer m_poll;
    qint64 m_revisions = 0; ///< Store::eventsRevision() as last read (or as loaded)
    bool m_polling = false;
};

} // namespace scoreboard::server
