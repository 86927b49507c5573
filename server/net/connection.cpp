#include "net/connection.h"
#include "net/logging.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {
constexpr int kCloseGraceMs = 5000;
}

QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

QString addressKey(const QString &address)
{
    const QHostAddress host = plainAddress(QHostAddress(address));
    if (host.isNull() || host.protocol() != QAbstractSocket::IPv6Protocol)
        return host.isNull() ? address : host.toString();
    Q_IPV6ADDR bytes = host.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + u"/64"_s;
}

Connection::Connection(
    std::unique_ptr<QWebSocket> socket, quint64 id, const ConnectionLimits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_id(id)
    , m_limits(limits)
{
    m_peerAddress = plainAddress(m_socket->peerAddress()).toString();
    m_age.start();
    m_socket->setParent(nullptr);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &Connection::onText);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &Connection::onBinary);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &Connection::onBytesWritten);
    m_backlogTimer.setSingleShot(true);
    connect(&m_backlogTimer, &QTimer::timeout, this, [this] {
        if (bytesToWrite() > m_limits.maxUnsentBytes) {
            qCInfo(lcNet) << "dropping connection" << m_id << "from" << m_peerAddress
                          << "that stopped reading" << bytesToWrite() << "bytes ago";
            abort();
        }
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] { emit closed(this); });

    m_authTimer.setSingleShot(true);
    connect(&m_authTimer, &QTimer::timeout, this, [this] {
        if (!isAuthenticated() && !m_subscribed) {
            qCInfo(lcNet) << "closing connection" << m_id << "that did not authenticate in time";
            closeWith(close_code::PolicyViolation, u"authentication timeout"_s);
        }
    });
    m_authTimer.start(m_limits.authTimeoutMs);
}

Connection::~Connection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Connection::setSession(const User &user, qint64 sessionId)
{
    m_user = user;
    m_sessionId = sessionId;
    m_authTimer.stop();
    emit sessionChanged(this);
}

void Connection::clearSession()
{
    m_user = {};
    m_sessionId = 0;
    if (!m_subscribed)
        m_authTimer.start(m_limits.authTimeoutMs);
    emit sessionChanged(this);
}

void Connection::markSubscribed()
{
    m_subscribed = true;
    m_authTimer.stop();
}

void Connection::onText(const QString &text)
{
    m_awaitingPong = false;
    if (m_closing)
        return;
    auto decoded = decodeRequest(text.toUtf8());
    if (auto *failure = std::get_if<DecodeError>(&decoded)) {
        refuse(failure->id, failure->error);
        return;
    }
    auto &request = std::get<Request>(decoded);
    if (m_backlogged && m_queue.size() >= m_limits.maxPendingRequests) {
        // Sending requests without reading the answers: nothing more is read from this peer.
        qCInfo(lcNet) << "dropping connection" << m_id << "from" << m_peerAddress
                      << "that floods requests without reading the replies";
        dropSoon();
        return;
    }
    if (m_queue.size() >= m_limits.maxPendingRequests) {
        refuse(request.id,
            Error { ErrorCode::RateLimited, u"too many requests waiting on this connection"_s, 1000,
                {} });
        return;
    }
    m_queue.enqueue(std::move(request));
    pump();
}

void Connection::onBinary(const QByteArray &)
{
    m_awaitingPong = false;
    if (!m_closing)
        refuse(std::nullopt,
            Error { ErrorCode::BadRequest, u"binary frames are not accepted; send JSON text"_s, 0,
                {} });
}

void Connection::refuse(std::optional<qint64> id, Error error)
{
    m_socket->sendTextMessage(QString::fromUtf8(Reply::failure(id, std::move(error)).encode()));
    checkBacklog();
    countBadFrame();
}

