// A metric's trend across a model's versions, on MLflow 2.22's store: Registry's
// metricSummaries from the file and through the fake server equal what the stored metrics
// hold by MLflow's latest-metric rule (highest step, then latest timestamp), and
// `modeldesk-cli trend --json` prints exactly those points, the same from both.
#include "registry/metrics/trend.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fixtureregistries.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ModelDesk;
using TestSupport::await;

namespace {

struct Expected
{
    double value = 0;
    qint64 step = 0;
    qint64 timestamp = 0;
    double minimum = 0;
    double maximum = 0;
};

// What the store holds for `key` in `runId`, computed from the metrics table directly.
std::optional<Expected> stored(const QString &path, const QString &runId, const QString &key)
{
    std::optional<Expected> expected;
    const QString connection = QStringLiteral("trend-expected");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT value, step, timestamp, is_nan FROM metrics "
                                         "WHERE run_uuid = ? AND key = ? "
                                         "ORDER BY step DESC, timestamp DESC, value DESC LIMIT 1"));
            query.addBindValue(runId);
            query.addBindValue(key);
            if (query.exec() && query.next()) {
                expected
                    = Expected {query.value(3).toInt() ? std::nan("") : query.value(0).toDouble(),
                                query.value(1).toLongLong(), query.value(2).toLongLong(), 0, 0};
                query.prepare(QStringLiteral("SELECT min(value), max(value) FROM metrics WHERE "
                                             "run_uuid = ? AND key = ? AND is_nan = 0 AND "
                                             "abs(value) < 1.7e308"));
                query.addBindValue(runId);
                query.addBindValue(key);
                if (query.exec() && query.next()) {
                    expected->minimum = query.value(0).toDouble();
                    expected->maximum = query.value(1).toDouble();
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return expected;
}

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

} // namespace

class TestCliTrend : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestSupport::FixtureRegistries m_fixture;
    QString m_store;
    QStringList m_runs;

