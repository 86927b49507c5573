// The PostgreSQL test fixture (pg-fixture.sh, started by CTest) and the helpers in pgtest.h.
#include "pgtest.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace scoreboard::test;

namespace {

/// One query's first column of the first row on @p url (empty on error, with @p error set).
QString scalar(const QString &url, const QString &sql, QString *error)
{
    const QString name = u"tst_pgfixture-scalar"_s;
    QString result;
    {
        QSqlDatabase db = addPostgresConnection(url, name);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0).toString();
            else
                *error = u"%1: %2"_s.arg(sql, query.lastError().text());
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

class TestPgFixture : public QObject
{
    Q_OBJECT
private slots:
    void baseUrl();
    void freshDatabasesAreSeparateAndEmpty();
    void invalidNamesAreRefused();
    void synchronousCommitIsOn();
    void terminatingOtherBackends();
};

void TestPgFixture::baseUrl()
{
    QString error;
    const QString base = postgresBaseUrl(&error);
    QVERIFY2(!base.isEmpty(), qPrintable(error));
    const QUrl url(base);
    QCOMPARE(url.scheme(), u"postgresql"_s);
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QCOMPARE(url.userName(), u"scoreboard"_s);
    QCOMPARE(url.path(), u"/scoreboard"_s);
    QVERIFY(url.port() > 0);
    QCOMPARE(scalar(base, u"SELECT current_user"_s, &error), u"scoreboard"_s);
}

void TestPgFixture::freshDatabasesAreSeparateAndEmpty()
{
    QString error;
    const QString a = freshPostgresDatabase(u"pgfixture_a"_s, &error);
    QVERIFY2(!a.isEmpty(), qPrintable(error));
    const QString b = freshPostgresDatabase(u"pgfixture_b"_s, &error);
    QVERIFY2(!b.isEmpty(), qPrintable(error));
    QCOMPARE(QUrl(a).path(), u"/pgfixture_a"_s);
    QCOMPARE(QUrl(b).path(), u"/pgfixture_b"_s);
    QCOMPARE(QUrl(a).port(), QUrl(b).port());

    QVERIFY2(runOnPostgres(a,
                 { u"CREATE TABLE scores (player text PRIMARY KEY, points integer NOT NULL)"_s,
                     u"INSERT INTO scores VALUES ('ada', 3), ('bob', 5)"_s },
                 &error),
        qPrintable(error));
    const QString tablesSql
        = u"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"_s;
    QCOMPARE(scalar(a, u"SELECT sum(points) FROM scores"_s, &error), u"8"_s);
    QCOMPARE(scalar(a, tablesSql, &error), u"1"_s);
    QCOMPARE(scalar(b, tablesSql, &error), u"0"_s);

    // Fresh again, even with a connection still open on it: empty.
    const QString holder = u"tst_pgfixture-holder"_s;
    {
        QSqlDatabase db = addPostgresConnection(a, holder);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QCOMPARE(freshPostgresDatabase(u"pgfixture_a"_s, &error), a);
        QCOMPARE(scalar(a, tablesSql, &error), u"0"_s);
    }
    QSqlDatabase::removeDatabase(holder);
}

void TestPgFixture::invalidNamesAreRefused()
{
    for (const QString &name :
        { u"Upper"_s, u"with-dash"_s, u"quote\""_s, u""_s, QString(64, u'a'), u"scoreboard"_s }) {
        QString error;
        QVERIFY2(freshPostgresDatabase(name, &error).isEmpty(), qPrintable(name));
        QVERIFY(!error.isEmpty());
    }
}

void TestPgFixture::synchronousCommitIsOn()
{
    QString error;
    const QString url = freshPostgresDatabase(u"pgfixture_settings"_s, &error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    QCOMPARE(scalar(url, u"SHOW synchronous_commit"_s, &error), u"on"_s);
    QCOMPARE(scalar(url, u"SHOW fsync"_s, &error), u"on"_s);
    QCOMPARE(scalar(url, u"SHOW server_encoding"_s, &error), u"UTF8"_s);
    QVERIFY(scalar(url, u"SHOW max_connections"_s, &error).toInt() >= 200);
}

void TestPgFixture::terminatingOtherBackends()
{
    QString error;
    const QString url = freshPostgresDatabase(u"pgfixture_terminate"_s, &error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));

    const QString victim = u"tst_pgfixture-victim"_s;
    {
        QSqlDatabase db = addPostgresConnection(url, victim);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery before(db);
        QVERIFY2(before.exec(u"SELECT 1"_s), qPrintable(before.lastError().text()));

        QVERIFY2(runOnPostgres(url,
                     { u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()"_s },
                     &error),
            qPrintable(error));

        // pg_terminate_backend() only signals; the backend goes a moment later.
        QSqlError lost;
        for (int i = 0; i < 50 && !lost.isValid(); ++i) {
            QSqlQuery after(db);
            if (after.exec(u"SELECT 1"_s))
                QTest::qWait(100);
            else
                lost = after.lastError();
        }
        QVERIFY2(lost.isValid(), "a query on the terminated connection still succeeded");
        qInfo() << "the terminated connection's next query failed:" << lost.text();
        QTRY_COMPARE_WITH_TIMEOUT(scalar(url,
                                      u"SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                      "current_database() AND pid <> pg_backend_pid()"_s,
                                      &error),
            u"0"_s, 5000);
    }
    QSqlDatabase::removeDatabase(victim);
}

QTEST_GUILESS_MAIN(TestPgFixture)
#include "tst_pgfixture.moc"
