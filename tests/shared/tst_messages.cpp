// Every payload of the protocol library, one data-driven slot per message family. Over 600 lines
// because the slot list is the specification of each payload's fields and error messages; a new
// family of messages (events, accounts) goes into a test program of its own.
#include "messages.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace scoreboard::protocol;

namespace scoreboard::protocol {

static char *jsonString(const char *name, const QJsonObject &json)
{
    return qstrdup((name + QJsonDocument(json).toJson(QJsonDocument::Compact)).constData());
}

char *toString(ErrorCode code)
{
    return qstrdup(("ErrorCode(" + errorCodeName(code).toUtf8() + ')').constData());
}

char *toString(Role role)
{
    return qstrdup(("Role(" + roleName(role).toUtf8() + ')').constData());
}

char *toString(const Error &value)
{
    return jsonString("Error", value.toJson());
}

char *toString(const User &value)
{
    return jsonString("User", value.toJson());
}

char *toString(const SignupRequest &value)
{
    return jsonString("SignupRequest", value.toJson());
}

char *toString(const VerifyRequest &value)
{
    return jsonString("VerifyRequest", value.toJson());
}

char *toString(const ResendRequest &value)
{
    return jsonString("ResendRequest", value.toJson());
}

char *toString(const LoginRequest &value)
{
    return jsonString("LoginRequest", value.toJson());
}

char *toString(const LoginReply &value)
{
    return jsonString("LoginReply", value.toJson());
}

char *toString(const ResumeRequest &value)
{
    return jsonString("ResumeRequest", value.toJson());
}

char *toString(const SessionRevoked &value)
{
    return jsonString("SessionRevoked", value.toJson());
}

char *toString(const ChallengeReply &value)
{
    return jsonString("ChallengeReply", value.toJson());
}

char *toString(const ActionRequest &value)
{
    return jsonString("ActionRequest", value.toJson());
}

char *toString(const ActionReply &value)
{
    return jsonString("ActionReply", value.toJson());
}

char *toString(const SubscribeRequest &value)
{
    return jsonString("SubscribeRequest", value.toJson());
}

char *toString(const BoardEntry &value)
{
    return jsonString("BoardEntry", value.toJson());
}

char *toString(const Leaderboard &value)
{
    return jsonString("Leaderboard", value.toJson());
}

char *toString(const MeReply &value)
{
    return jsonString("MeReply", value.toJson());
}

} // namespace scoreboard::protocol

Q_DECLARE_METATYPE(scoreboard::protocol::Role)

namespace {

QString repeated(const QString &unit, int count)
{
    return unit.repeated(count);
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

// Which payload type a test row exercises, and how to push a JSON object through it.
struct Kind
{
    MessageType envelope; ///< the request type that would carry it (used for the envelope trip)
    /// Parses @p input; on success writes the re-encoded JSON and checks value round trips.
    std::function<std::optional<Error>(const QJsonObject &input, QJsonObject *output)> parse;
};

template<typename T> std::optional<Error> parseAs(const QJsonObject &input, QJsonObject *output)
{
    Parsed<T> parsed = T::fromJson(input);
    if (auto *error = std::get_if<Error>(&parsed))
        return *error;
    const T &value = std::get<T>(parsed);
    if (output)
        *output = value.toJson();

    // Value -> JSON -> value must be the identity, directly and through a request envelope.
    Parsed<T> again = T::fromJson(value.toJson());
    if (!std::holds_alternative<T>(again) || !(std::get<T>(again) == value))
        return Error { ErrorCode::Internal, u"value did not survive toJson/fromJson"_s, 0, {} };
    return std::nullopt;
}

const QHash<QString, Kind> &kinds()
{
    static const QHash<QString, Kind> table {
        { u"User"_s, { MessageType::AdminUser, parseAs<User> } },
        { u"SignupRequest"_s, { MessageType::AuthSignup, parseAs<SignupRequest> } },
        { u"VerifyRequest"_s, { MessageType::AuthVerify, parseAs<VerifyRequest> } },
        { u"ResendRequest"_s, { MessageType::AuthResend, parseAs<ResendRequest> } },
        { u"LoginRequest"_s, { MessageType::AuthLogin, parseAs<LoginRequest> } },
        { u"LoginReply"_s, { MessageType::AuthLogin, parseAs<LoginReply> } },
        { u"ResumeRequest"_s, { MessageType::AuthResume, parseAs<ResumeRequest> } },
        { u"SessionRevoked"_s, { MessageType::AuthLogout, parseAs<SessionRevoked> } },
        { u"ChallengeReply"_s, { MessageType::ScoreChallenge, parseAs<ChallengeReply> } },
        { u"ActionRequest"_s, { MessageType::ScoreAction, parseAs<ActionRequest> } },
        { u"ActionReply"_s, { MessageType::ScoreAction, parseAs<ActionReply> } },
        { u"SubscribeRequest"_s, { MessageType::LeaderboardSubscribe, parseAs<SubscribeRequest> } },
        { u"BoardEntry"_s, { MessageType::LeaderboardSubscribe, parseAs<BoardEntry> } },
        { u"Leaderboard"_s, { MessageType::LeaderboardSubscribe, parseAs<Leaderboard> } },
        { u"MeReply"_s, { MessageType::LeaderboardMe, parseAs<MeReply> } },
    };
    return table;
}

const QString kEmoji = u"🦊"_s; // one code point, two UTF-16 units

const QJsonObject kUser { { u"id"_s, 42 }, { u"email"_s, u"alice@example.com"_s },
    { u"displayName"_s, u"Alice"_s }, { u"role"_s, u"player"_s } };
const QJsonObject kSignup { { u"email"_s, u"alice@example.com"_s },
    { u"password"_s, u"vN4#pQ9!zL2w"_s }, { u"displayName"_s, u"Alice"_s } };
const QJsonObject kVerify { { u"email"_s, u"alice@example.com"_s }, { u"code"_s, u"042917"_s } };
const QJsonObject kResend { { u"email"_s, u"alice@example.com"_s } };
const QJsonObject kLogin { { u"email"_s, u"alice@example.com"_s },
    { u"password"_s, u"vN4#pQ9!zL2w"_s }, { u"deviceId"_s, u"3f2a-9c1e"_s },
    { u"deviceName"_s, u"Alice's laptop"_s } };
const QJsonObject kLoginReply { { u"token"_s, u"tok_abc.DEF-123"_s }, { u"user"_s, kUser } };
const QJsonObject kResume { { u"token"_s, u"tok_abc.DEF-123"_s },
    { u"deviceId"_s, u"3f2a-9c1e"_s } };
const QJsonObject kRevoked { { u"reason"_s, u"signed_in_elsewhere"_s } };
const QJsonObject kChallenge { { u"challengeId"_s, u"ch_9f2c-41.Zq"_s }, { u"notBeforeMs"_s, 250 },
    { u"expiresInMs"_s, 30000 } };
const QJsonObject kAction { { u"challengeId"_s, u"ch_9f2c-41.Zq"_s } };
const QJsonObject kActionReply { { u"incrementId"_s, 1001 }, { u"delta"_s, 3 }, { u"score"_s, 42 },
    { u"rank"_s, 7 } };
const QJsonObject kSubscribe { { u"limit"_s, 25 } };
const QJsonObject kEntry { { u"rank"_s, 1 }, { u"userId"_s, 42 }, { u"displayName"_s, u"Alice"_s },
    { u"score"_s, 120 } };
const QJsonObject kMe { { u"rank"_s, 3 }, { u"score"_s, 99 } };

/// A valid board of @p rows rows: ranks 1..rows, distinct users, falling scores.
QJsonObject board(qint64 version, int rows)
{
    QJsonArray top;
    for (int i = 0; i < rows; ++i) {
        top.append(QJsonObject { { u"rank"_s, i + 1 }, { u"userId"_s, 1000 + i },
            { u"displayName"_s, u"Player %1"_s.arg(i + 1) }, { u"score"_s, 10000 - 7 * i } });
    }
    return QJsonObject { { u"version"_s, version }, { u"top"_s, top } };
}

/// @p json with row @p index of its `top` replaced by @p row.
QJsonObject withRow(QJsonObject json, int index, const QJsonValue &row)
{
    QJsonArray top = json.value(u"top"_s).toArray();
    top.replace(index, row);
    json.insert(u"top"_s, top);
    return json;
}

} // namespace

class TestMessages : public QObject
{
    Q_OBJECT

private slots:
    void roleNames_data();
    void roleNames();
    void normalizeEmail_data();
    void normalizeEmail();
    void isValidEmail_data();
    void isValidEmail();

