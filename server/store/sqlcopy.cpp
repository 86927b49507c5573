#include "store/sqlstatement.h"
#include "store/sqlstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;

QList<std::pair<QString, qint64>> SqlStore::copyInto(SqlStore &target)
{
    // Parents before children, so every foreign key finds its row; by the first column (the id),
    // so a reversal comes after the entry it reverses.
    static const char *const tables[] = { "users", "email_codes", "sessions", "events", "seasons",
        "ledger", "scores", "flags", "audit_log" };
    static const char *const withIds[]
        = { "users", "sessions", "events", "ledger", "flags", "audit_log" };
    // A new database already holds the event `main` and its first season (the migration made
    // them); the source's replace them.
    static const char *const madeByMigration[] = { "seasons", "events" };
    if (schemaVersion() != target.schemaVersion())
        throw StoreError("the two databases are at different schema versions");
    QList<std::pair<QString, qint64>> copied;
    target.transaction([&] {
        for (const char *table : tables) {
            if (std::find_if(std::begin(madeByMigration), std::end(madeByMigration),
                    [&](const char *made) { return qstrcmp(made, table) == 0; })
                != std::end(madeByMigration))
                continue;
            Statement count(
                target.db(), u"SELECT COUNT(*) FROM %1"_s.arg(QLatin1StringView(table)));
            count.exec();
            if (count.next() && count.value(0).toLongLong() > 0)
                throw StoreError((u"the target database is not empty (table %1 has rows)"_s.arg(
                                      QLatin1StringView(table)))
                                     .toStdString());
        }
        for (const char *table : madeByMigration)
            execDirect(target.db(), u"DELETE FROM %1"_s.arg(QLatin1StringView(table)));
        for (const char *table : tables) {
            const QString name = QLatin1StringView(table);
            QSqlQuery source(db());
            source.setForwardOnly(true);
            if (!source.exec(u"SELECT * FROM %1 ORDER BY 1"_s.arg(name)))
                fail(u"cannot read %1"_s.arg(name), source.lastError());
            const QSqlRecord record = source.record();
            QStringList columns;
            QStringList marks;
            for (int i = 0; i < record.count(); ++i) {
                columns.append(record.fieldName(i));
                marks.append(u"?"_s);
            }
            QSqlQuery insert(target.db());
            if (!insert.prepare(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(
                    name, columns.join(u", "_s), marks.join(u", "_s))))
                fail(u"cannot write %1"_s.arg(name), insert.lastError());
            qint64 rows = 0;
            while (source.next()) {
                for (int i = 0; i < record.count(); ++i) {
                    const QVariant value = source.value(i);
                    insert.addBindValue(value.isNull() ? QVariant() : value);
                }
                if (!insert.exec())
                    fail(u"cannot write a row of %1"_s.arg(name), insert.lastError());
                ++rows;
            }
            copied.append({ name, rows });
        }
        if (target.m_dialect == Dialect::Postgres) {
            for (const char *table : withIds) {
                execDirect(target.db(),
                    u"SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                    "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)"_s.arg(
                        QLatin1StringView(table)));
            }
        }
    });
    return copied;
}

} // namespace scoreboard::server
