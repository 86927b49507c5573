#include "net/frontdoor.h"
#include "net/connection.h"
#include "net/logging.h"
#include "protocol.h"

#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

constexpr qint64 kMaxHeadBytes = 16 * 1024;
constexpr int kHeadTimeoutMs = 10'000;
constexpr int kSendBufferBytes = 64 * 1024;

/// The value of header @p name in a request head (first occurrence), trimmed.
QByteArray headerValue(const QByteArray &head, QByteArrayView name)
{
    qsizetype start = head.indexOf("\r\n");
    while (start >= 0 && start < head.size()) {
        start += 2;
        qsizetype end = head.indexOf("\r\n", start);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = QByteArrayView(head).sliced(start, end - start);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
        start = end;
    }
    return {};
}

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

FrontDoor::FrontDoor(
    UpgradeHandler onUpgrade, QStringList allowedOrigins, Subnets trustedProxies, QObject *parent)
    : QTcpServer(parent)
    , m_onUpgrade(std::move(onUpgrade))
    , m_allowedOrigins(std::move(allowedOrigins))
    , m_trustedProxies(std::move(trustedProxies))
{ }

namespace {

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

void FrontDoor::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Small messages should leave at once; and a bounded kernel buffer keeps a stalled reader's
    // backlog visible to the server (and the kernel memory of many viewers bounded).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, kSendBufferBytes);
    auto *timer = new QTimer(socket);
    timer->setObjectName(u"head-timeout"_s);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    timer->start(kHeadTimeoutMs);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [socket] { socket->deleteLater(); });
}

void FrontDoor::refuse(QTcpSocket *socket, const QByteArray &status)
{
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: "
        + QByteArray::number(status.size()) + "\r\nConnection: close\r\n\r\n" + status);
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

void FrontDoor::inspect(QTcpSocket *socket)
{
    const QByteArray head = socket->peek(kMaxHeadBytes);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() >= kMaxHeadBytes) {
            socket->disconnect(this);
            refuse(socket, "431 Request Header Fields Too Large");
        }
        return;
    }
    socket->disconnect(this);
    delete socket->findChild<QTimer *>(u"head-timeout"_s);

    const QByteArray requestHead = head.first(end + 2);
    const bool upgrade = headerValue(requestHead, "upgrade").toLower().contains("websocket");
    if (!upgrade) {
        addPendingConnection(socket);
        emit newConnection();
        // QHttpServer listens for readyRead only from now on; the bytes are still buffered.
        QMetaObject::invokeMethod(
            socket, [socket] { emit socket->readyRead(); }, Qt::QueuedConnection);
        return;
    }

    const QList<QByteArray> requestLine = requestHead.first(requestHead.indexOf("\r\n")).split(' ');
    const QByteArray path
        = requestLine.size() == 3 ? requestLine[1].split('?').first() : QByteArray();
    if (path != protocol::kWebSocketPath) {
        refuse(socket, "404 Not Found");
        return;
    }
    const QByteArray origin = headerValue(requestHead, "origin");
    if (!originAllowed(origin, headerValue(requestHead, "host"), m_allowedOrigins)) {
        qCWarning(lcNet) << "refused WebSocket from foreign origin" << origin << "at"
                         << socket->peerAddress().toString();
        refuse(socket, "403 Forbidden");
        return;
    }
    // From here the WebSocket server owns the socket (it deletes it after a failed handshake,
    // the QWebSocket after an upgrade), so it must not die with this object.
    socket->setParent(nullptr);
    m_onUpgrade(socket, end + 4,
        clientAddress(
            socket->peerAddress(), headerValue(requestHead, "x-forwarded-for"), m_trustedProxies)
            .toString());
}

} // namespace scoreboard::server
