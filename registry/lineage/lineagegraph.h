#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>
#include <utility>

namespace ModelDesk {

// A version's lineage as a graph: what it came from (its run, that run's experiment, commit,
// datasets and parents, an MLflow 3 logged model) and what else came out of the same places.
// Node ids are canonical ("version:NAME/N", "model:NAME", "run:ID", "logged_model:m-...",
// "experiment:ID", "commit:SHA", "dataset:NAME@DIGEST"); a node's kind is its id's prefix.
// Edges point from what was used or contains to what it made. Pure data: no registry, no
// widgets.
struct LineageAttribute
{
    QString key;
    QString value;
    bool operator==(const LineageAttribute &) const = default;
};

struct LineageNode
{
    QString id;
    QString kind;
    QString label;
    QList<LineageAttribute> attributes;

    std::optional<QString> attribute(const QString &key) const;
    // Deleted in the registry (lifecycle_stage "deleted"), or named but not found.
    bool isDeleted() const;
    bool isMissing() const;
    bool operator==(const LineageNode &) const = default;
};

struct LineageEdge
{
    QString from;
    QString to;
    QString kind; // "version", "registered", "logged", "input", "parent", "experiment",
                  // "commit", "source"
    QList<LineageAttribute> attributes;
    bool operator==(const LineageEdge &) const = default;
};

namespace LineageId {
QString model(const QString &name);
QString version(const QString &name, qint64 version);
QString run(const QString &runId);
QString loggedModel(const QString &modelId);
QString experiment(const QString &experimentId);
QString commit(const QString &sha);
QString dataset(const QString &name, const QString &digest);
// The kind of an id: its prefix ("version" of "version:churn/3").
QString kindOf(const QString &id);
} // namespace LineageId

class LineageGraph
{
public:
    // Adds `node`, or merges into the node with its id: a label where there was none, and
    // attributes it lacked. Returns whether the node is new.
    bool addNode(const LineageNode &node);
    // Replaces the label of the node with `node`'s id (added if absent) and sets its
    // attributes: a placeholder completed once its details are read.
    void updateNode(const LineageNode &node);
    // Adds `edge` once (same from, to and kind); both ends should be nodes of the graph.
    bool addEdge(const LineageEdge &edge);
    // Merges every node and edge of `other`.
    void merge(const LineageGraph &other);

    const QList<LineageNode> &nodes() const { return m_nodes; }
    const QList<LineageEdge> &edges() const { return m_edges; }
    const LineageNode *node(const QString &id) const;
    bool contains(const QString &id) const { return m_index.contains(id); }
    // The id of the node the graph was built for (a version), if any.
    QString root() const { return m_root; }
    void setRoot(const QString &id) { m_root = id; }

    QList<const LineageEdge *> edgesTo(const QString &id) const;

    // Nodes ordered by kind (models, versions, logged models, runs, experiments, commits,
    // datasets), then id; edges by from, to and kind: the order every export uses.
    QList<LineageNode> sortedNodes() const;
    QList<LineageEdge> sortedEdges() const;

private:
    QList<LineageNode> m_nodes;
    QList<LineageEdge> m_edges;
    QHash<QString, qsizetype> m_index;
    QSet<QString> m_edgeKeys; // "from\nto\nkind"
    QString m_root;
};

} // namespace ModelDesk
