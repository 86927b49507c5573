#pragma once

#include "core/clock.h"
#include "messages.h"
#include "moderation/decisions.h"
#include "net/connection.h"
#include "store/storeexecutor.h"

#include <QObject>
#include <QPointer>
#include <QSet>

namespace scoreboard::server {

class EventService;
class Gateway;
class ScoreService;

/// @brief A flag raised or decided on another node, as read back from the database.
struct FlagChange
{
    protocol::Flag flag;
    bool isNew = false; ///< raised (flag.new) rather than decided (flag.updated)
    qint64 delta = 0; ///< of the flagged increment
    qint64 eventId = 1; ///< and its event and season
    qint64 season = 1;
    int openFlags = 0; ///< open flags left on that increment
};

/**
 * @brief The score-check API (`admin.*`, roles checker and admin): the live flag queue, manual
 * flags, approvals, reversals as compensating ledger entries, suspensions, and the audit log.
 *
 * Checkers work the queue (flag, approve, reverse, suspend, the player view without e-mail
 * addresses); unsuspending, the audit log and e-mail addresses are for admins. Nobody decides a
 * flag on their own increments. Every staff action, and every read of a player's profile, is
 * written to the append-only audit log in the same transaction as its effect. Anyone else gets
 * `forbidden`. A socket's flag feed ends as soon as it no longer holds a staff session.
 */
class AdminService final : public QObject
{
    Q_OBJECT
public:
    AdminService(StoreExecutor &store, ScoreService &scores, EventService &events,
        Gateway &gateway, Clock &clock, QObject *parent = nullptr);

    void install(Gateway &gateway);
    /// @brief Records a detector's finding as an open flag and tells every subscribed checker.
    void raiseFlag(FlagRecord flag);
    /// @brief Reads what another node did to flag @p flagId (on the store's thread).
    static std::optional<FlagChange> readFlagChange(Store &store, qint64 flagId, bool isNew);
    /// @brief Tells this node's checkers, and holds or releases the increment (`hold` policy).
    void applyRemote(const FlagChange &change);

private:
    bool isCurrentSeason(qint64 eventId, qint64 season) const;
    QString eventSlug(qint64 eventId) const;
    /// @brief Whether the socket holds a session of a checker or an admin.
    static bool isStaff(const Connection &connection);
    /// @brief Refuses (and returns false) unless the socket belongs to staff of at least the
    /// role @p least (checker: any staff; admin: admins only).
    bool mayAct(Connection &connection, qint64 requestId, protocol::Role least);
    /// @brief Ends the flag feed of @p connection.
    void unsubscribe(Connection *connection);
    StaffAction staffAction(const Connection &connection, const QString &reason) const;
    /**
     * @brief Runs @p decide (a function of the Store, see decisions.h and eventdecisions.h) on
     * the store's thread; answers a store failure or a refusal, else hands the decision to
     * @p apply (also when the requester has gone meanwhile: the decision is made).
     */
    template<typename Decide, typename Apply>
    void decide(Connection &connection, qint64 requestId, Decide decide, Apply apply);

    void subscribe(
        Connection &connection, qint64 requestId, const protocol::FlagsSubscribeRequest &data);
    void flag(Connection &connection, qint64 requestId, const protocol::ManualFlagRequest &data);
    void approve(Connection &connection, qint64 requestId, const protocol::ApproveRequest &data);
    void reverse(Connection &connection, qint64 requestId, const protocol::ReverseRequest &data);
    void user(Connection &connection, qint64 requestId, const protocol::UserRequest &data);
    void suspend(Connection &connection, qint64 requestId, const protocol::SuspendRequest &data);
    void unsuspend(Connection &connection, qint64 requestId, const protocol::SuspendRequest &data);
    void audit(Connection &connection, qint64 requestId, const protocol::AuditRequest &data);
    void createEvent(Connection &connection, qint64 requestId, const protocol::EventSpec &data);
    void updateEvent(
        Connection &connection, qint64 requestId, const protocol::EventUpdateRequest &data);
    void openEvent(
        Connection &connection, qint64 requestId, const protocol::EventStateRequest &data);
    void closeEvent(
        Connection &connection, qint64 requestId, const protocol::EventStateRequest &data);
    /// @brief decide() of an event decision: applies and announces the event and answers
    /// `{event}`.
    template<typename Decide>
    void decideEvent(Connection &connection, qint64 requestId, Decide decide);
    void setSuspension(Connection &connection, qint64 requestId,
        const protocol::SuspendRequest &data, bool suspended);

    /// @brief Sends flag.new / flag.updated to every subscribed staff socket.
    void publish(protocol::EventType type, const QList<protocol::Flag> &flags);
    /// @brief publish(), then answers the request (if its socket is open) with the first flag.
    void publishAndReply(const QPointer<Connection> &connection, qint64 requestId,
        protocol::EventType type, const QList<protocol::Flag> &flags);

    StoreExecutor &m_store;
    ScoreService &m_scores;
    EventService &m_events;
    Gateway &m_gateway;
    Clock &m_clock;
    QSet<Connection *> m_subscribers;
};

} // namespace scoreboard::server
