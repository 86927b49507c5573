#include "net/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcNet, "scoreboard.net", QtInfoMsg)
} // namespace scoreboard::server
