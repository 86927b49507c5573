#include "messagecodec.h"
#include "messages.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

bool isValidSlug(QStringView slug)
{
    static const QRegularExpression pattern(u"^[a-z0-9][a-z0-9-]{0,39}$"_s);
    return pattern.match(slug).hasMatch();
}

bool isValidActionKind(QStringView kind)
{
    static const QRegularExpression pattern(u"^[a-z0-9][a-z0-9_-]{0,15}$"_s);
    return pattern.match(kind).hasMatch();
}

std::optional<ResetRule> parseResetRule(QStringView text)
{
    if (text.isEmpty())
        return ResetRule {};
    if (text == u"daily")
        return ResetRule { ResetRule::Kind::Daily, 0 };
    if (text == u"weekly")
        return ResetRule { ResetRule::Kind::Weekly, 0 };
    if (text == u"monthly")
        return ResetRule { ResetRule::Kind::Monthly, 0 };
    // P[nW] or P[nD][T[nH][nM][nS]], each n at most 9 digits: no overflow below.
    static const QRegularExpression duration(
        u"^P(?:(\\d{1,9})W|(?:(\\d{1,9})D)?(?:T(?:(\\d{1,9})H)?(?:(\\d{1,9})M)?(?:(\\d{1,9})S)?)?)$"_s);
    const auto match = duration.match(text);
    if (!match.hasMatch() || text.endsWith(u'T') || text == u"P")
        return std::nullopt;
    const auto part = [&](int group) { return match.capturedView(group).toLongLong(); };
    const qint64 seconds = part(1) * 7 * 86'400 + part(2) * 86'400 + part(3) * 3'600
        + part(4) * 60 + part(5);
    if (seconds * 1000 < limits::ResetMinMs)
        return std::nullopt;
    return ResetRule { ResetRule::Kind::Duration, seconds * 1000 };
}

namespace {

struct StateName
{
    EventState state;
    QLatin1StringView name;
};

constexpr StateName kStates[] = {
    { EventState::Scheduled, QLatin1StringView("scheduled") },
    { EventState::Live, QLatin1StringView("live") },
    { EventState::Closed, QLatin1StringView("closed") },
};

} // namespace

QString eventStateName(EventState state)
{
    for (const auto &entry : kStates) {
        if (entry.state == state)
            return entry.name.toString();
    }
    return {};
}

std::optional<EventState> eventStateFromName(QStringView name)
{
    for (const auto &entry : kStates) {
        if (name == entry.name)
            return entry.state;
    }
    return std::nullopt;
}

namespace {

/// A slug: `[a-z0-9][a-z0-9-]{0,39}`, else slug_invalid.
struct Slug
{
    QString read(FieldReader &reader, const QString &key) const
    {
        const QString slug = reader.string(key).value_or(QString());
        if (!reader.failed() && !isValidSlug(slug))
            reader.fail(Error { ErrorCode::SlugInvalid,
                u"%1 must be 1 to 40 lower-case letters, digits and dashes, starting with a "
                "letter or digit"_s.arg(key),
                0, {} });
        return slug;
    }
};
constexpr Slug slugKind;

/// A text of at most @c max code points without control characters; @c min 1 makes it required
/// and non-empty, 0 optional (empty when absent). Always written.
struct BoundedText
{
    int min;
    int max;

