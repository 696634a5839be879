// The fake MLflow server's test controls, checked over real HTTP with QNetworkAccessManager:
// injected faults, authentication, denied writes, the request log, artifacts, the version
// text, the standalone executable and the server on a thread of its own. Client tests rely on
// each of these answering exactly as documented in fakemlflowserver.h.
#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using namespace TestSupport;

Q_DECLARE_METATYPE(TestSupport::Fault)

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Answer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    Headers headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const { return json().value(QStringLiteral("error_code")).toString(); }
};

QString api(const char *endpoint)
{
    return QStringLiteral("/api/2.0/mlflow/") + QLatin1String(endpoint);
}

QByteArray basic(const QByteArray &user, const QByteArray &password)
{
    return "Basic " + QByteArray(user + ':' + password).toBase64();
}

const QByteArray basicAuthPage = QByteArrayLiteral(
    "You are not authenticated. Please see "
    "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to "
    "authenticate.");

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestFakeServerFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void neverAnswerLeavesTheRequestPending();
    void statusFaultAnswersAsGiven_data();
    void statusFaultAnswersAsGiven();
    void truncatedJsonIsHalfTheNormalAnswer();
    void hugeAnswerIsValidJsonOfTheGivenSize_data();
    void hugeAnswerIsValidJsonOfTheGivenSize();
    void failThenServeFailsThenAnswers_data();
    void failThenServeFailsThenAnswers();
    void delayedAnswerArrivesLate();
    void closedConnectionIsANetworkError();
    void faultsApplyToTheirEndpointOnly();
    void basicAuthentication_data();
    void basicAuthentication();
    void bearerToken_data();
    void bearerToken();
    void deniedWritesAnswer403();
    void requestLogRecordsWhatWasSent();
    void listsArtifacts();
    void artifactListErrors_data();
    void artifactListErrors();
    void downloadsArtifacts_data();
    void downloadsArtifacts();
    void artifactDownloadErrors_data();
    void artifactDownloadErrors();
    void versionTextIsSettable();
    void standaloneExecutablePrintsItsUrlAndServes();
    void standaloneExecutableRefusesAMissingStore();
    void serverThreadAnswersWhileTheCallerBlocks();
    void serverThreadReportsAStoreItCannotOpen();

private:
    QNetworkReply *start(const QUrl &server,
                         const QByteArray &method,
                         const QString &path,
                         const QString &query = {},
                         const QByteArray &body = {},
                         const Headers &headers = {});
    Answer send(const QByteArray &method,
                const QString &path,
                const QString &query = {},
                const QByteArray &body = {},
                const Headers &headers = {});
    Answer sendTo(const QUrl &server,
                  const QByteArray &method,
                  const QString &path,
                  const QString &query = {},
                  const QByteArray &body = {},
                  const Headers &headers = {});
    static Answer finish(QNetworkReply *reply);

    QTemporaryDir m_dir;
    QString m_store;
    QString m_artifacts;
    QString m_runId; // artifacts at <root>/<run_id>/
    QString m_runArtifactUri;
    QString m_proxiedRunId; // artifacts at <root>/<mlflow-artifacts path>/
    QString m_emptyRunId; // no artifacts at all
    std::unique_ptr<FakeMlflowServer> m_server;
    QNetworkAccessManager m_network;
};

void TestFakeServerFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = m_dir.filePath(QStringLiteral("registry.db"));
    DemoOptions demo;
    demo.models = 4;
    demo.versionsPerModel = 3;
    demo.metricSteps = 5;
    const auto created = createDemoStore(m_store, demo);
    QVERIFY2(created, created ? "" : qPrintable(created.error().message()));
    m_network.setProxy(QNetworkProxy::NoProxy);

    // Three runs of the store: artifacts in the fake's own layout, in mlflow server's
    // --artifacts-destination layout, and none.
    {
        auto backend = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(backend);
        QSqlQuery query(backend.value()->database());
        QVERIFY(query.exec(QStringLiteral("SELECT run_uuid, artifact_uri FROM runs "
                                          "ORDER BY run_uuid LIMIT 3")));
        QStringList ids;
        QStringList uris;
        while (query.next()) {
            ids << query.value(0).toString();
            uris << query.value(1).toString();
        }
        QCOMPARE(ids.size(), 3);
        m_runId = ids.at(0);
        m_runArtifactUri = uris.at(0);
        m_proxiedRunId = ids.at(1);
        m_emptyRunId = ids.at(2);
        QVERIFY(uris.at(1).startsWith(QLatin1String("mlflow-artifacts:/")));
        m_artifacts = m_dir.filePath(QStringLiteral("artifacts"));
        const QString run = m_artifacts + QLatin1Char('/') + m_runId + QLatin1Char('/');
        QVERIFY(writeFile(run + QStringLiteral("metrics.json"), "{\"auc\": 0.91}\n"));
        QVERIFY(writeFile(run + QStringLiteral("model/MLmodel"), "artifact_path: model\n"));
        QVERIFY(writeFile(run + QStringLiteral("model/model.pkl"), QByteArray(300, '\x80')));
        QVERIFY(writeFile(run + QStringLiteral("plots/loss.png"),
                          QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
        QVERIFY(writeFile(run + QStringLiteral("reports/text/notes – résumé.txt"), "résumé\n"));
        const QString proxied
            = m_artifacts + QLatin1Char('/') + QUrl(uris.at(1)).path().mid(1) + QLatin1Char('/');
        QVERIFY(writeFile(proxied + QStringLiteral("only.txt"), "only\n"));
    }
}

void TestFakeServerFaults::init()
{
    m_server = std::make_unique<FakeMlflowServer>(m_store);
    QVERIFY2(m_server->errorString().isEmpty(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->listen() != 0);
    m_server->setArtifactRoot(m_artifacts);
}

void TestFakeServerFaults::cleanup()
{
    m_server.reset();
}

void TestFakeServerFaults::neverAnswerLeavesTheRequestPending()
{
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::neverAnswer());
    QNetworkReply *reply = start(m_server->url(), "GET", api("registered-models/search"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(!finished.wait(300));
    QVERIFY(reply->isRunning());
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/search")), 1);
    // The server itself still answers on other connections.
    QCOMPARE(send("GET", QStringLiteral("/health")).status, 200);
    reply->abort();
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    reply->deleteLater();
}

void TestFakeServerFaults::statusFaultAnswersAsGiven_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body"); // expected exactly, unless empty
    QTest::addColumn<QString>("errorCode"); // expected JSON error_code, unless empty

    const QByteArray proxyPage = "<html><head><title>502 Bad Gateway</title></head><body>"
                                 "<center><h1>502 Bad Gateway</h1></center></body></html>";
    QTest::newRow("proxy HTML 502") << Fault::httpStatus(502, "text/html", proxyPage) << 502
                                    << QByteArray("text/html") << proxyPage << QString();
    QTest::newRow("plain-text 403")
        << Fault::httpStatus(403, "text/plain", "Permission denied") << 403
        << QByteArray("text/plain") << QByteArray("Permission denied") << QString();
    const QByteArray json = R"({"error_code": "INTERNAL_ERROR", "message": "boom"})";
    QTest::newRow("MLflow JSON 500")
        << Fault::httpStatus(500, "application/json", json) << 500 << QByteArray("application/json")
        << json << QStringLiteral("INTERNAL_ERROR");
    QTest::newRow("bare 503 is MLflow's error")
        << Fault::httpStatus(503) << 503 << QByteArray("application/json") << QByteArray()
        << QStringLiteral("TEMPORARILY_UNAVAILABLE");
    QTest::newRow("status outside QtHttpServer's table")
        << Fault::httpStatus(499) << 499 << QByteArray("application/json") << QByteArray()
        << QStringLiteral("CANCELLED");
    QTest::newRow("body without a type is text")
        << Fault::httpStatus(429, {}, "slow down") << 429 << QByteArray("text/plain; charset=utf-8")
        << QByteArray("slow down") << QString();
    QTest::newRow("empty 200") << Fault::httpStatus(200, "application/json", {}) << 200
                               << QByteArray("application/json") << QByteArray() << QString();
}

void TestFakeServerFaults::statusFaultAnswersAsGiven()
{
    QFETCH(Fault, fault);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorCode);
    m_server->setFault(QStringLiteral("registered-models/search"), fault);
    const Answer answer
        = send("GET", api("registered-models/search"), QStringLiteral("max_results=5"));
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.contentType, contentType);
    if (!body.isEmpty() || errorCode.isEmpty())
        QCOMPARE(answer.body, body);
    if (!errorCode.isEmpty())
        QCOMPARE(answer.errorCode(), errorCode);
}

