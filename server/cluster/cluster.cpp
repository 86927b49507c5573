#include "cluster/cluster.h"
#include "moderation/adminservice.h"
#include "core/clock.h"
#include "net/gateway.h"
#include "cluster/logging.h"
#include "scoring/eventservice.h"
#include "scoring/scoreservice.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

constexpr int kWatchIntervalMs = 1000;
/// Flags decided this long before the connection was seen lost are re-read too (the loss is
/// noticed up to one watch interval late).
constexpr qint64 kLossMarginMs = 5000;

quint16 closeCodeFor(const QString &reason)
{
    if (reason == QLatin1StringView(protocol::revoke_reason::SignedInElsewhere))
        return protocol::close_code::SignedInElsewhere;
    if (reason == QLatin1StringView(protocol::revoke_reason::Suspended))
        return protocol::close_code::Suspended;
    return protocol::close_code::Normal;
}

} // namespace

Cluster::Cluster(QString nodeId, StoreExecutor::Factory listenerStore, StoreExecutor &store,
    ScoreService &scores, EventService &events, AdminService &admin, Gateway &gateway,
    Clock &clock, QObject *parent)
    : QObject(parent)
    , m_nodeId(std::move(nodeId))
    , m_listener(std::make_unique<StoreExecutor>(std::move(listenerStore)))
    , m_store(store)
    , m_scores(scores)
    , m_events(events)
    , m_admin(admin)
    , m_gateway(gateway)
    , m_clock(clock)
{
    m_watch.setInterval(kWatchIntervalMs);
    connect(&m_watch, &QTimer::timeout, this, &Cluster::watch);
    connect(m_listener.get(), &StoreExecutor::recovered, this, &Cluster::resynchronise,
        Qt::QueuedConnection);
}

Cluster::~Cluster()
{
    m_watch.stop();
    m_listener->stop();
}

bool Cluster::start(QString *error)
{
    if (!m_listener->start(error))
        return false;
    auto started = m_listener->runAndWait([this](Store &store) {
        store.listen([this](Store &s, const QString &payload) { receive(s, payload); });
        return store.lastFlagId();
    });
    if (!started.ok()) {
        *error = u"cannot listen for other nodes: %1"_s.arg(started.error);
        return false;
    }
    m_lastFlagId = *started.value;
    m_watch.start();
    // Totals committed by other nodes between this node's loading them and its LISTEN would
    // otherwise be missed: read them once more, now that every later change is announced.
    resynchronise();
    qCInfo(lcCluster) << "node" << m_nodeId << "is listening for the other nodes";
    return true;
}

void Cluster::receive(Store &store, const QString &payload)
{
    const auto message = cluster::decode(payload);
    if (!message) {
        qCWarning(lcCluster) << "ignored a notification that is not a scoreboard message";
        return;
    }
    if (message->node == m_nodeId)
        return;
    using Kind = cluster::Message::Kind;
    try {
        switch (message->kind) {
        case Kind::Scores: {
            const QList<ScoreRow> rows = store.scoresOf(message->ids);
            QMetaObject::invokeMethod(this, [this, rows] {
                for (const auto &row : rows)
                    m_scores.applyTotal(row);
            });
            break;
        }
        case Kind::User: {
            QList<std::pair<qint64, bool>> users;
            for (qint64 id : message->ids) {
                if (const auto user = store.userById(id))
                    users.append({ id, user->suspended() });
            }
            QMetaObject::invokeMethod(this, [this, users] {
                for (const auto &[id, suspended] : users)
                    m_scores.setSuspended(id, suspended);
            });
            break;
        }
        case Kind::FlagNew:
        case Kind::FlagUpdated: {
            QList<FlagChange> changes;
            for (qint64 id : message->ids) {
                if (auto change
                    = AdminService::readFlagChange(store, id, message->kind == Kind::FlagNew))
                    changes.append(std::move(*change));
            }
            QMetaObject::invokeMethod(this, [this, changes] {
                for (const auto &change : changes) {
                    m_admin.applyRemote(change);
                    m_lastFlagId = std::max(m_lastFlagId, change.flag.id);
                }
            });
            break;
        }
        case Kind::Events: {
            QList<EventRecord> events;
            for (qint64 id : message->ids) {
                if (auto event = store.eventById(id))
                    events.append(std::move(*event));
            }
            QMetaObject::invokeMethod(this, [this, events] {
                for (const auto &event : events)
                    m_events.apply(event);
            });
            break;
        }
        case Kind::Kick: {
            const cluster::Message kick = *message;
            QMetaObject::invokeMethod(this, [this, kick] {
                const int closed = m_gateway.revokeSockets(
                    kick.userId, kick.ids, 0, kick.reason, closeCodeFor(kick.reason));
                if (closed > 0)
                    qCInfo(lcCluster) << "another node ended" << closed << "socket(s) of user"
                                   << kick.userId << "here:" << kick.reason;
            });
            break;
        }
        }
    } catch (const StoreError &e) {
        // The change is in the tables: resynchronise from them (after the reconnect, if the
        // connection is what failed).
        qCWarning(lcCluster) << "cannot read a change another node made:" << e.what();
        QMetaObject::invokeMethod(this, [this] {
            if (m_lostAtMs == 0)
                m_lostAtMs = m_clock.nowMs();
            QTimer::singleShot(kWatchIntervalMs, this, &Cluster::resynchronise);
        });
    }
}

