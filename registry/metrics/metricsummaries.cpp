#include "registry/metrics/metricsummaries.h"
#include "registry/whenfinished.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QPromise>

#include <cmath>
#include <limits>

namespace ModelDesk {

namespace {

constexpr int Slots = 8;

RegistryError cancelled()
{
    return RegistryError(ErrorCode::Cancelled, Registry::tr("The request was cancelled."));
}

// A bulk read that failed only because the server cannot do it, not because it is unwell.
bool cannotPrefetch(const RegistryError &error)
{
    switch (error.code()) {
    case ErrorCode::EndpointNotFound:
    case ErrorCode::ResourceDoesNotExist:
    case ErrorCode::NotImplemented:
    case ErrorCode::InvalidParameterValue:
    case ErrorCode::BadRequest:
    case ErrorCode::PermissionDenied:
        return true;
    default:
        return false;
    }
}

struct Collection
{
    QPromise<Result<QList<MetricSummary>>> promise;
    QPointer<Registry> registry;
    QString key;
    bool withRange = false;
    QStringList distinct; // run ids, each once
    QStringList order; // as asked
    KnownRuns known;
    QHash<QString, MetricSummary> done; // by run id
    qsizetype next = 0;
    int inFlight = 0;
    bool finished = false;
    QFuture<Result<KnownRuns>> prefetching;

    void fail(const RegistryError &error)
    {
        if (finished)
            return;
        finished = true;
        prefetching.cancel();
        promise.addResult(error);
        promise.finish();
    }

    bool stopIfCancelled()
    {
        if (!promise.isCanceled())
            return false;
        fail(cancelled());
        return true;
    }

    void record(const MetricSummary &summary)
    {
        done.insert(summary.runId, summary);
        promise.setProgressValue(int(done.size()));
    }

    void finishIfDone()
    {
        if (finished || done.size() != distinct.size())
            return;
        QList<MetricSummary> out;
        out.reserve(order.size());
        for (const QString &runId : std::as_const(order))
            out.append(done.value(runId));
        finished = true;
        promise.addResult(out);
        promise.finish();
    }
};

// Reads what is not yet known about the runs, eight at a time; call again as each ends.
void launch(const std::shared_ptr<Collection> &state);

void complete(const std::shared_ptr<Collection> &state, const MetricSummary &summary)
{
    if (state->finished)
        return;
    --state->inFlight;
    state->record(summary);
    state->finishIfDone();
    launch(state);
}

void readRange(const std::shared_ptr<Collection> &state, MetricSummary summary)
{
    whenFinished(state->registry->metricHistory(summary.runId, state->key), state->registry,
                 [state, summary](const Result<QList<Metric>> &points) mutable {
                     if (state->stopIfCancelled())
                         return;
                     if (!points) {
                         state->fail(points.error());
                         return;
                     }
                     summariseRange(*points, summary);
                     complete(state, summary);
                 });
}

void readRun(const std::shared_ptr<Collection> &state, const QString &runId)
{
    whenFinished(state->registry->run(runId), state->registry,
                 [state, runId](const Result<Run> &run) {
                     if (state->stopIfCancelled())
                         return;
                     MetricSummary summary;
                     summary.runId = runId;
                     if (!run) {
                         if (run.error().code() != ErrorCode::ResourceDoesNotExist) {
                             state->fail(run.error());
                             return;
                         }
                         complete(state, summary);
                         return;
                     }
                     summary.runFound = true;
                     for (const Metric &metric : run->metrics) {
                         if (metric.key == state->key)
                             summary.latest = metric;
                     }
                     if (!state->withRange || !summary.latest || !state->registry) {
                         complete(state, summary);
                         return;
                     }
                     readRange(state, summary);
                 });
}

void launch(const std::shared_ptr<Collection> &state)
{
    while (!state->finished && state->registry && state->inFlight < Slots
           && state->next < state->distinct.size()) {
        if (state->stopIfCancelled())
            return;
        const QString runId = state->distinct.at(state->next++);
        const auto known = state->known.constFind(runId);
        if (known == state->known.cend()) {
            ++state->inFlight;
            readRun(state, runId);
            continue;
        }
        MetricSummary summary {runId, true, *known, {}, {}};
        if (!state->withRange || !summary.latest) {
            state->record(summary);
            continue;
        }
        ++state->inFlight;
        readRange(state, summary);
    }
    state->finishIfDone();
}

void prefetchThenLaunch(const std::shared_ptr<Collection> &state, const RunPrefetch &prefetch)
{
    state->prefetching = prefetch(state->distinct);
    // Progress of the bulk read, and a cancel of the summaries reaching it.
    auto *progress = new QFutureWatcher<Result<KnownRuns>>(state->registry);
    QObject::connect(progress, &QFutureWatcherBase::progressValueChanged, progress,
                     [state](int value) { state->promise.setProgressValue(value); });
    QObject::connect(progress, &QFutureWatcherBase::finished, progress, &QObject::deleteLater);
    progress->setFuture(state->prefetching);
    auto *cancel = new QFutureWatcher<Result<QList<MetricSummary>>>(progress);
    QObject::connect(cancel, &QFutureWatcherBase::canceled, progress,
                     [state] { state->prefetching.cancel(); });
    cancel->setFuture(state->promise.future());
    whenFinished(state->prefetching, state->registry, [state](const Result<KnownRuns> &known) {
        if (state->stopIfCancelled())
            return;
        if (known)
            state->known = *known;
        else if (!cannotPrefetch(known.error())) {
            state->fail(known.error());
            return;
        }
        launch(state);
    });
    // A cancelled bulk read reports nothing through whenFinished.
    auto *ended = new QFutureWatcher<Result<KnownRuns>>(state->registry);
    QObject::connect(ended, &QFutureWatcherBase::finished, ended, [state, ended] {
        ended->deleteLater();
        if (ended->future().isCanceled())
            state->fail(cancelled());
    });
    ended->setFuture(state->prefetching);
}

} // namespace

void summariseRange(const QList<Metric> &points, MetricSummary &summary)
{
    for (const Metric &point : points) {
        if (!std::isfinite(point.value)
            || std::abs(point.value) >= std::numeric_limits<double>::max())
            continue;
        summary.minimum = summary.minimum ? std::min(*summary.minimum, point.value) : point.value;
        summary.maximum = summary.maximum ? std::max(*summary.maximum, point.value) : point.value;
    }
}

QFuture<Result<QList<MetricSummary>>> collectMetricSummaries(Registry *registry,
                                                             const QStringList &runIds,
                                                             const QString &key,
                                                             bool withRange,
                                                             RunPrefetch prefetch)
{
    auto state = std::make_shared<Collection>();
    state->registry = registry;
    state->key = key;
    state->withRange = withRange;
    state->order = runIds;
    state->distinct = runIds;
    state->distinct.removeDuplicates();
    state->promise.start();
    state->promise.setProgressRange(0, int(state->distinct.size()));
    QFuture<Result<QList<MetricSummary>>> future = state->promise.future();
    if (state->distinct.isEmpty()) {
        state->promise.addResult(QList<MetricSummary>());
        state->promise.finish();
        return future;
    }
    if (prefetch)
        prefetchThenLaunch(state, prefetch);
    else
        launch(state);
    return future;
}

} // namespace ModelDesk
