#pragma once

#include "registry/snapshot/snapshotinfo.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Value types of the model registry, shaped after MLflow's REST objects. Plain copyable data;
// safe to pass between threads.
namespace ModelDesk {

struct Tag
{
    QString key;
    QString value;
    bool operator==(const Tag &) const = default;
};

struct Alias
{
    QString alias;
    qint64 version = 0;
    bool operator==(const Alias &) const = default;
};

// The canonical stage names MLflow stores and returns.
namespace Stage {
inline const QString None = QStringLiteral("None");
inline const QString Staging = QStringLiteral("Staging");
inline const QString Production = QStringLiteral("Production");
inline const QString Archived = QStringLiteral("Archived");
// Rows MLflow keeps for soft-deleted versions; never returned by any read.
inline const QString DeletedInternal = QStringLiteral("Deleted_Internal");
} // namespace Stage

struct ModelVersion
{
    QString name;
    qint64 version = 0;
    qint64 creationTimestamp = 0;
    qint64 lastUpdatedTimestamp = 0;
    std::optional<QString> userId;
    QString currentStage;
    // NULL and '' differ on the wire: a NULL description is omitted, '' is sent as "".
    std::optional<QString> description;
    QString source;
    std::optional<QString> runId;
    QString status;
    std::optional<QString> statusMessage;
    QList<Tag> tags;
    std::optional<QString> runLink;
    // Filled by get/get-by-alias/latest-versions/writes, never by searches (as MLflow).
    QStringList aliases;
    bool operator==(const ModelVersion &) const = default;
};

struct RegisteredModel
{
    QString name;
    qint64 creationTimestamp = 0;
    qint64 lastUpdatedTimestamp = 0;
    QString description; // empty means none; MLflow omits it then
    QList<ModelVersion> latestVersions;
    QList<Tag> tags;
    QList<Alias> aliases;
    bool operator==(const RegisteredModel &) const = default;
};

// One page of a search. An empty nextPageToken means this is the last page.
template<typename T>
struct Page
{
    QList<T> items;
    QString nextPageToken;
};

// What a search asks for, in MLflow's terms. maxResults < 0 means the backend's default.
struct SearchRequest
{
    QString filter;
    QStringList orderBy;
    int maxResults = -1;
    QString pageToken;
};

struct CreateVersionRequest
{
    QString name;
    QString source;
    std::optional<QString> runId;
    std::optional<QString> runLink;
    std::optional<QString> description;
    QList<Tag> tags;
    // The MLflow 3 logged model the version registers (MLflow's model_id); it then lists the
    // version in its tag mlflow.modelVersions.
    std::optional<QString> modelId;
};

struct Metric
{
    QString key;
    double value = 0; // NaN for MLflow's is_nan points
    qint64 timestamp = 0;
    qint64 step = 0;
    bool operator==(const Metric &) const = default;
};

// One metric of one run, summarised: its latest value by MLflow's rule (the highest step,
// then the latest timestamp, as latest_metrics and runs/get give it) and, when asked, the
// least and greatest finite value of its whole history.
struct MetricSummary
{
    QString runId;
    bool runFound = false;
    std::optional<Metric> latest; // unset: the run did not log the metric
    std::optional<double> minimum;
    std::optional<double> maximum;
    bool operator==(const MetricSummary &) const = default;
};

// An MLflow experiment: what groups runs (experiments/get, experiments/search).
struct Experiment
{
    QString experimentId;
    QString name;
    QString artifactLocation;
    QString lifecycleStage; // "active" or "deleted"
    qint64 creationTime = 0;
    qint64 lastUpdateTime = 0;
    QList<Tag> tags;
    bool operator==(const Experiment &) const = default;
};

struct RunInfo
{
    QString runId;
    QString experimentId;
    QString runName;
    QString userId;
    QString status;
    qint64 startTime = 0;
    std::optional<qint64> endTime;
    QString artifactUri;
    QString lifecycleStage;
};

struct Dataset
{
    QString name;
    QString digest;
    QString sourceType;
    QString source;
    QString schema;
    QString profile;
};

struct DatasetInput
{
    QList<Tag> tags;
    Dataset dataset;
};

// A logged model (MLflow 3) a run produced, at a step.
struct ModelOutput
{
    QString modelId;
    qint64 step = 0;
};

struct Run
{
    RunInfo info;
    QList<Metric> metrics; // latest value per key
    QList<Tag> params;
    QList<Tag> tags;
    QList<DatasetInput> datasetInputs;
    // MLflow 3 servers link runs to logged models; 2.x servers and files have no such links
    // (modelOutputs then stays unset, as such servers send no "outputs").
    QStringList modelInputs; // logged model ids
    std::optional<QList<ModelOutput>> modelOutputs;

