// bench_snapshot: snapshots timed. From the file: the large store (10,001 models, 300,000
// versions; target 60 s). From a server: a smaller store behind the fake MLflow server, the
// snapshot against the same reads made without writing anything (the wire time: what the
// server takes to answer), so the difference is the client's overhead (target under 10% of
// the wire time). Usage:
//   bench_snapshot [--store PATH | --keep PATH] [--server-models N]
// Without --store it generates the large store first (about a minute), in a temporary folder
// or, with --keep, at PATH to measure again later.

#include "benchmarks/benchsupport.h"
#include "registry/rest/restregistry.h"
#include "registry/snapshot/snapshot.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

using namespace ModelDesk;
using namespace Bench;

namespace {

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

QString countsText(const SnapshotInfo &info)
{
    QStringList parts;
    for (const auto &[key, value] : info.counts)
        parts << QStringLiteral("%1 %2").arg(value).arg(key);
    return parts.join(QStringLiteral(", "));
}

// Up to eight calls at once, as the snapshot makes them; waits for all.
template<typename T>
void inWindow(const QList<std::function<QFuture<T>()>> &calls)
{
    QList<QFuture<T>> running;
    for (const auto &call : calls) {
        running.append(call());
        if (running.size() == 8) {
            wait(running.takeFirst());
        }
    }
    for (const auto &future : running)
        wait(future);
}

// The reads a snapshot of `registry` makes, answers dropped: pages of models and versions
// (prompts too), each run, each experiment, each metric history.
double readOnly(Registry &registry)
{
    QElapsedTimer timer;
    timer.start();
    QSet<QString> runIds;
    for (const QString &filter :
         {QString(), QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'")}) {
        SearchRequest request;
        request.filter = filter;
        request.maxResults = 1000;
        do {
            auto page = wait(registry.searchModels(request));
            request.pageToken = page ? page->nextPageToken : QString();
        } while (!request.pageToken.isEmpty());
        request.maxResults = 10000;
        do {
            auto page = wait(registry.searchVersions(request));
            if (page) {
                for (const ModelVersion &version : std::as_const(page->items)) {
                    if (version.runId && !version.runId->isEmpty())
                        runIds.insert(*version.runId);
                }
            }
            request.pageToken = page ? page->nextPageToken : QString();
        } while (!request.pageToken.isEmpty());
    }
    QList<std::pair<QString, QString>> keys;
    QSet<QString> experiments;
    QList<QFuture<Result<Run>>> running;
    const auto take = [&](QFuture<Result<Run>> future) {
        const auto run = wait(future);
        if (!run)
            return;
        experiments.insert(run->info.experimentId);
        for (const Metric &metric : run->metrics)
            keys.append({run->info.runId, metric.key});
    };
    for (const QString &id : std::as_const(runIds)) {
        running.append(registry.run(id));
        if (running.size() == 8)
            take(running.takeFirst());
    }
    for (const auto &future : std::as_const(running))
        take(future);
    wait(registry.experimentIds());
    QList<std::function<QFuture<Result<Experiment>>()>> experimentCalls;
    for (const QString &id : std::as_const(experiments))
        experimentCalls.append([&registry, id] { return registry.experiment(id); });
    inWindow(experimentCalls);
    QList<std::function<QFuture<Result<QList<Metric>>>()>> historyCalls;
    for (const auto &entry : std::as_const(keys)) {
        historyCalls.append([&registry, run = entry.first, key = entry.second] {
            return registry.metricHistory(run, key);
        });
    }
    inWindow(historyCalls);
    return seconds(timer);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times snapshots from a file and a server."));
    parser.addHelpOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("A large store made before (--keep)."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Generate the store at PATH and keep it."),
                                        QStringLiteral("PATH"));
    const QCommandLineOption serverModelsOption(
        QStringLiteral("server-models"),
        QStringLiteral("Models of the store behind the fake server (default 300)."),
        QStringLiteral("N"), QStringLiteral("300"));
    parser.addOptions({storeOption, keepOption, serverModelsOption});
    parser.process(app);

    QTemporaryDir dir;
    QString store = parser.value(storeOption);
    if (store.isEmpty()) {
        store = parser.isSet(keepOption) ? parser.value(keepOption)
                                         : dir.filePath(QStringLiteral("large.db"));
        if (!generateStore(store, largeStoreOptions()))
            return 1;
    }

    // From the file.
    {
        SqlRegistry source(store, SqlBackend::OpenMode::ReadOnly);
        if (!wait(source.open())) {
            err() << "cannot open " << store << Qt::endl;
            return 1;
        }
        const QString target = dir.filePath(QStringLiteral("from-file.db"));
        QElapsedTimer timer;
        timer.start();
        const auto taken = takeSnapshot(&source, target, {});
        if (!taken) {
            err() << "snapshot failed: " << taken.error().message() << Qt::endl;
            return 1;
        }
        out() << "snapshot from the file " << store << " (" << megabytes(QFileInfo(store).size())
              << "): " << seconds(timer) << " s (target <= 60 s), snapshot "
              << megabytes(QFileInfo(target).size()) << "; " << countsText(*taken) << "; peak RSS "
              << peakResidentSetSize() << Qt::endl;
    }

    // From a server.
    {
        DemoOptions options;
        options.models = parser.value(serverModelsOption).toInt();
        options.versionsPerModel = 5;
        options.metricSteps = 100;
        const QString served = dir.filePath(QStringLiteral("served.db"));
        if (!generateStore(served, options))
            return 1;
        TestSupport::FakeServerThread server(served);
        if (!server.start().isValid()) {
            err() << server.errorString() << Qt::endl;
            return 1;
        }
        ServerOptions connection;
        connection.url = server.url();
        RestRegistry registry(connection);
        if (!wait(registry.open()))
            return 1;
        const double wire = readOnly(registry);
        const QString target = dir.filePath(QStringLiteral("from-server.db"));
        QElapsedTimer timer;
        timer.start();
        const auto taken = takeSnapshot(&registry, target, {});
        if (!taken) {
            err() << "snapshot failed: " << taken.error().message() << Qt::endl;
            return 1;
        }
        const double snapshot = seconds(timer);
        out() << "snapshot from the fake server (" << options.models << " models x "
              << options.versionsPerModel << " versions): " << snapshot
              << " s; the same reads without writing: " << wire << " s; overhead "
              << QString::number((snapshot - wire) / wire * 100, 'f', 1) << "% (target < 10%); "
              << countsText(*taken) << Qt::endl;
    }
    return 0;
}
