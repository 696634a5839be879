#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlschema.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>
#include <memory>
#include <tuple>

using namespace ModelDesk;

namespace {

// 2026-01-05 09:00 UTC, the generator's fixed "now".
constexpr qint64 DemoNow = 1767603600000;

DemoOptions smallOptions(quint32 seed = 7)
{
    DemoOptions options;
    options.models = 14;
    options.versionsPerModel = 6;
    options.seed = seed;
    options.hugeModelVersions = 40;
    options.metricSteps = 30;
    return options;
}

// An MLflow store in a file, created the way the app creates one, on its own connection.
class TestStore
{
public:
    explicit TestStore(const QString &path)
        : m_name(QStringLiteral("tst_demogenerator-%1").arg(++s_connections))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
    }
    ~TestStore()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    TestStore(const TestStore &) = delete;
    TestStore &operator=(const TestStore &) = delete;

    // Empty on success, else what went wrong.
    QString create()
    {
        if (!m_db.open())
            return m_db.lastError().text();
        if (const auto pragmas = SqlSchema::applyPragmas(m_db); !pragmas)
            return pragmas.error().message() % QLatin1Char(' ') % pragmas.error().detail();
        if (const auto created = SqlSchema::createStore(m_db); !created)
            return created.error().message() % QLatin1Char(' ') % created.error().detail();
        return {};
    }

    QSqlDatabase &db() { return m_db; }

private:
    static inline int s_connections = 0;
    QString m_name;
    QSqlDatabase m_db;
};

// What went wrong, for QVERIFY2 (which evaluates its message even when the check passes).
template<typename T>
QByteArray failure(const Result<T> &result)
{
    if (result.ok())
        return {};
    return (result.error().message() % QLatin1Char(' ') % result.error().detail()).toUtf8();
}

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning() << "query failed:" << sql << query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

QStringList column(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    QStringList values;
    if (!query.exec(sql)) {
        qWarning() << "query failed:" << sql << query.lastError().text();
        return {QStringLiteral("<error>")};
    }
    while (query.next())
        values << query.value(0).toString();
    return values;
}

// A digest per table of every row, ordered by all columns; values keep their SQLite type.
QMap<QString, QByteArray> dumpTables(QSqlDatabase &db)
{
    QMap<QString, QByteArray> dump;
    const QStringList tables = column(
        db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    for (const QString &table : tables) {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT * FROM \"%1\" LIMIT 0").arg(table)))
            return {{table, QByteArrayLiteral("<error>")}};
        const int columns = query.record().count();
        QStringList order;
        for (int i = 1; i <= columns; ++i)
            order << QString::number(i);
        if (!query.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY %2")
                            .arg(table, order.join(QStringLiteral(", "))))) {
            return {{table, QByteArrayLiteral("<error>")}};
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 rows = 0;
        while (query.next()) {
            ++rows;
            for (int i = 0; i < columns; ++i) {
                const QVariant value = query.value(i);
                const QString cell = value.isNull()
                    ? QStringLiteral("\\N")
                    : QString::number(value.typeId()) % QLatin1Char(':') % value.toString();
                hash.addData(cell.toUtf8());
                hash.addData(QByteArrayView("\x1f", 1));
            }
            hash.addData(QByteArrayView("\x1e", 1));
        }
        dump.insert(table, QByteArray::number(rows) + ' ' + hash.result().toHex());
    }
    return dump;
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void countsMatchSummary_data();
    void countsMatchSummary();
    void versionsBelongToModelsAndAreNumberedContiguously();
    void softDeletedVersionIsRedacted();
    void stagesFollowAPlausibleHistory();
    void timesAreOrderedAndBeforeDemoNow();
    void aliasesPointToLiveVersions();
    void latestMetricsAgreeWithHistories();
    void divergedRunStoresInfinityAndNan();
    void runsLookLikeMlflowRuns();
    void datasetInputsCarryContexts();
    void promptModelIsTagged();
    void storeIsConsistent();
    void sameSeedGivesIdenticalStores();
    void cancelLeavesStoreUntouched();
    void refusesNonEmptyStore();
    void refusesFileWithoutMlflowTables();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestStore> m_store;
    DemoSummary m_summary;
    QMap<QString, QByteArray> m_dump;
    QList<QPair<qint64, qint64>> m_progress;
    qint64 m_cacheSizeBefore = 0;
};