    // The parent run id from the mlflow.parentRunId tag, empty when none.
    QString parentRunId() const
    {
        for (const Tag &tag : tags) {
            if (tag.key == QLatin1String("mlflow.parentRunId"))
                return tag.value;
        }
        return {};
    }
};

// An MLflow 3 logged model (logged-models/get): what a version whose source is models:/m-...
// registers, and the run that produced it.
struct LoggedModel
{
    QString modelId; // "m-" + 32 hex digits
    QString name;
    QString experimentId;
    QString sourceRunId; // empty when none
    QString artifactUri;
    QString status; // "LOGGED_MODEL_READY", ...
    QString modelType;
    qint64 creationTimestamp = 0;
    qint64 lastUpdatedTimestamp = 0;
    QList<Tag> tags;
    QList<Tag> params;
    bool operator==(const LoggedModel &) const = default;
};

// Which runs a run search (Registry::searchRuns) asks for; the criteria that are set must
// all hold. Deleted runs are included.
struct RunSearch
{
    QStringList experimentIds; // empty: every experiment of the registry
    QString parentRunId;       // runs whose mlflow.parentRunId tag is this
    QString datasetName;       // runs with this dataset input (name and digest)
    QString datasetDigest;
    int maxResults = 1000;     // at most this many, newest first
};

// One entry of a run's artifact directory, as MLflow's artifacts/list returns it.
struct ArtifactFile
{
    QString path;                    // relative to the run's artifact root
    bool isDir = false;
    std::optional<qint64> fileSize;  // files only
    bool operator==(const ArtifactFile &) const = default;
};

struct ArtifactListing
{
    QString rootUri; // the run's artifact_uri
    QList<ArtifactFile> files;
};

// Whether an edit must match what the caller last saw. When set, a write is refused with
// ErrorCode::Conflict if the entity's last_updated_timestamp differs from this value.
using ExpectedTimestamp = std::optional<qint64>;

enum class ArchiveExisting { No, Yes };

// What a backend can do; the UI disables what is not there.
struct Capabilities
{
    bool readOnly = false;
    QString readOnlyReason; // translated, shown in the read-only banner
    QString backendName;    // "MLflow SQLite store", "MLflow server"
    QString schemaRevision; // alembic revision for SQL stores, server version for REST
    QString serverVersion;  // what the server's /version answered; empty for files
    // The table layout a SQL store was recognised as: "mlflow-classic" (registry tables keyed
    // by model name, MLflow up to 3.8) or "mlflow-workspaces" (a workspace column leading
    // every key, MLflow 3.9 and later); empty for servers.
    QString layout;
    // The MLflow release whose registry tables a SQL store's equal exactly ("MLflow 3.12"), or
    // empty where they match none (such a store is read-only) and for servers.
    QString knownLayout;
    // The workspace everything shown belongs to, and those the registry has ("default" first;
    // only "default" where the registry has no workspaces).
    QString workspace = QStringLiteral("default");
    QStringList workspaces{QStringLiteral("default")};
    // A SQL store has registered models outside 'default': only an MLflow server with
    // workspaces enabled serves it.
    bool modelsOutsideDefault = false;
    bool loggedModels = false; // MLflow 3 logged models (models:/m-... sources) are served
    bool aliases = true;
    bool stages = true;
    bool runs = true;
    bool auditLog = false; // the store records who changed what (modeldesk_audit)
    // Set for a snapshot (registry/snapshot/), which always opens read-only.
    // (Shared: GCC 12 misreads an optional of it inside Result's variant.)
    std::shared_ptr<const SnapshotInfo> snapshot;
};

} // namespace ModelDesk

Q_DECLARE_METATYPE(ModelDesk::RegisteredModel)
Q_DECLARE_METATYPE(ModelDesk::ModelVersion)

// Moved in memory as bytes when a list of 200,000 grows: their members (Qt containers and
// optionals of them) hold no pointers into themselves.
Q_DECLARE_TYPEINFO(ModelDesk::Tag, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ModelDesk::ModelVersion, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ModelDesk::Metric, Q_RELOCATABLE_TYPE);
