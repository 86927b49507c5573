#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the auth library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.auth.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcAuth) ///< scoreboard.auth
Q_DECLARE_LOGGING_CATEGORY(lcMail) ///< scoreboard.mail
} // namespace scoreboard::server
