#include "ui/metrics/trendpage.h"
#include "ui/theme.h"
#include "models/roles.h"
#include "registry/filter/filter.h"
#include "registry/whenfinished.h"
#include "ui/charts/metricchart.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace ModelDesk {

namespace {

// Runs whose metric names fill the metric box: those of the newest versions.
constexpr int NameRuns = 20;

using Theme::stageColor;

} // namespace

TrendPage::TrendPage(Registry *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_metric(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_older(new QPushButton(tr("Load &Older Versions"), this))
    , m_chart(new MetricChart(MetricChart::Mode::Full, this))
    , m_table(new QTableView(this))
    , m_model(new TrendModel(this))
{
    setObjectName(QStringLiteral("trendPage"));
    m_metric->setObjectName(QStringLiteral("trendMetric"));
    m_metric->setToolTip(tr("The metric to follow across versions (names from the newest "
                            "versions' runs)"));
    m_metric->setMinimumContentsLength(12);
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_metric);
    m_mode->setObjectName(QStringLiteral("trendMode"));
    m_mode->addItem(tr("Latest value"));
    m_mode->addItem(tr("Minimum of the history"));
    m_mode->addItem(tr("Maximum of the history"));
    m_mode->setToolTip(tr("The run's latest value (highest step, then latest time), or the "
                          "least or greatest finite value it logged"));
    m_progress->setObjectName(QStringLiteral("trendProgress"));
    m_progress->setMaximumWidth(140);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("trendStatus"));
    m_status->setWordWrap(true);
    m_older->setObjectName(QStringLiteral("trendLoadOlder"));
    m_older->setToolTip(tr("Read the next %L1 older versions").arg(PageSize));
    m_older->hide();
    m_chart->setObjectName(QStringLiteral("trendChart"));
    m_chart->setIntegerX(true);
    m_chart->setXTitle(tr("Version"));
    m_chart->setMessage(tr("Loading…"));
    m_table->setObjectName(QStringLiteral("trendTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Double-click or press Enter to select the version"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(metricLabel);
    bar->addWidget(m_metric, 1);
    bar->addWidget(m_mode);
    auto *statusBar = new QHBoxLayout;
    statusBar->addWidget(m_status, 1);
    statusBar->addWidget(m_progress);
    statusBar->addWidget(m_older);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({360, 240}); // the chart first, the table below
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    layout->addLayout(statusBar);
    layout->addWidget(split, 1);

    connect(m_metric, &QComboBox::activated, this, [this] { readSummaries(); });
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this](int index) { setMode(TrendModel::Mode(index)); });
    connect(m_older, &QPushButton::clicked, this, &TrendPage::loadOlder);
    connect(m_chart, &MetricChart::hovered, this, &TrendPage::showHover);
    connect(m_chart, &MetricChart::left, m_chart, &MetricChart::clearHover);
    connect(m_chart, &MetricChart::resetRequested, this, &TrendPage::updateChart);
    connect(m_chart, &MetricChart::clicked, this, [this](double x) {
        // On a point's column only, not anywhere in the plot.
        if (const auto point = nearest(x); point && std::abs(double(point->version) - x) <= 0.5)
            emit versionActivated(m_name, point->version);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit versionActivated(m_name, index.data(VersionNumberRole).toLongLong());
    });
}

TrendPage::~TrendPage() = default;

void TrendPage::setModelName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    if (m_active)
        load();
}

void TrendPage::setActive(bool active)
{
    m_active = active;
    if (active && m_loaded != m_name)
        load();
}

bool TrendPage::isLoading() const
{
    return m_reading > 0;
}

QStringList TrendPage::metricNames() const
{
    QStringList names;
    for (int i = 0; i < m_metric->count(); ++i)
        names << m_metric->itemText(i);
    return names;
}

QString TrendPage::metricKey() const
{
    return m_metric->currentText();
}

void TrendPage::setMetric(const QString &key)
{
    const int index = m_metric->findText(key);
    if (index < 0 || key == metricKey())
        return;
    m_metric->setCurrentIndex(index);
    readSummaries();
}

void TrendPage::setMode(TrendModel::Mode mode)
{
    if (m_mode->currentIndex() != int(mode)) {
        const QSignalBlocker blocker(m_mode);
        m_mode->setCurrentIndex(int(mode));
    }
    const bool needsRange = mode != TrendModel::Mode::Latest;
    const bool hasRange = std::any_of(m_model->points().cbegin(), m_model->points().cend(),
                                      [](const TrendPoint &p) { return p.minimum.has_value(); });
    m_model->setMode(mode);
    if (needsRange && !hasRange && !m_model->points().isEmpty())
        readSummaries(); // the ranges are read only when asked for
    else
        updateChart();
}

void TrendPage::checkLoading()
{
    const bool loading = isLoading();
    if (loading != m_wasLoading) {
        m_wasLoading = loading;
        emit loadingChanged(loading);
    }
}

void TrendPage::setBusy(bool busy, const QString &status)
{
    m_reading += busy ? 1 : -1;
    if (!status.isEmpty())
        m_status->setText(status);
    m_progress->setVisible(m_reading > 0);
    if (m_reading == 0)
        m_progress->setRange(0, 0);
    checkLoading();
}

