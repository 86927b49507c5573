#pragma once

#include "protocol.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

/**
 * @brief Typed payloads (`data`) of protocol messages, with validation.
 *
 * Every `fromJson` checks presence, JSON type and bounds of each field and returns either the
 * value or an Error with a stable code (normally `bad_request`) and a message naming the field.
 * Unknown extra fields are ignored so the protocol can grow.
 */
namespace scoreboard::protocol {

template<typename T> using Parsed = std::variant<T, Error>;

/// @brief Bounds shared by the server and every client.
namespace limits {
inline constexpr int EmailMax = 254;
inline constexpr int DisplayNameMin = 1;
inline constexpr int DisplayNameMax = 32;
inline constexpr int PasswordMin = 8; ///< in Unicode code points
inline constexpr int PasswordMax = 128; ///< in Unicode code points
inline constexpr int CodeDigits = 6;
inline constexpr int DeviceIdMax = 128;
inline constexpr int DeviceNameMax = 64;
inline constexpr int TokenMax = 256;
inline constexpr int LeaderboardLimitMin = 1;
inline constexpr int LeaderboardLimitMax = 100;
inline constexpr int LeaderboardLimitDefault = 10;
inline constexpr int ChallengeIdMax = 128; ///< an event's action makes it longer than v1's 64
} // namespace limits

/// @brief Account roles. Append only.
enum class Role : int { Player = 0, Checker, Admin };
QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);

/// @brief Lower-cases and trims an e-mail address (the form stored and compared).
QString normalizeEmail(const QString &email);
/// @brief Whether @p email (already normalized) is a plausible address that is safe in an SMTP
/// envelope and a header: local@domain.tld, the local part a dot-atom of letters, digits, marks
/// and `'#$&*+-/=?^_`{|}~`, no spaces, angle brackets, quotes, line breaks, `%`, `!` or
/// invisible formatting.
bool isValidEmail(QStringView email);
/// @brief A display name as stored and shown: trimmed, in Unicode normalization form C.
QString normalizeDisplayName(const QString &name);
/// @brief Whether @p codePoint is invisible formatting: Unicode Cf (bidi overrides and
/// isolates, zero-width characters, the byte order mark, the soft hyphen), line and paragraph
/// separators.
bool isInvisibleFormatting(char32_t codePoint);
/// @brief Whether @p name (normalized) may be a display name: 1–32 code points, no control
/// characters, no invisible formatting.
bool isValidDisplayName(QStringView name);
/// @brief Whether @p password is on the list of most common passwords (case-insensitive).
bool isCommonPassword(const QString &password);
/**
 * @brief The password policy: 8–128 code points, not a common password, not the e-mail or
 * display name. Returns the `weak_password` error explaining the problem, or nothing when fine.
 */
std::optional<Error> checkPassword(
    const QString &password, const QString &email = {}, const QString &displayName = {});

/// @brief A user as shown to clients: `{id, email, displayName, role}`.
struct User
{
    qint64 id = 0;
    QString email;
    QString displayName;
    Role role = Role::Player;

    QJsonObject toJson() const;
    static Parsed<User> fromJson(const QJsonObject &json);
    friend bool operator==(const User &, const User &) = default;
};

/// @brief `auth.signup` data. The password is checked for type only; apply checkPassword().
struct SignupRequest
{
    QString email; ///< normalized by fromJson
    QString password;
    QString displayName; ///< trimmed by fromJson
    QJsonObject toJson() const;
    static Parsed<SignupRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const SignupRequest &, const SignupRequest &) = default;
};

/// @brief `auth.verify` data.
struct VerifyRequest
{
    QString email;
    QString code; ///< exactly six ASCII digits
    QJsonObject toJson() const;
    static Parsed<VerifyRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const VerifyRequest &, const VerifyRequest &) = default;
};

