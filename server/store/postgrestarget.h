#pragma once

#include <QString>

#include <optional>

namespace scoreboard::server {

/// @brief Where a PostgreSQL database is, read from a `postgresql://` URL.
struct PostgresTarget
{
    QString host; ///< empty: libpq's default (the local socket)
    int port = -1;
    QString user;
    QString password; ///< better left out of the URL: libpq reads PGPASSWORD and ~/.pgpass
    QString database;
    QString options; ///< libpq connection parameters from the query string, `k=v;k=v`

    /// @brief Parses `postgresql://[user[:password]@][host][:port]/database[?param=value&...]`.
    static std::optional<PostgresTarget> fromUrl(const QString &url, QString *error);
};

} // namespace scoreboard::server
