#include "playermodel.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace scoreboard::console {

using namespace scoreboard::protocol;

IncrementModel::IncrementModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int IncrementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant IncrementModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Increment &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case DeltaRole:
        return row.delta;
    case AtRole:
    case Qt::DisplayRole:
        return row.at;
    case AtMsRole:
        return row.atMs;
    case KindRole:
        return row.kind;
    case StatusRole:
        return row.status;
    case FlaggedRole:
        return row.flagged;
    case ReversesIdRole:
        return row.reversesId;
    case ReversedByIdRole:
        return row.reversedById;
    default:
        return {};
    }
}

QHash<int, QByteArray> IncrementModel::roleNames() const
{
    return { { IdRole, "id" }, { DeltaRole, "delta" }, { AtRole, "at" }, { AtMsRole, "atMs" },
        { KindRole, "kind" }, { StatusRole, "status" }, { FlaggedRole, "flagged" },
        { ReversesIdRole, "reversesId" }, { ReversedByIdRole, "reversedById" } };
}

void IncrementModel::reset(const QList<Increment> &rows)
{
    if (rows == m_rows)
        return;
    const int oldCount = count();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (oldCount != count())
        emit countChanged();
}

PlayerModel::PlayerModel(QObject *parent)
    : QObject(parent)
{ }

bool PlayerModel::setFields(const QJsonObject &user, qint64 score, qint64 ledgerScore)
{
    bool changed = false;
    auto assign = [&changed](auto &field, const auto &value) {
        if (field != value) {
            field = value;
            changed = true;
        }
    };
    assign(m_userId, user.value(u"id"_s).toInteger());
    assign(m_email, user.value(u"email"_s).toString());
    assign(m_displayName, user.value(u"displayName"_s).toString());
    assign(m_role, user.value(u"role"_s).toString());
    assign(m_verified, user.value(u"verified"_s).toBool());
    assign(m_suspended, user.value(u"suspended"_s).toBool());
    assign(m_createdAt, user.value(u"createdAt"_s).toString());
    assign(m_score, score);
    assign(m_ledgerScore, ledgerScore);
    return changed;
}

void PlayerModel::apply(const QJsonObject &reply)
{
    QList<Increment> increments;
    for (const QJsonValue &value : reply.value(u"increments"_s).toArray()) {
        const QJsonObject row = value.toObject();
        increments.append(Increment { row.value(u"id"_s).toInteger(),
            row.value(u"delta"_s).toInteger(), row.value(u"at"_s).toString(),
            row.value(u"atMs"_s).toInteger(), row.value(u"kind"_s).toString(),
            row.value(u"status"_s).toString(), row.value(u"flagged"_s).toBool(),
            row.value(u"reversesId"_s).toInteger(), row.value(u"reversedById"_s).toInteger() });
    }
    QList<Flag> flags;
    for (const QJsonValue &value : reply.value(u"flags"_s).toArray()) {
        if (auto flag = Flag::fromJson(value.toObject()); std::holds_alternative<Flag>(flag))
            flags.append(std::get<Flag>(flag));
    }
    const bool changed = setFields(reply.value(u"user"_s).toObject(),
        reply.value(u"score"_s).toInteger(), reply.value(u"ledgerScore"_s).toInteger());
    m_increments.reset(increments);
    if (flags != m_flags.flags())
        m_flags.reset(flags);
    if (changed)
        emit this->changed();
}

void PlayerModel::clear()
{
    m_increments.reset({});
    m_flags.clear();
    if (setFields({}, 0, 0))
        emit changed();
}

} // namespace scoreboard::console
