#pragma once

#include "registry/registry.h"
#include "registry/sql/sqlbackend.h"

#include <QMutex>
#include <QThread>

#include <memory>

namespace ModelDesk {

// The Registry of a local MLflow SQLite store. Owns a worker thread on which a SqlBackend
// (and its QSqlDatabase connection) lives; every call is queued to that thread and answered
// through a QFuture, in call order. Created, used and destroyed on one thread (the GUI
// thread in the app); destruction waits for the call in progress, drops the rest.
class SqlRegistry final : public Registry
{
    Q_OBJECT
public:
    // `workspace`: the one workspace of an MLflow 3.9+ store everything is read from and
    // written to (SqlBackend::open).
    explicit SqlRegistry(const QString &path,
                         SqlBackend::OpenMode mode = SqlBackend::OpenMode::ReadWrite,
                         QObject *parent = nullptr,
                         const QString &workspace = SqlBackend::DefaultWorkspace);
    ~SqlRegistry() override;

    QFuture<Result<Capabilities>> open() override;
    QString location() const override { return m_path; }
    Capabilities capabilities() const override;

    QFuture<Result<Page<RegisteredModel>>> searchModels(const SearchRequest &request) override;
    QFuture<Result<Page<ModelVersion>>> searchVersions(const SearchRequest &request) override;
    QFuture<Result<Page<ModelVersion>>> streamVersions(const SearchRequest &request,
                                                       PartSink<ModelVersion> sink) override;
    QFuture<Result<RegisteredModel>> model(const QString &name) override;
    QFuture<Result<ModelVersion>> version(const QString &name, qint64 version) override;
    QFuture<Result<ModelVersion>> versionByAlias(const QString &name,
                                                 const QString &alias) override;
    QFuture<Result<QList<ModelVersion>>> latestVersions(const QString &name,
                                                        const QStringList &stages) override;
    QFuture<Result<QString>> downloadUri(const QString &name, qint64 version) override;
    QFuture<Result<RegisteredModel>> createModel(const QString &name, const QString &description,
                                                 const QList<Tag> &tags) override;
    QFuture<Result<RegisteredModel>> renameModel(const QString &name,
                                                 const QString &newName) override;
    QFuture<Result<Done>> deleteModel(const QString &name) override;
    QFuture<Result<RegisteredModel>> updateModelDescription(const QString &name,
                                                            const QString &description,
                                                            ExpectedTimestamp expected) override;
    QFuture<Result<Done>> setModelTag(const QString &name, const QString &key,
                                      const QString &value) override;
    QFuture<Result<Done>> deleteModelTag(const QString &name, const QString &key) override;
    QFuture<Result<Done>> setAlias(const QString &name, const QString &alias,
                                   qint64 version) override;
    QFuture<Result<Done>> deleteAlias(const QString &name, const QString &alias) override;
    QFuture<Result<ModelVersion>> createVersion(const CreateVersionRequest &request) override;
    QFuture<Result<Done>> deleteVersion(const QString &name, qint64 version) override;
    QFuture<Result<ModelVersion>> updateVersionDescription(
        const QString &name, qint64 version, const std::optional<QString> &description,
        ExpectedTimestamp expected) override;
    QFuture<Result<Done>> setVersionTag(const QString &name, qint64 version, const QString &key,
                                        const QString &value) override;
    QFuture<Result<Done>> deleteVersionTag(const QString &name, qint64 version,
                                           const QString &key) override;
    QFuture<Result<ModelVersion>> transitionStage(const QString &name, qint64 version,
                                                  const QString &stage,
                                                  ArchiveExisting archive) override;
    QFuture<Result<ModelVersion>> applyGoverned(const QString &name, qint64 version,
                                                GovernedPlanner planner) override;
    QFuture<Result<QList<AuditRecord>>> auditLog(const QString &name) override;
    QFuture<Result<Run>> run(const QString &runId) override;
    QFuture<Result<Experiment>> experiment(const QString &experimentId) override;
    QFuture<Result<QStringList>> experimentIds() override;
    QFuture<Result<QList<Run>>> searchRuns(const RunSearch &search) override;
    QFuture<Result<LoggedModel>> loggedModel(const QString &modelId) override;
    QFuture<Result<QList<MetricSummary>>> metricSummaries(const QStringList &runIds,
                                                          const QString &key,
                                                          bool withRange) override;
    QFuture<Result<QList<Metric>>> metricHistory(const QString &runId,
                                                 const QString &key) override;
    QFuture<Result<QList<Metric>>> streamMetricHistory(const QString &runId, const QString &key,
                                                       PartSink<Metric> sink) override;
    // Artifacts of runs whose artifact root is a local directory (file: URIs and paths);
    // others (mlflow-artifacts:, s3:, ...) are kept by a server and are refused.
    QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId,
                                                   const QString &path) override;
    QFuture<Result<Done>> downloadArtifact(const QString &runId, const QString &path,
                                           const QString &destination) override;

private:
    struct Worker;

    template<typename T, typename Function>
    QFuture<Result<T>> submit(Function function);
    template<typename T, typename Function>
    QFuture<Result<T>> submitWrite(const QString &modelName, Function function);

    QString m_path;
    SqlBackend::OpenMode m_mode;
    QString m_workspace;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    std::shared_ptr<Worker> m_worker;
    mutable QMutex m_capabilitiesMutex;
    Capabilities m_capabilities;
};

} // namespace ModelDesk
