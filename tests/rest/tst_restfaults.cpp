// The REST client when the server, the network or a proxy misbehaves, against the fake MLflow
// server's injected faults: every failure arrives as a typed error that names the server and
// what was being done; safe reads are retried and writes never are; requests can be
// cancelled; credentials, TLS settings and MLflow's environment variables mean what they mean
// to MLflow; artifacts list and download.

#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/rest/awaitresult.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelDesk;
using TestSupport::await;
using TestSupport::Fault;

namespace {

// The message names the server and what was being done.
bool namesServerAndOperation(const RegistryError &error, const QUrl &url, const QString &operation)
{
    return error.message().contains(url.toString()) && error.message().contains(operation);
}

// A minimal MLflow over HTTPS on 127.0.0.1 with the self-signed test certificate: /version
// and an empty model search, enough for RestRegistry::open().
class TlsServer
{
public:
    TlsServer()
    {
        QFile certificate(QStringLiteral(":/tls/localhost.crt"));
        QFile key(QStringLiteral(":/tls/localhost.key"));
        certificate.open(QIODevice::ReadOnly);
        key.open(QIODevice::ReadOnly);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(certificate.readAll()));
        configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        m_server.setSslConfiguration(configuration);
        QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort()));
    }

private:
    static void serve(QTcpSocket *socket)
    {
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            const QByteArray request = socket->readAll();
            const QByteArray body
                = request.startsWith("GET /version ") ? QByteArray("2.22.0") : QByteArray("{}");
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
    QSslServer m_server;
};

} // namespace

class TestRestFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requestThatNeverAnswersTimesOut();
    void cancellingAbortsTheRequest();
    void closingTheRegistryAbandonsCalls();
    void basicAuthChallenge();
    void bearerToken();
    void environmentVariables();
    void writesRefused();
    void proxyErrorPages_data();
    void proxyErrorPages();
    void truncatedJsonIsMalformed();
    void connectionDroppedMidAnswer();
    void hugeAnswers();
    void safeReadsAreRetried();
    void writesAreNeverRetried();
    void writesAreNotTakenForDoneByMistake();
    void wireShapeOfWrites();
    void tlsFailureIsNamed();
    void mlflow3IsDetected();
    void artifactsListAndDownload();

private:
    ServerOptions options() const;
    std::unique_ptr<RestRegistry> opened(const ServerOptions &options);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_store;
    std::unique_ptr<TestSupport::FakeMlflowServer> m_server;
    QString m_model; // a model of the demo store
};

void TestRestFaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = m_dir->filePath(QStringLiteral("registry.db"));
    DemoOptions demo;
    demo.models = 3;
    demo.versionsPerModel = 2;
    demo.metricSteps = 5;
    QVERIFY(createDemoStore(m_store, demo));
    m_server = std::make_unique<TestSupport::FakeMlflowServer>(m_store);
    QVERIFY(m_server->listen() != 0);
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    QVERIFY(direct);
    m_model = (*direct)->searchModels({QString(), {}, 1, {}})->items.first().name;
}

void TestRestFaults::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

ServerOptions TestRestFaults::options() const
{
    ServerOptions options;
    options.url = m_server->url();
    options.retryBaseDelayMs = 10;
    return options;
}

std::unique_ptr<RestRegistry> TestRestFaults::opened(const ServerOptions &options)
{
    auto registry = std::make_unique<RestRegistry>(options);
    const auto caps = await(registry->open());
    if (!caps) {
        qWarning("open: %s", qPrintable(caps.error().message()));
        return nullptr;
    }
    return registry;
}

void TestRestFaults::requestThatNeverAnswersTimesOut()
{
    ServerOptions slow = options();
    slow.requestTimeoutMs = 400;
    auto registry = opened(slow);
    QVERIFY(registry);
    m_server->setFault(QStringLiteral("registered-models/get"), Fault::neverAnswer());
    QElapsedTimer timer;
    timer.start();
    const auto model = await(registry->model(m_model));
    QVERIFY(!model);
    QCOMPARE(model.error().code(), ErrorCode::DeadlineExceeded);
    QVERIFY2(namesServerAndOperation(model.error(), m_server->url(), m_model),
             qPrintable(model.error().message()));
    QVERIFY(timer.elapsed() < 5000);
    // The registry is still usable.
    VERIFY_OK(await(registry->searchModels({})));
}

