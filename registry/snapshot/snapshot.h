#pragma once

#include "registry/registry.h"
#include "registry/snapshot/snapshotinfo.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

class QTemporaryDir;

namespace ModelDesk {

struct CollectedArtifact;

struct SnapshotOptions
{
    // Keep the versions' small artifacts (MLmodel, signatures, files up to the limit).
    bool artifacts = false;
    qint64 maxArtifactBytes = 1024 * 1024;
    // Who takes it; the source's acting user when empty.
    QString takenBy;
};

// How far a snapshot is: the step it is on (of `steps`), what it has copied and how big the
// file has grown.
struct SnapshotProgress
{
    QString step; // "Copying versions", translated
    int stepIndex = 0; // 1-based
    int steps = 0;
    qint64 items = 0; // rows (models, versions, runs, metric points …) written so far
    qint64 bytes = 0; // size of the file written so far
};

// Takes a snapshot of an open registry into a new file: every registered model and version
// with tags, aliases, descriptions and timestamps as they are; the runs the versions come
// from (and their parent runs) with params, tags, every metric point, dataset inputs and
// experiments; MLflow 3's logged models; ModelDesk's approval tags and, from a local store,
// its modeldesk_audit history; optionally small artifacts. A local store is copied table by
// table by SQLite, deleted versions' rows included (so their numbers are never reused); a
// server is read through the Registry interface, paged, with at most a few calls in flight.
// The file appears only when complete. Lives on, and reports to, the thread of `source`.
class SnapshotJob : public QObject
{
    Q_OBJECT
public:
    SnapshotJob(Registry *source,
                const QString &path,
                const SnapshotOptions &options,
                QObject *parent = nullptr);
    ~SnapshotJob() override;

    // Starts the copy; progress() and then finished() follow, once.
    void start();
    // Stops as soon as it can: finished() then reports CANCELLED and no file is left.
    void cancel();
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

signals:
    void progress(const ModelDesk::SnapshotProgress &progress);
    void finished(const ModelDesk::Result<ModelDesk::SnapshotInfo> &result);

private:
    void finish(Result<SnapshotInfo> result);
    // A local store copied by SQLite, with the artifacts collected before.
    void copyFile(SnapshotInfo info,
                  const QList<CollectedArtifact> &files,
                  std::shared_ptr<QTemporaryDir> folder);

    QPointer<Registry> m_source;
    QString m_path;
    SnapshotOptions m_options;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::function<void()> m_cancelCopy;
    bool m_running = false;
    bool m_finished = false;
};

// The same, waiting for it: for tools and tests that run an event loop meanwhile.
Result<SnapshotInfo> takeSnapshot(Registry *source,
                                  const QString &path,
                                  const SnapshotOptions &options,
                                  const std::function<void(const SnapshotProgress &)> &progress
                                  = {});

} // namespace ModelDesk

Q_DECLARE_METATYPE(ModelDesk::SnapshotProgress)
