#include "auth/mailer.h"
#include "testclient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using scoreboard::server::MailDirMailer;
using scoreboard::server::Mailer;
using scoreboard::server::MailMessage;
using scoreboard::server::MailSettings;
using scoreboard::server::SmtpMailer;
using scoreboard::test::freePort;
using scoreboard::test::SmtpSink;

namespace {

const QString kFrom = u"Scoreboard <no-reply@example.org>"_s;

/// A parsed message: header names lower-cased, values unfolded; body with LF line ends.
struct ParsedMail
{
    QMap<QByteArray, QByteArray> headers;
    QByteArray body;
    bool ok = false;
};

QByteArray toLf(QByteArray data)
{
    return data.replace("\r\n", "\n");
}

ParsedMail parseMail(const QByteArray &raw)
{
    ParsedMail mail;
    const QByteArray text = toLf(raw);
    const qsizetype split = text.indexOf("\n\n");
    if (split < 0)
        return mail;
    QByteArray current;
    const auto flush = [&] {
        const qsizetype colon = current.indexOf(':');
        if (colon > 0)
            mail.headers.insert(
                current.left(colon).trimmed().toLower(), current.mid(colon + 1).trimmed());
        current.clear();
    };
    for (const QByteArray &line : text.left(split).split('\n')) {
        if (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t')) {
            current += line; // continuation line: unfold (keeps the leading white space)
        } else {
            flush();
            current = line;
        }
    }
    flush();
    mail.body = text.mid(split + 2);
    mail.ok = true;
    return mail;
}

/// Decodes RFC 2047 `=?UTF-8?B?...?=` words; white space between adjacent words is dropped.
QString decodeHeader(const QByteArray &value)
{
    static const QRegularExpression word(
        u"=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="_s, QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromUtf8(value);
    QByteArray out;
    qsizetype last = 0;
    bool previousWasWord = false;
    auto it = word.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString gap = text.mid(last, m.capturedStart() - last);
        if (!(previousWasWord && gap.trimmed().isEmpty()))
            out += gap.toUtf8();
        out += QByteArray::fromBase64(m.captured(1).toLatin1());
        last = m.capturedEnd();
        previousWasWord = true;
    }
    out += text.mid(last).toUtf8();
    return QString::fromUtf8(out);
}

struct Result
{
    bool ok = false;
    QString error;
    bool onOwnerThread = false;
};

Mailer::Done recorder(QList<Result> &results)
{
    QThread *owner = QThread::currentThread();
    return [&results, owner](bool ok, const QString &error) {
        results.append({ ok, error, QThread::currentThread() == owner });
    };
}

} // namespace

class TestMailer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void renderMessage_data();
    void renderMessage();
    void renderMessage_messageIdHost_data();
    void renderMessage_messageIdHost();
    void refusesHeaderInjection_data();
    void refusesHeaderInjection();

    void mailDir_data();
    void mailDir();

    void makeMailer_data();
    void makeMailer();

    void smtpDeliversToSink();
    void smtpClosedPortFails();

private:
    QLocale m_savedLocale;
};

void TestMailer::initTestCase()
{
    // The Date header must use English names whatever the locale.
    m_savedLocale = QLocale();
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
}

void TestMailer::cleanupTestCase()
{
    QLocale::setDefault(m_savedLocale);
}

// ---------------------------------------------------------------------------------------------

void TestMailer::renderMessage_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QByteArray>("expectedBody");

    QTest::newRow("ascii") << u"alice@example.com"_s << u"Your code"_s
                           << u"Your code is 123456.\n"_s << QByteArray("Your code is 123456.\r\n");
    QTest::newRow("utf-8 subject")
        << u"Bob <bob@example.com>"_s << u"Bestätigungscode für Ihr Konto ✓"_s
        << u"Hallo Bob,\r\n\r\nDein Code: 654321\r\n"_s
        << QByteArray("Hallo Bob,\r\n\r\nDein Code: 654321\r\n");
    QTest::newRow("long utf-8 subject")
        << u"carol@example.com"_s << QString(60, u'ü') + u" and more words"_s << u"x"_s
        << QByteArray("x\r\n");
    QTest::newRow("4-byte characters")
        << u"dave@example.com"_s << u"😀"_s.repeated(30) << u"smile 😀\n"_s
        << QByteArray("smile \xF0\x9F\x98\x80\r\n");
    QTest::newRow("utf-8 display name") << u"Jörg Müller <joerg@example.de>"_s << u"Code"_s
                                        << u"Code: 777777"_s << QByteArray("Code: 777777\r\n");
    QTest::newRow("mixed line ends")
        << u"erin@example.com"_s << u"Lines"_s << u"a\nb\r\nc\rd\n\ne"_s
        << QByteArray("a\r\nb\r\nc\r\nd\r\n\r\ne\r\n");
    QTest::newRow("no dot-stuffing")
        << u"frank@example.com"_s << u"Dots"_s << u".\n..two\n.three\n"_s
        << QByteArray(".\r\n..two\r\n.three\r\n");
}

