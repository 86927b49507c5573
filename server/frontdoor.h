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
    /// Receives the socket and the size of the request head at the start of its buffer.
    using UpgradeHandler = std::function<void(QTcpSocket *, qint64 headBytes)>;

    FrontDoor(UpgradeHandler onUpgrade, QStringList allowedOrigins, QObject *parent = nullptr);

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
};

} // namespace scoreboard::server
