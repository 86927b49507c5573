#include "testclient.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace scoreboard::test {

using namespace scoreboard::protocol;

TestClient::TestClient(const QUrl &url, const QString &origin, const QStringList &subprotocols)
    : m_url(url)
    , m_subprotocols(subprotocols)
    , m_socket(origin)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &TestClient::onMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = quint16(m_socket.closeCode());
        emit activity();
    });
    connect(&m_socket, &QWebSocket::stateChanged, this, &TestClient::activity);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            m_closed = true;
        emit activity();
    });
}

bool TestClient::spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &TestClient::activity, &loop, [&] {
        if (done())
            loop.quit();
    });
    timer.start(timeoutMs);
    loop.exec();
    return done();
}

TestClient::~TestClient()
{
    m_socket.abort();
}

bool TestClient::open(int timeoutMs)
{
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(m_subprotocols);
    QNetworkRequest request(m_url);
    for (const auto &[name, value] : std::as_const(m_headers))
        request.setRawHeader(name, value);
    m_socket.open(request, options);
    return spinUntil(
               [this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; },
               timeoutMs)
        && m_socket.state() == QAbstractSocket::ConnectedState;
}

bool TestClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

qint64 TestClient::send(MessageType type, const QJsonObject &data)
{
    const Request request { m_nextId++, type, data };
    m_socket.sendTextMessage(QString::fromUtf8(request.encode()));
    return request.id;
}

void TestClient::sendText(const QByteArray &text)
{
    m_socket.sendTextMessage(QString::fromUtf8(text));
}

void TestClient::sendBinary(const QByteArray &data)
{
    m_socket.sendBinaryMessage(data);
}

void TestClient::onMessage(const QString &text)
{
    QString why;
    auto message = decodeServerMessage(text.toUtf8(), &why);
    if (!message) {
        qWarning(
            "test client: undecodable server frame (%s): %s", qPrintable(why), qPrintable(text));
        return;
    }
    if (auto *reply = std::get_if<Reply>(&*message))
        m_replies.append(*reply);
    else
        m_events.append(std::get<Event>(*message));
    emit activity();
}

template<typename T, typename Pred>
std::optional<T> TestClient::takeFirst(QList<T> &items, Pred pred, int timeoutMs)
{
    auto find = [&] { return std::find_if(items.begin(), items.end(), pred); };
    if (!spinUntil([&] { return find() != items.end(); }, timeoutMs))
        return std::nullopt;
    auto it = find();
    T item = std::move(*it);
    items.erase(it);
    return item;
}

std::optional<Reply> TestClient::waitReply(qint64 id, int timeoutMs)
{
    return takeFirst(
        m_replies, [id](const Reply &r) { return r.re == id; }, timeoutMs);
}

std::optional<Reply> TestClient::request(MessageType type, const QJsonObject &data, int timeoutMs)
{
    return waitReply(send(type, data), timeoutMs);
}

std::optional<Reply> TestClient::waitAnonymousReply(int timeoutMs)
{
    return takeFirst(
        m_replies, [](const Reply &r) { return !r.re; }, timeoutMs);
}

std::optional<Event> TestClient::waitEvent(EventType type, int timeoutMs)
{
    return takeFirst(
        m_events, [type](const Event &e) { return e.type == type; }, timeoutMs);
}

std::optional<Event> TestClient::takeLatestEvent(EventType type, int timeoutMs)
{
    std::optional<Event> latest = waitEvent(type, timeoutMs);
    while (latest) {
        auto newer = takeFirst(
            m_events, [type](const Event &e) { return e.type == type; }, 0);
        if (!newer)
            break;
        latest = std::move(newer);
    }
    return latest;
}

bool TestClient::waitClosed(int timeoutMs)
{
    return spinUntil([this] { return m_closed; }, timeoutMs);
}

namespace {

struct Mail
{
    QDateTime modified;
    QString text;
};

QList<Mail> mailsTo(const QString &dir, const QString &email)
{
    QList<Mail> mails;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    const QRegularExpression to(u"^To: *<?%1>?\\r?$"_s.arg(QRegularExpression::escape(email)),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).dir().dirName() == u"tmp"_s)
            continue; // a Maildir's tmp/ holds messages still being written
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        if (to.match(text).hasMatch())
            mails.append({ QFileInfo(path).lastModified(), text });
    }
    std::sort(mails.begin(), mails.end(),
        [](const Mail &a, const Mail &b) { return a.modified < b.modified; });
    return mails;
}

} // namespace

QString codeFromMailDir(const QString &dir, const QString &email)
{
    const auto mails = mailsTo(dir, email);
    static const QRegularExpression code(
        u"^\\s+(\\d{6})\\r?$"_s, QRegularExpression::MultilineOption);
    for (auto it = mails.crbegin(); it != mails.crend(); ++it) {
        const auto match = code.match(it->text);
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

int mailCount(const QString &dir, const QString &email)
{
    return int(mailsTo(dir, email).size());
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct SmtpSink::Private
{
    QTemporaryDir dir;
    QProcess process;
    quint16 port = 0;
};

SmtpSink::SmtpSink()
    : d(std::make_unique<Private>())
{ }

SmtpSink::~SmtpSink()
{
    if (d->process.state() != QProcess::NotRunning) {
        setStopped(false);
        d->process.kill();
        d->process.waitForFinished(5000);
    }
}

bool SmtpSink::start(QString *error)
{
    const QString python = u"/usr/bin/python3"_s;
    QProcess check;
    check.start(python, { u"-c"_s, u"import aiosmtpd.handlers"_s });
    if (!check.waitForFinished(30000) || check.exitStatus() != QProcess::NormalExit
        || check.exitCode() != 0) {
        *error = u"%1 cannot import aiosmtpd: install python3-aiosmtpd to run the SMTP tests"_s.arg(
            python);
        return false;
    }
    d->port = freePort();
    if (d->port == 0) {
        *error = u"no free port on 127.0.0.1"_s;
        return false;
    }
    d->process.setProcessChannelMode(QProcess::MergedChannels);
    d->process.start(python,
        { u"-m"_s, u"aiosmtpd"_s, u"-n"_s, u"-l"_s, u"127.0.0.1:%1"_s.arg(d->port), u"-c"_s,
            u"aiosmtpd.handlers.Mailbox"_s, mailDir() });
    if (!d->process.waitForStarted(10000)) {
        *error = u"cannot run %1 -m aiosmtpd: %2"_s.arg(python, d->process.errorString());
        return false;
    }
    const bool up = QTest::qWaitFor(
        [this] {
            if (d->process.state() == QProcess::NotRunning)
                return true;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, d->port);
            return probe.waitForConnected(250);
        },
        20000);
    if (!up || d->process.state() == QProcess::NotRunning) {
        *error = u"aiosmtpd did not start: %1"_s.arg(QString::fromLocal8Bit(d->process.readAll()));
        return false;
    }
    return true;
}

void SmtpSink::setStopped(bool stopped)
{
    const qint64 pid = d->process.processId();
    if (pid > 0)
        ::kill(pid_t(pid), stopped ? SIGSTOP : SIGCONT);
}

QUrl SmtpSink::url() const
{
    return QUrl(u"smtp://127.0.0.1:%1"_s.arg(d->port));
}

QString SmtpSink::mailDir() const
{
    return d->dir.filePath(u"maildir"_s);
}

} // namespace scoreboard::test
