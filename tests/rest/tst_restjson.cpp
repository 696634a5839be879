// The REST client's reading of MLflow answers: the wire's quirks (int64 as strings, "NaN",
// string versions, omitted vs empty) and every registry answer recorded from real MLflow 2.22
// and 3.6 servers, read and written back unchanged. The fast search-page readers
// (readVersionPage, readModelPage) are held to the QJsonDocument + Reader path: same values and
// same errors on recorded, hand-written, truncated and randomly damaged answers.

#include "registry/json/mlflowjson.h"
#include "registry/rest/restjson.h"
#include "tests/registry/transcripts.h"

#include <QJsonDocument>
#include <QRandomGenerator>
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

    void fastReadersMatchReader_data();
    void fastReadersMatchReader();
    void fastReadersDecodeStrings();
    void fastReadersReadWireNumbers();
    void fastReadersKeepNullsAndUnknownKeys();
    void fastReadersRejectWrongTypes_data();
    void fastReadersRejectWrongTypes();
    void fastReadersRejectTruncatedAnswers_data();
    void fastReadersRejectTruncatedAnswers();
    void fastReadersMatchReaderOnMutations_data();
    void fastReadersMatchReaderOnMutations();
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
    } else if (endpoint == QLatin1String("runs/search")) {
        // As the trend's bulk read reads it (restregistry_runs.cpp).
        MlflowJson::Value::Array runs;
        for (const QJsonObject &entry : reader.objects(body, QStringLiteral("runs")))
            runs.append(MlflowJson::run(reader.run(entry)));
        MlflowJson::Value::Object object;
        if (!runs.isEmpty())
            object.append({QStringLiteral("runs"), runs});
        if (const QString token = reader.string(body, QStringLiteral("next_page_token"));
            !token.isEmpty())
            object.append({QStringLiteral("next_page_token"), token});
        written = object;
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

QByteArray written(const Page<ModelVersion> &page)
{
    return MlflowJson::Value(
               MlflowJson::searchVersionsResponse(page, MlflowJson::Aliases::Include))
        .toJson();
}

QByteArray written(const Page<RegisteredModel> &page)
{
    return MlflowJson::Value(MlflowJson::searchModelsResponse(page)).toJson();
}

template<typename T>
QString describe(const Result<Page<T>> &result)
{
    if (!result)
        return QStringLiteral("error \"%1\"").arg(result.error().message());
    return QString::fromUtf8(written(*result));
}

// Empty when the fast reader's result equals Reader's, else both. Items are compared as values
// too, since MlflowJson writes an empty status_message as an omitted one.
template<typename T>
QString difference(const Result<Page<T>> &fast, const Result<Page<T>> &reader)
{
    bool same = fast.ok() == reader.ok();
    if (same && fast.ok()) {
        same = fast->items == reader->items && fast->nextPageToken == reader->nextPageToken
            && written(*fast) == written(*reader);
    } else if (same) {
        same = fast.error() == reader.error();
    }
    if (same)
        return {};
    return QStringLiteral("fast: %1\nReader: %2").arg(describe(fast), describe(reader));
}

// Both readers on `body`, a model page or a version page as `models` says.
QString compareReaders(const QByteArray &body, bool models)
{
    return models ? difference(RestJson::readModelPage(body), RestJson::readModelPageWithDocument(body))
                  : difference(RestJson::readVersionPage(body), RestJson::readVersionPageWithDocument(body));
}

template<typename T>
QString problemOf(const Result<T> &result)
{
    return result ? QString() : result.error().message();
}

// The scanner takes strings and whitespace 8 bytes at a time: a page whose tag values put each
// kind of special character at every offset of strings up to 20 bytes, between runs of 0 to 17
// whitespace bytes.
QByteArray everyAlignment()
{
    const QList<QByteArray> specials{"\\\"", "\\\\", "\\u00e9", "\xc3\xa9", "\xf0\x9f\x98\x80",
                                     "\\ud83d\\ude00", "\\n", "\x01"};
    const QByteArray whitespace(" \n \t\r                ");
    QByteArray tags;
    int count = 0;
    for (const QByteArray &special : specials) {
        for (int size = 0; size <= 20; ++size) {
            for (int at = 0; at <= size; ++at) {
                const QByteArray value = QByteArray(at, 'a') + special + QByteArray(size - at, 'b');
                const QByteArray space = whitespace.left(count++ % 18);
                tags += (tags.isEmpty() ? "" : ",") + space + "{\"key\":" + space + "\"k\","
                    + space + "\"value\"" + space + ":" + space + "\"" + value + "\"" + space
                    + "}";
            }
        }
    }
    return "{\"model_versions\":[{\"name\":\"m\",\"tags\":[" + tags + "]}]}";
}

// Small answers with some of everything the readers handle.
const char SmallVersionPage[] = R"({
  "model_versions": [
    {"name": "fraud \"v2\"\n\u00e9\ud83d\ude00", "version": "3",
     "creation_timestamp": 1700000000123, "last_updated_timestamp": "1700000000456",
     "user_id": "", "current_stage": "Staging", "description": null, "source": "s3://b/m",
     "run_id": "0a1b", "status": "READY", "status_message": "ok",
     "tags": [{"key": "k", "value": "v"}, {"key": "team", "value": "r\u00e9seau"}],
     "run_link": "", "aliases": ["champion", "b"],
     "extra": {"nested": [1, 2.5e3, -0.5, true, false, null, {"x": "y"}]}},
    {"name": "m", "version": 4, "creation_timestamp": 1, "last_updated_timestamp": 2,
     "current_stage": "None", "source": "models:/m-1", "status": "READY"}
  ],
  "next_page_token": "eyJvZmZzZXQiOiAyfQ=="
}
)";

