#pragma once

#include "models/metrics/metricseries.h"
#include "registry/registry.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace ModelDesk {

using SeriesPtr = std::shared_ptr<const MetricSeries>;

// Full metric histories, read once per (run, metric) and kept for the registry's lifetime,
// least recently used first out beyond a budget of points. Reading streams the history and
// sorts it on a worker thread. Owned by whoever owns the registry; GUI thread.
class MetricCache : public QObject
{
    Q_OBJECT
public:
    // 8 million points: about 400 MB at most, a handful of very long histories.
    static constexpr qsizetype DefaultBudget = 8'000'000;

    explicit MetricCache(Registry *registry, QObject *parent = nullptr);
    ~MetricCache() override;

    // The history of `key` in run `runId` (started at `runStartTime`, the origin of
    // relative time). From the cache when it is there; cancelling the future stops a read
    // nobody else waits for.
    QFuture<Result<SeriesPtr>>
    series(const QString &runId, const QString &key, qint64 runStartTime);
    // The history if it is cached, else null.
    SeriesPtr cached(const QString &runId, const QString &key) const;

    qsizetype cachedPoints() const { return m_points; }
    void setBudget(qsizetype points);
    // Drops the histories of one run, read again when next asked for.
    void forgetRun(const QString &runId);
    void clear();

private:
    void insert(const SeriesPtr &series);

    QPointer<Registry> m_registry;
    QHash<QString, SeriesPtr> m_series; // by runId + '\n' + key
    QList<QString> m_recent; // least recently used first
    qsizetype m_points = 0;
    qsizetype m_budget = DefaultBudget;
};

} // namespace ModelDesk
