#include "registry/snapshot/snapshot.h"

#include "registry/searchall.h"
#include "registry/snapshot/artifactcollector.h"
#include "registry/snapshot/registrycopy.h"
#include "registry/snapshot/snapshotcopy_p.h"
#include "registry/snapshot/snapshotrows.h"
#include "registry/sql/sqlregistry.h"
#include "registry/version.h"
#include "registry/whenfinished.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QMetaObject>
#include <QSet>
#include <QTemporaryDir>
#include <QThreadPool>

namespace ModelDesk {

SnapshotJob::SnapshotJob(Registry *source,
                         const QString &path,
                         const SnapshotOptions &options,
                         QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_path(path)
    , m_options(options)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    qRegisterMetaType<SnapshotProgress>();
}

SnapshotJob::~SnapshotJob()
{
    // A file copy in progress stops at its next check and removes its file; nothing is
    // reported any more.
    m_finished = true;
    m_cancel->store(true);
    if (m_cancelCopy)
        m_cancelCopy();
}

void SnapshotJob::start()
{
    if (m_running || m_finished)
        return;
    m_running = true;
    if (!m_source) {
        finish(RegistryError(ErrorCode::InvalidState, tr("The registry was closed.")));
        return;
    }
    const Capabilities caps = m_source->capabilities();
    SnapshotInfo info;
    info.source = m_source->location();
    info.takenBy = m_options.takenBy.isEmpty() ? m_source->actingUser() : m_options.takenBy;
    info.modeldeskVersion = modeldeskVersion();

    if (qobject_cast<SqlRegistry *>(m_source.data())) {
        info.source = QFileInfo(m_source->location()).absoluteFilePath();
        if (!m_options.artifacts)
            return copyFile(info, {}, {});
        // The artifacts first, through the registry (they are files beside the store, or on
        // a server), then the store by SQLite with them.
        emit progress({tr("Copying artifacts"), 1, 7, 0, 0});
        QPointer<SnapshotJob> self(this);
        whenFinished(
            searchAllVersions(m_source, {}), this,
            [this, info](Result<QList<ModelVersion>> versions) {
                if (m_cancel->load())
                    return finish(
                        RegistryError(ErrorCode::Cancelled, tr("The snapshot was cancelled.")));
                if (!versions)
                    return finish(versions.error());
                QStringList runIds;
                QSet<QString> seen;
                for (const ModelVersion &version : std::as_const(*versions)) {
                    if (version.runId && !version.runId->isEmpty()
                        && !seen.contains(*version.runId)) {
                        seen.insert(*version.runId);
                        runIds << *version.runId;
                    }
                }
                auto folder = std::make_shared<QTemporaryDir>();
                if (!folder->isValid())
                    return finish(RegistryError(ErrorCode::InternalError,
                                                tr("No temporary folder for the artifacts: %1")
                                                    .arg(folder->errorString())));
                auto *collector = new ArtifactCollector(
                    m_source, runIds, m_options.maxArtifactBytes, folder->path(),
                    [this, info, folder](QList<CollectedArtifact> files) {
                        m_cancelCopy = {};
                        if (m_cancel->load())
                            return finish(RegistryError(ErrorCode::Cancelled,
                                                        tr("The snapshot was cancelled.")));
                        copyFile(info, files, folder);
                    },
                    this);
                m_cancelCopy = [collector] { collector->cancel(); };
                collector->start();
            });
        return;
    }

    auto *copy = new RegistryCopy(
        m_source, m_path, m_options,
        [this](const SnapshotProgress &progress) { emit this->progress(progress); },
        [this](Result<SnapshotInfo> result) { finish(std::move(result)); }, this);
    m_cancelCopy = [copy] { copy->cancel(); };
    copy->start();
}

void SnapshotJob::copyFile(SnapshotInfo info,
                           const QList<CollectedArtifact> &files,
                           std::shared_ptr<QTemporaryDir> folder)
{
    // A local store: SQLite copies it on a thread of the pool, with its own connection.
    QPointer<SnapshotJob> self(this);
    const auto report = [self](const SnapshotProgress &progress) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, progress] {
                if (self && !self->m_finished)
                    emit self->progress(progress);
            },
            Qt::QueuedConnection);
    };
    const QString source = m_source->location();
    const QString workspace = m_source->capabilities().workspace;
    const QString path = m_path;
    auto cancel = m_cancel;
    SnapshotProgress first;
    first.stepIndex = m_options.artifacts ? 1 : 0;
    first.steps = m_options.artifacts ? 7 : 6;
    QThreadPool::globalInstance()->start(
        [self, source, workspace, path, cancel, report, info, files, folder, first]() mutable {
            const Result<SnapshotInfo> result = [&]() -> Result<SnapshotInfo> {
                auto file = SnapshotFile::create(path);
                if (!file)
                    return file.error();
                if (auto copied
                    = SnapshotCopy::copyStore(source, workspace, **file, *cancel, report, first);
                    !copied)
                    return copied.error();
                {
                    QSqlDatabase db = (*file)->database();
                    if (auto written = SnapshotRows::artifacts(db, files); !written)
                        return written.error();
                }
                auto counted = SnapshotCopy::countContents(**file);
                if (!counted)
                    return counted.error();
                info.counts = counted->counts;
                info.taken = QDateTime::currentMSecsSinceEpoch();
                if (cancel->load())
                    return RegistryError(ErrorCode::Cancelled, tr("The snapshot was cancelled."));
                if (auto committed = (*file)->commit(info); !committed)
                    return committed.error();
                return info;
            }();
            folder.reset();
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, result] {
                    if (self)
                        self->finish(result);
                },
                Qt::QueuedConnection);
        });
}

void SnapshotJob::cancel()
{
    m_cancel->store(true);
    if (m_cancelCopy)
        m_cancelCopy();
}

void SnapshotJob::finish(Result<SnapshotInfo> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    m_cancelCopy = {};
    emit finished(result);
}

Result<SnapshotInfo> takeSnapshot(Registry *source,
                                  const QString &path,
                                  const SnapshotOptions &options,
                                  const std::function<void(const SnapshotProgress &)> &progress)
{
    SnapshotJob job(source, path, options);
    std::optional<Result<SnapshotInfo>> answer;
    QEventLoop loop;
    QObject::connect(&job, &SnapshotJob::progress, &job, [&](const SnapshotProgress &p) {
        if (progress)
            progress(p);
    });
    QObject::connect(&job, &SnapshotJob::finished, &loop, [&](const Result<SnapshotInfo> &result) {
        answer = result;
        loop.quit();
    });
    job.start();
    if (!answer)
        loop.exec();
    return *answer;
}

} // namespace ModelDesk
