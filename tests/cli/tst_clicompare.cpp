// Versions compared side by side: compareVersions() marks exactly the rows whose values
// differ, and `modeldesk-cli compare --json` on MLflow 2.22's store prints the stored params,
// latest metrics and tags of each version's run, the same from the file and the fake server.
#include "registry/compare/versioncomparison.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/transcripts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ModelDesk;

namespace {

QByteArray cli(const QStringList &arguments, int *exitCode)
{
    QProcess process;
    process.start(qEnvironmentVariable("MODELDESK_CLI"), arguments);
    if (!process.waitForFinished(50'000)) {
        *exitCode = -1;
        return {};
    }
    *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

ComparedVersion compared(qint64 number,
                         const QString &stage,
                         QList<Tag> params,
                         QList<Metric> metrics,
                         QList<Tag> runTags)
{
    ComparedVersion entry;
    entry.version.name = QStringLiteral("m");
    entry.version.version = number;
    entry.version.currentStage = stage;
    entry.version.status = QStringLiteral("READY");
    entry.version.runId = QStringLiteral("run%1").arg(number);
    Run run;
    run.params = params;
    run.metrics = metrics;
    run.tags = runTags;
    entry.run = run;
    return entry;
}

const ComparisonRow *
row(const VersionComparison &comparison, ComparisonRow::Section section, const QString &key)
{
    for (const ComparisonRow &row : comparison.rows) {
        if (row.section == section && row.key == key)
            return &row;
    }
    return nullptr;
}

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT

private slots:
    void differingRowsAreMarked()
    {
        const double nan = std::nan("");
        const VersionComparison comparison = compareVersions(
            {compared(1, QStringLiteral("Production"),
                      {{QStringLiteral("depth"), QStringLiteral("3")},
                       {QStringLiteral("seed"), QStringLiteral("0")}},
                      {{QStringLiteral("auc"), 0.9, 1, 10}, {QStringLiteral("loss"), nan, 1, 10}},
                      {{QStringLiteral("team"), QStringLiteral("a")},
                       {QStringLiteral("mlflow.user"), QStringLiteral("x")}}),
             compared(2, QStringLiteral("Production"),
                      {{QStringLiteral("depth"), QStringLiteral("5")},
                       {QStringLiteral("seed"), QStringLiteral("0")}},
                      {{QStringLiteral("auc"), 0.9, 2, 20},
                       {QStringLiteral("loss"), nan, 1, 10},
                       {QStringLiteral("f1"), 0.5, 1, 10}},
                      {{QStringLiteral("team"), QStringLiteral("a")},
                       {QStringLiteral("mlflow.user"), QStringLiteral("y")}})});
        QCOMPARE(comparison.versions, (QList<qint64> {1, 2}));
        QVERIFY(!row(comparison, ComparisonRow::Section::Field, QStringLiteral("stage"))->differs);
        QVERIFY(row(comparison, ComparisonRow::Section::Field, QStringLiteral("run"))->differs);
        QVERIFY(row(comparison, ComparisonRow::Section::Param, QStringLiteral("depth"))->differs);
        QVERIFY(!row(comparison, ComparisonRow::Section::Param, QStringLiteral("seed"))->differs);
        QVERIFY(!row(comparison, ComparisonRow::Section::Metric, QStringLiteral("auc"))->differs);
        QVERIFY(!row(comparison, ComparisonRow::Section::Metric, QStringLiteral("loss"))->differs);
        // A key one version lacks differs, with no value there.
        const ComparisonRow *f1
            = row(comparison, ComparisonRow::Section::Metric, QStringLiteral("f1"));
        QVERIFY(f1->differs);
        QVERIFY(!f1->values.at(0).has_value());
        QCOMPARE(std::get<double>(*f1->values.at(1)), 0.5);
        // MLflow's own run tags are left out.
        QVERIFY(row(comparison, ComparisonRow::Section::RunTag, QStringLiteral("team")));
        QVERIFY(!row(comparison, ComparisonRow::Section::RunTag, QStringLiteral("mlflow.user")));
    }

    // The MLmodel files MLflow 2.22 wrote: flavors and the signature, folded lines included.
    void mlModelFilesAreRead()
    {
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QFile file(fixtures
                   + QStringLiteral("/mlflow-2.22/artifacts/3/22b89d08d42944a4888e7fdee4c9b011/"
                                    "artifacts/model/MLmodel"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto info = parseMlModel(file.readAll());
        QVERIFY(info);
        QCOMPARE(info->flavors, (QStringList{QStringLiteral("python_function"), QStringLiteral("sklearn")}));
        QCOMPARE(info->inputs, QStringLiteral("len: double, excl: double"));
        QCOMPARE(info->outputs, QStringLiteral("tensor int64 [-1]"));
        QVERIFY(!parseMlModel("name: not a model\n"));

        const QString run = QStringLiteral("22b89d08d42944a4888e7fdee4c9b011");
        QCOMPARE(mlModelPath(QStringLiteral("runs:/%1/model").arg(run), run, {}),
                 QStringLiteral("model/MLmodel"));
        QCOMPARE(mlModelPath(QStringLiteral("mlflow-artifacts:/3/%1/artifacts/model").arg(run), run,
                             QStringLiteral("mlflow-artifacts:/3/%1/artifacts").arg(run)),
                 QStringLiteral("model/MLmodel"));
        QCOMPARE(mlModelPath(QStringLiteral("s3://bucket/x/%1/artifacts/clf/").arg(run), run,
                             QStringLiteral("file:///elsewhere")),
                 QStringLiteral("clf/MLmodel"));
        QCOMPARE(mlModelPath(QStringLiteral("models:/m-0123"), run, {}), QString());
    }

    void compareJsonIsTheStoredRuns()
    {
        if (qEnvironmentVariableIsEmpty("MODELDESK_CLI"))
            QSKIP("MODELDESK_CLI is not set (run through ctest).");
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), store));
        QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
        TestSupport::FakeServerThread server(store);
        const QUrl url = server.start();
        QVERIFY(!url.isEmpty());
        const QString name = QStringLiteral("customer_churn_predictor");
        const QStringList versions {QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("4")};
        int exitCode = 0;
        const QByteArray fromFile
            = cli(QStringList {QStringLiteral("-r"), store, QStringLiteral("compare"), name}
                      + versions + QStringList {QStringLiteral("--json")},
                  &exitCode);
        QCOMPARE(exitCode, 0);
        const QByteArray fromServer = cli(
            QStringList {QStringLiteral("-r"), url.toString(), QStringLiteral("compare"), name}
                + versions + QStringList {QStringLiteral("--json")},
            &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(fromServer, fromFile);

        const QJsonObject answer = QJsonDocument::fromJson(fromFile).object();
        QCOMPARE(answer[QStringLiteral("versions")].toArray(),
                 QJsonArray::fromStringList(versions));
        const QJsonArray rows = answer[QStringLiteral("rows")].toArray();
        QSet<QString> sections;
        int checked = 0;
        for (const QJsonValue &value : rows) {
            const QJsonObject row = value.toObject();
            const QString section = row[QStringLiteral("section")].toString();
            const QString key = row[QStringLiteral("key")].toString();
            const QJsonArray values = row[QStringLiteral("values")].toArray();
            sections << section;
            QCOMPARE(values.size(), versions.size());
            bool differs = false;
            for (const QJsonValue &cell : values)
                differs = differs || cell != values.first();
            QCOMPARE(row[QStringLiteral("differs")].toBool(), differs);
            for (qsizetype i = 0; i < versions.size(); ++i) {
                const QString runId = TestSupport::queryScalar(
                    store,
                    QStringLiteral("SELECT run_id FROM model_versions WHERE name = '%1' "
                                   "AND version = %2")
                        .arg(name, versions.at(i)));
                const auto stored = [&](const QString &table, const QString &column) {
                    return TestSupport::queryScalar(
                        store,
                        QStringLiteral("SELECT count(*) || '|' || ifnull(max(%1), '') FROM "
                                       "%2 WHERE run_uuid = '%3' AND key = '%4'")
                            .arg(column, table, runId, key));
                };
                if (section == QLatin1String("param")) {
                    const QString found = stored(QStringLiteral("params"), QStringLiteral("value"));
                    QCOMPARE(values.at(i).isNull(), found.startsWith(QLatin1Char('0')));
                    if (!values.at(i).isNull())
                        QCOMPARE(QStringLiteral("1|") + values.at(i).toString(), found);
                    ++checked;
                } else if (section == QLatin1String("metric")) {
                    const QString found
                        = stored(QStringLiteral("latest_metrics"), QStringLiteral("value"));
                    QVERIFY(values.at(i).isDouble());
                    QCOMPARE(values.at(i).toDouble(),
                             found.section(QLatin1Char('|'), 1).toDouble());
                    ++checked;
                } else if (section == QLatin1String("run_tag")) {
                    QVERIFY(!key.startsWith(QLatin1String("mlflow.")));
                } else if (section == QLatin1String("field") && key == QLatin1String("stage")) {
                    QCOMPARE(values.at(i).toString(),
                             TestSupport::queryScalar(
                                 store,
                                 QStringLiteral("SELECT current_stage FROM model_versions "
                                                "WHERE name = '%1' AND version = %2")
                                     .arg(name, versions.at(i))));
                } else if (section == QLatin1String("field") && key == QLatin1String("created")) {
                    QVERIFY(values.at(i).isDouble()); // integer milliseconds
                }
            }
        }
        QVERIFY(checked > 20);
        QCOMPARE(sections,
                 (QSet<QString> {QStringLiteral("field"), QStringLiteral("param"),
                                 QStringLiteral("metric"), QStringLiteral("version_tag"),
                                 QStringLiteral("run_tag")}));
        // Fewer than two versions is bad usage; a version that does not exist, MLflow's error.
        cli({QStringLiteral("-r"), store, QStringLiteral("compare"), name, QStringLiteral("1")},
            &exitCode);
        QCOMPARE(exitCode, 2);
        cli({QStringLiteral("-r"), store, QStringLiteral("compare"), name, QStringLiteral("1"),
             QStringLiteral("99")},
            &exitCode);
        QCOMPARE(exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_clicompare.moc"
