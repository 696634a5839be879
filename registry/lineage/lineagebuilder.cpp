#include "registry/lineage/lineagebuilder.h"

#include "registry/filter/filter.h"
#include "registry/whenfinished.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>
#include <QSet>

namespace ModelDesk::LineageBuilder {

namespace {

// What is read about a run, as the role it plays asks.
enum Part : unsigned {
    ExperimentPart = 1,
    CommitPart = 2,
    DatasetsPart = 4,
    ParentPart = 8,
    VersionsPart = 16,
};
constexpr unsigned SourceRun
    = ExperimentPart | CommitPart | DatasetsPart | ParentPart | VersionsPart;
constexpr unsigned ParentRun = ExperimentPart | CommitPart | ParentPart;
constexpr unsigned RelatedRun = ExperimentPart | CommitPart | DatasetsPart;

// Version ids per `run_id IN (...)` search.
constexpr int RunIdBatch = 100;

QString ms(qint64 value)
{
    return QString::number(value);
}

struct RunEntry
{
    bool reading = false;
    bool read = false;
    std::optional<Run> run; // unset once read: not found
    unsigned wanted = 0;
    unsigned done = 0;
};

struct Build
{
    QPromise<Result<LineageGraph>> promise;
    QPointer<Registry> registry;
    LineageGraph graph;
    int pending = 0;
    int roundsLeft = 0;
    bool finished = false;
    QHash<QString, RunEntry> runs;
    QSet<QString> experiments;
    QSet<QString> versions; // version ids read or being read
    QSet<QString> loggedModels; // ids read or being read
    QSet<QString> expanded; // node ids whose neighbours were asked for

