// libFuzzer target: MLflow filter and order_by strings for both searches. Every input is
// answered (parsed or refused with INVALID_PARAMETER_VALUE) without a crash, undefined
// behaviour, a hang (libFuzzer's -timeout) or an error message quoting more than an excerpt.
#include "registry/filter/filter.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <cstdlib>

using namespace ModelDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const Filter::Target target : {Filter::Target::Models, Filter::Target::Versions}) {
        const auto filter = Filter::parseFilter(text, target);
        if (!filter && (filter.error().code() != ErrorCode::InvalidParameterValue
                        || filter.error().message().size() > 2000)) {
            std::abort();
        }
        // The same bytes as order_by clauses, one per line.
        const auto order = Filter::parseOrderBy(text.split(QLatin1Char('\n')), target);
        if (!order && (order.error().code() != ErrorCode::InvalidParameterValue
                       || order.error().message().size() > 2000)) {
            std::abort();
        }
    }
    return 0;
}
