#include "messages.h"

#include <QDateTime>
#include <QJsonArray>

#include <QFile>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QSet>

#include <utility>

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

namespace {

Q_LOGGING_CATEGORY(lcProtocol, "scoreboard.protocol")

constexpr qint64 kMaxId = (qint64(1) << 53) - 1;
constexpr qsizetype kPasswordWireMax = 1024;
constexpr qsizetype kEmailLocalMax = 64;

struct RoleName
{
    Role role;
    QStringView name;
};

constexpr RoleName kRoles[] = {
    { Role::Player, u"player" },
    { Role::Checker, u"checker" },
    { Role::Admin, u"admin" },
};

/// Calls @p accept for each code point; an unpaired surrogate fails the whole string.
template<typename Predicate> bool allCodePoints(QStringView text, Predicate accept)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        char32_t codePoint = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(c, text[i + 1]);
            ++i;
        } else if (c.isSurrogate()) {
            return false;
        }
        if (!accept(codePoint))
            return false;
    }
    return true;
}

qsizetype codePointCount(const QString &text)
{
    return text.toUcs4().size();
}

bool isControl(char32_t codePoint)
{
    return QChar::category(codePoint) == QChar::Other_Control;
}

bool hasNoControlCharacters(QStringView text)
{
    return allCodePoints(text, [](char32_t cp) { return !isControl(cp); });
}

bool isPrintableAscii(QStringView text)
{
    return allCodePoints(text, [](char32_t cp) { return cp >= 0x21 && cp <= 0x7e; });
}

bool sameIgnoringCase(const QString &a, const QString &b)
{
    return a.toCaseFolded() == b.toCaseFolded();
}

Error badRequest(const QString &message)
{
    return Error { ErrorCode::BadRequest, message, 0, {} };
}

Error weakPassword(const QString &message)
{
    return Error { ErrorCode::WeakPassword, message, 0, {} };
}

QSet<QString> loadCommonPasswords()
{
    QSet<QString> passwords;
    QFile file(u":/scoreboard/shared/common-passwords.txt"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcProtocol) << "common password list unavailable:" << file.errorString();
        return passwords;
    }
    const QString text = QString::fromUtf8(file.readAll());
    for (const QStringView line : QStringView(text).split(u'\n')) {
        const QStringView entry = line.trimmed();
        if (entry.isEmpty() || entry.startsWith(u'#'))
            continue;
        passwords.insert(entry.toString().toCaseFolded());
    }
    return passwords;
}

