#pragma once

namespace scoreboard::server {

/// @brief The SQL engines the store runs on; each writes its own text where they differ.
enum class SqlDialect { Sqlite, Postgres };

} // namespace scoreboard::server
