#include "store/sqlstore.h"
#include "store/logging.h"
#include "store/migrations.h"
#include "store/sqlstatement.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace sql;

std::unique_ptr<SqlStore> SqlStore::sqlite(const QString &path)
{
    return std::unique_ptr<SqlStore>(new SqlStore(Dialect::Sqlite, u"QSQLITE"_s, path));
}

std::unique_ptr<SqlStore> SqlStore::postgres(const PostgresTarget &target, const QString &nodeId)
{
    auto store
        = std::unique_ptr<SqlStore>(new SqlStore(Dialect::Postgres, u"QPSQL"_s, target.database));
    store->m_target = target;
    store->m_nodeId = nodeId;
    return store;
}

SqlStore::SqlStore(Dialect dialect, QString driver, QString databaseName)
    : m_dialect(dialect)
    , m_connectionName(u"scoreboard-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_driver(std::move(driver))
    , m_databaseName(std::move(databaseName))
{ }

SqlStore::~SqlStore()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase SqlStore::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void SqlStore::open()
{
    if (!QSqlDatabase::isDriverAvailable(m_driver))
        throw StoreError((u"Qt Sql driver %1 is not installed"_s.arg(m_driver)).toStdString());
    QSqlDatabase database = QSqlDatabase::addDatabase(m_driver, m_connectionName);
    database.setDatabaseName(m_databaseName);
    if (m_dialect == Dialect::Sqlite) {
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    } else {
        database.setHostName(m_target.host);
        database.setPort(m_target.port);
        database.setUserName(m_target.user);
        database.setPassword(m_target.password);
        QString options = m_target.options;
        if (!options.contains(u"connect_timeout="_s))
            options += (options.isEmpty() ? u""_s : u";"_s) + u"connect_timeout=5"_s;
        if (!options.contains(u"application_name="_s))
            options += u";application_name=scoreboard-"_s + m_nodeId;
        database.setConnectOptions(options);
    }
    connect();
    Migrations(db(), m_dialect).migrateTo(Migrations::latestVersion());
}

void SqlStore::connect()
{
    QSqlDatabase database = db();
    if (!database.open()) {
        const QSqlError error = database.lastError();
        database.close();
        fail(u"cannot open database %1"_s.arg(m_databaseName), error);
    }
    if (m_dialect == Dialect::Sqlite) {
        // WAL lets readers run beside the writer; FULL makes each commit durable across a crash
        // of the process and of the machine (see docs/running.md).
        Statement(database, u"PRAGMA journal_mode=WAL"_s).exec();
        Statement(database, u"PRAGMA synchronous=FULL"_s).exec();
        Statement(database, u"PRAGMA foreign_keys=ON"_s).exec();
    } else {
        // Acknowledged means durable: never let a session weaken the server's commit rule.
        execDirect(database, u"SET synchronous_commit = on"_s);
        execDirect(database, u"SET client_min_messages = warning"_s);
        if (m_listener
            && !database.driver()->subscribeToNotification(QString::fromLatin1(cluster::kChannel)))
            fail(u"cannot listen for other nodes"_s, database.driver()->lastError());
    }
}

bool SqlStore::recover()
{
    try {
        ping();
        return false;
    } catch (const StoreError &) { }
    qCWarning(lcStore) << "lost the database connection; connecting again";
    m_transactionDepth = 0;
    db().close();
    connect();
    qCInfo(lcStore) << "database connection restored";
    return true;
}

void SqlStore::listen(std::function<void(Store &, const QString &)> handler)
{
    if (m_dialect != Dialect::Postgres)
        return;
    m_listener = std::move(handler);
    QSqlDriver *driver = db().driver();
    QObject::connect(driver, &QSqlDriver::notification, driver,
        [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
            if (name == QLatin1StringView(cluster::kChannel) && m_listener)
                m_listener(*this, payload.toString());
        });
    if (!driver->subscribeToNotification(QString::fromLatin1(cluster::kChannel)))
        fail(u"cannot listen for other nodes"_s, driver->lastError());
}

void SqlStore::notify(cluster::Message message)
{
    if (m_dialect != Dialect::Postgres)
        return;
    message.node = m_nodeId;
    for (const QString &payload : cluster::encode(message)) {
        Statement(db(), u"SELECT pg_notify(?, ?)"_s)
            .bind(QString::fromLatin1(cluster::kChannel))
            .bind(payload)
            .exec();
    }
}

QString SqlStore::claimKeyFingerprint(const QString &fingerprint)
{
    QString recorded;
    transaction([&] {
        Statement(db(),
            u"INSERT INTO cluster_settings (name, value) VALUES ('key_fingerprint', ?) "
            "ON CONFLICT (name) DO NOTHING"_s)
            .bind(fingerprint)
            .exec();
        Statement q(db(), u"SELECT value FROM cluster_settings WHERE name = 'key_fingerprint'"_s);
        q.exec();
        if (q.next())
            recorded = q.value(0).toString();
    });
    return recorded;
}

int SqlStore::schemaVersion()
{
    return Migrations(db(), m_dialect).version();
}

void SqlStore::ping()
{
    Statement q(db(), u"SELECT 1"_s);
    q.exec();
    if (!q.next())
        throw StoreError("ping returned no row");
}

void SqlStore::transaction(const std::function<void()> &work)
{
    if (m_transactionDepth > 0) {
        work();
        return;
    }
    ++m_transactionDepth;
    try {
        inTransaction(db(), m_dialect, work);
    } catch (...) {
        --m_transactionDepth;
        throw;
    }
    --m_transactionDepth;
}

} // namespace scoreboard::server