/**
 * Reads the fields of one payload in order and keeps the first problem; once a field has
 * failed, later reads return empty values so the caller can build the result unconditionally.
 */
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &json)
        : m_json(json)
    { }

    std::optional<QString> string(const QString &key, bool required = true)
    {
        if (m_error)
            return std::nullopt;
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined()) {
            if (required)
                fail(u"%1 is required"_s.arg(key));
            return std::nullopt;
        }
        if (!value.isString()) {
            fail(u"%1 must be a string"_s.arg(key));
            return std::nullopt;
        }
        return value.toString();
    }

    QString email(const QString &key = u"email"_s)
    {
        const QString email = normalizeEmail(string(key).value_or(QString()));
        if (!m_error && !isValidEmail(email))
            fail(u"%1 is not a valid address"_s.arg(key));
        return email;
    }

    QString displayName(const QString &key = u"displayName"_s)
    {
        const QString name = string(key).value_or(QString()).trimmed();
        if (m_error)
            return name;
        const qsizetype length = codePointCount(name);
        if (length < limits::DisplayNameMin || length > limits::DisplayNameMax) {
            fail(u"%1 must be between %2 and %3 characters"_s.arg(key)
                     .arg(limits::DisplayNameMin)
                     .arg(limits::DisplayNameMax));
        } else if (!hasNoControlCharacters(name)) {
            fail(u"%1 must not contain control characters"_s.arg(key));
        }
        return name;
    }

    QString code(const QString &key = u"code"_s)
    {
        const QString code = string(key).value_or(QString());
        if (m_error)
            return code;
        const bool sixDigits = code.size() == limits::CodeDigits
            && allCodePoints(code, [](char32_t cp) { return cp >= u'0' && cp <= u'9'; });
        if (!sixDigits)
            fail(u"%1 must be exactly %2 digits"_s.arg(key).arg(limits::CodeDigits));
        return code;
    }

    QString asciiToken(const QString &key, qsizetype maxLength)
    {
        const QString token = string(key).value_or(QString());
        if (m_error)
            return token;
        if (token.isEmpty())
            fail(u"%1 must not be empty"_s.arg(key));
        else if (token.size() > maxLength)
            fail(u"%1 must be at most %2 characters"_s.arg(key).arg(maxLength));
        else if (!isPrintableAscii(token))
            fail(u"%1 must contain only printable ASCII characters without spaces"_s.arg(key));
        return token;
    }

    QString deviceName(const QString &key = u"deviceName"_s)
    {
        const QString name = string(key, false).value_or(QString());
        if (m_error)
            return name;
        if (codePointCount(name) > limits::DeviceNameMax)
            fail(u"%1 must be at most %2 characters"_s.arg(key).arg(limits::DeviceNameMax));
        else if (!hasNoControlCharacters(name))
            fail(u"%1 must not contain control characters"_s.arg(key));
        return name;
    }

    QString password(const QString &key = u"password"_s)
    {
        const QString password = string(key).value_or(QString());
        if (!m_error && password.size() > kPasswordWireMax)
            fail(u"%1 must be at most %2 characters"_s.arg(key).arg(kPasswordWireMax));
        return password;
    }

    QString nonEmptyString(const QString &key)
    {
        const QString text = string(key).value_or(QString());
        if (!m_error && text.isEmpty())
            fail(u"%1 must not be empty"_s.arg(key));
        return text;
    }

    qint64 positiveId(const QString &key)
    {
        if (m_error)
            return 0;
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined()) {
            fail(u"%1 is required"_s.arg(key));
            return 0;
        }
        const qint64 id = value.toInteger(0);
        if (!value.isDouble() || id < 1 || id > kMaxId) {
            fail(u"%1 must be a positive integer"_s.arg(key));
            return 0;
        }
        return id;
    }

    /// An integer in [min, max]; when absent, @p fallback if given, else an error.
    qint64 integer(
        const QString &key, qint64 min, qint64 max, std::optional<qint64> fallback = std::nullopt)
    {
        if (m_error)
            return fallback.value_or(0);
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined()) {
            if (!fallback)
                fail(u"%1 is required"_s.arg(key));
            return fallback.value_or(0);
        }
        const double number = value.toDouble();
        // Range first: converting an out-of-range double to qint64 is undefined behaviour.
        if (!value.isDouble() || number < double(min) || number > double(max)
            || number != double(qint64(number))) {
            fail(u"%1 must be an integer from %2 to %3"_s.arg(key).arg(min).arg(max));
            return fallback.value_or(0);
        }
        return qint64(number);
    }

    QJsonArray array(const QString &key)
    {
        if (m_error)
            return {};
        const QJsonValue value = m_json.value(key);
        if (!value.isArray()) {
            fail(u"%1 must be an array"_s.arg(key));
            return {};
        }
        return value.toArray();
    }

    Role role(const QString &key = u"role"_s)
    {
        const QString name = string(key).value_or(QString());
        if (m_error)
            return Role::Player;
        const std::optional<Role> role = roleFromName(name);
        if (!role) {
            fail(u"%1 must be one of player, checker, admin"_s.arg(key));
            return Role::Player;
        }
        return *role;
    }

    QJsonObject object(const QString &key)
    {
        if (m_error)
            return {};
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined())
            fail(u"%1 is required"_s.arg(key));
        else if (!value.isObject())
            fail(u"%1 must be an object"_s.arg(key));
        return value.toObject();
    }

    void fail(const QString &message)
    {
        if (!m_error)
            m_error = badRequest(message);
    }

    void fail(Error error)
    {
        if (!m_error)
            m_error = std::move(error);
    }

    bool failed() const { return m_error.has_value(); }

    template<typename T> Parsed<T> result(T value) const
    {
        if (m_error)
            return *m_error;
        return value;
    }

