// TLS on the server itself, against the real binary: HTTPS and WSS on the one port with a PEM
// certificate and key, Strict-Transport-Security, a certificate replaced and re-read on SIGHUP
// without dropping open connections, configuration mistakes refused at start, and the apps'
// socket refusing an untrusted certificate with a reason in words.
#include "protocolsocket.h"
#include "hostile.h"
#include "testclient.h"

#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::protocol;

namespace {

/// A self-signed certificate for localhost and 127.0.0.1, made by the openssl command.
bool makeCertificate(const QString &certPath, const QString &keyPath, const QString &name)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
            u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, keyPath, u"-out"_s,
            certPath, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=localhost/O=%1"_s.arg(name),
            u"-addext"_s, u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s });
    return openssl.waitForFinished(30000) && openssl.exitCode() == 0;
}

QSslConfiguration trusting(const QString &certPath)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(certPath));
    return config;
}

} // namespace

class tst_Tls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void httpsAndWssOnOnePort();
    void sighupReloadsTheCertificateKeepingConnections();
    void mistakesStopTheStart();
    void appsRefuseAnUntrustedCertificateInWords();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QByteArray tlsConfig() const
    {
        return "tls-cert=" + path(u"cert.pem"_s).toUtf8() + "\ntls-key="
            + path(u"key.pem"_s).toUtf8() + "\n";
    }
    /// GET @p target over TLS trusting @p certPath; the whole answer, and the server's certificate.
    QByteArray httpsGet(quint16 port, const QString &certPath, QSslCertificate *peer = nullptr);

    QTemporaryDir m_dir;
};

void tst_Tls::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    QVERIFY(makeCertificate(path(u"cert.pem"_s), path(u"key.pem"_s), u"first"_s));
    QVERIFY(makeCertificate(path(u"cert2.pem"_s), path(u"key2.pem"_s), u"second"_s));
}

QByteArray tst_Tls::httpsGet(quint16 port, const QString &certPath, QSslCertificate *peer)
{
    QSslSocket socket;
    socket.setSslConfiguration(trusting(certPath));
    socket.connectToHostEncrypted(u"localhost"_s, port);
    if (!socket.waitForEncrypted(10000)) {
        qWarning() << "handshake failed:" << socket.errorString() << socket.sslHandshakeErrors();
        return {};
    }
    if (peer)
        *peer = socket.peerCertificate();
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(10000))
        answer += socket.readAll();
    return answer + socket.readAll();
}

void tst_Tls::httpsAndWssOnOnePort()
{
    hostile::ServerProcess server;
    QVERIFY(server.start(tlsConfig()));
    const QByteArray answer = httpsGet(server.port(), path(u"cert.pem"_s));
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    QVERIFY(answer.contains("\r\nStrict-Transport-Security: max-age=31536000\r\n"));
    QVERIFY(answer.endsWith("ok\n"));

    // Plain HTTP to the TLS port gets no page.
    QCOMPARE(hostile::httpGet(server.port(), "/healthz"), 0);

    test::TestClient viewer(QUrl(u"wss://localhost:%1/ws"_s.arg(server.port())));
    viewer.socket().setSslConfiguration(trusting(path(u"cert.pem"_s)));
    QVERIFY(viewer.open(10000));
    const auto reply = viewer.request(MessageType::LeaderboardSubscribe);
    QVERIFY(reply && reply->ok);
}

void tst_Tls::sighupReloadsTheCertificateKeepingConnections()
{
    // The server reads copies, so the test can replace them.
    QFile::remove(path(u"live-cert.pem"_s));
    QFile::remove(path(u"live-key.pem"_s));
    QVERIFY(QFile::copy(path(u"cert.pem"_s), path(u"live-cert.pem"_s)));
    QVERIFY(QFile::copy(path(u"key.pem"_s), path(u"live-key.pem"_s)));
    hostile::ServerProcess server;
    QVERIFY(server.start("tls-cert=" + path(u"live-cert.pem"_s).toUtf8() + "\ntls-key="
        + path(u"live-key.pem"_s).toUtf8() + "\n"));
    test::TestClient early(QUrl(u"wss://localhost:%1/ws"_s.arg(server.port())));
    early.socket().setSslConfiguration(trusting(path(u"cert.pem"_s)));
    QVERIFY(early.open(10000));
    QVERIFY(early.request(MessageType::LeaderboardSubscribe).value_or(Reply {}).ok);

    QVERIFY(QFile::remove(path(u"live-cert.pem"_s)) && QFile::remove(path(u"live-key.pem"_s)));
    QVERIFY(QFile::copy(path(u"cert2.pem"_s), path(u"live-cert.pem"_s)));
    QVERIFY(QFile::copy(path(u"key2.pem"_s), path(u"live-key.pem"_s)));
    QCOMPARE(::kill(pid_t(server.pid()), SIGHUP), 0);

    const QSslCertificate second = QSslCertificate::fromPath(path(u"cert2.pem"_s)).first();
    QSslCertificate seen;
    QTRY_VERIFY_WITH_TIMEOUT(
        (httpsGet(server.port(), path(u"cert2.pem"_s), &seen).startsWith("HTTP/1.1 200 ")
            && seen == second),
        10000);
    // The connection made before the reload is still served.
    QVERIFY(early.isConnected());
    const auto again = early.request(MessageType::LeaderboardSubscribe);
    QVERIFY(again && again->ok);
    QVERIFY(server.running());
}

void tst_Tls::mistakesStopTheStart()
{
    const QString bin = qEnvironmentVariable("SCOREBOARD_SERVER_BIN");
    const auto run = [&](const QStringList &arguments) {
        QProcess process;
        process.start(bin,
            QStringList { u"--port"_s, u"0"_s, u"--data-dir"_s, path(u"mistakes"_s) }
                + arguments);
        process.waitForFinished(30000);
        return std::pair { process.exitCode(), process.readAllStandardError() };
    };
    auto [code, text] = run({ u"--tls-cert"_s, path(u"cert.pem"_s) });
    QCOMPARE(code, 1);
    QVERIFY2(text.contains("tls-cert and tls-key go together"), text.constData());
    std::tie(code, text) = run({ u"--tls-cert"_s, path(u"nothing.pem"_s), u"--tls-key"_s,
        path(u"key.pem"_s) });
    QCOMPARE(code, 1);
    QVERIFY2(text.contains("holds no PEM certificate"), text.constData());
    std::tie(code, text)
        = run({ u"--tls-cert"_s, path(u"cert.pem"_s), u"--tls-key"_s, path(u"cert.pem"_s) });
    QCOMPARE(code, 1);
    QVERIFY2(text.contains("holds no unencrypted PEM private key"), text.constData());
}

void tst_Tls::appsRefuseAnUntrustedCertificateInWords()
{
    hostile::ServerProcess server;
    QVERIFY(server.start(tlsConfig()));
    app::ProtocolSocket socket;
    QSignalSpy refused(&socket, &app::ProtocolSocket::certificateRefused);
    socket.setUrl(QUrl(u"wss://localhost:%1/ws"_s.arg(server.port())));
    socket.open();
    QVERIFY(refused.wait(10000));
    const QString why = refused.first().first().toString();
    QVERIFY2(why.startsWith(u"The server's certificate is not trusted: "_s), qPrintable(why));
    QVERIFY2(why.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(why));
    QVERIFY(socket.state() != app::ProtocolSocket::State::Online);
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
