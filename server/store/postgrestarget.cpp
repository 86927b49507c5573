#include "store/postgrestarget.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace scoreboard::server {

std::optional<PostgresTarget> PostgresTarget::fromUrl(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s)) {
        *error = u"expected postgresql://[user@]host[:port]/database"_s;
        return std::nullopt;
    }
    PostgresTarget target;
    target.host = url.host();
    target.port = url.port(-1);
    target.user = url.userName();
    target.password = url.password();
    target.database = url.path().mid(1);
    if (target.database.isEmpty() || target.database.contains(u'/')) {
        *error = u"the URL must name the database: postgresql://host/database"_s;
        return std::nullopt;
    }
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        const bool plain = std::all_of(
            key.cbegin(), key.cend(), [](QChar c) { return c.isLower() || c == u'_'; });
        if (!plain || key.isEmpty() || value.contains(u';') || value.contains(u' ')
            || value.contains(u'\'') || value.contains(u'\\')) {
            *error = u"unsupported connection parameter %1"_s.arg(key);
            return std::nullopt;
        }
        options.append(key + u'=' + value);
    }
    target.options = options.join(u';');
    return target;
}

} // namespace scoreboard::server
