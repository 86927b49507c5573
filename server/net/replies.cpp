#include "net/replies.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

Reply internalError(qint64 requestId, const QString &message)
{
    return Reply::failure(requestId,
        Error { ErrorCode::Internal,
            message.isEmpty() ? u"the server could not complete the request; try again"_s : message,
            1000, {} });
}

} // namespace scoreboard::server
