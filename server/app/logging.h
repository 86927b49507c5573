#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the app library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.server.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcServer) ///< scoreboard.server
} // namespace scoreboard::server