void TestFakeServerFaults::truncatedJsonIsHalfTheNormalAnswer()
{
    const QString query = QStringLiteral("max_results=3");
    const Answer normal = send("GET", api("registered-models/search"), query);
    QCOMPARE(normal.status, 200);
    QVERIFY(normal.body.size() > 100);
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::truncatedJson());
    const Answer truncated = send("GET", api("registered-models/search"), query);
    QCOMPARE(truncated.status, 200);
    QCOMPARE(truncated.contentType, QByteArray("application/json"));
    QCOMPARE(truncated.body, normal.body.left(normal.body.size() / 2));
    QJsonParseError error;
    QVERIFY(QJsonDocument::fromJson(truncated.body, &error).isNull());
    QVERIFY(error.error != QJsonParseError::NoError);
}

void TestFakeServerFaults::hugeAnswerIsValidJsonOfTheGivenSize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("minimumModels");
    QTest::newRow("too small for a model") << qint64(40) << 0;
    QTest::newRow("one short model") << qint64(300) << 1;
    QTest::newRow("50 kB") << qint64(50'000) << 10;
    QTest::newRow("3 MiB") << qint64(3 * 1024 * 1024) << 700;
}

void TestFakeServerFaults::hugeAnswerIsValidJsonOfTheGivenSize()
{
    QFETCH(qint64, bytes);
    QFETCH(int, minimumModels);
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::huge(bytes));
    const Answer answer = send("GET", api("registered-models/search"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, QByteArray("application/json"));
    QCOMPARE(qint64(answer.body.size()), bytes);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray models
        = document.object().value(QStringLiteral("registered_models")).toArray();
    QVERIFY2(models.size() >= minimumModels, qPrintable(QString::number(models.size())));
    QSet<QString> names;
    for (const QJsonValue &model : models) {
        names.insert(model[QStringLiteral("name")].toString());
        QVERIFY(model[QStringLiteral("last_updated_timestamp")].isDouble());
        QVERIFY(model[QStringLiteral("description")].isString());
    }
    QCOMPARE(names.size(), models.size());
}

void TestFakeServerFaults::failThenServeFailsThenAnswers_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("MLflow 503 twice")
        << Fault::failThenServe(2) << 2 << 503 << QByteArray("application/json");
    QTest::newRow("proxy text 502 once")
        << Fault::failThenServe(1, 502, "text/plain", "Bad Gateway") << 1 << 502
        << QByteArray("text/plain");
}

void TestFakeServerFaults::failThenServeFailsThenAnswers()
{
    QFETCH(Fault, fault);
    QFETCH(int, failures);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    const QString endpoint = QStringLiteral("registered-models/search");
    m_server->setFault(endpoint, fault);
    for (int i = 0; i < failures; ++i) {
        const Answer answer = send("GET", api("registered-models/search"));
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.contentType, contentType);
    }
    for (int i = 0; i < 2; ++i) {
        const Answer answer = send("GET", api("registered-models/search"));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.json().contains(QStringLiteral("registered_models")));
    }
    QCOMPARE(m_server->hitCount(endpoint), failures + 2);
}

void TestFakeServerFaults::delayedAnswerArrivesLate()
{
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::delay(400));
    QElapsedTimer timer;
    timer.start();
    const Answer answer = send("GET", api("registered-models/search"));
    QVERIFY2(timer.elapsed() >= 400, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.json().contains(QStringLiteral("registered_models")));
}

void TestFakeServerFaults::closedConnectionIsANetworkError()
{
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::closeConnection());
    const Answer answer = send("GET", api("registered-models/search"));
    QCOMPARE(answer.status, 0);
    QCOMPARE(answer.error, QNetworkReply::RemoteHostClosedError);
    // QNetworkAccessManager may resend an idempotent request once on a closed connection.
    QVERIFY(m_server->hitCount(QStringLiteral("registered-models/search")) >= 1);
}

