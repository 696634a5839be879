#pragma once

#include "tests/fakeserver/fakepermissions.h"

#include <QByteArray>
#include <QHash>
#include <QHttpServer>
#include <QList>
#include <QString>
#include <QUrl>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

class QHttpServerRequest;
class QHttpServerResponder;

namespace ModelDesk {
class SqlBackend;
}

namespace TestSupport {

struct FakeResponse;

// A failure injected into one endpoint of the fake server, for client tests of what real
// servers and the proxies in front of them do. Faults act in front of the MLflow app (like a
// proxy or a broken network): before authentication, routing and method checks.
struct Fault
{
    enum class Kind {
        NeverAnswer, // the request is read and never answered; the connection stays open
        Status, // `status` with `contentType` and `body` (see below), every time
        TruncatedJson, // 200 application/json: the normal answer (or `body`) cut in half
        Huge, // 200 application/json: a valid registered-models/search answer of
              // exactly `bytes` bytes (many models with long descriptions)
        FailThenServe, // `status` (as Status) for the next `times` requests, then normal
        Delay, // the normal answer, sent `delayMs` after the request arrived
        CloseConnection, // the connection is closed without an answer
        Chunked, // 200 application/json in chunked encoding, `bytes` bytes of an unending
                 // registered-models list, made as the client reads (never held whole)
        GzipBomb, // 200 application/json, Content-Encoding: gzip, inflating to `bytes` bytes
    };

    Kind kind = Kind::Status;
    int status = 500;
    // Status and FailThenServe: with neither type nor body, MLflow's JSON error for the
    // status (error_code from rest.md §1.5); a body without a type is sent as text/plain.
    QByteArray contentType;
    QByteArray body;
    qint64 bytes = 0;
    int times = 1;
    int delayMs = 0;
    // Chunked: how many body bytes have gone out so far (shared with the test's copy).
    std::shared_ptr<std::atomic<qint64>> sent = std::make_shared<std::atomic<qint64>>(0);

    static Fault neverAnswer();
    static Fault
    httpStatus(int status, const QByteArray &contentType = {}, const QByteArray &body = {});
    static Fault truncatedJson();
    static Fault huge(qint64 bytes);
    static Fault failThenServe(int times,
                               int status = 503,
                               const QByteArray &contentType = {},
                               const QByteArray &body = {});
    static Fault delay(int milliseconds);
    static Fault closeConnection();
    static Fault chunked(qint64 bytes);
    static Fault gzipBomb(qint64 bytes);
};

// One request as the fake server received it.
struct RecordedRequest
{
    QString method; // "GET", "POST", ...
    QString path; // URL path, decoded: "/api/2.0/mlflow/registered-models/search"
    QString endpoint; // the name faults are set on (FakeMlflowServer::setFault)
    QString rawQuery; // as sent, still percent-encoded
    // Decoded as MLflow (Werkzeug) decodes it: '+' is a space. Repeated keys stay repeated.
    QList<std::pair<QString, QString>> query;
    // As received, in no particular order (QtHttpServer 6.4 keeps them in a hash).
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The value of a header (name case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // The first value of a query parameter, a null string when absent.
    QString queryValue(const QString &key) const;
};

// A fake MLflow tracking server for tests: answers MLflow's registry REST endpoints (and
// runs/get, metrics/get-history, artifacts/list, /get-artifact) on 127.0.0.1 from an MLflow
// SQLite store, through the same dispatcher the transcript replay uses, with Flask's HTML
// 404/405 pages for unknown paths and wrong methods. Tests can inject faults per endpoint,
// require credentials, deny writes, and read back every request received.
//
// Lives on the thread that made it (the test's main thread, whose event loop must run for it
// to answer; FakeServerThread runs one on a thread of its own). The store is opened
// read-write. Not thread-safe.
class FakeMlflowServer
{
public:
    explicit FakeMlflowServer(const QString &storePath);
    ~FakeMlflowServer();
    FakeMlflowServer(const FakeMlflowServer &) = delete;
    FakeMlflowServer &operator=(const FakeMlflowServer &) = delete;

    // Why the store could not be opened; empty when it was.
    QString errorString() const { return m_error; }

    // Starts listening on 127.0.0.1 on `port` (0: a free one); returns it, or 0 on failure.
    quint16 listen(quint16 port = 0);
    // http://127.0.0.1:<port> once listening, empty before.
    QUrl url() const;

