#include "ui/details/runpage.h"

#include "models/roles.h"
#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "registry/sql/sqlschema.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/unsupportedregistry.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPromise>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

#include <array>
#include <limits>
#include <map>
#include <memory>
#include <tuple>

using namespace ModelDesk;

namespace {

// A run written by the test next to the demo content, with values whose display is known.
const QString FormatRunId = QStringLiteral("f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0");
constexpr qint64 FormatRunStart = 1735732800000; // 2025-01-01 12:00:00 UTC

// A Registry whose run() answers only when the test says so, in any order. Every other call
// fails with NOT_IMPLEMENTED. Test-only; GUI thread.
class ManualRegistry final : public TestSupport::UnsupportedRegistry
{
public:
    using UnsupportedRegistry::UnsupportedRegistry;

    // Answers the oldest pending run(runId) call.
    void answer(const QString &runId, const Result<Run> &result)
    {
        auto it = m_pending.find(runId);
        QVERIFY2(it != m_pending.end(), qPrintable(runId));
        it->second->addResult(result);
        it->second->finish();
        m_pending.erase(it);
    }
    int pendingCount() const { return int(m_pending.size()); }

    QFuture<Result<Run>> run(const QString &runId) override
    {
        auto promise = std::make_shared<QPromise<Result<Run>>>();
        promise->start();
        m_pending.emplace(runId, promise);
        return promise->future();
    }

    QString location() const override { return QStringLiteral("manual"); }

private:
    std::multimap<QString, std::shared_ptr<QPromise<Result<Run>>>> m_pending;
};

Run fakeRun(const QString &id, const QString &name)
{
    Run run;
    run.info.runId = id;
    run.info.runName = name;
    run.info.status = QStringLiteral("FINISHED");
    run.info.experimentId = QStringLiteral("0");
    return run;
}

template<typename T>
T *child(const QWidget *page, const char *name)
{
    auto *widget = page->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning() << "no child" << name;
    return widget;
}

// The display texts of one column, top to bottom as the user sees them.
QStringList columnTexts(const QTableView *view, int column)
{
    QStringList texts;
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, column).data().toString();
    return texts;
}

// The display text in `column` of the row whose first column is `key`.
// What went wrong, for QVERIFY2 (which evaluates its message even when the check passes).
template<typename T>
QByteArray errorText(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message().toUtf8();
}

QString valueOf(const QTableView *view, const QString &key, int column = 1)
{
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == key)
            return model->index(row, column).data().toString();
    }
    return QStringLiteral("<no row %1>").arg(key);
}

QModelIndex indexOf(const QTableView *view, const QString &key, int column)
{
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == key)
            return model->index(row, column);
    }
    return {};
}

// Lets a resized page finish laying out (wrapped text asks for a second pass) before it is
// measured or grabbed.
void settle()
{
    for (int pass = 0; pass < 4; ++pass) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
}

} // namespace

class TestRunPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void showsRunHeader();
    void loadingState();
    void parametersSortNaturally();
    void metricFormatting_data();
    void metricFormatting();
    void demoNanMetric();
    void systemTagsHiddenUntilChecked();
    void datasetInputs();
    void emptyStates();
    void statusBadge_data();
    void statusBadge();
    void deletedRunIsMarked();
    void parentNavigation();
    void missingRunIsInline();
    void otherErrorsAreReported();
    void staleAnswerDropped();
    void staleAnswerDroppedOutOfOrder();
    void clearing();
    void copyWithShortcut();
    void modelsPassTester();
    void fitsNarrowPane();
    void screenshots();

private:
    std::unique_ptr<RunPage> createPage(Registry *registry = nullptr);
    // Sets the run and waits until it is shown (or has failed).
    bool load(RunPage *page, const QString &runId);
    QString scalar(const QString &sql);

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqlRegistry> m_registry;
    QString m_childRunId;
    QString m_childRunName;
    QString m_parentRunId;
    QString m_parentRunName;
    QString m_nanRunId;
    QString m_failedRunId;
    QString m_killedRunId;
    QString m_runningRunId;
    QString m_deletedRunId;
    QString m_datasetRunId;
};

QString TestRunPage::scalar(const QString &sql)
{
    return TestSupport::queryScalar(m_path, sql);
}

void TestRunPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("mlflow.db"));
    const auto initialized = SqlBackend::initialize(m_path);
    QVERIFY2(initialized.ok(), errorText(initialized).constData());

    const QString connection = QStringLiteral("tst_runpage-demo");
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            failure = db.lastError().text();
        } else if (auto pragmas = SqlSchema::applyPragmas(db); !pragmas) {
            failure = pragmas.error().message();
        } else {
            DemoOptions options;
            options.models = 3;
            options.versionsPerModel = 3;
            options.metricSteps = 20;
            if (auto demo = generateDemo(db, options); !demo)
                failure = demo.error().message() + QLatin1Char(' ') + demo.error().detail();
        }
        // A run with known values: duration 3 min 52 s, parameters for natural sorting,
        // metrics for number formatting, one user tag and system tags, no datasets.
        const auto exec = [&db, &failure](const QString &sql, const QVariantList &values) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (failure.isEmpty() && !query.exec())
                failure = sql + QLatin1Char(' ') + query.lastError().text();
        };
        exec(QStringLiteral("INSERT INTO runs (run_uuid, name, source_type, source_name, "
                            "user_id, status, start_time, end_time, lifecycle_stage, "
                            "artifact_uri, experiment_id) VALUES (?, 'format-check', 'LOCAL', "
                            "'check.py', 'tester', 'FINISHED', ?, ?, 'active', ?, 0)"),
             {FormatRunId, FormatRunStart, FormatRunStart + 232000,
              QString(QStringLiteral("mlflow-artifacts:/0/") + FormatRunId
                      + QStringLiteral("/artifacts"))});
        for (const auto &[key, value] :
             {std::pair("lr_10", "0.2"), std::pair("alpha", "x"), std::pair("lr_2", "0.1")}) {
            exec(QStringLiteral("INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)"),
                 {QLatin1String(key), QLatin1String(value), FormatRunId});
        }
        for (const auto &[key, value] :
             {std::pair("mlflow.runName", "format-check"), std::pair("mlflow.user", "tester"),
              std::pair("mlflow.source.name", "check.py"), std::pair("team", "qa")}) {
            exec(QStringLiteral("INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)"),
                 {QLatin1String(key), QLatin1String(value), FormatRunId});
        }
        const double max = std::numeric_limits<double>::max();
        const std::array<std::tuple<const char *, double, int>, 7> metrics {{
            {"precise", 0.123456789, 0},
            {"big", 1234567.0, 0},
            {"whole", 42.0, 0},
            {"tiny", 0.0000123456789, 0},
            {"not_a_number", 0.0, 1},
            {"exploded", max, 0},
            {"negative", -2.5, 0},
        }};
        for (const auto &[key, value, isNan] : metrics) {
            exec(QStringLiteral("INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, "
                                "run_uuid) VALUES (?, ?, ?, 7, ?, ?)"),
                 {QLatin1String(key), value, FormatRunStart + 1000, isNan, FormatRunId});
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    m_childRunId = scalar(QStringLiteral(
        "SELECT t.run_uuid FROM tags t JOIN runs r ON r.run_uuid = t.run_uuid "
        "WHERE t.key = 'mlflow.parentRunId' AND r.status = 'FINISHED' ORDER BY t.run_uuid"));
    m_parentRunId = scalar(QStringLiteral("SELECT value FROM tags WHERE key = "
                                          "'mlflow.parentRunId' AND run_uuid = '%1'")
                               .arg(m_childRunId));
    m_childRunName
        = scalar(QStringLiteral("SELECT name FROM runs WHERE run_uuid = '%1'").arg(m_childRunId));
    m_parentRunName
        = scalar(QStringLiteral("SELECT name FROM runs WHERE run_uuid = '%1'").arg(m_parentRunId));
    m_nanRunId = scalar(
        QStringLiteral("SELECT run_uuid FROM latest_metrics WHERE is_nan = 1 AND run_uuid <> '%1'")
            .arg(FormatRunId));
    m_failedRunId = scalar(QStringLiteral("SELECT run_uuid FROM runs WHERE status = 'FAILED'"));
    m_killedRunId = scalar(QStringLiteral("SELECT run_uuid FROM runs WHERE status = 'KILLED'"));
    m_runningRunId = scalar(QStringLiteral("SELECT run_uuid FROM runs WHERE status = 'RUNNING'"));
    m_deletedRunId
        = scalar(QStringLiteral("SELECT run_uuid FROM runs WHERE lifecycle_stage = 'deleted'"));
    m_datasetRunId = m_childRunId;
    for (const QString *id : {&m_childRunId, &m_parentRunId, &m_nanRunId, &m_failedRunId,
                              &m_killedRunId, &m_runningRunId, &m_deletedRunId}) {
        QVERIFY(!id->isEmpty());
    }
    QVERIFY(!m_parentRunName.isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM inputs WHERE destination_id = '%1'")
                        .arg(m_datasetRunId)),
             QStringLiteral("2"));

    m_registry = std::make_unique<SqlRegistry>(m_path);
    auto opened = m_registry->open();
    QTRY_VERIFY_WITH_TIMEOUT(opened.isFinished(), 10000);
    QVERIFY2(opened.result().ok(), errorText(opened.result()).constData());
}

