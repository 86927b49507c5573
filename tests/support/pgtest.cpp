#include "pgtest.h"

#include <QAtomicInteger>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace scoreboard::test {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"scoreboard-pgtest-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

/// Runs @p statements on @p url over a connection of its own, removed afterwards.
bool execute(const QString &url, const QStringList &statements, QString *error)
{
    const QString name = uniqueConnectionName();
    bool ok = true;
    {
        QSqlDatabase db = addPostgresConnection(url, name);
        if (!db.isValid()) {
            *error = u"the Qt PostgreSQL driver QPSQL is not available (install libqt6sql6-psql)"_s;
            ok = false;
        } else if (!db.open()) {
            *error = u"cannot connect to %1: %2"_s.arg(url, db.lastError().text());
            ok = false;
        } else {
            for (const QString &statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    *error = u"%1 failed on %2: %3"_s.arg(statement, url, query.lastError().text());
                    ok = false;
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

QString postgresBaseUrl(QString *error)
{
    const QString file = qEnvironmentVariable("SCOREBOARD_TEST_PG_URL_FILE");
    if (file.isEmpty()) {
        *error
            = u"SCOREBOARD_TEST_PG_URL_FILE is not set: run this test through CTest, which starts "
              "the PostgreSQL fixture 'postgres' (tests/postgres/pg-fixture.sh) first, or start "
              "it by hand and point the variable at its url file"_s;
        return {};
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1 (%2): did the CTest fixture 'postgres' (test postgres.start) "
                 "run and succeed?"_s.arg(file, f.errorString());
        return {};
    }
    const QString url = QString::fromUtf8(f.readAll()).trimmed();
    const QUrl parsed(url);
    if (!parsed.isValid() || parsed.scheme() != "postgresql"_L1 || parsed.host().isEmpty()) {
        *error = u"%1 does not hold a postgresql:// URL: '%2'"_s.arg(file, url);
        return {};
    }
    return url;
}

QString freshPostgresDatabase(const QString &name, QString *error)
{
    const QString base = postgresBaseUrl(error);
    if (base.isEmpty())
        return {};
    return freshPostgresDatabase(base, name, error);
}

QString freshPostgresDatabase(const QString &base, const QString &name, QString *error)
{
    static const QRegularExpression valid(u"^[a-z0-9_]{1,63}$"_s);
    if (!valid.match(name).hasMatch()) {
        *error = u"invalid test database name '%1': use 1 to 63 lowercase letters, digits and "
                 "underscores"_s.arg(name);
        return {};
    }
    QUrl url(base);
    if (!url.isValid() || url.scheme() != "postgresql"_L1 || url.host().isEmpty()) {
        *error = u"'%1' is not a postgresql:// URL"_s.arg(base);
        return {};
    }
    if (url.path().mid(1) == name) {
        *error = u"'%1' is the database of the base URL %2; pick another name"_s.arg(name, base);
        return {};
    }
    // WITH (FORCE) (PostgreSQL 13+) disconnects whoever still uses the database.
    if (!execute(base,
            { u"SET client_min_messages = warning"_s, // no NOTICE that it did not exist
                u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(name),
                u"CREATE DATABASE \"%1\""_s.arg(name) },
            error))
        return {};
    url.setPath(u"/"_s + name);
    return url.toString();
}

bool runOnPostgres(const QString &url, const QStringList &statements, QString *error)
{
    return execute(url, statements, error);
}

QSqlDatabase addPostgresConnection(const QString &url, const QString &connectionName)
{
    const QUrl parsed(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    if (!db.isValid())
        return db;
    db.setHostName(parsed.host());
    db.setPort(parsed.port(5432));
    db.setUserName(parsed.userName());
    db.setPassword(parsed.password());
    db.setDatabaseName(parsed.path().mid(1));
    db.setConnectOptions(u"connect_timeout=10"_s);
    return db;
}

} // namespace scoreboard::test
