#include "tests/registry/storesearches.h"

#include "registry/pagetoken.h"
#include "registry/sql/sqlbackend.h"

#include <QRegularExpression>

#include <algorithm>

using namespace ModelDesk;

namespace TestSupport {

namespace {

enum class View { Active, Deleted, All };

Result<View> viewOf(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("ACTIVE_ONLY"))
        return View::Active;
    if (text == QLatin1String("DELETED_ONLY"))
        return View::Deleted;
    if (text == QLatin1String("ALL"))
        return View::All;
    return RegistryError(ErrorCode::InvalidParameterValue,
                         QStringLiteral("Invalid value \"%1\" for parameter 'view_type' "
                                        "supplied.")
                             .arg(text));
}

bool inView(View view, const QString &lifecycleStage)
{
    const bool deleted = lifecycleStage == QLatin1String("deleted");
    return view == View::All || (view == View::Deleted) == deleted;
}

// max_results from a query string or a JSON body; `fallback` when absent.
Result<qint64> maxResultsOf(const StoreParams &params, std::optional<qint64> fallback, qint64 limit)
{
    qint64 value = 0;
    bool ok = true;
    if (!params.has(QStringLiteral("max_results"))) {
        if (fallback)
            return *fallback;
    } else if (params.fromQuery()) {
        value = params.string(QStringLiteral("max_results")).toLongLong(&ok);
    } else {
        const QJsonValue sent = params.bodyValue(QStringLiteral("max_results"));
        ok = sent.isDouble();
        value = sent.toInteger();
    }
    if (!ok || value < 1 || value > limit) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             QStringLiteral("Invalid value for max_results. It must be a "
                                            "positive integer at most %1, but got %2")
                                 .arg(limit)
                                 .arg(value));
    }
    return value;
}

// One page of `items` from the request's page_token, with the token of the next.
template<typename T, typename Render>
Reply page(const StoreParams &params,
           const QList<T> &items,
           qint64 maxResults,
           const QString &key,
           Render render)
{
    const auto offset = PageToken::decode(params.string(QStringLiteral("page_token")));
    if (!offset)
        return failure(offset.error());
    MlflowJson::Value::Array array;
    const qint64 end = std::min<qint64>(items.size(), *offset + maxResults);
    for (qint64 i = *offset; i < end; ++i)
        array.append(render(items.at(i)));
    MlflowJson::Value::Object object;
    if (!array.isEmpty())
        object.append({key, array});
    if (end < items.size())
        object.append({QStringLiteral("next_page_token"), PageToken::encode(end)});
    return json(object);
}

// The run ids of `attributes.run_id IN ('a', 'b')`, or nothing for any other filter.
std::optional<QStringList> runIdsOf(const QString &filter)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*(?:attributes\\.)?run_id\\s+IN\\s*\\(([^)]*)\\)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(filter);
    if (!match.hasMatch())
        return std::nullopt;
    QStringList ids;
    static const QRegularExpression quoted(QStringLiteral("'([^']*)'|\"([^\"]*)\""));
    auto it = quoted.globalMatch(match.captured(1));
    while (it.hasNext()) {
        const auto id = it.next();
        ids.append(id.captured(1).isEmpty() ? id.captured(2) : id.captured(1));
    }
    ids.removeDuplicates();
    return ids;
}

