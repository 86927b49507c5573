#include "consolesession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QSaveFile>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace scoreboard::console {

using namespace scoreboard::protocol;

namespace {

Q_LOGGING_CATEGORY(lcConsole, "scoreboard.console", QtInfoMsg)

constexpr int kAuditLimit = limits::AuditLimitMax;

} // namespace

ConsoleSession::ConsoleSession(const QString &settingsFile, QObject *parent)
    : AbstractSession(
        Options {
            u"console-"_s,
            Audience::Staff,
            playerRefusedMessage(),
            tr("This account signed in elsewhere, so this console was signed out."),
            tr("This account has been suspended."),
        },
        settingsFile, parent)
{
    m_flagQueue.setQueue(&m_flags);
    connect(
        &m_flags, &FlagQueueModel::openCountChanged, this, &ConsoleSession::openFlagCountChanged);
}

ConsoleSession::~ConsoleSession() = default;

QString ConsoleSession::playerRefusedMessage()
{
    return tr("This is the score-check console; player accounts cannot log in here.");
}

void ConsoleSession::decide(MessageType type, const QJsonObject &data, DataHandler done)
{
    call(
        type, data,
        [this, done = std::move(done)](const QJsonObject &reply) {
            done(reply);
            refreshAudit(); // the decision just taken is now the newest audit entry
        },
        [this, type](const Error &error) {
            qCInfo(lcConsole) << typeName(type) << "refused:" << errorCodeName(error.code)
                              << error.message;
            setError(error);
        });
}

bool ConsoleSession::requireReason(const QString &reason)
{
    if (!reason.trimmed().isEmpty())
        return true;
    setErrorText(u"bad_request"_s, tr("Give a reason; it is written to the audit log."));
    return false;
}

void ConsoleSession::signedIn()
{
    subscribeFlags();
    refreshAudit();
    if (m_player.loaded())
        openPlayer(m_player.userId());
}

void ConsoleSession::signingOut()
{
    m_flags.clear();
    m_player.clear();
    m_audit.reset({});
}

void ConsoleSession::eventReceived(const Event &event)
{
    if (event.type != EventType::FlagNew && event.type != EventType::FlagUpdated)
        return;
    if (auto flag = Flag::fromJson(event.data.value(u"flag"_s).toObject());
        std::holds_alternative<Flag>(flag))
        onFlag(std::get<Flag>(flag));
    else
        qCWarning(lcConsole) << "ignored a malformed flag event";
}

void ConsoleSession::onFlag(const Flag &flag)
{
    m_flags.upsert(flag);
    reloadPlayer(flag.userId);
}

void ConsoleSession::reloadPlayer(qint64 userId)
{
    if (m_player.loaded() && m_player.userId() == userId)
        openPlayer(userId);
}

void ConsoleSession::subscribeFlags()
{
    FlagsSubscribeRequest request;
    request.status = u"all"_s;
    send(MessageType::AdminFlagsSubscribe, request.toJson(), [this](const Reply &reply) {
        if (!reply.ok) {
            setError(reply.error);
            return;
        }
        QList<Flag> flags;
        for (const QJsonValue &value : reply.data.value(u"flags"_s).toArray()) {
            if (auto flag = Flag::fromJson(value.toObject()); std::holds_alternative<Flag>(flag))
                flags.append(std::get<Flag>(flag));
        }
        m_flags.reset(flags);
    });
}

void ConsoleSession::approve(qint64 flagId, const QString &reason)
{
    decide(MessageType::AdminApprove, ApproveRequest { flagId, reason.trimmed() }.toJson(),
        [this, flagId](const QJsonObject &data) {
            if (auto flag = Flag::fromJson(data.value(u"flag"_s).toObject());
                std::holds_alternative<Flag>(flag))
                onFlag(std::get<Flag>(flag));
            emit approved(flagId);
        });
}

void ConsoleSession::reverse(qint64 flagId, const QString &reason)
{
    sendReverse(flagId, 0, reason);
}

void ConsoleSession::reverseIncrement(qint64 incrementId, const QString &reason)
{
    sendReverse(0, incrementId, reason);
}

