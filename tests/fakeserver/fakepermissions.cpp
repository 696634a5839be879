#include "tests/fakeserver/fakepermissions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace TestSupport {

namespace {

using Method = QHttpServerRequest::Method;

int rank(const QString &permission)
{
    static const QStringList order{QStringLiteral("NO_PERMISSIONS"), QStringLiteral("READ"),
                                   QStringLiteral("EDIT"), QStringLiteral("MANAGE")};
    return int(order.indexOf(permission));
}

QString parameter(const QHttpServerRequest &request, const QString &key)
{
    const QString fromQuery
        = QUrlQuery(request.url()).queryItemValue(key, QUrl::FullyDecoded);
    if (!fromQuery.isEmpty() || request.method() == Method::Get)
        return fromQuery;
    return QJsonDocument::fromJson(request.body()).object().value(key).toString();
}

QString permissionOn(const FakeUserPermissions &permissions, const QString &model)
{
    if (permissions.admin)
        return QStringLiteral("MANAGE");
    return permissions.grants.value(model, permissions.defaultPermission);
}

FakeResponse json(const QJsonObject &object)
{
    return {200, QByteArrayLiteral("application/json"),
            QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

FakeResponse denied()
{
    return {403, QByteArrayLiteral("text/html; charset=utf-8"),
            QByteArrayLiteral("Permission denied"), {}};
}

// What the basic-auth app's before_request hook asks of each registry endpoint.
QString needed(const QString &endpoint, Method method)
{
    static const QStringList reads{
        QStringLiteral("registered-models/get"), QStringLiteral("registered-models/get-latest-versions"),
        QStringLiteral("model-versions/get"), QStringLiteral("model-versions/get-download-uri"),
        QStringLiteral("registered-models/alias")};
    static const QStringList deletes{
        QStringLiteral("registered-models/delete"), QStringLiteral("model-versions/delete"),
        QStringLiteral("model-versions/delete-tag")};
    if (endpoint == QLatin1String("registered-models/alias"))
        return method == Method::Get ? QStringLiteral("READ")
               : method == Method::Delete ? QStringLiteral("MANAGE")
                                          : QStringLiteral("EDIT");
    if (reads.contains(endpoint) || endpoint == QLatin1String("registered-models/get-latest-versions"))
        return QStringLiteral("READ");
    if (deletes.contains(endpoint))
        return QStringLiteral("MANAGE");
    if (endpoint == QLatin1String("registered-models/create")
        || endpoint.endsWith(QLatin1String("/search")))
        return {};
    if (endpoint.startsWith(QLatin1String("registered-models/"))
        || endpoint.startsWith(QLatin1String("model-versions/")))
        return QStringLiteral("EDIT");
    return {};
}

} // namespace

std::optional<FakeResponse> permissionEndpoint(const FakeUserPermissions &permissions,
                                               const QString &endpoint,
                                               const QHttpServerRequest &request)
{
    if (endpoint == QLatin1String("users/get")) {
        const QString user = parameter(request, QStringLiteral("username"));
        if (user != permissions.user && !permissions.admin)
            return denied();
        QJsonArray grants;
        for (auto it = permissions.grants.cbegin(); it != permissions.grants.cend(); ++it) {
            grants.append(QJsonObject{{QStringLiteral("name"), it.key()},
                                      {QStringLiteral("user_id"), 2},
                                      {QStringLiteral("permission"), it.value()}});
        }
        return json({{QStringLiteral("user"),
                      QJsonObject{{QStringLiteral("id"), 2},
                                  {QStringLiteral("username"), user},
                                  {QStringLiteral("is_admin"), permissions.admin},
                                  {QStringLiteral("experiment_permissions"), QJsonArray()},
                                  {QStringLiteral("registered_model_permissions"), grants}}}});
    }
    if (endpoint == QLatin1String("registered-models/permissions/get")) {
        const QString model = parameter(request, QStringLiteral("name"));
        // Reading grants needs MANAGE on the model.
        if (rank(permissionOn(permissions, model)) < rank(QStringLiteral("MANAGE")))
            return denied();
        const auto grant = permissions.grants.constFind(model);
        if (grant == permissions.grants.cend()) {
            return jsonError("RESOURCE_DOES_NOT_EXIST",
                             QStringLiteral("Registered model permission with name=%1 and "
                                            "username=%2 not found")
                                 .arg(model, parameter(request, QStringLiteral("username"))),
                             404);
        }
        return json({{QStringLiteral("registered_model_permission"),
                      QJsonObject{{QStringLiteral("name"), model},
                                  {QStringLiteral("user_id"), 2},
                                  {QStringLiteral("permission"), *grant}}}});
    }
    return std::nullopt;
}

std::optional<FakeResponse> checkPermission(const FakeUserPermissions &permissions,
                                            const QString &endpoint,
                                            const QHttpServerRequest &request)
{
    const QString need = needed(endpoint, request.method());
    if (need.isEmpty())
        return std::nullopt;
    const QString model = parameter(request, QStringLiteral("name"));
    if (rank(permissionOn(permissions, model)) < rank(need))
        return denied();
    return std::nullopt;
}

} // namespace TestSupport
