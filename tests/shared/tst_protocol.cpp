// Envelopes, message and error names of the protocol library. Over 600 lines because the _data()
// tables list every name and malformed envelope; new message families get their own program.
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace scoreboard::protocol;

namespace scoreboard::protocol {

static QByteArray compactJson(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

char *toString(MessageType type)
{
    return qstrdup(("MessageType(" + typeName(type).toUtf8() + ')').constData());
}

char *toString(ErrorCode code)
{
    return qstrdup(("ErrorCode(" + errorCodeName(code).toUtf8() + ')').constData());
}

char *toString(EventType type)
{
    return qstrdup(("EventType(" + eventName(type).toUtf8() + ')').constData());
}

char *toString(const Error &error)
{
    return qstrdup(("Error" + compactJson(error.toJson())).constData());
}

char *toString(const Request &request)
{
    return qstrdup(("Request" + request.encode()).constData());
}

char *toString(const Reply &reply)
{
    // Print every field, not just the encoded form, because == compares them all.
    const QByteArray re = reply.re ? QByteArray::number(*reply.re) : QByteArray("null");
    return qstrdup(("Reply{re=" + re + ", ok=" + (reply.ok ? "true" : "false") + ", data="
        + compactJson(reply.data) + ", error=" + compactJson(reply.error.toJson()) + '}')
                       .constData());
}

char *toString(const Event &event)
{
    return qstrdup(("Event" + event.encode()).constData());
}

} // namespace scoreboard::protocol

Q_DECLARE_METATYPE(scoreboard::protocol::MessageType)
Q_DECLARE_METATYPE(scoreboard::protocol::ErrorCode)
Q_DECLARE_METATYPE(scoreboard::protocol::EventType)
Q_DECLARE_METATYPE(scoreboard::protocol::Error)
Q_DECLARE_METATYPE(scoreboard::protocol::Request)
Q_DECLARE_METATYPE(scoreboard::protocol::Reply)
Q_DECLARE_METATYPE(scoreboard::protocol::Event)

namespace {

constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object();
}

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

const QByteArray kPadHead = R"({"id":1,"type":"auth.login","data":{"pad":")";
const QByteArray kPadTail = R"("}})";

qsizetype paddingFor(qsizetype frameSize)
{
    return frameSize - kPadHead.size() - kPadTail.size();
}

/// A valid auth.login request of exactly @p size bytes.
QByteArray paddedRequest(qsizetype size)
{
    return kPadHead + QByteArray(paddingFor(size), 'a') + kPadTail;
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void messageTypeNames_data();
    void messageTypeNames();
    void allMessageTypesInOrder();
    void errorCodeNames_data();
    void errorCodeNames();
    void allErrorCodesInOrder();
    void eventNames_data();
    void eventNames();
    void unknownNamesRejected_data();
    void unknownNamesRejected();

    void errorToJson_data();
    void errorToJson();
    void errorFromJsonRejects_data();
    void errorFromJsonRejects();

    void requestRoundTrip_data();
    void requestRoundTrip();
    void requestEncodeShape();
    void decodeRequestAccepts_data();
    void decodeRequestAccepts();
    void decodeRequestRejects_data();
    void decodeRequestRejects();

    void replyRoundTrip_data();
    void replyRoundTrip();
    void replyEncodeShape_data();
    void replyEncodeShape();
    void eventRoundTrip_data();
    void eventRoundTrip();
    void eventEncodeShape();
    void decodeServerMessageRejects_data();
    void decodeServerMessageRejects();
};