void TestRestFaults::cancellingAbortsTheRequest()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::neverAnswer());
    QFuture<Result<Page<RegisteredModel>>> search = registry->searchModels({});
    QTRY_COMPARE(m_server->hitCount(QStringLiteral("registered-models/search")), 2); // open + this
    search.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(search.isFinished(), 2000);
    QVERIFY(search.isCanceled());
    QCOMPARE(search.resultCount(), 0);
    // Calls made after it are answered at once (the default timeout is two minutes).
    QElapsedTimer timer;
    timer.start();
    VERIFY_OK(await(registry->model(m_model)));
    QVERIFY(timer.elapsed() < 5000);
}

void TestRestFaults::closingTheRegistryAbandonsCalls()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->setFault(QStringLiteral("registered-models/get"), Fault::neverAnswer());
    QFuture<Result<RegisteredModel>> pending = registry->model(m_model);
    QTRY_COMPARE(m_server->hitCount(QStringLiteral("registered-models/get")), 1);
    registry.reset();
    QVERIFY(pending.isFinished());
    QVERIFY(pending.isCanceled());
}

void TestRestFaults::basicAuthChallenge()
{
    m_server->requireBasicAuth(QStringLiteral("alice"), QStringLiteral("s3cret"));
    {
        RestRegistry anonymous(options());
        const auto refused = await(anonymous.open());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::Unauthenticated);
        QVERIFY2(refused.error().message().contains(m_server->url().toString()),
                 qPrintable(refused.error().message()));
    }
    ServerOptions wrong = options();
    wrong.auth = ServerOptions::Auth::Basic;
    wrong.username = QStringLiteral("alice");
    wrong.password = QStringLiteral("guess");
    {
        RestRegistry registry(wrong);
        QCOMPARE(await(registry.open()).error().code(), ErrorCode::Unauthenticated);
    }
    ServerOptions right = wrong;
    right.password = QStringLiteral("s3cret");
    auto registry = opened(right);
    QVERIFY(registry);
    VERIFY_OK(await(registry->model(m_model)));
    const auto requests = m_server->requests();
    QCOMPARE(requests.last().header("Authorization"), QByteArray("Basic YWxpY2U6czNjcmV0"));
}

void TestRestFaults::bearerToken()
{
    m_server->requireBearerToken("tok-123");
    ServerOptions withToken = options();
    withToken.auth = ServerOptions::Auth::Token;
    withToken.token = QStringLiteral("tok-123");
    auto registry = opened(withToken);
    QVERIFY(registry);
    QCOMPARE(m_server->requests().last().header("Authorization"), QByteArray("Bearer tok-123"));
    withToken.token = QStringLiteral("expired");
    RestRegistry refused(withToken);
    const auto result = await(refused.open());
    QCOMPARE(result.error().code(), ErrorCode::Unauthenticated);
    QVERIFY(result.error().message().contains(m_server->url().toString()));
}

void TestRestFaults::environmentVariables()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MLFLOW_TRACKING_TOKEN"), QStringLiteral("tok"));
    const QUrl url(QStringLiteral("https://mlflow.example:5000/"));
    ServerOptions fromToken = ServerOptions::fromEnvironment(url, environment);
    QCOMPARE(fromToken.auth, ServerOptions::Auth::Token);
    QCOMPARE(fromToken.authorizationHeader(), QByteArray("Bearer tok"));
    QVERIFY(!fromToken.insecureTls);
    QCOMPARE(fromToken.displayUrl(), QStringLiteral("https://mlflow.example:5000"));

    // User and password win over a token, as in MLflow.
    environment.insert(QStringLiteral("MLFLOW_TRACKING_USERNAME"), QStringLiteral("bob"));
    environment.insert(QStringLiteral("MLFLOW_TRACKING_PASSWORD"), QStringLiteral("pw"));
    environment.insert(QStringLiteral("MLFLOW_TRACKING_INSECURE_TLS"), QStringLiteral("True"));
    const ServerOptions basic = ServerOptions::fromEnvironment(url, environment);
    QCOMPARE(basic.auth, ServerOptions::Auth::Basic);
    QCOMPARE(basic.authorizationHeader(), QByteArray("Basic Ym9iOnB3"));
    QVERIFY(basic.insecureTls);

    // Credentials in the URL are used and never shown.
    const ServerOptions inUrl = ServerOptions::fromEnvironment(
        QUrl(QStringLiteral("http://carol:pa55@host:5000")), QProcessEnvironment());
    QCOMPARE(inUrl.username, QStringLiteral("carol"));
    QCOMPARE(inUrl.displayUrl(), QStringLiteral("http://host:5000"));
    QVERIFY(!RestRegistry(inUrl).location().contains(QLatin1String("pa55")));
}

