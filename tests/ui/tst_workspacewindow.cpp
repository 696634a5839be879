// The window on a registry with several MLflow workspaces (MLflow 3.9 and later), offscreen:
// the selector appears only when there is a choice, switching shows the other workspace's
// models, the choice is remembered per registry, and a remembered workspace that is gone
// falls back to 'default'. On a copy of MLflow 3.12's store, as a file and through the fake
// MLflow server with workspaces enabled.
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/transcripts.h"

#include "registry/sql/sqlbackend.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/workspaces/workspaceselector.h"

#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;

namespace {

QStringList column(QTableView *view)
{
    QStringList values;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        values << view->model()->index(row, 0).data().toString();
    return values;
}

} // namespace

class TestWorkspaceWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_copies = 0;
    std::unique_ptr<TestSupport::FakeMlflowServer> m_server;

    // MLflow 3.12's store with workspace team-a holding two models of its own.
    QString twoWorkspaces()
    {
        const QString path = m_dir.filePath(QStringLiteral("two%1.db").arg(++m_copies));
        if (!QFile::copy(TestSupport::fixturesDir() + QStringLiteral("/mlflow-latest/mlflow.db"),
                         path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const bool ok = TestSupport::execAll(
            path,
            {QStringLiteral("INSERT INTO workspaces (name) VALUES ('team-a')"),
             QStringLiteral("INSERT INTO registered_models (name, creation_time, "
                            "last_updated_time, workspace) VALUES ('a-ranker', 1, 1, "
                            "'team-a'), ('a-scorer', 1, 1, 'team-a')")});
        return ok ? path : QString();
    }

    static void openAndWait(MainWindow &window, const QString &location)
    {
        window.openRegistry(location);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
    }

    static QComboBox *combo(MainWindow &window)
    {
        return window.findChild<QComboBox *>(QStringLiteral("workspaceCombo"));
    }

    static QTableView *models(MainWindow &window)
    {
        return window.findChild<QTableView *>(QStringLiteral("modelList"));
    }

    // Picks `workspace` in the status bar's combo as a user would, and waits for it.
    static void pick(MainWindow &window, const QString &workspace)
    {
        QComboBox *box = combo(window);
        const int index = box->findText(workspace);
        QVERIFY(index >= 0);
        box->setFocus();
        while (box->currentIndex() != index)
            QTest::keyClick(box, box->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_COMPARE(window.findChild<WorkspaceSelector *>()->current(), workspace);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures (MLflow 3.12's store) are not available.");
        QVERIFY(m_dir.isValid());
    }

    void oneWorkspaceShowsNoSelector()
    {
        const QString path = m_dir.filePath(QStringLiteral("plain.db"));
        QVERIFY(SqlBackend::initialize(path).ok());
        MainWindow window;
        window.show();
        openAndWait(window, path);
        QVERIFY(!window.findChild<WorkspaceSelector *>()->isVisible());
        QVERIFY(!window.findChild<QMenu *>(QStringLiteral("workspaceMenu"))->isEnabled());
    }

    void switchingShowsTheOtherWorkspace_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void switchingShowsTheOtherWorkspace()
    {
        QFETCH(bool, server);
        const QString path = twoWorkspaces();
        QVERIFY(!path.isEmpty());
        QString location = path;
        if (server) {
            m_server = std::make_unique<TestSupport::FakeMlflowServer>(path);
            m_server->setVersionText("3.12.1");
            m_server->setWorkspaces(true);
            QVERIFY(m_server->listen() != 0);
            location = m_server->url().toString();
        }
        {
            MainWindow window;
            window.resize(1280, 800);
            window.show();
            openAndWait(window, location);
            QTRY_VERIFY(combo(window)->isVisible());
            QCOMPARE(combo(window)->currentText(), QStringLiteral("default"));
            QCOMPARE(combo(window)->count(), 2);
            QVERIFY(column(models(window)).contains(QStringLiteral("customer_churn_predictor")));

            pick(window, QStringLiteral("team-a"));
            QTRY_COMPARE(column(models(window)),
                         (QStringList {QStringLiteral("a-ranker"), QStringLiteral("a-scorer")}));
            QVERIFY(window.windowTitle().contains(QLatin1String("workspace team-a")));
            if (server) {
                const auto requests = m_server->requests();
                QCOMPARE(requests.last().header("X-MLFLOW-WORKSPACE"), QByteArray("team-a"));
            }
        }
        // Remembered: the next window on this registry shows team-a again; the menu goes back.
        MainWindow again;
        again.show();
        openAndWait(again, location);
        QTRY_COMPARE(column(models(again)),
                     (QStringList {QStringLiteral("a-ranker"), QStringLiteral("a-scorer")}));
        QMenu *menu = again.findChild<QMenu *>(QStringLiteral("workspaceMenu"));
        QVERIFY(menu->isEnabled());
        QAction *back = nullptr;
        for (QAction *action : menu->actions()) {
            QCOMPARE(action->isChecked(), action->text() == QLatin1String("team-a"));
            if (action->text() == QLatin1String("default"))
                back = action;
        }
        QVERIFY(back);
        back->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(again.isIdle(), 10000);
        QTRY_VERIFY(column(models(again)).contains(QStringLiteral("customer_churn_predictor")));
        m_server.reset();
    }

    void aWorkspaceThatIsGoneFallsBackToDefault()
    {
        const QString path = twoWorkspaces();
        {
            MainWindow window;
            window.show();
            openAndWait(window, path);
            pick(window, QStringLiteral("team-a"));
        }
        QVERIFY(TestSupport::execAll(
            path,
            {QStringLiteral("DELETE FROM registered_models WHERE workspace = 'team-a'"),
             QStringLiteral("DELETE FROM workspaces WHERE name = 'team-a'")}));
        MainWindow window;
        window.show();
        window.openRegistry(path);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_VERIFY(column(models(window)).contains(QStringLiteral("customer_churn_predictor")));
        QVERIFY(window.messageBar()->isVisible());
        QVERIFY(window.messageBar()->text().contains(QLatin1String("team-a")));
        QVERIFY(!window.findChild<WorkspaceSelector *>()->isVisible());
    }

    // A file that is not there is reported as such; the workspace it was last shown in is
    // still remembered for when it is back, and each workspace keeps its own last selection.
    void aMissingFileIsNotAMissingWorkspace()
    {
        const QString path = twoWorkspaces();
        {
            MainWindow window;
            window.show();
            openAndWait(window, path);
            pick(window, QStringLiteral("team-a"));
            QTRY_COMPARE(models(window)->model()->rowCount(), 2);
            models(window)->setCurrentIndex(models(window)->model()->index(1, 0));
            QTRY_COMPARE(models(window)->currentIndex().data().toString(),
                         QStringLiteral("a-scorer"));
        }
        const QString moved = path + QStringLiteral(".away");
        QVERIFY(QFile::rename(path, moved));
        {
            MainWindow window;
            window.show();
            QSignalSpy opened(&window, &MainWindow::registryOpened);
            window.openRegistry(path);
            QTRY_COMPARE(opened.size(), 1);
            QTest::qWait(50); // a fallback would be on its way now
            QVERIFY(window.messageBar()->isVisible());
            QVERIFY(window.messageBar()->text().contains(QLatin1String("does not exist")));
            QVERIFY2(!window.messageBar()->text().contains(QLatin1String("'default' is shown")),
                     qPrintable(window.messageBar()->text()));
        }
        QVERIFY(QFile::rename(moved, path));
        MainWindow window;
        window.show();
        openAndWait(window, path);
        QTRY_COMPARE(window.findChild<QComboBox *>(QStringLiteral("workspaceCombo"))->currentText(),
                     QStringLiteral("team-a"));
        QTRY_COMPARE(models(window)->currentIndex().data().toString(), QStringLiteral("a-scorer"));
        // In 'default', the selection made there, not team-a's.
        pick(window, QStringLiteral("default"));
        QVERIFY(models(window)->currentIndex().data().toString() != QLatin1String("a-scorer"));
    }
};

QTEST_MAIN(TestWorkspaceWindow)
#include "tst_workspacewindow.moc"
