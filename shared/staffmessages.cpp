#include "fieldreader.h"
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

QJsonObject Flag::toJson() const
{
    return { { u"id"_s, id },
        { u"incrementId"_s,
            incrementId > 0 ? QJsonValue(incrementId) : QJsonValue(QJsonValue::Null) },
        { u"userId"_s, userId }, { u"displayName"_s, displayName }, { u"rule"_s, rule },
        { u"evidence"_s, evidence }, { u"status"_s, flagStatusName(status) },
        { u"createdAt"_s, createdAt }, { u"figures"_s, figures } };
}

Parsed<Flag> Flag::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    Flag flag;
    flag.id = reader.positiveId(u"id"_s);
    if (!json.value(u"incrementId"_s).isNull())
        flag.incrementId = reader.positiveId(u"incrementId"_s);
    flag.userId = reader.positiveId(u"userId"_s);
    flag.displayName = reader.string(u"displayName"_s).value_or(QString());
    flag.rule = reader.nonEmptyString(u"rule"_s);
    flag.evidence = reader.string(u"evidence"_s).value_or(QString());
    const QString status = reader.string(u"status"_s).value_or(QString());
    if (!reader.failed()) {
        if (const auto parsed = flagStatusFromName(status))
            flag.status = *parsed;
        else
            reader.fail(u"status must be open, approved or reversed"_s);
    }
    flag.createdAt = reader.string(u"createdAt"_s).value_or(QString());
    flag.figures = json.value(u"figures"_s).toObject();
    return reader.result(std::move(flag));
}

QJsonObject FlagsSubscribeRequest::toJson() const
{
    return { { u"status"_s, status } };
}

Parsed<FlagsSubscribeRequest> FlagsSubscribeRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    FlagsSubscribeRequest request;
    request.status = reader.string(u"status"_s, false).value_or(u"open"_s);
    if (!reader.failed() && request.status != u"all"_s && !flagStatusFromName(request.status))
        reader.fail(u"status must be open, approved, reversed or all"_s);
    return reader.result(std::move(request));
}

QJsonObject ManualFlagRequest::toJson() const
{
    return { { u"incrementId"_s, incrementId }, { u"reason"_s, reason } };
}

Parsed<ManualFlagRequest> ManualFlagRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ManualFlagRequest request;
    request.incrementId = reader.positiveId(u"incrementId"_s);
    request.reason = scoreboard::protocol::reason(reader, true);
    return reader.result(std::move(request));
}

QJsonObject ApproveRequest::toJson() const
{
    QJsonObject json { { u"flagId"_s, flagId } };
    if (!reason.isEmpty())
        json.insert(u"reason"_s, reason);
    return json;
}

Parsed<ApproveRequest> ApproveRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ApproveRequest request;
    request.flagId = reader.positiveId(u"flagId"_s);
    request.reason = scoreboard::protocol::reason(reader, false);
    return reader.result(std::move(request));
}

QJsonObject ReverseRequest::toJson() const
{
    QJsonObject json { { u"reason"_s, reason } };
    if (incrementId > 0)
        json.insert(u"incrementId"_s, incrementId);
    if (flagId > 0)
        json.insert(u"flagId"_s, flagId);
    return json;
}

Parsed<ReverseRequest> ReverseRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ReverseRequest request;
    const bool byIncrement = json.contains(u"incrementId"_s);
    const bool byFlag = json.contains(u"flagId"_s);
    if (byIncrement == byFlag)
        reader.fail(u"give exactly one of incrementId and flagId"_s);
    if (byIncrement)
        request.incrementId = reader.positiveId(u"incrementId"_s);
    if (byFlag)
        request.flagId = reader.positiveId(u"flagId"_s);
    request.reason = scoreboard::protocol::reason(reader, true);
    return reader.result(std::move(request));
}

QJsonObject UserRequest::toJson() const
{
    return { { u"userId"_s, userId } };
}

Parsed<UserRequest> UserRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    UserRequest request;
    request.userId = reader.positiveId(u"userId"_s);
    return reader.result(std::move(request));
}

QJsonObject SuspendRequest::toJson() const
{
    return { { u"userId"_s, userId }, { u"reason"_s, reason } };
}

Parsed<SuspendRequest> SuspendRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    SuspendRequest request;
    request.userId = reader.positiveId(u"userId"_s);
    request.reason = scoreboard::protocol::reason(reader, true);
    return reader.result(std::move(request));
}

QJsonObject AuditRequest::toJson() const
{
    QJsonObject json { { u"limit"_s, limit } };
    if (before > 0)
        json.insert(u"before"_s, before);
    return json;
}

Parsed<AuditRequest> AuditRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    AuditRequest request;
    request.limit = int(reader.integer(u"limit"_s, 1, limits::AuditLimitMax, 100));
    request.before = reader.integer(u"before"_s, 1, kMaxScore, 0);
    return reader.result(std::move(request));
}

QJsonObject ReverseReply::toJson() const
{
    return { { u"reversalId"_s, reversalId }, { u"userId"_s, userId }, { u"score"_s, score } };
}