void TestRestFaults::writesRefused()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->setWritesDenied(true);
    const auto refused = await(registry->setModelTag(m_model, QStringLiteral("k"),
                                                     QStringLiteral("v")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
    QVERIFY2(namesServerAndOperation(refused.error(), m_server->url(), m_model),
             qPrintable(refused.error().message()));
    QVERIFY(refused.error().message().contains(QLatin1String("Permission denied")));
    VERIFY_OK(await(registry->model(m_model))); // reads still work
}

void TestRestFaults::proxyErrorPages_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("shown");
    QTest::newRow("502 HTML from a proxy")
        << 502 << QByteArray("text/html")
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><center>"
                      "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>"
                      "</html>")
        << ErrorCode::TemporarilyUnavailable << QStringLiteral("502 Bad Gateway");
    QTest::newRow("500 plain text") << 500 << QByteArray("text/plain")
                                    << QByteArray("Internal Server Error")
                                    << ErrorCode::InternalError
                                    << QStringLiteral("Internal Server Error");
    QTest::newRow("403 plain text from a gateway")
        << 403 << QByteArray("text/plain") << QByteArray("Forbidden by policy")
        << ErrorCode::PermissionDenied << QStringLiteral("Forbidden by policy");
    QTest::newRow("MLflow JSON 500") << 500 << QByteArray() << QByteArray()
                                     << ErrorCode::InternalError << QString();
}

void TestRestFaults::proxyErrorPages()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);
    QFETCH(QString, shown);
    ServerOptions noRetries = options();
    noRetries.maxRetries = 0;
    auto registry = opened(noRetries);
    QVERIFY(registry);
    m_server->setFault(QStringLiteral("registered-models/search"),
                       Fault::httpStatus(status, contentType, body));
    const auto page = await(registry->searchModels({}));
    QVERIFY(!page);
    QCOMPARE(page.error().code(), code);
    QVERIFY2(namesServerAndOperation(page.error(), m_server->url(),
                                     QStringLiteral("searching registered models")),
             qPrintable(page.error().message()));
    QVERIFY2(page.error().message().contains(shown), qPrintable(page.error().message()));
    QVERIFY(!page.error().message().contains(QLatin1String("<html")));
}

void TestRestFaults::truncatedJsonIsMalformed()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->setFault(QStringLiteral("model-versions/search"), Fault::truncatedJson());
    const auto page = await(registry->searchVersions({}));
    QVERIFY(!page);
    QCOMPARE(page.error().code(), ErrorCode::InternalError);
    QVERIFY2(page.error().message().contains(QLatin1String("malformed")),
             qPrintable(page.error().message()));
    QVERIFY(namesServerAndOperation(page.error(), m_server->url(),
                                    QStringLiteral("searching model versions")));
}

void TestRestFaults::connectionDroppedMidAnswer()
{
    // A server that promises 100,000 bytes, sends a few and hangs up.
    QTcpServer dropper;
    QVERIFY(dropper.listen(QHostAddress::LocalHost));
    connect(&dropper, &QTcpServer::newConnection, &dropper, [&dropper] {
        QTcpSocket *socket = dropper.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100000\r\n\r\n{\"registered_models\": [");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });
    ServerOptions dropped;
    dropped.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(dropper.serverPort()));
    dropped.maxRetries = 0;
    RestRegistry registry(dropped);
    const auto page = await(registry.searchModels({}));
    QVERIFY(!page);
    QCOMPARE(page.error().code(), ErrorCode::TemporarilyUnavailable);
    QVERIFY2(page.error().message().contains(dropped.url.toString()),
             qPrintable(page.error().message()));
    // A download cut short leaves no file that looks complete.
    const QString destination = m_dir->filePath(QStringLiteral("cut.bin"));
    const auto download = await(registry.downloadArtifact(QStringLiteral("run"),
                                                          QStringLiteral("model.bin"),
                                                          destination));
    QVERIFY(!download);
    QVERIFY(!QFile::exists(destination));
}