    void passwordListResource();
    void isCommonPassword_data();
    void isCommonPassword();
    void checkPassword_data();
    void checkPassword();

    void roundTrip_data();
    void roundTrip();
    void scoringValuesRoundTrip();
    void userDetailsOfACheckersViewHaveNoEmail();
    void playerProfileScoresAreOptional();
    void fromJsonRejects_data();
    void fromJsonRejects();
};

void TestMessages::roleNames_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("name");

    QTest::addRow("player") << Role::Player << u"player"_s;
    QTest::addRow("checker") << Role::Checker << u"checker"_s;
    QTest::addRow("admin") << Role::Admin << u"admin"_s;
}

void TestMessages::roleNames()
{
    QFETCH(Role, role);
    QFETCH(QString, name);

    QCOMPARE(roleName(role), name);
    QCOMPARE(roleFromName(name).value_or(Role(-1)), role);
    QVERIFY(!roleFromName(name.toUpper()));
    QVERIFY(!roleFromName(name + u' '));
}

void TestMessages::normalizeEmail_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("already normal") << u"a@b.co"_s << u"a@b.co"_s;
    QTest::addRow("upper case") << u"Alice@Example.COM"_s << u"alice@example.com"_s;
    QTest::addRow("surrounding space") << u"  bob@x.io \t\n"_s << u"bob@x.io"_s;
    QTest::addRow("non-ASCII upper case") << u"ÉLODIE@Exemple.FR"_s << u"élodie@exemple.fr"_s;
    QTest::addRow("inner space kept") << u" a b@x.io "_s << u"a b@x.io"_s;
}

void TestMessages::normalizeEmail()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    QCOMPARE(scoreboard::protocol::normalizeEmail(input), expected);
}

void TestMessages::isValidEmail_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");

    const QString local64 = repeated(u"l"_s, 64);
    // local (64) + '@' + domain = 254 characters in total.
    const QString domain189 = repeated(u"d"_s, 60) + u'.' + repeated(u"e"_s, 60) + u'.'
        + repeated(u"f"_s, 63) + u".com"_s;

    QTest::addRow("simple") << u"a@b.co"_s << true;
    QTest::addRow("dotted local") << u"first.last@example.com"_s << true;
    QTest::addRow("plus tag") << u"user+tag@sub.example.org"_s << true;
    QTest::addRow("hyphenated domain") << u"a-b@my-host.io"_s << true;
    QTest::addRow("digits") << u"123@456.co"_s << true;
    QTest::addRow("non-ASCII") << u"δοκιμή@παράδειγμα.δοκιμή"_s << true;
    QTest::addRow("punycode") << u"a@xn--bcher-kva.example"_s << true;
    QTest::addRow("local of 64") << local64 + u"@x.io"_s << true;
    QTest::addRow("254 characters") << local64 + u'@' + domain189 << true;

    QTest::addRow("empty") << QString() << false;
    QTest::addRow("no at") << u"alice.example.com"_s << false;
    QTest::addRow("a@b") << u"a@b"_s << false;
    QTest::addRow("@x.com") << u"@x.com"_s << false;
    QTest::addRow("a@") << u"a@"_s << false;
    QTest::addRow("a b@x.com") << u"a b@x.com"_s << false;
    QTest::addRow("a@@x.com") << u"a@@x.com"_s << false;
    QTest::addRow("a@b@x.com") << u"a@b@x.com"_s << false;
    QTest::addRow("a@x..com") << u"a@x..com"_s << false;
    QTest::addRow(".a@x.com") << u".a@x.com"_s << false;
    QTest::addRow("a.@x.com") << u"a.@x.com"_s << false;
    QTest::addRow("a@.x.com") << u"a@.x.com"_s << false;
    QTest::addRow("a@x.com.") << u"a@x.com."_s << false;
    QTest::addRow("one-letter TLD") << u"a@x.c"_s << false;
    QTest::addRow("underscore in domain") << u"a@x_y.com"_s << false;
    QTest::addRow("space in domain") << u"a@x .com"_s << false;
    QTest::addRow("tab") << u"a\t@x.com"_s << false;
    QTest::addRow("trailing newline") << u"a@x.com\n"_s << false;
    QTest::addRow("NUL") << QStringView(u"a\0@x.com", 8).toString() << false;
    QTest::addRow("no-break space") << u"a\u00a0b@x.com"_s << false;
    QTest::addRow("DEL") << u"a\u007f@x.com"_s << false;
    QTest::addRow("local of 65") << local64 + u"l@x.io"_s << false;
    QTest::addRow("255 characters") << local64 + u"@g"_s + domain189 << false;
    // Characters that would change the SMTP envelope or a mail header (RCPT TO:<...>, "Name
    // <addr>", address lists, quoted strings, source routes) or hide what the address says.
    QTest::addRow("apostrophe") << u"o'brien@x.io"_s << true;
    QTest::addRow("atext specials") << u"a#$&*/=?^_`{|}~-b@x.io"_s << true;
    QTest::addRow("less-than") << u"a<b@x.io"_s << false;
    QTest::addRow("greater-than") << u"a>b@x.io"_s << false;
    QTest::addRow("angle brackets around") << u"<a@x.io>"_s << false;
    QTest::addRow("second recipient in brackets") << u"a@x.io>,<evil@y.io"_s << false;
    QTest::addRow("CR inside") << u"a\rb@x.io"_s << false;
    QTest::addRow("LF inside") << u"a\nb@x.io"_s << false;
    QTest::addRow("CRLF and header") << u"a@x.io\r\nBcc: evil@y.io"_s << false;
    QTest::addRow("comma") << u"a,b@x.io"_s << false;
    QTest::addRow("semicolon") << u"a;b@x.io"_s << false;
    QTest::addRow("colon") << u"a:b@x.io"_s << false;
    QTest::addRow("double quote") << u"\"a\"@x.io"_s << false;
    QTest::addRow("parentheses (comment)") << u"a(b)@x.io"_s << false;
    QTest::addRow("backslash") << u"a\\b@x.io"_s << false;
    QTest::addRow("square brackets") << u"a[b]@x.io"_s << false;
    QTest::addRow("percent (source route)") << u"a%y.io@x.io"_s << false;
    QTest::addRow("bang path") << u"y!a@x.io"_s << false;
    QTest::addRow("two dots in local part") << u"a..b@x.io"_s << false;
    QTest::addRow("zero-width space") << u"a\u200bb@x.io"_s << false;
    QTest::addRow("right-to-left override") << u"a\u202eb@x.io"_s << false;
    QTest::addRow("soft hyphen in domain") << u"a@x\u00ady.io"_s << false;
}

