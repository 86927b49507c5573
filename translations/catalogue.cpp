#include "catalogue.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace scoreboard::translations {

QStringList shippedLanguages()
{
    QStringList languages { u"en"_s };
    const QStringList files = QDir(QString::fromLatin1(kResourceFolder))
                                  .entryList({ u"scoreboard_*.qm"_s }, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages.append(file.mid(11, file.size() - 11 - 3)); // scoreboard_<language>.qm
    languages.sort();
    return languages;
}

QString translationFile(const QString &language)
{
    if (language.isEmpty() || language == u"en"_s)
        return {};
    const QString path = u"%1/scoreboard_%2.qm"_s.arg(QString::fromLatin1(kResourceFolder), language);
    return QFile::exists(path) ? path : QString();
}

} // namespace scoreboard::translations
