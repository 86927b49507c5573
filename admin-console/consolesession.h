#pragma once

#include "abstractsession.h"
#include "auditmodel.h"
#include "flagqueuemodel.h"
#include "playermodel.h"

#include <QNetworkAccessManager>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::console {

/**
 * @brief The score-check console's session: on top of what both apps share (connection, log-in,
 * the live board; see app::AbstractSession) the live flag queue, the opened player, the audit log,
 * and the decisions (approve, reverse, flag, suspend, unsuspend). Player accounts are refused.
 */
class ConsoleSession : public scoreboard::app::AbstractSession
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes its session")
    Q_PROPERTY(int openFlagCount READ openFlagCount NOTIFY openFlagCountChanged)
    Q_PROPERTY(scoreboard::console::FlagQueueModel *flags READ flags CONSTANT)
    Q_PROPERTY(scoreboard::console::FlagFilterModel *flagQueue READ flagQueue CONSTANT)
    Q_PROPERTY(scoreboard::console::PlayerModel *player READ player CONSTANT)
    Q_PROPERTY(scoreboard::console::AuditModel *audit READ audit CONSTANT)
public:
    /// @param settingsFile an INI file for the settings (tests); empty uses the app's defaults.
    explicit ConsoleSession(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~ConsoleSession() override;

    int openFlagCount() const { return m_flags.openCount(); }
    FlagQueueModel *flags() { return &m_flags; }
    FlagFilterModel *flagQueue() { return &m_flagQueue; }
    PlayerModel *player() { return &m_player; }
    AuditModel *audit() { return &m_audit; }

    /// @brief Marks open flag @p flagId as approved (a legitimate play); @p reason is optional.
    Q_INVOKABLE virtual void approve(qint64 flagId, const QString &reason = {});
    /// @brief Reverses the increment of flag @p flagId; @p reason is required.
    Q_INVOKABLE virtual void reverse(qint64 flagId, const QString &reason);
    /// @brief Reverses increment @p incrementId (e.g. from the player's ledger); reason required.
    Q_INVOKABLE virtual void reverseIncrement(qint64 incrementId, const QString &reason);
    /// @brief Raises a manual flag on increment @p incrementId; reason required.
    Q_INVOKABLE virtual void flagIncrement(qint64 incrementId, const QString &reason);
    Q_INVOKABLE virtual void suspend(qint64 userId, const QString &reason);
    Q_INVOKABLE virtual void unsuspend(qint64 userId, const QString &reason);
    /// @brief Loads player @p userId into `player`.
    Q_INVOKABLE virtual void openPlayer(qint64 userId);
    Q_INVOKABLE void closePlayer();
    /// @brief Reloads the audit log (newest 500 entries); for a checker it stays empty (the
    /// server keeps it for admins).
    Q_INVOKABLE virtual void refreshAudit();

    /**
     * @brief Creates an event (@p isNew) or saves the changes of an existing one, for admins:
     * @p form holds `slug`, `title`, `description`, `category`, `startsAtMs` and `endsAtMs`
     * (local dates as ms since the epoch, 0 for none), `boardSize`, `actions` ([{kind, label,
     * points}]) and `resetEvery` (empty, daily, weekly, monthly or an ISO 8601 duration). The
     * form is checked with the server's own rules first; eventSaved() follows the server's yes.
     */
    Q_INVOKABLE virtual void saveEvent(const QVariantMap &form, bool isNew);
    /// @brief Opens event @p slug now (a scheduled one, or a closed one again); reason required.
    Q_INVOKABLE virtual void openEvent(const QString &slug, const QString &reason);
    /// @brief Closes event @p slug now, ending its season; reason required.
    Q_INVOKABLE virtual void closeEvent(const QString &slug, const QString &reason);
    /**
     * @brief Saves the whole standings of event @p slug's season @p season as CSV to @p path,
     * fetched from the server's `results.csv` (the same file as the HTTP API gives); then
     * resultsExported() or an error.
     */
    Q_INVOKABLE virtual void exportResults(const QString &slug, int season, const QString &path);

    /// @brief The message shown when a player account tries to log in.
    static QString playerRefusedMessage();

signals:
    void openFlagCountChanged();
    void approved(qint64 flagId);
    /// @brief A reversal was recorded; @p score is the player's new score.
    void reversed(qint64 userId, qint64 score);
    void flagRaised(qint64 flagId);
    void suspendedChanged(qint64 userId, bool suspended);
    void playerLoaded(qint64 userId);
    void auditLoaded();
    /// @brief The server created or changed event @p slug as saveEvent() asked.
    void eventSaved(const QString &slug);
    /// @brief The results were written to @p path (@p rows rows under the header).
    void resultsExported(const QString &path, int rows);

protected:
    void signedIn() override;
    void signingOut() override;
    void eventReceived(const protocol::Event &event) override;

private:
    /// @brief Sends a staff decision (busy, errors, logged refusals); @p done runs on success,
    /// then the audit log is reloaded.
    void decide(protocol::MessageType type, const QJsonObject &data, DataHandler done);
    bool requireReason(const QString &reason);
    /// @brief Reverses by flag or by increment (the other id 0); a reason is required.
    void sendReverse(qint64 flagId, qint64 incrementId, const QString &reason);
    /// @brief Suspends (@p suspended) or unsuspends; a reason is required.
    void sendSuspension(qint64 userId, const QString &reason, bool suspended);
    void subscribeFlags();
    void sendEventState(protocol::MessageType type, const QString &slug, const QString &reason);
    void onFlag(const protocol::Flag &flag);
    /// @brief Reloads the opened player if it is @p userId.
    void reloadPlayer(qint64 userId);

    FlagQueueModel m_flags;
    FlagFilterModel m_flagQueue;
    PlayerModel m_player;
    AuditModel m_audit;
    QNetworkAccessManager m_http; ///< the results' CSV
};

} // namespace scoreboard::console
