#include "tests/fakeserver/fakemlflowserver.h"

#include "models/artifacttreemodel.h"
#include "models/roles.h"
#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/unsupportedregistry.h"
#include "ui/details/artifactspanel.h"
#include "ui/details/detailspane.h"
#include "ui/details/runpage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

#include <memory>
#include <vector>

using namespace ModelDesk;
using Kind = ArtifactTreeModel::Kind;
using State = ArtifactTreeModel::State;

namespace {

// A Registry whose listArtifacts() answers only when the test says so; run() is served by
// the SQL store, every other call fails with NOT_IMPLEMENTED. Test-only; GUI thread.
class HoldingRegistry final : public TestSupport::UnsupportedRegistry
{
public:
    explicit HoldingRegistry(Registry *runs)
        : m_runs(runs)
    { }

    struct Listing
    {
        QString runId;
        QString path;
        std::shared_ptr<QPromise<Result<ArtifactListing>>> promise;
        QFuture<Result<ArtifactListing>> future;
    };

    // Every listArtifacts() call made, answered or not.
    const std::vector<Listing> &listings() const { return m_listings; }

    // Answers the oldest unanswered listing of `path`; false when there is none.
    bool answer(const QString &path, const Result<ArtifactListing> &result)
    {
        for (Listing &listing : m_listings) {
            if (listing.path == path && !listing.future.isFinished()
                && !listing.future.isCanceled()) {
                listing.promise->addResult(result);
                listing.promise->finish();
                return true;
            }
        }
        return false;
    }

    QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId,
                                                   const QString &path) override
    {
        auto promise = std::make_shared<QPromise<Result<ArtifactListing>>>();
        promise->start();
        m_listings.push_back({runId, path, promise, promise->future()});
        return promise->future();
    }

    QFuture<Result<Run>> run(const QString &runId) override { return m_runs->run(runId); }

    QString location() const override { return QStringLiteral("holding"); }
    // Downloads are held too: the test reports progress and ends them.
    QFuture<Result<Done>> downloadArtifact(const QString &, const QString &path,
                                           const QString &) override
    {
        m_download = std::make_shared<QPromise<Result<Done>>>();
        m_download->start();
        m_downloadPath = path;
        return m_download->future();
    }
    QPromise<Result<Done>> *download() const { return m_download.get(); }
    QString downloadPath() const { return m_downloadPath; }

private:

    Registry *m_runs;
    std::vector<Listing> m_listings;
    std::shared_ptr<QPromise<Result<Done>>> m_download;
    QString m_downloadPath;
};

// Receives what QDesktopServices would open. Test-only.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;

public slots:
    void open(const QUrl &url) { urls.append(url); }
};

template<typename T>
T *child(const QWidget *parent, const char *name)
{
    auto *widget = parent->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning() << "no child" << name;
    return widget;
}

template<typename T>
QByteArray errorText(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message().toUtf8();
}

// "name|size" of each row under `parent`, as the user reads them.
QStringList rows(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        texts << model->index(row, ArtifactTreeModel::NameColumn, parent).data().toString()
                + QLatin1Char('|')
                + model->index(row, ArtifactTreeModel::SizeColumn, parent).data().toString();
    }
    return texts;
}

bool writeFile(const QString &path, qint64 size, char fill = 'a')
{
    QFile file(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly))
        return false;
    QByteArray content(size, fill);
    for (qint64 i = 0; i < size; i += 97)
        content[i] = char('0' + i % 10); // not one repeated byte: a shifted copy would show
    return file.write(content) == size;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void settle()
{
    for (int pass = 0; pass < 4; ++pass) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
}

ArtifactListing listing(const QList<ArtifactFile> &files)
{
    return ArtifactListing {QStringLiteral("file:///held"), files};
}

} // namespace

class TestArtifacts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void formatSize_data();
    void formatSize();
    void listsNothingUntilShown();
    void expandsLazily();
    void emptyRun();
    void proxiedRootExplainsInPlace();
    void rootErrorCanBeRetried();
    void folderErrorRetriedWithEnter();
    void runChangeCancelsListings();
    void refreshKeepsFoldersOpen();
    void downloadToFile();
    void folderCannotBeDownloaded();
    void keyboardAndDoubleClick();
    void copyPath();
    void downloadThroughServer();
    void cancelDownload();
    void progressIsShown();
    void serverListing();
    void modelPassesTester_data();
    void modelPassesTester();
    void fitsNarrowPane();
    void screenshots();

private:
    std::unique_ptr<RunPage> createPage(Registry *registry);
    // Loads `runId` on `page` and opens the Artifacts tab; returns its panel.
    ArtifactsPanel *openArtifacts(RunPage *page, const QString &runId);
    bool waitListed(ArtifactTreeModel *model, const QModelIndex &directory = {});
    QModelIndex expand(ArtifactsPanel *panel, const QString &path);
    void exec(const QString &sql, const QVariantList &values);
    QString scalar(const QString &sql);
    std::unique_ptr<RestRegistry> openServerRegistry();

    QTemporaryDir m_dir;
    QString m_storePath;
    QString m_filesDir;
    std::unique_ptr<SqlRegistry> m_registry;
    std::unique_ptr<TestSupport::FakeMlflowServer> m_server;
    QString m_filesRun; // artifacts in a local directory
    QString m_emptyRun; // an empty local directory
    QString m_proxiedRun; // mlflow-artifacts: (only a server reads them)
    QString m_modelName; // a version of it comes from m_filesRun
    qint64 m_version = 0;
};

void TestArtifacts::exec(const QString &sql, const QVariantList &values)
{
    const QString failure = TestSupport::execSql(m_storePath, sql, values);
    QVERIFY2(failure.isEmpty(), qPrintable(sql + QLatin1Char(' ') + failure));
}

QString TestArtifacts::scalar(const QString &sql)
{
    return TestSupport::queryScalar(m_storePath, sql);
}

