// The REST client's reading of MLflow answers: the wire's quirks (int64 as strings, "NaN",
// string versions, omitted vs empty) and every registry answer recorded from real MLflow 2.22
// and 3.6 servers, read and written back unchanged.

#include "registry/json/mlflowjson.h"
#include "registry/rest/restjson.h"
#include "tests/registry/transcripts.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace ModelDesk;

class TestRestJson : public QObject
{
    Q_OBJECT

private slots:
    void acceptsInt64AsNumbersOrStrings();
    void readsNonFiniteMetricValues();
    void keepsOmittedAndEmptyApart();
    void rejectsWrongTypes();
    void rejectsWhatIsNotJson();
    void readsRecordedAnswers_data();
    void readsRecordedAnswers();
};

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// The answer `body` of `path`, read by the client and written back as MLflow writes it;
// empty when the endpoint is not one the client reads.
std::optional<QByteArray> roundTrip(const QString &path, const QJsonObject &body,
                                    QString *problem)
{
    RestJson::Reader reader;
    std::optional<MlflowJson::Value::Object> written;
    const QString endpoint = path.section(QLatin1String("/mlflow/"), 1);
    if (endpoint == QLatin1String("registered-models/search")) {
        Page<RegisteredModel> page;
        for (const QJsonObject &entry : reader.objects(body, QStringLiteral("registered_models")))
            page.items.append(reader.registeredModel(entry));
        page.nextPageToken = reader.string(body, QStringLiteral("next_page_token"));
        written = MlflowJson::searchModelsResponse(page);
    } else if (endpoint == QLatin1String("model-versions/search")) {
        Page<ModelVersion> page;
        for (const QJsonObject &entry : reader.objects(body, QStringLiteral("model_versions")))
            page.items.append(reader.modelVersion(entry));
        page.nextPageToken = reader.string(body, QStringLiteral("next_page_token"));
        written = MlflowJson::searchVersionsResponse(page, MlflowJson::Aliases::Omit);
    } else if (body.contains(QLatin1String("registered_model"))) {
        written = MlflowJson::registeredModelResponse(
            reader.registeredModel(reader.object(body, QStringLiteral("registered_model"))));
    } else if (body.contains(QLatin1String("model_version"))) {
        written = MlflowJson::modelVersionResponse(
            reader.modelVersion(reader.object(body, QStringLiteral("model_version"))));
    } else if (endpoint == QLatin1String("registered-models/get-latest-versions")) {
        QList<ModelVersion> versions;
        for (const QJsonObject &entry : reader.objects(body, QStringLiteral("model_versions")))
            versions.append(reader.modelVersion(entry));
        written = MlflowJson::modelVersionsResponse(versions);
    } else if (endpoint == QLatin1String("runs/get")) {
        written = MlflowJson::runResponse(reader.run(reader.object(body, QStringLiteral("run"))));
    } else if (endpoint == QLatin1String("metrics/get-history")) {
        QList<Metric> points;
        for (const QJsonObject &entry : reader.objects(body, QStringLiteral("metrics")))
            points.append(reader.metric(entry));
        written = MlflowJson::metricHistoryResponse(
            points, reader.string(body, QStringLiteral("next_page_token")));
    } else if (endpoint == QLatin1String("artifacts/list")) {
        written = MlflowJson::artifactListResponse(reader.artifactListing(body));
    } else {
        return std::nullopt;
    }
    *problem = reader.problem();
    return MlflowJson::Value(*written).toJson();
}

} // namespace

void TestRestJson::acceptsInt64AsNumbersOrStrings()
{
    RestJson::Reader reader;
    const ModelVersion version = reader.modelVersion(object(
        R"({"name": "m", "version": "12", "creation_timestamp": "1700000000123",
            "last_updated_timestamp": 1700000000456, "current_stage": "None",
            "source": "s3://b/m", "status": "READY"})"));
    QVERIFY2(reader.ok(), qPrintable(reader.problem()));
    QCOMPARE(version.version, 12);
    QCOMPARE(version.creationTimestamp, 1700000000123LL);
    QCOMPARE(version.lastUpdatedTimestamp, 1700000000456LL);
}

