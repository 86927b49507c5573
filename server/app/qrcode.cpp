#include "app/qrcode.h"

#include <qrencode.h>

#include <memory>

namespace scoreboard::server {

QByteArray qrCodeSvg(const QByteArray &text)
{
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code)
        return {};
    constexpr int kQuiet = 4;
    const int width = code->width;
    const int side = width + 2 * kQuiet;
    QByteArray path;
    path.reserve(width * width * 4);
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            if (code->data[y * width + x] & 1) // bit 0: a dark module
                path += 'M' + QByteArray::number(x + kQuiet) + ' '
                    + QByteArray::number(y + kQuiet) + "h1v1h-1z";
        }
    }
    const QByteArray size = QByteArray::number(side);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + ' ' + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
        + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
}

} // namespace scoreboard::server