void TestDemoGenerator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<TestStore>(m_dir.filePath(QStringLiteral("demo.db")));
    const QString error = m_store->create();
    QVERIFY2(error.isEmpty(), qPrintable(error));

    m_cacheSizeBefore = scalar(m_store->db(), QStringLiteral("PRAGMA cache_size"));
    const auto result
        = generateDemo(m_store->db(), smallOptions(), [this](qint64 done, qint64 total) {
              m_progress.append({done, total});
              return true;
          });
    QVERIFY2(result.ok(), failure(result).constData());
    m_summary = result.value();
    m_dump = dumpTables(m_store->db());
}

void TestDemoGenerator::cleanupTestCase()
{
    m_store.reset();
}

void TestDemoGenerator::countsMatchSummary_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<qint64>("expected");

    const DemoOptions options = smallOptions();
    // The Default experiment comes from createStore; the prompt and the huge model are extra.
    QTest::newRow("experiments") << QStringLiteral("SELECT count(*) - 1 FROM experiments")
                                 << qint64(m_summary.experiments);
    QTest::newRow("runs") << QStringLiteral("SELECT count(*) FROM runs") << qint64(m_summary.runs);
    QTest::newRow("models") << QStringLiteral("SELECT count(*) FROM registered_models")
                            << qint64(m_summary.models);
    QTest::newRow("models from options")
        << QStringLiteral("SELECT count(*) FROM registered_models") << qint64(options.models + 2);
    QTest::newRow("versions") << QStringLiteral("SELECT count(*) FROM model_versions")
                              << qint64(m_summary.versions);
    QTest::newRow("versions from options")
        << QStringLiteral("SELECT count(*) FROM model_versions")
        << qint64(options.models * options.versionsPerModel + options.hugeModelVersions + 3);
    QTest::newRow("metric points")
        << QStringLiteral("SELECT count(*) FROM metrics") << m_summary.metricPoints;
    QTest::newRow("one experiment per team")
        << QStringLiteral("SELECT count(DISTINCT value) FROM experiment_tags WHERE key = 'team'")
        << qint64(m_summary.experiments);
}

void TestDemoGenerator::countsMatchSummary()
{
    QFETCH(QString, sql);
    QFETCH(qint64, expected);
    QVERIFY(expected > 0);
    QCOMPARE(scalar(m_store->db(), sql), expected);
}

void TestDemoGenerator::versionsBelongToModelsAndAreNumberedContiguously()
{
    QSqlDatabase &db = m_store->db();
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM model_versions mv LEFT JOIN registered_models rm "
                        "ON rm.name = mv.name WHERE rm.name IS NULL")),
             0);
    // Deleted versions keep their rows, so all rows together number 1..max without gaps.
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT count(*) FROM (SELECT name FROM model_versions GROUP BY name "
                              "HAVING min(version) <> 1 OR max(version) <> count(*))")),
        0);
    // Live versions have gaps exactly where a deleted version is.
    QVERIFY(scalar(db,
                   QStringLiteral("SELECT count(*) FROM (SELECT name FROM model_versions "
                                  "WHERE current_stage <> 'Deleted_Internal' GROUP BY name "
                                  "HAVING max(version) <> count(*))"))
            > 0);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT max(version) FROM model_versions "
                                   "WHERE name = 'huge-version-history'")),
             qint64(smallOptions().hugeModelVersions));
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM model_version_tags t LEFT JOIN model_versions mv "
                        "ON mv.name = t.name AND mv.version = t.version WHERE mv.name IS NULL")),
             0);
}

