#include "models/metrics/downsample.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ModelDesk {

namespace {

// The minimum and maximum of a run of points in one bucket, by index (x order).
struct Extremes
{
    qsizetype min = -1;
    qsizetype max = -1;
    double minValue = 0;
    double maxValue = 0;

    bool isEmpty() const { return min < 0; }
    void add(qsizetype index, double value)
    {
        if (min < 0) {
            min = max = index;
            minValue = maxValue = value;
            return;
        }
        if (value < minValue)
            min = index, minValue = value;
        if (value > maxValue)
            max = index, maxValue = value;
    }
    void merge(const Extremes &other)
    {
        if (!other.isEmpty()) {
            add(other.min, other.minValue);
            add(other.max, other.maxValue);
        }
    }
};

class Reducer
{
public:
    // `values`: what to draw instead of the points' own values, or null.
    Reducer(const MetricSeries &series,
            const DownsampleRequest &request,
            const double *values,
            DrawnSeries &out)
        : m_series(series)
        , m_request(request)
        , m_points(series.ordered(request.axis))
        , m_values(values)
        , m_out(out)
    { }

    void run(qsizetype first, qsizetype last, double from, double width)
    {
        m_width = width;
        m_from = from;
        for (qsizetype i = first; i <= last; ++i) {
            const qsizetype bucket = bucketOf(x(i));
            if (bucket != m_bucket) {
                finishBucket();
                m_bucket = bucket;
            }
            const double value = y(i);
            if (!isDrawable(value)) {
                breakAt(i);
                addGap(x(i), value);
            } else if (m_request.logarithmic && value <= 0) {
                breakAt(i);
                ++m_out.hidden;
            } else {
                m_current.add(i, value);
            }
        }
        finishBucket();
        closeSegment();
    }

private:
    double x(qsizetype i) const { return m_series.x(m_points.at(i), m_request.axis); }
    double y(qsizetype i) const { return m_values ? m_values[i] : m_points.at(i).value; }

    qsizetype bucketOf(double value) const
    {
        if (m_width <= 0)
            return 0;
        const double position = std::floor((value - m_from) / m_width);
        if (!std::isfinite(position))
            return 0;
        return qsizetype(std::clamp(position, -1.0, double(m_request.buckets)));
    }

    void appendTo(const Extremes &extremes, QList<QPointF> &segment) const
    {
        if (extremes.isEmpty())
            return;
        const qsizetype a = std::min(extremes.min, extremes.max);
        const qsizetype b = std::max(extremes.min, extremes.max);
        segment.append(QPointF(x(a), y(a)));
        if (b != a)
            segment.append(QPointF(x(b), y(b)));
    }

    // A point that cannot be drawn: the points before it in this bucket end the segment; more
    // such points in the same bucket fold what lies between them into one short segment.
    void breakAt(qsizetype)
    {
        if (!m_bucketBroken) {
            appendTo(m_current, m_segment);
            closeSegment();
            m_bucketBroken = true;
        } else {
            m_between.merge(m_current);
        }
        m_current = {};
    }

    void finishBucket()
    {
        if (m_bucketBroken && !m_between.isEmpty()) {
            QList<QPointF> between;
            appendTo(m_between, between);
            m_out.segments.append(between);
        }
        appendTo(m_current, m_segment);
        m_current = {};
        m_between = {};
        m_bucketBroken = false;
        m_gapKinds = 0;
    }

    void closeSegment()
    {
        if (!m_segment.isEmpty())
            m_out.segments.append(std::exchange(m_segment, {}));
    }

    void addGap(double at, double value)
    {
        const MetricGap::Kind kind = std::isnan(value) ? MetricGap::Kind::NaN
            : value > 0                                ? MetricGap::Kind::PositiveInfinity
                                                       : MetricGap::Kind::NegativeInfinity;
        const int bit = 1 << int(kind);
        if (m_gapKinds & bit)
            return;
        m_gapKinds |= bit;
        m_out.gaps.append({at, kind});
    }

    const MetricSeries &m_series;
    const DownsampleRequest &m_request;
    const QList<MetricPoint> &m_points;
    const double *m_values;
    DrawnSeries &m_out;
    double m_from = 0;
    double m_width = 0;
    qsizetype m_bucket = std::numeric_limits<qsizetype>::min();
    Extremes m_current;
    Extremes m_between;
    bool m_bucketBroken = false;
    int m_gapKinds = 0;
    QList<QPointF> m_segment;
};

} // namespace

DrawnSeries downsample(const MetricSeries &series, const DownsampleRequest &request)
{
    DrawnSeries out;
    const QList<MetricPoint> &points = series.ordered(request.axis);
    if (points.isEmpty())
        return out;
    const double *values
        = request.values.size() == points.size() ? request.values.constData() : nullptr;
    const auto xAt = [&](qsizetype i) { return series.x(points.at(i), request.axis); };
    double from = request.from;
    double to = request.to;
    if (!(to > from)) {
        from = xAt(0);
        to = xAt(points.size() - 1);
    }
    // The range's points, and the nearest one beyond each end.
    const auto lower
        = std::partition_point(points.cbegin(), points.cend(), [&](const MetricPoint &p) {
              return series.x(p, request.axis) < from;
          });
    const auto upper
        = std::partition_point(points.cbegin(), points.cend(), [&](const MetricPoint &p) {
              return series.x(p, request.axis) <= to;
          });
    out.pointsInRange = upper - lower;
    qsizetype first = lower - points.cbegin();
    qsizetype last = (upper - points.cbegin()) - 1;
    if (first > 0)
        --first;
    if (last < points.size() - 1)
        ++last;
    if (first > last)
        return out;
    const int buckets = std::max(1, request.buckets);
    const DownsampleRequest bounds {request.axis, from, to, buckets, request.logarithmic, {}};
    Reducer reducer(series, bounds, values, out);
    reducer.run(first, last, from, (to - from) / buckets);
    return out;
}

QList<double> smoothed(const QList<MetricPoint> &points, double weight)
{
    QList<double> values;
    values.reserve(points.size());
    weight = std::clamp(weight, 0.0, 0.999);
    double last = 0;
    double factor = 1; // weight to the power of the finite values seen
    for (const MetricPoint &point : points) {
        if (!isDrawable(point.value)) {
            values.append(point.value);
            continue;
        }
        last = last * weight + (1 - weight) * point.value;
        factor *= weight;
        const double debias = 1 - factor;
        values.append(debias > 0 ? last / debias : point.value);
    }
    return values;
}

qsizetype nearestPoint(const MetricSeries &series, MetricAxis axis, double x)
{
    const QList<MetricPoint> &points = series.ordered(axis);
    if (points.isEmpty())
        return -1;
    const auto after
        = std::partition_point(points.cbegin(), points.cend(),
                               [&](const MetricPoint &p) { return series.x(p, axis) < x; });
    qsizetype index = after - points.cbegin();
    if (index >= points.size())
        return points.size() - 1;
    if (index > 0 && x - series.x(points.at(index - 1), axis) <= series.x(*after, axis) - x)
        --index;
    return index;
}

} // namespace ModelDesk
