#include "ui/charts/metricchart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QPainter>
#include <QRubberBand>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace ModelDesk {

namespace {

constexpr int MaxGapLabels = 12;

QString gapText(MetricGap::Kind kind)
{
    switch (kind) {
    case MetricGap::Kind::NaN:
        return QStringLiteral("NaN");
    case MetricGap::Kind::PositiveInfinity:
        return QStringLiteral("+∞");
    case MetricGap::Kind::NegativeInfinity:
        return QStringLiteral("−∞");
    }
    return {};
}

// Ticks at round numbers (1, 2 or 5 times a power of ten), about `target` of them.
void niceTicks(QAbstractAxis *axis, double min, double max, int target, bool integer = false)
{
    auto *value = qobject_cast<QValueAxis *>(axis);
    const double span = max - min;
    if (!value || !(span > 0) || !std::isfinite(span))
        return;
    const double raw = span / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normal = raw / magnitude;
    double step = (normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10) * magnitude;
    if (integer)
        step = std::max(1.0, std::round(step));
    value->setTickType(QValueAxis::TicksDynamic);
    value->setTickAnchor(std::floor(min / step) * step);
    value->setTickInterval(step);
}

} // namespace

// The QChartView with ModelDesk's mouse and keys.
class MetricChart::View : public QChartView
{
public:
    View(QChart *chart, MetricChart *owner)
        : QChartView(chart, owner)
        , m_owner(owner)
        , m_band(new QRubberBand(QRubberBand::Rectangle, viewport()))
    {
        setRenderHint(QPainter::Antialiasing);
        setMouseTracking(true);
        setFocusPolicy(Qt::StrongFocus);
        setFrameShape(QFrame::NoFrame);
    }

    QPointF toValue(QPoint position) const
    {
        return chart()->mapToValue(chart()->mapFromScene(mapToScene(position)));
    }

    bool inPlot(QPoint position) const
    {
        return chart()->plotArea().contains(chart()->mapFromScene(mapToScene(position)));
    }

protected:
    void mousePressEvent(QMouseEvent *event) override
    {
        const bool pan = event->button() == Qt::MiddleButton
            || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
        if (pan && inPlot(event->pos())) {
            m_panFrom = event->pos();
            m_panning = true;
            setCursor(Qt::ClosedHandCursor);
        } else if (event->button() == Qt::LeftButton && inPlot(event->pos())) {
            m_bandFrom = event->pos();
            m_band->setGeometry(QRect(m_bandFrom, QSize()));
            m_band->show();
        }
        event->accept();
    }

