#include "registry/snapshot/snapshotwriter.h"

#include "registry/snapshot/snapshotcopy_p.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace ModelDesk {

SnapshotWriter::SnapshotWriter(const QString &path)
    : m_error(std::make_shared<RegistryError>())
{
    // One thread that never expires: the file's connection belongs to it.
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(-1);
    m_thread.start([this, path] {
        auto file = SnapshotFile::create(path);
        if (!file) {
            *m_error = file.error();
            m_failed = true;
            return;
        }
        m_file = std::move(*file);
    });
}

SnapshotWriter::~SnapshotWriter()
{
    m_cancelled = true;
    m_thread.start([this] { m_file.reset(); });
    m_thread.waitForDone();
}

void SnapshotWriter::cancel()
{
    if (m_cancelled.exchange(true))
        return;
    m_thread.start([this] { m_file.reset(); });
}

void SnapshotWriter::post(Task task)
{
    m_thread.start([this, task = std::move(task)] {
        if (m_failed || m_cancelled || !m_file)
            return;
        QSqlDatabase db = m_file->database();
        if (auto written = task(db); !written) {
            *m_error = written.error();
            m_failed = true;
        }
        m_bytes = m_file->bytesWritten();
    });
}

void SnapshotWriter::finish(SnapshotInfo info,
                            QObject *receiver,
                            std::function<void(Result<SnapshotInfo>)> done)
{
    QPointer<QObject> guard(receiver);
    m_thread.start([this, info, guard, done = std::move(done)]() mutable {
        Result<SnapshotInfo> result = [&]() -> Result<SnapshotInfo> {
            if (m_cancelled) {
                return RegistryError(ErrorCode::Cancelled,
                                     QCoreApplication::translate("ModelDesk::Snapshot",
                                                                 "The snapshot was cancelled."));
            }
            if (m_failed || !m_file)
                return *m_error;
            auto counted = SnapshotCopy::countContents(*m_file);
            if (!counted)
                return counted.error();
            info.counts = counted->counts;
            if (m_cancelled) {
                return RegistryError(ErrorCode::Cancelled,
                                     QCoreApplication::translate("ModelDesk::Snapshot",
                                                                 "The snapshot was cancelled."));
            }
            if (auto committed = m_file->commit(info); !committed)
                return committed.error();
            return info;
        }();
        if (!result)
            m_file.reset();
        m_bytes = 0;
        if (guard) {
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, done, result] {
                    if (guard)
                        done(result);
                },
                Qt::QueuedConnection);
        }
    });
}

} // namespace ModelDesk
