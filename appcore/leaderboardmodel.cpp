#include "leaderboardmodel.h"

namespace scoreboard::app {

using namespace scoreboard::protocol;

LeaderboardModel::LeaderboardModel(QObject *parent)
    : RowListModel(DisplayNameRole, parent)
{ }

QVariant LeaderboardModel::value(int row, int role) const
{
    return entryValue(m_rows.at(row), role, m_me);
}

QVariant LeaderboardModel::entryValue(const BoardEntry &entry, int role, qint64 me)
{
    switch (role) {
    case RankRole:
        return entry.rank;
    case UserIdRole:
        return entry.userId;
    case DisplayNameRole:
        return entry.displayName;
    case ScoreRole:
        return entry.score;
    case IsMeRole:
        return me != 0 && entry.userId == me;
    default:
        return {};
    }
}

void LeaderboardModel::apply(const Leaderboard &board)
{
    if (board.version < m_version)
        return;
    const int oldCount = count();
    // Keep each player's row object where possible: move it to its new place, then update.
    for (int target = 0; target < board.top.size(); ++target) {
        const qint64 userId = board.top[target].userId;
        int current = -1;
        for (int i = target; i < m_rows.size(); ++i) {
            if (m_rows[i].userId == userId) {
                current = i;
                break;
            }
        }
        if (current < 0) {
            beginInsertRows({}, target, target);
            m_rows.insert(target, board.top[target]);
            endInsertRows();
            continue;
        }
        if (current != target) {
            beginMoveRows({}, current, current, {}, target);
            m_rows.move(current, target);
            endMoveRows();
        }
        if (!(m_rows[target] == board.top[target])) {
            m_rows[target] = board.top[target];
            emit dataChanged(
                index(target), index(target), { RankRole, DisplayNameRole, ScoreRole });
        }
    }
    if (m_rows.size() > board.top.size()) {
        beginRemoveRows({}, int(board.top.size()), int(m_rows.size()) - 1);
        m_rows.resize(board.top.size());
        endRemoveRows();
    }
    if (m_version != board.version) {
        m_version = board.version;
        emit versionChanged();
    }
    emitIfCountChanged(oldCount);
}

void LeaderboardModel::clear()
{
    const int oldCount = count();
    if (!m_rows.isEmpty()) {
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
    }
    if (m_version != -1) {
        m_version = -1;
        emit versionChanged();
    }
    emitIfCountChanged(oldCount);
}

void LeaderboardModel::setMe(qint64 userId)
{
    if (m_me == userId)
        return;
    m_me = userId;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), { IsMeRole });
}

} // namespace scoreboard::app
