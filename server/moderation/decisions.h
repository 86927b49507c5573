#pragma once

#include "messages.h"
#include "store/store.h"

#include <QList>
#include <QString>

#include <optional>

/**
 * @brief Staff decisions as plain functions over the store: approve a flag, reverse an
 * increment, flag an increment by hand, suspend and unsuspend a player.
 *
 * Each one checks that the decision may be taken, makes its change (ledger, flags or user) and
 * writes the audit entry in one transaction of the Store it is given, and returns what changed
 * or why it was refused. None of them touches a socket, a board or the in-memory ranking; the
 * caller (AdminService, on the StoreExecutor) does that with the result.
 */
namespace scoreboard::server {

/// @brief A flag as staff see it (with the player's name), read from @p store.
protocol::Flag flagToWire(const FlagRecord &record, Store &store);

/// @brief Who takes a decision, why, and when (the server clock's time).
struct StaffAction
{
    qint64 staffId = 0;
    QString reason;
    qint64 atMs = 0;
};

/// @brief What a decision changed, or, with `error` set, why it was refused (nothing changed).
struct Decision
{
    /// The refusal as the requester gets it: a stable code (not_found, conflict, forbidden,
    /// bad_request) and its message.
    std::optional<protocol::Error> error;
    QList<protocol::Flag> flags; ///< the flags raised or decided, as they are now
    std::optional<UserRecord> user; ///< the player concerned (reverse, suspend, unsuspend)
    std::optional<ScoreRow> total; ///< the player's stored total after a reversal
    qint64 reversalId = 0; ///< the compensating ledger entry of a reversal
    /// The increment acted on: flagged, reversed, or (approve) approved with no open flag left,
    /// so that it may return to the boards; 0 otherwise.
    qint64 incrementId = 0;
    /// The delta of a flagged increment, or the compensating delta of a reversal.
    qint64 delta = 0;
    qint64 eventId = 0; ///< the event and season of that increment
    qint64 season = 0;

    bool refused() const { return error.has_value(); }
};

/// @brief Approves the open flag @p flagId (`forbidden` on the staff member's own increment).
Decision approveFlag(Store &store, const StaffAction &action, qint64 flagId);
/// @brief Reverses the action @p incrementId with a compensating ledger entry; every flag on
/// it not yet reversed is marked reversed (`forbidden` on the staff member's own increment).
Decision reverseIncrement(Store &store, const StaffAction &action, qint64 incrementId);
/// @brief reverseIncrement() of the increment flag @p flagId is about.
Decision reverseFlaggedIncrement(Store &store, const StaffAction &action, qint64 flagId);
/// @brief Raises a manual flag on the action @p incrementId, with the reason as its evidence.
Decision flagIncrement(Store &store, const StaffAction &action, qint64 incrementId);
/// @brief Suspends the player @p userId and ends every session of theirs.
Decision suspendUser(Store &store, const StaffAction &action, qint64 userId);
/// @brief Lifts the suspension of the player @p userId.
Decision unsuspendUser(Store &store, const StaffAction &action, qint64 userId);

} // namespace scoreboard::server
