#include "scoring/ranking.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;
using scoreboard::server::Ranking;

using Entry = Ranking::Entry;

namespace scoreboard::server {

char *toString(const Ranking::Entry &entry)
{
    return qstrdup(QByteArray("Entry(user " + QByteArray::number(entry.userId) + ", score "
        + QByteArray::number(entry.score) + ", seq " + QByteArray::number(entry.seq) + ')')
                       .constData());
}

} // namespace scoreboard::server

namespace {

/// The documented order, written out independently of Ranking::Key.
bool ranksBefore(const Entry &a, const Entry &b)
{
    if (a.score != b.score)
        return a.score > b.score;
    if (a.seq != b.seq)
        return a.seq < b.seq;
    return a.userId < b.userId;
}

/// The obvious, slow ranking: a vector kept sorted by ranksBefore.
class NaiveRanking
{
public:
    void set(qint64 userId, qint64 score, qint64 seq)
    {
        remove(userId);
        m_entries.push_back({ userId, score, seq });
        std::sort(m_entries.begin(), m_entries.end(), ranksBefore);
    }
    void remove(qint64 userId)
    {
        std::erase_if(m_entries, [&](const Entry &e) { return e.userId == userId; });
    }
    qint64 rankOf(qint64 userId) const
    {
        const auto it = std::find_if(
            m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.userId == userId; });
        return it == m_entries.end() ? 0 : qint64(it - m_entries.begin()) + 1;
    }
    QList<Entry> top(int n) const
    {
        const auto count = std::min<qsizetype>(n, qsizetype(m_entries.size()));
        return QList<Entry>(m_entries.begin(), m_entries.begin() + count);
    }
    qsizetype size() const { return qsizetype(m_entries.size()); }

private:
    std::vector<Entry> m_entries;
};

struct Op
{
    qint64 userId;
    qint64 score;
    qint64 seq;
};

