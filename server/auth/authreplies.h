#pragma once
// Internal to the auth library: the replies and constants AuthService's files share.

#include "net/connection.h"
#include "protocol.h"

#include <QPointer>

namespace scoreboard::server::authdetail {

using namespace Qt::StringLiterals;
using namespace scoreboard::protocol;

inline Reply failure(qint64 id, ErrorCode code, const QString &message, qint64 retryAfterMs = 0,
    QJsonObject details = {})
{
    return Reply::failure(id, Error { code, message, retryAfterMs, std::move(details) });
}

inline Reply rateLimited(qint64 id, qint64 waitMs)
{
    return failure(id, ErrorCode::RateLimited, u"too many attempts; wait and try again"_s, waitMs);
}

/// Replies on @p connection if it is still open.
inline void answer(const QPointer<Connection> &connection, const Reply &reply)
{
    if (connection)
        connection->reply(reply);
}

inline constexpr qint64 kDayMs = 24LL * 3600'000;
/// How long a request refused for a full hashing or mail queue is told to wait.
inline constexpr qint64 kBusyRetryMs = 1000;

inline QString mailKey(const QString &email)
{
    return u"mail:"_s + email;
}

} // namespace scoreboard::server::authdetail
