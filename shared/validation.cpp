#include "fieldreader.h"
#include "messages.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSet>

#include <cstring>

using namespace Qt::StringLiterals;

namespace scoreboard::protocol {

using namespace detail;

namespace {

Q_LOGGING_CATEGORY(lcProtocol, "scoreboard.protocol")

constexpr qsizetype kEmailLocalMax = 64;

struct RoleName
{
    Role role;
    QStringView name;
};

constexpr RoleName kRoles[] = {
    { Role::Player, u"player" },
    { Role::Checker, u"checker" },
    { Role::Admin, u"admin" },
};

bool sameIgnoringCase(const QString &a, const QString &b)
{
    return a.toCaseFolded() == b.toCaseFolded();
}

Error weakPassword(const QString &message)
{
    return Error { ErrorCode::WeakPassword, message, 0, {} };
}

QSet<QString> loadCommonPasswords()
{
    QSet<QString> passwords;
    QFile file(u":/scoreboard/shared/common-passwords.txt"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcProtocol) << "common password list unavailable:" << file.errorString();
        return passwords;
    }
    const QString text = QString::fromUtf8(file.readAll());
    for (const QStringView line : QStringView(text).split(u'\n')) {
        const QStringView entry = line.trimmed();
        if (entry.isEmpty() || entry.startsWith(u'#'))
            continue;
        passwords.insert(entry.toString().toCaseFolded());
    }
    return passwords;
}

} // namespace

QString roleName(Role role)
{
    for (const auto &entry : kRoles) {
        if (entry.role == role)
            return entry.name.toString();
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const auto &entry : kRoles) {
        if (entry.name == name)
            return entry.role;
    }
    return std::nullopt;
}

QString normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

bool isValidEmail(QStringView email)
{
    if (email.isEmpty() || email.size() > limits::EmailMax)
        return false;
    const bool clean
        = allCodePoints(email, [](char32_t cp) { return !QChar::isSpace(cp) && !isControl(cp); });
    if (!clean || email.count(u'@') != 1)
        return false;

    const qsizetype at = email.indexOf(u'@');
    const QStringView local = email.first(at);
    const QStringView domain = email.sliced(at + 1);
    if (local.isEmpty() || local.size() > kEmailLocalMax || local.startsWith(u'.')
        || local.endsWith(u'.') || local.contains(u".."_s)) {
        return false;
    }
    // A dot-atom (RFC 5322) of letters, digits and marks (RFC 6531) and the harmless specials:
    // nothing that ends or splits an address in an SMTP command or a header (<>,;:"()[]\ and
    // spaces), no source-route characters (% !), nothing invisible (Unicode Cf).
    const bool plainLocal = allCodePoints(local, [](char32_t cp) {
        return QChar::isLetterOrNumber(cp) || QChar::isMark(cp)
            || (cp != 0 && cp < 0x80 && std::strchr("'#$&*+-/=?^_`{|}~.", int(cp)) != nullptr);
    });
    if (!plainLocal)
        return false;

    const QList<QStringView> labels = domain.split(u'.');
    if (labels.size() < 2)
        return false;
    for (const QStringView label : labels) {
        const bool ok = !label.isEmpty() && allCodePoints(label, [](char32_t cp) {
            return cp == u'-' || QChar::isLetterOrNumber(cp) || QChar::isMark(cp);
        });
        if (!ok)
            return false;
    }
    return labels.last().toUcs4().size() >= 2;
}

QString normalizeDisplayName(const QString &name)
{
    return name.trimmed().normalized(QString::NormalizationForm_C);
}

bool isInvisibleFormatting(char32_t codePoint)
{
    const auto category = QChar::category(codePoint);
    return category == QChar::Other_Format || category == QChar::Separator_Line
        || category == QChar::Separator_Paragraph;
}

bool isValidDisplayName(QStringView name)
{
    const qsizetype length = name.toUcs4().size();
    return length >= limits::DisplayNameMin && length <= limits::DisplayNameMax
        && name == name.trimmed() && allCodePoints(name, [](char32_t cp) {
               return !isControl(cp) && !isInvisibleFormatting(cp);
           });
}

bool isCommonPassword(const QString &password)
{
    static const QSet<QString> passwords = loadCommonPasswords();
    return passwords.contains(password.toCaseFolded());
}

std::optional<Error> checkPassword(
    const QString &password, const QString &email, const QString &displayName)
{
    const qsizetype length = codePointCount(password);
    if (length < limits::PasswordMin)
        return weakPassword(u"password must be at least %1 characters"_s.arg(limits::PasswordMin));
    if (length > limits::PasswordMax)
        return weakPassword(u"password must be at most %1 characters"_s.arg(limits::PasswordMax));
    if (isCommonPassword(password))
        return weakPassword(u"this password is too common"_s);

    const QString address = normalizeEmail(email);
    if (!address.isEmpty() && sameIgnoringCase(password, address))
        return weakPassword(u"password must not be your email address"_s);
    const QString localPart = address.section(u'@', 0, 0);
    if (!localPart.isEmpty() && sameIgnoringCase(password, localPart))
        return weakPassword(u"password must not be the name part of your email address"_s);
    const QString name = displayName.trimmed();
    if (!name.isEmpty() && sameIgnoringCase(password, name))
        return weakPassword(u"password must not be your display name"_s);
    return std::nullopt;
}

} // namespace scoreboard::protocol
