#pragma once

#include "messages.h"
#include "protocol.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#include <memory>

namespace scoreboard::server {

/**
 * @brief One server-to-client text message, encoded once for any number of receivers: the JSON
 * payload and the complete WebSocket frame carrying it (server frames are unmasked, so the frame
 * is the same for every receiver).
 */
struct SharedFrame
{
    SharedFrame() = default;
    explicit SharedFrame(const QByteArray &payload);
    QByteArray payload;
    QByteArray wire;
};

/// @brief Per-connection limits, taken from the ServerConfig.
/// @brief @p address with an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as plain IPv4, so that
/// client addresses compare and print alike.
QHostAddress plainAddress(const QHostAddress &address);

/**
 * @brief The part of a client address that per-address limits count by: an IPv4 address as it
 * is, an IPv6 address by its /64 network (one subscriber's share, which a host fills with
 * addresses at will), e.g. `2001:db8:0:1::/64`. Anything that is not an address is returned as
 * it is.
 */
QString addressKey(const QString &address);

struct ConnectionLimits
{
    int authTimeoutMs = 30'000;
    int badFramesBeforeClose = 20;
    int badFrameWindowMs = 60'000;
    int maxPendingRequests = 32;
    /// Unsent bytes past which the socket's requests wait (TransportLimits::maxUnsentBytes).
    qint64 maxUnsentBytes = 1024 * 1024;
    /// Dropped when still past maxUnsentBytes after this, or at once past four times it.
    int unsentGraceMs = 10'000;
};

/**
 * @brief One client WebSocket: decodes frames with the shared protocol library, hands requests
 * out one at a time in arrival order, and carries the session state of the socket.
 *
 * A request is "in flight" from requestReceived() until reply() is called for it; the next
 * queued request is released only then, so a client's requests take effect in order.
 */
class Connection final : public QObject
{
    Q_OBJECT
public:
    Connection(std::unique_ptr<QWebSocket> socket, quint64 id, const ConnectionLimits &limits,
        QObject *parent = nullptr);
    ~Connection() override;

    quint64 id() const { return m_id; }
    QString peerAddress() const { return m_peerAddress; }
    /// @brief addressKey() of the peer address: what per-address rate limits count by.
    QString peerKey() const { return addressKey(m_peerAddress); }

    bool isAuthenticated() const { return m_sessionId != 0; }
    qint64 userId() const { return m_user.id; }
    qint64 sessionId() const { return m_sessionId; }
    const protocol::User &user() const { return m_user; }
    /// @brief Binds the socket to a session (after login or resume).
    void setSession(const protocol::User &user, qint64 sessionId);
    void clearSession();
    /// @brief Marks the socket as a viewer, which keeps it open without a session.
    void markSubscribed();

    /// @brief Sends the reply to the request in flight and releases the next one.
    void reply(const protocol::Reply &reply);
    void sendEvent(const protocol::Event &event);
    /// @brief Sends an already encoded frame.
    void sendFrame(const QByteArray &frame);
    /// @brief Sends a frame encoded once for many receivers (boards, broadcasts).
    void sendShared(const SharedFrame &frame);
    /// @brief The TCP socket under the WebSocket, for writing shared frames without re-encoding.
    void setTransport(QTcpSocket *socket) { m_transport = socket; }
    /// @brief The client's address as a trusted proxy reported it (replaces the TCP peer's).
    void setPeerAddress(const QString &address) { m_peerAddress = address; }
    /// @brief Bytes queued on the socket and not yet handed to the operating system.
    qint64 bytesToWrite() const { return m_socket->bytesToWrite(); }
    /// @brief Drops the connection at once, without a close handshake.
    void abort();
    /// @brief Closes with @p code after flushing what was queued.
    void closeWith(quint16 code, const QString &reason);

    /// @brief Called by the gateway's keep-alive timer: pings, or aborts if the last ping went
    /// unanswered.
    void keepAlive();

signals:
    void requestReceived(
        scoreboard::server::Connection *connection, const scoreboard::protocol::Request &request);
    void closed(scoreboard::server::Connection *connection);
    /// @brief The socket's session or user (role) changed: logged in or out, ended, replaced.
    void sessionChanged(scoreboard::server::Connection *connection);

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void refuse(std::optional<qint64> id, protocol::Error error);
    void countBadFrame();
    void pump();
    /// After every write: a peer that does not take its data stops being served, then is dropped.
    void checkBacklog();
    void onBytesWritten();
    /// Stops serving at once and drops the socket from the event loop.
    void dropSoon();

    std::unique_ptr<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_transport;
    quint64 m_id;
    ConnectionLimits m_limits;
    QString m_peerAddress;
    protocol::User m_user;
    qint64 m_sessionId = 0;
    bool m_subscribed = false;
    bool m_closing = false;
    bool m_awaitingPong = false;
    std::optional<qint64> m_inFlight;
    QQueue<protocol::Request> m_queue;
    bool m_backlogged = false;
    QTimer m_authTimer;
    QTimer m_backlogTimer;
    QList<qint64> m_badFrames; ///< times (ms, monotonic) of recent bad frames
    QElapsedTimer m_age;
};

} // namespace scoreboard::server
