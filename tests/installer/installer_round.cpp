// installer_round: one sign-up-and-action round against a running server, over the protocol,
// as a player would do it; used by the package test (test_packages.sh) on the installed server.
//
//   installer_round --url ws://127.0.0.1:PORT/ws --mail-dir DIR [--points N]
//                   [--staff-email E]   (password in SCOREBOARD_STAFF_PASSWORD)
//
// Signs a new player up, reads the code from the server's mail folder, verifies, logs in,
// takes a challenge and redeems it, and checks the score and the live board. With
// --staff-email it also logs that account in through the console's staff-only login and reads
// the player's page (proving `add-staff` wrote to the database the server uses).
// Prints one line per step; exit code 0 when every step passed. Never prints codes or passwords.
#include "messages.h"
#include "protocol.h"
#include "testclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace scoreboard::protocol;
using scoreboard::test::TestClient;

namespace {

bool step(bool ok, const QString &what)
{
    std::fprintf(stdout, "%s %s\n", ok ? "ok  " : "FAIL", qPrintable(what));
    std::fflush(stdout);
    return ok;
}

QString describe(const std::optional<Reply> &reply)
{
    if (!reply)
        return u"no reply"_s;
    if (reply->ok)
        return u"ok"_s;
    return u"error %1: %2"_s.arg(errorCodeName(reply->error.code), reply->error.message);
}

int run(const QUrl &url, const QString &mailDir, qint64 points, const QString &staffEmail)
{
    const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString email = u"player-%1@example.org"_s.arg(stamp);
    const QString name = u"Packaged %1"_s.arg(stamp.right(6));
    const QString password = u"installed and working %1"_s.arg(stamp);

    TestClient player(url);
    if (!step(player.open(), u"WebSocket connected to %1"_s.arg(url.toString())))
        return 1;

    auto reply
        = player.request(MessageType::AuthSignup, SignupRequest { email, password, name }.toJson());
    if (!step(reply && reply->ok, u"auth.signup %1: %2"_s.arg(email, describe(reply))))
        return 1;

    QString code;
    const bool mailed = QTest::qWaitFor(
        [&] { return !(code = scoreboard::test::codeFromMailDir(mailDir, email)).isEmpty(); },
        10000);
    if (!step(mailed, u"code mailed to %1 (read from %2)"_s.arg(email, mailDir)))
        return 1;

    reply = player.request(MessageType::AuthVerify, VerifyRequest { email, code }.toJson());
    if (!step(reply && reply->ok, u"auth.verify: %1"_s.arg(describe(reply))))
        return 1;

    reply = player.request(MessageType::AuthLogin,
        LoginRequest { email, password, u"installer-test"_s, u"package test"_s }.toJson());
    if (!step(reply && reply->ok, u"auth.login: %1"_s.arg(describe(reply))))
        return 1;
    const auto login = LoginReply::fromJson(reply->data);
    if (!step(std::holds_alternative<LoginReply>(login), u"auth.login reply parses"_s))
        return 1;
    const qint64 userId = std::get<LoginReply>(login).user.id;

    reply = player.request(MessageType::ScoreChallenge);
    if (!step(reply && reply->ok, u"score.challenge: %1"_s.arg(describe(reply))))
        return 1;
    const auto challenge = ChallengeReply::fromJson(reply->data);
    if (!step(std::holds_alternative<ChallengeReply>(challenge), u"challenge parses"_s))
        return 1;
    QTest::qWait(int(std::get<ChallengeReply>(challenge).notBeforeMs) + 20);

    reply = player.request(MessageType::ScoreAction,
        ActionRequest { std::get<ChallengeReply>(challenge).challengeId }.toJson());
    if (!step(reply && reply->ok, u"score.action: %1"_s.arg(describe(reply))))
        return 1;
    const auto action = ActionReply::fromJson(reply->data);
    if (!step(std::holds_alternative<ActionReply>(action), u"action reply parses"_s))
        return 1;
    const auto &done = std::get<ActionReply>(action);
    if (!step(done.delta == points && done.score == points,
            u"action counted: delta %1, score %2 (expected %3)"_s.arg(done.delta)
                .arg(done.score)
                .arg(points)))
        return 1;

    // A second socket watches the live board, as the page and the apps do.
    TestClient viewer(url);
    if (!step(viewer.open(), u"viewer connected"_s))
        return 1;
    reply = viewer.request(MessageType::LeaderboardSubscribe, SubscribeRequest {}.toJson());
    if (!step(reply && reply->ok, u"leaderboard.subscribe: %1"_s.arg(describe(reply))))
        return 1;
    // The reply is the board as it stands; later boards come as `leaderboard` events.
    auto shows = [&](const QJsonObject &data) {
        const auto board = Leaderboard::fromJson(data);
        if (!std::holds_alternative<Leaderboard>(board))
            return false;
        for (const auto &entry : std::get<Leaderboard>(board).top) {
            if (entry.userId == userId && entry.score == points)
                return true;
        }
        return false;
    };
    bool onBoard = shows(reply->data);
    for (int i = 0; i < 20 && !onBoard; ++i) {
        const auto event = viewer.waitEvent(EventType::Leaderboard, 5000);
        if (!event)
            break;
        onBoard = shows(event->data);
    }
    if (!step(onBoard, u"the live board shows %1 with %2 points"_s.arg(name).arg(points)))
        return 1;

    if (!staffEmail.isEmpty()) {
        const QString staffPassword = qEnvironmentVariable("SCOREBOARD_STAFF_PASSWORD");
        TestClient staff(url);
        if (!step(staff.open(), u"staff socket connected"_s))
            return 1;
        LoginRequest staffLogin { staffEmail, staffPassword, u"installer-console"_s, {} };
        staffLogin.staffOnly = true;
        reply = staff.request(MessageType::AuthLogin, staffLogin.toJson());
        const bool admin = reply && reply->ok
            && std::holds_alternative<LoginReply>(LoginReply::fromJson(reply->data))
            && std::get<LoginReply>(LoginReply::fromJson(reply->data)).user.role == Role::Admin;
        if (!step(admin,
                u"staff login of %1 (made by add-staff) as admin: %2"_s.arg(
                    staffEmail, describe(reply))))
            return 1;
        reply = staff.request(MessageType::AdminUser, UserRequest { userId }.toJson());
        const bool profile = reply && reply->ok
            && std::holds_alternative<PlayerProfile>(PlayerProfile::fromJson(reply->data))
            && std::get<PlayerProfile>(PlayerProfile::fromJson(reply->data)).score == points;
        if (!step(profile, u"admin.user shows the player's score: %1"_s.arg(describe(reply))))
            return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"One sign-up-and-action round against a server."_s);
    parser.addHelpOption();
    parser.addOptions({
        { u"url"_s, u"WebSocket URL, e.g. ws://127.0.0.1:8080/ws."_s, u"url"_s },
        { u"mail-dir"_s, u"The server's mail folder (.eml files)."_s, u"dir"_s },
        { u"points"_s, u"Expected points per action (default 10)."_s, u"n"_s, u"10"_s },
        { u"staff-email"_s,
            u"Also log this staff account in (password in "
            "SCOREBOARD_STAFF_PASSWORD)."_s,
            u"email"_s },
    });
    parser.process(app);
    const QUrl url(parser.value(u"url"_s));
    if (!url.isValid() || parser.value(u"mail-dir"_s).isEmpty()) {
        std::fprintf(stderr, "installer_round: --url and --mail-dir are required\n");
        return 2;
    }
    const int result = run(url, parser.value(u"mail-dir"_s), parser.value(u"points"_s).toLongLong(),
        parser.value(u"staff-email"_s));
    std::fprintf(stdout, "%s\n", result == 0 ? "round passed" : "round FAILED");
    return result;
}