    void mouseMoveEvent(QMouseEvent *event) override
    {
        if (m_panning) {
            const QPointF a = toValue(m_panFrom);
            const QPointF b = toValue(event->pos());
            m_panFrom = event->pos();
            Range range = m_owner->range();
            const double dx = a.x() - b.x();
            range.minX += dx;
            range.maxX += dx;
            m_owner->userRange(range);
        } else if (m_band->isVisible()) {
            m_band->setGeometry(QRect(m_bandFrom, event->pos()).normalized());
        }
        if (inPlot(event->pos()))
            emit m_owner->hovered(toValue(event->pos()).x());
        else
            emit m_owner->left();
        event->accept();
    }

    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (m_panning) {
            m_panning = false;
            unsetCursor();
        } else if (m_band->isVisible()) {
            m_band->hide();
            const QRect rect = QRect(m_bandFrom, event->pos()).normalized();
            if (rect.width() <= 4 && rect.height() <= 4 && inPlot(event->pos()))
                emit m_owner->clicked(toValue(event->pos()).x());
            if (rect.width() > 4 && rect.height() > 4) {
                const QPointF a = toValue(rect.bottomLeft());
                const QPointF b = toValue(rect.topRight());
                m_owner->userRange({std::min(a.x(), b.x()), std::max(a.x(), b.x()),
                                    std::min(a.y(), b.y()), std::max(a.y(), b.y())});
            }
        }
        event->accept();
    }

    void mouseDoubleClickEvent(QMouseEvent *event) override
    {
        m_band->hide();
        if (m_owner->mode() == Mode::Compact)
            emit m_owner->activated();
        else
            emit m_owner->resetRequested();
        event->accept();
    }

    void wheelEvent(QWheelEvent *event) override
    {
        if (m_owner->mode() == Mode::Compact && !(event->modifiers() & Qt::ControlModifier)) {
            event->ignore(); // the grid scrolls
            return;
        }
        const double steps = event->angleDelta().y() / 120.0;
        if (steps == 0) {
            event->ignore();
            return;
        }
        zoomAround(toValue(event->position().toPoint()).x(), std::pow(0.8, steps));
        event->accept();
    }

    void keyPressEvent(QKeyEvent *event) override
    {
        const Range range = m_owner->range();
        const double middle = (range.minX + range.maxX) / 2;
        const double width = range.maxX - range.minX;
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomAround(middle, 0.8);
            break;
        case Qt::Key_Minus:
            zoomAround(middle, 1.25);
            break;
        case Qt::Key_Left:
        case Qt::Key_Right: {
            const double dx = (event->key() == Qt::Key_Left ? -0.1 : 0.1) * width;
            m_owner->userRange({range.minX + dx, range.maxX + dx, range.minY, range.maxY});
            break;
        }
        case Qt::Key_0:
        case Qt::Key_Home:
            emit m_owner->resetRequested();
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_owner->mode() != Mode::Compact) {
                QChartView::keyPressEvent(event);
                return;
            }
            emit m_owner->activated(); // the large view
            break;
        default:
            QChartView::keyPressEvent(event);
            return;
        }
        event->accept();
    }

    void leaveEvent(QEvent *event) override
    {
        emit m_owner->left();
        QChartView::leaveEvent(event);
    }

    void resizeEvent(QResizeEvent *event) override
    {
        QChartView::resizeEvent(event);
        emit m_owner->plotResized();
    }

private:
    void zoomAround(double x, double factor)
    {
        Range range = m_owner->range();
        range.minX = x - (x - range.minX) * factor;
        range.maxX = x + (range.maxX - x) * factor;
        if (range.maxX - range.minX > 0)
            m_owner->userRange(range);
    }

    MetricChart *m_owner;
    QRubberBand *m_band;
    QPoint m_bandFrom;
    QPoint m_panFrom;
    bool m_panning = false;
};

struct MetricChart::Private
{
    QChart *chart = nullptr;
    View *view = nullptr;
    QAbstractAxis *x = nullptr;
    QAbstractAxis *y = nullptr;
    QGraphicsLineItem *crossX = nullptr;
    QGraphicsLineItem *crossY = nullptr;
    QGraphicsEllipseItem *dot = nullptr;
    QGraphicsRectItem *labelBox = nullptr;
    QGraphicsSimpleTextItem *label = nullptr;
    QGraphicsSimpleTextItem *message = nullptr;
    QList<QGraphicsItem *> gapItems;
    std::optional<QPointF> hoverPoint;
    bool settingRange = false;
};

