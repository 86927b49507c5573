#include "net/httpparser.h"

#include <QUrl>

#include <http_parser.h>

#include <algorithm>

namespace scoreboard::server {

struct HttpRequestParser::Parser
{
    http_parser state {};
    http_parser_settings settings {};
};

struct HttpRequestParser::Callbacks
{
    static HttpRequestParser &self(http_parser *parser)
    {
        return *static_cast<HttpRequestParser *>(parser->data);
    }

    static void endHeader(HttpRequestParser &p)
    {
        if (!p.m_field.isEmpty())
            p.m_request.headers.append({ p.m_field.toLower(), p.m_value.trimmed() });
        p.m_field.clear();
        p.m_value.clear();
        p.m_inValue = false;
    }

    static int messageBegin(http_parser *parser)
    {
        auto &p = self(parser);
        p.resetRequest();
        p.m_inRequest = true;
        return 0;
    }

    static int url(http_parser *parser, const char *at, size_t length)
    {
        self(parser).m_url.append(at, qsizetype(length));
        return 0;
    }

    static int headerField(http_parser *parser, const char *at, size_t length)
    {
        auto &p = self(parser);
        if (p.m_inValue)
            endHeader(p);
        p.m_field.append(at, qsizetype(length));
        return 0;
    }

    static int headerValue(http_parser *parser, const char *at, size_t length)
    {
        auto &p = self(parser);
        p.m_inValue = true;
        p.m_value.append(at, qsizetype(length));
        return 0;
    }

    /// Returns 2 for a WebSocket upgrade (the body, if any, belongs to the new protocol), -1 to
    /// stop at a limit, else 0.
    static int headersComplete(http_parser *parser)
    {
        auto &p = self(parser);
        endHeader(p);
        p.m_headComplete = true;
        auto &request = p.m_request;
        request.method = http_method_str(http_method(parser->method));
        request.target = p.m_url;
        const qsizetype question = p.m_url.indexOf('?');
        request.path = QByteArray::fromPercentEncoding(
            p.m_url.first(question < 0 ? p.m_url.size() : question));
        if (question >= 0)
            request.query.setQuery(QString::fromUtf8(p.m_url.sliced(question + 1)));
        request.keepAlive = http_should_keep_alive(parser) != 0;
        if (parser->http_major != 1) {
            p.fail(505, "only HTTP/1.0 and HTTP/1.1 are served");
            return -1;
        }
        if (!p.m_url.startsWith('/')) {
            p.fail(400, "the request target must be a path");
            return -1;
        }
        if (parser->method == HTTP_CONNECT) {
            p.fail(405, "CONNECT is not served");
            return -1;
        }
        if (request.header("upgrade").toLower().contains("websocket")) {
            p.m_upgrade = true;
            return 2;
        }
        if ((parser->flags & F_CONTENTLENGTH) != 0
            && parser->content_length > quint64(p.m_limits.maxBodyBytes)) {
            p.fail(413, "the request body is too large");
            return -1;
        }
        return 0;
    }

    static int body(http_parser *parser, const char *at, size_t length)
    {
        auto &p = self(parser);
        if (p.m_request.body.size() + qint64(length) > p.m_limits.maxBodyBytes) {
            p.fail(413, "the request body is too large");
            return -1;
        }
        p.m_request.body.append(at, qsizetype(length));
        return 0;
    }

    static int messageComplete(http_parser *parser)
    {
        auto &p = self(parser);
        p.m_complete = true;
        http_parser_pause(parser, 1); // one request at a time
        return 0;
    }
};

HttpRequestParser::HttpRequestParser(const TransportLimits &limits)
    : m_limits(limits)
    , m_parser(std::make_unique<Parser>())
{
    http_parser_init(&m_parser->state, HTTP_REQUEST);
    m_parser->state.data = this;
    auto &settings = m_parser->settings;
    settings.on_message_begin = &Callbacks::messageBegin;
    settings.on_url = &Callbacks::url;
    settings.on_header_field = &Callbacks::headerField;
    settings.on_header_value = &Callbacks::headerValue;
    settings.on_headers_complete = &Callbacks::headersComplete;
    settings.on_body = &Callbacks::body;
    settings.on_message_complete = &Callbacks::messageComplete;
}

HttpRequestParser::~HttpRequestParser() = default;

void HttpRequestParser::resetRequest()
{
    m_request = {};
    m_url.clear();
    m_field.clear();
    m_value.clear();
    m_inValue = false;
    m_headComplete = false;
    m_upgrade = false;
    m_complete = false;
    m_headBytes = 0;
    m_headRaw.clear();
}

void HttpRequestParser::fail(int status, QByteArray text)
{
    if (m_errorStatus == 0) {
        m_errorStatus = status;
        m_errorText = std::move(text);
    }
}

HttpRequestParser::Step HttpRequestParser::feed(QByteArrayView data)
{
    Step step;
    if (m_errorStatus != 0) {
        step.status = Status::Error;
        return step;
    }
    while (step.consumed < data.size()) {
        QByteArrayView chunk = data.sliced(step.consumed);
        const bool inHead = !m_headComplete;
        if (inHead) // never read more head than the limit allows, plus one byte to notice
            chunk = chunk.first(
                std::min<qsizetype>(chunk.size(), m_limits.maxHeadBytes + 1 - m_headBytes));
        const size_t parsed = http_parser_execute(
            &m_parser->state, &m_parser->settings, chunk.data(), size_t(chunk.size()));
        const auto error = HTTP_PARSER_ERRNO(&m_parser->state);
        if (inHead) {
            // The head's own bytes (kept for an upgrade); a completed head ends the copy exactly
            // when it is an upgrade, since the parser stops there.
            m_headBytes += qint64(parsed);
            if (m_inRequest)
                m_headRaw.append(chunk.first(qsizetype(parsed)));
        }
        step.consumed += qsizetype(parsed);
        if (error == HPE_PAUSED) {
            http_parser_pause(&m_parser->state, 0);
        } else if (error != HPE_OK) {
            if (m_errorStatus == 0)
                fail(error == HPE_HEADER_OVERFLOW ? 431 : 400,
                    QByteArray("malformed request: ") + http_errno_description(error));
            step.status = Status::Error;
            return step;
        }
        if (m_complete) {
            m_inRequest = false;
            step.status = m_upgrade ? Status::Upgrade : Status::Request;
            return step;
        }
        if (!m_headComplete && m_headBytes > m_limits.maxHeadBytes) {
            fail(431, "the request head is too large");
            step.status = Status::Error;
            return step;
        }
        if (parsed == 0) // nothing taken and no error: should not happen; do not spin
            break;
    }
    return step;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    resetRequest();
    return request;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray HttpResponse::serialize(bool keepAlive, bool headOnly) const
{
    QByteArray out;
    out.reserve(256 + (headOnly ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (!headOnly)
        out += body;
    return out;
}

} // namespace scoreboard::server
