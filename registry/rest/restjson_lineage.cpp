// RestJson::Reader: what a lineage graph reads besides versions and runs (rest.md §7.2, §7.8).
#include "registry/rest/restjson.h"

namespace ModelDesk::RestJson {

Experiment Reader::experiment(const QJsonObject &object)
{
    Experiment experiment;
    experiment.experimentId = string(object, QStringLiteral("experiment_id"));
    experiment.name = string(object, QStringLiteral("name"));
    experiment.artifactLocation = string(object, QStringLiteral("artifact_location"));
    experiment.lifecycleStage = string(object, QStringLiteral("lifecycle_stage"));
    experiment.creationTime = int64(object, QStringLiteral("creation_time"));
    experiment.lastUpdateTime = int64(object, QStringLiteral("last_update_time"));
    experiment.tags = tags(object);
    return experiment;
}

LoggedModel Reader::loggedModel(const QJsonObject &object)
{
    LoggedModel model;
    const QJsonObject info = this->object(object, QStringLiteral("info"));
    model.modelId = string(info, QStringLiteral("model_id"));
    model.name = string(info, QStringLiteral("name"));
    model.experimentId = string(info, QStringLiteral("experiment_id"));
    model.sourceRunId = string(info, QStringLiteral("source_run_id"));
    model.artifactUri = string(info, QStringLiteral("artifact_uri"));
    model.status = string(info, QStringLiteral("status"));
    model.modelType = string(info, QStringLiteral("model_type"));
    model.creationTimestamp = int64(info, QStringLiteral("creation_timestamp_ms"));
    model.lastUpdatedTimestamp = int64(info, QStringLiteral("last_updated_timestamp_ms"));
    model.tags = tags(info);
    model.params = tags(this->object(object, QStringLiteral("data")), QStringLiteral("params"));
    if (model.modelId.isEmpty())
        fail(QStringLiteral("the logged model has no model_id"));
    return model;
}

} // namespace ModelDesk::RestJson
