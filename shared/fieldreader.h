#pragma once

// Internal to scoreboard_shared: the payload reader and text checks the message codecs share
// (messagecodec.h).

#include "messages.h"

#include <QChar>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <variant>

namespace scoreboard::protocol::detail {

using namespace Qt::StringLiterals;

constexpr qint64 kMaxId = (qint64(1) << 53) - 1; ///< JSON numbers are exact up to 2^53
constexpr qint64 kMaxScore = kMaxId;
constexpr qsizetype kPasswordWireMax = 1024;

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

qsizetype codePointCount(const QString &text);
bool isControl(char32_t codePoint);
bool hasNoControlCharacters(QStringView text);
bool isPrintableAscii(QStringView text);
Error badRequest(const QString &message);

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

    const QJsonObject &json() const { return m_json; }
    QJsonValue value(const QString &key) const { return m_json.value(key); }
    bool contains(const QString &key) const { return m_json.contains(key); }

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
        const QString name = normalizeDisplayName(string(key).value_or(QString()));
        if (m_error)
            return name;
        const qsizetype length = codePointCount(name);
        if (length < limits::DisplayNameMin || length > limits::DisplayNameMax) {
            fail(u"%1 must be between %2 and %3 characters"_s.arg(key)
                     .arg(limits::DisplayNameMin)
                     .arg(limits::DisplayNameMax));
        } else if (!hasNoControlCharacters(name)) {
            fail(u"%1 must not contain control characters"_s.arg(key));
        } else if (!isValidDisplayName(name)) {
            fail(u"%1 must not contain invisible formatting characters"_s.arg(key));
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

} // namespace scoreboard::protocol::detail
