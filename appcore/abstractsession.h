#pragma once

#include "eventlistmodel.h"
#include "leaderboardmodel.h"
#include "messages.h"
#include "protocol.h"
#include "protocolsocket.h"
#include "standingsmodel.h"

#include <QObject>
#include <QSettings>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

namespace scoreboard::app {

/**
 * @brief What the sessions of both desktop apps share: the connection to the server (it
 * reconnects with backoff and resumes the remembered log-in), the settings (server URL, device id,
 * token), the signed-in user, the busy and error state with person-readable messages, the live
 * board (top 10), log-in and log-out, and a session ended by the server (close codes 4001, 4002).
 *
 * An app's session derives from it, adds its own requests, and hears through the protected hooks
 * when an account signs in, when it is forgotten, and of every event. QML only calls the
 * invokables and reads the properties; all protocol JSON goes through the shared library.
 */
class AbstractSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("each app makes its own session")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY userChanged)
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString email READ email NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString role READ role NOTIFY userChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(scoreboard::app::LeaderboardModel *board READ board CONSTANT)
    /// The server's events (`events.subscribe`, kept current by `event.changed`).
    Q_PROPERTY(scoreboard::app::EventListModel *events READ events CONSTANT)
    /// The event whose board `board` shows and the player plays (`main` at first).
    Q_PROPERTY(QString currentEvent READ currentEvent NOTIFY currentEventChanged)
    /// A page of standings of any event and season (loadStandings()).
    Q_PROPERTY(scoreboard::app::StandingsModel *standings READ standings CONSTANT)
public:
    /// Same values as ProtocolSocket::State.
    enum class State { Offline, Connecting, Online, Reconnecting };
    Q_ENUM(State)

    /// @brief Whom error messages speak to: players get plain words, staff the server's details.
    enum class Audience { Players, Staff };

    ~AbstractSession() override;

    State state() const { return State(int(m_socket.state())); }
    QUrl serverUrl() const { return m_socket.url(); }
    /// @brief Sets the server and saves it in the settings; an open connection moves to it.
    void setServerUrl(const QUrl &url);
    bool loggedIn() const { return m_user.id != 0; }
    qint64 userId() const { return m_user.id; }
    QString email() const { return m_user.email; }
    QString displayName() const { return m_user.displayName; }
    /// @brief "player", "checker" or "admin" when logged in, empty otherwise.
    QString role() const { return loggedIn() ? protocol::roleName(m_user.role) : QString(); }
    bool busy() const { return m_busy > 0; }
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }
    LeaderboardModel *board() { return &m_board; }
    EventListModel *events() { return &m_events; }
    QString currentEvent() const { return m_event; }
    /// @brief Shows and plays event @p slug: its board replaces the current one.
    Q_INVOKABLE virtual void selectEvent(const QString &slug);
    StandingsModel *standings() { return &m_standings; }
    /**
     * @brief Loads into `standings` the page of event @p slug's season @p season (0: the current
     * one) that starts at rank @p offset + 1 (`leaderboard.page`, StandingsModel::kPageSize rows).
     * Only the newest request's answer is shown; a refusal becomes the error message.
     */
    Q_INVOKABLE virtual void loadStandings(const QString &slug, int season, double offset = 0);
    QString deviceId() const { return m_deviceId; }

    /// @brief Connects (and keeps reconnecting) to serverUrl.
    Q_INVOKABLE void connectToServer();
    /// @brief Logs in; an app for staff only refuses player accounts (see Options::staffOnly).
    Q_INVOKABLE virtual void logIn(const QString &email, const QString &password);
    Q_INVOKABLE virtual void logOut();
    Q_INVOKABLE void clearError();

    /// @brief A person-readable message for an error code of the protocol.
    static QString messageFor(protocol::ErrorCode code, const QString &serverMessage = {},
        Audience audience = Audience::Players);

signals:
    void currentEventChanged();
    void stateChanged();
    void serverUrlChanged();
    void userChanged();
    void busyChanged();
    void errorChanged();
    /// @brief The session ended by the server: @p reason is signed_in_elsewhere or suspended.
    void sessionEnded(const QString &reason, const QString &message);

