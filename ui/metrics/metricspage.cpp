#include "ui/metrics/metricspage.h"
#include "registry/whenfinished.h"
#include "ui/metrics/metricplot.h"
#include "ui/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ModelDesk {

namespace {

constexpr int MaxReadsInFlight = 3;
constexpr int CellWidth = 300; // a small multiple's width in the grid, at least

const char *const AxisKeys[] = {"step", "wall-time", "relative-time"};

} // namespace

MetricsPage::MetricsPage(Registry *registry, MetricCache *cache, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_cache(cache)
    , m_filter(new QLineEdit(this))
    , m_axis(new QComboBox(this))
    , m_log(new QCheckBox(tr("&Log scale"), this))
    , m_smoothing(new QSlider(Qt::Horizontal, this))
    , m_smoothingValue(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_grid(new QWidget)
    , m_gridLayout(new QGridLayout(m_grid))
    , m_largePage(new QWidget(this))
    , m_largeTitle(new QLabel(m_largePage))
    , m_large(new MetricPlot(MetricChart::Mode::Full, m_largePage))
{
    setObjectName(QStringLiteral("metricsPage"));
    m_filter->setObjectName(QStringLiteral("metricFilter"));
    m_filter->setPlaceholderText(tr("Filter metrics by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows the charts whose metric name contains the text"));
    m_axis->setObjectName(QStringLiteral("metricAxis"));
    m_axis->addItem(tr("Step"));
    m_axis->addItem(tr("Wall time"));
    m_axis->addItem(tr("Relative time"));
    m_axis->setToolTip(tr("What the horizontal axis shows: the step logged, the time of day, "
                          "or seconds since the run started"));
    auto *axisLabel = new QLabel(tr("&X axis:"), this);
    axisLabel->setBuddy(m_axis);
    m_log->setObjectName(QStringLiteral("logScale"));
    m_log->setToolTip(tr("A logarithmic value axis; values at or below 0 are left out"));
    m_smoothing->setObjectName(QStringLiteral("smoothing"));
    m_smoothing->setRange(0, 99);
    m_smoothing->setPageStep(10);
    m_smoothing->setMinimumWidth(80);
    m_smoothing->setMaximumWidth(220);
    m_smoothing->setToolTip(tr("Exponential moving average, as in TensorBoard: the smoothed "
                               "line is drawn over the faint raw one"));
    auto *smoothingLabel = new QLabel(tr("&Smoothing:"), this);
    smoothingLabel->setBuddy(m_smoothing);
    m_smoothingValue->setMinimumWidth(
        m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")) + 4);

    // Two rows, so that a narrow details pane clips nothing.
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addSpacing(8);
    bar->addWidget(axisLabel);
    bar->addWidget(m_axis);
    auto *secondBar = new QHBoxLayout;
    secondBar->addWidget(m_log);
    secondBar->addSpacing(12);
    secondBar->addWidget(smoothingLabel);
    secondBar->addWidget(m_smoothing, 2);
    secondBar->addWidget(m_smoothingValue);
    secondBar->addStretch(1);

    m_empty->setObjectName(QStringLiteral("metricsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_empty->setEnabled(false);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_grid);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(6);

    // The large view: back, title, reset and export above one chart.
    auto *back = new QToolButton(m_largePage);
    back->setObjectName(QStringLiteral("metricsBack"));
    back->setText(tr("← All Metrics"));
    back->setToolTip(tr("Back to every chart (Esc)"));
    back->setAutoRaise(true);
    connect(back, &QToolButton::clicked, this, &MetricsPage::closeLargeView);
    m_largeTitle->setObjectName(QStringLiteral("metricsLargeTitle"));
    QFont bold = m_largeTitle->font();
    bold.setBold(true);
    m_largeTitle->setFont(bold);
    auto *reset = new QToolButton(m_largePage);
    reset->setText(tr("Reset Zoom"));
    reset->setToolTip(tr("Show the whole history again (double-click, 0 or Home)"));
    reset->setAutoRaise(true);
    connect(reset, &QToolButton::clicked, m_large, &MetricPlot::resetZoom);
    auto *exportButton = new QToolButton(m_largePage);
    exportButton->setObjectName(QStringLiteral("metricsExport"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setAutoRaise(true);
    auto *exportMenu = new QMenu(exportButton);
    connect(exportMenu->addAction(tr("Image (PNG)…")), &QAction::triggered, this,
            [this] { m_large->exportInteractively(QStringLiteral("png")); });
    connect(exportMenu->addAction(tr("Vector Image (SVG)…")), &QAction::triggered, this,
            [this] { m_large->exportInteractively(QStringLiteral("svg")); });
    connect(exportMenu->addAction(tr("Points (CSV)…")), &QAction::triggered, this,
            [this] { m_large->exportInteractively(QStringLiteral("csv")); });
    exportButton->setMenu(exportMenu);
    auto *largeBar = new QHBoxLayout;
    largeBar->addWidget(back);
    largeBar->addWidget(m_largeTitle, 1);
    largeBar->addWidget(reset);
    largeBar->addWidget(exportButton);
    auto *hint = new QLabel(tr("Drag to zoom, wheel to zoom in and out, Shift+drag or middle "
                               "button to pan, double-click to reset."),
                            m_largePage);
    hint->setEnabled(false);
    hint->setWordWrap(true);
    auto *largeLayout = new QVBoxLayout(m_largePage);
    largeLayout->setContentsMargins(0, 0, 0, 0);
    largeLayout->addLayout(largeBar);
    largeLayout->addWidget(m_large, 1);
    largeLayout->addWidget(hint);
    m_large->setObjectName(QStringLiteral("metricsLargePlot"));
    connect(m_large, &MetricPlot::drawn, this, &MetricsPage::checkLoading);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_scroll);
    m_stack->addWidget(m_largePage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    layout->addLayout(secondBar);
    layout->addWidget(m_stack, 1);

    applyOptions();
    connect(m_filter, &QLineEdit::textChanged, this, &MetricsPage::applyFilter);
    connect(m_axis, &QComboBox::currentIndexChanged, this, [this] {
        saveOptions();
        applyOptions();
    });
    connect(m_log, &QCheckBox::toggled, this, [this] {
        saveOptions();
        applyOptions();
    });
    connect(m_smoothing, &QSlider::valueChanged, this, [this] {
        saveOptions();
        applyOptions();
    });
    updateEmptyState();
}

MetricsPage::~MetricsPage() = default;

void MetricsPage::setRun(const QString &runId)
{
    if (runId == m_runId && (runId.isEmpty() || m_loadedRun == runId || m_readingRun))
        return;
    m_runId = runId;
    if (m_active)
        load();
    else
        updateEmptyState();
}

void MetricsPage::reload()
{
    if (m_runId.isEmpty())
        return;
    if (m_cache)
        m_cache->forgetRun(m_runId);
    m_loadedRun.clear();
    if (m_active)
        load();
}

void MetricsPage::setActive(bool active)
{
    m_active = active;
    if (active && m_loadedRun != m_runId && !m_readingRun)
        load();
}

bool MetricsPage::isLoading() const
{
    if (m_readingRun || m_inFlight > 0 || !m_queue.isEmpty())
        return true;
    if (showsLargeView() && m_large->isDrawing())
        return true;
    for (const MetricPlot *plot : m_plots) {
        if (plot->isVisible() && plot->isDrawing())
            return true;
    }
    return false;
}

bool MetricsPage::showsLargeView() const
{
    return m_stack->currentWidget() == m_largePage;
}

MetricPlot *MetricsPage::plotFor(const QString &key) const
{
    for (MetricPlot *plot : m_plots) {
        if (plot->title() == key)
            return plot;
    }
    return nullptr;
}

void MetricsPage::openLargeView(const QString &key)
{
    MetricPlot *plot = plotFor(key);
    if (!plot)
        return;
    m_largeTitle->setText(key);
    m_large->setTitle(QString());
    m_large->setLines(plot->lines());
    if (plot->lines().isEmpty())
        m_large->setMessage(tr("Loading…"));
    m_stack->setCurrentWidget(m_largePage);
    m_large->setFocus();
    checkLoading();
}

void MetricsPage::closeLargeView()
{
    if (showsLargeView())
        m_stack->setCurrentWidget(m_scroll);
    updateEmptyState();
}

void MetricsPage::load()
{
    ++m_generation;
    m_pending.cancelAll();
    m_queue.clear();
    m_inFlight = 0;
    qDeleteAll(m_plots);
    m_plots.clear();
    m_columns = 0;
    m_loadedRun.clear();
    m_readingRun = false;
    if (m_runId.isEmpty() || !m_registry) {
        updateEmptyState();
        checkLoading();
        return;
    }
    const quint64 generation = m_generation;
    const QString runId = m_runId;
    m_readingRun = true;
    m_stack->setCurrentWidget(m_empty);
    m_empty->setText(tr("Loading the metrics of run %1…").arg(runId));
    checkLoading();
    whenFinished(m_pending.track(m_registry->run(runId)), this,
                 [this, generation, runId](const Result<Run> &run) {
                     if (generation != m_generation)
                         return;
                     m_readingRun = false;
                     if (runId != m_runId) {
                         // Another version was chosen meanwhile: its run, not this one.
                         if (m_active)
                             load();
                         else
                             updateEmptyState();
                         checkLoading();
                         return;
                     }
                     m_loadedRun = runId;
                     if (!run) {
                         m_empty->setText(
                             tr("The metrics could not be read: %1").arg(run.error().message()));
                         m_stack->setCurrentWidget(m_empty);
                         if (run.error().code() != ErrorCode::ResourceDoesNotExist)
                             emit errorOccurred(run.error());
                         checkLoading();
                         return;
                     }
                     m_runStart = run->info.startTime;
                     QStringList keys;
                     for (const Metric &metric : run->metrics)
                         keys << metric.key;
                     keys.removeDuplicates();
                     keys.sort(Qt::CaseInsensitive);
                     for (const QString &key : std::as_const(keys)) {
                         auto *plot = new MetricPlot(MetricChart::Mode::Compact, m_grid);
                         plot->setObjectName(QStringLiteral("metricPlot"));
                         plot->setTitle(key);
                         plot->setMessage(tr("Loading…"));
                         plot->setToolTip(tr("%1 — double-click for a larger view, "
                                             "right-click to export")
                                              .arg(key));
                         connect(plot, &MetricPlot::activated, this,
                                 [this, key] { openLargeView(key); });
                         connect(plot, &MetricPlot::drawn, this, &MetricsPage::checkLoading);
                         m_plots << plot;
                     }
                     m_queue = keys;
                     applyOptions();
                     relayout();
                     updateEmptyState();
                     for (int i = 0; i < MaxReadsInFlight; ++i)
                         fetchNext();
                     checkLoading();
                 });
}

void MetricsPage::fetchNext()
{
    if (m_queue.isEmpty() || !m_cache)
        return;
    const QString key = m_queue.takeFirst();
    const quint64 generation = m_generation;
    ++m_inFlight;
    whenFinished(m_pending.track(m_cache->series(m_loadedRun, key, m_runStart)), this,
                 [this, generation, key](const Result<SeriesPtr> &series) {
                     if (generation != m_generation)
                         return;
                     --m_inFlight;
                     if (MetricPlot *plot = plotFor(key)) {
                         if (!series) {
                             plot->setMessage(series.error().message());
                         } else if ((*series)->size() == 0) {
                             plot->setMessage(tr("No points"));
                         } else {
                             plot->setLines({{key, MetricChart::seriesColor(0), *series}});
                             if (showsLargeView() && m_largeTitle->text() == key)
                                 m_large->setLines(plot->lines());
                         }
                     }
                     fetchNext();
                     checkLoading();
                 });
}

void MetricsPage::applyFilter()
{
    relayout();
    updateEmptyState();
}

void MetricsPage::relayout()
{
    const QString filter = m_filter->text().trimmed();
    const int width = m_scroll->viewport()->width();
    const int columns = std::max(1, width / CellWidth);
    while (m_gridLayout->count() > 0)
        delete m_gridLayout->takeAt(0);
    for (int column = 0; column < m_gridLayout->columnCount(); ++column)
        m_gridLayout->setColumnStretch(column, 0);
    for (int row = 0; row < m_gridLayout->rowCount(); ++row)
        m_gridLayout->setRowStretch(row, 0);
    int shown = 0;
    for (MetricPlot *plot : std::as_const(m_plots)) {
        const bool match = filter.isEmpty() || plot->title().contains(filter, Qt::CaseInsensitive);
        plot->setVisible(match);
        if (!match)
            continue;
        m_gridLayout->addWidget(plot, shown / columns, shown % columns);
        ++shown;
    }
    for (int column = 0; column < columns; ++column)
        m_gridLayout->setColumnStretch(column, 1);
    m_gridLayout->setRowStretch(shown / columns + 1, 1);
    m_columns = columns;
}

void MetricsPage::applyOptions()
{
    const Settings settings;
    const ChartOptions options = settings.chartOptions();
    int axisIndex = 0;
    for (int i = 0; i < 3; ++i) {
        if (options.axis == QLatin1String(AxisKeys[i]))
            axisIndex = i;
    }
    const QSignalBlocker a(m_axis);
    const QSignalBlocker b(m_log);
    const QSignalBlocker c(m_smoothing);
    m_axis->setCurrentIndex(axisIndex);
    m_log->setChecked(options.logarithmic);
    m_smoothing->setValue(int(std::lround(options.smoothing * 100)));
    m_smoothingValue->setText(QString::number(options.smoothing, 'f', 2));
    const MetricAxis axis = MetricAxis(axisIndex);
    QList<MetricPlot *> all = m_plots;
    all << m_large;
    for (MetricPlot *plot : std::as_const(all)) {
        plot->setAxis(axis);
        plot->setLogarithmic(options.logarithmic);
        plot->setSmoothing(options.smoothing);
    }
    checkLoading();
}

void MetricsPage::saveOptions()
{
    Settings settings;
    ChartOptions options;
    options.axis = QLatin1String(AxisKeys[std::clamp(m_axis->currentIndex(), 0, 2)]);
    options.logarithmic = m_log->isChecked();
    options.smoothing = m_smoothing->value() / 100.0;
    settings.setChartOptions(options);
}

void MetricsPage::updateEmptyState()
{
    if (m_readingRun || showsLargeView())
        return;
    QString text;
    if (m_runId.isEmpty()) {
        text = tr("This version has no source run, so there are no metrics to chart.");
    } else if (m_loadedRun != m_runId) {
        text = tr("Loading the metrics…");
    } else if (m_plots.isEmpty()) {
        if (m_stack->currentWidget() == m_empty && !m_empty->text().isEmpty()
            && m_empty->text().startsWith(tr("The metrics could not be read")))
            return;
        text = tr("The run logged no metrics.");
    } else if (std::none_of(m_plots.cbegin(), m_plots.cend(),
                            [](const MetricPlot *plot) { return !plot->isHidden(); })) {
        text = tr("No metric name contains “%1”. Clear the filter to see all %2 charts.")
                   .arg(m_filter->text().trimmed())
                   .arg(m_plots.size());
    }
    if (text.isEmpty()) {
        m_stack->setCurrentWidget(m_scroll);
    } else {
        m_empty->setText(text);
        m_stack->setCurrentWidget(m_empty);
    }
}

void MetricsPage::checkLoading()
{
    const bool loading = isLoading();
    if (loading != m_wasLoading) {
        m_wasLoading = loading;
        emit loadingChanged(loading);
    }
}

void MetricsPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int columns = std::max(1, m_scroll->viewport()->width() / CellWidth);
    if (columns != m_columns)
        relayout();
}

void MetricsPage::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && showsLargeView()) {
        closeLargeView();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace ModelDesk
