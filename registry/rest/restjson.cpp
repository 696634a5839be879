#include "registry/rest/restjson.h"

#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace ModelDesk::RestJson {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

} // namespace

void Reader::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

std::optional<QString> Reader::optionalString(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        fail(QStringLiteral("\"%1\" is %2, not a string").arg(key, typeName(value)));
        return std::nullopt;
    }
    return value.toString();
}

QString Reader::string(const QJsonObject &object, const QString &key)
{
    return optionalString(object, key).value_or(QString());
}

std::optional<qint64> Reader::optionalInt64(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number) && number == std::floor(number)
            && std::fabs(number) <= 9.2e18) {
            return static_cast<qint64>(number);
        }
    } else if (value.isString()) {
        // Databricks, GraphQL and proxies write int64 as decimal strings.
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return number;
    }
    fail(QStringLiteral("\"%1\" is %2, not an integer")
             .arg(key, value.isString() ? QStringLiteral("\"%1\"").arg(value.toString().left(40))
                                        : typeName(value)));
    return std::nullopt;
}

qint64 Reader::int64(const QJsonObject &object, const QString &key)
{
    return optionalInt64(object, key).value_or(0);
}

double Reader::real(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.compare(QLatin1String("NaN"), Qt::CaseInsensitive) == 0)
            return std::numeric_limits<double>::quiet_NaN();
        if (text.compare(QLatin1String("Infinity"), Qt::CaseInsensitive) == 0
            || text.compare(QLatin1String("inf"), Qt::CaseInsensitive) == 0) {
            return std::numeric_limits<double>::infinity();
        }
        if (text.compare(QLatin1String("-Infinity"), Qt::CaseInsensitive) == 0
            || text.compare(QLatin1String("-inf"), Qt::CaseInsensitive) == 0) {
            return -std::numeric_limits<double>::infinity();
        }
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (ok)
            return number;
    }
    if (value.isUndefined())
        return 0; // proto2: an unset double reads as 0
    fail(QStringLiteral("\"%1\" is %2, not a number").arg(key, typeName(value)));
    return 0;
}

bool Reader::boolean(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return false;
    if (value.isBool())
        return value.toBool();
    fail(QStringLiteral("\"%1\" is %2, not a boolean").arg(key, typeName(value)));
    return false;
}

QJsonObject Reader::object(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isObject())
        fail(QStringLiteral("\"%1\" is %2, not an object").arg(key, typeName(value)));
    return value.toObject();
}

QJsonArray Reader::array(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        fail(QStringLiteral("\"%1\" is %2, not a list").arg(key, typeName(value)));
    return value.toArray();
}

QList<QJsonObject> Reader::objects(const QJsonObject &object, const QString &key)
{
    QList<QJsonObject> result;
    const QJsonArray values = array(object, key);
    result.reserve(values.size());
    for (const QJsonValue &value : values) {
        if (!value.isObject()) {
            fail(QStringLiteral("an entry of \"%1\" is %2, not an object")
                     .arg(key, typeName(value)));
            break;
        }
        result.append(value.toObject());
    }
    return result;
}

QList<Tag> Reader::tags(const QJsonObject &object, const QString &key)
{
    QList<Tag> result;
    for (const QJsonObject &entry : objects(object, key))
        result.append(Tag{string(entry, QStringLiteral("key")),
                          string(entry, QStringLiteral("value"))});
    return result;
}

ModelVersion Reader::modelVersion(const QJsonObject &object)
{
    ModelVersion version;
    version.name = string(object, QStringLiteral("name"));
    version.version = int64(object, QStringLiteral("version"));
    version.creationTimestamp = int64(object, QStringLiteral("creation_timestamp"));
    version.lastUpdatedTimestamp = int64(object, QStringLiteral("last_updated_timestamp"));
    version.userId = optionalString(object, QStringLiteral("user_id"));
    version.currentStage = string(object, QStringLiteral("current_stage"));
    version.description = optionalString(object, QStringLiteral("description"));
    version.source = string(object, QStringLiteral("source"));
    version.runId = optionalString(object, QStringLiteral("run_id"));
    version.status = string(object, QStringLiteral("status"));
    version.statusMessage = optionalString(object, QStringLiteral("status_message"));
    version.tags = tags(object);
    version.runLink = optionalString(object, QStringLiteral("run_link"));
    const QJsonArray aliases = array(object, QStringLiteral("aliases"));
    for (const QJsonValue &alias : aliases)
        version.aliases.append(alias.toString());
    if (version.name.isEmpty())
        fail(QStringLiteral("a model version has no name"));
    return version;
}

