// The server registry: the acting user's permission on a model under MLflow's basic-auth app.
#include "registry/rest/restcalls_p.h"
#include "registry/rest/restregistry.h"

#include <QJsonArray>

namespace ModelDesk {

using namespace RestCalls;

namespace {

// users/get lists the caller's explicit grants; a model without one has the server's
// default permission, which the API does not say ("DEFAULT").
QString permissionFromUser(const QJsonObject &object, RestJson::Reader &reader,
                           const QString &name)
{
    const QJsonObject user = reader.object(object, QStringLiteral("user"));
    if (user.value(QLatin1String("is_admin")).toBool())
        return QStringLiteral("MANAGE");
    for (const QJsonValue &grant : user.value(QLatin1String("registered_model_permissions")).toArray()) {
        const QJsonObject entry = grant.toObject();
        if (entry.value(QLatin1String("name")).toString() == name)
            return entry.value(QLatin1String("permission")).toString();
    }
    return QStringLiteral("DEFAULT");
}

} // namespace

QFuture<Result<QString>> RestRegistry::modelPermission(const QString &name)
{
    if (m_options.auth != ServerOptions::Auth::Basic || m_options.username.isEmpty())
        return Registry::modelPermission(name);
    const QString user = m_options.username;
    return submit<QString>(
        this, m_client, false, QString(),
        [name, user](RestClient &client, RestCall *call, Finish<QString> finish) {
            const auto fromUser = [&client, call, name, user, finish] {
                fetch<QString>(client, call,
                               get(QStringLiteral("users/get"),
                                   {{QStringLiteral("username"), user}},
                                   tr("reading the permissions of %1").arg(user)),
                               [name](const QJsonObject &object, RestJson::Reader &reader) {
                                   return permissionFromUser(object, reader, name);
                               },
                               finish);
            };
            fetch<QString>(
                client, call,
                get(QStringLiteral("registered-models/permissions/get"),
                    {{QStringLiteral("name"), name}, {QStringLiteral("username"), user}},
                    tr("reading your permission on %1").arg(name)),
                [](const QJsonObject &object, RestJson::Reader &reader) {
                    return reader.string(
                        reader.object(object, QStringLiteral("registered_model_permission")),
                        QStringLiteral("permission"));
                },
                Finish<QString>([finish, fromUser](Result<QString> permission) {
                    if (permission) {
                        finish(std::move(permission));
                        return;
                    }
                    switch (permission.error().code()) {
                    case ErrorCode::EndpointNotFound:
                        finish(QString()); // no basic-auth app: no permissions to show
                        return;
                    case ErrorCode::PermissionDenied:     // reading grants needs MANAGE
                    case ErrorCode::ResourceDoesNotExist: // no explicit grant
                        fromUser();
                        return;
                    default:
                        finish(std::move(permission));
                    }
                }));
        });
}

} // namespace ModelDesk
