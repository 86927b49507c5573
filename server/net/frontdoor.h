#pragma once

#include <QByteArray>
#include <QStringList>
#include <QTcpServer>

#include <functional>

namespace scoreboard::server {

/**
 * @brief The listening socket of the one public port.
 *
 * It reads (without consuming) the request head of each new connection: a WebSocket upgrade for
 * the protocol path goes to the WebSocket server, after an Origin check, and everything else goes
 * to QHttpServer untouched. This split exists because Qt 6.4's QHttpServer hands upgrades to an
 * internal QWebSocketServer that cannot negotiate a subprotocol or refuse an Origin at the
 * handshake; parsing of either protocol stays with Qt.
 */
class FrontDoor final : public QTcpServer
{
    Q_OBJECT
public:
    /// Receives the socket, the size of the request head at the start of its buffer, and the
    /// client's address (the peer's, or the one a trusted proxy forwarded).
    using UpgradeHandler
        = std::function<void(QTcpSocket *, qint64 headBytes, const QString &clientAddress)>;
    using Subnets = QList<std::pair<QHostAddress, int>>;

    FrontDoor(UpgradeHandler onUpgrade, QStringList allowedOrigins, Subnets trustedProxies = {},
        QObject *parent = nullptr);

    /**
     * @brief The client behind @p peer: when @p peer is a trusted proxy, the right-most address
     * of @p forwardedFor (X-Forwarded-For) that is not a trusted proxy itself; else @p peer.
     */
    static QHostAddress clientAddress(
        const QHostAddress &peer, const QByteArray &forwardedFor, const Subnets &trustedProxies);

    /// @brief Whether a browser page from @p origin may open the socket, given the request's
    /// @p host header: same origin as the server, or on the allow-list, or no Origin at all.
    static bool originAllowed(
        const QByteArray &origin, const QByteArray &host, const QStringList &allowedOrigins);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void inspect(QTcpSocket *socket);
    static void refuse(QTcpSocket *socket, const QByteArray &status);

    UpgradeHandler m_onUpgrade;
    QStringList m_allowedOrigins;
    Subnets m_trustedProxies;
};

} // namespace scoreboard::server