void TestProtocol::messageTypeNames_data()
{
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<QString>("name");

    QTest::addRow("AuthSignup") << MessageType::AuthSignup << u"auth.signup"_s;
    QTest::addRow("AuthVerify") << MessageType::AuthVerify << u"auth.verify"_s;
    QTest::addRow("AuthResend") << MessageType::AuthResend << u"auth.resend"_s;
    QTest::addRow("AuthLogin") << MessageType::AuthLogin << u"auth.login"_s;
    QTest::addRow("AuthResume") << MessageType::AuthResume << u"auth.resume"_s;
    QTest::addRow("AuthLogout") << MessageType::AuthLogout << u"auth.logout"_s;
    QTest::addRow("ScoreChallenge") << MessageType::ScoreChallenge << u"score.challenge"_s;
    QTest::addRow("ScoreAction") << MessageType::ScoreAction << u"score.action"_s;
    QTest::addRow("LeaderboardSubscribe")
        << MessageType::LeaderboardSubscribe << u"leaderboard.subscribe"_s;
    QTest::addRow("LeaderboardMe") << MessageType::LeaderboardMe << u"leaderboard.me"_s;
    QTest::addRow("AdminFlagsSubscribe")
        << MessageType::AdminFlagsSubscribe << u"admin.flags.subscribe"_s;
    QTest::addRow("AdminFlag") << MessageType::AdminFlag << u"admin.flag"_s;
    QTest::addRow("AdminApprove") << MessageType::AdminApprove << u"admin.approve"_s;
    QTest::addRow("AdminReverse") << MessageType::AdminReverse << u"admin.reverse"_s;
    QTest::addRow("AdminUser") << MessageType::AdminUser << u"admin.user"_s;
    QTest::addRow("AdminSuspend") << MessageType::AdminSuspend << u"admin.suspend"_s;
    QTest::addRow("AdminUnsuspend") << MessageType::AdminUnsuspend << u"admin.unsuspend"_s;
    QTest::addRow("AdminAudit") << MessageType::AdminAudit << u"admin.audit"_s;
    QTest::addRow("EventsSubscribe") << MessageType::EventsSubscribe << u"events.subscribe"_s;
    QTest::addRow("LeaderboardUnsubscribe")
        << MessageType::LeaderboardUnsubscribe << u"leaderboard.unsubscribe"_s;
    QTest::addRow("LeaderboardPage") << MessageType::LeaderboardPage << u"leaderboard.page"_s;
    QTest::addRow("AdminEventCreate") << MessageType::AdminEventCreate << u"admin.event.create"_s;
    QTest::addRow("AdminEventUpdate") << MessageType::AdminEventUpdate << u"admin.event.update"_s;
    QTest::addRow("AdminEventOpen") << MessageType::AdminEventOpen << u"admin.event.open"_s;
    QTest::addRow("AdminEventClose") << MessageType::AdminEventClose << u"admin.event.close"_s;
}

void TestProtocol::messageTypeNames()
{
    QFETCH(MessageType, type);
    QFETCH(QString, name);

    QCOMPARE(typeName(type), name);
    QCOMPARE(typeFromName(name).value_or(MessageType(-1)), type);
}

void TestProtocol::allMessageTypesInOrder()
{
    const QList<MessageType> all = allMessageTypes();
    QCOMPARE(all.size(), 25);
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(int(all[i]), int(i));
}

void TestProtocol::errorCodeNames_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");

    QTest::addRow("BadRequest") << ErrorCode::BadRequest << u"bad_request"_s;
    QTest::addRow("WeakPassword") << ErrorCode::WeakPassword << u"weak_password"_s;
    QTest::addRow("RateLimited") << ErrorCode::RateLimited << u"rate_limited"_s;
    QTest::addRow("OtpInvalid") << ErrorCode::OtpInvalid << u"otp_invalid"_s;
    QTest::addRow("OtpExpired") << ErrorCode::OtpExpired << u"otp_expired"_s;
    QTest::addRow("TooManyAttempts") << ErrorCode::TooManyAttempts << u"too_many_attempts"_s;
    QTest::addRow("BadCredentials") << ErrorCode::BadCredentials << u"bad_credentials"_s;
    QTest::addRow("NotVerified") << ErrorCode::NotVerified << u"not_verified"_s;
    QTest::addRow("Suspended") << ErrorCode::Suspended << u"suspended"_s;
    QTest::addRow("SessionInvalid") << ErrorCode::SessionInvalid << u"session_invalid"_s;
    QTest::addRow("NotAuthenticated") << ErrorCode::NotAuthenticated << u"not_authenticated"_s;
    QTest::addRow("ChallengeUnknown") << ErrorCode::ChallengeUnknown << u"challenge_unknown"_s;
    QTest::addRow("ChallengeUsed") << ErrorCode::ChallengeUsed << u"challenge_used"_s;
    QTest::addRow("TooFast") << ErrorCode::TooFast << u"too_fast"_s;
    QTest::addRow("ChallengeExpired") << ErrorCode::ChallengeExpired << u"challenge_expired"_s;
    QTest::addRow("Forbidden") << ErrorCode::Forbidden << u"forbidden"_s;
    QTest::addRow("NotFound") << ErrorCode::NotFound << u"not_found"_s;
    QTest::addRow("Conflict") << ErrorCode::Conflict << u"conflict"_s;
    QTest::addRow("Internal") << ErrorCode::Internal << u"internal"_s;
    QTest::addRow("Unsupported") << ErrorCode::Unsupported << u"unsupported"_s;
    QTest::addRow("EventUnknown") << ErrorCode::EventUnknown << u"event_unknown"_s;
    QTest::addRow("EventNotLive") << ErrorCode::EventNotLive << u"event_not_live"_s;
    QTest::addRow("ActionUnknown") << ErrorCode::ActionUnknown << u"action_unknown"_s;
    QTest::addRow("SeasonUnknown") << ErrorCode::SeasonUnknown << u"season_unknown"_s;
    QTest::addRow("SlugInvalid") << ErrorCode::SlugInvalid << u"slug_invalid"_s;
    QTest::addRow("ScheduleInvalid") << ErrorCode::ScheduleInvalid << u"schedule_invalid"_s;
    QTest::addRow("ResetInvalid") << ErrorCode::ResetInvalid << u"reset_invalid"_s;
}

