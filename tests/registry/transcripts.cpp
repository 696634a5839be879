#include "tests/registry/transcripts.h"
#include "tests/registry/storeparams.h"
#include "tests/registry/storesearches.h"

#include "registry/json/mlflowjson.h"
#include "registry/validation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cmath>

using namespace ModelDesk;

namespace TestSupport {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("<unreadable>");
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QString fixturesDir()
{
    const QString dir = qEnvironmentVariable("MODELDESK_FIXTURES");
    if (dir.isEmpty() || !QDir(dir).exists(QStringLiteral("mlflow-2.22/mlflow.db")))
        return {};
    return dir;
}

QList<Exchange> loadTranscripts(const QString &file)
{
    QList<Exchange> exchanges;
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return exchanges;
    int index = 0;
    while (!input.atEnd()) {
        const QByteArray line = input.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        Exchange exchange;
        exchange.index = index++;
        exchange.label = object.value(QStringLiteral("label")).toString();
        exchange.method = object.value(QStringLiteral("method")).toString();
        exchange.path = object.value(QStringLiteral("path")).toString();
        exchange.query = object.value(QStringLiteral("query")).toString();
        if (!object.contains(QStringLiteral("query"))) {
            const qsizetype mark = exchange.path.indexOf(QLatin1Char('?'));
            if (mark >= 0) {
                exchange.query = exchange.path.mid(mark + 1);
                exchange.path.truncate(mark);
            }
        }
        const QJsonObject headers = object.value(QStringLiteral("request_headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            exchange.requestHeaders.append({it.key(), it.value().toString()});
        if (object.value(QStringLiteral("request_body")).isString())
            exchange.requestBody = object.value(QStringLiteral("request_body")).toString().toUtf8();
        exchange.status = object.value(QStringLiteral("status")).toInt();
        exchange.responseBody = object.value(QStringLiteral("response_body")).toString().toUtf8();
        exchanges.append(exchange);
    }
    return exchanges;
}

namespace {

template<typename T, typename Render>
Reply answer(const Result<T> &result, Render render)
{
    if (!result)
        return failure(result.error());
    return json(render(*result));
}

Reply empty(const Result<Done> &result)
{
    if (!result)
        return failure(result.error());
    return json({});
}

} // namespace

Reply replay(SqlBackend &backend, const Exchange &exchange)
{
    return serve(backend, exchange.method, exchange.path, exchange.query, exchange.requestBody);
}

Reply serve(SqlBackend &backend, const QString &method, const QString &requestPath,
            const QString &query, const QByteArray &body)
{
    QString path = requestPath;
    if (path.startsWith(QLatin1String("/api/2.0/mlflow/")))
        path = path.mid(int(qstrlen("/api/2.0/mlflow/")));
    else if (path.startsWith(QLatin1String("/ajax-api/2.0/mlflow/")))
        path = path.mid(int(qstrlen("/ajax-api/2.0/mlflow/")));
    else
        return {};
    const StoreParams params(method, query, body);
    std::optional<RegistryError> typeError;
    const QString name = params.string(QStringLiteral("name"), &typeError);
    if (typeError)
        return failure(*typeError);

    const auto maxResults = [&](int *into) -> std::optional<RegistryError> {
        if (!params.has(QStringLiteral("max_results")))
            return std::nullopt;
        const QString text = params.string(QStringLiteral("max_results"));
        bool ok = false;
        *into = text.toInt(&ok);
        if (!ok) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 QStringLiteral("Invalid value \"%1\" for parameter "
                                                "'max_results' supplied:  Hint: Value was of type "
                                                "'str'. See the API docs for more information "
                                                "about request parameters.")
                                     .arg(text));
        }
        return std::nullopt;
    };
    const auto search = [&](SearchRequest *request) -> std::optional<RegistryError> {
        request->filter = params.string(QStringLiteral("filter"));
        request->orderBy = params.strings(QStringLiteral("order_by"));
        request->pageToken = params.string(QStringLiteral("page_token"));
        return maxResults(&request->maxResults);
    };
    const auto versionParam = [&]() -> Result<qint64> {
        const QString text = params.string(QStringLiteral("version"));
        if (text.isEmpty())
            return missing(QStringLiteral("version"));
        return Validation::parseVersion(text);
    };
    const auto requireName = [&]() -> std::optional<RegistryError> {
        if (name.isEmpty())
            return missing(QStringLiteral("name"));
        return std::nullopt;
    };

    if (path == QLatin1String("registered-models/search") && method == QLatin1String("GET")) {
        SearchRequest request;
        if (auto error = search(&request))
            return failure(*error);
        return answer(backend.searchModels(request), &MlflowJson::searchModelsResponse);
    }
    if (path == QLatin1String("model-versions/search") && method == QLatin1String("GET")) {
        SearchRequest request;
        if (auto error = search(&request))
            return failure(*error);
        return answer(backend.searchVersions(request), [](const Page<ModelVersion> &page) {
            return MlflowJson::searchVersionsResponse(page, MlflowJson::Aliases::Omit);
        });
    }
    if (path == QLatin1String("registered-models/get") && method == QLatin1String("GET")) {
        if (auto error = requireName())
            return failure(*error);
        return answer(backend.model(name), &MlflowJson::registeredModelResponse);
    }
    if (path == QLatin1String("registered-models/get-latest-versions")) {
        if (auto error = requireName())
            return failure(*error);
        return answer(backend.latestVersions(name, params.strings(QStringLiteral("stages"))),
                      &MlflowJson::modelVersionsResponse);
    }
    if (path == QLatin1String("registered-models/alias")) {
        if (auto error = requireName())
            return failure(*error);
        const QString alias = params.string(QStringLiteral("alias"));
        if (method == QLatin1String("GET"))
            return answer(backend.versionByAlias(name, alias), &MlflowJson::modelVersionResponse);
        if (alias.isEmpty())
            return failure(missing(QStringLiteral("alias")));
        if (method == QLatin1String("DELETE"))
            return empty(backend.deleteAlias(name, alias));
        auto number = versionParam();
        if (!number)
            return failure(number.error());
        return empty(backend.setAlias(name, alias, *number));
    }
    if (path == QLatin1String("model-versions/get") || path == QLatin1String("model-versions/get-download-uri")) {
        if (auto error = requireName())
            return failure(*error);
        auto number = versionParam();
        if (!number)
            return failure(number.error());
        if (path.endsWith(QLatin1String("get")))
            return answer(backend.version(name, *number), &MlflowJson::modelVersionResponse);
        return answer(backend.downloadUri(name, *number), [](const QString &uri) {
            return MlflowJson::Value::Object{{QStringLiteral("artifact_uri"), uri}};
        });
    }
    if (path == QLatin1String("registered-models/create") && method == QLatin1String("POST")) {
        if (auto error = requireName())
            return failure(*error);
        return answer(backend.createModel(name, params.string(QStringLiteral("description")),
                                          params.tags()),
                      &MlflowJson::registeredModelResponse);
    }
    if (path == QLatin1String("registered-models/update") && method == QLatin1String("PATCH")) {
        if (auto error = requireName())
            return failure(*error);
        return answer(backend.updateModelDescription(
                          name, params.string(QStringLiteral("description")), std::nullopt),
                      &MlflowJson::registeredModelResponse);
    }
    if (path == QLatin1String("registered-models/rename") && method == QLatin1String("POST")) {
        if (auto error = requireName())
            return failure(*error);
        return answer(backend.renameModel(name, params.string(QStringLiteral("new_name"))),
                      &MlflowJson::registeredModelResponse);
    }
    if (path == QLatin1String("registered-models/delete") && method == QLatin1String("DELETE")) {
        if (auto error = requireName())
            return failure(*error);
        return empty(backend.deleteModel(name));
    }
    if (path == QLatin1String("registered-models/set-tag")
        || path == QLatin1String("registered-models/delete-tag")) {
        if (auto error = requireName())
            return failure(*error);
        const QString key = params.string(QStringLiteral("key"));
        if (key.isEmpty())
            return failure(missing(QStringLiteral("key")));
        if (path.endsWith(QLatin1String("set-tag")))
            return empty(backend.setModelTag(name, key, params.string(QStringLiteral("value"))));
        return empty(backend.deleteModelTag(name, key));
    }
    if (path == QLatin1String("model-versions/create") && method == QLatin1String("POST")) {
        if (auto error = requireName())
            return failure(*error);
        CreateVersionRequest request;
        request.name = name;
        request.source = params.string(QStringLiteral("source"));
        if (request.source.isEmpty())
            return failure(missing(QStringLiteral("source")));
        if (params.has(QStringLiteral("run_id")))
            request.runId = params.string(QStringLiteral("run_id"));
        if (params.has(QStringLiteral("run_link")))
            request.runLink = params.string(QStringLiteral("run_link"));
        if (params.has(QStringLiteral("description")))
            request.description = params.string(QStringLiteral("description"));
        if (params.has(QStringLiteral("model_id")))
            request.modelId = params.string(QStringLiteral("model_id"));
        request.tags = params.tags();
        return answer(backend.createVersion(request), [](const ModelVersion &version) {
            return MlflowJson::Value::Object{
                {QStringLiteral("model_version"),
                 MlflowJson::modelVersion(version, MlflowJson::Aliases::Include)}};
        });
    }
    if (path.startsWith(QLatin1String("model-versions/"))) {
        if (auto error = requireName())
            return failure(*error);
        auto number = versionParam();
        if (!number)
            return failure(number.error());
        if (path == QLatin1String("model-versions/update")) {
            std::optional<QString> description;
            if (params.has(QStringLiteral("description")))
                description = params.string(QStringLiteral("description"));
            return answer(backend.updateVersionDescription(name, *number, description,
                                                           std::nullopt),
                          &MlflowJson::modelVersionResponse);
        }
        if (path == QLatin1String("model-versions/delete"))
            return empty(backend.deleteVersion(name, *number));
        if (path == QLatin1String("model-versions/transition-stage")) {
            const QString stage = params.string(QStringLiteral("stage"));
            if (stage.isEmpty())
                return failure(missing(QStringLiteral("stage")));
            return answer(backend.transitionStage(name, *number, stage,
                                                  params.boolean(QStringLiteral(
                                                      "archive_existing_versions"))
                                                      ? ArchiveExisting::Yes
                                                      : ArchiveExisting::No),
                          &MlflowJson::modelVersionResponse);
        }
        const QString key = params.string(QStringLiteral("key"));
        if (key.isEmpty())
            return failure(missing(QStringLiteral("key")));
        if (path == QLatin1String("model-versions/set-tag"))
            return empty(backend.setVersionTag(name, *number, key,
                                               params.string(QStringLiteral("value"))));
        if (path == QLatin1String("model-versions/delete-tag"))
            return empty(backend.deleteVersionTag(name, *number, key));
        return {};
    }
    if (path == QLatin1String("experiments/search"))
        return searchExperiments(backend, params);
    if (path == QLatin1String("experiments/get") && method == QLatin1String("GET")) {
        return answer(backend.experiment(params.string(QStringLiteral("experiment_id"))),
                      [](const Experiment &experiment) {
                          return MlflowJson::Value::Object{
                              {QStringLiteral("experiment"), MlflowJson::experiment(experiment)}};
                      });
    }
    if (path.startsWith(QLatin1String("logged-models/")) && method == QLatin1String("GET")
        && path.count(QLatin1Char('/')) == 1 && path != QLatin1String("logged-models/search")) {
        return answer(backend.loggedModelInfo(path.section(QLatin1Char('/'), 1)),
                      [](const LoggedModel &model) {
                          return MlflowJson::Value::Object{
                              {QStringLiteral("model"), MlflowJson::loggedModel(model)}};
                      });
    }
    if (path == QLatin1String("runs/search") && method == QLatin1String("POST"))
        return searchRuns(backend, params);
    if (path == QLatin1String("runs/get")) {
        return answer(backend.run(params.string(QStringLiteral("run_id"))), [](const Run &run) {
            return MlflowJson::Value::Object{{QStringLiteral("run"), MlflowJson::run(run)}};
        });
    }
    if (path == QLatin1String("metrics/get-history")) {
        int limit = 0;
        if (auto error = maxResults(&limit))
            return failure(*error);
        if (!params.has(QStringLiteral("max_results")))
            return {}; // MLflow's zero-max_results quirk is not a store behaviour
        auto points = backend.metricHistory(params.string(QStringLiteral("run_id")),
                                            params.string(QStringLiteral("metric_key")));
        if (!points)
            return failure(points.error());
        // MLflow 2.22's SQL store answers the whole history whatever max_results says.
        MlflowJson::Value::Array array;
        for (const Metric &point : std::as_const(*points))
            array.append(MlflowJson::metric(point));
        MlflowJson::Value::Object object;
        if (!array.isEmpty())
            object.append({QStringLiteral("metrics"), array});
        return json(object);
    }
    return {};
}

bool jsonEquivalent(const QJsonValue &actual, const QJsonValue &expected,
                    const QStringList &ignoredKeys, QString *where)
{
    const auto differ = [&](const QString &path) {
        if (where) {
            *where = path + QStringLiteral(": got ")
                     + QString::fromUtf8(QJsonDocument(QJsonArray{actual}).toJson(
                         QJsonDocument::Compact))
                     + QStringLiteral(", MLflow answered ")
                     + QString::fromUtf8(QJsonDocument(QJsonArray{expected}).toJson(
                         QJsonDocument::Compact));
        }
        return false;
    };
    if (actual.type() != expected.type())
        return differ(QStringLiteral("type"));
    if (actual.isObject()) {
        const QJsonObject a = actual.toObject();
        const QJsonObject e = expected.toObject();
        QStringList keys = a.keys() + e.keys();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys)) {
            if (ignoredKeys.contains(key))
                continue;
            if (a.contains(key) != e.contains(key))
                return differ(QStringLiteral("key '%1' present in only one").arg(key));
            QString inner;
            if (!jsonEquivalent(a.value(key), e.value(key), ignoredKeys, &inner)) {
                if (where)
                    *where = key + QLatin1Char('.') + inner;
                return false;
            }
        }
        return true;
    }
    if (actual.isArray()) {
        const QJsonArray a = actual.toArray();
        const QJsonArray e = expected.toArray();
        if (a.size() != e.size())
            return differ(QStringLiteral("array length %1 vs %2").arg(a.size()).arg(e.size()));
        for (int i = 0; i < a.size(); ++i) {
            QString inner;
            if (!jsonEquivalent(a.at(i), e.at(i), ignoredKeys, &inner)) {
                if (where)
                    *where = QStringLiteral("[%1].").arg(i) + inner;
                return false;
            }
        }
        return true;
    }
    if (actual.isDouble()) {
        const double a = actual.toDouble();
        const double e = expected.toDouble();
        if (a == e || std::abs(a - e) <= 1e-12 * std::max(std::abs(a), std::abs(e)))
            return true;
        return differ(QStringLiteral("number"));
    }
    if (actual != expected)
        return differ(QStringLiteral("value"));
    return true;
}

} // namespace TestSupport
