#include "ui/lineage/lineagegroups.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLocale>

#include <map>

namespace ModelDesk {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ModelDesk::LineageGroups", text, nullptr, n);
}

QString groupLabel(const LineageGraph &graph, const QString &kind, const QStringList &members)
{
    const QString count = QLocale().toString(members.size());
    if (kind == QLatin1String("version")) {
        QString model;
        bool oneModel = true;
        for (const QString &id : members) {
            const LineageNode *node = graph.node(id);
            const QString name
                = node ? node->attribute(QStringLiteral("name")).value_or(QString()) : QString();
            if (model.isEmpty())
                model = name;
            else if (name != model)
                oneModel = false;
        }
        if (oneModel && !model.isEmpty())
            return tr("%1 versions of %2").arg(count, model);
        return tr("%1 versions").arg(count);
    }
    if (kind == QLatin1String("run"))
        return tr("%1 runs").arg(count);
    if (kind == QLatin1String("dataset"))
        return tr("%1 datasets").arg(count);
    if (kind == QLatin1String("model"))
        return tr("%1 models").arg(count);
    return tr("%1 %2 nodes").arg(count, kind);
}

} // namespace

DisplayGraph foldLineage(const LineageGraph &graph, const QSet<QString> &expanded, int threshold)
{
    // Each node's neighbourhood: its edges in and out, as text.
    QHash<QString, QStringList> neighbours;
    for (const LineageEdge &edge : graph.edges()) {
        neighbours[edge.to] << QStringLiteral("<") + edge.from + QLatin1Char(' ') + edge.kind;
        neighbours[edge.from] << QStringLiteral(">") + edge.to + QLatin1Char(' ') + edge.kind;
    }
    // Nodes of one kind with the same neighbourhood are siblings. The root is never folded.
    std::map<QString, QStringList> siblings;
    for (const LineageNode &node : graph.sortedNodes()) {
        if (node.id == graph.root())
            continue;
        QStringList around = neighbours.value(node.id);
        if (around.isEmpty())
            continue;
        around.sort();
        siblings[node.kind + QLatin1Char('\n') + around.join(QLatin1Char('\n'))] << node.id;
    }
    DisplayGraph display;
    for (const auto &[key, members] : siblings) {
        if (members.size() <= threshold)
            continue;
        const QString kind = key.section(QLatin1Char('\n'), 0, 0);
        // A group's id stays the same while its members' neighbours do (an expansion that
        // adds members does not fold an unfolded group again).
        const QString id = QStringLiteral("group:%1:%2")
                               .arg(kind,
                                    QString::fromLatin1(QCryptographicHash::hash(
                                                            key.toUtf8(), QCryptographicHash::Sha1)
                                                            .toHex()
                                                            .left(16)));
        if (expanded.contains(id))
            continue;
        display.nodes.append({id, kind, groupLabel(graph, kind, members), members});
        for (const QString &member : members)
            display.drawnAs.insert(member, id);
    }
    for (const LineageNode &node : graph.sortedNodes()) {
        if (display.drawnAs.contains(node.id))
            continue;
        display.drawnAs.insert(node.id, node.id);
        display.nodes.append({node.id, node.kind, node.label, {node.id}});
    }
    QSet<QString> seen;
    for (const LineageEdge &edge : graph.sortedEdges()) {
        const QString from = display.drawnAs.value(edge.from);
        const QString to = display.drawnAs.value(edge.to);
        if (from.isEmpty() || to.isEmpty() || from == to)
            continue;
        const QString key = from + QLatin1Char('\n') + to + QLatin1Char('\n') + edge.kind;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        display.edges.append({from, to, edge.kind});
    }
    return display;
}

} // namespace ModelDesk