void TestFakeServerFaults::faultsApplyToTheirEndpointOnly()
{
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::httpStatus(500));
    QCOMPARE(send("GET", api("registered-models/search")).status, 500);
    QCOMPARE(send("GET", QStringLiteral("/ajax-api/2.0/mlflow/registered-models/search")).status,
             500);
    QCOMPARE(send("GET", api("model-versions/search")).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/health")).status, 200);

    // "*" is every endpoint without a fault of its own.
    m_server->setFault(QStringLiteral("*"), Fault::httpStatus(502, "text/html", "<p>down</p>"));
    QCOMPARE(send("GET", QStringLiteral("/health")).status, 502);
    QCOMPARE(send("GET", api("model-versions/search")).status, 502);
    QCOMPARE(send("GET", api("registered-models/search")).status, 500);

    m_server->clearFaults();
    QCOMPARE(send("GET", api("registered-models/search")).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/health")).status, 200);
}

void TestFakeServerFaults::basicAuthentication_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    const QString search = api("registered-models/search");
    QTest::newRow("no credentials") << search << QByteArray() << 401;
    QTest::newRow("wrong password") << search << basic("alice", "wrong") << 401;
    QTest::newRow("unknown user") << search << basic("bob", "s3cret:x") << 401;
    QTest::newRow("bearer token") << search << QByteArray("Bearer s3cret:x") << 401;
    QTest::newRow("not base64") << search << QByteArray("Basic !!!") << 401;
    QTest::newRow("right credentials") << search << basic("alice", "s3cret:x") << 200;
    QTest::newRow("scheme in lower case")
        << search << QByteArray(QByteArray("basic ") + QByteArray("alice:s3cret:x").toBase64())
        << 200;
    QTest::newRow("unknown path needs credentials too")
        << QStringLiteral("/nothing") << QByteArray() << 401;
    QTest::newRow("health is open") << QStringLiteral("/health") << QByteArray() << 200;
    QTest::newRow("version is open") << QStringLiteral("/version") << QByteArray() << 200;
}

void TestFakeServerFaults::basicAuthentication()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    m_server->requireBasicAuth(QStringLiteral("alice"), QStringLiteral("s3cret:x"));
    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const Answer answer = send("GET", path, {}, {}, headers);
    QCOMPARE(answer.status, status);
    if (status == 401) {
        // MLflow's basic-auth app: Flask's text page and a Basic challenge.
        QCOMPARE(answer.body, basicAuthPage);
        QCOMPARE(answer.contentType, QByteArray("text/html; charset=utf-8"));
        QCOMPARE(answer.header("WWW-Authenticate"), QByteArray("Basic realm=\"mlflow\""));
    }
    m_server->clearAuthentication();
    QCOMPARE(send("GET", api("registered-models/search")).status, 200);
}

void TestFakeServerFaults::bearerToken_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    const QString search = api("registered-models/search");
    QTest::newRow("no token") << search << QByteArray() << 401;
    QTest::newRow("wrong token") << search << QByteArray("Bearer nope") << 401;
    QTest::newRow("empty token") << search << QByteArray("Bearer ") << 401;
    QTest::newRow("basic credentials") << search << basic("tok", "en") << 401;
    QTest::newRow("right token") << search << QByteArray("Bearer dapi-123") << 200;
    QTest::newRow("health is open") << QStringLiteral("/health") << QByteArray() << 200;
}

void TestFakeServerFaults::bearerToken()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    m_server->requireBearerToken("dapi-123");
    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const Answer answer = send("GET", path, {}, {}, headers);
    QCOMPARE(answer.status, status);
    if (status == 401) {
        QCOMPARE(answer.contentType, QByteArray("application/json"));
        QCOMPARE(answer.errorCode(), QStringLiteral("UNAUTHENTICATED"));
        QVERIFY(!answer.json().value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(answer.header("WWW-Authenticate").isEmpty());
    }
}

