#pragma once

#include "registry/demo/demogenerator.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QString>
#include <QTextStream>

// What the benchmarks share: their output streams, sizes in MB, peak memory, and the large
// demo store they measure.
namespace Bench {

QTextStream &out();
QTextStream &err();
QString megabytes(qint64 bytes);
// VmHWM from /proc/self/status, e.g. "123456 kB"; empty where there is no procfs.
QString peakResidentSetSize();
// Creates an MLflow store at `path` (with ModelDesk's indexes) and fills it with
// generateDemo, printing progress to stderr and what it wrote to stdout.
bool generateStore(const QString &path, const ModelDesk::DemoOptions &options);

// The result of `future`, the event loop running until it is there.
template<typename T>
T wait(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

} // namespace Bench