void TestRestFaults::hugeAnswers()
{
    constexpr qint64 FiftyMegabytes = 50LL * 1024 * 1024;
    m_server->setFault(QStringLiteral("registered-models/search"), Fault::huge(FiftyMegabytes));
    {
        // A cap below the answer: refused, and not read to the end.
        ServerOptions capped = options();
        capped.maxResponseBytes = 16LL * 1024 * 1024;
        RestRegistry registry(capped);
        const auto refused = await(registry.open());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ResourceExhausted);
        QVERIFY2(refused.error().message().contains(m_server->url().toString()),
                 qPrintable(refused.error().message()));
    }
    // Within the default cap, 50 MB of models are read.
    RestRegistry registry(options());
    VERIFY_OK(await(registry.open()));
    const auto page = await(registry.searchModels({}), 60'000);
    VERIFY_OK(page);
    QVERIFY(page->items.size() > 100);
}

void TestRestFaults::safeReadsAreRetried()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->clearRequests();
    m_server->setFault(QStringLiteral("registered-models/get"), Fault::failThenServe(2, 503));
    VERIFY_OK(await(registry->model(m_model)));
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/get")), 3);

    m_server->setFault(QStringLiteral("model-versions/search"),
                       Fault::failThenServe(10, 429));
    const auto limited = await(registry->searchVersions({}));
    QCOMPARE(limited.error().code(), ErrorCode::ResourceExhausted);
    QCOMPARE(m_server->hitCount(QStringLiteral("model-versions/search")),
             1 + options().maxRetries);
}

void TestRestFaults::writesAreNeverRetried()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->setFault(QStringLiteral("registered-models/create"), Fault::failThenServe(1, 503));
    const auto created = await(registry->createModel(QStringLiteral("once"), QString(), {}));
    QCOMPARE(created.error().code(), ErrorCode::TemporarilyUnavailable);
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/create")), 1);
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    QCOMPARE((*direct)->model(QStringLiteral("once")).error().code(),
             ErrorCode::ResourceDoesNotExist);
}

void TestRestFaults::writesAreNotTakenForDoneByMistake()
{
    auto registry = opened(options());
    QVERIFY(registry);
    // A login page answered with 200 is no MLflow answer.
    m_server->setFault(QStringLiteral("registered-models/set-tag"),
                       Fault::httpStatus(200, "text/html", "<html><title>Sign in</title></html>"));
    const auto tagged = await(registry->setModelTag(m_model, QStringLiteral("k"),
                                                    QStringLiteral("v")));
    QVERIFY(!tagged);
    QVERIFY2(tagged.error().message().contains(QLatin1String("malformed")),
             qPrintable(tagged.error().message()));
    // A redirected write is not followed (Qt would resend it as a GET without its body).
    m_server->setFault(QStringLiteral("registered-models/delete"),
                       Fault::httpStatus(302, "text/html", "<title>Found</title>"));
    const auto deleted = await(registry->deleteModel(m_model));
    QVERIFY(!deleted);
    QVERIFY2(deleted.error().message().contains(QLatin1String("redirected")),
             qPrintable(deleted.error().message()));
    QCOMPARE(m_server->hitCount(QStringLiteral("registered-models/delete")), 1);
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    QVERIFY((*direct)->model(m_model));
}

void TestRestFaults::wireShapeOfWrites()
{
    auto registry = opened(options());
    QVERIFY(registry);
    m_server->clearRequests();
    VERIFY_OK(await(registry->setAlias(m_model, QStringLiteral("blue"), 1)));
    VERIFY_OK(await(registry->deleteAlias(m_model, QStringLiteral("blue"))));
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    for (const auto &request : requests) {
        QVERIFY2(!request.hasHeader("Origin"), qPrintable(request.method));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(request.rawQuery.isEmpty());
    }
    QCOMPARE(requests.at(0).method, QStringLiteral("POST"));
    // The version travels as a string; MLflow rejects a number.
    const QJsonObject set = QJsonDocument::fromJson(requests.at(0).body).object();
    QCOMPARE(set.value(QLatin1String("version")).toString(), QStringLiteral("1"));
    // DELETE parameters go in a JSON body: MLflow ignores query parameters there.
    QCOMPARE(requests.at(1).method, QStringLiteral("DELETE"));
    const QJsonObject deleted = QJsonDocument::fromJson(requests.at(1).body).object();
    QCOMPARE(deleted.value(QLatin1String("name")).toString(), m_model);
    QCOMPARE(deleted.value(QLatin1String("alias")).toString(), QStringLiteral("blue"));
}

