#pragma once

#include "registry/error.h"
#include "registry/snapshot/snapshottable.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace ModelDesk {

// The store a snapshot is written into: an MLflow SQLite store at the revision `init` writes
// (so MLflow can serve it), plus ModelDesk's audit table, its copies of MLflow 3's logged
// models (modeldesk_logged_models …, which MLflow 2's schema has no place for) and
// modeldesk_artifacts. It is written beside its final path under a temporary name and renamed
// onto that path only by commit(); destroyed before that, it removes its file, so a cancelled
// or failed snapshot leaves nothing behind. Used on one thread, the one that created it.
class SnapshotFile
{
public:
    // Fails when `path` exists (a snapshot never replaces a file) or cannot be written.
    static Result<std::unique_ptr<SnapshotFile>> create(const QString &path);
    ~SnapshotFile();
    SnapshotFile(const SnapshotFile &) = delete;
    SnapshotFile &operator=(const SnapshotFile &) = delete;

    QSqlDatabase database() const;
    QString temporaryPath() const { return m_temporary; }
    QString path() const { return m_path; }
    qint64 bytesWritten() const;

    // Records `info`, commits, closes and renames the file onto its path.
    Result<Done> commit(const SnapshotInfo &info);

private:
    SnapshotFile() = default;
    void discard();

    QString m_path;
    QString m_temporary;
    QString m_connection;
    bool m_committed = false;
};

} // namespace ModelDesk
