#pragma once

#include "registry/rest/restclient.h"

#include <QString>

namespace ModelDesk::ModelPermissions {

// MLflow's basic-auth app: what a registry endpoint needs of the caller's permission on the
// model (rest.md §9.2): "READ", "EDIT" or "MANAGE"; empty for endpoints it does not gate
// by model (search, create).
QString neededFor(const QString &path, HttpRequest::Method method);

// Whether `permission` allows what `needed` asks ("MANAGE" allows "EDIT", …). An empty
// permission (the registry has none) and "DEFAULT" (the server's default) allow everything:
// the server decides.
bool allows(const QString &permission, const QString &needed);

} // namespace ModelDesk::ModelPermissions