void TestArtifacts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Sizes are formatted for the user's locale; the expected texts are American English's.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    m_storePath = m_dir.filePath(QStringLiteral("mlflow.db"));
    DemoOptions options;
    options.models = 2;
    options.versionsPerModel = 3;
    options.metricSteps = 3;
    const auto demo = createDemoStore(m_storePath, options);
    QVERIFY2(demo.ok(), errorText(demo).constData());

    m_filesRun = scalar(QStringLiteral(
        "SELECT run_id FROM model_versions WHERE run_id <> '' ORDER BY name, version LIMIT 1"));
    m_modelName = scalar(QStringLiteral("SELECT name FROM model_versions WHERE run_id = '%1' "
                                        "ORDER BY name, version")
                             .arg(m_filesRun));
    m_version = scalar(QStringLiteral("SELECT version FROM model_versions WHERE run_id = '%1' "
                                      "ORDER BY name, version")
                           .arg(m_filesRun))
                    .toLongLong();
    m_emptyRun = scalar(QStringLiteral("SELECT run_uuid FROM runs WHERE run_uuid <> '%1' "
                                       "ORDER BY run_uuid LIMIT 1")
                            .arg(m_filesRun));
    m_proxiedRun = scalar(QStringLiteral("SELECT run_uuid FROM runs WHERE run_uuid NOT IN "
                                         "('%1', '%2') ORDER BY run_uuid LIMIT 1")
                              .arg(m_filesRun, m_emptyRun));
    QVERIFY(!m_filesRun.isEmpty() && !m_emptyRun.isEmpty() && !m_proxiedRun.isEmpty());
    QVERIFY(m_version > 0);
    QVERIFY(scalar(QStringLiteral("SELECT artifact_uri FROM runs WHERE run_uuid = '%1'")
                       .arg(m_proxiedRun))
                .startsWith(QLatin1String("mlflow-artifacts:")));

    // The run's files, served by the SQL store from a file: URI and by the fake server from
    // <root>/<run_id>/.
    const QString served = m_dir.filePath(QStringLiteral("served"));
    m_filesDir = served + QLatin1Char('/') + m_filesRun;
    QVERIFY(writeFile(m_filesDir + QStringLiteral("/model/MLmodel"), 200));
    QVERIFY(writeFile(m_filesDir + QStringLiteral("/model/model.pkl"), 12595));
    QVERIFY(writeFile(m_filesDir + QStringLiteral("/model/data/weights.bin"), 3452928));
    QVERIFY(QDir().mkpath(m_filesDir + QStringLiteral("/plots")));
    QVERIFY(writeFile(m_filesDir + QStringLiteral("/README.md"), 1));
    QVERIFY(writeFile(m_filesDir + QStringLiteral("/metrics.json"), 512));
    const QString emptyDir = served + QLatin1Char('/') + m_emptyRun;
    QVERIFY(QDir().mkpath(emptyDir));
    exec(QStringLiteral("UPDATE runs SET artifact_uri = ? WHERE run_uuid = ?"),
         {QUrl::fromLocalFile(m_filesDir).toString(), m_filesRun});
    exec(QStringLiteral("UPDATE runs SET artifact_uri = ? WHERE run_uuid = ?"),
         {QUrl::fromLocalFile(emptyDir).toString(), m_emptyRun});

    m_registry = std::make_unique<SqlRegistry>(m_storePath);
    auto opened = m_registry->open();
    QTRY_VERIFY_WITH_TIMEOUT(opened.isFinished(), 10000);
    QVERIFY2(opened.result().ok(), errorText(opened.result()).constData());

    m_server = std::make_unique<TestSupport::FakeMlflowServer>(m_storePath);
    QVERIFY2(m_server->errorString().isEmpty(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->listen() > 0);
    m_server->setArtifactRoot(served);
}

void TestArtifacts::init()
{
    QSettings().remove(QStringLiteral("artifacts"));
    if (m_server)
        m_server->clearFaults();
}

void TestArtifacts::cleanupTestCase()
{
    m_registry.reset();
    m_server.reset();
}

std::unique_ptr<RunPage> TestArtifacts::createPage(Registry *registry)
{
    auto page = std::make_unique<RunPage>(registry);
    page->resize(900, 700);
    page->show();
    return page;
}

ArtifactsPanel *TestArtifacts::openArtifacts(RunPage *page, const QString &runId)
{
    page->setRunId(runId);
    if (!QTest::qWaitFor([page] { return !page->isLoading() && page->hasContent(); }, 10000))
        return nullptr;
    auto *panel = child<ArtifactsPanel>(page, "artifactsPanel");
    auto *tabs = child<QTabWidget>(page, "runTabs");
    if (!panel || !tabs)
        return nullptr;
    tabs->setCurrentWidget(panel);
    return panel;
}

bool TestArtifacts::waitListed(ArtifactTreeModel *model, const QModelIndex &directory)
{
    const QPersistentModelIndex index(directory);
    return QTest::qWaitFor(
        [&] {
            const State state = model->state(index);
            return state == State::Listed || state == State::Failed;
        },
        10000);
}

QModelIndex TestArtifacts::expand(ArtifactsPanel *panel, const QString &path)
{
    auto *view = child<QTreeView>(panel, "artifactTree");
    const QModelIndex index = panel->model()->indexOfPath(path);
    if (!index.isValid())
        return {};
    view->expand(index);
    return waitListed(panel->model(), index) ? index : QModelIndex();
}

std::unique_ptr<RestRegistry> TestArtifacts::openServerRegistry()
{
    ServerOptions options;
    options.url = m_server->url();
    options.maxRetries = 0;
    auto registry = std::make_unique<RestRegistry>(options);
    auto opened = registry->open();
    // The fake answers on this thread: wait with its event loop running.
    if (!QTest::qWaitFor([&] { return opened.isFinished(); }, 10000) || !opened.result())
        return nullptr;
    return registry;
}

void TestArtifacts::formatSize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("exact");

    QTest::newRow("zero") << qint64(0) << "0 bytes" << "0 bytes";
    QTest::newRow("one") << qint64(1) << "1 byte" << "1 byte";
    QTest::newRow("just under 1 KB") << qint64(1023) << "1,023 bytes" << "1,023 bytes";
    QTest::newRow("1 KB") << qint64(1024) << "1.0 KB" << "1,024 bytes";
    QTest::newRow("12.3 KB") << qint64(12595) << "12.3 KB" << "12,595 bytes";
    // Not "1024.0 KB": the unit steps up where the rounded value would reach 1024.
    QTest::newRow("just under 1 MB") << qint64(1048575) << "1.0 MB" << "1,048,575 bytes";
    QTest::newRow("3.3 MB") << qint64(3452928) << "3.3 MB" << "3,452,928 bytes";
    QTest::newRow("5 GB") << qint64(5) * 1024 * 1024 * 1024 << "5.0 GB"
                          << "5,368,709,120 bytes";
}

