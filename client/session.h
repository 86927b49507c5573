#pragma once

#include "abstractsession.h"

#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::client {

/**
 * @brief The player's session: on top of what both apps share (connection, log-in, the live
 * board; see app::AbstractSession) the account flow (sign up, code, resend), the action, and the
 * player's own score and rank.
 */
class Session : public scoreboard::app::AbstractSession
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes its session")
    Q_PROPERTY(QString pendingEmail READ pendingEmail NOTIFY pendingEmailChanged)
    // qint64 values are double properties: Qt 6.4's QML tooling knows no qlonglong.
    Q_PROPERTY(double score READ score NOTIFY standingChanged)
    Q_PROPERTY(double rank READ rank NOTIFY standingChanged)
    Q_PROPERTY(int resendSeconds READ resendSeconds NOTIFY resendSecondsChanged)
    /// The player's own row and two neighbours on each side, on the current event's board.
    Q_PROPERTY(scoreboard::app::LeaderboardModel *around READ around CONSTANT)
public:
    /// @param settingsFile an INI file for the settings (tests); empty uses the app's defaults.
    explicit Session(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~Session() override;

    QString pendingEmail() const { return m_pendingEmail; }
    qint64 score() const { return m_score; }
    qint64 rank() const { return m_rank; }
    int resendSeconds() const { return m_resendSeconds; }
    app::LeaderboardModel *around() { return &m_around; }

    Q_INVOKABLE virtual void signUp(
        const QString &email, const QString &displayName, const QString &password);
    /// @brief Confirms the pending e-mail address with the code it received.
    Q_INVOKABLE virtual void verify(const QString &code);
    Q_INVOKABLE virtual void resend();
    /// @brief The player's action: redeems a challenge (fetched ahead) for points, in the
    /// current event, of the kind @p kind (empty: the event's first).
    Q_INVOKABLE virtual void act(const QString &kind = {});
    /// @brief What is wrong with @p password (empty when it is acceptable), for a strength hint.
    Q_INVOKABLE virtual QString passwordProblem(
        const QString &password, const QString &email, const QString &displayName) const;

signals:
    void pendingEmailChanged();
    void standingChanged();
    void resendSecondsChanged();
    /// @brief A code was mailed to pendingEmail.
    void codeSent();
    /// @brief The pending address is confirmed; the player can log in.
    void verified();
    /// @brief An action was accepted.
    void actionAccepted(qint64 delta, qint64 score, qint64 rank);
    /// @brief Another player moved past this one on the current event's board.
    void overtaken(const QString &byName, qint64 rank);

protected:
    void setPendingEmail(const QString &email);
    void setStanding(qint64 score, qint64 rank);
    /// @brief Shows @p seconds until a resend is allowed, without counting down.
    void setResendSeconds(int seconds);

    void signedIn() override;
    void signingOut() override;
    void connectionLost(quint16 closeCode) override;
    void eventReceived(const protocol::Event &event) override;
    void boardReceived(const protocol::Leaderboard &board) override;
    void eventSelected() override;

private:
    void fetchChallenge();
    void refreshStanding();
    void startResendCountdown(int seconds);

    QTimer m_resendTimer;
    QString m_pendingEmail;
    qint64 m_score = 0;
    qint64 m_rank = 0;
    int m_resendSeconds = 0;
    app::LeaderboardModel m_around;
    QString m_challengeId;
    QString m_kind; ///< the kind the next action is
    qint64 m_challengeDueMs = 0;
    bool m_actWhenReady = false;
    bool m_fetchingChallenge = false;
};

} // namespace scoreboard::client