// `tags.mlflow.parentRunId = 'x'`, `datasets.name = 'n' AND datasets.digest = 'd'` and their
// conjunctions as a RunSearch, or nothing for any other filter.
std::optional<RunSearch> runSearchOf(const QString &filter)
{
    static const QRegularExpression clause(
        QStringLiteral("\\G\\s*(tags\\.mlflow\\.parentRunId|datasets\\.name|datasets\\.digest)"
                       "\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*(AND\\b|$)"),
        QRegularExpression::CaseInsensitiveOption);
    RunSearch search;
    qsizetype at = 0;
    while (at < filter.size()) {
        const auto match = clause.match(filter, at);
        if (!match.hasMatch() || match.capturedLength() == 0)
            return std::nullopt;
        const QString key = match.captured(1);
        const QString value = match.captured(2).isEmpty() ? match.captured(3) : match.captured(2);
        if (key.compare(QLatin1String("datasets.name"), Qt::CaseInsensitive) == 0)
            search.datasetName = value;
        else if (key.compare(QLatin1String("datasets.digest"), Qt::CaseInsensitive) == 0)
            search.datasetDigest = value;
        else
            search.parentRunId = value;
        at = match.capturedEnd();
    }
    // The store matches a dataset by name and digest together.
    if (search.datasetName.isEmpty() != search.datasetDigest.isEmpty())
        return std::nullopt;
    if (search.parentRunId.isEmpty() && search.datasetName.isEmpty())
        return std::nullopt;
    return search;
}

} // namespace

Reply searchExperiments(SqlBackend &backend, const StoreParams &params)
{
    if (!params.string(QStringLiteral("filter")).isEmpty()
        || !params.strings(QStringLiteral("order_by")).isEmpty())
        return {};
    const auto maxResults = maxResultsOf(params, std::nullopt, 50'000);
    if (!maxResults)
        return failure(maxResults.error());
    const auto view = viewOf(params.string(QStringLiteral("view_type")));
    if (!view)
        return failure(view.error());
    auto experiments = backend.experiments();
    if (!experiments)
        return failure(experiments.error());
    QList<Experiment> shown;
    for (const Experiment &experiment : std::as_const(*experiments)) {
        if (inView(*view, experiment.lifecycleStage))
            shown.append(experiment);
    }
    std::stable_sort(shown.begin(), shown.end(), [](const Experiment &a, const Experiment &b) {
        if (a.creationTime != b.creationTime)
            return a.creationTime > b.creationTime;
        return a.experimentId.toLongLong() < b.experimentId.toLongLong();
    });
    return page(params, shown, *maxResults, QStringLiteral("experiments"),
                [](const Experiment &experiment) { return MlflowJson::experiment(experiment); });
}

Reply searchRuns(SqlBackend &backend, const StoreParams &params)
{
    const QString filter = params.string(QStringLiteral("filter"));
    const auto ids = runIdsOf(filter);
    auto search = ids ? std::nullopt : runSearchOf(filter);
    if ((!ids && !search) || !params.strings(QStringLiteral("order_by")).isEmpty())
        return {};
    const QStringList experimentIds = params.strings(QStringLiteral("experiment_ids"));
    if (experimentIds.isEmpty())
        return json({});
    const auto maxResults = maxResultsOf(params, 1000, 50'000);
    if (!maxResults)
        return failure(maxResults.error());
    const auto view = viewOf(params.string(QStringLiteral("run_view_type")));
    if (!view)
        return failure(view.error());
    QList<Run> runs;
    if (search) {
        search->experimentIds = experimentIds;
        search->maxResults = 50'000;
        auto found = backend.searchRuns(*search);
        if (!found)
            return failure(found.error());
        for (Run &run : *found) {
            if (inView(*view, run.info.lifecycleStage))
                runs.append(std::move(run));
        }
    }
    for (const QString &id : ids.value_or(QStringList())) {
        auto run = backend.run(id);
        if (!run) {
            if (run.error().code() == ErrorCode::ResourceDoesNotExist)
                continue;
            return failure(run.error());
        }
        if (experimentIds.contains(run->info.experimentId)
            && inView(*view, run->info.lifecycleStage))
            runs.append(*std::move(run));
    }
    std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) {
        if (a.info.startTime != b.info.startTime)
            return a.info.startTime > b.info.startTime;
        return a.info.runId < b.info.runId;
    });
    return page(params, runs, *maxResults, QStringLiteral("runs"),
                [](const Run &run) { return MlflowJson::run(run); });
}

} // namespace TestSupport
