#include "fieldreader.h"
#include "messages.h"

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

QJsonObject User::toJson() const
{
    return QJsonObject {
        { u"id"_s, id },
        { u"email"_s, email },
        { u"displayName"_s, displayName },
        { u"role"_s, roleName(role) },
    };
}

Parsed<User> User::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    User user;
    user.id = reader.positiveId(u"id"_s);
    user.email = reader.email();
    user.displayName = reader.displayName();
    user.role = reader.role();
    return reader.result(std::move(user));
}

QJsonObject SignupRequest::toJson() const
{
    return QJsonObject {
        { u"email"_s, email },
        { u"password"_s, password },
        { u"displayName"_s, displayName },
    };
}

Parsed<SignupRequest> SignupRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    SignupRequest request;
    request.email = reader.email();
    request.password = reader.password();
    request.displayName = reader.displayName();
    return reader.result(std::move(request));
}

QJsonObject VerifyRequest::toJson() const
{
    return QJsonObject {
        { u"email"_s, email },
        { u"code"_s, code },
    };
}

Parsed<VerifyRequest> VerifyRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    VerifyRequest request;
    request.email = reader.email();
    request.code = reader.code();
    return reader.result(std::move(request));
}

QJsonObject ResendRequest::toJson() const
{
    return QJsonObject { { u"email"_s, email } };
}

Parsed<ResendRequest> ResendRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ResendRequest request;
    request.email = reader.email();
    return reader.result(std::move(request));
}

QJsonObject LoginRequest::toJson() const
{
    QJsonObject json {
        { u"email"_s, email },
        { u"password"_s, password },
        { u"deviceId"_s, deviceId },
    };
    if (!deviceName.isEmpty())
        json.insert(u"deviceName"_s, deviceName);
    if (staffOnly)
        json.insert(u"staffOnly"_s, true);
    return json;
}

Parsed<LoginRequest> LoginRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    LoginRequest request;
    request.email = reader.email();
    request.password = reader.password();
    request.deviceId = reader.asciiToken(u"deviceId"_s, limits::DeviceIdMax);
    request.deviceName = reader.deviceName();
    if (const QJsonValue staffOnly = json.value(u"staffOnly"_s); !staffOnly.isUndefined()) {
        if (staffOnly.isBool())
            request.staffOnly = staffOnly.toBool();
        else
            reader.fail(u"staffOnly must be true or false"_s);
    }
    return reader.result(std::move(request));
}

QJsonObject LoginReply::toJson() const
{
    return QJsonObject {
        { u"token"_s, token },
        { u"user"_s, user.toJson() },
    };
}

Parsed<LoginReply> LoginReply::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    LoginReply reply;
    reply.token = reader.asciiToken(u"token"_s, limits::TokenMax);
    const QJsonObject userJson = reader.object(u"user"_s);
    if (!reader.failed()) {
        Parsed<User> user = User::fromJson(userJson);
        if (auto *error = std::get_if<Error>(&user)) {
            error->message = u"user: %1"_s.arg(error->message);
            reader.fail(std::move(*error));
        } else {
            reply.user = std::get<User>(std::move(user));
        }
    }
    return reader.result(std::move(reply));
}

QJsonObject ResumeRequest::toJson() const
{
    return QJsonObject {
        { u"token"_s, token },
        { u"deviceId"_s, deviceId },
    };
}

Parsed<ResumeRequest> ResumeRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ResumeRequest request;
    request.token = reader.asciiToken(u"token"_s, limits::TokenMax);
    request.deviceId = reader.asciiToken(u"deviceId"_s, limits::DeviceIdMax);
    return reader.result(std::move(request));
}

QJsonObject SessionRevoked::toJson() const
{
    return QJsonObject { { u"reason"_s, reason } };
}

Parsed<SessionRevoked> SessionRevoked::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    SessionRevoked event;
    event.reason = reader.nonEmptyString(u"reason"_s);
    return reader.result(std::move(event));
}

} // namespace scoreboard::protocol