void TestRunPage::cleanupTestCase()
{
    m_registry.reset();
}

std::unique_ptr<RunPage> TestRunPage::createPage(Registry *registry)
{
    auto page = std::make_unique<RunPage>(registry ? registry : m_registry.get());
    page->resize(900, 700);
    page->show();
    return page;
}

bool TestRunPage::load(RunPage *page, const QString &runId)
{
    // A fast registry may answer before setRunId() returns; both are fine.
    page->setRunId(runId);
    return QTest::qWaitFor([page] { return !page->isLoading(); }, 10000) && page->runId() == runId;
}

void TestRunPage::showsRunHeader()
{
    auto page = createPage();
    QSignalSpy content(page.get(), &RunPage::contentChanged);
    QSignalSpy errors(page.get(), &RunPage::errorOccurred);
    QVERIFY(!page->hasContent());

    QVERIFY(load(page.get(), FormatRunId));
    QVERIFY(page->hasContent());
    QVERIFY(!page->isLoading());
    QCOMPARE(content.size(), 1);
    QCOMPARE(content.at(0).at(0).toBool(), true);
    QCOMPARE(errors.size(), 0);
    QVERIFY(child<QLabel>(page.get(), "runName")->isVisible());
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("format-check"));
    QCOMPARE(child<QLabel>(page.get(), "runStatus")->text(), QStringLiteral("Finished"));
    QCOMPARE(child<QLabel>(page.get(), "runUser")->text(), QStringLiteral("tester"));
    QCOMPARE(child<QLabel>(page.get(), "runExperiment")->text(), QStringLiteral("0"));
    QCOMPARE(child<QLabel>(page.get(), "runDuration")->text(), QStringLiteral("3 min 52 s"));
    QCOMPARE(child<QLabel>(page.get(), "runStart")->text(),
             QDateTime::fromMSecsSinceEpoch(FormatRunStart)
                 .toLocalTime()
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(child<QTextEdit>(page.get(), "artifactUri")->toPlainText(),
             QString(QStringLiteral("mlflow-artifacts:/0/") + FormatRunId
                     + QStringLiteral("/artifacts")));
    QVERIFY(child<QTextEdit>(page.get(), "artifactUri")->isReadOnly());
    QCOMPARE(child<QTextEdit>(page.get(), "runIdField")->toPlainText(), FormatRunId);
    QCOMPARE(child<QLabel>(page.get(), "runLifecycle")->text(), QStringLiteral("Active"));
    QVERIFY(!child<QLabel>(page.get(), "deletedBadge")->isVisible());
    QVERIFY(!child<QPushButton>(page.get(), "parentRunButton")->isVisible());
    QVERIFY(!child<QPushButton>(page.get(), "backButton")->isVisible());
    QVERIFY(!child<QLabel>(page.get(), "runNote")->isVisible());
    QCOMPARE(child<QLabel>(page.get(), "runSource")->text(), QStringLiteral("check.py"));

    const auto *tabs = child<QTabWidget>(page.get(), "runTabs");
    QCOMPARE(tabs->tabText(0), QStringLiteral("Parameters (3)"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Metrics (7)"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Tags (1)"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("Datasets (0)"));
}

void TestRunPage::loadingState()
{
    ManualRegistry registry;
    auto page = createPage(&registry);
    QSignalSpy loading(page.get(), &RunPage::loadingChanged);
    QSignalSpy content(page.get(), &RunPage::contentChanged);
    page->setRunId(QStringLiteral("a"));
    QVERIFY(page->isLoading());
    QCOMPARE(page->runId(), QStringLiteral("a"));
    auto *label = child<QLabel>(page.get(), "loadingLabel");
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("Loading run…"));
    QVERIFY(!child<QLabel>(page.get(), "runName")->isVisible());
    QCOMPARE(loading.size(), 1);
    QCOMPARE(content.size(), 0);

    registry.answer(QStringLiteral("a"), fakeRun(QStringLiteral("a"), QStringLiteral("run-a")));
    QTRY_VERIFY(page->hasContent());
    QVERIFY(!label->isVisible());
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("run-a"));
    QCOMPARE(loading.size(), 2);
    QCOMPARE(loading.at(1).at(0).toBool(), false);

    // Reselecting the run on screen refreshes it in place, without the loading state.
    page->setRunId(QStringLiteral("a"));
    QVERIFY(page->isLoading());
    QVERIFY(!label->isVisible());
    QVERIFY(child<QLabel>(page.get(), "runName")->isVisible());
    Run renamed = fakeRun(QStringLiteral("a"), QStringLiteral("run-a-renamed"));
    registry.answer(QStringLiteral("a"), renamed);
    QTRY_COMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("run-a-renamed"));
    QCOMPARE(content.size(), 1);
}