void TestArtifacts::formatSize()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, display);
    QFETCH(QString, exact);
    QCOMPARE(ArtifactTreeModel::formatSize(bytes), display);
    QCOMPARE(ArtifactTreeModel::exactSize(bytes), exact);
}

void TestArtifacts::listsNothingUntilShown()
{
    auto registry = openServerRegistry();
    QVERIFY(registry);
    auto page = createPage(registry.get());
    page->setRunId(m_filesRun);
    QTRY_VERIFY(page->hasContent() && !page->isLoading());
    auto *panel = child<ArtifactsPanel>(page.get(), "artifactsPanel");
    // Browsing versions with another tab open asks the server for no listing.
    settle();
    QCOMPARE(m_server->hitCount(QStringLiteral("artifacts/list")), 0);
    QCOMPARE(panel->model()->state({}), State::NotListed);

    child<QTabWidget>(page.get(), "runTabs")->setCurrentWidget(panel);
    QVERIFY(waitListed(panel->model()));
    QCOMPARE(panel->model()->state({}), State::Listed);
    QCOMPARE(m_server->hitCount(QStringLiteral("artifacts/list")), 1);
    // Folders are listed when opened, not before.
    QCOMPARE(panel->model()->rowCount(panel->model()->indexOfPath(QStringLiteral("model"))), 0);
}

void TestArtifacts::expandsLazily()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    ArtifactTreeModel *model = panel->model();
    QVERIFY(waitListed(model));
    auto *view = child<QTreeView>(panel, "artifactTree");
    QVERIFY(view->isVisible());
    QCOMPARE(model->rootUri(), QUrl::fromLocalFile(m_filesDir).toString());
    // Folders first, then files, each by name as the store lists them.
    QCOMPARE(rows(model), QStringList({QStringLiteral("model|"), QStringLiteral("plots|"),
                                       QStringLiteral("README.md|1 byte"),
                                       QStringLiteral("metrics.json|512 bytes")}));

    const QModelIndex modelDir = model->indexOfPath(QStringLiteral("model"));
    QVERIFY(model->hasChildren(modelDir)); // the expander shows before listing
    QCOMPARE(model->rowCount(modelDir), 0);
    QVERIFY(model->canFetchMore(modelDir));
    QCOMPARE(model->state(modelDir), State::NotListed);

    view->expand(modelDir);
    QCOMPARE(model->state(modelDir), State::Listing);
    QVERIFY(model->hasChildren(modelDir));
    QVERIFY(waitListed(model, modelDir));
    QCOMPARE(rows(model, modelDir),
             QStringList({QStringLiteral("data|"), QStringLiteral("MLmodel|200 bytes"),
                          QStringLiteral("model.pkl|12.3 KB")}));

    const QModelIndex pickle = model->indexOfPath(QStringLiteral("model/model.pkl"));
    QVERIFY(pickle.isValid());
    const QModelIndex pickleSize = pickle.siblingAtColumn(ArtifactTreeModel::SizeColumn);
    QCOMPARE(pickleSize.data(Qt::ToolTipRole).toString(), QStringLiteral("12,595 bytes"));
    QVERIFY(pickle.data(Qt::ToolTipRole).toString().contains(QLatin1String("model/model.pkl")));
    QCOMPARE(pickleSize.data(Qt::TextAlignmentRole).toInt() & Qt::AlignHorizontal_Mask,
             int(Qt::AlignRight));
    QCOMPARE(model->headerData(ArtifactTreeModel::SizeColumn, Qt::Horizontal,
                               Qt::TextAlignmentRole)
                     .toInt()
                 & Qt::AlignHorizontal_Mask,
             int(Qt::AlignRight));
    QCOMPARE(pickleSize.data(ArtifactTreeModel::SizeRole).toLongLong(), 12595);
    QCOMPARE(pickle.data(ArtifactTreeModel::PathRole).toString(),
             QStringLiteral("model/model.pkl"));
    QVERIFY(!pickle.data(Qt::DecorationRole).value<QIcon>().isNull());

    // One level at a time: the sub-folder is not listed yet.
    const QModelIndex data = model->indexOfPath(QStringLiteral("model/data"));
    QCOMPARE(model->rowCount(data), 0);
    QVERIFY(expand(panel, QStringLiteral("model/data")).isValid());
    QCOMPARE(rows(model, data), QStringList {QStringLiteral("weights.bin|3.3 MB")});

    // An empty folder says so in place.
    const QModelIndex plots = expand(panel, QStringLiteral("plots"));
    QVERIFY(plots.isValid());
    QCOMPARE(rows(model, plots), QStringList {QStringLiteral("Empty folder|")});
    QCOMPARE(model->kind(model->index(0, 0, plots)), Kind::Empty);

    // Enter on a folder opens and closes it.
    view->setFocus();
    view->setCurrentIndex(plots);
    QTest::keyClick(view, Qt::Key_Return);
    QVERIFY(!view->isExpanded(plots));
    QTest::keyClick(view, Qt::Key_Return);
    QVERIFY(view->isExpanded(plots));
}

void TestArtifacts::emptyRun()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_emptyRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    auto *message = child<QTextEdit>(panel, "artifactsMessage");
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->toPlainText(), QStringLiteral("This run has no artifacts."));
    QVERIFY(!child<QTreeView>(panel, "artifactTree")->isVisible());
    QVERIFY(!child<QLabel>(panel, "artifactsMessageTitle")->isVisible());
    QVERIFY(!child<QPushButton>(panel, "artifactsRetryButton")->isVisible());
    QVERIFY(!child<QProgressBar>(panel, "artifactsBusy")->isVisible());
}

