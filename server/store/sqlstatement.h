#pragma once

// Internal to the store layer: the helpers every SqlStore file runs its SQL through.

#include "store/sqldialect.h"
#include "store/storeconnection.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

class QSqlError;

namespace scoreboard::server::sql {

/// @brief Throws StoreError with @p what and the database's message.
[[noreturn]] void fail(const QString &what, const QSqlError &error);

/// @brief A prepared statement that throws StoreError on failure.
class Statement
{
public:
    Statement(const QSqlDatabase &db, const QString &sql);
    /// @brief Binds the next placeholder. A null QString binds "" (for SQL NULL: nullable()).
    Statement &bind(const QVariant &value);
    Statement &exec();
    bool next() { return m_query.next(); }
    QVariant value(int i) const { return m_query.value(i); }
    int affected() const { return m_query.numRowsAffected(); }

private:
    QSqlQuery m_query;
};

/// @brief Runs @p sql unprepared (PostgreSQL cannot prepare DDL or transaction control).
void execDirect(const QSqlDatabase &db, const QString &sql);

/// @brief Runs @p work in one write transaction on @p db; rolls back and rethrows if it throws.
void inTransaction(const QSqlDatabase &db, SqlDialect dialect, const std::function<void()> &work);

/// @brief "1,2,3" for an IN list (numbers only, so safe to splice into SQL).
QString idList(const QList<qint64> &ids);
/// @brief A PostgreSQL array literal of numbers: {1,2,3}.
QString pgArray(const QList<qint64> &values);
/// @brief A PostgreSQL array literal of texts, each quoted: {"a","b\"c"}.
QString pgArray(const QStringList &values);

/// @brief @p value, or SQL NULL (a null BIGINT) when it has none.
QVariant nullable(const std::optional<qint64> &value);
/// @brief @p id, or SQL NULL when it is not a row id (0).
QVariant idOrNull(qint64 id);
/// @brief A nullable BIGINT column.
std::optional<qint64> optionalInt(const QVariant &value);

} // namespace scoreboard::server::sql
