#pragma once

#include "protocol.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace scoreboard::app {

/**
 * @brief The protocol over one WebSocket, for the player app and the console alike: it keeps
 * reconnecting with exponential backoff (with jitter, at most 15 s apart), pairs replies with
 * their requests, fails whatever was waiting when the connection drops, and hands out events.
 */
class ProtocolSocket final : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Online, Reconnecting };
    Q_ENUM(State)
    using ReplyHandler = std::function<void(const protocol::Reply &)>;

    explicit ProtocolSocket(QObject *parent = nullptr);
    ~ProtocolSocket() override;

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    /// @brief Sets the server address; an open connection moves to the new one.
    void setUrl(const QUrl &url);
    /// @brief Connects, and from now on keeps reconnecting.
    void open();
    /// @brief Sends a request; @p handler gets its reply, or a "not sent" failure (see isNotSent)
    /// when there is no connection or it drops first.
    void send(protocol::MessageType type, const QJsonObject &data, ReplyHandler handler);
    /// @brief Whether @p error means the request never got an answer from the server.
    static bool isNotSent(const protocol::Error &error);

signals:
    void stateChanged();
    void connected();
    /// @brief The connection ended with @p closeCode; waiting requests have been failed.
    void disconnected(quint16 closeCode);
    void eventReceived(const protocol::Event &event);
    /// @brief A wss:// server's certificate was refused (the connection is not made), in words.
    void certificateRefused(const QString &why);

private:
    void setState(State state);
    void onDisconnected();
    void onMessage(const QString &text);

    QWebSocket m_socket;
    QUrl m_url;
    State m_state = State::Offline;
    bool m_wanted = false;
    int m_attempt = 0;
    QTimer m_reconnect;
    qint64 m_nextId = 1;
    QHash<qint64, ReplyHandler> m_pending;
};

} // namespace scoreboard::app
