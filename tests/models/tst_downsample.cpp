// Downsampling metric histories for charts: extremes kept, bounded output, NaN and infinities
// as gaps, x in order; and the smoothing and hover lookups drawn over them.
#include "models/metrics/downsample.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace ModelDesk;

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

MetricSeries seriesOf(const QList<double> &values)
{
    QList<MetricPoint> points;
    points.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        points.append({i, 1'700'000'000'000 + i * 10, values.at(i)});
    return MetricSeries::build(QStringLiteral("run"), QStringLiteral("loss"), 1'700'000'000'000,
                               points);
}

QList<double> wave(qsizetype count)
{
    QList<double> values;
    values.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        values.append(std::sin(double(i) / 977.0) + double(i % 13) / 100.0);
    return values;
}

} // namespace

class TestDownsample : public QObject
{
    Q_OBJECT

private slots:
    void reduces_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<bool>("logarithmic");
        QTest::addColumn<int>("segments"); // -1: not checked
        QTest::addColumn<QList<MetricGap>>("gaps"); // checked when not empty
        QTest::addColumn<int>("hidden");

        QTest::newRow("a million points, 1200 buckets")
            << wave(1'000'000) << 0.0 << 0.0 << 1200 << false << 1 << QList<MetricGap>() << 0;
        QList<double> spike(1'000'000, 1.0);
        spike[500'001] = 250.0;
        spike[700'003] = -40.0;
        QTest::newRow("a spike up and one down")
            << spike << 0.0 << 0.0 << 300 << false << 1 << QList<MetricGap>() << 0;
        QTest::newRow("fewer points than buckets")
            << QList<double> {3, 1, 4, 1, 5, 9, 2, 6} << 0.0 << 0.0 << 1200 << false << 1
            << QList<MetricGap>() << 0;
        QTest::newRow("a NaN in the middle")
            << QList<double> {1, 2, 3, NaN, 5, 6} << 0.0 << 0.0 << 1200 << false << 2
            << QList<MetricGap> {{3, MetricGap::Kind::NaN}} << 0;
        QTest::newRow("a run that diverges")
            << QList<double> {0.9, 0.7, 3.5, 1e30, Inf, NaN, NaN} << 0.0 << 0.0 << 1200 << false
            << 1
            << QList<MetricGap> {{4, MetricGap::Kind::PositiveInfinity},
                                 {5, MetricGap::Kind::NaN},
                                 {6, MetricGap::Kind::NaN}}
            << 0;
        // As MLflow's SQL store keeps them (the 2.22 fixture's diverged run).
        QTest::newRow("infinity stored as DBL_MAX")
            << QList<double> {0.16, 0.15, std::numeric_limits<double>::max(), NaN, NaN} << 0.0
            << 0.0 << 1200 << false << 1
            << QList<MetricGap> {{2, MetricGap::Kind::PositiveInfinity},
                                 {3, MetricGap::Kind::NaN},
                                 {4, MetricGap::Kind::NaN}}
            << 0;
        QTest::newRow("minus infinity first")
            << QList<double> {-Inf, 2, 3} << 0.0 << 0.0 << 1200 << false << 1
            << QList<MetricGap> {{0, MetricGap::Kind::NegativeInfinity}} << 0;
        QTest::newRow("only NaN") << QList<double>(50, NaN) << 0.0 << 0.0 << 10 << false << 0
                                  << QList<MetricGap>() << 0;
        QList<double> alternating;
        for (int i = 0; i < 200'000; ++i)
            alternating.append(i % 2 ? NaN : double(i % 17));
        QTest::newRow("every other point NaN")
            << alternating << 0.0 << 0.0 << 100 << false << -1 << QList<MetricGap>() << 0;
        QTest::newRow("zoomed in") << wave(100'000) << 25'000.0 << 26'000.0 << 200 << false << 1
                                   << QList<MetricGap>() << 0;
        QTest::newRow("logarithmic, with 0 and below")
            << QList<double> {1, 10, 0, 100, -5, 1000} << 0.0 << 0.0 << 1200 << true << 3
            << QList<MetricGap>() << 2;
    }

    void reduces()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, from);
        QFETCH(double, to);
        QFETCH(int, buckets);
        QFETCH(bool, logarithmic);
        QFETCH(int, segments);
        QFETCH(QList<MetricGap>, gaps);
        QFETCH(int, hidden);
        const MetricSeries series = seriesOf(values);
        DownsampleRequest request;
        request.from = from;
        request.to = to;
        request.buckets = buckets;
        request.logarithmic = logarithmic;
        const DrawnSeries drawn = downsample(series, request);

        // Bounded: two points per bucket, at most six where gaps split one, and the two
        // neighbours beyond the range.
        QVERIFY2(drawn.drawnPoints() <= 6 * buckets + 2,
                 qPrintable(QString::number(drawn.drawnPoints())));
        QVERIFY(drawn.segments.size() <= 3 * buckets + 2);
        QVERIFY(drawn.gaps.size() <= 3 * (buckets + 2));
        if (segments >= 0)
            QCOMPARE(drawn.segments.size(), segments);
        if (!gaps.isEmpty())
            QCOMPARE(drawn.gaps, gaps);
        QCOMPARE(drawn.hidden, hidden);

        // x never goes backwards, every point drawn is a real point, nothing drawn is
        // non-finite (or at or below 0 on a log axis).
        double lastX = -Inf;
        double drawnMin = Inf;
        double drawnMax = -Inf;
        for (const QList<QPointF> &segment : drawn.segments) {
            QVERIFY(!segment.isEmpty());
            for (const QPointF &point : segment) {
                QVERIFY(point.x() >= lastX);
                lastX = point.x();
                QVERIFY(isDrawable(point.y()));
                QVERIFY(!logarithmic || point.y() > 0);
                const qsizetype index = qsizetype(point.x());
                QCOMPARE(point.x(), double(index));
                QCOMPARE(point.y(), values.at(index));
                if (point.x() >= from && (to <= from || point.x() <= to)) {
                    drawnMin = std::min(drawnMin, point.y());
                    drawnMax = std::max(drawnMax, point.y());
                }
            }
        }

        // The extremes of what is in range are drawn: spikes never vanish.
        double rawMin = Inf;
        double rawMax = -Inf;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const double x = double(i);
            if (x < from || (to > from && x > to) || !isDrawable(values.at(i))
                || (logarithmic && values.at(i) <= 0))
                continue;
            rawMin = std::min(rawMin, values.at(i));
            rawMax = std::max(rawMax, values.at(i));
        }
        QCOMPARE(drawnMin, rawMin);
        QCOMPARE(drawnMax, rawMax);
        if (values.size() <= buckets && !logarithmic && gaps.isEmpty())
            QCOMPARE(drawn.drawnPoints(), values.size());
    }

