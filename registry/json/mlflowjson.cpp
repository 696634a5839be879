#include "registry/json/mlflowjson.h"

#include <QLocale>

#include <charconv>
#include <cmath>

namespace ModelDesk::MlflowJson {

namespace {

void writeString(QByteArray &out, const QString &text)
{
    // Encodes UTF-8 in place rather than through a temporary per run of plain text: strings
    // are most of a 200,000-version listing. A lone surrogate becomes '?', as Qt's toUtf8()
    // writes it.
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    const char16_t *chars = reinterpret_cast<const char16_t *>(text.constData());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t code = chars[i];
        if (code < 0x80) {
            if (code >= 0x20 && code != u'"' && code != u'\\') {
                out += char(code);
                continue;
            }
            switch (code) {
            case u'"': out += "\\\""; break;
            case u'\\': out += "\\\\"; break;
            case u'\n': out += "\\n"; break;
            case u'\r': out += "\\r"; break;
            case u'\t': out += "\\t"; break;
            case u'\b': out += "\\b"; break;
            case u'\f': out += "\\f"; break;
            default:
                out += "\\u" + QByteArray::number(code, 16).rightJustified(4, '0');
            }
            continue;
        }
        char32_t point = code;
        if (QChar::isHighSurrogate(code) && i + 1 < size && QChar::isLowSurrogate(chars[i + 1])) {
            point = QChar::surrogateToUcs4(code, chars[++i]);
        } else if (QChar::isSurrogate(code)) {
            out += '?';
            continue;
        }
        if (point < 0x800) {
            out += char(0xC0 | (point >> 6));
        } else if (point < 0x10000) {
            out += char(0xE0 | (point >> 12));
            out += char(0x80 | ((point >> 6) & 0x3F));
        } else {
            out += char(0xF0 | (point >> 18));
            out += char(0x80 | ((point >> 12) & 0x3F));
            out += char(0x80 | ((point >> 6) & 0x3F));
        }
        out += char(0x80 | (point & 0x3F));
    }
    out += '"';
}

void newline(QByteArray &out, int indent)
{
    out += '\n';
    out.append(indent * 2, ' ');
}

} // namespace

QByteArray Value::toJson() const
{
    QByteArray out;
    write(out, 0);
    return out;
}

void Value::write(QByteArray &out, int indent) const
{
    if (std::holds_alternative<std::monostate>(m_data)) {
        out += "null";
    } else if (const bool *flag = std::get_if<bool>(&m_data)) {
        out += *flag ? "true" : "false";
    } else if (const qint64 *integer = std::get_if<qint64>(&m_data)) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, *integer).ptr;
        out.append(digits, end - digits);
    } else if (const double *number = std::get_if<double>(&m_data)) {
        if (std::isnan(*number))
            out += "\"NaN\"";
        else if (std::isinf(*number))
            out += *number > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        else
            out += QByteArray::number(*number, 'g', QLocale::FloatingPointShortest);
    } else if (const QString *text = std::get_if<QString>(&m_data)) {
        writeString(out, *text);
    } else if (const auto *array = std::get_if<std::shared_ptr<Array>>(&m_data)) {
        if ((*array)->isEmpty()) {
            out += "[]";
            return;
        }
        out += '[';
        bool first = true;
        for (const Value &item : **array) {
            if (!first)
                out += ',';
            first = false;
            newline(out, indent + 1);
            item.write(out, indent + 1);
        }
        newline(out, indent);
        out += ']';
    } else if (const auto *object = std::get_if<std::shared_ptr<Object>>(&m_data)) {
        if ((*object)->isEmpty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const Member &member : **object) {
            if (!first)
                out += ',';
            first = false;
            newline(out, indent + 1);
            writeString(out, member.first);
            out += ": ";
            member.second.write(out, indent + 1);
        }
        newline(out, indent);
        out += '}';
    }
}

namespace {

Value::Array tagArray(const QList<Tag> &tags)
{
    Value::Array array;
    for (const Tag &tag : tags)
        array.append(Value::Object{{QStringLiteral("key"), tag.key},
                                   {QStringLiteral("value"), tag.value}});
    return array;
}

} // namespace

Value::Object modelVersion(const ModelVersion &version, Aliases aliases)
{
    Value::Object object{
        {QStringLiteral("name"), version.name},
        {QStringLiteral("version"), QString::number(version.version)},
        {QStringLiteral("creation_timestamp"), version.creationTimestamp},
        {QStringLiteral("last_updated_timestamp"), version.lastUpdatedTimestamp},
    };
    object.reserve(14); // every field below; one allocation per version, not four
    if (version.userId)
        object.append({QStringLiteral("user_id"), *version.userId});
    object.append({QStringLiteral("current_stage"), version.currentStage});
    if (version.description)
        object.append({QStringLiteral("description"), *version.description});
    object.append({QStringLiteral("source"), version.source});
    if (version.runId)
        object.append({QStringLiteral("run_id"), *version.runId});
    object.append({QStringLiteral("status"), version.status});
    if (version.statusMessage && !version.statusMessage->isEmpty())
        object.append({QStringLiteral("status_message"), *version.statusMessage});
    if (!version.tags.isEmpty())
        object.append({QStringLiteral("tags"), tagArray(version.tags)});
    if (version.runLink)
        object.append({QStringLiteral("run_link"), *version.runLink});
    if (aliases == Aliases::Include && !version.aliases.isEmpty()) {
        Value::Array array;
        for (const QString &alias : version.aliases)
            array.append(alias);
        object.append({QStringLiteral("aliases"), array});
    }
    return object;
}