/// @brief `auth.resend` data.
struct ResendRequest
{
    QString email;
    QJsonObject toJson() const;
    static Parsed<ResendRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const ResendRequest &, const ResendRequest &) = default;
};

/// @brief `auth.login` data.
struct LoginRequest
{
    QString email;
    QString password;
    QString deviceId; ///< 1–128 printable ASCII characters, no spaces
    QString deviceName; ///< optional, at most 64 characters
    /// Optional: only staff may log in this way (the score-check console); a player gets
    /// `forbidden` and nothing about their sessions changes.
    bool staffOnly = false;
    QJsonObject toJson() const;
    static Parsed<LoginRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const LoginRequest &, const LoginRequest &) = default;
};

/// @brief `auth.login` reply data: `{token, user}`.
struct LoginReply
{
    QString token;
    User user;
    QJsonObject toJson() const;
    static Parsed<LoginReply> fromJson(const QJsonObject &json);
    friend bool operator==(const LoginReply &, const LoginReply &) = default;
};

/// @brief `auth.resume` data.
struct ResumeRequest
{
    QString token;
    QString deviceId;
    QJsonObject toJson() const;
    static Parsed<ResumeRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const ResumeRequest &, const ResumeRequest &) = default;
};

/// @brief `session.revoked` event data: `{reason}`.
struct SessionRevoked
{
    QString reason;
    QJsonObject toJson() const;
    static Parsed<SessionRevoked> fromJson(const QJsonObject &json);
    friend bool operator==(const SessionRevoked &, const SessionRevoked &) = default;
};

/// @brief `score.challenge` data (v1.1; a v1 client sends none): the event (default `main`)
/// and the kind of action (default the event's first).
struct ChallengeRequest
{
    QString event;
    QString action;
    QJsonObject toJson() const;
    static Parsed<ChallengeRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const ChallengeRequest &, const ChallengeRequest &) = default;
};

/// @brief `score.challenge` reply data.
struct ChallengeReply
{
    QString challengeId;
    qint64 notBeforeMs = 0; ///< redeemable this many ms after issue
    qint64 expiresInMs = 0; ///< and until this many ms after issue
    QString event; ///< v1.1: the event and action the challenge is bound to, and its points
    QString action;
    qint64 points = 0;
    QJsonObject toJson() const;
    static Parsed<ChallengeReply> fromJson(const QJsonObject &json);
    friend bool operator==(const ChallengeReply &, const ChallengeReply &) = default;
};

/// @brief `score.action` data.
struct ActionRequest
{
    QString challengeId;
    QJsonObject toJson() const;
    static Parsed<ActionRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const ActionRequest &, const ActionRequest &) = default;
};

/// @brief `score.action` reply data.
struct ActionReply
{
    qint64 incrementId = 0;
    qint64 delta = 0;
    qint64 score = 0; ///< in the event's current season
    qint64 rank = 0;
    QString event; ///< v1.1
    qint64 season = 0; ///< v1.1
    QJsonObject toJson() const;
    static Parsed<ActionReply> fromJson(const QJsonObject &json);
    friend bool operator==(const ActionReply &, const ActionReply &) = default;
};

namespace limits {
inline constexpr int AroundMax = 10; ///< neighbours on each side in `around`
} // namespace limits

/// @brief `leaderboard.subscribe` data: `limit` 1–100, default 10; v1.1 adds `event` (default
/// `main`) and `around` (0–10 neighbours on each side of a logged-in caller).
struct SubscribeRequest
{
    int limit = limits::LeaderboardLimitDefault;
    QString event;
    int around = 0;
    QJsonObject toJson() const;
    static Parsed<SubscribeRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const SubscribeRequest &, const SubscribeRequest &) = default;
};

/// @brief One row of a board.
struct BoardEntry
{
    qint64 rank = 0;
    qint64 userId = 0;
    QString displayName;
    qint64 score = 0;
    QJsonObject toJson() const;
    static Parsed<BoardEntry> fromJson(const QJsonObject &json);
    friend bool operator==(const BoardEntry &, const BoardEntry &) = default;
};

