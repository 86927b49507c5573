#include "store/sqlstatement.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace scoreboard::server::sql {

void fail(const QString &what, const QSqlError &error)
{
    throw StoreError((what + u": "_s + error.text()).toStdString());
}

Statement::Statement(const QSqlDatabase &db, const QString &sql)
    : m_query(db)
{
    m_query.setForwardOnly(true);
    if (!m_query.prepare(sql))
        fail(u"prepare failed"_s, m_query.lastError());
}

Statement &Statement::bind(const QVariant &value)
{
    // A null QString means "no text" here, never SQL NULL (that is what nullable() is for).
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query.addBindValue(QString(u""_s));
    else
        m_query.addBindValue(value);
    return *this;
}

Statement &Statement::exec()
{
    if (!m_query.exec())
        fail(u"query failed"_s, m_query.lastError());
    return *this;
}

void execDirect(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        fail(u"statement failed"_s, query.lastError());
}

void inTransaction(const QSqlDatabase &db, SqlDialect dialect, const std::function<void()> &work)
{
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read.
    execDirect(db, dialect == SqlDialect::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    try {
        work();
        execDirect(db, u"COMMIT"_s);
    } catch (...) {
        QSqlQuery rollback(db);
        rollback.exec(u"ROLLBACK"_s);
        throw;
    }
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(u',');
}

QString pgArray(const QList<qint64> &values)
{
    return u'{' + idList(values) + u'}';
}

QString pgArray(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString value : values) {
        value.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        quoted.append(u'"' + value + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> optionalInt(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

} // namespace scoreboard::server::sql
