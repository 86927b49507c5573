#pragma once

#include <QByteArray>

namespace scoreboard::server {

/**
 * @brief @p text as a QR code (Debian's libqrencode, error correction M) drawn as an SVG
 * document: dark modules as one path on a white square with the standard quiet zone of four
 * modules; it scales to any size (`viewBox`). Empty when the text does not fit a QR code.
 */
QByteArray qrCodeSvg(const QByteArray &text);

} // namespace scoreboard::server
