#include "sessiondoubles.h"

#include "messages.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace scoreboard::test {

using namespace scoreboard::protocol;

namespace {

/// @brief Fills @p model with @p events as `events.subscribe` sends them.
void showEvents(app::EventListModel &model, const QVariantList &events)
{
    const auto parsed
        = EventsReply::fromJson(QJsonObject { { u"events"_s, QJsonArray::fromVariantList(events) } });
    if (const auto *error = std::get_if<Error>(&parsed))
        qWarning("eventList: %s", qPrintable(error->message));
    else
        model.reset(std::get<EventsReply>(parsed).events);
}

/// @brief Shows @p page (a `leaderboard.page` reply) in @p model as the page at @p offset.
void showPage(app::StandingsModel &model, const QJsonObject &page, double offset)
{
    const auto parsed = PageReply::fromJson(page);
    if (const auto *error = std::get_if<Error>(&parsed))
        qWarning("showStandings: %s", qPrintable(error->message));
    else
        model.apply(std::get<PageReply>(parsed), qint64(offset));
}

/// A settings file of its own for each double, in a folder removed at exit.
QString freshSettingsFile()
{
    static QTemporaryDir dir;
    static int count = 0;
    return dir.filePath(u"session-%1.ini"_s.arg(++count));
}

QVariantMap callEntry(const QString &name, const QVariantList &args)
{
    return { { u"name"_s, name }, { u"args"_s, args } };
}

} // namespace

SessionDouble::SessionDouble(QObject *parent)
    : Session(freshSettingsFile(), parent)
{ }

void SessionDouble::record(const QString &name, const QVariantList &args)
{
    m_calls.append(callEntry(name, args));
    emit callsChanged();
}

void SessionDouble::setLoggedIn(bool loggedIn)
{
    if (loggedIn == this->loggedIn())
        return;
    User user { loggedIn ? 1 : 0, email(), displayName(), Role::Player };
    setUser(user);
}

void SessionDouble::setUserId(double id)
{
    setUser(User { qint64(id), email(), displayName(), Role::Player });
}

void SessionDouble::setDisplayName(const QString &name)
{
    setUser(User { userId(), email(), name, Role::Player });
}

void SessionDouble::setBusyState(bool busy)
{
    if (busy != this->busy())
        setBusy(busy);
}

void SessionDouble::setBoardRows(const QVariantList &rows)
{
    m_boardRows = rows;
    const auto parsed = Leaderboard::fromJson(QJsonObject {
        { u"version"_s, board()->version() + 1 },
        { u"top"_s, QJsonArray::fromVariantList(rows) },
    });
    if (const auto *error = std::get_if<Error>(&parsed))
        qWarning("boardRows: %s", qPrintable(error->message));
    else
        board()->apply(std::get<Leaderboard>(parsed));
}

void SessionDouble::setEventList(const QVariantList &events)
{
    m_eventList = events;
    showEvents(*this->events(), events);
}

void SessionDouble::loadStandings(const QString &slug, int season, double offset)
{
    record(u"loadStandings"_s, { slug, season, offset });
    emit standingsRequested(slug, season, offset);
}

void SessionDouble::showStandings(const QJsonObject &page, double offset)
{
    showPage(*standings(), page, offset);
}

void SessionDouble::selectEvent(const QString &slug)
{
    record(u"selectEvent"_s, { slug });
    Session::selectEvent(slug); // offline: it only swaps the current event and empties the board
}

void SessionDouble::logIn(const QString &email, const QString &password)
{
    record(u"logIn"_s, { email, password });
}

void SessionDouble::logOut()
{
    record(u"logOut"_s);
}

void SessionDouble::signUp(
    const QString &email, const QString &displayName, const QString &password)
{
    record(u"signUp"_s, { email, displayName, password });
}

void SessionDouble::verify(const QString &code)
{
    record(u"verify"_s, { code });
}

void SessionDouble::resend()
{
    record(u"resend"_s);
}

void SessionDouble::act(const QString &kind)
{
    record(u"act"_s, kind.isEmpty() ? QVariantList() : QVariantList { kind });
}