void ConsoleSession::sendReverse(qint64 flagId, qint64 incrementId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    ReverseRequest request;
    request.flagId = flagId;
    request.incrementId = incrementId;
    request.reason = reason.trimmed();
    decide(MessageType::AdminReverse, request.toJson(), [this](const QJsonObject &data) {
        auto parsed = ReverseReply::fromJson(data);
        if (auto *error = std::get_if<Error>(&parsed)) {
            setError(*error);
            return;
        }
        const ReverseReply &reversal = std::get<ReverseReply>(parsed);
        reloadPlayer(reversal.userId);
        emit reversed(reversal.userId, reversal.score);
    });
}

void ConsoleSession::flagIncrement(qint64 incrementId, const QString &reason)
{
    if (!requireReason(reason))
        return;
    decide(MessageType::AdminFlag, ManualFlagRequest { incrementId, reason.trimmed() }.toJson(),
        [this](const QJsonObject &data) {
            if (auto flag = Flag::fromJson(data.value(u"flag"_s).toObject());
                std::holds_alternative<Flag>(flag)) {
                onFlag(std::get<Flag>(flag));
                emit flagRaised(std::get<Flag>(flag).id);
            }
        });
}

void ConsoleSession::suspend(qint64 userId, const QString &reason)
{
    sendSuspension(userId, reason, true);
}

void ConsoleSession::unsuspend(qint64 userId, const QString &reason)
{
    sendSuspension(userId, reason, false);
}

void ConsoleSession::sendSuspension(qint64 userId, const QString &reason, bool suspended)
{
    if (!requireReason(reason))
        return;
    decide(suspended ? MessageType::AdminSuspend : MessageType::AdminUnsuspend,
        SuspendRequest { userId, reason.trimmed() }.toJson(),
        [this, userId, suspended](const QJsonObject &) {
            reloadPlayer(userId);
            emit suspendedChanged(userId, suspended);
        });
}

void ConsoleSession::openPlayer(qint64 userId)
{
    send(MessageType::AdminUser, UserRequest { userId }.toJson(),
        [this, userId](const Reply &reply) {
            if (!reply.ok) {
                setError(reply.error);
                return;
            }
            m_player.apply(reply.data);
            emit playerLoaded(userId);
        });
}

void ConsoleSession::closePlayer()
{
    m_player.clear();
}

void ConsoleSession::refreshAudit()
{
    if (role() != roleName(Role::Admin)) { // the audit log is for admins only
        m_audit.reset({});
        emit auditLoaded();
        return;
    }
    AuditRequest request;
    request.limit = kAuditLimit;
    send(MessageType::AdminAudit, request.toJson(), [this](const Reply &reply) {
        if (!reply.ok) {
            setError(reply.error);
            return;
        }
        auto parsed = AuditReply::fromJson(reply.data);
        if (auto *error = std::get_if<Error>(&parsed)) {
            setError(*error);
            return;
        }
        QList<AuditEntry> entries;
        for (const auto &row : std::get<AuditReply>(parsed).entries)
            entries.append(
                AuditEntry { row.id, row.at, row.staffId, row.action, row.target, row.reason });
        m_audit.reset(entries);
        emit auditLoaded();
    });
}