const char SmallModelPage[] = R"({
  "registered_models": [
    {"name": "fraud", "creation_timestamp": 1700000000000,
     "last_updated_timestamp": "1700000000999", "description": "d\u00e9tecte \"x\"",
     "latest_versions": [{"name": "fraud", "version": "7", "current_stage": "Production",
                          "source": "s3://x", "run_id": "r", "status": "READY",
                          "tags": [{"key": "a", "value": ""}]}],
     "tags": [{"key": "owner", "value": "\u5f20"}],
     "aliases": [{"alias": "champion", "version": "7"}, {"alias": "old", "version": 3}],
     "deployment_job_id": {"unknown": [[], {}]}},
    {"name": "plain", "creation_timestamp": 5}
  ],
  "next_page_token": "abc"
}
)";

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
    int searches = 0;
    for (const TestSupport::Exchange &exchange : exchanges) {
        if (exchange.status != 200 || !exchange.path.contains(QLatin1String("/2.0/mlflow/")))
            continue;
        const QJsonDocument recorded = QJsonDocument::fromJson(exchange.responseBody);
        if (!recorded.isObject())
            continue;
        // The fast readers must read every recorded search answer as Reader does.
        const QString endpoint = exchange.path.section(QLatin1String("/mlflow/"), 1);
        const bool models = endpoint == QLatin1String("registered-models/search");
        if (models || endpoint == QLatin1String("model-versions/search")) {
            const QString differs = compareReaders(exchange.responseBody, models);
            QVERIFY2(differs.isEmpty(), qPrintable(QStringLiteral("#%1 %2: %3")
                                                       .arg(exchange.index)
                                                       .arg(exchange.label, differs)));
            ++searches;
        }
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
    qInfo("%d recorded answers read and written back unchanged, %d search answers read alike "
          "by the fast readers", read, searches);
    QVERIFY(read > 40);
    QVERIFY(searches > 20);
}

