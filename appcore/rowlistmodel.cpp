#include "rowlistmodel.h"

#include <QMetaEnum>

namespace scoreboard::app {

RowListModel::RowListModel(int displayRole, QObject *parent)
    : QAbstractListModel(parent)
    , m_displayRole(displayRole)
{ }

int RowListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size();
}

QVariant RowListModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    return value(index.row(), role == Qt::DisplayRole ? m_displayRole : role);
}

QHash<int, QByteArray> RowListModel::roleNames() const
{
    if (m_roleNames.isEmpty()) {
        const QMetaObject *meta = metaObject();
        const QMetaEnum roles = meta->enumerator(meta->indexOfEnumerator("Role"));
        for (int i = 0; i < roles.keyCount(); ++i) {
            QByteArray name = roles.key(i);
            if (name.endsWith("Role"))
                name.chop(4);
            name[0] = char(QChar::toLower(uchar(name[0])));
            m_roleNames.insert(roles.value(i), name);
        }
    }
    return m_roleNames;
}

void RowListModel::emitIfCountChanged(int oldCount)
{
    if (oldCount != count())
        emit countChanged();
}

} // namespace scoreboard::app
