#include "moderation/adminservice.h"
#include "net/gateway.h"
#include "moderation/logging.h"
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

} // namespace

Flag flagToWire(const FlagRecord &record, Store &store)
{
    const auto player = store.userById(record.userId);
    return Flag { record.id, record.incrementId, record.userId,
        player ? player->displayName : QString(), record.rule, record.evidence, record.status,
        wireTime(record.createdAtMs), QJsonDocument::fromJson(record.figures.toUtf8()).object() };
}

namespace {

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

/// What a staff action produced: an error, or the flags it touched and the user it concerned.
struct Outcome
{
    std::optional<Error> error;
    QList<Flag> flags;
    std::optional<UserRecord> user;
    std::optional<ScoreRow> total; ///< the player's total after a reversal
    qint64 reversalId = 0;
    qint64 incrementId = 0; ///< the increment acted on (approve: set when it may leave hold)
    qint64 delta = 0;
};

template<typename T> bool parse(Connection &connection, const Request &request, T &out)
{
    auto parsed = T::fromJson(request.data);
    if (auto *e = std::get_if<Error>(&parsed)) {
        connection.reply(Reply::failure(request.id, *e));
        return false;
    }
    out = std::move(std::get<T>(parsed));
    return true;
}

/// Sends the failure if the store failed or the outcome is an error; true when it did.
bool failed(const QPointer<Connection> &connection, qint64 id, const StoreResult<Outcome> &result)
{
    if (!connection)
        return true;
    if (!result.ok()) {
        connection->reply(Reply::failure(id,
            Error { ErrorCode::Internal, u"the server could not complete the request; try again"_s,
                1000, {} }));
        return true;
    }
    if (result.value->error) {
        connection->reply(Reply::failure(id, *result.value->error));
        return true;
    }
    return false;
}

} // namespace

