#pragma once

#include "messages.h"

#include <QList>
#include <QString>

#include <compare>
#include <optional>
#include <tuple>

namespace scoreboard::server {

/// @brief A flag raised by a detector or by staff.
struct FlagRecord
{
    qint64 id = 0;
    qint64 incrementId = 0; ///< 0 when the flag is about a pattern, not one increment
    qint64 userId = 0;
    QString rule; ///< the detector's name, or "manual"
    QString evidence;
    QString figures; ///< JSON text of the figures
    protocol::FlagStatus status = protocol::FlagStatus::Open;
    qint64 createdAtMs = 0;
    qint64 createdBy = 0; ///< staff id for manual flags
    qint64 decidedBy = 0;
    qint64 decidedAtMs = 0;
    QString decisionReason;
    qint64 eventId = 1; ///< the event and season of the increment or pattern
    qint64 season = 1;
    QString event; ///< the event's slug (read only: from the events table)
};

/// @brief One staff action, as written to the append-only audit log.
struct AuditEntry
{
    qint64 id = 0;
    qint64 atMs = 0;
    qint64 staffId = 0; ///< 0: the command line on the server machine
    QString action; ///< e.g. "reverse", "approve", "flag", "suspend", "unsuspend"
    QString target; ///< e.g. "increment:42", "flag:7", "user:3"
    QString reason;
};

/**
 * @brief Moderation records: the flags raised on players and increments (table `flags`) and the
 * append-only log of staff actions (table `audit_log`).
 *
 * Every method throws StoreError on a database failure.
 */
class FlagStore
{
public:
    virtual ~FlagStore();

    virtual qint64 insertFlag(const FlagRecord &flag) = 0;
    virtual std::optional<FlagRecord> flagById(qint64 id) = 0;
    /// @brief Flags, newest first, at most @p limit; only those with @p status when it is set.
    virtual QList<FlagRecord> flags(std::optional<protocol::FlagStatus> status, int limit) = 0;
    virtual QList<FlagRecord> flagsForUser(qint64 userId) = 0;
    virtual QList<FlagRecord> flagsForIncrement(qint64 incrementId) = 0;
    /// @brief Flags raised after flag @p afterId or decided at or after @p decidedSinceMs.
    virtual QList<FlagRecord> flagsSince(qint64 afterId, qint64 decidedSinceMs) = 0;
    /// @brief The newest flag's id (0 when there is none).
    virtual qint64 lastFlagId() = 0;
    virtual void decideFlag(
        qint64 id, protocol::FlagStatus status, qint64 staffId, const QString &reason, qint64 atMs)
        = 0;

    /// @brief An increment with an open flag and no reversal.
    struct HeldIncrement
    {
        qint64 incrementId = 0;
        qint64 userId = 0;
        qint64 delta = 0;
        qint64 eventId = 1;
        qint64 season = 1;
        friend auto operator<=>(const HeldIncrement &, const HeldIncrement &) = default;
    };
    /// @brief Increments with an open flag and no reversal.
    virtual QList<HeldIncrement> openlyFlaggedIncrements() = 0;
    /// @brief How many open flags @p incrementId still has.
    virtual int openFlagCount(qint64 incrementId) = 0;

    virtual qint64 appendAudit(const AuditEntry &entry) = 0;
    /// @brief Audit entries newest first, at most @p limit, older than @p beforeId when set.
    virtual QList<AuditEntry> audit(int limit, qint64 beforeId) = 0;
};

} // namespace scoreboard::server
