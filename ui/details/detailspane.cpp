#include "ui/details/detailspane.h"
#include "registry/rest/modelpermissions.h"
#include "registry/whenfinished.h"
#include "ui/details/overviewpage.h"
#include "ui/details/runpage.h"
#include "ui/card/cardpage.h"
#include "ui/history/historypage.h"
#include "ui/lineage/lineagepage.h"
#include "ui/metrics/metricspage.h"
#include "ui/metrics/trendpage.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ModelDesk {

namespace {

constexpr int MetricsTab = 2; // a version's charts
constexpr int TrendTab = 3;   // a model's trend, also titled Metrics
constexpr int LineageTab = 4; // a version's or a model's lineage graph
constexpr int HistoryTab = 5; // who changed what and when
constexpr int CardTab = 6;    // a version's model card

} // namespace

DetailsPane::DetailsPane(Registry *registry, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewPage(registry, undoStack, this))
    , m_run(new RunPage(registry, this))
    , m_metricCache(new MetricCache(registry, this))
    , m_metrics(new MetricsPage(registry, m_metricCache, this))
    , m_trend(new TrendPage(registry, this))
    , m_lineage(new LineagePage(registry, this))
    , m_history(new HistoryPage(registry, this))
    , m_card(new CardPage(registry, undoStack, this))
{
    setObjectName(QStringLiteral("detailsPane"));
    m_empty->setObjectName(QStringLiteral("detailsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_empty->setEnabled(false);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_run, tr("Run"));
    m_tabs->addTab(m_metrics, tr("Metrics"));
    m_tabs->addTab(m_trend, tr("Metrics"));
    m_tabs->addTab(m_lineage, tr("Lineage"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_card, tr("Model Card"));
    m_tabs->setTabToolTip(CardTab, tr("What the version is, what it was trained and evaluated "
                                      "on, and what to know before using it"));
    m_tabs->setTabVisible(CardTab, false);
    m_tabs->setTabToolTip(HistoryTab, tr("Who changed what and when: requests, decisions, "
                                         "stages, aliases, tags, descriptions"));
    m_tabs->setTabToolTip(LineageTab, tr("Where this came from: runs, datasets, commits, and "
                                         "what else came out of them"));
    m_tabs->setTabToolTip(TrendTab, tr("A metric across the model's versions"));
    m_tabs->setTabVisible(TrendTab, false);
    m_tabs->setTabToolTip(0, tr("Description, tags, aliases and stage"));
    m_tabs->setTabToolTip(1, tr("The training run this version came from"));
    m_tabs->setTabToolTip(2, tr("A chart of every metric the run logged, at full resolution"));
    m_tabs->setTabVisible(1, false);
    m_tabs->setTabVisible(MetricsTab, false);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this](int index) {
                m_metrics->setActive(index == MetricsTab);
                m_trend->setActive(index == TrendTab);
                m_lineage->setActive(index == LineageTab);
                m_history->setActive(index == HistoryTab);
                m_card->setActive(index == CardTab);
            });
    connect(m_card, &CardPage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_card, &CardPage::statusMessage, this, &DetailsPane::statusMessage);
    connect(m_card, &CardPage::loadingChanged, this, [this](bool loading) {
        if (!loading && !isLoading())
            emit loaded();
    });
    connect(m_history, &HistoryPage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_history, &HistoryPage::loadingChanged, this, [this](bool loading) {
        if (!loading && !isLoading())
            emit loaded();
    });
    connect(m_lineage, &LineagePage::versionActivated, this, &DetailsPane::versionActivated);
    connect(m_lineage, &LineagePage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_lineage, &LineagePage::runActivated, this, [this](const QString &runId) {
        if (runId.isEmpty())
            return;
        if (runId != m_run->runId())
            m_run->setRunId(runId);
        m_tabs->setTabVisible(1, true);
        m_tabs->setCurrentIndex(1);
    });
    connect(m_lineage, &LineagePage::loadingChanged, this, [this](bool loading) {
        if (!loading && !isLoading())
            emit loaded();
    });
    connect(m_trend, &TrendPage::versionActivated, this, &DetailsPane::versionActivated);
    connect(m_trend, &TrendPage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_trend, &TrendPage::loadingChanged, this, [this](bool loading) {
        if (!loading && !isLoading())
            emit loaded();
    });
    connect(m_metrics, &MetricsPage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_metrics, &MetricsPage::loadingChanged, this, [this](bool loading) {
        if (!loading && !isLoading())
            emit loaded();
    });
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_tabs);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_overview, &OverviewPage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_overview, &OverviewPage::statusMessage, this, &DetailsPane::statusMessage);
    connect(m_run, &RunPage::errorOccurred, this, &DetailsPane::errorOccurred);
    connect(m_run, &RunPage::loadingChanged, this, [this](bool loading) {
        if (!loading && !m_loading)
            emit loaded();
    });
    connect(m_run, &RunPage::contentChanged, this,
            [this](bool hasContent) { m_tabs->setTabVisible(1, hasContent && m_version > 0); });
    showNothing();
}