private:
    const QJsonObject &m_json;
    std::optional<Error> m_error;
};

} // namespace

QString roleName(Role role)
{
    for (const auto &entry : kRoles) {
        if (entry.role == role)
            return entry.name.toString();
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const auto &entry : kRoles) {
        if (entry.name == name)
            return entry.role;
    }
    return std::nullopt;
}

QString normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

bool isValidEmail(QStringView email)
{
    if (email.isEmpty() || email.size() > limits::EmailMax)
        return false;
    const bool clean
        = allCodePoints(email, [](char32_t cp) { return !QChar::isSpace(cp) && !isControl(cp); });
    if (!clean || email.count(u'@') != 1)
        return false;

    const qsizetype at = email.indexOf(u'@');
    const QStringView local = email.first(at);
    const QStringView domain = email.sliced(at + 1);
    if (local.isEmpty() || local.size() > kEmailLocalMax || local.startsWith(u'.')
        || local.endsWith(u'.')) {
        return false;
    }

    const QList<QStringView> labels = domain.split(u'.');
    if (labels.size() < 2)
        return false;
    for (const QStringView label : labels) {
        const bool ok = !label.isEmpty() && allCodePoints(label, [](char32_t cp) {
            return cp == u'-' || QChar::isLetterOrNumber(cp) || QChar::isMark(cp);
        });
        if (!ok)
            return false;
    }
    return labels.last().toUcs4().size() >= 2;
}

bool isCommonPassword(const QString &password)
{
    static const QSet<QString> passwords = loadCommonPasswords();
    return passwords.contains(password.toCaseFolded());
}

std::optional<Error> checkPassword(
    const QString &password, const QString &email, const QString &displayName)
{
    const qsizetype length = codePointCount(password);
    if (length < limits::PasswordMin)
        return weakPassword(u"password must be at least %1 characters"_s.arg(limits::PasswordMin));
    if (length > limits::PasswordMax)
        return weakPassword(u"password must be at most %1 characters"_s.arg(limits::PasswordMax));
    if (isCommonPassword(password))
        return weakPassword(u"this password is too common"_s);

    const QString address = normalizeEmail(email);
    if (!address.isEmpty() && sameIgnoringCase(password, address))
        return weakPassword(u"password must not be your email address"_s);
    const QString localPart = address.section(u'@', 0, 0);
    if (!localPart.isEmpty() && sameIgnoringCase(password, localPart))
        return weakPassword(u"password must not be the name part of your email address"_s);
    const QString name = displayName.trimmed();
    if (!name.isEmpty() && sameIgnoringCase(password, name))
        return weakPassword(u"password must not be your display name"_s);
    return std::nullopt;
}

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

namespace {
constexpr qint64 kMaxScore = (qint64(1) << 53) - 1;
}

QJsonObject ChallengeReply::toJson() const
{
    return { { u"challengeId"_s, challengeId }, { u"notBeforeMs"_s, notBeforeMs },
        { u"expiresInMs"_s, expiresInMs } };
}

Parsed<ChallengeReply> ChallengeReply::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ChallengeReply reply;
    reply.challengeId = reader.asciiToken(u"challengeId"_s, limits::ChallengeIdMax);
    reply.notBeforeMs = reader.integer(u"notBeforeMs"_s, 0, kMaxScore);
    reply.expiresInMs = reader.integer(u"expiresInMs"_s, 1, kMaxScore);
    return reader.result(std::move(reply));
}

QJsonObject ActionRequest::toJson() const
{
    return { { u"challengeId"_s, challengeId } };
}

Parsed<ActionRequest> ActionRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ActionRequest request;
    request.challengeId = reader.asciiToken(u"challengeId"_s, limits::ChallengeIdMax);
    return reader.result(std::move(request));
}

QJsonObject ActionReply::toJson() const
{
    return { { u"incrementId"_s, incrementId }, { u"delta"_s, delta }, { u"score"_s, score },
        { u"rank"_s, rank } };
}

