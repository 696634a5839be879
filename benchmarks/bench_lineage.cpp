// A version's lineage where one run has 300 dataset inputs and 1,000 versions registered from
// it: building the graph from the SQL store, folding and laying it out with Graphviz, the
// first paint, and whole `modeldesk --tab lineage --screenshot` and `modeldesk-cli lineage
// --json` processes. Targets: build <= 0.5 s, layout <= 1 s, the GUI process <= 3 s, the CLI
// <= 2 s.
// Usage: QT_QPA_PLATFORM=offscreen bench_lineage [--datasets N] [--versions N]
#include "benchmarks/benchsupport.h"
#include "registry/lineage/lineagebuilder.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "ui/lineage/lineagegroups.h"
#include "ui/lineage/lineageitems.h"
#include "ui/lineage/lineagelayout.h"
#include "ui/lineage/lineageview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPixmap>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>

using namespace ModelDesk;
using Bench::err;
using Bench::median;
using Bench::ms;
using Bench::out;
using Bench::wait;

namespace {

const QString Model = QStringLiteral("fanout-model");

// Gives a run of the store `datasets` dataset inputs and registers `versions` versions of
// Model from it; returns the run id, empty on failure.
QString addFanout(const QString &path, int datasets, int versions)
{
    auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
    if (!backend)
        return {};
    QSqlDatabase db = (*backend)->database();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT run_uuid, experiment_id FROM runs ORDER BY "
                                   "start_time LIMIT 1"))
        || !query.next())
        return {};
    const QString runId = query.value(0).toString();
    const qint64 experiment = query.value(1).toLongLong();
    db.transaction();
    for (int i = 0; i < datasets; ++i) {
        const QString dataset = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString input = QUuid::createUuid().toString(QUuid::WithoutBraces);
        query.prepare(QStringLiteral("INSERT INTO datasets (dataset_uuid, experiment_id, name, "
                                     "digest, dataset_source_type, dataset_source, "
                                     "dataset_profile) VALUES (?, ?, ?, ?, 's3', ?, ?)"));
        query.addBindValue(dataset);
        query.addBindValue(experiment);
        query.addBindValue(QStringLiteral("shard-%1").arg(i, 3, 10, QLatin1Char('0')));
        query.addBindValue(QStringLiteral("%1").arg(i * 7919, 8, 16, QLatin1Char('0')));
        query.addBindValue(QStringLiteral("s3://data/shards/%1.parquet").arg(i));
        query.addBindValue(QStringLiteral("{\"num_rows\": %1}").arg(10000 + i));
        bool ok = query.exec();
        query.prepare(QStringLiteral("INSERT INTO inputs (input_uuid, source_type, source_id, "
                                     "destination_type, destination_id) VALUES (?, 'DATASET', ?, "
                                     "'RUN', ?)"));
        query.addBindValue(input);
        query.addBindValue(dataset);
        query.addBindValue(runId);
        ok = ok && query.exec();
        query.prepare(QStringLiteral("INSERT INTO input_tags (input_uuid, name, value) VALUES "
                                     "(?, 'mlflow.data.context', 'training')"));
        query.addBindValue(input);
        if (!ok || !query.exec()) {
            err() << "cannot add dataset inputs: " << query.lastError().text() << Qt::endl;
            return {};
        }
    }
    db.commit();
    if (!(*backend)->createModel(Model, {}, {}))
        return {};
    for (int i = 0; i < versions; ++i) {
        CreateVersionRequest request;
        request.name = Model;
        request.source = QStringLiteral("runs:/%1/model").arg(runId);
        request.runId = runId;
        if (!(*backend)->createVersion(request))
            return {};
    }
    return runId;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_lineage"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times a lineage graph with a large fan-out."));
    parser.addHelpOption();
    const QCommandLineOption datasetsOption(QStringLiteral("datasets"),
                                            QStringLiteral("Dataset inputs of the run."),
                                            QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption versionsOption(QStringLiteral("versions"),
                                            QStringLiteral("Versions registered from the run."),
                                            QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOptions({datasetsOption, versionsOption});
    parser.process(app);
    const int datasets = std::max(1, parser.value(datasetsOption).toInt());
    const int versions = std::max(1, parser.value(versionsOption).toInt());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lineage.db"));
    DemoOptions options;
    options.models = 2;
    options.versionsPerModel = 2;
    options.metricSteps = 2;
    if (!Bench::generateStore(path, options))
        return 1;
    const QString runId = addFanout(path, datasets, versions);
    if (runId.isEmpty()) {
        err() << "cannot add the fan-out" << Qt::endl;
        return 1;
    }
    out() << "input: run " << runId << " with " << datasets << " dataset inputs and " << versions
          << " versions of " << Model << " registered from it" << Qt::endl;

    SqlRegistry registry(path);
    if (!wait(registry.open()))
        return 1;
    QList<double> builds;
    LineageGraph graph;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto built = wait(LineageBuilder::build(&registry, Model, 1));
        if (!built) {
            err() << built.error().message() << Qt::endl;
            return 1;
        }
        builds << timer.nsecsElapsed() / 1e6;
        graph = *built;
    }
    out() << "build (SQL): " << ms(median(builds)) << " for " << graph.nodes().size()
          << " nodes and " << graph.edges().size() << " edges (target <= 500 ms)" << Qt::endl;

    QList<double> layouts;
    DisplayGraph display;
    LayoutResult layout;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        display = foldLineage(graph, {});
        const LayoutInput input = layoutInputFor(display);
        layout = layoutLineage(input);
        layouts << timer.nsecsElapsed() / 1e6;
        if (!layout.error.isEmpty()) {
            err() << layout.error << Qt::endl;
            return 1;
        }
    }
    out() << "fold and lay out: " << ms(median(layouts)) << " for " << display.nodes.size()
          << " drawn nodes (target <= 1000 ms)" << Qt::endl;

    // Every group unfolded, as after the user has double-clicked them all: once.
    {
        QSet<QString> all;
        for (const DisplayNode &node : std::as_const(display.nodes)) {
            if (node.isGroup())
                all.insert(node.id);
        }
        QElapsedTimer timer;
        timer.start();
        const DisplayGraph unfolded = foldLineage(graph, all);
        const LayoutInput input = layoutInputFor(unfolded);
        const LayoutResult whole = layoutLineage(input);
        out() << "lay out unfolded: " << ms(timer.nsecsElapsed() / 1e6) << " for "
              << unfolded.nodes.size() << " nodes" << (whole.error.isEmpty() ? "" : " (failed)")
              << Qt::endl;
    }

    LineageView view;
    view.resize(1280, 800);
    view.show();
    QCoreApplication::processEvents();
    QList<double> paints;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        view.setGraph(graph, display, layout, LineageId::version(Model, 1));
        const QPixmap painted = view.grab();
        paints << timer.nsecsElapsed() / 1e6;
        if (painted.isNull())
            return 1;
    }
    out() << "first paint (1280x800): " << ms(median(paints)) << Qt::endl;

    const double gui = Bench::timeProcess(
        QStringLiteral(MODELDESK_GUI),
        {path, QStringLiteral("--select"), Model + QStringLiteral("/1"), QStringLiteral("--tab"),
         QStringLiteral("lineage"), QStringLiteral("--size"), QStringLiteral("1280x800"),
         QStringLiteral("--screenshot"), QStringLiteral("@HOME@/lineage.png")},
        3);
    if (gui < 0)
        return 1;
    out() << "modeldesk --select " << Model
          << "/1 --tab lineage --screenshot: " << QString::number(gui / 1000, 'f', 2)
          << " s (target <= 3 s)" << Qt::endl;
    const double cli = Bench::timeProcess(QStringLiteral(MODELDESK_CLI),
                                          {QStringLiteral("-r"), path, QStringLiteral("lineage"),
                                           Model, QStringLiteral("1"), QStringLiteral("--json")},
                                          3);
    if (cli < 0)
        return 1;
    out() << "modeldesk-cli lineage " << Model
          << " 1 --json: " << QString::number(cli / 1000, 'f', 2) << " s (target <= 2 s)"
          << Qt::endl;
    return 0;
}
