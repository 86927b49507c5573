#pragma once

#include <QLoggingCategory>

/// @brief One logging category per server subsystem (enable with QT_LOGGING_RULES).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcAuth) ///< scoreboard.auth
Q_DECLARE_LOGGING_CATEGORY(lcStore) ///< scoreboard.store
Q_DECLARE_LOGGING_CATEGORY(lcNet) ///< scoreboard.net
Q_DECLARE_LOGGING_CATEGORY(lcHttp) ///< scoreboard.http
Q_DECLARE_LOGGING_CATEGORY(lcServer) ///< scoreboard.server
} // namespace scoreboard::server