AdminService::AdminService(
    StoreExecutor &store, ScoreService &scores, Gateway &gateway, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_scores(scores)
    , m_gateway(gateway)
    , m_clock(clock)
{ }

void AdminService::install(Gateway &gateway)
{
    const std::pair<MessageType, Handler> routes[] = {
        { MessageType::AdminFlagsSubscribe, &AdminService::subscribe },
        { MessageType::AdminFlag, &AdminService::flag },
        { MessageType::AdminApprove, &AdminService::approve },
        { MessageType::AdminReverse, &AdminService::reverse },
        { MessageType::AdminUser, &AdminService::user },
        { MessageType::AdminSuspend, &AdminService::suspend },
        { MessageType::AdminUnsuspend, &AdminService::unsuspend },
        { MessageType::AdminAudit, &AdminService::audit },
    };
    for (const auto &[type, handler] : routes) {
        gateway.route(type, [this, handler](Connection &connection, const Request &request) {
            if (isStaff(connection, request.id))
                (this->*handler)(connection, request);
        });
    }
}

bool AdminService::isStaff(Connection &connection, qint64 requestId)
{
    if (!connection.isAuthenticated()) {
        connection.reply(
            Reply::failure(requestId, error(ErrorCode::NotAuthenticated, u"log in first"_s)));
        return false;
    }
    if (connection.user().role == Role::Player) {
        connection.reply(
            Reply::failure(requestId, error(ErrorCode::Forbidden, u"score-check staff only"_s)));
        return false;
    }
    return true;
}

void AdminService::publish(EventType type, const QList<Flag> &flags)
{
    for (const auto &flag : flags) {
        const SharedFrame frame(Event { type, { { u"flag"_s, flag.toJson() } } }.encode());
        for (auto *subscriber : std::as_const(m_subscribers))
            subscriber->sendShared(frame);
    }
}

void AdminService::publishAndReply(
    Connection &connection, qint64 requestId, EventType type, const QList<Flag> &flags)
{
    publish(type, flags);
    connection.reply(Reply::success(requestId, { { u"flag"_s, flags.first().toJson() } }));
}

void AdminService::raiseFlag(FlagRecord flag)
{
    m_store.run(
        [flag](Store &store) {
            Outcome outcome;
            FlagRecord stored = flag;
            stored.id = store.insertFlag(flag);
            outcome.flags.append(flagToWire(stored, store));
            return outcome;
        },
        [this](StoreResult<Outcome> result) {
            if (result.ok())
                publish(EventType::FlagNew, result.value->flags);
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
            m_scores.hold(flag.incrementId, flag.userId, change.delta);
        else if (change.openFlags == 0)
            m_scores.release(flag.incrementId);
    }
    publish(change.isNew ? EventType::FlagNew : EventType::FlagUpdated, { flag });
}

void AdminService::subscribe(Connection &connection, const Request &request)
{
    FlagsSubscribeRequest data;
    if (!parse(connection, request, data))
        return;
    QPointer<Connection> conn(&connection);
    const std::optional<FlagStatus> status = flagStatusFromName(data.status); // none for "all"
    m_store.run(
        [status](Store &store) {
            Outcome outcome;
            for (const auto &record : store.flags(status, 500))
                outcome.flags.append(flagToWire(record, store));
            return outcome;
        },
        [this, conn, id = request.id](StoreResult<Outcome> result) {
            if (failed(conn, id, result))
                return;
            if (!m_subscribers.contains(conn)) {
                m_subscribers.insert(conn);
                connect(conn, &QObject::destroyed, this,
                    [this, key = conn.data()] { m_subscribers.remove(key); });
            }
            conn->markSubscribed();
            conn->reply(Reply::success(id, { { u"flags"_s, toJsonArray(result.value->flags) } }));
        });
}

void AdminService::flag(Connection &connection, const Request &request)
{
    ManualFlagRequest data;
    if (!parse(connection, request, data))
        return;
    QPointer<Connection> conn(&connection);
    const qint64 staffId = connection.userId();
    const qint64 now = m_clock.nowMs();
    m_store.run(
        [data, staffId, now](Store &store) {
            Outcome outcome;
            store.transaction([&] {
                const auto entry = store.ledgerEntry(data.incrementId);
                if (!entry) {
                    outcome.error = error(ErrorCode::NotFound, u"no such increment"_s);
                    return;
                }
                if (entry->kind != u"action"_s) {
                    outcome.error
                        = error(ErrorCode::Conflict, u"only a player's action can be flagged"_s);
                    return;
                }
                FlagRecord record;
                record.incrementId = entry->id;
                record.userId = entry->userId;
                record.rule = u"manual"_s;
                record.evidence = data.reason;
                record.createdAtMs = now;
                record.createdBy = staffId;
                record.id = store.insertFlag(record);
                store.appendAudit(
                    { 0, now, staffId, u"flag"_s, u"increment:%1"_s.arg(entry->id), data.reason });
                outcome.flags.append(flagToWire(record, store));
                outcome.delta = entry->delta;
            });
            return outcome;
        },
        [this, conn, id = request.id](StoreResult<Outcome> result) {
            if (failed(conn, id, result))
                return;
            const Flag &raised = result.value->flags.first();
            m_scores.hold(raised.incrementId, raised.userId, result.value->delta);
            publishAndReply(*conn, id, EventType::FlagNew, result.value->flags);
        });
}

void AdminService::approve(Connection &connection, const Request &request)
{
    ApproveRequest data;
    if (!parse(connection, request, data))
        return;
    QPointer<Connection> conn(&connection);
    const qint64 staffId = connection.userId();
    const qint64 now = m_clock.nowMs();
    m_store.run(
        [data, staffId, now](Store &store) {
            Outcome outcome;
            store.transaction([&] {
                auto record = store.flagById(data.flagId);
                if (!record) {
                    outcome.error = error(ErrorCode::NotFound, u"no such flag"_s);
                    return;
                }
                if (record->status != FlagStatus::Open) {
                    outcome.error = error(ErrorCode::Conflict,
                        u"this flag is already %1"_s.arg(flagStatusName(record->status)));
                    return;
                }
                store.decideFlag(record->id, FlagStatus::Approved, staffId, data.reason, now);
                store.appendAudit(
                    { 0, now, staffId, u"approve"_s, u"flag:%1"_s.arg(record->id), data.reason });
                // Under `hold`, the increment returns to the boards once no open flag remains.
                if (record->incrementId > 0 && store.openFlagCount(record->incrementId) == 0)
                    outcome.incrementId = record->incrementId;
                outcome.flags.append(flagToWire(*store.flagById(record->id), store));
            });
            return outcome;
        },
        [this, conn, id = request.id](StoreResult<Outcome> result) {
            if (failed(conn, id, result))
                return;
            if (result.value->incrementId > 0)
                m_scores.release(result.value->incrementId);
            publishAndReply(*conn, id, EventType::FlagUpdated, result.value->flags);
        });
}

void AdminService::reverse(Connection &connection, const Request &request)
{
    ReverseRequest data;
    if (!parse(connection, request, data))
        return;
    QPointer<Connection> conn(&connection);
    const qint64 staffId = connection.userId();
    const qint64 now = m_clock.nowMs();
    m_store.run(
        [data, staffId, now](Store &store) {
            Outcome outcome;
            store.transaction([&] {
                qint64 incrementId = data.incrementId;
                if (data.flagId > 0) {
                    const auto record = store.flagById(data.flagId);
                    if (!record) {
                        outcome.error = error(ErrorCode::NotFound, u"no such flag"_s);
                        return;
                    }
                    if (record->incrementId == 0) {
                        outcome.error = error(ErrorCode::BadRequest,
                            u"this flag is about a pattern, not one increment; reverse its increments one by one"_s);
                        return;
                    }
                    incrementId = record->incrementId;
                }
                const auto entry = store.ledgerEntry(incrementId);
                if (!entry) {
                    outcome.error = error(ErrorCode::NotFound, u"no such increment"_s);
                    return;
                }
                if (entry->kind != u"action"_s) {
                    outcome.error
                        = error(ErrorCode::Conflict, u"only a player's action can be reversed"_s);
                    return;
                }
                if (entry->reversedById != 0) {
                    outcome.error
                        = error(ErrorCode::Conflict, u"this increment is already reversed"_s);
                    return;
                }
                outcome.reversalId = store.appendReversal(incrementId, now);
                if (outcome.reversalId == 0) {
                    outcome.error
                        = error(ErrorCode::Conflict, u"this increment is already reversed"_s);
                    return;
                }
                outcome.delta = -entry->delta;
                outcome.incrementId = incrementId;
                for (const auto &record : store.flagsForIncrement(incrementId)) {
                    if (record.status == FlagStatus::Reversed)
                        continue;
                    store.decideFlag(record.id, FlagStatus::Reversed, staffId, data.reason, now);
                    outcome.flags.append(flagToWire(*store.flagById(record.id), store));
                }
                store.appendAudit({ 0, now, staffId, u"reverse"_s,
                    u"increment:%1"_s.arg(incrementId), data.reason });
                outcome.user = store.userById(entry->userId);
                outcome.total = store.scoreOf(entry->userId);
            });
            return outcome;
        },
        [this, conn, id = request.id](StoreResult<Outcome> result) {
            if (!result.ok() || result.value->error) {
                failed(conn, id, result);
                return;
            }
            const Outcome &outcome = *result.value;
            const qint64 userId = outcome.user->id;
            if (outcome.total)
                m_scores.applyTotal(*outcome.total);
            m_scores.release(outcome.incrementId);
            qCInfo(lcAdmin) << "staff reversed an increment of user" << userId << "by"
                           << outcome.delta;
            publish(EventType::FlagUpdated, outcome.flags);
            if (conn) {
                conn->reply(Reply::success(id,
                    ReverseReply { outcome.reversalId, userId, m_scores.scoreOf(userId) }
                        .toJson()));
            }
        });
}

void AdminService::user(Connection &connection, const Request &request)
{
    UserRequest data;
    if (!parse(connection, request, data))
        return;
    struct Profile
    {
        std::optional<UserRecord> user;
        QList<LedgerEntry> ledger;
        QList<Flag> flags;
    };
    QPointer<Connection> conn(&connection);
    m_store.run(
        [userId = data.userId](Store &store) {
            Profile profile;
            profile.user = store.userById(userId);
            if (!profile.user)
                return profile;
            profile.ledger = store.ledgerForUser(userId, 1000);
            for (const auto &record : store.flagsForUser(userId))
                profile.flags.append(flagToWire(record, store));
            return profile;
        },
        [this, conn, id = request.id](StoreResult<Profile> result) {
            if (!conn)
                return;
            if (!result.ok()) {
                conn->reply(Reply::failure(id,
                    Error { ErrorCode::Internal,
                        u"the server could not complete the request; try again"_s, 1000, {} }));
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
            for (const auto &entry : profile.ledger) {
                const QString status = entry.kind == u"reversal"_s ? u"reversal"_s
                    : entry.reversedById                           ? u"reversed"_s
                                                                   : u"counted"_s;
                reply.increments.append({ entry.id, entry.delta, wireTime(entry.atMs), entry.atMs,
                    entry.kind, status, entry.clientAddress, flagged.contains(entry.id),
                    entry.reversesId, entry.reversedById });
            }
            conn->reply(Reply::success(id, reply.toJson()));
        });
}

void AdminService::suspend(Connection &connection, const Request &request)
{
    setSuspension(connection, request, true);
}

void AdminService::unsuspend(Connection &connection, const Request &request)
{
    setSuspension(connection, request, false);
}

void AdminService::setSuspension(Connection &connection, const Request &request, bool suspended)
{
    SuspendRequest data;
    if (!parse(connection, request, data))
        return;
    QPointer<Connection> conn(&connection);
    const qint64 staffId = connection.userId();
    const qint64 now = m_clock.nowMs();
    m_store.run(
        [data, staffId, now, suspended](Store &store) {
            Outcome outcome;
            store.transaction([&] {
                const auto target = store.userById(data.userId);
                if (!target) {
                    outcome.error = error(ErrorCode::NotFound, u"no such user"_s);
                    return;
                }
                if (target->role != Role::Player) {
                    outcome.error
                        = error(ErrorCode::Forbidden, u"staff accounts cannot be suspended here"_s);
                    return;
                }
                if (target->suspended() == suspended) {
                    outcome.error = error(ErrorCode::Conflict,
                        suspended ? u"already suspended"_s : u"not suspended"_s);
                    return;
                }
                store.setSuspended(
                    data.userId, suspended ? std::optional<qint64>(now) : std::nullopt);
                if (suspended)
                    store.revokeUserSessions(
                        data.userId, 0, QString::fromLatin1(revoke_reason::Suspended), now);
                store.appendAudit({ 0, now, staffId, suspended ? u"suspend"_s : u"unsuspend"_s,
                    u"user:%1"_s.arg(data.userId), data.reason });
                outcome.user = store.userById(data.userId);
            });
            return outcome;
        },
        [this, conn, id = request.id, suspended](StoreResult<Outcome> result) {
            if (!result.ok() || result.value->error) {
                failed(conn, id, result);
                return;
            }
            const UserRecord &target = *result.value->user;
            m_scores.setSuspended(target.id, suspended);
            if (suspended) {
                m_gateway.revokeSockets(target.id, {}, 0,
                    QString::fromLatin1(revoke_reason::Suspended), close_code::Suspended);
            }
            if (conn)
                conn->reply(Reply::success(id, { { u"user"_s, details(target).toJson() } }));
        });
}

void AdminService::audit(Connection &connection, const Request &request)
{
    AuditRequest data;
    if (!parse(connection, request, data))
        return;
    QPointer<Connection> conn(&connection);
    m_store.run([data](Store &store) { return store.audit(data.limit, data.before); },
        [conn, id = request.id](StoreResult<QList<AuditEntry>> result) {
            if (!conn)
                return;
            if (!result.ok()) {
                conn->reply(Reply::failure(id,
                    Error { ErrorCode::Internal,
                        u"the server could not complete the request; try again"_s, 1000, {} }));
                return;
            }
            AuditReply reply;
            for (const auto &entry : *result.value)
                reply.entries.append({ entry.id, wireTime(entry.atMs), entry.staffId, entry.action,
                    entry.target, entry.reason });
            conn->reply(Reply::success(id, reply.toJson()));
        });
}

} // namespace scoreboard::server
