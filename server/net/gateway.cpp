#include "net/gateway.h"
#include "net/logging.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

Gateway::Gateway(const ConnectionLimits &limits, int pingIntervalMs, QObject *parent)
    : QObject(parent)
    , m_server(u"scoreboard-server"_s, QWebSocketServer::NonSecureMode)
    , m_limits(limits)
{
    m_server.setSupportedSubprotocols({ QString::fromLatin1(kSubprotocol) });
    m_server.setHandshakeTimeout(std::chrono::seconds(10));
    connect(&m_server, &QWebSocketServer::newConnection, this, &Gateway::onNewConnection);

    m_keepAlive.setInterval(pingIntervalMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &Gateway::keepAlive);
    m_keepAlive.start();
}

Gateway::~Gateway()
{
    closeAll();
}

void Gateway::handleUpgrade(QTcpSocket *socket, qint64 headBytes, const QString &clientAddress)
{
    // Qt 6.4's handshake reader consumes everything buffered, so frames a client sent right
    // behind its upgrade request (without waiting for the 101) would be lost. Set them aside
    // and put them back once the WebSocket exists.
    QByteArray early;
    if (socket->bytesAvailable() > headBytes) {
        const QByteArray all = socket->readAll();
        early = all.mid(headBytes);
        for (qsizetype i = headBytes - 1; i >= 0; --i)
            socket->ungetChar(all[i]);
    }
    const std::pair<QString, quint16> peer { socket->peerAddress().toString(), socket->peerPort() };
    m_upgrading.insert(peer, Upgrading { socket, early, clientAddress });
    connect(socket, &QObject::destroyed, this, [this, peer] { m_upgrading.remove(peer); });
    m_server.handleConnection(socket);
}

void Gateway::keepAlive()
{
    for (auto *connection : std::as_const(m_connections))
        connection->keepAlive();
}

void Gateway::addRoute(MessageType type, Guard guard, Dispatch dispatch)
{
    m_routes.insert(type, Route { std::move(guard), std::move(dispatch) });
}

void Gateway::onNewConnection()
{
    while (m_server.hasPendingConnections()) {
        std::unique_ptr<QWebSocket> socket(m_server.nextPendingConnection());
        if (!socket)
            continue;
        // Qt 6.4's QWebSocketServer has no size limits of its own; a socket over them closes
        // with 1009.
        socket->setMaxAllowedIncomingFrameSize(quint64(kMaxMessageBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(kMaxMessageBytes));
        const Upgrading upgrading
            = m_upgrading.take({ socket->peerAddress().toString(), socket->peerPort() });
        if (upgrading.socket && !upgrading.early.isEmpty()) {
            QTcpSocket *tcp = upgrading.socket;
            for (auto it = upgrading.early.crbegin(); it != upgrading.early.crend(); ++it)
                tcp->ungetChar(*it);
            QMetaObject::invokeMethod(
                tcp, [tcp] { emit tcp->readyRead(); }, Qt::QueuedConnection);
        }
        const quint64 id = m_nextId++;
        auto *connection = new Connection(std::move(socket), id, m_limits, this);
        connection->setTransport(upgrading.socket);
        if (!upgrading.clientAddress.isEmpty())
            connection->setPeerAddress(upgrading.clientAddress);
        m_connections.insert(id, connection);
        connect(connection, &Connection::requestReceived, this, &Gateway::onRequest);
        connect(connection, &Connection::closed, this, &Gateway::onClosed);
        qCDebug(lcNet) << "connection" << id << "opened from" << connection->peerAddress();
    }
}

void Gateway::onRequest(Connection *connection, const Request &request)
{
    const auto route = m_routes.constFind(request.type);
    if (route == m_routes.cend()) {
        connection->reply(Reply::failure(request.id,
            Error { ErrorCode::Unsupported,
                u"%1 is not supported by this server"_s.arg(typeName(request.type)), 0, {} }));
        return;
    }
    if (route->guard && !route->guard(*connection, request.id))
        return;
    if (auto error = route->dispatch(*connection, request)) {
        emit payloadRefused(request.type, *error);
        connection->reply(Reply::failure(request.id, std::move(*error)));
    }
}

void Gateway::onClosed(Connection *connection)
{
    qCDebug(lcNet) << "connection" << connection->id() << "closed";
    m_connections.remove(connection->id());
    m_byUser.remove(connection->userId(), connection);
    connection->deleteLater();
}

void Gateway::bindSession(Connection &connection, const User &user, qint64 sessionId)
{
    if (connection.isAuthenticated())
        m_byUser.remove(connection.userId(), &connection);
    connection.setSession(user, sessionId);
    m_byUser.insert(user.id, &connection);
}

void Gateway::unbindSession(Connection &connection)
{
    m_byUser.remove(connection.userId(), &connection);
    connection.clearSession();
}

int Gateway::revokeSockets(qint64 userId, const QList<qint64> &sessionIds, qint64 keepSessionId,
    const QString &reason, quint16 closeCode)
{
    int count = 0;
    const auto sockets = m_byUser.values(userId);
    for (auto *connection : sockets) {
        const qint64 session = connection->sessionId();
        const bool hit
            = sessionIds.isEmpty() ? session != keepSessionId : sessionIds.contains(session);
        if (!hit)
            continue;
        connection->sendEvent(
            Event { EventType::SessionRevoked, SessionRevoked { reason }.toJson() });
        m_byUser.remove(userId, connection);
        connection->clearSession();
        connection->closeWith(closeCode, reason);
        ++count;
    }
    return count;
}

QMultiHash<qint64, qint64> Gateway::boundSessions() const
{
    QMultiHash<qint64, qint64> sessions;
    for (auto it = m_byUser.cbegin(); it != m_byUser.cend(); ++it)
        sessions.insert(it.key(), it.value()->sessionId());
    return sessions;
}

void Gateway::closeAll()
{
    m_keepAlive.stop();
    const auto connections = m_connections;
    m_connections.clear();
    m_byUser.clear();
    for (auto *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

} // namespace scoreboard::server
