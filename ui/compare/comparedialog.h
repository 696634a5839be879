#pragma once

#include "models/compare/comparemodel.h"
#include "models/metrics/metriccache.h"
#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QDialog>
#include <QPointer>
#include <QTemporaryDir>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;

namespace ModelDesk {

class MetricPlot;

// Version ▸ Compare: the selected versions of a model side by side, one column each — fields,
// parameters, latest metrics (with the change against the first), version tags and the
// runs' own tags — the rows that differ highlighted, "Only differences" to hide the rest;
// where a version's MLmodel can be read, its flavors and signature;
// below, one chart overlaying a chosen metric's history for every compared version. Reads
// when opened; Copy puts the table on the clipboard as tab-separated text. Non-modal.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(Registry *registry,
                  const QString &name,
                  const QList<qint64> &versions,
                  QWidget *parent = nullptr);
    ~CompareDialog() override;

    bool isLoading() const { return m_reading > 0; }
    CompareModel *comparison() const { return m_model; }
    MetricPlot *plot() const { return m_plot; }
    // The metric whose histories the chart overlays.
    void setChartMetric(const QString &key);
    QString chartMetric() const;
    // The table as tab-separated text, as Copy puts it on the clipboard.
    QString tableText() const;

signals:
    void loaded();

private:
    void readVersions();
    void finishReading();
    void readMlModel(qsizetype index);
    void showChart();
    void setReading(bool busy);

    QPointer<Registry> m_registry;
    MetricCache *m_cache;
    QString m_name;
    QList<qint64> m_numbers;
    QList<ComparedVersion> m_versions;
    int m_reading = 0;
    quint64 m_chartGeneration = 0;
    PendingCalls m_pending;
    QTemporaryDir m_downloads; // the MLmodel files read

    QLabel *m_status;
    QCheckBox *m_onlyDifferences;
    QTableView *m_table;
    QComboBox *m_metric;
    MetricPlot *m_plot;
    CompareModel *m_model;
};

} // namespace ModelDesk
