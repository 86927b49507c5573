#include "auditmodel.h"

using namespace Qt::StringLiterals;

namespace scoreboard::console {

AuditModel::AuditModel(QObject *parent)
    : RowListModel(ActionRole, parent)
{ }

QVariant AuditModel::value(int row, int role) const
{
    const AuditEntry &entry = m_shown.at(row);
    switch (role) {
    case IdRole:
        return entry.id;
    case AtRole:
        return entry.at;
    case StaffIdRole:
        return entry.staffId;
    case ActionRole:
        return entry.action;
    case TargetRole:
        return entry.target;
    case ReasonRole:
        return entry.reason;
    default:
        return {};
    }
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
    emitIfCountChanged(oldCount);
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
