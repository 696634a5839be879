#include "registry/snapshot/artifactcollector.h"

#include "registry/whenfinished.h"

#include <QDir>

namespace ModelDesk {

namespace {

constexpr int Window = 4;
constexpr int MaxDepth = 6;
constexpr int MaxFilesPerRun = 200;

} // namespace

ArtifactCollector::ArtifactCollector(Registry *source,
                                     const QStringList &runIds,
                                     qint64 maxBytes,
                                     const QString &folder,
                                     Finished finished,
                                     QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_maxBytes(maxBytes)
    , m_folder(folder)
    , m_finished(std::move(finished))
{
    for (const QString &runId : runIds)
        m_queue.push_back({runId, QString(), true, 0});
}

void ArtifactCollector::start()
{
    next();
}

void ArtifactCollector::cancel()
{
    if (m_done)
        return;
    m_queue.clear();
    m_pending.cancelAll();
    // The answers of cancelled calls never come: report now, with what was collected.
    done();
}

void ArtifactCollector::next()
{
    while (!m_done && m_source && m_inFlight < Window && !m_queue.empty()) {
        const Item item = m_queue.front();
        m_queue.pop_front();
        ++m_inFlight;
        if (item.isDir) {
            whenFinished(
                m_pending.track(m_source->listArtifacts(item.runId, item.path)), this,
                [this, item](Result<ArtifactListing> listing) {
                    --m_inFlight;
                    // What cannot be listed is left out; the snapshot goes on.
                    if (listing) {
                        for (const ArtifactFile &file : std::as_const(listing->files)) {
                            if (file.isDir && item.depth < MaxDepth) {
                                m_queue.push_back({item.runId, file.path, true, item.depth + 1});
                            } else if (!file.isDir && file.fileSize && *file.fileSize <= m_maxBytes
                                       && m_filesPerRun[item.runId]++ < MaxFilesPerRun) {
                                m_queue.push_back({item.runId, file.path, false, 0});
                            }
                        }
                    }
                    next();
                });
        } else {
            const QString local
                = QDir(m_folder).filePath(QStringLiteral("artifact-%1").arg(m_nextFile++));
            whenFinished(m_pending.track(m_source->downloadArtifact(item.runId, item.path, local)),
                         this, [this, item, local](Result<Done> downloaded) {
                             --m_inFlight;
                             if (downloaded)
                                 m_collected.append({item.runId, item.path, local});
                             next();
                         });
        }
    }
    if (!m_done && m_inFlight == 0 && m_queue.empty())
        done();
}

void ArtifactCollector::done()
{
    m_done = true;
    m_finished(m_collected);
}

} // namespace ModelDesk
