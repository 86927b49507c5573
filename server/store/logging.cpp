#include "store/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcStore, "scoreboard.store", QtInfoMsg)
} // namespace scoreboard::server