void TestRestJson::readsNonFiniteMetricValues()
{
    RestJson::Reader reader;
    QVERIFY(std::isnan(reader.metric(object(R"({"key":"k","value":"NaN","step":1})")).value));
    QCOMPARE(reader.metric(object(R"({"key":"k","value":"Infinity"})")).value, INFINITY);
    QCOMPARE(reader.metric(object(R"({"key":"k","value":"-Infinity"})")).value, -INFINITY);
    QCOMPARE(reader.metric(object(R"({"key":"k","value":0.25,"timestamp":"5"})")).timestamp, 5);
    QVERIFY(reader.ok());
}

void TestRestJson::keepsOmittedAndEmptyApart()
{
    RestJson::Reader reader;
    const ModelVersion created = reader.modelVersion(object(
        R"({"name":"m","version":"1","description":"","run_id":"","run_link":""})"));
    QCOMPARE(created.description, std::optional<QString>(QString()));
    QCOMPARE(created.runId, std::optional<QString>(QString()));
    QCOMPARE(created.runLink, std::optional<QString>(QString()));
    const ModelVersion cleared = reader.modelVersion(object(R"({"name":"m","version":"1"})"));
    QCOMPARE(cleared.description, std::nullopt);
    QCOMPARE(cleared.runId, std::nullopt);
    QVERIFY(reader.ok());
}

void TestRestJson::rejectsWrongTypes()
{
    RestJson::Reader versionReader;
    versionReader.modelVersion(object(R"({"name":"m","version":"three"})"));
    QVERIFY(!versionReader.ok());
    QVERIFY2(versionReader.problem().contains(QLatin1String("version")),
             qPrintable(versionReader.problem()));

    RestJson::Reader listReader;
    listReader.objects(object(R"({"registered_models": {"name": "m"}})"),
                       QStringLiteral("registered_models"));
    QVERIFY(!listReader.ok());

    RestJson::Reader tagReader;
    tagReader.tags(object(R"({"tags": [{"key": 5, "value": "x"}]})"));
    QVERIFY(!tagReader.ok());
}

void TestRestJson::rejectsWhatIsNotJson()
{
    QVERIFY(!RestJson::parseObject("<!doctype html><title>502 Bad Gateway</title>"));
    QVERIFY(!RestJson::parseObject(R"({"registered_models": [{"name": "a")"));
    QVERIFY(!RestJson::parseObject("[1, 2]"));
    QVERIFY(RestJson::parseObject("{}"));
}

void TestRestJson::readsRecordedAnswers_data()
{
    QTest::addColumn<QString>("server");
    QTest::newRow("MLflow 2.22") << QStringLiteral("mlflow-2.22");
    QTest::newRow("MLflow 3.6") << QStringLiteral("mlflow-3.6");
}

void TestRestJson::readsRecordedAnswers()
{
    QFETCH(QString, server);
    const QString fixtures = TestSupport::fixturesDir();
    if (fixtures.isEmpty())
        QSKIP("The shared MLflow fixtures are not on this machine.");
    const auto exchanges
        = TestSupport::loadTranscripts(fixtures + QLatin1Char('/') + server
                                       + QStringLiteral("/transcripts.jsonl"));
    QVERIFY(!exchanges.isEmpty());
    int read = 0;
    for (const TestSupport::Exchange &exchange : exchanges) {
        if (exchange.status != 200 || !exchange.path.contains(QLatin1String("/2.0/mlflow/")))
            continue;
        const QJsonDocument recorded = QJsonDocument::fromJson(exchange.responseBody);
        if (!recorded.isObject())
            continue;
        QString problem;
        const auto written = roundTrip(exchange.path, recorded.object(), &problem);
        if (!written)
            continue;
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("#%1 %2: %3")
                                                   .arg(exchange.index)
                                                   .arg(exchange.label, problem)));
        QString where;
        QVERIFY2(TestSupport::jsonEquivalent(QJsonDocument::fromJson(*written).object(),
                                             recorded.object(), {}, &where),
                 qPrintable(QStringLiteral("#%1 %2: %3")
                                .arg(exchange.index)
                                .arg(exchange.label, where)));
        ++read;
    }
    qInfo("%d recorded answers read and written back unchanged", read);
    QVERIFY(read > 40);
}

QTEST_GUILESS_MAIN(TestRestJson)
#include "tst_restjson.moc"
