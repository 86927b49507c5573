#pragma once

#include "net/connection.h"
#include "protocol.h"

#include <QHash>
#include <QMultiHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWebSocketServer>

#include <functional>

class QTcpSocket;

namespace scoreboard::server {

/**
 * @brief Owns the WebSocket endpoint: the handshake (subprotocol, size limits), every
 * Connection, the routing of requests to handlers, and the index of sockets by user and session.
 */
class Gateway final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(Connection &, const protocol::Request &)>;

    Gateway(const ConnectionLimits &limits, int pingIntervalMs, QObject *parent = nullptr);
    ~Gateway() override;

    /// @brief Takes a TCP socket whose buffered bytes start with a WebSocket upgrade request of
    /// @p headBytes bytes (anything after it is the client's first frames).
    void handleUpgrade(QTcpSocket *socket, qint64 headBytes, const QString &clientAddress);
    /// @brief Routes requests of @p type to @p handler; unrouted types get `unsupported`.
    void route(protocol::MessageType type, Handler handler);

    /// @brief Binds a connection to a session and indexes it.
    void bindSession(Connection &connection, const protocol::User &user, qint64 sessionId);
    void unbindSession(Connection &connection);
    /**
     * @brief Ends sessions on every socket: each socket of @p userId whose session is in
     * @p sessionIds (or, if empty, every socket of the user except session @p keepSessionId)
     * gets `session.revoked` with @p reason and is closed with @p closeCode.
     */
    int revokeSockets(qint64 userId, const QList<qint64> &sessionIds, qint64 keepSessionId,
        const QString &reason, quint16 closeCode);

    /// @brief One keep-alive round, as the ping timer runs it every `ping-interval-ms`: pings
    /// every socket and drops those that did not answer the previous ping (tests call it).
    void keepAlive();

    int connectionCount() const { return int(m_connections.size()); }
    /// @brief The session id of every logged-in socket, by user.
    QMultiHash<qint64, qint64> boundSessions() const;
    void closeAll();

private:
    void onNewConnection();
    void onRequest(Connection *connection, const protocol::Request &request);
    void onClosed(Connection *connection);

    QWebSocketServer m_server;
    ConnectionLimits m_limits;
    QTimer m_keepAlive;
    quint64 m_nextId = 1;
    QHash<quint64, Connection *> m_connections;
    QMultiHash<qint64, Connection *> m_byUser;
    QHash<protocol::MessageType, Handler> m_handlers;
    struct Upgrading
    {
        QPointer<QTcpSocket> socket;
        QByteArray early; ///< bytes received behind the upgrade request
        QString clientAddress; ///< the peer, or the client a trusted proxy named
    };
    /// TCP sockets in the WebSocket handshake, by peer address and port.
    QHash<std::pair<QString, quint16>, Upgrading> m_upgrading;
};

} // namespace scoreboard::server
