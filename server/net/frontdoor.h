#pragma once

#include "net/httpmessage.h"
#include "net/transportlimits.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>
#include <QHostAddress>
#include <QObject>
#include <QSocketNotifier>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>

namespace scoreboard::server {

/**
 * @brief The listening socket of the one public port, and the HTTP/1.1 side of it.
 *
 * Each accepted connection is counted against the connection caps (in all, and per client
 * address with IPv6 counted per /64) and refused at once over either. Its requests are read by an
 * HttpSession with the TransportLimits: a WebSocket upgrade for the protocol path goes to the
 * WebSocket server after an Origin check, and every other request is answered by the request
 * handler (the HTTP API).
 *
 * It accepts with its own loop rather than QTcpServer's: Qt 6.4 retries a failed accept(2) at
 * once and forever, so out of file descriptors the server would spin on one core while the waiting
 * clients hang. Here the waiting client is let go (accepted on a reserved descriptor and closed),
 * accepting pauses briefly, and resumes as soon as descriptors are free.
 */
class FrontDoor final : public QObject
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

    /**
     * @brief Serves HTTPS and WSS with @p tls (certificate chain and key) from now on; connections
     * already open keep the configuration they started with. Nothing: plain HTTP and WS.
     */
    void setTls(std::optional<QSslConfiguration> tls) { m_tls = std::move(tls); }
    bool tlsEnabled() const { return m_tls.has_value(); }

    /// @brief Listens on @p address (QHostAddress::Any: IPv6 and IPv4) and @p port (0: any).
    bool listen(const QHostAddress &address, quint16 port, int backlog);
    quint16 serverPort() const { return m_port; }
    QString errorString() const { return m_error; }

    int openConnections() const { return m_open; }
    /// @brief Connections refused since start, by reason (`total`, `per_address`, `no_fd`).
    const std::map<QByteArray, quint64> &refusedConnections() const { return m_refused; }

private:
    void acceptPending();
    void takeConnection(int descriptor);
    void outOfDescriptors();
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
    std::optional<QSslConfiguration> m_tls;
    int m_listenFd = -1;
    quint16 m_port = 0;
    QString m_error;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_resume;
    int m_reserveFd = -1; ///< held back so that a connection can be accepted and closed at EMFILE
};

} // namespace scoreboard::server
