#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::app {

/**
 * @brief The base of the apps' list models (the board, the flag queue, a player's ledger, the
 * audit log): `count`, rowCount(), data() and roleNames() once, over what a model defines.
 *
 * A model declares its roles as `enum Role { FooRole = Qt::UserRole + 1, … }` with `Q_ENUM(Role)`;
 * QML sees each role by the enumerator's name without `Role` and with a small first letter
 * (`DisplayNameRole` is `displayName`). It says which of its roles Qt::DisplayRole stands for, how
 * many rows it has (size()) and what a role of a row holds (value()), and calls
 * emitIfCountChanged() after a change of its rows.
 *
 * A model in another QML module names this base fully qualified (`public
 * scoreboard::app::RowListModel`): otherwise qmltyperegistrar drops the prototype and QML
 * tooling no longer sees `count`.
 */
class RowListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    int count() const { return size(); }

    int rowCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role) const final;
    QHash<int, QByteArray> roleNames() const final;

signals:
    void countChanged();

protected:
    /// @param displayRole the model's role that Qt::DisplayRole answers as
    RowListModel(int displayRole, QObject *parent);

    virtual int size() const = 0;
    /// @brief What @p role holds in @p row (a valid row); an empty QVariant for an unknown role.
    virtual QVariant value(int row, int role) const = 0;
    /// @brief Emits countChanged() when there are no longer @p oldCount rows.
    void emitIfCountChanged(int oldCount);

private:
    int m_displayRole;
    mutable QHash<int, QByteArray> m_roleNames; ///< made from the Role enum on first use
};

} // namespace scoreboard::app
