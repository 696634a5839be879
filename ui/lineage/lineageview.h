#pragma once

#include "registry/lineage/lineagegraph.h"
#include "ui/lineage/lineagegroups.h"
#include "ui/lineage/lineagelayout.h"

#include <QGraphicsView>

class QTimer;

namespace ModelDesk {

// Draws a laid-out lineage graph: one item per display node and edge. Wheel (with Ctrl, or
// alone) and Ctrl+plus/minus zoom, F fits, dragging pans; a click on a node emits
// nodeClicked, a double-click nodeDoubleClicked. Exports what it shows as SVG and PNG.
class LineageView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit LineageView(QWidget *parent = nullptr);

    // `selected`: the id of the node to highlight (the version shown).
    void setGraph(const LineageGraph &graph,
                  const DisplayGraph &display,
                  const LayoutResult &layout,
                  const QString &selected);
    void clearGraph();
    int nodeCount() const { return m_nodes; }
    // The display node drawn highlighted (the one holding the version shown), if any.
    QString highlighted() const { return m_highlighted; }
    // The display node under scene point `at`, if any.
    QString nodeAt(const QPoint &viewPoint) const;
    QPointF nodeCenter(const QString &id) const;

    void fit();
    void zoomBy(double factor);
    double zoom() const { return transform().m11(); }

    bool exportSvg(const QString &path, QString *error) const;
    bool exportPng(const QString &path, QString *error) const;

signals:
    void nodeClicked(const QString &id);
    void nodeDoubleClicked(const QString &id);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QGraphicsScene *m_scene;
    QHash<QString, QPointF> m_centers;
    int m_nodes = 0;
    QString m_highlighted;
    QPoint m_pressedAt;
    // A click acts once the double-click interval has passed without a second click, so
    // that a double-click never also does what a click does.
    QTimer *m_clickTimer;
    QString m_clicked;
    bool m_autoFit = true; // until the user zooms, the graph follows the view's size
};

} // namespace ModelDesk
