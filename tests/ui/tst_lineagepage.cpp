// The Lineage tab on MLflow 2.22's store, from the file and through the fake server: the
// graph is laid out off the GUI thread and drawn with one item per node, the version shown
// highlighted; a fan-out of 25 versions folds into one group that unfolds on a click;
// clicking a version selects it, clicking a run opens the Run tab; double-clicking a run adds
// its children; the exports write a PNG, an SVG and DOT.
#include "ui/lineage/lineagepage.h"

#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fixtureregistries.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"
#include "ui/details/detailspane.h"
#include "ui/lineage/lineagelayout.h"
#include "ui/lineage/lineageview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace ModelDesk;

namespace {

const QString Fanout = QStringLiteral("fanout-model");
const QString RfRun = QStringLiteral("1806858776284455ad4456414452be28");
constexpr int FanoutVersions = 25;

} // namespace

class TestLineagePage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestSupport::FixtureRegistries m_fixture;

    std::unique_ptr<LineagePage> shown(bool server, const QString &name, qint64 version)
    {
        auto page = std::make_unique<LineagePage>(&m_fixture.registry(server));
        page->resize(900, 600);
        page->show();
        page->setVersion(name, version);
        page->setActive(true);
        return page;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QVERIFY(m_fixture.open(m_dir.path(), [](const QString &store) {
            auto backend = SqlBackend::open(store, SqlBackend::OpenMode::ReadWrite);
            if (!backend || !(*backend)->createModel(Fanout, {}, {}))
                return false;
            for (int i = 0; i < FanoutVersions; ++i) {
                CreateVersionRequest request;
                request.name = Fanout;
                request.source = QStringLiteral("runs:/%1/model").arg(RfRun);
                request.runId = RfRun;
                if (!(*backend)->createVersion(request))
                    return false;
            }
            return true;
        }));
    }

    void theGraphIsDrawnAndFolded_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void theGraphIsDrawnAndFolded()
    {
        QFETCH(bool, server);
        auto page = shown(server, QStringLiteral("customer_churn_predictor"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->view()->nodeCount() > 0, 15000);
        QVERIFY(lastLayoutThread() && lastLayoutThread() != QThread::currentThread());
        const LineageGraph &graph = page->graph();
        QVERIFY(graph.contains(QStringLiteral("dataset:churn_q1_2025@af7bb634")));
        // The 25 versions of the fan-out share their run and model: one group.
        QString group;
        for (const DisplayNode &node : page->display().nodes) {
            if (node.isGroup()) {
                QVERIFY(group.isEmpty());
                group = node.id;
                QCOMPARE(node.members.size(), FanoutVersions);
                QCOMPARE(node.label, QStringLiteral("25 versions of fanout-model"));
            }
        }
        QVERIFY(!group.isEmpty());
        QCOMPARE(page->view()->nodeCount(), int(graph.nodes().size()) - FanoutVersions + 1);
        QCOMPARE(page->view()->highlighted(), QStringLiteral("version:customer_churn_predictor/2"));
        QVERIFY(page->statusText().contains(QLatin1String("click one to unfold")));

        // Clicking the group shows every version.
        page->view()->centerOn(page->view()->nodeCenter(group));
        QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {},
                          page->view()->mapFromScene(page->view()->nodeCenter(group)));
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->isLoading() && page->view()->nodeCount() == int(graph.nodes().size()), 10000);
        for (const DisplayNode &node : page->display().nodes)
            QVERIFY(!node.isGroup());
    }

    void clicksSelectVersionsAndOpenRuns()
    {
        auto page = shown(true, QStringLiteral("customer_churn_predictor"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->view()->nodeCount() > 0, 15000);
        QSignalSpy versions(page.get(), &LineagePage::versionActivated);
        QSignalSpy runs(page.get(), &LineagePage::runActivated);
        LineageView *view = page->view();
        const auto click = [view](const QString &id) {
            view->centerOn(view->nodeCenter(id)); // it may lie outside a narrow view
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                              view->mapFromScene(view->nodeCenter(id)));
        };
        click(QStringLiteral("version:acme.prod.churn_v2/1"));
        // A click acts once no second click can follow.
        QCOMPARE(versions.size(), 0);
        QTRY_COMPARE(versions.size(), 1);
        QCOMPARE(versions.first().at(0).toString(), QStringLiteral("acme.prod.churn_v2"));
        QCOMPARE(versions.first().at(1).toLongLong(), 1);
        click(QStringLiteral("run:") + RfRun);
        QTRY_COMPARE(runs.size(), 1);
        QCOMPARE(runs.first().at(0).toString(), RfRun);
        click(QStringLiteral("experiment:1"));
        QTest::qWait(QApplication::doubleClickInterval() + 100);
        QCOMPARE(versions.size() + runs.size(), 2);
        // A double-click on a run expands it and does not open it.
        const QString run = QStringLiteral("run:") + RfRun;
        view->centerOn(view->nodeCenter(run));
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {},
                           view->mapFromScene(view->nodeCenter(run)));
        QTest::qWait(QApplication::doubleClickInterval() + 100);
        QCOMPARE(runs.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 10000);
    }

    // In the details pane: --tab lineage finds the tab, a run click shows the Run tab.
    void thePaneHasALineageTab()
    {
        QUndoStack undo;
        DetailsPane pane(m_fixture.file.get(), &undo);
        pane.resize(900, 600);
        pane.show();
        pane.showVersion(QStringLiteral("legacy_scorer"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(pane.tabNames().contains(QStringLiteral("lineage")), 10000);
        QVERIFY(pane.setCurrentTab(QStringLiteral("lineage")));
        auto *page = pane.findChild<LineagePage *>();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.isLoading() && page->view()->nodeCount() > 0, 15000);
        // A double-click on the sweep's parent run brings in its other trials.
        const QString sweep = QStringLiteral("run:434e6b4870e940c88b13b5d9a8393ae2");
        const QString trial = QStringLiteral("run:5b8148392334477089dc5ea3e6cb7fe2");
        QVERIFY(!page->graph().contains(trial));
        emit page->view()->nodeDoubleClicked(sweep);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->graph().contains(trial), 10000);
        emit page->view()->nodeClicked(trial);
        QCOMPARE(pane.currentTabName(), QStringLiteral("run"));
        pane.showModel(QStringLiteral("legacy_scorer"));
        QTRY_VERIFY_WITH_TIMEOUT(!pane.isLoading(), 10000);
        QVERIFY(pane.setCurrentTab(QStringLiteral("lineage")));
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->isLoading() && page->graph().contains(QStringLiteral("version:legacy_scorer/1"))
                && page->graph().contains(QStringLiteral("version:legacy_scorer/2")),
            15000);
    }

    // In the window: the graph is there when the window first says it is idle, and clicking a
    // version of another model selects that model and version; the Lineage tab stays.
    void theWindowFollowsClicks()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.setInitialTab(QStringLiteral("lineage"));
        int nodesWhenIdle = -1;
        connect(&window, &MainWindow::becameIdle, this, [&] {
            if (nodesWhenIdle >= 0)
                return;
            auto *page = window.findChild<LineagePage *>();
            nodesWhenIdle = page ? page->view()->nodeCount() : 0;
        });
        window.openRegistry(m_fixture.store, QStringLiteral("customer_churn_predictor/2"));
        QTRY_VERIFY_WITH_TIMEOUT(nodesWhenIdle >= 0, 15000);
        QVERIFY(nodesWhenIdle > 5);
        auto *page = window.findChild<LineagePage *>();
        LineageView *view = page->view();
        const QString other = QStringLiteral("version:acme.prod.churn_v2/1");
        view->centerOn(view->nodeCenter(other));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->mapFromScene(view->nodeCenter(other)));
        auto *details = window.findChild<DetailsPane *>();
        QTRY_VERIFY_WITH_TIMEOUT(details->modelName() == QStringLiteral("acme.prod.churn_v2")
                                     && details->version() == 1,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 15000);
        QCOMPARE(details->currentTabName(), QStringLiteral("lineage"));
        QCOMPARE(page->view()->highlighted(), other);
    }

    void exportsWriteFiles()
    {
        auto page = shown(false, QStringLiteral("legacy_scorer"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->view()->nodeCount() > 0, 15000);
        QString error;
        const QString png = m_dir.filePath(QStringLiteral("lineage.png"));
        QVERIFY2(page->view()->exportPng(png, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(!image.isNull() && image.width() > 200);
        const QString svg = m_dir.filePath(QStringLiteral("lineage.svg"));
        QVERIFY2(page->view()->exportSvg(svg, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg") && svgText.contains("sweep-trial-2"));
        const QString dot = m_dir.filePath(QStringLiteral("lineage.dot"));
        QVERIFY2(page->exportDot(dot, &error), qPrintable(error));
        QFile dotFile(dot);
        QVERIFY(dotFile.open(QIODevice::ReadOnly));
        QVERIFY(dotFile.readAll().startsWith("digraph lineage {"));
        QVERIFY(!page->exportDot(m_dir.filePath(QStringLiteral("no/such/dir/x.dot")), &error));
        QVERIFY(!error.isEmpty());
    }

    // Moving on before an answer, or stopping, never leaves the tab busy.
    void switchingAndStoppingEndTheRead()
    {
        auto page = shown(true, QStringLiteral("customer_churn_predictor"), 2);
        page->setVersion(QStringLiteral("legacy_scorer"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->view()->nodeCount() > 0, 15000);
        QCOMPARE(page->graph().root(), QStringLiteral("version:legacy_scorer/2"));
        QCOMPARE(page->view()->highlighted(), QStringLiteral("version:legacy_scorer/2"));
        page->setVersion(QStringLiteral("customer_churn_predictor"), 3);
        QVERIFY(page->isLoading());
        auto *stop = page->findChild<QToolButton *>(QStringLiteral("lineageStop"));
        QVERIFY(stop && stop->isVisible());
        stop->click();
        QVERIFY(!page->isLoading());
        QVERIFY(!stop->isVisible());
        QCOMPARE(page->statusText(), QStringLiteral("Stopped."));
        QTest::qWait(300); // the abandoned answer changes nothing
        QVERIFY(!page->isLoading());
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading()
                                     && page->graph().root()
                                         == QStringLiteral("version:customer_churn_predictor/3"),
                                 15000);
    }

    void anUnknownVersionSaysSo()
    {
        auto page = shown(false, QStringLiteral("legacy_scorer"), 99);
        QSignalSpy errors(page.get(), &LineagePage::errorOccurred);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && errors.size() == 1, 10000);
        QCOMPARE(page->view()->nodeCount(), 0);
    }
};

QTEST_MAIN(TestLineagePage)
#include "tst_lineagepage.moc"
