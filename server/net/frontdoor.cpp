#include "net/frontdoor.h"
#include "net/connection.h"
#include "net/httpsession.h"
#include "net/logging.h"
#include "protocol.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <algorithm>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

constexpr int kSendBufferBytes = 64 * 1024;
constexpr int kAcceptRetryMs = 100;
constexpr int kAcceptBatch = 64;
constexpr int kCloseGraceMs = 5000;

/// "host:port" with the scheme's default port left out, lower-cased.
QString authority(const QUrl &url)
{
    const int defaultPort = url.scheme() == "https"_L1 || url.scheme() == "wss"_L1 ? 443 : 80;
    QString text = url.host().toLower();
    if (url.host().contains(u':'))
        text = u"[%1]"_s.arg(text);
    if (url.port(defaultPort) != defaultPort)
        text += u":%1"_s.arg(url.port());
    return text;
}

} // namespace

FrontDoor::FrontDoor(UpgradeHandler onUpgrade, RequestHandler onRequest,
    QStringList allowedOrigins, Subnets trustedProxies, const TransportLimits &limits,
    QObject *parent)
    : QObject(parent)
    , m_onUpgrade(std::move(onUpgrade))
    , m_onRequest(std::move(onRequest))
    , m_allowedOrigins(std::move(allowedOrigins))
    , m_trustedProxies(std::move(trustedProxies))
    , m_limits(limits)
    , m_reserveFd(::open("/dev/null", O_RDONLY | O_CLOEXEC))
{
    m_resume.setSingleShot(true);
    m_resume.setInterval(kAcceptRetryMs);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
        acceptPending();
    });
}

FrontDoor::~FrontDoor()
{
    delete m_notifier;
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    if (m_reserveFd >= 0)
        ::close(m_reserveFd);
}

bool FrontDoor::listen(const QHostAddress &address, quint16 port, int backlog)
{
    sockaddr_storage storage {};
    socklen_t size = 0;
    const bool any = address == QHostAddress::Any;
    const bool v6 = any || address.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        if (!any) {
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            std::copy(std::begin(bytes.c), std::end(bytes.c), in6->sin6_addr.s6_addr);
            in6->sin6_scope_id = address.scopeId().toUInt();
        }
        size = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        size = sizeof(sockaddr_in);
    }
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    const int one = 1;
    const int zero = 0;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (any) // both IPv6 and IPv4 (mapped) on one socket
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), size) != 0
        || ::listen(fd, backlog) != 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return false;
    }
    size = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &size);
    m_port = ntohs(storage.ss_family == AF_INET6
            ? reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port
            : reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    m_listenFd = fd;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &FrontDoor::acceptPending);
    return true;
}

void FrontDoor::acceptPending()
{
    // A bounded batch per wake-up, so a flood of connections cannot starve the open ones.
    for (int i = 0; i < kAcceptBatch; ++i) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            takeConnection(fd);
            continue;
        }
        switch (errno) {
        case EINTR:
        case ECONNABORTED:
        case EPROTO:
            continue;
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
            outOfDescriptors();
            return;
        default: // EAGAIN: nothing more waiting
            return;
        }
    }
}

namespace {

/// Runs a function when its parent (a socket) is deleted.
class ConnectionTicket final : public QObject
{
public:
    ConnectionTicket(QObject *socket, std::function<void()> onGone)
        : QObject(socket)
        , m_onGone(std::move(onGone))
    { }
    ~ConnectionTicket() override { m_onGone(); }

private:
    std::function<void()> m_onGone;
};

bool trusted(const QHostAddress &address, const FrontDoor::Subnets &proxies)
{
    return std::any_of(proxies.cbegin(), proxies.cend(),
        [&](const auto &subnet) { return address.isInSubnet(subnet); });
}

} // namespace

QHostAddress FrontDoor::clientAddress(
    const QHostAddress &peer, const QByteArray &forwardedFor, const Subnets &trustedProxies)
{
    QHostAddress client = plainAddress(peer);
    if (!trusted(client, trustedProxies))
        return client;
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QHostAddress hop(QString::fromLatin1(it->trimmed()));
        if (hop.isNull())
            return client; // malformed: trust nothing further left
        client = plainAddress(hop);
        if (!trusted(client, trustedProxies))
            return client;
    }
    return client;
}

bool FrontDoor::originAllowed(
    const QByteArray &origin, const QByteArray &host, const QStringList &allowedOrigins)
{
    if (origin.isEmpty())
        return true; // not a browser: desktop clients and tools send no Origin
    const QUrl originUrl(QString::fromLatin1(origin), QUrl::StrictMode);
    if (!originUrl.isValid() || originUrl.host().isEmpty())
        return false; // includes "null"
    for (const auto &allowed : allowedOrigins) {
        const QUrl allowedUrl(allowed);
        if (allowedUrl.scheme() == originUrl.scheme()
            && authority(allowedUrl) == authority(originUrl))
            return true;
    }
    if (host.isEmpty())
        return false;
    const QUrl hostUrl(u"%1://%2"_s.arg(originUrl.scheme(), QString::fromLatin1(host)));
    return hostUrl.isValid() && authority(hostUrl) == authority(originUrl);
}

