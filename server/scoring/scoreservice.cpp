#include "scoring/scoreservice.h"
#include "core/crypto.h"
#include "net/gateway.h"
#include "net/replies.h"
#include "scoring/logging.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {

constexpr QByteArrayView kChallengeDomain = "scoreboard challenge v1";
constexpr qsizetype kChallengeFields = 32; ///< user, not-before, expiry, nonce: 8 bytes each
constexpr qsizetype kChallengeMac = 16;

void putInt(QByteArray &out, qint64 value)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.append(char((quint64(value) >> shift) & 0xff));
}

qint64 getInt(QByteArrayView in, qsizetype at)
{
    quint64 value = 0;
    for (qsizetype i = 0; i < 8; ++i)
        value = (value << 8) | quint8(in[at + i]);
    return qint64(value);
}

QByteArray challengeMac(const QByteArray &key, QByteArrayView fields)
{
    QByteArray data(kChallengeDomain.data(), kChallengeDomain.size());
    data.append(fields.data(), fields.size());
    return QByteArray::fromHex(crypto::hmacHex(key, data)).left(kChallengeMac);
}

} // namespace

ScoreService::ScoreService(const ScoringSettings &settings, const CheatSettings &cheat,
    QByteArray key, StoreExecutor &store, Clock &clock, Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_policy(cheat.policy)
    , m_store(store)
    , m_clock(clock)
    , m_metrics(metrics)
    , m_key(std::move(key))
    , m_detector(cheat)
{
    m_sweep.setInterval(std::max(1000, m_settings.challengeTtlMs));
    connect(&m_sweep, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nowMs();
        m_redeemed.removeIf([now](const auto &entry) { return entry.value() < now; });
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
        // Other nodes may be writing: compare (and repair) one consistent state.
        store.transaction([&] {
            store.lockLedger();
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
        });
        return result;
    });
    if (!loaded.ok()) {
        *error = u"cannot load scores: %1"_s.arg(loaded.error);
        return false;
    }
    if (loaded.value->repaired > 0)
        qCWarning(lcScore) << "stored totals of" << loaded.value->repaired
                           << "player(s) disagreed with the ledger; rebuilt them from the ledger";
    for (const auto &row : std::as_const(loaded.value->rows)) {
        m_players.insert(row.userId,
            Player { row.score, row.reachedSeq, row.displayName, row.suspended, 0, row.revision });
        place(row.userId);
    }
    qCInfo(lcScore) << "loaded the scores of" << loaded.value->rows.size()
                    << "player(s) from the ledger";
    m_hub = std::make_unique<LeaderboardHub>(
        m_settings, [this](int limit) { return top(limit); }, m_metrics);
    if (m_policy == CheatPolicy::Hold) {
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
    gateway.route(MessageType::ScoreChallenge, this, &ScoreService::challenge);
    gateway.route(MessageType::ScoreAction, this, &ScoreService::action);
    gateway.route(MessageType::LeaderboardMe, this, &ScoreService::me);
    // A malformed action counts as refused, like any other refused action.
    connect(&gateway, &Gateway::payloadRefused, this, [this](MessageType type, const Error &error) {
        if (type == MessageType::ScoreAction)
            m_metrics.countRefused(errorCodeName(error.code));
    });
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

void ScoreService::challenge(Connection &connection, qint64 requestId)
{
    if (!mayScore(connection, requestId))
        return;
    const qint64 now = m_clock.nowMs();
    if (const qint64 wait = m_limiter.take(u"challenge:"_s + QString::number(connection.userId()),
            m_settings.challengesPerUser, now)) {
        refuse(connection, requestId, ErrorCode::RateLimited, u"slow down"_s, wait);
        return;
    }
    const auto &scoring = m_settings;
    const QString id = issueChallenge(
        { connection.userId(), now + scoring.challengeDelayMs, now + scoring.challengeTtlMs });
    connection.reply(Reply::success(requestId,
        ChallengeReply { id, scoring.challengeDelayMs, scoring.challengeTtlMs }.toJson()));
}

void ScoreService::action(Connection &connection, qint64 requestId, const ActionRequest &data)
{
    if (!mayScore(connection, requestId))
        return;
    const QString &challengeId = data.challengeId;
    const qint64 now = m_clock.nowMs();
    const auto it = readChallenge(challengeId);
    // A challenge of another player is as unknown as a forged one.
    if (!it || it->userId != connection.userId()) {
        refuse(connection, requestId, ErrorCode::ChallengeUnknown, u"no such challenge"_s);
        return;
    }
    if (m_redeemed.contains(challengeId)) {
        refuse(
            connection, requestId, ErrorCode::ChallengeUsed, u"this challenge was already used"_s);
        return;
    }
    if (now > it->expiresAtMs) {
        refuse(connection, requestId, ErrorCode::ChallengeExpired, u"this challenge has expired"_s);
        return;
    }
    if (now < it->notBeforeMs) {
        refuse(connection, requestId, ErrorCode::TooFast, u"too fast"_s, it->notBeforeMs - now);
        return;
    }
    m_redeemed.insert(challengeId, it->expiresAtMs);
    m_queue.append(Pending { NewIncrement { connection.userId(), m_settings.pointsPerAction, now,
                                 challengeId, connection.sessionId(), connection.peerAddress() },
        QPointer<Connection>(&connection), requestId });
    flush();
}

QString ScoreService::issueChallenge(const Challenge &challenge) const
{
    QByteArray token;
    token.reserve(kChallengeFields + kChallengeMac);
    putInt(token, challenge.userId);
    putInt(token, challenge.notBeforeMs);
    putInt(token, challenge.expiresAtMs);
    token.append(crypto::randomBytes(8));
    token.append(challengeMac(m_key, token));
    return QString::fromLatin1(
        token.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<ScoreService::Challenge> ScoreService::readChallenge(const QString &id) const
{
    const auto decoded = QByteArray::fromBase64Encoding(
        id.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kChallengeFields + kChallengeMac)
        return std::nullopt;
    const QByteArrayView token(decoded.decoded);
    if (!crypto::constantTimeEquals(
            challengeMac(m_key, token.first(kChallengeFields)), token.sliced(kChallengeFields)))
        return std::nullopt;
    return Challenge { getInt(token, 0), getInt(token, 8), getInt(token, 16) };
}

void ScoreService::flush()
{
    if (m_committing || m_queue.isEmpty())
        return;
    m_committing = true;
    const qsizetype take = std::min<qsizetype>(m_queue.size(), m_settings.maxBatch);
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
            auto appended = store.appendIncrements(increments);
            metrics->commitLatency.observe(double(timer.nsecsElapsed()) / 1e9);
            return appended;
        },
        [this, batch = std::move(batch)](StoreResult<AppendResult> result) {
            m_committing = false;
            if (!result.ok()) {
                qCWarning(lcScore) << "ledger commit of" << batch.size() << "increment(s) failed";
                for (const auto &pending : batch) {
                    m_metrics.countRefused(errorCodeName(ErrorCode::Internal));
                    if (pending.connection)
                        pending.connection->reply(internalError(
                            pending.requestId, u"the score could not be saved; try again"_s));
                }
            } else {
                applyCommitted(batch, *result.value);
            }
            flush();
        });
}

void ScoreService::applyCommitted(const QList<Pending> &batch, const AppendResult &appended)
{
    // The committed totals are the truth (another node may have added to them meanwhile). A
    // player's total after each of their entries is the final total less their later entries.
    QHash<qint64, qint64> totalAfter;
    for (const auto &row : appended.totals) {
        applyTotal(row);
        totalAfter.insert(row.userId, row.score);
    }
    for (qsizetype i = batch.size() - 1; i >= 0; --i) {
        if (appended.ids.value(i) != 0)
            totalAfter[batch[i].increment.userId] -= batch[i].increment.delta;
    }
    QList<ActionEvent> accepted;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Pending &pending = batch[i];
        const qint64 id = appended.ids.value(i);
        if (id == 0) {
            // Redeemed already, on another node (this node refuses its own replays earlier).
            if (pending.connection)
                refuse(*pending.connection, pending.requestId, ErrorCode::ChallengeUsed,
                    u"this challenge was already used"_s);
            else
                m_metrics.countRefused(errorCodeName(ErrorCode::ChallengeUsed));
            continue;
        }
        const qint64 userId = pending.increment.userId;
        const qint64 score = (totalAfter[userId] += pending.increment.delta);
        m_metrics.countAccepted();
        if (pending.connection) {
            pending.connection->reply(Reply::success(pending.requestId,
                ActionReply { id, pending.increment.delta, score - m_players.value(userId).held,
                    m_ranking.rankOf(userId) }
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

void ScoreService::applyTotal(const ScoreRow &row)
{
    Player &p = m_players[row.userId];
    if (!row.displayName.isEmpty())
        p.displayName = row.displayName;
    if (row.revision <= p.revision)
        return;
    p.score = row.score;
    p.seq = row.reachedSeq;
    p.revision = row.revision;
    place(row.userId);
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
    if (m_policy != CheatPolicy::Hold || incrementId <= 0 || m_held.contains(incrementId))
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
    Player &p = m_players[userId];
    if (p.suspended == suspended)
        return; // e.g. a resynchronisation re-reading every player
    p.suspended = suspended;
    place(userId);
    m_hub->markDirty();
}

void ScoreService::me(Connection &connection, qint64 requestId)
{
    if (!connection.isAuthenticated()) {
        connection.reply(Reply::failure(
            requestId, Error { ErrorCode::NotAuthenticated, u"log in first"_s, 0, {} }));
        return;
    }
    const Player p = m_players.value(connection.userId());
    connection.reply(Reply::success(
        requestId, MeReply { m_ranking.rankOf(connection.userId()), p.score - p.held }.toJson()));
}

} // namespace scoreboard::server