void TestArtifacts::proxiedRootExplainsInPlace()
{
    auto page = createPage(m_registry.get());
    QSignalSpy errors(page.get(), &RunPage::errorOccurred);
    ArtifactsPanel *panel = openArtifacts(page.get(), m_proxiedRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    QCOMPARE(panel->model()->state({}), State::Failed);
    QCOMPARE(panel->model()->error({})->code(), ErrorCode::NotImplemented);
    auto *message = child<QTextEdit>(panel, "artifactsMessage");
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->toPlainText().contains(QLatin1String("only its tracking server can read")),
             qPrintable(message->toPlainText()));
    QVERIFY(message->toPlainText().contains(QLatin1String("mlflow-artifacts:")));
    // An explanation, not a failure: no title, no retry, no popup, nothing reported.
    QVERIFY(!child<QLabel>(panel, "artifactsMessageTitle")->isVisible());
    QVERIFY(!child<QPushButton>(panel, "artifactsRetryButton")->isVisible());
    QVERIFY(!child<QTreeView>(panel, "artifactTree")->isVisible());
    QCOMPARE(errors.size(), 0);
    for (const QWidget *window : QApplication::topLevelWidgets())
        QVERIFY(!(qobject_cast<const QDialog *>(window) && window->isVisible()));
    QVERIFY(page->hasContent()); // the rest of the run is still there
}

void TestArtifacts::rootErrorCanBeRetried()
{
    HoldingRegistry registry(m_registry.get());
    auto page = createPage(&registry);
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QTRY_COMPARE(registry.listings().size(), size_t(1));
    auto *message = child<QTextEdit>(panel, "artifactsMessage");
    QCOMPARE(message->toPlainText(), QStringLiteral("Listing artifacts…"));
    QVERIFY(child<QProgressBar>(panel, "artifactsBusy")->isVisible());

    QVERIFY(registry.answer(QString(),
                            RegistryError(ErrorCode::TemporarilyUnavailable,
                                          QStringLiteral("The server is busy."))));
    QTRY_COMPARE(panel->model()->state({}), State::Failed);
    QCOMPARE(message->toPlainText(), QStringLiteral("The server is busy."));
    QVERIFY(child<QLabel>(panel, "artifactsMessageTitle")->isVisible());
    auto *retry = child<QPushButton>(panel, "artifactsRetryButton");
    QVERIFY(retry->isVisible());

    QTest::mouseClick(retry, Qt::LeftButton);
    QCOMPARE(registry.listings().size(), size_t(2));
    QVERIFY(registry.answer(QString(),
                            listing({{QStringLiteral("a.txt"), false, qint64(3)}})));
    QTRY_VERIFY(child<QTreeView>(panel, "artifactTree")->isVisible());
    QCOMPARE(rows(panel->model()), QStringList {QStringLiteral("a.txt|3 bytes")});
}

void TestArtifacts::folderErrorRetriedWithEnter()
{
    HoldingRegistry registry(m_registry.get());
    auto page = createPage(&registry);
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QTRY_COMPARE(registry.listings().size(), size_t(1));
    QVERIFY(registry.answer(QString(), listing({{QStringLiteral("model"), true, {}}})));
    ArtifactTreeModel *model = panel->model();
    QTRY_COMPARE(model->state({}), State::Listed);

    auto *view = child<QTreeView>(panel, "artifactTree");
    const QModelIndex folder = model->indexOfPath(QStringLiteral("model"));
    view->expand(folder);
    QCOMPARE(registry.listings().back().path, QStringLiteral("model"));
    // While the folder is listed it shows a placeholder row, which cannot be selected.
    QTRY_COMPARE(rows(model, folder), QStringList {QStringLiteral("Loading…|")});
    QCOMPARE(model->kind(model->index(0, 0, folder)), Kind::Loading);
    QVERIFY(!(model->flags(model->index(0, 0, folder)) & Qt::ItemIsSelectable));
    QCOMPARE(model->state(folder), State::Listing);
    QVERIFY(registry.answer(QStringLiteral("model"),
                            RegistryError(ErrorCode::PermissionDenied,
                                          QStringLiteral("Permission denied"))));
    QTRY_COMPARE(model->state(folder), State::Failed);
    const QModelIndex errorRow = model->index(0, 0, folder);
    QCOMPARE(model->kind(errorRow), Kind::Error);
    QCOMPARE(errorRow.data().toString(), QStringLiteral("Permission denied"));
    QVERIFY(!errorRow.data(Qt::DecorationRole).value<QIcon>().isNull());

    // The keyboard reaches the error row; Enter asks again.
    view->setFocus();
    view->setCurrentIndex(errorRow);
    QVERIFY(child<QAction>(panel, "retryArtifactListingAction")->isVisible());
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(model->state(folder), State::Listing);
    QVERIFY(registry.answer(QStringLiteral("model"),
                            listing({{QStringLiteral("model/MLmodel"), false, qint64(10)}})));
    QTRY_COMPARE(model->state(folder), State::Listed);
    QCOMPARE(rows(model, folder), QStringList {QStringLiteral("MLmodel|10 bytes")});
}

void TestArtifacts::runChangeCancelsListings()
{
    HoldingRegistry registry(m_registry.get());
    auto page = createPage(&registry);
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QTRY_COMPARE(registry.listings().size(), size_t(1));
    const QFuture<Result<ArtifactListing>> first = registry.listings().front().future;
    QCOMPARE(registry.listings().front().runId, m_filesRun);

    page->setRunId(m_emptyRun);
    // Cancelled as soon as the run changes, before the new run is even read.
    QVERIFY(first.isCanceled());
    QTRY_COMPARE(panel->runId(), m_emptyRun);
    QTRY_COMPARE(registry.listings().size(), size_t(2));
    QCOMPARE(registry.listings().back().runId, m_emptyRun);
    QVERIFY(!registry.listings().back().future.isCanceled());
    QVERIFY(registry.answer(QString(), listing({})));
    QTRY_COMPARE(panel->model()->state({}), State::Listed);
    QCOMPARE(child<QTextEdit>(panel, "artifactsMessage")->toPlainText(),
             QStringLiteral("This run has no artifacts."));

    // Clearing the page cancels too; destroying it with a listing pending is safe.
    page->setRunId(m_filesRun);
    QTRY_COMPARE(registry.listings().size(), size_t(3));
    page->setRunId(QString());
    QVERIFY(registry.listings().back().future.isCanceled());
    QVERIFY(panel->runId().isEmpty());
    page->setRunId(m_filesRun);
    QTRY_COMPARE(registry.listings().size(), size_t(4));
    page.reset();
    QVERIFY(registry.listings().back().future.isCanceled());
    QCoreApplication::processEvents();
}