void TestMailer::renderMessage()
{
    QFETCH(QString, to);
    QFETCH(QString, subject);
    QFETCH(QString, body);
    QFETCH(QByteArray, expectedBody);

    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const QByteArray raw = scoreboard::server::renderMessage({ to, subject, body }, kFrom);
    QVERIFY(!raw.isEmpty());

    // CRLF everywhere: no bare LF, no bare CR.
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) == '\n')
            QVERIFY2(i > 0 && raw.at(i - 1) == '\r', "bare LF");
        if (raw.at(i) == '\r')
            QVERIFY2(i + 1 < raw.size() && raw.at(i + 1) == '\n', "bare CR");
    }

    const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
    QVERIFY(headerEnd > 0);
    const QByteArray headerBlock = raw.left(headerEnd);
    for (const QByteArray &line : headerBlock.split('\n')) {
        QVERIFY2(line.size() <= 79, line.constData()); // 78 + the CR
        for (const char c : line)
            QVERIFY2(static_cast<unsigned char>(c) < 0x80, "non-ASCII byte in header");
    }
    QCOMPARE(raw.mid(headerEnd + 4), expectedBody);

    const ParsedMail mail = parseMail(raw);
    QVERIFY(mail.ok);
    for (const char *name : { "from", "to", "subject", "date", "message-id", "mime-version",
             "content-type", "content-transfer-encoding" })
        QVERIFY2(mail.headers.contains(name), name);
    QCOMPARE(mail.headers.value("from"), kFrom.toUtf8());
    QCOMPARE(decodeHeader(mail.headers.value("to")), to);
    QCOMPARE(mail.headers.value("mime-version"), QByteArray("1.0"));
    QCOMPARE(mail.headers.value("content-type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(mail.headers.value("content-transfer-encoding"), QByteArray("8bit"));

    const QByteArray rawSubject = mail.headers.value("subject");
    const bool ascii
        = std::all_of(subject.cbegin(), subject.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii)
        QCOMPARE(rawSubject, subject.toUtf8());
    else
        QVERIFY(rawSubject.startsWith("=?UTF-8?B?"));
    QCOMPARE(decodeHeader(rawSubject), subject);
    static const QRegularExpression encodedWord(u"=\\?UTF-8\\?B\\?[^?]*\\?="_s);
    for (auto it = encodedWord.globalMatch(QString::fromLatin1(rawSubject)); it.hasNext();)
        QVERIFY(it.next().capturedLength() <= 75);

    const QString date = QString::fromLatin1(mail.headers.value("date"));
    static const QRegularExpression dateFormat(
        u"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} "
        "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$"_s);
    QVERIFY2(dateFormat.match(date).hasMatch(), qPrintable(date));
    const QDateTime parsed = QDateTime::fromString(date, Qt::RFC2822Date);
    QVERIFY(parsed.isValid());
    QVERIFY(parsed >= before);
    QVERIFY(parsed <= QDateTime::currentDateTimeUtc().addSecs(1));

    static const QRegularExpression messageId(
        u"^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@example\\.org>$"_s);
    QVERIFY2(messageId.match(QString::fromLatin1(mail.headers.value("message-id"))).hasMatch(),
        mail.headers.value("message-id").constData());

    // Message-IDs are unique.
    const ParsedMail again
        = parseMail(scoreboard::server::renderMessage({ to, subject, body }, kFrom));
    QVERIFY(again.headers.value("message-id") != mail.headers.value("message-id"));
}

void TestMailer::renderMessage_messageIdHost_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("host");
    QTest::newRow("name and address")
        << u"Scoreboard <noreply@scores.example>"_s << u"scores.example"_s;
    QTest::newRow("bare address") << u"noreply@mail.example"_s << u"mail.example"_s;
    QTest::newRow("no domain") << u"Scoreboard <noreply>"_s << u"localhost"_s;
}

void TestMailer::renderMessage_messageIdHost()
{
    QFETCH(QString, from);
    QFETCH(QString, host);
    const ParsedMail mail
        = parseMail(scoreboard::server::renderMessage({ u"a@b.example"_s, u"s"_s, u"b"_s }, from));
    QVERIFY(mail.ok);
    QVERIFY2(mail.headers.value("message-id").endsWith('@' + host.toUtf8() + '>'),
        mail.headers.value("message-id").constData());
}