void ConsoleSession::saveEvent(const QVariantMap &form, bool isNew)
{
    auto text = [&form](const char *key) { return form.value(QLatin1String(key)).toString().trimmed(); };
    EventSpec spec;
    spec.slug = text("slug");
    spec.title = text("title");
    spec.description = text("description");
    spec.category = text("category");
    spec.startsAtMs = qint64(form.value(u"startsAtMs"_s).toDouble());
    spec.endsAtMs = qint64(form.value(u"endsAtMs"_s).toDouble());
    spec.boardSize = form.value(u"boardSize"_s, spec.boardSize).toInt();
    for (const QVariant &item : form.value(u"actions"_s).toList()) {
        const QVariantMap action = item.toMap();
        spec.actions.append({ action.value(u"kind"_s).toString().trimmed(),
            action.value(u"label"_s).toString().trimmed(),
            qint64(action.value(u"points"_s).toDouble()) });
    }
    spec.resetEvery = text("resetEvery");
    QJsonObject json = spec.toJson();
    if (spec.actions.isEmpty())
        json.remove(u"actions"_s); // the default catalogue (create) or the one it has (update)
    // The server's own rules, so a mistake is named before anything is sent.
    if (auto checked = EventSpec::fromJson(json); auto *error = std::get_if<Error>(&checked)) {
        setError(*error);
        return;
    }
    auto saved = [this](const QJsonObject &data) {
        auto reply = EventReply::fromJson(data);
        if (auto *error = std::get_if<Error>(&reply)) {
            setError(*error);
            return;
        }
        const EventInfo &event = std::get<EventReply>(reply).event;
        events()->apply(event);
        emit eventSaved(event.slug);
    };
    if (isNew) {
        decide(MessageType::AdminEventCreate, json, saved);
        return;
    }
    json.remove(u"slug"_s);
    decide(MessageType::AdminEventUpdate, EventUpdateRequest { spec.slug, json }.toJson(), saved);
}

void ConsoleSession::openEvent(const QString &slug, const QString &reason)
{
    sendEventState(MessageType::AdminEventOpen, slug, reason);
}

void ConsoleSession::closeEvent(const QString &slug, const QString &reason)
{
    sendEventState(MessageType::AdminEventClose, slug, reason);
}

void ConsoleSession::sendEventState(MessageType type, const QString &slug, const QString &reason)
{
    if (!requireReason(reason))
        return;
    decide(type, EventStateRequest { slug, reason.trimmed() }.toJson(),
        [this](const QJsonObject &data) {
            if (auto reply = EventReply::fromJson(data); auto *parsed = std::get_if<EventReply>(&reply))
                events()->apply(parsed->event);
        });
}

void ConsoleSession::exportResults(const QString &slug, int season, const QString &path)
{
    const QString file = path.startsWith(u"file:"_s) ? QUrl(path).toLocalFile() : path.trimmed();
    if (file.isEmpty()) {
        setErrorText(u"bad_request"_s, tr("Give the file to save the results to."));
        return;
    }
    // The server's results.csv beside its WebSocket: ws → http, wss → https.
    QUrl url = serverUrl();
    url.setScheme(url.scheme() == u"wss"_s ? u"https"_s : u"http"_s);
    url.setPath(u"/api/v1/events/%1/results.csv"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(slug))));
    if (season > 0)
        url.setQuery(QUrlQuery { { u"season"_s, QString::number(season) } });
    auto output = std::make_shared<QSaveFile>(file);
    if (!output->open(QIODevice::WriteOnly)) {
        setErrorText(u"io"_s, tr("Could not write %1: %2").arg(file, output->errorString()));
        return;
    }
    setBusy(true);
    QNetworkReply *reply = m_http.get(QNetworkRequest(url));
    // Written as it arrives; its records (CRLF-ended; names hold no line breaks) counted on the way.
    auto records = std::make_shared<int>(0);
    auto take = [reply, output, records] {
        const QByteArray chunk = reply->readAll();
        *records += int(chunk.count('\n'));
        output->write(chunk);
    };
    connect(reply, &QNetworkReply::readyRead, this, [reply, take] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            take();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, output, file, records, take] {
        reply->deleteLater();
        setBusy(false);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200) {
            output->cancelWriting();
            const QJsonObject error
                = QJsonDocument::fromJson(reply->readAll()).object().value(u"error"_s).toObject();
            if (error.isEmpty())
                setErrorText(u"network"_s, tr("Could not fetch the results: %1").arg(reply->errorString()));
            else
                setErrorText(error.value(u"code"_s).toString(), error.value(u"message"_s).toString());
            return;
        }
        take();
        if (!output->commit()) {
            setErrorText(u"io"_s, tr("Could not write %1: %2").arg(file, output->errorString()));
            return;
        }
        qCInfo(lcConsole) << "saved the results of" << reply->url().path() << "to" << file;
        emit resultsExported(file, std::max(0, *records - 1)); // the header is not a row
    });
}

} // namespace scoreboard::console