Value::Object registeredModel(const RegisteredModel &model)
{
    Value::Object object{
        {QStringLiteral("name"), model.name},
        {QStringLiteral("creation_timestamp"), model.creationTimestamp},
    };
    if (model.lastUpdatedTimestamp != 0)
        object.append({QStringLiteral("last_updated_timestamp"), model.lastUpdatedTimestamp});
    if (!model.description.isEmpty())
        object.append({QStringLiteral("description"), model.description});
    if (!model.latestVersions.isEmpty()) {
        Value::Array array;
        for (const ModelVersion &version : model.latestVersions)
            array.append(modelVersion(version, Aliases::Omit));
        object.append({QStringLiteral("latest_versions"), array});
    }
    if (!model.tags.isEmpty())
        object.append({QStringLiteral("tags"), tagArray(model.tags)});
    if (!model.aliases.isEmpty()) {
        Value::Array array;
        for (const Alias &alias : model.aliases)
            array.append(Value::Object{{QStringLiteral("alias"), alias.alias},
                                       {QStringLiteral("version"), QString::number(alias.version)}});
        object.append({QStringLiteral("aliases"), array});
    }
    return object;
}

Value::Object metric(const Metric &point)
{
    return {{QStringLiteral("key"), point.key},
            {QStringLiteral("value"), point.value},
            {QStringLiteral("timestamp"), point.timestamp},
            {QStringLiteral("step"), point.step}};
}

Value::Object experiment(const Experiment &experiment)
{
    Value::Object object{
        {QStringLiteral("experiment_id"), experiment.experimentId},
        {QStringLiteral("name"), experiment.name},
        {QStringLiteral("artifact_location"), experiment.artifactLocation},
        {QStringLiteral("lifecycle_stage"), experiment.lifecycleStage},
        {QStringLiteral("last_update_time"), experiment.lastUpdateTime},
        {QStringLiteral("creation_time"), experiment.creationTime},
    };
    if (!experiment.tags.isEmpty())
        object.append({QStringLiteral("tags"), tagArray(experiment.tags)});
    return object;
}

Value::Object loggedModel(const LoggedModel &model)
{
    Value::Object info{
        {QStringLiteral("model_id"), model.modelId},
        {QStringLiteral("experiment_id"), model.experimentId},
        {QStringLiteral("name"), model.name},
        {QStringLiteral("creation_timestamp_ms"), model.creationTimestamp},
        {QStringLiteral("last_updated_timestamp_ms"), model.lastUpdatedTimestamp},
        {QStringLiteral("artifact_uri"), model.artifactUri},
        {QStringLiteral("status"), model.status},
        {QStringLiteral("model_type"), model.modelType},
    };
    if (!model.sourceRunId.isEmpty())
        info.append({QStringLiteral("source_run_id"), model.sourceRunId});
    if (!model.tags.isEmpty())
        info.append({QStringLiteral("tags"), tagArray(model.tags)});
    Value::Object data;
    if (!model.params.isEmpty())
        data.append({QStringLiteral("params"), tagArray(model.params)});
    return {{QStringLiteral("info"), info}, {QStringLiteral("data"), data}};
}