Parsed<ReverseReply> ReverseReply::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ReverseReply reply;
    reply.reversalId = reader.positiveId(u"reversalId"_s);
    reply.userId = reader.positiveId(u"userId"_s);
    reply.score = reader.integer(u"score"_s, -kMaxScore, kMaxScore);
    return reader.result(std::move(reply));
}

QJsonObject UserDetails::toJson() const
{
    QJsonObject json = user.toJson();
    json.insert(u"verified"_s, verified);
    json.insert(u"suspended"_s, suspended);
    json.insert(u"createdAt"_s, createdAt);
    return json;
}

Parsed<UserDetails> UserDetails::fromJson(const QJsonObject &json)
{
    if (!json.contains(u"email"_s)) { // a checker's view: read the rest as a user
        QJsonObject withAddress = json;
        withAddress.insert(u"email"_s, u"hidden@email.invalid"_s);
        auto parsed = fromJson(withAddress);
        if (auto *details = std::get_if<UserDetails>(&parsed))
            details->user.email.clear();
        return parsed;
    }
    auto user = User::fromJson(json);
    if (auto *error = std::get_if<Error>(&user))
        return *error;
    FieldReader reader(json);
    UserDetails details;
    details.user = std::get<User>(user);
    details.verified = json.value(u"verified"_s).toBool();
    details.suspended = json.value(u"suspended"_s).toBool();
    details.createdAt = reader.string(u"createdAt"_s).value_or(QString());
    return reader.result(std::move(details));
}

QJsonObject LedgerRow::toJson() const
{
    QJsonObject json { { u"id"_s, id }, { u"delta"_s, delta }, { u"at"_s, at }, { u"atMs"_s, atMs },
        { u"kind"_s, kind }, { u"status"_s, status }, { u"clientAddress"_s, clientAddress },
        { u"flagged"_s, flagged } };
    if (reversesId > 0)
        json.insert(u"reversesId"_s, reversesId);
    if (reversedById > 0)
        json.insert(u"reversedById"_s, reversedById);
    return json;
}

Parsed<LedgerRow> LedgerRow::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    LedgerRow row;
    row.id = reader.positiveId(u"id"_s);
    row.delta = reader.integer(u"delta"_s, -kMaxScore, kMaxScore);
    row.at = reader.string(u"at"_s).value_or(QString());
    row.atMs = reader.integer(u"atMs"_s, 0, kMaxScore);
    row.kind = reader.nonEmptyString(u"kind"_s);
    row.status = reader.nonEmptyString(u"status"_s);
    row.clientAddress = reader.string(u"clientAddress"_s, false).value_or(QString());
    row.flagged = json.value(u"flagged"_s).toBool();
    row.reversesId = reader.integer(u"reversesId"_s, 1, kMaxScore, 0);
    row.reversedById = reader.integer(u"reversedById"_s, 1, kMaxScore, 0);
    return reader.result(std::move(row));
}

QJsonObject PlayerProfile::toJson() const
{
    return { { u"user"_s, user.toJson() }, { u"score"_s, score }, { u"ledgerScore"_s, ledgerScore },
        { u"increments"_s, toArray(increments) }, { u"flags"_s, toArray(flags) } };
}

Parsed<PlayerProfile> PlayerProfile::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    PlayerProfile profile;
    auto user = UserDetails::fromJson(reader.object(u"user"_s));
    if (auto *error = std::get_if<Error>(&user)) {
        if (!reader.failed())
            reader.fail(Error { error->code, u"user: "_s + error->message, 0, {} });
    } else {
        profile.user = std::get<UserDetails>(user);
    }
    profile.score = reader.integer(u"score"_s, -kMaxScore, kMaxScore);
    profile.ledgerScore = reader.integer(u"ledgerScore"_s, -kMaxScore, kMaxScore);
    profile.increments = parseList<LedgerRow>(reader, u"increments"_s);
    profile.flags = parseList<Flag>(reader, u"flags"_s);
    return reader.result(std::move(profile));
}

QJsonObject AuditRow::toJson() const
{
    return { { u"id"_s, id }, { u"at"_s, at }, { u"staffId"_s, staffId }, { u"action"_s, action },
        { u"target"_s, target }, { u"reason"_s, reason } };
}

Parsed<AuditRow> AuditRow::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    AuditRow row;
    row.id = reader.positiveId(u"id"_s);
    row.at = reader.string(u"at"_s).value_or(QString());
    row.staffId = reader.positiveId(u"staffId"_s);
    row.action = reader.nonEmptyString(u"action"_s);
    row.target = reader.string(u"target"_s).value_or(QString());
    row.reason = reader.string(u"reason"_s).value_or(QString());
    return reader.result(std::move(row));
}

QJsonObject AuditReply::toJson() const
{
    return { { u"entries"_s, toArray(entries) } };
}

Parsed<AuditReply> AuditReply::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    AuditReply reply;
    reply.entries = parseList<AuditRow>(reader, u"entries"_s);
    return reader.result(std::move(reply));
}

} // namespace scoreboard::protocol