void TestFakeServerFaults::deniedWritesAnswer403()
{
    m_server->setWritesDenied(true);
    const QByteArray create = R"({"name": "denied-model"})";
    Answer answer = send("POST", api("registered-models/create"), {}, create);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.body, QByteArray("Permission denied"));
    QCOMPARE(send("GET", api("registered-models/get"), QStringLiteral("name=denied-model")).status,
             404);
    QCOMPARE(send("PATCH", api("model-versions/update"), {},
                  R"({"name": "x", "version": "1", "description": "d"})")
                 .status,
             403);
    QCOMPARE(
        send("DELETE", api("registered-models/alias"), {}, R"({"name": "x", "alias": "a"})").status,
        403);
    // Reads go through, the POST form of get-latest-versions included; routing comes first.
    QCOMPARE(send("GET", api("registered-models/search")).status, 200);
    const QString anyModel = send("GET", api("registered-models/search"))
                                 .json()
                                 .value(QStringLiteral("registered_models"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
    QVERIFY(!anyModel.isEmpty());
    const QJsonObject latest {{QStringLiteral("name"), anyModel}};
    QCOMPARE(send("POST", api("registered-models/get-latest-versions"), {},
                  QJsonDocument(latest).toJson())
                 .status,
             200);
    QCOMPARE(send("PUT", api("registered-models/search"), {}, "{}").status, 405);

    m_server->setWritesDenied(false);
    answer = send("POST", api("registered-models/create"), {}, create);
    QCOMPARE(answer.status, 200);
}

void TestFakeServerFaults::requestLogRecordsWhatWasSent()
{
    // A raw '+' is a space to MLflow (Werkzeug); %2B is a plus.
    const QString query = QStringLiteral("filter=name%20LIKE%20%27a%2Bb%25%27&max_results=5"
                                         "&order_by=name+DESC&order_by=timestamp");
    send("GET", api("registered-models/search"), query, {},
         {{"Authorization", basic("alice", "pw")}, {"X-Trace", "42"}});
    const QByteArray created = R"({"name": "logged-model", "description": "d"})";
    send("POST", api("registered-models/create"), {}, created);
    const QByteArray deleted = R"({"name": "logged-model", "key": "k"})";
    send("DELETE", api("registered-models/delete-tag"), {}, deleted);
    send("GET", QStringLiteral("/no/such/path"));

    const QList<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 4);

    const RecordedRequest &search = requests.at(0);
    QCOMPARE(search.method, QStringLiteral("GET"));
    QCOMPARE(search.path, api("registered-models/search"));
    QCOMPARE(search.endpoint, QStringLiteral("registered-models/search"));
    QCOMPARE(search.rawQuery, query);
    QCOMPARE(search.queryValue(QStringLiteral("filter")), QStringLiteral("name LIKE 'a+b%'"));
    QCOMPARE(search.queryValue(QStringLiteral("max_results")), QStringLiteral("5"));
    const QList<std::pair<QString, QString>> orderBy {
        {QStringLiteral("order_by"), QStringLiteral("name DESC")},
        {QStringLiteral("order_by"), QStringLiteral("timestamp")}};
    QCOMPARE(search.query.mid(2), orderBy);
    QVERIFY(search.queryValue(QStringLiteral("page_token")).isNull());
    QCOMPARE(search.header("authorization"), basic("alice", "pw"));
    QCOMPARE(search.header("X-TRACE"), QByteArray("42"));
    QVERIFY(search.hasHeader("Host"));
    QVERIFY(!search.hasHeader("Origin"));
    QVERIFY(search.header("Origin").isEmpty());
    QVERIFY(search.body.isEmpty());

    const RecordedRequest &create = requests.at(1);
    QCOMPARE(create.method, QStringLiteral("POST"));
    QCOMPARE(create.body, created);
    QCOMPARE(create.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(create.rawQuery.isEmpty());

    const RecordedRequest &deleteTag = requests.at(2);
    QCOMPARE(deleteTag.method, QStringLiteral("DELETE"));
    QCOMPARE(deleteTag.endpoint, QStringLiteral("registered-models/delete-tag"));
    QCOMPARE(deleteTag.body, deleted);
    QVERIFY(deleteTag.query.isEmpty());

    QCOMPARE(requests.at(3).endpoint, QStringLiteral("no/such/path"));
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/create")), 1);
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/get")), 0);

    m_server->clearRequests();
    QVERIFY(m_server->requests().isEmpty());
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/create")), 0);
}

void TestFakeServerFaults::listsArtifacts()
{
    const auto list = [this](const QString &runId, const QString &path) {
        QString query = QStringLiteral("run_id=") + runId;
        if (!path.isNull())
            query += QStringLiteral("&path=") + QString::fromLatin1(QUrl::toPercentEncoding(path));
        return send("GET", api("artifacts/list"), query);
    };
    const auto entry = [](const QString &path, qint64 size) {
        QJsonObject file {{QStringLiteral("path"), path}, {QStringLiteral("is_dir"), size < 0}};
        if (size >= 0)
            file.insert(QStringLiteral("file_size"), size);
        return file;
    };

    Answer answer = list(m_runId, {});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, QByteArray("application/json"));
    QJsonObject object = answer.json();
    QCOMPARE(object.value(QStringLiteral("root_uri")).toString(), m_runArtifactUri);
    QCOMPARE(
        object.value(QStringLiteral("files")).toArray(),
        QJsonArray({entry(QStringLiteral("metrics.json"), 14), entry(QStringLiteral("model"), -1),
                    entry(QStringLiteral("plots"), -1), entry(QStringLiteral("reports"), -1)}));

    // Paths stay relative to the run root; a trailing '/' is ignored.
    answer = list(m_runId, QStringLiteral("model/"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("files")).toArray(),
             QJsonArray({entry(QStringLiteral("model/MLmodel"), 21),
                         entry(QStringLiteral("model/model.pkl"), 300)}));
    answer = list(m_runId, QStringLiteral("reports/text"));
    QCOMPARE(answer.json().value(QStringLiteral("files")).toArray(),
             QJsonArray({entry(QStringLiteral("reports/text/notes – résumé.txt"), 9)}));

    // Nothing there: MLflow omits the empty "files" (rest.md §1.3).
    for (const QString &missing : {QStringLiteral("no-such-dir"), QStringLiteral("metrics.json")}) {
        answer = list(m_runId, missing);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().keys(), QStringList {QStringLiteral("root_uri")});
    }
    answer = list(m_emptyRunId, {});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().keys(), QStringList {QStringLiteral("root_uri")});

    // mlflow server --artifacts-destination layout, found through the run's artifact_uri.
    answer = list(m_proxiedRunId, {});
    QCOMPARE(answer.json().value(QStringLiteral("files")).toArray(),
             QJsonArray({entry(QStringLiteral("only.txt"), 5)}));

    // The ajax prefix serves the same.
    QCOMPARE(send("GET", QStringLiteral("/ajax-api/2.0/mlflow/artifacts/list"),
                  QStringLiteral("run_id=") + m_runId)
                 .body,
             list(m_runId, {}).body);
}

