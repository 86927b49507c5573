#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <deque>
#include <utility>

namespace scoreboard::server {

/// @brief What a flag does to the public boards until staff decide.
enum class CheatPolicy {
    Apply, ///< flagged increments count until reversed (default)
    Hold, ///< flagged increments stay off the public boards until approved
};

/// @brief Thresholds of the anti-cheat rules (config section `[cheat]`, see docs/anti-cheat.md).
struct CheatSettings
{
    // Velocity: at most N actions in each window. (Simulated people peak at about 35 / 121 / 901
    // in tst_cheat; a sustained 5 actions/s exceeds the 10 s limit within 10 s.)
    int velocity10sMax = 40;
    int velocity60sMax = 150;
    int velocity600sMax = 1200;
    // Burst: this many actions within burstWindowMs.
    int burstCount = 8;
    int burstWindowMs = 1000;
    // Machine-regular timing: coefficient of variation of the last N intervals below this.
    // 0.20, not 0.12: a bot jittering each tick of its clock by ±15 % shows a CV of about 0.12
    // (up to 0.18) over 30 intervals; simulated people never went below 0.27.
    int regularSamples = 30;
    double regularMaxCv = 0.20;
    // Population outlier: score gained in the last window vs the population, robust z-score
    // (0.6745 * (x - median) / MAD) above this, with at least minPopulation active players.
    int outlierWindowMs = 60'000;
    // 20, not 10: with 10 to 15 players left (the end of a session) one person still playing
    // while the rest pause reached a robust z of 7; from 20 players on, people stay below 4.
    double outlierMinRobustZ = 8.0;
    int outlierMinPopulation = 20;
    qint64 outlierMinGain = 200;
    // Refused-request patterns: this many too_fast/challenge_used/challenge_unknown/
    // challenge_expired in the window.
    int refusalCount = 10;
    int refusalWindowMs = 60'000;
    // Lockstep: accounts from one address whose actions fall within lockstepToleranceMs of each
    // other at least lockstepMatches times in a row.
    int lockstepToleranceMs = 40;
    int lockstepMatches = 15;
    // One flag per user and rule per cooldown.
    int cooldownMs = 300'000;
    CheatPolicy policy = CheatPolicy::Apply; ///< `[cheat] policy`
};

/// @brief One accepted increment, as the detectors see it.
struct ActionEvent
{
    qint64 userId = 0;
    qint64 incrementId = 0;
    qint64 atMs = 0;
    qint64 delta = 0;
    QString address;
    qint64 eventId = 1; ///< the event the action counts in
};

/// @brief One refused scoring request (`too_fast`, `challenge_used`, `challenge_unknown`, …).
struct RefusalEvent
{
    qint64 userId = 0;
    qint64 atMs = 0;
    QString code;
    QString address;
};

/// @brief What a rule found: who, which increment, the rule, and the evidence in words a
/// checker understands plus the raw figures (thresholds included).
struct Finding
{
    qint64 userId = 0;
    qint64 incrementId = 0; ///< the increment that tripped the rule (0 for refusal patterns)
    QString rule; ///< velocity, burst, regular_timing, outlier, refusals, lockstep
    QString evidence; ///< e.g. "42 actions in 10 s, limit 30"
    QJsonObject figures;
    qint64 eventId = 1; ///< the event and season of the increment (set by scoring)
    qint64 season = 1;
};

/**
 * @brief The anti-cheat rules, run on every accepted increment and refused request. Cheap:
 * bounded per-user history, O(history) per event, no I/O. Never changes a score; it only reports.
 *
 * Velocity counts a player's actions over every event together; bursts, regular timing and the
 * outlier rule look at one event at a time (the outlier rule against that event's players);
 * refusals and lockstep are per account and address.
 */
class CheatDetector
{
public:
    explicit CheatDetector(const CheatSettings &settings);

    QList<Finding> onAction(const ActionEvent &event);
    QList<Finding> onRefusal(const RefusalEvent &event);
    /// @brief Forgets history older than every window (call now and then).
    void prune(qint64 nowMs);

private:
    enum Rule : int { Velocity, Burst, RegularTiming, Outlier, Refusals, Lockstep, RuleCount };

