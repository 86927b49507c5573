#pragma once

#include "net/httpmessage.h"
#include "net/transportlimits.h"

#include <QByteArrayView>

#include <memory>

namespace scoreboard::server {

/**
 * @brief An incremental HTTP/1.x request reader over Debian's libhttp-parser, with the size limits
 * of TransportLimits.
 *
 * Bytes go in as they arrive, in pieces of any size; each byte is looked at once (no rescanning).
 * It stops after each complete request, so pipelined requests are taken one at a time, and after
 * the head of a WebSocket upgrade, whose bytes it keeps so the socket can be handed over intact.
 * A head over `maxHeadBytes` is refused with 431 before more of it is read; a body over
 * `maxBodyBytes` with 413 as soon as its Content-Length (or its chunks) say so.
 */
class HttpRequestParser
{
public:
    enum class Status {
        NeedMore, ///< every byte was taken; the request is not complete
        Request, ///< a complete request is ready: takeRequest()
        Upgrade, ///< the head of a WebSocket upgrade is complete: upgradeHead()
        Error, ///< malformed or over a limit: errorStatus(); the connection must close
    };
    struct Step
    {
        Status status = Status::NeedMore;
        qsizetype consumed = 0; ///< bytes of the input taken
    };

    explicit HttpRequestParser(const TransportLimits &limits);
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    /// @brief Reads from @p data until a request is complete, the input ends, or an error.
    Step feed(QByteArrayView data);

    /// @brief The request just completed (after Status::Request).
    HttpRequest takeRequest();
    /// @brief The request head of an upgrade (after Status::Upgrade), exactly as received.
    const QByteArray &upgradeHead() const { return m_headRaw; }
    /// @brief The upgrade request's parsed head (after Status::Upgrade).
    const HttpRequest &upgradeRequest() const { return m_request; }

    /// @brief 400, 405, 413, 431 or 505 (after Status::Error), and why in words.
    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorText() const { return m_errorText; }

    /// @brief Whether part of a request has been read (for the head and body timers).
    bool inRequest() const { return m_inRequest; }
    bool headComplete() const { return m_headComplete; }

private:
    struct Callbacks;
    void fail(int status, QByteArray text);
    void resetRequest();

    TransportLimits m_limits;
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    HttpRequest m_request;
    QByteArray m_url;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_inRequest = false;
    bool m_headComplete = false;
    bool m_upgrade = false;
    bool m_complete = false;
    qint64 m_headBytes = 0;
    QByteArray m_headRaw;
    int m_errorStatus = 0;
    QByteArray m_errorText;
};

} // namespace scoreboard::server