MetricChart::MetricChart(Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , d(std::make_unique<Private>())
{
    d->chart = new QChart;
    d->chart->legend()->hide();
    d->chart->setBackgroundRoundness(0);
    d->chart->setMargins(mode == Mode::Compact ? QMargins(2, 2, 2, 2) : QMargins(8, 8, 8, 8));
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->view = new View(d->chart, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);

    d->crossX = new QGraphicsLineItem(d->chart);
    d->crossY = new QGraphicsLineItem(d->chart);
    d->dot = new QGraphicsEllipseItem(-3, -3, 6, 6, d->chart);
    d->labelBox = new QGraphicsRectItem(d->chart);
    d->label = new QGraphicsSimpleTextItem(d->labelBox);
    d->message = new QGraphicsSimpleTextItem(d->chart);
    for (QGraphicsItem *item :
         {static_cast<QGraphicsItem *>(d->crossX), static_cast<QGraphicsItem *>(d->crossY),
          static_cast<QGraphicsItem *>(d->dot), static_cast<QGraphicsItem *>(d->labelBox)}) {
        item->setZValue(20);
        item->hide();
    }
    d->message->setZValue(20);
    connect(d->chart, &QChart::plotAreaChanged, this, [this] {
        retick();
        updateOverlays();
    });
    rebuild();
    applyPalette();
    setMinimumSize(mode == Mode::Compact ? QSize(220, 170) : QSize(320, 240));
}

MetricChart::~MetricChart() = default;

QColor MetricChart::seriesColor(int index)
{
    static const QRgb colors[] = {0x3b82f6, 0xf97316, 0x10b981, 0xef4444, 0x8b5cf6,
                                  0xeab308, 0xec4899, 0x14b8a6, 0x84cc16, 0x64748b};
    return QColor::fromRgb(colors[index % int(std::size(colors))]);
}

void MetricChart::setTitle(const QString &title)
{
    QFont font = this->font();
    if (m_mode == Mode::Compact)
        font.setPointSizeF(font.pointSizeF() * 0.95);
    font.setBold(true);
    d->chart->setTitleFont(font);
    d->chart->setTitle(title);
}

void MetricChart::setAxis(MetricAxis axis)
{
    if (axis == m_axis)
        return;
    m_axis = axis;
    rebuild();
}

void MetricChart::setLogarithmic(bool logarithmic)
{
    if (logarithmic == m_logarithmic)
        return;
    m_logarithmic = logarithmic;
    rebuild();
}

void MetricChart::setLines(const QList<Line> &lines)
{
    m_lines = lines;
    d->message->hide();
    rebuild();
}

void MetricChart::setPointGroups(const QList<PointGroup> &groups, const QList<Label> &labels)
{
    m_groups = groups;
    m_labels = labels;
    d->message->hide();
    rebuild();
}

void MetricChart::setIntegerX(bool integer)
{
    m_integerX = integer;
    rebuild();
}

void MetricChart::setXTitle(const QString &title)
{
    m_xTitle = title;
    rebuild();
}

void MetricChart::setMessage(const QString &message)
{
    m_lines.clear();
    m_groups.clear();
    m_labels.clear();
    rebuild();
    d->message->setText(message);
    d->message->show();
    updateOverlays();
}

MetricChart::Range MetricChart::range() const
{
    Range range;
    if (auto *time = qobject_cast<QDateTimeAxis *>(d->x)) {
        range.minX = double(time->min().toMSecsSinceEpoch());
        range.maxX = double(time->max().toMSecsSinceEpoch());
    } else if (auto *value = qobject_cast<QValueAxis *>(d->x)) {
        range.minX = value->min();
        range.maxX = value->max();
    }
    if (auto *log = qobject_cast<QLogValueAxis *>(d->y)) {
        range.minY = log->min();
        range.maxY = log->max();
    } else if (auto *value = qobject_cast<QValueAxis *>(d->y)) {
        range.minY = value->min();
        range.maxY = value->max();
    }
    return range;
}

void MetricChart::setRange(const Range &wanted)
{
    Range range = wanted;
    if (range.maxX <= range.minX) { // one point: in the middle
        range.minX -= 0.5;
        range.maxX += 0.5;
    }
    if (range.maxY <= range.minY) {
        const double pad = std::abs(range.minY) > 0 ? std::abs(range.minY) * 0.05 : 1;
        range.minY -= pad;
        range.maxY += pad;
    }
    if (m_logarithmic) {
        range.minY = std::max(range.minY, 1e-300);
        range.maxY = std::max(range.maxY, range.minY * 10);
    }
    d->settingRange = true;
    if (auto *time = qobject_cast<QDateTimeAxis *>(d->x)) {
        time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(range.minX)),
                       QDateTime::fromMSecsSinceEpoch(qint64(std::ceil(range.maxX))));
    } else {
        d->x->setRange(range.minX, range.maxX);
    }
    d->y->setRange(range.minY, range.maxY);
    retick();
    d->settingRange = false;
    updateOverlays();
}

