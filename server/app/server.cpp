#include "app/server.h"
#include "app/httpapi.h"
#include "app/logging.h"
#include "auth/authservice.h"
#include "auth/mailer.h"
#include "cluster/cluster.h"
#include "core/crypto.h"
#include "core/metrics.h"
#include "moderation/adminservice.h"
#include "net/frontdoor.h"
#include "net/gateway.h"
#include "scoring/eventservice.h"
#include "scoring/scoreservice.h"
#include "store/postgrestarget.h"
#include "store/sqlstore.h"
#include "store/storeexecutor.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

namespace {

constexpr qint64 kKeyBytes = 32;
constexpr int kListenBacklog = 4096;

/// The server side of TLS from the PEM files @p certPath (the chain, leaf first) and @p keyPath.
std::optional<QSslConfiguration> loadTls(
    const QString &certPath, const QString &keyPath, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = u"tls-cert %1 holds no PEM certificate (or cannot be read)"_s.arg(certPath);
        return std::nullopt;
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = u"cannot read tls-key %1: %2"_s.arg(keyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (const auto algorithm : { QSsl::Ec, QSsl::Rsa, QSsl::Dsa }) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = u"tls-key %1 holds no unencrypted PEM private key"_s.arg(keyPath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace

std::optional<QByteArray> loadOrCreateKey(const QString &dataDir, QString *error)
{
    const QString path = QDir(dataDir).filePath(u"secret.key"_s);
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
            return std::nullopt;
        }
        const QByteArray key = QByteArray::fromHex(file.readAll().trimmed());
        if (key.size() != kKeyBytes) {
            *error = u"%1 is damaged (expected %2 hex-encoded bytes)"_s.arg(path).arg(kKeyBytes);
            return std::nullopt;
        }
        return key;
    }
    const QByteArray key = crypto::randomBytes(kKeyBytes);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)
        || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || out.write(key.toHex() + '\n') < 0 || !out.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, out.errorString());
        return std::nullopt;
    }
    return key;
}

StoreExecutor::Factory storeFactory(const ServerConfig &config, const QString &nodeId)
{
    if (config.database.isEmpty()) {
        const QString path = QDir(config.dataDir).filePath(u"scoreboard.db"_s);
        return [path] { return SqlStore::sqlite(path); };
    }
    QString error;
    const auto target = PostgresTarget::fromUrl(config.database, &error);
    if (!target) // the configuration was checked when it was read
        return [error]() -> std::unique_ptr<Store> { throw StoreError(error.toStdString()); };
    return [target = *target, nodeId] { return SqlStore::postgres(target, nodeId); };
}

std::unique_ptr<StoreExecutor> makeStore(const ServerConfig &config, const QString &nodeId)
{
    return std::make_unique<StoreExecutor>(storeFactory(config, nodeId));
}

QString databaseName(const ServerConfig &config)
{
    if (config.database.isEmpty())
        return QDir(config.dataDir).filePath(u"scoreboard.db"_s);
    QUrl url(config.database);
    url.setPassword({});
    return url.toString();
}

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{ }

Server::~Server()
{
    // Stop taking work, then drain it: sockets, services, mail, hashing, store.
    delete m_door;
    m_door = nullptr;
    m_cluster.reset();
    m_gateway.reset();
    m_http.reset();
    m_admin.reset();
    m_events.reset();
    m_scores.reset();
    m_auth.reset();
    if (m_mailer)
        m_mailer->waitForIdle();
    m_mailer.reset();
    m_hasher.reset();
    m_store.reset();
}

