#pragma once

#include <QByteArray>
#include <QList>
#include <QJsonObject>
#include <QString>
#include <QStringView>

#include <optional>
#include <variant>

/**
 * @brief The scoreboard wire protocol, version 1: message types, error codes, close codes,
 * envelope encoding and decoding.
 *
 * This is the only place that parses or builds protocol JSON envelopes. The payload types
 * (`data`) live in messages.h. The reference text is docs/protocol.md.
 */
namespace scoreboard::protocol {

/// @brief WebSocket subprotocol name offered by clients and selected by the server.
inline constexpr char kSubprotocol[] = "scoreboard.v1";
/// @brief Path of the WebSocket endpoint on the server's port.
inline constexpr char kWebSocketPath[] = "/ws";
/// @brief Largest accepted incoming frame and message, in bytes.
inline constexpr qint64 kMaxMessageBytes = 64 * 1024;

/**
 * @brief Request types a client may send.
 *
 * Append only: never reorder or remove an entry; the numeric values may be stored or logged.
 */
enum class MessageType : int {
    AuthSignup = 0,
    AuthVerify,
    AuthResend,
    AuthLogin,
    AuthResume,
    AuthLogout,
    ScoreChallenge,
    ScoreAction,
    LeaderboardSubscribe,
    LeaderboardMe,
    AdminFlagsSubscribe,
    AdminFlag,
    AdminApprove,
    AdminReverse,
    AdminUser,
    AdminSuspend,
    AdminUnsuspend,
    AdminAudit,
    // Version 1.1: events.
    EventsSubscribe,
    LeaderboardUnsubscribe,
    LeaderboardPage,
    AdminEventCreate,
    AdminEventUpdate,
    AdminEventOpen,
    AdminEventClose,
};

/// @brief Wire name of a request type, e.g. "auth.login".
QString typeName(MessageType type);
/// @brief Request type for a wire name, or nothing for an unknown name.
std::optional<MessageType> typeFromName(QStringView name);
/// @brief Every request type, in declaration order.
QList<MessageType> allMessageTypes();

/**
 * @brief Stable error codes carried in `error.code`. Append only.
 */
enum class ErrorCode : int {
    BadRequest = 0,
    WeakPassword,
    RateLimited,
    OtpInvalid,
    OtpExpired,
    TooManyAttempts,
    BadCredentials,
    NotVerified,
    Suspended,
    SessionInvalid,
    NotAuthenticated,
    ChallengeUnknown,
    ChallengeUsed,
    TooFast,
    ChallengeExpired,
    Forbidden,
    NotFound,
    Conflict,
    Internal,
    Unsupported,
    // Version 1.1: events.
    EventUnknown,
    EventNotLive,
    ActionUnknown,
    SeasonUnknown,
    SlugInvalid, ///< a slug that breaks `[a-z0-9][a-z0-9-]{0,39}`
    ScheduleInvalid, ///< endsAt not after startsAt
    ResetInvalid, ///< resetEvery neither daily, weekly, monthly nor a duration of at least PT10S
};

/// @brief Wire name of an error code, e.g. "otp_invalid".
QString errorCodeName(ErrorCode code);
/// @brief Error code for a wire name, or nothing for an unknown name.
std::optional<ErrorCode> errorCodeFromName(QStringView name);
/// @brief Every error code, in declaration order.
QList<ErrorCode> allErrorCodes();

/**
 * @brief Server-to-client event names. Append only.
 */
enum class EventType : int {
    Leaderboard = 0,
    SessionRevoked,
    FlagNew,
    FlagUpdated,
    // Version 1.1: events.
    EventChanged,
    RankChanged,
};

/// @brief Wire name of an event, e.g. "session.revoked".
QString eventName(EventType type);
/// @brief Event type for a wire name, or nothing for an unknown name.
std::optional<EventType> eventFromName(QStringView name);

/// @brief WebSocket close codes used by the server (in addition to the RFC 6455 ones).
namespace close_code {
inline constexpr quint16 Normal = 1000;
inline constexpr quint16 PolicyViolation = 1008; ///< e.g. no authentication within the time limit
inline constexpr quint16 TooBig = 1009;
inline constexpr quint16 SignedInElsewhere = 4001;
inline constexpr quint16 Suspended = 4002;
inline constexpr quint16 ProtocolAbuse = 4003;
} // namespace close_code

/// @brief Reasons carried by the `session.revoked` event.
namespace revoke_reason {
inline constexpr char SignedInElsewhere[] = "signed_in_elsewhere";
inline constexpr char LoggedOut[] = "logged_out";
inline constexpr char Suspended[] = "suspended";
} // namespace revoke_reason

/**
 * @brief The `error` object of a failed reply.
 *
 * `details` holds code-specific extra fields (e.g. `attemptsLeft`); they are merged into the
 * error object on the wire.
 */
struct Error
{
    ErrorCode code = ErrorCode::BadRequest;
    QString message;
    qint64 retryAfterMs = 0;
    QJsonObject details;

    QJsonObject toJson() const;
    /// @brief Parses an error object; an unknown code name yields nothing.
    static std::optional<Error> fromJson(const QJsonObject &json, QString *why = nullptr);
    friend bool operator==(const Error &, const Error &) = default;
};

/// @brief A client request envelope: `{"id": 7, "type": "auth.login", "data": {...}}`.
struct Request
{
    qint64 id = 0;
    MessageType type = MessageType::AuthSignup;
    QJsonObject data;

    QByteArray encode() const;
    friend bool operator==(const Request &, const Request &) = default;
};

/**
 * @brief Why an incoming request frame was refused before reaching a handler.
 *
 * `id` is set when the frame carried a usable id, so the error reply can name it
 * (otherwise the reply has `"re": null`).
 */
struct DecodeError
{
    std::optional<qint64> id;
    Error error;
};

/// @brief Decodes one text frame from a client. Never throws; every malformed shape is a DecodeError.
std::variant<Request, DecodeError> decodeRequest(QByteArrayView frame);

/// @brief A reply envelope: `{"re": 7, "ok": true, "data": {...}}` or `{"re": 7, "ok": false, "error": {...}}`.
struct Reply
{
    std::optional<qint64> re; ///< empty means `"re": null` (the request could not be identified)
    bool ok = true;
    QJsonObject data;
    Error error;

    static Reply success(qint64 re, QJsonObject data = {});
    static Reply failure(std::optional<qint64> re, Error error);
    QByteArray encode() const;
    friend bool operator==(const Reply &, const Reply &) = default;
};

/// @brief An unprompted server event: `{"event": "leaderboard", "data": {...}}`.
struct Event
{
    EventType type = EventType::Leaderboard;
    QJsonObject data;

    QByteArray encode() const;
    friend bool operator==(const Event &, const Event &) = default;
};

/// @brief Anything the server sends; used by clients and tests.
using ServerMessage = std::variant<Reply, Event>;

/// @brief Decodes one text frame from the server, or returns nothing with the reason in @p why.
std::optional<ServerMessage> decodeServerMessage(QByteArrayView frame, QString *why = nullptr);

} // namespace scoreboard::protocol
