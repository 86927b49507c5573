#pragma once
// The attacker's kit for tests/hostile: the real scoreboard-server binary in its own process, and
// plain POSIX sockets (an attacker controls every byte, buffer size and pause; Qt's sockets would
// smooth that away).

#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace scoreboard::hostile {

/// @brief scoreboard-server ($SCOREBOARD_SERVER_BIN) on 127.0.0.1 with a fresh data folder.
class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();

    /// @brief Starts with the INI text @p config and extra command-line @p arguments; with
    /// @p maxFiles > 0 the process may hold at most that many descriptors (RLIMIT_NOFILE).
    bool start(const QByteArray &config, const QStringList &arguments = {}, int maxFiles = 0);
    void stop();

    bool running() const;
    quint16 port() const { return m_port; }
    qint64 pid() const;
    /// @brief Resident memory now, from /proc/<pid>/status.
    qint64 rssKiB() const;
    /// @brief Processor time (user and system) used so far, from /proc/<pid>/stat.
    double cpuSeconds() const;
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    /// @brief What the server wrote to stderr so far (for failure messages).
    QByteArray log();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_log;
};

/// @brief One blocking TCP connection to 127.0.0.1 (every wait is bounded).
class RawConnection
{
public:
    /// @p receiveBuffer > 0 shrinks the kernel's receive buffer before connecting.
    explicit RawConnection(quint16 port, int receiveBuffer = 0);
    ~RawConnection();
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool connected() const { return m_fd >= 0 && m_connected; }
    /// @brief Writes all of @p data; false once the peer has closed or reset the connection, or
    /// when the write could not proceed within @p timeoutMs (the peer stopped reading).
    bool write(const QByteArray &data, int timeoutMs = 5000);
    /// @brief What arrives within @p timeoutMs (empty when nothing or closed).
    QByteArray read(int timeoutMs);
    /// @brief Reads until @p marker is in the data read so far (or timeout/close).
    QByteArray readUntil(const QByteArray &marker, int timeoutMs);
    /// @brief Whether the peer closes (EOF or reset) within @p timeoutMs; reads and drops data.
    bool waitClosed(int timeoutMs);
    bool closedByPeer() const { return m_peerClosed; }

private:
    int m_fd = -1;
    bool m_connected = false;
    bool m_peerClosed = false;
};

/// @brief An honest visitor: GET @p path on a new connection; the status, or 0 if none came.
int httpGet(quint16 port, const QByteArray &path, QByteArray *body = nullptr,
    const QByteArray &extraHeaders = {});

/// @brief A WebSocket upgrade on @p connection (masked frames follow with wsFrame()).
bool wsHandshake(RawConnection &connection);
/// @brief A masked client text frame.
QByteArray wsFrame(const QByteArray &payload);

} // namespace scoreboard::hostile
