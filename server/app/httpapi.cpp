#include "app/httpapi.h"
#include "app/qrcode.h"
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

HttpResponse apiError(int status, protocol::ErrorCode code, const QString &message)
{
    return json(status,
        QJsonObject { { u"error"_s, protocol::Error { code, message, 0, {} }.toJson() } },
        "no-store");
}

/// A query parameter as an integer in [min, max]; @p fallback when absent.
std::optional<qint64> queryInteger(
    const HttpRequest &request, const QString &name, qint64 min, qint64 max, qint64 fallback)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = request.query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

/// One field of a CSV row (RFC 4180): quoted when it holds a comma, a quote or a line break; a
/// text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text with a quote.
QByteArray csvField(const QString &text)
{
    QString field = text;
    if (!field.isEmpty() && QStringView(u"=+-@\t\r").contains(field.front()))
        field.prepend(u'\'');
    if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n')
        || field.contains(u'\r'))
        field = u'"' + QString(field).replace(u"\""_s, u"\"\""_s) + u'"';
    return field.toUtf8();
}

/// A page of standings as JSON (the `leaderboard.page` reply) or as `results.csv`, or the
/// refusal.
HttpResponse pageResponse(const std::variant<protocol::PageReply, protocol::Error> &page, bool csv)
{
    if (const auto *error = std::get_if<protocol::Error>(&page))
        return apiError(error->code == protocol::ErrorCode::Internal ? 503 : 404, error->code,
            error->message);
    const auto &reply = std::get<protocol::PageReply>(page);
    if (!csv)
        return json(200, reply.toJson(), "no-cache");
    HttpResponse response;
    response.contentType = "text/csv; charset=utf-8; header=present";
    response.body = "rank,userId,displayName,score\r\n";
    for (const auto &entry : reply.entries)
        response.body += QByteArray::number(entry.rank) + ',' + QByteArray::number(entry.userId)
            + ',' + csvField(entry.displayName) + ',' + QByteArray::number(entry.score) + "\r\n";
    response.withHeader("Content-Disposition",
        "attachment; filename=\"" + reply.event.toLatin1() + "-season-"
            + QByteArray::number(reply.season) + ".csv\"");
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
    m_routes.insert("/api/v1/events", [this](const HttpRequest &) {
        protocol::EventsReply reply;
        for (const auto *board : m_scores.boards().all())
            reply.events.append(m_scores.boards().info(*board));
        return json(200, reply.toJson(), "no-cache");
    });
    m_routes.insert("/", [](const HttpRequest &) {
        return staticFile(u"index.html"_s, "text/html; charset=utf-8")
            .withHeader("Content-Security-Policy", kPagePolicy);
    });
    for (const char *script :
        { "app.js", "connection.js", "eventinfo.js", "i18n.js", "screen.js", "start.js" }) {
        m_routes.insert(QByteArray("/") + script, [name = QString::fromLatin1(script)](const HttpRequest &) {
            return staticFile(name, "text/javascript; charset=utf-8");
        });
    }
    for (const char *sheet : { "app.css", "screen.css" }) {
        m_routes.insert(QByteArray("/") + sheet, [name = QString::fromLatin1(sheet)](const HttpRequest &) {
            return staticFile(name, "text/css; charset=utf-8");
        });
    }
}

HttpResponse HttpApi::handle(const HttpRequest &request) const
{
    HttpResponse response;
    const auto route = m_routes.constFind(request.path);
    const bool eventPath = request.path.startsWith(kEventsPrefix)
        || request.path.startsWith("/screen/") || request.path.startsWith("/e/");
    if (route == m_routes.cend() && eventPath
        && (request.method == "GET" || request.method == "HEAD"))
        response = eventRoute(request);
    else if (route == m_routes.cend() && !eventPath)
        response = withHeaders(HttpResponse::text(404, "not found\n"), "no-store");
    else if (request.method != "GET" && request.method != "HEAD")
        response = withHeaders(HttpResponse::text(405, "only GET and HEAD are served\n"),
            "no-store")
                       .withHeader("Allow", "GET, HEAD");
    else
        response = (*route)(request);
    if (!m_hsts)
        return response;
    if (!response.later) {
        response.withHeader("Strict-Transport-Security", "max-age=31536000");
        return response;
    }
    response.later = [produce = std::move(response.later)](std::function<void(HttpResponse)> send) {
        produce([send = std::move(send)](HttpResponse answer) {
            send(answer.withHeader("Strict-Transport-Security", "max-age=31536000"));
        });
    };
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
            { "scoreboard_ranked_players", "Ranked entries on the boards of every event.",
                double(m_scores.boards().rankedEntries()) },
            { "scoreboard_events", "Events this node knows.",
                double(m_scores.boards().all().size()) },
            { "scoreboard_pending_increments", "Accepted actions waiting for their commit.",
                double(m_scores.pendingIncrements()) },
            { "scoreboard_store_up", "1 while the database answers, else 0.",
                m_store.healthy() ? 1.0 : 0.0 },
        },
        counters);
    return withHeaders(std::move(response), "no-store");
}

