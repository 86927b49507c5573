#pragma once

#include "app/server.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "messages.h"
#include "store/storeexecutor.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace scoreboard::test {

/// @brief A config for an in-process test server on a free loopback port, with address-level
/// rate limits raised so that many tests from 127.0.0.1 do not trip them.
inline server::ServerConfig testConfig(const QString &dataDir)
{
    server::ServerConfig config;
    config.listen = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = dataDir;
    config.mail.mailDir = dataDir + QStringLiteral("/mail");
    const server::RateRule generous { 10'000, 1 };
    config.auth.limits.signupPerAddress = generous;
    config.auth.limits.verifyPerAddress = generous;
    config.auth.limits.resendPerAddress = generous;
    config.auth.limits.loginPerAddress = generous;
    return config;
}

/// @brief Owns a temporary data folder and a started server.
struct RunningServer
{
    explicit RunningServer(server::ServerConfig config)
    {
        server = std::make_unique<server::Server>(std::move(config));
        started = server->start(&error);
    }
    QUrl wsUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server->port())); }
    QUrl httpUrl(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server->port()).arg(path));
    }
    QString mailDir() const { return server->config().mail.mailDir; }
    std::unique_ptr<TestClient> client(const QString &origin = {})
    {
        auto c = std::make_unique<TestClient>(wsUrl(), origin);
        if (!c->open())
            return nullptr;
        return c;
    }

    std::unique_ptr<server::Server> server;
    bool started = false;
    QString error;
};

/// @brief A logged-in player socket.
struct TestPlayer
{
    std::unique_ptr<TestClient> client;
    qint64 userId = 0;
    QString email;
    server::Clock *clock = nullptr; ///< of the server it signed up on (valid while that runs)
};

