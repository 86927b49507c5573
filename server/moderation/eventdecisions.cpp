#include "moderation/eventdecisions.h"
#include "scoring/eventschedule.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {

EventDecision refusal(ErrorCode code, const QString &message)
{
    EventDecision decision;
    decision.error = Error { code, message, 0, {} };
    return decision;
}

void audit(Store &store, const StaffAction &action, const QString &verb, const EventRecord &event,
    const QString &detail)
{
    QString reason = action.reason;
    if (!detail.isEmpty())
        reason = reason.isEmpty() ? detail : reason + u" ("_s + detail + u")"_s;
    store.appendAudit(
        { 0, action.atMs, action.staffId, verb, u"event:%1"_s.arg(event.slug), reason });
}

/// Writes @p changed (read at @p read's revision) and audits it; `conflict` if it changed
/// meanwhile.
EventDecision write(Store &store, const StaffAction &action, const QString &verb,
    const EventRecord &changed, const QString &detail)
{
    if (!store.updateEvent(changed, action.atMs))
        return refusal(ErrorCode::Conflict, u"the event changed meanwhile; try again"_s);
    audit(store, action, verb, changed, detail);
    EventDecision decision;
    decision.event = *store.eventById(changed.id);
    return decision;
}

template<typename Decide> EventDecision inTransaction(Store &store, Decide decide)
{
    EventDecision decision;
    store.transaction([&] { decision = decide(); });
    return decision;
}

} // namespace

EventDecision createEvent(
    Store &store, const StaffAction &action, const EventSpec &spec, const QTimeZone &zone)
{
    if (spec.endsAtMs > 0 && spec.endsAtMs <= action.atMs)
        return refusal(ErrorCode::ScheduleInvalid, u"endsAt must be in the future"_s);
    return inTransaction(store, [&] {
        const EventRecord event = eventFromSpec(spec, action.atMs, zone);
        const qint64 id = store.insertEvent(event);
        if (id == 0)
            return refusal(ErrorCode::Conflict,
                u"an event named %1 exists already (slugs are never reused)"_s.arg(spec.slug));
        const EventRecord stored = *store.eventById(id);
        audit(store, action, u"event-create"_s, stored,
            QString::fromUtf8(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact)));
        EventDecision decision;
        decision.event = stored;
        return decision;
    });
}

EventDecision updateEvent(Store &store, const StaffAction &action, const QString &slug,
    const QJsonObject &changes, const QTimeZone &zone)
{
    return inTransaction(store, [&]() -> EventDecision {
        const auto current = store.eventBySlug(slug);
        if (!current)
            return refusal(ErrorCode::EventUnknown, u"no such event"_s);
        QJsonObject merged = specOf(*current).toJson();
        for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
            merged.insert(it.key(), it.value());
        Parsed<EventSpec> parsed = EventSpec::fromJson(merged);
        if (auto *error = std::get_if<Error>(&parsed))
            return refusal(error->code, error->message);
        EventRecord changed = *current;
        applySpec(changed, std::get<EventSpec>(parsed));
        if (changed.state == EventState::Live) {
            if (changed.startsAtMs > action.atMs) // moved into the future: scheduled again
                changed.state = EventState::Scheduled;
            changed.nextResetAtMs = changed.state == EventState::Live
                ? nextResetOf(changed, action.atMs, zone)
                : 0;
        }
        if (changed.state == EventState::Scheduled && changed.startsAtMs <= 0)
            changed = opened(changed, action.atMs, zone); // no start time: live now
        return write(store, action, u"event-update"_s, changed,
            QString::fromUtf8(QJsonDocument(changes).toJson(QJsonDocument::Compact)));
    });
}

EventDecision openEvent(
    Store &store, const StaffAction &action, const QString &slug, const QTimeZone &zone)
{
    return inTransaction(store, [&]() -> EventDecision {
        const auto current = store.eventBySlug(slug);
        if (!current)
            return refusal(ErrorCode::EventUnknown, u"no such event"_s);
        if (current->state == EventState::Live)
            return refusal(ErrorCode::Conflict, u"the event is live already"_s);
        if (current->endsAtMs > 0 && current->endsAtMs <= action.atMs)
            return refusal(ErrorCode::Conflict,
                u"the event's end time has passed; change endsAt first"_s);
        return write(store, action, u"event-open"_s, opened(*current, action.atMs, zone), {});
    });
}

EventDecision closeEvent(Store &store, const StaffAction &action, const QString &slug)
{
    return inTransaction(store, [&]() -> EventDecision {
        const auto current = store.eventBySlug(slug);
        if (!current)
            return refusal(ErrorCode::EventUnknown, u"no such event"_s);
        if (current->state == EventState::Closed)
            return refusal(ErrorCode::Conflict, u"the event is closed already"_s);
        return write(store, action, u"event-close"_s, closed(*current), {});
    });
}

} // namespace scoreboard::server