    struct RefusalEntry
    {
        qint64 atMs = 0;
        int kind = 0;
    };
    struct GainBucket
    {
        qint64 startMs = 0; ///< bucket start (atMs rounded down to the bucket width)
        qint64 points = 0;
    };
    /// Everything known about one account; every container is bounded (see cheatdetector.cpp).
    struct UserState
    {
        std::deque<qint64> times; ///< accepted actions, ascending
        std::deque<GainBucket> gains; ///< points gained, per bucket, inside outlierWindowMs
        qint64 gainSum = 0;
        std::deque<RefusalEntry> refusals; ///< counted refusals inside refusalWindowMs
        qint64 lastSeenMs = 0;
        std::array<qint64, RuleCount> lastFindingMs {}; ///< set to "never" on creation
    };
    struct RecentAction
    {
        qint64 atMs = 0;
        qint64 userId = 0;
        qint64 seq = 0;
        qint64 incrementId = 0;
    };
    struct AddressUser
    {
        qint64 seq = 0; ///< actions of this account from this address so far
        qint64 lastMs = 0;
    };
    /// Two accounts of one address: the last pair of their actions matched with each other.
    struct PairState
    {
        qint64 loSeq = -1; ///< the lower user id's action of the last match
        qint64 hiSeq = -1;
        int streak = 0;
        qint64 lastMatchMs = 0;
    };
    struct AddressState
    {
        std::deque<RecentAction> recent; ///< actions within lockstepToleranceMs of the newest
        QHash<qint64, AddressUser> users;
        QHash<std::pair<qint64, qint64>, PairState> pairs;
        qint64 lastSeenMs = 0;
    };

    bool mayReport(const UserState &user, Rule rule, qint64 nowMs) const;
    void report(QList<Finding> &out, UserState &user, Finding finding, Rule rule, qint64 nowMs);
    void checkVelocity(QList<Finding> &out, UserState &user, const ActionEvent &event);
    void checkBurst(QList<Finding> &out, UserState &user, const ActionEvent &event);
    void checkRegularTiming(QList<Finding> &out, UserState &user, const ActionEvent &event);
    /// The outlier rule's figures of one event's players, recomputed at most every second.
    struct Population
    {
        bool valid = false;
        qint64 atMs = 0;
        int size = 0;
        double median = 0;
        double mad = 0;
        double scale = 1; ///< robust standard deviation: MAD / 0.6745 or its fallback
        QString scaleMethod;
    };
    /// The players of one event: their actions in it, and the event's population.
    struct EventPlayers
    {
        QHash<qint64, UserState> players;
        Population population;
    };

    void checkOutlier(QList<Finding> &out, EventPlayers &event, UserState &user,
        const ActionEvent &action);
    void checkLockstep(QList<Finding> &out, const ActionEvent &event);
    void refreshPopulation(EventPlayers &event, qint64 nowMs);
    void trimUser(UserState &user, qint64 nowMs) const;
    /// @brief @p userId's state in @p states, made on first use.
    static UserState &userState(QHash<qint64, UserState> &states, qint64 userId);
    /// @brief Adds the action at @p t to @p user's times (and, with @p withGain, to its gains).
    void record(UserState &user, const ActionEvent &event, bool withGain) const;

    CheatSettings m_settings;
    std::size_t m_historyCap = 1000; ///< most timestamps kept per account
    qint64 m_historyMs = 600'000; ///< oldest timestamp kept per account
    qint64 m_gainBucketMs = 250; ///< granularity of the outlier gain buckets
    qint64 m_idleMs = 600'000; ///< prune() forgets accounts and addresses idle this long
    /// Every account across events: velocity (a player's pace over all events together),
    /// refused requests, lockstep.
    QHash<qint64, UserState> m_accounts;
    /// Per event: bursts, regular timing and the outlier rule look at a player's actions in one
    /// event and compare them with that event's players.
    QHash<qint64, EventPlayers> m_events;
    QHash<QString, AddressState> m_addresses;
};

} // namespace scoreboard::server
