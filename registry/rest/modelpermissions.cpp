#include "registry/rest/modelpermissions.h"

#include <QStringList>

namespace ModelDesk::ModelPermissions {

namespace {

int rank(const QString &permission)
{
    static const QStringList order{QStringLiteral("NO_PERMISSIONS"), QStringLiteral("READ"),
                                   QStringLiteral("EDIT"), QStringLiteral("MANAGE")};
    return int(order.indexOf(permission));
}

} // namespace

QString neededFor(const QString &path, HttpRequest::Method method)
{
    static const QStringList manage{
        QStringLiteral("registered-models/delete"), QStringLiteral("model-versions/delete"),
        QStringLiteral("model-versions/delete-tag"), QStringLiteral("registered-models/alias")};
    if (path == QLatin1String("registered-models/create")
        || path == QLatin1String("registered-models/search")
        || path == QLatin1String("model-versions/search")
        || path.contains(QLatin1String("/permissions/")))
        return {};
    if (!path.startsWith(QLatin1String("registered-models/"))
        && !path.startsWith(QLatin1String("model-versions/")))
        return {};
    if (method == HttpRequest::Method::Get)
        return QStringLiteral("READ");
    if (manage.contains(path) && (method == HttpRequest::Method::Delete
                                  || path != QLatin1String("registered-models/alias")))
        return QStringLiteral("MANAGE");
    return QStringLiteral("EDIT");
}

bool allows(const QString &permission, const QString &needed)
{
    if (permission.isEmpty() || permission == QLatin1String("DEFAULT") || needed.isEmpty())
        return true;
    return rank(permission) >= rank(needed);
}

} // namespace ModelDesk::ModelPermissions
