// Anti-cheat rules against scripted cheaters and simulated human players (seeded, reproducible).
// Over 600 lines because the trace generators (people and bots) live beside the rules they test;
// they move to a corpus of their own with the anti-cheat rework (issue 19).
#include "anticheat/cheatdetector.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <vector>

using namespace Qt::StringLiterals;
using namespace scoreboard::server;

namespace {

/// One simulated event: an accepted action, or a refused request when refusalCode is set.
struct SimEvent
{
    qint64 atMs = 0;
    qint64 userId = 0;
    qint64 delta = 10;
    QString address;
    QString refusalCode;
    qint64 eventId = 1; ///< the event the action counts in
};

using Trace = std::vector<SimEvent>;

struct RunResult
{
    std::map<qint64, QList<Finding>> byUser;
    QList<Finding> all;
    qint64 actions = 0;

    bool flagged(qint64 userId, const QString &rule) const
    {
        const auto it = byUser.find(userId);
        return it != byUser.end()
            && std::any_of(it->second.begin(), it->second.end(),
                [&](const Finding &f) { return f.rule == rule; });
    }
    QList<Finding> of(qint64 userId, const QString &rule) const
    {
        QList<Finding> out;
        const auto it = byUser.find(userId);
        if (it != byUser.end()) {
            for (const Finding &f : it->second) {
                if (f.rule == rule)
                    out.append(f);
            }
        }
        return out;
    }
};

/// Feeds @p trace (sorted by time, ties in insertion order) to @p detector, pruning now and then.
RunResult run(CheatDetector &detector, Trace trace, qint64 pruneEveryMs = 10'000)
{
    std::stable_sort(trace.begin(), trace.end(),
        [](const SimEvent &a, const SimEvent &b) { return a.atMs < b.atMs; });
    RunResult result;
    qint64 nextPrune = trace.empty() ? 0 : trace.front().atMs + pruneEveryMs;
    qint64 incrementId = 0;
    for (const SimEvent &e : trace) {
        if (pruneEveryMs > 0 && e.atMs >= nextPrune) {
            detector.prune(e.atMs);
            nextPrune = e.atMs + pruneEveryMs;
        }
        QList<Finding> found;
        if (e.refusalCode.isEmpty()) {
            ++result.actions;
            found = detector.onAction(
                { e.userId, ++incrementId, e.atMs, e.delta, e.address, e.eventId });
        } else {
            found = detector.onRefusal({ e.userId, e.atMs, e.refusalCode, e.address });
        }
        for (const Finding &f : found) {
            result.byUser[f.userId].append(f);
            result.all.append(f);
        }
    }
    return result;
}

RunResult run(Trace trace, const CheatSettings &settings = {})
{
    CheatDetector detector(settings);
    return run(detector, std::move(trace));
}

double uniform(QRandomGenerator &rng, double from, double to)
{
    return from + (to - from) * rng.generateDouble();
}

/// A standard normal deviate (Box–Muller).
double normal(QRandomGenerator &rng)
{
    const double u1 = std::max(1e-12, rng.generateDouble());
    const double u2 = rng.generateDouble();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

QString address(qint64 userId)
{
    return u"198.51.%1.%2"_s.arg(userId / 250 % 250).arg(userId % 250 + 1);
}

/**
 * A person: intervals log-normal (median 600–900 ms, sigma 0.5–0.7, never under 100 ms: the
 * server redeems a challenge 100 ms after issue at the earliest), occasional pauses of 2 s to
 * a minute (log-uniform), short bursts of 3–5 taps 150–250 ms apart, and now and then an
 * expired challenge or a too_fast refusal.
 */
void addHuman(Trace &out, QRandomGenerator &rng, qint64 userId, const QString &addr, qint64 startMs,
    qint64 durationMs, qint64 delta = 10)
{
    const double median = uniform(rng, 600, 900);
    const double sigma = uniform(rng, 0.5, 0.7);
    double t = double(startMs);
    const double end = double(startMs + durationMs);
    auto act = [&] {
        out.push_back({ qint64(t), userId, delta, addr, {} });
        if (rng.generateDouble() < 0.003) {
            out.push_back({ qint64(t) + 50 + rng.bounded(500), userId, 0, addr,
                rng.bounded(2) ? u"challenge_expired"_s : u"too_fast"_s });
        }
    };
    while (t < end) {
        const double r = rng.generateDouble();
        if (r < 0.01) {
            t += std::exp(uniform(rng, std::log(2'000.0), std::log(60'000.0)));
        } else if (r < 0.04) {
            const int taps = 3 + int(rng.bounded(3));
            for (int i = 0; i < taps; ++i) {
                t += uniform(rng, 150, 250);
                act();
            }
            continue;
        }
        t += std::max(100.0, std::exp(std::log(median) + sigma * normal(rng)));
        act();
    }
}

void addFixedBot(Trace &out, qint64 userId, qint64 startMs, qint64 periodMs, int count)
{
    for (int i = 0; i < count; ++i)
        out.push_back({ startMs + i * periodMs, userId, 10, address(userId), {} });
}

/// A bot with uniform jitter of ±jitter×period, either on each interval or on each tick of a
/// fixed clock (the latter makes consecutive intervals vary twice as much).
void addJitteredBot(Trace &out, QRandomGenerator &rng, qint64 userId, qint64 startMs,
    double periodMs, double jitter, bool onTicks, int count)
{
    double t = double(startMs);
    for (int i = 0; i < count; ++i) {
        if (onTicks) {
            const double at = double(startMs) + i * periodMs
                + uniform(rng, -jitter, jitter) * periodMs + periodMs;
            out.push_back({ qint64(at), userId, 10, address(userId), {} });
        } else {
            t += periodMs * (1 + uniform(rng, -jitter, jitter));
            out.push_back({ qint64(t), userId, 10, address(userId), {} });
        }
    }
}

/// Two (or more) accounts on one address acting within ~10 ms of a shared, jittered clock.
void addLockstep(Trace &out, QRandomGenerator &rng, const QList<qint64> &userIds,
    const QString &addr, qint64 startMs, double periodMs, int count)
{
    double base = double(startMs);
    for (int i = 0; i < count; ++i) {
        base += periodMs * (1 + uniform(rng, -0.2, 0.2));
        for (const qint64 id : userIds)
            out.push_back({ qint64(base + uniform(rng, 0, 10)), id, 10, addr, {} });
    }
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

/// A finding a checker can use: evidence in words, figures as numbers.
void verifyFinding(const Finding &f, const QString &rule)
{
    QCOMPARE(f.rule, rule);
    QVERIFY2(!f.evidence.isEmpty(), qPrintable(rule));
    QVERIFY2(!f.figures.isEmpty(), qPrintable(rule));
    qInfo().noquote() << u"  %1 → user %2: %3  %4"_s.arg(
        rule, QString::number(f.userId), f.evidence, json(f.figures));
}

/// The one finding in @p found, checked with verifyFinding(); nothing (a test failure) unless
/// there is exactly one.
std::optional<Finding> onlyFinding(const QList<Finding> &found, const QString &rule)
{
    if (!QTest::qCompare(found.size(), qsizetype(1), "found.size()", "1", __FILE__, __LINE__))
        return std::nullopt;
    verifyFinding(found.first(), rule);
    return found.first();
}

} // namespace

class tst_Cheat : public QObject
{
    Q_OBJECT

private slots:
    void fixedPeriodBot();
    void jitteredBot();
    void burst();
    void velocity();
    void refusals();
    void lockstep();
    void lockstepAmongNatHumans();
    void outlier();
    void outlierMadZero();
    void rulesRunPerEventAndVelocityAcrossEvents();
    void humansRaiseNothing();
    void detectionRates();
    void cooldown();
    void pruneForgetsIdle();
    void boundedCost();
    void humanMargins();
};

void tst_Cheat::fixedPeriodBot()
{
    Trace trace;
    addFixedBot(trace, 7, 1'000, 250, 60);
    const RunResult r = run(trace);
    const auto f = onlyFinding(r.of(7, u"regular_timing"_s), u"regular_timing"_s);
    QVERIFY(f);
    QVERIFY(f->incrementId > 0);
    QVERIFY2(f->evidence.contains(u"250 ms ± 0 ms"_s), qPrintable(f->evidence));
    QVERIFY2(f->evidence.contains(u"30 intervals"_s), qPrintable(f->evidence));
    QVERIFY2(f->evidence.contains(u"variation 0.0%"_s), qPrintable(f->evidence));
    QCOMPARE(f->figures.value(u"meanMs"_s).toDouble(), 250.0);
    QCOMPARE(f->figures.value(u"cv"_s).toDouble(), 0.0);
    QCOMPARE(f->figures.value(u"samples"_s).toInt(), 30);
    // It trips as soon as 30 intervals exist: on the 31st action.
    QCOMPARE(f->incrementId, 31);
}

void tst_Cheat::jitteredBot()
{
    QRandomGenerator rng(401);
    Trace trace;
    addJitteredBot(trace, rng, 8, 0, 400, 0.15, false, 40); // each interval 400 ms ± 15 %
    addJitteredBot(trace, rng, 9, 0, 400, 0.15, true, 40); // each tick of a 400 ms clock ± 15 %
    const RunResult r = run(trace);
    for (const qint64 user : { 8, 9 }) {
        const auto f = onlyFinding(r.of(user, u"regular_timing"_s), u"regular_timing"_s);
        QVERIFY(f);
        const double mean = f->figures.value(u"meanMs"_s).toDouble();
        QVERIFY2(mean > 360 && mean < 440, qPrintable(f->evidence));
        QVERIFY(f->evidence.contains(u"machine-regular"_s));
    }
}

void tst_Cheat::burst()
{
    QRandomGenerator rng(10);
    Trace trace;
    addHuman(trace, rng, 11, address(11), 0, 20'000);
    for (int i = 0; i < 10; ++i) // 10 actions in 300 ms
        trace.push_back({ 25'000 + i * 33, 11, 10, address(11), {} });
    const RunResult r = run(trace);
    const auto f = onlyFinding(r.of(11, u"burst"_s), u"burst"_s);
    QVERIFY(f);
    // The 8th action of the burst trips it: 8 actions within 7 × 33 = 231 ms.
    QCOMPARE(f->evidence, u"8 actions within 231 ms (limit: fewer than 8 in 1000 ms)"_s);
    QCOMPARE(f->figures.value(u"spanMs"_s).toInt(), 231);
    QCOMPARE(f->figures.value(u"limit"_s).toInt(), 8);
    QCOMPARE(f->figures.value(u"windowMs"_s).toInt(), 1000);
}

void tst_Cheat::velocity()
{
    QRandomGenerator rng(5);
    Trace trace;
    double t = 0;
    while (t < 60'000) { // sustained 5/s for a minute, intervals 100–300 ms
        t += uniform(rng, 100, 300);
        trace.push_back({ qint64(t), 12, 10, address(12), {} });
    }
    const RunResult r = run(trace);
    const auto f = onlyFinding(r.of(12, u"velocity"_s), u"velocity"_s);
    QVERIFY(f);
    QCOMPARE(f->evidence, u"41 actions in 10 s, limit 40"_s);
    QCOMPARE(f->figures.value(u"count"_s).toInt(), 41);
    QCOMPARE(f->figures.value(u"windowMs"_s).toInt(), 10'000);
    QCOMPARE(f->figures.value(u"limit"_s).toInt(), 40);
    QVERIFY(!r.flagged(12, u"regular_timing"_s));
}

void tst_Cheat::refusals()
{
    CheatDetector detector(CheatSettings {});
    const QString addr = address(13);
    // Codes that are not about cheating do not count.
    for (int i = 0; i < 20; ++i)
        QVERIFY(detector.onRefusal({ 13, 100 + i, u"not_logged_in"_s, addr }).isEmpty());
    for (int i = 0; i < 7; ++i)
        QVERIFY(detector.onRefusal({ 13, 1'000 + i * 1'000, u"too_fast"_s, addr }).isEmpty());
    QVERIFY(detector.onRefusal({ 13, 9'000, u"challenge_used"_s, addr }).isEmpty());
    QVERIFY(detector.onRefusal({ 13, 10'000, u"challenge_unknown"_s, addr }).isEmpty());
    const auto f
        = onlyFinding(detector.onRefusal({ 13, 11'000, u"challenge_used"_s, addr }), u"refusals"_s);
    QVERIFY(f);
    QCOMPARE(f->userId, 13);
    QCOMPARE(f->incrementId, 0);
    QCOMPARE(f->evidence,
        u"10 refused actions in 60 s (7 too fast, 3 replayed or forged), limit: fewer than 10"_s);
    QCOMPARE(f->figures.value(u"tooFast"_s).toInt(), 7);
    QCOMPARE(f->figures.value(u"replayed"_s).toInt(), 2);
    QCOMPARE(f->figures.value(u"forged"_s).toInt(), 1);
    QCOMPARE(f->figures.value(u"limit"_s).toInt(), 10);

    // Nine in a minute, spread out, never trip it.
    CheatDetector slow(CheatSettings {});
    for (int i = 0; i < 100; ++i)
        QVERIFY(slow.onRefusal({ 14, i * 7'000, u"challenge_expired"_s, addr }).isEmpty());
}

void tst_Cheat::lockstep()
{
    QRandomGenerator rng(700);
    Trace trace;
    const QString addr = u"203.0.113.7"_s;
    addLockstep(trace, rng, { 21, 22 }, addr, 0, 700, 40);
    const RunResult r = run(trace);
    const auto a = onlyFinding(r.of(21, u"lockstep"_s), u"lockstep"_s);
    const auto b = onlyFinding(r.of(22, u"lockstep"_s), u"lockstep"_s);
    QVERIFY(a && b);
    QVERIFY2(a->evidence.contains(u"account 22"_s), qPrintable(a->evidence));
    QVERIFY2(b->evidence.contains(u"account 21"_s), qPrintable(b->evidence));
    QVERIFY(a->evidence.contains(u"within 40 ms"_s));
    QVERIFY(a->evidence.contains(u"15 times in a row"_s));
    QCOMPARE(a->figures.value(u"otherAccounts"_s).toArray(), QJsonArray { 22 });
    QCOMPARE(a->figures.value(u"toleranceMs"_s).toInt(), 40);
    QVERIFY(a->incrementId > 0 && b->incrementId > 0);
    QVERIFY(a->incrementId != b->incrementId);

    // The same pair on different addresses is not lockstep.
    QRandomGenerator rng2(700);
    Trace twin;
    addLockstep(twin, rng2, { 23, 24 }, addr, 0, 700, 40);
    for (SimEvent &e : twin) {
        if (e.userId == 24)
            e.address = address(24);
    }
    QVERIFY(!run(twin).flagged(23, u"lockstep"_s));
}

void tst_Cheat::lockstepAmongNatHumans()
{
    QRandomGenerator rng(33);
    Trace trace;
    const QString nat = u"192.0.2.1"_s;
    for (qint64 id = 100; id < 130; ++id)
        addHuman(trace, rng, id, nat, qint64(rng.bounded(30'000)), 300'000);
    addLockstep(trace, rng, { 31, 32, 33 }, nat, 20'000, 650, 60);
    const RunResult r = run(trace);
    for (const qint64 id : { 31, 32, 33 })
        QVERIFY(onlyFinding(r.of(id, u"lockstep"_s), u"lockstep"_s));
    const QJsonArray others
        = r.of(33, u"lockstep"_s).first().figures.value(u"otherAccounts"_s).toArray();
    QVERIFY(others.contains(31) || others.contains(32));
    for (qint64 id = 100; id < 130; ++id)
        QVERIFY2(!r.byUser.contains(id), qPrintable(QString::number(id)));
}

void tst_Cheat::outlier()
{
    QRandomGenerator rng(60);
    Trace trace;
    for (qint64 id = 1; id <= 30; ++id)
        addHuman(trace, rng, id, address(id), 0, 120'000);
    addHuman(trace, rng, 99, address(99), 0, 120'000, 80); // 80 points per action
    const RunResult r = run(trace);
    const auto f = onlyFinding(r.of(99, u"outlier"_s), u"outlier"_s);
    QVERIFY(f);
    QVERIFY(f->evidence.contains(u"robust z-score"_s));
    QVERIFY(f->figures.value(u"robustZ"_s).toDouble() >= 8.0);
    QVERIFY(f->figures.value(u"population"_s).toInt() >= 10);
    QVERIFY(f->figures.value(u"gain"_s).toInteger() >= 200);
    QCOMPARE(f->figures.value(u"scaleMethod"_s).toString(), u"MAD"_s);
    const double median = f->figures.value(u"median"_s).toDouble();
    const double mad = f->figures.value(u"mad"_s).toDouble();
    const double z = 0.6745 * (double(f->figures.value(u"gain"_s).toInteger()) - median) / mad;
    QVERIFY(std::abs(z - f->figures.value(u"robustZ"_s).toDouble()) < 1e-6);
    for (qint64 id = 1; id <= 30; ++id)
        QVERIFY(!r.byUser.contains(id));

    // Fewer than outlierMinPopulation active players: no comparison is made.
    QRandomGenerator rng2(61);
    Trace few;
    for (qint64 id = 1; id <= 5; ++id)
        addHuman(few, rng2, id, address(id), 0, 120'000);
    addHuman(few, rng2, 99, address(99), 0, 120'000, 80);
    QVERIFY(!run(few).flagged(99, u"outlier"_s));
}

void tst_Cheat::rulesRunPerEventAndVelocityAcrossEvents()
{
    // Ten actions in 300 ms, alternating between two events: five in each is no burst in either.
    Trace split;
    for (int i = 0; i < 10; ++i)
        split.push_back({ 25'000 + i * 33, 11, 10, address(11), {}, 1 + i % 2 });
    QVERIFY(run(split).all.isEmpty());
    // The same ten in one event are one.
    Trace one;
    for (int i = 0; i < 10; ++i)
        one.push_back({ 25'000 + i * 33, 11, 10, address(11), {}, 2 });
    QVERIFY(onlyFinding(run(one).of(11, u"burst"_s), u"burst"_s));

    // A sustained 5 actions/s spread over three events (each action in any of them): under
    // every per-event rule in each, over the velocity limit together.
    QRandomGenerator rng(5);
    Trace spread;
    double t = 0;
    while (t < 60'000) {
        t += uniform(rng, 100, 300);
        spread.push_back({ qint64(t), 12, 10, address(12), {}, 1 + rng.bounded(3) });
    }
    const RunResult r = run(spread);
    QVERIFY(onlyFinding(r.of(12, u"velocity"_s), u"velocity"_s));
    QCOMPARE(r.all.size(), 1);

    // The outlier rule compares a player with the players of their event only: 30 people in
    // event 1, and one player gaining 80 points an action alone in event 2, is no comparison.
    QRandomGenerator rng2(60);
    Trace events;
    for (qint64 id = 1; id <= 30; ++id)
        addHuman(events, rng2, id, address(id), 0, 120'000);
    Trace lone;
    addHuman(lone, rng2, 99, address(99), 0, 120'000, 80);
    for (SimEvent &e : lone)
        e.eventId = 2;
    events.insert(events.end(), lone.begin(), lone.end());
    QVERIFY(!run(events).flagged(99, u"outlier"_s));
}

void tst_Cheat::outlierMadZero()
{
    // 24 players gained exactly 10 points each: MAD is 0 and the spread falls back to the
    // mean absolute deviation.
    CheatDetector detector(CheatSettings {});
    for (qint64 id = 1; id <= 24; ++id)
        QVERIFY(detector.onAction({ id, id, id * 10, 10, address(id) }).isEmpty());
    const auto f
        = onlyFinding(detector.onAction({ 50, 50, 2'000, 300, address(50) }), u"outlier"_s);
    QVERIFY(f);
    const QJsonObject figures = f->figures;
    QCOMPARE(figures.value(u"mad"_s).toDouble(), 0.0);
    QVERIFY(figures.value(u"scaleMethod"_s).toString().startsWith(u"mean absolute deviation"_s));
    // median 10, mean |x − 10| = 290 / 25, spread 1.2533 × that, z = 290 / spread ≈ 19.9
    QVERIFY(
        std::abs(figures.value(u"robustZ"_s).toDouble() - 290.0 / (1.2533 * 290.0 / 25)) < 1e-6);

    // Everybody gained the same: spread floored at 1 point, and nobody stands out.
    CheatDetector same(CheatSettings {});
    for (qint64 id = 1; id <= 30; ++id)
        QVERIFY(same.onAction({ id, id, 5'000 + id, 300, address(id) }).isEmpty());
}

void tst_Cheat::humansRaiseNothing()
{
    // Five populations of 200 players: 5–10 minutes each, arriving over 5 minutes, 20 of each
    // population behind one NAT address. Every one of them acts like a person.
    QRandomGenerator rng(2024);
    std::map<QString, int> byRule;
    int players = 0;
    int flaggedPlayers = 0;
    qint64 actions = 0;
    for (int population = 0; population < 5; ++population) {
        Trace trace;
        const QString nat = u"192.0.2.%1"_s.arg(population + 1);
        for (qint64 i = 0; i < 200; ++i) {
            const qint64 id = population * 1000 + i + 1;
            addHuman(trace, rng, id, i < 20 ? nat : address(id), qint64(rng.bounded(300'000)),
                300'000 + qint64(rng.bounded(300'000)));
        }
        const RunResult r = run(trace);
        players += 200;
        actions += r.actions;
        flaggedPlayers += int(r.byUser.size());
        for (const Finding &f : r.all) {
            ++byRule[f.rule];
            qInfo().noquote() << u"  false flag: %1 user %2: %3"_s.arg(
                f.rule, QString::number(f.userId), f.evidence);
        }
    }
    const double rate = double(flaggedPlayers) / players;
    qInfo().noquote() << u"humans: %1 players, %2 actions, %3 flagged (false-flag rate %4)"_s.arg(
        QString::number(players), QString::number(actions), QString::number(flaggedPlayers),
        QString::number(rate, 'f', 4));
    for (const auto &[rule, n] : byRule)
        qInfo().noquote() << u"  %1: %2 findings"_s.arg(rule).arg(n);
    QVERIFY(players >= 200);
    QVERIFY2(rate <= 0.01, qPrintable(QString::number(rate)));
}

void tst_Cheat::detectionRates()
{
    // Each cheater type, 50 randomized instances, each among a few people in its own detector.
    constexpr int kInstances = 50;
    constexpr qint64 kCheater = 9'999;
    struct Type
    {
        QString name;
        QString rule;
        std::function<void(Trace &, QRandomGenerator &)> make;
    };
    auto withPeople = [](Trace &trace, QRandomGenerator &rng, int n, const QString &nat) {
        for (qint64 id = 1; id <= n; ++id)
            addHuman(trace, rng, id, nat.isEmpty() ? address(id) : nat, qint64(rng.bounded(10'000)),
                120'000);
    };
    const std::vector<Type> types {
        { u"fixed-period bot"_s, u"regular_timing"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 5, {});
                addFixedBot(t, kCheater, qint64(rng.bounded(5'000)), 150 + rng.bounded(1'850), 60);
            } },
        { u"jittered bot (±15 % per interval)"_s, u"regular_timing"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 5, {});
                addJitteredBot(t, rng, kCheater, 0, uniform(rng, 200, 1'500), 0.15, false, 60);
            } },
        { u"jittered bot (±15 % per clock tick)"_s, u"regular_timing"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 5, {});
                addJitteredBot(t, rng, kCheater, 0, uniform(rng, 200, 1'500), 0.15, true, 60);
            } },
        { u"burst"_s, u"burst"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 5, {});
                addHuman(t, rng, kCheater, address(kCheater), 0, 60'000);
                const qint64 at = 20'000 + rng.bounded(20'000);
                const int n = 10 + int(rng.bounded(6));
                const int span = 200 + int(rng.bounded(201));
                for (int i = 0; i < n; ++i)
                    t.push_back({ at + rng.bounded(span), kCheater, 10, address(kCheater), {} });
            } },
        { u"velocity (5/s for 60 s)"_s, u"velocity"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 5, {});
                double at = 0;
                while (at < 60'000) {
                    at += uniform(rng, 100, 300);
                    t.push_back({ qint64(at), kCheater, 10, address(kCheater), {} });
                }
            } },
        { u"refusal spammer"_s, u"refusals"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 5, {});
                addHuman(t, rng, kCheater, address(kCheater), 0, 60'000);
                const int n = 12 + int(rng.bounded(20));
                static const std::array<QString, 3> codes { u"challenge_used"_s,
                    u"challenge_unknown"_s, u"too_fast"_s };
                for (int i = 0; i < n; ++i) {
                    t.push_back({ qint64(rng.bounded(55'000)), kCheater, 0, address(kCheater),
                        codes.at(rng.bounded(3)) });
                }
            } },
        { u"lockstep pair"_s, u"lockstep"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                const QString nat = u"203.0.113.9"_s;
                withPeople(t, rng, 5, nat);
                addLockstep(t, rng, { kCheater, kCheater + 1 }, nat, qint64(rng.bounded(5'000)),
                    uniform(rng, 550, 850), 60);
            } },
        { u"population outlier"_s, u"outlier"_s,
            [&](Trace &t, QRandomGenerator &rng) {
                withPeople(t, rng, 30, {});
                addHuman(t, rng, kCheater, address(kCheater), qint64(rng.bounded(10'000)), 120'000,
                    40 + rng.bounded(61));
            } },
    };

    QRandomGenerator rng(31337);
    int peopleFlagged = 0;
    int people = 0;
    QStringList failures;
    for (const Type &type : types) {
        int detected = 0;
        for (int i = 0; i < kInstances; ++i) {
            Trace trace;
            type.make(trace, rng);
            const RunResult r = run(trace);
            if (r.flagged(kCheater, type.rule))
                ++detected;
            std::set<qint64> ids;
            for (const SimEvent &e : trace)
                ids.insert(e.userId);
            for (const qint64 id : ids) {
                if (id >= kCheater)
                    continue;
                ++people;
                if (r.byUser.contains(id))
                    ++peopleFlagged;
            }
        }
        const double rate = double(detected) / kInstances;
        qInfo().noquote() << u"detection %1 by %2: %3/%4 = %5"_s.arg(type.name, type.rule,
            QString::number(detected), QString::number(kInstances), QString::number(rate, 'f', 2));
        if (rate < 0.95)
            failures.append(type.name);
    }
    const double falseRate = double(peopleFlagged) / people;
    qInfo().noquote() << u"people beside the cheaters: %1 flagged of %2 (%3)"_s.arg(
        QString::number(peopleFlagged), QString::number(people),
        QString::number(falseRate, 'f', 4));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u", "_s)));
    QVERIFY(falseRate <= 0.01);
}

void tst_Cheat::cooldown()
{
    // A 250 ms bot for 7 minutes: machine-regular all along, flagged at 7.75 s and once more
    // when the 300 s cooldown has passed.
    Trace trace;
    addFixedBot(trace, 40, 0, 250, 7 * 60 * 4);
    const RunResult r = run(trace);
    const QList<Finding> found = r.of(40, u"regular_timing"_s);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(1).incrementId - found.at(0).incrementId, 300'000 / 250);

    // A cooling-down rule does not silence another rule.
    CheatSettings settings;
    settings.cooldownMs = 60'000;
    CheatDetector detector(settings);
    int regular = 0;
    int burst = 0;
    for (int i = 0; i < 200; ++i) {
        const qint64 at = i < 100 ? i * 500 : 50'000 + (i - 100) * 50; // then 20 per second
        for (const Finding &f : detector.onAction({ 41, i + 1, at, 10, address(41) })) {
            regular += f.rule == u"regular_timing";
            burst += f.rule == u"burst";
        }
    }
    QCOMPARE(regular, 1); // at 15 s; 50 ms intervals later are regular too, but within a minute
    QCOMPARE(burst, 1);
}

void tst_Cheat::pruneForgetsIdle()
{
    // Two accounts in lockstep for 14 actions (one short of the limit), then both idle for
    // 11 minutes. Without prune() the 15th matched action would complete the streak; after it,
    // the old streak is forgotten and a fresh one starts.
    const QString addr = u"203.0.113.20"_s;
    auto feed = [&](CheatDetector &d, qint64 from, int count, qint64 &incrementId) {
        int findings = 0;
        for (int i = 0; i < count; ++i) {
            const qint64 at = from + i * 1'000 + (i % 3) * 97; // not machine-regular
            findings += int(d.onAction({ 50, ++incrementId, at, 10, addr }).size());
            findings += int(d.onAction({ 51, ++incrementId, at + 5, 10, addr }).size());
        }
        return findings;
    };
    const qint64 resume = 14'000 + 11 * 60'000;
    {
        CheatDetector d(CheatSettings {});
        qint64 inc = 0;
        QCOMPARE(feed(d, 0, 14, inc), 0);
        QCOMPARE(feed(d, resume, 1, inc), 2); // the streak survived the pause
    }
    {
        CheatDetector d(CheatSettings {});
        qint64 inc = 0;
        QCOMPARE(feed(d, 0, 14, inc), 0);
        d.prune(resume - 1);
        QCOMPARE(feed(d, resume, 1, inc), 0); // forgotten
        QCOMPARE(feed(d, resume + 1'000, 13, inc), 0);
        QCOMPARE(feed(d, resume + 14'000, 1, inc), 2); // a fresh streak of 15
    }
    {
        // prune() keeps what is still inside the windows: 7 quick actions, prune, 1 more.
        CheatDetector d(CheatSettings {});
        for (int i = 0; i < 7; ++i)
            QVERIFY(d.onAction({ 52, i + 1, 100'000 + i * 100, 10, address(52) }).isEmpty());
        d.prune(100'700);
        const QList<Finding> found = d.onAction({ 52, 8, 100'700, 10, address(52) });
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().rule, u"burst"_s);
    }
    {
        // ... and an old burst no longer counts once pruned (and past its window).
        CheatDetector d(CheatSettings {});
        for (int i = 0; i < 7; ++i)
            QVERIFY(d.onAction({ 53, i + 1, i * 100, 10, address(53) }).isEmpty());
        d.prune(700'000);
        QVERIFY(d.onAction({ 53, 8, 700'000, 10, address(53) }).isEmpty());
    }
}

void tst_Cheat::boundedCost()
{
    // One account hammering 200 000 actions at 1 ms apart, plus 2 000 accounts acting once a
    // second: history stays capped, so each event costs O(capped history).
    CheatDetector detector(CheatSettings {});
    QElapsedTimer timer;
    timer.start();
    qint64 inc = 0;
    int velocity = 0;
    for (qint64 t = 0; t < 200'000; ++t) {
        for (const Finding &f : detector.onAction({ 1, ++inc, t, 10, address(1) })) {
            if (f.rule == u"velocity") {
                ++velocity;
                QCOMPARE(f.figures.value(u"count"_s).toInt(), 41);
            }
        }
        if (t % 100 == 0) {
            const qint64 id = 2 + (t / 100) % 2'000;
            detector.onAction({ id, ++inc, t, 10, address(id) });
        }
        if (t % 10'000 == 0)
            detector.prune(t);
    }
    QCOMPARE(velocity, 1);
    qInfo().noquote() << u"202 000 events in %1 ms"_s.arg(timer.elapsed());
    QVERIFY(timer.elapsed() < 20'000);
}

void tst_Cheat::humanMargins()
{
    // The figures behind the defaults: 2 000 simulated people against the velocity, burst and
    // regular-timing limits, and bots jittering each clock tick by ±15 % against regularMaxCv.
    const CheatSettings defaults;
    QRandomGenerator rng(2025);
    const std::array<qint64, 3> windows { 10'000, 60'000, 600'000 };
    std::array<qint64, 3> maxCount {};
    qint64 minBurstSpan = std::numeric_limits<qint64>::max();
    double minCv = std::numeric_limits<double>::max();
    const auto n = std::size_t(defaults.regularSamples);
    auto cvOf = [n](const std::vector<qint64> &ts, std::size_t last) {
        double sum = 0;
        double squares = 0;
        for (std::size_t j = last - n + 1; j <= last; ++j)
            sum += double(ts[j] - ts[j - 1]);
        const double mean = sum / double(n);
        for (std::size_t j = last - n + 1; j <= last; ++j)
            squares += std::pow(double(ts[j] - ts[j - 1]) - mean, 2);
        return std::sqrt(squares / double(n - 1)) / mean;
    };
    for (int i = 0; i < 2'000; ++i) {
        Trace trace;
        addHuman(trace, rng, 1, address(1), 0, 300'000 + qint64(rng.bounded(300'000)));
        std::vector<qint64> ts;
        for (const SimEvent &e : trace) {
            if (e.refusalCode.isEmpty())
                ts.push_back(e.atMs);
        }
        std::sort(ts.begin(), ts.end());
        for (std::size_t w = 0; w < windows.size(); ++w) {
            std::size_t first = 0;
            for (std::size_t last = 0; last < ts.size(); ++last) {
                while (ts[first] <= ts[last] - windows.at(w))
                    ++first;
                maxCount.at(w) = std::max(maxCount.at(w), qint64(last - first + 1));
            }
        }
        const auto burst = std::size_t(defaults.burstCount);
        for (std::size_t last = burst - 1; last < ts.size(); ++last)
            minBurstSpan = std::min(minBurstSpan, ts[last] - ts[last + 1 - burst]);
        for (std::size_t last = n; last < ts.size(); ++last)
            minCv = std::min(minCv, cvOf(ts, last));
    }
    double maxBotCv = 0;
    for (int i = 0; i < 2'000; ++i) {
        Trace trace;
        addJitteredBot(trace, rng, 1, 0, uniform(rng, 200, 1'500), 0.15, true, int(n) + 1);
        std::vector<qint64> ts;
        for (const SimEvent &e : trace)
            ts.push_back(e.atMs);
        std::sort(ts.begin(), ts.end());
        maxBotCv = std::max(maxBotCv, cvOf(ts, n));
    }
    qInfo().noquote() << u"people, most actions in 10 s / 60 s / 600 s: %1 / %2 / %3 (limits %4 / "
                         u"%5 / %6); fastest %7 actions: %8 ms (limit %9 ms); lowest variation "
                         u"%10 (limit %11); tick-jittered bots' highest variation %12"_s
                             .arg(maxCount.at(0))
                             .arg(maxCount.at(1))
                             .arg(maxCount.at(2))
                             .arg(defaults.velocity10sMax)
                             .arg(defaults.velocity60sMax)
                             .arg(defaults.velocity600sMax)
                             .arg(defaults.burstCount)
                             .arg(minBurstSpan)
                             .arg(defaults.burstWindowMs)
                             .arg(minCv, 0, 'f', 3)
                             .arg(defaults.regularMaxCv, 0, 'f', 2)
                             .arg(maxBotCv, 0, 'f', 3);
    QVERIFY(maxCount.at(0) <= defaults.velocity10sMax);
    QVERIFY(maxCount.at(1) <= defaults.velocity60sMax);
    QVERIFY(maxCount.at(2) <= defaults.velocity600sMax);
    QVERIFY(minBurstSpan >= defaults.burstWindowMs);
    QVERIFY(minCv >= defaults.regularMaxCv);
    QVERIFY(maxBotCv < defaults.regularMaxCv);
}

QTEST_GUILESS_MAIN(tst_Cheat)
#include "tst_cheat.moc"
