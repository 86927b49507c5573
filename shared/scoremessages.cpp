#include "messagecodec.h"
#include "messages.h"

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

// One field a line, in the order fromJson checks them.
// clang-format off
SCOREBOARD_MESSAGE_CODEC(ChallengeRequest,
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(action, optionalName(limits::ActionKindMax)))

SCOREBOARD_MESSAGE_CODEC(ChallengeReply,
    SCOREBOARD_FIELD(challengeId, asciiToken(limits::ChallengeIdMax)),
    SCOREBOARD_FIELD(notBeforeMs, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(expiresInMs, integer(1, kMaxScore)),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(action, optionalName(limits::ActionKindMax)),
    SCOREBOARD_FIELD(points, optionalInteger(1, limits::ActionPointsMax)))

SCOREBOARD_MESSAGE_CODEC(ActionRequest,
    SCOREBOARD_FIELD(challengeId, asciiToken(limits::ChallengeIdMax)))

SCOREBOARD_MESSAGE_CODEC(ActionReply,
    SCOREBOARD_FIELD(incrementId, positiveId),
    SCOREBOARD_FIELD(delta, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(rank, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)))

SCOREBOARD_MESSAGE_CODEC(SubscribeRequest,
    SCOREBOARD_FIELD(limit,
        integer(limits::LeaderboardLimitMin, limits::LeaderboardLimitMax,
            limits::LeaderboardLimitDefault)),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(around, optionalInteger(0, limits::AroundMax)))

SCOREBOARD_MESSAGE_CODEC(BoardEntry,
    SCOREBOARD_FIELD(rank, integer(1, kMaxScore)),
    SCOREBOARD_FIELD(userId, positiveId),
    SCOREBOARD_FIELD(displayName, text),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)))

SCOREBOARD_MESSAGE_CODEC(BoardMe,
    SCOREBOARD_FIELD(rank, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)),
    SCOREBOARD_FIELD(around, objectList<BoardEntry>))

SCOREBOARD_MESSAGE_CODEC(Leaderboard,
    SCOREBOARD_FIELD(version, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(top, objectList<BoardEntry>),
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)),
    SCOREBOARD_FIELD(season, optionalInteger(1, kMaxScore)),
    SCOREBOARD_FIELD(me, optionalObject<BoardMe>))

SCOREBOARD_MESSAGE_CODEC(MeRequest,
    SCOREBOARD_FIELD(event, optionalName(limits::SlugMax)))

SCOREBOARD_MESSAGE_CODEC(MeReply,
    SCOREBOARD_FIELD(rank, integer(0, kMaxScore)),
    SCOREBOARD_FIELD(score, integer(-kMaxScore, kMaxScore)))
// clang-format on

} // namespace scoreboard::protocol
