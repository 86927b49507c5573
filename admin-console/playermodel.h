#pragma once

#include "flagqueuemodel.h"
#include "rowlistmodel.h"

#include <QJsonObject>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::console {

/// @brief One ledger entry of a player, as `admin.user` lists it.
struct Increment
{
    qint64 id = 0;
    qint64 delta = 0;
    QString at;
    qint64 atMs = 0;
    QString kind; ///< "action", "reversal", …
    QString status; ///< "counted", "reversed" or "reversal"
    bool flagged = false;
    qint64 reversesId = 0;
    qint64 reversedById = 0;
    QString event; ///< the event and season the entry counts in
    qint64 season = 0;
    QString action; ///< the kind of action (empty for a reversal)
    friend bool operator==(const Increment &, const Increment &) = default;
};

/**
 * @brief A player's ledger (newest first) as a list model. It is also the activity chart's data:
 * `timePosition` places each entry on the time axis between the first and the last one.
 */
class IncrementModel : public scoreboard::app::RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the ledger comes from a PlayerModel")
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double firstAtMs READ firstAtMs NOTIFY timeSpanChanged)
    Q_PROPERTY(double lastAtMs READ lastAtMs NOTIFY timeSpanChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        DeltaRole,
        AtRole,
        AtMsRole,
        KindRole,
        StatusRole,
        FlaggedRole,
        ReversesIdRole,
        ReversedByIdRole,
        EventRole,
        SeasonRole,
        ActionRole,
        /// Where the entry stands on the time axis from firstAtMs (0) to lastAtMs (1); 0.5 for a
        /// ledger of one entry.
        TimePositionRole,
    };
    Q_ENUM(Role)

    explicit IncrementModel(QObject *parent = nullptr);

    /// @brief The time of the earliest entry (0 for an empty ledger).
    qint64 firstAtMs() const { return m_firstAtMs; }
    /// @brief The time of the latest entry (0 for an empty ledger).
    qint64 lastAtMs() const { return m_lastAtMs; }
    void reset(const QList<Increment> &rows);
    const QList<Increment> &rows() const { return m_rows; }
    /// @brief The delta of entry @p id, or 0 when the ledger does not hold it.
    Q_INVOKABLE qint64 deltaOf(qint64 id) const;
    /// @brief Entry @p id as a map {id, delta, event, season, action, status}, or an empty map.
    Q_INVOKABLE QVariantMap entry(qint64 id) const;

signals:
    void timeSpanChanged();

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    double timePosition(const Increment &row) const;

    QList<Increment> m_rows;
    qint64 m_firstAtMs = 0;
    qint64 m_lastAtMs = 0;
};

/**
 * @brief The player opened in the console (`admin.user`): their account fields, score and
 * ledger score as properties, the ledger as `increments` and their flags as `flags`.
 */
class PlayerModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the player comes from a ConsoleSession")
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double userId READ userId NOTIFY changed)
    Q_PROPERTY(QString email READ email NOTIFY changed)
    Q_PROPERTY(QString displayName READ displayName NOTIFY changed)
    Q_PROPERTY(QString role READ role NOTIFY changed)
    Q_PROPERTY(bool verified READ verified NOTIFY changed)
    Q_PROPERTY(bool suspended READ suspended NOTIFY changed)
    Q_PROPERTY(QString createdAt READ createdAt NOTIFY changed)
    Q_PROPERTY(double score READ score NOTIFY changed)
    Q_PROPERTY(double ledgerScore READ ledgerScore NOTIFY changed)
    Q_PROPERTY(scoreboard::console::IncrementModel *increments READ increments CONSTANT)
    Q_PROPERTY(scoreboard::console::FlagQueueModel *flags READ flags CONSTANT)
    /// The player's total in every event and season: [{event, season, score}].
    Q_PROPERTY(QVariantList scores READ scores NOTIFY changed)
public:
    explicit PlayerModel(QObject *parent = nullptr);

    bool loaded() const { return m_userId != 0; }
    qint64 userId() const { return m_userId; }
    QString email() const { return m_email; }
    QString displayName() const { return m_displayName; }
    QString role() const { return m_role; }
    bool verified() const { return m_verified; }
    bool suspended() const { return m_suspended; }
    QString createdAt() const { return m_createdAt; }
    qint64 score() const { return m_score; }
    qint64 ledgerScore() const { return m_ledgerScore; }
    IncrementModel *increments() { return &m_increments; }
    FlagQueueModel *flags() { return &m_flags; }

    QVariantList scores() const;
    /// @brief The player's total in event @p event's season @p season (0 when they have none).
    Q_INVOKABLE double scoreIn(const QString &event, int season) const;

    /// @brief Fills the model from an `admin.user` reply.
    void apply(const QJsonObject &reply);
    void clear();

signals:
    /// @brief Any of the properties changed (emitted only when one did).
    void changed();

private:
    bool setFields(const protocol::UserDetails &user, qint64 score, qint64 ledgerScore);

    qint64 m_userId = 0;
    QString m_email;
    QString m_displayName;
    QString m_role;
    bool m_verified = false;
    bool m_suspended = false;
    QString m_createdAt;
    qint64 m_score = 0;
    qint64 m_ledgerScore = 0;
    IncrementModel m_increments;
    FlagQueueModel m_flags;
    QList<protocol::SeasonScore> m_scores;
};

} // namespace scoreboard::console
