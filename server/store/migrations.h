#pragma once

#include "store/sqldialect.h"

#include <QSqlDatabase>

namespace scoreboard::server {

/**
 * @brief The store's schema as numbered migrations, each written out for both dialects.
 *
 * Version 1: `users`, `email_codes`, `sessions`. 2: `ledger`, `scores`. 3: `flags`, `audit_log`
 * and the append-only guards of the ledger and the audit log. 4: `scores.revision` (computed from
 * the ledger) and `cluster_settings`. 5: `events` and `seasons`; the ledger, the totals and the
 * flags gain the event and season (what existed is `main`, season 1). The applied versions are recorded in `schema_migrations`.
 * Released migrations are never edited: a change is a new version.
 */
class Migrations
{
public:
    /// @brief Migrations on the open connection @p db of dialect @p dialect.
    Migrations(QSqlDatabase db, SqlDialect dialect);

    /// @brief The newest schema version.
    static int latestVersion();

    /// @brief The database's schema version (0 before the first migration; the version table
    /// must exist, as it does after migrateTo()).
    int version() const;

    /**
     * @brief Applies, in one transaction, every migration above the database's version up to
     * @p target (no further, so a test can build a database as an older release left it).
     * Nodes migrating one PostgreSQL database together take turns. Throws StoreError.
     */
    void migrateTo(int target);

private:
    void createVersionTable() const;

    QSqlDatabase m_db;
    SqlDialect m_dialect;
};

} // namespace scoreboard::server