void TestDemoGenerator::softDeletedVersionIsRedacted()
{
    QSqlQuery query(m_store->db());
    QVERIFY(query.exec(QStringLiteral(
        "SELECT source, run_id, run_link, description, storage_location, name, version "
        "FROM model_versions WHERE current_stage = 'Deleted_Internal'")));
    int deleted = 0;
    while (query.next()) {
        ++deleted;
        QCOMPARE(query.value(0).toString(), QStringLiteral("REDACTED-SOURCE-PATH"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("REDACTED-RUN-ID"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("REDACTED-RUN-LINK"));
        QVERIFY(query.value(3).isNull());
        // MLflow leaves storage_location as it was.
        QVERIFY(query.value(4).toString().startsWith(QLatin1String("mlflow-artifacts:/")));
    }
    QVERIFY(deleted >= 1);
}

void TestDemoGenerator::stagesFollowAPlausibleHistory()
{
    QSqlDatabase &db = m_store->db();
    QStringList stages = column(
        db, QStringLiteral("SELECT DISTINCT current_stage FROM model_versions ORDER BY 1"));
    QCOMPARE(stages,
             (QStringList {QStringLiteral("Archived"), QStringLiteral("Deleted_Internal"),
                           QStringLiteral("None"), QStringLiteral("Production"),
                           QStringLiteral("Staging")}));
    QCOMPARE(column(db, QStringLiteral("SELECT DISTINCT status FROM model_versions")),
             QStringList {QStringLiteral("READY")});
    // At most one version per model in Production and one in Staging.
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM (SELECT name, current_stage FROM model_versions "
                        "WHERE current_stage IN ('Production', 'Staging') "
                        "GROUP BY name, current_stage HAVING count(*) > 1)")),
             0);
    // The newest version is not older than the Production one, which is newer than archived.
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM model_versions a JOIN model_versions p "
                                   "ON p.name = a.name AND p.current_stage = 'Production' "
                                   "WHERE a.current_stage = 'Archived' AND a.version > p.version")),
             0);
    // Live versions carry the run that produced them, with the artifact path MLflow writes.
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM model_versions mv LEFT JOIN runs r "
                        "ON r.run_uuid = mv.run_id WHERE mv.current_stage <> 'Deleted_Internal' "
                        "AND mv.source <> 'dummy-source' AND (r.run_uuid IS NULL "
                        "OR mv.source <> r.artifact_uri || '/model' "
                        "OR mv.storage_location <> mv.source OR mv.run_link <> '' "
                        "OR mv.description IS NULL OR mv.user_id IS NOT NULL)")),
             0);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM registered_models "
                                   "WHERE description IS NULL")),
             0);
    QVERIFY(scalar(db,
                   QStringLiteral("SELECT count(*) FROM registered_models "
                                  "WHERE description LIKE '%|---|%' "
                                  "AND description LIKE '# %' AND description LIKE '%\n- %'"))
            > 0);
    QVERIFY(scalar(db,
                   QStringLiteral("SELECT count(DISTINCT key) FROM model_version_tags "
                                  "WHERE key IN ('data_version', 'validation_status')"))
            == 2);
}

void TestDemoGenerator::timesAreOrderedAndBeforeDemoNow()
{
    QSqlDatabase &db = m_store->db();
    QCOMPARE(
        scalar(db,
               QStringLiteral(
                   "SELECT count(*) FROM model_versions WHERE last_updated_time < creation_time "
                   "OR last_updated_time > %1")
                   .arg(DemoNow)),
        0);
    // Versions are created in number order.
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM model_versions a JOIN model_versions b "
                                   "ON b.name = a.name AND b.version = a.version + 1 "
                                   "WHERE b.creation_time <= a.creation_time")),
             0);
    // MLflow bumps the model on every version create, transition and delete.
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM registered_models rm JOIN (SELECT name, "
                        "min(creation_time) AS first, max(last_updated_time) AS last "
                        "FROM model_versions GROUP BY name) v ON v.name = rm.name "
                        "WHERE rm.last_updated_time <> v.last OR rm.creation_time > v.first")),
             0);
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM runs WHERE start_time > %1 OR end_time < start_time "
                        "OR (end_time IS NULL) <> (status = 'RUNNING')")
                        .arg(DemoNow)),
             0);
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT count(*) FROM metrics WHERE timestamp > %1").arg(DemoNow)),
        0);
    // The Default experiment is moved into the demo's past too, so nothing uses the clock.
    QVERIFY(scalar(db, QStringLiteral("SELECT max(creation_time) FROM experiments")) < DemoNow);
}

void TestDemoGenerator::aliasesPointToLiveVersions()
{
    QSqlDatabase &db = m_store->db();
    QVERIFY(scalar(db, QStringLiteral("SELECT count(*) FROM registered_model_aliases")) > 0);
    QCOMPARE(
        scalar(db,
               QStringLiteral(
                   "SELECT count(*) FROM registered_model_aliases a LEFT JOIN model_versions mv "
                   "ON mv.name = a.name AND mv.version = a.version "
                   "WHERE mv.name IS NULL OR mv.current_stage = 'Deleted_Internal'")),
        0);
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM registered_model_aliases a JOIN model_versions mv "
                        "ON mv.name = a.name AND mv.version = a.version "
                        "WHERE (a.alias = 'champion' AND mv.current_stage <> 'Production') "
                        "OR (a.alias = 'challenger' AND mv.current_stage <> 'Staging')")),
             0);
    // Every Production version is somebody's champion.
    QCOMPARE(
        scalar(db,
               QStringLiteral(
                   "SELECT count(*) FROM model_versions mv LEFT JOIN registered_model_aliases a "
                   "ON a.name = mv.name AND a.version = mv.version AND a.alias = 'champion' "
                   "WHERE mv.current_stage = 'Production' AND a.alias IS NULL")),
        0);
}

