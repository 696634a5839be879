// The Metrics tab of a registered model: a metric's trend across its versions on MLflow
// 2.22's store, from the file and through the fake server — values as the runs hold them,
// stages and aliases, missing versions said as such, min/max mode, clicking selects.
#include "ui/metrics/trendpage.h"

#include "models/roles.h"
#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fixtureregistries.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"
#include "ui/charts/metricchart.h"
#include "ui/details/detailspane.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;

namespace {

const QString Churn = QStringLiteral("customer_churn_predictor");

} // namespace

class TestTrendPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestSupport::FixtureRegistries m_fixture;
    QString m_store;
    SqlRegistry *m_file = nullptr;

    Registry &registry(bool server) { return m_fixture.registry(server); }

    std::unique_ptr<TrendPage> shown(Registry &registry, const QString &model)
    {
        auto page = std::make_unique<TrendPage>(&registry);
        page->resize(700, 700);
        page->show();
        page->setModelName(model);
        page->setActive(true);
        return page;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        // A version with no run: listed as missing, never drawn at 0.
        QVERIFY(m_fixture.open(m_dir.path(), [](const QString &store) {
            auto backend = SqlBackend::open(store, SqlBackend::OpenMode::ReadWrite);
            CreateVersionRequest request;
            request.name = Churn;
            request.source = QStringLiteral("s3://models/churn/handmade");
            return backend && (*backend)->createVersion(request).ok();
        }));
        m_store = m_fixture.store;
        m_file = m_fixture.file.get();
    }

    void theTrendIsWhatTheRunsHold_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void theTrendIsWhatTheRunsHold()
    {
        QFETCH(bool, server);
        auto page = shown(registry(server), Churn);
        QAbstractItemModelTester tester(page->trend(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->trend()->rowCount() > 0, 15000);
        QVERIFY(page->metricNames().contains(QStringLiteral("auc")));
        page->setMetric(QStringLiteral("auc"));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 15000);
        QCOMPARE(page->metricKey(), QStringLiteral("auc"));

        TrendModel *trend = page->trend();
        QCOMPARE(trend->rowCount(), 5); // versions 1-4 and the one without a run
        int drawn = 0;
        for (const TrendPoint &point : trend->points()) {
            if (point.runId.isEmpty()) {
                QVERIFY(!point.latest);
                const int row = trend->rowOf(point.version);
                QCOMPARE(trend->index(row, TrendModel::Value).data().toString(),
                         QStringLiteral("no run"));
                QVERIFY(!trend->index(row, TrendModel::Value).data(RawValueRole).isValid());
                continue;
            }
            // The run's latest value, as runs/get or latest_metrics give it.
            const auto run = await(m_file->run(point.runId));
            QVERIFY(run.ok());
            const auto latest
                = std::find_if(run->metrics.cbegin(), run->metrics.cend(),
                               [](const Metric &m) { return m.key == QLatin1String("auc"); });
            QVERIFY(latest != run->metrics.cend());
            QCOMPARE(point.latest->value, latest->value);
            QCOMPARE(point.latest->step, latest->step);
            ++drawn;
        }
        QCOMPARE(drawn, 4);

        // One marker per version with a value, grouped by stage; aliases labelled.
        int markers = 0;
        QStringList stages;
        for (const MetricChart::PointGroup &group : page->chart()->pointGroups()) {
            markers += int(group.points.size());
            stages << group.name;
        }
        QCOMPARE(markers, 4);
        QVERIFY(stages.contains(QStringLiteral("Production")));
        QVERIFY(stages.contains(QStringLiteral("Archived")));
        QVERIFY(!trend->aliasesOf(2).isEmpty() || !trend->aliasesOf(3).isEmpty());

        // The maximum of each history instead, read when asked for.
        page->setMode(TrendModel::Mode::Maximum);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 15000);
        for (const TrendPoint &point : trend->points()) {
            if (!point.latest)
                continue;
            QVERIFY(point.maximum.has_value());
            QCOMPARE(*trend->value(point), *point.maximum);
            QVERIFY(*point.maximum >= point.latest->value);
        }
        QCOMPARE(trend->headerData(TrendModel::Value, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Maximum"));

        // Clicking near a point selects that version.
        QSignalSpy activated(page.get(), &TrendPage::versionActivated);
        emit page->chart()->clicked(2.2);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(1).toLongLong(), 2);
    }

    void aModelWithoutVersionsSaysSo()
    {
        auto page = shown(*m_file, QStringLiteral("empty-model-no-versions"));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 10000);
        QCOMPARE(page->trend()->rowCount(), 0);
        QCOMPARE(page->chart()->pointGroups().size(), 0);
    }

    // A model with more versions than a page: the newest 1,000 first, the rest on request.
    void olderVersionsLoadOnDemand_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void olderVersionsLoadOnDemand()
    {
        QFETCH(bool, server);
        const QString store = m_dir.filePath(QStringLiteral("many-versions.db"));
        if (!QFile::exists(store)) {
            DemoOptions demo;
            demo.models = 1;
            demo.versionsPerModel = 1;
            demo.metricSteps = 2;
            demo.hugeModelVersions = TrendPage::PageSize + 5;
            VERIFY_OK(createDemoStore(store, demo));
        }
        // The demo deletes one of the model's versions; the trend lists the live ones.
        const int live = TestSupport::queryScalar(
                             store, QStringLiteral("SELECT count(*) FROM model_versions WHERE "
                                                   "name = 'huge-version-history' AND "
                                                   "current_stage != 'Deleted_Internal'"))
                             .toInt();
        QVERIFY(live > TrendPage::PageSize);
        SqlRegistry file(store);
        VERIFY_OK(await(file.open()));
        TestSupport::FakeServerThread fake(store);
        ServerOptions options;
        options.url = fake.start();
        QVERIFY(options.url.isValid());
        RestRegistry rest(options);
        VERIFY_OK(await(rest.open()));
        auto page = shown(server ? static_cast<Registry &>(rest) : file,
                          QStringLiteral("huge-version-history"));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->trend()->rowCount() > 0, 20000);
        QCOMPARE(page->trend()->rowCount(), TrendPage::PageSize);
        auto *older = page->findChild<QPushButton *>(QStringLiteral("trendLoadOlder"));
        QVERIFY(older && older->isVisible());
        older->click();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading()
                                     && page->trend()->rowCount() == live,
                                 20000);
        QVERIFY(!older->isVisible());
    }

    // In the window: --tab metrics on a model opens its trend; a click there selects the
    // version in the versions table and shows it.
    void theWindowShowsTheTrendAndFollowsClicks()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.setInitialTab(QStringLiteral("metrics"));
        // The trend is complete the moment the window first says it is idle.
        int rowsWhenIdle = -1;
        int markersWhenIdle = -1;
        connect(&window, &MainWindow::becameIdle, this, [&] {
            if (rowsWhenIdle >= 0)
                return;
            auto *trend = window.findChild<TrendPage *>();
            rowsWhenIdle = trend ? trend->trend()->rowCount() : 0;
            markersWhenIdle = 0;
            if (trend) {
                for (const MetricChart::PointGroup &group : trend->chart()->pointGroups())
                    markersWhenIdle += int(group.points.size());
            }
        });
        window.openRegistry(m_store, Churn);
        QTRY_VERIFY_WITH_TIMEOUT(rowsWhenIdle >= 0, 15000);
        QCOMPARE(rowsWhenIdle, 5);
        QVERIFY(markersWhenIdle > 0);
        auto *page = window.findChild<TrendPage *>();
        QVERIFY(page && page->isVisible() && !page->isLoading());
        emit page->chart()->clicked(0.3); // left of version 1: nothing
        auto *details = window.findChild<DetailsPane *>();
        QCOMPARE(details->version(), 0);
        emit page->chart()->clicked(3);
        details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 15000);
        // The version's own Metrics tab replaces the model's.
        QCOMPARE(details->currentTabName(), QStringLiteral("metrics"));
        QVERIFY(!page->isVisible());
    }
};

QTEST_MAIN(TestTrendPage)
#include "tst_trendpage.moc"
