// The Metrics tab of a version on MLflow 2.22's store: a chart per metric, filter, large
// view, zoom and reset, smoothing, log scale, axes, gaps for a diverged run, exports.
#include "ui/metrics/metricspage.h"

#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/transcripts.h"
#include "ui/mainwindow.h"
#include "ui/metrics/metricplot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace ModelDesk;

namespace {

// The run with the most points in the fixture (8 metrics, 823 points) and the one whose
// loss diverges to +Infinity, then NaN.
const QString BusyRun = QStringLiteral("5a7dc44a8d294f2080a124197e1b3f7f");
const QString DivergedRun = QStringLiteral("db1c2b60d1f242ecb0c5dc1b472390fa");

} // namespace

class TestMetricsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqlRegistry> m_registry;
    std::unique_ptr<MetricCache> m_cache;

    std::unique_ptr<MetricsPage> page(const QString &runId)
    {
        auto page = std::make_unique<MetricsPage>(m_registry.get(), m_cache.get());
        page->resize(760, 900);
        page->show();
        page->setRun(runId);
        page->setActive(true);
        return page;
    }

    static void waitIdle(MetricsPage &page) { QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 10000); }

    static QStringList titles(const MetricsPage &page, bool visibleOnly)
    {
        QStringList names;
        for (MetricPlot *plot : page.plots()) {
            if (!visibleOnly || plot->isVisible())
                names << plot->title();
        }
        return names;
    }

    static MetricPlot *plot(const MetricsPage &page, const QString &key)
    {
        for (MetricPlot *plot : page.plots()) {
            if (plot->title() == key)
                return plot;
        }
        return nullptr;
    }

    static QWidget *viewport(MetricPlot *plot)
    {
        return plot->findChild<QGraphicsView *>()->viewport();
    }

    static void setOptions(MetricsPage &page, int axis, bool log, int smoothing)
    {
        page.findChild<QComboBox *>(QStringLiteral("metricAxis"))->setCurrentIndex(axis);
        page.findChild<QCheckBox *>(QStringLiteral("logScale"))->setChecked(log);
        page.findChild<QSlider *>(QStringLiteral("smoothing"))->setValue(smoothing);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QVERIFY(m_dir.isValid());
        const QString copy = m_dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        m_registry = std::make_unique<SqlRegistry>(copy);
        auto opened = m_registry->open();
        QTRY_VERIFY_WITH_TIMEOUT(opened.isFinished(), 10000);
        QVERIFY(opened.result().ok());
        m_cache = std::make_unique<MetricCache>(m_registry.get());
    }

    void init()
    {
        // Each test starts from the default options.
        MetricsPage reset(m_registry.get(), m_cache.get());
        setOptions(reset, 0, false, 0);
    }

    void everyMetricHasItsChart()
    {
        auto shown = page(BusyRun);
        waitIdle(*shown);
        QCOMPARE(titles(*shown, false),
                 (QStringList {QStringLiteral("accuracy"), QStringLiteral("auc"),
                               QStringLiteral("f1"), QStringLiteral("learning_rate"),
                               QStringLiteral("loss"), QStringLiteral("precision"),
                               QStringLiteral("recall"), QStringLiteral("val_loss")}));
        // Every point of a history is read, and drawn in full where it fits the pixels.
        MetricPlot *loss = plot(*shown, QStringLiteral("loss"));
        QVERIFY(loss);
        QCOMPARE(loss->lines().size(), 1);
        const SeriesPtr series = loss->lines().first().series;
        QVERIFY(series->size() > 100);
        const MetricChart::Line &drawn = loss->chart()->lines().first();
        QCOMPARE(drawn.raw.pointsInRange, series->size());
        QVERIFY(drawn.raw.drawnPoints() > 0);
        QVERIFY(drawn.raw.gaps.isEmpty());
        // The axes show the whole history.
        const MetricChart::Range range = loss->chart()->range();
        QCOMPARE(range.minX, double(series->byStep.constFirst().step));
        QCOMPARE(range.maxX, double(series->byStep.constLast().step));
    }

    void theFilterNarrowsAndSaysWhenNothingMatches()
    {
        auto shown = page(BusyRun);
        waitIdle(*shown);
        auto *filter = shown->findChild<QLineEdit *>(QStringLiteral("metricFilter"));
        QTest::keyClicks(filter, QStringLiteral("LOSS"));
        QCOMPARE(titles(*shown, true),
                 (QStringList {QStringLiteral("loss"), QStringLiteral("val_loss")}));
        filter->setText(QStringLiteral("nothing-like-it"));
        auto *empty = shown->findChild<QLabel *>(QStringLiteral("metricsEmpty"));
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QLatin1String("nothing-like-it")));
        filter->clear();
        QCOMPARE(titles(*shown, true).size(), 8);
    }

    void largeViewZoomsAndResets()
    {
        auto shown = page(BusyRun);
        waitIdle(*shown);
        MetricPlot *loss = plot(*shown, QStringLiteral("loss"));
        QTest::mouseDClick(viewport(loss), Qt::LeftButton, {}, viewport(loss)->rect().center());
        QVERIFY(shown->showsLargeView());
        MetricPlot *large = shown->largePlot();
        waitIdle(*shown);
        QCOMPARE(large->lines().first().series, loss->lines().first().series);
        const MetricChart::Range full = large->chart()->range();

        // A rubber band over the middle third zooms in: fewer points in range, read again.
        QWidget *area = viewport(large);
        const QRect rect = area->rect();
        const QPoint from(rect.left() + rect.width() * 2 / 5, rect.top() + rect.height() / 4);
        const QPoint to(rect.left() + rect.width() * 3 / 5, rect.bottom() - rect.height() / 4);
        QTest::mousePress(area, Qt::LeftButton, {}, from);
        QTest::mouseMove(area, to);
        QTest::mouseRelease(area, Qt::LeftButton, {}, to);
        waitIdle(*shown);
        QVERIFY(large->isZoomed());
        const MetricChart::Range zoomed = large->chart()->range();
        QVERIFY(zoomed.minX > full.minX && zoomed.maxX < full.maxX);
        QVERIFY(large->chart()->lines().first().raw.pointsInRange
                < large->lines().first().series->size());

        // Smoothing and the log scale keep the x range the user chose.
        setOptions(*shown, 0, false, 60);
        waitIdle(*shown);
        QVERIFY(large->chart()->lines().first().smoothed.has_value());
        QCOMPARE(large->chart()->range().minX, zoomed.minX);
        QCOMPARE(large->chart()->range().maxX, zoomed.maxX);
        setOptions(*shown, 0, true, 60);
        waitIdle(*shown);
        QCOMPARE(large->chart()->range().minX, zoomed.minX);
        QVERIFY(large->chart()->isLogarithmic());

        // The wheel zooms around the mouse; double-click resets.
        setOptions(*shown, 0, false, 0);
        waitIdle(*shown);
        const double before = large->chart()->range().maxX - large->chart()->range().minX;
        QWheelEvent wheel(rect.center(), area->mapToGlobal(rect.center()), {}, {0, 120},
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(area, &wheel);
        waitIdle(*shown);
        QVERIFY(large->chart()->range().maxX - large->chart()->range().minX < before);
        QTest::mouseDClick(area, Qt::LeftButton, {}, rect.center());
        waitIdle(*shown);
        QVERIFY(!large->isZoomed());
        QCOMPARE(large->chart()->range().minX, full.minX);
        QCOMPARE(large->chart()->range().maxX, full.maxX);

        QTest::keyClick(shown.get(), Qt::Key_Escape);
        QVERIFY(!shown->showsLargeView());
    }

    void axesChangeWhatXIsAndAreRemembered()
    {
        {
            auto shown = page(BusyRun);
            waitIdle(*shown);
            setOptions(*shown, 2, false, 0); // seconds since the run started
            waitIdle(*shown);
            MetricPlot *loss = plot(*shown, QStringLiteral("loss"));
            const SeriesPtr series = loss->lines().first().series;
            const MetricChart::Range range = loss->chart()->range();
            QCOMPARE(range.minX, series->x(series->byTime.constFirst(), MetricAxis::RelativeTime));
            QCOMPARE(range.maxX, series->x(series->byTime.constLast(), MetricAxis::RelativeTime));
        }
        auto again = page(BusyRun);
        QCOMPARE(again->findChild<QComboBox *>(QStringLiteral("metricAxis"))->currentIndex(), 2);
        waitIdle(*again);
        QCOMPARE(plot(*again, QStringLiteral("loss"))->chart()->axis(), MetricAxis::RelativeTime);
    }

    // The 2.22 store keeps +Infinity as DBL_MAX and NaN with is_nan: both are marked gaps.
    void aDivergedRunShowsGaps()
    {
        auto shown = page(DivergedRun);
        waitIdle(*shown);
        MetricPlot *loss = plot(*shown, QStringLiteral("loss"));
        QVERIFY(loss);
        const MetricChart::Line &drawn = loss->chart()->lines().first();
        QList<MetricGap::Kind> kinds;
        for (const MetricGap &gap : drawn.raw.gaps)
            kinds << gap.kind;
        QCOMPARE(kinds,
                 (QList<MetricGap::Kind> {MetricGap::Kind::PositiveInfinity, MetricGap::Kind::NaN,
                                          MetricGap::Kind::NaN}));
        // The value axis is that of the finite values, not of 1.8e308.
        QVERIFY(loss->chart()->range().maxY < 10);
    }

    void exportsAreValidFiles()
    {
        auto shown = page(BusyRun);
        waitIdle(*shown);
        MetricPlot *loss = plot(*shown, QStringLiteral("loss"));
        const QString png = m_dir.filePath(QStringLiteral("loss.png"));
        const QString svg = m_dir.filePath(QStringLiteral("loss.svg"));
        const QString csv = m_dir.filePath(QStringLiteral("loss.csv"));
        QVERIFY(loss->exportPng(png));
        QVERIFY(loss->exportSvg(svg));
        QVERIFY(loss->exportCsv(csv));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), viewport(loss)->parentWidget()->size());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        QString root;
        int shapes = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (root.isEmpty())
                root = xml.name().toString();
            if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline"))
                ++shapes;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, QStringLiteral("svg"));
        QVERIFY(shapes > 0);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csvFile.readAll().split('\n');
        QCOMPARE(rows.first(), QByteArray("step,timestamp,value"));
        const SeriesPtr series = loss->lines().first().series;
        QCOMPARE(rows.size(), series->size() + 2); // header, points, the final newline
        const MetricPoint &first = series->byStep.first();
        QCOMPARE(rows.at(1),
                 QByteArray::number(first.step) + ',' + QByteArray::number(first.timestamp) + ','
                     + QByteArray::number(first.value, 'g', 17));
    }

    // modeldesk --select NAME/VERSION --tab metrics: the window is idle only once every chart
    // of the version's run is drawn; the same from the file and through a server.
    void theWindowOpensTheTab_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void theWindowOpensTheTab()
    {
        QFETCH(bool, server);
        QString location = m_dir.filePath(QStringLiteral("mlflow.db"));
        std::unique_ptr<TestSupport::FakeMlflowServer> fake;
        if (server) {
            fake = std::make_unique<TestSupport::FakeMlflowServer>(location);
            QVERIFY(fake->listen() != 0);
            location = fake->url().toString();
        }
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.setInitialTab(QStringLiteral("metrics"));
        // What the tab holds the moment the window first says it is idle (what --screenshot
        // saves): every chart drawn.
        int drawnWhenIdle = -1;
        connect(&window, &MainWindow::becameIdle, this, [&window, &drawnWhenIdle] {
            if (drawnWhenIdle >= 0)
                return;
            drawnWhenIdle = 0;
            if (auto *page = window.findChild<MetricsPage *>()) {
                for (MetricPlot *plot : page->plots())
                    drawnWhenIdle += !plot->isDrawing() && !plot->chart()->lines().isEmpty();
            }
        });
        window.openRegistry(location, QStringLiteral("customer_churn_predictor/3"));
        QTRY_VERIFY_WITH_TIMEOUT(drawnWhenIdle >= 0, 15000);
        QCOMPARE(drawnWhenIdle, 8);
        QVERIFY(window.isIdle());
        auto *shown = window.findChild<MetricsPage *>();
        QVERIFY(shown && shown->isVisible());
        QCOMPARE(shown->runId(), BusyRun);
        QCOMPARE(shown->plots().size(), 8);
        for (MetricPlot *plot : shown->plots()) {
            QVERIFY2(!plot->isDrawing(), qPrintable(plot->title()));
            QCOMPARE(plot->chart()->lines().size(), 1);
        }
        // The same history as the file holds, point for point.
        const SeriesPtr drawn = plot(*shown, QStringLiteral("loss"))->lines().first().series;
        auto history = m_registry->metricHistory(BusyRun, QStringLiteral("loss"));
        QTRY_VERIFY_WITH_TIMEOUT(history.isFinished(), 10000);
        const Result<QList<Metric>> read = history.result();
        QVERIFY(read.ok());
        const QList<Metric> points = read.value();
        QCOMPARE(drawn->size(), points.size());
        for (const Metric &metric : points) {
            QVERIFY(std::find(drawn->byTime.cbegin(), drawn->byTime.cend(),
                              MetricPoint {metric.step, metric.timestamp, metric.value})
                    != drawn->byTime.cend());
        }
    }

    void noRunAndNoMetricsSaySo()
    {
        auto none = page(QString());
        auto *empty = none->findChild<QLabel *>(QStringLiteral("metricsEmpty"));
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QLatin1String("no source run")));
        auto missing = page(QStringLiteral("0123456789abcdef0123456789abcdef"));
        waitIdle(*missing);
        empty = missing->findChild<QLabel *>(QStringLiteral("metricsEmpty"));
        QVERIFY(empty->isVisible());
        QVERIFY2(empty->text().contains(QLatin1String("could not be read")),
                 qPrintable(empty->text()));
    }
};

QTEST_MAIN(TestMetricsPage)
#include "tst_metricspage.moc"