void TestRestJson::fastReadersMatchReader_data()
{
    QTest::addColumn<bool>("models");
    QTest::addColumn<QByteArray>("body");
    const auto versions = [](const char *name, const QByteArray &body) {
        QTest::newRow(name) << false << body;
    };
    const auto models = [](const char *name, const QByteArray &body) {
        QTest::newRow(name) << true << body;
    };
    versions("small page", SmallVersionPage);
    models("small model page", SmallModelPage);
    versions("empty answer", "{}");
    models("empty model answer", " \r\n\t{ } \n");
    versions("byte order mark", "\xef\xbb\xbf{\"model_versions\":[{\"name\":\"m\"}]}");
    versions("escapes", R"({"model_versions":[{"name":"a\n\"b\"\\c\/\b\f\r\t\u00e9\ud83d\ude00",
        "source":"\u0000\u001f"}]})");
    versions("unknown escapes read as the character", R"({"model_versions":[{"name":"\q\a\%"}]})");
    versions("lone surrogates", R"({"model_versions":[{"name":"x\ud83d","run_id":"\ude00"}]})");
    versions("raw control characters", "{\"model_versions\":[{\"name\":\"a\x01\tb\nc\"}]}");
    versions("utf-8 names", "{\"model_versions\":[{\"name\":\"\xe6\xa8\xa1\xe5\x9e\x8b-\xc3\xa9-"
                            "\xf0\x9f\x98\x80\",\"version\":\"1\"}]}");
    versions("escaped keys", R"({"model_v\u0065rsions":[{"n\u0061me":"m","\u0076ersion":"2"}]})");
    versions("numbers as strings", R"({"model_versions":[{"name":"m","version":"12",
        "creation_timestamp":"1700000000123","last_updated_timestamp":" 42 "}]})");
    versions("signed strings", R"({"model_versions":[{"name":"m","version":"+7",
        "creation_timestamp":"-0","last_updated_timestamp":"-9223372036854775808"}]})");
    versions("escaped digits", R"({"model_versions":[{"name":"m","version":"\u0031\u0032"}]})");
    versions("huge ints", R"({"model_versions":[{"name":"m","version":"9223372036854775807",
        "creation_timestamp":9007199254740993,"last_updated_timestamp":-9000000000000000000}]})");
    versions("int64 overflowing as a string", R"({"model_versions":[{"name":"m",
        "version":"9223372036854775808"}]})");
    versions("int64 too big as a number", R"({"model_versions":[{"name":"m",
        "creation_timestamp":9300000000000000000}]})");
    versions("doubles", R"({"model_versions":[{"name":"m","version":2.0,
        "creation_timestamp":1.7e12,"last_updated_timestamp":-0}]})");
    versions("lenient numbers", R"({"model_versions":[{"name":"m","version":1.,
        "creation_timestamp":0.0,"last_updated_timestamp":1E3,"x":[.5,-.5,1e-320]}]})");
    versions("fractions", R"({"model_versions":[{"name":"m","version":1.5}]})");
    versions("number overflow", R"({"model_versions":[{"name":"m","x":1e400}]})");
    versions("number without digits", R"({"model_versions":[{"name":"m","x":-}]})");
    versions("nulls", R"({"model_versions":[{"name":"m","version":null,"user_id":null,
        "description":null,"run_id":null,"run_link":null,"status_message":null,"tags":null,
        "aliases":null,"creation_timestamp":null,"source":null}],"next_page_token":null})");
    versions("omitted and empty", R"({"model_versions":[{"name":"m","description":"",
        "run_id":"","run_link":"","user_id":"","status_message":""},{"name":"n"}]})");
    versions("unknown keys of every shape", R"({"x":{"model_versions":5},"model_versions":[
        {"name":"m","a":{"b":[{"c":{}},[],[[1]],"s",true,null]},"z":[],"y":{},"w":-1.5e-3}],
        "more":[{"next_page_token":7}]})");
    versions("duplicate keys keep the last", R"({"model_versions":[{"name":"a","version":"x",
        "name":"b","version":"3","tags":[{"key":"k"}],"tags":[{"key":5,"key":"j"}]}],
        "next_page_token":1,"next_page_token":"t"})");
    versions("duplicate keys with a bad last", R"({"model_versions":[{"name":"a",
        "version":"3","version":"x"}]})");
    versions("aliases that are not strings", R"({"model_versions":[{"name":"m",
        "aliases":["a",1,null,{},["b"],"c"]}]})");
    versions("no name", R"({"model_versions":[{"version":"1"}]})");
    versions("first problem in Reader's order", R"({"model_versions":[{"status":5,
        "name":"m","version":"x"}]})");
    versions("list problem before entry problems", R"({"model_versions":[{"name":1},5]})");
    versions("tag list problem before tag problems", R"({"model_versions":[{"name":"m",
        "tags":[{"key":1},"t"]}]})");
    versions("top-level array", "[{\"model_versions\":[]}]");
    versions("broken top-level array", "[1,]");
    versions("top-level string", "\"model_versions\"");
    versions("garbage at the end", "{} x");
    versions("html", "<!doctype html><title>502 Bad Gateway</title>");
    versions("empty body", "");
    versions("invalid utf-8", "{\"model_versions\":[{\"name\":\"\xc3\x28\"}]}");
    versions("utf-8 surrogate", "{\"model_versions\":[{\"name\":\"\xed\xa0\x80\"}]}");
    versions("overlong utf-8", "{\"x\":\"\xe0\x80\xaf\"}");
    versions("utf-8 past U+10FFFF", "{\"x\":\"\xf4\x90\x80\x80\"}");
    versions("escaped utf-8 lead byte", "{\"x\":\"\\\xc3\xc3\xa9\"}");
    versions("bad unicode escape", R"({"model_versions":[{"name":"\u12G4"}]})");
    versions("missing value", R"({"model_versions":[{"name":}]})");
    versions("missing comma", R"({"model_versions":[{"name":"m"} {"name":"n"}]})");
    versions("trailing comma", R"({"model_versions":[{"name":"m"},]})");
    versions("bad literal", R"({"model_versions":[{"name":"m","x":nul}]})");
    versions("literal with a tail", R"({"model_versions":[{"name":"m","x":truex}]})");
    versions("nested 1024 deep",
             "{\"x\":" + QByteArray(1023, '[') + QByteArray(1023, ']') + "}");
    versions("nested too deep",
             "{\"x\":" + QByteArray(1024, '[') + QByteArray(1024, ']') + "}");
    versions("strings and spaces at every alignment", everyAlignment());
    models("model problems in Reader's order", R"({"registered_models":[{"name":"m",
        "aliases":[{"alias":1,"version":"x"}],"latest_versions":[{"name":"v","version":[]}]}]})");
    models("model aliases", R"({"registered_models":[{"name":"m",
        "aliases":[{"alias":"a","version":3},{"alias":"b","version":"4"},{"version":null}]}]})");
    models("model without name", R"({"registered_models":[{"description":"d"}]})");
    models("null model list", R"({"registered_models":null,"next_page_token":"t"})");
    models("latest version without name", R"({"registered_models":[{"name":"m",
        "latest_versions":[{"version":"1"}]}]})");
    models("model description of a wrong type",
           R"({"registered_models":[{"name":"m","description":{}}]})");
}

