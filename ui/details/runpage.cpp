#include "ui/details/runpage.h"

#include "registry/pendingcalls.h"
#include "registry/whenfinished.h"

#include "ui/details/artifactspanel.h"
#include "ui/details/runtables.h"

#include <QAction>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace ModelDesk {
namespace {

using RunTables::Cell;
using RunTables::copySelection;
using RunTables::ElidedButton;
using RunTables::numberCell;
using RunTables::Row;
using RunTables::RunSortProxy;
using RunTables::RunTableModel;
using RunTables::RunTabs;
using RunTables::textCell;
using RunTables::timeCell;
using RunTables::WrappingField;

QString tagValue(const QList<Tag> &tags, QLatin1String key)
{
    for (const Tag &tag : tags) {
        if (tag.key == key)
            return tag.value;
    }
    return {};
}

bool isSystemTag(const Tag &tag)
{
    return tag.key.startsWith(QLatin1String("mlflow."));
}

// The "uri" (or "path", "url") of a dataset source given as MLflow's JSON, else the text.
QString datasetLocation(const QString &source)
{
    const QJsonDocument json = QJsonDocument::fromJson(source.toUtf8());
    if (json.isObject()) {
        const QJsonObject object = json.object();
        for (const QLatin1String key :
             {QLatin1String("uri"), QLatin1String("path"), QLatin1String("url")}) {
            const QString value = object.value(key).toString();
            if (!value.isEmpty())
                return value;
        }
    }
    return source;
}

} // namespace

// The widgets and state of a RunPage. Owned by it; GUI thread.
class RunPage::Private
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::RunPage)
public:
    // One table tab: the view, its model and an empty-state label in its place when empty.
    struct Table
    {
        RunTableModel *model = nullptr;
        RunSortProxy *proxy = nullptr;
        QTableView *view = nullptr;
        QLabel *emptyLabel = nullptr;
        QStackedWidget *stack = nullptr;
    };

    // A run shown before following a parent link, restored by Back.
    struct HistoryEntry
    {
        Run run;
        std::optional<Run> parent;
    };

    enum class LoadMode { ShowLoading, KeepContent };

    Private(RunPage *page, Registry *registry);

    void setupUi();
    QWidget *createHeader();
    QWidget *createMessagePage(QLabel **title,
                               QLabel **detail,
                               const QString &titleName,
                               const QString &detailName);
    Table createTable(const QString &objectName,
                      QList<RunTableModel::Header> headers,
                      const QString &toolTip);
    void setRows(Table &table, QList<Row> rows, const QString &emptyText);

    void load(const QString &runId, LoadMode mode);
    void handleRun(quint64 generation, const QString &runId, const Result<Run> &result);
    void handleParent(quint64 generation, const QString &parentId, const Result<Run> &result);
    void showRun(const Run &run, const std::optional<Run> &parent);
    void showParentButton(const QString &parentId);
    void fillTags();
    void openParent();
    void goBack();
    void updateBackBar();
    void setLoading(bool loading);
    void setHasContent(bool hasContent);

    static QString formatTimestamp(qint64 milliseconds);
    static QString timestampToolTip(qint64 milliseconds);
    static QString formatDuration(qint64 milliseconds);
    static QString formatMetricValue(double value);
    static QString statusText(const QString &status);
    static QString statusColor(const QString &status);
    static QString runTitle(const Run &run);

    RunPage *q;
    QPointer<Registry> m_registry;
    quint64 m_generation = 0;
    PendingCalls m_pending; // reads for the run shown now
    QString m_runId;
    std::optional<Run> m_run;
    std::optional<Run> m_parentRun;
    QList<HistoryEntry> m_history;
    bool m_loading = false;
    bool m_hasContent = false;

    QWidget *m_backBar = nullptr;
    ElidedButton *m_backButton = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_noRunPage = nullptr;
    QWidget *m_loadingPage = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QWidget *m_notFoundPage = nullptr;
    QLabel *m_notFoundTitle = nullptr;
    QLabel *m_notFoundLabel = nullptr;
    QWidget *m_errorPage = nullptr;
    QLabel *m_errorTitle = nullptr;
    QLabel *m_errorLabel = nullptr;
    QScrollArea *m_contentPage = nullptr;

    QLabel *m_nameLabel = nullptr;
    QLabel *m_statusBadge = nullptr;
    QLabel *m_deletedBadge = nullptr;
    ElidedButton *m_parentButton = nullptr;
    QFormLayout *m_form = nullptr;
    WrappingField *m_runIdField = nullptr;
    QLabel *m_experimentLabel = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_startLabel = nullptr;
    QLabel *m_endLabel = nullptr;
    QLabel *m_durationLabel = nullptr;
    QLabel *m_sourceLabel = nullptr;
    WrappingField *m_artifactField = nullptr;
    QLabel *m_lifecycleLabel = nullptr;
    QLabel *m_noteLabel = nullptr;

    RunTabs *m_tabs = nullptr;
    Table m_params;
    Table m_metrics;
    Table m_tags;
    Table m_datasets;
    QCheckBox *m_showSystemTags = nullptr;
    ArtifactsPanel *m_artifacts = nullptr;
};

