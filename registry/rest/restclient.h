#pragma once

#include "registry/error.h"
#include "registry/rest/serveroptions.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSslCertificate>
#include <QThreadPool>

#include <functional>
#include <optional>
#include <utility>

class QNetworkReply;

namespace ModelDesk {

// One HTTP exchange with an MLflow server.
struct HttpRequest
{
    enum class Method { Get, Post, Patch, Delete };
    Method method = Method::Get;
    // Under <server>/api/2.0/mlflow/ ("registered-models/search"), or, when it starts with
    // '/', under the server's root ("/version", "/get-artifact").
    QString path;
    QList<std::pair<QString, QString>> query; // GET parameters; repeated keys allowed
    std::optional<QJsonObject> body;          // POST/PATCH/DELETE parameters (MLflow reads
                                              // DELETE parameters from the body too)
    QString operation; // what is being done, for messages: "searching registered models"
    // When set, the answer is streamed into this file (replaced only once complete) instead
    // of being returned, with no size limit; `progress` gets (bytes received, total or -1).
    QString downloadTo;
    std::function<void(qint64, qint64)> progress;

    // A POST that only reads (runs/search), which may be sent again like a GET.
    bool readOnly = false;

    bool safeToRetry() const { return method == Method::Get || readOnly; }
};

// The context of one Registry call on the client's thread: whether its future was cancelled
// (watched, so the request in flight is aborted at once) and the request it is waiting for.
class RestCall : public QObject
{
    Q_OBJECT
public:
    RestCall(const QFuture<void> &future, QObject *parent);
    // A call of the client's own (a read-ahead) that nothing cancels.
    explicit RestCall(QObject *parent);
    bool canceled() const { return m_canceled; }
    void abortForShutdown();
    // Where a download reports (bytes received, total or -1).
    void setProgressReporter(std::function<void(qint64, qint64)> reporter)
    {
        m_progress = std::move(reporter);
    }
    std::function<void(qint64, qint64)> progressReporter() const { return m_progress; }

private:
    friend class RestClient;
    QFutureWatcher<void> m_watcher;
    QPointer<QNetworkReply> m_reply;
    std::function<void(qint64, qint64)> m_progress;
    bool m_canceled = false;
};

// Speaks HTTP to one MLflow server from the thread it lives on: builds requests (auth,
// JSON bodies, no Origin header), applies the connect and request timeouts, retries safe
// GETs on 429/502/503/504 with backoff, caps answer sizes and turns every failure into a
// RegistryError naming the server and the operation. Also keeps the call order: a write
// starts when everything before it has finished, and nothing starts while a write runs.
class RestClient : public QObject
{
    Q_OBJECT
public:
    explicit RestClient(const ServerOptions &options, QObject *parent = nullptr);
    ~RestClient() override;

    const ServerOptions &options() const { return m_options; }
    // Sends X-MLFLOW-WORKSPACE with every request from now on (a server with workspaces
    // enabled); an empty name sends none.
    void setWorkspaceHeader(const QString &workspace) { m_workspaceHeader = workspace.toUtf8(); }

    // Runs `start` once the ordering rules allow; `start` must lead to one finished(write).
    void schedule(bool write, std::function<void()> start);
    void finished(bool write);

    // Sends `request` for `call`; `done` gets the body of a 2xx answer (empty for a download)
    // or the error. `done` is not called if the client is destroyed first.
    void send(RestCall *call, const HttpRequest &request,
              std::function<void(Result<QByteArray>)> done);

    // Read-ahead: sends a GET nobody has asked for yet (the next page of a search being
    // read), so that when the same request is sent it is answered from here, at once or as
    // soon as it arrives. A write drops what was read ahead.
    void readAhead(const HttpRequest &request);

    // Runs `work` on the client's parsing thread and `then` on the client's thread with its
    // result: big answers are parsed while the next one is being received.
    template<typename T>
    void parse(std::function<T()> work, std::function<void(T)> then)
    {
        m_parsing.start([this, work = std::move(work), then = std::move(then)]() mutable {
            T value = work();
            // Queued to this object: dropped if the client is gone by then.
            QMetaObject::invokeMethod(
                this, [value = std::move(value), then = std::move(then)]() mutable {
                    then(std::move(value));
                },
                Qt::QueuedConnection);
        });
    }

    QUrl urlFor(const HttpRequest &request) const;

private:
    struct ReadAhead
    {
        bool done = false;
        Result<QByteArray> answer;
        QList<std::function<void(Result<QByteArray>)>> waiters;
        QPointer<RestCall> call;
    };
    void dropReadAhead();
    struct Exchange;
    void sendNetwork(RestCall *call, const HttpRequest &request,
                     std::function<void(Result<QByteArray>)> done);
    void start(const std::shared_ptr<Exchange> &exchange);
    void complete(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply);
    RegistryError httpError(const Exchange &exchange, int status, const QByteArray &contentType,
                            const QByteArray &body) const;
    RegistryError transportError(const Exchange &exchange, QNetworkReply *reply) const;
    void pump();

    ServerOptions m_options;
    QByteArray m_workspaceHeader;
    QNetworkAccessManager m_network;
    QString m_server; // display URL
    struct Pending
    {
        bool write;
        std::function<void()> start;
    };
    QQueue<Pending> m_queue;
    QHash<QString, std::shared_ptr<ReadAhead>> m_readAhead; // by URL
    QStringList m_readAheadOrder;
    QThreadPool m_parsing;
    int m_runningReads = 0;
    bool m_writeRunning = false;
    bool m_closing = false;
    bool m_pumping = false; // pump() is running: calls finishing inside it must not recurse
    QList<QSslCertificate> m_caCertificates; // MLFLOW_TRACKING_SERVER_CERT_PATH, read once
};

} // namespace ModelDesk
