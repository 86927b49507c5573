#include "app/httpapi.h"
#include "core/metrics.h"
#include "net/frontdoor.h"
#include "net/gateway.h"
#include "protocol.h"
#include "scoring/scoreservice.h"
#include "store/storeexecutor.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

HttpResponse withHeaders(HttpResponse response, const QByteArray &cacheControl)
{
    response.withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Cache-Control", cacheControl)
        .withHeader("Referrer-Policy", "no-referrer");
    return response;
}

HttpResponse json(int status, const QJsonObject &object, const QByteArray &cacheControl)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "application/json";
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return withHeaders(std::move(response), cacheControl);
}

/// A file of the browser page, compiled into the binary (server/web/).
HttpResponse staticFile(const QString &name, const QByteArray &contentType)
{
    QFile file(u":/scoreboard/web/"_s + name);
    file.open(QIODevice::ReadOnly);
    HttpResponse response;
    response.contentType = contentType;
    response.body = file.readAll();
    return withHeaders(std::move(response), "no-cache");
}

} // namespace

const QByteArray HttpApi::kPagePolicy
    = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

HttpApi::HttpApi(StoreExecutor &store, ScoreService &scores, Metrics &metrics, Gateway &gateway,
    Subnets metricsAllow)
    : m_store(store)
    , m_scores(scores)
    , m_metrics(metrics)
    , m_gateway(gateway)
    , m_metricsAllow(std::move(metricsAllow))
{
    m_routes.insert("/healthz", [this](const HttpRequest &) {
        const bool up = m_store.healthy();
        return withHeaders(
            HttpResponse::text(up ? 200 : 503, up ? "ok\n" : "store unavailable\n"), "no-store");
    });
    m_routes.insert("/metrics", [this](const HttpRequest &request) { return renderMetrics(request); });
    m_routes.insert("/api/v1/leaderboard",
        [this](const HttpRequest &request) { return leaderboard(request); });
    m_routes.insert("/", [](const HttpRequest &) {
        return staticFile(u"index.html"_s, "text/html; charset=utf-8")
            .withHeader("Content-Security-Policy", kPagePolicy);
    });
    m_routes.insert("/app.js", [](const HttpRequest &) {
        return staticFile(u"app.js"_s, "text/javascript; charset=utf-8");
    });
    m_routes.insert("/app.css",
        [](const HttpRequest &) { return staticFile(u"app.css"_s, "text/css; charset=utf-8"); });
}

HttpResponse HttpApi::handle(const HttpRequest &request) const
{
    HttpResponse response;
    const auto route = m_routes.constFind(request.path);
    if (route == m_routes.cend())
        response = withHeaders(HttpResponse::text(404, "not found\n"), "no-store");
    else if (request.method != "GET" && request.method != "HEAD")
        response = withHeaders(HttpResponse::text(405, "only GET and HEAD are served\n"),
            "no-store")
                       .withHeader("Allow", "GET, HEAD");
    else
        response = (*route)(request);
    if (m_hsts)
        response.withHeader("Strict-Transport-Security", "max-age=31536000");
    return response;
}

HttpResponse HttpApi::renderMetrics(const HttpRequest &request) const
{
    const QHostAddress client(request.clientAddress);
    const bool allowed = std::any_of(m_metricsAllow.cbegin(), m_metricsAllow.cend(),
        [&](const auto &subnet) { return client.isInSubnet(subnet); });
    if (!allowed)
        return withHeaders(
            HttpResponse::text(403, "metrics are not served to this address\n"), "no-store");
    QList<Metrics::Counter> counters;
    if (m_door) {
        for (const auto &[reason, count] : m_door->refusedConnections())
            counters.append({ "scoreboard_connections_refused_total",
                "Connections refused at once, by reason (total, per_address, no_fd).",
                "reason", reason, double(count) });
    }
    HttpResponse response;
    response.contentType = "text/plain; version=0.0.4";
    response.body = m_metrics.render(
        {
            { "scoreboard_connections", "Open WebSocket connections.",
                double(m_gateway.connectionCount()) },
            { "scoreboard_tcp_connections", "Open TCP connections (HTTP and WebSocket).",
                double(m_door ? m_door->openConnections() : 0) },
            { "scoreboard_viewers", "Sockets subscribed to the leaderboard.",
                double(m_scores.hub().subscriberCount()) },
            { "scoreboard_ranked_players", "Players in the ranking.",
                double(m_scores.ranking().size()) },
            { "scoreboard_pending_increments", "Accepted actions waiting for their commit.",
                double(m_scores.pendingIncrements()) },
            { "scoreboard_store_up", "1 while the database answers, else 0.",
                m_store.healthy() ? 1.0 : 0.0 },
        },
        counters);
    return withHeaders(std::move(response), "no-store");
}

HttpResponse HttpApi::leaderboard(const HttpRequest &request) const
{
    const QString raw = request.query.queryItemValue(u"limit"_s);
    bool ok = true;
    const int limit = raw.isEmpty() ? protocol::limits::LeaderboardLimitDefault : raw.toInt(&ok);
    if (!ok || limit < protocol::limits::LeaderboardLimitMin
        || limit > protocol::limits::LeaderboardLimitMax) {
        return json(400,
            QJsonObject { { u"error"_s,
                protocol::Error { protocol::ErrorCode::BadRequest,
                    u"limit must be an integer from 1 to 100"_s, 0, {} }
                    .toJson() } },
            "no-store");
    }
    return json(200, m_scores.hub().snapshot(limit).toJson(), "no-cache");
}

} // namespace scoreboard::server
