#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace scoreboard::server {

/// @brief One plain-text e-mail.
struct MailMessage
{
    QString to;
    QString subject;
    QString body; ///< UTF-8 plain text
};

/**
 * @brief Delivers mail without blocking the event loop.
 *
 * `send()` returns at once; @p done (optional) is called later on the thread that owns the
 * mailer with whether delivery succeeded and, if not, why. Implementations never log message
 * bodies (they hold one-time codes).
 */
class Mailer : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const QString &error)>;
    using QObject::QObject;
    ~Mailer() override;
    virtual void send(const MailMessage &message, Done done = {}) = 0;
    /// @brief Blocks until every send started so far has finished (used at shutdown and by tests).
    virtual void waitForIdle() = 0;
    /// @brief Messages handed to send() and not delivered or failed yet (callers bound their
    /// queue with it).
    int queued() const { return m_queued.load(); }

protected:
    std::atomic<int> m_queued { 0 };
};

/// @brief Settings shared by every mailer.
struct MailSettings
{
    QString from = QStringLiteral("Scoreboard <no-reply@localhost>");
    QString mailDir; ///< write .eml files here (used when smtpUrl is empty)
    QUrl smtpUrl; ///< smtp://host:port or smtps://host:port
    QString smtpUser;
    QString smtpPassword;
    enum class StartTls { Auto, Require, Off } startTls = StartTls::Auto;
    int timeoutSeconds = 30;
};

/**
 * @brief Renders @p message as an RFC 5322 message (CRLF line ends, UTF-8 body, encoded
 * Subject, Date, Message-ID, MIME headers).
 */
QByteArray renderMessage(const MailMessage &message, const QString &from);

/**
 * @brief Writes each message as `<dir>/<utc-time>-<uuid>.eml`, atomically (temp file + rename),
 * on a worker thread.
 */
class MailDirMailer final : public Mailer
{
    Q_OBJECT
public:
    explicit MailDirMailer(MailSettings settings, QObject *parent = nullptr);
    void send(const MailMessage &message, Done done = {}) override;
    void waitForIdle() override;

private:
    MailSettings m_settings;
    QThreadPool m_pool;
};

/// @brief Sends over SMTP with libcurl on a worker thread (one transfer per message).
class SmtpMailer final : public Mailer
{
    Q_OBJECT
public:
    explicit SmtpMailer(MailSettings settings, QObject *parent = nullptr);
    ~SmtpMailer() override;
    void send(const MailMessage &message, Done done = {}) override;
    void waitForIdle() override;

private:
    MailSettings m_settings;
    QThreadPool m_pool;
};

/// @brief The mailer the settings ask for: SMTP when smtpUrl is set, else the mail folder.
std::unique_ptr<Mailer> makeMailer(const MailSettings &settings, QObject *parent = nullptr);

} // namespace scoreboard::server
