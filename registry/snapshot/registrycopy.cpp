#include "registry/snapshot/registrycopy.h"

#include "registry/snapshot/artifactcollector.h"
#include "registry/snapshot/snapshotrows.h"
#include "registry/version.h"
#include "registry/whenfinished.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace ModelDesk {

namespace {

// The MLflow 3 logged model a version registers (its source models:/m-<32 hex digits>).
std::optional<QString> loggedModelOf(const QString &source)
{
    static const QRegularExpression pattern(QStringLiteral("^models:/(m-[0-9a-f]{32})$"));
    const auto match = pattern.match(source);
    return match.hasMatch() ? std::optional<QString>(match.captured(1)) : std::nullopt;
}

// Calls in flight at once: enough to hide a server's latency, few enough not to crowd it.
constexpr int Window = 8;
// MLflow's largest pages (rest.md): registered models 1,000; versions 200,000, of which the
// Python client asks 10,000.
constexpr int ModelPage = 1000;
constexpr int VersionPage = 10000;

// MLflow's searches hide prompts unless the filter asks for them (rest.md §4.5).
const QString PromptFilter = QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'");
const QString ParentRunTag = QStringLiteral("mlflow.parentRunId");

} // namespace

RegistryCopy::RegistryCopy(Registry *source,
                           const QString &path,
                           const SnapshotOptions &options,
                           Report report,
                           Finished finished,
                           QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_options(options)
    , m_report(std::move(report))
    , m_finished(std::move(finished))
    , m_writer(std::make_unique<SnapshotWriter>(path))
{
    m_progress.steps = options.artifacts ? 7 : 6;
}

RegistryCopy::~RegistryCopy()
{
    // The writer first: it may still be reading the artifacts in m_artifactFolder.
    m_writer.reset();
}

void RegistryCopy::start()
{
    step(tr("Copying models"));
    searchModels({}, {}, [this] {
        searchModels(PromptFilter, {}, [this] {
            step(tr("Copying versions"));
            searchVersions({}, {}, [this] {
                searchVersions(PromptFilter, {}, [this] { copyLoggedModels(); });
            });
        });
    });
}

void RegistryCopy::cancel()
{
    if (m_done)
        return;
    if (m_finishing) {
        // The writer is committing: it reports what became of the file.
        m_writer->cancel();
        return;
    }
    m_pending.cancelAll();
    m_queue.clear();
    m_writer->cancel();
    fail(RegistryError(ErrorCode::Cancelled, tr("The snapshot was cancelled.")));
}

void RegistryCopy::searchModels(const QString &filter,
                                const QString &token,
                                std::function<void()> next)
{
    if (m_done)
        return;
    if (!m_source)
        return fail(RegistryError(ErrorCode::InvalidState, tr("The registry was closed.")));
    SearchRequest request;
    request.filter = filter;
    request.maxResults = ModelPage;
    request.pageToken = token;
    whenFinished(m_pending.track(m_source->searchModels(request)), this,
                 [this, filter, next](Result<Page<RegisteredModel>> page) {
                     if (!page)
                         return fail(page.error());
                     // A prompt found by both searches is written once.
                     QList<RegisteredModel> models;
                     for (const RegisteredModel &model : std::as_const(page->items)) {
                         if (!m_modelNames.contains(model.name)) {
                             m_modelNames.insert(model.name);
                             models.append(model);
                         }
                     }
                     m_written += models.size();
                     m_writer->post(
                         [models](QSqlDatabase &db) { return SnapshotRows::models(db, models); });
                     report();
                     if (page->nextPageToken.isEmpty())
                         next();
                     else
                         searchModels(filter, page->nextPageToken, next);
                 });
}

void RegistryCopy::searchVersions(const QString &filter,
                                  const QString &token,
                                  std::function<void()> next)
{
    if (m_done)
        return;
    if (!m_source)
        return fail(RegistryError(ErrorCode::InvalidState, tr("The registry was closed.")));
    SearchRequest request;
    request.filter = filter;
    request.maxResults = VersionPage;
    request.pageToken = token;
    whenFinished(m_pending.track(m_source->searchVersions(request)), this,
                 [this, filter, next](Result<Page<ModelVersion>> page) {
                     if (!page)
                         return fail(page.error());
                     QList<ModelVersion> versions;
                     for (const ModelVersion &version : std::as_const(page->items)) {
                         QSet<qint64> &numbers = m_numbers[version.name];
                         if (numbers.contains(version.version))
                             continue; // a prompt version found by both searches
                         numbers.insert(version.version);
                         versions.append(version);
                         if (version.runId && !version.runId->isEmpty()
                             && !m_runIds.contains(*version.runId)) {
                             m_runIds.insert(*version.runId);
                             m_runOrder.append(*version.runId);
                         }
                         if (const auto model = loggedModelOf(version.source))
                             m_loggedModelIds.insert(*model);
                     }
                     m_written += versions.size();
                     m_writer->post([versions](QSqlDatabase &db) {
                         return SnapshotRows::versions(db, versions);
                     });
                     report();
                     if (page->nextPageToken.isEmpty())
                         next();
                     else
                         searchVersions(filter, page->nextPageToken, next);
                 });
}

void RegistryCopy::drain(std::function<void()> next)
{
    m_afterDrain = std::move(next);
    if (!m_source && !m_done)
        return fail(RegistryError(ErrorCode::InvalidState, tr("The registry was closed.")));
    while (!m_done && m_inFlight < Window && !m_queue.empty()) {
        Call call = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_inFlight;
        call([this] {
            --m_inFlight;
            report();
            drain(m_afterDrain);
        });
    }
    if (!m_done && m_inFlight == 0 && m_queue.empty() && m_afterDrain)
        std::exchange(m_afterDrain, {})();
}

void RegistryCopy::copyLoggedModels()
{
    step(tr("Copying logged models"));
    const bool served = m_source && m_source->capabilities().loggedModels;
    for (const QString &id : std::as_const(m_loggedModelIds)) {
        if (!served)
            break;
        m_queue.push_back([this, id](std::function<void()> answered) {
            whenFinished(m_pending.track(m_source->loggedModel(id)), this,
                         [this, answered](Result<LoggedModel> model) {
                             // A logged model the server no longer has is left out.
                             if (!model && model.error().code() != ErrorCode::ResourceDoesNotExist)
                                 return fail(model.error());
                             if (model) {
                                 ++m_written;
                                 if (!model->sourceRunId.isEmpty()
                                     && !m_runIds.contains(model->sourceRunId)) {
                                     m_runIds.insert(model->sourceRunId);
                                     m_runOrder.append(model->sourceRunId);
                                 }
                                 m_experimentIds.insert(model->experimentId);
                                 m_writer->post([model = *model](QSqlDatabase &db) {
                                     return SnapshotRows::loggedModel(db, model);
                                 });
                             }
                             answered();
                         });
        });
    }
    drain([this] { copyRuns(); });
}

void RegistryCopy::copyRuns()
{
    step(tr("Copying runs"));
    const bool served = m_source && m_source->capabilities().runs;
    const auto enqueue = [this](const QString &runId, auto &self) -> void {
        m_queue.push_back([this, runId, self](std::function<void()> answered) {
            whenFinished(m_pending.track(m_source->run(runId)), this,
                         [this, answered, self](Result<Run> run) {
                             if (!run && run.error().code() != ErrorCode::ResourceDoesNotExist)
                                 return fail(run.error());
                             if (run) {
                                 ++m_written;
                                 m_experimentIds.insert(run->info.experimentId);
                                 for (const Metric &metric : std::as_const(run->metrics))
                                     m_metricKeys.append({run->info.runId, metric.key});
                                 // The parent run (a sweep, a pipeline), for the lineage graph.
                                 for (const Tag &tag : std::as_const(run->tags)) {
                                     if (tag.key == ParentRunTag && !tag.value.isEmpty()
                                         && !m_runIds.contains(tag.value)) {
                                         m_runIds.insert(tag.value);
                                         self(tag.value, self);
                                     }
                                 }
                                 m_writer->post([run = *run](QSqlDatabase &db) {
                                     return SnapshotRows::run(db, run);
                                 });
                             }
                             answered();
                         });
        });
    };
    if (served) {
        for (const QString &runId : std::as_const(m_runOrder))
            enqueue(runId, enqueue);
    }
    drain([this] { copyExperiments(); });
}

void RegistryCopy::copyExperiments()
{
    step(tr("Copying experiments"));
    if (!m_source)
        return fail(RegistryError(ErrorCode::InvalidState, tr("The registry was closed.")));
    // Every experiment, deleted ones too, where the registry lists them; otherwise those of
    // the runs and logged models copied.
    whenFinished(m_pending.track(m_source->experimentIds()), this, [this](Result<QStringList> ids) {
        if (!ids && ids.error().code() != ErrorCode::NotImplemented
            && ids.error().code() != ErrorCode::EndpointNotFound)
            return fail(ids.error());
        if (ids) {
            for (const QString &id : std::as_const(*ids))
                m_experimentIds.insert(id);
        }
        copyEachExperiment();
    });
}

void RegistryCopy::copyEachExperiment()
{
    QStringList ids(m_experimentIds.begin(), m_experimentIds.end());
    std::sort(ids.begin(), ids.end(),
              [](const QString &a, const QString &b) { return a.toLongLong() < b.toLongLong(); });
    for (const QString &id : std::as_const(ids)) {
        if (id.isEmpty())
            continue;
        m_queue.push_back([this, id](std::function<void()> answered) {
            whenFinished(m_pending.track(m_source->experiment(id)), this,
                         [this, answered](Result<Experiment> experiment) {
                             if (!experiment
                                 && experiment.error().code() != ErrorCode::ResourceDoesNotExist)
                                 return fail(experiment.error());
                             if (experiment) {
                                 ++m_written;
                                 m_writer->post([experiment = *experiment](QSqlDatabase &db) {
                                     return SnapshotRows::experiment(db, experiment);
                                 });
                             }
                             answered();
                         });
        });
    }
    drain([this] { copyMetrics(); });
}

void RegistryCopy::copyMetrics()
{
    step(tr("Copying metric histories"));
    for (const auto &entry : std::as_const(m_metricKeys)) {
        const QString runId = entry.first;
        const QString key = entry.second;
        m_queue.push_back([this, runId, key](std::function<void()> answered) {
            whenFinished(m_pending.track(m_source->metricHistory(runId, key)), this,
                         [this, answered, runId](Result<QList<Metric>> points) {
                             if (!points)
                                 return fail(points.error());
                             m_written += points->size();
                             m_writer->post([runId, points = *points](QSqlDatabase &db) {
                                 return SnapshotRows::metricHistory(db, runId, points);
                             });
                             answered();
                         });
        });
    }
    drain([this] { copyArtifacts(); });
}

void RegistryCopy::copyArtifacts()
{
    if (!m_options.artifacts || !m_source) {
        writeDeletedNumbers();
        return complete();
    }
    step(tr("Copying artifacts"));
    m_artifactFolder = std::make_unique<QTemporaryDir>();
    if (!m_artifactFolder->isValid()) {
        return fail(RegistryError(
            ErrorCode::InternalError,
            tr("No temporary folder for the artifacts: %1").arg(m_artifactFolder->errorString())));
    }
    m_collector = new ArtifactCollector(
        m_source, m_runOrder, m_options.maxArtifactBytes, m_artifactFolder->path(),
        [this](QList<CollectedArtifact> files) {
            m_written += files.size();
            m_writer->post(
                [files](QSqlDatabase &db) { return SnapshotRows::artifacts(db, files); });
            writeDeletedNumbers();
            complete();
        },
        this);
    m_collector->start();
}

void RegistryCopy::writeDeletedNumbers()
{
    // A server shows no deleted versions; the numbers a model's versions skip were taken by
    // them, and stay taken in the snapshot. (One deleted after the highest is not seen.)
    for (auto it = m_numbers.cbegin(); it != m_numbers.cend(); ++it) {
        const qint64 highest = *std::max_element(it->cbegin(), it->cend());
        QList<qint64> missing;
        for (qint64 number = 1; number < highest; ++number) {
            if (!it->contains(number))
                missing.append(number);
        }
        if (!missing.isEmpty()) {
            m_writer->post([name = it.key(), missing](QSqlDatabase &db) {
                return SnapshotRows::deletedVersions(db, name, missing);
            });
        }
    }
}

void RegistryCopy::complete()
{
    if (m_done)
        return;
    if (!m_source)
        return fail(RegistryError(ErrorCode::InvalidState, tr("The registry was closed.")));
    m_finishing = true;
    SnapshotInfo info;
    info.source = m_source->location();
    info.taken = QDateTime::currentMSecsSinceEpoch();
    info.takenBy = m_options.takenBy.isEmpty() ? m_source->actingUser() : m_options.takenBy;
    info.modeldeskVersion = modeldeskVersion();
    m_writer->finish(info, this, [this](Result<SnapshotInfo> result) {
        if (m_done)
            return;
        m_done = true;
        m_finished(std::move(result));
    });
}

void RegistryCopy::fail(const RegistryError &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_collector)
        m_collector->cancel();
    m_pending.cancelAll();
    m_queue.clear();
    m_writer->cancel();
    m_finished(error);
}

void RegistryCopy::step(const QString &name)
{
    ++m_progress.stepIndex;
    m_progress.step = name;
    report();
}

void RegistryCopy::report()
{
    m_progress.items = m_written;
    m_progress.bytes = m_writer->bytes();
    if (m_report && !m_done)
        m_report(m_progress);
}

} // namespace ModelDesk
