#include "anticheat/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcCheat, "scoreboard.cheat", QtInfoMsg)
} // namespace scoreboard::server
