#include "store/clustermessage.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server::cluster {

namespace {

QString kindName(Message::Kind kind)
{
    switch (kind) {
    case Message::Kind::Scores:
        return u"s"_s;
    case Message::Kind::User:
        return u"u"_s;
    case Message::Kind::FlagNew:
        return u"f+"_s;
    case Message::Kind::FlagUpdated:
        return u"f"_s;
    case Message::Kind::Kick:
        return u"k"_s;
    case Message::Kind::Events:
        return u"e"_s;
    }
    return {};
}

std::optional<Message::Kind> kindFromName(const QString &name)
{
    for (auto kind : { Message::Kind::Scores, Message::Kind::User, Message::Kind::FlagNew,
             Message::Kind::FlagUpdated, Message::Kind::Kick, Message::Kind::Events }) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

bool isToken(const QString &text)
{
    if (text.isEmpty() || text.size() > 64)
        return false;
    for (QChar c : text) {
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'-') || c.unicode() > 127)
            return false;
    }
    return true;
}

} // namespace

QStringList encode(const Message &message)
{
    // "<node> <kind> [<user> <reason>] <id,id,...>"
    QString head = message.node + u' ' + kindName(message.kind) + u' ';
    if (message.kind == Message::Kind::Kick)
        head += QString::number(message.userId) + u' ' + message.reason + u' ';
    QStringList payloads;
    QString current = head;
    bool empty = true;
    for (qint64 id : message.ids) {
        const QString number = QString::number(id);
        if (!empty && current.size() + 1 + number.size() > kMaxPayload) {
            payloads.append(current);
            current = head;
            empty = true;
        }
        if (!empty)
            current += u',';
        current += number;
        empty = false;
    }
    if (!empty || message.kind == Message::Kind::Kick)
        payloads.append(current);
    return payloads;
}

std::optional<Message> decode(const QString &payload)
{
    const QStringList parts = payload.split(u' ');
    if (parts.size() < 3 || !isToken(parts[0]))
        return std::nullopt;
    Message message;
    message.node = parts[0];
    const auto kind = kindFromName(parts[1]);
    if (!kind)
        return std::nullopt;
    message.kind = *kind;
    qsizetype next = 2;
    if (message.kind == Message::Kind::Kick) {
        if (parts.size() < 4)
            return std::nullopt;
        bool ok = false;
        message.userId = parts[2].toLongLong(&ok);
        if (!ok || message.userId <= 0 || !isToken(parts[3]))
            return std::nullopt;
        message.reason = parts[3];
        next = 4;
    }
    if (parts.size() == next)
        return message.kind == Message::Kind::Kick ? std::optional(message) : std::nullopt;
    if (parts.size() != next + 1)
        return std::nullopt;
    for (const QString &text : parts[next].split(u',')) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0)
            return std::nullopt;
        message.ids.append(id);
    }
    return message;
}

} // namespace scoreboard::server::cluster
