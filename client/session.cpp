#include "session.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace scoreboard::client {

using namespace scoreboard::protocol;

namespace {

constexpr int kResendSeconds = 60;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

Session::Session(const QString &settingsFile, QObject *parent)
    : AbstractSession(
        Options {
            {},
            Audience::Players,
            {},
            tr("You signed in on another device, so this one was signed out."),
            tr("This account has been suspended by the score-check team."),
            2,
        },
        settingsFile, parent)
{
    m_resendTimer.setInterval(1000);
    connect(&m_resendTimer, &QTimer::timeout, this, [this] {
        setResendSeconds(std::max(0, m_resendSeconds - 1));
        if (m_resendSeconds == 0)
            m_resendTimer.stop();
    });
}

Session::~Session() = default;

void Session::setPendingEmail(const QString &email)
{
    if (email == m_pendingEmail)
        return;
    m_pendingEmail = email;
    emit pendingEmailChanged();
}

void Session::setStanding(qint64 score, qint64 rank)
{
    if (score == m_score && rank == m_rank)
        return;
    m_score = score;
    m_rank = rank;
    emit standingChanged();
}

void Session::setResendSeconds(int seconds)
{
    if (seconds == m_resendSeconds)
        return;
    m_resendSeconds = seconds;
    emit resendSecondsChanged();
}

void Session::startResendCountdown(int seconds)
{
    setResendSeconds(seconds);
    if (seconds > 0)
        m_resendTimer.start();
}

void Session::signedIn()
{
    refreshStanding();
    fetchChallenge();
}

void Session::signingOut()
{
    m_challengeId.clear();
    m_around.clear();
    setStanding(0, 0);
}

void Session::connectionLost(quint16)
{
    m_challengeId.clear();
    m_fetchingChallenge = false;
}

void Session::eventReceived(const Event &event)
{
    if (event.type != EventType::RankChanged)
        return;
    auto parsed = RankChanged::fromJson(event.data);
    const auto *change = std::get_if<RankChanged>(&parsed);
    if (change && change->event == currentEvent() && change->overtakenBy)
        emit overtaken(change->overtakenBy->displayName, change->rank);
}

void Session::boardReceived(const Leaderboard &board)
{
    if (board.me) {
        m_around.setMe(userId());
        m_around.apply(Leaderboard { board.version, board.me->around, board.event, board.season, {} });
        setStanding(board.me->score, board.me->rank);
    } else if (loggedIn()) {
        refreshStanding();
    }
}

void Session::eventSelected()
{
    m_challengeId.clear();
    m_around.clear();
    setStanding(0, 0);
    if (loggedIn())
        refreshStanding();
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
    const SignupRequest request { normalizeEmail(email), password, displayName.trimmed() };
    call(MessageType::AuthSignup, request.toJson(),
        [this, email = request.email](const QJsonObject &) {
            setPendingEmail(email);
            startResendCountdown(kResendSeconds);
            emit codeSent();
        });
}

void Session::verify(const QString &code)
{
    call(MessageType::AuthVerify,
        QJsonObject { { u"email"_s, m_pendingEmail }, { u"code"_s, code.trimmed() } },
        [this](const QJsonObject &) { emit verified(); });
}

void Session::resend()
{
    call(
        MessageType::AuthResend, ResendRequest { m_pendingEmail }.toJson(),
        [this](const QJsonObject &) {
            startResendCountdown(kResendSeconds);
            emit codeSent();
        },
        [this](const Error &error) {
            setError(error);
            if (error.code == ErrorCode::RateLimited)
                startResendCountdown(int((error.retryAfterMs + 999) / 1000));
        });
}

void Session::refreshStanding()
{
    send(MessageType::LeaderboardMe, MeRequest { currentEvent() }.toJson(), [this](const Reply &reply) {
        if (!reply.ok)
            return;
        if (auto me = MeReply::fromJson(reply.data); std::holds_alternative<MeReply>(me))
            setStanding(std::get<MeReply>(me).score, std::get<MeReply>(me).rank);
    });
}

void Session::fetchChallenge()
{
    if (m_fetchingChallenge || !loggedIn() || !m_challengeId.isEmpty())
        return;
    m_fetchingChallenge = true;
    send(MessageType::ScoreChallenge, ChallengeRequest { currentEvent(), m_kind }.toJson(),
        [this, kind = m_kind, event = currentEvent()](const Reply &reply) {
        m_fetchingChallenge = false;
        if (event != currentEvent())
            return; // the player moved to another event meanwhile
        if (!reply.ok) {
            if (reply.error.code != ErrorCode::Internal)
                setError(reply.error);
            m_actWhenReady = false;
            return;
        }
        auto parsed = ChallengeReply::fromJson(reply.data);
        if (!std::holds_alternative<ChallengeReply>(parsed))
            return;
        if (kind != m_kind) { // fetched for another kind than the player now plays
            fetchChallenge();
            return;
        }
        const ChallengeReply &challenge = std::get<ChallengeReply>(parsed);
        m_challengeId = challenge.challengeId;
        m_challengeDueMs = nowMs() + challenge.notBeforeMs;
        if (std::exchange(m_actWhenReady, false))
            act(m_kind);
    });
}

void Session::act(const QString &kind)
{
    if (!loggedIn()) {
        setError(Error { ErrorCode::NotAuthenticated, {}, 0, {} });
        return;
    }
    if (kind != m_kind) {
        m_kind = kind;
        m_challengeId.clear(); // the one fetched ahead was for another kind
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
                    act(m_kind);
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
                setStanding(action.score, action.rank);
                emit actionAccepted(action.delta, action.score, action.rank);
            }
            fetchChallenge();
        });
}

} // namespace scoreboard::client
