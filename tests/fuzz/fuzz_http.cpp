// Fuzz target: the HTTP request reader of the front door (server/net/httpparser.h), fed the input
// in pieces whose sizes come from the input itself, with small limits so that the limit paths run
// too. Properties checked beyond "no crash, no UB": every feed makes progress or stops with a
// status, never takes more than it was given, and an upgrade's kept head is what was sent.
#include "net/httpparser.h"

#include <cstdint>
#include <cstdlib>

using namespace scoreboard::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 1)
        return 0;
    // First byte: the piece size (1..64, or everything at once).
    const qsizetype piece = bytes[0] == 0 ? qsizetype(size) : qsizetype(bytes[0] % 64 + 1);
    const QByteArrayView input(reinterpret_cast<const char *>(bytes) + 1, qsizetype(size - 1));
    TransportLimits limits;
    limits.maxHeadBytes = 1024;
    limits.maxBodyBytes = 512;
    HttpRequestParser parser(limits);
    qsizetype at = 0;
    qsizetype messageStart = 0;
    while (at < input.size()) {
        const QByteArrayView chunk = input.sliced(at, std::min(piece, input.size() - at));
        qsizetype taken = 0;
        while (taken < chunk.size()) {
            const auto step = parser.feed(chunk.sliced(taken));
            if (step.consumed < 0 || step.consumed > chunk.size() - taken)
                std::abort();
            taken += step.consumed;
            using Status = HttpRequestParser::Status;
            if (step.status == Status::Error) {
                const int status = parser.errorStatus();
                if (status < 400 || status > 505)
                    std::abort();
                return 0;
            }
            if (step.status == Status::Upgrade) {
                const QByteArray &head = parser.upgradeHead();
                const QByteArrayView sent = input.sliced(messageStart, at + taken - messageStart);
                if (!sent.endsWith(head) || head.size() > limits.maxHeadBytes + 1)
                    std::abort();
                return 0;
            }
            if (step.status == Status::Request) {
                const HttpRequest request = parser.takeRequest();
                if (request.body.size() > limits.maxBodyBytes || !request.target.startsWith('/'))
                    std::abort();
                messageStart = at + taken;
                continue;
            }
            if (step.consumed == 0)
                std::abort(); // NeedMore must take every byte
        }
        at += chunk.size();
    }
    return 0;
}
