// The fake MLflow server against a real MLflow 2.22 server: the recorded exchanges are sent,
// in order and over real HTTP, to a fake serving a copy of the server's own mlflow.db, and
// every answer the fake is meant to give must match MLflow's (status, JSON content, error
// code and message, HTML error pages).
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/transcripts.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QtTest>

using namespace TestSupport;

namespace {

// What a fake answer is compared with: the recorded one, or a reason not to compare.
QString skipReason(const Exchange &exchange)
{
    const QString &path = exchange.path;
    // Experiment and run searches are served for what ModelDesk asks of them.
    const QString asked = exchange.query + QString::fromUtf8(exchange.requestBody);
    if (path.endsWith(QLatin1String("/experiments/search"))) {
        if (asked.contains(QLatin1String("filter")) || asked.contains(QLatin1String("order_by")))
            return QStringLiteral("experiment filters and orders are not evaluated by the fake");
    } else if (path.startsWith(QLatin1String("/api/2.0/mlflow/experiments/"))
               && !path.endsWith(QLatin1String("/experiments/get"))) {
        return QStringLiteral("experiments are served only by search and get");
    }
    if (path.endsWith(QLatin1String("/runs/search")) && !asked.contains(QLatin1String("run_id IN"))
        && !asked.contains(QLatin1String("tags.mlflow.parentRunId = "))
        && !asked.contains(QLatin1String("datasets.name = ")))
        return QStringLiteral("runs/search is served only by run id, parent and dataset");
    if (path.startsWith(QLatin1String("/api/2.0/mlflow-artifacts/")))
        return QStringLiteral("the artifact proxy service is not served by the fake");
    if (path == QLatin1String("/model-versions/get-artifact"))
        return QStringLiteral("model version file downloads are not served by the fake");
    if (path.contains(QLatin1String("/metrics/get-history-bulk")))
        return QStringLiteral("bulk metric history is not served by the fake");
    if (path.endsWith(QLatin1String("/metrics/get-history"))
        && !exchange.query.contains(QLatin1String("max_results=")))
        return QStringLiteral("metric history without max_results: MLflow's empty-page quirk "
                              "is not a store behaviour");
    // Documented in tst_fixtureread: MLflow's rows[:-5] slicing accident.
    if (exchange.label == QLatin1String("registered-models/search max_results negative"))
        return QStringLiteral("negative max_results is rejected, not imitated");
    return {};
}

struct HttpAnswer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QString error;
};

} // namespace

class TestFakeServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_fixtures = fixturesDir();
        if (m_fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available on this machine.");
        m_exchanges
            = loadTranscripts(m_fixtures + QStringLiteral("/mlflow-2.22/transcripts.jsonl"));
        QVERIFY(m_exchanges.size() > 150);
        QVERIFY(m_dir.isValid());
        const QString copy = m_dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(m_fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        m_server = std::make_unique<FakeMlflowServer>(copy);
        QVERIFY2(m_server->errorString().isEmpty(), qPrintable(m_server->errorString()));
        // The server that recorded the transcripts ran with --artifacts-destination there.
        m_server->setArtifactRoot(m_fixtures + QStringLiteral("/mlflow-2.22/artifacts"));
        QVERIFY(m_server->listen() != 0);
        QVERIFY(m_server->url().isValid());
        m_network.setProxy(QNetworkProxy::NoProxy);
    }

    void healthAndVersion()
    {
        HttpAnswer health = send(QStringLiteral("GET"), QStringLiteral("/health"), {}, {});
        QCOMPARE(health.status, 200);
        QCOMPARE(health.body, QByteArrayLiteral("OK"));
        HttpAnswer version = send(QStringLiteral("GET"), QStringLiteral("/version"), {}, {});
        QCOMPARE(version.status, 200);
        QCOMPARE(version.body, FakeMlflowServer::versionText());
    }

    // MLflow's _validate_content_type (QNetworkAccessManager always sends some type).
    void postWithoutJsonContentTypeIsRejected()
    {
        QUrl url = m_server->url();
        url.setPath(QStringLiteral("/api/2.0/mlflow/registered-models/create"));
        QNetworkRequest request(url);
        request.setTransferTimeout(5000);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        const HttpAnswer answer = wait(m_network.post(request, QByteArrayLiteral("{}")));
        QCOMPARE(answer.status, 400);
        const QJsonObject error = QJsonDocument::fromJson(answer.body).object();
        QCOMPARE(error.value(QStringLiteral("error_code")).toString(),
                 QStringLiteral("INVALID_PARAMETER_VALUE"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Bad Request. Content-Type must be one of ['application/json']."));
    }

    void ajaxPrefixServesTheSameHandlers()
    {
        const HttpAnswer api
            = send(QStringLiteral("GET"), QStringLiteral("/api/2.0/mlflow/registered-models/get"),
                   QStringLiteral("name=legacy_scorer"), {});
        const HttpAnswer ajax = send(QStringLiteral("GET"),
                                     QStringLiteral("/ajax-api/2.0/mlflow/registered-models/get"),
                                     QStringLiteral("name=legacy_scorer"), {});
        QCOMPARE(api.status, 200);
        QCOMPARE(ajax.status, 200);
        QCOMPARE(ajax.body, api.body);
    }

    // Routes match whole paths only; a wrong method on a known path is a 405.
    void routesMatchWholePaths()
    {
        const QString search = QStringLiteral("/api/2.0/mlflow/registered-models/search");
        QCOMPARE(send(QStringLiteral("GET"), search + QStringLiteral("-x"), {}, {}).status, 404);
        QCOMPARE(send(QStringLiteral("GET"), QStringLiteral("/x") + search, {}, {}).status, 404);
        QCOMPARE(send(QStringLiteral("GET"),
                      QStringLiteral("/api/2x0/mlflow/registered-models/search"), {}, {})
                     .status,
                 404);
        QCOMPARE(send(QStringLiteral("PUT"), search, {}, QByteArrayLiteral("{}")).status, 405);
        QCOMPARE(send(QStringLiteral("POST"), QStringLiteral("/health"), {}, {}).status, 405);
    }

    // The whole transcript in order; the write exchanges change the store as MLflow's did.
    void transcriptReplaysOverHttp()
    {
        int compared = 0;
        QMap<QString, int> skipped;
        const QStringList timestamps {QStringLiteral("creation_timestamp"),
                                      QStringLiteral("last_updated_timestamp")};
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            const QString reason = skipReason(exchange);
            if (!reason.isEmpty()) {
                ++skipped[reason];
                continue;
            }
            const QString where = QStringLiteral("#%1 %2 %3 %4")
                                      .arg(exchange.index)
                                      .arg(exchange.label, exchange.method, exchange.path);
            const HttpAnswer answer
                = send(exchange.method, exchange.path, exchange.query, exchange.requestBody);
            QVERIFY2(answer.error.isEmpty(),
                     qPrintable(where + QStringLiteral(": ") + answer.error));
            QVERIFY2(answer.status == exchange.status,
                     qPrintable(where
                                + QStringLiteral(": status %1, MLflow %2; body ")
                                      .arg(answer.status)
                                      .arg(exchange.status)
                                + QString::fromUtf8(answer.body.left(300))));
            ++compared;
            if (exchange.path == QLatin1String("/get-artifact") && exchange.status == 200) {
                // File bytes; MLflow sends its text extensions (.json included) as text/plain.
                QVERIFY2(answer.body == exchange.responseBody, qPrintable(where));
                QVERIFY2(answer.contentType == "text/plain", qPrintable(where));
                continue;
            }
            const QJsonDocument expected = QJsonDocument::fromJson(exchange.responseBody);
            if (expected.isNull()) {
                // Flask's HTML error pages: same bytes, same type.
                QVERIFY2(answer.body == exchange.responseBody, qPrintable(where));
                QVERIFY2(answer.contentType.startsWith("text/html"), qPrintable(where));
                continue;
            }
            QVERIFY2(
                answer.contentType == "application/json",
                qPrintable(where + QStringLiteral(": ") + QString::fromLatin1(answer.contentType)));
            const QJsonDocument actual = QJsonDocument::fromJson(answer.body);
            QVERIFY2(actual.isObject(), qPrintable(where));
            const QJsonObject actualObject = actual.object();
            const QJsonObject expectedObject = expected.object();
            if (expectedObject.contains(QStringLiteral("error_code"))) {
                QVERIFY2(actualObject.value(QStringLiteral("error_code"))
                             == expectedObject.value(QStringLiteral("error_code")),
                         qPrintable(where + QStringLiteral(": ") + QString::fromUtf8(answer.body)));
                const QString message = actualObject.value(QStringLiteral("message")).toString();
                const QString recorded = expectedObject.value(QStringLiteral("message")).toString();
                // The rename-conflict message carries SQLAlchemy's text (tst_fixtureread):
                // only the sentence naming the model must match.
                const bool prefixOnly
                    = exchange.label == QLatin1String("registered-models/rename to existing name");
                QVERIFY2(prefixOnly ? !message.isEmpty() && recorded.startsWith(message)
                                    : message == recorded,
                         qPrintable(where + QStringLiteral(": got '") + message
                                    + QStringLiteral("', MLflow '") + recorded
                                    + QLatin1Char('\'')));
                continue;
            }
            QString difference;
            QVERIFY2(jsonEquivalent(actualObject, expectedObject, timestamps, &difference),
                     qPrintable(where + QStringLiteral(": ") + difference));
        }
        for (auto it = skipped.cbegin(); it != skipped.cend(); ++it)
            qInfo("skipped %d: %s", it.value(), qPrintable(it.key()));
        qInfo("compared %d of %lld exchanges", compared, qlonglong(m_exchanges.size()));
        QVERIFY(compared >= 100);
    }

private:
    HttpAnswer
    send(const QString &method, const QString &path, const QString &query, const QByteArray &body)
    {
        QUrl url = m_server->url();
        url.setPath(path);
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest request(url);
        request.setTransferTimeout(5000);
        const QByteArray verb = method.toLatin1();
        if (verb != "GET") {
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
        }
        if (verb == "GET" && body.isEmpty())
            return wait(m_network.get(request));
        return wait(m_network.sendCustomRequest(request, verb, body));
    }

    HttpAnswer wait(QNetworkReply *reply)
    {
        if (!reply->isFinished()) {
            QEventLoop loop;
            connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        answer.body = reply->readAll();
        if (answer.status == 0)
            answer.error = reply->errorString();
        reply->deleteLater();
        return answer;
    }

    QString m_fixtures;
    QList<Exchange> m_exchanges;
    QTemporaryDir m_dir;
    std::unique_ptr<FakeMlflowServer> m_server;
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestFakeServer)
#include "tst_fakeserver.moc"
