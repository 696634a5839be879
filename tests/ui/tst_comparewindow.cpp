// File ▸ Compare Registries…, offscreen: a demo store compared with a copy changed by a few
// writes (a tag, a stage, a description, a new model). The tree shows the changes a user would
// see, grouped by model with old and new values; the filter narrows them; a description change
// fills the two sides; activating a row shows its item here or opens the other registry in a
// new window; the export writes the rows; Cancel stops; two equal registries say so. With
// MODELDESK_SCREENSHOTS set, the window is saved as PNGs in light and dark, at two sizes.
#include "models/registrydiff/registrydifffilter.h"
#include "models/roles.h"
#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlregistry.h"
#include "tests/rest/awaitresult.h"
#include "tests/ui/otherwindows.h"
#include "ui/details/detailspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/registrydiff/comparewindow.h"
#include "ui/registrydiff/valuediffview.h"
#include "ui/theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::windowsOtherThan;

namespace {

// The tree as a user reads it: each model row, then its changes indented, cells joined by |.
QStringList shownRows(const QAbstractItemModel *model)
{
    QStringList lines;
    for (int group = 0; group < model->rowCount(); ++group) {
        const QModelIndex parent = model->index(group, 0);
        lines << parent.data().toString();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            QStringList cells;
            for (int column = 0; column < model->columnCount(parent); ++column)
                cells << model->index(row, column, parent).data().toString();
            lines << QStringLiteral("  ") + cells.join(QLatin1Char('|'));
        }
    }
    return lines;
}

// The row of the change of `kind`, in the tree's own (filtered) model.
QModelIndex rowOf(const QTreeView *tree, RegistryChange::Kind kind, int column = 0)
{
    const QAbstractItemModel *model = tree->model();
    for (int group = 0; group < model->rowCount(); ++group) {
        const QModelIndex parent = model->index(group, 0);
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, column, parent);
            if (index.data(ChangeKindRole).toInt() == int(kind))
                return index;
        }
    }
    return {};
}

} // namespace

class TestCompareWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_original;
    QString m_copy;
    QString m_tagged; // the model whose tag changed
    QString m_staged; // its version 1 changed stage …
    QString m_oldStage; // … from this stage
    QString m_newStage; // … to this one
    QString m_described; // the model whose description changed
    QString m_description; // its description in the original
    const QString m_newModel = QStringLiteral("compare-new-model");
    const QString m_newDescription
        = QStringLiteral("Scores customers weekly.\nOwned by the retention team.");

    CompareWindow *openCompare(MainWindow &window)
    {
        auto *action = window.findChild<QAction *>(QStringLiteral("compareRegistriesAction"));
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        auto *compare = window.findChild<CompareWindow *>();
        return compare && compare->isVisible() ? compare : nullptr;
    }

    // Saved once the window has settled for `settleMs` (a busy state is taken at once).
    void screenshot(QWidget *widget, const QString &name, int settleMs = 200)
    {
        const QString folder = qEnvironmentVariable("MODELDESK_SCREENSHOTS");
        if (folder.isEmpty())
            return;
        if (settleMs > 0)
            QTest::qWait(settleMs);
        QVERIFY(widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("MODELDESK_USER", "reviewer");
        m_original = m_dir.filePath(QStringLiteral("live.db"));
        m_copy = m_dir.filePath(QStringLiteral("candidate.db"));
        DemoOptions demo;
        demo.models = 6;
        demo.versionsPerModel = 3;
        demo.metricSteps = 5;
        VERIFY_OK(createDemoStore(m_original, demo));
        using TestSupport::await;
        {
            SqlRegistry original(m_original);
            VERIFY_OK(await(original.open()));
            SearchRequest request;
            request.orderBy = {QStringLiteral("name ASC")};
            const auto models = await(original.searchModels(request));
            VERIFY_OK(models);
            QVERIFY(models->items.size() >= 3);
            m_tagged = models->items.at(0).name;
            m_staged = m_tagged;
            m_described = models->items.at(1).name;
            m_description = models->items.at(1).description;
            QVERIFY(m_description.contains(QLatin1Char('\n')));
            const auto version = await(original.version(m_staged, 1));
            VERIFY_OK(version);
            m_oldStage = version->currentStage;
            m_newStage = m_oldStage == Stage::Production ? Stage::Staging : Stage::Production;
            VERIFY_OK(await(original.setModelTag(m_tagged, QStringLiteral("review"),
                                                 QStringLiteral("pending"))));
        }
        QVERIFY(QFile::copy(m_original, m_copy));
        SqlRegistry copy(m_copy);
        VERIFY_OK(await(copy.open()));
        VERIFY_OK(
            await(copy.setModelTag(m_tagged, QStringLiteral("review"), QStringLiteral("done"))));
        VERIFY_OK(await(copy.transitionStage(m_staged, 1, m_newStage, ArchiveExisting::No)));
        VERIFY_OK(await(copy.updateModelDescription(m_described, m_newDescription, {})));
        VERIFY_OK(
            await(copy.createModel(m_newModel, QStringLiteral("Only in the candidate."), {})));
    }

    void startsEmptyAndRemembersNothingYet()
    {
        MainWindow window;
        window.show();
        QAction *action = window.findChild<QAction *>(QStringLiteral("compareRegistriesAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+D")));
        QVERIFY(!action->isEnabled()); // nothing open to compare
        window.openRegistry(m_original);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QVERIFY(action->isEnabled());
        CompareWindow *compare = openCompare(window);
        QVERIFY(compare);
        compare->resize(900, 600);
        auto *intro = compare->findChild<QLabel *>(QStringLiteral("compareIntro"));
        QVERIFY(intro && intro->isVisible());
        QCOMPARE(intro->text(),
                 QStringLiteral("Pick a registry to compare this one with: a "
                                "snapshot, a file or a server."));
        QVERIFY(compare->otherLocation().isEmpty());
        screenshot(compare, QStringLiteral("compare-intro-900x600"));
        // Compare with nothing chosen says what to do instead of failing silently.
        compare->findChild<QPushButton *>(QStringLiteral("compareButton"))->click();
        auto *messages = compare->findChild<MessageBar *>(QStringLiteral("compareMessages"));
        QVERIFY(messages->isVisible());
        QVERIFY2(messages->text().contains(QLatin1String("Pick a registry")),
                 qPrintable(messages->text()));
        window.closeRegistry();
        QVERIFY(!action->isEnabled());
    }

    void comparesWithAChangedCopy()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.openRegistry(m_original);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        CompareWindow *compare = openCompare(window);
        QVERIFY(compare);
        compare->resize(1280, 800);

        // The copy is typed in; swapped, this registry is A and the changed copy B.
        auto *location = compare->findChild<QComboBox *>(QStringLiteral("compareLocation"));
        location->lineEdit()->clear();
        QTest::keyClicks(location->lineEdit(), m_copy);
        auto *sides = compare->findChild<QLabel *>(QStringLiteral("compareSides"));
        QVERIFY2(sides->text().contains(QLatin1String("A (older): <b>candidate.db</b>")),
                 qPrintable(sides->text()));
        QTest::mouseClick(compare->findChild<QPushButton *>(QStringLiteral("compareSwap")),
                          Qt::LeftButton);
        QVERIFY2(sides->text().contains(QLatin1String("A (older): <b>live.db (this window)</b>")),
                 qPrintable(sides->text()));
        QCOMPARE(compare->thisSide(), ComparedSide::A);

        QSignalSpy compared(compare, &CompareWindow::compared);
        QTest::mouseClick(compare->findChild<QPushButton *>(QStringLiteral("compareButton")),
                          Qt::LeftButton);
        auto *progress = compare->findChild<QProgressBar *>(QStringLiteral("compareProgress"));
        QVERIFY(progress->isVisible());
        QVERIFY(compare->findChild<QPushButton *>(QStringLiteral("compareCancel"))->isVisible());
        QVERIFY(!compare->findChild<QPushButton *>(QStringLiteral("compareBrowse"))->isEnabled());
        screenshot(compare, QStringLiteral("compare-busy-1280x800"), 0);
        QTRY_COMPARE_WITH_TIMEOUT(compared.size(), 1, 20000);
        QCOMPARE(compared.at(0).at(0).toBool(), true);
        QVERIFY(!progress->isVisible());

        QTreeView *tree = compare->tree();
        QVERIFY(tree->isVisible());
        const QString firstLine = m_description.section(QLatin1Char('\n'), 0, 0).trimmed();
        const QString cut = firstLine.size() > 79 ? firstLine.left(79) : firstLine;
        // The models in name order, each with its changes.
        QList<QStringList> groups = {
            {m_tagged + QStringLiteral(" — 2 changes"),
             QStringLiteral("  Tag changed||review|pending|done"),
             QStringLiteral("  Stage changed|1||%1|%2").arg(m_oldStage, m_newStage)},
            {m_described + QStringLiteral(" — 1 change"),
             QStringLiteral("  Description changed|||%1…|Scores customers weekly.…").arg(cut)},
            {m_newModel + QStringLiteral(" — 1 change"), QStringLiteral("  Model added||||")},
        };
        std::sort(groups.begin(), groups.end());
        QStringList expected;
        for (const QStringList &group : std::as_const(groups))
            expected += group;
        QCOMPARE(shownRows(tree->model()), expected);
        auto *summary = compare->findChild<QLabel *>(QStringLiteral("compareSummary"));
        QVERIFY2(summary->text().startsWith(QLatin1String("4 changes in 3 models from A "
                                                          "(live.db) to B (candidate.db)")),
                 qPrintable(summary->text()));
        // Kind colours, and counts on the kind buttons.
        const QModelIndex added = rowOf(tree, RegistryChange::Kind::ModelAdded);
        QCOMPARE(added.data(Qt::ForegroundRole).value<QColor>(),
                 changeGroupColor(ChangeGroup::Added, QGuiApplication::palette()));
        auto *changedKind = compare->findChild<QToolButton *>(QStringLiteral("compareKindChanged"));
        QCOMPARE(changedKind->text(), QStringLiteral("Changed 3"));
        QVERIFY(
            !compare->findChild<QToolButton *>(QStringLiteral("compareKindRenamed"))->isEnabled());
        screenshot(compare, QStringLiteral("compare-light-1280x800"));

        // The text filter narrows the rows; the kind buttons too.
        auto *filter = compare->findChild<QLineEdit *>(QStringLiteral("compareFilter"));
        QTest::keyClicks(filter, QStringLiteral("done"));
        QCOMPARE(shownRows(tree->model()),
                 QStringList({m_tagged + QStringLiteral(" — 2 changes"),
                              QStringLiteral("  Tag changed||review|pending|done")}));
        QVERIFY2(summary->text().contains(QLatin1String("1 shown")), qPrintable(summary->text()));
        QTest::keyClicks(filter, QStringLiteral("-nowhere"));
        QCOMPARE(tree->model()->rowCount(), 0);
        QVERIFY(compare->findChild<QLabel *>(QStringLiteral("compareNoMatch"))->isVisible());
        filter->clear();
        QTest::mouseClick(changedKind, Qt::LeftButton);
        QCOMPARE(shownRows(tree->model()),
                 QStringList({m_newModel + QStringLiteral(" — 1 change"),
                              QStringLiteral("  Model added||||")}));
        QTest::mouseClick(changedKind, Qt::LeftButton);
        QCOMPARE(compare->filter()->shownChanges().size(), 4);

        // The description change, selected, fills the two sides with its changed lines marked.
        const QModelIndex description = rowOf(tree, RegistryChange::Kind::DescriptionChanged);
        QVERIFY(description.isValid());
        tree->scrollTo(description);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualRect(description).center());
        ValueDiffView *values = compare->values();
        QVERIFY(values->isVisible());
        QVERIFY2(values->oldText().contains(firstLine), qPrintable(values->oldText()));
        QVERIFY(values->newText().startsWith(QLatin1String("Scores customers weekly.\nOwned by")));
        // The two sides keep their lines side by side, and scroll together.
        QCOMPARE(values->oldText().count(QLatin1Char('\n')),
                 values->newText().count(QLatin1Char('\n')));
        auto *oldSide = compare->findChild<QPlainTextEdit *>(QStringLiteral("compareOldValue"));
        auto *newSide = compare->findChild<QPlainTextEdit *>(QStringLiteral("compareNewValue"));
        QTRY_VERIFY(oldSide->verticalScrollBar()->maximum() > 0);
        const int bottom = oldSide->verticalScrollBar()->maximum();
        QCOMPARE(newSide->verticalScrollBar()->maximum(), bottom);
        oldSide->verticalScrollBar()->setValue(bottom);
        QCOMPARE(newSide->verticalScrollBar()->value(), bottom);
        oldSide->verticalScrollBar()->setValue(0);
        QVERIFY(!values->markedOldLines().isEmpty());
        QVERIFY(!values->markedNewLines().isEmpty());
        auto *oldTitle = compare->findChild<QLabel *>(QStringLiteral("compareOldTitle"));
        QCOMPARE(oldTitle->text(), QStringLiteral("Old — in A: live.db"));
        screenshot(compare, QStringLiteral("compare-description-1280x800"));
        // Long values have their whole text in the tooltip.
        QCOMPARE(rowOf(tree, RegistryChange::Kind::DescriptionChanged, RegistryDiffModel::NewColumn)
                     .data(Qt::ToolTipRole)
                     .toString(),
                 m_newDescription);

        // Export: the rows as CSV, and the CLI's JSON.
        QString error;
        const QString csv = m_dir.filePath(QStringLiteral("changes.csv"));
        QVERIFY2(compare->exportTo(csv, CompareWindow::ExportFormat::Csv, &error),
                 qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvText = csvFile.readAll();
        // A header and four changes (the description's own line breaks are quoted, bare \n).
        QCOMPARE(csvText.count("\r\n"), 5);
        QVERIFY(csvText.startsWith("kind,model,version,key,old,new\r\n"));
        QVERIFY(csvText.contains(
            QStringLiteral("\r\ntag_changed,%1,,review,pending,done\r\n").arg(m_tagged).toUtf8()));
        QVERIFY(csvText.contains(
            QStringLiteral("\r\nmodel_added,%1,,,,\r\n").arg(m_newModel).toUtf8()));
        const QString json = m_dir.filePath(QStringLiteral("changes.json"));
        QVERIFY(compare->exportTo(json, CompareWindow::ExportFormat::Json, &error));
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QByteArray jsonText = jsonFile.readAll();
        QVERIFY(jsonText.startsWith("{\n  \"changes\": ["));
        QCOMPARE(jsonText.count("\"kind\""), 4);

        // A change this registry holds is shown here …
        const QModelIndex stage = rowOf(tree, RegistryChange::Kind::StageChanged);
        tree->scrollTo(stage);
        QSignalSpy shownHere(compare, &CompareWindow::showInThisWindow);
        // A double-click as a mouse sends it: a click, then the second press.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(stage).center());
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(stage).center());
        QCOMPARE(shownHere.size(), 1);
        QCOMPARE(shownHere.at(0).at(0).toString(), m_staged + QStringLiteral("/1"));
        auto *details = window.findChild<DetailsPane *>();
        QTRY_VERIFY_WITH_TIMEOUT(details->modelName() == m_staged && details->version() == 1,
                                 10000);
        QVERIFY(windowsOtherThan(&window).isEmpty());

        // … one only the other registry holds opens it in a second window, selected.
        const QModelIndex onlyThere = rowOf(tree, RegistryChange::Kind::ModelAdded);
        tree->scrollTo(onlyThere);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualRect(onlyThere).center());
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {},
                           tree->visualRect(onlyThere).center());
        QList<MainWindow *> others;
        QTRY_COMPARE((others = windowsOtherThan(&window)).size(), 1);
        MainWindow *second = others.first();
        QTRY_VERIFY_WITH_TIMEOUT(second->isIdle(), 10000);
        QVERIFY2(second->windowTitle().contains(QLatin1String("candidate.db")),
                 qPrintable(second->windowTitle()));
        QTRY_COMPARE_WITH_TIMEOUT(second->findChild<DetailsPane *>()->modelName(), m_newModel,
                                  10000);
        second->close();
        QTRY_VERIFY(windowsOtherThan(&window).isEmpty());

        // The state is remembered: the next compare window offers the same registry.
        compare->close();
        QTRY_VERIFY(!window.findChild<CompareWindow *>());
        CompareWindow *again = openCompare(window);
        QVERIFY(again);
        QCOMPARE(again->otherLocation(), m_copy);
        again->close();
    }

    void looksInDarkAndSmall()
    {
        if (qEnvironmentVariableIsEmpty("MODELDESK_SCREENSHOTS"))
            QSKIP("MODELDESK_SCREENSHOTS is not set");
        MainWindow window;
        window.show();
        window.openRegistry(m_original);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        for (const QString &theme : {QStringLiteral("dark"), QStringLiteral("light")}) {
            Theme::apply(theme);
            CompareWindow *compare = openCompare(window);
            QVERIFY(compare);
            compare->setOtherLocation(m_copy);
            if (compare->thisSide() == ComparedSide::B)
                compare->swapSides();
            QSignalSpy compared(compare, &CompareWindow::compared);
            compare->compare();
            QTRY_COMPARE_WITH_TIMEOUT(compared.size(), 1, 20000);
            const QModelIndex description
                = rowOf(compare->tree(), RegistryChange::Kind::DescriptionChanged);
            compare->tree()->setCurrentIndex(description);
            for (const QSize size : {QSize(1280, 800), QSize(900, 600)}) {
                compare->resize(size);
                screenshot(compare,
                           QStringLiteral("compare-%1-%2x%3")
                               .arg(theme)
                               .arg(size.width())
                               .arg(size.height()));
            }
            compare->close();
            QTRY_VERIFY(!window.findChild<CompareWindow *>());
        }
    }

    void cancelStopsAndEqualRegistriesSaySo()
    {
        MainWindow window;
        window.show();
        window.openRegistry(m_original);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        CompareWindow *compare = openCompare(window);
        QVERIFY(compare);
        QSignalSpy compared(compare, &CompareWindow::compared);
        compare->setOtherLocation(m_copy);
        compare->compare();
        QVERIFY(compare->isComparing());
        QTest::keyClick(compare, Qt::Key_Escape);
        QVERIFY(!compare->isComparing());
        QVERIFY(compare->findChild<QLabel *>(QStringLiteral("compareIntro"))->isVisible());
        auto *messages = compare->findChild<MessageBar *>(QStringLiteral("compareMessages"));
        QVERIFY(messages->text().contains(QLatin1String("cancelled")));
        QTest::qWait(300);
        QCOMPARE(compared.size(), 0); // its answers never arrive

        // The registry compared with itself.
        compare->setOtherLocation(m_original);
        compare->compare();
        QTRY_COMPARE_WITH_TIMEOUT(compared.size(), 1, 20000);
        auto *same = compare->findChild<QLabel *>(QStringLiteral("compareSame"));
        QVERIFY(same->isVisible());
        QCOMPARE(same->text(),
                 QStringLiteral("No differences: the two registries hold the same "
                                "models, versions, tags, aliases and "
                                "descriptions."));
        QVERIFY(!messages->isVisible());
        compare->resize(900, 600);
        screenshot(compare, QStringLiteral("compare-same-900x600"));

        // A file that is not there is reported, not shown as an empty comparison.
        compare->setOtherLocation(m_dir.filePath(QStringLiteral("missing.db")));
        compare->compare();
        QTRY_COMPARE_WITH_TIMEOUT(compared.size(), 2, 20000);
        QCOMPARE(compared.at(1).at(0).toBool(), false);
        QVERIFY(messages->isVisible());
        QVERIFY2(messages->text().startsWith(QLatin1String("Could not compare")),
                 qPrintable(messages->text()));
    }
};

int main(int argc, char *argv[])
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestCompareWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_comparewindow.moc"
