#pragma once

#include <QString>
#include <QStringList>

namespace scoreboard::translations {

/// @brief Where the compiled translations are embedded: `scoreboard_<language>.qm` in it.
inline constexpr char kResourceFolder[] = ":/scoreboard/i18n";

/// @brief The languages the apps ship, as ISO 639 codes: "en" (the source language) and every
/// embedded translation, sorted.
QStringList shippedLanguages();

/// @brief The embedded translation file of @p language, or an empty string for none ("en").
QString translationFile(const QString &language);

} // namespace scoreboard::translations
