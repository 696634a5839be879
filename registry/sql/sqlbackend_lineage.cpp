// SqlBackend: what a lineage graph reads besides versions and runs — an experiment, the runs
// of a parent or of a dataset, and an MLflow 3 logged model — answered as MLflow's REST
// handlers answer them.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"

namespace ModelDesk {

namespace {

// MLflow's LoggedModelStatus names by their stored numbers.
QString loggedModelStatus(qint64 status)
{
    switch (status) {
    case 1:
        return QStringLiteral("LOGGED_MODEL_PENDING");
    case 2:
        return QStringLiteral("LOGGED_MODEL_READY");
    case 3:
        return QStringLiteral("LOGGED_MODEL_UPLOAD_FAILED");
    default:
        return QStringLiteral("LOGGED_MODEL_STATUS_UNSPECIFIED");
    }
}

} // namespace

Result<Experiment> SqlBackend::experiment(const QString &experimentId)
{
    auto all = experiments();
    if (!all)
        return all.error();
    for (const Experiment &experiment : std::as_const(*all)) {
        if (experiment.experimentId == experimentId)
            return experiment;
    }
    return RegistryError(ErrorCode::ResourceDoesNotExist,
                         SqlText::tr("No Experiment with id=%1 exists").arg(experimentId));
}

Result<QList<Run>> SqlBackend::searchRuns(const RunSearch &search)
{
    QList<Run> found;
    if (!m_layout.tracking || search.maxResults <= 0)
        return found;
    QStringList where;
    QVariantList values;
    if (!search.experimentIds.isEmpty()) {
        where << QStringLiteral("r.experiment_id IN (%1)")
                     .arg(placeholders(search.experimentIds.size()));
        for (const QString &id : search.experimentIds)
            values << id.toLongLong();
    }
    if (const QString scoped = scope(QStringLiteral("experiments")); !scoped.isEmpty()) {
        where << QStringLiteral("r.experiment_id IN (SELECT experiment_id FROM experiments "
                                "WHERE %1 1)")
                     .arg(scoped);
    }
    if (!search.parentRunId.isEmpty()) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM tags t WHERE t.run_uuid = r.run_uuid "
                                "AND t.key = 'mlflow.parentRunId' AND t.value = ?)");
        values << search.parentRunId;
    }
    if (!search.datasetName.isEmpty()) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM inputs i JOIN datasets d ON "
                                "d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' "
                                "AND i.destination_type = 'RUN' AND i.destination_id = "
                                "r.run_uuid AND d.name = ? AND d.digest = ?)");
        values << search.datasetName << search.datasetDigest;
    }
    values << search.maxResults;
    QStringList ids;
    {
        SqliteStatement query(
            database(),
            QStringLiteral("SELECT r.run_uuid FROM runs r%1 ORDER BY r.start_time DESC, "
                           "r.run_uuid LIMIT ?")
                .arg(where.isEmpty()
                         ? QString()
                         : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))));
        if (query.bind(values)) {
            while (query.next())
                ids << query.text(0);
        }
        if (query.failed())
            return sqlFailure(SqlText::tr("Could not search the runs."), statementError(query));
    }
    found.reserve(ids.size());
    for (const QString &id : std::as_const(ids)) {
        auto run = this->run(id);
        if (!run)
            return run.error();
        found.append(*std::move(run));
    }
    return found;
}

Result<LoggedModel> SqlBackend::loggedModelInfo(const QString &modelId)
{
    const auto notFound = [&modelId] {
        return RegistryError(ErrorCode::ResourceDoesNotExist,
                             SqlText::tr("Logged model with ID '%1' not found.").arg(modelId));
    };
    if (!m_layout.loggedModels)
        return notFound();
    const QString what = SqlText::tr("Could not read logged model %1.").arg(modelId);
    LoggedModel model;
    {
        // A logged model belongs to the workspace of its experiment; a deleted one is gone.
        SqliteStatement query(
            database(),
            QStringLiteral("SELECT model_id, name, experiment_id, source_run_id, "
                           "artifact_location, status, model_type, creation_timestamp_ms, "
                           "last_updated_timestamp_ms FROM %2logged_models WHERE model_id = ? "
                           "AND (lifecycle_stage IS NULL OR lifecycle_stage != 'deleted') AND "
                           "experiment_id IN (SELECT experiment_id FROM experiments WHERE %1 1)")
                .arg(scope(QStringLiteral("experiments")), m_layout.loggedModelPrefix));
        if (query.bind({modelId}) && query.next()) {
            model.modelId = query.text(0);
            model.name = query.text(1);
            model.experimentId = QString::number(query.integer(2));
            model.sourceRunId = query.text(3);
            model.artifactUri = query.text(4);
            model.status = loggedModelStatus(query.integer(5));
            model.modelType = query.text(6);
            model.creationTimestamp = query.integer(7);
            model.lastUpdatedTimestamp = query.integer(8);
        }
        if (query.failed())
            return sqlFailure(what, statementError(query));
        if (model.modelId.isEmpty())
            return notFound();
    }
    const auto pairs = [&](const QString &sql, QList<Tag> *into) -> Result<Done> {
        SqliteStatement query(database(), sql);
        if (query.bind({modelId})) {
            while (query.next())
                into->append({query.text(0), query.text(1)});
        }
        if (query.failed())
            return sqlFailure(what, statementError(query));
        return Done {};
    };
    if (auto ok = pairs(QStringLiteral("SELECT tag_key, tag_value FROM %1logged_model_tags WHERE "
                                       "model_id = ? ORDER BY tag_key")
                            .arg(m_layout.loggedModelPrefix),
                        &model.tags);
        !ok)
        return ok.error();
    if (auto ok = pairs(QStringLiteral("SELECT param_key, param_value FROM %1logged_model_params "
                                       "WHERE model_id = ? ORDER BY param_key")
                            .arg(m_layout.loggedModelPrefix),
                        &model.params);
        !ok)
        return ok.error();
    return model;
}

} // namespace ModelDesk
