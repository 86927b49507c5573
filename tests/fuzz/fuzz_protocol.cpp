// Fuzz target: the protocol decoder every client frame goes through (shared/protocol.h
// decodeRequest, then the typed payload decoders the gateway applies), and the decoder the apps
// apply to every server frame. Properties checked beyond "no crash, no UB": a decoded request
// re-encodes to a frame that decodes to the same request.
#include "messages.h"
#include "protocol.h"

#include <cstdint>
#include <cstdlib>

using namespace scoreboard::protocol;

namespace {

template<typename... Payloads> void decodePayloads(const QJsonObject &data)
{
    (static_cast<void>(Payloads::fromJson(data)), ...);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArrayView frame(reinterpret_cast<const char *>(bytes), qsizetype(size));
    auto decoded = decodeRequest(frame);
    if (const auto *request = std::get_if<Request>(&decoded)) {
        decodePayloads<SignupRequest, VerifyRequest, ResendRequest, LoginRequest, ResumeRequest,
            ActionRequest, SubscribeRequest, FlagsSubscribeRequest, ManualFlagRequest,
            ApproveRequest, ReverseRequest, UserRequest, SuspendRequest, AuditRequest>(
            request->data);
        const auto again = decodeRequest(request->encode());
        const auto *same = std::get_if<Request>(&again);
        if (!same || !(*same == *request))
            std::abort(); // a request that does not survive its own encoding
    }
    QString why;
    if (const auto message = decodeServerMessage(frame, &why)) {
        if (const auto *reply = std::get_if<Reply>(&*message))
            static_cast<void>(decodeServerMessage(reply->encode()));
    }
    return 0;
}
