#include "tests/fakeserver/fakeserverthread.h"

#include <QMetaObject>

namespace TestSupport {

FakeServerThread::FakeServerThread(const QString &storePath)
    : m_storePath(storePath)
{
    m_thread.setObjectName(QStringLiteral("FakeMlflowServer"));
}

FakeServerThread::~FakeServerThread()
{
    if (m_context) {
        // The server's sockets and database connection belong to its thread: end them there.
        QMetaObject::invokeMethod(
            m_context, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_context->deleteLater();
    }
    m_thread.quit();
    m_thread.wait();
}

QUrl FakeServerThread::start(quint16 port)
{
    if (m_context)
        return m_url;
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context,
        [this, port] {
            m_server = std::make_unique<FakeMlflowServer>(m_storePath);
            m_error = m_server->errorString();
            if (!m_error.isEmpty())
                return;
            if (m_server->listen(port) == 0)
                m_error = QStringLiteral("Cannot listen on 127.0.0.1:%1").arg(port);
            else
                m_url = m_server->url();
        },
        Qt::BlockingQueuedConnection);
    if (!m_error.isEmpty()) {
        QMetaObject::invokeMethod(
            m_context, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
    }
    return m_url;
}

void FakeServerThread::invoke(const std::function<void(FakeMlflowServer &)> &function) const
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this, &function] {
            if (m_server)
                function(*m_server);
        },
        Qt::BlockingQueuedConnection);
}

void FakeServerThread::setVersionText(const QByteArray &text)
{
    invoke([&](FakeMlflowServer &server) { server.setVersionText(text); });
}

void FakeServerThread::setFault(const QString &endpoint, const Fault &fault)
{
    invoke([&](FakeMlflowServer &server) { server.setFault(endpoint, fault); });
}

void FakeServerThread::clearFaults()
{
    invoke([](FakeMlflowServer &server) { server.clearFaults(); });
}

void FakeServerThread::requireBasicAuth(const QString &user, const QString &password)
{
    invoke([&](FakeMlflowServer &server) { server.requireBasicAuth(user, password); });
}

void FakeServerThread::requireBearerToken(const QByteArray &token)
{
    invoke([&](FakeMlflowServer &server) { server.requireBearerToken(token); });
}

void FakeServerThread::clearAuthentication()
{
    invoke([](FakeMlflowServer &server) { server.clearAuthentication(); });
}

void FakeServerThread::setWritesDenied(bool denied)
{
    invoke([denied](FakeMlflowServer &server) { server.setWritesDenied(denied); });
}

void FakeServerThread::setPermissions(std::optional<FakeUserPermissions> permissions)
{
    invoke([permissions](FakeMlflowServer &server) { server.setPermissions(permissions); });
}

void FakeServerThread::setArtifactRoot(const QString &dir)
{
    invoke([&](FakeMlflowServer &server) { server.setArtifactRoot(dir); });
}

QList<RecordedRequest> FakeServerThread::requests() const
{
    QList<RecordedRequest> requests;
    invoke([&](FakeMlflowServer &server) { requests = server.requests(); });
    return requests;
}

void FakeServerThread::clearRequests()
{
    invoke([](FakeMlflowServer &server) { server.clearRequests(); });
}

int FakeServerThread::hitCount(const QString &endpoint) const
{
    int count = 0;
    invoke([&](FakeMlflowServer &server) { count = server.hitCount(endpoint); });
    return count;
}

} // namespace TestSupport
