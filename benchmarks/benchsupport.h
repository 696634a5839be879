#pragma once

#include "registry/demo/demogenerator.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QString>
#include <QStringList>
#include <QTextStream>

// What the benchmarks share: their output streams, sizes in MB, peak memory, and the large
// demo store they measure.
namespace Bench {

QTextStream &out();
QTextStream &err();
QString megabytes(qint64 bytes);
// VmHWM from /proc/self/status, e.g. "123456 kB"; empty where there is no procfs.
QString peakResidentSetSize();
// The large store the benchmarks measure: 10,000 models of 10 versions and one model
// (huge-version-history) with 200,000, so 300,000 versions.
ModelDesk::DemoOptions largeStoreOptions();
// Creates an MLflow store at `path` (with ModelDesk's indexes) and fills it with
// generateDemo, printing progress to stderr and what it wrote to stdout.
bool generateStore(const QString &path, const ModelDesk::DemoOptions &options);

// The large store two comparison benchmarks read and a copy of it, in `folder`: `store` when
// given, else generated (metrics left out, they play no part in a comparison) at `keep` or in
// `folder`. Returns the store's path and sets `copy` to the copy's; empty on failure.
QString storeAndCopy(const QString &store, const QString &keep, const QString &folder,
                     QString *copy);

// The middle value (0 for none), and milliseconds printed as "12.3 ms".
double median(QList<double> values);
QString ms(double milliseconds);
// The median milliseconds of `runs` whole runs of `program` offscreen, each with an empty
// configuration of its own; "@HOME@" in `arguments` names that run's scratch folder. -1, with
// the program's stderr printed, when a run fails.
double timeProcess(const QString &program, const QStringList &arguments, int runs);

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