/// @brief The caller's own place on a board (`me` of a board with `around`).
struct BoardMe
{
    qint64 rank = 0; ///< 0: not on the board yet
    qint64 score = 0;
    QList<BoardEntry> around; ///< the caller's row with up to `around` rows on each side
    QJsonObject toJson() const;
    static Parsed<BoardMe> fromJson(const QJsonObject &json);
    friend bool operator==(const BoardMe &, const BoardMe &) = default;
};

/// @brief A board: the `leaderboard.subscribe` reply and the `leaderboard` event.
struct Leaderboard
{
    qint64 version = 0;
    QList<BoardEntry> top;
    QString event; ///< v1.1: which event and season this board is
    qint64 season = 0;
    std::optional<BoardMe> me; ///< v1.1: for a subscriber who asked for `around`
    QJsonObject toJson() const;
    static Parsed<Leaderboard> fromJson(const QJsonObject &json);
    friend bool operator==(const Leaderboard &, const Leaderboard &) = default;
};

/// @brief `leaderboard.me` data (v1.1): the event, default `main`.
struct MeRequest
{
    QString event;
    QJsonObject toJson() const;
    static Parsed<MeRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const MeRequest &, const MeRequest &) = default;
};

/// @brief `leaderboard.me` reply data. `rank` is 0 for a player with no points yet.
struct MeReply
{
    qint64 rank = 0;
    qint64 score = 0;
    QJsonObject toJson() const;
    static Parsed<MeReply> fromJson(const QJsonObject &json);
    friend bool operator==(const MeReply &, const MeReply &) = default;
};

/// @brief Flag statuses. Append only.
enum class FlagStatus : int { Open = 0, Approved, Reversed };
QString flagStatusName(FlagStatus status);
std::optional<FlagStatus> flagStatusFromName(QStringView name);

/// @brief A time on the wire: ISO 8601 in UTC with milliseconds ("2026-11-24T22:40:00.123Z").
QString wireTime(qint64 msSinceEpoch);
/// @brief The milliseconds since the epoch of a time on the wire (wireTime()'s form; other ISO
/// 8601 times too), or 0 for text that is not one.
qint64 wireTimeMs(const QString &text);

/// @brief A flag: `{id, incrementId, userId, displayName, rule, evidence, status, createdAt,
/// figures}`.
struct Flag
{
    qint64 id = 0;
    qint64 incrementId = 0; ///< 0 (sent as null) for a pattern not tied to one increment
    qint64 userId = 0;
    QString displayName;
    QString rule;
    QString evidence;
    FlagStatus status = FlagStatus::Open;
    QString createdAt;
    QJsonObject figures;
    QString event; ///< v1.1: the event and season of the flagged increment or pattern
    qint64 season = 0;
    QJsonObject toJson() const;
    static Parsed<Flag> fromJson(const QJsonObject &json);
    friend bool operator==(const Flag &, const Flag &) = default;
};

/// @brief `admin.flags.subscribe` data: `status` open (default), approved, reversed or all.
struct FlagsSubscribeRequest
{
    QString status = QStringLiteral("open");
    QJsonObject toJson() const;
    static Parsed<FlagsSubscribeRequest> fromJson(const QJsonObject &json);
};

/// @brief `admin.flag` data.
struct ManualFlagRequest
{
    qint64 incrementId = 0;
    QString reason;
    QJsonObject toJson() const;
    static Parsed<ManualFlagRequest> fromJson(const QJsonObject &json);
};

/// @brief `admin.approve` data.
struct ApproveRequest
{
    qint64 flagId = 0;
    QString reason;
    QJsonObject toJson() const;
    static Parsed<ApproveRequest> fromJson(const QJsonObject &json);
};

