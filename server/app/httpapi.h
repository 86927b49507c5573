#pragma once

#include "net/httpmessage.h"

#include <QHash>
#include <QHostAddress>

#include <functional>

namespace scoreboard::server {

class FrontDoor;
class Gateway;
class Metrics;
class ScoreService;
class StoreExecutor;

/**
 * @brief The HTTP side of the port: the browser page, `/healthz`, `/metrics` and the JSON API.
 *
 * Every route answers GET and HEAD (anything else gets 405); an unknown path gets 404. Requests
 * arrive already read and checked against the transport limits by the FrontDoor.
 */
class HttpApi
{
public:
    using Subnets = QList<std::pair<QHostAddress, int>>;

    /// @p metricsAllow: the client addresses that may read `/metrics` (others get 403).
    HttpApi(StoreExecutor &store, ScoreService &scores, Metrics &metrics, Gateway &gateway,
        Subnets metricsAllow);

    /// @brief The door whose connection counts `/metrics` shows (set once it exists).
    void setFrontDoor(const FrontDoor *door) { m_door = door; }

    /// @brief Adds `Strict-Transport-Security` to every answer (when the port serves TLS).
    void setStrictTransportSecurity(bool on) { m_hsts = on; }
    /// @brief How users reach the server (`public-url`): the events' QR codes point there.
    void setPublicUrl(QString url) { m_publicUrl = std::move(url); }

    HttpResponse handle(const HttpRequest &request) const;

    /// @brief The Content-Security-Policy of the page.
    static const QByteArray kPagePolicy;

private:
    using Route = std::function<HttpResponse(const HttpRequest &)>;
    HttpResponse renderMetrics(const HttpRequest &request) const;
    HttpResponse leaderboard(const HttpRequest &request) const;
    /// @brief `/screen/{slug}`, `/e/{slug}`, `/api/v1/events/{slug}/leaderboard`, `…/results.csv`
    /// and `…/qr.svg`.
    HttpResponse eventRoute(const HttpRequest &request) const;
    static constexpr QByteArrayView kEventsPrefix = "/api/v1/events/";

    StoreExecutor &m_store;
    ScoreService &m_scores;
    Metrics &m_metrics;
    Gateway &m_gateway;
    Subnets m_metricsAllow;
    const FrontDoor *m_door = nullptr;
    bool m_hsts = false;
    QString m_publicUrl;
    QHash<QByteArray, Route> m_routes;
};

} // namespace scoreboard::server