protected:
    /// @brief What sets one app's session apart, fixed when it is made.
    struct Options
    {
        QString deviceIdPrefix; ///< put before a new device id
        Audience audience = Audience::Players;
        /// Only staff may log in: the log-in asks the server to refuse players before it makes a
        /// session, a remembered player session is not resumed, and this is shown on a refusal.
        /// Empty for an app that takes every account.
        QString staffOnly;
        QString signedInElsewhere; ///< shown when another log-in ended this session (4001)
        QString suspended; ///< shown when a suspension ended this session (4002)
        /// Neighbours on each side of the player's own row the board asks for (`around`).
        int around = 0;
    };
    using ReplyHandler = ProtocolSocket::ReplyHandler;
    using DataHandler = std::function<void(const QJsonObject &)>;
    using ErrorHandler = std::function<void(const protocol::Error &)>;

    /// @param settingsFile an INI file for the settings (tests); empty uses the app's defaults.
    AbstractSession(Options options, const QString &settingsFile, QObject *parent);

    /// @brief Sends a request; @p handler gets its reply (or a "not sent" failure).
    void send(protocol::MessageType type, const QJsonObject &data, ReplyHandler handler);
    /**
     * @brief Sends a request on the user's behalf: clears the error, is busy until the reply, and
     * hands the reply's data to @p done. A refusal goes to @p failed, or becomes the error
     * message when there is none.
     */
    void call(protocol::MessageType type, const QJsonObject &data, DataHandler done,
        ErrorHandler failed = {});
    /// @brief Shows @p error as errorCode and a person-readable errorMessage.
    void setError(const protocol::Error &error);
    /// @brief Shows @p message as the error (emits only on a change).
    void setErrorText(const QString &code, const QString &message);
    /// @brief Counts a request that makes the session busy (true) or one that ended (false).
    void setBusy(bool busy);
    void setUser(const protocol::User &user);

    /// @brief An account signed in (by log-in or by resuming a remembered one).
    virtual void signedIn() { }
    /// @brief The session is being forgotten (log-out, or ended by the server): clear what
    /// belongs to the account (still logged in while this runs).
    virtual void signingOut() { }
    /// @brief The connection dropped with @p closeCode; waiting requests have failed.
    virtual void connectionLost(quint16 closeCode) { Q_UNUSED(closeCode) }
    /// @brief Any event from the server; the board has already taken a `leaderboard` event.
    virtual void eventReceived(const protocol::Event &event) { Q_UNUSED(event) }
    /// @brief A board of the current event arrived (a reply or an event), after `board` took it.
    virtual void boardReceived(const protocol::Leaderboard &board) { Q_UNUSED(board) }
    /// @brief The current event changed (selectEvent()); the board is empty until it arrives.
    virtual void eventSelected() { }
    /// @brief Subscribes to the current event's board (again: after a log-in, with `me`).
    void subscribeBoard();

private:
    void onConnected();
    /// @brief Takes a board (reply or event) if it is the current event's.
    void takeBoard(const QJsonObject &data);
    void onDisconnected(quint16 closeCode);
    void onEvent(const protocol::Event &event);
    void startSession(const QString &token, const protocol::User &user);
    /// @brief Whether the app takes this account (a staff-only app refuses players).
    bool accepts(const protocol::User &user) const;
    void refuse();
    void forgetSession();

    Options m_options;
    std::unique_ptr<QSettings> m_settings;
    ProtocolSocket m_socket;
    QString m_deviceId;
    QString m_token;
    protocol::User m_user;
    int m_busy = 0;
    QString m_errorCode;
    QString m_errorMessage;
    LeaderboardModel m_board;
    EventListModel m_events;
    StandingsModel m_standings;
    quint64 m_standingsRequest = 0; ///< the newest page asked for
    QString m_event = QString::fromLatin1(protocol::kMainEvent);
};

} // namespace scoreboard::app