void TestDemoGenerator::latestMetricsAgreeWithHistories()
{
    QSqlDatabase &db = m_store->db();
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM (SELECT DISTINCT run_uuid, key FROM metrics) m "
                        "LEFT JOIN latest_metrics l ON l.run_uuid = m.run_uuid AND l.key = m.key "
                        "WHERE l.key IS NULL")),
             0);
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT count(*) FROM latest_metrics l LEFT JOIN metrics m "
                              "ON m.run_uuid = l.run_uuid AND m.key = l.key WHERE m.key IS NULL")),
        0);

    // For a sample of runs, recompute the latest point by MLflow's (step, timestamp, value) rule.
    const QStringList runs = column(
        db,
        QStringLiteral("SELECT run_uuid FROM latest_metrics GROUP BY run_uuid ORDER BY run_uuid"));
    QVERIFY(runs.size() > 20);
    int histories = 0;
    for (int i = 0; i < runs.size(); i += 3) {
        QSqlQuery latest(db);
        QVERIFY(latest.prepare(QStringLiteral(
            "SELECT key, value, timestamp, step, is_nan FROM latest_metrics WHERE run_uuid = ?")));
        latest.addBindValue(runs.at(i));
        QVERIFY(latest.exec());
        while (latest.next()) {
            QSqlQuery points(db);
            QVERIFY(points.prepare(QStringLiteral(
                "SELECT value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? "
                "AND key = ?")));
            points.addBindValue(runs.at(i));
            points.addBindValue(latest.value(0));
            QVERIFY(points.exec());
            qint64 bestStep = std::numeric_limits<qint64>::min();
            qint64 bestTime = std::numeric_limits<qint64>::min();
            double bestValue = -std::numeric_limits<double>::infinity();
            int bestNan = 0;
            int count = 0;
            while (points.next()) {
                ++count;
                const double value = points.value(0).toDouble();
                const qint64 time = points.value(1).toLongLong();
                const qint64 step = points.value(2).toLongLong();
                if (std::tie(step, time, value) > std::tie(bestStep, bestTime, bestValue)) {
                    bestStep = step;
                    bestTime = time;
                    bestValue = value;
                    bestNan = points.value(3).toInt();
                }
            }
            QVERIFY(count > 0);
            if (count > 1)
                ++histories;
            const QByteArray context = runs.at(i).toLatin1() + ' ' + latest.value(0).toByteArray();
            QVERIFY2(latest.value(3).toLongLong() == bestStep, context.constData());
            QVERIFY2(latest.value(2).toLongLong() == bestTime, context.constData());
            QVERIFY2(latest.value(1).toDouble() == bestValue, context.constData());
            QVERIFY2(latest.value(4).toInt() == bestNan, context.constData());
        }
    }
    QVERIFY(histories > 0);

    // Loss falls and accuracy-like metrics rise over a typical finished history.
    QVERIFY(scalar(db,
                   QStringLiteral(
                       "SELECT count(*) FROM (SELECT m.run_uuid FROM metrics m JOIN runs r "
                       "ON r.run_uuid = m.run_uuid WHERE r.status = 'FINISHED' AND m.key = 'loss' "
                       "GROUP BY m.run_uuid HAVING count(*) = %1 AND "
                       "max(CASE WHEN step = 0 THEN value END) > "
                       "max(CASE WHEN step = %2 THEN value END) * 1.5)")
                       .arg(smallOptions().metricSteps)
                       .arg(smallOptions().metricSteps - 1))
            > 10);
}

