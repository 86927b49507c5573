#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace scoreboard::test {

/// @brief The base URL of the test PostgreSQL server
/// (`postgresql://scoreboard@127.0.0.1:PORT/scoreboard`), read from the file named by the
/// environment variable SCOREBOARD_TEST_PG_URL_FILE, which CTest sets for tests that require the
/// `postgres` fixture (scoreboard_requires_postgres() in tests/postgres/CMakeLists.txt); empty
/// with @p error set if it is missing.
QString postgresBaseUrl(QString *error);

/// @brief A fresh, empty PostgreSQL database for one test; returns its postgresql:// URL, or an
/// empty string with @p error set. Drops the database @p name on the test server (disconnecting
/// whoever still uses it) and creates it again. @p name: 1 to 63 lowercase letters, digits and
/// underscores.
QString freshPostgresDatabase(const QString &name, QString *error);

/// @brief As above, on the PostgreSQL server of @p baseUrl (any postgresql:// URL whose database
/// exists) instead of the test server: for programs given a URL, such as the load benchmark.
QString freshPostgresDatabase(const QString &baseUrl, const QString &name, QString *error);

/// @brief Opens a QPSQL connection to @p url and executes @p statements in order, outside any
/// transaction; false with @p error (naming the failed statement) at the first failure.
/// For example `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname =
/// current_database() AND pid <> pg_backend_pid()` cuts every other connection to the database.
bool runOnPostgres(const QString &url, const QStringList &statements, QString *error);

/// @brief Adds (does not open) a QPSQL connection named @p connectionName configured from the
/// postgresql:// @p url (host, port, user, password, database from the path). The caller opens it
/// and calls QSqlDatabase::removeDatabase(@p connectionName) when done with it.
QSqlDatabase addPostgresConnection(const QString &url, const QString &connectionName);

} // namespace scoreboard::test