void TestRunPage::parametersSortNaturally()
{
    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    auto *params = child<QTableView>(page.get(), "paramsTable");
    QVERIFY(params->isVisible());
    QCOMPARE(params->model()->rowCount(), 3);
    QCOMPARE(valueOf(params, QStringLiteral("lr_10")), QStringLiteral("0.2"));
    QCOMPARE(
        columnTexts(params, 0),
        QStringList({QStringLiteral("alpha"), QStringLiteral("lr_2"), QStringLiteral("lr_10")}));

    // Clicking the Key header sorts descending.
    QHeaderView *header = params->horizontalHeader();
    const QPoint keyHeader(header->sectionViewportPosition(0) + header->sectionSize(0) / 2,
                           header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, keyHeader);
    QCOMPARE(
        columnTexts(params, 0),
        QStringList({QStringLiteral("lr_10"), QStringLiteral("lr_2"), QStringLiteral("alpha")}));
}

void TestRunPage::metricFormatting_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shown");

    QTest::newRow("six significant digits") << "precise"
                                            << "0.123457";
    QTest::newRow("large") << "big"
                           << "1.23457e+06";
    QTest::newRow("whole number") << "whole"
                                  << "42";
    QTest::newRow("small") << "tiny"
                           << "1.23457e-05";
    QTest::newRow("NaN") << "not_a_number"
                         << "NaN";
    QTest::newRow("stored infinity") << "exploded"
                                     << "Infinity";
    QTest::newRow("negative") << "negative"
                              << "-2.5";
}

void TestRunPage::metricFormatting()
{
    QFETCH(QString, key);
    QFETCH(QString, shown);

    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    auto *metrics = child<QTableView>(page.get(), "metricsTable");
    QCOMPARE(metrics->model()->rowCount(), 7);
    QCOMPARE(valueOf(metrics, key, 1), shown);
    QCOMPARE(valueOf(metrics, key, 2), QStringLiteral("7"));
    QCOMPARE(valueOf(metrics, key, 3),
             QDateTime::fromMSecsSinceEpoch(FormatRunStart + 1000)
                 .toLocalTime()
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

void TestRunPage::demoNanMetric()
{
    auto page = createPage();
    QVERIFY(load(page.get(), m_nanRunId));
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(),
             QStringLiteral("fraud-gbm-lr-0.9-diverged"));
    QCOMPARE(child<QLabel>(page.get(), "runStatus")->text(), QStringLiteral("Failed"));
    auto *metrics = child<QTableView>(page.get(), "metricsTable");
    QCOMPARE(valueOf(metrics, QStringLiteral("loss")), QStringLiteral("NaN"));

    // Sorting by value puts NaN after every number, both ways round it stays consistent.
    metrics->sortByColumn(1, Qt::AscendingOrder);
    QCOMPARE(columnTexts(metrics, 1).constLast(), QStringLiteral("NaN"));
    metrics->sortByColumn(1, Qt::DescendingOrder);
    QCOMPARE(columnTexts(metrics, 1).constFirst(), QStringLiteral("NaN"));

    // The note (mlflow.note.content) is shown in the header.
    auto *note = child<QLabel>(page.get(), "runNote");
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("learning_rate=0.9")), qPrintable(note->text()));
}

