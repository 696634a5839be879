#pragma once

#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTabWidget;
class QUndoStack;

namespace ModelDesk {

class MetricCache;
class CardPage;
class HistoryPage;
class LineagePage;
class MetricsPage;
class TrendPage;
class OverviewPage;
class RunPage;

// The right-hand pane: details of the selected model or version in tabs that appear only
// when they have content (Overview; Run and Metrics for a version with a known source run;
// Lineage and History for models and versions; Model Card for versions),
// or an empty
// state saying what to do. Reads asynchronously and drops answers for a selection the user
// has left. Owned by the main window, one per open registry; GUI thread.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    DetailsPane(Registry *registry, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~DetailsPane() override;

    void showNothing();
    void showModel(const QString &name);
    void showVersion(const QString &name, qint64 version);
    // Re-reads what is shown (after a write).
    void refresh();
    void setReadOnly(bool readOnly);
    // The acting user's permission on the model shown, on a server with MLflow's basic-auth
    // app ("READ", "EDIT", "MANAGE", "NO_PERMISSIONS", "DEFAULT"); empty elsewhere.
    QString permission() const { return m_permission; }

    // The Overview tab, whose edits the window's menus offer.
    OverviewPage *overview() const { return m_overview; }
    // The Model Card tab (File ▸ Export Model Card…).
    CardPage *card() const { return m_card; }
    // Brings a tab forward by its title in lower case ("overview", "run"); false when there
    // is no such tab or it has nothing to show.
    bool setCurrentTab(const QString &name);
    QString currentTabName() const;
    // The titles in lower case of the tabs shown now.
    QStringList tabNames() const;
    // Shows the next (1) or previous (-1) visible tab, wrapping around.
    void showAdjacentTab(int step);

    // True when the Overview shows exactly the model or version last asked for, read in full:
    // only then may the window's menus act on it.
    bool showsWhatWasAsked() const;
    // True while the pane or its Run tab is reading.
    bool isLoading() const;
    QString modelName() const { return m_modelName; }
    qint64 version() const { return m_version; }
    // The model and version as last read (version 0 = a model is shown).
    const RegisteredModel &currentModel() const { return m_model; }
    const ModelVersion &currentVersion() const { return m_currentVersion; }

signals:
    void loaded();
    void errorOccurred(const ModelDesk::RegistryError &error);
    // Reading what the pane shows failed (the registry is unreachable, an error): the window
    // offers Retry, and the next refresh that works clears it.
    void loadFailed(const ModelDesk::RegistryError &error);
    // The registry has no model `name` (deleted or renamed elsewhere).
    void modelMissing(const QString &name);
    void statusMessage(const QString &message);
    // The permission on the model shown was read (the window's actions follow it).
    void permissionChanged();
    // The user picked a version elsewhere than in the versions table (the model's trend).
    void versionActivated(const QString &name, qint64 version);

private:
    void load();
    void setLoading(bool loading);
    void showEmpty(const QString &text);
    void readPermission(const QString &name);
    void applyWritable();

    QPointer<Registry> m_registry;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTabWidget *m_tabs;
    OverviewPage *m_overview;
    RunPage *m_run;
    MetricCache *m_metricCache;
    MetricsPage *m_metrics;
    TrendPage *m_trend;
    LineagePage *m_lineage;
    HistoryPage *m_history;
    CardPage *m_card;
    QString m_modelName;
    qint64 m_version = 0;
    RegisteredModel m_model;
    ModelVersion m_currentVersion;
    bool m_loading = false;
    bool m_registryReadOnly = false;
    QString m_permission;
    QString m_permissionModel; // whose permission m_permission is
    quint64 m_generation = 0;
    PendingCalls m_pending; // reads for what is shown now
};

} // namespace ModelDesk
