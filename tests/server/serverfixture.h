#pragma once

#include "server.h"
#include "testclient.h"

#include <QTemporaryDir>
#include <QTest>

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
    config.limits.signupPerAddress = generous;
    config.limits.verifyPerAddress = generous;
    config.limits.resendPerAddress = generous;
    config.limits.loginPerAddress = generous;
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

} // namespace scoreboard::test
