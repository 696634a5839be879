#include "registry/registry.h"
#include "registry/metrics/metricsummaries.h"

#include <QCoreApplication>

namespace ModelDesk {

namespace {

// Hands a finished answer's list to the sink as one part and keeps the rest of the answer.
template<typename Answer, typename T>
Result<Answer> deliverWhole(Result<Answer> answer, QList<T> &items, const PartSink<T> &sink)
{
    if (answer && !sink(std::exchange(items, {}))) {
        return RegistryError(
            ErrorCode::Cancelled,
            QCoreApplication::translate("ModelDesk::Registry", "The request was cancelled."));
    }
    return answer;
}

} // namespace

QFuture<Result<Page<ModelVersion>>> Registry::streamVersions(const SearchRequest &request,
                                                             PartSink<ModelVersion> sink)
{
    return searchVersions(request).then(QtFuture::Launch::Sync,
                                        [sink = std::move(sink)](Result<Page<ModelVersion>> page) {
                                            QList<ModelVersion> items;
                                            if (page)
                                                items = std::exchange(page->items, {});
                                            return deliverWhole(std::move(page), items, sink);
                                        });
}

QFuture<Result<QList<Metric>>>
Registry::streamMetricHistory(const QString &runId, const QString &key, PartSink<Metric> sink)
{
    return metricHistory(runId, key)
        .then(QtFuture::Launch::Sync, [sink = std::move(sink)](Result<QList<Metric>> points) {
            QList<Metric> items;
            if (points)
                items = std::exchange(*points, {});
            return deliverWhole(std::move(points), items, sink);
        });
}

QFuture<Result<QList<MetricSummary>>>
Registry::metricSummaries(const QStringList &runIds, const QString &key, bool withRange)
{
    return collectMetricSummaries(this, runIds, key, withRange);
}

QFuture<Result<QStringList>> Registry::experimentIds()
{
    return QtFuture::makeReadyFuture(Result<QStringList>(RegistryError(
        ErrorCode::NotImplemented,
        QCoreApplication::translate("ModelDesk::Registry",
                                    "This registry cannot list its experiments."))));
}

} // namespace ModelDesk
