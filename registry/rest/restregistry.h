#pragma once

#include "registry/registry.h"
#include "registry/rest/serveroptions.h"

#include <QMutex>
#include <QThread>

#include <memory>

namespace ModelDesk {

class RestClient;

// The Registry of an MLflow tracking server, over MLflow's REST API. The HTTP traffic runs
// on a worker thread of its own, so callers (the GUI thread, or the CLI waiting on futures)
// never block it. Reads run concurrently; a write waits for every call made before it, and
// calls made after a write wait for it, so answers reflect the order of the calls.
// Cancelling a returned future aborts its request. Created, used and destroyed on one thread.
class RestRegistry final : public Registry
{
    Q_OBJECT
public:
    explicit RestRegistry(ServerOptions options, QObject *parent = nullptr);
    ~RestRegistry() override;

    QFuture<Result<Capabilities>> open() override;
    QString location() const override;
    Capabilities capabilities() const override;
    const ServerOptions &options() const { return m_options; }
    QString actingUser() const override;
    QFuture<Result<QString>> modelPermission(const QString &name) override;

    QFuture<Result<Page<RegisteredModel>>> searchModels(const SearchRequest &request) override;
    QFuture<Result<Page<ModelVersion>>> searchVersions(const SearchRequest &request) override;
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
    QFuture<Result<Run>> run(const QString &runId) override;
    QFuture<Result<QList<Metric>>> metricHistory(const QString &runId,
                                                 const QString &key) override;
    // restregistry_lineage.cpp
    QFuture<Result<Experiment>> experiment(const QString &experimentId) override;
    QFuture<Result<QList<Run>>> searchRuns(const RunSearch &search) override;
    QFuture<Result<LoggedModel>> loggedModel(const QString &modelId) override;
    // Reads the runs in bulk with runs/search (restregistry_runs.cpp), then as every registry.
    QFuture<Result<QList<MetricSummary>>> metricSummaries(const QStringList &runIds,
                                                          const QString &key,
                                                          bool withRange) override;
    QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId,
                                                   const QString &path) override;
    QFuture<Result<Done>> downloadArtifact(const QString &runId, const QString &path,
                                           const QString &destination) override;

    // The largest page a version search asks for (Databricks' cap); larger requests are
    // served in pages of this size.
    static constexpr int MaxVersionPage = 10'000;

    // Run ids per runs/search, and searches in flight at once, when reading runs in bulk.
    static constexpr int RunSearchBatch = 100;
    static constexpr int RunSearchSlots = 4;
    // More experiments than this and runs are read one by one: runs/search names them all.
    static constexpr int RunSearchMaxExperiments = 1'000;

    // Every experiment id of the server, deleted ones too (experiments/search, paged).
    QFuture<Result<QStringList>> experimentIds() override;

private:
    // The runs of `runIds` (at most RunSearchBatch) in `experimentIds`, deleted ones too.
    QFuture<Result<QList<Run>>> searchRunsById(const QStringList &experimentIds,
                                               const QStringList &runIds);
    // runs/search with `filter` over `experimentIds`, deleted runs too, newest first, every
    // page up to `maxResults` runs.
    QFuture<Result<QList<Run>>> searchRunsWhere(const QStringList &experimentIds,
                                                const QString &filter, int maxResults);

    ServerOptions m_options;
    QThread m_thread;
    RestClient *m_client = nullptr; // lives on m_thread
    mutable QMutex m_capabilitiesMutex;
    Capabilities m_capabilities;
};

} // namespace ModelDesk
