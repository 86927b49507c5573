#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the scoring library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.score.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcScore) ///< scoreboard.score
} // namespace scoreboard::server
