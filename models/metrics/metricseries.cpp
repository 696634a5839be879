#include "models/metrics/metricseries.h"

#include <algorithm>

namespace ModelDesk {

MetricSeries
MetricSeries::build(QString runId, QString key, qint64 runStartTime, QList<MetricPoint> points)
{
    MetricSeries series;
    series.runId = std::move(runId);
    series.key = std::move(key);
    series.runStartTime = runStartTime;
    const auto byTimestamp
        = [](const MetricPoint &a, const MetricPoint &b) { return a.timestamp < b.timestamp; };
    if (!std::is_sorted(points.cbegin(), points.cend(), byTimestamp))
        std::stable_sort(points.begin(), points.end(), byTimestamp);
    series.byTime = std::move(points);
    const auto byStep = [](const MetricPoint &a, const MetricPoint &b) { return a.step < b.step; };
    // Usually logged step by step already: then both orders share one list.
    series.byStep = series.byTime;
    if (!std::is_sorted(series.byStep.cbegin(), series.byStep.cend(), byStep))
        std::stable_sort(series.byStep.begin(), series.byStep.end(), byStep);
    return series;
}

} // namespace ModelDesk
