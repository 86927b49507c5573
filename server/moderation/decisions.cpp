#include "moderation/decisions.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

Flag flagToWire(const FlagRecord &record, Store &store)
{
    const auto player = store.userById(record.userId);
    return Flag { record.id, record.incrementId, record.userId,
        player ? player->displayName : QString(), record.rule, record.evidence,
        record.status, wireTime(record.createdAtMs),
        QJsonDocument::fromJson(record.figures.toUtf8()).object(), record.event, record.season };
}

namespace {

Decision refusal(ErrorCode code, const QString &message)
{
    Decision decision;
    decision.error = Error { code, message, 0, {} };
    return decision;
}

/// Nobody decides a flag on their own increments (docs/protocol.md, "Staff").
Decision ownIncrement()
{
    return refusal(ErrorCode::Forbidden,
        u"this is your own increment; another member of staff has to decide it"_s);
}

/// Runs @p decide in one transaction of @p store.
template<typename Decide> Decision inTransaction(Store &store, Decide decide)
{
    Decision decision;
    store.transaction([&] { decision = decide(); });
    return decision;
}

/// In one transaction: @p decide of the ledger entry @p incrementId if it is a player's action;
/// else the refusal, in which @p verb says what cannot be done to anything else.
template<typename Decide>
Decision onPlayerAction(Store &store, qint64 incrementId, const QString &verb, Decide decide)
{
    return inTransaction(store, [&] {
        const auto entry = store.ledgerEntry(incrementId);
        if (!entry)
            return refusal(ErrorCode::NotFound, u"no such increment"_s);
        if (entry->kind != u"action"_s)
            return refusal(ErrorCode::Conflict, u"only a player's action can be %1"_s.arg(verb));
        return decide(*entry);
    });
}

Decision setSuspension(Store &store, const StaffAction &action, qint64 userId, bool suspended)
{
    return inTransaction(store, [&] {
        const auto target = store.userById(userId);
        if (!target)
            return refusal(ErrorCode::NotFound, u"no such user"_s);
        if (target->role != Role::Player)
            return refusal(ErrorCode::Forbidden, u"staff accounts cannot be suspended here"_s);
        if (target->suspended() == suspended)
            return refusal(
                ErrorCode::Conflict, suspended ? u"already suspended"_s : u"not suspended"_s);
        store.setSuspended(userId, suspended ? std::optional<qint64>(action.atMs) : std::nullopt);
        if (suspended)
            store.revokeUserSessions(
                userId, 0, QString::fromLatin1(revoke_reason::Suspended), action.atMs);
        store.appendAudit({ 0, action.atMs, action.staffId,
            suspended ? u"suspend"_s : u"unsuspend"_s, u"user:%1"_s.arg(userId), action.reason });
        Decision decision;
        decision.user = store.userById(userId);
        return decision;
    });
}

} // namespace

Decision approveFlag(Store &store, const StaffAction &action, qint64 flagId)
{
    return inTransaction(store, [&] {
        const auto record = store.flagById(flagId);
        if (!record)
            return refusal(ErrorCode::NotFound, u"no such flag"_s);
        if (record->status != FlagStatus::Open)
            return refusal(ErrorCode::Conflict,
                u"this flag is already %1"_s.arg(flagStatusName(record->status)));
        if (record->userId == action.staffId)
            return ownIncrement();
        store.decideFlag(record->id, FlagStatus::Approved, action.staffId, action.reason, action.atMs);
        store.appendAudit({ 0, action.atMs, action.staffId, u"approve"_s,
            u"flag:%1"_s.arg(record->id), action.reason });
        Decision decision;
        // Under `hold`, the increment returns to the boards once no open flag remains.
        if (record->incrementId > 0 && store.openFlagCount(record->incrementId) == 0)
            decision.incrementId = record->incrementId;
        decision.flags.append(flagToWire(*store.flagById(record->id), store));
        return decision;
    });
}

Decision reverseIncrement(Store &store, const StaffAction &action, qint64 incrementId)
{
    return onPlayerAction(store, incrementId, u"reversed"_s, [&](const LedgerEntry &entry) {
        if (entry.userId == action.staffId)
            return ownIncrement();
        if (entry.reversedById != 0)
            return refusal(ErrorCode::Conflict, u"this increment is already reversed"_s);
        Decision decision;
        decision.reversalId = store.appendReversal(incrementId, action.atMs);
        if (decision.reversalId == 0)
            return refusal(ErrorCode::Conflict, u"this increment is already reversed"_s);
        decision.delta = -entry.delta;
        decision.incrementId = incrementId;
        for (const auto &record : store.flagsForIncrement(incrementId)) {
            if (record.status == FlagStatus::Reversed)
                continue;
            store.decideFlag(record.id, FlagStatus::Reversed, action.staffId, action.reason, action.atMs);
            decision.flags.append(flagToWire(*store.flagById(record.id), store));
        }
        store.appendAudit({ 0, action.atMs, action.staffId, u"reverse"_s,
            u"increment:%1"_s.arg(incrementId), action.reason });
        decision.user = store.userById(entry.userId);
        decision.total = store.scoreOf(entry.userId, entry.eventId, entry.season);
        decision.eventId = entry.eventId;
        decision.season = entry.season;
        return decision;
    });
}

Decision reverseFlaggedIncrement(Store &store, const StaffAction &action, qint64 flagId)
{
    return inTransaction(store, [&] {
        const auto record = store.flagById(flagId);
        if (!record)
            return refusal(ErrorCode::NotFound, u"no such flag"_s);
        if (record->incrementId == 0)
            return refusal(ErrorCode::BadRequest,
                u"this flag is about a pattern, not one increment; reverse its increments one by one"_s);
        return reverseIncrement(store, action, record->incrementId);
    });
}

Decision flagIncrement(Store &store, const StaffAction &action, qint64 incrementId)
{
    return onPlayerAction(store, incrementId, u"flagged"_s, [&](const LedgerEntry &entry) {
        FlagRecord record;
        record.incrementId = entry.id;
        record.userId = entry.userId;
        record.rule = u"manual"_s;
        record.evidence = action.reason;
        record.createdAtMs = action.atMs;
        record.createdBy = action.staffId;
        record.eventId = entry.eventId;
        record.season = entry.season;
        record.id = store.insertFlag(record);
        record.event = entry.event;
        store.appendAudit({ 0, action.atMs, action.staffId, u"flag"_s,
            u"increment:%1"_s.arg(entry.id), action.reason });
        Decision decision;
        decision.flags.append(flagToWire(record, store));
        decision.incrementId = entry.id;
        decision.delta = entry.delta;
        decision.eventId = entry.eventId;
        decision.season = entry.season;
        return decision;
    });
}

Decision suspendUser(Store &store, const StaffAction &action, qint64 userId)
{
    return setSuspension(store, action, userId, true);
}

Decision unsuspendUser(Store &store, const StaffAction &action, qint64 userId)
{
    return setSuspension(store, action, userId, false);
}

} // namespace scoreboard::server
