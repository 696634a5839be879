// The main window offscreen: opening a registry, searching, selecting a model and a version,
// remembered state, the read-only banner, bad files and bad filters shown in the window, and
// an edit made through the window undone with Ctrl+Z. Every test that applies to servers runs
// twice: on the file, and on the same file served by the fake MLflow server over REST.
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/transcripts.h"

#include "models/modellistmodel.h"
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "registry/sql/sqlbackend.h"
#include "ui/details/detailspane.h"
#include "ui/details/transitiondialog.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"

#include <QAbstractButton>
#include <QClipboard>
#include <QTreeWidget>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QStatusBar>
#include <QSysInfo>
#include <QTextBrowser>
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

    // With MODELDESK_SCREENSHOTS=DIR, saves `widget` as DIR/NAME-<backend>.png to look at.
    void saveShot(QWidget *widget, const char *name)
    {
        const QString dir = qEnvironmentVariable("MODELDESK_SCREENSHOTS");
        if (dir.isEmpty() || !widget)
            return;
        QCoreApplication::processEvents();
        widget->grab().save(QStringLiteral("%1/%2-%3.png")
                                .arg(dir, QLatin1String(name),
                                     m_backend == Backend::File ? QStringLiteral("file")
                                                                : QStringLiteral("server")));
    }

    // A copy of the test store that a test may write to, made anew.
    QString freshCopy(const QString &name)
    {
        const QString copy = m_dir.filePath(name);
        QFile::remove(copy);
        return QFile::copy(m_store, copy) ? copy : QString();
    }

    static QAction *action(MainWindow &window, const char *name)
    {
        auto *found = window.findChild<QAction *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no action %s", name);
        return found;
    }

    // The model the list highlights, or empty.
    static QString highlightedModel(MainWindow &window)
    {
        auto *models = window.findChild<QTableView *>(QStringLiteral("modelList"));
        const QModelIndex current = models->currentIndex();
        if (!current.isValid() || !models->selectionModel()->isRowSelected(current.row()))
            return {};
        return current.data(ModelNameRole).toString();
    }

    static int rowOfVersion(QTableView *versions, qint64 version)
    {
        for (int row = 0; row < versions->model()->rowCount(); ++row) {
            if (versions->model()->index(row, 0).data(VersionNumberRole).toLongLong() == version)
                return row;
        }
        return -1;
    }

    // The text of the next message box, answered with `button`; empty if none came.
    QString answerNextMessageBox(QMessageBox::StandardButton button)
    {
        auto text = std::make_shared<QString>();
        m_lastBoxText = text;
        QTimer::singleShot(0, this, [this, text, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            *text = box->text();
            m_windowShownAtBox = box->parentWidget() && box->parentWidget()->window()->isVisible();
            saveShot(box, qPrintable(box->objectName().isEmpty() ? QStringLiteral("messagebox")
                                                                 : box->objectName()));
            box->button(button)->click();
        });
        return {};
    }
    std::shared_ptr<QString> m_lastBoxText;
    bool m_windowShownAtBox = false; // the window was still open when the question came

    // Every version action, checked to act on `version` of `model`, the one shown.
    void checkVersionActions(MainWindow &window, const QString &model, qint64 version)
    {
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), version);
        QTRY_VERIFY(!details->isLoading());
        QCOMPARE(details->modelName(), model);
        QCOMPARE(highlightedModel(window), model);

        // Transition… opens for the version shown.
        QVERIFY(action(window, "transitionAction")->isEnabled());
        action(window, "transitionAction")->trigger();
        TransitionDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<TransitionDialog *>()) && dialog->isVisible());
        saveShot(dialog, "transition");
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("transitionHeading"))->text(),
                 QStringLiteral("%1 \u00b7 version %2").arg(model).arg(version));
        dialog->reject();
        QTRY_VERIFY(!window.findChild<TransitionDialog *>());

        // Copy URI copies the version shown.
        action(window, "copyUriAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("models:/%1/%2").arg(model).arg(version));

        // Delete Version… asks about the version shown (and is cancelled here).
        QVERIFY(action(window, "deleteVersionAction")->isEnabled());
        answerNextMessageBox(QMessageBox::Cancel);
        action(window, "deleteVersionAction")->trigger();
        QCOMPARE(*m_lastBoxText, QStringLiteral("Delete version %1 of %2? Its number is never "
                                                "reused and its source is redacted, as MLflow "
                                                "does.")
                                     .arg(version)
                                     .arg(model));
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

    // After any refresh — F5, an edit, a write by another client — the list highlights the
    // model shown, the details follow the selection and every action names the version the
    // user sees.
    void refreshKeepsWhatIsShownAndActedOn()
    {
        const QString copy = freshCopy(QStringLiteral("refresh.db"));
        QVERIFY(!copy.isEmpty());
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        openAndWait(window, copy, QStringLiteral("churn-predictor/2"));
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        const QString model = QStringLiteral("churn-predictor");
        checkVersionActions(window, model, 2);

        // F5, then a click on another version.
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_COMPARE(highlightedModel(window), model);
        QCOMPARE(versions->selectionModel()->selectedRows().size(), 1);
        clickRow(versions, rowOfVersion(versions, 1));
        checkVersionActions(window, model, 1);

        // Another client registers a version and moves an alias; F5 shows both and keeps
        // the selection.
        {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadWrite);
            QVERIFY(backend.ok());
            CreateVersionRequest request;
            request.name = model;
            request.source = QStringLiteral("s3://models/churn/new");
            QVERIFY((*backend)->createVersion(request).ok());
            QVERIFY((*backend)->setAlias(model, QStringLiteral("champion"), 4).ok());
        }
        action(window, "refreshAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_COMPARE(versions->model()->rowCount(), 4);
        QTRY_COMPARE(versions->model()->index(0, 2).data().toString(),
                     QStringLiteral("@champion"));
        checkVersionActions(window, model, 1);

        // An edit made in the window reloads the versions; the selection stays and follows
        // the next click.
        QSignalSpy changed(window.registry(), &Registry::modelChanged);
        window.registry()->setVersionTag(model, 1, QStringLiteral("k"), QStringLiteral("v"));
        QTRY_COMPARE(changed.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        checkVersionActions(window, model, 1);
        clickRow(versions, rowOfVersion(versions, 3));
        checkVersionActions(window, model, 3);

        // Several versions selected survive a refresh, with the details on the current one.
        QTest::mouseClick(versions->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          versions->visualRect(versions->model()->index(
                                                   rowOfVersion(versions, 1), 0))
                              .center());
        QTRY_COMPARE(versions->selectionModel()->selectedRows().size(), 2);
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 1);
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_COMPARE(versions->selectionModel()->selectedRows().size(), 2);
        QCOMPARE(details->version(), 1);
        QCOMPARE(highlightedModel(window), model);
    }

    // A selection beyond the first page of models or versions is found as pages arrive.
    void selectionBeyondTheFirstPages()
    {
        const QString store = m_dir.filePath(QStringLiteral("many.db"));
        if (!QFile::exists(store)) {
            QVERIFY(SqlBackend::initialize(store).ok());
            auto backend = SqlBackend::open(store, SqlBackend::OpenMode::ReadWrite);
            QVERIFY(backend.ok());
            for (int i = 0; i < 150; ++i)
                QVERIFY((*backend)->createModel(QStringLiteral("m%1").arg(i, 3, 10, QLatin1Char('0')),
                                                {}, {}).ok());
            for (int v = 0; v < 250; ++v) {
                CreateVersionRequest request;
                request.name = QStringLiteral("m000");
                request.source = QStringLiteral("s3://m/%1").arg(v);
                QVERIFY((*backend)->createVersion(request).ok());
            }
        }
        MainWindow window;
        window.show();
        openAndWait(window, store, QStringLiteral("m000/5"));
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 5);
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        QCOMPARE(versions->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(versions->selectionModel()->selectedRows().first().data(VersionNumberRole)
                     .toLongLong(),
                 5);
        // F5 keeps it, though it is on the second page.
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_COMPARE(versions->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(details->version(), 5);
        QVERIFY(action(window, "deleteVersionAction")->isEnabled());

        // A model on the second page of models.
        window.openRegistry(location(store), QStringLiteral("m140"));
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_COMPARE(highlightedModel(window), QStringLiteral("m140"));
        details = window.findChild<DetailsPane *>(); // one pane per open registry
        QCOMPARE(details->modelName(), QStringLiteral("m140"));
    }

    // A model far down a long list (--select, the last selection) is found however many rows
    // come before it; one that does not exist is said to be gone.
    void selectionBeyondAThousandModels()
    {
        const QString store = m_dir.filePath(QStringLiteral("thousands.db"));
        if (!QFile::exists(store)) {
            QVERIFY(SqlBackend::initialize(store).ok());
            auto backend = SqlBackend::open(store, SqlBackend::OpenMode::ReadWrite);
            QVERIFY(backend.ok());
            QSqlQuery insert((*backend)->database());
            QVERIFY(insert.exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1499) "
                "INSERT INTO registered_models (name, creation_time, last_updated_time, "
                "description) SELECT printf('model-%04d', i), 1700000000000, 1700000000000, '' "
                "FROM n")));
        }
        MainWindow window;
        window.show();
        openAndWait(window, store, QStringLiteral("model-1400"));
        QTRY_COMPARE_WITH_TIMEOUT(highlightedModel(window), QStringLiteral("model-1400"), 10000);
        QCOMPARE(window.findChild<DetailsPane *>()->modelName(), QStringLiteral("model-1400"));

        window.openRegistry(location(store), QStringLiteral("model-9999"));
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(
            QLatin1String("model-9999 is not in this registry any more")));
    }

    // A model or version deleted by another client is not acted on.
    void deletedElsewhereIsNotActedOn()
    {
        const QString copy = freshCopy(QStringLiteral("elsewhere.db"));
        QVERIFY(!copy.isEmpty());
        MainWindow window;
        window.show();
        openAndWait(window, copy, QStringLiteral("churn-predictor/3"));
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 3);
        QTRY_VERIFY(action(window, "copyUriAction")->isEnabled());
        {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadWrite);
            QVERIFY((*backend)->deleteVersion(QStringLiteral("churn-predictor"), 1).ok());
        }
        // The table still lists version 1; selecting it fails to read it.
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        clickRow(versions, rowOfVersion(versions, 1));
        QTRY_COMPARE(details->version(), 1);
        QTRY_VERIFY(!details->isLoading());
        QVERIFY(!action(window, "copyUriAction")->isEnabled());
        QVERIFY(!action(window, "transitionAction")->isEnabled());
        QVERIFY(!action(window, "editDescriptionAction")->isEnabled());

        // The whole model goes elsewhere; F5 stops showing it.
        {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadWrite);
            QVERIFY((*backend)->deleteModel(QStringLiteral("churn-predictor")).ok());
        }
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        QTRY_VERIFY(details->modelName() != QStringLiteral("churn-predictor"));
        QVERIFY(highlightedModel(window) != QStringLiteral("churn-predictor"));
        auto *title = window.findChild<QLabel *>(QStringLiteral("titleLabel"));
        QVERIFY(!title->isVisible() || !title->toolTip().contains(QStringLiteral("churn")));
    }

    // Every write refreshes every view that shows what it changed: the Aliases column too.
    void aliasColumnFollowsAliasWrites()
    {
        const QString copy = freshCopy(QStringLiteral("aliases.db"));
        QVERIFY(!copy.isEmpty());
        MainWindow window;
        window.show();
        openAndWait(window, copy, QStringLiteral("recommender/3"));
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        const QString model = QStringLiteral("recommender");
        auto aliasOf = [versions](qint64 version) {
            const int row = rowOfVersion(versions, version);
            return row < 0 ? QStringLiteral("<no row>")
                           : versions->model()
                                 ->index(row, VersionTableModel::AliasesColumn)
                                 .data()
                                 .toString();
        };
        window.registry()->setAlias(model, QStringLiteral("challenger"), 3);
        QTRY_COMPARE(aliasOf(3), QStringLiteral("@challenger"));
        window.registry()->setAlias(model, QStringLiteral("challenger"), 2);
        QTRY_COMPARE(aliasOf(2), QStringLiteral("@challenger"));
        QCOMPARE(aliasOf(3), QString());
        // The model list's Aliases column too.
        auto *models = window.findChild<QTableView *>(QStringLiteral("modelList"));
        QTRY_COMPARE(models->model()->index(2, ModelListModel::AliasesColumn).data().toString(),
                     QStringLiteral("@challenger → v2"));
        window.registry()->deleteAlias(model, QStringLiteral("challenger"));
        QTRY_COMPARE(aliasOf(2), QString());
    }

    // Closing the registry or the window with a description edit unsaved asks first.
    void unsavedDescriptionAsksBeforeClosing()
    {
        const QString copy = freshCopy(QStringLiteral("unsaved.db"));
        QVERIFY(!copy.isEmpty());
        const auto stored = [&copy] {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadOnly);
            return (*backend)->version(QStringLiteral("fraud-scorer"), 3)->description.value_or(
                QString());
        };
        const QString original = stored();
        auto *window = new MainWindow;
        window->show();
        QVERIFY(QTest::qWaitForWindowActive(window));
        openAndWait(*window, copy, QStringLiteral("fraud-scorer/3"));
        auto *details = window->findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 3);
        auto typeDescription = [window](const QString &text) {
            window->activateWindow(); // after a message box, offscreen does not do it
            QVERIFY(QTest::qWaitForWindowActive(window));
            action(*window, "editDescriptionAction")->trigger();
            auto *edit = window->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"));
            QVERIFY(edit && edit->isVisible());
            QTRY_VERIFY2(edit->hasFocus(), QApplication::focusWidget()
                                               ? QApplication::focusWidget()->metaObject()->className()
                                               : "no focus");
            edit->selectAll();
            QTest::keyClicks(edit, text);
        };
        typeDescription(QStringLiteral("Unsaved words"));

        // Ctrl+W, Cancel: nothing closes, the text stays.
        answerNextMessageBox(QMessageBox::Cancel);
        QTest::keyClick(window, Qt::Key_W, Qt::ControlModifier);
        QVERIFY(m_lastBoxText->contains(QStringLiteral("fraud-scorer version 3")));
        QVERIFY(window->registry());
        QCOMPARE(window->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))
                     ->toPlainText(),
                 QStringLiteral("Unsaved words"));

        // Ctrl+W, Discard: the registry closes and the file is unchanged.
        answerNextMessageBox(QMessageBox::Discard);
        action(*window, "closeAction")->trigger();
        QVERIFY(!m_lastBoxText->isEmpty());
        QVERIFY(!window->registry());
        QCOMPARE(stored(), original);

        // Quitting (closing the window), Save: the text is saved, then the window closes.
        openAndWait(*window, copy, QStringLiteral("fraud-scorer/3"));
        details = window->findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 3);
        QTRY_VERIFY(!details->isLoading());
        typeDescription(QStringLiteral("Saved on quit"));
        QSignalSpy destroyed(window, &QObject::destroyed);
        window->setAttribute(Qt::WA_DeleteOnClose);
        QTimer::singleShot(0, this, [this] {
            // The question comes from the close event's next turn of the event loop.
            QTimer::singleShot(50, this, [this] {
                answerNextMessageBox(QMessageBox::Save);
            });
        });
        action(*window, "quitAction")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(destroyed.size(), 1, 10000);
        QVERIFY(!m_lastBoxText->isEmpty());
        QVERIFY(m_windowShownAtBox); // asked before closing, not after
        QCOMPARE(stored(), QStringLiteral("Saved on quit"));
    }

    // A server that stops answering is shown as unreachable, never as empty, and the window
    // recovers completely on the next refresh that works.
    void unreachableServerSaysSoAndRecovers()
    {
        if (m_backend == Backend::File)
            QSKIP("A server's failure.");
        const QString copy = freshCopy(QStringLiteral("down.db"));
        QVERIFY(!copy.isEmpty());
        MainWindow window;
        window.show();
        openAndWait(window, copy, QStringLiteral("fraud-scorer/2"));
        const quint16 port = m_servers[copy]->url().port();
        m_servers[copy].reset(); // the server goes away

        QTest::keyClick(&window, Qt::Key_F5);
        auto *empty = window.findChild<QLabel *>(QStringLiteral("modelsEmpty"));
        auto *status = window.findChild<QLabel *>(QStringLiteral("statusText"));
        auto *bar = window.findChild<MessageBar *>(QStringLiteral("messageBar"));
        QTRY_VERIFY_WITH_TIMEOUT(empty->isVisible() && empty->text().contains(
                                     QStringLiteral("Could not reach")), 20000);
        QVERIFY(!empty->text().contains(QStringLiteral("no models")));
        QVERIFY(empty->text().contains(QStringLiteral("Retry")));
        QVERIFY(!status->text().contains(QStringLiteral("0 models")));
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);
        QVERIFY(bar->findChild<QWidget *>(QStringLiteral("messageAction"))->isVisible());
        saveShot(&window, "server-down");

        // Back on the same port: Retry brings everything back, the error goes.
        auto server = std::make_unique<TestSupport::FakeMlflowServer>(copy);
        QCOMPARE(server->listen(port), port);
        m_servers[copy] = std::move(server);
        QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
        qobject_cast<QAbstractButton *>(bar->findChild<QWidget *>(QStringLiteral("messageAction")))
            ->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 20000);
        QTRY_VERIFY(!bar->isVisible());
        QVERIFY(!empty->isVisible());
        QVERIFY2(!status->text().contains(QStringLiteral("Could not"))
                     && !status->text().startsWith(QStringLiteral("0 ")),
                 qPrintable(status->text()));
        for (const QList<QVariant> &message : std::as_const(messages))
            QVERIFY2(!message.value(0).toString().contains(QStringLiteral("any more")),
                     qPrintable(message.value(0).toString()));
        checkVersionActions(window, QStringLiteral("fraud-scorer"), 2);
    }

    // One owner per shortcut: Qt refuses a key that two actions (or one action twice) claim.
    void everyShortcutHasOneOwner()
    {
        MainWindow window;
        window.show();
        openAndWait(window, m_store, QStringLiteral("churn-predictor/1"));
        QHash<QKeySequence, QString> owners;
        for (QAction *each : window.findChildren<QAction *>()) {
            const QList<QKeySequence> keys = each->shortcuts();
            QSet<QKeySequence> own;
            for (const QKeySequence &key : keys) {
                QVERIFY2(!own.contains(key), qPrintable(each->text() + key.toString()));
                own.insert(key);
                // Widget-local keys (Copy in a table, Save in the editor) are owned by their
                // widget; the window-wide ones must be unique among themselves.
                if (each->shortcutContext() != Qt::WindowShortcut
                    && each->shortcutContext() != Qt::ApplicationShortcut)
                    continue;
                QVERIFY2(!owners.contains(key),
                         qPrintable(QStringLiteral("%1: %2 and %3")
                                        .arg(key.toString(), owners.value(key), each->text())));
                owners.insert(key, each->text());
            }
        }
        // Every menu command has a key or is reached through its menu's mnemonic.
        for (const char *name : {"transitionAction", "editDescriptionAction", "addTagAction",
                                 "addAliasAction", "copyUriAction", "refreshAction",
                                 "shortcutsAction", "userGuideAction", "focusModelsAction",
                                 "focusVersionsAction", "focusDetailsAction"})
            QVERIFY2(!action(window, name)->shortcut().isEmpty(), name);
    }

    // Undo and redo from the keyboard, outside text fields.
    void undoAndRedoFromTheKeyboard()
    {
        const QString copy = freshCopy(QStringLiteral("keys.db"));
        QVERIFY(!copy.isEmpty());
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        openAndWait(window, copy, QStringLiteral("fraud-scorer/3"));
        const auto tags = [&copy] {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadOnly);
            return (*backend)->version(QStringLiteral("fraud-scorer"), 3)->tags.size();
        };
        auto *key = window.findChild<QLineEdit *>(QStringLiteral("tagKeyInput"));
        auto *value = window.findChild<QLineEdit *>(QStringLiteral("tagValueInput"));
        QVERIFY(key && value);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(key->hasFocus());
        QTest::keyClicks(key, QStringLiteral("owner"));
        QTest::keyClicks(value, QStringLiteral("alice"));
        QTest::keyClick(value, Qt::Key_Return);
        QTRY_COMPARE(tags(), qsizetype(1));

        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        versions->setFocus();
        QTRY_VERIFY(versions->hasFocus());
        QTest::keyClick(versions, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(tags(), qsizetype(0));
        QTest::keyClick(versions, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(tags(), qsizetype(1));
        QTest::keyClick(versions, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(tags(), qsizetype(0));
        QTest::keyClick(versions, Qt::Key_Y, Qt::ControlModifier);
        QTRY_COMPARE(tags(), qsizetype(1));
    }

    // Tab moves between the panes without changing the selected model.
    void tabMovesBetweenPanes()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        openAndWait(window, m_store, QStringLiteral("churn-predictor"));
        auto *models = window.findChild<QTableView *>(QStringLiteral("modelList"));
        auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(models->hasFocus());
        QTest::keyClick(models, Qt::Key_Tab);
        QTRY_VERIFY(versions->hasFocus());
        QCOMPARE(highlightedModel(window), QStringLiteral("churn-predictor"));
        QTest::keyClick(versions, Qt::Key_Tab);
        auto *details = window.findChild<DetailsPane *>();
        QTRY_VERIFY(details->isAncestorOf(QApplication::focusWidget()));
        QCOMPARE(highlightedModel(window), QStringLiteral("churn-predictor"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QTRY_VERIFY(versions->hasFocus());
        QTest::keyClick(versions, Qt::Key_Backtab);
        QTRY_VERIFY(models->hasFocus());
        QCOMPARE(highlightedModel(window), QStringLiteral("churn-predictor"));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QTRY_VERIFY(details->isAncestorOf(QApplication::focusWidget()));
    }

    // The description editor from the keyboard: Ctrl+E opens it, Ctrl+S or Ctrl+Enter
    // saves, Esc cancels.
    void descriptionEditorKeys()
    {
        const QString copy = freshCopy(QStringLiteral("editorkeys.db"));
        QVERIFY(!copy.isEmpty());
        const auto stored = [&copy] {
            auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadOnly);
            return (*backend)->version(QStringLiteral("recommender"), 2)->description.value_or(
                QString());
        };
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        openAndWait(window, copy, QStringLiteral("recommender/2"));
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 2);
        QTRY_VERIFY(!details->isLoading());
        auto *edit = window.findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"));
        const auto typeAndPress = [&](const QString &text, Qt::Key key,
                                      Qt::KeyboardModifiers modifiers) {
            QTRY_VERIFY(action(window, "editDescriptionAction")->isEnabled());
            QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
            QTRY_VERIFY(edit->isVisible() && edit->hasFocus());
            edit->selectAll();
            QTest::keyClicks(edit, text);
            QTest::keyClick(edit, key, modifiers);
        };
        typeAndPress(QStringLiteral("saved with Ctrl+S"), Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(stored(), QStringLiteral("saved with Ctrl+S"));
        QTRY_VERIFY(!edit->isVisible());

        typeAndPress(QStringLiteral("dropped with Esc"), Qt::Key_Escape, Qt::NoModifier);
        QTRY_VERIFY(!edit->isVisible());
        QCOMPARE(stored(), QStringLiteral("saved with Ctrl+S"));
        QTRY_VERIFY(window.registry()); // Esc did not stop or close anything else

        typeAndPress(QStringLiteral("saved with Ctrl+Enter"), Qt::Key_Return,
                     Qt::ControlModifier);
        QTRY_COMPARE(stored(), QStringLiteral("saved with Ctrl+Enter"));
    }

    // Help ▸ Keyboard Shortcuts lists every key of the menus; Help has a guide and a report.
    void helpMenu()
    {
        MainWindow window;
        window.show();
        openAndWait(window, m_store);
        action(window, "shortcutsAction")->trigger();
        ShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ShortcutsDialog *>()));
        saveShot(dialog, "shortcuts");
        const QString text = dialog->text();
        QVERIFY2(text.contains(QStringLiteral("Redo")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Ctrl+Shift+Z, Ctrl+Y")));
        QVERIFY(text.contains(QStringLiteral("Transition Stage…\tCtrl+T")));
        QVERIFY(text.contains(QStringLiteral("Refresh\tF5")));
        QVERIFY(text.contains(QStringLiteral("Ctrl+S, Ctrl+Enter")));
        for (QAction *each : window.findChildren<QAction *>()) {
            if (each->shortcut().isEmpty() || each->objectName().isEmpty())
                continue;
            QVERIFY2(text.contains(each->shortcut().toString(QKeySequence::NativeText)),
                     qPrintable(each->objectName()));
        }
        auto *filter = dialog->findChild<QLineEdit *>(QStringLiteral("shortcutsFilter"));
        filter->setText(QStringLiteral("F5"));
        auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutsList"));
        int visible = 0;
        for (QTreeWidgetItemIterator it(list, QTreeWidgetItemIterator::NotHidden); *it; ++it)
            visible += (*it)->childCount() == 0 ? 1 : 0;
        QCOMPARE(visible, 1);
        dialog->close();

        action(window, "userGuideAction")->trigger();
        QWidget *guide = nullptr;
        QTRY_VERIFY((guide = window.findChild<QWidget *>(QStringLiteral("userGuideDialog"))));
        saveShot(guide, "user-guide");
        auto *guideText = guide->findChild<QTextBrowser *>(QStringLiteral("userGuideText"));
        QVERIFY(guideText->toPlainText().contains(QStringLiteral("Keyboard")));
        guide->close();

        action(window, "reportProblemAction")->trigger();
        QWidget *report = nullptr;
        QTRY_VERIFY((report = window.findChild<QWidget *>(QStringLiteral("problemReportDialog"))));
        saveShot(report, "report");
        const QString reportText
            = report->findChild<QPlainTextEdit *>(QStringLiteral("problemReportText"))->toPlainText();
        QVERIFY(reportText.contains(QStringLiteral("ModelDesk ")));
        QVERIFY(reportText.contains(QString::fromLatin1(qVersion())));
        QVERIFY(reportText.contains(QSysInfo::prettyProductName()));
        QVERIFY(reportText.contains(m_backend == Backend::Server ? QStringLiteral("MLflow server")
                                                                 : QStringLiteral("SQLite")));
        QVERIFY(!reportText.contains(m_store));
        report->close();
    }

    // The Details of an error say where and why, not only MLflow's code.
    void missingFileErrorDetailsNameThePath()
    {
        if (m_backend == Backend::Server)
            QSKIP("A server serves no file.");
        const QString missing = m_dir.filePath(QStringLiteral("gone/away/mlflow.db"));
        MainWindow window;
        window.show();
        QSignalSpy opened(&window, &MainWindow::registryOpened);
        window.openRegistry(missing);
        QTRY_COMPARE(opened.size(), 1);
        auto *bar = window.findChild<MessageBar *>(QStringLiteral("messageBar"));
        QVERIFY(bar->isVisible());
        const QString details = bar->details();
        QVERIFY2(details.contains(QStringLiteral("Path: ") + missing), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Reason: the folder %1 does not exist")
                                      .arg(m_dir.filePath(QStringLiteral("gone")))),
                 qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("RESOURCE_DOES_NOT_EXIST")));
    }

    // Two registries called mlflow.db are told apart in File ▸ Open Recent.
    void recentMenuTellsFilesApart()
    {
        if (m_backend == Backend::Server)
            QSKIP("Files only.");
        QStringList paths;
        for (const char *folder : {"team-a", "team-b"}) {
            QVERIFY(QDir(m_dir.path()).mkpath(QString::fromLatin1(folder)));
            paths << m_dir.filePath(QStringLiteral("%1/mlflow.db").arg(QLatin1String(folder)));
            QFile::remove(paths.last());
            QVERIFY(QFile::copy(m_store, paths.last()));
        }
        MainWindow window;
        window.show();
        openAndWait(window, paths.at(0));
        openAndWait(window, paths.at(1));
        auto *recent = window.findChild<QMenu *>(QStringLiteral("recentMenu"));
        QStringList texts;
        QStringList tips;
        for (QAction *each : recent->actions()) {
            texts << each->text().remove(QLatin1Char('&'));
            tips << each->statusTip();
        }
        QVERIFY(tips.contains(paths.at(0)) && tips.contains(paths.at(1)));
        const QString first = texts.at(tips.indexOf(paths.at(0)));
        const QString second = texts.at(tips.indexOf(paths.at(1)));
        QVERIFY2(first != second, qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("mlflow.db")) && first.contains(QStringLiteral("team-a")),
                 qPrintable(first));
        QVERIFY2(second.contains(QStringLiteral("team-b")), qPrintable(second));
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
