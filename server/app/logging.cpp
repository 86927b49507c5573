#include "app/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcServer, "scoreboard.server", QtInfoMsg)
} // namespace scoreboard::server
