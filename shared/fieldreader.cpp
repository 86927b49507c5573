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

QString reason(FieldReader &reader, bool required)
{
    const QString text = reader.string(u"reason"_s, required).value_or(QString()).trimmed();
    if (reader.failed())
        return text;
    if (required && text.isEmpty())
        reader.fail(u"reason must not be empty"_s);
    else if (text.size() > limits::ReasonMax)
        reader.fail(u"reason must be at most %1 characters"_s.arg(limits::ReasonMax));
    return text;
}

} // namespace scoreboard::protocol::detail