void TestDemoGenerator::divergedRunStoresInfinityAndNan()
{
    QSqlDatabase &db = m_store->db();
    QCOMPARE(
        scalar(db,
               QStringLiteral(
                   "SELECT count(*) FROM metrics WHERE key = 'loss' AND value = %1 AND is_nan = 0")
                   .arg(std::numeric_limits<double>::max(), 0, 'g', 17)),
        1);
    QSqlQuery query(db);
    QVERIFY(query.exec(
        QStringLiteral("SELECT l.value, l.is_nan, r.status FROM latest_metrics l JOIN runs r "
                       "ON r.run_uuid = l.run_uuid WHERE l.key = 'loss' AND l.is_nan = 1")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toDouble(), 0.0);
    QCOMPARE(query.value(2).toString(), QStringLiteral("FAILED"));
    QVERIFY(!query.next());
    QCOMPARE(
        scalar(db, QStringLiteral("SELECT count(*) FROM metrics WHERE is_nan = 1 AND value <> 0")),
        0);
}

void TestDemoGenerator::runsLookLikeMlflowRuns()
{
    QSqlDatabase &db = m_store->db();
    const QRegularExpression runId(QStringLiteral("^[0-9a-f]{32}$"));
    const QStringList ids = column(db, QStringLiteral("SELECT run_uuid FROM runs"));
    QCOMPARE(ids.size(), m_summary.runs);
    for (const QString &id : ids)
        QVERIFY2(runId.match(id).hasMatch(), qPrintable(id));

    QCOMPARE(column(db, QStringLiteral("SELECT DISTINCT status FROM runs ORDER BY 1")),
             (QStringList {QStringLiteral("FAILED"), QStringLiteral("FINISHED"),
                           QStringLiteral("KILLED"), QStringLiteral("RUNNING")}));
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM runs r LEFT JOIN tags t ON t.run_uuid = r.run_uuid "
                        "AND t.key = 'mlflow.runName' WHERE t.value IS NOT r.name")),
             0);
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT count(*) FROM runs r LEFT JOIN tags t ON t.run_uuid = r.run_uuid "
                        "AND t.key = 'mlflow.user' WHERE t.value IS NOT r.user_id")),
             0);
    QCOMPARE(
        scalar(
            db,
            QStringLiteral(
                "SELECT count(*) FROM runs WHERE source_type <> 'UNKNOWN' OR source_name <> '' "
                "OR entry_point_name <> '' OR source_version <> '' "
                "OR artifact_uri <> 'mlflow-artifacts:/' || experiment_id || '/' || run_uuid "
                "|| '/artifacts' OR (lifecycle_stage = 'deleted') <> (deleted_time IS NOT NULL)")),
        0);
    // Sweeps: children point at a parent run of the same experiment.
    QVERIFY(scalar(db, QStringLiteral("SELECT count(*) FROM tags WHERE key = 'mlflow.parentRunId'"))
            > 0);
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT count(*) FROM tags t JOIN runs c ON c.run_uuid = t.run_uuid "
                              "LEFT JOIN runs p ON p.run_uuid = t.value "
                              "WHERE t.key = 'mlflow.parentRunId' AND (p.run_uuid IS NULL "
                              "OR p.experiment_id <> c.experiment_id)")),
        0);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM runs WHERE lifecycle_stage = "
                                   "'deleted'")),
             1);
    QVERIFY(scalar(db,
                   QStringLiteral(
                       "SELECT count(DISTINCT key) FROM params WHERE key IN ('n_estimators', "
                       "'max_depth', 'learning_rate', 'model_kind', 'feature_set', 'train_rows')"))
            == 6);
    QVERIFY(scalar(db,
                   QStringLiteral("SELECT count(*) FROM tags "
                                  "WHERE key = 'mlflow.log-model.history' "
                                  "AND value LIKE '[{\"run_id\": \"' || run_uuid || '%'"))
            > 0);
}

void TestDemoGenerator::datasetInputsCarryContexts()
{
    QSqlDatabase &db = m_store->db();
    QCOMPARE(column(db,
                    QStringLiteral("SELECT DISTINCT value FROM input_tags "
                                   "WHERE name = 'mlflow.data.context' ORDER BY 1")),
             (QStringList {QStringLiteral("eval"), QStringLiteral("training")}));
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM inputs i LEFT JOIN datasets d "
                                   "ON d.dataset_uuid = i.source_id LEFT JOIN runs r "
                                   "ON r.run_uuid = i.destination_id WHERE d.dataset_uuid IS NULL "
                                   "OR r.run_uuid IS NULL OR d.experiment_id <> r.experiment_id")),
             0);
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT count(*) FROM inputs i LEFT JOIN input_tags t "
                              "ON t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context' "
                              "WHERE t.value IS NULL")),
        0);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM datasets WHERE json_valid("
                                   "dataset_source) = 0 OR json_extract(dataset_source, "
                                   "'$.uri') NOT LIKE 's3://%' OR json_valid(dataset_schema) "
                                   "= 0 OR json_valid(dataset_profile) = 0")),
             0);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM tags WHERE key = "
                                   "'mlflow.log-model.history' AND json_valid(value) = 0")),
             0);
}

