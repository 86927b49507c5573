#pragma once

// Internal to scoreboard_shared: the declarative codec of the payloads in messages.h.
//
// A payload lists each of its fields once, in the order fromJson checks them: the member (whose
// name is the JSON key) and the field's kind (how it is read and checked, and how it is written):
//
//     SCOREBOARD_MESSAGE_CODEC(VerifyRequest,
//         SCOREBOARD_FIELD(email, email),
//         SCOREBOARD_FIELD(code, code))
//
// defines VerifyRequest::toJson() and VerifyRequest::fromJson(). fromJson reads the fields in
// list order with one FieldReader and returns the first problem; toJson writes every field whose
// kind does not leave it out (an optional reason that is empty, an absent id). In the list,
// `Message` names the payload; besides fields it may hold `field(u"key", &Message::member, kind)`
// (a key other than the member's name), `inlined(&Message::member)` (a payload whose fields stand
// at this level of the object) and `check(...)` (a rule over the whole payload, run in its place).
//
// A kind is a value with `M read(FieldReader &, const QString &key) const` and, when the member
// is not written as QJsonValue(member), `std::optional<QJsonValue> write(const M &) const`
// (nothing leaves the field out). The kinds all payloads share are below; one payload's own kind
// (such as a flag's status) lives beside it.

#include "fieldreader.h"

#include <QJsonArray>

#include <optional>
#include <tuple>
#include <type_traits>
#include <variant>