    QString read(FieldReader &reader, const QString &key) const
    {
        const QString text = reader.string(key, min > 0).value_or(QString()).trimmed();
        if (reader.failed())
            return text;
        const qsizetype length = codePointCount(text);
        if (length < min || length > max)
            reader.fail(u"%1 must be %2 to %3 characters"_s.arg(key).arg(min).arg(max));
        else if (!hasNoControlCharacters(text) && key != u"description"_s)
            reader.fail(u"%1 must not contain control characters"_s.arg(key));
        return text;
    }
};
constexpr BoundedText boundedText(int min, int max)
{
    return { min, max };
}

/// An action's kind: `[a-z0-9][a-z0-9_-]{0,15}`.
struct ActionKind
{
    QString read(FieldReader &reader, const QString &key) const
    {
        const QString kind = reader.string(key).value_or(QString());
        if (!reader.failed() && !isValidActionKind(kind))
            reader.fail(u"%1 must be 1 to 16 lower-case letters, digits, dashes and underscores"_s
                            .arg(key));
        return kind;
    }
};
constexpr ActionKind actionKind;

/// An event's state by name.
struct StateKind
{
    EventState read(FieldReader &reader, const QString &key) const
    {
        const auto state = eventStateFromName(reader.string(key).value_or(QString()));
        if (!reader.failed() && !state)
            reader.fail(u"%1 must be scheduled, live or closed"_s.arg(key));
        return state.value_or(EventState::Scheduled);
    }
    std::optional<QJsonValue> write(EventState state) const { return eventStateName(state); }
};
constexpr StateKind stateKind;

/// `resetEvery`: null or absent (never), daily, weekly, monthly, or a duration of at least PT10S
/// (reset_invalid otherwise). Written as null when never.
struct ResetEvery
{
    QString read(FieldReader &reader, const QString &key) const
    {
        const QJsonValue value = reader.value(key);
        if (value.isUndefined() || value.isNull())
            return {};
        const QString text = value.isString() ? value.toString() : QString(u"?"_s);
        if (!value.isString() || text.size() > 40 || !parseResetRule(text))
            reader.fail(Error { ErrorCode::ResetInvalid,
                u"%1 must be null, daily, weekly, monthly or an ISO 8601 duration of at least "
                "PT10S such as PT1H or P7D"_s.arg(key),
                0, {} });
        return text;
    }
    std::optional<QJsonValue> write(const QString &rule) const
    {
        return rule.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rule);
    }
};
constexpr ResetEvery resetEvery;

/// The catalogue: 1–9 actions with distinct kinds; absent or empty: the default catalogue.
struct Catalogue
{
    QList<EventAction> read(FieldReader &reader, const QString &key) const
    {
        if (!reader.contains(key) || reader.value(key).isNull())
            return {};
        QList<EventAction> actions = objectList<EventAction>.read(reader, key);
        if (reader.failed())
            return actions;
        QSet<QString> kinds;
        for (const auto &action : std::as_const(actions))
            kinds.insert(action.kind);
        if (actions.size() > limits::ActionsMax)
            reader.fail(u"%1 must hold at most %2 kinds of action"_s.arg(key).arg(limits::ActionsMax));
        else if (kinds.size() != actions.size())
            reader.fail(u"%1 must not name a kind twice"_s.arg(key));
        return actions;
    }
    std::optional<QJsonValue> write(const QList<EventAction> &actions) const
    {
        return objectList<EventAction>.write(actions);
    }
};
constexpr Catalogue catalogue;

} // namespace

// One field a line, in the order fromJson checks them.
// clang-format off
SCOREBOARD_MESSAGE_CODEC(EventAction,
    SCOREBOARD_FIELD(kind, actionKind),
    SCOREBOARD_FIELD(label, boundedText(1, limits::ActionLabelMax)),
    SCOREBOARD_FIELD(points, integer(1, limits::ActionPointsMax)))

SCOREBOARD_MESSAGE_CODEC(EventInfo,
    SCOREBOARD_FIELD(slug, slugKind),
    SCOREBOARD_FIELD(title, text),
    SCOREBOARD_FIELD(description, optionalText),
    SCOREBOARD_FIELD(category, optionalText),
    SCOREBOARD_FIELD(state, stateKind),
    field(u"startsAt", &Message::startsAtMs, nullableTime),
    field(u"endsAt", &Message::endsAtMs, nullableTime),
    SCOREBOARD_FIELD(boardSize, integer(limits::LeaderboardLimitMin, limits::LeaderboardLimitMax)),
    SCOREBOARD_FIELD(actions, objectList<EventAction>),
    SCOREBOARD_FIELD(resetEvery, resetEvery),
    SCOREBOARD_FIELD(season, integer(1, kMaxScore)),
    field(u"nextResetAt", &Message::nextResetAtMs, nullableTime),
    SCOREBOARD_FIELD(players, integer(0, kMaxScore, 0)))

