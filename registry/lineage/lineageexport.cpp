#include "registry/lineage/lineageexport.h"

#include "registry/json/mlflowjson.h"

#include <QSet>

namespace ModelDesk::LineageExport {

namespace {

MlflowJson::Value::Object attributeObject(const QList<LineageAttribute> &attributes)
{
    MlflowJson::Value::Object object;
    for (const LineageAttribute &attribute : attributes)
        object.append({attribute.key, attribute.value});
    return object;
}

QString describe(const LineageNode &node)
{
    QString text = node.kind + QLatin1Char(' ')
        + (node.label.isEmpty() ? node.id.section(QLatin1Char(':'), 1) : node.label);
    QStringList notes;
    if (node.label != node.id.section(QLatin1Char(':'), 1) && !node.label.isEmpty())
        notes << node.id;
    if (const auto stage = node.attribute(QStringLiteral("stage")))
        notes << *stage;
    if (node.isDeleted())
        notes << QStringLiteral("deleted");
    if (node.isMissing())
        notes << QStringLiteral("missing");
    if (!notes.isEmpty())
        text += QStringLiteral(" (") + notes.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

QString edgeNote(const LineageEdge &edge)
{
    for (const LineageAttribute &attribute : edge.attributes) {
        if (attribute.key == QLatin1String("context"))
            return QStringLiteral(" [") + attribute.value + QLatin1Char(']');
    }
    return {};
}

void writeAncestors(
    const LineageGraph &graph, const QString &id, int depth, QSet<QString> &printed, QString &out)
{
    for (const LineageEdge *edge : graph.edgesTo(id)) {
        const LineageNode *from = graph.node(edge->from);
        if (!from)
            continue;
        out += QString(depth * 2, QLatin1Char(' ')) + QStringLiteral("from ") + describe(*from)
            + edgeNote(*edge) + QLatin1Char('\n');
        if (printed.contains(from->id))
            continue;
        printed.insert(from->id);
        writeAncestors(graph, from->id, depth + 1, printed, out);
    }
}

} // namespace

QByteArray toJson(const LineageGraph &graph)
{
    MlflowJson::Value::Array nodes;
    for (const LineageNode &node : graph.sortedNodes()) {
        nodes.append(MlflowJson::Value::Object {
            {QStringLiteral("id"), node.id},
            {QStringLiteral("kind"), node.kind},
            {QStringLiteral("label"), node.label},
            {QStringLiteral("attributes"), attributeObject(node.attributes)}});
    }
    MlflowJson::Value::Array edges;
    for (const LineageEdge &edge : graph.sortedEdges()) {
        edges.append(MlflowJson::Value::Object {
            {QStringLiteral("from"), edge.from},
            {QStringLiteral("to"), edge.to},
            {QStringLiteral("kind"), edge.kind},
            {QStringLiteral("attributes"), attributeObject(edge.attributes)}});
    }
    return MlflowJson::Value(MlflowJson::Value::Object {{QStringLiteral("nodes"), nodes},
                                                        {QStringLiteral("edges"), edges}})
        .toJson();
}

QByteArray dotQuoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    escaped.remove(QLatin1Char('\r'));
    escaped.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    // Whole strings to UTF-8: characters outside the BMP (emoji) stay intact.
    return '"' + escaped.toUtf8() + '"';
}

QByteArray toDot(const LineageGraph &graph)
{
    QByteArray out = "digraph lineage {\n  rankdir=LR;\n  node [shape=box];\n";
    for (const LineageNode &node : graph.sortedNodes()) {
        QString label = node.label.isEmpty() ? node.id : node.label;
        label += QLatin1Char('\n') + node.kind;
        if (node.isDeleted())
            label += QStringLiteral(" (deleted)");
        if (node.isMissing())
            label += QStringLiteral(" (missing)");
        out += "  " + dotQuoted(node.id) + " [label=" + dotQuoted(label)
            + ", class=" + dotQuoted(node.kind) + "];\n";
    }
    for (const LineageEdge &edge : graph.sortedEdges()) {
        out += "  " + dotQuoted(edge.from) + " -> " + dotQuoted(edge.to)
            + " [label=" + dotQuoted(edge.kind) + "];\n";
    }
    return out + "}\n";
}

QString toText(const LineageGraph &graph)
{
    QString out;
    QSet<QString> printed;
    if (const LineageNode *root = graph.node(graph.root())) {
        out += describe(*root) + QLatin1Char('\n');
        printed.insert(root->id);
        writeAncestors(graph, root->id, 1, printed, out);
    }
    QStringList others;
    for (const LineageNode &node : graph.sortedNodes()) {
        if (printed.contains(node.id))
            continue;
        QStringList links;
        for (const LineageEdge *edge : graph.edgesTo(node.id))
            links << edge->from;
        others << QStringLiteral("  ") + describe(node)
                + (links.isEmpty() ? QString()
                                   : QStringLiteral(" <- ") + links.join(QStringLiteral(", ")));
    }
    if (!others.isEmpty())
        out += QStringLiteral("Also in the graph:\n") + others.join(QLatin1Char('\n'))
            + QLatin1Char('\n');
    return out;
}

} // namespace ModelDesk::LineageExport