void MetricChart::retick()
{
    // As many ticks as their labels have room for: about 90 pixels apart across, 45 up.
    const QRectF plot = d->chart->plotArea();
    const int spacing = m_integerX ? 50 : 90; // version numbers are short
    const int across = plot.width() > 10 ? std::clamp(int(plot.width() / spacing), 2, 12) : 4;
    const int up = plot.height() > 10 ? std::clamp(int(plot.height() / 45), 2, 10) : 4;
    const Range now = range();
    niceTicks(d->x, now.minX, now.maxX, across, m_integerX);
    niceTicks(d->y, now.minY, now.maxY, up);
}

void MetricChart::userRange(const Range &range)
{
    // Far enough out is far enough: beyond this, times and buckets stop meaning anything.
    constexpr double Limit = 1e15;
    for (const double bound : {range.minX, range.maxX, range.minY, range.maxY}) {
        if (!std::isfinite(bound) || std::abs(bound) > Limit)
            return;
    }
    if (!(range.maxX > range.minX))
        return;
    setRange(range);
    emit rangeChanged(this->range());
}

void MetricChart::showHover(QPointF point, const QString &text)
{
    d->hoverPoint = point;
    d->label->setText(text);
    updateOverlays();
}

void MetricChart::clearHover()
{
    d->hoverPoint.reset();
    updateOverlays();
}

int MetricChart::plotWidth() const
{
    const int width = int(d->chart->plotArea().width());
    return width > 10 ? width : std::max(100, this->width() - 60);
}

bool MetricChart::exportPng(const QString &path) const
{
    return d->view->grab().save(path, "PNG");
}

bool MetricChart::exportSvg(const QString &path) const
{
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(d->view->size());
    generator.setViewBox(QRect(QPoint(), d->view->size()));
    generator.setTitle(d->chart->title());
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    d->view->render(&painter);
    return painter.end();
}

void MetricChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void MetricChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(110);
    d->chart->setBackgroundBrush(pal.base());
    d->chart->setBackgroundPen(Qt::NoPen);
    d->chart->setTitleBrush(text);
    d->chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : {d->x, d->y}) {
        if (!axis)
            continue;
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setMinorGridLineColor(grid);
    }
    d->message->setBrush(pal.color(QPalette::PlaceholderText));
    QColor box = pal.color(QPalette::ToolTipBase);
    box.setAlpha(235);
    d->labelBox->setBrush(box);
    d->labelBox->setPen(QPen(pal.color(QPalette::Mid)));
    d->label->setBrush(pal.color(QPalette::ToolTipText));
    QPen cross(text, 0, Qt::DotLine);
    d->crossX->setPen(cross);
    d->crossY->setPen(cross);
    d->dot->setBrush(pal.color(QPalette::Highlight));
    d->dot->setPen(QPen(pal.color(QPalette::Base), 1));
    updateOverlays();
}