void TestRestJson::fastReadersMatchReader()
{
    QFETCH(bool, models);
    QFETCH(QByteArray, body);
    const QString differs = compareReaders(body, models);
    QVERIFY2(differs.isEmpty(), qPrintable(differs));
}

void TestRestJson::fastReadersDecodeStrings()
{
    const auto page = RestJson::readVersionPage(QByteArray(
        R"({"model_versions":[{"name":"a\nb \"q\" back\\slash \u00e9 \ud83d\ude00 \/",)"
        "\"source\":\"\xe6\xa8\xa1\xe5\x9e\x8b \xc3\xa9 \xf0\x9f\x98\x80\"}]}"));
    QVERIFY2(page, qPrintable(problemOf(page)));
    QCOMPARE(page->items.size(), 1);
    QCOMPARE(page->items[0].name, QStringLiteral("a\nb \"q\" back\\slash \u00e9 \U0001F600 /"));
    QCOMPARE(page->items[0].source, QStringLiteral("\u6a21\u578b \u00e9 \U0001F600"));

    const auto aligned = RestJson::readVersionPage(everyAlignment());
    QVERIFY2(aligned, qPrintable(problemOf(aligned)));
    QCOMPARE(aligned->items.size(), 1);
    QCOMPARE(aligned->items[0].tags.size(), 8 * 21 * 22 / 2);
    QCOMPARE(aligned->items[0].tags[1].value, QStringLiteral("\"b"));
    QCOMPARE(aligned->items[0].tags.last().value,
             QString(QString(20, QLatin1Char('a')) + QChar(1)));
}

