// Lineage graphs on MLflow 2.22's store: every live version's graph holds exactly the nodes
// and edges the store's rows imply (worked out here from the tables, not by the builder), the
// same from the file and through the fake server; deleted and missing runs are marked;
// expansion adds a run's children and a dataset's other runs; MLflow 3 logged models link a
// version to the run that logged them (the 3.12 store and the 3.6 transcripts).
#include "registry/lineage/lineagebuilder.h"
#include "registry/lineage/lineageexport.h"
#include "registry/rest/restjson.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fixtureregistries.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;
using TestSupport::queryRows;

namespace {

const QString Orphan = QStringLiteral("lineage-orphan");
const QString MissingRun = QStringLiteral("0123456789abcdef0123456789abcdef");
// rf-tuned: the run of churn-many-versions, marked deleted in the copy.
const QString DeletedRun = QStringLiteral("85b7565e9a654b9f9ca844afa6840fa7");

// Nodes and edges as sets of ids and "from -> to (kind) [context]" texts.
struct Shape
{
    QSet<QString> nodes;
    QSet<QString> edges;
    QSet<QString> missing;
    QSet<QString> deleted;
};

QString
edgeText(const QString &from, const QString &to, const QString &kind, const QString &context = {})
{
    return QStringLiteral("%1 -> %2 (%3)%4")
        .arg(from, to, kind, context.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(context));
}

Shape shapeOf(const LineageGraph &graph)
{
    Shape shape;
    for (const LineageNode &node : graph.nodes()) {
        shape.nodes.insert(node.id);
        if (node.isMissing())
            shape.missing.insert(node.id);
        if (node.isDeleted())
            shape.deleted.insert(node.id);
    }
    for (const LineageEdge &edge : graph.edges()) {
        QString context;
        for (const LineageAttribute &attribute : edge.attributes) {
            if (attribute.key == QLatin1String("context"))
                context = attribute.value;
        }
        shape.edges.insert(edgeText(edge.from, edge.to, edge.kind, context));
    }
    return shape;
}

// What the store's tables say a version's graph holds.
class Expectation
{
public:
    explicit Expectation(const QString &store)
        : m_store(store)
    { }

    Shape forVersion(const QString &name, qint64 version)
    {
        m_shape = {};
        m_runs.clear();
        const QString id = addVersion(name, QString::number(version));
        const auto rows = queryRows(m_store,
                                    QStringLiteral("SELECT run_id, source FROM model_versions "
                                                   "WHERE name = ? AND version = ?"),
                                    {name, version});
        if (rows.isEmpty())
            return m_shape;
        QString runId = rows.first().at(0);
        if (runId.isEmpty())
            runId = LineageBuilder::runIdOfSource(rows.first().at(1));
        if (!runId.isEmpty()) {
            m_shape.edges.insert(edgeText(LineageId::run(runId), id, QStringLiteral("registered")));
            addRun(runId, true);
        }
        return m_shape;
    }

private:
    QString addVersion(const QString &name, const QString &version)
    {
        const QString id = LineageId::version(name, version.toLongLong());
        m_shape.nodes << id << LineageId::model(name);
        m_shape.edges.insert(edgeText(LineageId::model(name), id, QStringLiteral("version")));
        return id;
    }

