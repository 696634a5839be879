#include "registry/lineage/lineagegraph.h"

#include <algorithm>

namespace ModelDesk {

namespace {

int kindRank(const QString &kind)
{
    static const QStringList order {QStringLiteral("model"),        QStringLiteral("version"),
                                    QStringLiteral("logged_model"), QStringLiteral("run"),
                                    QStringLiteral("experiment"),   QStringLiteral("commit"),
                                    QStringLiteral("dataset")};
    const qsizetype at = order.indexOf(kind);
    return at < 0 ? int(order.size()) : int(at);
}

QString edgeKey(const QString &from, const QString &to, const QString &kind)
{
    return from + QLatin1Char('\n') + to + QLatin1Char('\n') + kind;
}

} // namespace

std::optional<QString> LineageNode::attribute(const QString &key) const
{
    for (const LineageAttribute &attribute : attributes) {
        if (attribute.key == key)
            return attribute.value;
    }
    return std::nullopt;
}

bool LineageNode::isDeleted() const
{
    return attribute(QStringLiteral("lifecycle_stage")) == QStringLiteral("deleted");
}

bool LineageNode::isMissing() const
{
    return attribute(QStringLiteral("missing")) == QStringLiteral("true");
}

namespace LineageId {

QString model(const QString &name)
{
    return QStringLiteral("model:") + name;
}

QString version(const QString &name, qint64 version)
{
    return QStringLiteral("version:") + name + QLatin1Char('/') + QString::number(version);
}

QString run(const QString &runId)
{
    return QStringLiteral("run:") + runId;
}

QString loggedModel(const QString &modelId)
{
    return QStringLiteral("logged_model:") + modelId;
}

QString experiment(const QString &experimentId)
{
    return QStringLiteral("experiment:") + experimentId;
}

QString commit(const QString &sha)
{
    return QStringLiteral("commit:") + sha;
}

QString dataset(const QString &name, const QString &digest)
{
    return QStringLiteral("dataset:") + name + QLatin1Char('@') + digest;
}

QString kindOf(const QString &id)
{
    return id.section(QLatin1Char(':'), 0, 0);
}

} // namespace LineageId

bool LineageGraph::addNode(const LineageNode &node)
{
    const auto at = m_index.constFind(node.id);
    if (at == m_index.cend()) {
        m_index.insert(node.id, m_nodes.size());
        m_nodes.append(node);
        if (m_nodes.last().kind.isEmpty())
            m_nodes.last().kind = LineageId::kindOf(node.id);
        return true;
    }
    LineageNode &existing = m_nodes[*at];
    // A node read in full replaces a placeholder (a missing run found after all).
    if (existing.isMissing() && !node.isMissing()) {
        existing = node;
        return false;
    }
    if (existing.label.isEmpty())
        existing.label = node.label;
    for (const LineageAttribute &attribute : node.attributes) {
        if (!existing.attribute(attribute.key))
            existing.attributes.append(attribute);
    }
    return false;
}

void LineageGraph::updateNode(const LineageNode &node)
{
    if (addNode(node))
        return;
    LineageNode &existing = m_nodes[m_index.value(node.id)];
    if (!node.label.isEmpty())
        existing.label = node.label;
    for (const LineageAttribute &attribute : node.attributes) {
        auto it = std::find_if(existing.attributes.begin(), existing.attributes.end(),
                               [&](const LineageAttribute &a) { return a.key == attribute.key; });
        if (it == existing.attributes.end())
            existing.attributes.append(attribute);
        else
            it->value = attribute.value;
    }
}

bool LineageGraph::addEdge(const LineageEdge &edge)
{
    const QString key = edgeKey(edge.from, edge.to, edge.kind);
    if (m_edgeKeys.contains(key))
        return false;
    m_edgeKeys.insert(key);
    m_edges.append(edge);
    return true;
}

void LineageGraph::merge(const LineageGraph &other)
{
    for (const LineageNode &node : other.m_nodes)
        addNode(node);
    for (const LineageEdge &edge : other.m_edges)
        addEdge(edge);
    if (m_root.isEmpty())
        m_root = other.m_root;
}

const LineageNode *LineageGraph::node(const QString &id) const
{
    const auto at = m_index.constFind(id);
    return at == m_index.cend() ? nullptr : &m_nodes.at(*at);
}

QList<const LineageEdge *> LineageGraph::edgesTo(const QString &id) const
{
    QList<const LineageEdge *> found;
    for (const LineageEdge &edge : m_edges) {
        if (edge.to == id)
            found.append(&edge);
    }
    return found;
}

QList<LineageNode> LineageGraph::sortedNodes() const
{
    QList<LineageNode> sorted = m_nodes;
    std::stable_sort(sorted.begin(), sorted.end(), [](const LineageNode &a, const LineageNode &b) {
        const int ra = kindRank(a.kind);
        const int rb = kindRank(b.kind);
        return ra != rb ? ra < rb : a.id < b.id;
    });
    return sorted;
}

QList<LineageEdge> LineageGraph::sortedEdges() const
{
    QList<LineageEdge> sorted = m_edges;
    std::stable_sort(sorted.begin(), sorted.end(), [](const LineageEdge &a, const LineageEdge &b) {
        return std::tie(a.from, a.to, a.kind) < std::tie(b.from, b.to, b.kind);
    });
    return sorted;
}

} // namespace ModelDesk
