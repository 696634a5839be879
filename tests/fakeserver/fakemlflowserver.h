#pragma once

#include <QByteArray>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QString>
#include <QUrl>

#include <memory>

class QHttpServerRequest;

namespace ModelDesk {
class SqlBackend;
}

namespace TestSupport {

// A fake MLflow tracking server for tests: answers MLflow's registry REST endpoints (and
// runs/get, metrics/get-history) on 127.0.0.1 from an MLflow SQLite store, through the same
// dispatcher the transcript replay uses, with Flask's HTML 404/405 pages for unknown paths
// and wrong methods. Lives on the thread that made it; the store is opened read-write.
class FakeMlflowServer
{
public:
    explicit FakeMlflowServer(const QString &storePath);
    ~FakeMlflowServer();
    FakeMlflowServer(const FakeMlflowServer &) = delete;
    FakeMlflowServer &operator=(const FakeMlflowServer &) = delete;

    // Why the store could not be opened; empty when it was.
    QString errorString() const { return m_error; }

    // Starts listening on 127.0.0.1 on a free port; returns it, or 0 on failure.
    quint16 listen();
    // http://127.0.0.1:<port> once listening, empty before.
    QUrl url() const;

    // The text /version answers (MLflow's own version string).
    static QByteArray versionText();

private:
    QHttpServerResponse answer(const QString &endpoint, const QHttpServerRequest &request);
    void addRoutes();

    std::unique_ptr<ModelDesk::SqlBackend> m_backend;
    QHttpServer m_server;
    QString m_error;
    quint16 m_port = 0;
};

} // namespace TestSupport
