#include "registry/metrics/metricsummaries.h"
#include "registry/whenfinished.h"

#include <QPointer>
#include <QPromise>

#include <cmath>
#include <functional>
#include <limits>

namespace ModelDesk {

namespace {

constexpr int Slots = 8;

struct Collection
{
    QPromise<Result<QList<MetricSummary>>> promise;
    QStringList distinct; // run ids, each once
    QHash<QString, MetricSummary> done; // by run id
    QStringList order; // as asked
    qsizetype next = 0;
    int inFlight = 0;
    bool finished = false;
    std::function<void()> launch;

    void fail(const RegistryError &error)
    {
        if (finished)
            return;
        finished = true;
        promise.addResult(error);
        promise.finish();
    }

    void complete(const MetricSummary &summary)
    {
        if (finished)
            return;
        done.insert(summary.runId, summary);
        --inFlight;
        promise.setProgressValue(int(done.size()));
        if (done.size() == distinct.size()) {
            QList<MetricSummary> out;
            out.reserve(order.size());
            for (const QString &runId : std::as_const(order))
                out.append(done.value(runId));
            finished = true;
            promise.addResult(out);
            promise.finish();
        } else if (launch) {
            launch();
        }
    }
};

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
                                                             bool withRange)
{
    auto state = std::make_shared<Collection>();
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
    QPointer<Registry> guard(registry);
    std::weak_ptr<Collection> weak = state;
    state->launch = [weak, guard, key, withRange] {
        auto state = weak.lock();
        if (!state || !guard)
            return;
        while (!state->finished && state->inFlight < Slots
               && state->next < state->distinct.size()) {
            if (state->promise.isCanceled()) {
                state->fail(RegistryError(ErrorCode::Cancelled,
                                          Registry::tr("The request was cancelled.")));
                return;
            }
            const QString runId = state->distinct.at(state->next++);
            ++state->inFlight;
            whenFinished(
                guard->run(runId), guard,
                [state, guard, runId, key, withRange](const Result<Run> &run) {
                    if (state->promise.isCanceled()) {
                        state->fail(RegistryError(ErrorCode::Cancelled,
                                                  Registry::tr("The request was cancelled.")));
                        return;
                    }
                    MetricSummary summary;
                    summary.runId = runId;
                    if (!run) {
                        if (run.error().code() != ErrorCode::ResourceDoesNotExist) {
                            state->fail(run.error());
                            return;
                        }
                        state->complete(summary);
                        return;
                    }
                    summary.runFound = true;
                    for (const Metric &metric : run->metrics) {
                        if (metric.key == key)
                            summary.latest = metric;
                    }
                    if (!withRange || !summary.latest || !guard) {
                        state->complete(summary);
                        return;
                    }
                    whenFinished(guard->metricHistory(runId, key), guard,
                                 [state, summary](const Result<QList<Metric>> &points) mutable {
                                     if (!points) {
                                         state->fail(points.error());
                                         return;
                                     }
                                     summariseRange(*points, summary);
                                     state->complete(summary);
                                 });
                });
        }
    };
    state->launch();
    return future;
}

} // namespace ModelDesk
