#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QThread;

namespace ModelDesk {

// Graphviz's dot layout, left to right, of boxes of given sizes. Pure and thread-safe (one
// layout runs at a time inside Graphviz): the lineage view calls it on a worker thread.
struct LayoutInput
{
    QList<QSizeF> nodes; // sizes in scene units (points)
    QList<std::pair<int, int>> edges; // indexes into nodes
};

struct LayoutResult
{
    QList<QPointF> centers; // per node, y growing downwards
    QList<QList<QPointF>> edgePaths; // per edge: a cubic Bézier's points (start, c1, c2, end, ...)
    QRectF bounds;
    QString error; // set when Graphviz could not lay the graph out
};

LayoutResult layoutLineage(const LayoutInput &input);
// The thread the last layout ran on (tests check that it is not the GUI thread).
QThread *lastLayoutThread();

} // namespace ModelDesk
