#pragma once

#include "registry/lineage/lineagegraph.h"

#include <QSet>

namespace ModelDesk {

// What the lineage view draws: the graph with large fan-outs folded. More than `threshold`
// nodes of one kind with exactly the same neighbours (the 1,000 versions registered from one
// run, a dataset's 300 runs) become one group node ("1,000 versions of fanout-model") until
// the user unfolds it. Pure; the view lays this out.
struct DisplayNode
{
    QString id; // the node's id, or "group:<kind>:<n>" for a group
    QString kind; // the members' kind for a group
    QString label;
    QStringList members; // a group's node ids; the node's own id otherwise
    bool isGroup() const { return members.size() > 1 || id.startsWith(QLatin1String("group:")); }
};

struct DisplayEdge
{
    QString from;
    QString to;
    QString kind;
};

struct DisplayGraph
{
    QList<DisplayNode> nodes;
    QList<DisplayEdge> edges;
    // The display node each graph node is drawn as.
    QHash<QString, QString> drawnAs;
};

constexpr int DefaultGroupThreshold = 20;

// Folds `graph`; groups whose id ("group:<kind>:<hash of the members' neighbours>") is in
// `expanded` stay unfolded.
DisplayGraph foldLineage(const LineageGraph &graph,
                         const QSet<QString> &expanded,
                         int threshold = DefaultGroupThreshold);

} // namespace ModelDesk
