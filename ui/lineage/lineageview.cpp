#include "ui/lineage/lineageview.h"

#include "ui/lineage/lineageitems.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>

namespace ModelDesk {

namespace {

constexpr double MinZoom = 0.05;
// Fitting never shrinks labels below this: a larger graph scrolls instead.
constexpr double MinFitZoom = 0.6;
constexpr double MaxZoom = 4.0;
constexpr int Margin = 24;

} // namespace

LineageView::LineageView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
    , m_clickTimer(new QTimer(this))
{
    m_clickTimer->setSingleShot(true);
    m_clickTimer->setInterval(QApplication::doubleClickInterval());
    connect(m_clickTimer, &QTimer::timeout, this, [this] {
        if (!m_clicked.isEmpty())
            emit nodeClicked(std::exchange(m_clicked, QString()));
    });
    setObjectName(QStringLiteral("lineageView"));
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(QString());
}

void LineageView::clearGraph()
{
    m_scene->clear();
    m_centers.clear();
    m_clickTimer->stop();
    m_clicked.clear();
    m_nodes = 0;
    m_highlighted.clear();
}

void LineageView::setGraph(const LineageGraph &graph,
                           const DisplayGraph &display,
                           const LayoutResult &layout,
                           const QString &selected)
{
    clearGraph();
    QColor edgeColor = palette().color(QPalette::Text);
    edgeColor.setAlphaF(0.45);
    for (qsizetype i = 0; i < display.edges.size() && i < layout.edgePaths.size(); ++i)
        m_scene->addItem(
            new LineageEdgeItem(layout.edgePaths.at(i), display.edges.at(i).kind, edgeColor));
    for (qsizetype i = 0; i < display.nodes.size() && i < layout.centers.size(); ++i) {
        const DisplayNode &node = display.nodes.at(i);
        const bool highlight = !selected.isEmpty() && node.members.contains(selected);
        if (highlight)
            m_highlighted = node.id;
        auto *item = new LineageNodeItem(node, graph.node(node.id), highlight);
        item->setPos(layout.centers.at(i));
        m_scene->addItem(item);
        m_centers.insert(node.id, layout.centers.at(i));
        ++m_nodes;
    }
    m_scene->setSceneRect(layout.bounds.adjusted(-Margin, -Margin, Margin, Margin));
    m_autoFit = true;
    fit();
}

QString LineageView::nodeAt(const QPoint &viewPoint) const
{
    for (QGraphicsItem *item : items(viewPoint)) {
        if (auto *node = dynamic_cast<LineageNodeItem *>(item))
            return node->node().id;
    }
    return {};
}

QPointF LineageView::nodeCenter(const QString &id) const
{
    return m_centers.value(id);
}

void LineageView::fit()
{
    m_autoFit = true;
    if (m_scene->items().isEmpty())
        return;
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Never blow a small graph up beyond its natural size, nor shrink it past reading.
    if (zoom() > 1.0)
        setTransform(QTransform());
    if (zoom() < MinFitZoom) {
        setTransform(QTransform::fromScale(MinFitZoom, MinFitZoom));
        centerOn(m_highlighted.isEmpty() ? m_scene->sceneRect().center()
                                         : m_centers.value(m_highlighted));
    }
}

void LineageView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fit();
}

void LineageView::zoomBy(double factor)
{
    m_autoFit = false;
    const double next = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    const double applied = next / zoom();
    scale(applied, applied);
}

void LineageView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.2, steps));
    event->accept();
}

void LineageView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_F && event->modifiers() == Qt::NoModifier) {
        fit();
        return;
    }
    if (event->matches(QKeySequence::ZoomIn)
        || (event->modifiers() & Qt::ControlModifier && event->key() == Qt::Key_Equal)) {
        zoomBy(1.25);
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomBy(0.8);
        return;
    }
    if (event->modifiers() & Qt::ControlModifier && event->key() == Qt::Key_0) {
        m_autoFit = false;
        setTransform(QTransform());
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void LineageView::mousePressEvent(QMouseEvent *event)
{
    m_pressedAt = event->pos();
    QGraphicsView::mousePressEvent(event);
}

void LineageView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A click, not the end of a drag.
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressedAt).manhattanLength() < 4) {
        m_clicked = nodeAt(event->pos());
        if (!m_clicked.isEmpty())
            m_clickTimer->start();
    }
}

void LineageView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QString id = nodeAt(event->pos());
    if (!id.isEmpty()) {
        m_clickTimer->stop();
        m_clicked.clear();
        emit nodeDoubleClicked(id);
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

bool LineageView::exportSvg(const QString &path, QString *error) const
{
    const QRectF rect = m_scene->sceneRect();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(rect.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), rect.size()));
    generator.setTitle(QStringLiteral("Lineage"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        if (error)
            *error = tr("%1 could not be written.").arg(path);
        return false;
    }
    painter.fillRect(QRectF(QPointF(0, 0), rect.size()), palette().color(QPalette::Base));
    m_scene->render(&painter, QRectF(QPointF(0, 0), rect.size()), rect);
    painter.end();
    return true;
}

bool LineageView::exportPng(const QString &path, QString *error) const
{
    const QRectF rect = m_scene->sceneRect();
    // Twice the scene's size for sharp text, within 16,000 pixels a side and 64 megapixels.
    const double area = std::max(1.0, rect.width() * rect.height());
    const double scale
        = std::min({2.0, 16000.0 / std::max(rect.width(), rect.height()), std::sqrt(64e6 / area)});
    QImage image((rect.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (error)
            *error = tr("The graph is too large for an image; export it as SVG instead.");
        return false;
    }
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), rect);
    painter.end();
    if (!image.save(path, "PNG")) {
        if (error)
            *error = tr("%1 could not be written.").arg(path);
        return false;
    }
    return true;
}

} // namespace ModelDesk