RunPage::Private::Private(RunPage *page, Registry *registry)
    : q(page)
    , m_registry(registry)
{ }

void RunPage::Private::setupUi()
{
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_backBar = new QWidget(q);
    auto *backLayout = new QHBoxLayout(m_backBar);
    backLayout->setContentsMargins(9, 6, 9, 0);
    m_backButton = new ElidedButton(m_backBar);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    m_backButton->setIcon(q->style()->standardIcon(QStyle::SP_ArrowBack));
    m_backButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    backLayout->addWidget(m_backButton);
    backLayout->addStretch();
    m_backBar->hide();
    layout->addWidget(m_backBar);
    QObject::connect(m_backButton, &QPushButton::clicked, q, [this] { goBack(); });

    m_pages = new QStackedWidget(q);
    m_pages->setObjectName(QStringLiteral("runPages"));
    layout->addWidget(m_pages);

    QLabel *noRunLabel = nullptr;
    m_noRunPage = createMessagePage(&noRunLabel, nullptr, QStringLiteral("noRunLabel"), {});
    noRunLabel->setText(tr("No run selected."));
    noRunLabel->setToolTip(tr("Select a model version registered from a run to see the run."));

    m_loadingPage = createMessagePage(&m_loadingLabel, nullptr, QStringLiteral("loadingLabel"), {});
    auto *busy = new QProgressBar(m_loadingPage);
    busy->setObjectName(QStringLiteral("loadingIndicator"));
    busy->setRange(0, 0);
    busy->setTextVisible(false);
    busy->setMaximumWidth(240);
    busy->setToolTip(tr("Reading the run from the registry"));
    static_cast<QVBoxLayout *>(m_loadingPage->layout())->insertWidget(2, busy, 0, Qt::AlignHCenter);

    m_notFoundPage
        = createMessagePage(&m_notFoundTitle, &m_notFoundLabel, QStringLiteral("notFoundTitle"),
                            QStringLiteral("notFoundLabel"));
    m_notFoundTitle->setText(tr("Run not found"));
    auto *hint = new QLabel(tr("Versions registered from another tracking server, or from "
                               "files that were never logged as a run, have no run here."),
                            m_notFoundPage);
    hint->setObjectName(QStringLiteral("notFoundHint"));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignHCenter);
    hint->setEnabled(false); // secondary text, in the placeholder colour
    static_cast<QVBoxLayout *>(m_notFoundPage->layout())->insertWidget(3, hint);

    m_errorPage = createMessagePage(&m_errorTitle, &m_errorLabel, QStringLiteral("errorTitle"),
                                    QStringLiteral("errorLabel"));
    m_errorTitle->setText(tr("Could not load the run"));
    auto *retry = new QPushButton(tr("Retry"), m_errorPage);
    retry->setObjectName(QStringLiteral("retryButton"));
    retry->setToolTip(tr("Read the run from the registry again"));
    static_cast<QVBoxLayout *>(m_errorPage->layout())->insertWidget(3, retry, 0, Qt::AlignHCenter);
    QObject::connect(retry, &QPushButton::clicked, q, [this] {
        if (!m_runId.isEmpty())
            load(m_runId, LoadMode::ShowLoading);
    });

    m_contentPage = new QScrollArea(m_pages);
    m_contentPage->setObjectName(QStringLiteral("runContent"));
    m_contentPage->setWidgetResizable(true);
    m_contentPage->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(m_contentPage);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(createHeader());

    m_tabs = new RunTabs(content);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true); // only when even the compact titles do not fit
    m_tabs->setMinimumHeight(240);
    m_tabs->setToolTip(
        tr("The run's parameters, latest metrics, tags, dataset inputs and artifacts"));

    m_params = createTable(
        QStringLiteral("paramsTable"),
        {{tr("Key"), tr("Parameter name")}, {tr("Value"), tr("Parameter value as logged")}},
        tr("Parameters the run logged. Ctrl+C copies the selected cells."));
    m_metrics = createTable(QStringLiteral("metricsTable"),
                            {{tr("Key"), tr("Metric name")},
                             {tr("Value"), tr("Latest value, up to 6 significant digits")},
                             {tr("Step"), tr("Step of the latest value")},
                             {tr("Timestamp"), tr("When the latest value was logged")}},
                            tr("The latest value of each metric the run logged. Ctrl+C copies "
                               "the selected cells."));
    m_tags = createTable(QStringLiteral("tagsTable"),
                         {{tr("Key"), tr("Tag name")}, {tr("Value"), tr("Tag value")}},
                         tr("Tags of the run. Ctrl+C copies the selected cells."));
    m_datasets = createTable(
        QStringLiteral("datasetsTable"),
        // The source, which tells datasets apart, comes early with room to show both of its
        // ends; the short digest takes what is left.
        {{tr("Name"), tr("Dataset name")},
         {tr("Source"), tr("The dataset's source; hover for the full text")},
         {tr("Context"), tr("How the run used the dataset (mlflow.data.context)")},
         {tr("Source type"), tr("Where the dataset came from (for example s3, delta, http)")},
         {tr("Digest"), tr("Hash of the dataset's content")}},
        tr("Datasets the run used as input. Ctrl+C copies the selected cells."));
    m_datasets.view->setTextElideMode(Qt::ElideMiddle);

    m_tabs->addTab(m_params.stack, QString());
    m_tabs->addTab(m_metrics.stack, QString());

    // The tags tab carries the system-tag switch above its table.
    auto *tagsTab = new QWidget(m_tabs);
    auto *tagsLayout = new QVBoxLayout(tagsTab);
    tagsLayout->setContentsMargins(0, 6, 0, 0);
    m_showSystemTags = new QCheckBox(tr("Show system tags"), tagsTab);
    m_showSystemTags->setObjectName(QStringLiteral("showSystemTags"));
    m_showSystemTags->setToolTip(tr("Also show the mlflow.* tags MLflow sets itself (run name, "
                                    "user, source, git commit, parent run…)"));
    tagsLayout->addWidget(m_showSystemTags);
    tagsLayout->addWidget(m_tags.stack);
    m_tabs->addTab(tagsTab, QString());
    m_tabs->addTab(m_datasets.stack, QString());
    QObject::connect(m_showSystemTags, &QCheckBox::toggled, q, [this] { fillTags(); });

    m_artifacts = new ArtifactsPanel(m_registry, m_tabs);
    m_artifacts->setObjectName(QStringLiteral("artifactsPanel"));
    m_tabs->addTab(m_artifacts, QString());
    m_tabs->setTitles(4, tr("Artifacts"), tr("Files"));
    m_tabs->setTabToolTip(4, tr("Artifacts: the files the run logged (models, plots, data); "
                                "download them from here"));

    contentLayout->addWidget(m_tabs, 1);
    m_contentPage->setWidget(content);
    m_pages->addWidget(m_contentPage);
    m_pages->setCurrentWidget(m_noRunPage);
}

