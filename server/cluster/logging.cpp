#include "cluster/logging.h"

namespace scoreboard::server {
Q_LOGGING_CATEGORY(lcCluster, "scoreboard.cluster", QtInfoMsg)
} // namespace scoreboard::server