/// @brief `admin.reverse` data: exactly one of incrementId and flagId, and a reason.
struct ReverseRequest
{
    qint64 incrementId = 0;
    qint64 flagId = 0;
    QString reason;
    QJsonObject toJson() const;
    static Parsed<ReverseRequest> fromJson(const QJsonObject &json);
};

/// @brief `admin.user` data.
struct UserRequest
{
    qint64 userId = 0;
    QJsonObject toJson() const;
    static Parsed<UserRequest> fromJson(const QJsonObject &json);
};

/// @brief `admin.suspend` / `admin.unsuspend` data.
struct SuspendRequest
{
    qint64 userId = 0;
    QString reason;
    QJsonObject toJson() const;
    static Parsed<SuspendRequest> fromJson(const QJsonObject &json);
};

/// @brief `admin.audit` data: `limit` 1–500 (default 100), `before` an entry id.
struct AuditRequest
{
    int limit = 100;
    qint64 before = 0;
    QJsonObject toJson() const;
    static Parsed<AuditRequest> fromJson(const QJsonObject &json);
};

namespace limits {
inline constexpr int ReasonMax = 500;
inline constexpr int AuditLimitMax = 500;
} // namespace limits

/// @brief `admin.reverse` reply data.
struct ReverseReply
{
    qint64 reversalId = 0;
    qint64 userId = 0;
    qint64 score = 0; ///< the player's score in the reversed increment's event and season
    QString event; ///< v1.1: that event and season
    qint64 season = 0;
    QJsonObject toJson() const;
    static Parsed<ReverseReply> fromJson(const QJsonObject &json);
    friend bool operator==(const ReverseReply &, const ReverseReply &) = default;
};

/// @brief A user as staff see them (the `user` of `admin.user` and of `admin.suspend`). A
/// checker's view has no `email` (then empty here).
struct UserDetails
{
    User user;
    bool verified = false;
    bool suspended = false;
    QString createdAt;
    QJsonObject toJson() const;
    static Parsed<UserDetails> fromJson(const QJsonObject &json);
    friend bool operator==(const UserDetails &, const UserDetails &) = default;
};

/// @brief One ledger entry on a player's page.
struct LedgerRow
{
    qint64 id = 0;
    qint64 delta = 0;
    QString at;
    qint64 atMs = 0;
    QString kind; ///< action or reversal
    QString status; ///< counted, reversed or reversal
    QString clientAddress;
    bool flagged = false;
    qint64 reversesId = 0; ///< 0 when absent
    qint64 reversedById = 0; ///< 0 when absent
    QString event; ///< v1.1: the event and season the entry counts in
    qint64 season = 0;
    QString action; ///< v1.1: the kind of action (empty for a reversal)
    QJsonObject toJson() const;
    static Parsed<LedgerRow> fromJson(const QJsonObject &json);
    friend bool operator==(const LedgerRow &, const LedgerRow &) = default;
};

/// @brief A player's total in one event and season (`scores` of `admin.user`).
struct SeasonScore
{
    QString event;
    qint64 season = 0;
    qint64 score = 0;
    QJsonObject toJson() const;
    static Parsed<SeasonScore> fromJson(const QJsonObject &json);
    friend bool operator==(const SeasonScore &, const SeasonScore &) = default;
};

/// @brief `admin.user` reply data.
struct PlayerProfile
{
    UserDetails user;
    qint64 score = 0; ///< as boards show it
    qint64 ledgerScore = 0; ///< the ledger's sum
    QList<LedgerRow> increments; ///< newest first
    QList<Flag> flags;
    QList<SeasonScore> scores; ///< ext: every event and season the player has a total in
    QJsonObject toJson() const;
    static Parsed<PlayerProfile> fromJson(const QJsonObject &json);
    friend bool operator==(const PlayerProfile &, const PlayerProfile &) = default;
};

