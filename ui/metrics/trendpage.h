#pragma once

#include "models/metrics/trendmodel.h"
#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace ModelDesk {

class MetricChart;

// The Metrics tab of a registered model: a metric's trend across its versions, one point per
// version (x the version number, y its run's latest value of the metric, or the minimum or
// maximum of the run's history), coloured by stage, aliases labelled, and a table that also
// lists the versions without a value and why. The newest 1,000 versions load first (one
// version search and one summary call; a server's runs are read in bulk, with progress),
// older ones on demand. Hovering names a version, clicking selects it. Reads when
// first shown. GUI thread.
class TrendPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int PageSize = 1000;

    explicit TrendPage(Registry *registry, QWidget *parent = nullptr);
    ~TrendPage() override;

    void setModelName(const QString &name);
    QString modelName() const { return m_name; }
    void setActive(bool active);
    // Reads the model's versions and the trend again (F5).
    void reload();
    bool isLoading() const;

    QStringList metricNames() const;
    QString metricKey() const;
    void setMetric(const QString &key);
    void setMode(TrendModel::Mode mode);
    TrendModel *trend() const { return m_model; }
    MetricChart *chart() const { return m_chart; }
    // Reads the next 1,000 older versions.
    void loadOlder();
    bool hasOlder() const { return !m_nextPage.isEmpty(); }

signals:
    void versionActivated(const QString &name, qint64 version);
    void loadingChanged(bool loading);
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    void load();
    void readVersions(const QString &pageToken);
    void readNames();
    void readSummaries();
    void updateChart();
    void showHover(double x);
    std::optional<TrendPoint> nearest(double x) const;
    void setBusy(bool busy, const QString &status = {});
    void checkLoading();

    QPointer<Registry> m_registry;
    QString m_name;
    QString m_loaded; // the model whose versions are read
    bool m_active = false;
    QList<ModelVersion> m_versions; // newest first
    QHash<qint64, QStringList> m_aliases;
    QString m_nextPage;
    int m_reading = 0;
    quint64 m_generation = 0;
    bool m_wasLoading = false;
    PendingCalls m_pending; // the model, its versions and the runs naming metrics
    PendingCalls m_summaryCalls; // the metric's summaries
    quint64 m_summaryGeneration = 0;
    bool m_summarizing = false;

    QComboBox *m_metric;
    QComboBox *m_mode;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_older;
    MetricChart *m_chart;
    QTableView *m_table;
    TrendModel *m_model;
};

} // namespace ModelDesk
