#include "messagecodec.h"
#include "messages.h"

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

// One field a line, in the order fromJson checks them.
// clang-format off
SCOREBOARD_MESSAGE_CODEC(User,
    SCOREBOARD_FIELD(id, positiveId),
    SCOREBOARD_FIELD(email, email),
    SCOREBOARD_FIELD(displayName, displayName),
    SCOREBOARD_FIELD(role, role))

SCOREBOARD_MESSAGE_CODEC(SignupRequest,
    SCOREBOARD_FIELD(email, email),
    SCOREBOARD_FIELD(password, password),
    SCOREBOARD_FIELD(displayName, displayName))

SCOREBOARD_MESSAGE_CODEC(VerifyRequest,
    SCOREBOARD_FIELD(email, email),
    SCOREBOARD_FIELD(code, code))

SCOREBOARD_MESSAGE_CODEC(ResendRequest, SCOREBOARD_FIELD(email, email))

SCOREBOARD_MESSAGE_CODEC(LoginRequest,
    SCOREBOARD_FIELD(email, email),
    SCOREBOARD_FIELD(password, password),
    SCOREBOARD_FIELD(deviceId, asciiToken(limits::DeviceIdMax)),
    SCOREBOARD_FIELD(deviceName, deviceName),
    SCOREBOARD_FIELD(staffOnly, optionalSwitch))

SCOREBOARD_MESSAGE_CODEC(LoginReply,
    SCOREBOARD_FIELD(token, asciiToken(limits::TokenMax)),
    SCOREBOARD_FIELD(user, object<User>))

SCOREBOARD_MESSAGE_CODEC(ResumeRequest,
    SCOREBOARD_FIELD(token, asciiToken(limits::TokenMax)),
    SCOREBOARD_FIELD(deviceId, asciiToken(limits::DeviceIdMax)))

SCOREBOARD_MESSAGE_CODEC(SessionRevoked, SCOREBOARD_FIELD(reason, nonEmptyText))
// clang-format on

} // namespace scoreboard::protocol