DetailsPane::~DetailsPane() = default;

bool DetailsPane::showsWhatWasAsked() const
{
    return !m_loading && !m_modelName.isEmpty() && m_overview->hasContent()
           && m_overview->shownTarget()
                  == EditTarget{m_modelName, m_version > 0 ? std::optional(m_version)
                                                            : std::nullopt};
}

bool DetailsPane::isLoading() const
{
    return m_loading || (m_version > 0 && m_run->isLoading())
           || (m_tabs->currentIndex() == MetricsTab && m_metrics->isLoading())
           || (m_tabs->currentIndex() == TrendTab && m_trend->isLoading())
           || (m_tabs->currentIndex() == LineageTab && m_lineage->isLoading())
           || (m_tabs->currentIndex() == HistoryTab && m_history->isLoading())
           || (m_tabs->currentIndex() == CardTab && m_card->isLoading());
}

void DetailsPane::showEmpty(const QString &text)
{
    m_empty->setText(text);
    m_stack->setCurrentWidget(m_empty);
}

void DetailsPane::showNothing()
{
    ++m_generation;
    m_pending.cancelAll();
    m_modelName.clear();
    m_version = 0;
    m_model = {};
    m_currentVersion = {};
    m_overview->clear();
    m_run->setRunId({});
    m_metrics->setRun({});
    m_trend->setModelName({});
    m_lineage->clear();
    m_history->clear();
    m_card->clear();
    m_tabs->setTabVisible(TrendTab, false);
    m_tabs->setTabVisible(CardTab, false);
    setLoading(false);
    showEmpty(tr("Select a model on the left to see its description, tags, aliases and "
                 "versions."));
}

void DetailsPane::showModel(const QString &name)
{
    showVersion(name, 0);
}

void DetailsPane::showVersion(const QString &name, qint64 version)
{
    m_modelName = name;
    m_version = version;
    load();
}

void DetailsPane::refresh()
{
    if (m_modelName.isEmpty())
        return;
    load();
    // The charts and the trend read again too (a run may still be logging).
    m_metrics->reload();
    m_trend->reload();
    m_lineage->reload();
    m_history->reload();
    m_card->reload();
}

bool DetailsPane::setCurrentTab(const QString &name)
{
    // "model card", "model-card" and "model_card" all name the Model Card tab.
    QString wanted = name.toLower();
    wanted.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    for (int i = 0; i < m_tabs->count(); ++i) {
        // Two tabs share the title Metrics (a version's, a model's): the one shown counts.
        if (m_tabs->tabText(i).remove(QLatin1Char('&')).toLower() == wanted
            && m_tabs->isTabVisible(i)) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

QStringList DetailsPane::tabNames() const
{
    QStringList names;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->isTabVisible(i))
            names << m_tabs->tabText(i).remove(QLatin1Char('&')).toLower();
    }
    return names;
}

QString DetailsPane::currentTabName() const
{
    return m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&')).toLower();
}

void DetailsPane::showAdjacentTab(int step)
{
    if (m_stack->currentWidget() != m_tabs)
        return;
    const int count = m_tabs->count();
    int index = m_tabs->currentIndex();
    for (int i = 0; i < count; ++i) {
        index = (index + step + count) % count;
        if (m_tabs->isTabVisible(index)) {
            m_tabs->setCurrentIndex(index);
            return;
        }
    }
}

void DetailsPane::setReadOnly(bool readOnly)
{
    m_registryReadOnly = readOnly;
    applyWritable();
}

void DetailsPane::applyWritable()
{
    const bool canEdit = !m_registryReadOnly
                         && ModelPermissions::allows(m_permission, QStringLiteral("EDIT"));
    m_overview->setReadOnly(!canEdit);
    m_card->setReadOnly(!canEdit);
    QString note;
    if (m_permission == QLatin1String("DEFAULT"))
        note = tr("Your permission on %1: the server's default (no grant of your own).")
                   .arg(m_permissionModel);
    else if (!m_permission.isEmpty())
        note = tr("Your permission on %1: %2.").arg(m_permissionModel, m_permission);
    if (!m_permission.isEmpty() && !canEdit && !m_registryReadOnly)
        note += QLatin1Char(' ') + tr("Editing needs EDIT; ask someone with MANAGE on the model.");
    m_overview->setPermissionNote(note);
}