bool Server::start(QString *error)
{
    if (m_config.scoring.challengeTtlMs <= m_config.scoring.challengeDelayMs) {
        *error = u"challenge-ttl-ms must be longer than challenge-delay-ms"_s;
        return false;
    }
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = u"cannot create data folder %1"_s.arg(m_config.dataDir);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(QDir(m_config.dataDir).filePath(u"server.lock"_s));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        *error = u"data folder %1 is in use by another scoreboard-server"_s.arg(m_config.dataDir);
        return false;
    }
    if (!crypto::initialize()) {
        *error = u"libsodium failed to initialise"_s;
        return false;
    }
    const auto key = loadOrCreateKey(m_config.dataDir, error);
    if (!key)
        return false;

    m_nodeId = QString::fromLatin1(crypto::randomBytes(6).toHex());
    m_store = makeStore(m_config, m_nodeId);
    QString storeError;
    if (!m_store->start(&storeError)) {
        *error = u"cannot open the database %1: %2"_s.arg(databaseName(m_config), storeError);
        return false;
    }
    if (m_store->shared()) {
        // Every node of one database must sign codes and challenges with the same key. (One
        // SQLite server has no one to disagree with: a lost key is simply replaced.)
        const QString fingerprint
            = QString::fromLatin1(crypto::hmacHex(*key, "scoreboard key fingerprint"));
        const auto recorded = m_store->runAndWait(
            [fingerprint](Store &store) { return store.claimKeyFingerprint(fingerprint); });
        if (!recorded.ok()) {
            *error = u"cannot read the database's settings: %1"_s.arg(recorded.error);
            return false;
        }
        if (*recorded.value != fingerprint) {
            *error = u"%1 is not the key the other servers of this database use; every node "
                     "needs the same secret.key (copy it from the data folder of a node that "
                     "ran before)"_s.arg(QDir(m_config.dataDir).filePath(u"secret.key"_s));
            return false;
        }
        qCInfo(lcServer) << "node" << m_nodeId << "uses the shared database"
                         << databaseName(m_config);
    }
    if (!m_config.mail.smtpUrl.isEmpty())
        qCInfo(lcServer) << "mail goes through SMTP at"
                         << m_config.mail.smtpUrl.toString(QUrl::RemoveUserInfo);
    else
        qCInfo(lcServer) << "mail is written to" << m_config.mail.mailDir;

    m_hasher = std::make_unique<crypto::PasswordHasher>(
        m_config.auth.hashOpsLimit, m_config.auth.hashMemoryMiB);
    m_mailer = makeMailer(m_config.mail);
    const ConnectionLimits limits { m_config.authTimeoutMs, m_config.badFramesBeforeClose, 60'000,
        m_config.maxPendingRequests, m_config.transport.maxUnsentBytes,
        m_config.transport.unsentGraceMs };
    m_gateway = std::make_unique<Gateway>(limits, m_config.pingIntervalMs);
    m_auth = std::make_unique<AuthService>(
        m_config.auth, *key, *m_store, *m_hasher, *m_mailer, *m_gateway, m_clock);
    m_auth->install(*m_gateway);
    m_metrics = std::make_unique<Metrics>();
    m_scores = std::make_unique<ScoreService>(
        m_config.scoring, m_config.cheat, *key, *m_store, m_clock, *m_metrics);
    if (!m_scores->load(error))
        return false;
    m_scores->install(*m_gateway);
    m_events = std::make_unique<EventService>(
        *m_store, *m_scores, m_clock, QTimeZone(m_config.scoring.timeZone));
    m_events->install(*m_gateway);
    m_events->start();
    m_admin = std::make_unique<AdminService>(*m_store, *m_scores, *m_events, *m_gateway, m_clock);
    m_admin->install(*m_gateway);
    if (m_store->shared()) {
        m_cluster = std::make_unique<Cluster>(m_nodeId, storeFactory(m_config, m_nodeId), *m_store,
            *m_scores, *m_events, *m_admin, *m_gateway, m_clock);
        if (!m_cluster->start(error))
            return false;
    }
    m_scores->setFindingHandler([this](const Finding &finding) {
        FlagRecord flag;
        flag.incrementId = finding.incrementId;
        flag.userId = finding.userId;
        flag.rule = finding.rule;
        flag.evidence = finding.evidence;
        flag.figures
            = QString::fromUtf8(QJsonDocument(finding.figures).toJson(QJsonDocument::Compact));
        flag.createdAtMs = m_clock.nowMs();
        flag.eventId = finding.eventId;
        flag.season = finding.season;
        m_admin->raiseFlag(flag);
    });

    std::optional<QSslConfiguration> tls;
    if (!m_config.tlsCert.isEmpty() || !m_config.tlsKey.isEmpty()) {
        if (m_config.tlsCert.isEmpty() || m_config.tlsKey.isEmpty()) {
            *error = u"tls-cert and tls-key go together: set both, or neither"_s;
            return false;
        }
        if (!QSslSocket::supportsSsl()) {
            *error = u"TLS is not available: Qt found no TLS backend (OpenSSL 3)"_s;
            return false;
        }
        tls = loadTls(m_config.tlsCert, m_config.tlsKey, error);
        if (!tls)
            return false;
    }
    m_http = std::make_unique<HttpApi>(
        *m_store, *m_scores, *m_metrics, *m_gateway, m_config.metricsAllow);
    m_http->setStrictTransportSecurity(tls.has_value());
    m_http->setPublicUrl(m_config.publicUrl);
    m_door = new FrontDoor(
        [this](QTcpSocket *socket, qint64 headBytes, const QString &client) {
            m_gateway->handleUpgrade(socket, headBytes, client);
        },
        [this](const HttpRequest &request) { return m_http->handle(request); },
        m_config.allowedOrigins, m_config.trustedProxies, m_config.transport);
    m_door->setTls(tls);
    // A long backlog: Qt's default of 50 would drop bursts of new viewers.
    if (!m_door->listen(m_config.listen, m_config.port, kListenBacklog)) {
        *error = u"cannot listen on %1 port %2: %3"_s.arg(m_config.listen.toString())
                     .arg(m_config.port)
                     .arg(m_door->errorString());
        delete m_door;
        m_door = nullptr;
        return false;
    }
    m_http->setFrontDoor(m_door);

    m_healthCheck.setInterval(5000);
    connect(&m_healthCheck, &QTimer::timeout, this,
        [this] { m_store->run([](Store &store) { store.ping(); }, [](auto) {}); });
    m_healthCheck.start();
    qCInfo(lcServer) << "listening on" << m_config.listen.toString() << "port" << port();
    return true;
}

bool Server::reloadTls(QString *error)
{
    if (!m_door || !m_door->tlsEnabled()) {
        *error = u"TLS is not on (no tls-cert and tls-key)"_s;
        return false;
    }
    auto tls = loadTls(m_config.tlsCert, m_config.tlsKey, error);
    if (!tls)
        return false;
    m_door->setTls(std::move(tls));
    qCInfo(lcServer) << "reloaded the TLS certificate" << m_config.tlsCert;
    return true;
}

quint16 Server::port() const
{
    return m_door ? m_door->serverPort() : 0;
}

QString Server::pageUrl() const
{
    return m_config.pageUrl(port());
}

} // namespace scoreboard::server
