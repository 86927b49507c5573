#include "session.h"
#include "messages.h"

#include <QDateTime>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace scoreboard::client {

using namespace scoreboard::protocol;

namespace {

constexpr int kBoardLimit = 10;
constexpr int kResendSeconds = 60;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

Session::Session(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(settingsFile.isEmpty()
              ? std::make_unique<QSettings>()
              : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    m_socket.setUrl(m_settings->value(u"server/url"_s, QUrl(u"ws://localhost:8080/ws"_s)).toUrl());
    m_deviceId = m_settings->value(u"device/id"_s).toString();
    if (m_deviceId.isEmpty()) {
        m_deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_settings->setValue(u"device/id"_s, m_deviceId);
    }
    m_token = m_settings->value(u"session/token"_s).toString();

    connect(&m_socket, &ProtocolSocket::stateChanged, this, &Session::stateChanged);
    connect(&m_socket, &ProtocolSocket::connected, this, &Session::onConnected);
    connect(&m_socket, &ProtocolSocket::disconnected, this, &Session::onDisconnected);
    connect(&m_socket, &ProtocolSocket::eventReceived, this, &Session::onEvent);
    m_resendTimer.setInterval(1000);
    connect(&m_resendTimer, &QTimer::timeout, this, [this] {
        m_resendSeconds = std::max(0, m_resendSeconds - 1);
        if (m_resendSeconds == 0)
            m_resendTimer.stop();
        emit resendSecondsChanged();
    });
}

Session::~Session() = default;

void Session::setServerUrl(const QUrl &url)
{
    if (url == m_socket.url())
        return;
    m_socket.setUrl(url);
    m_settings->setValue(u"server/url"_s, url);
    emit serverUrlChanged();
}

void Session::connectToServer()
{
    m_socket.open();
}

void Session::send(MessageType type, const QJsonObject &data, ReplyHandler handler)
{
    m_socket.send(type, data, std::move(handler));
}

void Session::onConnected()
{
    send(MessageType::LeaderboardSubscribe, SubscribeRequest { kBoardLimit }.toJson(),
        [this](const Reply &reply) {
            if (reply.ok) {
                if (auto board = Leaderboard::fromJson(reply.data);
                    std::holds_alternative<Leaderboard>(board))
                    m_board.apply(std::get<Leaderboard>(board));
            }
        });
    if (!m_token.isEmpty()) {
        send(MessageType::AuthResume, ResumeRequest { m_token, m_deviceId }.toJson(),
            [this](const Reply &reply) {
                if (reply.ok) {
                    if (auto user = User::fromJson(reply.data.value(u"user"_s).toObject());
                        std::holds_alternative<User>(user))
                        setUser(std::get<User>(user));
                    refreshStanding();
                    fetchChallenge();
                } else if (reply.error.code == ErrorCode::SessionInvalid) {
                    forgetSession();
                }
            });
    }
}

void Session::onDisconnected(quint16 code)
{
    m_challengeId.clear();
    m_fetchingChallenge = false;
    if (code == close_code::SignedInElsewhere || code == close_code::Suspended) {
        const QString reason = code == close_code::SignedInElsewhere
            ? QString::fromLatin1(revoke_reason::SignedInElsewhere)
            : QString::fromLatin1(revoke_reason::Suspended);
        const QString message = code == close_code::SignedInElsewhere
            ? tr("You signed in on another device, so this one was signed out.")
            : tr("This account has been suspended by the score-check team.");
        forgetSession();
        setError(Error {
            code == close_code::Suspended ? ErrorCode::Suspended : ErrorCode::SessionInvalid,
            message, 0, {} });
        emit sessionEnded(reason, message);
    }
}

void Session::onEvent(const Event &event)
{
    if (event.type == EventType::Leaderboard) {
        if (auto board = Leaderboard::fromJson(event.data);
            std::holds_alternative<Leaderboard>(board)) {
            m_board.apply(std::get<Leaderboard>(board));
            if (loggedIn())
                refreshStanding();
        }
    }
}

void Session::setError(const Error &error)
{
    m_errorCode = errorCodeName(error.code);
    m_errorMessage = ProtocolSocket::isNotSent(error)
        ? tr("Not connected to the server. Reconnecting; please try again in a moment.")
        : messageFor(error.code, error.message);
    if (error.code == ErrorCode::OtpInvalid && error.details.contains(u"attemptsLeft"_s)) {
        m_errorMessage += u" "_s
            + tr("%n attempt(s) left.", nullptr, error.details.value(u"attemptsLeft"_s).toInt());
    } else if (error.code == ErrorCode::RateLimited && error.retryAfterMs > 0) {
        m_errorMessage += u" "_s
            + tr("Try again in %n second(s).", nullptr, int((error.retryAfterMs + 999) / 1000));
    }
    emit errorChanged();
}

void Session::clearError()
{
    if (m_errorCode.isEmpty() && m_errorMessage.isEmpty())
        return;
    m_errorCode.clear();
    m_errorMessage.clear();
    emit errorChanged();
}

void Session::setBusy(bool busy)
{
    const bool before = this->busy();
    m_busy += busy ? 1 : -1;
    if (before != this->busy())
        emit busyChanged();
}

void Session::setUser(const User &user)
{
    m_user = user;
    m_board.setMe(user.id);
    emit userChanged();
}

void Session::forgetSession()
{
    m_token.clear();
    m_settings->remove(u"session/token"_s);
    m_challengeId.clear();
    m_score = 0;
    m_rank = 0;
    emit standingChanged();
    setUser({});
}

void Session::startResendCountdown(int seconds)
{
    m_resendSeconds = seconds;
    emit resendSecondsChanged();
    if (seconds > 0)
        m_resendTimer.start();
}

QString Session::passwordProblem(
    const QString &password, const QString &email, const QString &displayName) const
{
    if (password.isEmpty())
        return {};
    const auto problem = checkPassword(password, normalizeEmail(email), displayName.trimmed());
    return problem ? problem->message : QString();
}

void Session::signUp(const QString &email, const QString &displayName, const QString &password)
{
    clearError();
    const SignupRequest request { normalizeEmail(email), password, displayName.trimmed() };
    setBusy(true);
    send(MessageType::AuthSignup, request.toJson(),
        [this, email = request.email](const Reply &reply) {
            setBusy(false);
            if (!reply.ok) {
                setError(reply.error);
                return;
            }
            m_pendingEmail = email;
            emit pendingEmailChanged();
            startResendCountdown(kResendSeconds);
            emit codeSent();
        });
}

void Session::verify(const QString &code)
{
    clearError();
    setBusy(true);
    send(MessageType::AuthVerify,
        QJsonObject { { u"email"_s, m_pendingEmail }, { u"code"_s, code.trimmed() } },
        [this](const Reply &reply) {
            setBusy(false);
            if (!reply.ok) {
                setError(reply.error);
                return;
            }
            emit verified();
        });
}

void Session::resend()
{
    clearError();
    setBusy(true);
    send(MessageType::AuthResend, ResendRequest { m_pendingEmail }.toJson(),
        [this](const Reply &reply) {
            setBusy(false);
            if (!reply.ok) {
                setError(reply.error);
                if (reply.error.code == ErrorCode::RateLimited)
                    startResendCountdown(int((reply.error.retryAfterMs + 999) / 1000));
                return;
            }
            startResendCountdown(kResendSeconds);
            emit codeSent();
        });
}

void Session::logIn(const QString &email, const QString &password)
{
    clearError();
    setBusy(true);
    const LoginRequest request { normalizeEmail(email), password, m_deviceId,
        QSysInfo::machineHostName().left(limits::DeviceNameMax) };
    send(MessageType::AuthLogin, request.toJson(), [this](const Reply &reply) {
        setBusy(false);
        if (!reply.ok) {
            setError(reply.error);
            return;
        }
        auto parsed = LoginReply::fromJson(reply.data);
        if (!std::holds_alternative<LoginReply>(parsed)) {
            setError(std::get<Error>(parsed));
            return;
        }
        const LoginReply &login = std::get<LoginReply>(parsed);
        m_token = login.token;
        m_settings->setValue(u"session/token"_s, m_token);
        setUser(login.user);
        refreshStanding();
        fetchChallenge();
    });
}

void Session::logOut()
{
    send(MessageType::AuthLogout, {}, [](const Reply &) {});
    forgetSession();
}

void Session::refreshStanding()
{
    send(MessageType::LeaderboardMe, {}, [this](const Reply &reply) {
        if (!reply.ok)
            return;
        if (auto me = MeReply::fromJson(reply.data); std::holds_alternative<MeReply>(me)) {
            const MeReply &standing = std::get<MeReply>(me);
            if (standing.score != m_score || standing.rank != m_rank) {
                m_score = standing.score;
                m_rank = standing.rank;
                emit standingChanged();
            }
        }
    });
}

void Session::fetchChallenge()
{
    if (m_fetchingChallenge || !loggedIn() || !m_challengeId.isEmpty())
        return;
    m_fetchingChallenge = true;
    send(MessageType::ScoreChallenge, {}, [this](const Reply &reply) {
        m_fetchingChallenge = false;
        if (!reply.ok) {
            if (reply.error.code != ErrorCode::Internal)
                setError(reply.error);
            m_actWhenReady = false;
            return;
        }
        auto parsed = ChallengeReply::fromJson(reply.data);
        if (!std::holds_alternative<ChallengeReply>(parsed))
            return;
        const ChallengeReply &challenge = std::get<ChallengeReply>(parsed);
        m_challengeId = challenge.challengeId;
        m_challengeDueMs = nowMs() + challenge.notBeforeMs;
        if (std::exchange(m_actWhenReady, false))
            act();
    });
}

void Session::act()
{
    if (!loggedIn()) {
        setError(Error { ErrorCode::NotAuthenticated, {}, 0, {} });
        return;
    }
    if (m_challengeId.isEmpty()) {
        m_actWhenReady = true;
        fetchChallenge();
        return;
    }
    if (const qint64 wait = m_challengeDueMs - nowMs(); wait > 0) {
        if (!std::exchange(m_actWhenReady, true))
            QTimer::singleShot(int(wait), this, [this] {
                if (std::exchange(m_actWhenReady, false))
                    act();
            });
        return;
    }
    const QString challengeId = std::exchange(m_challengeId, QString());
    setBusy(true);
    send(MessageType::ScoreAction, ActionRequest { challengeId }.toJson(),
        [this](const Reply &reply) {
            setBusy(false);
            if (!reply.ok) {
                if (reply.error.code != ErrorCode::Internal)
                    setError(reply.error);
                fetchChallenge();
                return;
            }
            clearError();
            if (auto parsed = ActionReply::fromJson(reply.data);
                std::holds_alternative<ActionReply>(parsed)) {
                const ActionReply &action = std::get<ActionReply>(parsed);
                m_score = action.score;
                m_rank = action.rank;
                emit standingChanged();
                emit actionAccepted(action.delta, action.score, action.rank);
            }
            fetchChallenge();
        });
}

QString Session::messageFor(ErrorCode code, const QString &serverMessage)
{
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
    }
    return serverMessage;
}

} // namespace scoreboard::client
