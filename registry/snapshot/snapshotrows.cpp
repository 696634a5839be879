#include "registry/snapshot/snapshotrows.h"

#include "registry/snapshot/artifactcollector.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <cmath>

namespace ModelDesk::SnapshotRows {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Snapshot", text);
}

// Runs one prepared statement with each list of values, stopping at the first failure.
class Insert
{
public:
    Insert(QSqlDatabase &db, const char *sql)
        : m_query(db)
    {
        m_query.prepare(QString::fromLatin1(sql));
    }
    Result<Done> operator()(const QVariantList &values)
    {
        for (const QVariant &value : values)
            m_query.addBindValue(value);
        if (!m_query.exec()) {
            return RegistryError(ErrorCode::InvalidState, tr("Could not write the snapshot."),
                                 m_query.lastError().text());
        }
        return Done {};
    }
    QSqlQuery &query() { return m_query; }

private:
    QSqlQuery m_query;
};

#define MD_ROW(insert, ...)                                                                        \
    do {                                                                                           \
        if (auto md_result = (insert)(QVariantList {__VA_ARGS__}); !md_result)                     \
            return md_result.error();                                                              \
    } while (false)

QVariant text(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::QString));
}

QString hexId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

qint64 loggedModelStatus(const QString &status)
{
    if (status == QLatin1String("LOGGED_MODEL_PENDING"))
        return 1;
    if (status == QLatin1String("LOGGED_MODEL_READY"))
        return 2;
    if (status == QLatin1String("LOGGED_MODEL_UPLOAD_FAILED"))
        return 3;
    return 0;
}

} // namespace

Result<Done> models(QSqlDatabase &db, const QList<RegisteredModel> &models)
{
    Insert model(db,
                 "INSERT INTO registered_models (name, creation_time, last_updated_time, "
                 "description) VALUES (?, ?, ?, ?)");
    Insert tag(db, "INSERT INTO registered_model_tags (key, value, name) VALUES (?, ?, ?)");
    Insert alias(db,
                 "INSERT INTO registered_model_aliases (alias, version, name) "
                 "VALUES (?, ?, ?)");
    for (const RegisteredModel &m : models) {
        // MLflow omits an empty description; the store holds NULL then.
        MD_ROW(model, m.name, m.creationTimestamp, m.lastUpdatedTimestamp,
               m.description.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                       : QVariant(m.description));
        for (const Tag &t : m.tags)
            MD_ROW(tag, t.key, t.value, m.name);
        for (const Alias &a : m.aliases)
            MD_ROW(alias, a.alias, a.version, m.name);
    }
    return Done {};
}

Result<Done> versions(QSqlDatabase &db, const QList<ModelVersion> &versions)
{
    Insert version(db,
                   "INSERT INTO model_versions (name, version, creation_time, "
                   "last_updated_time, description, user_id, current_stage, source, run_id, "
                   "status, status_message, run_link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?)");
    Insert tag(db,
               "INSERT INTO model_version_tags (key, value, name, version) "
               "VALUES (?, ?, ?, ?)");
    for (const ModelVersion &v : versions) {
        MD_ROW(version, v.name, v.version, v.creationTimestamp, v.lastUpdatedTimestamp,
               text(v.description), text(v.userId), v.currentStage, v.source, text(v.runId),
               v.status, text(v.statusMessage), text(v.runLink));
        for (const Tag &t : v.tags)
            MD_ROW(tag, t.key, t.value, v.name, v.version);
    }
    return Done {};
}

Result<Done> deletedVersions(QSqlDatabase &db, const QString &name, const QList<qint64> &numbers)
{
    Insert version(db,
                   "INSERT INTO model_versions (name, version, creation_time, "
                   "last_updated_time, current_stage, source, run_id, status, run_link) "
                   "VALUES (?, ?, 0, 0, 'Deleted_Internal', 'REDACTED-SOURCE-PATH', "
                   "'REDACTED-RUN-ID', 'READY', 'REDACTED-RUN-LINK')");
    for (const qint64 number : numbers)
        MD_ROW(version, name, number);
    return Done {};
}

Result<Done> experiment(QSqlDatabase &db, const Experiment &e)
{
    // The store's own Default experiment gives way to the source's.
    Insert row(db,
               "INSERT OR REPLACE INTO experiments (experiment_id, name, artifact_location, "
               "lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?)");
    Insert tag(db,
               "INSERT OR REPLACE INTO experiment_tags (key, value, experiment_id) "
               "VALUES (?, ?, ?)");
    MD_ROW(row, e.experimentId.toLongLong(), e.name, e.artifactLocation, e.lifecycleStage,
           e.creationTime, e.lastUpdateTime);
    for (const Tag &t : e.tags)
        MD_ROW(tag, t.key, t.value, e.experimentId.toLongLong());
    return Done {};
}