void TestRestFaults::tlsFailureIsNamed()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend on this machine.");
    TlsServer server;
    ServerOptions tls;
    tls.url = server.url();
    tls.connectTimeoutMs = 5000;
    {
        // A certificate nobody vouches for: refused, and the message says what to do.
        RestRegistry registry(tls);
        const auto refused = await(registry.open());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::InvalidState);
        QVERIFY2(refused.error().message().contains(tls.url.toString())
                     && refused.error().message().contains(QLatin1String("TLS")),
                 qPrintable(refused.error().message()));
    }
    {
        // Trusting the certificate's authority (MLFLOW_TRACKING_SERVER_CERT_PATH) verifies it.
        ServerOptions trusted = tls;
        trusted.caCertificatesPath = m_dir->filePath(QStringLiteral("ca.pem"));
        QVERIFY(QFile::copy(QStringLiteral(":/tls/localhost.crt"), trusted.caCertificatesPath));
        RestRegistry registry(trusted);
        const auto opened = await(registry.open());
        VERIFY_OK(opened);
        QCOMPARE(registry.capabilities().serverVersion, QStringLiteral("2.22.0"));
    }
    {
        // A certificate file that holds no certificate is named, not silently ignored.
        ServerOptions unreadable = tls;
        unreadable.caCertificatesPath = m_dir->filePath(QStringLiteral("missing.pem"));
        RestRegistry registry(unreadable);
        const auto refused = await(registry.open());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(unreadable.caCertificatesPath),
                 qPrintable(refused.error().message()));
    }
    {
        // MLFLOW_TRACKING_INSECURE_TLS: not verified at all.
        ServerOptions insecure = tls;
        insecure.insecureTls = true;
        RestRegistry registry(insecure);
        VERIFY_OK(await(registry.open()));
    }
    // https to a server that speaks plain HTTP fails as unreachable, naming the server.
    ServerOptions plain = options();
    plain.url.setScheme(QStringLiteral("https"));
    RestRegistry registry(plain);
    const auto result = await(registry.open());
    QVERIFY(!result);
    QVERIFY(result.error().message().contains(plain.url.toString()));
}

void TestRestFaults::mlflow3IsDetected()
{
    m_server->setVersionText("3.6.0");
    auto registry = opened(options());
    QVERIFY(registry);
    QCOMPARE(registry->capabilities().serverVersion, QStringLiteral("3.6.0"));
    QVERIFY(registry->capabilities().loggedModels);
    // A server whose /version is missing (a vendor's, a proxy's) still opens.
    m_server->setFault(QStringLiteral("version"),
                       Fault::httpStatus(404, "text/html", "<title>404 Not Found</title>"));
    auto unknown = opened(options());
    QVERIFY(unknown);
    QVERIFY(unknown->capabilities().serverVersion.isEmpty());
}

void TestRestFaults::artifactsListAndDownload()
{
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    const auto version = (*direct)->version(m_model, 1);
    QVERIFY(version && version->runId && !version->runId->isEmpty());
    const QString runId = *version->runId;
    const QString root = m_dir->filePath(QStringLiteral("artifacts"));
    QVERIFY(QDir().mkpath(root + QLatin1Char('/') + runId + QStringLiteral("/model")));
    const QByteArray content(300'000, 'x');
    QFile file(root + QLatin1Char('/') + runId + QStringLiteral("/model/MLmodel"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    m_server->setArtifactRoot(root);

    auto registry = opened(options());
    QVERIFY(registry);
    const auto top = await(registry->listArtifacts(runId, QString()));
    VERIFY_OK(top);
    QCOMPARE(top->files.size(), 1);
    QCOMPARE(top->files.first().path, QStringLiteral("model"));
    QVERIFY(top->files.first().isDir);
    const auto inside = await(registry->listArtifacts(runId, QStringLiteral("model")));
    VERIFY_OK(inside);
    QCOMPARE(inside->files.first().path, QStringLiteral("model/MLmodel"));
    QCOMPARE(inside->files.first().fileSize, std::optional<qint64>(content.size()));

    const QString destination = m_dir->filePath(QStringLiteral("MLmodel.copy"));
    VERIFY_OK(await(registry->downloadArtifact(runId, QStringLiteral("model/MLmodel"),
                                               destination)));
    QFile copy(destination);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), content);

    const QString missing = m_dir->filePath(QStringLiteral("missing.copy"));
    const auto absent = await(registry->downloadArtifact(runId, QStringLiteral("nope.txt"),
                                                         missing));
    QVERIFY(!absent);
    QVERIFY(!QFile::exists(missing));
}

QTEST_GUILESS_MAIN(TestRestFaults)
#include "tst_restfaults.moc"
