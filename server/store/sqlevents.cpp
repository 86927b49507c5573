#include "store/sqlstatement.h"
#include "store/sqlstore.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;
using protocol::EventAction;
using protocol::EventState;

namespace {

const QString kEventColumns
    = u"id, slug, title, description, category, state, COALESCE(starts_at, 0), "
      "COALESCE(ends_at, 0), board_size, COALESCE(actions, ''), COALESCE(reset_every, ''), "
      "season, season_started_at, COALESCE(next_reset_at, 0), created_at, revision"_s;

/// The catalogue as stored: the JSON array of the wire, or '' for the default catalogue.
QString actionsText(const QList<EventAction> &actions)
{
    if (actions.isEmpty())
        return {};
    QJsonArray array;
    for (const auto &action : actions)
        array.append(action.toJson());
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<EventAction> actionsFromText(const QString &text)
{
    QList<EventAction> actions;
    if (text.isEmpty())
        return actions;
    for (const QJsonValue &value : QJsonDocument::fromJson(text.toUtf8()).array()) {
        auto parsed = EventAction::fromJson(value.toObject());
        if (auto *action = std::get_if<EventAction>(&parsed))
            actions.append(*action);
        else
            throw StoreError("an event's stored action catalogue is not valid");
    }
    return actions;
}

EventRecord readEvent(const Statement &q)
{
    EventRecord e;
    e.id = q.value(0).toLongLong();
    e.slug = q.value(1).toString();
    e.title = q.value(2).toString();
    e.description = q.value(3).toString();
    e.category = q.value(4).toString();
    const auto state = protocol::eventStateFromName(q.value(5).toString());
    if (!state)
        throw StoreError("unknown event state in the database");
    e.state = *state;
    e.startsAtMs = q.value(6).toLongLong();
    e.endsAtMs = q.value(7).toLongLong();
    e.boardSize = q.value(8).toInt();
    e.actions = actionsFromText(q.value(9).toString());
    e.resetEvery = q.value(10).toString();
    e.season = q.value(11).toLongLong();
    e.seasonStartedAtMs = q.value(12).toLongLong();
    e.nextResetAtMs = q.value(13).toLongLong();
    e.createdAtMs = q.value(14).toLongLong();
    e.revision = q.value(15).toLongLong();
    return e;
}

QVariant timeOrNull(qint64 ms)
{
    return nullable(ms > 0 ? std::optional<qint64>(ms) : std::nullopt);
}

/// Binds the event's settings and state, in the order of the columns title, description,
/// category, state, starts_at, ends_at, board_size, actions, reset_every.
Statement &bindSettings(Statement &q, const EventRecord &event)
{
    return q.bind(event.title)
        .bind(event.description)
        .bind(event.category)
        .bind(protocol::eventStateName(event.state))
        .bind(timeOrNull(event.startsAtMs))
        .bind(timeOrNull(event.endsAtMs))
        .bind(event.boardSize)
        .bind(actionsText(event.actions))
        .bind(event.resetEvery);
}

} // namespace

QList<EventRecord> SqlStore::events()
{
    Statement q(db(), u"SELECT %1 FROM events ORDER BY id"_s.arg(kEventColumns));
    q.exec();
    QList<EventRecord> out;
    while (q.next())
        out.append(readEvent(q));
    return out;
}

qint64 SqlStore::eventsRevision()
{
    Statement q(db(), u"SELECT COALESCE(SUM(revision), 0) + COUNT(*) FROM events"_s);
    q.exec();
    return q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<EventRecord> SqlStore::eventById(qint64 id)
{
    Statement q(db(), u"SELECT %1 FROM events WHERE id = ?"_s.arg(kEventColumns));
    q.bind(id).exec();
    if (!q.next())
        return std::nullopt;
    return readEvent(q);
}

std::optional<EventRecord> SqlStore::eventBySlug(const QString &slug)
{
    Statement q(db(), u"SELECT %1 FROM events WHERE slug = ?"_s.arg(kEventColumns));
    q.bind(slug).exec();
    if (!q.next())
        return std::nullopt;
    return readEvent(q);
}

qint64 SqlStore::insertEvent(const EventRecord &event)
{
    qint64 id = 0;
    transaction([&] {
        Statement insert(db(),
            u"INSERT INTO events (slug, title, description, category, state, starts_at, ends_at, "
            "board_size, actions, reset_every, season, season_started_at, next_reset_at, "
            "created_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1) "
            "ON CONFLICT (slug) DO NOTHING RETURNING id"_s);
        bindSettings(insert.bind(event.slug), event)
            .bind(event.seasonStartedAtMs)
            .bind(timeOrNull(event.nextResetAtMs))
            .bind(event.createdAtMs)
            .exec();
        if (!insert.next())
            return; // the slug is taken
        id = insert.value(0).toLongLong();
        Statement(db(), u"INSERT INTO seasons (event_id, season, started_at) VALUES (?, 1, ?)"_s)
            .bind(id)
            .bind(event.seasonStartedAtMs)
            .exec();
        notify({ cluster::Message::Kind::Events, {}, { id }, 0, {} });
    });
    return id;
}

bool SqlStore::updateEvent(const EventRecord &event, qint64 atMs)
{
    bool written = false;
    transaction([&] {
        Statement update(db(),
            u"UPDATE events SET title = ?, description = ?, category = ?, state = ?, "
            "starts_at = ?, ends_at = ?, board_size = ?, actions = ?, reset_every = ?, "
            "next_reset_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?"_s);
        bindSettings(update, event)
            .bind(timeOrNull(event.nextResetAtMs))
            .bind(event.id)
            .bind(event.revision)
            .exec();
        if (update.affected() != 1)
            return;
        written = true;
        // A closed event's current season is over (its standings are kept); opening the event
        // again continues it.
        if (event.state == EventState::Closed)
            Statement(db(),
                u"UPDATE seasons SET ended_at = ? WHERE event_id = ? AND season = ? "
                "AND ended_at IS NULL"_s)
                .bind(atMs)
                .bind(event.id)
                .bind(event.season)
                .exec();
        else
            Statement(db(), u"UPDATE seasons SET ended_at = NULL WHERE event_id = ? AND season = ?"_s)
                .bind(event.id)
                .bind(event.season)
                .exec();
        notify({ cluster::Message::Kind::Events, {}, { event.id }, 0, {} });
    });
    return written;
}

bool SqlStore::rollSeason(qint64 eventId, qint64 fromSeason, qint64 atMs, qint64 nextResetAtMs)
{
    bool rolled = false;
    transaction([&] {
        Statement update(db(),
            u"UPDATE events SET season = season + 1, season_started_at = ?, next_reset_at = ?, "
            "revision = revision + 1 WHERE id = ? AND season = ?"_s);
        update.bind(atMs).bind(timeOrNull(nextResetAtMs)).bind(eventId).bind(fromSeason).exec();
        if (update.affected() != 1)
            return; // another node rolled it first
        rolled = true;
        Statement(db(), u"UPDATE seasons SET ended_at = ? WHERE event_id = ? AND season = ?"_s)
            .bind(atMs)
            .bind(eventId)
            .bind(fromSeason)
            .exec();
        Statement(db(), u"INSERT INTO seasons (event_id, season, started_at) VALUES (?, ?, ?)"_s)
            .bind(eventId)
            .bind(fromSeason + 1)
            .bind(atMs)
            .exec();
        notify({ cluster::Message::Kind::Events, {}, { eventId }, 0, {} });
    });
    return rolled;
}

namespace {

const QString kSeasonColumns
    = u"event_id, season, started_at, COALESCE(ended_at, 0), amended"_s;

SeasonRecord readSeason(const Statement &q)
{
    return { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toLongLong(), q.value(4).toInt() != 0 };
}

} // namespace

QList<SeasonRecord> SqlStore::seasons(qint64 eventId)
{
    Statement q(db(),
        u"SELECT %1 FROM seasons WHERE event_id = ? ORDER BY season"_s.arg(kSeasonColumns));
    q.bind(eventId).exec();
    QList<SeasonRecord> out;
    while (q.next())
        out.append(readSeason(q));
    return out;
}

std::optional<SeasonRecord> SqlStore::season(qint64 eventId, qint64 season)
{
    Statement q(db(),
        u"SELECT %1 FROM seasons WHERE event_id = ? AND season = ?"_s.arg(kSeasonColumns));
    q.bind(eventId).bind(season).exec();
    if (!q.next())
        return std::nullopt;
    return readSeason(q);
}

QList<ScoreRow> SqlStore::standings(qint64 eventId, qint64 season, qint64 offset, int limit)
{
    // The order of Ranking: score, then who reached it first, then the user id.
    Statement q(db(),
        u"SELECT s.user_id, s.score, s.reached_seq, u.display_name, u.suspended_at, s.revision, "
        "s.event_id, s.season FROM scores s JOIN users u ON u.id = s.user_id "
        "WHERE s.event_id = ? AND s.season = ? AND u.suspended_at IS NULL "
        "ORDER BY s.score DESC, s.reached_seq, s.user_id LIMIT ? OFFSET ?"_s);
    q.bind(eventId).bind(season).bind(limit).bind(offset).exec();
    QList<ScoreRow> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
            q.value(3).toString(), !q.value(4).isNull(), q.value(5).toLongLong(),
            q.value(6).toLongLong(), q.value(7).toLongLong() });
    return out;
}

qint64 SqlStore::standingsCount(qint64 eventId, qint64 season)
{
    Statement q(db(),
        u"SELECT COUNT(*) FROM scores s JOIN users u ON u.id = s.user_id "
        "WHERE s.event_id = ? AND s.season = ? AND u.suspended_at IS NULL"_s);
    q.bind(eventId).bind(season).exec();
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace scoreboard::server