void MetricChart::rebuild()
{
    const Range previous = d->x ? range() : Range {};
    d->chart->removeAllSeries();
    for (QAbstractAxis *axis : d->chart->axes())
        d->chart->removeAxis(axis), delete axis;
    if (m_axis == MetricAxis::WallTime) {
        auto *time = new QDateTimeAxis;
        time->setFormat(QStringLiteral("MMM d HH:mm"));
        time->setTickCount(m_mode == Mode::Compact ? 3 : 6);
        d->x = time;
    } else {
        auto *value = new QValueAxis;
        value->setLabelFormat(QStringLiteral("%g"));
        value->setTickCount(m_mode == Mode::Compact ? 4 : 7);
        d->x = value;
    }
    if (auto *value = qobject_cast<QValueAxis *>(d->x); value && m_integerX)
        value->setLabelFormat(QStringLiteral("%d"));
    if (!m_xTitle.isEmpty()) {
        d->x->setTitleText(m_xTitle);
    } else if (m_mode == Mode::Full) {
        d->x->setTitleText(m_axis == MetricAxis::Step ? tr("Step")
                               : m_axis == MetricAxis::RelativeTime
                               ? tr("Seconds since the run started")
                               : tr("Time"));
    }
    if (m_logarithmic) {
        auto *log = new QLogValueAxis;
        log->setLabelFormat(QStringLiteral("%g"));
        log->setBase(10);
        d->y = log;
    } else {
        auto *value = new QValueAxis;
        value->setLabelFormat(QStringLiteral("%.4g"));
        value->setTickCount(m_mode == Mode::Compact ? 4 : 7);
        d->y = value;
    }
    d->chart->addAxis(d->x, Qt::AlignBottom);
    d->chart->addAxis(d->y, Qt::AlignLeft);
    const auto watch = [this] {
        if (!d->settingRange)
            updateOverlays();
    };
    if (auto *time = qobject_cast<QDateTimeAxis *>(d->x))
        connect(time, &QDateTimeAxis::rangeChanged, this, watch);
    else
        connect(static_cast<QValueAxis *>(d->x), &QValueAxis::rangeChanged, this, watch);

    for (const Line &line : std::as_const(m_lines)) {
        QColor rawColor = line.color;
        if (line.smoothed)
            rawColor.setAlpha(70);
        const auto add = [this, &line](const DrawnSeries &drawn, const QColor &color, qreal width,
                                       bool named) {
            for (const QList<QPointF> &segment : drawn.segments) {
                QXYSeries *series = nullptr;
                if (segment.size() == 1) {
                    auto *dots = new QScatterSeries;
                    dots->setMarkerSize(4);
                    dots->setBorderColor(color);
                    series = dots;
                } else {
                    auto *polyline = new QLineSeries;
                    polyline->setPen(QPen(color, width));
                    series = polyline;
                }
                series->setColor(color);
                series->replace(segment);
                series->setName(line.name);
                d->chart->addSeries(series);
                series->attachAxis(d->x);
                series->attachAxis(d->y);
                const auto markers = d->chart->legend()->markers(series);
                for (QLegendMarker *marker : markers)
                    marker->setVisible(named);
                named = false;
            }
        };
        add(line.raw, rawColor, line.smoothed ? 1.0 : 1.6, !line.smoothed);
        if (line.smoothed)
            add(*line.smoothed, line.color, 1.8, true);
    }
    for (const PointGroup &group : std::as_const(m_groups)) {
        auto *dots = new QScatterSeries;
        dots->setName(group.name);
        dots->setMarkerSize(9);
        dots->setColor(group.color);
        dots->setBorderColor(group.color.darker(130));
        dots->replace(group.points);
        d->chart->addSeries(dots);
        dots->attachAxis(d->x);
        dots->attachAxis(d->y);
    }
    d->chart->legend()->setVisible(m_lines.size() > 1 || !m_groups.isEmpty());
    if (!m_groups.isEmpty()) {
        // Only the groups are named in the legend.
        for (QLegendMarker *marker : d->chart->legend()->markers()) {
            if (!qobject_cast<QScatterSeries *>(marker->series())
                || marker->series()->name().isEmpty())
                marker->setVisible(false);
        }
    }
    d->chart->legend()->setAlignment(Qt::AlignBottom);
    applyPalette();
    if (previous.isValid() && previous.maxX > previous.minX)
        setRange(previous);
    updateOverlays();
}

