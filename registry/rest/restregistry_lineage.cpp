// The server registry: what a lineage graph reads besides versions and runs.
#include "registry/rest/restcalls_p.h"
#include "registry/whenfinished.h"

#include <QPromise>
#include <QRegularExpression>

#include <algorithm>

namespace ModelDesk {

using namespace RestCalls;

namespace {

// A value in MLflow's filter grammar, which has no escapes: quoted with whichever quote it
// does not contain.
std::optional<QString> quoted(const QString &value)
{
    if (!value.contains(QLatin1Char('\'')))
        return QLatin1Char('\'') + value + QLatin1Char('\'');
    if (!value.contains(QLatin1Char('"')))
        return QLatin1Char('"') + value + QLatin1Char('"');
    return std::nullopt;
}

} // namespace

QFuture<Result<Experiment>> RestRegistry::experiment(const QString &experimentId)
{
    return submit<Experiment>(
        this, m_client, false, QString(),
        [experimentId](RestClient &client, RestCall *call, auto finish) {
            fetch<Experiment>(
                client, call,
                get(QStringLiteral("experiments/get"),
                    {{QStringLiteral("experiment_id"), experimentId}},
                    tr("reading experiment %1").arg(experimentId)),
                [](const QJsonObject &object, RestJson::Reader &reader) {
                    if (!object.contains(QLatin1String("experiment")))
                        reader.fail(QStringLiteral("\"experiment\" is missing"));
                    return reader.experiment(reader.object(object, QStringLiteral("experiment")));
                },
                std::move(finish));
        });
}

QFuture<Result<LoggedModel>> RestRegistry::loggedModel(const QString &modelId)
{
    // The id is part of the path: anything but MLflow's m-<hex> form names no logged model.
    static const QRegularExpression idPattern(QStringLiteral("^m-[0-9a-f]{32}$"));
    if (!idPattern.match(modelId).hasMatch()) {
        QPromise<Result<LoggedModel>> promise;
        promise.start();
        promise.addResult(RegistryError(ErrorCode::ResourceDoesNotExist,
                                        tr("Logged model with ID '%1' not found.").arg(modelId)));
        promise.finish();
        return promise.future();
    }
    return submit<LoggedModel>(this, m_client, false, QString(),
                               [modelId](RestClient &client, RestCall *call, auto finish) {
                                   fetch<LoggedModel>(
                                       client, call,
                                       get(QStringLiteral("logged-models/") + modelId, {},
                                           tr("reading logged model %1").arg(modelId)),
                                       [](const QJsonObject &object, RestJson::Reader &reader) {
                                           if (!object.contains(QLatin1String("model")))
                                               reader.fail(QStringLiteral("\"model\" is missing"));
                                           return reader.loggedModel(
                                               reader.object(object, QStringLiteral("model")));
                                       },
                                       std::move(finish));
                               });
}

QFuture<Result<QList<Run>>> RestRegistry::searchRuns(const RunSearch &search)
{
    QStringList clauses;
    bool expressible = true;
    const auto add = [&](const QString &key, const QString &value) {
        if (const auto text = quoted(value))
            clauses << key + QStringLiteral(" = ") + *text;
        else
            expressible = false;
    };
    if (!search.parentRunId.isEmpty())
        add(QStringLiteral("tags.mlflow.parentRunId"), search.parentRunId);
    if (!search.datasetName.isEmpty()) {
        add(QStringLiteral("datasets.name"), search.datasetName);
        add(QStringLiteral("datasets.digest"), search.datasetDigest);
    }
    auto promise = std::make_shared<QPromise<Result<QList<Run>>>>();
    promise->start();
    QFuture<Result<QList<Run>>> future = promise->future();
    const auto answer = [promise](Result<QList<Run>> result) {
        promise->addResult(std::move(result));
        promise->finish();
    };
    if (!expressible) {
        answer(RegistryError(ErrorCode::InvalidParameterValue,
                             tr("A value with both kinds of quote cannot be searched for on an "
                                "MLflow server.")));
        return future;
    }
    const QString filter = clauses.join(QStringLiteral(" AND "));
    QPointer<RestRegistry> self(this);
    // At most RunSearchMaxExperiments experiments per runs/search, the searches side by side
    // and their runs merged newest first.
    const auto searchIn = [self, filter, search, answer](const QStringList &experiments) {
        if (!self || experiments.isEmpty()) {
            answer(QList<Run>());
            return;
        }
        struct Merge
        {
            int left = 0;
            bool failed = false;
            QList<Run> runs;
        };
        auto merge = std::make_shared<Merge>();
        for (qsizetype at = 0; at < experiments.size(); at += RunSearchMaxExperiments)
            ++merge->left;
        for (qsizetype at = 0; at < experiments.size(); at += RunSearchMaxExperiments) {
            whenFinished(self->searchRunsWhere(experiments.mid(at, RunSearchMaxExperiments), filter,
                                               search.maxResults),
                         self,
                         [merge, answer, max = search.maxResults](const Result<QList<Run>> &runs) {
                             if (merge->failed)
                                 return;
                             if (!runs) {
                                 merge->failed = true;
                                 answer(runs.error());
                                 return;
                             }
                             merge->runs += *runs;
                             if (--merge->left > 0)
                                 return;
                             std::stable_sort(merge->runs.begin(), merge->runs.end(),
                                              [](const Run &a, const Run &b) {
                                                  if (a.info.startTime != b.info.startTime)
                                                      return a.info.startTime > b.info.startTime;
                                                  return a.info.runId < b.info.runId;
                                              });
                             if (merge->runs.size() > max)
                                 merge->runs.resize(max);
                             answer(merge->runs);
                         });
        }
    };
    if (!search.experimentIds.isEmpty()) {
        searchIn(search.experimentIds);
        return future;
    }
    whenFinished(experimentIds(), this, [searchIn, answer](const Result<QStringList> &ids) {
        if (!ids)
            answer(ids.error());
        else
            searchIn(*ids);
    });
    return future;
}

} // namespace ModelDesk