QList<qint64> userIds(const QList<Entry> &entries)
{
    QList<qint64> ids;
    for (const Entry &entry : entries)
        ids.append(entry.userId);
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(Op)

class tst_Ranking : public QObject
{
    Q_OBJECT

private slots:
    void empty();
    void order_data();
    void order();
    void laterTieRanksBelow();
    void setMovesPlayer();
    void removeClosesUp();
    void entryValues();
    void top_data();
    void top();
    void randomizedAgainstNaive();
};

void tst_Ranking::empty()
{
    Ranking ranking;
    QCOMPARE(ranking.size(), 0);
    QCOMPARE(ranking.rankOf(1), 0);
    QVERIFY(!ranking.entry(1));
    QVERIFY(ranking.top(10).isEmpty());
    ranking.remove(1); // removing an unknown user is harmless
    QCOMPARE(ranking.size(), 0);
}

void tst_Ranking::order_data()
{
    QTest::addColumn<QList<Op>>("ops"); // applied in order with set()
    QTest::addColumn<QList<qint64>>("expected"); // user ids in rank order

    QTest::addRow("higher score first")
        << QList<Op> { { 1, 5, 1 }, { 2, 9, 2 }, { 3, 7, 3 } } << QList<qint64> { 2, 3, 1 };
    QTest::addRow("tie: lower seq first")
        << QList<Op> { { 1, 10, 30 }, { 2, 10, 10 }, { 3, 10, 20 } } << QList<qint64> { 2, 3, 1 };
    QTest::addRow("tie: seq beats user id")
        << QList<Op> { { 1, 10, 2 }, { 9, 10, 1 } } << QList<qint64> { 9, 1 };
    QTest::addRow("tie on score and seq: lower user id first")
        << QList<Op> { { 7, 10, 5 }, { 3, 10, 5 }, { 5, 10, 5 } } << QList<qint64> { 3, 5, 7 };
    QTest::addRow("score beats seq")
        << QList<Op> { { 1, 10, 1 }, { 2, 11, 99 } } << QList<qint64> { 2, 1 };
    QTest::addRow("negative and zero scores")
        << QList<Op> { { 1, -3, 1 }, { 2, 0, 2 }, { 3, -1, 3 } } << QList<qint64> { 2, 3, 1 };
    QTest::addRow("mixed") << QList<Op> { { 10, 3, 4 }, { 11, 5, 6 }, { 12, 3, 2 }, { 13, 5, 1 },
        { 14, 3, 2 } } << QList<qint64> { 13, 11, 12, 14, 10 };
}

void tst_Ranking::order()
{
    QFETCH(QList<Op>, ops);
    QFETCH(QList<qint64>, expected);

    Ranking ranking;
    for (const Op &op : ops)
        ranking.set(op.userId, op.score, op.seq);

    QCOMPARE(ranking.size(), expected.size());
    QCOMPARE(userIds(ranking.top(100)), expected);
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(ranking.rankOf(expected.at(i)), qint64(i + 1));
}

void tst_Ranking::laterTieRanksBelow()
{
    // Alice reaches 10 first; Bob (lower user id) reaches 10 later and stays below her.
    Ranking ranking;
    ranking.set(2, 10, 100); // Alice
    ranking.set(1, 8, 101); // Bob
    QCOMPARE(userIds(ranking.top(2)), (QList<qint64> { 2, 1 }));
    ranking.set(1, 10, 102);
    QCOMPARE(userIds(ranking.top(2)), (QList<qint64> { 2, 1 }));
    QCOMPARE(ranking.rankOf(2), 1);
    QCOMPARE(ranking.rankOf(1), 2);

    // Bob passes her, then she catches up again: now she is the later one.
    ranking.set(1, 11, 103);
    QCOMPARE(ranking.rankOf(1), 1);
    ranking.set(2, 11, 104);
    QCOMPARE(ranking.rankOf(1), 1);
    QCOMPARE(ranking.rankOf(2), 2);
}

void tst_Ranking::setMovesPlayer()
{
    Ranking ranking;
    ranking.set(1, 30, 1);
    ranking.set(2, 20, 2);
    ranking.set(3, 10, 3);
    QCOMPARE(ranking.rankOf(3), 3);

    ranking.set(3, 40, 4); // up to first
    QCOMPARE(ranking.size(), 3); // moved, not duplicated
    QCOMPARE(userIds(ranking.top(10)), (QList<qint64> { 3, 1, 2 }));

    ranking.set(3, 5, 5); // and down to last (e.g. after a reversal)
    QCOMPARE(ranking.size(), 3);
    QCOMPARE(userIds(ranking.top(10)), (QList<qint64> { 1, 2, 3 }));
    QCOMPARE(ranking.rankOf(3), 3);
    QCOMPARE(ranking.entry(3), (Entry { 3, 5, 5 }));

    ranking.set(2, 20, 6); // same score, new seq: the stored seq follows
    QCOMPARE(ranking.entry(2), (Entry { 2, 20, 6 }));
    QCOMPARE(ranking.rankOf(2), 2);
}

void tst_Ranking::removeClosesUp()
{
    Ranking ranking;
    for (qint64 user = 1; user <= 5; ++user)
        ranking.set(user, 100 - user, user); // rank == user id
    ranking.remove(2);
    QCOMPARE(ranking.size(), 4);
    QCOMPARE(ranking.rankOf(2), 0);
    QVERIFY(!ranking.entry(2));
    QCOMPARE(ranking.rankOf(1), 1);
    QCOMPARE(ranking.rankOf(3), 2);
    QCOMPARE(ranking.rankOf(4), 3);
    QCOMPARE(ranking.rankOf(5), 4);
    QCOMPARE(userIds(ranking.top(10)), (QList<qint64> { 1, 3, 4, 5 }));

    ranking.remove(2); // twice is harmless
    ranking.remove(99); // unknown too
    QCOMPARE(ranking.size(), 4);

    ranking.remove(1);
    ranking.remove(5);
    QCOMPARE(userIds(ranking.top(10)), (QList<qint64> { 3, 4 }));
    QCOMPARE(ranking.rankOf(3), 1);

    ranking.set(2, 0, 50); // a removed user can come back
    QCOMPARE(ranking.rankOf(2), 3);
    QCOMPARE(ranking.size(), 3);
}

void tst_Ranking::entryValues()
{
    Ranking ranking;
    ranking.set(42, 7, 1001);
    ranking.set(43, -2, 1002);
    QCOMPARE(ranking.entry(42), (Entry { 42, 7, 1001 }));
    QCOMPARE(ranking.entry(43), (Entry { 43, -2, 1002 }));
    QVERIFY(!ranking.entry(44));
    QCOMPARE(ranking.rankOf(44), 0);
    QCOMPARE(ranking.top(1), (QList<Entry> { { 42, 7, 1001 } }));
}

void tst_Ranking::top_data()
{
    QTest::addColumn<int>("players");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("expectedSize");

    QTest::addRow("n = 0") << 5 << 0 << 0;
    QTest::addRow("n = 1") << 5 << 1 << 1;
    QTest::addRow("n < size") << 5 << 3 << 3;
    QTest::addRow("n = size") << 5 << 5 << 5;
    QTest::addRow("n > size") << 5 << 100 << 5;
    QTest::addRow("empty ranking") << 0 << 10 << 0;
    QTest::addRow("n = 0 on empty") << 0 << 0 << 0;
}

void tst_Ranking::top()
{
    QFETCH(int, players);
    QFETCH(int, n);
    QFETCH(int, expectedSize);

    Ranking ranking;
    for (int i = 1; i <= players; ++i)
        ranking.set(i, i % 2 ? 10 : 20, 100 - i); // ties, and seq against user id order

    const QList<Entry> top = ranking.top(n);
    QCOMPARE(top.size(), qsizetype(expectedSize));
    for (qsizetype i = 0; i < top.size(); ++i) {
        QCOMPARE(ranking.rankOf(top.at(i).userId), qint64(i + 1));
        QCOMPARE(ranking.entry(top.at(i).userId), top.at(i));
        if (i > 0)
            QVERIFY2(ranksBefore(top.at(i - 1), top.at(i)), QByteArray::number(i).constData());
    }
}

void tst_Ranking::randomizedAgainstNaive()
{
    constexpr int kOperations = 2000;
    constexpr int kCheckEvery = 50;
    constexpr int kUsers = 300;

    QRandomGenerator random(1234);
    Ranking ranking;
    NaiveRanking naive;
    qint64 seq = 0;
    int removes = 0;
    int checks = 0;

    for (int op = 1; op <= kOperations; ++op) {
        const qint64 user = random.bounded(1, kUsers + 1);
        if (random.bounded(10) == 0) {
            ranking.remove(user);
            naive.remove(user);
            ++removes;
        } else {
            const qint64 score = random.bounded(51);
            ++seq;
            ranking.set(user, score, seq);
            naive.set(user, score, seq);
        }

        if (op % kCheckEvery != 0)
            continue;
        ++checks;
        const QByteArray where = "after operation " + QByteArray::number(op);
        QVERIFY2(ranking.size() == naive.size(), where.constData());
        QVERIFY2(ranking.top(100) == naive.top(100), where.constData());
        for (int i = 0; i < 20; ++i) {
            const qint64 probe = random.bounded(1, kUsers + 1);
            QVERIFY2(ranking.rankOf(probe) == naive.rankOf(probe),
                (where + ", user " + QByteArray::number(probe) + ": "
                    + QByteArray::number(ranking.rankOf(probe)) + " vs "
                    + QByteArray::number(naive.rankOf(probe)))
                    .constData());
        }
    }

    // The run must have exercised what it claims to: many players, ties and removals.
    QCOMPARE(checks, kOperations / kCheckEvery);
    QVERIFY2(removes > 100, QByteArray::number(removes).constData());
    QVERIFY2(ranking.size() > 200, QByteArray::number(ranking.size()).constData());
    const QList<Entry> top = ranking.top(100);
    QCOMPARE(top.size(), 100);
    QVERIFY(std::adjacent_find(top.begin(), top.end(), [](const Entry &a, const Entry &b) {
        return a.score == b.score;
    }) != top.end());
}

QTEST_GUILESS_MAIN(tst_Ranking)
#include "tst_ranking.moc"
