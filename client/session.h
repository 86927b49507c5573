#pragma once

#include "leaderboardmodel.h"
#include "protocol.h"
#include "protocolsocket.h"

#include <QHash>
#include <QObject>
#include <QSettings>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace scoreboard::client {

/**
 * @brief The player's connection to the server and everything the screens show about it: the
 * account flow (sign up, code, log in), the action, the live board, and the connection state.
 *
 * The socket reconnects by itself with exponential backoff and resumes the remembered session.
 * Settings (server URL, device id, token) persist in QSettings. QML only calls the invokables
 * and reads the properties; all protocol JSON goes through the shared library.
 */
class Session final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY userChanged)
    Q_PROPERTY(qint64 userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString email READ email NOTIFY userChanged)
    Q_PROPERTY(QString pendingEmail READ pendingEmail NOTIFY pendingEmailChanged)
    Q_PROPERTY(qint64 score READ score NOTIFY standingChanged)
    Q_PROPERTY(qint64 rank READ rank NOTIFY standingChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(int resendSeconds READ resendSeconds NOTIFY resendSecondsChanged)
    Q_PROPERTY(LeaderboardModel *board READ board CONSTANT)
public:
    /// Same values as ProtocolSocket::State.
    enum class State { Offline, Connecting, Online, Reconnecting };
    Q_ENUM(State)

    /// @param settingsFile an INI file for the settings (tests); empty uses the app's defaults.
    explicit Session(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~Session() override;

    State state() const { return State(int(m_socket.state())); }
    QUrl serverUrl() const { return m_socket.url(); }
    void setServerUrl(const QUrl &url);
    bool loggedIn() const { return m_user.id != 0; }
    qint64 userId() const { return m_user.id; }
    QString displayName() const { return m_user.displayName; }
    QString email() const { return m_user.email; }
    QString pendingEmail() const { return m_pendingEmail; }
    qint64 score() const { return m_score; }
    qint64 rank() const { return m_rank; }
    bool busy() const { return m_busy > 0; }
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }
    int resendSeconds() const { return m_resendSeconds; }
    LeaderboardModel *board() { return &m_board; }
    QString deviceId() const { return m_deviceId; }

    /// @brief Connects (and keeps reconnecting) to serverUrl.
    Q_INVOKABLE void connectToServer();
    Q_INVOKABLE void signUp(
        const QString &email, const QString &displayName, const QString &password);
    /// @brief Confirms the pending e-mail address with the code it received.
    Q_INVOKABLE void verify(const QString &code);
    Q_INVOKABLE void resend();
    Q_INVOKABLE void logIn(const QString &email, const QString &password);
    Q_INVOKABLE void logOut();
    /// @brief The player's action: redeems a challenge (fetched ahead) for points.
    Q_INVOKABLE void act();
    /// @brief What is wrong with @p password (empty when it is acceptable), for a strength hint.
    Q_INVOKABLE QString passwordProblem(
        const QString &password, const QString &email, const QString &displayName) const;
    Q_INVOKABLE void clearError();

    /// @brief A person-readable message for an error code of the protocol.
    static QString messageFor(protocol::ErrorCode code, const QString &serverMessage = {});

signals:
    void stateChanged();
    void serverUrlChanged();
    void userChanged();
    void pendingEmailChanged();
    void standingChanged();
    void busyChanged();
    void errorChanged();
    void resendSecondsChanged();
    /// @brief A code was mailed to pendingEmail.
    void codeSent();
    /// @brief The pending address is confirmed; the player can log in.
    void verified();
    /// @brief The session ended by the server: @p reason is signed_in_elsewhere or suspended.
    void sessionEnded(const QString &reason, const QString &message);
    /// @brief An action was accepted.
    void actionAccepted(qint64 delta, qint64 score, qint64 rank);

private:
    using ReplyHandler = ProtocolSocket::ReplyHandler;
    void send(protocol::MessageType type, const QJsonObject &data, ReplyHandler handler);
    void onConnected();
    void onDisconnected(quint16 closeCode);
    void onEvent(const protocol::Event &event);
    void setError(const protocol::Error &error);
    void setBusy(bool busy);
    void setUser(const protocol::User &user);
    void fetchChallenge();
    void refreshStanding();
    void startResendCountdown(int seconds);
    void forgetSession();

    std::unique_ptr<QSettings> m_settings;
    ProtocolSocket m_socket;
    QString m_deviceId;
    QString m_token;
    QTimer m_resendTimer;
    protocol::User m_user;
    QString m_pendingEmail;
    qint64 m_score = 0;
    qint64 m_rank = 0;
    int m_busy = 0;
    QString m_errorCode;
    QString m_errorMessage;
    int m_resendSeconds = 0;
    LeaderboardModel m_board;
    QString m_challengeId;
    qint64 m_challengeDueMs = 0;
    bool m_actWhenReady = false;
    bool m_fetchingChallenge = false;
};

} // namespace scoreboard::client
