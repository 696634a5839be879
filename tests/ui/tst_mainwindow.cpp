// The main window offscreen: opening a registry, searching, selecting a model and a version,
// remembered state, the read-only banner, bad files and bad filters shown in the window, and
// an edit made through the window undone with Ctrl+Z. Every test that applies to servers runs
// twice: on the file, and on the same file served by the fake MLflow server over REST.
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/transcripts.h"

#include "models/roles.h"
#include "registry/sql/sqlbackend.h"
#include "ui/details/detailspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <map>
#include <memory>

using namespace ModelDesk;

class TestMainWindow : public QObject
{
    Q_OBJECT

public:
    enum class Backend { File, Server };
    explicit TestMainWindow(Backend backend) : m_backend(backend) {}

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    QString m_store;
    // One fake server per store file, started on first use, so a file keeps its URL.
    std::map<QString, std::unique_ptr<TestSupport::FakeMlflowServer>> m_servers;

    // Where the window opens `path`: the file itself, or the fake server serving it.
    QString location(const QString &path)
    {
        if (m_backend == Backend::File)
            return path;
        auto &server = m_servers[path];
        if (!server) {
            server = std::make_unique<TestSupport::FakeMlflowServer>(path);
            if (server->listen() == 0)
                qFatal("the fake MLflow server did not start");
        }
        return server->url().toString();
    }

    static QStringList column(QTableView *view, int column)
    {
        QStringList values;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            values << view->model()->index(row, column).data().toString();
        return values;
    }

    static void clickRow(QTableView *view, int row)
    {
        const QModelIndex index = view->model()->index(row, 0);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

    void openAndWait(MainWindow &window, const QString &path, const QString &selection = {})
    {
        QSignalSpy idle(&window, &MainWindow::becameIdle);
        window.openRegistry(location(path), selection);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("window.db"));
        QVERIFY(SqlBackend::initialize(m_store).ok());
        auto backend = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        for (const char *name : {"churn-predictor", "fraud-scorer", "recommender"}) {
            const QString model = QString::fromLatin1(name);
            QVERIFY((*backend)->createModel(model, QStringLiteral("# %1").arg(model),
                                            {{QStringLiteral("team"), QStringLiteral("growth")}}).ok());
            for (int v = 0; v < 3; ++v) {
                CreateVersionRequest request;
                request.name = model;
                request.source = QStringLiteral("s3://models/%1/%2").arg(model).arg(v);
                request.description = QStringLiteral("version %1 of %2").arg(v + 1).arg(model);
                QVERIFY((*backend)->createVersion(request).ok());
            }
        }
        QVERIFY((*backend)->transitionStage(QStringLiteral("fraud-scorer"), 2,
                                            QStringLiteral("Production"), ArchiveExisting::No).ok());
    }

    void browseSearchAndSelect()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        openAndWait(window, m_store);
        auto *models = window.findChild<QTableView *>(QStringLiteral("modelList"));
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchBox"));
        QVERIFY(models && versions && search);
        QCOMPARE(column(models, 0), (QStringList{QStringLiteral("churn-predictor"),
                                                 QStringLiteral("fraud-scorer"),
                                                 QStringLiteral("recommender")}));

