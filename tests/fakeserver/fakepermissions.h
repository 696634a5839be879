#pragma once

#include "tests/fakeserver/fakeresponse.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QString>

#include <optional>

namespace TestSupport {

// The permissions mode of the fake server: MLflow's basic-auth app for one user (the one
// requireBasicAuth() lets in), with grants per registered model and a default for models
// without one (rest.md §9.2).
struct FakeUserPermissions
{
    QString user;
    bool admin = false;
    QHash<QString, QString> grants; // model name → READ, EDIT, MANAGE, NO_PERMISSIONS
    QString defaultPermission = QStringLiteral("READ");
};

// The basic-auth app's answer to the permission and user endpoints it adds, or nothing for
// other endpoints.
std::optional<FakeResponse> permissionEndpoint(const FakeUserPermissions &permissions,
                                               const QString &endpoint,
                                               const QHttpServerRequest &request);
// 403 "Permission denied" when the user's permission on the model a registry call names is
// short of what the call needs; nothing when it may go on.
std::optional<FakeResponse> checkPermission(const FakeUserPermissions &permissions,
                                            const QString &endpoint,
                                            const QHttpServerRequest &request);

} // namespace TestSupport
