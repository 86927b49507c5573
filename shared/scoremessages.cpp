#include "fieldreader.h"
#include "messages.h"

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

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

} // namespace scoreboard::protocol
