#pragma once

// The two ways a snapshot is copied (registry/snapshot/snapshot.h): a local store table by
// table by SQLite, a server through the Registry interface.
#include "registry/snapshot/snapshot.h"
#include "registry/snapshot/snapshotfile.h"

#include <atomic>

#define MD_SNAPSHOT_TRY(expr)                                                                      \
    do {                                                                                           \
        auto md_result = (expr);                                                                   \
        if (!md_result)                                                                            \
            return md_result.error();                                                              \
    } while (false)
#include <functional>

namespace ModelDesk::SnapshotCopy {

using Report = std::function<void(const SnapshotProgress &)>;

// Copies the local MLflow store at `sourcePath` (the models of `workspace`) into `target`,
// on the calling thread. Checks `cancel` while SQLite works. Progress goes on from `first`
// (the steps reported before, and how many there are in all).
Result<Done> copyStore(const QString &sourcePath,
                       const QString &workspace,
                       SnapshotFile &target,
                       const std::atomic_bool &cancel,
                       const Report &report,
                       const SnapshotProgress &first = {});

// What `target` holds, for the snapshot's description.
Result<SnapshotInfo> countContents(SnapshotFile &target);

} // namespace ModelDesk::SnapshotCopy
