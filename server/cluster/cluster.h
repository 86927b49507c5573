#pragma once

#include "store/clustermessage.h"
#include "store/storeexecutor.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace scoreboard::server {

class AdminService;
class Clock;
class Gateway;
class ScoreService;
class EventService;

/**
 * @brief Keeps this node in step with the other nodes on the same PostgreSQL database.
 *
 * Each node writes what it changes to the shared tables, and in the same transaction sends a
 * `NOTIFY` naming it (see SqlStore and cluster::Message). This class listens on a connection of
 * its own, reads each change back from the tables and applies it here: totals to the ranking
 * (so boards move within a tick), revoked sessions to the sockets (4001 / 4002), flags to the
 * checkers' queues and to held increments, suspensions to the boards.
 *
 * Notifications sent while the listening connection is down are lost, so after it reconnects
 * the node resynchronises from the tables: all totals, the state of every session it holds,
 * and the flags raised or decided meanwhile.
 */
class Cluster final : public QObject
{
    Q_OBJECT
public:
    Cluster(QString nodeId, StoreExecutor::Factory listenerStore, StoreExecutor &store,
        ScoreService &scores, EventService &events, AdminService &admin, Gateway &gateway,
        Clock &clock,
        QObject *parent = nullptr);
    ~Cluster() override;

    /// @brief Opens the listening connection and subscribes. Blocks; call once at start-up.
    bool start(QString *error);
    const QString &nodeId() const { return m_nodeId; }

signals:
    /// @brief A resynchronisation after a reconnect finished (tests wait for it).
    void resynchronised();

private:
    /// On the listener's thread: reads what @p payload names and posts it to this thread.
    void receive(Store &store, const QString &payload);
    void watch();
    void resynchronise();

    QString m_nodeId;
    std::unique_ptr<StoreExecutor> m_listener;
    StoreExecutor &m_store;
    ScoreService &m_scores;
    EventService &m_events;
    AdminService &m_admin;
    Gateway &m_gateway;
    Clock &m_clock;
    QTimer m_watch;
    bool m_pinging = false;
    qint64 m_lostAtMs = 0; ///< when the listener last failed (0 while it is fine)
    qint64 m_lastFlagId = 0; ///< newest flag this node has published
};

} // namespace scoreboard::server
