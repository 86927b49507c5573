#include "scoring/scoreservice.h"
#include "core/crypto.h"
#include "net/gateway.h"
#include "net/replies.h"
#include "scoring/logging.h"

#include <QElapsedTimer>

#include <climits>
#include <map>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {

constexpr QByteArrayView kChallengeDomain = "scoreboard challenge v2";
/// User, not-before, expiry, nonce: 8 bytes each; event, season, points: 4 bytes each; then
/// the action's kind (1 to 16 bytes) and the MAC.
constexpr qsizetype kChallengeFixed = 44;
constexpr qsizetype kChallengeMac = 16;

void putInt32(QByteArray &out, qint64 value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(char((quint64(value) >> shift) & 0xff));
}

qint64 getInt32(QByteArrayView in, qsizetype at)
{
    quint32 value = 0;
    for (qsizetype i = 0; i < 4; ++i)
        value = (value << 8) | quint8(in[at + i]);
    return qint64(value);
}

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
    , m_boards(settings.pointsPerAction)
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
        QList<EventRecord> events;
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
                std::map<std::tuple<qint64, qint64, qint64>, ScoreRow> stored;
                for (const auto &row : table)
                    stored.insert({ { row.eventId, row.season, row.userId }, row });
                for (const auto &row : truth) {
                    const auto it = stored.find({ row.eventId, row.season, row.userId });
                    result.repaired += it != stored.end() && it->second == row ? 0 : 1;
                }
                result.repaired += int(std::max<qsizetype>(0, table.size() - truth.size()));
                store.rewriteScores(truth);
            }
            result.events = store.events();
            result.rows = store.currentScores();
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
    for (const auto &event : std::as_const(loaded.value->events))
        m_boards.applyEvent(event);
    for (const auto &row : std::as_const(loaded.value->rows)) {
        m_boards.setName(row.userId, row.displayName);
        if (row.suspended)
            m_boards.setSuspended(row.userId, true);
        m_boards.applyTotal(row);
    }
    qCInfo(lcScore) << "loaded" << loaded.value->events.size() << "event(s) and"
                    << loaded.value->rows.size() << "current total(s) from the ledger";
    m_hub = std::make_unique<LeaderboardHub>(m_settings, m_boards, m_metrics);
    if (m_policy == CheatPolicy::Hold) {
        const auto held
            = m_store.runAndWait([](Store &store) { return store.openlyFlaggedIncrements(); });
        if (!held.ok()) {
            *error = u"cannot load held increments: %1"_s.arg(held.error);
            return false;
        }
        for (const auto &h : *held.value)
            hold(h.incrementId, h.userId, h.delta, h.eventId, h.season);
    }
    return true;
}

void ScoreService::install(Gateway &gateway)
{
    gateway.route(MessageType::ScoreChallenge, this, &ScoreService::challenge);
    gateway.route(MessageType::ScoreAction, this, &ScoreService::action);
    gateway.route(MessageType::LeaderboardMe, this, &ScoreService::me);
    gateway.route(MessageType::LeaderboardPage, this, &ScoreService::pageRequest);
    // A malformed action counts as refused, like any other refused action.
    connect(&gateway, &Gateway::payloadRefused, this, [this](MessageType type, const Error &error) {
        if (type == MessageType::ScoreAction)
            m_metrics.countRefused(errorCodeName(error.code));
    });
    m_hub->install(gateway);
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
            report(finding, 0, 1, m_boards.board(1) ? m_boards.board(1)->event.season : 1);
    }
}

bool ScoreService::mayScore(Connection &connection, qint64 requestId)
{
    if (!connection.isAuthenticated()) {
        refuse(connection, requestId, ErrorCode::NotAuthenticated, u"log in first"_s);
        return false;
    }
    if (m_boards.isSuspended(connection.userId())) {
        refuse(connection, requestId, ErrorCode::Suspended, u"this account is suspended"_s);
        return false;
    }
    return true;
}

