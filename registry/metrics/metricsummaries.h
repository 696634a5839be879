#pragma once

#include "registry/registry.h"

namespace ModelDesk {

// Registry::metricSummaries() through the calls every registry has: runs/get for each
// distinct run (its latest metrics) and, with `withRange`, the metric's history, at most
// eight runs at a time. Any error but a run that does not exist ends it. Cancelling the
// future stops it. Call on the registry's thread.
QFuture<Result<QList<MetricSummary>>> collectMetricSummaries(Registry *registry,
                                                             const QStringList &runIds,
                                                             const QString &key,
                                                             bool withRange);

// The least and greatest value of `points` that a chart can draw (not NaN, not infinite, not
// MLflow's stand-in for infinity, ±DBL_MAX), into `summary`.
void summariseRange(const QList<Metric> &points, MetricSummary &summary);

} // namespace ModelDesk
