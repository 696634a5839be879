// modeldesk-cli against an MLflow server (the fake one, on a thread of its own, serving a demo
// store): every read command's --json output is the server's own answer to the same call,
// writes reach the server, credentials come from MLflow's environment variables, and server
// failures exit with status 1 and a message naming the server.

#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/registry/transcripts.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ModelDesk;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

CliRun cli(const QStringList &arguments, const QProcessEnvironment &extra = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"MLFLOW_TRACKING_URI", "MLFLOW_TRACKING_TOKEN",
                             "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(extra);
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("MODELDESK_CLI"), arguments);
    if (!process.waitForFinished(50'000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

// The server's own answer to GET `path` with `query`, read with plain Qt networking.
QJsonObject serverAnswer(const QUrl &server, const QString &path, const QUrlQuery &query)
{
    QNetworkAccessManager network;
    QUrl url = server;
    url.setPath(path);
    url.setQuery(query);
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class TestCliServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void jsonIsTheServersAnswer_data();
    void jsonIsTheServersAnswer();
    void writesReachTheServer();
    void credentialsFromTheEnvironment();
    void serverFailuresExitWithStatusOne();

private:
    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;
    QString m_url;
    QString m_model;
    QString m_runId;
};

void TestCliServer::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("MODELDESK_CLI"))
        QSKIP("MODELDESK_CLI is not set (run through ctest).");
    m_store = m_dir.filePath(QStringLiteral("registry.db"));
    DemoOptions demo;
    demo.models = 4;
    demo.versionsPerModel = 3;
    demo.metricSteps = 30;
    QVERIFY(createDemoStore(m_store, demo));
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    QVERIFY(direct);
    const auto models = (*direct)->searchModels({QString(), {}, 100, {}});
    for (const RegisteredModel &model : models->items) {
        if (!model.aliases.isEmpty() && !model.latestVersions.isEmpty()) {
            m_model = model.name;
            break;
        }
    }
    QVERIFY(!m_model.isEmpty());
    m_runId = (*direct)->version(m_model, 1)->runId.value_or(QString());
    QVERIFY(!m_runId.isEmpty());
    // One artifact, so that the listing has content.
    const QString artifacts = m_dir.filePath(QStringLiteral("artifacts"));
    QVERIFY(QDir().mkpath(artifacts + QLatin1Char('/') + m_runId + QStringLiteral("/model")));
    QFile file(artifacts + QLatin1Char('/') + m_runId + QStringLiteral("/model/MLmodel"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("flavors: {}\n");
    file.close();

    m_server = std::make_unique<TestSupport::FakeServerThread>(m_store);
    const QUrl url = m_server->start();
    QVERIFY2(!url.isEmpty(), qPrintable(m_server->errorString()));
    m_server->setArtifactRoot(artifacts);
    m_url = url.toString();
}

void TestCliServer::cleanupTestCase()
{
    m_server.reset();
}

void TestCliServer::jsonIsTheServersAnswer_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("query"); // key=value pairs

    const QString api = QStringLiteral("/api/2.0/mlflow/");
    // Filled with the model and run of the store in jsonIsTheServersAnswer().
    QTest::newRow("models") << QStringList{QStringLiteral("models")}
                            << api + QStringLiteral("registered-models/search") << QStringList{};
    QTest::newRow("models filtered")
        << QStringList{QStringLiteral("models"), QStringLiteral("--filter"),
                       QStringLiteral("tags.team != 'nobody' AND name ILIKE '%e%'")}
        << api + QStringLiteral("registered-models/search")
        << QStringList{QStringLiteral("filter=tags.team != 'nobody' AND name ILIKE '%e%'")};
    QTest::newRow("one page of versions")
        << QStringList{QStringLiteral("versions"), QStringLiteral("--max-results"),
                       QStringLiteral("2"), QStringLiteral("--order-by"),
                       QStringLiteral("version_number DESC")}
        << api + QStringLiteral("model-versions/search")
        << QStringList{QStringLiteral("max_results=2"),
                       QStringLiteral("order_by=version_number DESC")};
    QTest::newRow("versions of MODEL")
        << QStringList{QStringLiteral("versions"), QStringLiteral("MODEL")}
        << api + QStringLiteral("model-versions/search")
        << QStringList{QStringLiteral("filter=name = 'MODEL'")};
    QTest::newRow("get") << QStringList{QStringLiteral("get"), QStringLiteral("MODEL")}
                         << api + QStringLiteral("registered-models/get")
                         << QStringList{QStringLiteral("name=MODEL")};
    QTest::newRow("get version")
        << QStringList{QStringLiteral("get"), QStringLiteral("MODEL"), QStringLiteral("--version"),
                       QStringLiteral("1")}
        << api + QStringLiteral("model-versions/get")
        << QStringList{QStringLiteral("name=MODEL"), QStringLiteral("version=1")};
    QTest::newRow("latest")
        << QStringList{QStringLiteral("latest"), QStringLiteral("MODEL")}
        << api + QStringLiteral("registered-models/get-latest-versions")
        << QStringList{QStringLiteral("name=MODEL")};
    QTest::newRow("download-uri")
        << QStringList{QStringLiteral("download-uri"), QStringLiteral("MODEL"),
                       QStringLiteral("1")}
        << api + QStringLiteral("model-versions/get-download-uri")
        << QStringList{QStringLiteral("name=MODEL"), QStringLiteral("version=1")};
    QTest::newRow("run") << QStringList{QStringLiteral("run"), QStringLiteral("RUN")}
                         << api + QStringLiteral("runs/get")
                         << QStringList{QStringLiteral("run_id=RUN")};
    QTest::newRow("metric")
        << QStringList{QStringLiteral("metric"), QStringLiteral("RUN"), QStringLiteral("loss")}
        << api + QStringLiteral("metrics/get-history")
        << QStringList{QStringLiteral("run_id=RUN"), QStringLiteral("metric_key=loss"),
                       QStringLiteral("max_results=25000")};
    QTest::newRow("artifacts")
        << QStringList{QStringLiteral("artifacts"), QStringLiteral("RUN"), QStringLiteral("model")}
        << api + QStringLiteral("artifacts/list")
        << QStringList{QStringLiteral("run_id=RUN"), QStringLiteral("path=model")};
}

void TestCliServer::jsonIsTheServersAnswer()
{
    QFETCH(QStringList, command);
    QFETCH(QString, path);
    QFETCH(QStringList, query);
    const auto fill = [this](QString text) {
        return text.replace(QLatin1String("MODEL"), m_model).replace(QLatin1String("RUN"), m_runId);
    };
    QStringList arguments{QStringLiteral("-r"), m_url};
    for (const QString &argument : command)
        arguments << fill(argument);
    arguments << QStringLiteral("--json");
    QUrlQuery serverQuery;
    for (const QString &pair : query)
        serverQuery.addQueryItem(pair.section(QLatin1Char('='), 0, 0),
                                 fill(pair.section(QLatin1Char('='), 1)));

    const CliRun run = cli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject printed = QJsonDocument::fromJson(run.out).object();
    const QJsonObject answered = serverAnswer(QUrl(m_url), path, serverQuery);
    QVERIFY(!answered.isEmpty());
    QString where;
    QVERIFY2(TestSupport::jsonEquivalent(printed, answered, {}, &where), qPrintable(where));
}

void TestCliServer::writesReachTheServer()
{
    const QString name = QStringLiteral("from the command line");
    const QStringList r{QStringLiteral("-r"), m_url};
    QCOMPARE(cli(r + QStringList{QStringLiteral("create-model"), name, QStringLiteral("--tag"),
                                 QStringLiteral("team=cli")})
                 .exitCode,
             0);
    QCOMPARE(cli(r + QStringList{QStringLiteral("register"), name,
                                 QStringLiteral("s3://bucket/model"), QStringLiteral("--run-id"),
                                 m_runId})
                 .exitCode,
             0);
    QCOMPARE(cli(r + QStringList{QStringLiteral("set-alias"), name, QStringLiteral("champion"),
                                 QStringLiteral("1")})
                 .exitCode,
             0);
    QCOMPARE(cli(r + QStringList{QStringLiteral("transition"), name, QStringLiteral("1"),
                                 QStringLiteral("Staging")})
                 .exitCode,
             0);
    QCOMPARE(cli(r + QStringList{QStringLiteral("describe"), name, QStringLiteral("Made by CLI"),
                                 QStringLiteral("--version"), QStringLiteral("1")})
                 .exitCode,
             0);
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    const auto version = (*direct)->version(name, 1);
    QVERIFY(version);
    QCOMPARE(version->currentStage, QStringLiteral("Staging"));
    QCOMPARE(version->description, std::optional<QString>(QStringLiteral("Made by CLI")));
    QCOMPARE(version->aliases, QStringList{QStringLiteral("champion")});
    QCOMPARE(cli(r + QStringList{QStringLiteral("delete-model"), name}).exitCode, 0);
    QCOMPARE((*direct)->model(name).error().code(), ErrorCode::ResourceDoesNotExist);
}

void TestCliServer::credentialsFromTheEnvironment()
{
    m_server->requireBasicAuth(QStringLiteral("ci"), QStringLiteral("pw"));
    const QStringList models{QStringLiteral("models")};
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MLFLOW_TRACKING_URI"), m_url);
    const CliRun refused = cli(models, environment);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QLatin1String("UNAUTHENTICATED")) && refused.err.contains(m_url),
             qPrintable(refused.err));
    environment.insert(QStringLiteral("MLFLOW_TRACKING_USERNAME"), QStringLiteral("ci"));
    environment.insert(QStringLiteral("MLFLOW_TRACKING_PASSWORD"), QStringLiteral("pw"));
    const CliRun accepted = cli(models, environment);
    QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.err));
    QVERIFY(accepted.out.contains(m_model.toUtf8()));
    QVERIFY(!accepted.out.contains("pw") && !accepted.err.contains(QLatin1String("pw")));
    m_server->clearAuthentication();
}

void TestCliServer::serverFailuresExitWithStatusOne()
{
    m_server->setFault(QStringLiteral("registered-models/get"),
                       TestSupport::Fault::httpStatus(502, "text/html",
                                                      "<title>502 Bad Gateway</title>"));
    const CliRun failed = cli({QStringLiteral("-r"), m_url, QStringLiteral("get"), m_model});
    m_server->clearFaults();
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.err.contains(m_url) && failed.err.contains(QLatin1String("502")),
             qPrintable(failed.err));

    const CliRun missing
        = cli({QStringLiteral("-r"), m_url, QStringLiteral("get"), QStringLiteral("nope")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(QLatin1String("RESOURCE_DOES_NOT_EXIST")), qPrintable(missing.err));
}

QTEST_GUILESS_MAIN(TestCliServer)
#include "tst_cliserver.moc"