void ScoreService::challenge(Connection &connection, qint64 requestId, const ChallengeRequest &data)
{
    if (!mayScore(connection, requestId))
        return;
    const auto *board = m_boards.find(data.event);
    if (!board) {
        refuse(connection, requestId, ErrorCode::EventUnknown, u"no such event"_s);
        return;
    }
    const EventRecord &event = board->event;
    if (event.state != EventState::Live) {
        refuse(connection, requestId, ErrorCode::EventNotLive,
            u"%1 is %2: it takes no actions now"_s.arg(event.slug, eventStateName(event.state)));
        return;
    }
    const QList<EventAction> actions = m_boards.actionsOf(event);
    const auto action = data.action.isEmpty()
        ? actions.cbegin()
        : std::find_if(actions.cbegin(), actions.cend(),
              [&](const EventAction &a) { return a.kind == data.action; });
    if (action == actions.cend()) {
        refuse(connection, requestId, ErrorCode::ActionUnknown,
            u"%1 has no action of that kind"_s.arg(event.slug));
        return;
    }
    const qint64 now = m_clock.nowMs();
    if (const qint64 wait = m_limiter.take(u"challenge:"_s + QString::number(connection.userId()),
            m_settings.challengesPerUser, now)) {
        refuse(connection, requestId, ErrorCode::RateLimited, u"slow down"_s, wait);
        return;
    }
    const auto &scoring = m_settings;
    const QString id = issueChallenge({ connection.userId(), now + scoring.challengeDelayMs,
        now + scoring.challengeTtlMs, event.id, event.season, action->points, action->kind });
    connection.reply(Reply::success(requestId,
        ChallengeReply { id, scoring.challengeDelayMs, scoring.challengeTtlMs, event.slug,
            action->kind, action->points }
            .toJson()));
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
    const auto *board = m_boards.board(it->eventId);
    if (!board || board->event.state != EventState::Live) {
        refuse(connection, requestId, ErrorCode::EventNotLive,
            u"this event takes no actions now"_s);
        return;
    }
    if (board->event.season != it->season) {
        refuse(connection, requestId, ErrorCode::ChallengeExpired,
            u"the season this challenge was for has ended; ask for a new one"_s);
        return;
    }
    m_redeemed.insert(challengeId, it->expiresAtMs);
    if (m_boards.nameOf(connection.userId()).isEmpty())
        m_boards.setName(connection.userId(), connection.user().displayName);
    NewIncrement increment { connection.userId(), it->points, now, challengeId,
        connection.sessionId(), connection.peerAddress(), it->eventId, it->season, it->action };
    m_queue.append(Pending { increment, QPointer<Connection>(&connection), requestId });
    flush();
}

