#pragma once

#include "messages.h"
#include "store/ledgerstore.h"

#include <QList>
#include <QString>

#include <optional>

namespace scoreboard::server {

/// @brief An event as stored (table `events`).
struct EventRecord
{
    qint64 id = 0;
    QString slug;
    QString title;
    QString description;
    QString category;
    protocol::EventState state = protocol::EventState::Scheduled;
    qint64 startsAtMs = 0; ///< 0: none
    qint64 endsAtMs = 0; ///< 0: open-ended
    int boardSize = protocol::limits::LeaderboardLimitDefault;
    QList<protocol::EventAction> actions; ///< empty: the default catalogue (`points-per-action`)
    QString resetEvery; ///< empty: never
    qint64 season = 1; ///< the current (or, once closed, the last) season
    qint64 seasonStartedAtMs = 0;
    qint64 nextResetAtMs = 0; ///< 0: no reset due
    qint64 createdAtMs = 0;
    /// Grows by one with every change (edit, state, season), so of two readings of an event (on
    /// any node) the one with the higher revision is the newer.
    qint64 revision = 1;
    friend bool operator==(const EventRecord &, const EventRecord &) = default;
};

/// @brief One season of an event (table `seasons`). A finished season's standings are its rows
/// of `scores`, kept forever; only a reversal changes them, and marks them amended.
struct SeasonRecord
{
    qint64 eventId = 0;
    qint64 season = 0;
    qint64 startedAtMs = 0;
    qint64 endedAtMs = 0; ///< 0: the current season
    bool amended = false;
    friend bool operator==(const SeasonRecord &, const SeasonRecord &) = default;
};

/**
 * @brief Events and their seasons: the tables `events` and `seasons`.
 *
 * Changes of an event are conditional on the revision or season the caller read, so that when
 * several nodes see a boundary at once exactly one of them makes the change. Every method
 * throws StoreError on a database failure.
 */
class EventStore
{
public:
    virtual ~EventStore();

    virtual QList<EventRecord> events() = 0;
    /// @brief A number that changes whenever any event is created or changed (on any node, or
    /// by the command line).
    virtual qint64 eventsRevision() = 0;
    virtual std::optional<EventRecord> eventById(qint64 id) = 0;
    virtual std::optional<EventRecord> eventBySlug(const QString &slug) = 0;
    /// @brief Inserts @p event with its season 1; returns the new id, or 0 if the slug is taken.
    virtual qint64 insertEvent(const EventRecord &event) = 0;
    /**
     * @brief Writes every field of @p event but the season if the stored revision is still
     * @p event.revision, growing it by one. Closing ends the current season at @p atMs;
     * opening again continues it. Returns whether it wrote.
     */
    virtual bool updateEvent(const EventRecord &event, qint64 atMs) = 0;
    /**
     * @brief Ends season @p fromSeason of event @p eventId at @p atMs and starts the next one,
     * resetting at @p nextResetAtMs (0: none), if @p fromSeason is still the current season.
     * Returns whether it rolled.
     */
    virtual bool rollSeason(qint64 eventId, qint64 fromSeason, qint64 atMs, qint64 nextResetAtMs)
        = 0;
    virtual QList<SeasonRecord> seasons(qint64 eventId) = 0;
    virtual std::optional<SeasonRecord> season(qint64 eventId, qint64 season) = 0;
    /// @brief A season's standings in rank order (score, then who reached it first, then user
    /// id), suspended players left out: @p limit rows from @p offset, with name and status.
    virtual QList<ScoreRow> standings(qint64 eventId, qint64 season, qint64 offset, int limit)
        = 0;
    /// @brief How many players a season's standings hold.
    virtual qint64 standingsCount(qint64 eventId, qint64 season) = 0;
};

} // namespace scoreboard::server
