#include "scoring/eventschedule.h"

#include <QDateTime>

namespace scoreboard::server {

using protocol::ResetRule;

qint64 nextResetAfter(const ResetRule &rule, qint64 anchorMs, qint64 afterMs, const QTimeZone &zone)
{
    switch (rule.kind) {
    case ResetRule::Kind::Never:
        return 0;
    case ResetRule::Kind::Duration: {
        if (afterMs < anchorMs)
            return anchorMs + rule.durationMs;
        const qint64 periods = (afterMs - anchorMs) / rule.durationMs + 1;
        return anchorMs + periods * rule.durationMs;
    }
    case ResetRule::Kind::Daily:
    case ResetRule::Kind::Weekly:
    case ResetRule::Kind::Monthly:
        break;
    }
    const QDateTime after = QDateTime::fromMSecsSinceEpoch(afterMs, zone);
    QDate day = after.date();
    switch (rule.kind) {
    case ResetRule::Kind::Daily:
        day = day.addDays(1);
        break;
    case ResetRule::Kind::Weekly:
        day = day.addDays(8 - day.dayOfWeek()); // the next Monday (a week on, on a Monday)
        break;
    default:
        day = QDate(day.year(), day.month(), 1).addMonths(1);
        break;
    }
    // Midnight in the zone; where a change of clocks skips it, the first moment of the day.
    QDateTime boundary(day, QTime(0, 0), zone);
    if (!boundary.isValid())
        boundary = QDateTime(day, QTime(1, 0), zone);
    return boundary.toMSecsSinceEpoch();
}

} // namespace scoreboard::server

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {

qint64 anchorOf(const EventRecord &event)
{
    return event.startsAtMs > 0 ? event.startsAtMs : event.createdAtMs;
}

ResetRule ruleOf(const EventRecord &event)
{
    return parseResetRule(event.resetEvery).value_or(ResetRule {});
}

} // namespace

EventRecord eventFromSpec(const EventSpec &spec, qint64 nowMs, const QTimeZone &zone)
{
    EventRecord event;
    event.slug = spec.slug;
    applySpec(event, spec);
    event.createdAtMs = nowMs;
    event.seasonStartedAtMs = std::max(nowMs, spec.startsAtMs);
    if (spec.startsAtMs > nowMs)
        event.state = EventState::Scheduled;
    else
        event = opened(event, nowMs, zone);
    return event;
}

void applySpec(EventRecord &event, const EventSpec &spec)
{
    event.title = spec.title;
    event.description = spec.description;
    event.category = spec.category;
    event.startsAtMs = spec.startsAtMs;
    event.endsAtMs = spec.endsAtMs;
    event.boardSize = spec.boardSize;
    event.actions = spec.actions;
    event.resetEvery = spec.resetEvery;
}

EventSpec specOf(const EventRecord &event)
{
    return EventSpec { event.slug, event.title, event.description, event.category,
        event.startsAtMs, event.endsAtMs, event.boardSize, event.actions, event.resetEvery };
}

DueChange dueChange(const EventRecord &event, qint64 nowMs)
{
    switch (event.state) {
    case EventState::Scheduled:
        if (event.endsAtMs > 0 && nowMs >= event.endsAtMs)
            return DueChange::Close;
        return event.startsAtMs > 0 && nowMs >= event.startsAtMs ? DueChange::Open
                                                                 : DueChange::None;
    case EventState::Live:
        if (event.endsAtMs > 0 && nowMs >= event.endsAtMs)
            return DueChange::Close;
        return event.nextResetAtMs > 0 && nowMs >= event.nextResetAtMs ? DueChange::Roll
                                                                        : DueChange::None;
    case EventState::Closed:
        break;
    }
    return DueChange::None;
}

EventRecord opened(EventRecord event, qint64 nowMs, const QTimeZone &zone)
{
    event.state = EventState::Live;
    if (event.startsAtMs <= 0 || event.startsAtMs > nowMs)
        event.startsAtMs = nowMs;
    event.nextResetAtMs = nextResetAfter(ruleOf(event), anchorOf(event), nowMs, zone);
    return event;
}

EventRecord closed(EventRecord event)
{
    event.state = EventState::Closed;
    event.nextResetAtMs = 0;
    return event;
}

qint64 nextResetOf(const EventRecord &event, qint64 nowMs, const QTimeZone &zone)
{
    return nextResetAfter(ruleOf(event), anchorOf(event), nowMs, zone);
}

} // namespace scoreboard::server
