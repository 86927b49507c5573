#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the anticheat library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.cheat.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcCheat) ///< scoreboard.cheat
} // namespace scoreboard::server
