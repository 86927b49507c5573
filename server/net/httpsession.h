#pragma once

#include "net/httpparser.h"
#include "net/transportlimits.h"

#include <QObject>
#include <QScopeGuard>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace scoreboard::server {

/**
 * @brief One HTTP connection, from its first byte until it closes or becomes a WebSocket.
 *
 * Requests are read one at a time through HttpRequestParser and answered in order (pipelining
 * works, and the next request is not read while the answers already written exceed
 * `maxUnsentBytes`). Every request has a deadline for its head and one for its body; a kept-alive
 * connection between requests has an idle deadline. A request over a limit is answered with its
 * status (400, 408 is not sent: a timed-out connection is just closed) and the connection closes.
 * A WebSocket upgrade hands the socket on with the upgrade's head back in its read buffer. A
 * route may answer later (HttpResponse::later, e.g. after a database read); meanwhile the
 * connection reads nothing more.
 */
class HttpSession final : public QObject
{
    Q_OBJECT
public:
    using RequestHandler = std::function<HttpResponse(HttpRequest &request)>;
    using UpgradeHandler
        = std::function<void(QTcpSocket *socket, const HttpRequest &head, qint64 headBytes)>;

    /// Takes over @p socket, which must stay alive while the session is (the session is a child
    /// of the socket and dies with it).
    HttpSession(QTcpSocket *socket, const TransportLimits &limits, RequestHandler onRequest,
        UpgradeHandler onUpgrade);

    /// @brief Bytes read from the socket in one go.
    static constexpr qint64 kReadChunk = 16 * 1024;

private:
    enum class Phase { Idle, Head, Body };

    void process();
    void arm(Phase phase);
    void respond(HttpRequest request);
    /// @brief Writes @p response, then closes or waits for the next request.
    void send(const HttpResponse &response, bool keepAlive, bool headOnly);
    void refuse(int status, const QByteArray &text);
    void closeSoon();
    void upgrade();

    QPointer<QTcpSocket> m_socket;
    TransportLimits m_limits;
    RequestHandler m_onRequest;
    UpgradeHandler m_onUpgrade;
    HttpRequestParser m_parser;
    QByteArray m_in; ///< read from the socket, not yet taken by the parser
    QTimer m_deadline;
    Phase m_phase = Phase::Idle;
    bool m_paused = false;
    bool m_closing = false;
    bool m_processing = false;
    bool m_waiting = false; ///< a deferred answer (HttpResponse::later) is on its way
};

} // namespace scoreboard::server
