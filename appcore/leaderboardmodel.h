#pragma once

#include "messages.h"
#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace scoreboard::app {

/**
 * @brief The live Top N as a list model: one row per board entry, with the player's own row
 * marked. Updated in place (rows that stay keep their identity, so views can animate moves).
 */
class LeaderboardModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the board comes from a session")
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double version READ version NOTIFY versionChanged)
public:
    enum Role { RankRole = Qt::UserRole + 1, UserIdRole, DisplayNameRole, ScoreRole, IsMeRole };
    Q_ENUM(Role)

    explicit LeaderboardModel(QObject *parent = nullptr);

    qint64 version() const { return m_version; }
    /// @brief Replaces the board if @p board is newer than what is shown.
    void apply(const protocol::Leaderboard &board);
    /// @brief Empties the board (another event's comes next), whatever its version.
    void clear();
    /// @brief Whose row is "me" (0 for none).
    void setMe(qint64 userId);
    const QList<protocol::BoardEntry> &rows() const { return m_rows; }
    /// @brief What @p role (one of Role) holds for @p entry when @p me is the player's own id;
    /// the models of board rows (this one, StandingsModel) answer with it.
    static QVariant entryValue(const protocol::BoardEntry &entry, int role, qint64 me);

signals:
    void versionChanged();

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<protocol::BoardEntry> m_rows;
    qint64 m_version = -1;
    qint64 m_me = 0;
};

} // namespace scoreboard::app
