// Servers that answer badly on purpose: page tokens that never end, a huge chunked answer, a
// gzip bomb, a server that never answers under MLflow's own timeout settings. Each ends with
// one clean error that says what happened, in the client and in modeldesk-cli.
#include "models/modellistmodel.h"
#include "registry/demo/demogenerator.h"
#include "registry/pagefollower.h"
#include "registry/rest/restregistry.h"
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/rest/awaitresult.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelDesk;
using TestSupport::await;
using TestSupport::Fault;

namespace {

QStringList g_warnings;

void collectWarnings(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtWarningMsg || type == QtCriticalMsg)
        g_warnings << message;
}

const QByteArray LoopingPage = R"({"registered_models":[{"name":"loop","creation_timestamp":"1",)"
                               R"("last_updated_timestamp":"1"}],"next_page_token":"again"})";

} // namespace

class TestBadServers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<TestSupport::FakeMlflowServer> m_server;

    ServerOptions options() const
    {
        ServerOptions options;
        options.url = m_server->url();
        options.retryBaseDelayMs = 10;
        return options;
    }

    struct CliRun
    {
        int exitCode = -1;
        QString err;
        qint64 ms = 0;
    };

    // modeldesk-cli against a fake server on a thread of its own (the CLI blocks this one).
    CliRun cliAgainst(TestSupport::FakeServerThread &server,
                      const QStringList &arguments,
                      const QProcessEnvironment &extra = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(extra);
        process.setProcessEnvironment(environment);
        QElapsedTimer timer;
        timer.start();
        process.start(qEnvironmentVariable("MODELDESK_CLI"),
                      QStringList {QStringLiteral("-r"), server.url().toString()} + arguments);
        if (!process.waitForFinished(50'000)) {
            process.kill();
            process.waitForFinished();
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardError()), timer.elapsed()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("registry.db"));
        DemoOptions demo;
        demo.models = 3;
        demo.versionsPerModel = 2;
        demo.metricSteps = 5;
        QVERIFY(createDemoStore(m_store, demo));
    }

    void init()
    {
        m_server = std::make_unique<TestSupport::FakeMlflowServer>(m_store);
        QVERIFY(m_server->listen() != 0);
        g_warnings.clear();
    }

    void cleanup() { m_server.reset(); }

    void pageFollowerStops()
    {
        PageFollower pages(QStringLiteral("http://host:5000"), 5);
        QVERIFY(!pages.follow(QStringLiteral("a")));
        QVERIFY(!pages.follow(QStringLiteral("b")));
        const auto repeated = pages.follow(QStringLiteral("a"));
        QVERIFY(repeated);
        QVERIFY(repeated->message().contains(QLatin1String("http://host:5000")));
        QVERIFY(repeated->message().contains(QLatin1String("never end")));
        pages.restart();
        for (const char *token : {"1", "2", "3", "4"})
            QVERIFY(!pages.follow(QString::fromLatin1(token)));
        const auto tooMany = pages.follow(QStringLiteral("5"));
        QVERIFY(tooMany);
        QVERIFY(tooMany->message().contains(QLatin1String("after 5 pages")));
        QVERIFY(!PageFollower(QStringLiteral("x")).follow(QString())); // the last page
    }

    // The model list stops asking, keeps what arrived and reports the server.
    void modelListStopsOnRepeatedToken()
    {
        m_server->setFault(QStringLiteral("registered-models/search"),
                           Fault::httpStatus(200, "application/json", LoopingPage));
        RestRegistry registry(options());
        ModelListModel list;
        QSignalSpy errors(&list, &ModelListModel::errorOccurred);
        list.setRegistry(&registry);
        for (int i = 0; i < 20 && errors.isEmpty(); ++i) {
            if (list.canFetchMore({}))
                list.fetchMore({});
            QTest::qWait(20);
        }
        QVERIFY(!errors.isEmpty());
        QVERIFY(!list.canFetchMore({}));
        QVERIFY(list.rowCount() >= 1);
        QVERIFY(m_server->hitCount(QStringLiteral("registered-models/search")) <= 3);
    }

    void cliStopsOnRepeatedToken()
    {
        TestSupport::FakeServerThread server(m_store);
        QVERIFY(!server.start().isEmpty());
        server.setFault(QStringLiteral("registered-models/search"),
                        Fault::httpStatus(200, "application/json", LoopingPage));
        const CliRun run = cliAgainst(server, {QStringLiteral("models"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("never end")), qPrintable(run.err));
        QVERIFY2(run.err.contains(server.url().toString()), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }

    // Refused while it arrives, long before its end, and without Qt's internal warnings.
    void chunkedAnswerIsRefusedAsItArrives()
    {
        const qint64 total = 256LL * 1024 * 1024;
        const Fault fault = Fault::chunked(total);
        m_server->setFault(QStringLiteral("registered-models/search"), fault);
        ServerOptions capped = options();
        capped.maxResponseBytes = 8LL * 1024 * 1024;
        RestRegistry registry(capped);
        const QtMessageHandler previous = qInstallMessageHandler(collectWarnings);
        const auto refused = await(registry.open(), 30'000);
        QTest::qWait(100);
        qInstallMessageHandler(previous);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ResourceExhausted);
        QVERIFY2(refused.error().message().contains(QLatin1String("larger than 8 MB")),
                 qPrintable(refused.error().message()));
        QVERIFY2(fault.sent->load() < 64LL * 1024 * 1024,
                 qPrintable(QString::number(fault.sent->load())));
        QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(QLatin1Char('\n'))));
    }

    void cliReportsChunkedAnswerOnOneLine()
    {
        TestSupport::FakeServerThread server(m_store);
        QVERIFY(!server.start().isEmpty());
        const Fault fault = Fault::chunked(700LL * 1024 * 1024);
        server.setFault(QStringLiteral("registered-models/search"), fault);
        const CliRun run = cliAgainst(server, {QStringLiteral("models"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith(QLatin1String("Error: RESOURCE_EXHAUSTED")),
                 qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY(fault.sent->load() < 200LL * 1024 * 1024); // refused at the 128 MB default
        qInfo("refused after %lld of 700 MB in %lld ms", fault.sent->load() / (1024 * 1024),
              run.ms);
    }

    void gzipBombIsAMalformedAnswer()
    {
        m_server->setFault(QStringLiteral("registered-models/search"),
                           Fault::gzipBomb(256LL * 1024 * 1024));
        RestRegistry registry(options());
        const auto refused = await(registry.open(), 30'000);
        QVERIFY(!refused);
        const QString message = refused.error().message();
        QVERIFY2(!message.contains(QLatin1String("Could not reach")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("malformed")), qPrintable(message));
        QVERIFY2(message.contains(m_server->url().toString()), qPrintable(message));
    }

    // MLflow's own variables set the limits, and the message says how long it waited.
    void mlflowTimeoutVariables()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_TIMEOUT"), QStringLiteral("0.5"));
        environment.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_MAX_RETRIES"), QStringLiteral("1"));
        environment.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"),
                           QStringLiteral("0.05"));
        const ServerOptions read = ServerOptions::fromEnvironment(m_server->url(), environment);
        QCOMPARE(read.requestTimeoutMs, 500);
        QCOMPARE(read.maxRetries, 1);
        QCOMPARE(read.retryBaseDelayMs, 50);
        QVERIFY(read.connectTimeoutMs <= 500);

        m_server->setFault(QStringLiteral("registered-models/search"), Fault::neverAnswer());
        RestRegistry registry(read);
        QElapsedTimer timer;
        timer.start();
        const auto refused = await(registry.open(), 20'000);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::DeadlineExceeded);
        QVERIFY2(refused.error().message().contains(QLatin1String("within 0.5 s")),
                 qPrintable(refused.error().message()));
        QVERIFY(timer.elapsed() < 10'000);

        QProcessEnvironment bad;
        bad.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_TIMEOUT"), QStringLiteral("soon"));
        const QtMessageHandler previous = qInstallMessageHandler(collectWarnings);
        const ServerOptions ignored = ServerOptions::fromEnvironment(m_server->url(), bad);
        qInstallMessageHandler(previous);
        QCOMPARE(ignored.requestTimeoutMs, ServerOptions().requestTimeoutMs);
        QVERIFY(g_warnings.join(QString()).contains(QLatin1String("MLFLOW_HTTP_REQUEST_TIMEOUT")));
    }
};

QTEST_MAIN(TestBadServers)
#include "tst_badservers.moc"
