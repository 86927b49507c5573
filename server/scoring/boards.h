#pragma once

#include "messages.h"
#include "scoring/ranking.h"
#include "store/eventstore.h"
#include "store/ledgerstore.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

namespace scoreboard::server {

/**
 * @brief What this node knows of every event and of its current season's standings: the
 * event's settings and, per event, one Ranking of the players' public totals (ledger total less
 * held increments; suspended players left out).
 *
 * Memory: per ranked entry one tree node of the Ranking (its key and three links), the
 * Ranking's index of keys and this board's Entry: 180 bytes measured at a million entries
 * (bench_boards, docs/benchmarks.md).
 * Changing a total costs O(log n) in its own board only.
 */
class Boards
{
public:
    /// @brief One player's total in one board.
    struct Entry
    {
        qint64 score = 0; ///< the ledger's total in this season
        qint64 seq = 0; ///< ledger id of the entry that reached it; 0: never scored
        qint64 held = 0; ///< points of held increments, off the public board
        qint64 revision = 0; ///< of the stored total `score` was read from
    };
    /// @brief One event and its current season's ranking.
    struct Board
    {
        EventRecord event;
        Ranking ranking;
        QHash<qint64, Entry> entries;
        /// Players whose place changed since the hub last looked (who may have overtaken whom).
        QSet<qint64> touched;
        qint64 publicScore(qint64 userId) const
        {
            const Entry e = entries.value(userId);
            return e.score - e.held;
        }
    };

    /// @param defaultPoints the points of the default action (`points-per-action`)
    explicit Boards(qint64 defaultPoints);

    // Events.
    /**
     * @brief Takes @p event in (new, or a newer revision of one known). A new season empties
     * the board. Returns whether anything changed, and in @p seasonChanged whether the season did.
     */
    bool applyEvent(const EventRecord &event, bool *seasonChanged = nullptr);
    Board *find(const QString &slug);
    const Board *find(const QString &slug) const;
    Board *board(qint64 eventId);
    const Board *board(qint64 eventId) const;
    /// @brief Every event, in creation order.
    QList<const Board *> all() const;
    /// @brief The event's catalogue (its own, or the default one).
    QList<protocol::EventAction> actionsOf(const EventRecord &event) const;
    /// @brief The event as clients see it.
    protocol::EventInfo info(const Board &board) const;

    // Players.
    void setName(qint64 userId, const QString &displayName);
    QString nameOf(qint64 userId) const { return m_players.value(userId).displayName; }
    bool isSuspended(qint64 userId) const { return m_players.value(userId).suspended; }
    /// @brief Hides (suspended) or shows a player on every board; returns the boards changed.
    QList<qint64> setSuspended(qint64 userId, bool suspended);

    // Totals.
    /**
     * @brief Takes a committed total into its board unless a newer reading is applied already or
     * it is not of the board's current season. Returns whether the board changed.
     */
    bool applyTotal(const ScoreRow &row);
    /// @brief Moves points of a held increment off (@p delta > 0) or back onto the public board.
    bool addHeld(qint64 eventId, qint64 season, qint64 userId, qint64 delta);

    // Reading.
    QList<protocol::BoardEntry> top(const Board &board, int limit) const;
    QList<protocol::BoardEntry> range(const Board &board, qint64 offset, int limit) const;
    /// @brief The player's rank and public score, with @p around rows on each side.
    protocol::BoardMe me(const Board &board, qint64 userId, int around) const;
    qsizetype rankedEntries() const;

private:
    struct Player
    {
        QString displayName;
        bool suspended = false;
    };
    void place(Board &board, qint64 userId);

    qint64 m_defaultPoints;
    std::vector<std::unique_ptr<Board>> m_boards; ///< in creation order
    QHash<qint64, Board *> m_byId;
    QHash<QString, Board *> m_bySlug;
    QHash<qint64, Player> m_players;
};

} // namespace scoreboard::server
