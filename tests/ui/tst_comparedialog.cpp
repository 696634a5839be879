// Version ▸ Compare on MLflow 2.22's store: one column per version, exactly the differing
// rows highlighted, "Only differences", Δ against the first version, the overlay chart, the
// copied table; opened from the window with Ctrl+D. Set MODELDESK_SCREENSHOTS to a folder to
// keep a picture of the dialog.
#include "ui/compare/comparedialog.h"

#include "models/roles.h"
#include "tests/fakeserver/fixtureregistries.h"
#include "tests/registry/transcripts.h"
#include "ui/mainwindow.h"
#include "ui/metrics/metricplot.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QItemSelectionModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;

namespace {

const QString Churn = QStringLiteral("customer_churn_predictor");

int rowOf(const CompareModel &model, ComparisonRow::Section section, const QString &key)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.rowAt(row).section == section && model.rowAt(row).key == key)
            return row;
    }
    return -1;
}

} // namespace

class TestCompareDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestSupport::FixtureRegistries m_fixture;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        QVERIFY(m_fixture.open(m_dir.path()));
        m_fixture.server->setArtifactRoot(TestSupport::fixturesDir()
                                          + QStringLiteral("/mlflow-2.22/artifacts"));
    }

    // Where the MLmodel files can be read (from the server's artifacts): flavors and the
    // signature, compared like every other row.
    void modelFlavorsAndSignatures()
    {
        CompareDialog dialog(&m_fixture.registry(true), QStringLiteral("Fraud Detection Model"), {1, 2});
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLoading() && dialog.comparison()->rowCount() > 0, 15000);
        const CompareModel &model = *dialog.comparison();
        const int flavors = rowOf(model, ComparisonRow::Section::Model, QStringLiteral("flavors"));
        QVERIFY(flavors >= 0);
        for (int v = 0; v < 2; ++v) {
            QVERIFY2(model.index(flavors, CompareModel::FirstVersionColumn + v)
                         .data()
                         .toString()
                         .contains(QLatin1String("python_function")),
                     qPrintable(model.index(flavors, CompareModel::FirstVersionColumn + v).data().toString()));
        }
        const int inputs = rowOf(model, ComparisonRow::Section::Model, QStringLiteral("signature inputs"));
        QVERIFY(inputs >= 0);
        QVERIFY(!model.index(inputs, CompareModel::FirstVersionColumn).data().toString().isEmpty());
        QCOMPARE(model.index(flavors, CompareModel::SectionColumn).data().toString(),
                 QStringLiteral("Model"));
    }

    void versionsSideBySide_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void versionsSideBySide()
    {
        QFETCH(bool, server);
        CompareDialog dialog(&m_fixture.registry(server), Churn, {1, 3, 4});
        QAbstractItemModelTester tester(dialog.comparison(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QSignalSpy loaded(&dialog, &CompareDialog::loaded);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !dialog.isLoading(), 15000);
        CompareModel &model = *dialog.comparison();
        QCOMPARE(model.columnCount(), CompareModel::FirstVersionColumn + 3);
        QCOMPARE(
            model.headerData(CompareModel::FirstVersionColumn + 1, Qt::Horizontal, Qt::DisplayRole)
                .toString(),
            QStringLiteral("Version 3"));

        // Highlighted exactly where the values differ.
        for (int row = 0; row < model.rowCount(); ++row) {
            const ComparisonRow &compared = model.rowAt(row);
            bool differs = false;
            for (int v = 1; v < 3; ++v) {
                differs = differs
                    || model.index(row, CompareModel::FirstVersionColumn + v).data(RawValueRole)
                        != model.index(row, CompareModel::FirstVersionColumn).data(RawValueRole);
            }
            QCOMPARE(model.index(row, 0).data(DiffersRole).toBool(), differs);
            QCOMPARE(compared.differs, differs);
        }
        const int stage = rowOf(model, ComparisonRow::Section::Field, QStringLiteral("stage"));
        QVERIFY(model.index(stage, 0).data(DiffersRole).toBool());
        const int seed
            = rowOf(model, ComparisonRow::Section::Param, QStringLiteral("random_state"));
        QVERIFY(seed >= 0 && !model.index(seed, 0).data(DiffersRole).toBool());
        // A param version 1's run lacks: no value there.
        const int rate
            = rowOf(model, ComparisonRow::Section::Param, QStringLiteral("learning_rate"));
        QCOMPARE(model.index(rate, CompareModel::FirstVersionColumn).data().toString(),
                 QStringLiteral("—"));
        // A metric's change against the first version, in the cell.
        const int auc = rowOf(model, ComparisonRow::Section::Metric, QStringLiteral("auc"));
        QVERIFY2(
            model.index(auc, CompareModel::FirstVersionColumn + 1).data().toString().contains(u'Δ'),
            qPrintable(model.index(auc, CompareModel::FirstVersionColumn + 1).data().toString()));
        QVERIFY(
            !model.index(auc, CompareModel::FirstVersionColumn).data().toString().contains(u'Δ'));

        // Only differences hides exactly the rows that are the same.
        const int all = model.rowCount();
        int same = 0;
        for (int row = 0; row < all; ++row)
            same += model.rowAt(row).differs ? 0 : 1;
        QVERIFY(same > 0);
        dialog.findChild<QCheckBox *>(QStringLiteral("compareOnlyDifferences"))->setChecked(true);
        QCOMPARE(model.rowCount(), all - same);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.rowAt(row).differs);

        // The chart overlays one history per version that has it.
        dialog.setChartMetric(QStringLiteral("val_loss"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLoading() && !dialog.plot()->isDrawing(), 15000);
        QTRY_COMPARE(dialog.plot()->lines().size(), 3);
        QCOMPARE(dialog.plot()->lines().first().name, QStringLiteral("v1"));
        QCOMPARE(dialog.plot()->chart()->lines().size(), 3);

        // Copy: a header and one line per row shown.
        const QStringList copied = dialog.tableText().trimmed().split(u'\n');
        QCOMPARE(copied.size(), model.rowCount() + 1);
        QVERIFY(copied.first().endsWith(QLatin1String("Version 4")));

        if (!server && !qEnvironmentVariableIsEmpty("MODELDESK_SCREENSHOTS")) {
            dialog.findChild<QCheckBox *>(QStringLiteral("compareOnlyDifferences"))
                ->setChecked(false);
            QTest::qWait(200);
            dialog.grab().save(qEnvironmentVariable("MODELDESK_SCREENSHOTS")
                               + QStringLiteral("/compare.png"));
        }
    }

    // In the window: two versions selected, Ctrl+D (Version ▸ Compare) opens the dialog.
    void theWindowComparesTheSelection()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.openRegistry(m_fixture.store, Churn);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 15000);
        auto *compare = window.findChild<QAction *>(QStringLiteral("compareAction"));
        QVERIFY(compare);
        QVERIFY(!compare->isEnabled()); // one model, no versions selected
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        QVERIFY(versions);
        QTRY_VERIFY(versions->model()->rowCount() >= 2);
        versions->selectionModel()->select(
            QItemSelection(versions->model()->index(0, 0), versions->model()->index(1, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_VERIFY(compare->isEnabled());
        compare->trigger();
        auto *dialog = window.findChild<CompareDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 15000);
        QCOMPARE(dialog->comparison()->comparison().versions.size(), 2);
    }
};

QTEST_MAIN(TestCompareDialog)
#include "tst_comparedialog.moc"
