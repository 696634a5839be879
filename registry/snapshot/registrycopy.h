#pragma once

#include "registry/pendingcalls.h"
#include "registry/registry.h"
#include "registry/snapshot/snapshot.h"
#include "registry/snapshot/snapshotwriter.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTemporaryDir>

#include <deque>
#include <functional>
#include <memory>

namespace ModelDesk {

class ArtifactCollector;

// A snapshot read through the Registry interface (a server): models and versions page by page,
// then the versions' logged models, runs (and parent runs), experiments and every metric
// history, with a few calls in flight; rows go to a SnapshotWriter as they arrive. Lives on
// the thread of `source`; reports through the callbacks, finished exactly once.
class RegistryCopy : public QObject
{
    Q_OBJECT
public:
    using Report = std::function<void(const SnapshotProgress &)>;
    using Finished = std::function<void(Result<SnapshotInfo>)>;

    RegistryCopy(Registry *source,
                 const QString &path,
                 const SnapshotOptions &options,
                 Report report,
                 Finished finished,
                 QObject *parent = nullptr);
    ~RegistryCopy() override;

    void start();
    void cancel();

private:
    // Pages of one search, one after another, then `next`.
    void searchModels(const QString &filter, const QString &token, std::function<void()> next);
    void searchVersions(const QString &filter, const QString &token, std::function<void()> next);
    // Starts calls from `m_queue` while fewer than the window are in flight; `next` once all
    // have answered.
    void drain(std::function<void()> next);
    void copyLoggedModels();
    void copyRuns();
    void copyExperiments();
    void copyEachExperiment();
    void copyMetrics();
    void copyArtifacts();
    void writeDeletedNumbers();
    void complete();
    void fail(const RegistryError &error);
    void step(const QString &name);
    void report();

    QPointer<Registry> m_source;
    SnapshotOptions m_options;
    Report m_report;
    Finished m_finished;
    std::unique_ptr<SnapshotWriter> m_writer;
    PendingCalls m_pending;
    SnapshotProgress m_progress;
    bool m_done = false;
    bool m_finishing = false; // the writer has been asked to commit

    using Call = std::function<void(std::function<void()> answered)>;
    std::deque<Call> m_queue;
    int m_inFlight = 0;
    std::function<void()> m_afterDrain;

    QSet<QString> m_modelNames;
    QSet<QString> m_runIds;
    QStringList m_runOrder;
    QSet<QString> m_experimentIds;
    QSet<QString> m_loggedModelIds;
    QList<std::pair<QString, QString>> m_metricKeys; // (run, key)
    QHash<QString, QSet<qint64>> m_numbers; // the version numbers each model shows
    qint64 m_written = 0;
    // Where the artifacts wait until the writer has read them (before it commits, and so
    // before this object goes).
    std::unique_ptr<QTemporaryDir> m_artifactFolder;
    QPointer<ArtifactCollector> m_collector;
};

} // namespace ModelDesk