        // Ctrl+F focuses the search box; plain text means "name contains".
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("FRAUD"));
        QTRY_COMPARE(column(models, 0), QStringList{QStringLiteral("fraud-scorer")});

        clickRow(models, 0);
        QTRY_COMPARE(versions->model()->rowCount(), 3);
        QCOMPARE(column(versions, 0), (QStringList{QStringLiteral("3"), QStringLiteral("2"),
                                                   QStringLiteral("1")}));
        QCOMPARE(versions->model()->index(1, 1).data().toString(), QStringLiteral("Production"));
        auto *details = window.findChild<DetailsPane *>();
        QVERIFY(details);
        QTRY_COMPARE(details->modelName(), QStringLiteral("fraud-scorer"));
        QTRY_VERIFY(!details->isLoading());
        QCOMPARE(details->currentModel().description, QStringLiteral("# fraud-scorer"));

        clickRow(versions, 1);
        QTRY_COMPARE(details->version(), 2);
        QTRY_VERIFY(!details->isLoading());
        QCOMPARE(details->currentVersion().description,
                 std::optional<QString>(QStringLiteral("version 2 of fraud-scorer")));

        // An MLflow filter; a bad one is explained under the search box.
        search->clear();
        QTest::keyClicks(search, QStringLiteral("name = 'a' OR name = 'b'"));
        auto *error = window.findChild<QLabel *>(QStringLiteral("searchError"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("OR")));
        search->setText(QStringLiteral("tags.team = 'growth' AND name LIKE 'rec%'"));
        QTRY_COMPARE(column(models, 0), QStringList{QStringLiteral("recommender")});
        QVERIFY(!error->isVisible());
        window.close();
    }

    void selectionIsRemembered()
    {
        {
            MainWindow window;
            window.show();
            openAndWait(window, m_store, QStringLiteral("churn-predictor/2"));
            auto *details = window.findChild<DetailsPane *>();
            QTRY_COMPARE(details->version(), 2);
            window.close();
        }
        MainWindow window;
        window.show();
        openAndWait(window, m_store);
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->modelName(), QStringLiteral("churn-predictor"));
        QTRY_COMPARE(details->version(), 2);
    }

    void readOnlyRegistryShowsBannerAndDisablesEdits()
    {
        if (m_backend == Backend::Server)
            QSKIP("Read-only files are a property of files; servers refuse writes with 403.");
        const QString copy = m_dir.filePath(QStringLiteral("readonly.db"));
        QVERIFY(QFile::copy(m_store, copy));
        QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::ReadGroup));
        const QByteArray before = TestSupport::fileHash(copy);
        MainWindow window;
        window.show();
        openAndWait(window, copy, QStringLiteral("recommender"));
        auto *banner = window.findChild<MessageBar *>(QStringLiteral("banner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("Read-only")));
        QVERIFY(window.windowTitle().contains(QStringLiteral("read-only")));
        for (QAction *action : window.findChildren<QAction *>()) {
            const QString text = action->text();
            if (text.contains(QStringLiteral("New Model")) || text.contains(QStringLiteral("Rename"))
                || text.contains(QStringLiteral("Delete")) || text.contains(QStringLiteral("Register")))
                QVERIFY2(!action->isEnabled(), qPrintable(text));
        }
        // The details pane offers no edits either.
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->modelName(), QStringLiteral("recommender"));
        QTRY_VERIFY(!details->isLoading());
        for (const char *name : {"editDescriptionButton", "addTagButton", "addAliasButton",
                                 "transitionButton"}) {
            auto *control = window.findChild<QWidget *>(QString::fromLatin1(name));
            QVERIFY2(!control || !control->isVisible() || !control->isEnabled(), name);
        }
        window.close();
        QCOMPARE(TestSupport::fileHash(copy), before);
    }

    // An edit made in the details pane, undone and redone from the window's Edit menu.
    void editUndoAndRedoThroughTheWindow()
    {
        const QString copy = m_dir.filePath(QStringLiteral("undo.db"));
        QVERIFY(QFile::copy(m_store, copy));
        MainWindow window;
        window.show();
        openAndWait(window, copy, QStringLiteral("fraud-scorer/3"));
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 3);
        auto *edit = window.findChild<QPushButton *>(QStringLiteral("editDescriptionButton"));
        QVERIFY(edit && edit->isVisible() && edit->isEnabled());
        QTest::mouseClick(edit, Qt::LeftButton);
        auto *text = window.findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"));
        QVERIFY(text && text->isVisible());
        text->selectAll();
        QTest::keyClicks(text, QStringLiteral("Retrained on Q3"));
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("saveDescriptionButton")),
                          Qt::LeftButton);
        const auto stored = [&copy] {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadOnly);
            return (*backend)->version(QStringLiteral("fraud-scorer"), 3)->description.value_or(QString());
        };
        QTRY_COMPARE(stored(), QStringLiteral("Retrained on Q3"));

        QAction *undo = nullptr;
        QAction *redo = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Undo))
                undo = action;
            if (action->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Shift+Z"))))
                redo = action;
        }
        QVERIFY(undo && redo);
        QTRY_VERIFY(undo->isEnabled());
        undo->trigger();
        QTRY_COMPARE(stored(), QStringLiteral("version 3 of fraud-scorer"));
        QTRY_VERIFY(redo->isEnabled());
        redo->trigger();
        QTRY_COMPARE(stored(), QStringLiteral("Retrained on Q3"));
        // The window shows what the store holds.
        QTRY_COMPARE(details->currentVersion().description,
                     std::optional<QString>(QStringLiteral("Retrained on Q3")));
    }

    void badFileIsShownInTheWindow()
    {
        if (m_backend == Backend::Server)
            QSKIP("A server serves no file.");
        const QString bad = m_dir.filePath(QStringLiteral("notes.db"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database");
        file.close();
        MainWindow window;
        window.show();
        QSignalSpy opened(&window, &MainWindow::registryOpened);
        window.openRegistry(bad);
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toBool(), false);
        auto *bar = window.findChild<MessageBar *>(QStringLiteral("messageBar"));
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);
        QVERIFY(bar->text().contains(QStringLiteral("not an SQLite database")));
    }

    void deleteVersionAsksAndDeletes()
    {
        const QString copy = m_dir.filePath(QStringLiteral("delete.db"));
        QVERIFY(QFile::copy(m_store, copy));
        MainWindow window;
        window.show();
        openAndWait(window, copy, QStringLiteral("recommender/1"));
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        QTRY_VERIFY(versions->selectionModel()->hasSelection());
        versions->setFocus();
        // Accept the confirmation that names what goes.
        QString question;
        QTimer::singleShot(0, this, [&question] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            box->button(QMessageBox::Discard)->click();
        });
        QTest::keyClick(versions, Qt::Key_Delete);
        QVERIFY(question.contains(QStringLiteral("version 1 of recommender")));
        QTRY_COMPARE(versions->model()->rowCount(), 2);
        auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadOnly);
        QCOMPARE((*backend)->version(QStringLiteral("recommender"), 1).error().code(),
                 ErrorCode::ResourceDoesNotExist);
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    TestMainWindow onFiles(TestMainWindow::Backend::File);
    TestMainWindow onServer(TestMainWindow::Backend::Server);
    int status = QTest::qExec(&onFiles, argc, argv);
    status |= QTest::qExec(&onServer, argc, argv);
    return status;
}
#include "tst_mainwindow.moc"
