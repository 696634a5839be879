#pragma once

#include "registry/diff/registrydiff.h"
#include "registry/json/mlflowjson.h"

#include <QByteArray>
#include <QList>

namespace ModelDesk {

// The changes of a registry comparison written out, the same from modeldesk-cli diff --json
// and the window's export: {"changes": [{"kind", "model", "version", "key", "old", "new"}]},
// with kindName() kinds, "" for no version or key and null where a value is unset.
MlflowJson::Value::Object changesJson(const QList<RegistryChange> &changes);

// The same fields as CSV, one change a line after a header (old and new empty when unset).
QByteArray changesCsv(const QList<RegistryChange> &changes);

} // namespace ModelDesk