QString ScoreService::issueChallenge(const Challenge &challenge) const
{
    QByteArray token;
    const QByteArray kind = challenge.action.toLatin1();
    token.reserve(kChallengeFixed + kind.size() + kChallengeMac);
    putInt(token, challenge.userId);
    putInt(token, challenge.notBeforeMs);
    putInt(token, challenge.expiresAtMs);
    token.append(crypto::randomBytes(8));
    putInt32(token, challenge.eventId);
    putInt32(token, challenge.season);
    putInt32(token, challenge.points);
    token.append(kind);
    token.append(challengeMac(m_key, token));
    return QString::fromLatin1(
        token.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<ScoreService::Challenge> ScoreService::readChallenge(const QString &id) const
{
    const auto decoded = QByteArray::fromBase64Encoding(
        id.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype size = decoded.decoded.size();
    if (!decoded || size <= kChallengeFixed + kChallengeMac
        || size > kChallengeFixed + protocol::limits::ActionKindMax + kChallengeMac)
        return std::nullopt;
    const QByteArrayView token(decoded.decoded);
    const qsizetype signedPart = size - kChallengeMac;
    if (!crypto::constantTimeEquals(
            challengeMac(m_key, token.first(signedPart)), token.sliced(signedPart)))
        return std::nullopt;
    return Challenge { getInt(token, 0), getInt(token, 8), getInt(token, 16), getInt32(token, 32),
        getInt32(token, 36), getInt32(token, 40),
        QString::fromLatin1(token.sliced(kChallengeFixed, signedPart - kChallengeFixed)) };
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
    using Key = std::pair<qint64, qint64>; // event, user
    QHash<Key, qint64> totalAfter;
    for (const auto &row : appended.totals) {
        applyTotal(row);
        totalAfter.insert({ row.eventId, row.userId }, row.score);
    }
    for (qsizetype i = batch.size() - 1; i >= 0; --i) {
        const NewIncrement &increment = batch[i].increment;
        if (appended.ids.value(i) > 0)
            totalAfter[{ increment.eventId, increment.userId }] -= increment.delta;
    }
    struct Accepted
    {
        ActionEvent event;
        qint64 season = 0;
    };
    QList<Accepted> accepted;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Pending &pending = batch[i];
        const NewIncrement &increment = pending.increment;
        const qint64 id = appended.ids.value(i);
        if (id <= 0) {
            // Redeemed already, on another node (this node refuses its own replays earlier);
            // or the event closed or rolled to a new season on another node meanwhile.
            const bool notLive = id == AppendResult::kNotLive;
            const ErrorCode code = notLive ? ErrorCode::EventNotLive : ErrorCode::ChallengeUsed;
            if (pending.connection)
                refuse(*pending.connection, pending.requestId, code,
                    notLive ? u"this event's season is over or it takes no actions now"_s
                            : u"this challenge was already used"_s);
            else
                m_metrics.countRefused(errorCodeName(code));
            continue;
        }
        const qint64 score = (totalAfter[{ increment.eventId, increment.userId }] += increment.delta);
        m_metrics.countAccepted();
        const auto *board = m_boards.board(increment.eventId);
        if (pending.connection && board) {
            pending.connection->reply(Reply::success(pending.requestId,
                ActionReply { id, increment.delta,
                    score - board->entries.value(increment.userId).held,
                    board->ranking.rankOf(increment.userId), board->event.slug, increment.season }
                    .toJson()));
        }
        accepted.append({ { increment.userId, id, increment.atMs, increment.delta,
                              increment.clientAddress, increment.eventId },
            increment.season });
    }
    // The replies are out; now the detectors look at what was accepted.
    for (const auto &[event, season] : std::as_const(accepted)) {
        for (const auto &finding : m_detector.onAction(event))
            report(finding, event.delta, event.eventId, season);
    }
}

bool ScoreService::applyEvent(const EventRecord &event)
{
    bool newSeason = false;
    if (!m_boards.applyEvent(event, &newSeason))
        return false;
    if (newSeason) {
        // Held increments of the finished season stay held in the store; they no longer touch
        // a board here.
        m_held.removeIf([&](const auto &entry) { return entry.value().eventId == event.id; });
        reloadBoard(event.id, event.season);
    }
    if (m_hub)
        m_hub->markDirty(event.id);
    return true;
}

void ScoreService::reloadBoard(qint64 eventId, qint64 season)
{
    m_store.run(
        [eventId, season](Store &store) { return store.standings(eventId, season, 0, INT_MAX); },
        [this](StoreResult<QList<ScoreRow>> result) {
            if (!result.ok()) {
                qCWarning(lcScore) << "cannot read a new season's totals; they arrive with the "
                                      "next change";
                return;
            }
            for (const auto &row : *result.value)
                applyTotal(row);
        });
}

void ScoreService::applyTotal(const ScoreRow &row)
{
    const auto *board = m_boards.board(row.eventId);
    if (!board || row.season > board->event.season) {
        emit staleEvent(row.eventId);
        return;
    }
    if (m_boards.applyTotal(row) && m_hub)
        m_hub->markDirty(row.eventId);
}

bool ScoreService::hold(qint64 incrementId, qint64 userId, qint64 delta, qint64 eventId, qint64 season)
{
    if (m_policy != CheatPolicy::Hold || incrementId <= 0 || m_held.contains(incrementId))
        return false;
    m_held.insert(incrementId, { incrementId, userId, delta, eventId, season });
    if (m_boards.addHeld(eventId, season, userId, delta) && m_hub)
        m_hub->markDirty(eventId);
    return true;
}

void ScoreService::release(qint64 incrementId)
{
    const auto it = m_held.constFind(incrementId);
    if (it == m_held.cend())
        return;
    const FlagStore::HeldIncrement held = *it;
    m_held.erase(it);
    if (m_boards.addHeld(held.eventId, held.season, held.userId, -held.delta) && m_hub)
        m_hub->markDirty(held.eventId);
}

void ScoreService::report(const Finding &finding, qint64 delta, qint64 eventId, qint64 season)
{
    Finding named = finding;
    named.eventId = eventId;
    named.season = season;
    hold(finding.incrementId, finding.userId, delta, eventId, season);
    if (m_onFinding)
        m_onFinding(named);
}

void ScoreService::setSuspended(qint64 userId, bool suspended)
{
    for (qint64 eventId : m_boards.setSuspended(userId, suspended)) {
        if (m_hub)
            m_hub->markDirty(eventId);
    }
}

void ScoreService::me(Connection &connection, qint64 requestId, const MeRequest &data)
{
    if (!connection.isAuthenticated()) {
        connection.reply(Reply::failure(
            requestId, Error { ErrorCode::NotAuthenticated, u"log in first"_s, 0, {} }));
        return;
    }
    const auto *board = m_boards.find(data.event);
    if (!board) {
        connection.reply(Reply::failure(
            requestId, Error { ErrorCode::EventUnknown, u"no such event"_s, 0, {} }));
        return;
    }
    connection.reply(Reply::success(requestId,
        MeReply { board->ranking.rankOf(connection.userId()),
            board->publicScore(connection.userId()) }
            .toJson()));
}

void ScoreService::pageRequest(Connection &connection, qint64 requestId, const PageRequest &data)
{
    page(data, [conn = QPointer<Connection>(&connection), requestId](
                   std::variant<PageReply, Error> result) {
        if (!conn)
            return;
        if (const auto *error = std::get_if<Error>(&result))
            conn->reply(Reply::failure(requestId, *error));
        else
            conn->reply(Reply::success(requestId, std::get<PageReply>(result).toJson()));
    });
}

std::variant<PageReply, Error, ScoreService::KeptSeason> ScoreService::pageOf(
    const PageRequest &request) const
{
    const auto *board = m_boards.find(request.event);
    if (!board)
        return Error { ErrorCode::EventUnknown, u"no such event"_s, 0, {} };
    const EventRecord &event = board->event;
    const qint64 season = request.season > 0 ? request.season : event.season;
    if (season > event.season)
        return Error { ErrorCode::SeasonUnknown,
            u"%1 has seasons 1 to %2"_s.arg(event.slug).arg(event.season), 0, {} };
    // The current season from memory; a finished one (and a closed event's last) as kept.
    if (season == event.season && event.state != EventState::Closed)
        return PageReply { event.slug, season, board->ranking.size(),
            m_boards.range(*board, request.offset, request.limit), false };
    return KeptSeason { event.slug, event.id, season };
}

void ScoreService::page(
    const PageRequest &request, std::function<void(std::variant<PageReply, Error>)> done)
{
    auto planned = pageOf(request);
    if (auto *reply = std::get_if<PageReply>(&planned))
        return done(std::move(*reply));
    if (auto *error = std::get_if<Error>(&planned))
        return done(std::move(*error));
    // A finished season: its kept standings, from the store.
    m_store.run(
        [kept = std::get<KeptSeason>(planned), request](Store &store) {
            return keptPage(
                store, kept.slug, kept.eventId, kept.season, request.offset, request.limit);
        },
        [done](StoreResult<std::variant<PageReply, Error>> result) {
            if (!result.ok())
                done(Error { ErrorCode::Internal, u"the standings could not be read"_s, 0, {} });
            else
                done(*result.value);
        });
}

std::variant<PageReply, Error> ScoreService::keptPage(Store &store, const QString &slug,
    qint64 eventId, qint64 season, qint64 offset, int limit)
{
    std::optional<SeasonRecord> record;
    PageReply reply { slug, season, 0, {}, false };
    QList<ScoreRow> rows;
    store.transaction([&] {
        record = store.season(eventId, season);
        if (!record)
            return;
        reply.total = store.standingsCount(eventId, season);
        rows = store.standings(eventId, season, offset, limit);
    });
    if (!record)
        return Error { ErrorCode::SeasonUnknown, u"no such season"_s, 0, {} };
    reply.amended = record->amended;
    qint64 rank = offset;
    for (const auto &row : rows)
        reply.entries.append({ ++rank, row.userId, row.displayName, row.score });
    return reply;
}

} // namespace scoreboard::server