void TestRunPage::systemTagsHiddenUntilChecked()
{
    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    auto *tabs = child<QTabWidget>(page.get(), "runTabs");
    tabs->setCurrentIndex(2);
    auto *tags = child<QTableView>(page.get(), "tagsTable");
    auto *showSystem = child<QCheckBox>(page.get(), "showSystemTags");
    QVERIFY(showSystem->isVisible());
    QVERIFY(!showSystem->isChecked());
    QCOMPARE(columnTexts(tags, 0), QStringList {QStringLiteral("team")});

    QTest::mouseClick(showSystem, Qt::LeftButton, {}, QPoint(8, showSystem->height() / 2));
    QVERIFY(showSystem->isChecked());
    QCOMPARE(tags->model()->rowCount(), 4);
    QCOMPARE(valueOf(tags, QStringLiteral("mlflow.runName")), QStringLiteral("format-check"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Tags (4)"));

    // The switch stays as the user left it for the next run.
    QVERIFY(load(page.get(), m_childRunId));
    QCOMPARE(valueOf(tags, QStringLiteral("mlflow.parentRunId")), m_parentRunId);
    QTest::mouseClick(showSystem, Qt::LeftButton, {}, QPoint(8, showSystem->height() / 2));
    for (const QString &key : columnTexts(tags, 0))
        QVERIFY2(!key.startsWith(QLatin1String("mlflow.")), qPrintable(key));
}

void TestRunPage::datasetInputs()
{
    auto page = createPage();
    QVERIFY(load(page.get(), m_datasetRunId));
    child<QTabWidget>(page.get(), "runTabs")->setCurrentIndex(3);
    auto *datasets = child<QTableView>(page.get(), "datasetsTable");
    QVERIFY(datasets->isVisible());
    QCOMPARE(datasets->model()->rowCount(), 2);
    QStringList contexts = columnTexts(datasets, 2);
    contexts.sort();
    QCOMPARE(contexts, QStringList({QStringLiteral("eval"), QStringLiteral("training")}));
    for (int row = 0; row < 2; ++row) {
        const QModelIndex source = datasets->model()->index(row, 1);
        QVERIFY2(source.data().toString().startsWith(QLatin1String("s3://acme-ml-data/")),
                 qPrintable(source.data().toString()));
        // The tooltip and a copy give the source as MLflow stores it.
        QVERIFY(source.data(Qt::ToolTipRole).toString().startsWith(QLatin1String("{\"uri\"")));
        QVERIFY(source.data(RawValueRole).toString().startsWith(QLatin1String("{\"uri\"")));
        QCOMPARE(datasets->model()->index(row, 4).data().toString().size(), 8); // digest
    }
    // In a narrow pane the source keeps room for both of its ends (elided in the middle),
    // rather than being squeezed into what the other columns leave.
    page->resize(400, 600);
    QCoreApplication::processEvents();
    QCOMPARE(datasets->textElideMode(), Qt::ElideMiddle);
    QVERIFY2(datasets->columnWidth(1) >= datasets->fontMetrics().averageCharWidth() * 30,
             qPrintable(QString::number(datasets->columnWidth(1))));
}

void TestRunPage::emptyStates()
{
    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    auto *tabs = child<QTabWidget>(page.get(), "runTabs");
    tabs->setCurrentIndex(3);
    auto *empty = child<QLabel>(page.get(), "datasetsTableEmpty");
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No dataset inputs"));
    QVERIFY(!child<QTableView>(page.get(), "datasetsTable")->isVisible());

    // A sweep parent logs no datasets either but has parameters.
    QVERIFY(load(page.get(), m_parentRunId));
    tabs->setCurrentIndex(0);
    QVERIFY(child<QTableView>(page.get(), "paramsTable")->isVisible());
    QVERIFY(!child<QLabel>(page.get(), "paramsTableEmpty")->isVisible());
}

void TestRunPage::statusBadge_data()
{
    QTest::addColumn<QString>("runId");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QColor>("colour");

    QTest::newRow("finished") << FormatRunId << "Finished" << QColor(0x2e, 0x7d, 0x32);
    QTest::newRow("failed") << m_failedRunId << "Failed" << QColor(0xc6, 0x28, 0x28);
    QTest::newRow("killed") << m_killedRunId << "Killed" << QColor(0x61, 0x61, 0x61);
    QTest::newRow("running") << m_runningRunId << "Running" << QColor(0x15, 0x65, 0xc0);
}

void TestRunPage::statusBadge()
{
    QFETCH(QString, runId);
    QFETCH(QString, text);
    QFETCH(QColor, colour);

    auto page = createPage();
    QVERIFY(load(page.get(), runId));
    auto *badge = child<QLabel>(page.get(), "runStatus");
    QCOMPARE(badge->text(), text);
    QVERIFY(!badge->toolTip().isEmpty());
    // What the user sees: the badge's fill, left of the text, inside the rounded corners.
    const QImage image = badge->grab().toImage();
    QCOMPARE(image.pixelColor(3, image.height() / 2).rgb(), colour.rgb());
    if (runId == m_runningRunId) {
        QCOMPARE(child<QLabel>(page.get(), "runEnd")->text(), QStringLiteral("Not ended"));
        QCOMPARE(child<QLabel>(page.get(), "runDuration")->text(), QStringLiteral("\u2014"));
    }
}

void TestRunPage::deletedRunIsMarked()
{
    auto page = createPage();
    QVERIFY(load(page.get(), m_deletedRunId));
    QVERIFY(page->hasContent());
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("scratch-wrong-config"));
    QVERIFY(child<QLabel>(page.get(), "deletedBadge")->isVisible());
    QCOMPARE(child<QLabel>(page.get(), "runLifecycle")->text(), QStringLiteral("Deleted"));
}

void TestRunPage::parentNavigation()
{
    auto page = createPage();
    QVERIFY(load(page.get(), m_childRunId));
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), m_childRunName);
    auto *parentButton = child<QPushButton>(page.get(), "parentRunButton");
    QVERIFY(parentButton->isVisible());
    QVERIFY(parentButton->isEnabled());
    // The id first, the name once the parent has been read.
    QTRY_COMPARE(parentButton->text(), QStringLiteral("Parent run: %1").arg(m_parentRunName));
    QVERIFY(parentButton->toolTip().contains(m_parentRunId));

    QTest::mouseClick(parentButton, Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>(page.get(), "runName")->text(), m_parentRunName);
    QCOMPARE(page->runId(), m_parentRunId);
    QVERIFY(page->hasContent());
    QCOMPARE(child<QTextEdit>(page.get(), "runIdField")->toPlainText(), m_parentRunId);
    QVERIFY(!parentButton->isVisible()); // a sweep parent has no parent
    QCOMPARE(child<QTableView>(page.get(), "paramsTable")->model()->rowCount(), 4);

    auto *back = child<QPushButton>(page.get(), "backButton");
    QVERIFY(back->isVisible());
    QVERIFY(back->text().contains(m_childRunName));
    QTest::mouseClick(back, Qt::LeftButton);
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), m_childRunName);
    QCOMPARE(page->runId(), m_childRunId);
    QVERIFY(!back->isVisible());
    QVERIFY(parentButton->isVisible());

    // Following the link before the parent's name arrived loads the parent.
    page->setRunId(m_childRunId);
    QTest::mouseClick(parentButton, Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>(page.get(), "runName")->text(), m_parentRunName);
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), m_parentRunName);
    QVERIFY(back->isVisible());

    // A new run from outside forgets the way back.
    QVERIFY(load(page.get(), FormatRunId));
    QVERIFY(!back->isVisible());
}

