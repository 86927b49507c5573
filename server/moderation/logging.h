#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the moderation library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.admin.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcAdmin) ///< scoreboard.admin
} // namespace scoreboard::server