void TestArtifacts::refreshKeepsFoldersOpen()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    QVERIFY(expand(panel, QStringLiteral("model")).isValid());
    QVERIFY(expand(panel, QStringLiteral("model/data")).isValid());
    QVERIFY(writeFile(m_filesDir + QStringLiteral("/model/data/new.bin"), 2048));

    QTest::mouseClick(child<QToolButton>(panel, "refreshArtifactsButton"), Qt::LeftButton);
    ArtifactTreeModel *model = panel->model();
    auto *view = child<QTreeView>(panel, "artifactTree");
    QTRY_VERIFY(model->indexOfPath(QStringLiteral("model/data/new.bin")).isValid());
    QVERIFY(view->isExpanded(model->indexOfPath(QStringLiteral("model"))));
    QVERIFY(view->isExpanded(model->indexOfPath(QStringLiteral("model/data"))));
    QCOMPARE(rows(model, model->indexOfPath(QStringLiteral("model/data"))),
             QStringList({QStringLiteral("new.bin|2.0 KB"), QStringLiteral("weights.bin|3.3 MB")}));
    QVERIFY(QFile::remove(m_filesDir + QStringLiteral("/model/data/new.bin")));
}

void TestArtifacts::downloadToFile()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    QVERIFY(expand(panel, QStringLiteral("model")).isValid());

    QTemporaryDir target;
    QVERIFY(target.isValid());
    const QString destination = target.filePath(QStringLiteral("copy of model.pkl"));
    QStringList suggestions;
    panel->setSaveFileChooser([&](QWidget *parent, const QString &suggested) {
        [&] { QCOMPARE(parent, panel); }();
        suggestions << suggested;
        return destination;
    });
    QSignalSpy finished(panel, &ArtifactsPanel::downloadFinished);

    auto *view = child<QTreeView>(panel, "artifactTree");
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("model/model.pkl")));
    auto *button = child<QToolButton>(panel, "downloadArtifactButton");
    QVERIFY(button->isEnabled());
    QVERIFY(button->toolTip().contains(QLatin1String("model.pkl")));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(suggestions.size(), 1);
    // The file's own name, in the default download directory at first.
    QCOMPARE(QFileInfo(suggestions.at(0)).fileName(), QStringLiteral("model.pkl"));
    QCOMPARE(readFile(destination), readFile(m_filesDir + QStringLiteral("/model/model.pkl")));

    auto *result = child<QTextEdit>(panel, "downloadResult");
    QVERIFY(result->isVisible());
    QCOMPARE(result->toPlainText(),
             QStringLiteral("Saved to %1").arg(QDir::toNativeSeparators(destination)));
    auto *link = child<QLabel>(panel, "openFolderLink");
    QVERIFY(link->isVisible());
    QVERIFY(!child<QProgressBar>(panel, "downloadProgress")->isVisible());
    QVERIFY(!child<QPushButton>(panel, "cancelDownloadButton")->isVisible());

    // "Open folder" opens the directory the file went to.
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    emit link->linkActivated(QStringLiteral("folder"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls, QList<QUrl> {QUrl::fromLocalFile(target.path())});

    // The next download starts where the last one went.
    QCOMPARE(QSettings().value(QStringLiteral("artifacts/lastDirectory")).toString(),
             target.path());
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("model/MLmodel")));
    const QString second = target.filePath(QStringLiteral("MLmodel"));
    panel->setSaveFileChooser([&](QWidget *, const QString &suggested) {
        suggestions << suggested;
        return second;
    });
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(suggestions.at(1), QDir(target.path()).filePath(QStringLiteral("MLmodel")));
    QCOMPARE(readFile(second), readFile(m_filesDir + QStringLiteral("/model/MLmodel")));

    // A failure says why, in place.
    const QString blocked = target.filePath(QStringLiteral("no-such-dir/x/MLmodel"));
    panel->setSaveFileChooser([&](QWidget *, const QString &) { return blocked; });
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 3);
    QCOMPARE(finished.at(2).at(0).toBool(), false);
    QVERIFY2(result->toPlainText().startsWith(QLatin1String("Could not download MLmodel: ")),
             qPrintable(result->toPlainText()));
    QVERIFY(!link->isVisible());

    // Choosing no file downloads nothing.
    panel->setSaveFileChooser([](QWidget *, const QString &) { return QString(); });
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!panel->isDownloading());
    QCOMPARE(finished.size(), 3);

    QTest::mouseClick(child<QToolButton>(panel, "dismissDownloadButton"), Qt::LeftButton);
    QVERIFY(!child<QWidget>(panel, "downloadBox")->isVisible());
}

void TestArtifacts::folderCannotBeDownloaded()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    auto *button = child<QToolButton>(panel, "downloadArtifactButton");
    auto *view = child<QTreeView>(panel, "artifactTree");
    QVERIFY(!button->isEnabled()); // nothing selected
    QVERIFY(button->toolTip().contains(QLatin1String("Select a file")));

    const QModelIndex folder = panel->model()->indexOfPath(QStringLiteral("model"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(folder).center());
    QCOMPARE(view->currentIndex(), folder);
    QVERIFY(!button->isEnabled());
    QVERIFY2(button->toolTip().contains(QLatin1String("Folders cannot be downloaded")),
             qPrintable(button->toolTip()));

    const QModelIndex file = panel->model()->indexOfPath(QStringLiteral("metrics.json"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(file).center());
    QVERIFY(button->isEnabled());
    int asked = 0;
    panel->setSaveFileChooser([&](QWidget *, const QString &) {
        ++asked;
        return QString();
    });
    // A folder's row never starts a download, whatever asks.
    view->setCurrentIndex(folder);
    panel->downloadCurrent();
    QCOMPARE(asked, 0);
}

void TestArtifacts::keyboardAndDoubleClick()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    QStringList asked;
    panel->setSaveFileChooser([&](QWidget *, const QString &suggested) {
        asked << QFileInfo(suggested).fileName();
        return QString(); // the user cancels the dialog
    });
    auto *view = child<QTreeView>(panel, "artifactTree");
    view->setFocus();
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("README.md")));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(asked, QStringList {QStringLiteral("README.md")});

    const QModelIndex json = panel->model()->indexOfPath(QStringLiteral("metrics.json"));
    const QPoint point = view->visualRect(json).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, point);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(asked, QStringList({QStringLiteral("README.md"), QStringLiteral("metrics.json")}));

    // Double-click opens a folder rather than downloading it.
    const QModelIndex folder = panel->model()->indexOfPath(QStringLiteral("plots"));
    const QPoint folderPoint = view->visualRect(folder).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, folderPoint);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, folderPoint);
    QVERIFY(view->isExpanded(folder));
    QCOMPARE(asked.size(), 2);
}

