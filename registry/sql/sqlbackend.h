#pragma once

#include "registry/error.h"
#include "registry/registry.h"
#include "registry/sql/sqlschema.h"
#include "registry/types.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace ModelDesk {

// Synchronous registry operations on one connection to an MLflow SQLite store, reproducing
// what MLflow's SqlAlchemyStore reads and writes. Not thread-safe: it belongs to the thread
// that opened it (SqlRegistry runs one on its worker thread; the CLI's worker and tests use
// it directly). Every write is one transaction (BEGIN IMMEDIATE) and is audited.
class SqlBackend
{
public:
    static inline const QString DefaultWorkspace = QStringLiteral("default");

    enum class OpenMode { ReadWrite, ReadOnly };

    // Opens an existing store. Never creates a file. A file that is not writable, or whose
    // layout ModelDesk cannot write, opens read-only (capabilities() says why). In a store of
    // MLflow 3.9's workspace layout every read and write sees only `workspace`, which must
    // exist there; other stores have only "default".
    static Result<std::unique_ptr<SqlBackend>> open(const QString &path, OpenMode mode,
                                                    const QString &workspace = DefaultWorkspace);
    // Creates a new empty store at `path` (MLflow's schema, SqlSchema::CreatedRevision).
    // Refuses an existing non-empty file.
    static Result<Done> initialize(const QString &path);

    ~SqlBackend();
    SqlBackend(const SqlBackend &) = delete;
    SqlBackend &operator=(const SqlBackend &) = delete;

    QString path() const { return m_path; }
    const SqlSchema::Layout &layout() const { return m_layout; }
    Capabilities capabilities() const;
    QSqlDatabase database() const;
    QString workspace() const { return m_workspace; }
    // The store's workspaces, "default" first: those MLflow's catalogue lists and those its
    // registered models are in. Only "default" in stores without workspaces.
    QStringList workspaces() const { return m_workspaces; }

    // Reads
    Result<Page<RegisteredModel>> searchModels(const SearchRequest &request);
    Result<Page<ModelVersion>> searchVersions(const SearchRequest &request);
    // In parts of a few thousand versions, each complete with its tags (Registry::streamVersions);
    // in one part on stores without ModelDesk's tag index, where each tag read is a scan.
    Result<Page<ModelVersion>> searchVersions(const SearchRequest &request,
                                              const PartSink<ModelVersion> &sink);
    Result<RegisteredModel> model(const QString &name);
    Result<ModelVersion> version(const QString &name, qint64 version);
    Result<ModelVersion> versionByAlias(const QString &name, const QString &alias);
    Result<QList<ModelVersion>> latestVersions(const QString &name, const QStringList &stages);
    Result<QString> downloadUri(const QString &name, qint64 version);
    Result<Run> run(const QString &runId);
    // Every experiment of the workspace, active and deleted, with its tags, by id.
    Result<QList<Experiment>> experiments();
    // Lineage reads (sqlbackend_lineage.cpp): one experiment (MLflow's experiments/get
    // messages), runs by parent or dataset input, and an MLflow 3 logged model.
    Result<Experiment> experiment(const QString &experimentId);
    // A snapshot's own copies of small artifacts (sqlbackend_snapshot.cpp): the entries
    // directly under `path` of a run, or its file; nothing where the snapshot kept none for
    // the run (or the store is no snapshot).
    Result<std::optional<ArtifactListing>> snapshotArtifacts(const QString &runId,
                                                            const QString &path);
    Result<std::optional<QByteArray>> snapshotArtifact(const QString &runId, const QString &path);
    Result<QList<Run>> searchRuns(const RunSearch &search);
    Result<LoggedModel> loggedModelInfo(const QString &modelId);
    Result<QList<Metric>> metricHistory(const QString &runId, const QString &key);
    // In parts of tens of thousands of points; the returned list is empty.
    Result<QList<Metric>> metricHistory(const QString &runId, const QString &key,
                                        const PartSink<Metric> &sink);

    // Metric `key` of each of `runIds` (Registry::metricSummaries): a few queries in batches
    // of 500 runs (sqlbackend_metrics.cpp).
    Result<QList<MetricSummary>> metricSummaries(const QStringList &runIds, const QString &key,
                                                 bool withRange);

    // Writes
    Result<RegisteredModel> createModel(const QString &name, const QString &description,
                                        const QList<Tag> &tags);
    Result<RegisteredModel> renameModel(const QString &name, const QString &newName);
    Result<Done> deleteModel(const QString &name);
    Result<RegisteredModel> updateModelDescription(const QString &name,
                                                   const QString &description,
                                                   ExpectedTimestamp expected);
    Result<Done> setModelTag(const QString &name, const QString &key, const QString &value);
    Result<Done> deleteModelTag(const QString &name, const QString &key);
    Result<Done> setAlias(const QString &name, const QString &alias, qint64 version);
    Result<Done> deleteAlias(const QString &name, const QString &alias);
    Result<ModelVersion> createVersion(const CreateVersionRequest &request);
    Result<Done> deleteVersion(const QString &name, qint64 version);
    Result<ModelVersion> updateVersionDescription(const QString &name, qint64 version,
                                                  const std::optional<QString> &description,
                                                  ExpectedTimestamp expected);
    Result<Done> setVersionTag(const QString &name, qint64 version, const QString &key,
                               const QString &value);
    Result<Done> deleteVersionTag(const QString &name, qint64 version, const QString &key);
    Result<ModelVersion> transitionStage(const QString &name, qint64 version,
                                         const QString &stage, ArchiveExisting archive);