void TestRestJson::fastReadersReadWireNumbers()
{
    const auto page = RestJson::readVersionPage(QByteArray(
        R"({"model_versions":[{"name":"m","version":"12","creation_timestamp":"1700000000123",
            "last_updated_timestamp":1700000000456},
           {"name":"m","version":9,"creation_timestamp":9007199254740993,
            "last_updated_timestamp":"9223372036854775807"}]})"));
    QVERIFY2(page, qPrintable(problemOf(page)));
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items[0].version, 12);
    QCOMPARE(page->items[0].creationTimestamp, 1700000000123LL);
    QCOMPARE(page->items[0].lastUpdatedTimestamp, 1700000000456LL);
    QCOMPARE(page->items[1].version, 9);
    // Numbers go through a double, as QJsonValue hands them to Reader; strings do not.
    QCOMPARE(page->items[1].creationTimestamp, 9007199254740992LL);
    QCOMPARE(page->items[1].lastUpdatedTimestamp, std::numeric_limits<qint64>::max());
}

void TestRestJson::fastReadersKeepNullsAndUnknownKeys()
{
    const auto page = RestJson::readVersionPage(QByteArray(
        R"({"future":{"a":[1,{"b":null}]},"model_versions":[{"name":"m","version":"1",
            "description":null,"run_id":"","run_link":null,"tags":null,"x":[[{}]]}],
            "next_page_token":null})"));
    QVERIFY2(page, qPrintable(problemOf(page)));
    QCOMPARE(page->items.size(), 1);
    const ModelVersion &version = page->items[0];
    QCOMPARE(version.description, std::nullopt);
    QCOMPARE(version.runId, std::optional<QString>(QString()));
    QCOMPARE(version.runLink, std::nullopt);
    QVERIFY(version.tags.isEmpty());
    QVERIFY(page->nextPageToken.isEmpty());

    const auto models = RestJson::readModelPage(SmallModelPage);
    QVERIFY2(models, qPrintable(problemOf(models)));
    QCOMPARE(models->items.size(), 2);
    QCOMPARE(models->items[0].latestVersions.size(), 1);
    QCOMPARE(models->items[0].latestVersions[0].version, 7);
    QCOMPARE(models->items[0].aliases,
             (QList<Alias>{{QStringLiteral("champion"), 7}, {QStringLiteral("old"), 3}}));
    QCOMPARE(models->items[0].tags,
             (QList<Tag>{{QStringLiteral("owner"), QStringLiteral("\u5f20")}}));
    QCOMPARE(models->nextPageToken, QStringLiteral("abc"));
}

void TestRestJson::fastReadersRejectWrongTypes_data()
{
    QTest::addColumn<bool>("models");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    const auto row = [](const char *name, bool models, const char *body, const char *field) {
        QTest::newRow(name) << models << QByteArray(body) << QString::fromLatin1(field);
    };
    row("version as a word", false, R"({"model_versions":[{"name":"m","version":"three"}]})",
        "version");
    row("name as a number", false, R"({"model_versions":[{"name":5}]})", "name");
    row("list as an object", false, R"({"model_versions":{"name":"m"}})", "model_versions");
    row("entry as a number", false, R"({"model_versions":[5]})", "model_versions");
    row("tag key as a number", false,
        R"({"model_versions":[{"name":"m","tags":[{"key":5,"value":"x"}]}]})", "key");
    row("tags as an object", false, R"({"model_versions":[{"name":"m","tags":{}}]})", "tags");
    row("timestamp as a boolean", false,
        R"({"model_versions":[{"name":"m","creation_timestamp":true}]})", "creation_timestamp");
    row("aliases as a string", false, R"({"model_versions":[{"name":"m","aliases":"a"}]})",
        "aliases");
    row("description as a list", false, R"({"model_versions":[{"name":"m","description":[]}]})",
        "description");
    row("token as a number", false, R"({"next_page_token":5})", "next_page_token");
    row("Reader's order", false, R"({"model_versions":[{"status":5,"name":"m","version":"x"}]})",
        "version");
    row("latest version's number", true,
        R"({"registered_models":[{"name":"m","latest_versions":[{"name":"v","version":[]}]}]})",
        "version");
    row("alias version", true,
        R"({"registered_models":[{"name":"m","aliases":[{"alias":"a","version":"x"}]}]})",
        "version");
    row("model description", true, R"({"registered_models":[{"name":"m","description":{}}]})",
        "description");
    row("models as a string", true, R"({"registered_models":"m"})", "registered_models");
    row("model without name", true, R"({"registered_models":[{"creation_timestamp":1}]})",
        "name");
}

