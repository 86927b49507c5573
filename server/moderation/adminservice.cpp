#include "moderation/adminservice.h"
#include "moderation/eventdecisions.h"
#include "moderation/logging.h"
#include "scoring/eventservice.h"
#include "net/gateway.h"
#include "net/replies.h"
#include "scoring/scoreservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

namespace {

Error error(ErrorCode code, const QString &message)
{
    return Error { code, message, 0, {} };
}

QJsonArray toJsonArray(const QList<Flag> &flags)
{
    QJsonArray array;
    for (const auto &flag : flags)
        array.append(flag.toJson());
    return array;
}

UserDetails details(const UserRecord &user)
{
    return { user.toUser(), user.verified(), user.suspended(), wireTime(user.createdAtMs) };
}

} // namespace

AdminService::AdminService(StoreExecutor &store, ScoreService &scores, EventService &events,
    Gateway &gateway, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_scores(scores)
    , m_events(events)
    , m_gateway(gateway)
    , m_clock(clock)
{ }

void AdminService::install(Gateway &gateway)
{
    // Checkers work the flag queue; unsuspending and the audit log are for admins.
    const Gateway::Guard staffOnly = [this](Connection &connection, qint64 requestId) {
        return mayAct(connection, requestId, Role::Checker);
    };
    const Gateway::Guard adminOnly = [this](Connection &connection, qint64 requestId) {
        return mayAct(connection, requestId, Role::Admin);
    };
    gateway.route(MessageType::AdminFlagsSubscribe, this, &AdminService::subscribe, staffOnly);
    gateway.route(MessageType::AdminFlag, this, &AdminService::flag, staffOnly);
    gateway.route(MessageType::AdminApprove, this, &AdminService::approve, staffOnly);
    gateway.route(MessageType::AdminReverse, this, &AdminService::reverse, staffOnly);
    gateway.route(MessageType::AdminUser, this, &AdminService::user, staffOnly);
    gateway.route(MessageType::AdminSuspend, this, &AdminService::suspend, staffOnly);
    gateway.route(MessageType::AdminUnsuspend, this, &AdminService::unsuspend, adminOnly);
    gateway.route(MessageType::AdminAudit, this, &AdminService::audit, adminOnly);
    gateway.route(MessageType::AdminEventCreate, this, &AdminService::createEvent, adminOnly);
    gateway.route(MessageType::AdminEventUpdate, this, &AdminService::updateEvent, adminOnly);
    gateway.route(MessageType::AdminEventOpen, this, &AdminService::openEvent, adminOnly);
    gateway.route(MessageType::AdminEventClose, this, &AdminService::closeEvent, adminOnly);
}

QString AdminService::eventSlug(qint64 eventId) const
{
    const auto *board = m_scores.boards().board(eventId);
    return board ? board->event.slug : QString();
}

bool AdminService::isCurrentSeason(qint64 eventId, qint64 season) const
{
    const auto *board = m_scores.boards().board(eventId);
    return board && board->event.season == season;
}

bool AdminService::isStaff(const Connection &connection)
{
    return connection.isAuthenticated() && connection.user().role != Role::Player;
}

bool AdminService::mayAct(Connection &connection, qint64 requestId, Role least)
{
    if (!connection.isAuthenticated()) {
        connection.reply(
            Reply::failure(requestId, error(ErrorCode::NotAuthenticated, u"log in first"_s)));
        return false;
    }
    const Role role = connection.user().role;
    if (role == Role::Player) {
        connection.reply(
            Reply::failure(requestId, error(ErrorCode::Forbidden, u"score-check staff only"_s)));
        return false;
    }
    if (least == Role::Admin && role != Role::Admin) {
        connection.reply(Reply::failure(requestId, error(ErrorCode::Forbidden, u"admins only"_s)));
        return false;
    }
    return true;
}

void AdminService::unsubscribe(Connection *connection)
{
    if (m_subscribers.remove(connection))
        disconnect(connection, &Connection::sessionChanged, this, nullptr);
}

StaffAction AdminService::staffAction(const Connection &connection, const QString &reason) const
{
    return { connection.userId(), reason, m_clock.nowMs() };
}

template<typename Decide, typename Apply>
void AdminService::decide(Connection &connection, qint64 requestId, Decide decide, Apply apply)
{
    m_store.run(std::move(decide),
        [conn = QPointer<Connection>(&connection), requestId, apply = std::move(apply)](
            auto result) { // a StoreResult of a Decision or an EventDecision
            if (!result.ok()) {
                if (conn)
                    conn->reply(internalError(requestId));
                return;
            }
            if (result.value->refused()) {
                if (conn)
                    conn->reply(Reply::failure(requestId, *result.value->error));
                return;
            }
            apply(conn, *result.value);
        });
}

void AdminService::publish(EventType type, const QList<Flag> &flags)
{
    for (const auto &flag : flags) {
        const SharedFrame frame(Event { type, { { u"flag"_s, flag.toJson() } } }.encode());
        for (auto *subscriber : std::as_const(m_subscribers)) {
            if (isStaff(*subscriber)) // sessionChanged() removes the others; never send them one
                subscriber->sendShared(frame);
        }
    }
}

void AdminService::publishAndReply(const QPointer<Connection> &connection, qint64 requestId,
    EventType type, const QList<Flag> &flags)
{
    publish(type, flags);
    if (connection)
        connection->reply(Reply::success(requestId, { { u"flag"_s, flags.first().toJson() } }));
}

void AdminService::raiseFlag(FlagRecord flag)
{
    m_store.run(
        [flag](Store &store) {
            FlagRecord stored = flag;
            stored.id = store.insertFlag(flag);
            return flagToWire(stored, store);
        },
        [this](StoreResult<Flag> result) {
            if (result.ok())
                publish(EventType::FlagNew, { *result.value });
        });
}

std::optional<FlagChange> AdminService::readFlagChange(Store &store, qint64 flagId, bool isNew)
{
    const auto record = store.flagById(flagId);
    if (!record)
        return std::nullopt;
    FlagChange change;
    change.flag = flagToWire(*record, store);
    change.isNew = isNew;
    change.eventId = record->eventId;
    change.season = record->season;
    if (record->incrementId > 0) {
        if (const auto entry = store.ledgerEntry(record->incrementId))
            change.delta = entry->delta;
        change.openFlags = store.openFlagCount(record->incrementId);
    }
    return change;
}

void AdminService::applyRemote(const FlagChange &change)
{
    const Flag &flag = change.flag;
    if (flag.incrementId > 0) {
        if (flag.status == FlagStatus::Open)
            m_scores.hold(flag.incrementId, flag.userId, change.delta, change.eventId, change.season);
        else if (change.openFlags == 0)
            m_scores.release(flag.incrementId);
    }
    publish(change.isNew ? EventType::FlagNew : EventType::FlagUpdated, { flag });
}

void AdminService::subscribe(
    Connection &connection, qint64 requestId, const FlagsSubscribeRequest &data)
{
    const std::optional<FlagStatus> status = flagStatusFromName(data.status); // none for "all"
    m_store.run(
        [status](Store &store) {
            QList<Flag> flags;
            for (const auto &record : store.flags(status, 500))
                flags.append(flagToWire(record, store));
            return flags;
        },
        [this, conn = QPointer<Connection>(&connection), requestId](
            StoreResult<QList<Flag>> result) {
            if (!conn)
                return;
            if (!result.ok()) {
                conn->reply(internalError(requestId));
                return;
            }
            if (!isStaff(*conn)) { // logged out while the queue was read
                conn->reply(Reply::failure(
                    requestId, error(ErrorCode::NotAuthenticated, u"log in first"_s)));
                return;
            }
            if (!m_subscribers.contains(conn)) {
                m_subscribers.insert(conn);
                connect(conn, &QObject::destroyed, this,
                    [this, key = conn.data()] { m_subscribers.remove(key); });
                // Logging out, or a session without a staff role, ends the feed at once.
                connect(conn, &Connection::sessionChanged, this, [this](Connection *changed) {
                    if (!isStaff(*changed)) {
                        qCInfo(lcAdmin) << "flag feed of connection" << changed->id() << "ended";
                        unsubscribe(changed);
                    }
                });
            }
            conn->markSubscribed();
            conn->reply(Reply::success(requestId, { { u"flags"_s, toJsonArray(*result.value) } }));
        });
}

void AdminService::flag(Connection &connection, qint64 requestId, const ManualFlagRequest &data)
{
    decide(
        connection, requestId,
        [action = staffAction(connection, data.reason), incrementId = data.incrementId](
            Store &store) { return flagIncrement(store, action, incrementId); },
        [this, requestId](const QPointer<Connection> &conn, const Decision &decision) {
            const Flag &raised = decision.flags.first();
            m_scores.hold(raised.incrementId, raised.userId, decision.delta, decision.eventId,
                decision.season);
            publishAndReply(conn, requestId, EventType::FlagNew, decision.flags);
        });
}

void AdminService::approve(Connection &connection, qint64 requestId, const ApproveRequest &data)
{
    decide(
        connection, requestId,
        [action = staffAction(connection, data.reason), flagId = data.flagId](
            Store &store) { return approveFlag(store, action, flagId); },
        [this, requestId](const QPointer<Connection> &conn, const Decision &decision) {
            if (decision.incrementId > 0)
                m_scores.release(decision.incrementId);
            publishAndReply(conn, requestId, EventType::FlagUpdated, decision.flags);
        });
}

void AdminService::reverse(Connection &connection, qint64 requestId, const ReverseRequest &data)
{
    decide(
        connection, requestId,
        [action = staffAction(connection, data.reason), data](Store &store) {
            return data.flagId > 0 ? reverseFlaggedIncrement(store, action, data.flagId)
                                   : reverseIncrement(store, action, data.incrementId);
        },
        [this, requestId](const QPointer<Connection> &conn, const Decision &decision) {
            const qint64 userId = decision.user->id;
            if (decision.total)
                m_scores.applyTotal(*decision.total);
            m_scores.release(decision.incrementId);
            qCInfo(lcAdmin) << "staff reversed an increment of user" << userId << "by"
                            << decision.delta;
            publish(EventType::FlagUpdated, decision.flags);
            if (conn) {
                conn->reply(Reply::success(requestId,
                    ReverseReply { decision.reversalId, userId,
                        // A finished season's amended total, or the board's.
                        isCurrentSeason(decision.eventId, decision.season)
                            ? m_scores.scoreOf(userId, decision.eventId)
                            : (decision.total ? decision.total->score : 0),
                        eventSlug(decision.eventId), decision.season }
                        .toJson()));
            }
        });
}

void AdminService::user(Connection &connection, qint64 requestId, const UserRequest &data)
{
    struct Profile
    {
        std::optional<UserRecord> user;
        QList<LedgerEntry> ledger;
        QList<Flag> flags;
        QList<ScoreRow> totals;
    };
    QPointer<Connection> conn(&connection);
    const bool withEmail = connection.user().role == Role::Admin;
    m_store.run(
        [userId = data.userId, read = staffAction(connection, {}), withEmail](Store &store) {
            Profile profile;
            store.transaction([&] {
                profile.user = store.userById(userId);
                if (!profile.user)
                    return;
                profile.ledger = store.ledgerForUser(userId, 1000);
                profile.totals = store.totalsOfUser(userId);
                for (const auto &record : store.flagsForUser(userId))
                    profile.flags.append(flagToWire(record, store));
                store.appendAudit({ 0, read.atMs, read.staffId, u"view-user"_s,
                    u"user:%1"_s.arg(userId), withEmail ? u"with e-mail address"_s : QString() });
            });
            return profile;
        },
        [this, conn, id = requestId, withEmail](StoreResult<Profile> result) {
            if (!conn)
                return;
            if (!result.ok()) {
                conn->reply(internalError(id));
                return;
            }
            const Profile &profile = *result.value;
            if (!profile.user) {
                conn->reply(Reply::failure(id, error(ErrorCode::NotFound, u"no such user"_s)));
                return;
            }
            QSet<qint64> flagged;
            for (const auto &flag : profile.flags)
                flagged.insert(flag.incrementId);
            PlayerProfile reply;
            reply.user = details(*profile.user);
            reply.score = m_scores.scoreOf(profile.user->id);
            reply.ledgerScore = m_scores.ledgerScoreOf(profile.user->id);
            reply.flags = profile.flags;
            for (const ScoreRow &total : profile.totals)
                reply.scores.append({ eventSlug(total.eventId), total.season, total.score });
            for (const auto &entry : profile.ledger) {
                const QString status = entry.kind == u"reversal"_s ? u"reversal"_s
                    : entry.reversedById                           ? u"reversed"_s
                                                                   : u"counted"_s;
                reply.increments.append({ entry.id, entry.delta, wireTime(entry.atMs), entry.atMs,
                    entry.kind, status, entry.clientAddress, flagged.contains(entry.id),
                    entry.reversesId, entry.reversedById, entry.event, entry.season,
                    entry.action });
            }
            QJsonObject json = reply.toJson();
            if (!withEmail) { // checkers see no e-mail addresses
                QJsonObject user = json.value(u"user"_s).toObject();
                user.remove(u"email"_s);
                json.insert(u"user"_s, user);
            }
            conn->reply(Reply::success(id, json));
        });
}

void AdminService::suspend(Connection &connection, qint64 requestId, const SuspendRequest &data)
{
    setSuspension(connection, requestId, data, true);
}

void AdminService::unsuspend(Connection &connection, qint64 requestId, const SuspendRequest &data)
{
    setSuspension(connection, requestId, data, false);
}

void AdminService::setSuspension(
    Connection &connection, qint64 requestId, const SuspendRequest &data, bool suspended)
{
    decide(
        connection, requestId,
        [action = staffAction(connection, data.reason), userId = data.userId, suspended](
            Store &store) {
            return suspended ? suspendUser(store, action, userId)
                             : unsuspendUser(store, action, userId);
        },
        [this, requestId, suspended](const QPointer<Connection> &conn, const Decision &decision) {
            const UserRecord &target = *decision.user;
            m_scores.setSuspended(target.id, suspended);
            if (suspended) {
                m_gateway.revokeSockets(target.id, {}, 0,
                    QString::fromLatin1(revoke_reason::Suspended), close_code::Suspended);
            }
            if (conn)
                conn->reply(Reply::success(requestId, { { u"user"_s, details(target).toJson() } }));
        });
}

void AdminService::audit(Connection &connection, qint64 requestId, const AuditRequest &data)
{
    m_store.run([data](Store &store) { return store.audit(data.limit, data.before); },
        [conn = QPointer<Connection>(&connection), requestId](
            StoreResult<QList<AuditEntry>> result) {
            if (!conn)
                return;
            if (!result.ok()) {
                conn->reply(internalError(requestId));
                return;
            }
            AuditReply reply;
            for (const auto &entry : *result.value)
                reply.entries.append({ entry.id, wireTime(entry.atMs), entry.staffId, entry.action,
                    entry.target, entry.reason });
            conn->reply(Reply::success(requestId, reply.toJson()));
        });
}

template<typename Decide>
void AdminService::decideEvent(Connection &connection, qint64 requestId, Decide decide)
{
    this->decide(connection, requestId, std::move(decide),
        [this, requestId](const QPointer<Connection> &conn, const EventDecision &decision) {
            m_events.apply(decision.event);
            if (!conn)
                return;
            const auto *board = m_scores.boards().board(decision.event.id);
            conn->reply(Reply::success(
                requestId, EventReply { m_scores.boards().info(*board) }.toJson()));
        });
}

void AdminService::createEvent(Connection &connection, qint64 requestId, const EventSpec &data)
{
    decideEvent(connection, requestId,
        [action = staffAction(connection, {}), data, zone = m_events.timeZone()](Store &store) {
            return server::createEvent(store, action, data, zone);
        });
}

void AdminService::updateEvent(
    Connection &connection, qint64 requestId, const EventUpdateRequest &data)
{
    decideEvent(connection, requestId,
        [action = staffAction(connection, {}), data, zone = m_events.timeZone()](Store &store) {
            return server::updateEvent(store, action, data.slug, data.changes, zone);
        });
}

void AdminService::openEvent(Connection &connection, qint64 requestId, const EventStateRequest &data)
{
    decideEvent(connection, requestId,
        [action = staffAction(connection, data.reason), data, zone = m_events.timeZone()](
            Store &store) { return server::openEvent(store, action, data.slug, zone); });
}

void AdminService::closeEvent(
    Connection &connection, qint64 requestId, const EventStateRequest &data)
{
    decideEvent(connection, requestId,
        [action = staffAction(connection, data.reason), data](Store &store) {
            return server::closeEvent(store, action, data.slug);
        });
}

} // namespace scoreboard::server
