#include "standingsmodel.h"

namespace scoreboard::app {

using namespace scoreboard::protocol;

StandingsModel::StandingsModel(QObject *parent)
    : RowListModel(DisplayNameRole, parent)
{ }

QVariant StandingsModel::value(int row, int role) const
{
    const BoardEntry &entry = m_page.entries.at(row);
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
        return m_me != 0 && entry.userId == m_me;
    default:
        return {};
    }
}

void StandingsModel::setLoadingState(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void StandingsModel::apply(const PageReply &page, qint64 offset)
{
    const int oldCount = count();
    beginResetModel();
    m_page = page;
    m_offset = offset;
    endResetModel();
    emitIfCountChanged(oldCount);
    emit pageChanged();
    setLoadingState(false);
}

void StandingsModel::failed()
{
    setLoadingState(false);
}

void StandingsModel::setMe(qint64 userId)
{
    if (userId == m_me)
        return;
    m_me = userId;
    if (!m_page.entries.isEmpty())
        emit dataChanged(index(0), index(count() - 1), { IsMeRole });
}

void StandingsModel::clear()
{
    apply({}, 0);
}

} // namespace scoreboard::app