void FrontDoor::takeConnection(int descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *tls = new QSslSocket(this);
        tls->setSslConfiguration(*m_tls);
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(descriptor);
        delete socket;
        return;
    }
    const QHostAddress peer = plainAddress(socket->peerAddress());
    // A trusted proxy carries many clients; it limits them itself.
    const QString key
        = trusted(peer, m_trustedProxies) ? QString() : addressKey(peer.toString());
    const char *over = nullptr;
    if (m_open >= m_limits.maxConnections)
        over = "total";
    else if (!key.isEmpty() && m_limits.maxConnectionsPerAddress > 0
        && m_perAddress.value(key) >= m_limits.maxConnectionsPerAddress)
        over = "per_address";
    if (over) {
        ++m_refused[over];
        qCDebug(lcNet) << "refused a connection from" << peer.toString() << "over the" << over
                       << "cap";
        socket->abort();
        delete socket;
        return;
    }
    ++m_open;
    if (!key.isEmpty())
        ++m_perAddress[key];
    // The count follows the socket wherever it goes (a WebSocket keeps it until it closes): a
    // child object gives the place back when the socket is deleted. (Not the socket's destroyed
    // signal: the WebSocket handshake disconnects the socket's signals.)
    new ConnectionTicket(socket, [door = QPointer<FrontDoor>(this), key] {
        if (!door)
            return;
        --door->m_open;
        if (!key.isEmpty() && --door->m_perAddress[key] <= 0)
            door->m_perAddress.remove(key);
    });
    // Small messages should leave at once; and a bounded kernel buffer keeps a stalled reader's
    // backlog visible to the server (and the kernel memory of many viewers bounded).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, kSendBufferBytes);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        // A failed handshake (a plain-HTTP client, a bad hello) just ends the connection; the
        // head timer of its HttpSession bounds a handshake that never finishes.
        connect(tls, &QSslSocket::errorOccurred, tls, [tls](QAbstractSocket::SocketError error) {
            if (!tls->isEncrypted()) {
                qCDebug(lcNet) << "TLS handshake with" << tls->peerAddress().toString()
                               << "failed:" << error << tls->errorString();
                tls->abort();
            }
        });
        tls->startServerEncryption();
    }
    new HttpSession(
        socket, m_limits,
        [this, peer](HttpRequest &request) {
            request.clientAddress
                = clientAddress(peer, request.header("x-forwarded-for"), m_trustedProxies)
                      .toString();
            return m_onRequest(request);
        },
        [this](QTcpSocket *upgraded, const HttpRequest &head, qint64 headBytes) {
            upgrade(upgraded, head, headBytes);
        });
}

void FrontDoor::outOfDescriptors()
{
    ++m_refused["no_fd"];
    qCWarning(lcNet) << "out of file descriptors (" << m_open
                     << "connections open ); refusing new ones for a moment";
    // Let the waiting client go rather than leave it hanging: accept it on the reserved
    // descriptor and close it at once.
    if (m_reserveFd >= 0) {
        ::close(m_reserveFd);
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0)
            ::close(fd);
        m_reserveFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    m_notifier->setEnabled(false);
    m_resume.start();
}

void FrontDoor::refuse(QTcpSocket *socket, int status, const QByteArray &text)
{
    socket->write(HttpResponse::text(status, text + '\n').serialize(false, false));
    socket->disconnectFromHost();
    QTimer::singleShot(kCloseGraceMs, socket, &QTcpSocket::abort); // a peer that never reads
}

void FrontDoor::upgrade(QTcpSocket *socket, const HttpRequest &head, qint64 headBytes)
{
    if (head.path != protocol::kWebSocketPath) {
        refuse(socket, 404, "not found");
        return;
    }
    const QByteArray origin = head.header("origin");
    if (!originAllowed(origin, head.header("host"), m_allowedOrigins)) {
        qCWarning(lcNet) << "refused WebSocket from foreign origin" << origin << "at"
                         << socket->peerAddress().toString();
        refuse(socket, 403, "forbidden");
        return;
    }
    // From here the WebSocket server owns the socket (it deletes it after a failed handshake,
    // the QWebSocket after an upgrade), so it must not die with this object.
    disconnect(socket, &QTcpSocket::disconnected, nullptr, nullptr);
    socket->setParent(nullptr);
    m_onUpgrade(socket, headBytes,
        clientAddress(socket->peerAddress(), head.header("x-forwarded-for"), m_trustedProxies)
            .toString());
}

} // namespace scoreboard::server