/// @brief One entry of the audit log.
struct AuditRow
{
    qint64 id = 0;
    QString at;
    qint64 staffId = 0;
    QString action;
    QString target;
    QString reason;
    QJsonObject toJson() const;
    static Parsed<AuditRow> fromJson(const QJsonObject &json);
    friend bool operator==(const AuditRow &, const AuditRow &) = default;
};

/// @brief `admin.audit` reply data.
struct AuditReply
{
    QList<AuditRow> entries;
    QJsonObject toJson() const;
    static Parsed<AuditReply> fromJson(const QJsonObject &json);
    friend bool operator==(const AuditReply &, const AuditReply &) = default;
};

// Version 1.1: events (docs/protocol.md, "Events").

namespace limits {
inline constexpr int SlugMax = 40;
inline constexpr int EventTitleMax = 80;
inline constexpr int EventDescriptionMax = 1000;
inline constexpr int EventCategoryMax = 40;
inline constexpr int ActionKindMax = 16;
inline constexpr int ActionLabelMax = 32;
inline constexpr int ActionsMax = 9; ///< one key each, 1–9, in the apps
inline constexpr qint64 ActionPointsMax = 1'000'000;
inline constexpr int PageLimitMax = 100;
inline constexpr qint64 PageOffsetMax = 10'000'000;
inline constexpr qint64 ResetMinMs = 10'000; ///< PT10S
} // namespace limits

/// @brief The default event: every v1 message plays and watches it.
inline constexpr char kMainEvent[] = "main";

/// @brief Whether @p slug matches `[a-z0-9][a-z0-9-]{0,39}`.
bool isValidSlug(QStringView slug);
/// @brief Whether @p kind matches `[a-z0-9][a-z0-9_-]{0,15}`.
bool isValidActionKind(QStringView kind);

/// @brief An event's reset rule (`resetEvery`).
struct ResetRule
{
    enum class Kind { Never, Daily, Weekly, Monthly, Duration };
    Kind kind = Kind::Never;
    qint64 durationMs = 0; ///< Duration only
    friend bool operator==(const ResetRule &, const ResetRule &) = default;
};
/**
 * @brief Parses `resetEvery`: empty (never), `daily`, `weekly`, `monthly`, or an ISO 8601
 * duration of weeks, days, hours, minutes and seconds (`PT1H`, `P7D`, `P1W`, `P1DT12H`) of at
 * least PT10S. Years and months are calendar units: `monthly` is the one kept. Nothing when
 * @p text is none of these.
 */
std::optional<ResetRule> parseResetRule(QStringView text);

/// @brief Event states on the wire.
enum class EventState : int { Scheduled = 0, Live, Closed };
QString eventStateName(EventState state);
std::optional<EventState> eventStateFromName(QStringView name);

/// @brief One kind of action of an event and its points.
struct EventAction
{
    QString kind; ///< `[a-z0-9][a-z0-9_-]{0,15}`
    QString label; ///< 1–32 characters
    qint64 points = 0; ///< 1 to 1,000,000
    QJsonObject toJson() const;
    static Parsed<EventAction> fromJson(const QJsonObject &json);
    friend bool operator==(const EventAction &, const EventAction &) = default;
};

/// @brief An event as clients see it.
struct EventInfo
{
    QString slug;
    QString title;
    QString description;
    QString category;
    EventState state = EventState::Scheduled;
    qint64 startsAtMs = 0; ///< `startsAt`; 0 (null): no start time
    qint64 endsAtMs = 0; ///< `endsAt`; 0 (null): open-ended
    int boardSize = limits::LeaderboardLimitDefault;
    QList<EventAction> actions;
    QString resetEvery; ///< empty (null): never
    qint64 season = 1;
    qint64 nextResetAtMs = 0; ///< `nextResetAt`; 0 (null): no reset due
    qint64 players = 0; ///< players on the current season's board
    QJsonObject toJson() const;
    static Parsed<EventInfo> fromJson(const QJsonObject &json);
    friend bool operator==(const EventInfo &, const EventInfo &) = default;
};

