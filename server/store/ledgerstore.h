#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace scoreboard::server {

/// @brief An increment to append to the ledger.
struct NewIncrement
{
    qint64 userId = 0;
    qint64 delta = 0;
    qint64 atMs = 0;
    QString challengeId; ///< unique in the ledger: a challenge pays out once
    qint64 sessionId = 0;
    QString clientAddress;
    qint64 eventId = 1; ///< the event (1: `main`) and its season the entry counts in
    qint64 season = 1;
    QString action; ///< the kind of action
};

/// @brief A user's total in one event and season, as the ranking needs it.
struct ScoreRow
{
    qint64 userId = 0;
    qint64 score = 0;
    qint64 reachedSeq = 0; ///< ledger id of the entry that brought the score to its value
    QString displayName;
    bool suspended = false;
    /// How many ledger entries the total sums. It grows with every change, so of two readings
    /// of a total (on any node) the one with the higher revision is the newer.
    qint64 revision = 0;
    qint64 eventId = 1;
    qint64 season = 1;
    friend bool operator==(const ScoreRow &a, const ScoreRow &b)
    {
        return a.userId == b.userId && a.score == b.score && a.reachedSeq == b.reachedSeq
            && a.revision == b.revision && a.eventId == b.eventId && a.season == b.season;
    }
};

/// @brief What appendIncrements() committed.
struct AppendResult
{
    /// Per entry in order: the new ledger id; 0 when the challenge already paid out; kNotLive
    /// when the entry's season is over or its event is not live (another node closed or rolled
    /// it first).
    QList<qint64> ids;
    static constexpr qint64 kNotLive = -1;
    QList<ScoreRow> totals; ///< each touched user's total after the commit (no name or status)
};

/// @brief A row of the ledger.
struct LedgerEntry
{
    qint64 id = 0;
    qint64 userId = 0;
    qint64 delta = 0;
    qint64 atMs = 0;
    QString kind; ///< "action" or "reversal"
    QString challengeId;
    qint64 sessionId = 0;
    QString clientAddress;
    qint64 reversesId = 0; ///< for a reversal: the entry it compensates
    qint64 reversedById = 0; ///< for an action: the reversal that compensates it, if any
    qint64 eventId = 1;
    QString event; ///< the event's slug
    qint64 season = 1;
    QString action; ///< the kind of action (empty for a reversal)
};

/**
 * @brief The append-only ledger of score changes and the totals kept from it: the tables
 * `ledger` and `scores`.
 *
 * Every method throws StoreError on a database failure.
 */
class LedgerStore
{
public:
    virtual ~LedgerStore();

    /**
     * @brief Appends @p batch to the ledger and updates the users' totals, all in one
     * transaction (one commit for the whole batch). An entry whose challenge already paid out
     * is skipped (its id is 0), and so is one whose event is not live or whose season is no
     * longer the current one (AppendResult::kNotLive). Safe beside other nodes appending for
     * the same users and rolling the same events.
     */
    virtual AppendResult appendIncrements(const QList<NewIncrement> &batch) = 0;
    /// @brief Every stored total (every event and season), with name and status.
    virtual QList<ScoreRow> scoreTable() = 0;
    /// @brief The stored totals of the current season of every event, with name and status.
    virtual QList<ScoreRow> currentScores() = 0;
    /// @brief The totals recomputed from the ledger itself (the truth the table must match).
    virtual QList<ScoreRow> ledgerTotals() = 0;
    /// @brief Replaces the stored totals with @p rows.
    virtual void rewriteScores(const QList<ScoreRow> &rows) = 0;
    /**
     * @brief Inside transaction(): holds off every other writer of the ledger and the totals
     * (other nodes included) until it ends, so both can be read as one consistent state.
     */
    virtual void lockLedger() = 0;

    virtual std::optional<LedgerEntry> ledgerEntry(qint64 id) = 0;
    /// @brief A user's ledger, newest first, at most @p limit entries.
    virtual QList<LedgerEntry> ledgerForUser(qint64 userId, int limit) = 0;
    /**
     * @brief Appends the compensating entry for action @p incrementId (in the increment's event
     * and season) and updates that total; a finished season's standings are then marked
     * amended. Returns the reversal's id, or 0 if that increment is already reversed or is not
     * an action.
     */
    virtual qint64 appendReversal(qint64 incrementId, qint64 atMs) = 0;
    /// @brief The user's stored total in one event and season, and the sequence that reached it.
    virtual std::optional<ScoreRow> scoreOf(qint64 userId, qint64 eventId, qint64 season) = 0;
    /// @brief The stored totals (with name and status) of @p userIds in the current season of
    /// every event.
    virtual QList<ScoreRow> scoresOf(const QList<qint64> &userIds) = 0;
    /// @brief Every stored total of user @p userId: each event and season they scored in.
    virtual QList<ScoreRow> totalsOfUser(qint64 userId) = 0;
};

} // namespace scoreboard::server
