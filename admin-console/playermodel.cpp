#include "playermodel.h"

#include <QLoggingCategory>

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace scoreboard::console {

namespace {
Q_LOGGING_CATEGORY(lcPlayer, "scoreboard.console", QtInfoMsg)
}

using namespace scoreboard::protocol;

IncrementModel::IncrementModel(QObject *parent)
    : RowListModel(AtRole, parent)
{ }

QVariant IncrementModel::value(int row, int role) const
{
    const Increment &increment = m_rows.at(row);
    switch (role) {
    case IdRole:
        return increment.id;
    case DeltaRole:
        return increment.delta;
    case AtRole:
        return increment.at;
    case AtMsRole:
        return increment.atMs;
    case KindRole:
        return increment.kind;
    case StatusRole:
        return increment.status;
    case FlaggedRole:
        return increment.flagged;
    case ReversesIdRole:
        return increment.reversesId;
    case ReversedByIdRole:
        return increment.reversedById;
    case EventRole:
        return increment.event;
    case SeasonRole:
        return increment.season;
    case ActionRole:
        return increment.action;
    case TimePositionRole:
        return timePosition(increment);
    default:
        return {};
    }
}

double IncrementModel::timePosition(const Increment &row) const
{
    if (m_rows.size() == 1)
        return 0.5;
    return double(row.atMs - m_firstAtMs) / double(std::max<qint64>(1, m_lastAtMs - m_firstAtMs));
}

qint64 IncrementModel::deltaOf(qint64 id) const
{
    const auto row = std::find_if(
        m_rows.cbegin(), m_rows.cend(), [id](const Increment &row) { return row.id == id; });
    return row == m_rows.cend() ? 0 : row->delta;
}

QVariantMap IncrementModel::entry(qint64 id) const
{
    const auto row = std::find_if(
        m_rows.cbegin(), m_rows.cend(), [id](const Increment &row) { return row.id == id; });
    if (row == m_rows.cend())
        return {};
    return { { u"id"_s, row->id }, { u"delta"_s, row->delta }, { u"event"_s, row->event },
        { u"season"_s, row->season }, { u"action"_s, row->action }, { u"status"_s, row->status } };
}

void IncrementModel::reset(const QList<Increment> &rows)
{
    if (rows == m_rows)
        return;
    const int oldCount = count();
    const qint64 oldFirst = m_firstAtMs;
    const qint64 oldLast = m_lastAtMs;
    beginResetModel();
    m_rows = rows;
    const auto [first, last] = std::minmax_element(m_rows.cbegin(), m_rows.cend(),
        [](const Increment &a, const Increment &b) { return a.atMs < b.atMs; });
    m_firstAtMs = m_rows.isEmpty() ? 0 : first->atMs;
    m_lastAtMs = m_rows.isEmpty() ? 0 : last->atMs;
    endResetModel();
    emitIfCountChanged(oldCount);
    if (oldFirst != m_firstAtMs || oldLast != m_lastAtMs)
        emit timeSpanChanged();
}

PlayerModel::PlayerModel(QObject *parent)
    : QObject(parent)
{ }

bool PlayerModel::setFields(const UserDetails &user, qint64 score, qint64 ledgerScore)
{
    bool changed = false;
    auto assign = [&changed](auto &field, const auto &value) {
        if (field != value) {
            field = value;
            changed = true;
        }
    };
    assign(m_userId, user.user.id);
    assign(m_email, user.user.email);
    assign(m_displayName, user.user.displayName);
    assign(m_role, roleName(user.user.role));
    assign(m_verified, user.verified);
    assign(m_suspended, user.suspended);
    assign(m_createdAt, user.createdAt);
    assign(m_score, score);
    assign(m_ledgerScore, ledgerScore);
    return changed;
}

void PlayerModel::apply(const QJsonObject &reply)
{
    auto parsed = PlayerProfile::fromJson(reply);
    if (auto *error = std::get_if<Error>(&parsed)) {
        qCWarning(lcPlayer) << "ignored a player page the server sent:" << error->message;
        return;
    }
    const PlayerProfile &profile = std::get<PlayerProfile>(parsed);
    QList<Increment> increments;
    for (const auto &row : profile.increments) {
        increments.append(Increment { row.id, row.delta, row.at, row.atMs, row.kind, row.status,
            row.flagged, row.reversesId, row.reversedById, row.event, row.season, row.action });
    }
    const QList<Flag> &flags = profile.flags;
    bool changed = setFields(profile.user, profile.score, profile.ledgerScore);
    if (profile.scores != m_scores) {
        m_scores = profile.scores;
        changed = true;
    }
    m_increments.reset(increments);
    if (flags != m_flags.flags())
        m_flags.reset(flags);
    if (changed)
        emit this->changed();
}

QVariantList PlayerModel::scores() const
{
    QVariantList list;
    for (const SeasonScore &total : m_scores)
        list.append(QVariantMap { { u"event"_s, total.event }, { u"season"_s, double(total.season) },
            { u"score"_s, double(total.score) } });
    return list;
}

double PlayerModel::scoreIn(const QString &event, int season) const
{
    for (const SeasonScore &total : m_scores) {
        if (total.event == event && total.season == season)
            return double(total.score);
    }
    return 0;
}

void PlayerModel::clear()
{
    m_increments.reset({});
    m_flags.clear();
    const bool hadScores = !m_scores.isEmpty();
    m_scores.clear();
    if (setFields({}, 0, 0) || hadScores)
        emit changed();
}

} // namespace scoreboard::console
