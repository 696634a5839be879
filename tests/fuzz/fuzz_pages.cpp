// libFuzzer target: search answers from a server, read by the client's streaming page reader
// (registry/rest/restjson). Any bytes are read or refused without a crash; and where both the
// page reader and the QJsonDocument reader accept an answer, they read the same page.
#include "registry/rest/restjson.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace ModelDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto versions = RestJson::readVersionPage(body);
    const auto versionsByDocument = RestJson::readVersionPageWithDocument(body);
    if (versions && versionsByDocument
        && (versions->items != versionsByDocument->items
            || versions->nextPageToken != versionsByDocument->nextPageToken)) {
        std::abort();
    }
    const auto models = RestJson::readModelPage(body);
    const auto modelsByDocument = RestJson::readModelPageWithDocument(body);
    if (models && modelsByDocument
        && (models->items != modelsByDocument->items
            || models->nextPageToken != modelsByDocument->nextPageToken)) {
        std::abort();
    }
    return 0;
}