void TestRestJson::fastReadersRejectWrongTypes()
{
    QFETCH(bool, models);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const auto fast = models ? RestJson::readModelPage(body).error()
                             : RestJson::readVersionPage(body).error();
    const auto expected = models ? RestJson::readModelPageWithDocument(body).error()
                                 : RestJson::readVersionPageWithDocument(body).error();
    QCOMPARE(fast.code(), ErrorCode::InternalError);
    QVERIFY2(fast.message().contains(field), qPrintable(fast.message()));
    QCOMPARE(fast.message(), expected.message());
}

void TestRestJson::fastReadersRejectTruncatedAnswers_data()
{
    QTest::addColumn<bool>("models");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("versions") << false << QByteArray(SmallVersionPage);
    QTest::newRow("models") << true << QByteArray(SmallModelPage);
}

// Every prefix of an answer, as a dropped connection leaves it: an error (the same as Reader's),
// never a crash, a hang or a partial page.
void TestRestJson::fastReadersRejectTruncatedAnswers()
{
    QFETCH(bool, models);
    QFETCH(QByteArray, body);
    QVERIFY(compareReaders(body, models).isEmpty());
    const qsizetype complete = body.trimmed().size(); // only the final newline may go
    for (qsizetype size = 0; size < complete; ++size) {
        const QByteArray prefix = body.left(size);
        const bool failed = models ? !RestJson::readModelPage(prefix).ok()
                                   : !RestJson::readVersionPage(prefix).ok();
        QVERIFY2(failed, qPrintable(QStringLiteral("a prefix of %1 bytes was read").arg(size)));
        const QString differs = compareReaders(prefix, models);
        QVERIFY2(differs.isEmpty(),
                 qPrintable(QStringLiteral("%1 bytes: %2").arg(size).arg(differs)));
    }
}

void TestRestJson::fastReadersMatchReaderOnMutations_data()
{
    fastReadersRejectTruncatedAnswers_data();
}

// Random damage to a small answer (with a fixed seed, so a failure repeats): whatever the bytes,
// the fast reader says what Reader says.
void TestRestJson::fastReadersMatchReaderOnMutations()
{
    QFETCH(bool, models);
    QFETCH(QByteArray, body);
    static const QByteArray interesting("{}[],:\"\\ \n0123456789-+.eEtfnulr/\x01\x7f\x80\xbf"
                                        "\xc3\xa9\xed\xf0\xff");
    QRandomGenerator random(20240611);
    const auto below = [&random](qsizetype bound) { return qsizetype(random.bounded(int(bound))); };
    for (int round = 0; round < 4000; ++round) {
        QByteArray damaged = body;
        const int edits = 1 + int(below(3));
        for (int edit = 0; edit < edits && !damaged.isEmpty(); ++edit) {
            const qsizetype at = below(damaged.size());
            const char byte = interesting.at(below(interesting.size()));
            switch (below(4)) {
            case 0:
                damaged[at] = byte;
                break;
            case 1:
                damaged.insert(at, byte);
                break;
            case 2:
                damaged.remove(at, 1 + below(8));
                break;
            default:
                damaged.insert(at, damaged.mid(below(damaged.size()), 12));
            }
        }
        const QString differs = compareReaders(damaged, models);
        QVERIFY2(differs.isEmpty(),
                 qPrintable(QStringLiteral("round %1, body %2\n%3")
                                .arg(round)
                                .arg(QString::fromLatin1(damaged.toPercentEncoding("{}[],:\" ")),
                                     differs)));
    }
}

QTEST_GUILESS_MAIN(TestRestJson)
#include "tst_restjson.moc"
