#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the cluster library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.cluster.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcCluster) ///< scoreboard.cluster
} // namespace scoreboard::server