void TestDemoGenerator::promptModelIsTagged()
{
    QSqlDatabase &db = m_store->db();
    const QStringList prompts
        = column(db,
                 QStringLiteral(
                     "SELECT name FROM registered_model_tags WHERE key = 'mlflow.prompt.is_prompt' "
                     "AND value = 'true'"));
    QCOMPARE(prompts.size(), 1);
    QVERIFY(scalar(db,
                   QStringLiteral("SELECT count(*) FROM model_version_tags WHERE name = '%1' "
                                  "AND key = 'mlflow.prompt.text'")
                       .arg(prompts.first()))
            > 0);
}

void TestDemoGenerator::storeIsConsistent()
{
    QSqlDatabase &db = m_store->db();
    QCOMPARE(column(db, QStringLiteral("PRAGMA foreign_key_check")), QStringList());
    QCOMPARE(column(db, QStringLiteral("PRAGMA integrity_check")),
             QStringList {QStringLiteral("ok")});
    const auto layout = SqlSchema::inspect(db);
    QVERIFY(layout.ok());
    QVERIFY2(layout->notWritableReason.isEmpty(), qPrintable(layout->notWritableReason));

    // The connection is left as the app configured it.
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA cache_size")), m_cacheSizeBefore);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")), 1);

    // Progress was reported in order and finished at the total.
    QVERIFY(!m_progress.isEmpty());
    for (int i = 1; i < m_progress.size(); ++i)
        QVERIFY(m_progress.at(i).first >= m_progress.at(i - 1).first);
    QCOMPARE(m_progress.last().first, m_progress.last().second);
}

void TestDemoGenerator::sameSeedGivesIdenticalStores()
{
    TestStore again(m_dir.filePath(QStringLiteral("again.db")));
    QString error = again.create();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto result = generateDemo(again.db(), smallOptions());
    QVERIFY2(result.ok(), failure(result).constData());
    QCOMPARE(result->runs, m_summary.runs);
    QCOMPARE(result->metricPoints, m_summary.metricPoints);
    const QMap<QString, QByteArray> dump = dumpTables(again.db());
    QCOMPARE(dump.keys(), m_dump.keys());
    for (auto it = m_dump.cbegin(); it != m_dump.cend(); ++it)
        QCOMPARE(dump.value(it.key()) + ' ' + it.key().toUtf8(),
                 it.value() + ' ' + it.key().toUtf8());

    TestStore other(m_dir.filePath(QStringLiteral("other.db")));
    error = other.create();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    result = generateDemo(other.db(), smallOptions(8));
    QVERIFY(result.ok());
    const QMap<QString, QByteArray> otherDump = dumpTables(other.db());
    for (const char *table : {"runs", "model_versions", "metrics", "registered_models"}) {
        const QString name = QString::fromLatin1(table);
        QVERIFY2(otherDump.value(name) != m_dump.value(name), table);
    }
}

void TestDemoGenerator::cancelLeavesStoreUntouched()
{
    TestStore store(m_dir.filePath(QStringLiteral("cancelled.db")));
    const QString error = store.create();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QMap<QString, QByteArray> before = dumpTables(store.db());

    int calls = 0;
    auto result = generateDemo(store.db(), smallOptions(), [&calls](qint64 done, qint64 total) {
        ++calls;
        return done < total / 2;
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::Cancelled);
    QVERIFY(calls > 1);
    QCOMPARE(scalar(store.db(), QStringLiteral("SELECT count(*) FROM registered_models")), 0);
    QCOMPARE(scalar(store.db(), QStringLiteral("SELECT count(*) FROM runs")), 0);
    QCOMPARE(dumpTables(store.db()), before);

    // The transaction is closed: the same connection can generate afterwards.
    result = generateDemo(store.db(), smallOptions());
    QVERIFY2(result.ok(), failure(result).constData());
    QCOMPARE(dumpTables(store.db()), m_dump);
}

void TestDemoGenerator::refusesNonEmptyStore()
{
    const auto result = generateDemo(m_store->db(), smallOptions());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::InvalidState);
    QCOMPARE(dumpTables(m_store->db()), m_dump);
}

void TestDemoGenerator::refusesFileWithoutMlflowTables()
{
    TestStore store(m_dir.filePath(QStringLiteral("plain.db")));
    QVERIFY(store.db().open());
    const auto result = generateDemo(store.db(), smallOptions());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::InvalidState);
    QCOMPARE(column(store.db(), QStringLiteral("SELECT name FROM sqlite_master")), QStringList());
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
