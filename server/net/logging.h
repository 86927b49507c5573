#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the net library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.net.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcNet) ///< scoreboard.net
} // namespace scoreboard::server
