#include "scoreservice.h"
#include "crypto.h"
#include "gateway.h"
#include "logging.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

ScoreService::ScoreService(const ServerConfig &config, StoreExecutor &store, Clock &clock,
    Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
    , m_clock(clock)
    , m_metrics(metrics)
    , m_detector(config.cheat)
{
    m_sweep.setInterval(std::max(1000, m_config.scoring.challengeTtlMs));
    connect(&m_sweep, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nowMs();
        m_challenges.removeIf([now](const auto &entry) { return entry.value().expiresAtMs < now; });
        m_limiter.prune(now, 60'000);
        m_detector.prune(now);
    });
    m_sweep.start();
}

bool ScoreService::load(QString *error)
{
    struct Loaded
    {
        QList<ScoreRow> rows;
        int repaired = 0;
    };
    auto loaded = m_store.runAndWait([](Store &store) {
        Loaded result;
        const QList<ScoreRow> table = store.scoreTable();
        const QList<ScoreRow> truth = store.ledgerTotals();
        if (table != truth) {
            QHash<qint64, ScoreRow> stored;
            for (const auto &row : table)
                stored.insert(row.userId, row);
            for (const auto &row : truth)
                result.repaired += stored.value(row.userId) == row ? 0 : 1;
            result.repaired += int(std::max<qsizetype>(0, table.size() - truth.size()));
            store.rewriteScores(truth);
        }
        result.rows = truth;
        return result;
    });
    if (!loaded.ok()) {
        *error = u"cannot load scores: %1"_s.arg(loaded.error);
        return false;
    }
    if (loaded.value->repaired > 0)
        qCWarning(lcStore) << "stored totals of" << loaded.value->repaired
                           << "player(s) disagreed with the ledger; rebuilt them from the ledger";
    for (const auto &row : std::as_const(loaded.value->rows)) {
        m_players.insert(
            row.userId, Player { row.score, row.reachedSeq, row.displayName, row.suspended, 0 });
        place(row.userId);
    }
    qCInfo(lcServer) << "loaded the scores of" << loaded.value->rows.size()
                     << "player(s) from the ledger";
    m_hub = std::make_unique<LeaderboardHub>(
        m_config.scoring, [this](int limit) { return top(limit); }, m_metrics);
    if (m_config.cheatPolicy == CheatPolicy::Hold) {
        const auto held
            = m_store.runAndWait([](Store &store) { return store.openlyFlaggedIncrements(); });
        if (!held.ok()) {
            *error = u"cannot load held increments: %1"_s.arg(held.error);
            return false;
        }
        for (const auto &[incrementId, userId, delta] : *held.value)
            hold(incrementId, userId, delta);
    }
    return true;
}

void ScoreService::install(Gateway &gateway)
{
    gateway.route(
        MessageType::ScoreChallenge, [this](Connection &c, const Request &r) { challenge(c, r); });
    gateway.route(
        MessageType::ScoreAction, [this](Connection &c, const Request &r) { action(c, r); });
    gateway.route(
        MessageType::LeaderboardMe, [this](Connection &c, const Request &r) { me(c, r); });
    m_hub->install(gateway);
}

QList<BoardEntry> ScoreService::top(int limit) const
{
    QList<BoardEntry> rows;
    qint64 rank = 0;
    for (const auto &entry : m_ranking.top(limit))
        rows.append(
            { ++rank, entry.userId, m_players.value(entry.userId).displayName, entry.score });
    return rows;
}

ScoreService::Player &ScoreService::player(const Connection &connection)
{
    auto it = m_players.find(connection.userId());
    if (it == m_players.end())
        it = m_players.insert(
            connection.userId(), Player { 0, 0, connection.user().displayName, false });
    return *it;
}

void ScoreService::refuse(
    Connection &connection, qint64 id, ErrorCode code, const QString &message, qint64 retryAfterMs)
{
    m_metrics.countRefused(errorCodeName(code));
    connection.reply(Reply::failure(id, Error { code, message, retryAfterMs, {} }));
    const bool suspicious = code == ErrorCode::TooFast || code == ErrorCode::ChallengeUsed
        || code == ErrorCode::ChallengeUnknown || code == ErrorCode::ChallengeExpired;
    if (suspicious && connection.isAuthenticated()) {
        for (const auto &finding : m_detector.onRefusal({ connection.userId(), m_clock.nowMs(),
                 errorCodeName(code), connection.peerAddress() }))
            report(finding, 0);
    }
}

bool ScoreService::mayScore(Connection &connection, qint64 requestId)
{
    if (!connection.isAuthenticated()) {
        refuse(connection, requestId, ErrorCode::NotAuthenticated, u"log in first"_s);
        return false;
    }
    if (player(connection).suspended) {
        refuse(connection, requestId, ErrorCode::Suspended, u"this account is suspended"_s);
        return false;
    }
    return true;
}

void ScoreService::challenge(Connection &connection, const Request &request)
{
    if (!mayScore(connection, request.id))
        return;
    const qint64 now = m_clock.nowMs();
    if (const qint64 wait = m_limiter.take(u"challenge:"_s + QString::number(connection.userId()),
            m_config.limits.challengesPerUser, now)) {
        refuse(connection, request.id, ErrorCode::RateLimited, u"slow down"_s, wait);
        return;
    }
    const auto &scoring = m_config.scoring;
    const QString id = QString::fromLatin1(crypto::randomBytes(16).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_challenges.insert(id,
        Challenge { connection.userId(), now + scoring.challengeDelayMs,
            now + scoring.challengeTtlMs, false });
    connection.reply(Reply::success(request.id,
        ChallengeReply { id, scoring.challengeDelayMs, scoring.challengeTtlMs }.toJson()));
}

void ScoreService::action(Connection &connection, const Request &request)
{
    auto parsed = ActionRequest::fromJson(request.data);
    if (auto *error = std::get_if<Error>(&parsed)) {
        m_metrics.countRefused(errorCodeName(error->code));
        connection.reply(Reply::failure(request.id, *error));
        return;
    }
    if (!mayScore(connection, request.id))
        return;
    const QString challengeId = std::get<ActionRequest>(parsed).challengeId;
    const qint64 now = m_clock.nowMs();
    const auto it = m_challenges.find(challengeId);
    // A challenge of another player is as unknown as a forged one.
    if (it == m_challenges.end() || it->userId != connection.userId()) {
        refuse(connection, request.id, ErrorCode::ChallengeUnknown, u"no such challenge"_s);
        return;
    }
    if (it->used) {
        refuse(
            connection, request.id, ErrorCode::ChallengeUsed, u"this challenge was already used"_s);
        return;
    }
    if (now > it->expiresAtMs) {
        refuse(
            connection, request.id, ErrorCode::ChallengeExpired, u"this challenge has expired"_s);
        return;
    }
    if (now < it->notBeforeMs) {
        refuse(connection, request.id, ErrorCode::TooFast, u"too fast"_s, it->notBeforeMs - now);
        return;
    }
    it->used = true;
    m_queue.append(
        Pending { NewIncrement { connection.userId(), m_config.scoring.pointsPerAction, now,
                      challengeId, connection.sessionId(), connection.peerAddress() },
            QPointer<Connection>(&connection), request.id });
    flush();
}

void ScoreService::flush()
{
    if (m_committing || m_queue.isEmpty())
        return;
    m_committing = true;
    const qsizetype take = std::min<qsizetype>(m_queue.size(), m_config.scoring.maxBatch);
    QList<Pending> batch = m_queue.mid(0, take);
    m_queue.remove(0, take);
    QList<NewIncrement> increments;
    increments.reserve(batch.size());
    for (const auto &pending : std::as_const(batch))
        increments.append(pending.increment);
    m_metrics.commitBatchSize.observe(double(increments.size()));
    Metrics *metrics = &m_metrics;
    m_store.run(
        [increments = std::move(increments), metrics](Store &store) {
            QElapsedTimer timer;
            timer.start();
            auto ids = store.appendIncrements(increments);
            metrics->commitLatency.observe(double(timer.nsecsElapsed()) / 1e9);
            return ids;
        },
        [this, batch = std::move(batch)](StoreResult<QList<qint64>> result) {
            m_committing = false;
            if (!result.ok()) {
                qCWarning(lcStore) << "ledger commit of" << batch.size() << "increment(s) failed";
                for (const auto &pending : batch) {
                    m_metrics.countRefused(errorCodeName(ErrorCode::Internal));
                    if (pending.connection)
                        pending.connection->reply(Reply::failure(pending.requestId,
                            Error { ErrorCode::Internal,
                                u"the score could not be saved; try again"_s, 1000, {} }));
                }
            } else {
                applyCommitted(batch, *result.value);
            }
            flush();
        });
}

void ScoreService::applyCommitted(const QList<Pending> &batch, const QList<qint64> &ids)
{
    QList<ActionEvent> accepted;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Pending &pending = batch[i];
        const qint64 id = ids.value(i);
        if (id == 0) {
            m_metrics.countRefused(errorCodeName(ErrorCode::ChallengeUsed));
            if (pending.connection)
                pending.connection->reply(Reply::failure(pending.requestId,
                    Error {
                        ErrorCode::ChallengeUsed, u"this challenge was already used"_s, 0, {} }));
            continue;
        }
        const qint64 userId = pending.increment.userId;
        Player &p = m_players[userId];
        p.score += pending.increment.delta;
        p.seq = id;
        place(userId);
        m_metrics.countAccepted();
        if (pending.connection) {
            pending.connection->reply(Reply::success(pending.requestId,
                ActionReply {
                    id, pending.increment.delta, p.score - p.held, m_ranking.rankOf(userId) }
                    .toJson()));
        }
        accepted.append({ userId, id, pending.increment.atMs, pending.increment.delta,
            pending.increment.clientAddress });
    }
    m_hub->markDirty();
    // The replies are out; now the detectors look at what was accepted.
    for (const auto &event : std::as_const(accepted)) {
        for (const auto &finding : m_detector.onAction(event))
            report(finding, event.delta);
    }
}

void ScoreService::applyAdjustment(qint64 userId, qint64 delta, qint64 seq)
{
    Player &p = m_players[userId];
    p.score += delta;
    p.seq = seq;
    place(userId);
    m_hub->markDirty();
}

void ScoreService::place(qint64 userId)
{
    const Player &p = m_players[userId];
    if (p.suspended || p.seq == 0)
        m_ranking.remove(userId);
    else
        m_ranking.set(userId, p.score - p.held, p.seq);
}

bool ScoreService::hold(qint64 incrementId, qint64 userId, qint64 delta)
{
    if (m_config.cheatPolicy != CheatPolicy::Hold || incrementId <= 0
        || m_held.contains(incrementId))
        return false;
    m_held.insert(incrementId, { userId, delta });
    m_players[userId].held += delta;
    place(userId);
    m_hub->markDirty();
    return true;
}

void ScoreService::release(qint64 incrementId)
{
    const auto it = m_held.constFind(incrementId);
    if (it == m_held.cend())
        return;
    const auto [userId, delta] = *it;
    m_held.erase(it);
    m_players[userId].held -= delta;
    place(userId);
    m_hub->markDirty();
}

void ScoreService::report(const Finding &finding, qint64 delta)
{
    hold(finding.incrementId, finding.userId, delta);
    if (m_onFinding)
        m_onFinding(finding);
}

void ScoreService::setSuspended(qint64 userId, bool suspended)
{
    m_players[userId].suspended = suspended;
    place(userId);
    m_hub->markDirty();
}

void ScoreService::me(Connection &connection, const Request &request)
{
    if (!connection.isAuthenticated()) {
        connection.reply(Reply::failure(
            request.id, Error { ErrorCode::NotAuthenticated, u"log in first"_s, 0, {} }));
        return;
    }
    const Player p = m_players.value(connection.userId());
    connection.reply(Reply::success(
        request.id, MeReply { m_ranking.rankOf(connection.userId()), p.score - p.held }.toJson()));
}

} // namespace scoreboard::server