void TrendPage::reload()
{
    m_loaded.clear();
    if (m_active)
        load();
}

void TrendPage::load()
{
    ++m_generation;
    ++m_summaryGeneration;
    m_pending.cancelAll();
    m_summaryCalls.cancelAll();
    m_reading = 0;
    m_summarizing = false;
    m_versions.clear();
    m_aliases.clear();
    m_nextPage.clear();
    m_model->setPoints({}, {});
    m_metric->clear();
    m_loaded = m_name;
    m_older->hide();
    if (m_name.isEmpty() || !m_registry) {
        m_chart->setMessage(QString());
        checkLoading();
        return;
    }
    m_chart->setMessage(tr("Loading…"));
    const quint64 generation = m_generation;
    setBusy(true, tr("Reading the versions of %1…").arg(m_name));
    whenFinished(m_pending.track(m_registry->model(m_name)), this,
                 [this, generation](const Result<RegisteredModel> &model) {
                     if (generation != m_generation)
                         return;
                     // Idle only once the next step has started.
                     const auto idle = qScopeGuard([this] { setBusy(false); });
                     if (!model) {
                         m_chart->setMessage(model.error().message());
                         m_status->setText(tr("The model could not be read."));
                         if (model.error().code() != ErrorCode::ResourceDoesNotExist)
                             emit errorOccurred(model.error());
                         return;
                     }
                     for (const Alias &alias : model->aliases)
                         m_aliases[alias.version] << QLatin1Char('@') + alias.alias;
                     readVersions({});
                 });
}

void TrendPage::readVersions(const QString &pageToken)
{
    const auto clause = Filter::nameEquals(m_name);
    if (!clause) {
        m_chart->setMessage(clause.error().message());
        return;
    }
    SearchRequest request;
    request.filter = *clause;
    request.orderBy = {QStringLiteral("version_number DESC")};
    request.maxResults = PageSize;
    request.pageToken = pageToken;
    const quint64 generation = m_generation;
    setBusy(true);
    whenFinished(
        m_pending.track(m_registry->searchVersions(request)), this,
        [this, generation, first = pageToken.isEmpty()](const Result<Page<ModelVersion>> &page) {
            if (generation != m_generation)
                return;
            const auto idle = qScopeGuard([this] { setBusy(false); });
            if (!page) {
                m_chart->setMessage(page.error().message());
                m_status->setText(tr("The versions could not be read."));
                emit errorOccurred(page.error());
                return;
            }
            m_versions += page->items;
            m_nextPage = page->nextPageToken;
            m_older->setVisible(!m_nextPage.isEmpty());
            if (m_versions.isEmpty()) {
                m_chart->setMessage(tr("This model has no versions yet."));
                m_status->setText(QString());
                return;
            }
            if (first)
                readNames();
            else
                readSummaries();
        });
}

void TrendPage::readNames()
{
    QStringList runs = trendRuns(m_versions).mid(0, NameRuns);
    if (runs.isEmpty()) {
        m_chart->setMessage(tr("None of the versions has a source run, so there are no "
                               "metrics to follow."));
        m_status->setText(QString());
        return;
    }
    m_status->setText(tr("Reading the metric names of the newest versions' runs…"));
    auto names = std::make_shared<QStringList>();
    auto left = std::make_shared<int>(int(runs.size()));
    const quint64 generation = m_generation;
    for (const QString &runId : std::as_const(runs)) {
        setBusy(true);
        whenFinished(m_pending.track(m_registry->run(runId)), this,
                     [this, generation, names, left](const Result<Run> &run) {
                         if (generation != m_generation)
                             return;
                         const auto idle = qScopeGuard([this] { setBusy(false); });
                         if (run) {
                             for (const Metric &metric : run->metrics)
                                 *names << metric.key;
                         }
                         if (--*left > 0)
                             return;
                         names->removeDuplicates();
                         names->sort(Qt::CaseInsensitive);
                         m_metric->clear();
                         m_metric->addItems(*names);
                         if (names->isEmpty()) {
                             m_chart->setMessage(tr("The versions' runs logged no metrics."));
                             return;
                         }
                         readSummaries();
                     });
    }
}

void TrendPage::readSummaries()
{
    const QString key = metricKey();
    if (key.isEmpty() || m_versions.isEmpty())
        return;
    const bool withRange = m_model->mode() != TrendModel::Mode::Latest;
    const QStringList runs = trendRuns(m_versions);
    // A new summary replaces one still being read; the versions' reads go on.
    const quint64 generation = ++m_summaryGeneration;
    m_summaryCalls.cancelAll();
    if (!m_summarizing) {
        m_summarizing = true;
        setBusy(true);
    }
    m_status->setText(tr("Reading %1 of %Ln run(s)…", nullptr, int(runs.size())).arg(key));
    m_progress->setRange(0, int(runs.size()));
    m_progress->setValue(0);
    auto future = m_summaryCalls.track(m_registry->metricSummaries(runs, key, withRange));
    auto *watcher = new QFutureWatcher<Result<QList<MetricSummary>>>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(future);
    whenFinished(future, this, [this, generation, key](const Result<QList<MetricSummary>> &found) {
        if (generation != m_summaryGeneration)
            return;
        m_summarizing = false;
        const auto idle = qScopeGuard([this] { setBusy(false); });
        if (!found) {
            m_chart->setMessage(found.error().message());
            m_status->setText(tr("%1 could not be read.").arg(key));
            emit errorOccurred(found.error());
            return;
        }
        m_model->setPoints(trendPoints(m_versions, *found), m_aliases);
        m_table->resizeColumnsToContents();
        updateChart();
    });
}

