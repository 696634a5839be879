#pragma once

#include "registry/error.h"
#include "registry/types.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <utility>
#include <variant>

// Registry objects as MLflow's REST API writes them: snake_case fields in proto order,
// versions and experiment ids as strings, int64 as numbers, NaN as "NaN", unset fields and
// empty lists omitted. Keys keep their order (QJsonObject would sort them), so output can be
// diffed against a server's answer.
namespace ModelDesk::MlflowJson {

// An ordered JSON value.
class Value
{
public:
    using Array = QList<Value>;
    using Member = std::pair<QString, Value>;
    using Object = QList<Member>;

    Value() = default; // null
    Value(bool value) : m_data(value) {}
    Value(qint64 value) : m_data(value) {}
    Value(int value) : m_data(qint64(value)) {}
    Value(double value) : m_data(value) {}
    Value(const QString &value) : m_data(value) {}
    Value(const char *) = delete;
    Value(Array value) : m_data(std::make_shared<Array>(std::move(value))) {}
    Value(Object value) : m_data(std::make_shared<Object>(std::move(value))) {}

    // Pretty-printed with two-space indents, as MLflow's server prints.
    QByteArray toJson() const;
    // Appends the value as toJson() prints it at nesting depth `indent`.
    void write(QByteArray &out, int indent) const;

private:
    std::variant<std::monostate, bool, qint64, double, QString, std::shared_ptr<Array>,
                 std::shared_ptr<Object>>
        m_data;
};

enum class Aliases { Omit, Include };

Value::Object modelVersion(const ModelVersion &version, Aliases aliases);
Value::Object registeredModel(const RegisteredModel &model);
Value::Object run(const Run &run);
Value::Object experiment(const Experiment &experiment);
Value::Object loggedModel(const LoggedModel &model); // {"info": ..., "data": ...}
Value::Object metric(const Metric &metric);
Value::Object error(const RegistryError &error);

// Whole response bodies.
Value::Object searchModelsResponse(const Page<RegisteredModel> &page);
Value::Object searchVersionsResponse(const Page<ModelVersion> &page, Aliases aliases);
Value::Object registeredModelResponse(const RegisteredModel &model);
Value::Object modelVersionResponse(const ModelVersion &version);
Value::Object modelVersionsResponse(const QList<ModelVersion> &versions);
Value::Object runResponse(const Run &run);
Value::Object metricHistoryResponse(const QList<Metric> &points, const QString &nextPageToken = {});
Value::Object artifactListResponse(const ArtifactListing &listing);

} // namespace ModelDesk::MlflowJson
