#pragma once

#include "messages.h"

#include <QTimeZone>

namespace scoreboard::server {

/**
 * @brief When an event's next season starts: the first boundary of its reset rule after
 * @p afterMs, or 0 when the rule never resets.
 *
 * Calendar rules (daily, weekly on Monday, monthly on the 1st) fall at midnight in @p zone;
 * a duration counts from @p anchorMs (the event's start), so a PT1H event that started at
 * 18:20 resets at 19:20, 20:20, … whatever the time of the check. A boundary missed while
 * the server was down is not made up: the next one is after @p afterMs.
 */
qint64 nextResetAfter(
    const protocol::ResetRule &rule, qint64 anchorMs, qint64 afterMs, const QTimeZone &zone);

} // namespace scoreboard::server

#include "store/eventstore.h"

namespace scoreboard::server {

/**
 * @brief A new event from staff's settings at @p nowMs: live at once unless it starts later
 * (scheduled), season 1 starting at its start, the first reset due after now.
 */
EventRecord eventFromSpec(const protocol::EventSpec &spec, qint64 nowMs, const QTimeZone &zone);

/// @brief Sets every field of @p event that staff give (all of @p spec but the slug).
void applySpec(EventRecord &event, const protocol::EventSpec &spec);

/// @brief The settings of @p event as staff give them (for merging an update into).
protocol::EventSpec specOf(const EventRecord &event);

/// @brief The change an event's schedule asks for at @p nowMs.
enum class DueChange { None, Open, Close, Roll };
DueChange dueChange(const EventRecord &event, qint64 nowMs);

/// @brief @p event opened (now live) at @p nowMs: the start and the next reset set.
EventRecord opened(EventRecord event, qint64 nowMs, const QTimeZone &zone);
/// @brief @p event closed at @p nowMs: no reset due any more.
EventRecord closed(EventRecord event);
/// @brief The next reset of @p event after @p nowMs by its rule (0: none).
qint64 nextResetOf(const EventRecord &event, qint64 nowMs, const QTimeZone &zone);

} // namespace scoreboard::server