    void addRun(const QString &runId, bool source)
    {
        if (m_runs.contains(runId))
            return;
        m_runs.insert(runId);
        const QString id = LineageId::run(runId);
        m_shape.nodes << id;
        const auto run = queryRows(m_store,
                                   QStringLiteral("SELECT experiment_id, lifecycle_stage FROM runs "
                                                  "WHERE run_uuid = ?"),
                                   {runId});
        if (run.isEmpty()) {
            m_shape.missing << id;
            return;
        }
        if (run.first().at(1) == QLatin1String("deleted"))
            m_shape.deleted << id;
        const QString experiment = LineageId::experiment(run.first().at(0));
        m_shape.nodes << experiment;
        m_shape.edges << edgeText(experiment, id, QStringLiteral("experiment"));
        for (const QStringList &commit :
             queryRows(m_store,
                       QStringLiteral("SELECT value FROM tags WHERE run_uuid = ? AND key = "
                                      "'mlflow.source.git.commit'"),
                       {runId})) {
            m_shape.nodes << LineageId::commit(commit.at(0));
            m_shape.edges << edgeText(LineageId::commit(commit.at(0)), id,
                                      QStringLiteral("commit"));
        }
        if (source) {
            for (const QStringList &input : queryRows(
                     m_store,
                     QStringLiteral("SELECT d.name, d.digest, (SELECT value FROM input_tags t "
                                    "WHERE t.input_uuid = i.input_uuid AND t.name = "
                                    "'mlflow.data.context') FROM inputs i JOIN datasets d ON "
                                    "d.dataset_uuid = i.source_id WHERE i.source_type = "
                                    "'DATASET' AND i.destination_type = 'RUN' AND "
                                    "i.destination_id = ?"),
                     {runId})) {
                const QString dataset = LineageId::dataset(input.at(0), input.at(1));
                m_shape.nodes << dataset;
                m_shape.edges << edgeText(dataset, id, QStringLiteral("input"), input.at(2));
            }
            for (const QStringList &version :
                 queryRows(m_store,
                           QStringLiteral("SELECT name, version FROM model_versions WHERE run_id "
                                          "= ? AND current_stage != 'Deleted_Internal'"),
                           {runId})) {
                const QString other = addVersion(version.at(0), version.at(1));
                m_shape.edges << edgeText(id, other, QStringLiteral("registered"));
            }
        }
        for (const QStringList &parent :
             queryRows(m_store,
                       QStringLiteral("SELECT value FROM tags WHERE run_uuid = ? AND key = "
                                      "'mlflow.parentRunId'"),
                       {runId})) {
            m_shape.edges << edgeText(LineageId::run(parent.at(0)), id, QStringLiteral("parent"));
            addRun(parent.at(0), false);
        }
    }

    QString m_store;
    Shape m_shape;
    QSet<QString> m_runs;
};

void compareShapes(const Shape &got, const Shape &want, const QString &what)
{
    const auto differ = [&](const QSet<QString> &a, const QSet<QString> &b, const char *kind) {
        QStringList extra = QSet<QString>(a).subtract(b).values();
        QStringList lacking = QSet<QString>(b).subtract(a).values();
        extra.sort();
        lacking.sort();
        return QStringLiteral("%1 %2: extra [%3], lacking [%4]")
            .arg(what, QLatin1String(kind), extra.join(QStringLiteral("; ")),
                 lacking.join(QStringLiteral("; ")));
    };
    QVERIFY2(got.nodes == want.nodes, qPrintable(differ(got.nodes, want.nodes, "nodes")));
    QVERIFY2(got.edges == want.edges, qPrintable(differ(got.edges, want.edges, "edges")));
    QVERIFY2(got.missing == want.missing, qPrintable(differ(got.missing, want.missing, "missing")));
    QVERIFY2(got.deleted == want.deleted, qPrintable(differ(got.deleted, want.deleted, "deleted")));
}

} // namespace

class TestLineage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestSupport::FixtureRegistries m_fixture;
    QList<std::pair<QString, qint64>> m_versions;