void TestArtifacts::copyPath()
{
    auto page = createPage(m_registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    QVERIFY(expand(panel, QStringLiteral("model")).isValid());
    auto *view = child<QTreeView>(panel, "artifactTree");
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("model/MLmodel")));
    QGuiApplication::clipboard()->clear();
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("model/MLmodel"));
}

void TestArtifacts::downloadThroughServer()
{
    auto registry = openServerRegistry();
    QVERIFY(registry);
    auto page = createPage(registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));
    QCOMPARE(panel->model()->state({}), State::Listed);
    QVERIFY(expand(panel, QStringLiteral("model")).isValid());
    QVERIFY(expand(panel, QStringLiteral("model/data")).isValid());

    QTemporaryDir target;
    const QString destination = target.filePath(QStringLiteral("weights.bin"));
    panel->setSaveFileChooser([&](QWidget *, const QString &) { return destination; });
    auto *progress = child<QProgressBar>(panel, "downloadProgress");
    QSignalSpy values(progress, &QProgressBar::valueChanged);
    QSignalSpy finished(panel, &ArtifactsPanel::downloadFinished);
    auto *view = child<QTreeView>(panel, "artifactTree");
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("model/data/weights.bin")));
    panel->downloadCurrent();
    QVERIFY(panel->isDownloading());
    QVERIFY(progress->isVisible());
    QVERIFY(!child<QToolButton>(panel, "downloadArtifactButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(readFile(destination),
             readFile(m_filesDir + QStringLiteral("/model/data/weights.bin")));
    // The bar followed the kibibytes the registry reported.
    bool moved = false;
    for (const QList<QVariant> &value : values)
        moved = moved || value.at(0).toInt() > 0;
    QVERIFY(moved);
    QVERIFY(child<QToolButton>(panel, "downloadArtifactButton")->isEnabled());
}

void TestArtifacts::cancelDownload()
{
    auto registry = openServerRegistry();
    QVERIFY(registry);
    auto page = createPage(registry.get());
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QVERIFY(waitListed(panel->model()));

    m_server->setFault(QStringLiteral("get-artifact"), TestSupport::Fault::neverAnswer());
    QTemporaryDir target;
    const QString destination = target.filePath(QStringLiteral("metrics.json"));
    panel->setSaveFileChooser([&](QWidget *, const QString &) { return destination; });
    QSignalSpy finished(panel, &ArtifactsPanel::downloadFinished);
    auto *view = child<QTreeView>(panel, "artifactTree");
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("metrics.json")));
    QTest::keyClick(view, Qt::Key_Enter);
    QVERIFY(panel->isDownloading());
    auto *label = child<QLabel>(panel, "downloadLabel");
    QVERIFY(label->isVisible());
    QVERIFY(label->text().startsWith(QLatin1String("Downloading metrics.json")));
    auto *cancel = child<QPushButton>(panel, "cancelDownloadButton");
    QVERIFY(cancel->isVisible());
    QTRY_COMPARE(m_server->hitCount(QStringLiteral("get-artifact")), 1);

    // The run can change meanwhile; the download goes on and stays cancellable.
    page->setRunId(m_emptyRun);
    QTRY_COMPARE(panel->runId(), m_emptyRun);
    QVERIFY(panel->isDownloading());
    QVERIFY(cancel->isVisible());

    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!panel->isDownloading());
    QCOMPARE(child<QTextEdit>(panel, "downloadResult")->toPlainText(),
             QStringLiteral("Download of metrics.json cancelled."));
    QVERIFY(!cancel->isVisible());
    QVERIFY(!QFile::exists(destination));
    QCOMPARE(QDir(target.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestArtifacts::progressIsShown()
{
    HoldingRegistry registry(m_registry.get());
    auto page = createPage(&registry);
    ArtifactsPanel *panel = openArtifacts(page.get(), m_filesRun);
    QVERIFY(panel);
    QTRY_COMPARE(registry.listings().size(), size_t(1));
    QVERIFY(registry.answer(QString(),
                            listing({{QStringLiteral("big.bin"), false, qint64(10485760)}})));
    QTRY_COMPARE(panel->model()->state({}), State::Listed);
    QTemporaryDir target;
    panel->setSaveFileChooser(
        [&](QWidget *, const QString &) { return target.filePath(QStringLiteral("big.bin")); });
    QSignalSpy finished(panel, &ArtifactsPanel::downloadFinished);
    child<QTreeView>(panel, "artifactTree")
        ->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("big.bin")));
    panel->downloadCurrent();
    QVERIFY(panel->isDownloading());
    QCOMPARE(registry.downloadPath(), QStringLiteral("big.bin"));

    auto *label = child<QLabel>(panel, "downloadLabel");
    auto *bar = child<QProgressBar>(panel, "downloadProgress");
    // Busy until the registry reports.
    QCOMPARE(bar->maximum(), 0);
    QCOMPARE(label->text(), QStringLiteral("Downloading big.bin…"));
    registry.download()->setProgressRange(0, 10240);
    registry.download()->setProgressValue(2560);
    QTRY_COMPARE(bar->value(), 2560);
    QCOMPARE(bar->maximum(), 10240);
    QCOMPARE(label->text(), QStringLiteral("Downloading big.bin… 2.5 MB of 10.0 MB"));
    auto *button = child<QToolButton>(panel, "downloadArtifactButton");
    QVERIFY(!button->isEnabled());
    QVERIFY(button->toolTip().contains(QLatin1String("Wait for the download")));

    // Cancel cancels the registry's future and says so at once.
    QTest::mouseClick(child<QPushButton>(panel, "cancelDownloadButton"), Qt::LeftButton);
    QVERIFY(registry.download()->future().isCanceled());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(button->isEnabled());
    registry.download()->finish();
    QCoreApplication::processEvents();
    QCOMPARE(finished.size(), 1);
}