void TestFakeServerFaults::artifactListErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("parent directory")
        << QStringLiteral("path=..%2F..%2Fetc") << 400 << QStringLiteral("INVALID_PARAMETER_VALUE")
        << QStringLiteral("Invalid path");
    QTest::newRow("parent inside")
        << QStringLiteral("path=model%2F..%2F..%2Fx") << 400
        << QStringLiteral("INVALID_PARAMETER_VALUE") << QStringLiteral("Invalid path");
    QTest::newRow("absolute") << QStringLiteral("path=%2Fetc") << 400
                              << QStringLiteral("INVALID_PARAMETER_VALUE")
                              << QStringLiteral("Invalid path");
    QTest::newRow("file URI") << QStringLiteral("path=file%3A%2F%2F%2Fetc") << 400
                              << QStringLiteral("INVALID_PARAMETER_VALUE")
                              << QStringLiteral("Invalid path");
    QTest::newRow("unknown run") << QStringLiteral("run_id=ffffffffffffffffffffffffffffffff") << 404
                                 << QStringLiteral("RESOURCE_DOES_NOT_EXIST")
                                 << QStringLiteral("Run with id=ffffffffffffffffffffffffffffffff "
                                                   "not found");
    QTest::newRow("no run id") << QStringLiteral("path=model") << 400
                               << QStringLiteral("INVALID_PARAMETER_VALUE") << QString();
}

void TestFakeServerFaults::artifactListErrors()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);
    if (!query.contains(QLatin1String("run_id=")) && query != QLatin1String("path=model"))
        query += QStringLiteral("&run_id=") + m_runId;
    const Answer answer = send("GET", api("artifacts/list"), query);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.contentType, QByteArray("application/json"));
    QCOMPARE(answer.errorCode(), errorCode);
    if (!message.isEmpty())
        QCOMPARE(answer.json().value(QStringLiteral("message")).toString(), message);
    // runs/get answers an unknown run the same way.
    if (status == 404) {
        QCOMPARE(send("GET", api("runs/get"), query).body, answer.body);
    }
}

