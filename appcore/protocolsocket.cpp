#include "protocolsocket.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSslError>
#include <QWebSocketHandshakeOptions>

#include <cmath>

using namespace Qt::StringLiterals;

namespace scoreboard::app {

using namespace scoreboard::protocol;

namespace {

Q_LOGGING_CATEGORY(lcSocket, "scoreboard.app.socket", QtInfoMsg)

constexpr int kMaxBackoffMs = 15'000;
/// Marks a request that never reached the server (not connected, or the connection dropped).
const QString kNotSent = u"not sent: no connection"_s;

Reply notSent()
{
    return Reply::failure(0, Error { ErrorCode::Internal, kNotSent, 0, {} });
}

} // namespace

ProtocolSocket::ProtocolSocket(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_attempt = 0;
        setState(State::Online);
        qCInfo(lcSocket) << "connected to" << m_url.toString();
        emit connected();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &ProtocolSocket::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ProtocolSocket::onMessage);
    // A wss:// server whose certificate the system does not trust is never talked to; the
    // person is told why, in the words of the TLS library (expired, self-signed, wrong name).
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const auto &error : errors)
            reasons.append(error.errorString());
        reasons.removeDuplicates();
        const QString why = tr("The server's certificate is not trusted: %1. Check the server "
                               "address, or ask its operator.")
                                .arg(reasons.join(u"; "_s));
        qCWarning(lcSocket) << "refused the certificate of" << m_url.host() << ":"
                            << reasons.join(u"; "_s);
        emit certificateRefused(why);
    });
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QString::fromLatin1(kSubprotocol) });
        m_socket.open(QNetworkRequest(m_url), options);
    });
}

ProtocolSocket::~ProtocolSocket()
{
    m_wanted = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

bool ProtocolSocket::isNotSent(const Error &error)
{
    return error.message == kNotSent;
}

void ProtocolSocket::setUrl(const QUrl &url)
{
    if (url == m_url)
        return;
    m_url = url;
    if (m_wanted) {
        m_attempt = 0;
        m_socket.abort(); // reconnects to the new address
    }
}

void ProtocolSocket::open()
{
    m_wanted = true;
    if (m_socket.state() != QAbstractSocket::UnconnectedState || m_reconnect.isActive())
        return;
    setState(State::Connecting);
    m_reconnect.start(0);
}

void ProtocolSocket::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void ProtocolSocket::send(MessageType type, const QJsonObject &data, ReplyHandler handler)
{
    if (m_state != State::Online) {
        handler(notSent());
        return;
    }
    const Request request { m_nextId++, type, data };
    m_pending.insert(request.id, std::move(handler));
    m_socket.sendTextMessage(QString::fromUtf8(request.encode()));
}

void ProtocolSocket::onDisconnected()
{
    // Whatever was waiting will not be answered on this socket.
    const auto pending = std::exchange(m_pending, {});
    for (const auto &handler : pending)
        handler(notSent());
    emit disconnected(quint16(m_socket.closeCode()));
    if (!m_wanted) {
        setState(State::Offline);
        return;
    }
    const double base = std::min<double>(kMaxBackoffMs, 500.0 * std::pow(2.0, m_attempt));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    ++m_attempt;
    setState(State::Reconnecting);
    m_reconnect.start(int(base * jitter));
}

void ProtocolSocket::onMessage(const QString &text)
{
    QString why;
    auto message = decodeServerMessage(text.toUtf8(), &why);
    if (!message) {
        qCWarning(lcSocket) << "ignored an undecodable message from the server:" << why;
        return;
    }
    if (auto *reply = std::get_if<Reply>(&*message)) {
        if (!reply->re)
            return;
        if (const auto handler = m_pending.take(*reply->re))
            handler(*reply);
        return;
    }
    emit eventReceived(std::get<Event>(*message));
}

} // namespace scoreboard::app
