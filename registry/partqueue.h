#pragma once

#include <QDeadlineTimer>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <optional>

namespace ModelDesk {

// Hands parts of a streamed answer (Registry::streamVersions) from the registry's thread to a
// reader, holding at most `capacity` parts while the reader keeps up: a slightly slower reader
// makes the registry wait rather than the memory grow. But the registry waits with its read
// open, which on a local store keeps other processes from writing; so once a part has waited
// `patienceMs` (a reader stalled, e.g. a pager), the queue stops bounding and the registry
// finishes its read. Shared by both sides (keep it in a shared_ptr).
template<typename T>
class PartQueue
{
public:
    explicit PartQueue(int capacity = 4, int patienceMs = 500)
        : m_capacity(capacity)
        , m_patienceMs(patienceMs)
    { }

    // Registry side: waits while the queue is full (see above); false once the reader has
    // stopped.
    bool push(QList<T> part)
    {
        QMutexLocker lock(&m_mutex);
        QDeadlineTimer patience(m_patienceMs);
        while (!m_stopped && !m_unbounded && int(m_parts.size()) >= m_capacity) {
            if (!m_changed.wait(&m_mutex, patience))
                m_unbounded = true;
        }
        if (m_stopped)
            return false;
        m_parts.push_back(std::move(part));
        m_changed.wakeAll();
        return true;
    }

    // Registry side: no more parts will come (the call has finished).
    void close()
    {
        QMutexLocker lock(&m_mutex);
        m_closed = true;
        m_changed.wakeAll();
    }

    // Reader side: the next part, waiting for it; nullopt once closed and drained.
    std::optional<QList<T>> pop()
    {
        QMutexLocker lock(&m_mutex);
        while (m_parts.empty() && !m_closed)
            m_changed.wait(&m_mutex);
        if (m_parts.empty())
            return std::nullopt;
        QList<T> part = std::move(m_parts.front());
        m_parts.pop_front();
        m_changed.wakeAll();
        return part;
    }

    // Reader side: gives up; parts held are dropped and later pushes fail.
    void stop()
    {
        QMutexLocker lock(&m_mutex);
        m_stopped = true;
        m_parts.clear();
        m_changed.wakeAll();
    }

private:
    const int m_capacity;
    const int m_patienceMs;
    QMutex m_mutex;
    QWaitCondition m_changed;
    std::deque<QList<T>> m_parts;
    bool m_closed = false;
    bool m_stopped = false;
    bool m_unbounded = false;
};

} // namespace ModelDesk
