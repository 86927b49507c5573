#pragma once

#include "anticheat/cheatdetector.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "core/ratelimiter.h"
#include "net/connection.h"
#include "scoring/boards.h"
#include "scoring/leaderboardhub.h"
#include "scoring/scoringsettings.h"
#include "store/storeexecutor.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace scoreboard::server {

class Gateway;

/**
 * @brief Scoring: `score.challenge`, `score.action`, `leaderboard.me`, `leaderboard.page`, the
 * append-only ledger and the in-memory boards of every event (Boards).
 *
 * The server alone decides the delta: a challenge is bound to an event, its current season and
 * one kind of action of its catalogue, and pays that action's points. An action is answered only
 * after its ledger entry is committed; actions arriving while a commit runs are gathered and
 * committed together (group commit), so the number of disk syncs does not grow with the number
 * of actions. Only a live event takes actions (`event_not_live`).
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

    LeaderboardHub &hub() { return *m_hub; }
    const Boards &boards() const { return m_boards; }
    int pendingIncrements() const { return int(m_queue.size()); }

    /**
     * @brief Takes an event's newer settings, state or season in; a new season empties its board
     * and reads the season's totals committed so far (by other nodes). Returns whether anything
     * changed.
     */
    bool applyEvent(const EventRecord &event);
    /**
     * @brief Takes a committed total (after a reversal, or from another node) into its board,
     * unless a newer reading of that total is already applied. A total of a season this node
     * has not seen start yet asks for the event to be read again (staleEvent()).
     */
    void applyTotal(const ScoreRow &row);
    /// @brief Hides (suspended) or shows a player on every board.
    void setSuspended(qint64 userId, bool suspended);
    /// @brief A player's total in an event's current season as the boards show it (ledger sum
    /// less held increments); event 1 is `main`.
    qint64 scoreOf(qint64 userId, qint64 eventId = 1) const
    {
        const auto *board = m_boards.board(eventId);
        return board ? board->publicScore(userId) : 0;
    }
    /// @brief A player's total in the ledger (current season of @p eventId), held included.
    qint64 ledgerScoreOf(qint64 userId, qint64 eventId = 1) const
    {
        const auto *board = m_boards.board(eventId);
        return board ? board->entries.value(userId).score : 0;
    }
    /**
     * @brief A page of an event's standings (`leaderboard.page`, the HTTP page): the current
     * season from memory, a finished one from the store. Calls @p done with the page, or with
     * the refusal (event_unknown, season_unknown) or a store failure.
     */
    void page(const protocol::PageRequest &request,
        std::function<void(std::variant<protocol::PageReply, protocol::Error>)> done);
    /// @brief Where detector findings go (the score-check service records them as flags).
    void setFindingHandler(std::function<void(const Finding &)> handler)
    {
        m_onFinding = std::move(handler);
    }
    /**
     * @brief Under the `hold` policy, keeps a flagged increment off the public boards until it is
     * approved or reversed. Returns whether it is now held (false under `apply`, or if already).
     */
    bool hold(qint64 incrementId, qint64 userId, qint64 delta, qint64 eventId, qint64 season);
    /// @brief Puts a held increment back on the boards (approved), or forgets it (reversed).
    void release(qint64 incrementId);

signals:
    /// @brief A total of a season this node does not know yet came in: read the event again.
    void staleEvent(qint64 eventId);

private:
    /// @brief A finished season (or a closed event's last) whose page keptPage() reads.
    struct KeptSeason
    {
        QString slug;
        qint64 eventId = 0;
        qint64 season = 0;
    };
    /// @brief What page() answers without the store: the page of a current season, or the
    /// refusal; or the kept season to read from the store.
    std::variant<protocol::PageReply, protocol::Error, KeptSeason> pageOf(
        const protocol::PageRequest &request) const;
    /// @brief A page of a season's kept standings, read from @p store (on the store's thread).
    static std::variant<protocol::PageReply, protocol::Error> keptPage(Store &store,
        const QString &slug, qint64 eventId, qint64 season, qint64 offset, int limit);
    /// What a challenge id carries (signed, so nothing about it is kept in memory).
    struct Challenge
    {
        qint64 userId = 0;
        qint64 notBeforeMs = 0;
        qint64 expiresAtMs = 0;
        qint64 eventId = 0;
        qint64 season = 0;
        qint64 points = 0;
        QString action;
    };
    QString issueChallenge(const Challenge &challenge) const;
    std::optional<Challenge> readChallenge(const QString &id) const;
    struct Pending
    {
        NewIncrement increment;
        QPointer<Connection> connection;
        qint64 requestId = 0;
    };

    void challenge(
        Connection &connection, qint64 requestId, const protocol::ChallengeRequest &data);
    void action(Connection &connection, qint64 requestId, const protocol::ActionRequest &data);
    void me(Connection &connection, qint64 requestId, const protocol::MeRequest &data);
    void pageRequest(
        Connection &connection, qint64 requestId, const protocol::PageRequest &data);
    /// @brief Refuses (and returns false) unless the socket is logged in and not suspended.
    bool mayScore(Connection &connection, qint64 requestId);
    void refuse(Connection &connection, qint64 id, protocol::ErrorCode code, const QString &message,
        qint64 retryAfterMs = 0);
    void flush();
    void report(const Finding &finding, qint64 delta, qint64 eventId, qint64 season);
    void applyCommitted(const QList<Pending> &batch, const AppendResult &appended);
    /// @brief Reads a board's current season from the store again (after a season change).
    void reloadBoard(qint64 eventId, qint64 season);

    const ScoringSettings &m_settings;
    CheatPolicy m_policy;
    StoreExecutor &m_store;
    Clock &m_clock;
    Metrics &m_metrics;
    RateLimiter m_limiter;
    Boards m_boards;
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
    QHash<qint64, FlagStore::HeldIncrement> m_held; ///< by increment, under `hold`
};

} // namespace scoreboard::server