/// @brief `events.subscribe` reply data.
struct EventsReply
{
    QList<EventInfo> events;
    QJsonObject toJson() const;
    static Parsed<EventsReply> fromJson(const QJsonObject &json);
    friend bool operator==(const EventsReply &, const EventsReply &) = default;
};

/// @brief `event.changed` event data and the reply of `admin.event.*`: `{event}`.
struct EventReply
{
    EventInfo event;
    QJsonObject toJson() const;
    static Parsed<EventReply> fromJson(const QJsonObject &json);
    friend bool operator==(const EventReply &, const EventReply &) = default;
};

/// @brief `leaderboard.unsubscribe` data.
struct UnsubscribeRequest
{
    QString event;
    QJsonObject toJson() const;
    static Parsed<UnsubscribeRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const UnsubscribeRequest &, const UnsubscribeRequest &) = default;
};

/// @brief `leaderboard.page` data: `season` 0 (absent) is the current one.
struct PageRequest
{
    QString event;
    qint64 season = 0;
    qint64 offset = 0;
    int limit = limits::LeaderboardLimitDefault;
    QJsonObject toJson() const;
    static Parsed<PageRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const PageRequest &, const PageRequest &) = default;
};

/// @brief `leaderboard.page` reply data (and `GET /api/v1/events/{slug}/leaderboard`).
struct PageReply
{
    QString event;
    qint64 season = 0;
    qint64 total = 0;
    QList<BoardEntry> entries;
    bool amended = false; ///< a finished season's standings changed by a reversal
    QJsonObject toJson() const;
    static Parsed<PageReply> fromJson(const QJsonObject &json);
    friend bool operator==(const PageReply &, const PageReply &) = default;
};

/// @brief Who moved past a player (`overtakenBy` of `rank.changed`).
struct Overtaker
{
    qint64 userId = 0;
    QString displayName;
    QJsonObject toJson() const;
    static Parsed<Overtaker> fromJson(const QJsonObject &json);
    friend bool operator==(const Overtaker &, const Overtaker &) = default;
};

/// @brief `rank.changed` event data.
struct RankChanged
{
    QString event;
    qint64 rank = 0;
    qint64 previousRank = 0;
    std::optional<Overtaker> overtakenBy;
    QJsonObject toJson() const;
    static Parsed<RankChanged> fromJson(const QJsonObject &json);
    friend bool operator==(const RankChanged &, const RankChanged &) = default;
};

/// @brief An event's settings as staff give them (`admin.event.create`, the `event` command).
/// The times are checked (`endsAt` after `startsAt`: schedule_invalid), the slug
/// (slug_invalid) and the reset rule (reset_invalid).
struct EventSpec
{
    QString slug;
    QString title;
    QString description;
    QString category;
    qint64 startsAtMs = 0;
    qint64 endsAtMs = 0;
    int boardSize = limits::LeaderboardLimitDefault;
    QList<EventAction> actions; ///< empty: the default catalogue
    QString resetEvery;
    QJsonObject toJson() const;
    static Parsed<EventSpec> fromJson(const QJsonObject &json);
    friend bool operator==(const EventSpec &, const EventSpec &) = default;
};

/// @brief `admin.event.update` data: the slug and the fields to change (any of EventSpec's but
/// the slug); the server checks the merged settings as EventSpec.
struct EventUpdateRequest
{
    QString slug;
    QJsonObject changes;
    QJsonObject toJson() const;
    static Parsed<EventUpdateRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const EventUpdateRequest &, const EventUpdateRequest &) = default;
};

/// @brief `admin.event.open` / `admin.event.close` data.
struct EventStateRequest
{
    QString slug;
    QString reason;
    QJsonObject toJson() const;
    static Parsed<EventStateRequest> fromJson(const QJsonObject &json);
    friend bool operator==(const EventStateRequest &, const EventStateRequest &) = default;
};

} // namespace scoreboard::protocol
