#pragma once

#include "consolesession.h"
#include "session.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::test {

/**
 * @brief The player's real Session for the screen tests: it never connects; its requests are
 * recorded in `calls` ({name, args}) instead of being sent, and the state the screens read is
 * writable here (the properties are declared again with a WRITE), so a test sets it directly.
 * `boardRows` fills the real board model ([{rank, userId, displayName, score}]).
 */
class SessionDouble : public client::Session
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList calls READ calls NOTIFY callsChanged)
    Q_PROPERTY(bool loggedIn READ loggedIn WRITE setLoggedIn NOTIFY userChanged)
    Q_PROPERTY(double userId READ userId WRITE setUserId NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName WRITE setDisplayName NOTIFY userChanged)
    Q_PROPERTY(
        QString pendingEmail READ pendingEmail WRITE setPendingEmail NOTIFY pendingEmailChanged)
    Q_PROPERTY(double score READ score WRITE setScore NOTIFY standingChanged)
    Q_PROPERTY(double rank READ rank WRITE setRank NOTIFY standingChanged)
    Q_PROPERTY(bool busy READ busy WRITE setBusyState NOTIFY busyChanged)
    Q_PROPERTY(
        int resendSeconds READ resendSeconds WRITE setResendSeconds NOTIFY resendSecondsChanged)
    Q_PROPERTY(QVariantList boardRows READ boardRows WRITE setBoardRows)
    /// The events as `events.subscribe` sends them ([{slug, title, state, actions, …}]).
    Q_PROPERTY(QVariantList eventList READ eventList WRITE setEventList)
public:
    explicit SessionDouble(QObject *parent = nullptr);

    QVariantList calls() const { return m_calls; }
    void setLoggedIn(bool loggedIn);
    void setUserId(double id);
    void setDisplayName(const QString &name);
    void setScore(double score) { setStanding(qint64(score), rank()); }
    void setRank(double rank) { setStanding(score(), qint64(rank)); }
    void setBusyState(bool busy);
    QVariantList boardRows() const { return m_boardRows; }
    void setBoardRows(const QVariantList &rows);
    QVariantList eventList() const { return m_eventList; }
    void setEventList(const QVariantList &events);
    void selectEvent(const QString &slug) override;
    /// @brief Records the call and asks for the page (standingsRequested).
    void loadStandings(const QString &slug, int season, double offset) override;
    /// @brief Shows a `leaderboard.page` reply in `standings`, as the page at @p offset.
    Q_INVOKABLE void showStandings(const QJsonObject &page, double offset);

    void logIn(const QString &email, const QString &password) override;
    void logOut() override;
    void signUp(const QString &email, const QString &displayName, const QString &password) override;
    void verify(const QString &code) override;
    void resend() override;
    void act(const QString &kind = {}) override;
    /// @brief A stand-in rule: at least 10 characters, not the e-mail address.
    QString passwordProblem(
        const QString &password, const QString &email, const QString &displayName) const override;

signals:
    void callsChanged();
    void standingsRequested(const QString &slug, int season, double offset);

private:
    void record(const QString &name, const QVariantList &args = {});

    QVariantList m_calls;
    QVariantList m_boardRows;
    QVariantList m_eventList;
};

/**
 * @brief The console's real ConsoleSession for the screen tests: it never connects; decisions and
 * requests are recorded in `calls` ({name, args}); `loggedIn` and `errorMessage` are writable.
 * The real models are fed with protocol JSON: showFlags() fills the queue, and openPlayer()
 * asks the test for the player's page (playerRequested), which it hands to showPlayer().
 */
class ConsoleSessionDouble : public console::ConsoleSession
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList calls READ calls NOTIFY callsChanged)
    Q_PROPERTY(bool loggedIn READ loggedIn WRITE setLoggedIn NOTIFY userChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage WRITE setErrorMessage NOTIFY errorChanged)
    /// The events as `events.subscribe` sends them ([{slug, title, state, actions, …}]).
    Q_PROPERTY(QVariantList eventList READ eventList WRITE setEventList)
public:
    explicit ConsoleSessionDouble(QObject *parent = nullptr);

    QVariantList calls() const { return m_calls; }
    /// @brief Logged in as a checker (checker@example.org, "Checker"), or logged out.
    void setLoggedIn(bool loggedIn);
    void setErrorMessage(const QString &message);
    QVariantList eventList() const { return m_eventList; }
    void setEventList(const QVariantList &events);
    /// @brief Logged in as an admin (admin@example.org, "Admin").
    Q_INVOKABLE void logInAsAdmin();
    /// @brief Shows a `leaderboard.page` reply in `standings`, as the page at @p offset.
    Q_INVOKABLE void showStandings(const QJsonObject &page, double offset);

    /// @brief Fills the flag queue from `flag` objects as the server sends them.
    Q_INVOKABLE void showFlags(const QJsonArray &flags);
    /// @brief Fills the player model from an `admin.user` reply.
    Q_INVOKABLE void showPlayer(const QJsonObject &page);

    void logIn(const QString &email, const QString &password) override;
    void logOut() override;
    void approve(qint64 flagId, const QString &reason = {}) override;
    void reverse(qint64 flagId, const QString &reason) override;
    void reverseIncrement(qint64 incrementId, const QString &reason) override;
    void flagIncrement(qint64 incrementId, const QString &reason) override;
    void suspend(qint64 userId, const QString &reason) override;
    void unsuspend(qint64 userId, const QString &reason) override;
    /// @brief Records the call and asks for the page (playerRequested).
    void openPlayer(qint64 userId) override;
    void refreshAudit() override;
    void saveEvent(const QVariantMap &form, bool isNew) override;
    void openEvent(const QString &slug, const QString &reason) override;
    void closeEvent(const QString &slug, const QString &reason) override;
    void exportResults(const QString &slug, int season, const QString &path) override;
    /// @brief Records the call and asks for the page (standingsRequested).
    void loadStandings(const QString &slug, int season, double offset) override;

signals:
    void callsChanged();
    void playerRequested(double userId);
    void standingsRequested(const QString &slug, int season, double offset);

private:
    void record(const QString &name, const QVariantList &args = {});

    QVariantList m_calls;
    QVariantList m_eventList;
};

} // namespace scoreboard::test
