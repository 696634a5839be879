#include "ui/lineage/lineagelayout.h"

#include <graphviz/gvc.h>

#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

#include <atomic>

namespace ModelDesk {

namespace {

// Graphviz keeps global state (its plugin registry, cgraph's default discipline).
QMutex graphvizMutex;
std::atomic<QThread *> lastThread = nullptr;

void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()),
              const_cast<char *>(""));
}

} // namespace

QThread *lastLayoutThread()
{
    return lastThread;
}

LayoutResult layoutLineage(const LayoutInput &input)
{
    LayoutResult result;
    QMutexLocker locker(&graphvizMutex);
    lastThread = QThread::currentThread();
    GVC_t *context = gvContext();
    if (!context) {
        result.error = QStringLiteral("Graphviz could not start.");
        return result;
    }
    Agraph_t *graph = agopen(const_cast<char *>("lineage"), Agdirected, nullptr);
    set(graph, "rankdir", "LR");
    set(graph, "nodesep", "0.25");
    set(graph, "ranksep", "0.9");
    set(graph, "splines", "spline");
    QList<Agnode_t *> nodes;
    nodes.reserve(input.nodes.size());
    for (qsizetype i = 0; i < input.nodes.size(); ++i) {
        Agnode_t *node = agnode(graph, QByteArray("n" + QByteArray::number(i)).data(), 1);
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "label", "");
        set(node, "width", QByteArray::number(input.nodes.at(i).width() / 72.0));
        set(node, "height", QByteArray::number(input.nodes.at(i).height() / 72.0));
        nodes.append(node);
    }
    QList<Agedge_t *> edges;
    edges.reserve(input.edges.size());
    for (const auto &[from, to] : input.edges) {
        if (from < 0 || to < 0 || from >= nodes.size() || to >= nodes.size()) {
            edges.append(nullptr);
            continue;
        }
        edges.append(agedge(graph, nodes.at(from), nodes.at(to), nullptr, 1));
    }
    if (gvLayout(context, graph, "dot") != 0) {
        result.error = QStringLiteral("Graphviz could not lay out the graph.");
        agclose(graph);
        gvFreeContext(context);
        return result;
    }
    const boxf box = GD_bb(graph);
    const double top = box.UR.y;
    const auto flip = [top](pointf p) { return QPointF(p.x, top - p.y); };
    result.bounds = QRectF(QPointF(box.LL.x, 0), QPointF(box.UR.x, box.UR.y - box.LL.y));
    for (Agnode_t *node : std::as_const(nodes))
        result.centers.append(flip(ND_coord(node)));
    for (Agedge_t *edge : std::as_const(edges)) {
        QList<QPointF> path;
        if (edge && ED_spl(edge) && ED_spl(edge)->size > 0) {
            const bezier &curve = ED_spl(edge)->list[0];
            for (int i = 0; i < int(curve.size); ++i)
                path.append(flip(curve.list[i]));
            // Where the arrow ends, when Graphviz moved the curve's end back for it.
            if (curve.eflag)
                path.append(flip(curve.ep));
        }
        result.edgePaths.append(path);
    }
    gvFreeLayout(context, graph);
    agclose(graph);
    gvFreeContext(context);
    return result;
}

} // namespace ModelDesk
