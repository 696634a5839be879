// A metric's trend across a model's newest 1,000 versions, each from a run of its own: the
// version search and the metric summaries a model's Metrics tab makes, from the SQL store
// and from the fake MLflow server on 127.0.0.1 (runs read with runs/search, 100 ids a request).
// Targets: within 1 s from the file, within 5 s from the server.
// Usage: bench_trend [--versions N]
#include "benchmarks/benchsupport.h"
#include "registry/filter/filter.h"
#include "registry/metrics/trend.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace ModelDesk;
using Bench::err;
using Bench::out;
using Bench::wait;

namespace {

const QString Model = QStringLiteral("trend-benchmark");

// What the Metrics tab of a model reads: the newest `count` versions, then one summary call.
// Returns the milliseconds taken and how many versions had the metric.
std::pair<double, int> trend(Registry &registry, int count)
{
    QElapsedTimer timer;
    timer.start();
    SearchRequest request;
    request.filter = *Filter::nameEquals(Model);
    request.orderBy = {QStringLiteral("version_number DESC")};
    request.maxResults = count;
    const auto versions = wait(registry.searchVersions(request));
    if (!versions)
        return {-1, 0};
    const auto summaries
        = wait(registry.metricSummaries(trendRuns(versions->items), QStringLiteral("loss"), false));
    if (!summaries)
        return {-1, 0};
    int found = 0;
    for (const TrendPoint &point : trendPoints(versions->items, *summaries))
        found += point.latest ? 1 : 0;
    return {timer.nsecsElapsed() / 1e6, found};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times a metric's trend over 1,000 versions."));
    parser.addHelpOption();
    const QCommandLineOption versionsOption(QStringLiteral("versions"),
                                            QStringLiteral("Versions (and runs) of the model."),
                                            QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOption(versionsOption);
    parser.process(app);
    const int count = std::max(1, parser.value(versionsOption).toInt());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trend.db"));
    DemoOptions options;
    options.models = count / 12 + 1; // the demo makes about one run per version
    options.versionsPerModel = 12;
    options.metricSteps = 20;
    if (!Bench::generateStore(path, options))
        return 1;
    {
        // One model whose versions each come from a run of their own.
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        if (!backend || !(*backend)->createModel(Model, {}, {})) {
            err() << "cannot create " << Model << Qt::endl;
            return 1;
        }
        QSqlQuery query((*backend)->database());
        query.exec(QStringLiteral("SELECT DISTINCT run_uuid FROM latest_metrics WHERE key = "
                                  "'loss' ORDER BY run_uuid LIMIT %1")
                       .arg(count));
        QStringList runs;
        while (query.next())
            runs << query.value(0).toString();
        for (const QString &runId : std::as_const(runs)) {
            CreateVersionRequest request;
            request.name = Model;
            request.source = QStringLiteral("runs:/%1/model").arg(runId);
            request.runId = runId;
            if (!(*backend)->createVersion(request)) {
                err() << "cannot register a version from run " << runId << Qt::endl;
                return 1;
            }
        }
        out() << "input: " << runs.size() << " versions of " << Model
              << ", each from a run of its own" << Qt::endl;
    }

    SqlRegistry file(path);
    if (!wait(file.open()))
        return 1;
    QList<double> local;
    int found = 0;
    for (int i = 0; i < 5; ++i) {
        const auto [ms, points] = trend(file, count);
        if (ms < 0)
            return 1;
        local << ms;
        found = points;
    }
    std::sort(local.begin(), local.end());
    out() << "trend from the file: " << QString::number(local.at(local.size() / 2), 'f', 1)
          << " ms for " << found << " points (target <= 1000 ms)" << Qt::endl;

    TestSupport::FakeServerThread server(path);
    const QUrl url = server.start();
    if (url.isEmpty()) {
        err() << "the fake server did not start: " << server.errorString() << Qt::endl;
        return 1;
    }
    ServerOptions serverOptions;
    serverOptions.url = url;
    RestRegistry rest(serverOptions);
    if (!wait(rest.open()))
        return 1;
    QList<double> remote;
    for (int i = 0; i < 3; ++i) {
        const auto [ms, points] = trend(rest, count);
        if (ms < 0)
            return 1;
        remote << ms;
        found = points;
    }
    std::sort(remote.begin(), remote.end());
    out() << "trend from the server on 127.0.0.1: "
          << QString::number(remote.at(remote.size() / 2), 'f', 1) << " ms for " << found
          << " points, runs read by runs/search "
          << RestRegistry::RunSearchBatch << " ids at a time (target <= 5000 ms)" << Qt::endl;
    return 0;
}
