// A model's metric trend from a server reads its runs in bulk: experiments/search once, then
// runs/search by run id in batches of RestRegistry::RunSearchBatch, and runs/get only for ids
// the searches did not return. What it finds equals what the store gives, and a server that
// cannot search runs is still read, one run at a time.
#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/registry/sqlquery.h"
#include "tests/rest/awaitresult.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;
using TestSupport::Fault;

class TestBulkRuns : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    QStringList m_runs;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;
    std::unique_ptr<SqlRegistry> m_file;
    std::unique_ptr<RestRegistry> m_rest;

    // Every run id of the store, a repeated one and one that does not exist.
    QStringList asked() const
    {
        return m_runs
            + QStringList {m_runs.first(), QStringLiteral("0123456789abcdef0123456789abcdef")};
    }

    void compareWithFile(const QList<MetricSummary> &summaries,
                         const QStringList &runIds,
                         const QString &key,
                         bool withRange)
    {
        const auto expected = await(m_file->metricSummaries(runIds, key, withRange));
        VERIFY_OK(expected);
        QCOMPARE(summaries.size(), expected->size());
        int found = 0;
        for (qsizetype i = 0; i < summaries.size(); ++i) {
            const MetricSummary &got = summaries.at(i);
            const MetricSummary &want = expected->at(i);
            QCOMPARE(got.runId, want.runId);
            QCOMPARE(got.runFound, want.runFound);
            QCOMPARE(got.latest.has_value(), want.latest.has_value());
            if (got.latest) {
                ++found;
                QCOMPARE(got.latest->step, want.latest->step);
                QCOMPARE(got.latest->timestamp, want.latest->timestamp);
                QVERIFY(got.latest->value == want.latest->value
                        || (std::isnan(got.latest->value) && std::isnan(want.latest->value)));
            }
            QCOMPARE(got.minimum, want.minimum);
            QCOMPARE(got.maximum, want.maximum);
        }
        QVERIFY(found > runIds.size() / 2);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("bulk.db"));
        DemoOptions demo;
        demo.models = 24;
        demo.versionsPerModel = 12;
        demo.metricSteps = 4;
        VERIFY_OK(createDemoStore(m_store, demo));
        m_runs
            = TestSupport::queryScalar(m_store,
                                       QStringLiteral("SELECT group_concat(run_uuid) FROM (SELECT "
                                                      "run_uuid FROM runs ORDER BY run_uuid)"))
                  .split(QLatin1Char(','));
        // More runs than two batches, so that batches run side by side.
        QVERIFY(m_runs.size() > 2 * RestRegistry::RunSearchBatch);
        // A deleted run is still a run (runs/get returns it, so must the search).
        QVERIFY(TestSupport::execAll(m_store,
                                     {QStringLiteral("UPDATE runs SET lifecycle_stage = "
                                                     "'deleted' WHERE run_uuid = '%1'")
                                          .arg(m_runs.at(3))}));
        m_server = std::make_unique<TestSupport::FakeServerThread>(m_store);
        const QUrl url = m_server->start();
        QVERIFY2(url.isValid(), qPrintable(m_server->errorString()));
        m_file = std::make_unique<SqlRegistry>(m_store);
        VERIFY_OK(await(m_file->open()));
        ServerOptions options;
        options.url = url;
        m_rest = std::make_unique<RestRegistry>(options);
        VERIFY_OK(await(m_rest->open()));
    }

    void init()
    {
        m_server->clearFaults();
        m_server->clearRequests();
    }

    void runsAreSearchedInBatches_data()
    {
        QTest::addColumn<bool>("withRange");
        QTest::newRow("latest") << false;
        QTest::newRow("range") << true;
    }

    void runsAreSearchedInBatches()
    {
        QFETCH(bool, withRange);
        const QStringList runIds = asked();
        const auto summaries
            = await(m_rest->metricSummaries(runIds, QStringLiteral("loss"), withRange));
        VERIFY_OK(summaries);
        compareWithFile(*summaries, runIds, QStringLiteral("loss"), withRange);
        QVERIFY(summaries->at(3).runFound);
        const qsizetype distinct = m_runs.size() + 1;
        const int batches
            = int((distinct + RestRegistry::RunSearchBatch - 1) / RestRegistry::RunSearchBatch);
        QCOMPARE(m_server->hitCount(QStringLiteral("experiments/search")), 1);
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/search")), batches);
        // Only the run that does not exist is asked for on its own.
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/get")), 1);
        const int histories = m_server->hitCount(QStringLiteral("metrics/get-history"));
        QCOMPARE(histories > 0, withRange);
        for (const auto &request : m_server->requests()) {
            if (request.endpoint != QLatin1String("runs/search"))
                continue;
            QVERIFY(request.body.contains("attributes.run_id IN ('"));
            QVERIFY(request.body.contains("\"run_view_type\":\"ALL\""));
        }
    }

    // A server (or a proxy in front of it) without runs/search: the runs are read one by one.
    void withoutRunSearchRunsAreReadOneByOne_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("MLflow's 404") << QByteArray() << QByteArray();
        QTest::newRow("a proxy's page")
            << QByteArrayLiteral("text/html") << QByteArrayLiteral("<h1>Not Found</h1>");
    }

    void withoutRunSearchRunsAreReadOneByOne()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        m_server->setFault(QStringLiteral("runs/search"),
                           Fault::httpStatus(404, contentType, body));
        const QStringList runIds = asked();
        const auto summaries
            = await(m_rest->metricSummaries(runIds, QStringLiteral("loss"), false));
        VERIFY_OK(summaries);
        compareWithFile(*summaries, runIds, QStringLiteral("loss"), false);
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/get")), int(m_runs.size()) + 1);
    }

    // A server that fails is reported, not read around: the trend shows the error.
    void aFailingSearchIsAnError()
    {
        m_server->setFault(QStringLiteral("runs/search"), Fault::httpStatus(500));
        const auto summaries
            = await(m_rest->metricSummaries(asked(), QStringLiteral("loss"), false));
        QVERIFY(!summaries);
        QCOMPARE(summaries.error().code(), ErrorCode::InternalError);
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/get")), 0);
    }

    // A search is a read: a 503 from a proxy is retried like a GET.
    void aSearchIsRetriedLikeARead()
    {
        m_server->setFault(QStringLiteral("runs/search"), Fault::failThenServe(1, 503));
        const QStringList runIds = m_runs.mid(0, 10);
        const auto summaries
            = await(m_rest->metricSummaries(runIds, QStringLiteral("loss"), false));
        VERIFY_OK(summaries);
        compareWithFile(*summaries, runIds, QStringLiteral("loss"), false);
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/search")), 2);
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/get")), 0);
    }

    // Cancelling while the searches are answered ends the call; nothing is read after it.
    void cancellingStopsTheRead()
    {
        m_server->setFault(QStringLiteral("runs/search"), Fault::delay(300));
        auto future = m_rest->metricSummaries(asked(), QStringLiteral("loss"), true);
        QTRY_VERIFY(m_server->hitCount(QStringLiteral("runs/search")) > 0);
        future.cancel();
        QTRY_VERIFY(future.isFinished());
        QTest::qWait(800);
        QCOMPARE(m_server->hitCount(QStringLiteral("runs/get")), 0);
        QCOMPARE(m_server->hitCount(QStringLiteral("metrics/get-history")), 0);
        QVERIFY(m_server->hitCount(QStringLiteral("runs/search")) <= RestRegistry::RunSearchSlots);
    }
};

QTEST_GUILESS_MAIN(TestBulkRuns)
#include "tst_bulkruns.moc"