Result<Done> run(QSqlDatabase &db, const Run &r)
{
    const RunInfo &info = r.info;
    Insert row(db,
               "INSERT INTO runs (run_uuid, name, source_type, source_name, user_id, status, "
               "start_time, end_time, lifecycle_stage, artifact_uri, experiment_id) VALUES "
               "(?, ?, 'UNKNOWN', '', ?, ?, ?, ?, ?, ?, ?)");
    MD_ROW(row, info.runId, info.runName, info.userId, info.status, info.startTime,
           info.endTime ? QVariant(*info.endTime) : QVariant(QMetaType(QMetaType::LongLong)),
           info.lifecycleStage, info.artifactUri, info.experimentId.toLongLong());
    Insert latest(db,
                  "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) "
                  "VALUES (?, ?, ?, ?, ?, ?)");
    for (const Metric &m : r.metrics) {
        const bool nan = std::isnan(m.value);
        MD_ROW(latest, m.key, nan ? 0.0 : m.value, m.timestamp, m.step, nan ? 1 : 0, info.runId);
    }
    Insert param(db, "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)");
    for (const Tag &p : r.params)
        MD_ROW(param, p.key, p.value, info.runId);
    Insert tag(db, "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)");
    for (const Tag &t : r.tags)
        MD_ROW(tag, t.key, t.value, info.runId);

    Insert dataset(db,
                   "INSERT OR IGNORE INTO datasets (dataset_uuid, experiment_id, name, "
                   "digest, dataset_source_type, dataset_source, dataset_schema, "
                   "dataset_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    Insert find(db,
                "SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND "
                "digest = ?");
    Insert input(db,
                 "INSERT OR IGNORE INTO inputs (input_uuid, source_type, source_id, "
                 "destination_type, destination_id) VALUES (?, 'DATASET', ?, 'RUN', ?)");
    Insert inputTag(db,
                    "INSERT OR REPLACE INTO input_tags (input_uuid, name, value) "
                    "VALUES (?, ?, ?)");
    for (const DatasetInput &in : r.datasetInputs) {
        const Dataset &d = in.dataset;
        const qint64 experimentId = info.experimentId.toLongLong();
        MD_ROW(dataset, hexId(), experimentId, d.name, d.digest, d.sourceType, d.source,
               d.schema.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(d.schema),
               d.profile.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(d.profile));
        MD_ROW(find, experimentId, d.name, d.digest);
        if (!find.query().next())
            continue;
        const QString datasetId = find.query().value(0).toString();
        find.query().finish();
        const QString inputId = hexId();
        MD_ROW(input, inputId, datasetId, info.runId);
        for (const Tag &t : in.tags)
            MD_ROW(inputTag, inputId, t.key, t.value);
    }
    return Done {};
}

Result<Done> metricHistory(QSqlDatabase &db, const QString &runId, const QList<Metric> &points)
{
    Insert point(db,
                 "INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, "
                 "is_nan) VALUES (?, ?, ?, ?, ?, ?)");
    for (const Metric &m : points) {
        const bool nan = std::isnan(m.value);
        MD_ROW(point, m.key, nan ? 0.0 : m.value, m.timestamp, runId, m.step, nan ? 1 : 0);
    }
    return Done {};
}

Result<Done> loggedModel(QSqlDatabase &db, const LoggedModel &m)
{
    Insert row(db,
               "INSERT OR REPLACE INTO modeldesk_logged_models (model_id, experiment_id, "
               "name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, "
               "status, lifecycle_stage, model_type, source_run_id) VALUES (?, ?, ?, ?, ?, "
               "?, ?, 'active', ?, ?)");
    MD_ROW(row, m.modelId, m.experimentId.toLongLong(), m.name, m.artifactUri, m.creationTimestamp,
           m.lastUpdatedTimestamp, loggedModelStatus(m.status), m.modelType,
           m.sourceRunId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                   : QVariant(m.sourceRunId));
    Insert tag(db,
               "INSERT OR REPLACE INTO modeldesk_logged_model_tags (model_id, experiment_id, "
               "tag_key, tag_value) VALUES (?, ?, ?, ?)");
    for (const Tag &t : m.tags)
        MD_ROW(tag, m.modelId, m.experimentId.toLongLong(), t.key, t.value);
    Insert param(db,
                 "INSERT OR REPLACE INTO modeldesk_logged_model_params (model_id, "
                 "experiment_id, param_key, param_value) VALUES (?, ?, ?, ?)");
    for (const Tag &p : m.params)
        MD_ROW(param, m.modelId, m.experimentId.toLongLong(), p.key, p.value);
    // MLflow keeps the logged model's location on the versions that register it.
    Insert location(db, "UPDATE model_versions SET storage_location = ? WHERE source = ?");
    MD_ROW(location, m.artifactUri, QString(QStringLiteral("models:/") + m.modelId));
    return Done {};
}

Result<Done>
artifact(QSqlDatabase &db, const QString &runId, const QString &path, const QByteArray &content)
{
    Insert row(db,
               "INSERT OR REPLACE INTO modeldesk_artifacts (run_uuid, path, size, content) "
               "VALUES (?, ?, ?, ?)");
    MD_ROW(row, runId, path, qint64(content.size()), content);
    return Done {};
}

Result<Done> artifacts(QSqlDatabase &db, const QList<CollectedArtifact> &files)
{
    for (const CollectedArtifact &file : files) {
        QFile in(file.localFile);
        if (!in.open(QIODevice::ReadOnly))
            continue; // a download that left nothing is left out
        if (auto written = artifact(db, file.runId, file.path, in.readAll()); !written)
            return written;
    }
    return Done {};
}

} // namespace ModelDesk::SnapshotRows
