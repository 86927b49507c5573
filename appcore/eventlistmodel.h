#pragma once

#include "messages.h"
#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace scoreboard::app {

/**
 * @brief The server's events as a list model, for the apps' event pickers: live events first,
 * then scheduled ones, then finished ones, each group by title. Filled by `events.subscribe` and
 * kept current by `event.changed` (AbstractSession does both).
 */
class EventListModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the events come from a session")
    /// Grows with every change of any event, so bindings over get() follow them.
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
public:
    enum Role {
        SlugRole = Qt::UserRole + 1,
        TitleRole,
        CategoryRole,
        DescriptionRole,
        StateRole, ///< "scheduled", "live" or "closed"
        SeasonRole,
        PlayersRole,
        StartsAtRole, ///< ms since the epoch (double), 0: none
        EndsAtRole,
        NextResetAtRole,
        BoardSizeRole,
        ActionsRole, ///< [{kind, label, points}]
        PickerTextRole, ///< "Title (live)", "Title (scheduled)", "Title (finished)"
        ResetEveryRole, ///< the reset rule: "", daily, weekly, monthly or an ISO 8601 duration
    };
    Q_ENUM(Role)

    explicit EventListModel(QObject *parent = nullptr);

    /// @brief Replaces every event (the `events.subscribe` reply).
    void reset(const QList<protocol::EventInfo> &events);
    /// @brief Takes one created or changed event in (`event.changed`), moving it to its place.
    void apply(const protocol::EventInfo &event);
    /// @brief The event @p slug, or nothing.
    std::optional<protocol::EventInfo> find(const QString &slug) const;
    /// @brief The row of the event @p slug, or -1.
    Q_INVOKABLE int indexOf(const QString &slug) const;
    /// @brief The event @p slug as a map of its roles' names (empty when unknown), for QML.
    Q_INVOKABLE QVariantMap get(const QString &slug) const;
    const QList<protocol::EventInfo> &rows() const { return m_rows; }
    int revision() const { return m_revision; }

signals:
    void revisionChanged();

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    static bool before(const protocol::EventInfo &a, const protocol::EventInfo &b);
    void changed();

    QList<protocol::EventInfo> m_rows;
    int m_revision = 0;
};

} // namespace scoreboard::app
