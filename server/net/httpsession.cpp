#include "net/httpsession.h"
#include "net/logging.h"

namespace scoreboard::server {

namespace {
/// A peer that does not take a closing answer within this is dropped.
constexpr int kCloseGraceMs = 5000;
} // namespace

HttpSession::HttpSession(QTcpSocket *socket, const TransportLimits &limits,
    RequestHandler onRequest, UpgradeHandler onUpgrade)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_onRequest(std::move(onRequest))
    , m_onUpgrade(std::move(onUpgrade))
    , m_parser(limits)
{
    // Qt stops reading from the kernel once this much waits unread, so a request the server is
    // not reading yet pushes back on the client through TCP instead of filling memory.
    m_socket->setReadBufferSize(kReadChunk);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCDebug(lcNet) << "HTTP connection from" << m_socket->peerAddress().toString()
                       << "timed out";
        m_socket->abort();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpSession::process);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_paused && m_socket->bytesToWrite() <= m_limits.maxUnsentBytes) {
            m_paused = false;
            arm(m_phase);
            process();
        }
    });
    // A new connection must send its first request head in time, like any later one.
    m_phase = Phase::Head;
    m_deadline.start(m_limits.headTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpSession::process, Qt::QueuedConnection);
}

void HttpSession::arm(Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case Phase::Idle: m_deadline.start(m_limits.idleTimeoutMs); break;
    case Phase::Head: m_deadline.start(m_limits.headTimeoutMs); break;
    case Phase::Body: m_deadline.start(m_limits.bodyTimeoutMs); break;
    }
}

void HttpSession::process()
{
    if (m_processing || m_closing || !m_socket)
        return;
    m_processing = true;
    const auto done = qScopeGuard([this] { m_processing = false; });
    for (;;) {
        if (m_closing || m_waiting)
            return;
        if (m_socket->bytesToWrite() > m_limits.maxUnsentBytes) {
            // Answers pile up unread: read nothing more until the peer takes them.
            m_paused = true;
            m_deadline.start(m_limits.unsentGraceMs);
            return;
        }
        if (m_in.isEmpty()) {
            m_in = m_socket->read(kReadChunk);
            if (m_in.isEmpty())
                return;
        }
        const auto step = m_parser.feed(m_in);
        m_in.remove(0, step.consumed);
        switch (step.status) {
        case HttpRequestParser::Status::NeedMore:
            if (m_parser.inRequest() && m_phase == Phase::Idle)
                arm(Phase::Head);
            if (m_parser.headComplete() && m_phase == Phase::Head)
                arm(Phase::Body);
            break;
        case HttpRequestParser::Status::Request:
            respond(m_parser.takeRequest());
            break;
        case HttpRequestParser::Status::Upgrade:
            upgrade();
            return;
        case HttpRequestParser::Status::Error:
            qCInfo(lcNet) << "HTTP request from" << m_socket->peerAddress().toString()
                          << "refused with" << m_parser.errorStatus();
            refuse(m_parser.errorStatus(), m_parser.errorText());
            return;
        }
    }
}

void HttpSession::respond(HttpRequest request)
{
    const bool headOnly = request.method == "HEAD";
    const bool keepAlive = request.keepAlive;
    HttpResponse response = m_onRequest(request);
    if (!response.later) {
        send(response, keepAlive, headOnly);
        return;
    }
    // Nothing more is read (and no deadline runs) until the answer is written.
    m_waiting = true;
    m_deadline.stop();
    response.later([session = QPointer<HttpSession>(this), keepAlive, headOnly](
                       const HttpResponse &answer) {
        if (!session || !session->m_waiting)
            return;
        session->m_waiting = false;
        session->send(answer, keepAlive, headOnly);
        QMetaObject::invokeMethod(session, &HttpSession::process, Qt::QueuedConnection);
    });
}

void HttpSession::send(const HttpResponse &response, bool keepAlive, bool headOnly)
{
    if (!m_socket || m_closing)
        return;
    m_socket->write(response.serialize(keepAlive, headOnly));
    if (!keepAlive) {
        closeSoon();
        return;
    }
    arm(Phase::Idle);
}

void HttpSession::refuse(int status, const QByteArray &text)
{
    m_socket->write(HttpResponse::text(status, text + '\n').serialize(false, false));
    closeSoon();
}

void HttpSession::closeSoon()
{
    m_closing = true;
    m_in.clear();
    m_deadline.start(kCloseGraceMs);
    m_socket->disconnectFromHost();
}

void HttpSession::upgrade()
{
    m_deadline.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    // Put the head and anything read behind it back in front of the socket's buffer, in order.
    const QByteArray &head = m_parser.upgradeHead();
    for (qsizetype i = m_in.size() - 1; i >= 0; --i)
        m_socket->ungetChar(m_in[i]);
    for (qsizetype i = head.size() - 1; i >= 0; --i)
        m_socket->ungetChar(head[i]);
    m_socket->setReadBufferSize(0);
    QTcpSocket *socket = m_socket;
    const HttpRequest request = m_parser.upgradeRequest();
    const qint64 headBytes = head.size();
    setParent(nullptr);
    deleteLater();
    m_onUpgrade(socket, request, headBytes);
}

} // namespace scoreboard::server