RegisteredModel Reader::registeredModel(const QJsonObject &object)
{
    RegisteredModel model;
    model.name = string(object, QStringLiteral("name"));
    model.creationTimestamp = int64(object, QStringLiteral("creation_timestamp"));
    model.lastUpdatedTimestamp = int64(object, QStringLiteral("last_updated_timestamp"));
    model.description = string(object, QStringLiteral("description"));
    for (const QJsonObject &entry : objects(object, QStringLiteral("latest_versions")))
        model.latestVersions.append(modelVersion(entry));
    model.tags = tags(object);
    for (const QJsonObject &entry : objects(object, QStringLiteral("aliases")))
        model.aliases.append(Alias{string(entry, QStringLiteral("alias")),
                                   int64(entry, QStringLiteral("version"))});
    if (model.name.isEmpty())
        fail(QStringLiteral("a registered model has no name"));
    return model;
}

Metric Reader::metric(const QJsonObject &object)
{
    Metric point;
    point.key = string(object, QStringLiteral("key"));
    point.value = real(object, QStringLiteral("value"));
    point.timestamp = int64(object, QStringLiteral("timestamp"));
    point.step = int64(object, QStringLiteral("step"));
    return point;
}

Run Reader::run(const QJsonObject &object)
{
    Run run;
    const QJsonObject info = this->object(object, QStringLiteral("info"));
    run.info.runId = string(info, QStringLiteral("run_id"));
    if (run.info.runId.isEmpty())
        run.info.runId = string(info, QStringLiteral("run_uuid"));
    run.info.experimentId = string(info, QStringLiteral("experiment_id"));
    run.info.runName = string(info, QStringLiteral("run_name"));
    run.info.userId = string(info, QStringLiteral("user_id"));
    run.info.status = string(info, QStringLiteral("status"));
    run.info.startTime = int64(info, QStringLiteral("start_time"));
    run.info.endTime = optionalInt64(info, QStringLiteral("end_time"));
    run.info.artifactUri = string(info, QStringLiteral("artifact_uri"));
    run.info.lifecycleStage = string(info, QStringLiteral("lifecycle_stage"));

    const QJsonObject data = this->object(object, QStringLiteral("data"));
    for (const QJsonObject &entry : objects(data, QStringLiteral("metrics")))
        run.metrics.append(metric(entry));
    run.params = tags(data, QStringLiteral("params"));
    run.tags = tags(data, QStringLiteral("tags"));

    const QJsonObject inputs = this->object(object, QStringLiteral("inputs"));
    for (const QJsonObject &entry : objects(inputs, QStringLiteral("dataset_inputs"))) {
        DatasetInput input;
        input.tags = tags(entry);
        const QJsonObject dataset = this->object(entry, QStringLiteral("dataset"));
        input.dataset.name = string(dataset, QStringLiteral("name"));
        input.dataset.digest = string(dataset, QStringLiteral("digest"));
        input.dataset.sourceType = string(dataset, QStringLiteral("source_type"));
        input.dataset.source = string(dataset, QStringLiteral("source"));
        input.dataset.schema = string(dataset, QStringLiteral("schema"));
        input.dataset.profile = string(dataset, QStringLiteral("profile"));
        run.datasetInputs.append(input);
    }
    for (const QJsonObject &entry : objects(inputs, QStringLiteral("model_inputs")))
        run.modelInputs.append(string(entry, QStringLiteral("model_id")));
    if (object.contains(QLatin1String("outputs"))) {
        const QJsonObject outputs = this->object(object, QStringLiteral("outputs"));
        run.modelOutputs.emplace();
        for (const QJsonObject &entry : objects(outputs, QStringLiteral("model_outputs")))
            run.modelOutputs->append(ModelOutput{string(entry, QStringLiteral("model_id")),
                                                 int64(entry, QStringLiteral("step"))});
    }
    if (run.info.runId.isEmpty())
        fail(QStringLiteral("the run has no run_id"));
    return run;
}

ArtifactListing Reader::artifactListing(const QJsonObject &object)
{
    ArtifactListing listing;
    listing.rootUri = string(object, QStringLiteral("root_uri"));
    for (const QJsonObject &entry : objects(object, QStringLiteral("files"))) {
        ArtifactFile file;
        file.path = string(entry, QStringLiteral("path"));
        file.isDir = boolean(entry, QStringLiteral("is_dir"));
        file.fileSize = optionalInt64(entry, QStringLiteral("file_size"));
        listing.files.append(file);
    }
    return listing;
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return RegistryError(ErrorCode::InternalError,
                             QStringLiteral("%1 at byte %2").arg(error.errorString())
                                 .arg(error.offset));
    }
    if (!document.isObject()) {
        return RegistryError(ErrorCode::InternalError,
                             QStringLiteral("the answer is not a JSON object"));
    }
    return document.object();
}

} // namespace ModelDesk::RestJson