void Connection::checkBacklog()
{
    const qint64 unsent = bytesToWrite();
    if (unsent <= m_limits.maxUnsentBytes)
        return;
    if (unsent > 4 * m_limits.maxUnsentBytes) {
        qCInfo(lcNet) << "dropping connection" << m_id << "from" << m_peerAddress << "with"
                      << unsent << "bytes unsent";
        dropSoon();
        return;
    }
    if (!m_backlogged) {
        m_backlogged = true;
        m_backlogTimer.start(m_limits.unsentGraceMs);
    }
}

void Connection::onBytesWritten()
{
    if (m_backlogged && bytesToWrite() <= m_limits.maxUnsentBytes) {
        m_backlogged = false;
        m_backlogTimer.stop();
        pump();
    }
}

void Connection::countBadFrame()
{
    const qint64 now = m_age.elapsed();
    m_badFrames.append(now);
    while (!m_badFrames.isEmpty() && now - m_badFrames.first() > m_limits.badFrameWindowMs)
        m_badFrames.removeFirst();
    if (m_badFrames.size() >= m_limits.badFramesBeforeClose) {
        qCWarning(lcNet) << "closing connection" << m_id << "from" << m_peerAddress
                         << "after repeated bad frames";
        closeWith(close_code::ProtocolAbuse, u"too many bad frames"_s);
    }
}

void Connection::pump()
{
    if (m_inFlight || m_queue.isEmpty() || m_closing || m_backlogged)
        return;
    const Request request = m_queue.dequeue();
    m_inFlight = request.id;
    emit requestReceived(this, request);
}

void Connection::reply(const Reply &reply)
{
    if (!m_closing) {
        m_socket->sendTextMessage(QString::fromUtf8(reply.encode()));
        checkBacklog();
    }
    if (m_inFlight && reply.re == m_inFlight) {
        m_inFlight.reset();
        // Queued, so a handler that replies synchronously does not recurse into the next one.
        QMetaObject::invokeMethod(this, &Connection::pump, Qt::QueuedConnection);
    }
}

void Connection::sendEvent(const Event &event)
{
    sendFrame(event.encode());
}

void Connection::sendFrame(const QByteArray &frame)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    checkBacklog();
}

SharedFrame::SharedFrame(const QByteArray &payload)
    : payload(payload)
{
    // RFC 6455 section 5.2: FIN + text opcode, unmasked, then the 7-, 16- or 64-bit length.
    const quint64 size = quint64(payload.size());
    wire.reserve(payload.size() + 10);
    wire.append(char(0x81));
    if (size < 126) {
        wire.append(char(size));
    } else if (size <= 0xffff) {
        wire.append(char(126)).append(char(size >> 8)).append(char(size & 0xff));
    } else {
        wire.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            wire.append(char((size >> shift) & 0xff));
    }
    wire.append(payload);
}

void Connection::sendShared(const SharedFrame &frame)
{
    if (m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // QWebSocket writes whole frames into the same TCP socket, so adding another whole frame
    // between them keeps the stream valid; the bytes are shared, not copied per receiver.
    if (m_transport)
        m_transport->write(frame.wire);
    else
        m_socket->sendTextMessage(QString::fromUtf8(frame.payload));
    checkBacklog();
}

void Connection::dropSoon()
{
    // Not at once: this runs inside broadcasts that walk the lists the socket leaves, and inside
    // the WebSocket's own frame handling.
    m_closing = true;
    m_queue.clear();
    QMetaObject::invokeMethod(this, &Connection::abort, Qt::QueuedConnection);
}

void Connection::abort()
{
    m_closing = true;
    m_queue.clear();
    m_socket->abort();
}

void Connection::closeWith(quint16 code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_queue.clear();
    m_authTimer.stop();
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    // A peer that never answers the close handshake must not hold the socket open.
    QTimer::singleShot(
        kCloseGraceMs, m_socket.get(), [socket = m_socket.get()] { socket->abort(); });
}

void Connection::keepAlive()
{
    if (m_closing)
        return;
    if (m_awaitingPong) {
        qCInfo(lcNet) << "connection" << m_id << "missed a keep-alive pong; dropping it";
        m_socket->abort();
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

} // namespace scoreboard::server
