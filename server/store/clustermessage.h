#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace scoreboard::server::cluster {

/// @brief The PostgreSQL notification channel every node listens on.
inline constexpr char kChannel[] = "scoreboard";

/**
 * @brief What one node tells the others through PostgreSQL `NOTIFY`, sent inside the
 * transaction that made the change (so it arrives only if, and once, that change is committed).
 *
 * A message names what changed, never the new state: receivers read the state from the tables,
 * so a message that arrives late or twice does no harm, and one that is lost is recovered by
 * the resynchronisation after a reconnect (see docs/scaling.md).
 */
struct Message
{
    enum class Kind {
        Scores, ///< ids: users whose totals (in any event's current season) changed
        User, ///< ids: users whose account status (suspension) changed
        FlagNew, ///< ids: flags raised
        FlagUpdated, ///< ids: flags decided
        Kick, ///< userId's sessions in ids were revoked for reason
        Events, ///< ids: events created, edited, opened, closed or rolled to a new season
    };
    Kind kind = Kind::Scores;
    QString node; ///< the sending node's id (receivers ignore their own messages)
    QList<qint64> ids;
    qint64 userId = 0; ///< Kick only
    QString reason; ///< Kick only: a protocol revoke reason
};

/// @brief Largest payload we send; PostgreSQL allows just under 8000 bytes.
inline constexpr int kMaxPayload = 7000;

/// @brief The payloads of @p message, split so that each fits in one notification.
QStringList encode(const Message &message);
/// @brief Parses one payload; nothing when it is not a message of ours.
std::optional<Message> decode(const QString &payload);

} // namespace scoreboard::server::cluster
