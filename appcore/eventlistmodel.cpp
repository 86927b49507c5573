#include "eventlistmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace scoreboard::app {

using namespace scoreboard::protocol;

EventListModel::EventListModel(QObject *parent)
    : RowListModel(TitleRole, parent)
{ }

bool EventListModel::before(const EventInfo &a, const EventInfo &b)
{
    // Live, then scheduled, then closed; by title within each.
    const auto group = [](EventState state) {
        return state == EventState::Live ? 0 : state == EventState::Scheduled ? 1 : 2;
    };
    if (group(a.state) != group(b.state))
        return group(a.state) < group(b.state);
    const int byTitle = QString::localeAwareCompare(a.title, b.title);
    return byTitle != 0 ? byTitle < 0 : a.slug < b.slug;
}

void EventListModel::reset(const QList<EventInfo> &events)
{
    const int oldCount = count();
    beginResetModel();
    m_rows = events;
    std::stable_sort(m_rows.begin(), m_rows.end(), &EventListModel::before);
    endResetModel();
    emitIfCountChanged(oldCount);
    changed();
}

void EventListModel::changed()
{
    ++m_revision;
    emit revisionChanged();
}

void EventListModel::apply(const EventInfo &event)
{
    const int oldCount = count();
    const auto existing = std::find_if(
        m_rows.cbegin(), m_rows.cend(), [&](const EventInfo &e) { return e.slug == event.slug; });
    if (existing != m_rows.cend()) {
        const int row = int(existing - m_rows.cbegin());
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    const int at = int(std::upper_bound(m_rows.cbegin(), m_rows.cend(), event, &EventListModel::before)
        - m_rows.cbegin());
    beginInsertRows({}, at, at);
    m_rows.insert(at, event);
    endInsertRows();
    emitIfCountChanged(oldCount);
    changed();
}

std::optional<EventInfo> EventListModel::find(const QString &slug) const
{
    for (const auto &event : m_rows) {
        if (event.slug == slug)
            return event;
    }
    return std::nullopt;
}

int EventListModel::indexOf(const QString &slug) const
{
    for (int row = 0; row < size(); ++row) {
        if (m_rows[row].slug == slug)
            return row;
    }
    return -1;
}

QVariantMap EventListModel::get(const QString &slug) const
{
    QVariantMap map;
    const int row = indexOf(slug);
    if (row < 0)
        return map;
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), value(row, it.key()));
    return map;
}

QVariant EventListModel::value(int row, int role) const
{
    const EventInfo &event = m_rows.at(row);
    switch (role) {
    case SlugRole:
        return event.slug;
    case TitleRole:
        return event.title;
    case CategoryRole:
        return event.category;
    case DescriptionRole:
        return event.description;
    case StateRole:
        return eventStateName(event.state);
    case SeasonRole:
        return double(event.season);
    case PlayersRole:
        return double(event.players);
    case StartsAtRole:
        return double(event.startsAtMs);
    case EndsAtRole:
        return double(event.endsAtMs);
    case NextResetAtRole:
        return double(event.nextResetAtMs);
    case BoardSizeRole:
        return event.boardSize;
    case ActionsRole: {
        QVariantList actions;
        for (const auto &action : event.actions)
            actions.append(QVariantMap { { u"kind"_s, action.kind }, { u"label"_s, action.label },
                { u"points"_s, double(action.points) } });
        return actions;
    }
    case PickerTextRole:
        return event.state == EventState::Live ? tr("%1 (live)").arg(event.title)
            : event.state == EventState::Scheduled ? tr("%1 (scheduled)").arg(event.title)
                                                   : tr("%1 (finished)").arg(event.title);
    case ResetEveryRole:
        return event.resetEvery;
    default:
        return {};
    }
}

} // namespace scoreboard::app
