#include "consolesession.h"
#include "messages.h"
#include "session.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace scoreboard::console {

using namespace scoreboard::protocol;

namespace {

Q_LOGGING_CATEGORY(lcConsole, "scoreboard.console", QtInfoMsg)

constexpr int kBoardLimit = 10;
constexpr int kAuditLimit = limits::AuditLimitMax;

} // namespace

ConsoleSession::ConsoleSession(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(settingsFile.isEmpty()
              ? std::make_unique<QSettings>()
              : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    m_socket.setUrl(m_settings->value(u"server/url"_s, QUrl(u"ws://localhost:8080/ws"_s)).toUrl());
    m_deviceId = m_settings->value(u"device/id"_s).toString();
    if (m_deviceId.isEmpty()) {
        m_deviceId = u"console-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_settings->setValue(u"device/id"_s, m_deviceId);
    }
    m_token = m_settings->value(u"session/token"_s).toString();
    m_flagQueue.setQueue(&m_flags);

    connect(&m_socket, &client::ProtocolSocket::stateChanged, this, &ConsoleSession::stateChanged);
    connect(&m_socket, &client::ProtocolSocket::connected, this, &ConsoleSession::onConnected);
    connect(
        &m_socket, &client::ProtocolSocket::disconnected, this, &ConsoleSession::onDisconnected);
    connect(&m_socket, &client::ProtocolSocket::eventReceived, this, &ConsoleSession::onEvent);
    connect(
        &m_flags, &FlagQueueModel::openCountChanged, this, &ConsoleSession::openFlagCountChanged);
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::setServerUrl(const QUrl &url)
{
    if (url == m_socket.url())
        return;
    m_socket.setUrl(url);
    m_settings->setValue(u"server/url"_s, url);
    emit serverUrlChanged();
}

void ConsoleSession::connectToServer()
{
    m_socket.open();
}

void ConsoleSession::send(MessageType type, const QJsonObject &data, ReplyHandler handler)
{
    m_socket.send(type, data, std::move(handler));
}

void ConsoleSession::act(
    MessageType type, const QJsonObject &data, std::function<void(const QJsonObject &)> done)
{
    clearError();
    setBusy(true);
    send(type, data, [this, type, done = std::move(done)](const Reply &reply) {
        setBusy(false);
        if (!reply.ok) {
            qCInfo(lcConsole) << typeName(type) << "refused:" << errorCodeName(reply.error.code)
                              << reply.error.message;
            setError(reply.error);
            return;
        }
        done(reply.data);
        refreshAudit(); // the action just taken is now the newest audit entry
    });
}

bool ConsoleSession::requireReason(const QString &reason)
{
    if (!reason.trimmed().isEmpty())
        return true;
    setErrorText(u"bad_request"_s, tr("Give a reason; it is written to the audit log."));
    return false;
}

void ConsoleSession::onConnected()
{
    // The board subscription also keeps the socket open while nobody has logged in yet.
    send(MessageType::LeaderboardSubscribe, SubscribeRequest { kBoardLimit }.toJson(),
        [this](const Reply &reply) {
            if (!reply.ok)
                return;
            if (auto board = Leaderboard::fromJson(reply.data);
                std::holds_alternative<Leaderboard>(board))
                m_board.apply(std::get<Leaderboard>(board));
        });
    if (m_token.isEmpty())
        return;
    send(MessageType::AuthResume, ResumeRequest { m_token, m_deviceId }.toJson(),
        [this](const Reply &reply) {
            if (!reply.ok) {
                if (reply.error.code == ErrorCode::SessionInvalid)
                    forgetSession();
                return;
            }
            auto user = User::fromJson(reply.data.value(u"user"_s).toObject());
            if (!std::holds_alternative<User>(user) || std::get<User>(user).role == Role::Player) {
                send(MessageType::AuthLogout, {}, [](const Reply &) {});
                forgetSession();
                return;
            }
            startStaffSession(std::get<User>(user));
        });
}

void ConsoleSession::onDisconnected(quint16 code)
{
    if (code == close_code::SignedInElsewhere || code == close_code::Suspended) {
        const QString reason = code == close_code::SignedInElsewhere
            ? QString::fromLatin1(revoke_reason::SignedInElsewhere)
            : QString::fromLatin1(revoke_reason::Suspended);
        const QString message = code == close_code::SignedInElsewhere
            ? tr("This account signed in elsewhere, so this console was signed out.")
            : tr("This account has been suspended.");
        forgetSession();
        setErrorText(errorCodeName(ErrorCode::SessionInvalid), message);
        emit sessionEnded(reason, message);
    }
}

void ConsoleSession::onEvent(const Event &event)
{
    switch (event.type) {
    case EventType::Leaderboard:
        if (auto board = Leaderboard::fromJson(event.data);
            std::holds_alternative<Leaderboard>(board))
            m_board.apply(std::get<Leaderboard>(board));
        break;
    case EventType::FlagNew:
    case EventType::FlagUpdated:
        if (auto flag = Flag::fromJson(event.data.value(u"flag"_s).toObject());
            std::holds_alternative<Flag>(flag))
            onFlag(std::get<Flag>(flag));
        else
            qCWarning(lcConsole) << "ignored a malformed flag event";
        break;
    case EventType::SessionRevoked:
        break; // the close code that follows says what happened
    }
}

void ConsoleSession::onFlag(const Flag &flag)
{
    m_flags.upsert(flag);
    if (m_player.loaded() && flag.userId == m_player.userId())
        openPlayer(flag.userId);
}

void ConsoleSession::setError(const Error &error)
{
    setErrorText(errorCodeName(error.code),
        client::ProtocolSocket::isNotSent(error)
            ? tr("Not connected to the server. Reconnecting; please try again in a moment.")
            : messageFor(error.code, error.message));
}

void ConsoleSession::setErrorText(const QString &code, const QString &message)
{
    if (code == m_errorCode && message == m_errorMessage)
        return;
    m_errorCode = code;
    m_errorMessage = message;
    emit errorChanged();
}

void ConsoleSession::clearError()
{
    setErrorText({}, {});
}

void ConsoleSession::setBusy(bool busy)
{
    const bool before = this->busy();
    m_busy += busy ? 1 : -1;
    if (before != this->busy())
        emit busyChanged();
}

void ConsoleSession::setUser(const User &user)
{
    if (user == m_user)
        return;
    m_user = user;
    emit userChanged();
}

void ConsoleSession::startStaffSession(const User &user)
{
    setUser(user);
    subscribeFlags();
    refreshAudit();
    if (m_player.loaded())
        openPlayer(m_player.userId());
}

void ConsoleSession::subscribeFlags()
{
    FlagsSubscribeRequest request;
    request.status = u"all"_s;
    send(MessageType::AdminFlagsSubscribe, request.toJson(), [this](const Reply &reply) {
        if (!reply.ok) {
            setError(reply.error);
            return;
        }
        QList<Flag> flags;
        for (const QJsonValue &value : reply.data.value(u"flags"_s).toArray()) {
            if (auto flag = Flag::fromJson(value.toObject()); std::holds_alternative<Flag>(flag))
                flags.append(std::get<Flag>(flag));
        }
        m_flags.reset(flags);
    });
}

void ConsoleSession::forgetSession()
{
    m_token.clear();
    m_settings->remove(u"session/token"_s);
    m_flags.clear();
    m_player.clear();
    m_audit.reset({});
    setUser({});
}

void ConsoleSession::logIn(const QString &email, const QString &password)
{
    clearError();
    setBusy(true);
    LoginRequest request { normalizeEmail(email), password, m_deviceId,
        QSysInfo::machineHostName().left(limits::DeviceNameMax) };
    // The server refuses players before it creates a session, so a player who tries the console
    // by mistake keeps their game session on their other device.
    request.staffOnly = true;
    send(MessageType::AuthLogin, request.toJson(), [this](const Reply &reply) {
        setBusy(false);
        if (!reply.ok) {
            if (reply.error.code == ErrorCode::Forbidden)
                setErrorText(errorCodeName(ErrorCode::Forbidden), playerRefusedMessage());
            else
                setError(reply.error);
            return;
        }
        auto parsed = LoginReply::fromJson(reply.data);
        if (!std::holds_alternative<LoginReply>(parsed)) {
            setError(std::get<Error>(parsed));
            return;
        }
        const LoginReply &login = std::get<LoginReply>(parsed);
        if (login.user.role == Role::Player) {
            qCInfo(lcConsole) << "refused a player account";
            send(MessageType::AuthLogout, {}, [](const Reply &) {});
            setErrorText(errorCodeName(ErrorCode::Forbidden), playerRefusedMessage());
            return;
        }
        m_token = login.token;
        m_settings->setValue(u"session/token"_s, m_token);
        startStaffSession(login.user);
    });
}

void ConsoleSession::logOut()
{
    send(MessageType::AuthLogout, {}, [](const Reply &) {});
    forgetSession();
}

void ConsoleSession::approve(qint64 flagId, const QString &reason)
{
    act(MessageType::AdminApprove, ApproveRequest { flagId, reason.trimmed() }.toJson(),
        [this, flagId](const QJsonObject &data) {
            if (auto flag = Flag::fromJson(data.value(u"flag"_s).toObject());
                std::holds_alternative<Flag>(flag))
                onFlag(std::get<Flag>(flag));
            emit approved(flagId);
        });
}

void ConsoleSession::reverse(qint64 flagId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    ReverseRequest request;
    request.flagId = flagId;
    request.reason = reason.trimmed();
    sendReverse(request);
}

void ConsoleSession::sendReverse(const ReverseRequest &request)
{
    act(MessageType::AdminReverse, request.toJson(), [this](const QJsonObject &data) {
        auto parsed = ReverseReply::fromJson(data);
        if (auto *error = std::get_if<Error>(&parsed)) {
            setError(*error);
            return;
        }
        const ReverseReply &reversal = std::get<ReverseReply>(parsed);
        if (m_player.loaded() && m_player.userId() == reversal.userId)
            openPlayer(reversal.userId);
        emit reversed(reversal.userId, reversal.score);
    });
}

void ConsoleSession::reverseIncrement(qint64 incrementId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    ReverseRequest request;
    request.incrementId = incrementId;
    request.reason = reason.trimmed();
    sendReverse(request);
}

void ConsoleSession::flagIncrement(qint64 incrementId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    act(MessageType::AdminFlag, ManualFlagRequest { incrementId, reason.trimmed() }.toJson(),
        [this](const QJsonObject &data) {
            if (auto flag = Flag::fromJson(data.value(u"flag"_s).toObject());
                std::holds_alternative<Flag>(flag)) {
                onFlag(std::get<Flag>(flag));
                emit flagRaised(std::get<Flag>(flag).id);
            }
        });
}

void ConsoleSession::suspend(qint64 userId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    act(MessageType::AdminSuspend, SuspendRequest { userId, reason.trimmed() }.toJson(),
        [this, userId](const QJsonObject &) {
            if (m_player.loaded() && m_player.userId() == userId)
                openPlayer(userId);
            emit suspendedChanged(userId, true);
        });
}

void ConsoleSession::unsuspend(qint64 userId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    act(MessageType::AdminUnsuspend, SuspendRequest { userId, reason.trimmed() }.toJson(),
        [this, userId](const QJsonObject &) {
            if (m_player.loaded() && m_player.userId() == userId)
                openPlayer(userId);
            emit suspendedChanged(userId, false);
        });
}

void ConsoleSession::openPlayer(qint64 userId)
{
    send(MessageType::AdminUser, UserRequest { userId }.toJson(),
        [this, userId](const Reply &reply) {
            if (!reply.ok) {
                setError(reply.error);
                return;
            }
            m_player.apply(reply.data);
            emit playerLoaded(userId);
        });
}

void ConsoleSession::closePlayer()
{
    m_player.clear();
}

void ConsoleSession::refreshAudit()
{
    AuditRequest request;
    request.limit = kAuditLimit;
    send(MessageType::AdminAudit, request.toJson(), [this](const Reply &reply) {
        if (!reply.ok) {
            setError(reply.error);
            return;
        }
        auto parsed = AuditReply::fromJson(reply.data);
        if (auto *error = std::get_if<Error>(&parsed)) {
            setError(*error);
            return;
        }
        QList<AuditEntry> entries;
        for (const auto &row : std::get<AuditReply>(parsed).entries)
            entries.append(
                AuditEntry { row.id, row.at, row.staffId, row.action, row.target, row.reason });
        m_audit.reset(entries);
        emit auditLoaded();
    });
}

QString ConsoleSession::playerRefusedMessage()
{
    return tr("This is the score-check console; player accounts cannot log in here.");
}

QString ConsoleSession::messageFor(ErrorCode code, const QString &serverMessage)
{
    switch (code) {
    case ErrorCode::Forbidden:
        return serverMessage.isEmpty() ? tr("Your account may not do that.")
                                       : tr("Not allowed: %1.").arg(serverMessage);
    case ErrorCode::NotFound:
        return serverMessage.isEmpty() ? tr("Not found; it may have been removed.")
                                       : tr("Not found: %1.").arg(serverMessage);
    case ErrorCode::Conflict:
        return serverMessage.isEmpty() ? tr("Someone has already decided this.")
                                       : tr("Already decided: %1.").arg(serverMessage);
    default:
        return client::Session::messageFor(code, serverMessage);
    }
}

} // namespace scoreboard::console