    void end(Result<LineageGraph> result)
    {
        if (finished)
            return;
        finished = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

using State = std::shared_ptr<Build>;

void settle(const State &state);

// Runs `handle(result)` once `future` has its result, counting it as pending work; an error
// other than "does not exist" ends the build unless `handle` takes errors itself.
template<typename T, typename Handle>
void call(const State &state, QFuture<Result<T>> future, Handle handle)
{
    ++state->pending;
    whenFinished(future, state->registry, [state, handle](const Result<T> &result) mutable {
        if (state->finished)
            return;
        if (state->promise.isCanceled()) {
            state->end(
                RegistryError(ErrorCode::Cancelled, Registry::tr("The request was cancelled.")));
            return;
        }
        if (!result && result.error().code() != ErrorCode::ResourceDoesNotExist) {
            state->end(result.error());
            return;
        }
        handle(result);
        settle(state);
    });
}

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

void addAttribute(QList<LineageAttribute> &attributes, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        attributes.append({key, value});
}

QString addVersionNode(const State &state, const ModelVersion &version)
{
    LineageNode node;
    node.id = LineageId::version(version.name, version.version);
    node.label = QStringLiteral("%1 v%2").arg(version.name).arg(version.version);
    auto &a = node.attributes;
    addAttribute(a, QStringLiteral("name"), version.name);
    addAttribute(a, QStringLiteral("version"), QString::number(version.version));
    addAttribute(a, QStringLiteral("stage"), version.currentStage);
    addAttribute(a, QStringLiteral("status"), version.status);
    addAttribute(a, QStringLiteral("source"), version.source);
    addAttribute(a, QStringLiteral("run_id"), version.runId.value_or(QString()));
    addAttribute(a, QStringLiteral("user_id"), version.userId.value_or(QString()));
    addAttribute(a, QStringLiteral("creation_timestamp"), ms(version.creationTimestamp));
    addAttribute(a, QStringLiteral("last_updated_timestamp"), ms(version.lastUpdatedTimestamp));
    addAttribute(a, QStringLiteral("aliases"), version.aliases.join(QStringLiteral(", ")));
    addAttribute(a, QStringLiteral("description"),
                 firstLine(version.description.value_or(QString())));
    state->graph.addNode(node);
    const QString model = LineageId::model(version.name);
    state->graph.addNode(
        {model, QStringLiteral("model"), version.name, {{QStringLiteral("name"), version.name}}});
    state->graph.addEdge({model, node.id, QStringLiteral("version"), {}});
    return node.id;
}

LineageNode runNode(const Run &run)
{
    LineageNode node;
    node.id = LineageId::run(run.info.runId);
    node.label = run.info.runName.isEmpty() ? run.info.runId.left(8) : run.info.runName;
    auto &a = node.attributes;
    addAttribute(a, QStringLiteral("run_id"), run.info.runId);
    addAttribute(a, QStringLiteral("status"), run.info.status);
    addAttribute(a, QStringLiteral("user_id"), run.info.userId);
    addAttribute(a, QStringLiteral("start_time"), ms(run.info.startTime));
    if (run.info.endTime)
        addAttribute(a, QStringLiteral("end_time"), ms(*run.info.endTime));
    addAttribute(a, QStringLiteral("lifecycle_stage"), run.info.lifecycleStage);
    addAttribute(a, QStringLiteral("experiment_id"), run.info.experimentId);
    addAttribute(a, QStringLiteral("artifact_uri"), run.info.artifactUri);
    return node;
}

QString tagValue(const QList<Tag> &tags, const QString &key)
{
    for (const Tag &tag : tags) {
        if (tag.key == key)
            return tag.value;
    }
    return {};
}

void needRun(const State &state, const QString &runId, unsigned parts);
void needExperiment(const State &state, const QString &experimentId);
void addVersionsOfRuns(const State &state, const QStringList &runIds);

void addDataset(const State &state, const QString &runNodeId, const DatasetInput &input)
{
    const Dataset &dataset = input.dataset;
    LineageNode node;
    node.id = LineageId::dataset(dataset.name, dataset.digest);
    node.label = dataset.name;
    auto &a = node.attributes;
    addAttribute(a, QStringLiteral("name"), dataset.name);
    addAttribute(a, QStringLiteral("digest"), dataset.digest);
    addAttribute(a, QStringLiteral("source_type"), dataset.sourceType);
    addAttribute(a, QStringLiteral("source"), dataset.source);
    addAttribute(a, QStringLiteral("schema"), dataset.schema);
    addAttribute(a, QStringLiteral("profile"), dataset.profile);
    const QJsonObject profile = QJsonDocument::fromJson(dataset.profile.toUtf8()).object();
    if (profile.contains(QLatin1String("num_rows")))
        addAttribute(a, QStringLiteral("rows"),
                     QString::number(profile.value(QLatin1String("num_rows")).toInteger()));
    state->graph.addNode(node);
    LineageEdge edge {node.id, runNodeId, QStringLiteral("input"), {}};
    addAttribute(edge.attributes, QStringLiteral("context"),
                 tagValue(input.tags, QStringLiteral("mlflow.data.context")));
    state->graph.addEdge(edge);
}

// Adds what `parts` ask for that was not added yet, once the run has been read.
void processRun(const State &state, const QString &runId)
{
    RunEntry &entry = state->runs[runId];
    const unsigned todo = entry.wanted & ~entry.done;
    entry.done |= todo;
    const QString id = LineageId::run(runId);
    if (!entry.run) {
        state->graph.addNode({id,
                              QStringLiteral("run"),
                              QStringLiteral("missing run"),
                              {{QStringLiteral("run_id"), runId},
                               {QStringLiteral("missing"), QStringLiteral("true")}}});
        return;
    }
    const Run run = *entry.run; // copied: the hash may grow below
    state->graph.addNode(runNode(run));
    if (todo & ExperimentPart && !run.info.experimentId.isEmpty()) {
        needExperiment(state, run.info.experimentId);
        state->graph.addEdge(
            {LineageId::experiment(run.info.experimentId), id, QStringLiteral("experiment"), {}});
    }
    if (todo & CommitPart) {
        const QString sha = tagValue(run.tags, QStringLiteral("mlflow.source.git.commit"));
        if (!sha.isEmpty()) {
            LineageNode commit {LineageId::commit(sha), QStringLiteral("commit"), sha.left(10), {}};
            addAttribute(commit.attributes, QStringLiteral("sha"), sha);
            addAttribute(commit.attributes, QStringLiteral("source_name"),
                         tagValue(run.tags, QStringLiteral("mlflow.source.name")));
            addAttribute(commit.attributes, QStringLiteral("repository"),
                         tagValue(run.tags, QStringLiteral("mlflow.source.git.repoURL")));
            state->graph.addNode(commit);
            state->graph.addEdge({commit.id, id, QStringLiteral("commit"), {}});
        }
    }
    if (todo & DatasetsPart) {
        for (const DatasetInput &input : run.datasetInputs)
            addDataset(state, id, input);
    }
    if (todo & ParentPart) {
        const QString parent = run.parentRunId();
        if (!parent.isEmpty() && parent != runId) {
            state->graph.addEdge({LineageId::run(parent), id, QStringLiteral("parent"), {}});
            needRun(state, parent, ParentRun);
        }
    }
    if (todo & VersionsPart)
        addVersionsOfRuns(state, {runId});
}

void needRun(const State &state, const QString &runId, unsigned parts)
{
    RunEntry &entry = state->runs[runId];
    entry.wanted |= parts;
    if (entry.read) {
        processRun(state, runId);
        return;
    }
    if (entry.reading)
        return;
    entry.reading = true;
    call(state, state->registry->run(runId), [state, runId](const Result<Run> &run) {
        RunEntry &entry = state->runs[runId];
        entry.read = true;
        if (run)
            entry.run = *run;
        processRun(state, runId);
    });
}

// A run read by a search: known without another read.
void knowRun(const State &state, const Run &run, unsigned parts)
{
    RunEntry &entry = state->runs[run.info.runId];
    if (!entry.read) {
        entry.read = true;
        entry.run = run;
    }
    needRun(state, run.info.runId, parts);
}

void needExperiment(const State &state, const QString &experimentId)
{
    if (state->experiments.contains(experimentId))
        return;
    state->experiments.insert(experimentId);
    const QString id = LineageId::experiment(experimentId);
    state->graph.addNode({id,
                          QStringLiteral("experiment"),
                          experimentId,
                          {{QStringLiteral("experiment_id"), experimentId}}});
    call(state, state->registry->experiment(experimentId),
         [state, id, experimentId](const Result<Experiment> &experiment) {
             LineageGraph &graph = state->graph;
             if (!experiment) {
                 graph.addNode({id,
                                QStringLiteral("experiment"),
                                experimentId,
                                {{QStringLiteral("missing"), QStringLiteral("true")}}});
                 return;
             }
             LineageNode node {id, QStringLiteral("experiment"), experiment->name, {}};
             addAttribute(node.attributes, QStringLiteral("name"), experiment->name);
             addAttribute(node.attributes, QStringLiteral("lifecycle_stage"),
                          experiment->lifecycleStage);
             addAttribute(node.attributes, QStringLiteral("artifact_location"),
                          experiment->artifactLocation);
             graph.updateNode(node);
         });
}

void needVersion(const State &state, const QString &name, qint64 number);

// Where a version came from: its logged model, run and models:/NAME/N source.
void resolveSources(const State &state, const ModelVersion &version)
{
    const QString id = LineageId::version(version.name, version.version);
    const QString runId = version.runId.value_or(QString()).isEmpty()
        ? runIdOfSource(version.source)
        : *version.runId;
    static const QRegularExpression loggedPattern(QStringLiteral("^models:/(m-[0-9a-f]{32})$"));
    static const QRegularExpression versionPattern(QStringLiteral("^models:/(.+)/(\\d+)$"));
    if (const auto logged = loggedPattern.match(version.source); logged.hasMatch()) {
        const QString modelId = logged.captured(1);
        const QString modelNode = LineageId::loggedModel(modelId);
        state->graph.addEdge({modelNode, id, QStringLiteral("registered"), {}});
        // Known already: its run was linked when it was read (a version of the same logged
        // model registered from yet another run is not told apart).
        if (state->loggedModels.contains(modelId))
            return;
        state->loggedModels.insert(modelId);
        state->graph.addNode({modelNode,
                              QStringLiteral("logged_model"),
                              modelId,
                              {{QStringLiteral("model_id"), modelId}}});
        call(state, state->registry->loggedModel(modelId),
             [state, id, modelId, modelNode, runId](const Result<LoggedModel> &model) {
                 QString producer;
                 if (!model) {
                     state->graph.updateNode(
                         {modelNode,
                          QStringLiteral("logged_model"),
                          modelId,
                          {{QStringLiteral("missing"), QStringLiteral("true")}}});
                 } else {
                     LineageNode node {modelNode, QStringLiteral("logged_model"), model->name, {}};
                     auto &a = node.attributes;
                     addAttribute(a, QStringLiteral("name"), model->name);
                     addAttribute(a, QStringLiteral("status"), model->status);
                     addAttribute(a, QStringLiteral("experiment_id"), model->experimentId);
                     addAttribute(a, QStringLiteral("source_run_id"), model->sourceRunId);
                     addAttribute(a, QStringLiteral("artifact_uri"), model->artifactUri);
                     addAttribute(a, QStringLiteral("model_type"), model->modelType);
                     addAttribute(a, QStringLiteral("creation_timestamp"),
                                  ms(model->creationTimestamp));
                     state->graph.updateNode(node);
                     producer = model->sourceRunId;
                 }
                 if (!producer.isEmpty()) {
                     state->graph.addEdge(
                         {LineageId::run(producer), modelNode, QStringLiteral("logged"), {}});
                     needRun(state, producer, SourceRun);
                 }
                 // A version registered from another run than the one that logged the model.
                 if (!runId.isEmpty() && runId != producer) {
                     state->graph.addEdge(
                         {LineageId::run(runId), id, QStringLiteral("registered"), {}});
                     needRun(state, runId, SourceRun);
                 }
             });
    } else if (!runId.isEmpty()) {
        state->graph.addEdge({LineageId::run(runId), id, QStringLiteral("registered"), {}});
        needRun(state, runId, SourceRun);
    }
    if (const auto other = versionPattern.match(version.source); other.hasMatch()) {
        const QString name = other.captured(1);
        const qint64 number = other.captured(2).toLongLong();
        state->graph.addEdge({LineageId::version(name, number), id, QStringLiteral("source"), {}});
        needVersion(state, name, number);
    }
}

void needVersion(const State &state, const QString &name, qint64 number)
{
    const QString id = LineageId::version(name, number);
    if (state->versions.contains(id))
        return;
    state->versions.insert(id);
    call(state, state->registry->version(name, number),
         [state, id, name, number](const Result<ModelVersion> &version) {
             if (!version) {
                 state->graph.addNode({id,
                                       QStringLiteral("version"),
                                       QStringLiteral("%1 v%2").arg(name).arg(number),
                                       {{QStringLiteral("name"), name},
                                        {QStringLiteral("version"), QString::number(number)},
                                        {QStringLiteral("missing"), QStringLiteral("true")}}});
                 return;
             }
             addVersionNode(state, *version);
             resolveSources(state, *version);
         });
}

// The live versions registered from `runIds`, each with its model and a run → version edge.
void addVersionsOfRuns(const State &state, const QStringList &runIds)
{
    for (qsizetype at = 0; at < runIds.size(); at += RunIdBatch) {
        QStringList quoted;
        for (const QString &runId : runIds.mid(at, RunIdBatch))
            quoted << QLatin1Char('\'') + runId + QLatin1Char('\'');
        SearchRequest request;
        request.filter = quoted.size() == 1
            ? QStringLiteral("run_id = %1").arg(quoted.first())
            : QStringLiteral("run_id IN (%1)").arg(quoted.join(QStringLiteral(", ")));
        request.maxResults = MaxPerExpansion;
        call(
            state, state->registry->searchVersions(request),
            [state](const Result<Page<ModelVersion>> &page) {
                if (!page)
                    return;
                for (const ModelVersion &version : page->items) {
                    const QString id = addVersionNode(state, version);
                    // An MLflow 3 version comes from the run through its logged model.
                    if (version.source.startsWith(QLatin1String("models:/m-"))) {
                        state->versions.insert(id);
                        resolveSources(state, version);
                        continue;
                    }
                    if (version.runId && !version.runId->isEmpty())
                        state->graph.addEdge(
                            {LineageId::run(*version.runId), id, QStringLiteral("registered"), {}});
                }
            });
    }
}

void expandNode(const State &state, const QString &nodeId)
{
    if (state->expanded.contains(nodeId))
        return;
    state->expanded.insert(nodeId);
    const LineageNode *node = state->graph.node(nodeId);
    if (!node || node->isMissing())
        return;
    if (node->kind == QLatin1String("run")) {
        RunSearch search;
        search.parentRunId = node->id.section(QLatin1Char(':'), 1);
        search.maxResults = MaxPerExpansion;
        // MLflow starts a nested run in its parent's experiment: search only there.
        if (const auto experiment = node->attribute(QStringLiteral("experiment_id")))
            search.experimentIds = {*experiment};
        call(state, state->registry->searchRuns(search),
             [state, nodeId](const Result<QList<Run>> &children) {
                 if (!children)
                     return;
                 for (const Run &child : *children) {
                     state->graph.addEdge(
                         {nodeId, LineageId::run(child.info.runId), QStringLiteral("parent"), {}});
                     knowRun(state, child, RelatedRun);
                 }
             });
    } else if (node->kind == QLatin1String("dataset")) {
        RunSearch search;
        search.datasetName = node->attribute(QStringLiteral("name")).value_or(QString());
        search.datasetDigest = node->attribute(QStringLiteral("digest")).value_or(QString());
        search.maxResults = MaxPerExpansion;
        call(state, state->registry->searchRuns(search), [state](const Result<QList<Run>> &runs) {
            if (!runs)
                return;
            QStringList ids;
            for (const Run &run : *runs) {
                knowRun(state, run, RelatedRun);
                RunEntry &entry = state->runs[run.info.runId];
                if (!(entry.done & VersionsPart)) {
                    entry.done |= VersionsPart;
                    ids << run.info.runId;
                }
            }
            addVersionsOfRuns(state, ids);
        });
    } else if (node->kind == QLatin1String("version")) {
        const QString name = node->attribute(QStringLiteral("name")).value_or(QString());
        const QString number = node->attribute(QStringLiteral("version")).value_or(QString());
        const auto clause = Filter::equals(QStringLiteral("source_path"),
                                           QStringLiteral("models:/%1/%2").arg(name, number));
        if (!clause)
            return;
        SearchRequest request;
        request.filter = *clause;
        request.maxResults = MaxPerExpansion;
        call(state, state->registry->searchVersions(request),
             [state, nodeId](const Result<Page<ModelVersion>> &page) {
                 if (!page)
                     return;
                 for (const ModelVersion &version : page->items) {
                     const QString id = addVersionNode(state, version);
                     state->graph.addEdge({nodeId, id, QStringLiteral("source"), {}});
                 }
             });
    }
}

void settle(const State &state)
{
    if (--state->pending > 0 || state->finished)
        return;
    if (state->roundsLeft > 0) {
        --state->roundsLeft;
        QStringList frontier;
        for (const LineageNode &node : state->graph.nodes()) {
            if (!state->expanded.contains(node.id))
                frontier << node.id;
        }
        for (const QString &id : std::as_const(frontier))
            expandNode(state, id);
        if (state->pending > 0)
            return;
    }
    state->end(state->graph);
}

State start(Registry *registry, int rounds)
{
    auto state = std::make_shared<Build>();
    state->registry = registry;
    state->roundsLeft = rounds;
    state->promise.start();
    return state;
}

// Starts the first round with `begin` counted as pending work, so that answers arriving
// during it cannot end the build early.
template<typename Begin>
QFuture<Result<LineageGraph>> run(const State &state, Begin begin)
{
    QFuture<Result<LineageGraph>> future = state->promise.future();
    ++state->pending;
    begin();
    settle(state);
    return future;
}

} // namespace

QString runIdOfSource(const QString &source)
{
    static const QRegularExpression pattern(QStringLiteral("^runs:/([^/]+)(?:/|$)"));
    const auto match = pattern.match(source);
    return match.hasMatch() ? match.captured(1) : QString();
}

QFuture<Result<LineageGraph>>
build(Registry *registry, const QString &name, qint64 version, int depth)
{
    const State state = start(registry, std::max(0, depth));
    const QString root = LineageId::version(name, version);
    state->graph.setRoot(root);
    state->versions.insert(root);
    return run(state, [state, name, version, root] {
        call(state, state->registry->version(name, version),
             [state, root](const Result<ModelVersion> &found) {
                 if (!found) {
                     state->end(found.error());
                     return;
                 }
                 addVersionNode(state, *found);
                 resolveSources(state, *found);
             });
    });
}

QFuture<Result<LineageGraph>>
expand(Registry *registry, const LineageGraph &graph, const QString &nodeId)
{
    const State state = start(registry, 0);
    state->graph = graph;
    // What the graph shows is known: read nothing again for it.
    for (const LineageNode &node : graph.nodes()) {
        if (node.kind == QLatin1String("version"))
            state->versions.insert(node.id);
        else if (node.kind == QLatin1String("experiment"))
            state->experiments.insert(node.id.section(QLatin1Char(':'), 1));
        else if (node.kind == QLatin1String("logged_model"))
            state->loggedModels.insert(node.id.section(QLatin1Char(':'), 1));
    }
    return run(state, [state, nodeId] { expandNode(state, nodeId); });
}

QFuture<Result<LineageGraph>> buildModel(Registry *registry, const QString &name, int maxVersions)
{
    const State state = start(registry, 0);
    state->graph.setRoot(LineageId::model(name));
    return run(state, [state, name, maxVersions] {
        const auto clause = Filter::nameEquals(name);
        if (!clause) {
            state->end(clause.error());
            return;
        }
        SearchRequest request;
        request.filter = *clause;
        request.orderBy = {QStringLiteral("version_number DESC")};
        request.maxResults = maxVersions;
        call(state, state->registry->searchVersions(request),
             [state, name](const Result<Page<ModelVersion>> &page) {
                 if (!page) {
                     state->end(page.error());
                     return;
                 }
                 state->graph.addNode({LineageId::model(name),
                                       QStringLiteral("model"),
                                       name,
                                       {{QStringLiteral("name"), name}}});
                 for (const ModelVersion &version : page->items) {
                     const QString id = addVersionNode(state, version);
                     state->versions.insert(id);
                     resolveSources(state, version);
                 }
             });
    });
}

} // namespace ModelDesk::LineageBuilder
