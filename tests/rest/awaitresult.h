#pragma once

#include "registry/error.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QTest>

// Test support for registry calls answered by a fake server living on the test's own thread.

// QVERIFY for a Result, showing the error's message when it failed; evaluates it once.
#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto &verified = (expression);                                                       \
        QVERIFY2(verified, verified ? "" : qPrintable(verified.error().message()));                \
    } while (false)

namespace TestSupport {

// Waits for `future` while the test's event loop keeps serving the fake server; a wait that
// runs out or a cancelled call becomes an error Result.
template<typename T>
ModelDesk::Result<T> await(QFuture<ModelDesk::Result<T>> future, int timeoutMs = 20'000)
{
    using ModelDesk::ErrorCode;
    using ModelDesk::RegistryError;
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < timeoutMs)
        QTest::qWait(2);
    if (!future.isFinished())
        return RegistryError(ErrorCode::DeadlineExceeded, QStringLiteral("test wait timed out"));
    if (future.resultCount() == 0)
        return RegistryError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    return future.result();
}

} // namespace TestSupport
