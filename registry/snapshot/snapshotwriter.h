#pragma once

#include "registry/error.h"
#include "registry/snapshot/snapshotfile.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace ModelDesk {

// Writes a snapshot file on a thread of its own, in the order tasks are posted, so reading the
// source never waits for SQLite. After a failure or a cancel the remaining tasks are skipped.
class SnapshotWriter
{
public:
    using Task = std::function<Result<Done>(QSqlDatabase &db)>;

    explicit SnapshotWriter(const QString &path);
    // Waits for the task in progress; an uncommitted file is removed.
    ~SnapshotWriter();

    void post(Task task);
    // Counts what the file holds, records `info` with the counts, commits, and calls `done`
    // on the thread of `receiver` (if it still exists).
    void
    finish(SnapshotInfo info, QObject *receiver, std::function<void(Result<SnapshotInfo>)> done);
    // Skips what is still to be written and removes the file.
    void cancel();
    // The file's size so far.
    qint64 bytes() const { return m_bytes.load(); }

private:
    QThreadPool m_thread;
    std::unique_ptr<SnapshotFile> m_file; // used on m_thread only
    std::shared_ptr<RegistryError> m_error; // the first failure, set on m_thread
    std::atomic_bool m_failed = false;
    std::atomic_bool m_cancelled = false;
    std::atomic<qint64> m_bytes = 0;
};

} // namespace ModelDesk
