#include "auth/mailer.h"
#include "auth/logging.h"

#include <QDateTime>
#include <QDir>
#include <QMetaObject>
#include <QSaveFile>
#include <QUuid>

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace scoreboard::server {

namespace {

using namespace Qt::StringLiterals;

bool hasLineBreak(const QString &s)
{
    return s.contains(u'\r') || s.contains(u'\n');
}

bool isAscii(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

/// The bare address of "Name <addr>" or "addr".
QString bareAddress(const QString &mailbox)
{
    const qsizetype open = mailbox.lastIndexOf(u'<');
    if (open >= 0) {
        const qsizetype close = mailbox.indexOf(u'>', open + 1);
        if (close > open)
            return mailbox.mid(open + 1, close - open - 1).trimmed();
    }
    return mailbox.trimmed();
}

/// The domain of an address (for logging and Message-ID), or an empty string.
QString domainOf(const QString &mailbox)
{
    const QString addr = bareAddress(mailbox);
    const qsizetype at = addr.lastIndexOf(u'@');
    return at >= 0 ? addr.mid(at + 1) : QString();
}

/// RFC 2047 B-encoding, split into encoded words of at most 75 characters on UTF-8 character
/// boundaries and folded with CRLF SP so that lines stay within 78 characters; @p prefixLength
/// is the length of what precedes the value on the first line (e.g. "Subject: ").
QByteArray encodeWords(const QString &text, qsizetype prefixLength)
{
    const QByteArray utf8 = text.toUtf8();
    if (isAscii(utf8))
        return utf8;

    // An encoded word is 12 characters of "=?UTF-8?B?" "?=" plus 4 per 3 input bytes.
    constexpr qsizetype maxChunk = 45; // 12 + 60 <= 75; continuation lines: 1 + 72 <= 78
    const qsizetype firstChunk
        = std::clamp<qsizetype>((78 - 12 - prefixLength) / 4 * 3, 3, maxChunk);
    QByteArray out;
    qsizetype pos = 0;
    while (pos < utf8.size()) {
        const qsizetype chunk = out.isEmpty() ? firstChunk : maxChunk;
        qsizetype end = std::min(pos + chunk, utf8.size());
        // Never split a multi-byte sequence: back off while the next byte is a continuation byte.
        while (end < utf8.size() && end > pos
            && (static_cast<unsigned char>(utf8.at(end)) & 0xC0) == 0x80)
            --end;
        if (end == pos) // malformed input; just take the chunk
            end = std::min(pos + chunk, utf8.size());
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + utf8.mid(pos, end - pos).toBase64() + "?=";
        pos = end;
    }
    return out;
}

/// "Name <addr>" with the display name encoded when it is not ASCII.
QByteArray encodeMailbox(const QString &mailbox, qsizetype prefixLength)
{
    const QString trimmed = mailbox.trimmed();
    const qsizetype open = trimmed.lastIndexOf(u'<');
    if (open <= 0)
        return trimmed.toUtf8();
    QString name = trimmed.left(open).trimmed();
    if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"'))
        name = name.mid(1, name.size() - 2);
    const QByteArray encodedName = name.toUtf8();
    if (isAscii(encodedName))
        return trimmed.toUtf8();
    return encodeWords(name, prefixLength) + ' ' + trimmed.mid(open).toUtf8();
}

/// RFC 2822 date in UTC with English names, independent of the locale.
QByteArray rfc2822Date(const QDateTime &when)
{
    static constexpr std::array<const char *, 7> days { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
        "Sun" };
    static constexpr std::array<const char *, 12> months { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const QDateTime utc = when.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    return QByteArray(days.at(d.dayOfWeek() - 1)) + ", "
        + QByteArray::number(d.day()).rightJustified(2, '0') + ' ' + months.at(d.month() - 1) + ' '
        + QByteArray::number(d.year()) + ' ' + QByteArray::number(t.hour()).rightJustified(2, '0')
        + ':' + QByteArray::number(t.minute()).rightJustified(2, '0') + ':'
        + QByteArray::number(t.second()).rightJustified(2, '0') + " +0000";
}

/// Every line end (CRLF, lone CR, lone LF) becomes CRLF; a final CRLF is added if missing.
QByteArray normaliseLineEnds(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size() + in.size() / 32 + 2);
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < in.size() && in.at(i + 1) == '\n')
                ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    if (!out.endsWith("\r\n"))
        out += "\r\n";
    return out;
}

/// Calls @p done with the result on @p mailer's thread (no-op when @p done is empty).
void finish(Mailer *mailer, const Mailer::Done &done, bool ok, const QString &error)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        mailer, [done, ok, error] { done(ok, error); }, Qt::QueuedConnection);
}