void TestProtocol::errorCodeNames()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);

    QCOMPARE(errorCodeName(code), name);
    QCOMPARE(errorCodeFromName(name).value_or(ErrorCode(-1)), code);
}

void TestProtocol::allErrorCodesInOrder()
{
    const QList<ErrorCode> all = allErrorCodes();
    QCOMPARE(all.size(), 27);
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(int(all[i]), int(i));
}

void TestProtocol::eventNames_data()
{
    QTest::addColumn<EventType>("type");
    QTest::addColumn<QString>("name");

    QTest::addRow("Leaderboard") << EventType::Leaderboard << u"leaderboard"_s;
    QTest::addRow("SessionRevoked") << EventType::SessionRevoked << u"session.revoked"_s;
    QTest::addRow("FlagNew") << EventType::FlagNew << u"flag.new"_s;
    QTest::addRow("FlagUpdated") << EventType::FlagUpdated << u"flag.updated"_s;
    QTest::addRow("EventChanged") << EventType::EventChanged << u"event.changed"_s;
    QTest::addRow("RankChanged") << EventType::RankChanged << u"rank.changed"_s;
}

void TestProtocol::eventNames()
{
    QFETCH(EventType, type);
    QFETCH(QString, name);

    QCOMPARE(eventName(type), name);
    QCOMPARE(eventFromName(name).value_or(EventType(-1)), type);
}

void TestProtocol::unknownNamesRejected_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("name");

    QTest::addRow("type: empty") << u"type"_s << QString();
    QTest::addRow("type: prefix only") << u"type"_s << u"auth"_s;
    QTest::addRow("type: upper case") << u"type"_s << u"AUTH.LOGIN"_s;
    QTest::addRow("type: trailing space") << u"type"_s << u"auth.login "_s;
    QTest::addRow("type: underscore") << u"type"_s << u"auth_login"_s;
    QTest::addRow("type: event name") << u"type"_s << u"leaderboard"_s;
    QTest::addRow("type: error name") << u"type"_s << u"bad_request"_s;
    QTest::addRow("code: empty") << u"code"_s << QString();
    QTest::addRow("code: enum spelling") << u"code"_s << u"BadRequest"_s;
    QTest::addRow("code: hyphen") << u"code"_s << u"bad-request"_s;
    QTest::addRow("code: upper case") << u"code"_s << u"BAD_REQUEST"_s;
    QTest::addRow("code: type name") << u"code"_s << u"auth.login"_s;
    QTest::addRow("event: empty") << u"event"_s << QString();
    QTest::addRow("event: type name") << u"event"_s << u"leaderboard.subscribe"_s;
    QTest::addRow("event: underscore") << u"event"_s << u"session_revoked"_s;
    QTest::addRow("event: upper case") << u"event"_s << u"Leaderboard"_s;
}

void TestProtocol::unknownNamesRejected()
{
    QFETCH(QString, table);
    QFETCH(QString, name);

    if (table == u"type")
        QVERIFY(!typeFromName(name));
    else if (table == u"code")
        QVERIFY(!errorCodeFromName(name));
    else if (table == u"event")
        QVERIFY(!eventFromName(name));
    else
        QFAIL("unknown table in test data");
}