QWidget *RunPage::Private::createHeader()
{
    auto *header = new QWidget;
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);

    m_nameLabel = new QLabel(header);
    m_nameLabel->setObjectName(QStringLiteral("runName"));
    QFont nameFont = m_nameLabel->font();
    if (nameFont.pointSizeF() > 0)
        nameFont.setPointSizeF(nameFont.pointSizeF() * 1.5);
    nameFont.setBold(true);
    m_nameLabel->setFont(nameFont);
    m_nameLabel->setWordWrap(true);
    m_nameLabel->setTextFormat(Qt::PlainText);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nameLabel->setToolTip(tr("Run name"));
    layout->addWidget(m_nameLabel);

    auto *badges = new QHBoxLayout;
    m_statusBadge = new QLabel(header);
    m_statusBadge->setObjectName(QStringLiteral("runStatus"));
    m_deletedBadge = new QLabel(tr("Deleted"), header);
    m_deletedBadge->setObjectName(QStringLiteral("deletedBadge"));
    m_deletedBadge->setToolTip(tr("This run was deleted in MLflow. Its data stays in the store "
                                  "until MLflow's garbage collection removes it."));
    m_deletedBadge->setStyleSheet(
        QStringLiteral("QLabel { color: #c62828; border: 1px solid #c62828; border-radius: 4px;"
                       " padding: 1px 8px; font-weight: bold; }"));
    badges->addWidget(m_statusBadge);
    badges->addWidget(m_deletedBadge);
    badges->addStretch();
    layout->addLayout(badges);

    m_parentButton = new ElidedButton(header);
    m_parentButton->setObjectName(QStringLiteral("parentRunButton"));
    m_parentButton->setIcon(q->style()->standardIcon(QStyle::SP_FileDialogToParent));
    m_parentButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *parentRow = new QHBoxLayout;
    parentRow->addWidget(m_parentButton);
    parentRow->addStretch();
    layout->addLayout(parentRow);
    QObject::connect(m_parentButton, &QPushButton::clicked, q, [this] { openParent(); });

    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const auto valueLabel = [header](const QString &name, const QString &toolTip) {
        auto *label = new QLabel(header);
        label->setObjectName(name);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setToolTip(toolTip);
        return label;
    };
    const auto valueField = [header](const QString &name, const QString &toolTip) {
        auto *field = new WrappingField(header);
        field->setObjectName(name);
        field->setToolTip(toolTip);
        return field;
    };
    m_runIdField = valueField(QStringLiteral("runIdField"), tr("The run's id"));
    m_experimentLabel = valueLabel(QStringLiteral("runExperiment"),
                                   tr("Id of the experiment the run belongs to"));
    m_userLabel = valueLabel(QStringLiteral("runUser"), tr("Who started the run"));
    m_startLabel = valueLabel(QStringLiteral("runStart"), tr("When the run started"));
    m_endLabel = valueLabel(QStringLiteral("runEnd"), tr("When the run ended"));
    m_durationLabel = valueLabel(QStringLiteral("runDuration"), tr("How long the run took"));
    m_sourceLabel = valueLabel(QStringLiteral("runSource"), QString());
    m_sourceLabel->setWordWrap(true);
    m_artifactField = valueField(QStringLiteral("artifactUri"), QString());
    m_lifecycleLabel = valueLabel(QStringLiteral("runLifecycle"), QString());
    m_noteLabel = valueLabel(QStringLiteral("runNote"), tr("The run's note (mlflow.note.content)"));
    m_noteLabel->setTextFormat(Qt::MarkdownText);
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_noteLabel->setOpenExternalLinks(true);

    m_form->addRow(tr("Run ID:"), m_runIdField);
    m_form->addRow(tr("Experiment:"), m_experimentLabel);
    m_form->addRow(tr("User:"), m_userLabel);
    m_form->addRow(tr("Started:"), m_startLabel);
    m_form->addRow(tr("Ended:"), m_endLabel);
    m_form->addRow(tr("Duration:"), m_durationLabel);
    m_form->addRow(tr("Source:"), m_sourceLabel);
    m_form->addRow(tr("Artifacts:"), m_artifactField);
    m_form->addRow(tr("Lifecycle:"), m_lifecycleLabel);
    m_form->addRow(tr("Note:"), m_noteLabel);
    layout->addLayout(m_form);
    return header;
}

