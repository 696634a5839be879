#pragma once

#include <QList>
#include <QString>

#include <cmath>
#include <limits>

namespace ModelDesk {

// Whether a chart can draw a value. MLflow's SQL stores keep ±Infinity as ±DBL_MAX (and NaN
// as 0 with is_nan set), so ±DBL_MAX counts as infinite too.
inline bool isDrawable(double value)
{
    return std::isfinite(value) && std::abs(value) < std::numeric_limits<double>::max();
}

// One logged value of a metric, as MLflow stores it.
struct MetricPoint
{
    qint64 step = 0;
    qint64 timestamp = 0; // milliseconds since the epoch
    double value = 0; // NaN and ±Infinity as logged
    bool operator==(const MetricPoint &) const = default;
};

// What a chart's horizontal axis shows.
enum class MetricAxis {
    Step,
    WallTime, // x in milliseconds since the epoch
    RelativeTime, // x in seconds since the run started
};

// The full history of one metric of one run, in the two orders a chart draws it: by
// timestamp (as MLflow returns it: timestamp, step, value) and by step (ties keep that
// order). Immutable once built, shared between the GUI thread and workers.
struct MetricSeries
{
    QString runId;
    QString key;
    qint64 runStartTime = 0; // the origin of MetricAxis::RelativeTime
    QList<MetricPoint> byTime;
    QList<MetricPoint> byStep;

    const QList<MetricPoint> &ordered(MetricAxis axis) const
    {
        return axis == MetricAxis::Step ? byStep : byTime;
    }
    double x(const MetricPoint &point, MetricAxis axis) const
    {
        switch (axis) {
        case MetricAxis::Step:
            return double(point.step);
        case MetricAxis::WallTime:
            return double(point.timestamp);
        case MetricAxis::RelativeTime:
            return double(point.timestamp - runStartTime) / 1000.0;
        }
        return 0;
    }
    qsizetype size() const { return byTime.size(); }
    // The number of points that are NaN or infinite.
    qsizetype nonFinite() const
    {
        qsizetype count = 0;
        for (const MetricPoint &point : byTime)
            count += isDrawable(point.value) ? 0 : 1;
        return count;
    }

    // Builds both orders from points in MLflow's order (or any order: they are sorted).
    static MetricSeries
    build(QString runId, QString key, qint64 runStartTime, QList<MetricPoint> points);
};

} // namespace ModelDesk