void TestMessages::isValidEmail()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);

    QCOMPARE(scoreboard::protocol::isValidEmail(email), valid);
}

void TestMessages::passwordListResource()
{
    QFile file(u":/scoreboard/shared/common-passwords.txt"_s);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    QVERIFY2(lines.first().startsWith(u'#'), "the list starts with a comment saying what it is");

    int entries = 0;
    for (const QString &line : lines) {
        if (line.startsWith(u'#'))
            continue;
        ++entries;
        QVERIFY2(line == line.trimmed(), qPrintable(line));
        QVERIFY2(line == line.toLower(), qPrintable(line));
        QVERIFY2(line.toUcs4().size() >= limits::PasswordMin, qPrintable(line));
        QVERIFY2(scoreboard::protocol::isCommonPassword(line), qPrintable(line));
    }
    QVERIFY2(entries >= 300, qPrintable(QString::number(entries)));
}

void TestMessages::isCommonPassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("common");

    QTest::addRow("password") << u"password"_s << true;
    QTest::addRow("PASSWORD1") << u"PASSWORD1"_s << true;
    QTest::addRow("12345678") << u"12345678"_s << true;
    QTest::addRow("qwertyuiop") << u"qwertyuiop"_s << true;
    QTest::addRow("Trustno1") << u"Trustno1"_s << true;
    QTest::addRow("iLoveYou") << u"iLoveYou"_s << true;
    QTest::addRow("1q2w3e4r") << u"1q2w3e4r"_s << true;
    QTest::addRow("strong random") << u"vN4#pQ9!zL2w"_s << false;
    QTest::addRow("passphrase") << u"correct horse battery staple"_s << false;
    QTest::addRow("comment line is not an entry") << u"# Common leaked passwords"_s << false;
    QTest::addRow("empty") << QString() << false;
}

void TestMessages::isCommonPassword()
{
    QFETCH(QString, password);
    QFETCH(bool, common);

    QCOMPARE(scoreboard::protocol::isCommonPassword(password), common);
}

void TestMessages::checkPassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("problem"); // empty when the password must be accepted

    const QString email = u"alice.smith@example.com"_s;
    const QString name = u"Alice"_s;
    const QString strong = u"vN4#pQ9!zL2w"_s;

    QTest::addRow("strong") << strong << email << name << QString();
    QTest::addRow("strong, no email or name") << strong << QString() << QString() << QString();
    QTest::addRow("empty") << QString() << email << name << u"at least 8 characters"_s;
    QTest::addRow("7 characters") << u"Zx9!kQ2"_s << email << name << u"at least 8 characters"_s;
    QTest::addRow("exactly 8") << u"Zx9!kQ2m"_s << email << name << QString();
    QTest::addRow("exactly 128") << repeated(u"Zx9!kQ2m"_s, 16) << email << name << QString();
    QTest::addRow("129") << repeated(u"Zx9!kQ2m"_s, 16) + u'x' << email << name
                         << u"at most 128 characters"_s;
    QTest::addRow("8 emoji (16 UTF-16 units)") << repeated(kEmoji, 8) << email << name << QString();
    QTest::addRow("7 emoji (14 UTF-16 units)")
        << repeated(kEmoji, 7) << email << name << u"at least 8 characters"_s;
    QTest::addRow("128 emoji") << repeated(kEmoji, 128) << email << name << QString();
    QTest::addRow("129 emoji") << repeated(kEmoji, 129) << email << name
                               << u"at most 128 characters"_s;
    QTest::addRow("common") << u"password1"_s << email << name << u"this password is too common"_s;
    QTest::addRow("common, upper case")
        << u"PASSWORD1"_s << email << name << u"this password is too common"_s;
    QTest::addRow("common, mixed case")
        << u"QwErTy123"_s << email << name << u"this password is too common"_s;
    QTest::addRow("equals email") << email << email << name << u"email"_s;
    QTest::addRow("equals email, other case")
        << u"Alice.Smith@Example.com"_s << email << name << u"email"_s;
    QTest::addRow("equals email local part") << u"ALICE.SMITH"_s << email << name << u"email"_s;
    QTest::addRow("equals display name")
        << u"Captain Kirk 77"_s << email << u"captain kirk 77"_s << u"display name"_s;
    QTest::addRow("contains display name is fine")
        << u"Captain Kirk 77!"_s << email << u"captain kirk 77"_s << QString();
}

