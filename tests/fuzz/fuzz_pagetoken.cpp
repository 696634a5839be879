// libFuzzer target: page tokens as a client sends them back. A token decodes to an offset
// (0 for none; MLflow refuses a token that says 0, as it reads 0 as false) that encodes to a
// token decoding to the same offset, or is refused with INVALID_PARAMETER_VALUE.
#include "registry/pagetoken.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace ModelDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString token = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto offset = PageToken::decode(token);
    if (offset && *offset != 0) {
        const auto again = PageToken::decode(PageToken::encode(*offset));
        if (!again || *again != *offset)
            std::abort();
    } else if (!offset && offset.error().code() != ErrorCode::InvalidParameterValue) {
        std::abort();
    }
    return 0;
}
