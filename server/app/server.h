#pragma once

#include "core/clock.h"
#include "app/serverconfig.h"

#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <memory>

namespace scoreboard::server {

class AdminService;
class Cluster;
class AuthService;
class Metrics;
class ScoreService;
class EventService;
class FrontDoor;
class HttpApi;
class Gateway;
class Mailer;
class StoreExecutor;
namespace crypto {
class PasswordHasher;
}

/**
 * @brief The whole scoreboard server: one port for HTTP and WebSocket, the store, mail and the
 * services, wired together. `main.cpp` and the tests create exactly this.
 */
class Server final : public QObject
{
    Q_OBJECT
public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    ~Server() override;

    /// @brief Opens the data folder and the store, then listens. On failure returns false with
    /// a reason a person can act on.
    bool start(QString *error);
    /// @brief Reads the TLS certificate and key files again (on SIGHUP): new connections use
    /// them, open ones keep theirs. On failure the old ones stay, and @p error says why.
    bool reloadTls(QString *error);
    /// @brief The port actually listened on (useful with port 0).
    quint16 port() const;
    QString pageUrl() const;
    const ServerConfig &config() const { return m_config; }

    /// @brief Time source for expiries and rate limits (tests move it forward).
    Clock &clock() { return m_clock; }
    Gateway &gateway() { return *m_gateway; }
    Mailer &mailer() { return *m_mailer; }
    StoreExecutor &store() { return *m_store; }
    ScoreService &scores() { return *m_scores; }
    EventService &events() { return *m_events; }
    AuthService &auth() { return *m_auth; }
    /// @brief The password hasher (tests pause it to fill its queue).
    crypto::PasswordHasher &hasher() { return *m_hasher; }
    Metrics &metrics() { return *m_metrics; }
    /// @brief Keeps this node in step with others on PostgreSQL (null on SQLite).
    Cluster *cluster() { return m_cluster.get(); }
    const QString &nodeId() const { return m_nodeId; }

private:
    ServerConfig m_config;
    Clock m_clock;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<StoreExecutor> m_store;
    std::unique_ptr<crypto::PasswordHasher> m_hasher;
    std::unique_ptr<Mailer> m_mailer;
    std::unique_ptr<Gateway> m_gateway;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<ScoreService> m_scores;
    std::unique_ptr<EventService> m_events;
    std::unique_ptr<AdminService> m_admin;
    std::unique_ptr<Cluster> m_cluster;
    QString m_nodeId;
    std::unique_ptr<HttpApi> m_http;
    FrontDoor *m_door = nullptr;
    QTimer m_healthCheck;
};

/// @brief Reads the secret key in @p dataDir, creating it (mode 0600) on first start.
std::optional<QByteArray> loadOrCreateKey(const QString &dataDir, QString *error);

/// @brief Opens the store the config names (SQLite in the data folder by default);
/// @p nodeId marks this process's notifications to other nodes.
std::unique_ptr<StoreExecutor> makeStore(
    const ServerConfig &config, const QString &nodeId = QStringLiteral("cli"));

} // namespace scoreboard::server
