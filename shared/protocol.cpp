#include "protocol.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cstddef>

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

namespace {

template<typename E> struct NameEntry
{
    E value;
    QStringView name;
};

// Tables are indexed by the enum value, so each must list every enumerator in declaration order.
template<typename E, std::size_t N>
constexpr bool inDeclarationOrder(const NameEntry<E> (&table)[N])
{
    for (std::size_t i = 0; i < N; ++i) {
        if (static_cast<std::size_t>(table[i].value) != i)
            return false;
    }
    return true;
}

template<typename E, std::size_t N> QString nameOf(const NameEntry<E> (&table)[N], E value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? table[index].name.toString() : QString();
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const NameEntry<E> (&table)[N], QStringView name)
{
    for (const auto &entry : table) {
        if (entry.name == name)
            return entry.value;
    }
    return std::nullopt;
}

template<typename E, std::size_t N> QList<E> allOf(const NameEntry<E> (&table)[N])
{
    QList<E> values;
    values.reserve(qsizetype(N));
    for (const auto &entry : table)
        values.append(entry.value);
    return values;
}

constexpr NameEntry<MessageType> kMessageTypes[] = {
    { MessageType::AuthSignup, u"auth.signup" },
    { MessageType::AuthVerify, u"auth.verify" },
    { MessageType::AuthResend, u"auth.resend" },
    { MessageType::AuthLogin, u"auth.login" },
    { MessageType::AuthResume, u"auth.resume" },
    { MessageType::AuthLogout, u"auth.logout" },
    { MessageType::ScoreChallenge, u"score.challenge" },
    { MessageType::ScoreAction, u"score.action" },
    { MessageType::LeaderboardSubscribe, u"leaderboard.subscribe" },
    { MessageType::LeaderboardMe, u"leaderboard.me" },
    { MessageType::AdminFlagsSubscribe, u"admin.flags.subscribe" },
    { MessageType::AdminFlag, u"admin.flag" },
    { MessageType::AdminApprove, u"admin.approve" },
    { MessageType::AdminReverse, u"admin.reverse" },
    { MessageType::AdminUser, u"admin.user" },
    { MessageType::AdminSuspend, u"admin.suspend" },
    { MessageType::AdminUnsuspend, u"admin.unsuspend" },
    { MessageType::AdminAudit, u"admin.audit" },
    { MessageType::EventsSubscribe, u"events.subscribe" },
    { MessageType::LeaderboardUnsubscribe, u"leaderboard.unsubscribe" },
    { MessageType::LeaderboardPage, u"leaderboard.page" },
    { MessageType::AdminEventCreate, u"admin.event.create" },
    { MessageType::AdminEventUpdate, u"admin.event.update" },
    { MessageType::AdminEventOpen, u"admin.event.open" },
    { MessageType::AdminEventClose, u"admin.event.close" },
};
static_assert(inDeclarationOrder(kMessageTypes));

constexpr NameEntry<ErrorCode> kErrorCodes[] = {
    { ErrorCode::BadRequest, u"bad_request" },
    { ErrorCode::WeakPassword, u"weak_password" },
    { ErrorCode::RateLimited, u"rate_limited" },
    { ErrorCode::OtpInvalid, u"otp_invalid" },
    { ErrorCode::OtpExpired, u"otp_expired" },
    { ErrorCode::TooManyAttempts, u"too_many_attempts" },
    { ErrorCode::BadCredentials, u"bad_credentials" },
    { ErrorCode::NotVerified, u"not_verified" },
    { ErrorCode::Suspended, u"suspended" },
    { ErrorCode::SessionInvalid, u"session_invalid" },
    { ErrorCode::NotAuthenticated, u"not_authenticated" },
    { ErrorCode::ChallengeUnknown, u"challenge_unknown" },
    { ErrorCode::ChallengeUsed, u"challenge_used" },
    { ErrorCode::TooFast, u"too_fast" },
    { ErrorCode::ChallengeExpired, u"challenge_expired" },
    { ErrorCode::Forbidden, u"forbidden" },
    { ErrorCode::NotFound, u"not_found" },
    { ErrorCode::Conflict, u"conflict" },
    { ErrorCode::Internal, u"internal" },
    { ErrorCode::Unsupported, u"unsupported" },
    { ErrorCode::EventUnknown, u"event_unknown" },
    { ErrorCode::EventNotLive, u"event_not_live" },
    { ErrorCode::ActionUnknown, u"action_unknown" },
    { ErrorCode::SeasonUnknown, u"season_unknown" },
    { ErrorCode::SlugInvalid, u"slug_invalid" },
    { ErrorCode::ScheduleInvalid, u"schedule_invalid" },
    { ErrorCode::ResetInvalid, u"reset_invalid" },
};
static_assert(inDeclarationOrder(kErrorCodes));

constexpr NameEntry<EventType> kEventTypes[] = {
    { EventType::Leaderboard, u"leaderboard" },
    { EventType::SessionRevoked, u"session.revoked" },
    { EventType::FlagNew, u"flag.new" },
    { EventType::FlagUpdated, u"flag.updated" },
    { EventType::EventChanged, u"event.changed" },
    { EventType::RankChanged, u"rank.changed" },
};
static_assert(inDeclarationOrder(kEventTypes));

// Ids must survive a round trip through a JavaScript number, hence 2^53 - 1.
constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

std::optional<qint64> positiveId(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 id = value.toInteger(0);
    if (id < 1 || id > kMaxId)
        return std::nullopt;
    return id;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void setWhy(QString *why, const QString &reason)
{
    if (why)
        *why = reason;
}

DecodeError badRequest(std::optional<qint64> id, const QString &message)
{
    return DecodeError { id, Error { ErrorCode::BadRequest, message, 0, {} } };
}

std::optional<QJsonObject> parseObject(QByteArrayView frame, QString *why)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setWhy(why, u"frame is not valid JSON: %1"_s.arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        setWhy(why, u"frame must be a JSON object"_s);
        return std::nullopt;
    }
    return document.object();
}

} // namespace