void TestProtocol::errorToJson_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<QJsonObject>("expected");

    QTest::addRow("defaults") << Error {}
                              << QJsonObject { { u"code"_s, u"bad_request"_s },
                                     { u"message"_s, QString() }, { u"retryAfterMs"_s, 0 } };
    QTest::addRow("retry after") << Error { ErrorCode::RateLimited, u"slow down"_s, 1500, {} }
                                 << QJsonObject { { u"code"_s, u"rate_limited"_s },
                                        { u"message"_s, u"slow down"_s },
                                        { u"retryAfterMs"_s, 1500 } };
    QTest::addRow("details merged")
        << Error { ErrorCode::OtpInvalid, u"wrong code"_s, 0, { { u"attemptsLeft"_s, 3 } } }
        << QJsonObject { { u"code"_s, u"otp_invalid"_s }, { u"message"_s, u"wrong code"_s },
               { u"retryAfterMs"_s, 0 }, { u"attemptsLeft"_s, 3 } };
    QTest::addRow("details cannot shadow fixed fields")
        << Error { ErrorCode::Forbidden, u"no"_s, 0, { { u"code"_s, u"internal"_s } } }
        << QJsonObject { { u"code"_s, u"forbidden"_s }, { u"message"_s, u"no"_s },
               { u"retryAfterMs"_s, 0 } };
}

void TestProtocol::errorToJson()
{
    QFETCH(Error, error);
    QFETCH(QJsonObject, expected);

    QCOMPARE(error.toJson(), expected);
    // Shadowing details are dropped on the way back, so only compare what survived.
    QJsonObject survivingDetails = error.details;
    for (const auto &key : { u"code"_s, u"message"_s, u"retryAfterMs"_s })
        survivingDetails.remove(key);
    Error expectedBack = error;
    expectedBack.details = survivingDetails;

    QString why;
    const std::optional<Error> back = Error::fromJson(error.toJson(), &why);
    QVERIFY2(back, qPrintable(why));
    QCOMPARE(*back, expectedBack);
}

void TestProtocol::errorFromJsonRejects_data()
{
    QTest::addColumn<QJsonObject>("json");

    const QJsonObject valid { { u"code"_s, u"not_found"_s }, { u"message"_s, u"gone"_s } };
    auto with = [&](const QString &key, const QJsonValue &value) {
        QJsonObject json = valid;
        if (value.isUndefined())
            json.remove(key);
        else
            json.insert(key, value);
        return json;
    };

    QTest::addRow("empty object") << QJsonObject {};
    QTest::addRow("code missing") << with(u"code"_s, QJsonValue::Undefined);
    QTest::addRow("code unknown") << with(u"code"_s, u"teapot"_s);
    QTest::addRow("code number") << with(u"code"_s, 16);
    QTest::addRow("code null") << with(u"code"_s, QJsonValue::Null);
    QTest::addRow("message missing") << with(u"message"_s, QJsonValue::Undefined);
    QTest::addRow("message number") << with(u"message"_s, 1);
    QTest::addRow("retryAfterMs string") << with(u"retryAfterMs"_s, u"100"_s);
    QTest::addRow("retryAfterMs negative") << with(u"retryAfterMs"_s, -1);
    QTest::addRow("retryAfterMs fraction") << with(u"retryAfterMs"_s, 1.5);
}

void TestProtocol::errorFromJsonRejects()
{
    QFETCH(QJsonObject, json);

    QString why;
    const std::optional<Error> error = Error::fromJson(json, &why);
    QVERIFY2(!error, qPrintable(u"accepted: "_s + QString::fromUtf8(::json(json))));
    QVERIFY(!why.isEmpty());
}

void TestProtocol::requestRoundTrip_data()
{
    QTest::addColumn<Request>("request");

    for (const MessageType type : allMessageTypes()) {
        QTest::addRow("%s", qPrintable(typeName(type)))
            << Request { 7, type, { { u"field"_s, typeName(type) } } };
    }
    QTest::addRow("empty data") << Request { 1, MessageType::AuthLogout, {} };
    QTest::addRow("largest id") << Request { kMaxId, MessageType::ScoreChallenge, {} };
    QTest::addRow("nested data") << Request { 42, MessageType::AdminAudit,
        { { u"limit"_s, 10 },
            { u"filter"_s, QJsonObject { { u"tags"_s, QJsonArray { 1, u"x"_s, true } } } } } };
    QTest::addRow("unicode data") << Request { 3, MessageType::AuthSignup,
        { { u"displayName"_s, u"Zoë 🦊"_s } } };
}

void TestProtocol::requestRoundTrip()
{
    QFETCH(Request, request);

    const auto decoded = decodeRequest(request.encode());
    if (const auto *error = std::get_if<DecodeError>(&decoded))
        QFAIL(qPrintable(u"rejected: "_s + error->error.message));
    QCOMPARE(std::get<Request>(decoded), request);
}