private slots:
    void initTestCase()
    {
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QVERIFY(m_fixture.open(m_dir.path(), [](const QString &store) {
            auto backend = SqlBackend::open(store, SqlBackend::OpenMode::ReadWrite);
            if (!backend || !(*backend)->createModel(Orphan, {}, {}))
                return false;
            CreateVersionRequest request;
            request.name = Orphan;
            request.source = QStringLiteral("runs:/%1/model").arg(MissingRun);
            if (!(*backend)->createVersion(request))
                return false;
            return TestSupport::execSql(store,
                                        QStringLiteral("UPDATE runs SET lifecycle_stage = "
                                                       "'deleted' WHERE run_uuid = ?"),
                                        {DeletedRun})
                .isEmpty();
        }));
        for (const QStringList &row :
             queryRows(m_fixture.store,
                       QStringLiteral("SELECT name, version FROM model_versions "
                                      "WHERE current_stage != "
                                      "'Deleted_Internal' ORDER BY name, version")))
            m_versions.append({row.at(0), row.at(1).toLongLong()});
        QVERIFY(m_versions.size() > 20);
    }

    // Every live version: the graph is what the tables imply, from the file and the server,
    // and both give exactly the same graph.
    void graphsAreWhatTheStoreHolds()
    {
        Expectation expectation(m_fixture.store);
        int withRun = 0;
        for (const auto &[name, version] : std::as_const(m_versions)) {
            const QString what = QStringLiteral("%1/%2").arg(name).arg(version);
            const auto fromFile = await(LineageBuilder::build(m_fixture.file.get(), name, version));
            VERIFY_OK(fromFile);
            const Shape want = expectation.forVersion(name, version);
            compareShapes(shapeOf(*fromFile), want, what);
            if (QTest::currentTestFailed())
                return;
            const auto fromServer
                = await(LineageBuilder::build(m_fixture.rest.get(), name, version));
            VERIFY_OK(fromServer);
            QCOMPARE(LineageExport::toJson(*fromServer), LineageExport::toJson(*fromFile));
            QCOMPARE(fromFile->root(), LineageId::version(name, version));
            withRun += fromFile->edgesTo(fromFile->root()).size() > 1 ? 1 : 0;
        }
        QVERIFY(withRun > 15);
    }

    void deletedAndMissingRunsAreMarked()
    {
        const auto orphan = await(LineageBuilder::build(m_fixture.file.get(), Orphan, 1));
        VERIFY_OK(orphan);
        const LineageNode *missing = orphan->node(LineageId::run(MissingRun));
        QVERIFY(missing);
        QVERIFY(missing->isMissing());
        QCOMPARE(missing->label, QStringLiteral("missing run"));
        const auto deleted = await(
            LineageBuilder::build(m_fixture.rest.get(), QStringLiteral("churn-many-versions"), 3));
        VERIFY_OK(deleted);
        const LineageNode *run = deleted->node(LineageId::run(DeletedRun));
        QVERIFY(run && run->isDeleted());
        // All twelve versions of the run are in its graph, not only the one asked for.
        int versions = 0;
        for (const LineageNode &node : deleted->nodes())
            versions += node.id.startsWith(QLatin1String("version:churn-many-versions/")) ? 1 : 0;
        QCOMPARE(versions, 12);
    }

    // Expansion: a run's children, a dataset's other runs and the versions they produced.
    void expansionAddsChildrenAndADatasetsRuns()
    {
        const QString sweep = QStringLiteral("434e6b4870e940c88b13b5d9a8393ae2");
        for (const bool server : {false, true}) {
            Registry &registry = m_fixture.registry(server);
            const auto base
                = await(LineageBuilder::build(&registry, QStringLiteral("legacy_scorer"), 2));
            VERIFY_OK(base);
            QVERIFY(base->contains(LineageId::run(sweep)));
            const auto children = queryRows(m_fixture.store,
                                            QStringLiteral("SELECT run_uuid FROM tags WHERE key = "
                                                           "'mlflow.parentRunId' AND value = ?"),
                                            {sweep});
            QCOMPARE(children.size(), 3);
            const auto expanded
                = await(LineageBuilder::expand(&registry, *base, LineageId::run(sweep)));
            VERIFY_OK(expanded);
            for (const QStringList &child : children) {
                QVERIFY(expanded->contains(LineageId::run(child.at(0))));
                QCOMPARE(shapeOf(*expanded).edges.contains(edgeText(LineageId::run(sweep),
                                                                    LineageId::run(child.at(0)),
                                                                    QStringLiteral("parent"))),
                         true);
            }
            const QString dataset
                = LineageId::dataset(QStringLiteral("churn_q1_2025"), QStringLiteral("af7bb634"));
            QVERIFY(base->contains(dataset));
            const auto withRuns = await(LineageBuilder::expand(&registry, *expanded, dataset));
            VERIFY_OK(withRuns);
            const auto trained = queryRows(
                m_fixture.store,
                QStringLiteral("SELECT i.destination_id FROM inputs i JOIN datasets d ON "
                               "d.dataset_uuid = i.source_id WHERE d.name = 'churn_q1_2025' AND "
                               "d.digest = 'af7bb634' AND i.destination_type = 'RUN'"));
            QVERIFY(trained.size() > 5);
            for (const QStringList &run : trained) {
                QVERIFY2(withRuns->contains(LineageId::run(run.at(0))), qPrintable(run.at(0)));
                for (const QStringList &version : queryRows(
                         m_fixture.store,
                         QStringLiteral("SELECT name, version FROM model_versions WHERE run_id = "
                                        "? AND current_stage != 'Deleted_Internal'"),
                         {run.at(0)}))
                    QVERIFY(withRuns->contains(
                        LineageId::version(version.at(0), version.at(1).toLongLong())));
            }
            // --depth 1 is the same as expanding every node once.
            const auto deep
                = await(LineageBuilder::build(&registry, QStringLiteral("legacy_scorer"), 2, 1));
            VERIFY_OK(deep);
            for (const LineageNode &node : withRuns->nodes())
                QVERIFY2(deep->contains(node.id), qPrintable(node.id));
        }
    }

    // MLflow 3: a version whose source is models:/m-... comes from the logged model, which
    // comes from the run that logged it.
    void loggedModelsLinkVersionsToRuns()
    {
        const QString fixtures = TestSupport::fixturesDir();
        const QString copy = m_dir.filePath(QStringLiteral("mlflow-312.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-latest/mlflow.db"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        SqlRegistry registry(copy);
        VERIFY_OK(await(registry.open()));
        const auto rows = queryRows(copy,
                                    QStringLiteral("SELECT v.name, v.version, l.model_id, "
                                                   "l.source_run_id FROM model_versions v "
                                                   "JOIN logged_models l ON v.source = "
                                                   "'models:/' || l.model_id"));
        QVERIFY(rows.size() >= 4);
        for (const QStringList &row : rows) {
            const auto graph
                = await(LineageBuilder::build(&registry, row.at(0), row.at(1).toLongLong()));
            VERIFY_OK(graph);
            const Shape shape = shapeOf(*graph);
            const QString version = LineageId::version(row.at(0), row.at(1).toLongLong());
            const QString model = LineageId::loggedModel(row.at(2));
            QVERIFY(shape.edges.contains(edgeText(model, version, QStringLiteral("registered"))));
            QVERIFY(shape.edges.contains(
                edgeText(LineageId::run(row.at(3)), model, QStringLiteral("logged"))));
            // The run reaches the version through its logged model only.
            QVERIFY(!shape.edges.contains(
                edgeText(LineageId::run(row.at(3)), version, QStringLiteral("registered"))));
            QCOMPARE(graph->node(model)->attribute(QStringLiteral("status")),
                     QStringLiteral("LOGGED_MODEL_READY"));
        }
    }

    // The 3.6 server's logged-models/get answers read into the logged model they describe.
    void loggedModelAnswersAreRead()
    {
        const auto exchanges = TestSupport::loadTranscripts(
            TestSupport::fixturesDir() + QStringLiteral("/mlflow-3.6/transcripts.jsonl"));
        int read = 0;
        for (const TestSupport::Exchange &exchange : exchanges) {
            if (exchange.label != QLatin1String("logged-models/get"))
                continue;
            const auto object = RestJson::parseObject(exchange.responseBody);
            VERIFY_OK(object);
            RestJson::Reader reader;
            const LoggedModel model
                = reader.loggedModel(reader.object(*object, QStringLiteral("model")));
            QVERIFY2(reader.ok(), qPrintable(reader.problem()));
            QCOMPARE(model.modelId, exchange.path.section(QLatin1Char('/'), -1));
            QCOMPARE(model.sourceRunId, QStringLiteral("13367f8e0da04661b3724b19e9e35fbc"));
            QCOMPARE(model.experimentId, QStringLiteral("1"));
            QCOMPARE(model.status, QStringLiteral("LOGGED_MODEL_READY"));
            QCOMPARE(model.tags.size(), 4);
            ++read;
        }
        QCOMPARE(read, 1);
    }

    void aVersionThatDoesNotExistIsAnError()
    {
        const auto graph
            = await(LineageBuilder::build(m_fixture.rest.get(), QStringLiteral("nope"), 1));
        QVERIFY(!graph);
        QCOMPARE(graph.error().code(), ErrorCode::ResourceDoesNotExist);
    }
};

QTEST_GUILESS_MAIN(TestLineage)
#include "tst_lineage.moc"
