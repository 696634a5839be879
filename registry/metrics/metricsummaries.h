#pragma once

#include "registry/registry.h"

#include <QHash>

#include <functional>

namespace ModelDesk {

// Runs already read another way, by run id: the latest value of the metric in each, unset
// when the run did not log it.
using KnownRuns = QHash<QString, std::optional<Metric>>;
// Reads some of `runIds` in bulk (a server's runs/search), reporting progress in runs. Runs it
// leaves out are read one at a time, so an error on one of them is still seen.
using RunPrefetch = std::function<QFuture<Result<KnownRuns>>(const QStringList &runIds)>;

// Registry::metricSummaries() through the calls every registry has: `prefetch` first when
// given (a failure there that only says the server cannot do it falls back to the rest),
// then runs/get for each distinct run not yet known (its latest metrics) and, with
// `withRange`, the metric's history, at most eight runs at a time. Any error but a run that
// does not exist ends it. Cancelling the future stops it. Call on the registry's thread.
QFuture<Result<QList<MetricSummary>>> collectMetricSummaries(Registry *registry,
                                                             const QStringList &runIds,
                                                             const QString &key,
                                                             bool withRange,
                                                             RunPrefetch prefetch = {});

// The least and greatest value of `points` that a chart can draw (not NaN, not infinite, not
// MLflow's stand-in for infinity, ±DBL_MAX), into `summary`.
void summariseRange(const QList<Metric> &points, MetricSummary &summary);

} // namespace ModelDesk
