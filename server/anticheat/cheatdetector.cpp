#include "anticheat/cheatdetector.h"
#include "anticheat/logging.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace scoreboard::server {

namespace {

using namespace Qt::StringLiterals;

constexpr qint64 kNever = std::numeric_limits<qint64>::min() / 4;
constexpr std::array<qint64, 3> kVelocityWindowsMs { 10'000, 60'000, 600'000 };
/// At least this many timestamps are kept per account (more if a limit needs it).
constexpr std::size_t kMinHistory = 1000;
/// The outlier population (median, MAD) is recomputed at most this often.
constexpr qint64 kPopulationRefreshMs = 1000;
/// The outlier window is split into about this many gain buckets per account.
constexpr qint64 kGainBuckets = 240;
/// MAD of a normal distribution = 0.6745 standard deviations; mean absolute deviation = 0.7979.
constexpr double kMadToZ = 0.6745;
constexpr double kMeanAdToSigma = 1.2533;

enum RefusalKind : int { TooFast, Replayed, Forged, Expired, NotCounted };

RefusalKind refusalKind(const QString &code)
{
    if (code == u"too_fast")
        return TooFast;
    if (code == u"challenge_used")
        return Replayed;
    if (code == u"challenge_unknown")
        return Forged;
    if (code == u"challenge_expired")
        return Expired;
    return NotCounted;
}

QString ruleName(int rule)
{
    static const std::array<QString, 6> names { u"velocity"_s, u"burst"_s, u"regular_timing"_s,
        u"outlier"_s, u"refusals"_s, u"lockstep"_s };
    return names.at(static_cast<std::size_t>(rule));
}

/// "10 s" for whole seconds, "640 ms" otherwise.
QString duration(qint64 ms)
{
    if (ms >= 1000 && ms % 1000 == 0)
        return u"%1 s"_s.arg(ms / 1000);
    return u"%1 ms"_s.arg(ms);
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

/// The median of @p values (reordered); the mean of the two middle ones for an even count.
double medianOf(std::vector<double> &values)
{
    const std::size_t n = values.size();
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(values.begin(), mid, values.end());
    double median = *mid;
    if (n % 2 == 0)
        median = (median + *std::max_element(values.begin(), mid)) / 2;
    return median;
}

QJsonArray toJson(const QList<qint64> &ids)
{
    QJsonArray array;
    for (const qint64 id : ids)
        array.append(id);
    return array;
}

QString accountList(const QList<qint64> &ids)
{
    QStringList parts;
    for (const qint64 id : ids)
        parts.append(QString::number(id));
    return (ids.size() == 1 ? u"account "_s : u"accounts "_s) + parts.join(u", "_s);
}

} // namespace

CheatDetector::CheatDetector(const CheatSettings &settings)
    : m_settings(settings)
{
    m_settings.regularSamples = std::max(2, m_settings.regularSamples);
    m_settings.burstCount = std::max(2, m_settings.burstCount);
    m_settings.refusalCount = std::max(1, m_settings.refusalCount);
    m_settings.lockstepMatches = std::max(1, m_settings.lockstepMatches);
    m_settings.lockstepToleranceMs = std::max(0, m_settings.lockstepToleranceMs);
    m_settings.outlierWindowMs = std::max(1, m_settings.outlierWindowMs);

    // Timestamps: the last ~1000 or the longest window, whichever is smaller, but never so
    // few that a limit could not be exceeded.
    const int biggestLimit = std::max({ m_settings.velocity10sMax, m_settings.velocity60sMax,
        m_settings.velocity600sMax, m_settings.regularSamples, m_settings.burstCount });
    m_historyCap = std::max(kMinHistory, static_cast<std::size_t>(std::max(0, biggestLimit)) + 1);
    m_historyMs = std::max<qint64>(kVelocityWindowsMs.back(), m_settings.burstWindowMs);
    m_gainBucketMs = std::max<qint64>(1, m_settings.outlierWindowMs / kGainBuckets);
    m_idleMs = std::max({ m_historyMs, qint64(m_settings.outlierWindowMs),
        qint64(m_settings.refusalWindowMs), qint64(m_settings.cooldownMs) });
}

CheatDetector::UserState &CheatDetector::userState(QHash<qint64, UserState> &states, qint64 userId)
{
    auto it = states.find(userId);
    if (it == states.end()) {
        it = states.insert(userId, UserState {});
        it->lastFindingMs.fill(kNever);
    }
    return *it;
}

bool CheatDetector::mayReport(const UserState &user, Rule rule, qint64 nowMs) const
{
    return nowMs - user.lastFindingMs.at(rule) >= m_settings.cooldownMs;
}

void CheatDetector::report(
    QList<Finding> &out, UserState &user, Finding finding, Rule rule, qint64 nowMs)
{
    if (!mayReport(user, rule, nowMs))
        return;
    user.lastFindingMs.at(rule) = nowMs;
    finding.rule = ruleName(rule);
    qCInfo(lcCheat).noquote() << u"user %1 flagged by rule %2 (increment %3): %4"_s.arg(
        QString::number(finding.userId), finding.rule, QString::number(finding.incrementId),
        finding.evidence);
    out.append(std::move(finding));
}

void CheatDetector::trimUser(UserState &user, qint64 nowMs) const
{
    while (!user.times.empty()
        && (user.times.size() > m_historyCap || user.times.front() <= nowMs - m_historyMs))
        user.times.pop_front();
    // A bucket leaves as soon as its start is outside the window, so the gain may miss up to
    // one bucket (outlierWindowMs / 240, 250 ms by default) of the oldest points: harmless.
    while (
        !user.gains.empty() && user.gains.front().startMs <= nowMs - m_settings.outlierWindowMs) {
        user.gainSum -= user.gains.front().points;
        user.gains.pop_front();
    }
    while (
        !user.refusals.empty() && user.refusals.front().atMs <= nowMs - m_settings.refusalWindowMs)
        user.refusals.pop_front();
}

void CheatDetector::record(UserState &user, const ActionEvent &event, bool withGain) const
{
    const qint64 t = event.atMs;
    user.lastSeenMs = std::max(user.lastSeenMs, t);
    // Usually appended; an event that arrives late is sorted in.
    if (user.times.empty() || user.times.back() <= t)
        user.times.push_back(t);
    else
        user.times.insert(std::upper_bound(user.times.begin(), user.times.end(), t), t);
    if (withGain) {
        const qint64 bucket = t - t % m_gainBucketMs;
        if (!user.gains.empty() && user.gains.back().startMs == bucket)
            user.gains.back().points += event.delta;
        else
            user.gains.push_back({ bucket, event.delta });
        user.gainSum += event.delta;
    }
    trimUser(user, user.lastSeenMs);
}

QList<Finding> CheatDetector::onAction(const ActionEvent &event)
{
    QList<Finding> findings;
    {
        // The player's pace over every event together.
        UserState &account = userState(m_accounts, event.userId);
        record(account, event, false);
        checkVelocity(findings, account, event);
    }
    {
        // The player's actions in this event, and this event's players.
        EventPlayers &players = m_events[event.eventId];
        UserState &play = userState(players.players, event.userId);
        record(play, event, true);
        checkBurst(findings, play, event);
        checkRegularTiming(findings, play, event);
        checkOutlier(findings, players, play, event);
    } // the states may dangle after this point: checkLockstep looks accounts up again.
    checkLockstep(findings, event);
    return findings;
}

void CheatDetector::checkVelocity(QList<Finding> &out, UserState &user, const ActionEvent &event)
{
    if (!mayReport(user, Velocity, event.atMs))
        return;
    const std::array<int, 3> limits { m_settings.velocity10sMax, m_settings.velocity60sMax,
        m_settings.velocity600sMax };
    std::array<qint64, 3> counts {};
    int exceeded = -1;
    for (std::size_t i = 0; i < kVelocityWindowsMs.size(); ++i) {
        const auto from = std::upper_bound(
            user.times.begin(), user.times.end(), event.atMs - kVelocityWindowsMs.at(i));
        counts.at(i) = std::distance(from, user.times.end());
        if (exceeded < 0 && counts.at(i) > limits.at(i))
            exceeded = int(i);
    }
    if (exceeded < 0)
        return;
    const auto i = std::size_t(exceeded);
    Finding f;
    f.userId = event.userId;
    f.incrementId = event.incrementId;
    f.evidence = u"%1 actions in %2, limit %3"_s.arg(QString::number(counts.at(i)),
        duration(kVelocityWindowsMs.at(i)), QString::number(limits.at(i)));
    f.figures = QJsonObject {
        { u"count"_s, counts.at(i) },
        { u"windowMs"_s, kVelocityWindowsMs.at(i) },
        { u"limit"_s, limits.at(i) },
        { u"count10s"_s, counts.at(0) },
        { u"count60s"_s, counts.at(1) },
        { u"count600s"_s, counts.at(2) },
        { u"limit10s"_s, limits.at(0) },
        { u"limit60s"_s, limits.at(1) },
        { u"limit600s"_s, limits.at(2) },
    };
    report(out, user, std::move(f), Velocity, event.atMs);
}

void CheatDetector::checkBurst(QList<Finding> &out, UserState &user, const ActionEvent &event)
{
    const auto n = std::size_t(m_settings.burstCount);
    if (user.times.size() < n || !mayReport(user, Burst, event.atMs))
        return;
    const qint64 first = user.times.at(user.times.size() - n);
    const qint64 span = user.times.back() - first;
    if (span >= m_settings.burstWindowMs)
        return;
    Finding f;
    f.userId = event.userId;
    f.incrementId = event.incrementId;
    f.evidence = u"%1 actions within %2 ms (limit: fewer than %1 in %3 ms)"_s.arg(
        QString::number(n), QString::number(span), QString::number(m_settings.burstWindowMs));
    f.figures = QJsonObject {
        { u"count"_s, qint64(n) },
        { u"spanMs"_s, span },
        { u"firstAtMs"_s, first },
        { u"lastAtMs"_s, user.times.back() },
        { u"windowMs"_s, m_settings.burstWindowMs },
        { u"limit"_s, m_settings.burstCount },
    };
    report(out, user, std::move(f), Burst, event.atMs);
}

void CheatDetector::checkRegularTiming(
    QList<Finding> &out, UserState &user, const ActionEvent &event)
{
    const auto n = std::size_t(m_settings.regularSamples);
    if (user.times.size() < n + 1 || !mayReport(user, RegularTiming, event.atMs))
        return;
    // O(regularSamples): mean and sample standard deviation of the last n intervals.
    const std::size_t first = user.times.size() - n - 1;
    double sum = 0;
    for (std::size_t i = first; i + 1 < user.times.size(); ++i)
        sum += double(user.times.at(i + 1) - user.times.at(i));
    const double mean = sum / double(n);
    double squares = 0;
    for (std::size_t i = first; i + 1 < user.times.size(); ++i) {
        const double d = double(user.times.at(i + 1) - user.times.at(i)) - mean;
        squares += d * d;
    }
    const double stddev = std::sqrt(squares / double(n - 1));
    // All n intervals 0 ms (mean 0) is as regular as it gets; the burst rule also sees it.
    const double cv = mean > 0 ? stddev / mean : 0.0;
    if (cv >= m_settings.regularMaxCv)
        return;
    Finding f;
    f.userId = event.userId;
    f.incrementId = event.incrementId;
    f.evidence
        = u"intervals %1 ms ± %2 ms over the last %3 intervals between actions (variation %4%, "
          u"a person varies more than %5%): machine-regular"_s.arg(number(mean, 0),
              number(stddev, 0), QString::number(n), number(cv * 100, 1),
              number(m_settings.regularMaxCv * 100, 0));
    f.figures = QJsonObject {
        { u"samples"_s, qint64(n) },
        { u"meanMs"_s, mean },
        { u"stddevMs"_s, stddev },
        { u"cv"_s, cv },
        { u"maxCv"_s, m_settings.regularMaxCv },
    };
    report(out, user, std::move(f), RegularTiming, event.atMs);
}

// Cost of the outlier rule: each account's gain over the window is kept incrementally (a sum
// plus at most ~240 time buckets), so an action costs O(1) amortised plus the comparison with
// the cached population figures. The median and MAD over all active accounts are recomputed
// at most once per second of event time, with nth_element: O(accounts) per refresh.
void CheatDetector::refreshPopulation(EventPlayers &event, qint64 nowMs)
{
    Population &p = event.population;
    if (p.valid && nowMs >= p.atMs && nowMs - p.atMs < kPopulationRefreshMs)
        return;
    p.valid = true;
    p.atMs = nowMs;
    std::vector<double> gains;
    gains.reserve(std::size_t(event.players.size()));
    for (UserState &user : event.players) {
        trimUser(user, nowMs);
        if (user.gainSum > 0)
            gains.push_back(double(user.gainSum));
    }
    p.size = int(gains.size());
    if (gains.empty())
        return;
    p.median = medianOf(gains);
    double absSum = 0;
    for (double &g : gains) {
        g = std::abs(g - p.median);
        absSum += g;
    }
    p.mad = medianOf(gains);
    // MAD == 0 happens when more than half of the players gained exactly the same (e.g. every
    // one of them one action of 10 points). Then the spread is estimated from the mean
    // absolute deviation (scaled to a standard deviation, 1.2533 × mean |x − median|); if that
    // is 0 too, everybody gained the same and the spread is floored at 1 point. The spread is
    // never below 1 point either way.
    const double meanAd = absSum / double(gains.size());
    if (p.mad > 0) {
        p.scale = p.mad / kMadToZ;
        p.scaleMethod = u"MAD"_s;
    } else if (meanAd > 0) {
        p.scale = kMeanAdToSigma * meanAd;
        p.scaleMethod = u"mean absolute deviation (MAD was 0)"_s;
    } else {
        p.scale = 1;
        p.scaleMethod = u"floor of 1 point (everybody gained the same)"_s;
    }
    p.scale = std::max(1.0, p.scale);
}

void CheatDetector::checkOutlier(
    QList<Finding> &out, EventPlayers &players, UserState &user, const ActionEvent &event)
{
    if (user.gainSum < m_settings.outlierMinGain || !mayReport(user, Outlier, event.atMs))
        return;
    refreshPopulation(players, event.atMs);
    const Population &p = players.population;
    if (p.size < m_settings.outlierMinPopulation)
        return;
    const double gain = double(user.gainSum);
    const double z = (gain - p.median) / p.scale;
    if (z < m_settings.outlierMinRobustZ)
        return;
    Finding f;
    f.userId = event.userId;
    f.incrementId = event.incrementId;
    f.evidence
        = u"gained %1 points in the last %2 while the %3 players active then gained a "
          u"median of %4 points (typical spread %5): robust z-score %6, limit %7"_s.arg(
              QString::number(user.gainSum), duration(m_settings.outlierWindowMs),
              QString::number(p.size), number(p.median, 0), number(p.scale, 0), number(z, 1),
              number(m_settings.outlierMinRobustZ, 1));
    f.figures = QJsonObject {
        { u"gain"_s, user.gainSum },
        { u"windowMs"_s, m_settings.outlierWindowMs },
        { u"population"_s, p.size },
        { u"median"_s, p.median },
        { u"mad"_s, p.mad },
        { u"scale"_s, p.scale },
        { u"scaleMethod"_s, p.scaleMethod },
        { u"robustZ"_s, z },
        { u"minRobustZ"_s, m_settings.outlierMinRobustZ },
        { u"minPopulation"_s, m_settings.outlierMinPopulation },
        { u"minGain"_s, m_settings.outlierMinGain },
    };
    report(out, user, std::move(f), Outlier, event.atMs);
}

// Lockstep: per address, the actions of the last lockstepToleranceMs are kept. A new action is
// matched with the latest action of every other account of the address that falls within the
// tolerance and has not been matched with this account yet. A pair's streak grows only when
// both accounts' consecutive actions (from this address) are matched with each other; any
// action of either account that goes unmatched restarts it. Cost: O(actions of the address
// within the tolerance) per action.
void CheatDetector::checkLockstep(QList<Finding> &out, const ActionEvent &event)
{
    if (event.address.isEmpty())
        return;
    AddressState &address = m_addresses[event.address];
    const qint64 t = event.atMs;
    const qint64 tolerance = m_settings.lockstepToleranceMs;
    address.lastSeenMs = std::max(address.lastSeenMs, t);
    while (!address.recent.empty() && address.recent.front().atMs < address.lastSeenMs - tolerance)
        address.recent.pop_front();

    AddressUser &me = address.users[event.userId];
    const qint64 mySeq = ++me.seq;
    me.lastMs = t;

    struct Tripped
    {
        qint64 userId;
        qint64 incrementId;
        int streak;
    };
    QList<Tripped> tripped;
    for (const RecentAction &other : address.recent) {
        if (other.userId == event.userId || std::abs(t - other.atMs) > tolerance)
            continue;
        const auto it = address.users.constFind(other.userId);
        if (it == address.users.cend() || it->seq != other.seq)
            continue; // not that account's latest action
        const bool iAmLo = event.userId < other.userId;
        PairState &pair = address.pairs[iAmLo ? std::pair(event.userId, other.userId)
                                              : std::pair(other.userId, event.userId)];
        qint64 &mine = iAmLo ? pair.loSeq : pair.hiSeq;
        qint64 &theirs = iAmLo ? pair.hiSeq : pair.loSeq;
        if (theirs == other.seq)
            continue; // already matched with an earlier action of mine
        const bool consecutive = pair.streak > 0 && mine == mySeq - 1 && theirs == other.seq - 1;
        pair.streak = consecutive ? pair.streak + 1 : 1;
        mine = mySeq;
        theirs = other.seq;
        pair.lastMatchMs = t;
        if (pair.streak >= m_settings.lockstepMatches)
            tripped.append({ other.userId, other.incrementId, pair.streak });
    }
    address.recent.push_back({ t, event.userId, mySeq, event.incrementId });
    if (tripped.isEmpty())
        return;

    QList<qint64> group { event.userId };
    int streak = std::numeric_limits<int>::max();
    for (const Tripped &p : tripped) {
        group.append(p.userId);
        streak = std::min(streak, p.streak);
    }
    std::sort(group.begin(), group.end());
    auto flag = [&](qint64 userId, qint64 incrementId) {
        const auto it = m_accounts.find(userId);
        if (it == m_accounts.end() || !mayReport(*it, Lockstep, t))
            return;
        QList<qint64> others = group;
        others.removeAll(userId);
        Finding f;
        f.userId = userId;
        f.incrementId = incrementId;
        f.evidence = u"acted from the same address as %1 within %2 ms of each other %3 times in "
                     u"a row (limit: %4 in a row; people sharing a network act independently): "
                     u"lockstep"_s.arg(accountList(others), QString::number(tolerance),
                         QString::number(streak), QString::number(m_settings.lockstepMatches));
        f.figures = QJsonObject {
            { u"otherAccounts"_s, toJson(others) },
            { u"matchesInARow"_s, streak },
            { u"limit"_s, m_settings.lockstepMatches },
            { u"toleranceMs"_s, tolerance },
            { u"address"_s, event.address },
        };
        report(out, *it, std::move(f), Lockstep, t);
    };
    flag(event.userId, event.incrementId);
    for (const Tripped &p : tripped)
        flag(p.userId, p.incrementId);
}

QList<Finding> CheatDetector::onRefusal(const RefusalEvent &event)
{
    QList<Finding> findings;
    const RefusalKind kind = refusalKind(event.code);
    if (kind == NotCounted)
        return findings;
    UserState &user = userState(m_accounts, event.userId);
    const qint64 t = event.atMs;
    user.lastSeenMs = std::max(user.lastSeenMs, t);
    user.refusals.push_back({ t, kind });
    while (user.refusals.size() > std::max(kMinHistory, std::size_t(m_settings.refusalCount)))
        user.refusals.pop_front();
    trimUser(user, user.lastSeenMs);
    const auto count = qint64(user.refusals.size());
    if (count < m_settings.refusalCount || !mayReport(user, Refusals, t))
        return findings;

    std::array<qint64, 4> byKind {};
    for (const RefusalEntry &r : user.refusals)
        ++byKind.at(std::size_t(r.kind));
    QStringList parts;
    if (byKind.at(TooFast) > 0)
        parts.append(u"%1 too fast"_s.arg(byKind.at(TooFast)));
    if (const qint64 n = byKind.at(Replayed) + byKind.at(Forged); n > 0)
        parts.append(u"%1 replayed or forged"_s.arg(n));
    if (byKind.at(Expired) > 0)
        parts.append(u"%1 expired"_s.arg(byKind.at(Expired)));

    Finding f;
    f.userId = event.userId;
    f.incrementId = 0;
    f.evidence = u"%1 refused actions in %2 (%3), limit: fewer than %4"_s.arg(
        QString::number(count), duration(m_settings.refusalWindowMs), parts.join(u", "_s),
        QString::number(m_settings.refusalCount));
    f.figures = QJsonObject {
        { u"count"_s, count },
        { u"windowMs"_s, m_settings.refusalWindowMs },
        { u"limit"_s, m_settings.refusalCount },
        { u"tooFast"_s, byKind.at(TooFast) },
        { u"replayed"_s, byKind.at(Replayed) },
        { u"forged"_s, byKind.at(Forged) },
        { u"expired"_s, byKind.at(Expired) },
        { u"address"_s, event.address },
    };
    report(findings, user, std::move(f), Refusals, t);
    return findings;
}

void CheatDetector::prune(qint64 nowMs)
{
    const qint64 idleBefore = nowMs - m_idleMs;
    const auto pruneStates = [&](QHash<qint64, UserState> &states) {
        for (auto it = states.begin(); it != states.end();) {
            if (it->lastSeenMs <= idleBefore) {
                it = states.erase(it);
            } else {
                trimUser(*it, nowMs);
                ++it;
            }
        }
    };
    pruneStates(m_accounts);
    for (auto it = m_events.begin(); it != m_events.end();) {
        pruneStates(it->players);
        it->population.valid = false;
        it = it->players.isEmpty() ? m_events.erase(it) : std::next(it);
    }
    for (auto it = m_addresses.begin(); it != m_addresses.end();) {
        AddressState &address = *it;
        if (address.lastSeenMs <= idleBefore) {
            it = m_addresses.erase(it);
            continue;
        }
        while (!address.recent.empty()
            && address.recent.front().atMs < nowMs - m_settings.lockstepToleranceMs)
            address.recent.pop_front();
        address.users.removeIf([&](const auto &u) { return u.value().lastMs <= idleBefore; });
        address.pairs.removeIf([&](const auto &p) {
            return p.value().lastMatchMs <= idleBefore || !address.users.contains(p.key().first)
                || !address.users.contains(p.key().second);
        });
        ++it;
    }
}

} // namespace scoreboard::server
