// The snapshot screens, offscreen: File ▸ Take Snapshot… shows its progress and leaves a
// snapshot that opens in a new window with its read-only banner; Cancel leaves no file.
#include "registry/demo/demogenerator.h"
#include "tests/rest/awaitresult.h"
#include "tests/ui/otherwindows.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/snapshot/snapshotdialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::windowsOtherThan;

class TestSnapshotUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    qint64 m_versions = 0; // the store's versions, deleted ones apart

    // Shows `window` on the store and opens File ▸ Take Snapshot… in it.
    void openDialog(MainWindow &window, SnapshotDialog **dialog)
    {
        window.show();
        window.openRegistry(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        window.findChild<QAction *>(QStringLiteral("snapshotAction"))->trigger();
        QTRY_VERIFY((*dialog = window.findChild<SnapshotDialog *>()) != nullptr);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("live.db"));
        DemoOptions demo;
        demo.models = 40;
        demo.versionsPerModel = 4;
        demo.metricSteps = 60;
        VERIFY_OK(createDemoStore(m_store, demo));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("count"));
            db.setDatabaseName(m_store);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral(
                "SELECT count(*) FROM model_versions WHERE current_stage != 'Deleted_Internal' "
                "AND name NOT IN (SELECT name FROM registered_model_tags WHERE key = "
                "'mlflow.prompt.is_prompt')")));
            QVERIFY(query.next());
            m_versions = query.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("count"));
        QVERIFY(m_versions > 100);
        qputenv("MODELDESK_USER", "auditor");
    }

    void takesAndOpensASnapshot()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.openRegistry(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        auto *action = window.findChild<QAction *>(QStringLiteral("snapshotAction"));
        QVERIFY(action && action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
        action->trigger();
        SnapshotDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<SnapshotDialog *>()) != nullptr);
        // A name of its own, in the remembered folder.
        QVERIFY(dialog->path().endsWith(QLatin1String(".db")));
        QVERIFY(dialog->path().contains(QLatin1String("live-snapshot-")));
        const QString out = m_dir.filePath(QStringLiteral("taken.db"));
        dialog->setPath(out);
        QList<int> steps;
        auto *bar = dialog->findChild<QProgressBar *>(QStringLiteral("snapshotProgress"));
        connect(bar, &QProgressBar::valueChanged, this, [&](int value) { steps << value; });
        const QString shots = qEnvironmentVariable("MODELDESK_SCREENSHOTS");
        if (!shots.isEmpty())
            dialog->grab().save(shots + QStringLiteral("/snapshot-dialog.png"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog->isRunning());
        QVERIFY(bar->isVisible());
        if (!shots.isEmpty())
            dialog->grab().save(shots + QStringLiteral("/snapshot-progress.png"));
        QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("snapshotPath"))->isEnabled());
        QMessageBox *saved = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (saved = window.findChild<QMessageBox *>(QStringLiteral("snapshotSavedBox")))
                != nullptr,
            20000);
        QVERIFY(QFileInfo::exists(out));
        QVERIFY(!steps.isEmpty());
        QVERIFY2(saved->text().contains(QLatin1String("40 models")), qPrintable(saved->text()));
        QVERIFY2(saved->text().contains(QStringLiteral("%1 versions").arg(m_versions)),
                 qPrintable(saved->text()));

        // Open in New Window: a second window on the snapshot, beside the live one.
        QPushButton *open = nullptr;
        for (QAbstractButton *button : saved->buttons()) {
            if (button->text() == QLatin1String("Open in New Window"))
                open = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(open);
        open->click();
        QList<MainWindow *> others;
        QTRY_COMPARE((others = windowsOtherThan(&window)).size(), 1);
        MainWindow *second = others.first();
        QTRY_VERIFY_WITH_TIMEOUT(second->isIdle(), 10000);
        QVERIFY2(second->windowTitle().contains(QLatin1String("[snapshot]")),
                 qPrintable(second->windowTitle()));
        auto *banner = second->findChild<MessageBar *>(QStringLiteral("banner"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("Snapshot of ")), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QLatin1String("by auditor")));
        QVERIFY(banner->text().contains(QLatin1String("Read-only")));
        // The live window is unchanged and still writable.
        QVERIFY(!window.windowTitle().contains(QLatin1String("[")));
        auto *newModel = second->findChild<QAction *>(QStringLiteral("newModelAction"));
        QVERIFY(newModel);
        QVERIFY(!newModel->isEnabled());
        second->close();
        QTRY_VERIFY(windowsOtherThan(&window).isEmpty());
    }

    void cancelLeavesNoFile()
    {
        MainWindow window;
        SnapshotDialog *dialog = nullptr;
        openDialog(window, &dialog);
        QVERIFY(dialog);
        const QString folder = m_dir.filePath(QStringLiteral("cancelled"));
        QVERIFY(QDir().mkpath(folder));
        dialog->setPath(folder + QStringLiteral("/never.db"));
        QPointer<SnapshotDialog> guard(dialog);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        buttons->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog->isRunning());
        buttons->button(QDialogButtonBox::Cancel)->click();
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 10000);
        QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("snapshotSavedBox")));
        QTRY_COMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void refusesAnExistingFile()
    {
        MainWindow window;
        SnapshotDialog *dialog = nullptr;
        openDialog(window, &dialog);
        QVERIFY(dialog);
        dialog->setPath(m_store);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(!dialog->isRunning());
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("snapshotStatus"));
        QVERIFY(status->isVisible());
        QVERIFY(status->text().contains(QLatin1String("already exists")));
        dialog->reject();
    }
};

int main(int argc, char *argv[])
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestSnapshotUi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_snapshotui.moc"