QString typeName(MessageType type)
{
    return nameOf(kMessageTypes, type);
}

std::optional<MessageType> typeFromName(QStringView name)
{
    return valueOf(kMessageTypes, name);
}

QList<MessageType> allMessageTypes()
{
    return allOf(kMessageTypes);
}

QString errorCodeName(ErrorCode code)
{
    return nameOf(kErrorCodes, code);
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    return valueOf(kErrorCodes, name);
}

QList<ErrorCode> allErrorCodes()
{
    return allOf(kErrorCodes);
}

QString eventName(EventType type)
{
    return nameOf(kEventTypes, type);
}

std::optional<EventType> eventFromName(QStringView name)
{
    return valueOf(kEventTypes, name);
}

QJsonObject Error::toJson() const
{
    // Details go in first so they can never shadow the fixed fields.
    QJsonObject json = details;
    json.insert(u"code"_s, errorCodeName(code));
    json.insert(u"message"_s, message);
    json.insert(u"retryAfterMs"_s, retryAfterMs);
    return json;
}

std::optional<Error> Error::fromJson(const QJsonObject &json, QString *why)
{
    const QJsonValue codeValue = json.value(u"code"_s);
    if (!codeValue.isString()) {
        setWhy(why, u"error code must be a string"_s);
        return std::nullopt;
    }
    const std::optional<ErrorCode> code = errorCodeFromName(codeValue.toString());
    if (!code) {
        setWhy(why, u"unknown error code '%1'"_s.arg(codeValue.toString()));
        return std::nullopt;
    }
    const QJsonValue messageValue = json.value(u"message"_s);
    if (!messageValue.isString()) {
        setWhy(why, u"error message must be a string"_s);
        return std::nullopt;
    }

    Error error;
    error.code = *code;
    error.message = messageValue.toString();
    if (json.contains(u"retryAfterMs"_s)) {
        const QJsonValue retryValue = json.value(u"retryAfterMs"_s);
        const qint64 retryAfterMs = retryValue.toInteger(-1);
        if (!retryValue.isDouble() || retryAfterMs < 0) {
            setWhy(why, u"error retryAfterMs must be a non-negative integer"_s);
            return std::nullopt;
        }
        error.retryAfterMs = retryAfterMs;
    }
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString key = it.key();
        if (key != u"code" && key != u"message" && key != u"retryAfterMs")
            error.details.insert(key, it.value());
    }
    return error;
}

QByteArray Request::encode() const
{
    return compact(QJsonObject {
        { u"id"_s, id },
        { u"type"_s, typeName(type) },
        { u"data"_s, data },
    });
}