void DetailsPane::readPermission(const QString &name)
{
    if (!m_registry || name == m_permissionModel)
        return;
    m_permissionModel = name;
    m_permission.clear();
    applyWritable();
    whenFinished(m_registry->modelPermission(name), this, [this, name](const Result<QString> &permission) {
        if (name != m_permissionModel)
            return;
        // A permission that cannot be read leaves the server to decide.
        m_permission = permission ? *permission : QString();
        applyWritable();
        emit permissionChanged();
    });
}

void DetailsPane::setLoading(bool loading)
{
    m_loading = loading;
    if (!loading)
        emit loaded();
}

void DetailsPane::load()
{
    if (!m_registry)
        return;
    const quint64 generation = ++m_generation;
    m_pending.cancelAll(); // the selection moved on
    const QString name = m_modelName;
    const qint64 number = m_version;
    m_loading = true;
    if (m_stack->currentWidget() == m_empty)
        showEmpty(tr("Loading %1…").arg(name));
    whenFinished(m_pending.track(m_registry->model(name)), this,
                 [this, generation, name, number](const Result<RegisteredModel> &model) {
                     if (generation != m_generation)
                         return;
                     if (!model) {
                         // What the Overview still holds is not what was asked for.
                         m_overview->clear();
                         showEmpty(model.error().message());
                         if (model.error().code() == ErrorCode::ResourceDoesNotExist)
                             emit modelMissing(name);
                         else
                             emit loadFailed(model.error());
                         setLoading(false);
                         return;
                     }
                     m_model = *model;
                     readPermission(model->name);
                     if (number <= 0) {
                         m_currentVersion = {};
                         m_overview->showModel(*model);
                         m_run->setRunId({});
                         m_metrics->setRun({});
                         const bool trendShown = m_tabs->currentIndex() == MetricsTab;
                         m_trend->setModelName(name);
                         m_lineage->setModel(name);
                         m_history->setTarget(name, 0);
                         if (m_tabs->currentIndex() == CardTab)
                             m_tabs->setCurrentIndex(0);
                         m_tabs->setTabVisible(CardTab, false);
                         m_card->clear();
                         m_tabs->setTabVisible(1, false);
                         m_tabs->setTabVisible(TrendTab, true);
                         m_tabs->setTabVisible(MetricsTab, false);
                         if (trendShown)
                             m_tabs->setCurrentIndex(TrendTab);
                         m_stack->setCurrentWidget(m_tabs);
                         setLoading(false);
                         return;
                     }
                     whenFinished(
                         m_pending.track(m_registry->version(name, number)), this,
                         [this, generation](const Result<ModelVersion> &version) {
                             if (generation != m_generation)
                                 return;
                             if (!version) {
                                 m_overview->clear();
                                 showEmpty(version.error().message());
                                 if (version.error().code() != ErrorCode::ResourceDoesNotExist)
                                     emit loadFailed(version.error());
                                 setLoading(false);
                                 return;
                             }
                             m_currentVersion = *version;
                             m_overview->showVersion(m_model, *version);
                             const QString runId = version->runId.value_or(QString());
                             if (runId != m_run->runId())
                                 m_run->setRunId(runId);
                             m_tabs->setTabVisible(1, m_run->hasContent() || m_run->isLoading());
                             m_metrics->setRun(runId);
                             m_lineage->setVersion(m_currentVersion.name,
                                                   m_currentVersion.version);
                             m_history->setTarget(m_currentVersion.name,
                                                  m_currentVersion.version);
                             m_card->setVersion(m_currentVersion.name, m_currentVersion.version);
                             m_tabs->setTabVisible(CardTab, true);
                             const bool chartsShown = m_tabs->currentIndex() == TrendTab;
                             m_tabs->setTabVisible(MetricsTab, !runId.isEmpty());
                             m_tabs->setTabVisible(TrendTab, false);
                             if (chartsShown && !runId.isEmpty())
                                 m_tabs->setCurrentIndex(MetricsTab);
                             m_stack->setCurrentWidget(m_tabs);
                             setLoading(false);
                         });
                 });
}

} // namespace ModelDesk