namespace scoreboard::protocol::detail {

/// One field: its key, its member and its kind.
template<typename T, typename M, typename Kind> struct Field
{
    QString key; ///< made once, with the codec
    M T::*member;
    Kind kind;

    void read(FieldReader &reader, T &message) const
    {
        message.*member = static_cast<M>(kind.read(reader, key));
    }
    void write(const T &message, QJsonObject &json) const
    {
        if constexpr (requires { kind.write(message.*member); }) {
            if (std::optional<QJsonValue> value = kind.write(message.*member))
                json.insert(key, *value);
        } else {
            json.insert(key, QJsonValue(message.*member));
        }
    }
};

template<typename T, typename M, typename Kind>
Field<T, M, Kind> field(QStringView key, M T::*member, Kind kind)
{
    return { key.toString(), member, kind };
}

/// A payload whose fields stand at this level of the object (a UserDetails' User): read with
/// its own fromJson, whose error is the whole payload's; written by merging its fields in.
template<typename T, typename M> struct Inlined
{
    M T::*member;

    void read(FieldReader &reader, T &message) const
    {
        Parsed<M> parsed = M::fromJson(reader.json());
        if (auto *error = std::get_if<Error>(&parsed))
            reader.fail(std::move(*error));
        else
            message.*member = std::get<M>(std::move(parsed));
    }
    void write(const T &message, QJsonObject &json) const
    {
        const QJsonObject fields = (message.*member).toJson();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            json.insert(it.key(), it.value());
    }
};

template<typename T, typename M> Inlined<T, M> inlined(M T::*member)
{
    return { member };
}

/// A rule over the whole payload (e.g. "exactly one of two ids"); reads nothing, writes nothing.
template<typename Rule> struct Check
{
    Rule rule;

    template<typename T> void read(FieldReader &reader, T &) const { rule(reader); }
    template<typename T> void write(const T &, QJsonObject &) const { }
};

template<typename Rule> Check<Rule> check(Rule rule)
{
    return { rule };
}

/// The codec of payload T: its steps (fields, inlined payloads, checks), in order.
template<typename T, typename... Steps> class Codec
{
public:
    explicit Codec(Steps... steps)
        : m_steps(std::move(steps)...)
    { }

    QJsonObject write(const T &message) const
    {
        QJsonObject json;
        std::apply([&](const Steps &...step) { (step.write(message, json), ...); }, m_steps);
        return json;
    }

    Parsed<T> read(const QJsonObject &json) const
    {
        FieldReader reader(json);
        T message;
        std::apply([&](const Steps &...step) { (step.read(reader, message), ...); }, m_steps);
        return reader.result(std::move(message));
    }

private:
    std::tuple<Steps...> m_steps;
};

template<typename T, typename... Steps> Codec<T, Steps...> codec(Steps... steps)
{
    return Codec<T, Steps...>(std::move(steps)...);
}

/// Defines Type::toJson() and Type::fromJson() from a list of steps (see the top of this file).
#define SCOREBOARD_MESSAGE_CODEC(Type, ...)                                                        \
    static const auto &codecOf##Type()                                                             \
    {                                                                                              \
        using Message [[maybe_unused]] = Type;                                                     \
        static const auto codec = ::scoreboard::protocol::detail::codec<Type>(__VA_ARGS__);        \
        return codec;                                                                              \
    }                                                                                              \
    QJsonObject Type::toJson() const                                                               \
    {                                                                                              \
        return codecOf##Type().write(*this);                                                       \
    }                                                                                              \
    Parsed<Type> Type::fromJson(const QJsonObject &json)                                           \
    {                                                                                              \
        return codecOf##Type().read(json);                                                         \
    }

/// A field of the payload SCOREBOARD_MESSAGE_CODEC defines, keyed by the member's name.
#define SCOREBOARD_FIELD(member, kind)                                                             \
    ::scoreboard::protocol::detail::field(u"" #member, &Message::member, kind)

// The kinds of field.

/// Reads with one of FieldReader's checks (@p Check); written as it is.
template<auto Check> struct Checked
{
    auto read(FieldReader &reader, const QString &key) const { return (reader.*Check)(key); }
};

/// An id: a positive integer up to 2^53 - 1.
inline constexpr Checked<&FieldReader::positiveId> positiveId;
/// An e-mail address, normalized (lower case, trimmed) and checked.
inline constexpr Checked<&FieldReader::email> email;
/// A display name, trimmed, 1–32 code points without control characters.
inline constexpr Checked<&FieldReader::displayName> displayName;
/// A password as typed, checked for type and wire length only (apply checkPassword()).
inline constexpr Checked<&FieldReader::password> password;
/// A six-digit e-mail code.
inline constexpr Checked<&FieldReader::code> code;
/// A string that must not be empty.
inline constexpr Checked<&FieldReader::nonEmptyString> nonEmptyText;

/// Any string; @c required or not (then empty when absent). Always written.
struct Text
{
    bool required = true;

    QString read(FieldReader &reader, const QString &key) const
    {
        return reader.string(key, required).value_or(QString());
    }
};
inline constexpr Text text { true };
inline constexpr Text optionalText { false };

/// 1 to @c max printable ASCII characters without spaces (tokens, device ids, challenge ids).
struct AsciiToken
{
    qsizetype max;

    QString read(FieldReader &reader, const QString &key) const
    {
        return reader.asciiToken(key, max);
    }
};
constexpr AsciiToken asciiToken(qsizetype max)
{
    return { max };
}

/// An optional device name (at most 64 code points); left out when empty.
struct DeviceName
{
    QString read(FieldReader &reader, const QString &key) const { return reader.deviceName(key); }
    std::optional<QJsonValue> write(const QString &name) const
    {
        return name.isEmpty() ? std::nullopt : std::optional<QJsonValue>(name);
    }
};
inline constexpr DeviceName deviceName;

/// A role by name: player, checker or admin.
struct RoleName
{
    Role read(FieldReader &reader, const QString &key) const { return reader.role(key); }
    std::optional<QJsonValue> write(Role role) const { return roleName(role); }
};
inline constexpr RoleName role;

/// An integer in [min, max]. Required, or with a fallback when absent (then always written), or
/// optional: 0 when absent and left out unless positive.
struct Integer
{
    qint64 min;
    qint64 max;
    std::optional<qint64> fallback;
    bool leftOutUnlessPositive = false;

    qint64 read(FieldReader &reader, const QString &key) const
    {
        return reader.integer(key, min, max, fallback);
    }
    std::optional<QJsonValue> write(qint64 value) const
    {
        if (leftOutUnlessPositive && value <= 0)
            return std::nullopt;
        return QJsonValue(value);
    }
};
constexpr Integer integer(qint64 min, qint64 max)
{
    return { min, max, std::nullopt };
}
constexpr Integer integer(qint64 min, qint64 max, qint64 fallback)
{
    return { min, max, fallback };
}
constexpr Integer optionalInteger(qint64 min, qint64 max)
{
    return { min, max, 0, true };
}

/// An id that may be absent (0 then, and left out when 0).
struct OptionalId
{
    qint64 read(FieldReader &reader, const QString &key) const
    {
        return reader.contains(key) ? reader.positiveId(key) : 0;
    }
    std::optional<QJsonValue> write(qint64 id) const
    {
        return id > 0 ? std::optional<QJsonValue>(id) : std::nullopt;
    }
};
inline constexpr OptionalId optionalId;

/// An id that may be null (0 then, and written as null when 0).
struct NullableId
{
    qint64 read(FieldReader &reader, const QString &key) const
    {
        return reader.value(key).isNull() ? 0 : reader.positiveId(key);
    }
    std::optional<QJsonValue> write(qint64 id) const
    {
        return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
    }
};
inline constexpr NullableId nullableId;

/// Taken as it is, unchecked: for a boolean anything but true is false, for an object anything
/// but an object is an empty one. Always written.
template<typename M> struct Unchecked
{
    M read(FieldReader &reader, const QString &key) const
    {
        if constexpr (std::is_same_v<M, bool>)
            return reader.value(key).toBool();
        else
            return reader.value(key).toObject();
    }
};
inline constexpr Unchecked<bool> boolean;
inline constexpr Unchecked<QJsonObject> anyObject;

/// An optional boolean that must be true or false when given; written only when true.
struct OptionalSwitch
{
    bool read(FieldReader &reader, const QString &key) const
    {
        const QJsonValue value = reader.value(key);
        if (value.isUndefined())
            return false;
        if (!value.isBool())
            reader.fail(u"%1 must be true or false"_s.arg(key));
        return value.toBool();
    }
    std::optional<QJsonValue> write(bool on) const
    {
        return on ? std::optional<QJsonValue>(true) : std::nullopt;
    }
};
inline constexpr OptionalSwitch optionalSwitch;

/// The reason of a staff request: trimmed, at most limits::ReasonMax characters; a required one
/// must not be empty, an optional one is left out when empty.
struct Reason
{
    bool required = true;

    QString read(FieldReader &reader, const QString &key) const
    {
        const QString text = reader.string(key, required).value_or(QString()).trimmed();
        if (reader.failed())
            return text;
        if (required && text.isEmpty())
            reader.fail(u"%1 must not be empty"_s.arg(key));
        else if (text.size() > limits::ReasonMax)
            reader.fail(u"%1 must be at most %2 characters"_s.arg(key).arg(limits::ReasonMax));
        return text;
    }
    std::optional<QJsonValue> write(const QString &reason) const
    {
        if (!required && reason.isEmpty())
            return std::nullopt;
        return reason;
    }
};
inline constexpr Reason reason { true };
inline constexpr Reason optionalReason { false };

/// An optional name of at most @c max characters (an event's slug, an action's kind as a client
/// names them); empty when absent, and left out when empty. Whether such a thing exists is the
/// server's business (event_unknown, action_unknown), not the codec's.
struct OptionalName
{
    qsizetype max;

    QString read(FieldReader &reader, const QString &key) const
    {
        const QString name = reader.string(key, false).value_or(QString());
        if (!reader.failed() && name.size() > max)
            reader.fail(u"%1 must be at most %2 characters"_s.arg(key).arg(max));
        return name;
    }
    std::optional<QJsonValue> write(const QString &name) const
    {
        return name.isEmpty() ? std::nullopt : std::optional<QJsonValue>(name);
    }
};
constexpr OptionalName optionalName(qsizetype max)
{
    return { max };
}

/// A time on the wire (ISO 8601) that may be null or absent: milliseconds since the epoch, 0
/// for none; written as null when 0.
struct NullableTime
{
    qint64 read(FieldReader &reader, const QString &key) const
    {
        const QJsonValue value = reader.value(key);
        if (value.isUndefined() || value.isNull())
            return 0;
        const qint64 ms = value.isString() ? wireTimeMs(value.toString()) : 0;
        if (ms <= 0)
            reader.fail(u"%1 must be an ISO 8601 time such as 2026-12-24T18:00:00Z, or null"_s.arg(key));
        return ms;
    }
    std::optional<QJsonValue> write(qint64 ms) const
    {
        return ms > 0 ? QJsonValue(wireTime(ms)) : QJsonValue(QJsonValue::Null);
    }
};
inline constexpr NullableTime nullableTime;

/// A payload M that may be absent (then left out).
template<typename M> struct OptionalObject
{
    std::optional<M> read(FieldReader &reader, const QString &key) const
    {
        if (!reader.contains(key) || reader.value(key).isNull())
            return std::nullopt;
        const QJsonObject json = reader.object(key);
        if (reader.failed())
            return std::nullopt;
        Parsed<M> parsed = M::fromJson(json);
        if (auto *error = std::get_if<Error>(&parsed)) {
            error->message = u"%1: %2"_s.arg(key, error->message);
            reader.fail(std::move(*error));
            return std::nullopt;
        }
        return std::get<M>(std::move(parsed));
    }
    std::optional<QJsonValue> write(const std::optional<M> &value) const
    {
        return value ? std::optional<QJsonValue>(value->toJson()) : std::nullopt;
    }
};
template<typename M> inline constexpr OptionalObject<M> optionalObject;

/// A payload M as an object of its own; its problems are named "key: …".
template<typename M> struct Object
{
    M read(FieldReader &reader, const QString &key) const
    {
        const QJsonObject json = reader.object(key);
        if (reader.failed())
            return M {};
        Parsed<M> parsed = M::fromJson(json);
        if (auto *error = std::get_if<Error>(&parsed)) {
            error->message = u"%1: %2"_s.arg(key, error->message);
            reader.fail(std::move(*error));
            return M {};
        }
        return std::get<M>(std::move(parsed));
    }
    std::optional<QJsonValue> write(const M &value) const { return value.toJson(); }
};
template<typename M> inline constexpr Object<M> object;

/// An array of payloads M; the first problem names its element, "key[i]: …". With
/// @c objectsOnly an element that is not an object is "key must hold objects"; otherwise it is
/// read as an empty object. With @c optional an absent key is an empty list (a field a newer
/// version added).
template<typename M> struct List
{
    bool objectsOnly = false;
    bool optional = false;

    QList<M> read(FieldReader &reader, const QString &key) const
    {
        QList<M> items;
        if (optional && reader.value(key).isUndefined())
            return items;
        const QJsonArray array = reader.array(key);
        for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
            const QJsonValue element = array.at(i);
            if (objectsOnly && !element.isObject()) {
                reader.fail(u"%1 must hold objects"_s.arg(key));
                break;
            }
            Parsed<M> item = M::fromJson(element.toObject());
            if (auto *error = std::get_if<Error>(&item)) {
                error->message = u"%1[%2]: %3"_s.arg(key, QString::number(i), error->message);
                reader.fail(std::move(*error));
            } else {
                items.append(std::get<M>(std::move(item)));
            }
        }
        return items;
    }
    std::optional<QJsonValue> write(const QList<M> &items) const
    {
        QJsonArray array;
        for (const M &item : items)
            array.append(item.toJson());
        return array;
    }
};
template<typename M> inline constexpr List<M> list { false };
template<typename M> inline constexpr List<M> objectList { true };
template<typename M> inline constexpr List<M> optionalList { false, true };

} // namespace scoreboard::protocol::detail
