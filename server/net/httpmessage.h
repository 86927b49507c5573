#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <utility>

namespace scoreboard::server {

/// @brief One parsed HTTP request, as the routes of the HTTP API see it.
struct HttpRequest
{
    QByteArray method; ///< "GET", "HEAD", …
    QByteArray target; ///< the request target as sent ("/api/v1/leaderboard?limit=5")
    QByteArray path; ///< the target's path, percent-decoded
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< names lower-cased, values trimmed
    QByteArray body;
    QString clientAddress; ///< the peer, or the client a trusted proxy forwarded
    bool keepAlive = true;

    /// @brief Every value of header @p name (lower case), joined with ", " as RFC 9110 5.3 allows
    /// for list-valued fields; empty when absent.
    QByteArray header(QByteArrayView name) const
    {
        QByteArray joined;
        for (const auto &[key, value] : headers) {
            if (key != name)
                continue;
            if (!joined.isEmpty())
                joined += ", ";
            joined += value;
        }
        return joined;
    }
};

/// @brief One HTTP response; Content-Length and Connection are added when it is written.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    /// The answer comes later: the session calls this with where to send it, and reads nothing
    /// more from the connection until it has (a route that waits for the database).
    std::function<void(std::function<void(HttpResponse)> send)> later;

    /// @brief A response that @p produce sends when it has it (see #later).
    static HttpResponse deferred(std::function<void(std::function<void(HttpResponse)>)> produce)
    {
        HttpResponse response;
        response.later = std::move(produce);
        return response;
    }

    HttpResponse &withHeader(QByteArray name, QByteArray value)
    {
        headers.append({ std::move(name), std::move(value) });
        return *this;
    }

    static HttpResponse text(int status, QByteArray body)
    {
        HttpResponse response;
        response.status = status;
        response.body = std::move(body);
        return response;
    }

    /// @brief The status line, headers and (unless @p headOnly) body, ready for the socket.
    QByteArray serialize(bool keepAlive, bool headOnly) const;
    static QByteArray reasonPhrase(int status);
};

} // namespace scoreboard::server