void ensureCurlGlobalInit()
{
    static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK)
        qCCritical(lcMail) << "curl_global_init failed:" << curl_easy_strerror(rc);
}

struct UploadSource
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readCallback(char *buffer, size_t size, size_t nitems, void *userdata)
{
    auto *src = static_cast<UploadSource *>(userdata);
    const size_t room = size * nitems;
    const size_t left = static_cast<size_t>(src->data.size() - src->offset);
    const size_t n = std::min(room, left);
    if (n > 0) {
        std::memcpy(buffer, src->data.constData() + src->offset, n);
        src->offset += static_cast<qsizetype>(n);
    }
    return n;
}

struct CurlSlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

struct CurlEasyDeleter
{
    void operator()(CURL *curl) const { curl_easy_cleanup(curl); }
};

/// Sends one rendered message; returns an empty string on success, else the error.
QString smtpSend(const MailSettings &settings, const QString &to, const QByteArray &rendered)
{
    std::unique_ptr<CURL, CurlEasyDeleter> curl(curl_easy_init());
    if (!curl)
        return u"curl_easy_init failed"_s;

    std::array<char, CURL_ERROR_SIZE> errorBuffer {};
    UploadSource source { rendered, 0 };
    const QByteArray url = settings.smtpUrl.toEncoded();
    const QByteArray mailFrom = bareAddress(settings.from).toUtf8();
    const QByteArray rcpt = bareAddress(to).toUtf8();
    const QByteArray user = settings.smtpUser.toUtf8();
    const QByteArray password = settings.smtpPassword.toUtf8();

    std::unique_ptr<curl_slist, CurlSlistDeleter> recipients(
        curl_slist_append(nullptr, rcpt.constData()));
    if (!recipients)
        return u"curl_slist_append failed"_s;

    long useSsl = CURLUSESSL_TRY;
    switch (settings.startTls) {
    case MailSettings::StartTls::Auto:
        useSsl = CURLUSESSL_TRY;
        break;
    case MailSettings::StartTls::Require:
        useSsl = CURLUSESSL_ALL;
        break;
    case MailSettings::StartTls::Off:
        useSsl = CURLUSESSL_NONE;
        break;
    }

    CURL *h = curl.get();
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer.data());
    curl_easy_setopt(h, CURLOPT_URL, url.constData());
#if LIBCURL_VERSION_NUM >= 0x075500 // 7.85.0
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#endif
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mailFrom.constData());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &readCallback);
    curl_easy_setopt(h, CURLOPT_READDATA, &source);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    if (!settings.smtpUser.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(h, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(h, CURLOPT_USE_SSL, useSsl);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(std::max(0, settings.timeoutSeconds)));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);

    const CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
        return {};
    const QString detail = errorBuffer[0] != '\0'
        ? QString::fromUtf8(errorBuffer.data(), qstrnlen(errorBuffer.data(), errorBuffer.size()))
        : QString::fromUtf8(curl_easy_strerror(rc));
    return detail.isEmpty() ? u"SMTP transfer failed"_s : detail;
}

} // namespace

Mailer::~Mailer() = default;

QByteArray renderMessage(const MailMessage &message, const QString &from)
{
    if (hasLineBreak(message.to) || hasLineBreak(message.subject) || hasLineBreak(from)
        || message.to.trimmed().isEmpty())
        return {};

    QString host = domainOf(from);
    if (host.isEmpty() || host.contains(u'>') || host.contains(u' '))
        host = u"localhost"_s;

    QByteArray out;
    out += "From: " + encodeMailbox(from, 6) + "\r\n";
    out += "To: " + encodeMailbox(message.to, 4) + "\r\n";
    out += "Subject: " + encodeWords(message.subject, 9) + "\r\n";
    out += "Date: " + rfc2822Date(QDateTime::currentDateTimeUtc()) + "\r\n";
    out += "Message-ID: <" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + '@'
        + host.toUtf8() + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: 8bit\r\n";
    out += "\r\n";
    out += normaliseLineEnds(message.body.toUtf8());
    return out;
}

