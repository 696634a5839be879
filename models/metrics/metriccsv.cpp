#include "models/metrics/metriccsv.h"

#include <cmath>

namespace ModelDesk {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    return bytes;
}

} // namespace

QByteArray metricValueText(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    return QByteArray::number(value, 'g', 17);
}

QByteArray metricCsv(const QList<std::pair<QString, std::shared_ptr<const MetricSeries>>> &series)
{
    const bool named = series.size() > 1;
    QByteArray out = named ? QByteArrayLiteral("series,step,timestamp,value\n")
                           : QByteArrayLiteral("step,timestamp,value\n");
    for (const auto &[name, history] : series) {
        if (!history)
            continue;
        const QByteArray prefix = named ? csvField(name) + ',' : QByteArray();
        out.reserve(out.size() + history->size() * (prefix.size() + 40));
        for (const MetricPoint &point : history->byStep) {
            out += prefix;
            out += QByteArray::number(point.step);
            out += ',';
            out += QByteArray::number(point.timestamp);
            out += ',';
            out += metricValueText(point.value);
            out += '\n';
        }
    }
    return out;
}

} // namespace ModelDesk
