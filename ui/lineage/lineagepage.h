#pragma once

#include "registry/lineage/lineagegraph.h"
#include "registry/pendingcalls.h"
#include "registry/registry.h"
#include "ui/lineage/lineagegroups.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QToolButton;

namespace ModelDesk {

class LineageView;

// The Lineage tab of a version (its graph) and of a model (its versions' graphs merged):
// built through the registry, folded, laid out by Graphviz on a worker thread and drawn.
// Clicking a version selects it, clicking a run opens it in the Run tab, clicking a group
// unfolds it; double-clicking expands a node (a run's children, a dataset's other runs,
// versions made from a version). Exports the view as SVG or PNG and the graph as DOT. Reads when
// first shown. GUI thread.
class LineagePage : public QWidget
{
    Q_OBJECT
public:
    explicit LineagePage(Registry *registry, QWidget *parent = nullptr);
    ~LineagePage() override;

    void setVersion(const QString &name, qint64 version);
    void setModel(const QString &name);
    void clear();
    void setActive(bool active);
    void reload();
    bool isLoading() const;

    LineageView *view() const { return m_view; }
    const LineageGraph &graph() const { return m_graph; }
    const DisplayGraph &display() const { return m_display; }
    // Unfolds a group `id` (a click), or expands any other node (a double-click).
    void expand(const QString &id);
    QString statusText() const;

    bool exportDot(const QString &path, QString *error) const;

signals:
    void versionActivated(const QString &name, qint64 version);
    void runActivated(const QString &runId);
    void loadingChanged(bool loading);
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    void load();
    void relayout();
    void showMessage(const QString &text);
    void updateLoading();
    void stop();
    void onClicked(const QString &id);
    void exportAs(const QString &format);

    QPointer<Registry> m_registry;
    QString m_name;
    qint64 m_version = 0; // 0: the model's graph
    QString m_loaded; // what m_graph is the graph of
    bool m_active = false;
    LineageGraph m_graph;
    DisplayGraph m_display;
    QSet<QString> m_unfolded;
    quint64 m_generation = 0;
    // A read (build or expansion) in flight; cancelled reads report nothing, so a new read,
    // a stop or a clear resets it rather than waiting for an answer.
    bool m_reading = false;
    // One layout runs at a time; asking for another meanwhile lays out again after it.
    bool m_layingOut = false;
    bool m_relayoutWanted = false;
    bool m_wasLoading = false;
    PendingCalls m_pending;
    QStackedWidget *m_stack;
    QLabel *m_message;
    LineageView *m_view;
    QLabel *m_status;
    QToolButton *m_export;
    QToolButton *m_stop;
};

} // namespace ModelDesk