void TestRunPage::missingRunIsInline()
{
    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    QSignalSpy errors(page.get(), &RunPage::errorOccurred);
    QSignalSpy content(page.get(), &RunPage::contentChanged);

    const QString missing = QStringLiteral("0123456789abcdef0123456789abcdef");
    QVERIFY(load(page.get(), missing));
    auto *label = child<QLabel>(page.get(), "notFoundLabel");
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(),
             QStringLiteral("This version's run %1 is not in this registry.").arg(missing));
    QVERIFY(!child<QLabel>(page.get(), "runName")->isVisible());
    QVERIFY(!page->hasContent());
    QCOMPARE(content.size(), 1);
    QCOMPARE(errors.size(), 0);
    QCOMPARE(page->runId(), missing);
}

void TestRunPage::otherErrorsAreReported()
{
    ManualRegistry registry;
    auto page = createPage(&registry);
    QSignalSpy errors(page.get(), &RunPage::errorOccurred);
    page->setRunId(QStringLiteral("a"));
    registry.answer(QStringLiteral("a"),
                    RegistryError(ErrorCode::TemporarilyUnavailable,
                                  QStringLiteral("The database is locked.")));
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<RegistryError>().code(), ErrorCode::TemporarilyUnavailable);
    QVERIFY(!page->isLoading());
    QVERIFY(!page->hasContent());
    auto *label = child<QLabel>(page.get(), "errorLabel");
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("The database is locked."));

    // Retry asks again and shows the run when it comes.
    QTest::mouseClick(child<QPushButton>(page.get(), "retryButton"), Qt::LeftButton);
    QVERIFY(page->isLoading());
    registry.answer(QStringLiteral("a"), fakeRun(QStringLiteral("a"), QStringLiteral("run-a")));
    QTRY_VERIFY(page->hasContent());
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("run-a"));
    QCOMPARE(errors.size(), 1);
}

