#pragma once

#include "registry/approval/governedchange.h"
#include "registry/error.h"
#include "registry/types.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace ModelDesk {

// Takes a result in consecutive parts, on the registry's thread, as it is read. Returning
// false stops the read: the call then finishes with CANCELLED.
template<typename T>
using PartSink = std::function<bool(QList<T> part)>;

// A model registry: a local MLflow SQLite store or an MLflow tracking server.
//
// Every call is asynchronous and returns a QFuture that finishes with a Result; the caller's
// thread never waits for SQL or the network. GUI code takes answers with whenFinished()
// (registry/whenfinished.h), which delivers them on the main thread and only while the
// receiver exists. Calls are served in the order they were made. A Registry is owned and used by one thread (the GUI thread in the app).
class Registry : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Registry() override = default;

    // Connects to the registry (opens the file, asks the server what it is). Other calls made
    // before it finishes are queued behind it; they fail if it failed.
    virtual QFuture<Result<Capabilities>> open() = 0;

    // A short text naming the registry (its file or server), for titles and messages.
    virtual QString location() const = 0;
    virtual Capabilities capabilities() const = 0;
    // Who acts: MODELDESK_USER if set; on a server with basic authentication, the user it
    // authenticates; otherwise the login name.
    virtual QString actingUser() const;

    // Searches. The filter and order_by strings are MLflow's; a bad one fails with
    // INVALID_PARAMETER_VALUE and MLflow's message. Prompts are hidden as MLflow hides them.
    virtual QFuture<Result<Page<RegisteredModel>>> searchModels(const SearchRequest &request) = 0;
    virtual QFuture<Result<Page<ModelVersion>>> searchVersions(const SearchRequest &request) = 0;
    // The same page handed to `sink` in parts as it is read (the finished page then has no
    // items, only its next_page_token), so a caller can write out 200,000 versions while the
    // rest is still being read, without holding them all. One read: the parts are as
    // consistent as the page. By default the whole page is one part.
    virtual QFuture<Result<Page<ModelVersion>>> streamVersions(const SearchRequest &request,
                                                               PartSink<ModelVersion> sink);

    virtual QFuture<Result<RegisteredModel>> model(const QString &name) = 0;
    virtual QFuture<Result<ModelVersion>> version(const QString &name, qint64 version) = 0;
    virtual QFuture<Result<ModelVersion>> versionByAlias(const QString &name,
                                                         const QString &alias) = 0;
    // Highest version per stage; `stages` empty means all four.
    virtual QFuture<Result<QList<ModelVersion>>> latestVersions(const QString &name,
                                                                const QStringList &stages) = 0;
    virtual QFuture<Result<QString>> downloadUri(const QString &name, qint64 version) = 0;

    virtual QFuture<Result<RegisteredModel>> createModel(const QString &name,
                                                         const QString &description,
                                                         const QList<Tag> &tags) = 0;
    virtual QFuture<Result<RegisteredModel>> renameModel(const QString &name,
                                                         const QString &newName) = 0;
    virtual QFuture<Result<Done>> deleteModel(const QString &name) = 0;
    virtual QFuture<Result<RegisteredModel>> updateModelDescription(
        const QString &name, const QString &description, ExpectedTimestamp expected = {}) = 0;
    virtual QFuture<Result<Done>> setModelTag(const QString &name, const QString &key,
                                              const QString &value) = 0;
    virtual QFuture<Result<Done>> deleteModelTag(const QString &name, const QString &key) = 0;
    virtual QFuture<Result<Done>> setAlias(const QString &name, const QString &alias,
                                           qint64 version) = 0;
    virtual QFuture<Result<Done>> deleteAlias(const QString &name, const QString &alias) = 0;

    virtual QFuture<Result<ModelVersion>> createVersion(const CreateVersionRequest &request) = 0;
    virtual QFuture<Result<Done>> deleteVersion(const QString &name, qint64 version) = 0;
    virtual QFuture<Result<ModelVersion>> updateVersionDescription(
        const QString &name, qint64 version, const std::optional<QString> &description,
        ExpectedTimestamp expected = {}) = 0;
    virtual QFuture<Result<Done>> setVersionTag(const QString &name, qint64 version,
                                                const QString &key, const QString &value) = 0;
    virtual QFuture<Result<Done>> deleteVersionTag(const QString &name, qint64 version,
                                                   const QString &key) = 0;
    virtual QFuture<Result<ModelVersion>> transitionStage(const QString &name, qint64 version,
                                                          const QString &stage,
                                                          ArchiveExisting archive) = 0;

    virtual QFuture<Result<Run>> run(const QString &runId) = 0;
    // Lineage (registry/lineage/): an experiment by id, deleted ones too; runs by parent or
    // dataset input (RunSearch), newest first; an MLflow 3 logged model by id.
    virtual QFuture<Result<Experiment>> experiment(const QString &experimentId) = 0;
    // Every experiment id of the registry, deleted ones too, in id order (snapshots). By
    // default NOT_IMPLEMENTED.
    virtual QFuture<Result<QStringList>> experimentIds();
    virtual QFuture<Result<QList<Run>>> searchRuns(const RunSearch &search) = 0;
    virtual QFuture<Result<LoggedModel>> loggedModel(const QString &modelId) = 0;
    // Every point of one metric of a run, ordered by (timestamp, step, value) as MLflow.
    virtual QFuture<Result<QList<Metric>>> metricHistory(const QString &runId,
                                                         const QString &key) = 0;
    // The same points handed to `sink` in parts as they are read (the finished list is
    // empty). By default the whole history is one part.
    virtual QFuture<Result<QList<Metric>>> streamMetricHistory(const QString &runId,
                                                               const QString &key,
                                                               PartSink<Metric> sink);

    // Metric `key` of each run in `runIds`, in that order (ids may repeat), with the range of
    // its history when `withRange`. A run that does not exist has runFound false. Reports the
    // runs done through the future's progress value. By default one run (and history) at a
    // time per slot, eight slots; the SQL store answers with a few queries.
    virtual QFuture<Result<QList<MetricSummary>>> metricSummaries(const QStringList &runIds,
                                                                  const QString &key,
                                                                  bool withRange);

    // The files directly under `path` (relative to the run's artifact root; empty for the root).
    virtual QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId,
                                                           const QString &path) = 0;
    // Copies one artifact file to `destination` (replacing it only once complete). Reports
    // the kibibytes done through the future's progress value (maximum = total when known).
    virtual QFuture<Result<Done>> downloadArtifact(const QString &runId, const QString &path,
                                                   const QString &destination) = 0;

    // Governance (registry/approval/). Plans a change from the version and its model as they
    // are now and carries it out (GovernedChange says in which order); answers the version
    // afterwards. By default each step is one call, in order; the SQL store makes it one
    // transaction, so two deciding at once cannot both win.
    virtual QFuture<Result<ModelVersion>> applyGoverned(const QString &name, qint64 version,
                                                        GovernedPlanner planner);
    // What the store recorded about the changes to a model (and its versions), oldest first,
    // following renames back; empty where the registry keeps no history (servers). Look at
    // Capabilities::auditLog to tell "no history kept" from "nothing happened".
    virtual QFuture<Result<QList<AuditRecord>>> auditLog(const QString &name);
    // The acting user's permission on a model where the registry has permissions (MLflow's
    // basic-auth app): "READ", "EDIT", "MANAGE" or "NO_PERMISSIONS"; empty where it has none
    // (local files, servers without the auth app).
    virtual QFuture<Result<QString>> modelPermission(const QString &name);

signals:
    // Emitted after a write through this object succeeded, so views can refresh.
    void modelChanged(const QString &name);
};

} // namespace ModelDesk