void TestMessages::checkPassword()
{
    QFETCH(QString, password);
    QFETCH(QString, email);
    QFETCH(QString, displayName);
    QFETCH(QString, problem);

    const std::optional<Error> error
        = scoreboard::protocol::checkPassword(password, email, displayName);
    if (problem.isEmpty()) {
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
        return;
    }
    QVERIFY2(error, "a weak password was accepted");
    QCOMPARE(error->code, ErrorCode::WeakPassword);
    QVERIFY2(error->message.contains(problem), qPrintable(error->message));
}

void TestMessages::roundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QJsonObject>("expected"); // the normalized form toJson must produce

    QTest::addRow("User") << u"User"_s << kUser << kUser;
    QTest::addRow("User checker") << u"User"_s << with(kUser, u"role"_s, u"checker"_s)
                                  << with(kUser, u"role"_s, u"checker"_s);
    QTest::addRow("User admin, largest id")
        << u"User"_s << with(with(kUser, u"role"_s, u"admin"_s), u"id"_s, 9007199254740991.0)
        << with(with(kUser, u"role"_s, u"admin"_s), u"id"_s, qint64(9007199254740991));
    QTest::addRow("SignupRequest") << u"SignupRequest"_s << kSignup << kSignup;
    QTest::addRow("SignupRequest normalizes")
        << u"SignupRequest"_s
        << with(with(kSignup, u"email"_s, u"  Alice@Example.COM "_s), u"displayName"_s,
               u"  Alice  "_s)
        << kSignup;
    QTest::addRow("SignupRequest ignores extra fields")
        << u"SignupRequest"_s << with(kSignup, u"newsletter"_s, true) << kSignup;
    QTest::addRow("SignupRequest 32 code points")
        << u"SignupRequest"_s << with(kSignup, u"displayName"_s, repeated(u"n"_s, 32))
        << with(kSignup, u"displayName"_s, repeated(u"n"_s, 32));
    QTest::addRow("SignupRequest displayName to NFC")
        << u"SignupRequest"_s << with(kSignup, u"displayName"_s, u"Zoe\u0301"_s)
        << with(kSignup, u"displayName"_s, u"Zo\u00e9"_s);
    QTest::addRow("SignupRequest 32 emoji")
        << u"SignupRequest"_s << with(kSignup, u"displayName"_s, repeated(kEmoji, 32))
        << with(kSignup, u"displayName"_s, repeated(kEmoji, 32));
    QTest::addRow("SignupRequest weak password passes this layer")
        << u"SignupRequest"_s << with(kSignup, u"password"_s, u"short"_s)
        << with(kSignup, u"password"_s, u"short"_s);
    QTest::addRow("SignupRequest 1024-character password")
        << u"SignupRequest"_s << with(kSignup, u"password"_s, repeated(u"p"_s, 1024))
        << with(kSignup, u"password"_s, repeated(u"p"_s, 1024));
    QTest::addRow("VerifyRequest") << u"VerifyRequest"_s << kVerify << kVerify;
    QTest::addRow("VerifyRequest 000000")
        << u"VerifyRequest"_s << with(kVerify, u"code"_s, u"000000"_s)
        << with(kVerify, u"code"_s, u"000000"_s);
    QTest::addRow("ResendRequest") << u"ResendRequest"_s << kResend << kResend;
    QTest::addRow("ResendRequest normalizes")
        << u"ResendRequest"_s << with(kResend, u"email"_s, u"ALICE@EXAMPLE.COM"_s) << kResend;
    QTest::addRow("LoginRequest") << u"LoginRequest"_s << kLogin << kLogin;
    QTest::addRow("LoginRequest without deviceName")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, QJsonValue::Undefined)
        << with(kLogin, u"deviceName"_s, QJsonValue::Undefined);
    QTest::addRow("LoginRequest empty deviceName omitted")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, QString())
        << with(kLogin, u"deviceName"_s, QJsonValue::Undefined);
    QTest::addRow("LoginRequest 128-character deviceId")
        << u"LoginRequest"_s << with(kLogin, u"deviceId"_s, repeated(u"!~"_s, 64))
        << with(kLogin, u"deviceId"_s, repeated(u"!~"_s, 64));
    QTest::addRow("LoginRequest 64-character deviceName")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, repeated(u"Pixel 9 "_s, 8))
        << with(kLogin, u"deviceName"_s, repeated(u"Pixel 9 "_s, 8));
    QTest::addRow("LoginReply") << u"LoginReply"_s << kLoginReply << kLoginReply;
    QTest::addRow("LoginReply 256-character token")
        << u"LoginReply"_s << with(kLoginReply, u"token"_s, repeated(u"t"_s, 256))
        << with(kLoginReply, u"token"_s, repeated(u"t"_s, 256));
    QTest::addRow("ResumeRequest") << u"ResumeRequest"_s << kResume << kResume;
    QTest::addRow("SessionRevoked") << u"SessionRevoked"_s << kRevoked << kRevoked;
    QTest::addRow("SessionRevoked logged_out")
        << u"SessionRevoked"_s << QJsonObject { { u"reason"_s, u"logged_out"_s } }
        << QJsonObject { { u"reason"_s, u"logged_out"_s } };

    QTest::addRow("ChallengeReply") << u"ChallengeReply"_s << kChallenge << kChallenge;
    QTest::addRow("ChallengeReply 64-character id, notBeforeMs 0")
        << u"ChallengeReply"_s
        << with(with(kChallenge, u"challengeId"_s, repeated(u"c"_s, 64)), u"notBeforeMs"_s, 0)
        << with(with(kChallenge, u"challengeId"_s, repeated(u"c"_s, 64)), u"notBeforeMs"_s, 0);
    QTest::addRow("ActionRequest") << u"ActionRequest"_s << kAction << kAction;
    QTest::addRow("ActionRequest 1-character id")
        << u"ActionRequest"_s << with(kAction, u"challengeId"_s, u"x"_s)
        << with(kAction, u"challengeId"_s, u"x"_s);
    QTest::addRow("ActionReply") << u"ActionReply"_s << kActionReply << kActionReply;
    QTest::addRow("ActionReply negative delta and score, rank 0")
        << u"ActionReply"_s
        << with(with(with(kActionReply, u"delta"_s, -5), u"score"_s, -2), u"rank"_s, 0)
        << with(with(with(kActionReply, u"delta"_s, -5), u"score"_s, -2), u"rank"_s, 0);
    QTest::addRow("ActionReply largest incrementId")
        << u"ActionReply"_s << with(kActionReply, u"incrementId"_s, 9007199254740991.0)
        << with(kActionReply, u"incrementId"_s, qint64(9007199254740991));
    QTest::addRow("SubscribeRequest") << u"SubscribeRequest"_s << kSubscribe << kSubscribe;
    QTest::addRow("SubscribeRequest limit absent -> 10")
        << u"SubscribeRequest"_s << QJsonObject {} << QJsonObject { { u"limit"_s, 10 } };
    QTest::addRow("SubscribeRequest limit 1")
        << u"SubscribeRequest"_s << QJsonObject { { u"limit"_s, 1 } }
        << QJsonObject { { u"limit"_s, 1 } };
    QTest::addRow("SubscribeRequest limit 100")
        << u"SubscribeRequest"_s << QJsonObject { { u"limit"_s, 100 } }
        << QJsonObject { { u"limit"_s, 100 } };
    QTest::addRow("SubscribeRequest limit 100.0")
        << u"SubscribeRequest"_s << QJsonObject { { u"limit"_s, 100.0 } }
        << QJsonObject { { u"limit"_s, 100 } };
    QTest::addRow("SubscribeRequest ignores extra fields")
        << u"SubscribeRequest"_s << with(kSubscribe, u"sort"_s, u"asc"_s) << kSubscribe;
    QTest::addRow("BoardEntry") << u"BoardEntry"_s << kEntry << kEntry;
    QTest::addRow("BoardEntry emoji name, negative score")
        << u"BoardEntry"_s
        << with(with(kEntry, u"displayName"_s, repeated(kEmoji, 3)), u"score"_s, -4)
        << with(with(kEntry, u"displayName"_s, repeated(kEmoji, 3)), u"score"_s, -4);
    QTest::addRow("Leaderboard 0 rows") << u"Leaderboard"_s << board(0, 0) << board(0, 0);
    QTest::addRow("Leaderboard 1 row") << u"Leaderboard"_s << board(1, 1) << board(1, 1);
    QTest::addRow("Leaderboard 100 rows") << u"Leaderboard"_s << board(77, 100) << board(77, 100);
    QTest::addRow("Leaderboard largest version")
        << u"Leaderboard"_s << with(board(0, 2), u"version"_s, 9007199254740991.0)
        << with(board(0, 2), u"version"_s, qint64(9007199254740991));
    QTest::addRow("MeReply") << u"MeReply"_s << kMe << kMe;
    QTest::addRow("MeReply unranked")
        << u"MeReply"_s << QJsonObject { { u"rank"_s, 0 }, { u"score"_s, 0 } }
        << QJsonObject { { u"rank"_s, 0 }, { u"score"_s, 0 } };
}