std::variant<Request, DecodeError> decodeRequest(QByteArrayView frame)
{
    // The socket layer enforces the limit too; this keeps the parser safe on its own.
    if (frame.size() > kMaxMessageBytes)
        return badRequest(std::nullopt, u"frame exceeds %1 bytes"_s.arg(kMaxMessageBytes));

    QString why;
    const std::optional<QJsonObject> json = parseObject(frame, &why);
    if (!json)
        return badRequest(std::nullopt, why);

    if (!json->contains(u"id"_s))
        return badRequest(std::nullopt, u"id is missing"_s);
    const std::optional<qint64> id = positiveId(json->value(u"id"_s));
    if (!id)
        return badRequest(std::nullopt, u"id must be a positive integer below 2^53"_s);

    const QJsonValue typeValue = json->value(u"type"_s);
    if (typeValue.isUndefined())
        return badRequest(id, u"type is missing"_s);
    if (!typeValue.isString())
        return badRequest(id, u"type must be a string"_s);
    const std::optional<MessageType> type = typeFromName(typeValue.toString());
    if (!type) {
        return DecodeError { id,
            Error { ErrorCode::Unsupported,
                u"unknown message type '%1'"_s.arg(typeValue.toString()), 0, {} } };
    }

    const QJsonValue dataValue = json->value(u"data"_s);
    if (!dataValue.isUndefined() && !dataValue.isObject())
        return badRequest(id, u"data must be an object"_s);

    return Request { *id, *type, dataValue.toObject() };
}

Reply Reply::success(qint64 re, QJsonObject data)
{
    Reply reply;
    reply.re = re;
    reply.ok = true;
    reply.data = std::move(data);
    return reply;
}

Reply Reply::failure(std::optional<qint64> re, Error error)
{
    Reply reply;
    reply.re = re;
    reply.ok = false;
    reply.error = std::move(error);
    return reply;
}

QByteArray Reply::encode() const
{
    QJsonObject json {
        { u"re"_s, re ? QJsonValue(*re) : QJsonValue(QJsonValue::Null) },
        { u"ok"_s, ok },
    };
    if (ok)
        json.insert(u"data"_s, data);
    else
        json.insert(u"error"_s, error.toJson());
    return compact(json);
}

QByteArray Event::encode() const
{
    return compact(QJsonObject {
        { u"event"_s, eventName(type) },
        { u"data"_s, data },
    });
}

std::optional<ServerMessage> decodeServerMessage(QByteArrayView frame, QString *why)
{
    const std::optional<QJsonObject> json = parseObject(frame, why);
    if (!json)
        return std::nullopt;

    if (json->contains(u"event"_s)) {
        const QJsonValue eventValue = json->value(u"event"_s);
        if (!eventValue.isString()) {
            setWhy(why, u"event must be a string"_s);
            return std::nullopt;
        }
        const std::optional<EventType> type = eventFromName(eventValue.toString());
        if (!type) {
            setWhy(why, u"unknown event '%1'"_s.arg(eventValue.toString()));
            return std::nullopt;
        }
        const QJsonValue dataValue = json->value(u"data"_s);
        if (!dataValue.isUndefined() && !dataValue.isObject()) {
            setWhy(why, u"event data must be an object"_s);
            return std::nullopt;
        }
        return Event { *type, dataValue.toObject() };
    }

    if (!json->contains(u"re"_s)) {
        setWhy(why, u"message has neither event nor re"_s);
        return std::nullopt;
    }
    const QJsonValue reValue = json->value(u"re"_s);
    std::optional<qint64> re;
    if (!reValue.isNull()) {
        re = positiveId(reValue);
        if (!re) {
            setWhy(why, u"re must be a positive integer or null"_s);
            return std::nullopt;
        }
    }
    const QJsonValue okValue = json->value(u"ok"_s);
    if (!okValue.isBool()) {
        setWhy(why, u"ok must be a boolean"_s);
        return std::nullopt;
    }

    if (okValue.toBool()) {
        const QJsonValue dataValue = json->value(u"data"_s);
        if (!dataValue.isUndefined() && !dataValue.isObject()) {
            setWhy(why, u"reply data must be an object"_s);
            return std::nullopt;
        }
        Reply reply;
        reply.re = re;
        reply.data = dataValue.toObject();
        return reply;
    }

    const QJsonValue errorValue = json->value(u"error"_s);
    if (!errorValue.isObject()) {
        setWhy(why, u"failed reply must carry an error object"_s);
        return std::nullopt;
    }
    std::optional<Error> error = Error::fromJson(errorValue.toObject(), why);
    if (!error)
        return std::nullopt;
    return Reply::failure(re, std::move(*error));
}

} // namespace scoreboard::protocol
