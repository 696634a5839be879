#pragma once

#include "registry/types.h"

namespace ModelDesk {

// One version's point of a metric's trend across a model's versions.
struct TrendPoint
{
    qint64 version = 0;
    QString stage;
    QString runId; // empty: the version has no source run
    bool runFound = false;
    std::optional<Metric> latest; // unset: missing (no run, or the run did not log it)
    std::optional<double> minimum;
    std::optional<double> maximum;
};

// The run a version came from: its run_id, else the run of a `runs:/<id>/...` source.
QString sourceRunId(const ModelVersion &version);

// The distinct runs to summarise for `versions`.
QStringList trendRuns(const QList<ModelVersion> &versions);

// The trend's points, in version order: one per version, with the summary of its run from
// `summaries` (as Registry::metricSummaries answered for trendRuns(versions)).
QList<TrendPoint> trendPoints(const QList<ModelVersion> &versions,
                              const QList<MetricSummary> &summaries);

} // namespace ModelDesk
