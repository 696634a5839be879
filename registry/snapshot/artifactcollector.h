#pragma once

#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

namespace ModelDesk {

// One artifact file a snapshot keeps: downloaded to `localFile` until it is written.
struct CollectedArtifact
{
    QString runId;
    QString path;
    QString localFile;
};

// Downloads the small artifacts of runs (the files of each run's artifact tree up to a size,
// at most a few hundred a run) into a folder, through the Registry interface, a few at a time.
// A run whose artifacts the registry cannot read (a local store whose artifacts live on a
// server) is skipped. Lives on the registry's thread; `finished` is called once.
class ArtifactCollector : public QObject
{
    Q_OBJECT
public:
    using Finished = std::function<void(QList<CollectedArtifact>)>;

    ArtifactCollector(Registry *source,
                      const QStringList &runIds,
                      qint64 maxBytes,
                      const QString &folder,
                      Finished finished,
                      QObject *parent = nullptr);

    void start();
    void cancel();
    int filesDone() const { return int(m_collected.size()); }

private:
    struct Item
    {
        QString runId;
        QString path;
        bool isDir = true;
        int depth = 0;
    };
    void next();
    void done();

    QPointer<Registry> m_source;
    qint64 m_maxBytes;
    QString m_folder;
    Finished m_finished;
    PendingCalls m_pending;
    std::deque<Item> m_queue;
    QHash<QString, int> m_filesPerRun;
    QList<CollectedArtifact> m_collected;
    int m_inFlight = 0;
    int m_nextFile = 0; // names the downloads, each its own file
    bool m_done = false;
};

} // namespace ModelDesk
