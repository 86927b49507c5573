#pragma once

#include "messages.h"
#include "moderation/decisions.h"
#include "store/store.h"

#include <QTimeZone>

/**
 * @brief Staff's changes to events as plain functions over the store: create, update, open,
 * close. Each checks, writes the event and its audit entry in one transaction and returns the
 * event as stored, or the refusal; the WebSocket API (`admin.event.*`) and the command line
 * (`scoreboard-server event …`, audited with no staff id) both run them.
 */
namespace scoreboard::server {

struct EventDecision
{
    std::optional<protocol::Error> error;
    EventRecord event;
    bool refused() const { return error.has_value(); }
};

/// @brief A new event (`conflict` when the slug is taken, `schedule_invalid` when it has ended).
EventDecision createEvent(
    Store &store, const StaffAction &action, const protocol::EventSpec &spec, const QTimeZone &zone);
/// @brief Changes the fields in @p changes (the merged settings are checked as a new event's).
EventDecision updateEvent(Store &store, const StaffAction &action, const QString &slug,
    const QJsonObject &changes, const QTimeZone &zone);
/// @brief Opens a scheduled or closed event now (`conflict` when live or past its end).
EventDecision openEvent(
    Store &store, const StaffAction &action, const QString &slug, const QTimeZone &zone);
/// @brief Closes a scheduled or live event now, keeping its season's standings.
EventDecision closeEvent(Store &store, const StaffAction &action, const QString &slug);

} // namespace scoreboard::server