// ---------------------------------------------------------------------------------------------

MailDirMailer::MailDirMailer(MailSettings settings, QObject *parent)
    : Mailer(parent)
    , m_settings(std::move(settings))
{
    m_pool.setMaxThreadCount(1); // one writer, so files appear in send order
}

void MailDirMailer::send(const MailMessage &message, Done done)
{
    QByteArray rendered = renderMessage(message, m_settings.from);
    if (rendered.isEmpty()) {
        qCWarning(lcMail) << "mail refused: invalid recipient or subject";
        finish(this, done, false, u"invalid message (empty recipient or line break in header)"_s);
        return;
    }
    const QString dir = m_settings.mailDir;
    ++m_queued;
    m_pool.start([this, dir, rendered = std::move(rendered), done = std::move(done)] {
        if (dir.isEmpty()) {
            qCWarning(lcMail) << "mail delivery failed: no mail folder configured";
            --m_queued;
            finish(this, done, false, u"no mail folder configured"_s);
            return;
        }
        if (!QDir().mkpath(dir)) {
            qCWarning(lcMail) << "mail delivery failed: cannot create mail folder" << dir;
            --m_queued;
            finish(this, done, false, u"cannot create mail folder %1"_s.arg(dir));
            return;
        }
        const QString name = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmsszzz"_s)
            + u"Z-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) + u".eml"_s;
        QSaveFile file(QDir(dir).filePath(name));
        QString error;
        if (!file.open(QIODevice::WriteOnly))
            error = file.errorString();
        else if (file.write(rendered) != rendered.size())
            error = file.errorString();
        else if (!file.commit())
            error = file.errorString();
        --m_queued;
        if (error.isEmpty()) {
            qCInfo(lcMail) << "mail written to mail folder";
            finish(this, done, true, {});
        } else {
            file.cancelWriting();
            qCWarning(lcMail) << "mail delivery failed:" << error;
            finish(this, done, false, error);
        }
    });
}

void MailDirMailer::waitForIdle()
{
    m_pool.waitForDone();
}

// ---------------------------------------------------------------------------------------------

SmtpMailer::SmtpMailer(MailSettings settings, QObject *parent)
    : Mailer(parent)
    , m_settings(std::move(settings))
{
    ensureCurlGlobalInit();
    m_pool.setMaxThreadCount(2);
}

SmtpMailer::~SmtpMailer()
{
    m_pool.waitForDone();
}

void SmtpMailer::send(const MailMessage &message, Done done)
{
    QByteArray rendered = renderMessage(message, m_settings.from);
    if (rendered.isEmpty()) {
        qCWarning(lcMail) << "mail refused: invalid recipient or subject";
        finish(this, done, false, u"invalid message (empty recipient or line break in header)"_s);
        return;
    }
    ++m_queued;
    m_pool.start([this, settings = m_settings, to = message.to, rendered = std::move(rendered),
                     done = std::move(done)] {
        const QString error = smtpSend(settings, to, rendered);
        --m_queued;
        const QString domain = domainOf(to);
        if (error.isEmpty()) {
            qCInfo(lcMail) << "mail delivered via SMTP to domain" << domain;
            finish(this, done, true, {});
        } else {
            qCWarning(lcMail) << "mail delivery failed:" << error;
            finish(this, done, false, error);
        }
    });
}

void SmtpMailer::waitForIdle()
{
    m_pool.waitForDone();
}

// ---------------------------------------------------------------------------------------------

std::unique_ptr<Mailer> makeMailer(const MailSettings &settings, QObject *parent)
{
    if (settings.smtpUrl.isValid() && !settings.smtpUrl.isEmpty())
        return std::make_unique<SmtpMailer>(settings, parent);
    return std::make_unique<MailDirMailer>(settings, parent);
}

} // namespace scoreboard::server