void TestFakeServerFaults::downloadsArtifacts_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("disposition");
    QTest::newRow("json") << QStringLiteral("metrics.json") << QByteArray("{\"auc\": 0.91}\n")
                          << QByteArray("text/plain")
                          << QByteArray("attachment; filename=metrics.json");
    QTest::newRow("MLmodel") << QStringLiteral("model/MLmodel")
                             << QByteArray("artifact_path: model\n") << QByteArray("text/plain")
                             << QByteArray("attachment; filename=MLmodel");
    QTest::newRow("png") << QStringLiteral("plots/loss.png")
                         << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                         << QByteArray("image/png") << QByteArray("attachment; filename=loss.png");
    QTest::newRow("non-Latin name")
        << QStringLiteral("reports/text/notes – résumé.txt") << QByteArray("résumé\n")
        << QByteArray("text/plain")
        << QByteArray("attachment; filename=\"notes  resume.txt\"; "
                      "filename*=UTF-8''notes%20%E2%80%93%20r%C3%A9sum%C3%A9.txt");
}

void TestFakeServerFaults::downloadsArtifacts()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, disposition);
    const QString encodedPath = QString::fromLatin1(QUrl::toPercentEncoding(path));
    // The web UI sends run_uuid, newer clients run_id.
    for (const QString &key : {QStringLiteral("run_id"), QStringLiteral("run_uuid")}) {
        const Answer answer
            = send("GET", QStringLiteral("/get-artifact"),
                   key + QLatin1Char('=') + m_runId + QStringLiteral("&path=") + encodedPath);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, content);
        QCOMPARE(answer.contentType, contentType);
        QCOMPARE(answer.header("Content-Disposition"), disposition);
        QCOMPARE(answer.header("X-Content-Type-Options"), QByteArray("nosniff"));
    }
}

void TestFakeServerFaults::artifactDownloadErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("missing file") << QStringLiteral("path=nothing.txt") << 404
                                  << QStringLiteral("RESOURCE_DOES_NOT_EXIST");
    QTest::newRow("directory") << QStringLiteral("path=model") << 404
                               << QStringLiteral("RESOURCE_DOES_NOT_EXIST");
    QTest::newRow("traversal") << QStringLiteral("path=..%2F..%2Fregistry.db") << 400
                               << QStringLiteral("INVALID_PARAMETER_VALUE");
    QTest::newRow("absolute") << QStringLiteral("path=%2Fetc%2Fpasswd") << 400
                              << QStringLiteral("INVALID_PARAMETER_VALUE");
    QTest::newRow("unknown run") << QStringLiteral("path=metrics.json&run_id=0123") << 404
                                 << QStringLiteral("RESOURCE_DOES_NOT_EXIST");
    QTest::newRow("no path") << QString() << 400 << QStringLiteral("INVALID_PARAMETER_VALUE");
}

void TestFakeServerFaults::artifactDownloadErrors()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    if (!query.contains(QLatin1String("run_id=")))
        query += (query.isEmpty() ? QString() : QStringLiteral("&")) + QStringLiteral("run_id=")
            + m_runId;
    const Answer answer = send("GET", QStringLiteral("/get-artifact"), query);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.contentType, QByteArray("application/json"));
    QCOMPARE(answer.errorCode(), errorCode);
}

void TestFakeServerFaults::versionTextIsSettable()
{
    QCOMPARE(send("GET", QStringLiteral("/version")).body, FakeMlflowServer::versionText());
    m_server->setVersionText("3.6.0");
    QCOMPARE(send("GET", QStringLiteral("/version")).body, QByteArray("3.6.0"));
}

void TestFakeServerFaults::standaloneExecutablePrintsItsUrlAndServes()
{
    QProcess process;
    process.start(QStringLiteral(MODELDESK_FAKE_MLFLOW),
                  {m_store, QStringLiteral("--version"), QStringLiteral("3.6.0"),
                   QStringLiteral("--artifacts"), m_artifacts});
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning,
                             5000);
    const QByteArray line = process.readLine();
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:(\\d+)\n$"))
              .match(QString::fromLatin1(line));
    QVERIFY2(match.hasMatch(), line.constData());
    const QUrl url(QString::fromLatin1(line.trimmed()));
    QVERIFY(url.port() > 0);

    QCOMPARE(sendTo(url, "GET", QStringLiteral("/health")).body, QByteArray("OK"));
    QCOMPARE(sendTo(url, "GET", QStringLiteral("/version")).body, QByteArray("3.6.0"));
    QCOMPARE(sendTo(url, "GET", api("registered-models/search")).status, 200);
    const Answer artifacts
        = sendTo(url, "GET", api("artifacts/list"), QStringLiteral("run_id=") + m_runId);
    QCOMPARE(artifacts.json().value(QStringLiteral("files")).toArray().size(), 4);
    // Exactly one line.
    QVERIFY(process.readAllStandardOutput().isEmpty());

    process.kill();
    QVERIFY(process.waitForFinished(5000));
}

