#include "moderation/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcAdmin, "scoreboard.admin", QtInfoMsg)
} // namespace scoreboard::server
