#pragma once

#include "registry/lineage/lineagegraph.h"
#include "ui/lineage/lineagegroups.h"
#include "ui/lineage/lineagelayout.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace ModelDesk {

// A node of the lineage view: a rounded box in its kind's colour with the kind's icon, its
// label and, for a version, a stage badge; dashed when deleted, missing or a folded group.
// Its tooltip holds the node's details.
class LineageNodeItem : public QGraphicsItem
{
public:
    LineageNodeItem(const DisplayNode &node, const LineageNode *details, bool selected);

    // The size a node is drawn at, for the layout (the same for equal labels).
    static QSizeF sizeFor(const DisplayNode &node);
    // The colour of a kind of node.
    static QColor kindColor(const QString &kind);

    const DisplayNode &node() const { return m_node; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    DisplayNode m_node;
    QString m_stage;
    bool m_marked = false; // deleted or missing
    bool m_selected = false;
    QSizeF m_size;
};

// What Graphviz lays out for `display`: each node at the size it is drawn, the edges by index.
LayoutInput layoutInputFor(const DisplayGraph &display);

// An edge: the Bézier path Graphviz chose, with an arrowhead at its end.
class LineageEdgeItem : public QGraphicsPathItem
{
public:
    LineageEdgeItem(const QList<QPointF> &points, const QString &kind, const QColor &color);
};

} // namespace ModelDesk
