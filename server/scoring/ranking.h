#pragma once

#include <QHash>
#include <QList>

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

#include <optional>

namespace scoreboard::server {

/**
 * @brief The order of players: higher score first; on equal scores whoever reached the score
 * first (the lower ledger sequence number) ranks higher; the user id settles the rest.
 *
 * Backed by an order-statistics tree, so updating a player, finding a rank and reading the top
 * N are all O(log n).
 */
class Ranking
{
public:
    struct Entry
    {
        qint64 userId = 0;
        qint64 score = 0;
        qint64 seq = 0; ///< ledger id of the entry that brought the score to its value
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    /// @brief Inserts or moves @p userId.
    void set(qint64 userId, qint64 score, qint64 seq);
    void remove(qint64 userId);
    /// @brief 1-based rank, or 0 if the user is not ranked.
    qint64 rankOf(qint64 userId) const;
    std::optional<Entry> entry(qint64 userId) const;
    /// @brief The first @p n entries in rank order.
    QList<Entry> top(int n) const { return range(0, n); }
    /// @brief @p n entries in rank order from the 0-based position @p offset (O(log n + n)).
    QList<Entry> range(qint64 offset, int n) const;
    qsizetype size() const { return qsizetype(m_tree.size()); }

private:
    struct Key
    {
        qint64 score;
        qint64 seq;
        qint64 userId;
        bool operator<(const Key &other) const
        {
            if (score != other.score)
                return score > other.score;
            if (seq != other.seq)
                return seq < other.seq;
            return userId < other.userId;
        }
    };
    using Tree = __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>,
        __gnu_pbds::rb_tree_tag, __gnu_pbds::tree_order_statistics_node_update>;
    Tree m_tree;
    QHash<qint64, Key> m_keys;
};

} // namespace scoreboard::server