void TestMailer::refusesHeaderInjection_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("subject");
    QTest::newRow("CRLF in to") << u"alice@example.com\r\nBcc: eve@evil.example"_s << u"Code"_s;
    QTest::newRow("LF in to") << u"alice@example.com\nBcc: eve@evil.example"_s << u"Code"_s;
    QTest::newRow("CR in to") << u"alice@example.com\rBcc: eve@evil.example"_s << u"Code"_s;
    QTest::newRow("CRLF in subject")
        << u"alice@example.com"_s << u"Code\r\nBcc: eve@evil.example"_s;
    QTest::newRow("LF in subject") << u"alice@example.com"_s << u"Code\n\nfake body"_s;
    QTest::newRow("CR in subject") << u"alice@example.com"_s << u"Code\rX-Evil: 1"_s;
}

void TestMailer::refusesHeaderInjection()
{
    QFETCH(QString, to);
    QFETCH(QString, subject);
    const MailMessage message { to, subject, u"Your code is 123456"_s };
    QVERIFY(scoreboard::server::renderMessage(message, kFrom).isEmpty());

    // Both mailers fail the send (asynchronously, on this thread) and write/send nothing.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MailSettings settings;
    settings.mailDir = dir.path();
    settings.smtpUrl = QUrl(u"smtp://127.0.0.1:%1"_s.arg(freePort()));
    MailDirMailer mailDir(settings);
    SmtpMailer smtp(settings);
    QList<Result> results;
    mailDir.send(message, recorder(results));
    smtp.send(message, recorder(results));
    QVERIFY(results.isEmpty()); // never synchronously
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2, 5000);
    for (const Result &r : std::as_const(results)) {
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(r.onOwnerThread);
    }
    mailDir.waitForIdle();
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

// ---------------------------------------------------------------------------------------------

void TestMailer::mailDir_data()
{
    QTest::addColumn<QString>("subDir");
    QTest::newRow("existing folder") << QString();
    QTest::newRow("missing folder") << u"not/yet/there"_s;
}

void TestMailer::mailDir()
{
    QFETCH(QString, subDir);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString folder = subDir.isEmpty() ? tmp.path() : tmp.filePath(subDir);
    QCOMPARE(QFileInfo::exists(folder), subDir.isEmpty());

    MailSettings settings;
    settings.from = kFrom;
    settings.mailDir = folder;
    MailDirMailer mailer(settings);

    const QStringList codes { u"100001"_s, u"200002"_s, u"300003"_s };
    QList<Result> results;
    for (const QString &code : codes)
        mailer.send({ u"player%1@example.com"_s.arg(code), u"Dein Anmeldecode"_s,
                        u"Hallo,\n\nYour code is %1.\n"_s.arg(code) },
            recorder(results));
    mailer.send({ u"nobody@example.com"_s, u"no callback"_s, u"ignored 999999\n"_s }); // no done

    QTRY_COMPARE_WITH_TIMEOUT(results.size(), codes.size(), 10000);
    for (const Result &r : std::as_const(results)) {
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.error.isEmpty());
        QVERIFY(r.onOwnerThread);
    }
    mailer.waitForIdle();

    const QDir dir(folder);
    const QStringList all = dir.entryList(QDir::Files | QDir::Hidden);
    const QStringList emls = dir.entryList({ u"*.eml"_s }, QDir::Files);
    QCOMPARE(emls.size(), codes.size() + 1);
    QCOMPARE(all.size(), emls.size()); // no leftover temporary files
    static const QRegularExpression name(
        u"^\\d{8}T\\d{9}Z-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.eml$"_s);

    QStringList found;
    for (const QString &fileName : emls) {
        QVERIFY2(name.match(fileName).hasMatch(), qPrintable(fileName));
        QFile file(dir.filePath(fileName));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll();
        QVERIFY(!raw.contains("\r\r"));
        const ParsedMail mail = parseMail(raw);
        QVERIFY(mail.ok);
        static const QRegularExpression codeLine(
            u"^Your code is (\\d{6})\\.$"_s, QRegularExpression::MultilineOption);
        const auto match = codeLine.match(QString::fromUtf8(mail.body));
        if (!match.hasMatch()) {
            QCOMPARE(mail.headers.value("to"), QByteArray("nobody@example.com"));
            continue;
        }
        const QString code = match.captured(1);
        QCOMPARE(mail.headers.value("to"), u"player%1@example.com"_s.arg(code).toUtf8());
        QCOMPARE(decodeHeader(mail.headers.value("subject")), u"Dein Anmeldecode"_s);
        QCOMPARE(mail.body, u"Hallo,\n\nYour code is %1.\n"_s.arg(code).toUtf8());
        found.append(code);
    }
    found.sort();
    QCOMPARE(found, codes);
}

