#include "flagqueuemodel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace scoreboard::console {

using namespace scoreboard::protocol;

namespace {

constexpr int kAgeRefreshMs = 5000;

/// Newest first: later creation first, then the higher id.
bool newerThan(qint64 aMs, qint64 aId, qint64 bMs, qint64 bId)
{
    return aMs != bMs ? aMs > bMs : aId > bId;
}

} // namespace

FlagQueueModel::FlagQueueModel(QObject *parent)
    : RowListModel(DisplayNameRole, parent)
{
    m_ageTimer.setInterval(kAgeRefreshMs);
    connect(&m_ageTimer, &QTimer::timeout, this, &FlagQueueModel::refreshAges);
}

QVariant FlagQueueModel::value(int row, int role) const
{
    const Flag &flag = m_rows.at(row);
    switch (role) {
    case IdRole:
        return flag.id;
    case IncrementIdRole:
        return flag.incrementId;
    case UserIdRole:
        return flag.userId;
    case DisplayNameRole:
        return flag.displayName;
    case RuleRole:
        return flag.rule;
    case EvidenceRole:
        return flag.evidence;
    case StatusRole:
        return flagStatusName(flag.status);
    case CreatedAtRole:
        return flag.createdAt;
    case EventRole:
        return flag.event;
    case SeasonRole:
        return flag.season;
    case AgeSecondsRole: {
        const qint64 created = m_createdMs.at(row);
        return created == 0
            ? qint64(0)
            : std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - created) / 1000);
    }
    default:
        return {};
    }
}

int FlagQueueModel::openCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
        [](const Flag &flag) { return flag.status == FlagStatus::Open; }));
}

void FlagQueueModel::emitCounts(int oldCount, int oldOpen)
{
    emitIfCountChanged(oldCount);
    if (oldOpen != openCount())
        emit openCountChanged();
    QStringList rules;
    QStringList events;
    for (const auto &flag : std::as_const(m_rows)) {
        if (!rules.contains(flag.rule))
            rules.append(flag.rule);
        if (!flag.event.isEmpty() && !events.contains(flag.event))
            events.append(flag.event);
    }
    rules.sort();
    events.sort();
    if (rules != m_rules) {
        m_rules = rules;
        emit rulesChanged();
    }
    if (events != m_events) {
        m_events = events;
        emit eventsChanged();
    }
    if (m_rows.isEmpty())
        m_ageTimer.stop();
    else if (!m_ageTimer.isActive())
        m_ageTimer.start();
}

void FlagQueueModel::reset(const QList<Flag> &flags)
{
    const int oldCount = count();
    const int oldOpen = openCount();
    if (m_rows.isEmpty() && flags.isEmpty())
        return;
    QList<std::pair<qint64, Flag>> sorted;
    sorted.reserve(flags.size());
    for (const Flag &flag : flags)
        sorted.append({ wireTimeMs(flag.createdAt), flag });
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return newerThan(a.first, a.second.id, b.first, b.second.id);
    });
    beginResetModel();
    m_rows.clear();
    m_createdMs.clear();
    for (const auto &[ms, flag] : sorted) {
        m_rows.append(flag);
        m_createdMs.append(ms);
    }
    endResetModel();
    emitCounts(oldCount, oldOpen);
}

void FlagQueueModel::upsert(const Flag &flag)
{
    const int oldCount = count();
    const int oldOpen = openCount();
    if (const int row = rowOf(flag.id); row >= 0) {
        if (m_rows[row] == flag)
            return;
        m_rows[row] = flag;
        m_createdMs[row] = wireTimeMs(flag.createdAt);
        emit dataChanged(index(row), index(row));
        emitCounts(oldCount, oldOpen);
        return;
    }
    const qint64 ms = wireTimeMs(flag.createdAt);
    int row = 0;
    while (row < m_rows.size() && !newerThan(ms, flag.id, m_createdMs[row], m_rows[row].id))
        ++row;
    beginInsertRows({}, row, row);
    m_rows.insert(row, flag);
    m_createdMs.insert(row, ms);
    endInsertRows();
    emitCounts(oldCount, oldOpen);
}

std::optional<Flag> FlagQueueModel::flag(qint64 id) const
{
    const int row = rowOf(id);
    return row >= 0 ? std::optional<Flag>(m_rows[row]) : std::nullopt;
}

int FlagQueueModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == id)
            return row;
    }
    return -1;
}

QVariant FlagQueueModel::flagAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return QVariantMap();
    const Flag &flag = m_rows.at(row);
    return QVariantMap { { u"id"_s, flag.id }, { u"incrementId"_s, flag.incrementId },
        { u"userId"_s, flag.userId }, { u"displayName"_s, flag.displayName },
        { u"rule"_s, flag.rule }, { u"evidence"_s, flag.evidence },
        { u"status"_s, flagStatusName(flag.status) }, { u"createdAt"_s, flag.createdAt },
        { u"event"_s, flag.event }, { u"season"_s, flag.season } };
}

void FlagQueueModel::refreshAges()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), { AgeSecondsRole });
}

void FlagFilterModel::setQueue(FlagQueueModel *source)
{
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_queue = source;
    setSourceModel(source);
    if (source) {
        connect(source, &FlagQueueModel::rulesChanged, this, &FlagFilterModel::rulesChanged);
        connect(source, &FlagQueueModel::eventsChanged, this, &FlagFilterModel::eventsChanged);
    }
    emit rulesChanged();
    emit eventsChanged();
}

FlagFilterModel::FlagFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &FlagFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &FlagFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &FlagFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &FlagFilterModel::countChanged);
}

void FlagFilterModel::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
    emit statusChanged();
}

void FlagFilterModel::setRule(const QString &rule)
{
    if (rule == m_rule)
        return;
    m_rule = rule;
    invalidateFilter();
    emit ruleChanged();
}

void FlagFilterModel::setEvent(const QString &event)
{
    if (event == m_event)
        return;
    m_event = event;
    invalidateFilter();
    emit eventChanged();
}

QVariant FlagFilterModel::flagAt(int row) const
{
    if (!m_queue || row < 0 || row >= rowCount())
        return QVariantMap();
    return m_queue->flagAt(mapToSource(index(row, 0)).row());
}

bool FlagFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_status.isEmpty() && index.data(FlagQueueModel::StatusRole).toString() != m_status)
        return false;
    if (!m_event.isEmpty() && index.data(FlagQueueModel::EventRole).toString() != m_event)
        return false;
    return m_rule.isEmpty() || index.data(FlagQueueModel::RuleRole).toString() == m_rule;
}

} // namespace scoreboard::console
