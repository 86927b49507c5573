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
#include <variant>

class QTcpSocket;

namespace scoreboard::server {

/**
 * @brief Owns the WebSocket endpoint: the handshake (subprotocol, size limits), every
 * Connection, the routing of requests to handlers, and the index of sockets by user and session.
 *
 * A handler declares the payload it takes; the gateway decodes `data` with the shared library's
 * decoder (`Payload::fromJson`) and answers a payload that does not decode itself, so a handler
 * only ever sees valid requests. Each handler replies exactly once per request (Connection holds
 * the next request of the socket until then).
 */
class Gateway final : public QObject
{
    Q_OBJECT
public:
    /// @brief Runs before the payload is decoded; returns false after replying to refuse the
    /// request (e.g. staff only).
    using Guard = std::function<bool(Connection &, qint64 requestId)>;

    Gateway(const ConnectionLimits &limits, int pingIntervalMs, QObject *parent = nullptr);
    ~Gateway() override;

    /// @brief Takes a TCP socket whose buffered bytes start with a WebSocket upgrade request of
    /// @p headBytes bytes (anything after it is the client's first frames).
    void handleUpgrade(QTcpSocket *socket, qint64 headBytes, const QString &clientAddress);
    /**
     * @brief Routes requests of @p type to @p handler of @p receiver with their `data` decoded as
     * @p Payload; a payload that does not decode gets the decoder's error (`bad_request`) and
     * never reaches the handler. @p guard, when set, runs first. Unrouted types get
     * `unsupported`.
     */
    template<typename Payload, typename Receiver>
    void route(protocol::MessageType type, Receiver *receiver,
        void (Receiver::*handler)(Connection &, qint64 requestId, const Payload &),
        Guard guard = {})
    {
        addRoute(type, std::move(guard),
            [receiver, handler](Connection &connection,
                const protocol::Request &request) -> std::optional<protocol::Error> {
                auto parsed = Payload::fromJson(request.data);
                if (auto *error = std::get_if<protocol::Error>(&parsed))
                    return std::move(*error);
                (receiver->*handler)(connection, request.id, std::get<Payload>(parsed));
                return std::nullopt;
            });
    }
    /// @brief Routes requests of @p type, which carry no payload, to @p handler of @p receiver.
    template<typename Receiver>
    void route(protocol::MessageType type, Receiver *receiver,
        void (Receiver::*handler)(Connection &, qint64 requestId), Guard guard = {})
    {
        addRoute(type, std::move(guard),
            [receiver, handler](Connection &connection,
                const protocol::Request &request) -> std::optional<protocol::Error> {
                (receiver->*handler)(connection, request.id);
                return std::nullopt;
            });
    }

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

signals:
    /// @brief A request of @p type was refused because its payload did not decode.
    void payloadRefused(
        scoreboard::protocol::MessageType type, const scoreboard::protocol::Error &error);

private:
    /// Decodes the payload and calls the handler, or returns the decoder's error.
    using Dispatch
        = std::function<std::optional<protocol::Error>(Connection &, const protocol::Request &)>;
    struct Route
    {
        Guard guard;
        Dispatch dispatch;
    };
    void addRoute(protocol::MessageType type, Guard guard, Dispatch dispatch);
    void onNewConnection();
    void onRequest(Connection *connection, const protocol::Request &request);
    void onClosed(Connection *connection);

    QWebSocketServer m_server;
    ConnectionLimits m_limits;
    QTimer m_keepAlive;
    quint64 m_nextId = 1;
    QHash<quint64, Connection *> m_connections;
    QMultiHash<qint64, Connection *> m_byUser;
    QHash<protocol::MessageType, Route> m_routes;
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
