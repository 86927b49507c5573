#pragma once

#include "auditmodel.h"
#include "flagqueuemodel.h"
#include "leaderboardmodel.h"
#include "playermodel.h"
#include "protocol.h"

#include "protocolsocket.h"
#include <QHash>
#include <QObject>
#include <QSettings>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace scoreboard::console {

/**
 * @brief The score-check console's connection to the server: staff log-in (player accounts are
 * refused), the live flag queue, the live board, the opened player, the audit log, and the
 * decisions (approve, reverse, flag, suspend, unsuspend).
 *
 * Like the player client's Session, the socket reconnects by itself with exponential backoff and
 * resumes the remembered session; settings (server URL, device id, token) persist in QSettings.
 * All protocol JSON goes through the shared library.
 */
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY userChanged)
    Q_PROPERTY(qint64 userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString email READ email NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString role READ role NOTIFY userChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(int openFlagCount READ openFlagCount NOTIFY openFlagCountChanged)
    Q_PROPERTY(scoreboard::client::LeaderboardModel *board READ board CONSTANT)
    Q_PROPERTY(FlagQueueModel *flags READ flags CONSTANT)
    Q_PROPERTY(FlagFilterModel *flagQueue READ flagQueue CONSTANT)
    Q_PROPERTY(PlayerModel *player READ player CONSTANT)
    Q_PROPERTY(AuditModel *audit READ audit CONSTANT)
public:
    /// Same values as client::ProtocolSocket::State.
    enum class State { Offline, Connecting, Online, Reconnecting };
    Q_ENUM(State)

    /// @param settingsFile an INI file for the settings (tests); empty uses the app's defaults.
    explicit ConsoleSession(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~ConsoleSession() override;

    State state() const { return State(int(m_socket.state())); }
    QUrl serverUrl() const { return m_socket.url(); }
    void setServerUrl(const QUrl &url);
    bool loggedIn() const { return m_user.id != 0; }
    qint64 userId() const { return m_user.id; }
    QString email() const { return m_user.email; }
    QString displayName() const { return m_user.displayName; }
    /// @brief "checker" or "admin" when logged in, empty otherwise.
    QString role() const { return loggedIn() ? protocol::roleName(m_user.role) : QString(); }
    bool busy() const { return m_busy > 0; }
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }
    int openFlagCount() const { return m_flags.openCount(); }
    client::LeaderboardModel *board() { return &m_board; }
    FlagQueueModel *flags() { return &m_flags; }
    FlagFilterModel *flagQueue() { return &m_flagQueue; }
    PlayerModel *player() { return &m_player; }
    AuditModel *audit() { return &m_audit; }
    QString deviceId() const { return m_deviceId; }

    /// @brief Connects (and keeps reconnecting) to serverUrl.
    Q_INVOKABLE void connectToServer();
    /// @brief Logs a staff account in; a player account is refused and logged out again.
    Q_INVOKABLE void logIn(const QString &email, const QString &password);
    Q_INVOKABLE void logOut();
    /// @brief Marks open flag @p flagId as approved (a legitimate play); @p reason is optional.
    Q_INVOKABLE void approve(qint64 flagId, const QString &reason = {});
    /// @brief Reverses the increment of flag @p flagId; @p reason is required.
    Q_INVOKABLE void reverse(qint64 flagId, const QString &reason);
    /// @brief Reverses increment @p incrementId (e.g. from the player's ledger); reason required.
    Q_INVOKABLE void reverseIncrement(qint64 incrementId, const QString &reason);
    /// @brief Raises a manual flag on increment @p incrementId; reason required.
    Q_INVOKABLE void flagIncrement(qint64 incrementId, const QString &reason);
    Q_INVOKABLE void suspend(qint64 userId, const QString &reason);
    Q_INVOKABLE void unsuspend(qint64 userId, const QString &reason);
    /// @brief Loads player @p userId into `player`.
    Q_INVOKABLE void openPlayer(qint64 userId);
    Q_INVOKABLE void closePlayer();
    /// @brief Reloads the audit log (newest 500 entries).
    Q_INVOKABLE void refreshAudit();
    Q_INVOKABLE void clearError();

    /// @brief A message for a staff member for an error code of the protocol.
    static QString messageFor(protocol::ErrorCode code, const QString &serverMessage = {});
    /// @brief The message shown when a player account tries to log in.
    static QString playerRefusedMessage();

signals:
    void stateChanged();
    void serverUrlChanged();
    void userChanged();
    void busyChanged();
    void errorChanged();
    void openFlagCountChanged();
    /// @brief The session ended by the server (e.g. @p reason signed_in_elsewhere).
    void sessionEnded(const QString &reason, const QString &message);
    void approved(qint64 flagId);
    /// @brief A reversal was recorded; @p score is the player's new score.
    void reversed(qint64 userId, qint64 score);
    void flagRaised(qint64 flagId);
    void suspendedChanged(qint64 userId, bool suspended);
    void playerLoaded(qint64 userId);
    void auditLoaded();

private:
    void sendReverse(const protocol::ReverseRequest &request);
    using ReplyHandler = client::ProtocolSocket::ReplyHandler;
    void send(protocol::MessageType type, const QJsonObject &data, ReplyHandler handler);
    /// @brief Sends a staff action with busy/error handling; @p done runs on success.
    void act(protocol::MessageType type, const QJsonObject &data,
        std::function<void(const QJsonObject &)> done);
    bool requireReason(const QString &reason);
    void onConnected();
    void onDisconnected(quint16 closeCode);
    void onEvent(const protocol::Event &event);
    void setError(const protocol::Error &error);
    void setErrorText(const QString &code, const QString &message);
    void setBusy(bool busy);
    void setUser(const protocol::User &user);
    void startStaffSession(const protocol::User &user);
    void subscribeFlags();
    void onFlag(const protocol::Flag &flag);
    void forgetSession();

    std::unique_ptr<QSettings> m_settings;
    client::ProtocolSocket m_socket;
    QString m_deviceId;
    QString m_token;
    protocol::User m_user;
    int m_busy = 0;
    QString m_errorCode;
    QString m_errorMessage;
    client::LeaderboardModel m_board;
    FlagQueueModel m_flags;
    FlagFilterModel m_flagQueue;
    PlayerModel m_player;
    AuditModel m_audit;
};

} // namespace scoreboard::console
