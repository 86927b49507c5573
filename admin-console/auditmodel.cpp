#include "auditmodel.h"

using namespace Qt::StringLiterals;

namespace scoreboard::console {

AuditModel::AuditModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const AuditEntry &row = m_shown.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case AtRole:
        return row.at;
    case StaffIdRole:
        return row.staffId;
    case ActionRole:
    case Qt::DisplayRole:
        return row.action;
    case TargetRole:
        return row.target;
    case ReasonRole:
        return row.reason;
    default:
        return {};
    }
}

QHash<int, QByteArray> AuditModel::roleNames() const
{
    return { { IdRole, "id" }, { AtRole, "at" }, { StaffIdRole, "staffId" },
        { ActionRole, "action" }, { TargetRole, "target" }, { ReasonRole, "reason" } };
}

bool AuditModel::accepts(const AuditEntry &entry) const
{
    const QString text = m_filterText.trimmed();
    if (text.isEmpty())
        return true;
    return entry.action.contains(text, Qt::CaseInsensitive)
        || entry.target.contains(text, Qt::CaseInsensitive)
        || entry.reason.contains(text, Qt::CaseInsensitive)
        || QString::number(entry.staffId) == text;
}

void AuditModel::rebuild()
{
    QList<AuditEntry> shown;
    for (const AuditEntry &entry : std::as_const(m_all)) {
        if (accepts(entry))
            shown.append(entry);
    }
    if (shown == m_shown)
        return;
    const int oldCount = count();
    beginResetModel();
    m_shown = std::move(shown);
    endResetModel();
    if (oldCount != count())
        emit countChanged();
}

void AuditModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    emit filterTextChanged();
    rebuild();
}

void AuditModel::reset(const QList<AuditEntry> &entries)
{
    m_all = entries;
    rebuild();
}

QString AuditModel::csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString AuditModel::toCsv() const
{
    QString csv = u"id,at,staffId,action,target,reason\r\n"_s;
    for (const AuditEntry &row : m_shown) {
        csv += QString::number(row.id) + u',' + csvField(row.at) + u','
            + QString::number(row.staffId) + u',' + csvField(row.action) + u','
            + csvField(row.target) + u',' + csvField(row.reason) + u"\r\n"_s;
    }
    return csv;
}

} // namespace scoreboard::console
