#include "standingsmodel.h"

namespace scoreboard::app {

using namespace scoreboard::protocol;

StandingsModel::StandingsModel(QObject *parent)
    : RowListModel(DisplayNameRole, parent)
{ }

QVariant StandingsModel::value(int row, int role) const
{
    return LeaderboardModel::entryValue(m_page.entries.at(row), role, m_me);
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
