#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QPointer>

namespace ModelDesk {

// Calls `function(result)` on the application's main thread once `future` has a result, if
// `receiver` still exists then; never from inside the call that attached it.
//
// This is QFuture::then(context, ...) made safe for objects that may go before the answer
// comes: Qt 6.4 asserts that the context outlives the future, and runs the continuation
// synchronously when the future had already finished, re-entering the caller. The receiver
// is checked on the main thread, where receivers (models, widgets) live.
template<typename T, typename Function>
void whenFinished(QFuture<T> future, QObject *receiver, Function function)
{
    QPointer<QObject> guard(receiver);
    future.then([guard, function = std::move(function)](const T &value) mutable {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, function = std::move(function), value]() mutable {
                if (guard)
                    function(value);
            },
            Qt::QueuedConnection);
    });
}

} // namespace ModelDesk
