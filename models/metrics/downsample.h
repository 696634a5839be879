#pragma once

#include "models/metrics/metricseries.h"

#include <QList>
#include <QPointF>

#include <cmath>
#include <limits>

namespace ModelDesk {

// A point that cannot be drawn: a chart marks where it is.
struct MetricGap
{
    enum class Kind { NaN, PositiveInfinity, NegativeInfinity };
    double x = 0;
    Kind kind = Kind::NaN;
    bool operator==(const MetricGap &) const = default;
};

// What a chart draws of a series over a range of x: polylines that stop at every point that
// cannot be drawn, and those points' positions.
struct DrawnSeries
{
    QList<QList<QPointF>> segments; // x non-decreasing within and across segments
    QList<MetricGap> gaps; // at most one per bucket and kind
    qsizetype pointsInRange = 0; // raw points between the range's ends
    qsizetype hidden = 0; // points at or below 0 left out of a logarithmic axis
    qsizetype drawnPoints() const
    {
        qsizetype count = 0;
        for (const QList<QPointF> &segment : segments)
            count += segment.size();
        return count;
    }
};

struct DownsampleRequest
{
    MetricAxis axis = MetricAxis::Step;
    double from = 0; // the visible range of x; from == to means everything
    double to = 0;
    int buckets = 1200; // one per horizontal pixel: at most two points (min, max) each
    bool logarithmic = false;
    // Values to draw instead of the raw ones (smoothed), index for index with
    // series.ordered(axis); empty for the raw values.
    QList<double> values;
};

// Reduces the points of `series` in the request's range to about two per bucket, keeping
// each bucket's minimum and maximum in their x order, so that spikes never vanish. The
// nearest point outside each end is kept too, so lines reach the chart's edges. NaN and
// infinite values end a segment and are reported as gaps; with a logarithmic axis values at
// or below 0 end a segment and are counted as hidden. Pure and thread-safe.
DrawnSeries downsample(const MetricSeries &series, const DownsampleRequest &request);

// TensorBoard's smoothing: an exponential moving average with weight `weight` (0 = none,
// 0.99 = heavy), debiased so that the first values are not pulled toward 0. NaN and infinite
// values pass through unchanged and do not disturb the average. Index for index with `points`.
QList<double> smoothed(const QList<MetricPoint> &points, double weight);

// The index in `points` (ordered for `axis`) of the point nearest to x, -1 when empty.
qsizetype nearestPoint(const MetricSeries &series, MetricAxis axis, double x);

} // namespace ModelDesk
