#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QPointer>

namespace ModelDesk {

// Calls `function(result)` on the application's main thread once `future` has a result, if
// `receiver` still exists then; never from inside the call that attached it, and never for a
// future that was cancelled (the caller moved on). Call it from the main thread.
//
// A QFutureWatcher rather than QFuture::then(): Qt 6.4 asserts when a continuation's context
// dies before the future finishes, runs a continuation synchronously when the future had
// already finished (re-entering the caller), and crashes in QFuture::cancel() on a future
// whose continuation has run and whose promise is gone (the continuation's state is freed
// but still referenced). A watcher attaches nothing to the future itself.
template<typename T, typename Function>
void whenFinished(QFuture<T> future, QObject *receiver, Function function)
{
    QPointer<QObject> guard(receiver);
    auto *watcher = new QFutureWatcher<T>(QCoreApplication::instance());
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, guard, function = std::move(function)]() mutable {
                         watcher->deleteLater();
                         const QFuture<T> done = watcher->future();
                         if (guard && !done.isCanceled() && done.resultCount() > 0)
                             function(done.result());
                     });
    watcher->setFuture(future);
}

} // namespace ModelDesk