void TestProtocol::requestEncodeShape()
{
    const QByteArray empty = Request { 5, MessageType::AuthLogout, {} }.encode();
    QVERIFY2(!empty.contains('\n') && !empty.contains(' '), empty.constData());
    QCOMPARE(parse(empty),
        (QJsonObject {
            { u"id"_s, 5 }, { u"type"_s, u"auth.logout"_s }, { u"data"_s, QJsonObject {} } }));

    const QByteArray full
        = Request { 9, MessageType::AuthResend, { { u"email"_s, u"a@b.co"_s } } }.encode();
    QCOMPARE(parse(full),
        (QJsonObject { { u"id"_s, 9 }, { u"type"_s, u"auth.resend"_s },
            { u"data"_s, QJsonObject { { u"email"_s, u"a@b.co"_s } } } }));
}

void TestProtocol::decodeRequestAccepts_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Request>("expected");

    QTest::addRow("smallest id") << QByteArray(R"({"id":1,"type":"auth.logout","data":{}})")
                                 << Request { 1, MessageType::AuthLogout, {} };
    QTest::addRow("id 2^53-1") << QByteArray(R"({"id":9007199254740991,"type":"auth.logout"})")
                               << Request { kMaxId, MessageType::AuthLogout, {} };
    QTest::addRow("data absent") << QByteArray(R"({"id":4,"type":"leaderboard.me"})")
                                 << Request { 4, MessageType::LeaderboardMe, {} };
    QTest::addRow("whole-number double id") << QByteArray(R"({"id":7.0,"type":"auth.logout"})")
                                            << Request { 7, MessageType::AuthLogout, {} };
    QTest::addRow("exponent id") << QByteArray(R"({"id":1e2,"type":"auth.logout"})")
                                 << Request { 100, MessageType::AuthLogout, {} };
    QTest::addRow("surrounding whitespace")
        << QByteArray(" \n\t{\"id\":2,\"type\":\"auth.logout\"}\r\n ")
        << Request { 2, MessageType::AuthLogout, {} };
    QTest::addRow("unknown top-level keys ignored")
        << QByteArray(R"({"id":3,"type":"auth.resend","data":{"email":"x@y.io"},"v":2})")
        << Request { 3, MessageType::AuthResend, { { u"email"_s, u"x@y.io"_s } } };
    QTest::addRow("exactly kMaxMessageBytes")
        << paddedRequest(kMaxMessageBytes)
        << Request { 1, MessageType::AuthLogin,
               { { u"pad"_s, QString(paddingFor(kMaxMessageBytes), u'a') } } };
}

void TestProtocol::decodeRequestAccepts()
{
    QFETCH(QByteArray, frame);
    QFETCH(Request, expected);

    const auto decoded = decodeRequest(frame);
    if (const auto *error = std::get_if<DecodeError>(&decoded))
        QFAIL(qPrintable(u"rejected: "_s + error->error.message));
    QCOMPARE(std::get<Request>(decoded), expected);
}

