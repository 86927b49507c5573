#pragma once

#include "protocol.h"

#include <QString>

namespace scoreboard::server {

/**
 * @brief The reply to a request the server could not complete (the store failed): `internal`,
 * to be retried after a second. @p message replaces the generic text when set.
 */
protocol::Reply internalError(qint64 requestId, const QString &message = {});

} // namespace scoreboard::server
