#pragma once

#include "messages.h"
#include "rowlistmodel.h"

#include <QSortFilterProxyModel>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::console {

/**
 * @brief The flag queue as a list model, newest first. `flag.new` inserts a row, `flag.updated`
 * updates its row in place. `ageSeconds` is computed from `createdAt` and refreshed every few
 * seconds while the model has rows.
 */
class FlagQueueModel : public scoreboard::app::RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("flags come from a ConsoleSession")
    Q_PROPERTY(int openCount READ openCount NOTIFY openCountChanged)
    Q_PROPERTY(QStringList rules READ rules NOTIFY rulesChanged)
    Q_PROPERTY(QStringList events READ events NOTIFY eventsChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        IncrementIdRole,
        UserIdRole,
        DisplayNameRole,
        RuleRole,
        EvidenceRole,
        StatusRole,
        CreatedAtRole,
        AgeSecondsRole,
        EventRole, ///< the slug of the flagged increment's event
        SeasonRole,
    };
    Q_ENUM(Role)

    explicit FlagQueueModel(QObject *parent = nullptr);

    int openCount() const;
    /// @brief The rules of the flags in the queue, sorted (for a filter's choices).
    QStringList rules() const { return m_rules; }
    /// @brief The events of the flags in the queue, sorted (for a filter's choices).
    QStringList events() const { return m_events; }
    /// @brief Replaces every row (the `admin.flags.subscribe` reply).
    void reset(const QList<protocol::Flag> &flags);
    /// @brief Inserts @p flag at its place, or updates its row if it is already there.
    void upsert(const protocol::Flag &flag);
    void clear() { reset({}); }
    /// @brief The flag with @p id, or nothing.
    std::optional<protocol::Flag> flag(qint64 id) const;
    /// @brief The row of flag @p id, or -1.
    Q_INVOKABLE int rowOf(qint64 id) const;
    /// @brief The flag in @p row as a map {id, incrementId, userId, displayName, rule, evidence,
    /// status, createdAt, event, season} (the selected flag of the console's pages; a QVariant, so that QML gets a
    /// plain object), or an empty map.
    Q_INVOKABLE QVariant flagAt(int row) const;
    const QList<protocol::Flag> &flags() const { return m_rows; }

signals:
    void openCountChanged();
    void rulesChanged();
    void eventsChanged();

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Order;
    void emitCounts(int oldCount, int oldOpen);
    void refreshAges();

    QList<protocol::Flag> m_rows;
    QList<qint64> m_createdMs; ///< parallel to m_rows
    QStringList m_rules;
    QStringList m_events;
    QTimer m_ageTimer;
};

/// @brief A filtered view of a FlagQueueModel: by status ("open", "approved", "reversed" or ""
/// for all), by rule and by event (a slug; "" for all).
class FlagFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the queue comes from a ConsoleSession")
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY statusChanged)
    Q_PROPERTY(QString rule READ rule WRITE setRule NOTIFY ruleChanged)
    Q_PROPERTY(QString event READ event WRITE setEvent NOTIFY eventChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QStringList rules READ rules NOTIFY rulesChanged)
    Q_PROPERTY(QStringList events READ events NOTIFY eventsChanged)
public:
    explicit FlagFilterModel(QObject *parent = nullptr);
    /// @brief Filters @p source; its rules() become this model's.
    void setQueue(FlagQueueModel *source);
    QStringList rules() const { return m_queue ? m_queue->rules() : QStringList(); }
    QStringList events() const { return m_queue ? m_queue->events() : QStringList(); }
    /// @brief The flag in @p row of this view, as FlagQueueModel::flagAt() gives it.
    Q_INVOKABLE QVariant flagAt(int row) const;

    QString status() const { return m_status; }
    void setStatus(const QString &status);
    QString rule() const { return m_rule; }
    void setRule(const QString &rule);
    QString event() const { return m_event; }
    void setEvent(const QString &event);
    int count() const { return rowCount(); }

signals:
    void statusChanged();
    void ruleChanged();
    void eventChanged();
    void countChanged();
    void rulesChanged();
    void eventsChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    FlagQueueModel *m_queue = nullptr;
    QString m_status;
    QString m_rule;
    QString m_event;
};

} // namespace scoreboard::console