void TestProtocol::decodeRequestRejects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<bool>("hasId");
    QTest::addColumn<QString>("messagePart");

    const auto bad = ErrorCode::BadRequest;
    const QString notJson = u"not valid JSON"_s;
    const QString notObject = u"must be a JSON object"_s;
    const QString badId = u"id must be a positive integer"_s;

    QTest::addRow("empty frame") << QByteArray() << bad << false << notJson;
    QTest::addRow("whitespace") << QByteArray(" \n\t ") << bad << false << notJson;
    QTest::addRow("null") << QByteArray("null") << bad << false << QString();
    QTest::addRow("array") << QByteArray("[]") << bad << false << notObject;
    QTest::addRow("string") << QByteArray(R"("str")") << bad << false << QString();
    QTest::addRow("number") << QByteArray("123") << bad << false << QString();
    QTest::addRow("truncated JSON")
        << QByteArray(R"({"id":1,"type":"auth.lo)") << bad << false << notJson;
    QTest::addRow("trailing garbage")
        << QByteArray(R"({"id":1,"type":"auth.logout"}x)") << bad << false << notJson;
    QTest::addRow("two objects") << QByteArray(R"({"id":1,"type":"auth.logout"}{"id":2})") << bad
                                 << false << notJson;
    QTest::addRow("invalid UTF-8 byte")
        << QByteArray("{\"id\":1,\"type\":\"auth.login\",\"data\":{\"x\":\"\xff\"}}") << bad
        << false << notJson;
    QTest::addRow("overlong UTF-8")
        << QByteArray("{\"id\":1,\"type\":\"auth.login\",\"data\":{\"x\":\"\xc0\xaf\"}}") << bad
        << false << notJson;
    QTest::addRow("UTF-8 encoded surrogate")
        << QByteArray("{\"id\":1,\"type\":\"auth.login\",\"data\":{\"x\":\"\xed\xa0\x80\"}}") << bad
        << false << notJson;
    QTest::addRow("truncated UTF-8 sequence")
        << QByteArray("{\"id\":1,\"type\":\"auth.login\",\"data\":{\"x\":\"\xe2\x82\"}}") << bad
        << false << notJson;
    QTest::addRow("invalid UTF-8 outside strings")
        << QByteArray("{\"id\":1,\xff\"type\":\"auth.login\"}") << bad << false << notJson;
    QTest::addRow("NUL byte") << QByteArray("{\"id\":1,\"type\":\"auth.logout\"}\0", 30) << bad
                              << false << notJson;

    QTest::addRow("id missing") << QByteArray(R"({"type":"auth.logout"})") << bad << false
                                << u"id is missing"_s;
    QTest::addRow("id 0") << QByteArray(R"({"id":0,"type":"auth.logout"})") << bad << false
                          << badId;
    QTest::addRow("id -1") << QByteArray(R"({"id":-1,"type":"auth.logout"})") << bad << false
                           << badId;
    QTest::addRow("id 1.5") << QByteArray(R"({"id":1.5,"type":"auth.logout"})") << bad << false
                            << badId;
    QTest::addRow("id string") << QByteArray(R"({"id":"7","type":"auth.logout"})") << bad << false
                               << badId;
    QTest::addRow("id true") << QByteArray(R"({"id":true,"type":"auth.logout"})") << bad << false
                             << badId;
    QTest::addRow("id null") << QByteArray(R"({"id":null,"type":"auth.logout"})") << bad << false
                             << badId;
    QTest::addRow("id object") << QByteArray(R"({"id":{},"type":"auth.logout"})") << bad << false
                               << badId;
    QTest::addRow("id 2^53") << QByteArray(R"({"id":9007199254740992,"type":"auth.logout"})") << bad
                             << false << badId;
    QTest::addRow("id 1e300") << QByteArray(R"({"id":1e300,"type":"auth.logout"})") << bad << false
                              << badId;

    QTest::addRow("type missing") << QByteArray(R"({"id":7})") << bad << true
                                  << u"type is missing"_s;
    QTest::addRow("type number") << QByteArray(R"({"id":7,"type":3})") << bad << true
                                 << u"type must be a string"_s;
    QTest::addRow("type null") << QByteArray(R"({"id":7,"type":null})") << bad << true
                               << u"type must be a string"_s;
    QTest::addRow("type unknown") << QByteArray(R"({"id":7,"type":"auth.hack"})")
                                  << ErrorCode::Unsupported << true
                                  << u"unknown message type 'auth.hack'"_s;
    QTest::addRow("type case differs") << QByteArray(R"({"id":7,"type":"Auth.Login"})")
                                       << ErrorCode::Unsupported << true << u"Auth.Login"_s;

    QTest::addRow("data array") << QByteArray(R"({"id":7,"type":"auth.logout","data":[]})") << bad
                                << true << u"data must be an object"_s;
    QTest::addRow("data string") << QByteArray(R"({"id":7,"type":"auth.logout","data":"x"})") << bad
                                 << true << u"data must be an object"_s;
    QTest::addRow("data number") << QByteArray(R"({"id":7,"type":"auth.logout","data":1})") << bad
                                 << true << u"data must be an object"_s;
    QTest::addRow("data null") << QByteArray(R"({"id":7,"type":"auth.logout","data":null})") << bad
                               << true << u"data must be an object"_s;

    QTest::addRow("oversize frame")
        << paddedRequest(kMaxMessageBytes + 1) << bad << false << u"exceeds"_s;
    QTest::addRow("10000 nested arrays") << nestedArrays(10000) << bad << false << QString();
    QTest::addRow("10000 nested arrays in data")
        << QByteArray(R"({"id":1,"type":"auth.login","data":{"x":)") + nestedArrays(10000) + "}}"
        << bad << false << notJson;
    QTest::addRow("10000 nested objects")
        << QByteArray(10000 * 5, 'x').replace("xxxxx", R"({"a":)") + '1' + QByteArray(10000, '}')
        << bad << false << QString();
    QTest::addRow("unbalanced nesting") << QByteArray(20000, '[') << bad << false << QString();
}