QWidget *RunPage::Private::createMessagePage(QLabel **title,
                                             QLabel **detail,
                                             const QString &titleName,
                                             const QString &detailName)
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(18, 24, 18, 18);
    layout->addSpacing(12);
    *title = new QLabel(page);
    (*title)->setObjectName(titleName);
    (*title)->setAlignment(Qt::AlignHCenter);
    (*title)->setWordWrap(true);
    (*title)->setTextFormat(Qt::PlainText);
    layout->addWidget(*title);
    if (detail) {
        QFont bold = (*title)->font();
        bold.setBold(true);
        (*title)->setFont(bold);
        *detail = new QLabel(page);
        (*detail)->setObjectName(detailName);
        (*detail)->setAlignment(Qt::AlignHCenter);
        (*detail)->setWordWrap(true);
        (*detail)->setTextFormat(Qt::PlainText);
        (*detail)->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(*detail);
    }
    layout->addStretch();
    m_pages->addWidget(page);
    return page;
}

RunPage::Private::Table RunPage::Private::createTable(const QString &objectName,
                                                      QList<RunTableModel::Header> headers,
                                                      const QString &toolTip)
{
    Table table;
    table.stack = new QStackedWidget(m_tabs);
    table.model = new RunTableModel(std::move(headers), q);
    table.proxy = new RunSortProxy(q);
    table.proxy->setSourceModel(table.model);

    table.view = new QTableView(table.stack);
    table.view->setTabKeyNavigation(false);
    table.view->setObjectName(objectName);
    table.view->setToolTip(toolTip);
    table.view->setModel(table.proxy);
    table.view->setSortingEnabled(true);
    table.view->sortByColumn(0, Qt::AscendingOrder);
    table.view->setSelectionBehavior(QAbstractItemView::SelectItems);
    table.view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table.view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table.view->setWordWrap(false);
    table.view->setAlternatingRowColors(true);
    table.view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table.view->verticalHeader()->hide();
    table.view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table.view->verticalHeader()->setDefaultSectionSize(table.view->fontMetrics().height() + 8);
    table.view->horizontalHeader()->setStretchLastSection(true);
    table.view->horizontalHeader()->setHighlightSections(false);
    table.view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    auto *copy = new QAction(tr("Copy"), table.view);
    copy->setObjectName(objectName + QStringLiteral("Copy"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    copy->setToolTip(tr("Copy the selected cells as tab-separated text"));
    QTableView *view = table.view;
    QObject::connect(copy, &QAction::triggered, view, [view] { copySelection(view); });
    table.view->addAction(copy);
    table.view->setContextMenuPolicy(Qt::ActionsContextMenu);

    table.emptyLabel = new QLabel(table.stack);
    table.emptyLabel->setObjectName(objectName + QStringLiteral("Empty"));
    table.emptyLabel->setAlignment(Qt::AlignCenter);
    table.emptyLabel->setWordWrap(true);
    table.emptyLabel->setEnabled(false); // drawn in the disabled (placeholder) colour
    table.emptyLabel->setToolTip(toolTip);

    table.stack->addWidget(table.view);
    table.stack->addWidget(table.emptyLabel);
    return table;
}

void RunPage::Private::setRows(Table &table, QList<Row> rows, const QString &emptyText)
{
    const bool empty = rows.isEmpty();
    table.model->setRows(std::move(rows));
    table.emptyLabel->setText(emptyText);
    table.stack->setCurrentWidget(empty ? static_cast<QWidget *>(table.emptyLabel)
                                        : static_cast<QWidget *>(table.view));
    table.view->resizeColumnsToContents();
    // One long key or value must not push the other columns out of sight.
    const int cap = table.view->fontMetrics().averageCharWidth() * 36;
    for (int column = 0; column < table.model->columnCount() - 1; ++column) {
        table.view->setColumnWidth(column, std::min(table.view->columnWidth(column), cap));
    }
}

void RunPage::Private::load(const QString &runId, LoadMode mode)
{
    const quint64 generation = ++m_generation;
    m_pending.cancelAll(); // another run replaces this one
    if (m_artifacts->runId() != runId)
        m_artifacts->setRunId({}); // stops listing the previous run's artifacts
    m_runId = runId;
    setLoading(true);
    if (mode == LoadMode::ShowLoading) {
        m_loadingLabel->setText(tr("Loading run…"));
        m_loadingLabel->setToolTip(runId);
        m_pages->setCurrentWidget(m_loadingPage);
    }
    if (!m_registry) {
        handleRun(generation, runId,
                  RegistryError(ErrorCode::InvalidState, tr("The registry is closed.")));
        return;
    }
    // The registry, not the page, is the context: Qt 6.4 asserts when a continuation's
    // context dies before the future finishes, and a page may go while a call is pending.
    // The registry finishes or cancels its futures before it goes; the page is guarded.
    whenFinished(
        m_pending.track(m_registry->run(runId)), q,
        [page = QPointer<RunPage>(q), generation, runId](const Result<Run> &result) {
            if (page)
                page->d->handleRun(generation, runId, result);
        });
}

void RunPage::Private::handleRun(quint64 generation,
                                 const QString &runId,
                                 const Result<Run> &result)
{
    if (generation != m_generation)
        return; // a newer setRunId() or navigation replaced this request
    setLoading(false);
    if (result) {
        showRun(*result, std::nullopt);
        return;
    }
    m_run.reset();
    m_parentRun.reset();
    if (result.error().code() == ErrorCode::ResourceDoesNotExist) {
        // Normal for versions registered from another server or from plain files.
        m_notFoundLabel->setText(
            m_history.isEmpty() ? tr("This version's run %1 is not in this registry.").arg(runId)
                                : tr("Run %1 is not in this registry.").arg(runId));
        m_notFoundLabel->setToolTip(result.error().message());
        m_pages->setCurrentWidget(m_notFoundPage);
        setHasContent(false);
        return;
    }
    m_errorLabel->setText(result.error().message());
    m_errorLabel->setToolTip(result.error().detail());
    m_pages->setCurrentWidget(m_errorPage);
    setHasContent(false);
    emit q->errorOccurred(result.error());
}

void RunPage::Private::showRun(const Run &run, const std::optional<Run> &parent)
{
    const RunInfo &info = run.info;
    m_run = run;
    m_runId = info.runId;
    m_parentRun = parent;

    m_nameLabel->setText(runTitle(run));
    m_statusBadge->setText(statusText(info.status));
    m_statusBadge->setToolTip(tr("Run status: %1").arg(info.status));
    m_statusBadge->setStyleSheet(
        QStringLiteral("QLabel { background-color: %1; color: white; border-radius: 4px;"
                       " padding: 1px 8px; font-weight: bold; }")
            .arg(statusColor(info.status)));
    const bool deleted = info.lifecycleStage == QLatin1String("deleted");
    m_deletedBadge->setVisible(deleted);

    m_runIdField->setText(info.runId);
    m_experimentLabel->setText(info.experimentId);
    m_userLabel->setText(info.userId.isEmpty() ? tr("Unknown") : info.userId);
    m_startLabel->setText(formatTimestamp(info.startTime));
    m_startLabel->setToolTip(timestampToolTip(info.startTime));
    if (info.endTime) {
        m_endLabel->setText(formatTimestamp(*info.endTime));
        m_endLabel->setToolTip(timestampToolTip(*info.endTime));
    } else {
        m_endLabel->setText(tr("Not ended"));
        m_endLabel->setToolTip(tr("The run has no end time: it is still running or was never "
                                  "ended."));
    }
    const bool timed = info.endTime && info.startTime > 0 && *info.endTime >= info.startTime;
    m_durationLabel->setText(timed ? formatDuration(*info.endTime - info.startTime)
                                   : QStringLiteral("\u2014"));

    const QString sourceName = tagValue(run.tags, QLatin1String("mlflow.source.name"));
    const QString sourceType = tagValue(run.tags, QLatin1String("mlflow.source.type"));
    const QString commit = tagValue(run.tags, QLatin1String("mlflow.source.git.commit"));
    QString source = sourceName;
    if (!sourceType.isEmpty())
        source = tr("%1 (%2)").arg(sourceName, sourceType);
    if (!commit.isEmpty())
        source = tr("%1 at commit %2").arg(source, commit.left(8));
    m_sourceLabel->setText(source);
    m_sourceLabel->setToolTip(commit.isEmpty()
                                  ? tr("The script or notebook that ran")
                                  : tr("The script or notebook that ran; commit %1").arg(commit));
    m_form->setRowVisible(m_sourceLabel, !sourceName.isEmpty());

    m_artifactField->setText(info.artifactUri);
    m_artifactField->setToolTip(
        tr("Where the run's artifacts are stored:\n%1").arg(info.artifactUri));

    m_lifecycleLabel->setText(deleted ? tr("Deleted") : tr("Active"));
    m_lifecycleLabel->setStyleSheet(
        deleted ? QStringLiteral("QLabel { color: #c62828; font-weight: bold; }") : QString());
    m_lifecycleLabel->setToolTip(deleted ? m_deletedBadge->toolTip()
                                         : tr("The run is active (not deleted)"));

    const QString note = tagValue(run.tags, QLatin1String("mlflow.note.content"));
    m_noteLabel->setText(note);
    m_form->setRowVisible(m_noteLabel, !note.isEmpty());

    QList<Row> params;
    for (const Tag &param : run.params)
        params.append(Row {textCell(param.key), textCell(param.value)});
    setRows(m_params, params, tr("No parameters"));
    // "Params" (MLflow's own short word) when narrow, as "Files" for the artifacts: five
    // tabs must fit a 350 px pane.
    m_tabs->setTitles(0, tr("Parameters (%1)").arg(run.params.size()), tr("Params"));
    m_tabs->setTabToolTip(0, tr("%n parameter(s)", nullptr, int(run.params.size())));

    QList<Row> metrics;
    for (const Metric &metric : run.metrics) {
        QString valueToolTip = QString::number(metric.value, 'g', QLocale::FloatingPointShortest);
        if (std::isnan(metric.value))
            valueToolTip = tr("Not a number: the run logged NaN");
        else if (std::abs(metric.value) >= std::numeric_limits<double>::max())
            valueToolTip
                = tr("MLflow stores infinity as the largest double (%1)")
                      .arg(QString::number(metric.value, 'g', QLocale::FloatingPointShortest));
        metrics.append(Row {textCell(metric.key),
                            numberCell(formatMetricValue(metric.value), metric.value, valueToolTip),
                            numberCell(QString::number(metric.step), double(metric.step)),
                            timeCell(formatTimestamp(metric.timestamp), metric.timestamp,
                                     timestampToolTip(metric.timestamp))});
    }
    setRows(m_metrics, metrics, tr("No metrics"));
    m_tabs->setTitles(1, tr("Metrics (%1)").arg(run.metrics.size()), tr("Metrics"));
    m_tabs->setTabToolTip(1,
                          tr("The latest value of %n metric(s)", nullptr, int(run.metrics.size())));

    fillTags();

    QList<Row> datasets;
    for (const DatasetInput &input : run.datasetInputs) {
        const Dataset &dataset = input.dataset;
        Cell sourceCell = textCell(datasetLocation(dataset.source), dataset.source);
        sourceCell.text = dataset.source; // copy the source as MLflow stores it
        if (sourceCell.display.isEmpty())
            sourceCell.display = datasetLocation(dataset.source);
        datasets.append(Row {textCell(dataset.name), sourceCell,
                             textCell(tagValue(input.tags, QLatin1String("mlflow.data.context"))),
                             textCell(dataset.sourceType), textCell(dataset.digest)});
    }
    setRows(m_datasets, datasets, tr("No dataset inputs"));
    m_tabs->setTitles(3, tr("Datasets (%1)").arg(run.datasetInputs.size()), tr("Datasets"));
    m_tabs->setTabToolTip(3, tr("%n dataset input(s)", nullptr, int(run.datasetInputs.size())));

    m_artifacts->setRunId(info.runId);

    showParentButton(run.parentRunId());
    updateBackBar();
    m_pages->setCurrentWidget(m_contentPage);
    setHasContent(true);
}

void RunPage::Private::showParentButton(const QString &parentId)
{
    m_parentButton->setVisible(!parentId.isEmpty());
    m_parentButton->setEnabled(true);
    if (parentId.isEmpty())
        return;
    if (m_parentRun) {
        m_parentButton->setText(tr("Parent run: %1").arg(runTitle(*m_parentRun)));
        m_parentButton->setToolTip(tr("Show the parent run %1").arg(parentId));
        return;
    }
    m_parentButton->setText(tr("Parent run: %1").arg(parentId));
    m_parentButton->setToolTip(tr("Show the parent run %1").arg(parentId));
    if (!m_registry || parentId == m_runId)
        return;
    const quint64 generation = m_generation;
    // The registry is the context, as in load().
    whenFinished(
        m_pending.track(m_registry->run(parentId)), q,
        [page = QPointer<RunPage>(q), generation, parentId](const Result<Run> &result) {
            if (page)
                page->d->handleParent(generation, parentId, result);
        });
}

void RunPage::Private::handleParent(quint64 generation,
                                    const QString &parentId,
                                    const Result<Run> &result)
{
    if (generation != m_generation || !m_run || m_run->parentRunId() != parentId)
        return;
    if (result) {
        m_parentRun = *result;
        m_parentButton->setText(tr("Parent run: %1").arg(runTitle(*result)));
        return;
    }
    if (result.error().code() == ErrorCode::ResourceDoesNotExist) {
        m_parentButton->setText(tr("Parent run: %1 (not in this registry)").arg(parentId));
        m_parentButton->setEnabled(false);
    }
    // Other failures keep the id on the button; clicking it loads the parent and reports.
    m_parentButton->setToolTip(result.error().message());
}

void RunPage::Private::fillTags()
{
    if (!m_run)
        return;
    const bool showSystem = m_showSystemTags->isChecked();
    int systemCount = 0;
    QList<Row> rows;
    for (const Tag &tag : std::as_const(m_run->tags)) {
        const bool system = isSystemTag(tag);
        systemCount += system ? 1 : 0;
        if (!system || showSystem)
            rows.append(Row {textCell(tag.key), textCell(tag.value)});
    }
    const int shown = int(rows.size());
    const QString emptyText = systemCount > 0 && !showSystem
        ? tr("No tags (%n system tag(s) hidden)", nullptr, systemCount)
        : tr("No tags");
    setRows(m_tags, rows, emptyText);
    m_showSystemTags->setText(tr("Show system tags (%1)").arg(systemCount));
    m_tabs->setTitles(2, tr("Tags (%1)").arg(shown), tr("Tags"));
    m_tabs->setTabToolTip(
        2,
        showSystem ? tr("%n tag(s), system tags included", nullptr, shown)
                   : tr("%n tag(s); %1 system tags hidden", nullptr, shown).arg(systemCount));
}

void RunPage::Private::openParent()
{
    if (!m_run)
        return;
    const QString parentId = m_run->parentRunId();
    if (parentId.isEmpty())
        return;
    m_history.append({*m_run, m_parentRun});
    if (m_parentRun) {
        const Run parent = *m_parentRun;
        ++m_generation; // drops answers still on their way for the child
        setLoading(false);
        showRun(parent, std::nullopt);
    } else {
        load(parentId, LoadMode::ShowLoading);
    }
    updateBackBar();
    // The clicked button is gone; keep keyboard focus on the way back.
    m_backButton->setFocus(Qt::OtherFocusReason);
}

void RunPage::Private::goBack()
{
    if (m_history.isEmpty())
        return;
    const HistoryEntry entry = m_history.takeLast();
    ++m_generation;
    setLoading(false);
    showRun(entry.run, entry.parent);
    m_parentButton->setFocus(Qt::OtherFocusReason);
}

void RunPage::Private::updateBackBar()
{
    m_backBar->setVisible(!m_history.isEmpty());
    if (m_history.isEmpty())
        return;
    const QString child = runTitle(m_history.constLast().run);
    m_backButton->setText(tr("Back to %1").arg(child));
    m_backButton->setToolTip(tr("Return to run %1").arg(child));
}

void RunPage::Private::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit q->loadingChanged(loading);
}

void RunPage::Private::setHasContent(bool hasContent)
{
    if (m_hasContent == hasContent)
        return;
    m_hasContent = hasContent;
    emit q->contentChanged(hasContent);
}

QString RunPage::Private::formatTimestamp(qint64 milliseconds)
{
    if (milliseconds <= 0)
        return QStringLiteral("\u2014");
    return QDateTime::fromMSecsSinceEpoch(milliseconds)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString RunPage::Private::timestampToolTip(qint64 milliseconds)
{
    if (milliseconds <= 0)
        return tr("Not recorded");
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    return tr("%1 UTC (%2 ms since the epoch)")
        .arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")))
        .arg(milliseconds);
}

QString RunPage::Private::formatDuration(qint64 milliseconds)
{
    constexpr qint64 Second = 1000;
    constexpr qint64 Minute = 60 * Second;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    if (milliseconds < Second)
        return tr("%1 ms").arg(milliseconds);
    if (milliseconds < Minute)
        return tr("%1 s").arg(QString::number(double(milliseconds) / Second, 'g', 3));
    if (milliseconds < Hour)
        return tr("%1 min %2 s").arg(milliseconds / Minute).arg(milliseconds % Minute / Second);
    if (milliseconds < Day)
        return tr("%1 h %2 min").arg(milliseconds / Hour).arg(milliseconds % Hour / Minute);
    return tr("%1 d %2 h").arg(milliseconds / Day).arg(milliseconds % Day / Hour);
}

QString RunPage::Private::formatMetricValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    // MLflow stores ±infinity as ±DBL_MAX and returns it that way.
    if (std::abs(value) >= std::numeric_limits<double>::max())
        return value > 0 ? tr("Infinity") : tr("-Infinity");
    return QString::number(value, 'g', 6);
}

QString RunPage::Private::statusText(const QString &status)
{
    if (status == QLatin1String("FINISHED"))
        return tr("Finished");
    if (status == QLatin1String("FAILED"))
        return tr("Failed");
    if (status == QLatin1String("KILLED"))
        return tr("Killed");
    if (status == QLatin1String("RUNNING"))
        return tr("Running");
    if (status == QLatin1String("SCHEDULED"))
        return tr("Scheduled");
    return status.isEmpty() ? tr("Unknown") : status;
}

QString RunPage::Private::statusColor(const QString &status)
{
    if (status == QLatin1String("FINISHED"))
        return QStringLiteral("#2e7d32");
    if (status == QLatin1String("FAILED"))
        return QStringLiteral("#c62828");
    if (status == QLatin1String("RUNNING"))
        return QStringLiteral("#1565c0");
    if (status == QLatin1String("SCHEDULED"))
        return QStringLiteral("#6a1b9a");
    return QStringLiteral("#616161"); // KILLED and anything unknown
}

QString RunPage::Private::runTitle(const Run &run)
{
    if (!run.info.runName.isEmpty())
        return run.info.runName;
    const QString tagged = tagValue(run.tags, QLatin1String("mlflow.runName"));
    return tagged.isEmpty() ? run.info.runId : tagged;
}

RunPage::RunPage(Registry *registry, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, registry))
{
    d->setupUi();
}

RunPage::~RunPage() = default;

void RunPage::setRunId(const QString &runId)
{
    d->m_history.clear();
    d->updateBackBar();
    if (runId.isEmpty()) {
        ++d->m_generation;
        d->m_runId.clear();
        d->m_run.reset();
        d->m_parentRun.reset();
        d->setLoading(false);
        d->m_artifacts->setRunId({});
        d->m_pages->setCurrentWidget(d->m_noRunPage);
        d->setHasContent(false);
        return;
    }
    // The run on screen again (the same version reselected): refresh it in place.
    const bool shown = d->m_run && d->m_run->info.runId == runId
        && d->m_pages->currentWidget() == d->m_contentPage;
    d->load(runId, shown ? Private::LoadMode::KeepContent : Private::LoadMode::ShowLoading);
}

QString RunPage::runId() const
{
    return d->m_runId;
}

bool RunPage::hasContent() const
{
    return d->m_hasContent;
}

bool RunPage::isLoading() const
{
    return d->m_loading;
}

} // namespace ModelDesk
