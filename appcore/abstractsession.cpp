#include "abstractsession.h"

#include <QLoggingCategory>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace scoreboard::app {

using namespace scoreboard::protocol;

namespace {

Q_LOGGING_CATEGORY(lcSession, "scoreboard.app.session", QtInfoMsg)

constexpr int kBoardLimit = 10;


} // namespace

AbstractSession::AbstractSession(Options options, const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(settingsFile.isEmpty()
              ? std::make_unique<QSettings>()
              : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    m_socket.setUrl(m_settings->value(u"server/url"_s, QUrl(u"ws://localhost:8080/ws"_s)).toUrl());
    m_deviceId = m_settings->value(u"device/id"_s).toString();
    if (m_deviceId.isEmpty()) {
        m_deviceId = m_options.deviceIdPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_settings->setValue(u"device/id"_s, m_deviceId);
    }
    m_token = m_settings->value(u"session/token"_s).toString();

    connect(&m_socket, &ProtocolSocket::stateChanged, this, &AbstractSession::stateChanged);
    connect(&m_socket, &ProtocolSocket::connected, this, &AbstractSession::onConnected);
    connect(&m_socket, &ProtocolSocket::disconnected, this, &AbstractSession::onDisconnected);
    connect(&m_socket, &ProtocolSocket::eventReceived, this, &AbstractSession::onEvent);
    connect(&m_socket, &ProtocolSocket::certificateRefused, this,
        [this](const QString &why) { setErrorText(u"certificate"_s, why); });
}

AbstractSession::~AbstractSession() = default;

void AbstractSession::setServerUrl(const QUrl &url)
{
    if (url == m_socket.url())
        return;
    m_socket.setUrl(url);
    m_settings->setValue(u"server/url"_s, url);
    emit serverUrlChanged();
}

void AbstractSession::connectToServer()
{
    m_socket.open();
}

void AbstractSession::send(MessageType type, const QJsonObject &data, ReplyHandler handler)
{
    m_socket.send(type, data, std::move(handler));
}

void AbstractSession::call(
    MessageType type, const QJsonObject &data, DataHandler done, ErrorHandler failed)
{
    clearError();
    setBusy(true);
    send(
        type, data, [this, done = std::move(done), failed = std::move(failed)](const Reply &reply) {
            setBusy(false);
            if (!reply.ok) {
                if (failed)
                    failed(reply.error);
                else
                    setError(reply.error);
                return;
            }
            done(reply.data);
        });
}

void AbstractSession::subscribeBoard()
{
    send(MessageType::LeaderboardSubscribe,
        SubscribeRequest { kBoardLimit, m_event, m_options.around }.toJson(),
        [this](const Reply &reply) {
            if (reply.ok)
                takeBoard(reply.data);
        });
}

void AbstractSession::takeBoard(const QJsonObject &data)
{
    auto parsed = Leaderboard::fromJson(data);
    auto *board = std::get_if<Leaderboard>(&parsed);
    // A board names its event (a v1 server's does not: then it is main's).
    if (!board || (board->event.isEmpty() ? QString::fromLatin1(kMainEvent) : board->event) != m_event)
        return;
    m_board.apply(*board);
    boardReceived(*board);
}

void AbstractSession::selectEvent(const QString &slug)
{
    if (slug.isEmpty() || slug == m_event)
        return;
    if (m_socket.state() == ProtocolSocket::State::Online)
        send(MessageType::LeaderboardUnsubscribe, UnsubscribeRequest { m_event }.toJson(),
            [](const Reply &) {});
    m_event = slug;
    m_board.clear();
    emit currentEventChanged();
    eventSelected();
    if (m_socket.state() == ProtocolSocket::State::Online)
        subscribeBoard();
}

void AbstractSession::loadStandings(const QString &slug, int season, double offset)
{
    PageRequest request;
    request.event = slug;
    request.season = std::max(0, season);
    request.offset = std::max<qint64>(0, qint64(offset));
    request.limit = StandingsModel::kPageSize;
    const quint64 ticket = ++m_standingsRequest;
    m_standings.setLoading();
    send(MessageType::LeaderboardPage, request.toJson(),
        [this, ticket, offset = request.offset](const Reply &reply) {
            if (ticket != m_standingsRequest)
                return; // a newer page was asked for meanwhile
            auto page = reply.ok ? PageReply::fromJson(reply.data) : Parsed<PageReply>(reply.error);
            if (auto *error = std::get_if<Error>(&page)) {
                m_standings.failed();
                setError(*error);
                return;
            }
            m_standings.apply(std::get<PageReply>(page), offset);
        });
}

void AbstractSession::onConnected()
{
    // The board subscription also keeps the socket open while nobody has logged in yet.
    m_board.clear();
    subscribeBoard();
    send(MessageType::EventsSubscribe, {}, [this](const Reply &reply) {
        if (!reply.ok)
            return;
        auto events = EventsReply::fromJson(reply.data);
        if (auto *parsed = std::get_if<EventsReply>(&events))
            m_events.reset(parsed->events);
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
            if (!std::holds_alternative<User>(user) || !accepts(std::get<User>(user))) {
                send(MessageType::AuthLogout, {}, [](const Reply &) {});
                forgetSession();
                return;
            }
            startSession(m_token, std::get<User>(user));
        });
}

void AbstractSession::onDisconnected(quint16 code)
{
    connectionLost(code);
    if (code != close_code::SignedInElsewhere && code != close_code::Suspended)
        return;
    const bool suspended = code == close_code::Suspended;
    const QString reason = QString::fromLatin1(
        suspended ? revoke_reason::Suspended : revoke_reason::SignedInElsewhere);
    const QString message = suspended ? m_options.suspended : m_options.signedInElsewhere;
    forgetSession();
    setErrorText(
        errorCodeName(suspended ? ErrorCode::Suspended : ErrorCode::SessionInvalid), message);
    emit sessionEnded(reason, message);
}

void AbstractSession::onEvent(const Event &event)
{
    if (event.type == EventType::Leaderboard)
        takeBoard(event.data);
    if (event.type == EventType::EventChanged) {
        auto changed = EventReply::fromJson(event.data);
        if (auto *parsed = std::get_if<EventReply>(&changed))
            m_events.apply(parsed->event);
    }
    eventReceived(event);
}

bool AbstractSession::accepts(const User &user) const
{
    return m_options.staffOnly.isEmpty() || user.role != Role::Player;
}

void AbstractSession::refuse()
{
    setErrorText(errorCodeName(ErrorCode::Forbidden), m_options.staffOnly);
}

void AbstractSession::startSession(const QString &token, const User &user)
{
    m_token = token;
    m_settings->setValue(u"session/token"_s, m_token);
    setUser(user);
    if (m_options.around > 0)
        subscribeBoard(); // now with the player's own row and neighbours
    signedIn();
}

void AbstractSession::forgetSession()
{
    signingOut();
    m_token.clear();
    m_settings->remove(u"session/token"_s);
    setUser({});
}

void AbstractSession::logIn(const QString &email, const QString &password)
{
    LoginRequest request { normalizeEmail(email), password, m_deviceId,
        QSysInfo::machineHostName().left(limits::DeviceNameMax) };
    // The server then refuses players before it creates a session, so a player who tries a
    // staff app by mistake keeps their game session on their other device.
    request.staffOnly = !m_options.staffOnly.isEmpty();
    call(
        MessageType::AuthLogin, request.toJson(),
        [this](const QJsonObject &data) {
            auto parsed = LoginReply::fromJson(data);
            if (auto *error = std::get_if<Error>(&parsed)) {
                setError(*error);
                return;
            }
            const LoginReply &login = std::get<LoginReply>(parsed);
            if (!accepts(login.user)) {
                qCInfo(lcSession) << "refused a player account";
                send(MessageType::AuthLogout, {}, [](const Reply &) {});
                refuse();
                return;
            }
            startSession(login.token, login.user);
        },
        [this](const Error &error) {
            if (error.code == ErrorCode::Forbidden && !m_options.staffOnly.isEmpty())
                refuse();
            else
                setError(error);
        });
}

void AbstractSession::logOut()
{
    send(MessageType::AuthLogout, {}, [](const Reply &) {});
    forgetSession();
}

void AbstractSession::setError(const Error &error)
{
    QString message = ProtocolSocket::isNotSent(error)
        ? tr("Not connected to the server. Reconnecting; please try again in a moment.")
        : messageFor(error.code, error.message, m_options.audience);
    if (error.code == ErrorCode::OtpInvalid && error.details.contains(u"attemptsLeft"_s)) {
        message += u" "_s
            + tr("%n attempt(s) left.", nullptr, error.details.value(u"attemptsLeft"_s).toInt());
    } else if (error.code == ErrorCode::RateLimited && error.retryAfterMs > 0) {
        message += u" "_s
            + tr("Try again in %n second(s).", nullptr, int((error.retryAfterMs + 999) / 1000));
    }
    setErrorText(errorCodeName(error.code), message);
}

void AbstractSession::setErrorText(const QString &code, const QString &message)
{
    if (code == m_errorCode && message == m_errorMessage)
        return;
    m_errorCode = code;
    m_errorMessage = message;
    emit errorChanged();
}

void AbstractSession::clearError()
{
    setErrorText({}, {});
}

void AbstractSession::setBusy(bool busy)
{
    const bool before = this->busy();
    m_busy += busy ? 1 : -1;
    if (before != this->busy())
        emit busyChanged();
}

void AbstractSession::setUser(const User &user)
{
    if (user == m_user)
        return;
    m_user = user;
    m_board.setMe(user.id);
    m_standings.setMe(user.id);
    emit userChanged();
}

QString AbstractSession::messageFor(ErrorCode code, const QString &serverMessage, Audience audience)
{
    if (audience == Audience::Staff) {
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
            break;
        }
    }
    switch (code) {
    case ErrorCode::BadRequest:
        return serverMessage.isEmpty() ? tr("Please check what you entered.") : serverMessage;
    case ErrorCode::WeakPassword:
        return serverMessage.isEmpty() ? tr("Choose a stronger password.")
                                       : tr("Choose a stronger password: %1.").arg(serverMessage);
    case ErrorCode::RateLimited:
        return tr("Too many attempts.");
    case ErrorCode::OtpInvalid:
        return tr("That code is not right.");
    case ErrorCode::OtpExpired:
        return tr("That code has expired. Ask for a new one.");
    case ErrorCode::TooManyAttempts:
        return tr("Too many wrong codes. Ask for a new one.");
    case ErrorCode::BadCredentials:
        return tr("Wrong e-mail address or password.");
    case ErrorCode::NotVerified:
        return tr("Confirm your e-mail address first: enter the code we sent you.");
    case ErrorCode::Suspended:
        return serverMessage.isEmpty() ? tr("This account has been suspended.") : serverMessage;
    case ErrorCode::SessionInvalid:
        return serverMessage.isEmpty() ? tr("Your session has ended. Please log in again.")
                                       : serverMessage;
    case ErrorCode::NotAuthenticated:
        return tr("Please log in first.");
    case ErrorCode::ChallengeUnknown:
    case ErrorCode::ChallengeUsed:
    case ErrorCode::ChallengeExpired:
        return tr("That did not count. Try again.");
    case ErrorCode::TooFast:
        return tr("Not so fast!");
    case ErrorCode::Forbidden:
        return tr("You are not allowed to do that.");
    case ErrorCode::NotFound:
        return tr("Not found.");
    case ErrorCode::Conflict:
        return tr("That has already been done.");
    case ErrorCode::Internal:
        return tr("The server had a problem. Please try again.");
    case ErrorCode::Unsupported:
        return tr("This server does not support that. It may be older than this app.");
    case ErrorCode::EventUnknown:
        return tr("There is no such event.");
    case ErrorCode::EventNotLive:
        return tr("This event is not live: it has not started yet or it is over.");
    case ErrorCode::ActionUnknown:
        return tr("This event has no action of that kind.");
    case ErrorCode::SeasonUnknown:
        return tr("There is no such season.");
    case ErrorCode::SlugInvalid:
        return tr("The short name may hold only lower-case letters, digits and dashes.");
    case ErrorCode::ScheduleInvalid:
        return tr("The end must come after the start, and in the future.");
    case ErrorCode::ResetInvalid:
        return tr("Reset daily, weekly, monthly, or after a period of at least 10 seconds.");
    }
    return serverMessage;
}

} // namespace scoreboard::app