void MetricChart::updateOverlays()
{
    if (!d->x)
        return;
    const QRectF plot = d->chart->plotArea();
    const QPointF origin = d->chart->mapToPosition(QPointF(range().minX, range().minY));
    Q_UNUSED(origin);
    // Gaps: a dashed line where a point could not be drawn, and its kind.
    qDeleteAll(d->gapItems);
    d->gapItems.clear();
    const QColor warn(0xd9, 0x53, 0x4f);
    int labels = 0;
    for (const Line &line : std::as_const(m_lines)) {
        for (const MetricGap &gap : line.raw.gaps) {
            const qreal px = d->chart->mapToPosition(QPointF(gap.x, range().minY)).x();
            if (px < plot.left() - 0.5 || px > plot.right() + 0.5)
                continue;
            auto *mark = new QGraphicsLineItem(px, plot.top(), px, plot.bottom(), d->chart);
            QColor color = warn;
            color.setAlpha(160);
            mark->setPen(QPen(color, 1, Qt::DashLine));
            mark->setZValue(10);
            mark->setToolTip(tr("%1 at %2").arg(gapText(gap.kind)).arg(gap.x, 0, 'g', 10));
            d->gapItems << mark;
            if (labels++ < MaxGapLabels) {
                auto *text = new QGraphicsSimpleTextItem(gapText(gap.kind), d->chart);
                text->setBrush(warn);
                const qreal y = gap.kind == MetricGap::Kind::NegativeInfinity
                    ? plot.bottom() - text->boundingRect().height() - 2
                    : plot.top() + 2;
                text->setPos(px + 3, y);
                text->setZValue(10);
                d->gapItems << text;
            }
        }
    }
    for (const Label &label : std::as_const(m_labels)) {
        const QPointF at = d->chart->mapToPosition(label.at);
        if (!plot.contains(at))
            continue;
        auto *text = new QGraphicsSimpleTextItem(label.text, d->chart);
        text->setBrush(palette().color(QPalette::Text));
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        text->setFont(small);
        text->setPos(at + QPointF(6, -text->boundingRect().height() - 2));
        text->setZValue(12);
        d->gapItems << text;
    }
    if (d->message->isVisible()) {
        const QRectF box = d->message->boundingRect();
        d->message->setPos(plot.center() - QPointF(box.width() / 2, box.height() / 2));
    }
    // The crosshair.
    const bool hover = d->hoverPoint.has_value() && !plot.isEmpty();
    for (QGraphicsItem *item :
         {static_cast<QGraphicsItem *>(d->crossX), static_cast<QGraphicsItem *>(d->crossY),
          static_cast<QGraphicsItem *>(d->dot), static_cast<QGraphicsItem *>(d->labelBox)})
        item->setVisible(hover);
    if (!hover)
        return;
    const QPointF value = *d->hoverPoint;
    const bool drawable = isDrawable(value.y()) && (!m_logarithmic || value.y() > 0);
    const QPointF at
        = d->chart->mapToPosition(QPointF(value.x(), drawable ? value.y() : range().maxY));
    const qreal px = std::clamp(at.x(), plot.left(), plot.right());
    d->crossX->setLine(px, plot.top(), px, plot.bottom());
    const bool inside = drawable && plot.contains(at);
    d->crossY->setVisible(inside);
    d->dot->setVisible(inside);
    d->crossY->setLine(plot.left(), at.y(), plot.right(), at.y());
    d->dot->setPos(at);
    const QRectF textBox = d->label->boundingRect();
    d->label->setPos(6, 4);
    d->labelBox->setRect(0, 0, textBox.width() + 12, textBox.height() + 8);
    QPointF place(px + 10, (inside ? at.y() : plot.top()) + 10);
    if (place.x() + d->labelBox->rect().width() > plot.right())
        place.setX(px - 10 - d->labelBox->rect().width());
    if (place.y() + d->labelBox->rect().height() > plot.bottom())
        place.setY(plot.bottom() - d->labelBox->rect().height());
    place.setX(std::max(place.x(), plot.left()));
    place.setY(std::max(place.y(), plot.top()));
    d->labelBox->setPos(place);
}

} // namespace ModelDesk
