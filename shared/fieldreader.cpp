#include "fieldreader.h"

namespace scoreboard::protocol::detail {

qsizetype codePointCount(const QString &text)
{
    return text.toUcs4().size();
}

bool isControl(char32_t codePoint)
{
    return QChar::category(codePoint) == QChar::Other_Control;
}

bool hasNoControlCharacters(QStringView text)
{
    return allCodePoints(text, [](char32_t cp) { return !isControl(cp); });
}

bool isPrintableAscii(QStringView text)
{
    return allCodePoints(text, [](char32_t cp) { return cp >= 0x21 && cp <= 0x7e; });
}

Error badRequest(const QString &message)
{
    return Error { ErrorCode::BadRequest, message, 0, {} };
}

} // namespace scoreboard::protocol::detail
