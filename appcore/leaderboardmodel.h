#pragma once

#include "messages.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::app {

/**
 * @brief The live Top N as a list model: one row per board entry, with the player's own row
 * marked. Updated in place (rows that stay keep their identity, so views can animate moves).
 */
class LeaderboardModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the board comes from a session")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double version READ version NOTIFY versionChanged)
public:
    enum Role { RankRole = Qt::UserRole + 1, UserIdRole, DisplayNameRole, ScoreRole, IsMeRole };
    Q_ENUM(Role)

    explicit LeaderboardModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    qint64 version() const { return m_version; }
    /// @brief Replaces the board if @p board is newer than what is shown.
    void apply(const protocol::Leaderboard &board);
    /// @brief Whose row is "me" (0 for none).
    void setMe(qint64 userId);
    const QList<protocol::BoardEntry> &rows() const { return m_rows; }

signals:
    void countChanged();
    void versionChanged();

private:
    QList<protocol::BoardEntry> m_rows;
    qint64 m_version = -1;
    qint64 m_me = 0;
};

} // namespace scoreboard::app
