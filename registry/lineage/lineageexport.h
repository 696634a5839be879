#pragma once

#include "registry/lineage/lineagegraph.h"

#include <QByteArray>

namespace ModelDesk::LineageExport {

// `{"nodes": [{"id", "kind", "label", "attributes": {...}}], "edges": [{"from", "to", "kind",
// "attributes": {...}}]}`, every node listed (nothing grouped), in the graph's sorted order.
QByteArray toJson(const LineageGraph &graph);

// The graph in Graphviz's DOT language, left to right, one statement per node and edge.
QByteArray toDot(const LineageGraph &graph);

// An indented text tree: the root and what it came from, then every other node with the
// links that brought it in.
QString toText(const LineageGraph &graph);

// A DOT identifier or label: quoted, with quotes, backslashes and line breaks escaped.
QByteArray dotQuoted(const QString &text);

} // namespace ModelDesk::LineageExport
