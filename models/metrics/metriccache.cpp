#include "models/metrics/metriccache.h"
#include "registry/whenfinished.h"

#include <QPromise>
#include <QtConcurrent>

namespace ModelDesk {

namespace {

QString cacheKey(const QString &runId, const QString &key)
{
    return runId + QLatin1Char('\n') + key;
}

} // namespace

MetricCache::MetricCache(Registry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
{ }

MetricCache::~MetricCache() = default;

SeriesPtr MetricCache::cached(const QString &runId, const QString &key) const
{
    return m_series.value(cacheKey(runId, key));
}

QFuture<Result<SeriesPtr>>
MetricCache::series(const QString &runId, const QString &key, qint64 runStartTime)
{
    const QString id = cacheKey(runId, key);
    if (const SeriesPtr found = m_series.value(id)) {
        m_recent.removeOne(id);
        m_recent.append(id);
        return QtFuture::makeReadyFuture(Result<SeriesPtr>(found));
    }
    auto promise = std::make_shared<QPromise<Result<SeriesPtr>>>();
    promise->start();
    QFuture<Result<SeriesPtr>> future = promise->future();
    if (!m_registry) {
        promise->addResult(RegistryError(ErrorCode::Cancelled, tr("The registry is closed.")));
        promise->finish();
        return future;
    }
    // Filled on the registry's thread, part after part; read once the read has finished.
    auto points = std::make_shared<QList<MetricPoint>>();
    auto read = m_registry->streamMetricHistory(runId, key, [points, promise](QList<Metric> part) {
        if (promise->isCanceled())
            return false;
        points->reserve(points->size() + part.size());
        for (const Metric &metric : std::as_const(part))
            points->append({metric.step, metric.timestamp, metric.value});
        return true;
    });
    whenFinished(
        read, this,
        [this, promise, points, runId, key, runStartTime](const Result<QList<Metric>> &answer) {
            if (!answer) {
                promise->addResult(answer.error());
                promise->finish();
                return;
            }
            for (const Metric &metric : *answer) // a backend that did not stream
                points->append({metric.step, metric.timestamp, metric.value});
            auto built = QtConcurrent::run([points, runId, key, runStartTime] {
                return std::make_shared<const MetricSeries>(
                    MetricSeries::build(runId, key, runStartTime, std::move(*points)));
            });
            whenFinished(built, this,
                         [this, promise](const std::shared_ptr<const MetricSeries> &s) {
                             insert(s);
                             promise->addResult(Result<SeriesPtr>(s));
                             promise->finish();
                         });
        });
    return future;
}

void MetricCache::insert(const SeriesPtr &series)
{
    const QString id = cacheKey(series->runId, series->key);
    if (const SeriesPtr old = m_series.take(id)) {
        m_points -= old->size();
        m_recent.removeOne(id);
    }
    m_series.insert(id, series);
    m_recent.append(id);
    m_points += series->size();
    // The newest stays even when it alone is over the budget.
    while (m_points > m_budget && m_recent.size() > 1) {
        const SeriesPtr evicted = m_series.take(m_recent.takeFirst());
        if (evicted)
            m_points -= evicted->size();
    }
}

void MetricCache::setBudget(qsizetype points)
{
    m_budget = points;
    while (m_points > m_budget && m_recent.size() > 1) {
        const SeriesPtr evicted = m_series.take(m_recent.takeFirst());
        if (evicted)
            m_points -= evicted->size();
    }
}

void MetricCache::forgetRun(const QString &runId)
{
    const QString prefix = runId + QLatin1Char('\n');
    for (auto it = m_recent.begin(); it != m_recent.end();) {
        if (it->startsWith(prefix)) {
            if (const SeriesPtr dropped = m_series.take(*it))
                m_points -= dropped->size();
            it = m_recent.erase(it);
        } else {
            ++it;
        }
    }
}

void MetricCache::clear()
{
    m_series.clear();
    m_recent.clear();
    m_points = 0;
}

} // namespace ModelDesk
