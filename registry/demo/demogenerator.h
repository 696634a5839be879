#pragma once

#include "registry/error.h"

#include <QSqlDatabase>

#include <functional>

namespace ModelDesk {

struct DemoOptions
{
    int models = 12;
    int versionsPerModel = 6;
    quint32 seed = 1;
    // When > 0, one extra model ("huge-version-history") gets this many versions (benchmarks).
    int hugeModelVersions = 0;
    // Metric points per run and key; realistic runs log hundreds of steps.
    int metricSteps = 200;
};

struct DemoSummary
{
    int experiments = 0;
    int runs = 0;
    int models = 0;
    int versions = 0;
    qint64 metricPoints = 0;
};

// Generates a realistic, deterministic registry into an empty store created by
// SqlSchema::createStore: experiments, runs (params, metric histories, dataset inputs,
// parent/child runs, FAILED/KILLED runs), registered models with Markdown descriptions, tags,
// versions across all stages, aliases. Writes through `db` (on the caller's thread) in one
// transaction; `progress(done, total)` may return false to cancel (the store is then left
// as it was). Used by `modeldesk-cli demo`, the GUI's first start and the benchmarks.
Result<DemoSummary> generateDemo(QSqlDatabase &db, const DemoOptions &options,
                                 const std::function<bool(qint64, qint64)> &progress = {});

// Creates a new store at `path` (which must not exist or be empty) and generates the demo
// into it, on the calling thread with its own connection. On failure the file is removed.
Result<DemoSummary> createDemoStore(const QString &path, const DemoOptions &options,
                                    const std::function<bool(qint64, qint64)> &progress = {});

} // namespace ModelDesk