void TrendPage::updateChart()
{
    const QList<TrendPoint> &points = m_model->points();
    QMap<QString, MetricChart::PointGroup> groups;
    QList<MetricChart::Label> labels;
    DrawnSeries line;
    QList<QPointF> segment;
    double minY = std::numeric_limits<double>::infinity();
    double maxY = -minY;
    int missing = 0;
    for (const TrendPoint &point : points) {
        const std::optional<double> value = m_model->value(point);
        if (!value) {
            ++missing;
            continue;
        }
        const double x = double(point.version);
        if (!isDrawable(*value)) {
            line.gaps.append({x,
                              std::isnan(*value) ? MetricGap::Kind::NaN
                                  : *value > 0   ? MetricGap::Kind::PositiveInfinity
                                                 : MetricGap::Kind::NegativeInfinity});
            continue;
        }
        const QString stage = point.stage.isEmpty() ? QStringLiteral("None") : point.stage;
        MetricChart::PointGroup &group = groups[stage];
        group.name = stage;
        group.color = stageColor(stage);
        group.points.append({x, *value});
        segment.append({x, *value});
        minY = std::min(minY, *value);
        maxY = std::max(maxY, *value);
        const QStringList aliases = m_model->aliasesOf(point.version);
        if (!aliases.isEmpty())
            labels.append({{x, *value}, aliases.join(QLatin1Char(' '))});
    }
    const int shown = int(points.size()) - missing;
    QString status = tr("%1 of %Ln version(s) logged %2", nullptr, int(points.size()))
                         .arg(shown)
                         .arg(metricKey());
    if (missing > 0)
        status += tr("; the table says why the other %Ln did not.", nullptr, missing);
    if (!m_nextPage.isEmpty())
        status += tr(" Older versions are not read yet.");
    m_status->setText(status);
    if (shown == 0) {
        m_chart->setMessage(points.isEmpty() ? QString()
                                             : tr("No version's run logged %1.").arg(metricKey()));
        return;
    }
    if (!segment.isEmpty())
        line.segments.append(segment);
    QColor faint = palette().color(QPalette::Text);
    faint.setAlpha(70);
    m_chart->setLines({{QString(), faint, line, std::nullopt}});
    // Stages in their usual order in the legend.
    QList<MetricChart::PointGroup> ordered;
    for (const char *stage : {"Production", "Staging", "None", "Archived"}) {
        if (groups.contains(QLatin1String(stage)))
            ordered << groups.take(QLatin1String(stage));
    }
    ordered += groups.values();
    m_chart->setPointGroups(ordered, labels);
    const double first = double(points.constFirst().version);
    const double last = double(points.constLast().version);
    const double pad
        = maxY > minY ? (maxY - minY) * 0.08 : (maxY != 0 ? std::abs(maxY) * 0.05 : 0.5);
    m_chart->setRange({first - 0.5, last + 0.5, minY - pad, maxY + pad});
}

std::optional<TrendPoint> TrendPage::nearest(double x) const
{
    std::optional<TrendPoint> best;
    double distance = std::numeric_limits<double>::infinity();
    for (const TrendPoint &point : m_model->points()) {
        if (!m_model->value(point))
            continue;
        const double d = std::abs(double(point.version) - x);
        if (d < distance) {
            distance = d;
            best = point;
        }
    }
    return best;
}

void TrendPage::showHover(double x)
{
    const auto point = nearest(x);
    if (!point) {
        m_chart->clearHover();
        return;
    }
    const double value = *m_model->value(*point);
    QString text = tr("Version %1 · %2").arg(point->version).arg(point->stage);
    const QStringList aliases = m_model->aliasesOf(point->version);
    if (!aliases.isEmpty())
        text += QLatin1Char('\n') + aliases.join(QLatin1Char(' '));
    text += QLatin1Char('\n')
        + tr("%1 %2 (step %3)")
              .arg(metricKey(),
                   m_model
                       ->data(m_model->index(m_model->rowOf(point->version), TrendModel::Value),
                              Qt::DisplayRole)
                       .toString())
              .arg(point->latest ? point->latest->step : 0);
    text += QLatin1Char('\n') + tr("Click to select it");
    m_chart->showHover(QPointF(double(point->version), value), text);
}

void TrendPage::loadOlder()
{
    if (m_nextPage.isEmpty() || isLoading())
        return;
    readVersions(m_nextPage);
}

} // namespace ModelDesk
