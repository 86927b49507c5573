#include "scoring/eventservice.h"
#include "net/gateway.h"
#include "net/replies.h"
#include "scoring/eventschedule.h"
#include "scoring/logging.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {
constexpr int kScheduleIntervalMs = 250;
constexpr int kPollIntervalMs = 1000;
} // namespace

EventService::EventService(
    StoreExecutor &store, ScoreService &scores, Clock &clock, QTimeZone zone, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_scores(scores)
    , m_clock(clock)
    , m_zone(std::move(zone))
{
    m_schedule.setInterval(kScheduleIntervalMs);
    connect(&m_schedule, &QTimer::timeout, this, &EventService::checkSchedule);
    m_poll.setInterval(kPollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &EventService::pollRevisions);
    connect(&m_scores, &ScoreService::staleEvent, this, &EventService::reload);
}

void EventService::install(Gateway &gateway)
{
    gateway.route(MessageType::EventsSubscribe, this, &EventService::subscribe);
}

void EventService::start()
{
    // What was loaded, in eventsRevision()'s terms: a change made before the first poll (by the
    // command line, say) is one too.
    m_revisions = 0;
    for (const auto *board : m_scores.boards().all())
        m_revisions += board->event.revision + 1;
    m_schedule.start();
    m_poll.start();
    checkSchedule();
}

void EventService::subscribe(Connection &connection, qint64 requestId)
{
    if (!m_subscribers.contains(&connection)) {
        m_subscribers.insert(&connection);
        connect(&connection, &QObject::destroyed, this,
            [this, key = &connection] { m_subscribers.remove(key); });
    }
    connection.markSubscribed();
    EventsReply reply;
    for (const auto *board : m_scores.boards().all())
        reply.events.append(m_scores.boards().info(*board));
    connection.reply(Reply::success(requestId, reply.toJson()));
}

void EventService::apply(const EventRecord &event)
{
    if (!m_scores.applyEvent(event))
        return;
    const auto *board = m_scores.boards().board(event.id);
    qCInfo(lcScore) << "event" << event.slug << "is" << eventStateName(event.state) << "in season"
                    << event.season << "(revision" << event.revision << ")";
    const SharedFrame frame(
        Event { EventType::EventChanged, EventReply { m_scores.boards().info(*board) }.toJson() }
            .encode());
    for (Connection *subscriber : std::as_const(m_subscribers))
        subscriber->sendShared(frame);
}

void EventService::reload(qint64 eventId)
{
    m_store.run([eventId](Store &store) { return store.eventById(eventId); },
        [this](StoreResult<std::optional<EventRecord>> result) {
            if (result.ok() && *result.value)
                apply(**result.value);
        });
}

void EventService::reloadAll()
{
    m_store.run([](Store &store) { return store.events(); },
        [this](StoreResult<QList<EventRecord>> result) {
            if (!result.ok())
                return;
            for (const auto &event : *result.value)
                apply(event);
        });
}

void EventService::pollRevisions()
{
    if (m_polling)
        return;
    m_polling = true;
    m_store.run([](Store &store) { return store.eventsRevision(); },
        [this](StoreResult<qint64> result) {
            m_polling = false;
            if (!result.ok())
                return;
            if (*result.value != m_revisions)
                reloadAll();
            m_revisions = *result.value;
        });
}

void EventService::checkSchedule()
{
    const qint64 now = m_clock.nowMs();
    for (const auto *board : m_scores.boards().all()) {
        const EventRecord &event = board->event;
        const DueChange change = dueChange(event, now);
        if (change == DueChange::None || m_changing.contains(event.id))
            continue;
        m_changing.insert(event.id);
        const QTimeZone zone = m_zone;
        m_store.run(
            [event, change, now, zone](Store &store) -> std::optional<EventRecord> {
                std::optional<EventRecord> fresh;
                store.transaction([&] {
                    switch (change) {
                    case DueChange::Open:
                        store.updateEvent(opened(event, now, zone), now);
                        break;
                    case DueChange::Close:
                        store.updateEvent(closed(event), now);
                        break;
                    case DueChange::Roll:
                        store.rollSeason(event.id, event.season, now, nextResetOf(event, now, zone));
                        break;
                    case DueChange::None:
                        break;
                    }
                    // Whoever made the change (this node, or another one first), this is it.
                    fresh = store.eventById(event.id);
                });
                return fresh;
            },
            [this, id = event.id](StoreResult<std::optional<EventRecord>> result) {
                m_changing.remove(id);
                if (!result.ok()) {
                    qCWarning(lcScore) << "cannot change an event on its schedule; retrying";
                    return;
                }
                if (*result.value)
                    apply(**result.value);
            });
    }
}

} // namespace scoreboard::server
