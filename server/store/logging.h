#pragma once

#include <QLoggingCategory>

/// @brief The logging categories of the store library (enable with QT_LOGGING_RULES, e.g.
/// `QT_LOGGING_RULES="scoreboard.store.debug=true"`).
namespace scoreboard::server {
Q_DECLARE_LOGGING_CATEGORY(lcStore) ///< scoreboard.store
} // namespace scoreboard::server
