#pragma once

#include "leaderboardmodel.h"
#include "messages.h"
#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace scoreboard::app {

/**
 * @brief One page of an event's standings in any season, live or kept (`leaderboard.page`): the
 * results of finished seasons in the player's app, an event's seasons in the console. The rows
 * are the page's entries; the properties say which event, season and page they are.
 * AbstractSession::loadStandings() fills it.
 */
class StandingsModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the standings come from a session")
    Q_PROPERTY(QString event READ event NOTIFY pageChanged)
    Q_PROPERTY(int season READ season NOTIFY pageChanged)
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double total READ total NOTIFY pageChanged)
    Q_PROPERTY(double offset READ offset NOTIFY pageChanged)
    Q_PROPERTY(int pageSize READ pageSize CONSTANT)
    /// A finished season's kept standings that a reversal changed.
    Q_PROPERTY(bool amended READ amended NOTIFY pageChanged)
    /// A page has been asked for and has not come yet.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
public:
    /// The board's roles (same names and values), so both models' rows read alike.
    enum Role {
        RankRole = LeaderboardModel::RankRole,
        UserIdRole = LeaderboardModel::UserIdRole,
        DisplayNameRole = LeaderboardModel::DisplayNameRole,
        ScoreRole = LeaderboardModel::ScoreRole,
        IsMeRole = LeaderboardModel::IsMeRole,
    };
    Q_ENUM(Role)

    /// Rows of one page.
    static constexpr int kPageSize = 20;

    explicit StandingsModel(QObject *parent = nullptr);

    QString event() const { return m_page.event; }
    int season() const { return int(m_page.season); }
    qint64 total() const { return m_page.total; }
    qint64 offset() const { return m_offset; }
    int pageSize() const { return kPageSize; }
    bool amended() const { return m_page.amended; }
    bool loading() const { return m_loading; }
    const QList<protocol::BoardEntry> &rows() const { return m_page.entries; }

    /// @brief A page was asked for.
    void setLoading() { setLoadingState(true); }
    /// @brief Shows @p page (the reply to the page asked for at @p offset).
    void apply(const protocol::PageReply &page, qint64 offset);
    /// @brief The page asked for failed: stop loading, keep what is shown.
    void failed();
    void clear();
    /// @brief Whose row is "me" (0 for none).
    void setMe(qint64 userId);

signals:
    void pageChanged();
    void loadingChanged();

protected:
    int size() const override { return int(m_page.entries.size()); }
    QVariant value(int row, int role) const override;

private:
    void setLoadingState(bool loading);

    protocol::PageReply m_page;
    qint64 m_offset = 0;
    qint64 m_me = 0;
    bool m_loading = false;
};

} // namespace scoreboard::app
