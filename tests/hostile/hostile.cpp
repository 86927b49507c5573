#include "hostile.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QtTest>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace scoreboard::hostile {

namespace {

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

} // namespace

ServerProcess::ServerProcess()
{
    ::signal(SIGPIPE, SIG_IGN); // a peer that resets must not end the attacker
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QByteArray &config, const QStringList &arguments, int maxFiles)
{
    const QString bin = qEnvironmentVariable("SCOREBOARD_SERVER_BIN");
    if (!QFileInfo(bin).isExecutable()) {
        qWarning("SCOREBOARD_SERVER_BIN must name the built scoreboard-server");
        return false;
    }
    QFile conf(m_dir.filePath(u"server.conf"_s));
    if (!conf.open(QIODevice::WriteOnly) || conf.write(config) < 0)
        return false;
    conf.close();
    m_port = freePort();
    if (maxFiles > 0) {
        m_process.setChildProcessModifier([maxFiles] {
            const rlimit limit { rlim_t(maxFiles), rlim_t(maxFiles) };
            ::setrlimit(RLIMIT_NOFILE, &limit);
        });
    }
    m_process.start(bin,
        QStringList { u"--config"_s, conf.fileName(), u"--listen"_s, u"127.0.0.1"_s, u"--port"_s,
            QString::number(m_port), u"--data-dir"_s, dataDir() }
            + arguments);
    if (!m_process.waitForStarted(5000))
        return false;
    QByteArray out;
    const bool up = QTest::qWaitFor(
        [&] {
            out += m_process.readAllStandardOutput();
            return out.contains("running at") || m_process.state() == QProcess::NotRunning;
        },
        20000);
    if (!up || !running()) {
        qWarning("the server did not start: %s", log().constData());
        return false;
    }
    return true;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::running() const
{
    return m_process.state() == QProcess::Running;
}

qint64 ServerProcess::pid() const
{
    return m_process.processId();
}

qint64 ServerProcess::rssKiB() const
{
    QFile status(u"/proc/%1/status"_s.arg(pid()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double ServerProcess::cpuSeconds() const
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid()));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may hold spaces) start at state, field 3.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong())
        / double(::sysconf(_SC_CLK_TCK));
}

QByteArray ServerProcess::log()
{
    m_log += m_process.readAllStandardError();
    return m_log;
}

RawConnection::RawConnection(quint16 port, int receiveBuffer)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return;
    if (receiveBuffer > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
}

RawConnection::~RawConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawConnection::write(const QByteArray &data, int timeoutMs)
{
    if (!connected() || m_peerClosed)
        return false;
    QDeadlineTimer deadline(timeoutMs);
    qsizetype sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(m_fd, data.constData() + sent, size_t(data.size() - sent),
            MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            m_peerClosed = true; // EPIPE, ECONNRESET
            return false;
        }
        pollfd p { m_fd, POLLOUT, 0 };
        const int left = int(deadline.remainingTime());
        if (left <= 0 || ::poll(&p, 1, left) <= 0)
            return false;
        if (p.revents & (POLLERR | POLLHUP)) {
            m_peerClosed = true;
            return false;
        }
    }
    return true;
}

QByteArray RawConnection::read(int timeoutMs)
{
    QByteArray data;
    if (!connected() || m_peerClosed)
        return data;
    pollfd p { m_fd, POLLIN, 0 };
    if (::poll(&p, 1, timeoutMs) <= 0)
        return data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            data.append(buffer, n);
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            m_peerClosed = true;
        return data;
    }
}

QByteArray RawConnection::readUntil(const QByteArray &marker, int timeoutMs)
{
    QByteArray data;
    QDeadlineTimer deadline(timeoutMs);
    while (!data.contains(marker) && !m_peerClosed && !deadline.hasExpired())
        data += read(int(qMax<qint64>(1, deadline.remainingTime())));
    return data;
}

bool RawConnection::waitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_peerClosed && !deadline.hasExpired())
        read(int(qMax<qint64>(1, deadline.remainingTime())));
    return m_peerClosed;
}

int httpGet(quint16 port, const QByteArray &path, QByteArray *body, const QByteArray &extraHeaders)
{
    RawConnection connection(port);
    if (!connection.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders
            + "Connection: close\r\n\r\n"))
        return 0;
    QByteArray response;
    QDeadlineTimer deadline(10000);
    while (!connection.closedByPeer() && !deadline.hasExpired())
        response += connection.read(int(qMax<qint64>(1, deadline.remainingTime())));
    if (!response.startsWith("HTTP/1.1 "))
        return 0;
    if (body)
        *body = response.mid(response.indexOf("\r\n\r\n") + 4);
    return response.mid(9, 3).toInt();
}

bool wsHandshake(RawConnection &connection)
{
    if (!connection.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: scoreboard.v1\r\n\r\n"))
        return false;
    return connection.readUntil("\r\n\r\n", 10000).startsWith("HTTP/1.1 101");
}

QByteArray wsFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    const quint64 size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xffff) {
        frame.append(char(0x80 | 126)).append(char(size >> 8)).append(char(size & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    const char mask[4] = { 0x12, 0x34, 0x56, 0x78 };
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

} // namespace scoreboard::hostile
