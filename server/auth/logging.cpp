#include "auth/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcAuth, "scoreboard.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMail, "scoreboard.mail", QtInfoMsg)
} // namespace scoreboard::server