    void zoomedRangeReachesTheEdges()
    {
        const MetricSeries series = seriesOf(wave(10'000));
        DownsampleRequest request;
        request.from = 100.5;
        request.to = 200.5;
        request.buckets = 50;
        const DrawnSeries drawn = downsample(series, request);
        QCOMPARE(drawn.pointsInRange, 100);
        QCOMPARE(drawn.segments.constFirst().constFirst().x(), 100.0);
        QCOMPARE(drawn.segments.constLast().constLast().x(), 201.0);
    }

    void timeAxes()
    {
        QList<MetricPoint> points {{2, 1'700'000'003'000, 0.5},
                                   {0, 1'700'000'001'000, 0.9},
                                   {1, 1'700'000'002'000, 0.7},
                                   {1, 1'700'000'002'500, 0.6}};
        const MetricSeries series = MetricSeries::build(QStringLiteral("r"), QStringLiteral("k"),
                                                        1'700'000'000'000, points);
        // By step, ties in time order; by time, in time order.
        QCOMPARE(series.byStep.at(1).value, 0.7);
        QCOMPARE(series.byStep.at(2).value, 0.6);
        QCOMPARE(series.byTime.constLast().value, 0.5);
        DownsampleRequest request;
        request.axis = MetricAxis::RelativeTime;
        const DrawnSeries relative = downsample(series, request);
        QCOMPARE(relative.segments.constFirst().constFirst(), QPointF(1.0, 0.9));
        QCOMPARE(relative.segments.constFirst().constLast(), QPointF(3.0, 0.5));
        request.axis = MetricAxis::WallTime;
        QCOMPARE(downsample(series, request).segments.constFirst().constFirst().x(),
                 1'700'000'001'000.0);
        QCOMPARE(series.byStep.at(nearestPoint(series, MetricAxis::Step, 1.4)).step, 1);
        QCOMPARE(nearestPoint(series, MetricAxis::Step, 99), 3);
        QCOMPARE(nearestPoint(series, MetricAxis::Step, -3), 0);
        QCOMPARE(nearestPoint(series, MetricAxis::RelativeTime, 2.3), 2);
    }

    void smoothing()
    {
        const MetricSeries constant = seriesOf(QList<double>(100, 4.0));
        for (double value : smoothed(constant.byStep, 0.99))
            QCOMPARE(value, 4.0); // debiased: no pull toward 0
        const MetricSeries ramp = seriesOf({0, 1, 2, 3, NaN, 5, 6});
        QCOMPARE(smoothed(ramp.byStep, 0).size(), ramp.size());
        const QList<double> none = smoothed(ramp.byStep, 0);
        QCOMPARE(none.at(3), 3.0);
        QVERIFY(std::isnan(none.at(4)));
        const QList<double> heavy = smoothed(ramp.byStep, 0.9);
        QVERIFY(std::isnan(heavy.at(4)));
        QVERIFY(heavy.at(6) < 6.0 && heavy.at(6) > heavy.at(5)); // lags behind, still rises
        // Smoothed values are drawn in place of the raw ones.
        DownsampleRequest request;
        request.values = heavy;
        const DrawnSeries drawn = downsample(ramp, request);
        QCOMPARE(drawn.segments.constLast().constLast().y(), heavy.at(6));
        QCOMPARE(drawn.gaps.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDownsample)
#include "tst_downsample.moc"