void TestRunPage::staleAnswerDropped()
{
    auto page = createPage();
    QSignalSpy content(page.get(), &RunPage::contentChanged);
    page->setRunId(m_failedRunId);
    page->setRunId(m_childRunId);
    QTRY_VERIFY(page->hasContent());
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(page->runId(), m_childRunId);
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), m_childRunName);
    QCOMPARE(child<QTextEdit>(page.get(), "runIdField")->toPlainText(), m_childRunId);
    QCOMPARE(content.size(), 1);
}

void TestRunPage::staleAnswerDroppedOutOfOrder()
{
    // A server may answer the older request last; the newer run must stay.
    ManualRegistry registry;
    auto page = createPage(&registry);
    page->setRunId(QStringLiteral("a"));
    page->setRunId(QStringLiteral("b"));
    registry.answer(QStringLiteral("b"), fakeRun(QStringLiteral("b"), QStringLiteral("run-b")));
    QTRY_VERIFY(page->hasContent());
    registry.answer(QStringLiteral("a"), fakeRun(QStringLiteral("a"), QStringLiteral("run-a")));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("run-b"));
    QCOMPARE(page->runId(), QStringLiteral("b"));
    QVERIFY(!page->isLoading());

    // A stale failure is dropped too: no error for a run nobody looks at any more.
    QSignalSpy errors(page.get(), &RunPage::errorOccurred);
    page->setRunId(QStringLiteral("c"));
    page->setRunId(QStringLiteral("d"));
    registry.answer(QStringLiteral("c"),
                    RegistryError(ErrorCode::InternalError, QStringLiteral("broken")));
    registry.answer(QStringLiteral("d"), fakeRun(QStringLiteral("d"), QStringLiteral("run-d")));
    QTRY_COMPARE(child<QLabel>(page.get(), "runName")->text(), QStringLiteral("run-d"));
    QCOMPARE(errors.size(), 0);

    // Destroying the page with an answer outstanding is safe.
    page->setRunId(QStringLiteral("e"));
    page.reset();
    registry.answer(QStringLiteral("e"), fakeRun(QStringLiteral("e"), QStringLiteral("run-e")));
    QCoreApplication::processEvents();
}

void TestRunPage::clearing()
{
    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    QSignalSpy content(page.get(), &RunPage::contentChanged);
    page->setRunId(QString());
    QVERIFY(!page->isLoading());
    QVERIFY(!page->hasContent());
    QCOMPARE(content.size(), 1);
    QVERIFY(page->runId().isEmpty());
    QVERIFY(child<QLabel>(page.get(), "noRunLabel")->isVisible());
}

void TestRunPage::copyWithShortcut()
{
    auto page = createPage();
    QVERIFY(load(page.get(), FormatRunId));
    auto *params = child<QTableView>(page.get(), "paramsTable");
    const QModelIndex value = indexOf(params, QStringLiteral("lr_10"), 1);
    QVERIFY(value.isValid());
    QTest::mouseClick(params->viewport(), Qt::LeftButton, {}, params->visualRect(value).center());
    QCOMPARE(params->selectionModel()->selectedIndexes(), QModelIndexList {value});
    QGuiApplication::clipboard()->clear();
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    params->setFocus();
    QTRY_VERIFY(params->hasFocus());
    QTest::keyClick(params, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("0.2"));

    // A whole row copies as tab-separated text.
    params->selectRow(value.row());
    QTest::keyClick(params, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("lr_10\t0.2"));
}

