#pragma once

#include "tests/fakeserver/fakemlflowserver.h"

#include <QString>
#include <QThread>
#include <QUrl>

#include <functional>
#include <memory>

namespace TestSupport {

// A FakeMlflowServer on a QThread of its own, so that the thread that uses it may block
// (QFuture::waitForFinished, QTcpSocket::waitFor..., a benchmark's tight loop) while the
// server keeps answering. The server is created, used and destroyed on that thread only; the
// setters below run there (BlockingQueuedConnection) and return once it has applied them.
// Owned by the test; destroying it stops the server and the thread. Call the methods from
// one thread (normally the test's), never from the server's.
class FakeServerThread
{
public:
    explicit FakeServerThread(const QString &storePath);
    ~FakeServerThread();
    FakeServerThread(const FakeServerThread &) = delete;
    FakeServerThread &operator=(const FakeServerThread &) = delete;

    // Starts the thread and the server listening on 127.0.0.1:`port` (0: a free one);
    // returns its URL, or an empty URL (errorString() says why).
    QUrl start(quint16 port = 0);
    QUrl url() const { return m_url; }
    QString errorString() const { return m_error; }

    // FakeMlflowServer's setters and request log, run on the server's thread.
    void setVersionText(const QByteArray &text);
    void setFault(const QString &endpoint, const Fault &fault);
    void clearFaults();
    void requireBasicAuth(const QString &user, const QString &password);
    void requireBearerToken(const QByteArray &token);
    void clearAuthentication();
    void setWritesDenied(bool denied);
    void setPermissions(std::optional<FakeUserPermissions> permissions);
    void setArtifactRoot(const QString &dir);
    QList<RecordedRequest> requests() const;
    void clearRequests();
    int hitCount(const QString &endpoint) const;

    // Runs `function` with the server on the server's thread and waits for it to return.
    // Does nothing before start() succeeded.
    void invoke(const std::function<void(FakeMlflowServer &)> &function) const;

private:
    QString m_storePath;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; invokes run through it
    std::unique_ptr<FakeMlflowServer> m_server; // touched on m_thread only
    QUrl m_url;
    QString m_error;
};

} // namespace TestSupport
