#pragma once

#include <QFuture>
#include <QList>

#include <utility>

namespace ModelDesk {

// The reads a view is still waiting for. When the user moves on (a new search, another
// selection) cancelAll() abandons them: a server registry aborts their requests, the SQL
// store skips those not yet started, and their answers never arrive (whenFinished does not
// call back for a cancelled future). Only for reads: a write, once made, is seen through.
// Owned and used by one thread.
class PendingCalls
{
public:
    PendingCalls() = default;
    PendingCalls(const PendingCalls &) = delete;
    PendingCalls &operator=(const PendingCalls &) = delete;
    ~PendingCalls() { cancelAll(); }

    template<typename T>
    QFuture<T> track(QFuture<T> future)
    {
        m_futures.removeIf([](const QFuture<void> &pending) { return pending.isFinished(); });
        m_futures.append(QFuture<void>(future));
        return future;
    }

    void cancelAll()
    {
        // Taken out first: cancelling runs continuations, which may track new calls.
        const QList<QFuture<void>> futures = std::exchange(m_futures, {});
        for (QFuture<void> future : futures)
            future.cancel();
    }

private:
    QList<QFuture<void>> m_futures;
};

} // namespace ModelDesk
