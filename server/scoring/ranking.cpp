#include "scoring/ranking.h"

namespace scoreboard::server {

void Ranking::set(qint64 userId, qint64 score, qint64 seq)
{
    remove(userId);
    const Key key { score, seq, userId };
    m_tree.insert(key);
    m_keys.insert(userId, key);
}

void Ranking::remove(qint64 userId)
{
    const auto it = m_keys.constFind(userId);
    if (it == m_keys.cend())
        return;
    m_tree.erase(*it);
    m_keys.erase(it);
}

qint64 Ranking::rankOf(qint64 userId) const
{
    const auto it = m_keys.constFind(userId);
    if (it == m_keys.cend())
        return 0;
    return qint64(m_tree.order_of_key(*it)) + 1;
}

std::optional<Ranking::Entry> Ranking::entry(qint64 userId) const
{
    const auto it = m_keys.constFind(userId);
    if (it == m_keys.cend())
        return std::nullopt;
    return Entry { it->userId, it->score, it->seq };
}

QList<Ranking::Entry> Ranking::range(qint64 offset, int n) const
{
    QList<Entry> out;
    if (offset < 0 || offset >= size() || n <= 0)
        return out;
    out.reserve(std::min<qsizetype>(n, size() - offset));
    for (auto it = m_tree.find_by_order(std::size_t(offset)); it != m_tree.end() && out.size() < n;
         ++it)
        out.append({ it->userId, it->score, it->seq });
    return out;
}

} // namespace scoreboard::server
