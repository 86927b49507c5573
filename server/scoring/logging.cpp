#include "scoring/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcScore, "scoreboard.score", QtInfoMsg)
} // namespace scoreboard::server