SCOREBOARD_MESSAGE_CODEC(EventsReply, SCOREBOARD_FIELD(events, objectList<EventInfo>))

SCOREBOARD_MESSAGE_CODEC(EventReply, SCOREBOARD_FIELD(event, object<EventInfo>))

SCOREBOARD_MESSAGE_CODEC(UnsubscribeRequest,
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)))

SCOREBOARD_MESSAGE_CODEC(PageRequest,
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)),
    SCOREBOARD_FIELD(offset, integer(0, limits::PageOffsetMax, 0)),
    SCOREBOARD_FIELD(limit, integer(1, limits::PageLimitMax, limits::LeaderboardLimitDefault)))

SCOREBOARD_MESSAGE_CODEC(PageReply,
    SCOREBOARD_FIELD(event, slugKind),
    SCOREBOARD_FIELD(season, integer(1, kMaxScore)),
    SCOREBOARD_FIELD(total, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(entries, objectList<BoardEntry>),
    SCOREBOARD_FIELD(amended, optionalSwitch))

SCOREBOARD_MESSAGE_CODEC(Overtaker,
    SCOREBOARD_FIELD(userId, positiveId),
    SCOREBOARD_FIELD(displayName, text))

SCOREBOARD_MESSAGE_CODEC(RankChanged,
    SCOREBOARD_FIELD(event, slugKind),
    SCOREBOARD_FIELD(rank, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(previousRank, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(overtakenBy, optionalObject<Overtaker>))

SCOREBOARD_MESSAGE_CODEC(EventSpec,
    SCOREBOARD_FIELD(slug, slugKind),
    SCOREBOARD_FIELD(title, boundedText(1, limits::EventTitleMax)),
    SCOREBOARD_FIELD(description, boundedText(0, limits::EventDescriptionMax)),
    SCOREBOARD_FIELD(category, boundedText(0, limits::EventCategoryMax)),
    field(u"startsAt", &Message::startsAtMs, nullableTime),
    field(u"endsAt", &Message::endsAtMs, nullableTime),
    SCOREBOARD_FIELD(boardSize, integer(limits::LeaderboardLimitMin, limits::LeaderboardLimitMax,
        limits::LeaderboardLimitDefault)),
    SCOREBOARD_FIELD(actions, catalogue),
    SCOREBOARD_FIELD(resetEvery, resetEvery),
    check([](FieldReader &reader) {
        const qint64 starts = nullableTime.read(reader, u"startsAt"_s);
        const qint64 ends = nullableTime.read(reader, u"endsAt"_s);
        if (!reader.failed() && starts > 0 && ends > 0 && ends <= starts)
            reader.fail(Error { ErrorCode::ScheduleInvalid, u"endsAt must be after startsAt"_s, 0, {} });
    }))

SCOREBOARD_MESSAGE_CODEC(EventStateRequest,
    SCOREBOARD_FIELD(slug, slugKind),
    SCOREBOARD_FIELD(reason, optionalReason))
// clang-format on

QJsonObject EventUpdateRequest::toJson() const
{
    QJsonObject json = changes;
    json.insert(u"slug"_s, slug);
    return json;
}

Parsed<EventUpdateRequest> EventUpdateRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    EventUpdateRequest request;
    request.slug = slugKind.read(reader, u"slug"_s);
    request.changes = json;
    request.changes.remove(u"slug"_s);
    static const QSet<QString> known { u"title"_s, u"description"_s, u"category"_s, u"startsAt"_s,
        u"endsAt"_s, u"boardSize"_s, u"actions"_s, u"resetEvery"_s };
    for (auto it = request.changes.constBegin(); it != request.changes.constEnd() && !reader.failed();
         ++it) {
        if (!known.contains(it.key()))
            reader.fail(u"%1 cannot be changed (the fields are title, description, category, "
                        "startsAt, endsAt, boardSize, actions, resetEvery)"_s.arg(it.key()));
    }
    return reader.result(std::move(request));
}

} // namespace scoreboard::protocol
