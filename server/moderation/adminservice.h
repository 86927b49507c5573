#pragma once

#include "core/clock.h"
#include "net/connection.h"
#include "messages.h"
#include "store/storeexecutor.h"

#include <QObject>
#include <QSet>

namespace scoreboard::server {

class Gateway;
class ScoreService;

/// @brief A flag as staff see it (with the player's name), read from @p store.
protocol::Flag flagToWire(const FlagRecord &record, Store &store);

/// @brief A flag raised or decided on another node, as read back from the database.
struct FlagChange
{
    protocol::Flag flag;
    bool isNew = false; ///< raised (flag.new) rather than decided (flag.updated)
    qint64 delta = 0; ///< of the flagged increment
    int openFlags = 0; ///< open flags left on that increment
};

/**
 * @brief The score-check API (`admin.*`, roles checker and admin): the live flag queue, manual
 * flags, approvals, reversals as compensating ledger entries, suspensions, and the audit log.
 *
 * Every staff action is written to the append-only audit log in the same transaction as its
 * effect. Anyone else gets `forbidden`.
 */
class AdminService final : public QObject
{
    Q_OBJECT
public:
    AdminService(StoreExecutor &store, ScoreService &scores, Gateway &gateway, Clock &clock,
        QObject *parent = nullptr);

    void install(Gateway &gateway);
    /// @brief Records a detector's finding as an open flag and tells every subscribed checker.
    void raiseFlag(FlagRecord flag);
    /// @brief Reads what another node did to flag @p flagId (on the store's thread).
    static std::optional<FlagChange> readFlagChange(Store &store, qint64 flagId, bool isNew);
    /// @brief Tells this node's checkers, and holds or releases the increment (`hold` policy).
    void applyRemote(const FlagChange &change);

private:
    using Handler = void (AdminService::*)(Connection &, const protocol::Request &);
    /// @brief Refuses (and returns false) unless the socket belongs to staff.
    bool isStaff(Connection &connection, qint64 requestId);

    void subscribe(Connection &connection, const protocol::Request &request);
    void flag(Connection &connection, const protocol::Request &request);
    void approve(Connection &connection, const protocol::Request &request);
    void reverse(Connection &connection, const protocol::Request &request);
    void user(Connection &connection, const protocol::Request &request);
    void suspend(Connection &connection, const protocol::Request &request);
    void unsuspend(Connection &connection, const protocol::Request &request);
    void audit(Connection &connection, const protocol::Request &request);
    void setSuspension(Connection &connection, const protocol::Request &request, bool suspended);

    /// @brief Sends flag.new / flag.updated to every subscribed staff socket.
    void publish(protocol::EventType type, const QList<protocol::Flag> &flags);
    /// @brief publish(), then answers the request with the (first) flag.
    void publishAndReply(Connection &connection, qint64 requestId, protocol::EventType type,
        const QList<protocol::Flag> &flags);

    StoreExecutor &m_store;
    ScoreService &m_scores;
    Gateway &m_gateway;
    Clock &m_clock;
    QSet<Connection *> m_subscribers;
};

} // namespace scoreboard::server