QString SessionDouble::passwordProblem(
    const QString &password, const QString &email, const QString &) const
{
    if (password.size() < 10)
        return u"Use at least 10 characters."_s;
    if (password == email)
        return u"Do not use your e-mail address."_s;
    return {};
}

ConsoleSessionDouble::ConsoleSessionDouble(QObject *parent)
    : ConsoleSession(freshSettingsFile(), parent)
{ }

void ConsoleSessionDouble::record(const QString &name, const QVariantList &args)
{
    m_calls.append(callEntry(name, args));
    emit callsChanged();
}

void ConsoleSessionDouble::setLoggedIn(bool loggedIn)
{
    setUser(loggedIn ? User { 1, u"checker@example.org"_s, u"Checker"_s, Role::Checker } : User {});
}

void ConsoleSessionDouble::setErrorMessage(const QString &message)
{
    setErrorText(message.isEmpty() ? QString() : errorCode(), message);
}

void ConsoleSessionDouble::setEventList(const QVariantList &events)
{
    m_eventList = events;
    showEvents(*this->events(), events);
}

void ConsoleSessionDouble::logInAsAdmin()
{
    setUser(User { 2, u"admin@example.org"_s, u"Admin"_s, Role::Admin });
}

void ConsoleSessionDouble::showStandings(const QJsonObject &page, double offset)
{
    showPage(*standings(), page, offset);
}

void ConsoleSessionDouble::saveEvent(const QVariantMap &form, bool isNew)
{
    record(u"saveEvent"_s, { form, isNew });
}

void ConsoleSessionDouble::openEvent(const QString &slug, const QString &reason)
{
    record(u"openEvent"_s, { slug, reason });
}

void ConsoleSessionDouble::closeEvent(const QString &slug, const QString &reason)
{
    record(u"closeEvent"_s, { slug, reason });
}

void ConsoleSessionDouble::exportResults(const QString &slug, int season, const QString &path)
{
    record(u"exportResults"_s, { slug, season, path });
}

void ConsoleSessionDouble::loadStandings(const QString &slug, int season, double offset)
{
    record(u"loadStandings"_s, { slug, season, offset });
    emit standingsRequested(slug, season, offset);
}

void ConsoleSessionDouble::showFlags(const QJsonArray &flags)
{
    QList<Flag> parsed;
    for (const QJsonValue &value : flags) {
        auto flag = Flag::fromJson(value.toObject());
        if (const auto *error = std::get_if<Error>(&flag))
            qWarning("showFlags: %s", qPrintable(error->message));
        else
            parsed.append(std::get<Flag>(flag));
    }
    this->flags()->reset(parsed);
}

void ConsoleSessionDouble::showPlayer(const QJsonObject &page)
{
    player()->apply(page);
    emit playerLoaded(player()->userId());
}

void ConsoleSessionDouble::logIn(const QString &email, const QString &password)
{
    record(u"logIn"_s, { email, password });
}

void ConsoleSessionDouble::logOut()
{
    record(u"logOut"_s);
}

void ConsoleSessionDouble::approve(qint64 flagId, const QString &reason)
{
    record(u"approve"_s, { flagId, reason });
}

void ConsoleSessionDouble::reverse(qint64 flagId, const QString &reason)
{
    record(u"reverse"_s, { flagId, reason });
}

void ConsoleSessionDouble::reverseIncrement(qint64 incrementId, const QString &reason)
{
    record(u"reverseIncrement"_s, { incrementId, reason });
}

void ConsoleSessionDouble::flagIncrement(qint64 incrementId, const QString &reason)
{
    record(u"flagIncrement"_s, { incrementId, reason });
}

void ConsoleSessionDouble::suspend(qint64 userId, const QString &reason)
{
    record(u"suspend"_s, { userId, reason });
}

void ConsoleSessionDouble::unsuspend(qint64 userId, const QString &reason)
{
    record(u"unsuspend"_s, { userId, reason });
}

void ConsoleSessionDouble::openPlayer(qint64 userId)
{
    record(u"openPlayer"_s, { userId });
    emit playerRequested(double(userId));
}

void ConsoleSessionDouble::refreshAudit()
{
    record(u"refreshAudit"_s);
}

} // namespace scoreboard::test
