// The console's player page models without a server: the ledger as the activity chart's data
// (time positions, span, deltas) and the selected flag as the pages read it.
#include "flagqueuemodel.h"
#include "playermodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace scoreboard::console;
using namespace scoreboard::protocol;

namespace {

LedgerRow entry(qint64 id, qint64 delta, qint64 atMs, const QString &status = u"counted"_s)
{
    LedgerRow row;
    row.id = id;
    row.delta = delta;
    row.atMs = atMs;
    row.kind = status == u"reversal"_s ? u"reversal"_s : u"action"_s;
    row.status = status;
    return row;
}

Flag flag(qint64 id, qint64 userId, const QString &rule, FlagStatus status)
{
    Flag f;
    f.id = id;
    f.incrementId = id * 10;
    f.userId = userId;
    f.displayName = u"Bot"_s;
    f.rule = rule;
    f.evidence = u"evenly spaced"_s;
    f.status = status;
    return f;
}

/// An `admin.user` reply for user 7 with @p increments (newest first).
QJsonObject page(const QList<LedgerRow> &increments)
{
    PlayerProfile profile;
    profile.user.user = User { 7, u"bot@example.org"_s, u"Bot"_s, Role::Player };
    profile.increments = increments;
    for (const LedgerRow &row : increments)
        profile.score += row.delta;
    profile.ledgerScore = profile.score;
    profile.flags = { flag(3, 7, u"regular_timing"_s, FlagStatus::Open) };
    return profile.toJson();
}

double positionOf(const IncrementModel &model, int row)
{
    return model.data(model.index(row), IncrementModel::TimePositionRole).toDouble();
}

} // namespace

class tst_PlayerModel : public QObject
{
    Q_OBJECT

private slots:
    void chartPlacesEachEntryOnTheTimeAxis();
    void oneEntryStandsInTheMiddle();
    void deltaOfAnEntry();
    void selectedFlagIsAPlainMap();
};

void tst_PlayerModel::chartPlacesEachEntryOnTheTimeAxis()
{
    PlayerModel player;
    QAbstractItemModelTester tester(
        player.increments(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy span(player.increments(), &IncrementModel::timeSpanChanged);
    // Newest first, as the server lists them: 1000, 1500, 2000, 3000 ms.
    player.apply(page({ entry(4, -1, 3000, u"reversal"_s), entry(3, 1, 2000, u"reversed"_s),
        entry(2, 1, 1500), entry(1, 1, 1000) }));
    const IncrementModel &ledger = *player.increments();
    QCOMPARE(ledger.count(), 4);
    QCOMPARE(ledger.firstAtMs(), 1000);
    QCOMPARE(ledger.lastAtMs(), 3000);
    QCOMPARE(span.count(), 1);
    QCOMPARE(positionOf(ledger, 0), 1.0);
    QCOMPARE(positionOf(ledger, 1), 0.5);
    QCOMPARE(positionOf(ledger, 2), 0.25);
    QCOMPARE(positionOf(ledger, 3), 0.0);
    QCOMPARE(
        ledger.roleNames().value(IncrementModel::TimePositionRole), QByteArray("timePosition"));

    player.apply(page({ entry(2, 1, 1500), entry(1, 1, 1000) })); // the span changes
    QCOMPARE(ledger.lastAtMs(), 1500);
    QCOMPARE(span.count(), 2);
    player.clear();
    QCOMPARE(ledger.count(), 0);
    QCOMPARE(ledger.firstAtMs(), 0);
    QCOMPARE(span.count(), 3);
}

void tst_PlayerModel::oneEntryStandsInTheMiddle()
{
    PlayerModel player;
    player.apply(page({ entry(1, 1, 5000) }));
    QCOMPARE(player.increments()->firstAtMs(), player.increments()->lastAtMs());
    QCOMPARE(positionOf(*player.increments(), 0), 0.5);
}

void tst_PlayerModel::deltaOfAnEntry()
{
    PlayerModel player;
    player.apply(page({ entry(30, 3, 2000), entry(29, 1, 1500) }));
    QCOMPARE(player.score(), 4);
    QCOMPARE(player.increments()->deltaOf(30), 3);
    QCOMPARE(player.increments()->deltaOf(29), 1);
    QCOMPARE(player.increments()->deltaOf(99), 0); // not in the ledger
}

void tst_PlayerModel::selectedFlagIsAPlainMap()
{
    FlagQueueModel queue;
    queue.reset({ flag(1, 7, u"manual"_s, FlagStatus::Open),
        flag(2, 8, u"velocity"_s, FlagStatus::Approved) });
    FlagFilterModel open;
    open.setQueue(&queue);
    open.setStatus(u"open"_s);

    const QVariantMap newest = queue.flagAt(0).toMap(); // newest first: flag 2
    QCOMPARE(newest.value(u"id"_s).toLongLong(), 2);
    QCOMPARE(newest.value(u"incrementId"_s).toLongLong(), 20);
    QCOMPARE(newest.value(u"userId"_s).toLongLong(), 8);
    QCOMPARE(newest.value(u"rule"_s).toString(), u"velocity"_s);
    QCOMPARE(newest.value(u"status"_s).toString(), u"approved"_s);
    QCOMPARE(newest.value(u"evidence"_s).toString(), u"evenly spaced"_s);
    QVERIFY(queue.flagAt(2).toMap().isEmpty());
    QVERIFY(queue.flagAt(-1).toMap().isEmpty());

    QCOMPARE(open.count(), 1); // the filtered view's row 0 is flag 1
    QCOMPARE(open.flagAt(0).toMap().value(u"id"_s).toLongLong(), 1);
    QVERIFY(open.flagAt(1).toMap().isEmpty());
}

QTEST_GUILESS_MAIN(tst_PlayerModel)
#include "tst_playermodel.moc"