void TestRunPage::modelsPassTester()
{
    auto page = createPage();
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (const char *name : {"paramsTable", "metricsTable", "tagsTable", "datasetsTable"}) {
        auto *view = child<QTableView>(page.get(), name);
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
        QVERIFY(proxy);
        for (QAbstractItemModel *model :
             {static_cast<QAbstractItemModel *>(proxy), proxy->sourceModel()}) {
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    }
    for (const QString &runId : {FormatRunId, m_childRunId, m_nanRunId, m_parentRunId}) {
        QVERIFY(load(page.get(), runId));
        child<QCheckBox>(page.get(), "showSystemTags")->toggle();
        child<QTableView>(page.get(), "metricsTable")->sortByColumn(1, Qt::DescendingOrder);
        child<QTableView>(page.get(), "paramsTable")->sortByColumn(1, Qt::AscendingOrder);
    }
    page->setRunId(QString());
}

void TestRunPage::fitsNarrowPane()
{
    auto page = createPage();
    for (const int width : {350, 400, 900}) {
        page->resize(width, 700);
        // A run with a long parent name and artifact URI first: the next run must not keep
        // its row heights.
        QVERIFY(load(page.get(), m_childRunId));
        settle();
        QVERIFY(load(page.get(), m_nanRunId));
        settle();
        auto *scroll = child<QScrollArea>(page.get(), "runContent");
        // Nothing is cut off on the right: no horizontal scrolling at all.
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width(),
                 qPrintable(QStringLiteral("%1 px: content needs %2 px")
                                .arg(width)
                                .arg(scroll->widget()->minimumSizeHint().width())));
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        // Every wrapped text gets the height it needs, within the pane.
        for (const QLabel *label : scroll->widget()->findChildren<QLabel *>()) {
            if (!label->isVisible() || !label->wordWrap())
                continue;
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(label->objectName()));
            QVERIFY(label->mapTo(scroll->widget(), QPoint(label->width(), 0)).x()
                    <= scroll->viewport()->width());
        }
        auto *artifacts = child<QTextEdit>(page.get(), "artifactUri");
        QVERIFY(artifacts->geometry().right() <= scroll->viewport()->width());
        QVERIFY(artifacts->height() >= qCeil(artifacts->document()->size().height()));
        QCOMPARE(artifacts->document()->size().height() > artifacts->fontMetrics().height() * 1.5,
                 width < 500);
        // The tab titles fit without scroll buttons.
        const auto *tabs = child<QTabWidget>(page.get(), "runTabs");
        const QTabBar *bar = tabs->tabBar();
        QVERIFY2(bar->tabRect(bar->count() - 1).right() <= bar->width(),
                 qPrintable(QStringLiteral("%1 px: tabs need %2 px")
                                .arg(width)
                                .arg(bar->tabRect(bar->count() - 1).right())));
    }
}

void TestRunPage::screenshots()
{
    auto page = createPage();
    QVERIFY(load(page.get(), m_childRunId));
    QTRY_VERIFY(
        child<QPushButton>(page.get(), "parentRunButton")->text().contains(m_parentRunName));
    child<QTabWidget>(page.get(), "runTabs")->setCurrentIndex(0);
    for (const auto &[width, name] : {std::pair(400, "narrow"), std::pair(900, "wide")}) {
        page->resize(width, 700);
        settle();
        const QString file = QStringLiteral("/tmp/runpage-%1.png").arg(QLatin1String(name));
        QVERIFY(page->grab().save(file));
    }
    QVERIFY(load(page.get(), m_nanRunId));
    child<QTabWidget>(page.get(), "runTabs")->setCurrentIndex(1);
    for (const auto &[width, name] :
         {std::pair(400, "diverged-narrow"), std::pair(900, "diverged-wide")}) {
        page->resize(width, 700);
        settle();
        QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-%1.png").arg(QLatin1String(name))));
    }
    child<QTabWidget>(page.get(), "runTabs")->setCurrentIndex(3);
    settle();
    QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-datasets-wide.png")));
    // The parent with the way back, at the narrowest width, on the tags tab.
    QVERIFY(load(page.get(), m_childRunId));
    auto *parentButton = child<QPushButton>(page.get(), "parentRunButton");
    QTRY_VERIFY(parentButton->text().contains(m_parentRunName));
    QTest::mouseClick(parentButton, Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>(page.get(), "runName")->text(), m_parentRunName);
    child<QTabWidget>(page.get(), "runTabs")->setCurrentIndex(2);
    page->resize(350, 700);
    settle();
    QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-parent-350.png")));
    child<QCheckBox>(page.get(), "showSystemTags")->setChecked(true);
    settle();
    QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-parent-tags-350.png")));

    QVERIFY(load(page.get(), m_deletedRunId));
    settle();
    QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-deleted-350.png")));
    QVERIFY(load(page.get(), QStringLiteral("0123456789abcdef0123456789abcdef")));
    QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-notfound-350.png")));
    page->resize(900, 700);
    settle();
    QVERIFY(page->grab().save(QStringLiteral("/tmp/runpage-notfound.png")));
}

QTEST_MAIN(TestRunPage)
#include "tst_runpage.moc"