HttpResponse HttpApi::eventRoute(const HttpRequest &request) const
{
    using protocol::ErrorCode;
    // The pages of an event: /screen/{slug} (the big screen), /e/{slug} (the player page) and
    // /e/{slug}/results (the same page, opened on the standings).
    for (const auto &[prefix, file] : { std::pair<QByteArrayView, QString>("/screen/", u"screen.html"_s),
             std::pair<QByteArrayView, QString>("/e/", u"index.html"_s) }) {
        if (!request.path.startsWith(prefix))
            continue;
        QByteArray rest = request.path.mid(prefix.size());
        if (prefix == "/e/" && rest.endsWith("/results")) // /e/{slug}/results?season=N
            rest.chop(int(qstrlen("/results")));
        const QString slug = QString::fromUtf8(rest);
        if (!protocol::isValidSlug(slug) || !m_scores.boards().find(slug))
            return withHeaders(HttpResponse::text(404, "no such event\n"), "no-store");
        return staticFile(file, "text/html; charset=utf-8")
            .withHeader("Content-Security-Policy", kPagePolicy);
    }
    // /api/v1/events/{slug}/leaderboard, …/results.csv, …/qr.svg
    const QList<QByteArray> parts = request.path.mid(kEventsPrefix.size()).split('/');
    if (parts.size() != 2
        || (parts[1] != "leaderboard" && parts[1] != "results.csv" && parts[1] != "qr.svg"))
        return withHeaders(HttpResponse::text(404, "not found\n"), "no-store");
    const QString slug = QString::fromUtf8(parts[0]);
    if (!protocol::isValidSlug(slug) || !m_scores.boards().find(slug))
        return apiError(404, ErrorCode::EventUnknown, u"no such event"_s);
    if (parts[1] == "qr.svg") {
        // The event's page, where spectators join: at the public URL when set, else at the
        // address this request came to.
        QByteArray base = m_publicUrl.toUtf8();
        if (base.isEmpty())
            base = (m_hsts ? "https://" : "http://") + request.header("host");
        if (!base.endsWith('/'))
            base += '/';
        HttpResponse response;
        response.contentType = "image/svg+xml";
        response.body = qrCodeSvg(base + "e/" + slug.toLatin1());
        return withHeaders(std::move(response), "no-cache");
    }
    const bool csv = parts[1] == "results.csv";
    const auto season = queryInteger(request, u"season"_s, 1, (qint64(1) << 53) - 1, 0);
    const auto offset
        = csv ? std::optional<qint64>(0)
              : queryInteger(request, u"offset"_s, 0, protocol::limits::PageOffsetMax, 0);
    const auto limit = csv ? std::optional<qint64>(protocol::limits::PageOffsetMax)
                           : queryInteger(request, u"limit"_s, 1, protocol::limits::PageLimitMax,
                               protocol::limits::LeaderboardLimitDefault);
    if (!season || !offset || !limit)
        return apiError(400, ErrorCode::BadRequest,
            u"season must be a season number, offset an integer from 0 to %1, limit one from 1 "
            "to %2"_s.arg(protocol::limits::PageOffsetMax)
                .arg(protocol::limits::PageLimitMax));
    const protocol::PageRequest wanted { slug, *season, *offset, int(*limit) };
    // The current season is in memory (the answer goes at once); a finished one is read from the
    // database on its thread, and the connection waits for it without holding anyone else up.
    return HttpResponse::deferred([this, wanted, csv](std::function<void(HttpResponse)> send) {
        m_scores.page(wanted, [send = std::move(send), csv](
                                  std::variant<protocol::PageReply, protocol::Error> page) {
            send(pageResponse(page, csv));
        });
    });
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
