#include "registry/sql/sqlregistry.h"

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QPointer>
#include <QPromise>
#include <QSaveFile>
#include <QUrl>

#include <atomic>

namespace ModelDesk {

// What only the worker thread touches.
struct SqlRegistry::Worker
{
    std::unique_ptr<SqlBackend> backend;
    std::optional<RegistryError> openError;
    // Set by the destructor so that calls still queued end at once instead of running.
    std::atomic<bool> closing{false};
};

SqlRegistry::SqlRegistry(const QString &path, SqlBackend::OpenMode mode, QObject *parent,
                         const QString &workspace)
    : Registry(parent)
    , m_path(path)
    , m_mode(mode)
    , m_workspace(workspace)
    , m_context(new QObject)
    , m_worker(std::make_shared<Worker>())
{
    m_thread.setObjectName(QStringLiteral("SqlRegistry"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

SqlRegistry::~SqlRegistry()
{
    // Calls still queued are dropped (their futures are cancelled); the connection must be
    // closed on the thread that opened it.
    m_worker->closing = true;
    QMetaObject::invokeMethod(
        m_context, [worker = m_worker] { worker->backend.reset(); },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

template<typename T, typename Function>
QFuture<Result<T>> SqlRegistry::submit(Function function)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        m_context,
        [worker = m_worker, promise, function = std::move(function)]() mutable {
            if (promise->isCanceled() || worker->closing) {
                promise->future().cancel();
                promise->finish();
                return;
            }
            if (!worker->backend) {
                promise->addResult(Result<T>(worker->openError.value_or(RegistryError(
                    ErrorCode::InvalidState,
                    QCoreApplication::translate("ModelDesk::SqlRegistry",
                                                "The registry is not open.")))));
            } else {
                promise->addResult(function(*worker->backend));
            }
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

template<typename T, typename Function>
QFuture<Result<T>> SqlRegistry::submitWrite(const QString &modelName, Function function)
{
    QPointer<SqlRegistry> self(this);
    // The audit records who acted when the call was made, not what the environment says
    // when the worker gets to it.
    const QString user = actingUser();
    return submit<T>([self, modelName, user, function = std::move(function)](SqlBackend &backend) {
        backend.setUserName(user);
        Result<T> result = function(backend);
        if (result.ok() && self) {
            QMetaObject::invokeMethod(
                self.data(), [self, modelName] {
                    if (self)
                        emit self->modelChanged(modelName);
                },
                Qt::QueuedConnection);
        }
        return result;
    });
}

QFuture<Result<Capabilities>> SqlRegistry::open()
{
    auto promise = std::make_shared<QPromise<Result<Capabilities>>>();
    QFuture<Result<Capabilities>> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        m_context,
        [this, worker = m_worker, promise, path = m_path, mode = m_mode,
         workspace = m_workspace] {
            worker->backend.reset();
            auto backend = SqlBackend::open(path, mode, workspace);
            if (!backend) {
                worker->openError = backend.error();
                promise->addResult(Result<Capabilities>(backend.error()));
            } else {
                worker->openError.reset();
                worker->backend = std::move(backend).value();
                const Capabilities caps = worker->backend->capabilities();
                {
                    // The destructor waits for this thread, so `this` outlives the call.
                    QMutexLocker locker(&m_capabilitiesMutex);
                    m_capabilities = caps;
                }
                promise->addResult(Result<Capabilities>(caps));
            }
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

Capabilities SqlRegistry::capabilities() const
{
    QMutexLocker locker(&m_capabilitiesMutex);
    return m_capabilities;
}

QFuture<Result<Page<RegisteredModel>>> SqlRegistry::searchModels(const SearchRequest &request)
{
    return submit<Page<RegisteredModel>>(
        [request](SqlBackend &backend) { return backend.searchModels(request); });
}

QFuture<Result<Page<ModelVersion>>> SqlRegistry::searchVersions(const SearchRequest &request)
{
    return submit<Page<ModelVersion>>(
        [request](SqlBackend &backend) { return backend.searchVersions(request); });
}

QFuture<Result<Page<ModelVersion>>> SqlRegistry::streamVersions(const SearchRequest &request,
                                                                PartSink<ModelVersion> sink)
{
    return submit<Page<ModelVersion>>([request, sink = std::move(sink)](SqlBackend &backend) {
        return backend.searchVersions(request, sink);
    });
}

QFuture<Result<RegisteredModel>> SqlRegistry::model(const QString &name)
{
    return submit<RegisteredModel>([name](SqlBackend &backend) { return backend.model(name); });
}

QFuture<Result<ModelVersion>> SqlRegistry::version(const QString &name, qint64 version)
{
    return submit<ModelVersion>(
        [name, version](SqlBackend &backend) { return backend.version(name, version); });
}

QFuture<Result<ModelVersion>> SqlRegistry::versionByAlias(const QString &name,
                                                          const QString &alias)
{
    return submit<ModelVersion>(
        [name, alias](SqlBackend &backend) { return backend.versionByAlias(name, alias); });
}

QFuture<Result<QList<ModelVersion>>> SqlRegistry::latestVersions(const QString &name,
                                                                 const QStringList &stages)
{
    return submit<QList<ModelVersion>>(
        [name, stages](SqlBackend &backend) { return backend.latestVersions(name, stages); });
}

QFuture<Result<QString>> SqlRegistry::downloadUri(const QString &name, qint64 version)
{
    return submit<QString>(
        [name, version](SqlBackend &backend) { return backend.downloadUri(name, version); });
}

QFuture<Result<RegisteredModel>> SqlRegistry::createModel(const QString &name,
                                                          const QString &description,
                                                          const QList<Tag> &tags)
{
    return submitWrite<RegisteredModel>(name, [name, description, tags](SqlBackend &backend) {
        return backend.createModel(name, description, tags);
    });
}

QFuture<Result<RegisteredModel>> SqlRegistry::renameModel(const QString &name,
                                                          const QString &newName)
{
    return submitWrite<RegisteredModel>(name, [name, newName](SqlBackend &backend) {
        return backend.renameModel(name, newName);
    });
}

QFuture<Result<Done>> SqlRegistry::deleteModel(const QString &name)
{
    return submitWrite<Done>(name,
                             [name](SqlBackend &backend) { return backend.deleteModel(name); });
}

QFuture<Result<RegisteredModel>> SqlRegistry::updateModelDescription(const QString &name,
                                                                     const QString &description,
                                                                     ExpectedTimestamp expected)
{
    return submitWrite<RegisteredModel>(name, [=](SqlBackend &backend) {
        return backend.updateModelDescription(name, description, expected);
    });
}

QFuture<Result<Done>> SqlRegistry::setModelTag(const QString &name, const QString &key,
                                               const QString &value)
{
    return submitWrite<Done>(name, [=](SqlBackend &backend) {
        return backend.setModelTag(name, key, value);
    });
}

QFuture<Result<Done>> SqlRegistry::deleteModelTag(const QString &name, const QString &key)
{
    return submitWrite<Done>(name,
                             [=](SqlBackend &backend) { return backend.deleteModelTag(name, key); });
}

QFuture<Result<Done>> SqlRegistry::setAlias(const QString &name, const QString &alias,
                                            qint64 version)
{
    return submitWrite<Done>(name, [=](SqlBackend &backend) {
        return backend.setAlias(name, alias, version);
    });
}

QFuture<Result<Done>> SqlRegistry::deleteAlias(const QString &name, const QString &alias)
{
    return submitWrite<Done>(name,
                             [=](SqlBackend &backend) { return backend.deleteAlias(name, alias); });
}

QFuture<Result<ModelVersion>> SqlRegistry::createVersion(const CreateVersionRequest &request)
{
    return submitWrite<ModelVersion>(request.name, [request](SqlBackend &backend) {
        return backend.createVersion(request);
    });
}

QFuture<Result<Done>> SqlRegistry::deleteVersion(const QString &name, qint64 version)
{
    return submitWrite<Done>(name, [=](SqlBackend &backend) {
        return backend.deleteVersion(name, version);
    });
}

QFuture<Result<ModelVersion>> SqlRegistry::updateVersionDescription(
    const QString &name, qint64 version, const std::optional<QString> &description,
    ExpectedTimestamp expected)
{
    return submitWrite<ModelVersion>(name, [=](SqlBackend &backend) {
        return backend.updateVersionDescription(name, version, description, expected);
    });
}

QFuture<Result<Done>> SqlRegistry::setVersionTag(const QString &name, qint64 version,
                                                 const QString &key, const QString &value)
{
    return submitWrite<Done>(name, [=](SqlBackend &backend) {
        return backend.setVersionTag(name, version, key, value);
    });
}

QFuture<Result<Done>> SqlRegistry::deleteVersionTag(const QString &name, qint64 version,
                                                    const QString &key)
{
    return submitWrite<Done>(name, [=](SqlBackend &backend) {
        return backend.deleteVersionTag(name, version, key);
    });
}

QFuture<Result<ModelVersion>> SqlRegistry::transitionStage(const QString &name, qint64 version,
                                                           const QString &stage,
                                                           ArchiveExisting archive)
{
    return submitWrite<ModelVersion>(name, [=](SqlBackend &backend) {
        return backend.transitionStage(name, version, stage, archive);
    });
}

QFuture<Result<ModelVersion>> SqlRegistry::applyGoverned(const QString &name, qint64 version,
                                                         GovernedPlanner planner)
{
    return submitWrite<ModelVersion>(name, [name, version, planner](SqlBackend &backend) {
        return backend.applyGoverned(name, version, planner);
    });
}

QFuture<Result<QList<AuditRecord>>> SqlRegistry::auditLog(const QString &name)
{
    return submit<QList<AuditRecord>>([name](SqlBackend &backend) { return backend.auditLog(name); });
}

QFuture<Result<Run>> SqlRegistry::run(const QString &runId)
{
    return submit<Run>([runId](SqlBackend &backend) { return backend.run(runId); });
}

QFuture<Result<QStringList>> SqlRegistry::experimentIds()
{
    return submit<QStringList>([](SqlBackend &backend) -> Result<QStringList> {
        auto experiments = backend.experiments();
        if (!experiments)
            return experiments.error();
        QStringList ids;
        for (const Experiment &experiment : std::as_const(*experiments))
            ids << experiment.experimentId;
        return ids;
    });
}

QFuture<Result<Experiment>> SqlRegistry::experiment(const QString &experimentId)
{
    return submit<Experiment>(
        [experimentId](SqlBackend &backend) { return backend.experiment(experimentId); });
}

QFuture<Result<QList<Run>>> SqlRegistry::searchRuns(const RunSearch &search)
{
    return submit<QList<Run>>([search](SqlBackend &backend) { return backend.searchRuns(search); });
}

QFuture<Result<LoggedModel>> SqlRegistry::loggedModel(const QString &modelId)
{
    return submit<LoggedModel>(
        [modelId](SqlBackend &backend) { return backend.loggedModelInfo(modelId); });
}

QFuture<Result<QList<Metric>>> SqlRegistry::metricHistory(const QString &runId,
                                                          const QString &key)
{
    return submit<QList<Metric>>(
        [runId, key](SqlBackend &backend) { return backend.metricHistory(runId, key); });
}

QFuture<Result<QList<MetricSummary>>> SqlRegistry::metricSummaries(const QStringList &runIds,
                                                                   const QString &key,
                                                                   bool withRange)
{
    return submit<QList<MetricSummary>>([runIds, key, withRange](SqlBackend &backend) {
        return backend.metricSummaries(runIds, key, withRange);
    });
}

QFuture<Result<QList<Metric>>> SqlRegistry::streamMetricHistory(const QString &runId,
                                                                const QString &key,
                                                                PartSink<Metric> sink)
{
    return submit<QList<Metric>>([runId, key, sink = std::move(sink)](SqlBackend &backend) {
        return backend.metricHistory(runId, key, sink);
    });
}

namespace {

QString trArtifacts(const char *text)
{
    return QCoreApplication::translate("ModelDesk::SqlRegistry", text);
}

// The local directory of a run's artifact root and the file or directory `path` names in it.
Result<QString> localArtifactPath(SqlBackend &backend, const QString &runId, const QString &path,
                                  QString *rootUri = nullptr)
{
    auto run = backend.run(runId);
    if (!run)
        return run.error();
    const QString uri = run->info.artifactUri;
    if (rootUri)
        *rootUri = uri;
    QString root;
    if (uri.startsWith(QLatin1String("file:"), Qt::CaseInsensitive))
        root = QUrl(uri).toLocalFile();
    else if (QDir::isAbsolutePath(uri) && !uri.contains(QLatin1String("://")))
        root = uri;
    if (root.isEmpty()) {
        return RegistryError(ErrorCode::NotImplemented,
                             trArtifacts("The artifacts of run %1 are stored at %2, which only "
                                         "its tracking server can read; connect to the server "
                                         "to browse them.")
                                 .arg(runId, uri));
    }
    const QString relative = QDir::cleanPath(path);
    if (QDir::isAbsolutePath(path) || relative == QLatin1String("..")
        || relative.startsWith(QLatin1String("../"))) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             trArtifacts("Invalid artifact path: '%1'.").arg(path));
    }
    return path.isEmpty() || relative == QLatin1String(".") ? root
                                                            : QDir(root).filePath(relative);
}

} // namespace

QFuture<Result<ArtifactListing>> SqlRegistry::listArtifacts(const QString &runId,
                                                            const QString &path)
{
    return submit<ArtifactListing>([runId, path](SqlBackend &backend) -> Result<ArtifactListing> {
        // A snapshot that kept the run's small artifacts shows those.
        auto kept = backend.snapshotArtifacts(runId, path);
        if (!kept)
            return kept.error();
        if (*kept)
            return **kept;
        ArtifactListing listing;
        auto directory = localArtifactPath(backend, runId, path, &listing.rootUri);
        if (!directory)
            return directory.error();
        // As MLflow's local artifact repository: a missing directory lists as empty.
        const QFileInfoList entries = QDir(*directory).entryInfoList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        const QString prefix = QDir::cleanPath(path);
        for (const QFileInfo &entry : entries) {
            ArtifactFile file;
            file.path = path.isEmpty() || prefix == QLatin1String(".")
                            ? entry.fileName()
                            : prefix + QLatin1Char('/') + entry.fileName();
            file.isDir = entry.isDir();
            if (!file.isDir)
                file.fileSize = entry.size();
            listing.files.append(file);
        }
        return listing;
    });
}

QFuture<Result<Done>> SqlRegistry::downloadArtifact(const QString &runId, const QString &path,
                                                    const QString &destination)
{
    return submit<Done>([runId, path, destination](SqlBackend &backend) -> Result<Done> {
        auto kept = backend.snapshotArtifact(runId, path);
        if (!kept)
            return kept.error();
        if (*kept) {
            QSaveFile out(destination);
            if (!out.open(QIODevice::WriteOnly) || out.write(**kept) < 0 || !out.commit()) {
                return RegistryError(ErrorCode::InternalError,
                                     trArtifacts("Could not write %1: %2")
                                         .arg(destination, out.errorString()));
            }
            return Done {};
        }
        auto source = localArtifactPath(backend, runId, path);
        if (!source)
            return source.error();
        QFile in(*source);
        if (QFileInfo(*source).isDir() || !in.open(QIODevice::ReadOnly)) {
            return RegistryError(ErrorCode::ResourceDoesNotExist,
                                 trArtifacts("Run %1 has no artifact file %2.").arg(runId, path));
        }
        QSaveFile out(destination);
        if (!out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0 || !out.commit()) {
            return RegistryError(ErrorCode::InternalError,
                                 trArtifacts("Could not write %1: %2")
                                     .arg(destination, out.errorString()));
        }
        return Done{};
    });
}

} // namespace ModelDesk