    // The text /version answers unless setVersionText() changed it (MLflow's own version).
    static QByteArray versionText();
    // What /version answers from now on, e.g. "3.6.0" to look like an MLflow 3 server.
    void setVersionText(const QByteArray &text);

    // Faults, by endpoint name: the path under /api/2.0/mlflow/ or /ajax-api/2.0/mlflow/
    // ("registered-models/search", "artifacts/list"; both prefixes share the fault), or any
    // other path without its leading '/' ("health", "version", "get-artifact"); "*" is every
    // endpoint without a fault of its own. A new fault replaces the endpoint's previous one.
    void setFault(const QString &endpoint, const Fault &fault);
    void clearFaults();

    // Authentication like MLflow's basic-auth app: every path but /health and /version needs
    // `Authorization: Basic base64(user:password)`, else 401 with Flask's text page and
    // `WWW-Authenticate: Basic realm="mlflow"` (a bearer token is refused the same way).
    void requireBasicAuth(const QString &user, const QString &password);
    // Authentication by `Authorization: Bearer <token>`, else 401 JSON UNAUTHENTICATED (as
    // token-checking plug-ins and proxies answer).
    void requireBearerToken(const QByteArray &token);
    // Back to a plain `mlflow server`: no authentication, the header is ignored.
    void clearAuthentication();
    // A read-only user: every registry call that changes something (not GET, and not the
    // POST form of get-latest-versions) gets basic-auth's 403 text "Permission denied".
    // MLflow's basic-auth app for the one user requireBasicAuth() admits: grants per model,
    // its permission and user endpoints, 403 for calls the user's permission does not cover.
    void setPermissions(std::optional<FakeUserPermissions> permissions);
    void setWritesDenied(bool denied);

    // The directory run artifacts are served from: a run's files are <dir>/<run_id>/..., or,
    // when that does not exist and the run's artifact_uri is `mlflow-artifacts:/<path>`,
    // <dir>/<path>/... (the layout of `mlflow server --artifacts-destination <dir>`, as in
    // the shared fixtures). Without a directory every run has no artifacts.
    void setArtifactRoot(const QString &dir);

    // Workspaces as MLflow 3.9 and later serve them. Unset (as made): no /server-features
    // endpoint, like MLflow before 3.9. false: it answers {"workspaces_enabled": false} and
    // X-MLFLOW-WORKSPACE is ignored (MLflow 3.12 single-tenant). true: the header picks the
    // workspace every call reads and writes ("default" without it; an unknown one is 404),
    // GET workspaces lists the store's workspaces, and models may be made in any of them.
    void setWorkspaces(std::optional<bool> enabled);
    // Every request received since the start or clearRequests(), faulted ones included.
    QList<RecordedRequest> requests() const { return m_requests; }
    void clearRequests();
    // How many of requests() went to `endpoint` (named as for setFault).
    int hitCount(const QString &endpoint) const;

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    bool applyFault(const QString &endpoint,
                    const QHttpServerRequest &request,
                    QHttpServerResponder &responder);
    FakeResponse respond(const QString &endpoint, const QHttpServerRequest &request);
    std::optional<FakeResponse> authenticate(const QHttpServerRequest &request) const;
    FakeResponse answer(const QString &endpoint, const QHttpServerRequest &request);
    // The store as the request's workspace sees it, or the error answer.
    std::variant<ModelDesk::SqlBackend *, FakeResponse> backendFor(const QHttpServerRequest &request);
    FakeResponse workspaceAnswer(const QString &endpoint);
    void keep(QHttpServerResponder &&responder);

    enum class Authentication { None, Basic, Bearer };

    QString m_storePath;
    std::unique_ptr<ModelDesk::SqlBackend> m_backend;
    std::optional<bool> m_workspaces;
    std::map<QString, std::unique_ptr<ModelDesk::SqlBackend>> m_workspaceBackends;
    QHttpServer m_server;
    QString m_error;
    quint16 m_port = 0;
    QByteArray m_versionText;
    QHash<QString, Fault> m_faults;
    Authentication m_authentication = Authentication::None;
    QByteArray m_credentials; // "user:password" (Basic) or the token (Bearer)
    bool m_writesDenied = false;
    std::optional<FakeUserPermissions> m_permissions;
    QString m_artifactRoot;
    QList<RecordedRequest> m_requests;
    // NeverAnswer requests: their responders stay alive until the server goes, so that no
    // QtHttpServer version finishes them on its own.
    std::vector<std::unique_ptr<QHttpServerResponder>> m_kept;
};

} // namespace TestSupport