void TestMessages::roundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, input);
    QFETCH(QJsonObject, expected);

    QVERIFY2(kinds().contains(kind), qPrintable(kind));
    const Kind &parser = kinds()[kind];

    QJsonObject output;
    const std::optional<Error> error = parser.parse(input, &output);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(output, expected);

    // The same payload carried by a request envelope must arrive intact.
    const auto decoded = decodeRequest(Request { 5, parser.envelope, output }.encode());
    QVERIFY(std::holds_alternative<Request>(decoded));
    QJsonObject afterWire;
    QVERIFY(!parser.parse(std::get<Request>(decoded).data, &afterWire));
    QCOMPARE(afterWire, expected);
}

namespace {

/// Value -> toJson -> fromJson must give back an equal value.
template<typename T> void checkValueRoundTrip(const T &value)
{
    Parsed<T> parsed = T::fromJson(value.toJson());
    if (const auto *error = std::get_if<Error>(&parsed))
        QFAIL(qPrintable(u"rejected %1: %2"_s.arg(json(value.toJson()), error->message)));
    QCOMPARE(std::get<T>(parsed), value);
}

Leaderboard boardOf(qint64 version, int rows)
{
    Leaderboard board;
    board.version = version;
    for (int i = 0; i < rows; ++i)
        board.top.append(BoardEntry { i + 1, 500 + i, u"P%1"_s.arg(i) + kEmoji, 900 - 3 * i });
    return board;
}

} // namespace