Value::Object run(const Run &run)
{
    Value::Object info{
        {QStringLiteral("run_uuid"), run.info.runId},
        {QStringLiteral("experiment_id"), run.info.experimentId},
        {QStringLiteral("run_name"), run.info.runName},
        {QStringLiteral("user_id"), run.info.userId},
        {QStringLiteral("status"), run.info.status},
        {QStringLiteral("start_time"), run.info.startTime},
    };
    if (run.info.endTime)
        info.append({QStringLiteral("end_time"), *run.info.endTime});
    info.append({QStringLiteral("artifact_uri"), run.info.artifactUri});
    info.append({QStringLiteral("lifecycle_stage"), run.info.lifecycleStage});
    info.append({QStringLiteral("run_id"), run.info.runId});

    Value::Object data;
    if (!run.metrics.isEmpty()) {
        Value::Array metrics;
        for (const Metric &point : run.metrics)
            metrics.append(metric(point));
        data.append({QStringLiteral("metrics"), metrics});
    }
    if (!run.params.isEmpty())
        data.append({QStringLiteral("params"), tagArray(run.params)});
    if (!run.tags.isEmpty())
        data.append({QStringLiteral("tags"), tagArray(run.tags)});

    Value::Object inputs;
    if (!run.datasetInputs.isEmpty()) {
        Value::Array datasetInputs;
        for (const DatasetInput &input : run.datasetInputs) {
            Value::Object dataset{{QStringLiteral("name"), input.dataset.name},
                                  {QStringLiteral("digest"), input.dataset.digest},
                                  {QStringLiteral("source_type"), input.dataset.sourceType},
                                  {QStringLiteral("source"), input.dataset.source}};
            if (!input.dataset.schema.isEmpty())
                dataset.append({QStringLiteral("schema"), input.dataset.schema});
            if (!input.dataset.profile.isEmpty())
                dataset.append({QStringLiteral("profile"), input.dataset.profile});
            Value::Object entry;
            if (!input.tags.isEmpty())
                entry.append({QStringLiteral("tags"), tagArray(input.tags)});
            entry.append({QStringLiteral("dataset"), dataset});
            datasetInputs.append(entry);
        }
        inputs.append({QStringLiteral("dataset_inputs"), datasetInputs});
    }
    if (!run.modelInputs.isEmpty()) {
        Value::Array models;
        for (const QString &modelId : run.modelInputs)
            models.append(Value::Object{{QStringLiteral("model_id"), modelId}});
        inputs.append({QStringLiteral("model_inputs"), models});
    }
    Value::Object object{{QStringLiteral("info"), info},
                         {QStringLiteral("data"), data},
                         {QStringLiteral("inputs"), inputs}};
    if (run.modelOutputs) {
        Value::Object outputs;
        if (!run.modelOutputs->isEmpty()) {
            Value::Array models;
            for (const ModelOutput &output : *run.modelOutputs)
                models.append(Value::Object{{QStringLiteral("model_id"), output.modelId},
                                            {QStringLiteral("step"), output.step}});
            outputs.append({QStringLiteral("model_outputs"), models});
        }
        object.append({QStringLiteral("outputs"), outputs});
    }
    return object;
}

Value::Object error(const RegistryError &failure)
{
    return {{QStringLiteral("error_code"), failure.mlflowCode()},
            {QStringLiteral("message"), failure.message()}};
}

Value::Object searchModelsResponse(const Page<RegisteredModel> &page)
{
    Value::Object object;
    if (!page.items.isEmpty()) {
        Value::Array models;
        for (const RegisteredModel &model : page.items)
            models.append(registeredModel(model));
        object.append({QStringLiteral("registered_models"), models});
    }
    if (!page.nextPageToken.isEmpty())
        object.append({QStringLiteral("next_page_token"), page.nextPageToken});
    return object;
}

Value::Object searchVersionsResponse(const Page<ModelVersion> &page, Aliases aliases)
{
    Value::Object object;
    if (!page.items.isEmpty()) {
        Value::Array versions;
        for (const ModelVersion &version : page.items)
            versions.append(modelVersion(version, aliases));
        object.append({QStringLiteral("model_versions"), versions});
    }
    if (!page.nextPageToken.isEmpty())
        object.append({QStringLiteral("next_page_token"), page.nextPageToken});
    return object;
}

Value::Object registeredModelResponse(const RegisteredModel &model)
{
    return {{QStringLiteral("registered_model"), registeredModel(model)}};
}

Value::Object modelVersionResponse(const ModelVersion &version)
{
    return {{QStringLiteral("model_version"), modelVersion(version, Aliases::Include)}};
}

Value::Object modelVersionsResponse(const QList<ModelVersion> &versions)
{
    Value::Object object;
    if (!versions.isEmpty()) {
        Value::Array array;
        for (const ModelVersion &version : versions)
            array.append(modelVersion(version, Aliases::Include));
        object.append({QStringLiteral("model_versions"), array});
    }
    return object;
}

Value::Object runResponse(const Run &value)
{
    return {{QStringLiteral("run"), run(value)}};
}

Value::Object metricHistoryResponse(const QList<Metric> &points, const QString &nextPageToken)
{
    Value::Object object;
    if (!points.isEmpty()) {
        Value::Array array;
        for (const Metric &point : points)
            array.append(metric(point));
        object.append({QStringLiteral("metrics"), array});
    }
    if (!nextPageToken.isEmpty())
        object.append({QStringLiteral("next_page_token"), nextPageToken});
    return object;
}

Value::Object artifactListResponse(const ArtifactListing &listing)
{
    Value::Object object{{QStringLiteral("root_uri"), listing.rootUri}};
    if (!listing.files.isEmpty()) {
        Value::Array files;
        for (const ArtifactFile &file : listing.files) {
            Value::Object entry{{QStringLiteral("path"), file.path},
                                {QStringLiteral("is_dir"), file.isDir}};
            if (file.fileSize)
                entry.append({QStringLiteral("file_size"), *file.fileSize});
            files.append(entry);
        }
        object.append({QStringLiteral("files"), files});
    }
    return object;
}

} // namespace ModelDesk::MlflowJson