/// @brief Signs up, verifies (code from the mail folder) and logs in @p name; userId 0 on failure.
inline TestPlayer signUpPlayer(RunningServer &server, const QString &name,
    const QString &password = QStringLiteral("correct horse battery"))
{
    using namespace scoreboard::protocol;
    TestPlayer p;
    p.email = name.toLower() + QStringLiteral("@example.org");
    p.clock = &server.server->clock();
    p.client = server.client();
    if (!p.client)
        return p;
    if (!p.client
             ->request(MessageType::AuthSignup, SignupRequest { p.email, password, name }.toJson())
             ->ok)
        return p;
    QString code;
    [[maybe_unused]] const bool mailed = QTest::qWaitFor(
        [&] { return !(code = codeFromMailDir(server.mailDir(), p.email)).isEmpty(); }, 5000);
    if (!p.client->request(MessageType::AuthVerify, VerifyRequest { p.email, code }.toJson())->ok)
        return p;
    const auto login = p.client->request(MessageType::AuthLogin,
        LoginRequest { p.email, password, QStringLiteral("dev-") + name, {} }.toJson());
    if (login && login->ok)
        p.userId = login->data.value(QStringLiteral("user"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toInteger();
    return p;
}

/// @brief Requests a challenge (in @p event for @p action; both empty: as a v1 client, in
/// `main`), lets it fall due, redeems it; returns the action's reply. On a server whose clock is
/// manual (Clock::setManual()) the challenge delay passes by moving that clock, otherwise by
/// waiting for it.
inline std::optional<protocol::Reply> performAction(
    TestPlayer &p, const QString &event = {}, const QString &action = {})
{
    using namespace scoreboard::protocol;
    const auto challenge = p.client->request(
        MessageType::ScoreChallenge, ChallengeRequest { event, action }.toJson());
    if (!challenge || !challenge->ok)
        return challenge;
    const auto parsed = std::get<ChallengeReply>(ChallengeReply::fromJson(challenge->data));
    if (p.clock && p.clock->isManual())
        p.clock->advance(parsed.notBeforeMs);
    else
        QTest::qWait(int(parsed.notBeforeMs) + 5);
    return p.client->request(
        MessageType::ScoreAction, ActionRequest { parsed.challengeId }.toJson());
}

/// @brief Acts every intervalMs() on the server's manual @p clock, @p count times: each action is
/// redeemed exactly intervalMs() of server time after the previous one, as a scripted player
/// would send them, whatever the round trips cost on a loaded machine (and without waiting for
/// that time to pass).
inline bool actEvery(
    server::Clock &clock, TestPlayer &p, int count, const std::function<int()> &intervalMs)
{
    using namespace scoreboard::protocol;
    for (int i = 0; i < count; ++i) {
        const auto challenge = p.client->request(MessageType::ScoreChallenge);
        if (!challenge || !challenge->ok)
            return false;
        clock.advance(intervalMs());
        const auto reply = p.client->request(MessageType::ScoreAction,
            ActionRequest { challenge->data.value(QStringLiteral("challengeId")).toString() }
                .toJson());
        if (!reply || !reply->ok)
            return false;
    }
    return true;
}

/// @brief Takes board events from @p client until one satisfies @p done (empty on timeout).
inline std::optional<protocol::Leaderboard> waitForBoard(TestClient &client,
    const std::function<bool(const protocol::Leaderboard &)> &done, int timeoutMs = 5000)
{
    using namespace scoreboard::protocol;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const auto event
            = client.waitEvent(EventType::Leaderboard, int(timeoutMs - timer.elapsed()));
        if (!event)
            break;
        auto board = Leaderboard::fromJson(event->data);
        if (std::holds_alternative<Leaderboard>(board) && done(std::get<Leaderboard>(board)))
            return std::get<Leaderboard>(board);
    }
    return std::nullopt;
}

/// @brief The score @p board shows for @p userId, or -1 when they are not on it.
inline qint64 scoreOf(const protocol::Leaderboard &board, qint64 userId)
{
    for (const auto &row : board.top) {
        if (row.userId == userId)
            return row.score;
    }
    return -1;
}

/// @brief A new player who has acted, and a socket watching the board that showed it.
struct PlayerOnBoard
{
    std::unique_ptr<TestClient> viewer; ///< subscribed to the board (top 10)
    TestPlayer player;
    qint64 firstIncrementId = 0; ///< the first action's increment; 0 when a step failed
};

/// @brief Subscribes a viewer to @p server's board, signs up @p name, performs @p actions actions
/// and waits until the viewer's board shows @p boardScore for the player. firstIncrementId is 0
/// when a step failed (the sign-up, an action, or the board never showed that score).
inline PlayerOnBoard playerOnBoard(
    RunningServer &server, const QString &name, int actions, qint64 boardScore)
{
    using namespace scoreboard::protocol;
    PlayerOnBoard out;
    out.viewer = server.client();
    if (!out.viewer || !out.viewer->request(MessageType::LeaderboardSubscribe)->ok)
        return out;
    out.player = signUpPlayer(server, name);
    qint64 first = 0;
    for (int i = 0; i < actions; ++i) {
        const auto action = performAction(out.player);
        if (!action || !action->ok)
            return out;
        if (i == 0)
            first = action->data.value(QStringLiteral("incrementId")).toInteger();
    }
    const qint64 userId = out.player.userId;
    if (waitForBoard(*out.viewer,
            [&](const Leaderboard &board) { return scoreOf(board, userId) == boardScore; }))
        out.firstIncrementId = first;
    return out;
}

/// @brief Creates a verified staff account directly in the store (as `add-staff` does).
inline qint64 createStaff(RunningServer &server, const QString &email, protocol::Role role,
    const QString &password = QStringLiteral("staff pass phrase"))
{
    const server::crypto::PasswordHasher hasher(2, 19, 1);
    server::UserRecord user;
    user.email = email;
    user.displayName = email.section(QLatin1Char('@'), 0, 0);
    user.passwordHash = hasher.hashNow(password);
    user.role = role;
    user.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    user.verifiedAtMs = user.createdAtMs;
    const auto id
        = server.server->store().runAndWait([&](server::Store &s) { return s.insertUser(user); });
    return id.ok() ? *id.value : 0;
}

/// @brief A staff account created with createStaff() and logged in on a new socket (or null).
inline std::unique_ptr<TestClient> loggedInStaff(
    RunningServer &server, const QString &email, protocol::Role role)
{
    using namespace scoreboard::protocol;
    if (createStaff(server, email, role) == 0)
        return nullptr;
    auto client = server.client();
    const auto login = client->request(MessageType::AuthLogin,
        LoginRequest {
            email, QStringLiteral("staff pass phrase"), QStringLiteral("console-") + email, {} }
            .toJson());
    if (!login || !login->ok)
        return nullptr;
    return client;
}

} // namespace scoreboard::test
