#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace scoreboard::console {

/// @brief Writes text files for QML (the audit log's CSV export).
class FileWriter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
public:
    using QObject::QObject;

    /// @brief Writes @p text as UTF-8 to @p path (relative to the working folder), replacing
    /// the file atomically; answers "" or an error message for the user.
    Q_INVOKABLE QString writeText(const QString &path, const QString &text) const;
};

} // namespace scoreboard::console
