// Metric charts on a run with one metric of 1,000,000 points: reading the history from the
// SQL store, downsampling it for a 1,200-pixel chart, the time from the answer to a painted
// chart, and a whole `modeldesk --select ... --tab metrics --screenshot` process.
// Targets: downsample <= 30 ms, answer to painted chart <= 100 ms, process <= 2.5 s.
// Usage: QT_QPA_PLATFORM=offscreen bench_charts [--modeldesk PATH] [--keep PATH]
#include "benchmarks/benchsupport.h"
#include "models/metrics/downsample.h"
#include "models/metrics/metriccache.h"
#include "registry/sql/sqlregistry.h"
#include "ui/metrics/metricplot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>

using namespace ModelDesk;
using Bench::err;
using Bench::median;
using Bench::ms;
using Bench::out;
using Bench::wait;

namespace {

constexpr int Points = 1'000'000;
const QString Key = QStringLiteral("train_loss_1m");

// Adds the million-point metric (a noisy loss curve with spikes, 10 ms apart) to the run of
// version 1 of the first model; returns "name/1" and the run id.
std::pair<QString, QString> addMillionPoints(const QString &path)
{
    const QString connection = QStringLiteral("bench_charts");
    std::pair<QString, QString> found;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (!db.open()
            || !query.exec(QStringLiteral("SELECT name, run_id FROM model_versions WHERE version "
                                          "= 1 AND run_id != '' ORDER BY name LIMIT 1"))
            || !query.next()) {
            err() << "cannot find a version with a run in " << path << Qt::endl;
        } else {
            const QString name = query.value(0).toString();
            const QString runId = query.value(1).toString();
            query.prepare(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) "
                "SELECT ?, 1.0 / (i / 1000.0 + 1) + (i % 7) * 0.001 + (i % 99991 = 0) * 3, "
                "1700000000000 + i * 10, ?, i, 0 FROM n"));
            query.addBindValue(Points - 1);
            query.addBindValue(Key);
            query.addBindValue(runId);
            const bool added = query.exec();
            query.prepare(QStringLiteral("INSERT INTO latest_metrics (key, value, timestamp, "
                                         "step, is_nan, run_uuid) VALUES (?, 0.001, ?, ?, 0, ?)"));
            query.addBindValue(Key);
            query.addBindValue(1700000000000 + qint64(Points - 1) * 10);
            query.addBindValue(Points - 1);
            query.addBindValue(runId);
            if (added && query.exec())
                found = {name + QStringLiteral("/1"), runId};
            else
                err() << "cannot add the metric: " << query.lastError().text() << Qt::endl;
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return found;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_charts"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times metric charts on 1,000,000 points."));
    parser.addHelpOption();
    const QCommandLineOption modeldeskOption(
        QStringLiteral("modeldesk"), QStringLiteral("The modeldesk to run (default: the build's)."),
        QStringLiteral("PATH"), QStringLiteral(MODELDESK_GUI));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Keep the store made at PATH."),
                                        QStringLiteral("PATH"));
    parser.addOptions({modeldeskOption, keepOption});
    parser.process(app);

    QTemporaryDir dir;
    const QString path = parser.isSet(keepOption) ? parser.value(keepOption)
                                                  : dir.filePath(QStringLiteral("charts.db"));
    QFile::remove(path);
    DemoOptions options;
    options.models = 3;
    options.versionsPerModel = 2;
    if (!Bench::generateStore(path, options))
        return 1;
    const auto [selection, runId] = addMillionPoints(path);
    if (runId.isEmpty())
        return 1;
    out() << "input: one metric of " << Points << " points in run " << runId << " ("
          << Bench::megabytes(QFileInfo(path).size()) << " store)" << Qt::endl;

    SqlRegistry registry(path);
    if (!wait(registry.open())) {
        err() << "cannot open " << path << Qt::endl;
        return 1;
    }

    // Reading: the whole history, streamed from SQL and sorted on a worker, uncached.
    QList<double> reads;
    SeriesPtr series;
    for (int i = 0; i < 3; ++i) {
        MetricCache cache(&registry);
        QElapsedTimer timer;
        timer.start();
        const Result<SeriesPtr> read = wait(cache.series(runId, Key, 1700000000000));
        reads << timer.nsecsElapsed() / 1e6;
        if (!read) {
            err() << "cannot read the history: " << read.error().message() << Qt::endl;
            return 1;
        }
        series = *read;
    }
    out() << "read " << series->size() << " points (SQL): " << ms(median(reads)) << Qt::endl;

    // Downsampling for a 1,200-pixel chart, the whole range and a zoomed tenth.
    QList<double> downsamples;
    DrawnSeries drawn;
    for (int i = 0; i < 15; ++i) {
        QElapsedTimer timer;
        timer.start();
        drawn = downsample(*series, {MetricAxis::Step, 0, 0, 1200, false, {}});
        downsamples << timer.nsecsElapsed() / 1e6;
    }
    QList<double> zooms;
    for (int i = 0; i < 15; ++i) {
        QElapsedTimer timer;
        timer.start();
        downsample(*series, {MetricAxis::Step, 450'000, 550'000, 1200, false, {}});
        zooms << timer.nsecsElapsed() / 1e6;
    }
    QList<double> smoothing;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        DownsampleRequest request {MetricAxis::Step, 0, 0, 1200, false, {}};
        request.values = smoothed(series->byStep, 0.6);
        downsample(*series, request);
        smoothing << timer.nsecsElapsed() / 1e6;
    }
    out() << "downsample " << series->size() << " points to 1,200 buckets (" << drawn.drawnPoints()
          << " drawn): " << ms(median(downsamples))
          << " (target <= 30 ms); a zoomed tenth: " << ms(median(zooms))
          << "; with smoothing: " << ms(median(smoothing)) << Qt::endl;

    // From the answer to a painted 1,280 x 800 chart: downsampling on a worker, the chart's
    // series and one paint.
    MetricPlot plot(MetricChart::Mode::Full);
    plot.resize(1280, 800);
    plot.show();
    QCoreApplication::processEvents();
    QList<double> paints;
    for (int i = 0; i < 5; ++i) {
        QEventLoop loop;
        auto connection = QObject::connect(&plot, &MetricPlot::drawn, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        plot.setLines({{Key, MetricChart::seriesColor(0), series}});
        loop.exec();
        QObject::disconnect(connection);
        const QPixmap painted = plot.grab();
        paints << timer.nsecsElapsed() / 1e6;
        if (painted.isNull())
            return 1;
    }
    out() << "answer to painted chart (1280x800): " << ms(median(paints)) << " (target <= 100 ms)"
          << Qt::endl;

    // The whole process, as a user starts it.
    const QString modeldesk = parser.value(modeldeskOption);
    const double process = Bench::timeProcess(
        modeldesk,
        {path, QStringLiteral("--select"), selection, QStringLiteral("--tab"),
         QStringLiteral("metrics"), QStringLiteral("--size"), QStringLiteral("1280x800"),
         QStringLiteral("--screenshot"), QStringLiteral("@HOME@/metrics.png")},
        3);
    if (process < 0)
        return 1;
    out() << "modeldesk --select " << selection
          << " --tab metrics --screenshot: " << QString::number(process / 1000, 'f', 2)
          << " s (target <= 2.5 s)" << Qt::endl;
    return 0;
}
