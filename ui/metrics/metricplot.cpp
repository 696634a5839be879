#include "ui/metrics/metricplot.h"
#include "models/metrics/metriccsv.h"
#include "registry/whenfinished.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace ModelDesk {

namespace {

struct Drawn
{
    QList<MetricChart::Line> lines;
    double minY = std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();
};

void widen(Drawn &drawn, const DrawnSeries &series)
{
    for (const QList<QPointF> &segment : series.segments) {
        for (const QPointF &point : segment) {
            drawn.minY = std::min(drawn.minY, point.y());
            drawn.maxY = std::max(drawn.maxY, point.y());
        }
    }
}

QString valueText(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (!isDrawable(value)) // MLflow's SQL stores keep infinities as ±DBL_MAX
        return value > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    return QLocale().toString(value, 'g', 10);
}

// A file name made of a chart's title.
QString fileStem(const QString &title)
{
    QString stem = title;
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    return stem.isEmpty() ? QStringLiteral("metric") : stem;
}

} // namespace

MetricPlot::MetricPlot(MetricChart::Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_chart(new MetricChart(mode, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart);
    connect(m_chart, &MetricChart::rangeChanged, this, [this](const MetricChart::Range &range) {
        m_view = range;
        m_fitY = false;
        schedule();
    });
    connect(m_chart, &MetricChart::resetRequested, this, &MetricPlot::resetZoom);
    connect(m_chart, &MetricChart::activated, this, &MetricPlot::activated);
    connect(m_chart, &MetricChart::plotResized, this, &MetricPlot::schedule);
    connect(m_chart, &MetricChart::hovered, this, &MetricPlot::showHover);
    connect(m_chart, &MetricChart::left, m_chart, &MetricChart::clearHover);
}

MetricPlot::~MetricPlot() = default;

void MetricPlot::setTitle(const QString &title)
{
    m_title = title;
    m_chart->setTitle(title);
}

void MetricPlot::setLines(const QList<Line> &lines)
{
    m_lines = lines;
    m_view.reset();
    m_fitY = true;
    schedule();
}

void MetricPlot::setMessage(const QString &message)
{
    m_lines.clear();
    ++m_generation;
    m_chart->setMessage(message);
}

void MetricPlot::setAxis(MetricAxis axis)
{
    if (axis == m_axis)
        return;
    // The same points stay in view: their range on the new axis.
    if (m_view && !m_lines.isEmpty() && m_lines.first().series) {
        const MetricSeries &series = *m_lines.first().series;
        double from = std::numeric_limits<double>::infinity();
        double to = -from;
        for (const MetricPoint &point : series.byTime) {
            const double x = series.x(point, m_axis);
            if (x >= m_view->minX && x <= m_view->maxX) {
                from = std::min(from, series.x(point, axis));
                to = std::max(to, series.x(point, axis));
            }
        }
        if (to > from) {
            m_view->minX = from;
            m_view->maxX = to;
        } else {
            m_view.reset();
        }
    }
    m_axis = axis;
    m_chart->setAxis(axis);
    schedule();
}

void MetricPlot::setLogarithmic(bool logarithmic)
{
    if (logarithmic == m_logarithmic)
        return;
    m_logarithmic = logarithmic;
    m_fitY = true; // the same x, values fitted to the new scale
    m_chart->setLogarithmic(logarithmic);
    schedule();
}

void MetricPlot::setSmoothing(double weight)
{
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    schedule();
}

void MetricPlot::resetZoom()
{
    m_view.reset();
    m_fitY = true;
    schedule();
}

void MetricPlot::schedule()
{
    if (m_dirty || m_lines.isEmpty())
        return;
    m_dirty = true;
    QTimer::singleShot(0, this, &MetricPlot::redraw);
}

MetricChart::Range MetricPlot::fullRange() const
{
    MetricChart::Range range {std::numeric_limits<double>::infinity(),
                              -std::numeric_limits<double>::infinity(), 0, 1};
    for (const Line &line : m_lines) {
        if (!line.series || line.series->size() == 0)
            continue;
        const QList<MetricPoint> &points = line.series->ordered(m_axis);
        range.minX = std::min(range.minX, line.series->x(points.constFirst(), m_axis));
        range.maxX = std::max(range.maxX, line.series->x(points.constLast(), m_axis));
    }
    if (!(range.maxX >= range.minX))
        range.minX = 0, range.maxX = 1;
    return range;
}

void MetricPlot::redraw()
{
    m_dirty = false;
    if (m_lines.isEmpty()) {
        if (!isDrawing())
            emit drawn();
        return;
    }
    const quint64 generation = ++m_generation;
    ++m_pending;
    const MetricChart::Range full = fullRange();
    const double from = m_view ? m_view->minX : full.minX;
    const double to = m_view ? m_view->maxX : full.maxX;
    const int buckets = std::max(50, m_chart->plotWidth());
    const QList<Line> lines = m_lines;
    const MetricAxis axis = m_axis;
    const bool logarithmic = m_logarithmic;
    const double smoothing = m_smoothing;
    auto work = QtConcurrent::run([lines, axis, logarithmic, smoothing, from, to, buckets] {
        Drawn drawn;
        for (const Line &line : lines) {
            if (!line.series)
                continue;
            DownsampleRequest request {axis, from, to, buckets, logarithmic, {}};
            MetricChart::Line out {line.name, line.color, downsample(*line.series, request), {}};
            widen(drawn, out.raw);
            if (smoothing > 0) {
                request.values = smoothed(line.series->ordered(axis), smoothing);
                out.smoothed = downsample(*line.series, request);
            }
            drawn.lines.append(out);
        }
        return drawn;
    });
    whenFinished(work, this, [this, generation, from, to](const Drawn &result) {
        --m_pending;
        if (generation != m_generation) {
            // Outdated; the newer drawing may have finished first.
            if (!isDrawing())
                emit drawn();
            return;
        }
        m_chart->setLines(result.lines);
        MetricChart::Range range {from, to, result.minY, result.maxY};
        if (m_view && !m_fitY) {
            range = *m_view;
        } else if (!(result.maxY >= result.minY)) {
            range.minY = m_logarithmic ? 0.1 : 0;
            range.maxY = m_logarithmic ? 10 : 1;
        } else if (m_logarithmic) {
            range.minY = result.minY / 1.15;
            range.maxY = result.maxY * 1.15;
        } else {
            const double span = result.maxY - result.minY;
            const double pad
                = span > 0 ? span * 0.06 : (result.minY != 0 ? std::abs(result.minY) * 0.05 : 1);
            range.minY = result.minY - pad;
            range.maxY = result.maxY + pad;
        }
        m_chart->setRange(range);
        if (!isDrawing())
            emit drawn();
    });
}

void MetricPlot::showHover(double x)
{
    const Line *nearest = nullptr;
    qsizetype nearestIndex = -1;
    double distance = std::numeric_limits<double>::infinity();
    QStringList rows;
    for (const Line &line : std::as_const(m_lines)) {
        if (!line.series)
            continue;
        const qsizetype index = nearestPoint(*line.series, m_axis, x);
        if (index < 0)
            continue;
        const MetricPoint &point = line.series->ordered(m_axis).at(index);
        const double dx = std::abs(line.series->x(point, m_axis) - x);
        if (dx < distance) {
            distance = dx;
            nearest = &line;
            nearestIndex = index;
        }
        if (m_lines.size() > 1) {
            rows << tr("%1: %2 (step %3)").arg(line.name, valueText(point.value)).arg(point.step);
        }
    }
    if (!nearest) {
        m_chart->clearHover();
        return;
    }
    const MetricPoint &point = nearest->series->ordered(m_axis).at(nearestIndex);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(point.timestamp);
    const double seconds = double(point.timestamp - nearest->series->runStartTime) / 1000.0;
    QString text;
    if (m_lines.size() > 1) {
        text = rows.join(QLatin1Char('\n'));
    } else {
        text = tr("Step %1\nValue %2\n%3 (%4 s into the run)")
                   .arg(point.step)
                   .arg(valueText(point.value),
                        QLocale().toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                        QLocale().toString(seconds, 'f', 1));
    }
    m_chart->showHover(QPointF(nearest->series->x(point, m_axis), point.value), text);
}

bool MetricPlot::exportPng(const QString &path) const
{
    return m_chart->exportPng(path);
}

bool MetricPlot::exportSvg(const QString &path) const
{
    return m_chart->exportSvg(path);
}

bool MetricPlot::exportCsv(const QString &path) const
{
    QList<std::pair<QString, SeriesPtr>> series;
    for (const Line &line : m_lines)
        series.append({line.name, line.series});
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(metricCsv(series));
    return file.commit();
}

void MetricPlot::exportInteractively(const QString &format)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString filter = format == QLatin1String("csv") ? tr("CSV files (*.csv)")
        : format == QLatin1String("svg")                  ? tr("SVG images (*.svg)")
                                                          : tr("PNG images (*.png)");
    // The chart may be gone when the dialog returns (another version was shown meanwhile).
    const QPointer<MetricPlot> self(this);
    const QString title = m_title;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(title),
        QDir(folder).filePath(fileStem(title) + QLatin1Char('.') + format), filter);
    if (path.isEmpty() || !self)
        return;
    if (!path.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive))
        path += QLatin1Char('.') + format;
    const bool ok = format == QLatin1String("csv") ? exportCsv(path)
        : format == QLatin1String("svg")           ? exportSvg(path)
                                                   : exportPng(path);
    if (!ok) {
        QMessageBox::warning(this, tr("Export %1").arg(m_title),
                             tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
    }
}

void MetricPlot::contextMenuEvent(QContextMenuEvent *event)
{
    // Not a child: the chart may be deleted while its menu is open.
    QMenu menu;
    if (m_chart->mode() == MetricChart::Mode::Compact)
        connect(menu.addAction(tr("Open Large View")), &QAction::triggered, this,
                &MetricPlot::activated);
    QAction *reset = menu.addAction(tr("Reset Zoom"));
    reset->setEnabled(isZoomed());
    connect(reset, &QAction::triggered, this, &MetricPlot::resetZoom);
    menu.addSeparator();
    const bool hasData = !m_lines.isEmpty();
    for (const auto &[format, label] :
         {std::pair {QStringLiteral("png"), tr("Export as PNG…")},
          std::pair {QStringLiteral("svg"), tr("Export as SVG…")},
          std::pair {QStringLiteral("csv"), tr("Export Points as CSV…")}}) {
        QAction *action = menu.addAction(label);
        action->setEnabled(hasData);
        connect(action, &QAction::triggered, this,
                [this, format = format] { exportInteractively(format); });
    }
    menu.exec(event->globalPos());
}

} // namespace ModelDesk
