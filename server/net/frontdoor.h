#pragma once

#include "net/httpmessage.h"
#include "net/transportlimits.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>
#include <QTcpServer>

#include <functional>
#include <map>

namespace scoreboard::server {

/**
 * @brief The listening socket of the one public port, and the HTTP/1.1 side of it.
 *
 * Each accepted connection is counted against the connection caps (in all, and per client
 * address with IPv6 counted per /64) and refused at once over either. Its requests are read by an
 * HttpSession with the TransportLimits: a WebSocket upgrade for the protocol path goes to the
 * WebSocket server after an Origin check, and every other request is answered by the request
 * handler (the HTTP API). Running out of file descriptors pauses accepting only briefly.
 */
class FrontDoor final : public QTcpServer
{
    Q_OBJECT
public:
    /// Receives the socket, with the upgrade request still at the start of its buffer, the size
    /// of that request head, and the client's address (the peer's, or the one a trusted proxy
    /// forwarded).
    using UpgradeHandler
        = std::function<void(QTcpSocket *, qint64 headBytes, const QString &clientAddress)>;
    /// Answers one HTTP request; the request's clientAddress is already set.
    using RequestHandler = std::function<HttpResponse(const HttpRequest &)>;
    using Subnets = QList<std::pair<QHostAddress, int>>;

    FrontDoor(UpgradeHandler onUpgrade, RequestHandler onRequest, QStringList allowedOrigins,
        Subnets trustedProxies, const TransportLimits &limits, QObject *parent = nullptr);
    ~FrontDoor() override;

    /**
     * @brief The client behind @p peer: when @p peer is a trusted proxy, the right-most address
     * of @p forwardedFor (X-Forwarded-For, every header line joined as one list) that is not a
     * trusted proxy itself; else @p peer.
     */
    static QHostAddress clientAddress(
        const QHostAddress &peer, const QByteArray &forwardedFor, const Subnets &trustedProxies);

    /// @brief Whether a browser page from @p origin may open the socket, given the request's
    /// @p host header: same origin as the server, or on the allow-list, or no Origin at all.
    static bool originAllowed(
        const QByteArray &origin, const QByteArray &host, const QStringList &allowedOrigins);

    /// @brief The key connections are counted under: the address, or its /64 for IPv6.
    static QString addressKey(const QHostAddress &address);

    int openConnections() const { return m_open; }
    /// @brief Connections refused since start, by reason (`total`, `per_address`, `no_fd`).
    const std::map<QByteArray, quint64> &refusedConnections() const { return m_refused; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onAcceptError(QAbstractSocket::SocketError error);
    void upgrade(QTcpSocket *socket, const HttpRequest &head, qint64 headBytes);
    void refuse(QTcpSocket *socket, int status, const QByteArray &text);

    UpgradeHandler m_onUpgrade;
    RequestHandler m_onRequest;
    QStringList m_allowedOrigins;
    Subnets m_trustedProxies;
    TransportLimits m_limits;
    int m_open = 0;
    QHash<QString, int> m_perAddress;
    std::map<QByteArray, quint64> m_refused;
    int m_reserveFd = -1; ///< held back so that a connection can be accepted and closed at EMFILE
};

} // namespace scoreboard::server