private slots:
    void initTestCase()
    {
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QVERIFY(m_fixture.open(m_dir.path()));
        m_store = m_fixture.store;
        const QString runs = TestSupport::queryScalar(
            m_store,
            QStringLiteral("SELECT group_concat(run_uuid) FROM (SELECT run_uuid FROM "
                           "runs ORDER BY run_uuid)"));
        m_runs = runs.split(QLatin1Char(','));
        QVERIFY(m_runs.size() > 10);
    }

    // Every run of the store, a repeated one, one that does not exist; both backends, with
    // and without the history's range.
    void summariesAreWhatTheStoreHolds_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("server");
        for (const char *key : {"auc", "loss", "f1"}) {
            for (const bool server : {false, true}) {
                QTest::addRow("%s, %s", key, server ? "server" : "file")
                    << QString::fromLatin1(key) << server;
            }
        }
    }

    void summariesAreWhatTheStoreHolds()
    {
        QFETCH(QString, key);
        QFETCH(bool, server);
        Registry &registry = m_fixture.registry(server);
        QStringList asked = m_runs;
        asked << m_runs.first() << QStringLiteral("0123456789abcdef0123456789abcdef");
        for (const bool withRange : {false, true}) {
            const auto summaries = await(registry.metricSummaries(asked, key, withRange));
            QVERIFY2(summaries.ok(), summaries.ok() ? "" : qPrintable(summaries.error().message()));
            QCOMPARE(summaries->size(), asked.size());
            int withMetric = 0;
            for (qsizetype i = 0; i < asked.size(); ++i) {
                const MetricSummary &summary = summaries->at(i);
                QCOMPARE(summary.runId, asked.at(i));
                QCOMPARE(summary.runFound, i < asked.size() - 1);
                const auto expected = stored(m_store, summary.runId, key);
                QCOMPARE(summary.latest.has_value(), expected.has_value());
                if (!expected)
                    continue;
                ++withMetric;
                if (std::isnan(expected->value))
                    QVERIFY(std::isnan(summary.latest->value));
                else
                    QCOMPARE(summary.latest->value, expected->value);
                QCOMPARE(summary.latest->step, expected->step);
                QCOMPARE(summary.latest->timestamp, expected->timestamp);
                QCOMPARE(summary.minimum.has_value(), withRange);
                if (withRange) {
                    QCOMPARE(*summary.minimum, expected->minimum);
                    QCOMPARE(*summary.maximum, expected->maximum);
                }
            }
            QVERIFY(withMetric > 3);
        }
    }

    // trend --json: one point per version whose run logged the metric, in version order,
    // with the values above; the same through the server.
    void trendPrintsThePoints()
    {
        if (qEnvironmentVariableIsEmpty("MODELDESK_CLI"))
            QSKIP("MODELDESK_CLI is not set (run through ctest).");
        const QString name = QStringLiteral("customer_churn_predictor");
        int exitCode = 0;
        const QByteArray fromFile = cli({QStringLiteral("-r"), m_store, QStringLiteral("trend"),
                                         name, QStringLiteral("auc"), QStringLiteral("--json")},
                                        &exitCode);
        QCOMPARE(exitCode, 0);
        const QByteArray fromServer
            = cli({QStringLiteral("-r"), m_fixture.server->url().toString(),
                   QStringLiteral("trend"), name, QStringLiteral("auc"), QStringLiteral("--json")},
                  &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(fromServer, fromFile);
        const QJsonObject trend = QJsonDocument::fromJson(fromFile).object();
        QCOMPARE(trend.keys(), (QStringList {QStringLiteral("metric"), QStringLiteral("points")}));
        QCOMPARE(trend[QStringLiteral("metric")].toString(), QStringLiteral("auc"));
        const QJsonArray points = trend[QStringLiteral("points")].toArray();
        QVERIFY(points.size() >= 4);
        qint64 previous = 0;
        for (const QJsonValue &value : points) {
            const QJsonObject point = value.toObject();
            QCOMPARE(point.keys(),
                     (QStringList {QStringLiteral("run_id"), QStringLiteral("stage"),
                                   QStringLiteral("step"), QStringLiteral("timestamp"),
                                   QStringLiteral("value"), QStringLiteral("version")}));
            QVERIFY(point[QStringLiteral("version")].isString());
            const qint64 version = point[QStringLiteral("version")].toString().toLongLong();
            QVERIFY(version > previous);
            previous = version;
            const QString runId = point[QStringLiteral("run_id")].toString();
            QCOMPARE(
                runId,
                TestSupport::queryScalar(m_store,
                                         QStringLiteral("SELECT run_id FROM model_versions WHERE "
                                                        "name = '%1' AND version = %2")
                                             .arg(name)
                                             .arg(version)));
            QCOMPARE(point[QStringLiteral("stage")].toString(),
                     TestSupport::queryScalar(
                         m_store,
                         QStringLiteral("SELECT current_stage FROM model_versions WHERE "
                                        "name = '%1' AND version = %2")
                             .arg(name)
                             .arg(version)));
            const auto expected = stored(m_store, runId, QStringLiteral("auc"));
            QVERIFY(expected);
            QCOMPARE(point[QStringLiteral("value")].toDouble(), expected->value);
            QCOMPARE(point[QStringLiteral("step")].toInteger(), expected->step);
            QCOMPARE(point[QStringLiteral("timestamp")].toInteger(), expected->timestamp);
        }
        // A metric no version's run logged: no points, not zeros.
        const QByteArray none = cli({QStringLiteral("-r"), m_store, QStringLiteral("trend"), name,
                                     QStringLiteral("no_such_metric"), QStringLiteral("--json")},
                                    &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(none)[QStringLiteral("points")].toArray().isEmpty());
        // An unknown model is MLflow's error.
        cli({QStringLiteral("-r"), m_store, QStringLiteral("trend"), QStringLiteral("nope"),
             QStringLiteral("auc")},
            &exitCode);
        QCOMPARE(exitCode, 1);
    }

    void versionsFromRunsSources()
    {
        ModelVersion version;
        version.source = QStringLiteral("runs:/abc123/model");
        QCOMPARE(sourceRunId(version), QStringLiteral("abc123"));
        version.runId = QStringLiteral("def456");
        QCOMPARE(sourceRunId(version), QStringLiteral("def456"));
        version.runId = QString();
        version.source = QStringLiteral("s3://bucket/model");
        QCOMPARE(sourceRunId(version), QString());
    }
};

QTEST_GUILESS_MAIN(TestCliTrend)
#include "tst_clitrend.moc"
