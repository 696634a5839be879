#pragma once

#include "registry/error.h"
#include "registry/snapshot/snapshotinfo.h"

#include <optional>

class QSqlDatabase;

namespace ModelDesk {

namespace SnapshotTable {

inline const QString Name = QStringLiteral("modeldesk_snapshot");

// Creates the table (MLflow ignores modeldesk_* tables) and writes `info` as its one row.
Result<Done> write(QSqlDatabase &db, const SnapshotInfo &info);
// The row of a store that has the table; nothing for one that has none.
Result<std::optional<SnapshotInfo>> read(QSqlDatabase &db);

} // namespace SnapshotTable

} // namespace ModelDesk