// ---------------------------------------------------------------------------------------------

void TestMailer::makeMailer_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("smtp");
    QTest::newRow("no url") << QUrl() << false;
    QTest::newRow("smtp") << QUrl(u"smtp://127.0.0.1:2525"_s) << true;
    QTest::newRow("smtps") << QUrl(u"smtps://mail.example.com:465"_s) << true;
}

void TestMailer::makeMailer()
{
    QFETCH(QUrl, url);
    QFETCH(bool, smtp);
    MailSettings settings;
    settings.smtpUrl = url;
    const auto mailer = scoreboard::server::makeMailer(settings);
    QVERIFY(mailer);
    QCOMPARE(qobject_cast<SmtpMailer *>(mailer.get()) != nullptr, smtp);
    QCOMPARE(qobject_cast<MailDirMailer *>(mailer.get()) != nullptr, !smtp);
}

// ---------------------------------------------------------------------------------------------

void TestMailer::smtpDeliversToSink()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(&error), qPrintable(error));
    const QString maildir = sink.mailDir();

    MailSettings settings;
    settings.from = kFrom;
    settings.smtpUrl = sink.url();
    settings.startTls = MailSettings::StartTls::Auto;
    settings.timeoutSeconds = 20;
    SmtpMailer mailer(settings);

    const QList<MailMessage> messages {
        { u"alice@example.com"_s, u"Anmeldecode für Alice ✓"_s,
            u"Hallo Alice,\n\nDein Code: 271828\n.\n..two dots\nGrüße\n"_s },
        { u"Bob <bob@example.net>"_s, u"Your code"_s, u"Your code is 314159.\n"_s },
    };
    QList<Result> results;
    for (const MailMessage &m : messages)
        mailer.send(m, recorder(results));
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), messages.size(), 30000);
    for (const Result &r : std::as_const(results)) {
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.error, QString());
        QVERIFY(r.onOwnerThread);
    }
    mailer.waitForIdle();

    const QDir newDir(maildir + u"/new"_s);
    QTRY_COMPARE_WITH_TIMEOUT(newDir.entryList(QDir::Files).size(), messages.size(), 5000);
    QMap<QByteArray, ParsedMail> byTo;
    for (const QString &fileName : newDir.entryList(QDir::Files)) {
        QFile file(newDir.filePath(fileName));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ParsedMail mail = parseMail(file.readAll());
        QVERIFY(mail.ok);
        byTo.insert(mail.headers.value("to"), mail);
    }
    for (const MailMessage &m : messages) {
        QVERIFY2(byTo.contains(m.to.toUtf8()), qPrintable(m.to));
        const ParsedMail &mail = byTo[m.to.toUtf8()];
        QCOMPARE(decodeHeader(mail.headers.value("subject")), m.subject);
        QCOMPARE(mail.headers.value("from"), kFrom.toUtf8());
        QByteArray body = mail.body;
        while (body.endsWith("\n\n")) // a mailbox may add a trailing blank line
            body.chop(1);
        QCOMPARE(body, m.body.toUtf8());
    }
    // The envelope used the bare addresses.
    QCOMPARE(
        byTo[messages[1].to.toUtf8()].headers.value("x-rcptto"), QByteArray("bob@example.net"));
    QCOMPARE(byTo[messages[1].to.toUtf8()].headers.value("x-mailfrom"),
        QByteArray("no-reply@example.org"));
}

void TestMailer::smtpClosedPortFails()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    MailSettings settings;
    settings.smtpUrl = QUrl(u"smtp://127.0.0.1:%1"_s.arg(port));
    settings.timeoutSeconds = 5;
    SmtpMailer mailer(settings);
    QList<Result> results;
    mailer.send(
        { u"alice@example.com"_s, u"Code"_s, u"Your code is 123456.\n"_s }, recorder(results));
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, settings.timeoutSeconds * 1000 + 2000);
    QVERIFY(!results.first().ok);
    QVERIFY(!results.first().error.isEmpty());
    QVERIFY(results.first().onOwnerThread);
    qInfo() << "closed-port error:" << results.first().error;
}

QTEST_GUILESS_MAIN(TestMailer)
#include "tst_mailer.moc"
