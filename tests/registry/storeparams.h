#pragma once

// Test support, inside the store replay (transcripts.cpp, storesearches.cpp): a request's
// parameters and the answers MLflow's REST layer gives.
#include "registry/json/mlflowjson.h"
#include "tests/registry/transcripts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

namespace TestSupport {

using ModelDesk::ErrorCode;
using ModelDesk::RegistryError;
using ModelDesk::Tag;
namespace MlflowJson = ModelDesk::MlflowJson;

// Request parameters: the query string for GET, the JSON body otherwise (MLflow's rule).
class StoreParams
{
public:
    StoreParams(const QString &method, const QString &rawQuery, const QByteArray &body)
    {
        if (method == QLatin1String("GET") && !rawQuery.isEmpty()) {
            QString query = rawQuery;
            query.replace(QLatin1Char('+'), QStringLiteral("%20"));
            const QUrlQuery parsed(query);
            for (const auto &[key, value] : parsed.queryItems(QUrl::FullyDecoded))
                m_query.append({key, value});
            m_fromQuery = true;
        } else {
            m_body = QJsonDocument::fromJson(body).object();
        }
    }

    // A string parameter; `typeError` is set when the body holds another JSON type.
    QString string(const QString &key, std::optional<RegistryError> *typeError = nullptr) const
    {
        if (m_fromQuery) {
            for (const auto &[name, value] : m_query) {
                if (name == key)
                    return value;
            }
            return {};
        }
        const QJsonValue value = m_body.value(key);
        if (value.isDouble() && typeError) {
            *typeError = RegistryError(
                ErrorCode::InvalidParameterValue,
                QStringLiteral("Invalid value %1 for parameter '%2' supplied:  Hint: Value was of "
                               "type 'int'. See the API docs for more information about request "
                               "parameters.")
                    .arg(value.toInteger())
                    .arg(key));
        }
        return value.toString();
    }
    bool has(const QString &key) const
    {
        if (m_fromQuery) {
            for (const auto &[name, value] : m_query) {
                if (name == key)
                    return true;
            }
            return false;
        }
        return m_body.contains(key);
    }
    QStringList strings(const QString &key) const
    {
        QStringList values;
        if (m_fromQuery) {
            for (const auto &[name, value] : m_query) {
                if (name == key)
                    values << value;
            }
        } else {
            for (const QJsonValue &value : m_body.value(key).toArray())
                values << value.toString();
        }
        return values;
    }
    bool boolean(const QString &key) const { return m_body.value(key).toBool(); }
    // A body parameter as sent (a POST's numbers and lists); undefined for a GET.
    QJsonValue bodyValue(const QString &key) const { return m_body.value(key); }
    bool fromQuery() const { return m_fromQuery; }
    QList<Tag> tags() const
    {
        QList<Tag> tags;
        for (const QJsonValue &value : m_body.value(QStringLiteral("tags")).toArray()) {
            tags.append({value[QStringLiteral("key")].toString(),
                         value[QStringLiteral("value")].toString()});
        }
        return tags;
    }

private:
    bool m_fromQuery = false;
    QList<std::pair<QString, QString>> m_query;
    QJsonObject m_body;
};

inline Reply json(const MlflowJson::Value::Object &object)
{
    return {true, 200, MlflowJson::Value(object).toJson(), QByteArrayLiteral("application/json")};
}

inline Reply failure(const RegistryError &error)
{
    return {true, error.httpStatus(), MlflowJson::Value(MlflowJson::error(error)).toJson(),
            QByteArrayLiteral("application/json")};
}

inline RegistryError missing(const QString &key)
{
    return RegistryError(ErrorCode::InvalidParameterValue,
                         QStringLiteral("Missing value for required parameter '%1'. See the API "
                                        "docs for more information about request parameters.")
                             .arg(key));
}

} // namespace TestSupport
