#pragma once

#include "anticheat/cheatdetector.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "core/ratelimiter.h"
#include "net/connection.h"
#include "scoring/leaderboardhub.h"
#include "scoring/ranking.h"
#include "scoring/scoringsettings.h"
#include "store/storeexecutor.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace scoreboard::server {

class Gateway;

/**
 * @brief Scoring: `score.challenge`, `score.action`, `leaderboard.me`, the append-only ledger
 * and the in-memory ranking.
 *
 * The server alone decides the delta. An action is answered only after its ledger entry is
 * committed; actions arriving while a commit runs are gathered and committed together (group
 * commit), so the number of disk syncs does not grow with the number of actions.
 */
class ScoreService final : public QObject
{
    Q_OBJECT
public:
    /// @param key the server's secret key: challenges are signed with it, so that any node of
    /// one database (they share the key) can check a challenge another node issued.
    ScoreService(const ScoringSettings &settings, const CheatSettings &cheat, QByteArray key,
        StoreExecutor &store, Clock &clock, Metrics &metrics, QObject *parent = nullptr);

    /**
     * @brief Rebuilds scores and ranking from the store, checking the stored totals against the
     * ledger (the ledger wins, and the table is repaired). Blocks; call once at start-up.
     */
    bool load(QString *error);
    void install(Gateway &gateway);

    /// @brief The first @p limit rows of the ranking, for boards.
    QList<protocol::BoardEntry> top(int limit) const;
    LeaderboardHub &hub() { return *m_hub; }
    const Ranking &ranking() const { return m_ranking; }
    int pendingIncrements() const { return int(m_queue.size()); }

    /**
     * @brief Takes a committed total (after a reversal, or from another node) into the ranking
     * and the boards, unless a newer reading of that total is already applied.
     */
    void applyTotal(const ScoreRow &row);
    /// @brief Hides (suspended) or shows a player on every board.
    void setSuspended(qint64 userId, bool suspended);
    /// @brief A player's total as the boards show it (ledger sum less held increments).
    qint64 scoreOf(qint64 userId) const
    {
        const Player p = m_players.value(userId);
        return p.score - p.held;
    }
    /// @brief A player's total in the ledger, held increments included.
    qint64 ledgerScoreOf(qint64 userId) const { return m_players.value(userId).score; }
    /// @brief Where detector findings go (the score-check service records them as flags).
    void setFindingHandler(std::function<void(const Finding &)> handler)
    {
        m_onFinding = std::move(handler);
    }
    /**
     * @brief Under the `hold` policy, keeps a flagged increment off the public boards until it is
     * approved or reversed. Returns whether it is now held (false under `apply`, or if already).
     */
    bool hold(qint64 incrementId, qint64 userId, qint64 delta);
    /// @brief Puts a held increment back on the boards (approved), or forgets it (reversed).
    void release(qint64 incrementId);

private:
    struct Player
    {
        qint64 score = 0;
        qint64 seq = 0;
        QString displayName;
        bool suspended = false;
        qint64 held = 0; ///< points of held increments, off the public boards
        qint64 revision = 0; ///< of the stored total `score` was read from
    };
    /// What a challenge id carries (signed, so nothing about it is kept in memory).
    struct Challenge
    {
        qint64 userId = 0;
        qint64 notBeforeMs = 0;
        qint64 expiresAtMs = 0;
    };
    QString issueChallenge(const Challenge &challenge) const;
    std::optional<Challenge> readChallenge(const QString &id) const;
    struct Pending
    {
        NewIncrement increment;
        QPointer<Connection> connection;
        qint64 requestId = 0;
    };

    void challenge(Connection &connection, qint64 requestId);
    void action(Connection &connection, qint64 requestId, const protocol::ActionRequest &data);
    void me(Connection &connection, qint64 requestId);
    /// @brief Refuses (and returns false) unless the socket is logged in and not suspended.
    bool mayScore(Connection &connection, qint64 requestId);
    void refuse(Connection &connection, qint64 id, protocol::ErrorCode code, const QString &message,
        qint64 retryAfterMs = 0);
    void flush();
    /// @brief Puts a player where their public score says (or off the boards if suspended).
    void place(qint64 userId);
    void report(const Finding &finding, qint64 delta);
    void applyCommitted(const QList<Pending> &batch, const AppendResult &appended);
    Player &player(const Connection &connection);

    const ScoringSettings &m_settings;
    CheatPolicy m_policy;
    StoreExecutor &m_store;
    Clock &m_clock;
    Metrics &m_metrics;
    RateLimiter m_limiter;
    QHash<qint64, Player> m_players;
    Ranking m_ranking;
    QByteArray m_key;
    /// Challenges redeemed on this node, until they expire: a replay is refused at once. The
    /// ledger's unique challenge id refuses replays on other nodes too (at commit).
    QHash<QString, qint64> m_redeemed;
    QList<Pending> m_queue;
    bool m_committing = false;
    QTimer m_sweep;
    std::unique_ptr<LeaderboardHub> m_hub;
    CheatDetector m_detector;
    std::function<void(const Finding &)> m_onFinding;
    QHash<qint64, std::pair<qint64, qint64>> m_held; ///< increment → (user, delta) under `hold`
};

} // namespace scoreboard::server
