#pragma once

#include "protocol.h"

#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace scoreboard::test {

/// @brief The password the tests give their players (long enough and not a common one).
inline const QString kPassword = QStringLiteral("correct horse battery");

/**
 * @brief A real QWebSocket speaking the protocol through the shared library, with blocking
 * helpers for tests (they spin the event loop, so the in-process server keeps running).
 */
class TestClient : public QObject
{
    Q_OBJECT
public:
    explicit TestClient(const QUrl &url, const QString &origin = {},
        const QStringList &subprotocols = { QString::fromLatin1(protocol::kSubprotocol) });
    ~TestClient() override;

    /// @brief Connects; false if the handshake fails within @p timeoutMs.
    bool open(int timeoutMs = 5000);
    /// @brief Sends this header with the handshake of the next open().
    void setHandshakeHeader(const QByteArray &name, const QByteArray &value)
    {
        m_headers.append({ name, value });
    }
    /// @brief Sends a request and returns its id.
    qint64 send(protocol::MessageType type, const QJsonObject &data = {});
    /// @brief Waits for the reply to @p id.
    std::optional<protocol::Reply> waitReply(qint64 id, int timeoutMs = 10000);
    /// @brief send() then waitReply(); an empty optional (timeout) fails the caller's QVERIFY.
    std::optional<protocol::Reply> request(
        protocol::MessageType type, const QJsonObject &data = {}, int timeoutMs = 10000);
    /// @brief Sends a raw text frame.
    void sendText(const QByteArray &text);
    void sendBinary(const QByteArray &data);
    /// @brief Waits for the next reply with `"re": null`.
    std::optional<protocol::Reply> waitAnonymousReply(int timeoutMs = 5000);
    /// @brief Waits for an event of @p type and returns the first unconsumed one.
    std::optional<protocol::Event> waitEvent(protocol::EventType type, int timeoutMs = 5000);
    /// @brief Waits for an event of @p type, then returns the newest one and drops older ones.
    std::optional<protocol::Event> takeLatestEvent(protocol::EventType type, int timeoutMs = 5000);
    bool waitClosed(int timeoutMs = 5000);

    bool isConnected() const;
    quint16 closeCode() const { return m_closeCode; }
    QWebSocket &socket() { return m_socket; }

signals:
    /// @brief Something arrived or the connection state changed (wakes waiting helpers).
    void activity();

private:
    void onMessage(const QString &text);
    /// @brief Runs the event loop until @p done holds or @p timeoutMs passes; wakes on activity,
    /// not on a polling interval, so it adds no latency to what it measures.
    bool spinUntil(const std::function<bool()> &done, int timeoutMs);
    /// @brief Waits for the first item matching @p pred and removes it from @p items.
    template<typename T, typename Pred>
    std::optional<T> takeFirst(QList<T> &items, Pred pred, int timeoutMs);

    QUrl m_url;
    QStringList m_subprotocols;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QWebSocket m_socket;
    qint64 m_nextId = 1;
    QList<protocol::Reply> m_replies;
    QList<protocol::Event> m_events;
    bool m_closed = false;
    quint16 m_closeCode = 0;
};

/// @brief The newest six-digit code mailed to @p email among the .eml files in @p dir (and its
/// Maildir subfolders); empty if none.
QString codeFromMailDir(const QString &dir, const QString &email);
/// @brief How many mails in @p dir are addressed to @p email.
int mailCount(const QString &dir, const QString &email);

/**
 * @brief A real SMTP server: Debian's python3-aiosmtpd, started on a free loopback port and
 * storing each message in a Maildir.
 */
class SmtpSink
{
public:
    SmtpSink();
    ~SmtpSink();
    /// @brief Starts the sink; false with @p error if python3-aiosmtpd is missing or it won't
    /// start.
    bool start(QString *error);
    QUrl url() const;
    QString mailDir() const;
    /// @brief Stops (SIGSTOP) or resumes (SIGCONT) the sink's process: while stopped it takes
    /// connections (the kernel's backlog) but answers nothing, so mail to it stays in flight.
    void setStopped(bool stopped);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// @brief A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
quint16 freePort();

} // namespace scoreboard::test
