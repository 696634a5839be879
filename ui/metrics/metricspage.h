#pragma once

#include "models/metrics/metriccache.h"
#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSlider;
class QStackedWidget;

namespace ModelDesk {

class MetricPlot;

// The Metrics tab of a version: one chart per metric of its source run, small multiples in a
// scrolling grid with a filter by name, and a large view of one chart (double-click, Enter;
// Esc goes back). The x axis (step, wall time, time since the run started), a log scale and
// EMA smoothing apply to every chart and are remembered. Reads when first shown; a newer
// setRun() drops the answers of an older one. Owned by the DetailsPane; GUI thread.
class MetricsPage : public QWidget
{
    Q_OBJECT
public:
    MetricsPage(Registry *registry, MetricCache *cache, QWidget *parent = nullptr);
    ~MetricsPage() override;

    // The run whose metrics to show; empty clears the page. Read once the page is active.
    void setRun(const QString &runId);
    QString runId() const { return m_runId; }
    // Reads the run and its histories again (F5: a run still logging has new points).
    void reload();
    // The tab is in front: reading starts (once per run).
    void setActive(bool active);
    // Reading the run, its histories, or drawing them.
    bool isLoading() const;

    // The charts of the grid, in order (hidden ones included), and the large view.
    QList<MetricPlot *> plots() const { return m_plots; }
    MetricPlot *largePlot() const { return m_large; }
    bool showsLargeView() const;
    void openLargeView(const QString &key);
    void closeLargeView();

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const ModelDesk::RegistryError &error);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void load();
    void fetchNext();
    void applyFilter();
    void relayout();
    void applyOptions();
    void saveOptions();
    void updateEmptyState();
    void checkLoading();
    MetricPlot *plotFor(const QString &key) const;

    QPointer<Registry> m_registry;
    QPointer<MetricCache> m_cache;
    QString m_runId;
    QString m_loadedRun; // the run whose charts are on the page
    bool m_active = false;
    bool m_readingRun = false;
    qint64 m_runStart = 0;
    QStringList m_queue; // metrics whose histories are still to be read
    int m_inFlight = 0;
    quint64 m_generation = 0;
    bool m_wasLoading = false;
    PendingCalls m_pending;

    QLineEdit *m_filter;
    QComboBox *m_axis;
    QCheckBox *m_log;
    QSlider *m_smoothing;
    QLabel *m_smoothingValue;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QScrollArea *m_scroll;
    QWidget *m_grid;
    QGridLayout *m_gridLayout;
    QList<MetricPlot *> m_plots;
    QWidget *m_largePage;
    QLabel *m_largeTitle;
    MetricPlot *m_large;
    int m_columns = 0;
};

} // namespace ModelDesk
