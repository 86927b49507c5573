#include "filewriter.h"

#include <QDir>
#include <QSaveFile>

namespace scoreboard::console {

QString FileWriter::writeText(const QString &path, const QString &text) const
{
    QSaveFile file(QDir::current().absoluteFilePath(QDir::fromNativeSeparators(path)));
    if (path.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0
        || !file.commit())
        return tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace scoreboard::console
