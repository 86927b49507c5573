#include "logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcAuth, "scoreboard.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "scoreboard.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "scoreboard.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "scoreboard.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "scoreboard.server", QtInfoMsg)
} // namespace scoreboard::server