void Cluster::watch()
{
    if (m_pinging)
        return;
    m_pinging = true;
    m_listener->run([](Store &store) { store.ping(); },
        [this](StoreResult<std::monostate> result) {
            m_pinging = false;
            if (!result.ok() && m_lostAtMs == 0) {
                m_lostAtMs = m_clock.nowMs();
                qCWarning(lcCluster)
                    << "node" << m_nodeId << "lost its connection to the other nodes; retrying";
            }
        });
}

void Cluster::resynchronise()
{
    struct Snapshot
    {
        QList<EventRecord> events;
        QList<ScoreRow> totals;
        QList<std::pair<qint64, QString>> revoked;
        QList<FlagChange> flags;
    };
    // The node's main connection may have died with this one without noticing yet: a ping
    // now lets the next request reconnect it instead of failing.
    m_store.run([](Store &store) { store.ping(); }, [](StoreResult<std::monostate>) {});
    const QMultiHash<qint64, qint64> bound = m_gateway.boundSessions();
    const QList<qint64> sessions = bound.values();
    const qint64 afterFlag = m_lastFlagId;
    const qint64 since
        = m_lostAtMs > 0 ? m_lostAtMs - kLossMarginMs : m_clock.nowMs() - kLossMarginMs;
    m_listener->run(
        [sessions, afterFlag, since](Store &store) {
            Snapshot snapshot;
            store.transaction([&] {
                snapshot.events = store.events();
                snapshot.totals = store.currentScores();
            });
            snapshot.revoked = store.revokedAmong(sessions);
            for (const auto &record : store.flagsSince(afterFlag, since)) {
                if (auto change
                    = AdminService::readFlagChange(store, record.id, record.id > afterFlag))
                    snapshot.flags.append(std::move(*change));
            }
            return snapshot;
        },
        [this, bound](StoreResult<Snapshot> result) {
            if (!result.ok()) {
                qCWarning(lcCluster)
                    << "resynchronisation failed; it is retried on the next reconnect";
                return;
            }
            const Snapshot &snapshot = *result.value;
            for (const auto &event : snapshot.events)
                m_events.apply(event);
            for (const auto &row : snapshot.totals) {
                m_scores.applyTotal(row);
                m_scores.setSuspended(row.userId, row.suspended);
            }
            int kicked = 0;
            for (const auto &[sessionId, reason] : snapshot.revoked) {
                for (auto it = bound.cbegin(); it != bound.cend(); ++it) {
                    if (it.value() == sessionId)
                        kicked += m_gateway.revokeSockets(
                            it.key(), { sessionId }, 0, reason, closeCodeFor(reason));
                }
            }
            for (const auto &change : snapshot.flags) {
                m_admin.applyRemote(change);
                m_lastFlagId = std::max(m_lastFlagId, change.flag.id);
            }
            qCInfo(lcCluster) << "node" << m_nodeId << "resynchronised:" << snapshot.totals.size()
                             << "total(s)," << kicked << "socket(s) ended," << snapshot.flags.size()
                             << "flag change(s)";
            m_lostAtMs = 0;
            emit resynchronised();
        });
}

} // namespace scoreboard::server
