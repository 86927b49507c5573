#include "messagecodec.h"
#include "messages.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

namespace {

struct FlagStatusName
{
    FlagStatus status;
    QLatin1StringView name;
};

constexpr FlagStatusName kFlagStatuses[] = {
    { FlagStatus::Open, QLatin1StringView("open") },
    { FlagStatus::Approved, QLatin1StringView("approved") },
    { FlagStatus::Reversed, QLatin1StringView("reversed") },
};

} // namespace

QString flagStatusName(FlagStatus status)
{
    for (const auto &entry : kFlagStatuses) {
        if (entry.status == status)
            return entry.name.toString();
    }
    return {};
}

std::optional<FlagStatus> flagStatusFromName(QStringView name)
{
    for (const auto &entry : kFlagStatuses) {
        if (name == entry.name)
            return entry.status;
    }
    return std::nullopt;
}

QString wireTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 wireTimeMs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

namespace {

/// A flag's status by name: open, approved or reversed.
struct FlagStatusKind
{
    FlagStatus read(FieldReader &reader, const QString &key) const
    {
        const QString name = reader.string(key).value_or(QString());
        if (reader.failed())
            return FlagStatus::Open;
        if (const auto status = flagStatusFromName(name))
            return *status;
        reader.fail(u"%1 must be open, approved or reversed"_s.arg(key));
        return FlagStatus::Open;
    }
    std::optional<QJsonValue> write(FlagStatus status) const { return flagStatusName(status); }
};
constexpr FlagStatusKind flagStatus;

/// A user as staff see them: the User's fields at the top level. A checker's view has no
/// `email`: it is read as an empty address.
struct StaffUserView
{
    void read(FieldReader &reader, UserDetails &message) const
    {
        QJsonObject json = reader.json();
        const bool hidden = !json.contains(u"email"_s);
        if (hidden) // any valid address, cleared below
            json.insert(u"email"_s, u"hidden@email.invalid"_s);
        Parsed<User> parsed = User::fromJson(json);
        if (auto *error = std::get_if<Error>(&parsed)) {
            reader.fail(std::move(*error));
            return;
        }
        message.user = std::get<User>(std::move(parsed));
        if (hidden)
            message.user.email.clear();
    }
    void write(const UserDetails &message, QJsonObject &json) const
    {
        inlined(&UserDetails::user).write(message, json);
    }
};

/// The statuses a flag subscription asks for: a flag status or "all"; "open" when absent.
struct StatusFilter
{
    QString read(FieldReader &reader, const QString &key) const
    {
        const QString status = reader.string(key, false).value_or(u"open"_s);
        if (!reader.failed() && status != u"all"_s && !flagStatusFromName(status))
            reader.fail(u"%1 must be open, approved, reversed or all"_s.arg(key));
        return status;
    }
};
constexpr StatusFilter statusFilter;

} // namespace

// One field a line, in the order fromJson checks them.
// clang-format off
SCOREBOARD_MESSAGE_CODEC(Flag,
    SCOREBOARD_FIELD(id, positiveId),
    SCOREBOARD_FIELD(incrementId, nullableId),
    SCOREBOARD_FIELD(userId, positiveId),
    SCOREBOARD_FIELD(displayName, text),
    SCOREBOARD_FIELD(rule, nonEmptyText),
    SCOREBOARD_FIELD(evidence, text),
    SCOREBOARD_FIELD(status, flagStatus),
    SCOREBOARD_FIELD(createdAt, text),
    SCOREBOARD_FIELD(figures, anyObject),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)))

SCOREBOARD_MESSAGE_CODEC(FlagsSubscribeRequest,
    SCOREBOARD_FIELD(status, statusFilter))

SCOREBOARD_MESSAGE_CODEC(ManualFlagRequest,
    SCOREBOARD_FIELD(incrementId, positiveId),
    SCOREBOARD_FIELD(reason, reason))

SCOREBOARD_MESSAGE_CODEC(ApproveRequest,
    SCOREBOARD_FIELD(flagId, positiveId),
    SCOREBOARD_FIELD(reason, optionalReason))

SCOREBOARD_MESSAGE_CODEC(ReverseRequest,
    check([](FieldReader &reader) {
        if (reader.contains(u"incrementId"_s) == reader.contains(u"flagId"_s))
            reader.fail(u"give exactly one of incrementId and flagId"_s);
    }),
    SCOREBOARD_FIELD(incrementId, optionalId),
    SCOREBOARD_FIELD(flagId, optionalId),
    SCOREBOARD_FIELD(reason, reason))

SCOREBOARD_MESSAGE_CODEC(UserRequest, SCOREBOARD_FIELD(userId, positiveId))

SCOREBOARD_MESSAGE_CODEC(SuspendRequest,
    SCOREBOARD_FIELD(userId, positiveId),
    SCOREBOARD_FIELD(reason, reason))

SCOREBOARD_MESSAGE_CODEC(AuditRequest,
    SCOREBOARD_FIELD(limit, integer(1, limits::AuditLimitMax, 100)),
    SCOREBOARD_FIELD(before, optionalInteger(1, kMaxScore)))

SCOREBOARD_MESSAGE_CODEC(ReverseReply,
    SCOREBOARD_FIELD(reversalId, positiveId),
    SCOREBOARD_FIELD(userId, positiveId),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)))

SCOREBOARD_MESSAGE_CODEC(UserDetails,
    StaffUserView {},
    SCOREBOARD_FIELD(verified, boolean),
    SCOREBOARD_FIELD(suspended, boolean),
    SCOREBOARD_FIELD(createdAt, text))

SCOREBOARD_MESSAGE_CODEC(LedgerRow,
    SCOREBOARD_FIELD(id, positiveId),
    SCOREBOARD_FIELD(delta, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(at, text),
    SCOREBOARD_FIELD(atMs, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(kind, nonEmptyText),
    SCOREBOARD_FIELD(status, nonEmptyText),
    SCOREBOARD_FIELD(clientAddress, optionalText),
    SCOREBOARD_FIELD(flagged, boolean),
    SCOREBOARD_FIELD(reversesId, optionalInteger(1, kMaxScore)),
    SCOREBOARD_FIELD(reversedById, optionalInteger(1, kMaxScore)),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)),
    SCOREBOARD_FIELD(action, optionalName(limits::ActionKindMax)))

SCOREBOARD_MESSAGE_CODEC(SeasonScore,
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)))

SCOREBOARD_MESSAGE_CODEC(PlayerProfile,
    SCOREBOARD_FIELD(user, object<UserDetails>),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(ledgerScore, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(increments, list<LedgerRow>),
    SCOREBOARD_FIELD(flags, list<Flag>),
    SCOREBOARD_FIELD(scores, optionalList<SeasonScore>))

SCOREBOARD_MESSAGE_CODEC(AuditRow,
    SCOREBOARD_FIELD(id, positiveId),
    SCOREBOARD_FIELD(at, text),
    SCOREBOARD_FIELD(staffId, nullableId),
    SCOREBOARD_FIELD(action, nonEmptyText),
    SCOREBOARD_FIELD(target, text),
    SCOREBOARD_FIELD(reason, text))

SCOREBOARD_MESSAGE_CODEC(AuditReply, SCOREBOARD_FIELD(entries, list<AuditRow>))
// clang-format on

} // namespace scoreboard::protocol