void TestProtocol::decodeRequestRejects()
{
    QFETCH(QByteArray, frame);
    QFETCH(ErrorCode, code);
    QFETCH(bool, hasId);
    QFETCH(QString, messagePart);

    const auto decoded = decodeRequest(frame);
    const auto *error = std::get_if<DecodeError>(&decoded);
    if (!error)
        QFAIL(
            qPrintable(u"accepted as "_s + QString::fromUtf8(std::get<Request>(decoded).encode())));
    QCOMPARE(error->error.code, code);
    QCOMPARE(error->id.has_value(), hasId);
    if (hasId)
        QCOMPARE(*error->id, qint64(7));
    QVERIFY2(!error->error.message.isEmpty(), "an error must say what was wrong");
    QVERIFY2(error->error.message.contains(messagePart), qPrintable(error->error.message));

    // A refused frame must still produce a well-formed reply for the client.
    const Reply reply = Reply::failure(error->id, error->error);
    const QJsonObject wire = parse(reply.encode());
    QCOMPARE(wire.value(u"re"_s).isNull(), !hasId);
    QCOMPARE(wire.value(u"error"_s)[u"code"_s].toString(), errorCodeName(code));
}

void TestProtocol::replyRoundTrip_data()
{
    QTest::addColumn<Reply>("reply");

    QTest::addRow("ok with data") << Reply::success(7, { { u"token"_s, u"abc"_s }, { u"n"_s, 3 } });
    QTest::addRow("ok empty data") << Reply::success(1);
    QTest::addRow("ok largest re") << Reply::success(kMaxId, { { u"x"_s, true } });
    QTest::addRow("error") << Reply::failure(7, { ErrorCode::Forbidden, u"staff only"_s, 0, {} });
    QTest::addRow("error with retry")
        << Reply::failure(8, { ErrorCode::RateLimited, u"wait"_s, 30000, {} });
    QTest::addRow("error with details") << Reply::failure(
        9, { ErrorCode::OtpInvalid, u"wrong code"_s, 0, { { u"attemptsLeft"_s, 4 } } });
    QTest::addRow("error re null")
        << Reply::failure(std::nullopt, { ErrorCode::BadRequest, u"not JSON"_s, 0, {} });
    for (const ErrorCode code : allErrorCodes()) {
        QTest::addRow("error code %s", qPrintable(errorCodeName(code)))
            << Reply::failure(11, { code, errorCodeName(code), 0, {} });
    }
}

void TestProtocol::replyRoundTrip()
{
    QFETCH(Reply, reply);

    QString why;
    const std::optional<ServerMessage> decoded = decodeServerMessage(reply.encode(), &why);
    QVERIFY2(decoded, qPrintable(why));
    QVERIFY(std::holds_alternative<Reply>(*decoded));
    QCOMPARE(std::get<Reply>(*decoded), reply);
}

void TestProtocol::replyEncodeShape_data()
{
    QTest::addColumn<Reply>("reply");
    QTest::addColumn<QJsonObject>("expected");

    QTest::addRow("ok") << Reply::success(7, { { u"verified"_s, true } })
                        << QJsonObject { { u"re"_s, 7 }, { u"ok"_s, true },
                               { u"data"_s, QJsonObject { { u"verified"_s, true } } } };
    QTest::addRow("ok empty") << Reply::success(
        2) << QJsonObject { { u"re"_s, 2 }, { u"ok"_s, true }, { u"data"_s, QJsonObject {} } };
    QTest::addRow("error") << Reply::failure(
        7, { ErrorCode::OtpInvalid, u"no"_s, 0, { { u"attemptsLeft"_s, 2 } } })
                           << QJsonObject { { u"re"_s, 7 }, { u"ok"_s, false },
                                  { u"error"_s,
                                      QJsonObject { { u"code"_s, u"otp_invalid"_s },
                                          { u"message"_s, u"no"_s }, { u"retryAfterMs"_s, 0 },
                                          { u"attemptsLeft"_s, 2 } } } };
    QTest::addRow("error re null")
        << Reply::failure(std::nullopt, { ErrorCode::BadRequest, u"bad"_s, 0, {} })
        << QJsonObject { { u"re"_s, QJsonValue::Null }, { u"ok"_s, false },
               { u"error"_s,
                   QJsonObject { { u"code"_s, u"bad_request"_s }, { u"message"_s, u"bad"_s },
                       { u"retryAfterMs"_s, 0 } } } };
}

