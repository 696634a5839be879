#pragma once

#include "registry/error.h"

#include <QByteArrayView>
#include <QString>

// MLflow's validation rules for names written to a registry. Each returns the error MLflow
// answers for the same input (INVALID_PARAMETER_VALUE, MLflow's message), or Done.
namespace ModelDesk::Validation {

// Registry tag key: ^[/\w.\- :]*$ (Unicode \w), <= 250 chars, unchanged by path normalisation.
Result<Done> checkTagKey(const QString &key);
// Tag value: <= 100000 characters.
Result<Done> checkTagValue(const QString &value);
// Alias to set: ^[\w\-]*$, non-empty, <= 255 chars, not "latest" (any case), not v<digits>.
Result<Done> checkAliasToSet(const QString &alias);
// Alias to delete or look up: only the character and length rules.
Result<Done> checkAliasName(const QString &alias);
// The canonical stage for a case-insensitive name (None|Staging|Production|Archived).
Result<QString> canonicalStage(const QString &stage);
// A model version number given as text: must be an integer.
Result<qint64> parseVersion(const QString &text);
// Registered model name: non-empty.
Result<Done> checkModelName(const QString &name);
// A name for a new or renamed model in a store of MLflow 3.9 or later (the workspace layout),
// whose servers also refuse '/' and ':' in new names; existing names are read as they are.
Result<Done> checkNewModelNameForWorkspaces(const QString &name);
// A workspace name as MLflow stores it (VARCHAR(63)): 1 to 63 lower-case letters, digits and
// '-', starting and ending with a letter or digit.
Result<Done> checkWorkspaceName(const QString &workspace);

// The offset of the first byte of `bytes` that is not well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or -1 when all of it is. Text that is not is
// refused rather than stored with U+FFFD in place of what it held.
qsizetype invalidUtf8Offset(QByteArrayView bytes);

// The Conflict error of a description edit made from an out-of-date view (ExpectedTimestamp),
// the same whichever backend noticed it. `changedAt` is the entity's last_updated_timestamp.
RegistryError modelConflict(const QString &name, qint64 changedAt);
RegistryError versionConflict(const QString &name, qint64 version, qint64 changedAt);

} // namespace ModelDesk::Validation