    // Governance (sqlbackend_governed.cpp): the planned change in one transaction, and the
    // audit table's entries about a model.
    Result<ModelVersion> applyGoverned(const QString &name, qint64 version,
                                       const GovernedPlanner &planner);
    Result<QList<AuditRecord>> auditLog(const QString &name);

    // The clock used for timestamps (ms since epoch); tests may replace it.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // The user name recorded in the audit table; by default the acting user at each write
    // (localActingUser()).
    void setUserName(const QString &userName) { m_userName = userName; }

    // Writes as an MLflow server with workspaces enabled does, which may create the first
    // registered model outside workspace 'default' (the fake MLflow server of the tests).
    // ModelDesk itself never does: a single-tenant server would then refuse the store.
    void setServesWorkspaces(bool serves) { m_servesWorkspaces = serves; }

private:
    SqlBackend() = default;

    class Transaction;
    struct VersionRow;
    struct AuditEntry
    {
        QString action;
        QString modelName;
        std::optional<qint64> version;
        QString field;
        std::optional<QString> oldValue;
        std::optional<QString> newValue;
    };

    Result<Done> checkWritable() const;
    // MLflow 3 logged models (sqlbackend_loggedmodels.cpp).
    struct LoggedModelRow
    {
        QString artifactLocation;
        QString sourceRunId;
        qint64 experimentId = 0;
    };
    static std::optional<QString> loggedModelId(const QString &source); // of models:/m-<id>
    Result<std::optional<LoggedModelRow>> loggedModel(const QString &modelId);
    Result<Done> listVersionOnLoggedModel(const QString &modelId, qint64 experimentId,
                                          const QString &name, qint64 version);
    Result<Done> selectWorkspace(const QString &workspace);
    // MLflow's name rule for new and renamed models, as the MLflow that wrote the store has it.
    Result<Done> checkNewName(const QString &name) const;
    // Refuses to write the store's first registered model outside "default": a single-tenant
    // MLflow server would no longer start on it.
    Result<Done> checkWorkspaceInUse();
    // "<alias>.workspace = '<selected>' AND " where `table`'s rows carry a workspace, else
    // empty: it leads the WHERE clause of every statement on the registry. The name is
    // validated on open (lower-case letters, digits and '-'), so it is safe as a literal.
    QString scope(const QString &table, const QString &alias = {}) const;
    // ", workspace" and ", '<selected>'", added to an INSERT's columns and values (and to an
    // ON CONFLICT target) where `table`'s rows carry a workspace; else empty.
    QString workspaceColumn(const QString &table) const;
    QString workspaceValue(const QString &table) const;
    Result<Done> audit(const AuditEntry &entry);
    qint64 now() const;
    QString versionColumns() const;
    ModelVersion versionFromStatement(class SqliteStatement &row) const;
    Result<bool> modelExists(const QString &name);
    Result<Done> requireModel(const QString &name);
    Result<ModelVersion> requireVersion(const QString &name, qint64 version);
    Result<Done> writeTag(const QString &name, std::optional<qint64> version, const QString &key,
                          const std::optional<QString> &value);
    Result<std::optional<RegisteredModel>> modelRow(const QString &name);
    Result<std::optional<ModelVersion>> versionRow(const QString &name, qint64 version);
    Result<QList<Tag>> modelTags(const QString &name);
    Result<QList<Tag>> versionTags(const QString &name, qint64 version);
    Result<QList<Alias>> modelAliases(const QString &name);
    Result<QStringList> versionAliases(const QString &name, qint64 version);
    // How a model's latest versions are ordered: by each stage's lowest version (MLflow's loop
    // over the versions, which get, get-latest-versions and every write answer use), or by
    // stage name (MLflow 3.12's registered-models/search, as recorded in mlflow-latest).
    enum class StageOrder { ByEarliestVersion, ByStageName };
    // Each model's latest version per stage, ordered by name and then by `order`; without
    // tags (sqlbackend_latest.cpp).
    Result<QList<ModelVersion>> latestVersionRows(const QStringList &names,
                                                  StageOrder order = StageOrder::ByEarliestVersion);
    Result<QList<ModelVersion>> computeLatestVersions(const QString &name);
    Result<RegisteredModel> completeModel(RegisteredModel model);
    Result<Done> completeModels(QList<RegisteredModel> &models,
                                StageOrder order = StageOrder::ByEarliestVersion);
    Result<Done> attachVersionTags(QList<ModelVersion> &versions);
    Result<ModelVersion> completeVersion(ModelVersion version, bool withAliases);
    RegistryError modelNotFound(const QString &name) const;
    RegistryError versionNotFound(const QString &name, qint64 version) const;
    RegistryError sqlFailure(const QString &what, const class QSqlError &error) const;

    QString m_path;
    QString m_connectionName;
    SqlSchema::Layout m_layout;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    std::optional<SnapshotInfo> m_snapshot;
    std::function<qint64()> m_clock;
    QString m_userName;
    QString m_workspace = DefaultWorkspace;
    QStringList m_workspaces{DefaultWorkspace};
    bool m_modelsOutsideDefault = false;
    bool m_servesWorkspaces = false;
    int m_transactionDepth = 0; // Transactions open, the outermost one first
};

} // namespace ModelDesk