Parsed<ActionReply> ActionReply::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    ActionReply reply;
    reply.incrementId = reader.positiveId(u"incrementId"_s);
    reply.delta = reader.integer(u"delta"_s, -kMaxScore, kMaxScore);
    reply.score = reader.integer(u"score"_s, -kMaxScore, kMaxScore);
    reply.rank = reader.integer(u"rank"_s, 0, kMaxScore);
    return reader.result(std::move(reply));
}

QJsonObject SubscribeRequest::toJson() const
{
    return { { u"limit"_s, limit } };
}

Parsed<SubscribeRequest> SubscribeRequest::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    SubscribeRequest request;
    request.limit = int(reader.integer(u"limit"_s, limits::LeaderboardLimitMin,
        limits::LeaderboardLimitMax, limits::LeaderboardLimitDefault));
    return reader.result(std::move(request));
}

QJsonObject BoardEntry::toJson() const
{
    return { { u"rank"_s, rank }, { u"userId"_s, userId }, { u"displayName"_s, displayName },
        { u"score"_s, score } };
}

Parsed<BoardEntry> BoardEntry::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    BoardEntry entry;
    entry.rank = reader.integer(u"rank"_s, 1, kMaxScore);
    entry.userId = reader.positiveId(u"userId"_s);
    entry.displayName = reader.string(u"displayName"_s).value_or(QString());
    entry.score = reader.integer(u"score"_s, -kMaxScore, kMaxScore);
    return reader.result(std::move(entry));
}

QJsonObject Leaderboard::toJson() const
{
    QJsonArray rows;
    for (const auto &entry : top)
        rows.append(entry.toJson());
    return { { u"version"_s, version }, { u"top"_s, rows } };
}

Parsed<Leaderboard> Leaderboard::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    Leaderboard board;
    board.version = reader.integer(u"version"_s, 0, kMaxScore);
    const QJsonArray rows = reader.array(u"top"_s);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonValue row = rows.at(i);
        if (!row.isObject()) {
            reader.fail(u"top must hold objects"_s);
            break;
        }
        auto entry = BoardEntry::fromJson(row.toObject());
        if (auto *error = std::get_if<Error>(&entry)) {
            error->message = u"top[%1]: %2"_s.arg(QString::number(i), error->message);
            reader.fail(std::move(*error));
            break;
        }
        board.top.append(std::get<BoardEntry>(entry));
    }
    return reader.result(std::move(board));
}

QJsonObject MeReply::toJson() const
{
    return { { u"rank"_s, rank }, { u"score"_s, score } };
}

Parsed<MeReply> MeReply::fromJson(const QJsonObject &json)
{
    FieldReader reader(json);
    MeReply reply;
    reply.rank = reader.integer(u"rank"_s, 0, kMaxScore);
    reply.score = reader.integer(u"score"_s, -kMaxScore, kMaxScore);
    return reader.result(std::move(reply));
}

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

/// A required reason: trimmed, 1–500 characters.
QString reason(FieldReader &reader, bool required)
{
    const QString text = reader.string(u"reason"_s, required).value_or(QString()).trimmed();
    if (reader.failed())
        return text;
    if (required && text.isEmpty())
        reader.fail(u"reason must not be empty"_s);
    else if (text.size() > limits::ReasonMax)
        reader.fail(u"reason must be at most %1 characters"_s.arg(limits::ReasonMax));
    return text;
}

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

namespace {

/// Parses every element of @p key with T::fromJson; the first problem names the element.
template<typename T> QList<T> parseList(FieldReader &reader, const QString &key)
{
    QList<T> out;
    const QJsonArray array = reader.array(key);
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        auto item = T::fromJson(array.at(i).toObject());
        if (auto *error = std::get_if<Error>(&item)) {
            Error named = *error;
            named.message = u"%1[%2]: %3"_s.arg(key).arg(i).arg(error->message);
            reader.fail(named);
        } else {
            out.append(std::get<T>(item));
        }
    }
    return out;
}

template<typename T> QJsonArray toArray(const QList<T> &items)
{
    QJsonArray array;
    for (const auto &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace

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