void TestFakeServerFaults::standaloneExecutableRefusesAMissingStore()
{
    QProcess process;
    process.start(QStringLiteral(MODELDESK_FAKE_MLFLOW),
                  {m_dir.filePath(QStringLiteral("missing.db"))});
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY(process.exitCode() != 0);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QVERIFY(process.readAllStandardError().contains("missing.db"));
}

void TestFakeServerFaults::serverThreadAnswersWhileTheCallerBlocks()
{
    FakeServerThread thread(m_store);
    const QUrl url = thread.start();
    QVERIFY2(url.isValid(), qPrintable(thread.errorString()));
    QCOMPARE(thread.url(), url);
    thread.setVersionText("3.6.0");

    // Blocking I/O on this thread, without an event loop: a server living on this thread
    // could not answer.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    while (!response.endsWith("\r\n\r\n3.6.0") && socket.waitForReadyRead(5000))
        response += socket.readAll();
    QVERIFY2(response.startsWith("HTTP/1.1 200 "), response.constData());
    QVERIFY2(response.endsWith("\r\n\r\n3.6.0"), response.constData());

    thread.setFault(QStringLiteral("health"), Fault::httpStatus(503));
    QCOMPARE(sendTo(url, "GET", QStringLiteral("/health")).status, 503);
    thread.clearFaults();
    thread.requireBearerToken("t0ken");
    QCOMPARE(sendTo(url, "GET", api("registered-models/search")).status, 401);
    QCOMPARE(sendTo(url, "GET", api("registered-models/search"), {}, {},
                    {{"Authorization", "Bearer t0ken"}})
                 .status,
             200);

    QCOMPARE(thread.hitCount(QStringLiteral("version")), 1);
    QCOMPARE(thread.hitCount(QStringLiteral("registered-models/search")), 2);
    const QList<RecordedRequest> requests = thread.requests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests.last().header("Authorization"), QByteArray("Bearer t0ken"));
    thread.clearRequests();
    QVERIFY(thread.requests().isEmpty());
}

void TestFakeServerFaults::serverThreadReportsAStoreItCannotOpen()
{
    FakeServerThread thread(m_dir.filePath(QStringLiteral("missing.db")));
    QVERIFY(thread.start().isEmpty());
    QVERIFY(!thread.errorString().isEmpty());
    thread.setFault(QStringLiteral("*"), Fault::neverAnswer()); // harmless without a server
    QVERIFY(thread.requests().isEmpty());
}

QNetworkReply *TestFakeServerFaults::start(const QUrl &server,
                                           const QByteArray &method,
                                           const QString &path,
                                           const QString &query,
                                           const QByteArray &body,
                                           const Headers &headers)
{
    QUrl url = server;
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(5000);
    if (method != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (method == "GET" && body.isEmpty())
        return m_network.get(request);
    return m_network.sendCustomRequest(request, method, body);
}

Answer TestFakeServerFaults::send(const QByteArray &method,
                                  const QString &path,
                                  const QString &query,
                                  const QByteArray &body,
                                  const Headers &headers)
{
    return sendTo(m_server->url(), method, path, query, body, headers);
}

Answer TestFakeServerFaults::sendTo(const QUrl &server,
                                    const QByteArray &method,
                                    const QString &path,
                                    const QString &query,
                                    const QByteArray &body,
                                    const Headers &headers)
{
    return finish(start(server, method, path, query, body, headers));
}

Answer TestFakeServerFaults::finish(QNetworkReply *reply)
{
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(8000))
            qWarning("no answer from %s", qPrintable(reply->url().toString()));
    }
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.contentType = reply->rawHeader("Content-Type");
    answer.body = reply->readAll();
    answer.error = reply->error();
    for (const auto &header : reply->rawHeaderPairs())
        answer.headers.append({header.first, header.second});
    reply->deleteLater();
    return answer;
}

QTEST_GUILESS_MAIN(TestFakeServerFaults)
#include "tst_fakeserverfaults.moc"