void TestArtifacts::serverListing()
{
    // The same tree through MLflow's REST API.
    auto registry = openServerRegistry();
    QVERIFY(registry);
    ArtifactTreeModel model(registry.get());
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRunId(m_filesRun);
    model.fetchMore({});
    QVERIFY(waitListed(&model));
    QCOMPARE(model.state({}), State::Listed);
    QCOMPARE(rows(&model), QStringList({QStringLiteral("model|"), QStringLiteral("plots|"),
                                        QStringLiteral("README.md|1 byte"),
                                        QStringLiteral("metrics.json|512 bytes")}));
    const QModelIndex folder = model.indexOfPath(QStringLiteral("model"));
    model.fetchMore(folder);
    QVERIFY(waitListed(&model, folder));
    QCOMPARE(rows(&model, folder),
             QStringList({QStringLiteral("data|"), QStringLiteral("MLmodel|200 bytes"),
                          QStringLiteral("model.pkl|12.3 KB")}));

    // A failing folder listing becomes an error row under that folder only.
    m_server->setFault(QStringLiteral("artifacts/list"), TestSupport::Fault::httpStatus(500));
    const QModelIndex plots = model.indexOfPath(QStringLiteral("plots"));
    QVERIFY(waitListed(&model, plots)); // the tester lists every folder it sees
    model.reload(plots);
    QVERIFY(waitListed(&model, plots));
    QCOMPARE(model.state(plots), State::Failed);
    QCOMPARE(model.kind(model.index(0, 0, plots)), Kind::Error);
    QVERIFY(!model.index(0, 0, plots).data().toString().isEmpty());
    m_server->clearFaults();
    model.reload(plots);
    QVERIFY(waitListed(&model, plots));
    QCOMPARE(rows(&model, plots), QStringList {QStringLiteral("Empty folder|")});
}

void TestArtifacts::modelPassesTester_data()
{
    QTest::addColumn<bool>("useFetchMore");
    QTest::newRow("fetchMore") << true;
    QTest::newRow("no fetchMore") << false;
}

void TestArtifacts::modelPassesTester()
{
    QFETCH(bool, useFetchMore);
    {
        ArtifactTreeModel model(m_registry.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(useFetchMore);
        model.setRunId(m_filesRun);
        model.fetchMore({});
        QVERIFY(waitListed(&model));
        for (const QString &path :
             {QStringLiteral("model"), QStringLiteral("model/data"), QStringLiteral("plots")}) {
            const QModelIndex folder = model.indexOfPath(path);
            model.fetchMore(folder);
            QVERIFY(waitListed(&model, folder));
        }
        model.reload(model.indexOfPath(QStringLiteral("model")));
        model.reload({});
        QVERIFY(waitListed(&model));
        model.setRunId(m_emptyRun);
        model.fetchMore({});
        QVERIFY(waitListed(&model));
        model.setRunId(m_proxiedRun);
        model.fetchMore({});
        QVERIFY(waitListed(&model));
        QCOMPARE(model.state({}), State::Failed);
        model.setRunId(QString());
    }
    {
        // Placeholders, errors and answers for rows that are gone.
        HoldingRegistry registry(m_registry.get());
        ArtifactTreeModel model(&registry);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(useFetchMore);
        model.setRunId(QStringLiteral("r"));
        model.fetchMore({});
        QVERIFY(registry.answer(QString(),
                                listing({{QStringLiteral("b.txt"), false, qint64(5)},
                                         {QStringLiteral("a"), true, {}},
                                         {QStringLiteral("c"), true, {}}})));
        QTRY_COMPARE(model.state({}), State::Listed);
        QCOMPARE(rows(&model), QStringList({QStringLiteral("a|"), QStringLiteral("c|"),
                                            QStringLiteral("b.txt|5 bytes")}));
        const QPersistentModelIndex a = model.indexOfPath(QStringLiteral("a"));
        const QPersistentModelIndex c = model.indexOfPath(QStringLiteral("c"));
        model.fetchMore(a);
        model.fetchMore(c);
        QVERIFY(registry.answer(QStringLiteral("a"),
                                RegistryError(ErrorCode::InternalError, QStringLiteral("boom"))));
        QTRY_COMPARE(model.state(a), State::Failed);
        model.reload(a);
        QVERIFY(registry.answer(QStringLiteral("a"),
                                listing({{QStringLiteral("a/x"), true, {}},
                                         {QStringLiteral("a/y.bin"), false, qint64(2048)}})));
        QTRY_COMPARE(model.state(a), State::Listed);
        QCOMPARE(rows(&model, a), QStringList({QStringLiteral("x|"),
                                               QStringLiteral("y.bin|2.0 KB")}));
        // c is reloaded while its first listing is out: only the newer answer counts.
        QVERIFY(registry.answer(QStringLiteral("c"), listing({})));
        QTRY_COMPARE(model.state(c), State::Listed);
        const QPersistentModelIndex x = model.indexOfPath(QStringLiteral("a/x"));
        model.fetchMore(x);
        model.reload(a); // x goes with its listing still out
        QVERIFY(!x.isValid());
        QVERIFY(registry.answer(QStringLiteral("a/x"),
                                listing({{QStringLiteral("a/x/late"), false, qint64(1)}})));
        QVERIFY(registry.answer(QStringLiteral("a"), listing({})));
        QTRY_COMPARE(model.state(a), State::Listed);
        QCOMPARE(rows(&model, a), QStringList {QStringLiteral("Empty folder|")});
        QVERIFY(!model.indexOfPath(QStringLiteral("a/x/late")).isValid());
        model.setRunId(QString());
    }
}

void TestArtifacts::fitsNarrowPane()
{
    auto page = createPage(m_registry.get());
    for (const int width : {350, 400, 900}) {
        page->resize(width, 700);
        for (const QString &runId : {m_proxiedRun, m_filesRun}) {
            ArtifactsPanel *panel = openArtifacts(page.get(), runId);
            QVERIFY(panel);
            QVERIFY(waitListed(panel->model()));
            settle();
            auto *scroll = child<QScrollArea>(page.get(), "runContent");
            // The unbreakable artifact URI in the message wraps rather than widening the page.
            QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width(),
                     qPrintable(QStringLiteral("%1 px: content needs %2 px")
                                    .arg(width)
                                    .arg(scroll->widget()->minimumSizeHint().width())));
            auto *message = child<QTextEdit>(panel, "artifactsMessage");
            if (message->isVisible()) {
                QVERIFY(message->height() >= qCeil(message->document()->size().height()));
                QVERIFY(message->geometry().right() <= panel->width());
            }
            // The tab titles still fit without scroll buttons.
            const QTabBar *bar = child<QTabWidget>(page.get(), "runTabs")->tabBar();
            // (Scrolled tabs would start left of the bar.)
            QVERIFY(bar->tabRect(0).left() >= 0);
            QVERIFY2(bar->tabRect(bar->count() - 1).right() <= bar->width(),
                     qPrintable(QStringLiteral("%1 px: tabs need %2 px")
                                    .arg(width)
                                    .arg(bar->tabRect(bar->count() - 1).right())));
        }
    }
}

