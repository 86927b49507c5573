#pragma once

// The test of the store layer, in two files: tst_store.cpp (the fixture and every store method)
// and tst_storeupgrade.cpp (databases left by older releases, upgraded by SqlStore::open()).
#include "store/sqlstore.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

/// @brief The ids of @p records (flags, ledger or audit entries), in order.
template<typename Record> QList<qint64> idsOf(const QList<Record> &records)
{
    QList<qint64> ids;
    for (const auto &record : records)
        ids.append(record.id);
    return ids;
}

/// @brief Every store method on SQLite and PostgreSQL (global data rows "sqlite" and
/// "postgresql"), through the real SqlStore.
class tst_Store : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void usersAreFoundByIdAndEmailAndVerifiedOnce();
    void duplicateEmailIsRefused();
    void newEmailCodeReplacesTheOldOne();
    void sessionsAreFoundRevokedAndTouched();
    void pendingSignupsOlderThanTheCutOffArePurged();
    void aDeviceIsKnownByItsRecentSessions();
    void incrementsPayOncePerChallengeAndUpdateTotals();
    void ledgerOfAUserIsNewestFirstAndAReversalHappensOnce();
    void storedTotalsMatchTheLedgerAndCanBeRewritten();
    void flagsAreFilteredAndDecided();
    void suspensionIsSetAndCleared();
    void auditLogPagesBackwardsAndIsAppendOnly();
    void firstKeyFingerprintWins();
    void transactionRollsBackWhenItsWorkThrows();

    // tst_storeupgrade.cpp
    void version1DatabaseUpgradesWithNothingLost();
    void version3DatabaseUpgradesWithNothingLostAndRevisionsCounted();

private:
    /// A raw connection to the test's database (beside the store's), for what the store
    /// cannot do; closed by cleanup().
    QSqlDatabase raw();
    std::unique_ptr<scoreboard::server::SqlStore> newStore() const;
    // tst_storeupgrade.cpp
    /// Builds the test's database at schema @p version (as that release left it) with @p rows.
    void buildDatabase(int version, const QStringList &rows);
    /// Every row of each of @p tables.
    QList<QList<QStringList>> snapshot(const QStringList &tables);
    qint64 addUser(const QString &name);

    QString m_engine;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_sqlitePath;
    QString m_postgresUrl;
    QString m_rawName;
    std::unique_ptr<scoreboard::server::SqlStore> m_store;
};