// Stops the test function at the first failing value.
#define CHECK_VALUE_ROUND_TRIP(...)                                                                \
    do {                                                                                           \
        checkValueRoundTrip(__VA_ARGS__);                                                          \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

void TestMessages::userDetailsOfACheckersViewHaveNoEmail()
{
    const QJsonObject checkersView { { u"id"_s, 7 }, { u"displayName"_s, u"Ada"_s },
        { u"role"_s, u"player"_s }, { u"verified"_s, true }, { u"suspended"_s, false },
        { u"createdAt"_s, u"2024-01-01T00:00:00.000Z"_s } };
    const auto parsed = UserDetails::fromJson(checkersView);
    QVERIFY(std::holds_alternative<UserDetails>(parsed));
    const UserDetails details = std::get<UserDetails>(parsed);
    QCOMPARE(details.user.id, 7);
    QCOMPARE(details.user.email, QString());
    QCOMPARE(details.user.displayName, u"Ada"_s);
    QVERIFY(details.verified);
    // An address that is there is still checked, and the other fields too.
    QVERIFY(std::holds_alternative<Error>(
        UserDetails::fromJson(with(checkersView, u"email"_s, u"not an address"_s))));
    QVERIFY(std::holds_alternative<Error>(
        UserDetails::fromJson(with(checkersView, u"displayName"_s, QString()))));
}

void TestMessages::playerProfileScoresAreOptional()
{
    PlayerProfile profile;
    profile.user.user = { 7, u"ada@example.com"_s, u"Ada"_s, Role::Player };
    profile.score = 30;
    profile.ledgerScore = 30;
    profile.scores = { { u"main"_s, 1, 10 }, { u"derby"_s, 2, 20 } };
    const QJsonObject json = profile.toJson();
    QCOMPARE(json.value(u"scores"_s).toArray().size(), 2);
    const auto parsed = PlayerProfile::fromJson(json);
    QVERIFY(std::holds_alternative<PlayerProfile>(parsed));
    QCOMPARE(std::get<PlayerProfile>(parsed), profile);
    // A server from before the per-event totals sends none: still a page, with no totals.
    QJsonObject older = json;
    older.remove(u"scores"_s);
    const auto parsedOlder = PlayerProfile::fromJson(older);
    QVERIFY(std::holds_alternative<PlayerProfile>(parsedOlder));
    QVERIFY(std::get<PlayerProfile>(parsedOlder).scores.isEmpty());
    // Present, it is still checked.
    QVERIFY(std::holds_alternative<Error>(
        PlayerProfile::fromJson(with(json, u"scores"_s, u"lots"_s))));
}

void TestMessages::scoringValuesRoundTrip()
{
    CHECK_VALUE_ROUND_TRIP(ChallengeReply { u"ch-1.A_b~"_s, 300, 60000 });
    CHECK_VALUE_ROUND_TRIP(ChallengeReply { repeated(u"z"_s, 64), 0, 1 });
    CHECK_VALUE_ROUND_TRIP(ActionRequest { u"ch-1.A_b~"_s });
    CHECK_VALUE_ROUND_TRIP(ActionReply { 77, 5, 1234, 2 });
    CHECK_VALUE_ROUND_TRIP(ActionReply { 9007199254740991, -9007199254740991, -1, 0 });
    CHECK_VALUE_ROUND_TRIP(SubscribeRequest {});
    CHECK_VALUE_ROUND_TRIP(SubscribeRequest { 1 });
    CHECK_VALUE_ROUND_TRIP(SubscribeRequest { 100 });
    CHECK_VALUE_ROUND_TRIP(BoardEntry { 1, 42, u"Alice"_s, 120 });
    CHECK_VALUE_ROUND_TRIP(MeReply {});
    CHECK_VALUE_ROUND_TRIP(MeReply { 3, 99 });
    for (const int rows : { 0, 1, 100 }) {
        const Leaderboard board = boardOf(rows * 11, rows);
        QCOMPARE(board.top.size(), qsizetype(rows));
        CHECK_VALUE_ROUND_TRIP(board);
    }

    // The default limit is what an empty request means.
    QCOMPARE(SubscribeRequest {}.limit, limits::LeaderboardLimitDefault);
    const Parsed<SubscribeRequest> empty = SubscribeRequest::fromJson({});
    QVERIFY(std::holds_alternative<SubscribeRequest>(empty));
    QCOMPARE(std::get<SubscribeRequest>(empty), SubscribeRequest { 10 });
}

void TestMessages::fromJsonRejects_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("problem"); // part of the message, naming the field

    const QJsonValue missing = QJsonValue::Undefined;
    const QString notAddress = u"email is not a valid address"_s;

    auto addEmailRows = [&](const QString &kind, const QJsonObject &valid) {
        auto row = [&](const char *name, const QJsonValue &value, const QString &problem) {
            QTest::addRow("%s: email %s", qPrintable(kind), name)
                << kind << with(valid, u"email"_s, value) << problem;
        };
        row("missing", missing, u"email is required"_s);
        row("number", 5, u"email must be a string"_s);
        row("null", QJsonValue::Null, u"email must be a string"_s);
        row("array", QJsonArray { u"a@b.co"_s }, u"email must be a string"_s);
        row("empty", QString(), notAddress);
        row("a@b", u"a@b"_s, notAddress);
        row("@x.com", u"@x.com"_s, notAddress);
        row("a b@x.com", u"a b@x.com"_s, notAddress);
        row("a@@x.com", u"a@@x.com"_s, notAddress);
        row("a@x..com", u"a@x..com"_s, notAddress);
        row(".a@x.com", u".a@x.com"_s, notAddress);
        row("with angle brackets", u"a@x.io>,<evil@y.io"_s, notAddress);
        row("with a header after CRLF", u"a@x.io\r\nBcc: evil@y.io"_s, notAddress);
        row("too long", repeated(u"a"_s, 64) + u'@' + repeated(u"b"_s, 187) + u".com"_s,
            notAddress);
    };
    addEmailRows(u"SignupRequest"_s, kSignup);
    addEmailRows(u"VerifyRequest"_s, kVerify);
    addEmailRows(u"ResendRequest"_s, kResend);
    addEmailRows(u"LoginRequest"_s, kLogin);
    addEmailRows(u"User"_s, kUser);

    auto addPasswordRows = [&](const QString &kind, const QJsonObject &valid) {
        auto row = [&](const char *name, const QJsonValue &value, const QString &problem) {
            QTest::addRow("%s: password %s", qPrintable(kind), name)
                << kind << with(valid, u"password"_s, value) << problem;
        };
        row("missing", missing, u"password is required"_s);
        row("number", 12345678, u"password must be a string"_s);
        row("null", QJsonValue::Null, u"password must be a string"_s);
        row("1025 characters", repeated(u"p"_s, 1025), u"password must be at most 1024"_s);
    };
    addPasswordRows(u"SignupRequest"_s, kSignup);
    addPasswordRows(u"LoginRequest"_s, kLogin);

    auto addDisplayNameRows = [&](const QString &kind, const QJsonObject &valid) {
        auto row = [&](const char *name, const QJsonValue &value, const QString &problem) {
            QTest::addRow("%s: displayName %s", qPrintable(kind), name)
                << kind << with(valid, u"displayName"_s, value) << problem;
        };
        const QString length = u"displayName must be between 1 and 32"_s;
        const QString control = u"displayName must not contain control characters"_s;
        row("missing", missing, u"displayName is required"_s);
        row("number", 1, u"displayName must be a string"_s);
        row("empty", QString(), length);
        row("only spaces", u"   "_s, length);
        row("33 code points", repeated(u"n"_s, 33), length);
        row("33 emoji", repeated(kEmoji, 33), length);
        row("newline", u"Al\nice"_s, control);
        row("tab", u"Al\tice"_s, control);
        row("BEL", u"Al\u0007ice"_s, control);
        row("DEL", u"Al\u007fice"_s, control);
        row("C1 control", u"Al\u0085ice"_s, control);
        row("unpaired surrogate", u"Al"_s + QChar(0xd83e) + u"ice"_s, control);
        const QString format = u"displayName must not contain invisible formatting characters"_s;
        row("right-to-left override", u"Al\u202eecila"_s, format);
        row("left-to-right isolate", u"Al\u2066ice"_s, format);
        row("zero-width space", u"Al\u200bice"_s, format);
        row("zero-width joiner", u"Al\u200dice"_s, format);
        row("byte order mark", u"\ufeffAlice"_s, format);
        row("soft hyphen", u"Al\u00adice"_s, format);
        row("line separator", u"Al\u2028ice"_s, format);
    };
    addDisplayNameRows(u"SignupRequest"_s, kSignup);
    addDisplayNameRows(u"User"_s, kUser);

    auto addCodeRow = [&](const char *name, const QJsonValue &value, const QString &problem) {
        QTest::addRow("VerifyRequest: code %s", name)
            << u"VerifyRequest"_s << with(kVerify, u"code"_s, value) << problem;
    };
    const QString sixDigits = u"code must be exactly 6 digits"_s;
    addCodeRow("missing", missing, u"code is required"_s);
    addCodeRow("as a number", 123456, u"code must be a string"_s);
    addCodeRow("empty", QString(), sixDigits);
    addCodeRow("12345", u"12345"_s, sixDigits);
    addCodeRow("1234567", u"1234567"_s, sixDigits);
    addCodeRow("12a456", u"12a456"_s, sixDigits);
    addCodeRow("full-width digits", u"１２３４５６"_s, sixDigits);
    addCodeRow("Arabic-Indic digits", u"١٢٣٤٥٦"_s, sixDigits);
    addCodeRow("leading space", u" 123456"_s, sixDigits);
    addCodeRow("signed", u"-12345"_s, sixDigits);

    auto addAsciiRows
        = [&](const QString &kind, const QJsonObject &valid, const QString &field, int max) {
              auto row = [&](const char *name, const QJsonValue &value, const QString &problem) {
                  QTest::addRow("%s: %s %s", qPrintable(kind), qPrintable(field), name)
                      << kind << with(valid, field, value) << field + u' ' + problem;
              };
              row("missing", missing, u"is required"_s);
              row("number", 7, u"must be a string"_s);
              row("empty", QString(), u"must not be empty"_s);
              row("too long", repeated(u"x"_s, max + 1), u"must be at most %1"_s.arg(max));
              row("space", u"abc def"_s, u"must contain only printable ASCII"_s);
              row("control character", u"abc\u0001def"_s, u"must contain only printable ASCII"_s);
              row("DEL", u"abc\u007f"_s, u"must contain only printable ASCII"_s);
              row("non-ASCII", u"abcé"_s, u"must contain only printable ASCII"_s);
          };
    addAsciiRows(u"LoginRequest"_s, kLogin, u"deviceId"_s, limits::DeviceIdMax);
    addAsciiRows(u"ResumeRequest"_s, kResume, u"deviceId"_s, limits::DeviceIdMax);
    addAsciiRows(u"ResumeRequest"_s, kResume, u"token"_s, limits::TokenMax);
    addAsciiRows(u"LoginReply"_s, kLoginReply, u"token"_s, limits::TokenMax);

    QTest::addRow("LoginRequest: deviceName number")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, 3)
        << u"deviceName must be a string"_s;
    QTest::addRow("LoginRequest: deviceName null")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, QJsonValue::Null)
        << u"deviceName must be a string"_s;
    QTest::addRow("LoginRequest: deviceName 65 characters")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, repeated(u"d"_s, 65))
        << u"deviceName must be at most 64"_s;
    QTest::addRow("LoginRequest: deviceName newline")
        << u"LoginRequest"_s << with(kLogin, u"deviceName"_s, u"my\nphone"_s)
        << u"deviceName must not contain control characters"_s;

    auto addUserRow = [&](const char *name, const QString &field, const QJsonValue &value,
                          const QString &problem) {
        QTest::addRow("User: %s", name) << u"User"_s << with(kUser, field, value) << problem;
    };
    const QString badId = u"id must be a positive integer"_s;
    addUserRow("id missing", u"id"_s, missing, u"id is required"_s);
    addUserRow("id 0", u"id"_s, 0, badId);
    addUserRow("id -1", u"id"_s, -1, badId);
    addUserRow("id 1.5", u"id"_s, 1.5, badId);
    addUserRow("id string", u"id"_s, u"42"_s, badId);
    addUserRow("id 2^53", u"id"_s, 9007199254740992.0, badId);
    addUserRow("role missing", u"role"_s, missing, u"role is required"_s);
    addUserRow("role number", u"role"_s, 2, u"role must be a string"_s);
    addUserRow("role unknown", u"role"_s, u"root"_s, u"role must be one of"_s);
    addUserRow("role upper case", u"role"_s, u"Admin"_s, u"role must be one of"_s);
    addUserRow("role empty", u"role"_s, QString(), u"role must be one of"_s);

    QTest::addRow("LoginReply: user missing")
        << u"LoginReply"_s << with(kLoginReply, u"user"_s, missing) << u"user is required"_s;
    QTest::addRow("LoginReply: user array")
        << u"LoginReply"_s << with(kLoginReply, u"user"_s, QJsonArray {})
        << u"user must be an object"_s;
    QTest::addRow("LoginReply: user with bad role")
        << u"LoginReply"_s << with(kLoginReply, u"user"_s, with(kUser, u"role"_s, u"god"_s))
        << u"user: role must be one of"_s;
    QTest::addRow("LoginReply: user without id")
        << u"LoginReply"_s << with(kLoginReply, u"user"_s, with(kUser, u"id"_s, missing))
        << u"user: id is required"_s;

    QTest::addRow("SessionRevoked: reason missing")
        << u"SessionRevoked"_s << QJsonObject {} << u"reason is required"_s;
    QTest::addRow("SessionRevoked: reason empty")
        << u"SessionRevoked"_s << QJsonObject { { u"reason"_s, QString() } }
        << u"reason must not be empty"_s;
    QTest::addRow("SessionRevoked: reason number")
        << u"SessionRevoked"_s << QJsonObject { { u"reason"_s, 4001 } }
        << u"reason must be a string"_s;

    addAsciiRows(u"ChallengeReply"_s, kChallenge, u"challengeId"_s, limits::ChallengeIdMax);
    addAsciiRows(u"ActionRequest"_s, kAction, u"challengeId"_s, limits::ChallengeIdMax);

    auto addFieldRow = [&](const QString &kind, const QJsonObject &valid, const char *name,
                           const QString &field, const QJsonValue &value, const QString &problem) {
        QTest::addRow("%s: %s", qPrintable(kind), name)
            << kind << with(valid, field, value) << problem;
    };
    addFieldRow(u"ChallengeReply"_s, kChallenge, "notBeforeMs missing", u"notBeforeMs"_s, missing,
        u"notBeforeMs is required"_s);
    addFieldRow(u"ChallengeReply"_s, kChallenge, "notBeforeMs -1", u"notBeforeMs"_s, -1,
        u"notBeforeMs must be an integer from 0"_s);
    addFieldRow(u"ChallengeReply"_s, kChallenge, "notBeforeMs string", u"notBeforeMs"_s, u"250"_s,
        u"notBeforeMs must be an integer"_s);
    addFieldRow(u"ChallengeReply"_s, kChallenge, "expiresInMs 0", u"expiresInMs"_s, 0,
        u"expiresInMs must be an integer from 1"_s);
    addFieldRow(u"ChallengeReply"_s, kChallenge, "expiresInMs 0.5", u"expiresInMs"_s, 0.5,
        u"expiresInMs must be an integer from 1"_s);

    const QString badLimit = u"limit must be an integer from 1 to 100"_s;
    auto addLimitRow = [&](const char *name, const QJsonValue &value) {
        QTest::addRow("SubscribeRequest: limit %s", name)
            << u"SubscribeRequest"_s << with(kSubscribe, u"limit"_s, value) << badLimit;
    };
    addLimitRow("0", 0);
    addLimitRow("101", 101);
    addLimitRow("1.5", 1.5);
    addLimitRow("string \"10\"", u"10"_s);
    addLimitRow("-1", -1);
    addLimitRow("true", true);
    addLimitRow("null", QJsonValue::Null);
    addLimitRow("array", QJsonArray { 10 });
    addLimitRow("1e300", 1e300);
    addLimitRow("-1e300", -1e300);
    addLimitRow("2^63", 9223372036854775808.0);

    const QString badIncrementId = u"incrementId must be a positive integer"_s;
    addFieldRow(u"ActionReply"_s, kActionReply, "incrementId missing", u"incrementId"_s, missing,
        u"incrementId is required"_s);
    addFieldRow(
        u"ActionReply"_s, kActionReply, "incrementId 0", u"incrementId"_s, 0, badIncrementId);
    addFieldRow(
        u"ActionReply"_s, kActionReply, "incrementId -1", u"incrementId"_s, -1, badIncrementId);
    addFieldRow(
        u"ActionReply"_s, kActionReply, "incrementId 1.5", u"incrementId"_s, 1.5, badIncrementId);
    addFieldRow(u"ActionReply"_s, kActionReply, "incrementId string", u"incrementId"_s, u"1001"_s,
        badIncrementId);
    addFieldRow(u"ActionReply"_s, kActionReply, "delta missing", u"delta"_s, missing,
        u"delta is required"_s);
    addFieldRow(u"ActionReply"_s, kActionReply, "score string", u"score"_s, u"42"_s,
        u"score must be an integer"_s);
    addFieldRow(u"ActionReply"_s, kActionReply, "rank -1", u"rank"_s, -1,
        u"rank must be an integer from 0"_s);

    addFieldRow(
        u"BoardEntry"_s, kEntry, "rank 0", u"rank"_s, 0, u"rank must be an integer from 1"_s);
    addFieldRow(u"BoardEntry"_s, kEntry, "rank missing", u"rank"_s, missing, u"rank is required"_s);
    addFieldRow(u"BoardEntry"_s, kEntry, "userId 0", u"userId"_s, 0,
        u"userId must be a positive integer"_s);
    addFieldRow(
        u"BoardEntry"_s, kEntry, "userId missing", u"userId"_s, missing, u"userId is required"_s);
    addFieldRow(u"BoardEntry"_s, kEntry, "displayName number", u"displayName"_s, 7,
        u"displayName must be a string"_s);
    addFieldRow(u"BoardEntry"_s, kEntry, "displayName missing", u"displayName"_s, missing,
        u"displayName is required"_s);
    addFieldRow(
        u"BoardEntry"_s, kEntry, "score 1.5", u"score"_s, 1.5, u"score must be an integer"_s);

    const QJsonObject kBoard = board(5, 3);
    addFieldRow(u"Leaderboard"_s, kBoard, "version -1", u"version"_s, -1,
        u"version must be an integer from 0"_s);
    addFieldRow(u"Leaderboard"_s, kBoard, "version missing", u"version"_s, missing,
        u"version is required"_s);
    addFieldRow(u"Leaderboard"_s, kBoard, "version string", u"version"_s, u"5"_s,
        u"version must be an integer"_s);
    addFieldRow(
        u"Leaderboard"_s, kBoard, "top missing", u"top"_s, missing, u"top must be an array"_s);
    addFieldRow(
        u"Leaderboard"_s, kBoard, "top object", u"top"_s, kEntry, u"top must be an array"_s);
    addFieldRow(
        u"Leaderboard"_s, kBoard, "top string", u"top"_s, u"[]"_s, u"top must be an array"_s);
    QTest::addRow("Leaderboard: top holding a number")
        << u"Leaderboard"_s << withRow(kBoard, 1, 3) << u"top must hold objects"_s;
    QTest::addRow("Leaderboard: top holding an array")
        << u"Leaderboard"_s << withRow(kBoard, 0, QJsonArray { kEntry })
        << u"top must hold objects"_s;
    QTest::addRow("Leaderboard: top holding null")
        << u"Leaderboard"_s << withRow(kBoard, 2, QJsonValue::Null) << u"top must hold objects"_s;
    QTest::addRow("Leaderboard: entry with userId 0")
        << u"Leaderboard"_s << withRow(kBoard, 1, with(kEntry, u"userId"_s, 0))
        << u"top[1]: userId must be a positive integer"_s;
    QTest::addRow("Leaderboard: entry with rank 0")
        << u"Leaderboard"_s << withRow(kBoard, 0, with(kEntry, u"rank"_s, 0))
        << u"top[0]: rank must be an integer from 1"_s;
    QTest::addRow("Leaderboard: entry with displayName number")
        << u"Leaderboard"_s << withRow(kBoard, 2, with(kEntry, u"displayName"_s, 9))
        << u"top[2]: displayName must be a string"_s;
    QTest::addRow("Leaderboard: last of 100 entries invalid")
        << u"Leaderboard"_s << withRow(board(1, 100), 99, with(kEntry, u"score"_s, u"1"_s))
        << u"top[99]: score must be an integer"_s;

    addFieldRow(u"MeReply"_s, kMe, "rank -1", u"rank"_s, -1, u"rank must be an integer from 0"_s);
    addFieldRow(u"MeReply"_s, kMe, "rank missing", u"rank"_s, missing, u"rank is required"_s);
    addFieldRow(
        u"MeReply"_s, kMe, "score string", u"score"_s, u"99"_s, u"score must be an integer"_s);
}

void TestMessages::fromJsonRejects()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, input);
    QFETCH(QString, problem);

    QVERIFY2(kinds().contains(kind), qPrintable(kind));
    const std::optional<Error> error = kinds()[kind].parse(input, nullptr);
    QVERIFY2(error, qPrintable(u"accepted "_s + json(input)));
    QCOMPARE(error->code, ErrorCode::BadRequest);
    QVERIFY2(error->message.contains(problem), qPrintable(error->message));
}

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