void TestProtocol::replyEncodeShape()
{
    QFETCH(Reply, reply);
    QFETCH(QJsonObject, expected);

    const QByteArray frame = reply.encode();
    QVERIFY2(!frame.contains('\n'), frame.constData());
    QCOMPARE(parse(frame), expected);
}

void TestProtocol::eventRoundTrip_data()
{
    QTest::addColumn<Event>("event");

    QTest::addRow("leaderboard") << Event { EventType::Leaderboard,
        { { u"version"_s, 12 },
            { u"top"_s, QJsonArray { QJsonObject { { u"rank"_s, 1 }, { u"score"_s, 90 } } } } } };
    QTest::addRow("session.revoked") << Event { EventType::SessionRevoked,
        { { u"reason"_s, QString::fromLatin1(revoke_reason::SignedInElsewhere) } } };
    QTest::addRow("flag.new") << Event { EventType::FlagNew, { { u"flag"_s, QJsonObject {} } } };
    QTest::addRow("flag.updated empty data") << Event { EventType::FlagUpdated, {} };
}

void TestProtocol::eventRoundTrip()
{
    QFETCH(Event, event);

    QString why;
    const std::optional<ServerMessage> decoded = decodeServerMessage(event.encode(), &why);
    QVERIFY2(decoded, qPrintable(why));
    QVERIFY(std::holds_alternative<Event>(*decoded));
    QCOMPARE(std::get<Event>(*decoded), event);
}

void TestProtocol::eventEncodeShape()
{
    const Event event { EventType::SessionRevoked, { { u"reason"_s, u"logged_out"_s } } };
    QCOMPARE(parse(event.encode()),
        (QJsonObject { { u"event"_s, u"session.revoked"_s },
            { u"data"_s, QJsonObject { { u"reason"_s, u"logged_out"_s } } } }));
    QCOMPARE(parse(Event { EventType::FlagNew, {} }.encode()),
        (QJsonObject { { u"event"_s, u"flag.new"_s }, { u"data"_s, QJsonObject {} } }));
}

void TestProtocol::decodeServerMessageRejects_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("not JSON") << QByteArray("hello");
    QTest::addRow("array") << QByteArray("[]");
    QTest::addRow("empty object") << QByteArray("{}");
    QTest::addRow("invalid UTF-8")
        << QByteArray("{\"event\":\"leaderboard\",\"data\":{\"x\":\"\xff\"}}");
    QTest::addRow("10000 nested arrays") << nestedArrays(10000);
    QTest::addRow("event number") << QByteArray(R"({"event":1,"data":{}})");
    QTest::addRow("event unknown") << QByteArray(R"({"event":"chat","data":{}})");
    QTest::addRow("event data array") << QByteArray(R"({"event":"leaderboard","data":[]})");
    QTest::addRow("event data null") << QByteArray(R"({"event":"leaderboard","data":null})");
    QTest::addRow("re missing") << QByteArray(R"({"ok":true,"data":{}})");
    QTest::addRow("re string") << QByteArray(R"({"re":"7","ok":true,"data":{}})");
    QTest::addRow("re fraction") << QByteArray(R"({"re":1.5,"ok":true,"data":{}})");
    QTest::addRow("re zero") << QByteArray(R"({"re":0,"ok":true,"data":{}})");
    QTest::addRow("ok missing") << QByteArray(R"({"re":7,"data":{}})");
    QTest::addRow("ok string") << QByteArray(R"({"re":7,"ok":"true","data":{}})");
    QTest::addRow("ok data array") << QByteArray(R"({"re":7,"ok":true,"data":[]})");
    QTest::addRow("error missing") << QByteArray(R"({"re":7,"ok":false})");
    QTest::addRow("error string") << QByteArray(R"({"re":7,"ok":false,"error":"bad"})");
    QTest::addRow("error code unknown")
        << QByteArray(R"({"re":7,"ok":false,"error":{"code":"oops","message":"m"}})");
    QTest::addRow("error message missing")
        << QByteArray(R"({"re":7,"ok":false,"error":{"code":"internal"}})");
}

void TestProtocol::decodeServerMessageRejects()
{
    QFETCH(QByteArray, frame);

    QString why;
    const std::optional<ServerMessage> decoded = decodeServerMessage(frame, &why);
    QVERIFY2(!decoded, "accepted a malformed server message");
    QVERIFY2(!why.isEmpty(), "the reason must be reported");
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