void TestArtifacts::screenshots()
{
    // The details pane as the window shows it, at the sizes of the usual windows.
    QUndoStack undo;
    DetailsPane pane(m_registry.get(), &undo);
    pane.resize(900, 600);
    pane.show();
    QSignalSpy loaded(&pane, &DetailsPane::loaded);
    pane.showVersion(m_modelName, m_version);
    QTRY_VERIFY(loaded.size() > 0);
    auto *page = pane.findChild<RunPage *>();
    QVERIFY(page);
    QTRY_VERIFY(page->hasContent() && !page->isLoading());
    child<QTabWidget>(&pane, "detailsTabs")->setCurrentWidget(page);
    auto *panel = child<ArtifactsPanel>(page, "artifactsPanel");
    child<QTabWidget>(page, "runTabs")->setCurrentWidget(panel);
    QVERIFY(waitListed(panel->model()));
    QVERIFY(expand(panel, QStringLiteral("model")).isValid());
    QVERIFY(expand(panel, QStringLiteral("model/data")).isValid());
    auto *view = child<QTreeView>(panel, "artifactTree");
    view->setCurrentIndex(panel->model()->indexOfPath(QStringLiteral("model/model.pkl")));
    for (const auto &[size, name] : {std::pair(QSize(900, 600), "900x600"),
                                     std::pair(QSize(1280, 800), "1280x800"),
                                     std::pair(QSize(420, 600), "420x600")}) {
        pane.resize(size);
        settle();
        QVERIFY(pane.grab().save(
            QStringLiteral("/tmp/artifacts-%1.png").arg(QLatin1String(name))));
    }

    // A download done.
    HoldingRegistry holding(m_registry.get());
    QTemporaryDir target;
    const QString destination
        = target.filePath(QStringLiteral("a-rather-long-directory-name/model.pkl"));
    QVERIFY(QDir().mkpath(QFileInfo(destination).absolutePath()));
    panel->setSaveFileChooser([&](QWidget *, const QString &) { return destination; });
    QSignalSpy finished(panel, &ArtifactsPanel::downloadFinished);
    panel->downloadCurrent();
    pane.resize(900, 600);
    QTRY_COMPARE(finished.size(), 1);
    settle();
    QVERIFY(pane.grab().save(QStringLiteral("/tmp/artifacts-saved-900x600.png")));
    pane.resize(420, 600);
    settle();
    QVERIFY(pane.grab().save(QStringLiteral("/tmp/artifacts-saved-420x600.png")));

    // The run page's own states.
    auto runPage = createPage(m_registry.get());
    runPage->resize(900, 600);
    QVERIFY(openArtifacts(runPage.get(), m_proxiedRun));
    QTRY_VERIFY(child<QTextEdit>(runPage.get(), "artifactsMessage")->isVisible());
    settle();
    QVERIFY(runPage->grab().save(QStringLiteral("/tmp/artifacts-proxied.png")));
    runPage->resize(400, 600);
    settle();
    QVERIFY(runPage->grab().save(QStringLiteral("/tmp/artifacts-proxied-400.png")));
    QVERIFY(openArtifacts(runPage.get(), m_emptyRun));
    QTRY_COMPARE(child<QTextEdit>(runPage.get(), "artifactsMessage")->toPlainText(),
                 QStringLiteral("This run has no artifacts."));
    settle();
    QVERIFY(runPage->grab().save(QStringLiteral("/tmp/artifacts-empty-400.png")));

    auto held = createPage(&holding);
    held->resize(900, 600);
    QVERIFY(openArtifacts(held.get(), m_filesRun));
    QTRY_COMPARE(holding.listings().size(), size_t(1));
    settle();
    QVERIFY(held->grab().save(QStringLiteral("/tmp/artifacts-listing.png")));
    QVERIFY(holding.answer(QString(),
                           RegistryError(ErrorCode::TemporarilyUnavailable,
                                         QStringLiteral("The tracking server is not answering "
                                                        "(HTTP 503)."))));
    QTRY_VERIFY(child<QPushButton>(held.get(), "artifactsRetryButton")->isVisible());
    settle();
    QVERIFY(held->grab().save(QStringLiteral("/tmp/artifacts-error.png")));

    // A download under way.
    QTest::mouseClick(child<QPushButton>(held.get(), "artifactsRetryButton"), Qt::LeftButton);
    QVERIFY(holding.answer(
        QString(), listing({{QStringLiteral("model.safetensors"), false, qint64(734003200)}})));
    auto *heldPanel = child<ArtifactsPanel>(held.get(), "artifactsPanel");
    QTRY_COMPARE(heldPanel->model()->state({}), State::Listed);
    child<QTreeView>(heldPanel, "artifactTree")
        ->setCurrentIndex(heldPanel->model()->indexOfPath(QStringLiteral("model.safetensors")));
    heldPanel->setSaveFileChooser([&](QWidget *, const QString &) { return destination; });
    heldPanel->downloadCurrent();
    QVERIFY(holding.download());
    holding.download()->setProgressRange(0, 716800);
    holding.download()->setProgressValue(301056);
    QTRY_COMPARE(child<QProgressBar>(heldPanel, "downloadProgress")->value(), 301056);
    for (const int width : {900, 400}) {
        held->resize(width, 600);
        settle();
        QVERIFY(held->grab().save(
            QStringLiteral("/tmp/artifacts-downloading-%1.png").arg(width)));
    }
    holding.download()->future().cancel();
    QTRY_VERIFY(!heldPanel->isDownloading());
}

QTEST_MAIN(TestArtifacts)
#include "tst_artifacts.moc"
