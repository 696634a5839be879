// The server registry: runs read in bulk (runs/search by id), for a model's metric trend.
#include "registry/metrics/metricsummaries.h"
#include "registry/rest/restcalls_p.h"
#include "registry/whenfinished.h"

#include <QJsonArray>

namespace ModelDesk {

using namespace RestCalls;

namespace {

// MLflow caps an experiment search page at 50,000; 1,000 keeps each answer small.
constexpr int ExperimentPage = 1'000;

// MLflow's filter grammar has no escapes; run ids are lowercase hex, anything else cannot
// name a run and is left to runs/get.
bool searchableRunId(const QString &runId)
{
    if (runId.isEmpty())
        return false;
    for (const QChar c : runId) {
        if (!(c.isDigit() || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
              || c == QLatin1Char('-') || c == QLatin1Char('_')))
            return false;
    }
    return true;
}

struct BulkRead
{
    QPromise<Result<KnownRuns>> promise;
    std::function<QFuture<Result<QList<Run>>>(const QStringList &)> search;
    QPointer<QObject> context; // the registry
    QString key;
    QList<QStringList> batches;
    qsizetype next = 0;
    int inFlight = 0;
    bool finished = false;
    KnownRuns known;

    void end(Result<KnownRuns> result)
    {
        if (finished)
            return;
        finished = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

// Sends the next batches while there are free slots; the last answer ends the read.
void launchSearches(const std::shared_ptr<BulkRead> &state)
{
    while (!state->finished && state->context && state->inFlight < RestRegistry::RunSearchSlots
           && state->next < state->batches.size()) {
        if (state->promise.isCanceled()) {
            state->end(RegistryError(ErrorCode::Cancelled, tr("The request was cancelled.")));
            return;
        }
        ++state->inFlight;
        whenFinished(state->search(state->batches.at(state->next++)), state->context,
                     [state](const Result<QList<Run>> &runs) {
                         --state->inFlight;
                         if (!runs) {
                             state->end(runs.error());
                             return;
                         }
                         for (const Run &run : *runs) {
                             std::optional<Metric> latest;
                             for (const Metric &metric : run.metrics) {
                                 if (metric.key == state->key)
                                     latest = metric;
                             }
                             state->known.insert(run.info.runId, latest);
                         }
                         state->promise.setProgressValue(int(state->known.size()));
                         if (state->next == state->batches.size() && state->inFlight == 0)
                             state->end(state->known);
                         else
                             launchSearches(state);
                     });
    }
}

} // namespace

QFuture<Result<QStringList>> RestRegistry::experimentIds()
{
    const auto request = [](const QString &pageToken) {
        Params query {{QStringLiteral("max_results"), QString::number(ExperimentPage)},
                      {QStringLiteral("view_type"), QStringLiteral("ALL")}};
        if (!pageToken.isEmpty())
            query.append({QStringLiteral("page_token"), pageToken});
        return get(QStringLiteral("experiments/search"), query, tr("listing the experiments"));
    };
    const auto ids = [](const QJsonObject &object, RestJson::Reader &reader) {
        QList<QString> found;
        for (const QJsonObject &entry : reader.objects(object, QStringLiteral("experiments")))
            found.append(reader.string(entry, QStringLiteral("experiment_id")));
        return found;
    };
    return submit<QStringList>(
        this, m_client, false, QString(),
        [request, ids](RestClient &client, RestCall *call, auto finish) {
            fetchAllPages<QString>(client, call, request, ids, std::move(finish));
        });
}

QFuture<Result<QList<Run>>> RestRegistry::searchRunsById(const QStringList &experimentIds,
                                                         const QStringList &runIds)
{
    QStringList quoted;
    for (const QString &runId : runIds)
        quoted.append(QLatin1Char('\'') + runId + QLatin1Char('\''));
    return searchRunsWhere(
        experimentIds,
        QStringLiteral("attributes.run_id IN (%1)").arg(quoted.join(QStringLiteral(", "))),
        int(runIds.size()));
}

QFuture<Result<QList<Run>>> RestRegistry::searchRunsWhere(const QStringList &experimentIds,
                                                          const QString &filter, int maxResults)
{
    const QJsonObject body {
        {QStringLiteral("experiment_ids"), QJsonArray::fromStringList(experimentIds)},
        {QStringLiteral("filter"), filter},
        {QStringLiteral("run_view_type"), QStringLiteral("ALL")},
        {QStringLiteral("max_results"), maxResults},
    };
    const auto request = [body](const QString &pageToken) {
        QJsonObject page = body;
        if (!pageToken.isEmpty())
            page.insert(QStringLiteral("page_token"), pageToken);
        HttpRequest sent = withBody(Method::Post, QStringLiteral("runs/search"), page,
                                    tr("searching runs"));
        sent.readOnly = true;
        return sent;
    };
    const auto runs = [](const QJsonObject &object, RestJson::Reader &reader) {
        QList<Run> found;
        for (const QJsonObject &entry : reader.objects(object, QStringLiteral("runs")))
            found.append(reader.run(entry));
        return found;
    };
    return submit<QList<Run>>(
        this, m_client, false, QString(),
        [request, runs, maxResults](RestClient &client, RestCall *call, auto finish) {
            fetchAllPages<Run>(client, call, request, runs,
                               Finish<QList<Run>>([finish, maxResults](Result<QList<Run>> found) {
                                   if (found && found->size() > maxResults)
                                       found->resize(maxResults);
                                   finish(std::move(found));
                               }),
                               maxResults);
        });
}

QFuture<Result<QList<MetricSummary>>>
RestRegistry::metricSummaries(const QStringList &runIds, const QString &key, bool withRange)
{
    QPointer<RestRegistry> self(this);
    const auto prefetch = [self, key](const QStringList &distinct) {
        auto state = std::make_shared<BulkRead>();
        state->context = self.data();
        state->key = key;
        state->promise.start();
        QFuture<Result<KnownRuns>> future = state->promise.future();
        QStringList searchable;
        for (const QString &runId : distinct) {
            if (searchableRunId(runId))
                searchable.append(runId);
        }
        for (qsizetype at = 0; at < searchable.size(); at += RunSearchBatch)
            state->batches.append(searchable.mid(at, RunSearchBatch));
        if (!self || state->batches.isEmpty()) {
            state->end(KnownRuns());
            return future;
        }
        whenFinished(
            self->experimentIds(), self, [state, self](const Result<QStringList> &experiments) {
                if (!experiments) {
                    state->end(experiments.error());
                    return;
                }
                if (experiments->isEmpty() || experiments->size() > RunSearchMaxExperiments) {
                    state->end(KnownRuns());
                    return;
                }
                state->search = [self, ids = *experiments](const QStringList &batch) {
                    return self->searchRunsById(ids, batch);
                };
                launchSearches(state);
            });
        return future;
    };
    return collectMetricSummaries(this, runIds, key, withRange, prefetch);
}

} // namespace ModelDesk
