#include "tests/fakeserver/fakemlflowserver.h"

#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fakeartifacts.h"
#include "tests/fakeserver/fakeresponse.h"
#include "tests/registry/transcripts.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <optional>

using namespace ModelDesk;

namespace TestSupport {

namespace {

using Method = QHttpServerRequest::Method;

// MLflow's route table for what the fake serves (rest.md §3, §7.3, §7.4, §7.7): the path
// under the API prefix and the methods Flask routes for it.
struct Endpoint
{
    const char *path;
    QHttpServerRequest::Methods methods;
};

const Endpoint endpoints[] = {
    {"registered-models/create", Method::Post},
    {"registered-models/get", Method::Get},
    {"registered-models/search", Method::Get},
    {"registered-models/rename", Method::Post},
    {"registered-models/update", Method::Patch},
    {"registered-models/delete", Method::Delete},
    {"registered-models/set-tag", Method::Post},
    {"registered-models/delete-tag", Method::Delete},
    {"registered-models/get-latest-versions", Method::Get | Method::Post},
    {"registered-models/alias", Method::Get | Method::Post | Method::Delete},
    {"model-versions/create", Method::Post},
    {"model-versions/get", Method::Get},
    {"model-versions/search", Method::Get},
    {"model-versions/update", Method::Patch},
    {"model-versions/delete", Method::Delete},
    {"model-versions/transition-stage", Method::Post},
    {"model-versions/set-tag", Method::Post},
    {"model-versions/delete-tag", Method::Delete},
    {"model-versions/get-download-uri", Method::Get},
    {"experiments/get", Method::Get},
    {"experiments/search", Method::Get | Method::Post},
    {"logged-models/{model_id}", Method::Get},
    {"runs/get", Method::Get},
    {"runs/search", Method::Post},
    {"metrics/get-history", Method::Get},
    {"artifacts/list", Method::Get},
    {"server-features", Method::Get},
    {"workspaces", Method::Get},
};

const QLatin1String apiPrefixes[]
    = {QLatin1String("/api/2.0/mlflow/"), QLatin1String("/ajax-api/2.0/mlflow/")};

const QString healthEndpoint = QStringLiteral("health");
const QString versionEndpoint = QStringLiteral("version");
const QString everyEndpoint = QStringLiteral("*");

QString methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Delete:
        return QStringLiteral("DELETE");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Head:
        return QStringLiteral("HEAD");
    case Method::Options:
        return QStringLiteral("OPTIONS");
    case Method::Patch:
        return QStringLiteral("PATCH");
    case Method::Connect:
        return QStringLiteral("CONNECT");
    case Method::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

// Where a path leads: its endpoint name (see FakeMlflowServer::setFault) and whether it is
// under one of the API prefixes.
struct Route
{
    QString endpoint;
    bool api = false;
};

Route routeOf(const QString &path)
{
    for (const QLatin1String &prefix : apiPrefixes) {
        if (path.startsWith(prefix))
            return {path.mid(prefix.size()), true};
    }
    return {path.startsWith(QLatin1Char('/')) ? path.mid(1) : path, false};
}

const Endpoint *findEndpoint(const QString &name)
{
    for (const Endpoint &endpoint : endpoints) {
        if (name == QLatin1String(endpoint.path))
            return &endpoint;
    }
    // Flask's logged-models/<model_id>: one path segment after the prefix.
    static const QLatin1String loggedModels("logged-models/");
    if (name.startsWith(loggedModels) && !name.mid(loggedModels.size()).contains(u'/')
        && name.size() > loggedModels.size())
        return findEndpoint(QStringLiteral("logged-models/{model_id}"));
    return nullptr;
}

// Werkzeug decodes '+' in a query string as a space; QUrlQuery does not.
QList<std::pair<QString, QString>> decodedQuery(QString raw)
{
    raw.replace(QLatin1Char('+'), QStringLiteral("%20"));
    QList<std::pair<QString, QString>> items;
    for (const auto &[key, value] : QUrlQuery(raw).queryItems(QUrl::FullyDecoded))
        items.append({key, value});
    return items;
}

// A registry call that changes something, which MLflow's basic-auth app checks for update
// or delete permission (rest.md §9.2); the POST form of get-latest-versions only reads.
bool isRegistryWrite(const QString &endpoint, Method method)
{
    if (method == Method::Get || endpoint == QLatin1String("registered-models/get-latest-versions"))
        return false;
    return endpoint.startsWith(QLatin1String("registered-models/"))
        || endpoint.startsWith(QLatin1String("model-versions/"));
}

// Written by hand rather than with QHttpServerResponder::write(): that one has no way to send
// a status outside its table (499, 599, ...) and takes headers only as an initializer list.
void writeResponse(QTcpSocket *socket, const FakeResponse &response, bool head)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray header = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        header += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &[name, value] : response.headers)
        header += name + ": " + value + "\r\n";
    header += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
    socket->write(header);
    if (!head)
        socket->write(response.body);
}

// The answer of a Status or FailThenServe fault.
FakeResponse faultResponse(const Fault &fault)
{
    if (fault.contentType.isEmpty() && fault.body.isEmpty()) {
        return jsonErrorForStatus(fault.status,
                                  QStringLiteral("Injected fault: HTTP %1").arg(fault.status));
    }
    return {
        fault.status, fault.contentType.isEmpty() ? textType : fault.contentType, fault.body, {}};
}

// Streams `fault.bytes` bytes of `{"registered_models":[{"name":"m"},...` in chunked encoding,
// a block whenever the socket has drained, so that the fake never holds the whole answer.
void streamChunked(QTcpSocket *socket, const Fault &fault)
{
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n");
    static const QByteArray block = [] {
        QByteArray entries;
        while (entries.size() < 1024 * 1024)
            entries += "{\"name\":\"endless-model\"},";
        return entries;
    }();
    const auto sent = fault.sent;
    const qint64 total = fault.bytes;
    const QPointer<QTcpSocket> guarded(socket);
    auto pump = [guarded, sent, total] {
        if (!guarded || guarded->state() != QAbstractSocket::ConnectedState)
            return;
        while (guarded->bytesToWrite() < 4 * 1024 * 1024 && sent->load() < total) {
            const QByteArray chunk = sent->load() == 0
                ? QByteArray("{\"registered_models\":[") + block
                : block.left(qMin<qint64>(block.size(), total - sent->load()));
            guarded->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            *sent += chunk.size();
            if (sent->load() >= total)
                guarded->write("0\r\n\r\n");
        }
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, pump);
    pump();
}

// A gzip member whose deflate stream inflates to `bytes` zero bytes (its CRC is not checked
// before the inflated size gives the bomb away).
QByteArray gzipOfZeros(qint64 bytes)
{
    const QByteArray zlib = qCompress(QByteArray(bytes, '\0'), 9);
    // qCompress: 4-byte big-endian length, 2-byte zlib header, deflate data, 4-byte Adler-32.
    const QByteArray deflate = zlib.mid(6, zlib.size() - 10);
    QByteArray gzip("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10);
    gzip += deflate;
    gzip += QByteArray(4, '\0'); // CRC-32, not computed
    const quint32 size = quint32(bytes);
    for (int i = 0; i < 4; ++i)
        gzip += char((size >> (8 * i)) & 0xff);
    return gzip;
}

} // namespace

Fault Fault::chunked(qint64 bytes)
{
    Fault fault;
    fault.kind = Kind::Chunked;
    fault.status = 200;
    fault.bytes = bytes;
    return fault;
}

Fault Fault::gzipBomb(qint64 bytes)
{
    Fault fault;
    fault.kind = Kind::GzipBomb;
    fault.status = 200;
    fault.bytes = bytes;
    return fault;
}

Fault Fault::neverAnswer()
{
    Fault fault;
    fault.kind = Kind::NeverAnswer;
    return fault;
}

Fault Fault::httpStatus(int status, const QByteArray &contentType, const QByteArray &body)
{
    Fault fault;
    fault.kind = Kind::Status;
    fault.status = status;
    fault.contentType = contentType;
    fault.body = body;
    return fault;
}

Fault Fault::truncatedJson()
{
    Fault fault;
    fault.kind = Kind::TruncatedJson;
    fault.status = 200;
    return fault;
}

Fault Fault::huge(qint64 bytes)
{
    Fault fault;
    fault.kind = Kind::Huge;
    fault.status = 200;
    fault.bytes = bytes;
    return fault;
}

Fault Fault::failThenServe(int times,
                           int status,
                           const QByteArray &contentType,
                           const QByteArray &body)
{
    Fault fault = httpStatus(status, contentType, body);
    fault.kind = Kind::FailThenServe;
    fault.times = times;
    return fault;
}

Fault Fault::delay(int milliseconds)
{
    Fault fault;
    fault.kind = Kind::Delay;
    fault.status = 200;
    fault.delayMs = milliseconds;
    return fault;
}

Fault Fault::closeConnection()
{
    Fault fault;
    fault.kind = Kind::CloseConnection;
    return fault;
}

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [&name](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QString RecordedRequest::queryValue(const QString &key) const
{
    for (const auto &[name, value] : query) {
        if (name == key)
            return value;
    }
    return {};
}

FakeMlflowServer::FakeMlflowServer(const QString &storePath)
    : m_storePath(storePath)
    , m_versionText(versionText())
{
    auto backend = SqlBackend::open(storePath, SqlBackend::OpenMode::ReadWrite);
    if (backend)
        m_backend = std::move(backend).value();
    else
        m_error = backend.error().message();
    // No routes: every request reaches one handler, so that recording, faults and
    // authentication apply to all of them, unknown paths included.
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
}

FakeMlflowServer::~FakeMlflowServer() = default;

QByteArray FakeMlflowServer::versionText()
{
    return QByteArrayLiteral("2.22.1.dev0");
}

void FakeMlflowServer::setVersionText(const QByteArray &text)
{
    m_versionText = text;
}

void FakeMlflowServer::setFault(const QString &endpoint, const Fault &fault)
{
    m_faults.insert(endpoint, fault);
}

void FakeMlflowServer::clearFaults()
{
    m_faults.clear();
}

void FakeMlflowServer::requireBasicAuth(const QString &user, const QString &password)
{
    m_authentication = Authentication::Basic;
    m_credentials = (user + QLatin1Char(':') + password).toUtf8();
}

void FakeMlflowServer::requireBearerToken(const QByteArray &token)
{
    m_authentication = Authentication::Bearer;
    m_credentials = token;
}

void FakeMlflowServer::clearAuthentication()
{
    m_authentication = Authentication::None;
    m_credentials.clear();
}

void FakeMlflowServer::setWritesDenied(bool denied)
{
    m_writesDenied = denied;
}

void FakeMlflowServer::setPermissions(std::optional<FakeUserPermissions> permissions)
{
    m_permissions = std::move(permissions);
}

void FakeMlflowServer::setWorkspaces(std::optional<bool> enabled)
{
    m_workspaces = enabled;
    m_workspaceBackends.clear();
    if (m_backend)
        m_backend->setServesWorkspaces(enabled.value_or(false));
}

std::variant<SqlBackend *, FakeResponse> FakeMlflowServer::backendFor(const QHttpServerRequest &request)
{
    if (!m_backend)
        return jsonError("TEMPORARILY_UNAVAILABLE", m_error, 503);
    const QString workspace
        = QString::fromUtf8(request.value(QByteArrayLiteral("X-MLFLOW-WORKSPACE")).trimmed());
    if (!m_workspaces.value_or(false) || workspace.isEmpty()
        || workspace == SqlBackend::DefaultWorkspace)
        return m_backend.get();
    auto found = m_workspaceBackends.find(workspace);
    if (found == m_workspaceBackends.end()) {
        auto opened = SqlBackend::open(m_storePath, SqlBackend::OpenMode::ReadWrite, workspace);
        if (!opened) {
            return jsonError("RESOURCE_DOES_NOT_EXIST",
                             QStringLiteral("Workspace '%1' not found.").arg(workspace), 404);
        }
        (*opened)->setServesWorkspaces(true);
        found = m_workspaceBackends.emplace(workspace, std::move(opened).value()).first;
    }
    return found->second.get();
}

FakeResponse FakeMlflowServer::workspaceAnswer(const QString &endpoint)
{
    if (!m_workspaces)
        return notFoundPage();
    if (endpoint == QLatin1String("server-features")) {
        return {200, jsonType,
                *m_workspaces ? QByteArrayLiteral("{\"workspaces_enabled\": true}")
                              : QByteArrayLiteral("{\"workspaces_enabled\": false}"),
                {}};
    }
    if (!*m_workspaces)
        return {503, textType, QByteArrayLiteral("Workspaces are not enabled on this server."), {}};
    if (!m_backend)
        return jsonError("TEMPORARILY_UNAVAILABLE", m_error, 503);
    QJsonArray list;
    for (const QString &name : m_backend->workspaces())
        list.append(QJsonObject{{QStringLiteral("name"), name}});
    return {200, jsonType,
            QJsonDocument(QJsonObject{{QStringLiteral("workspaces"), list}}).toJson(QJsonDocument::Compact),
            {}};
}

void FakeMlflowServer::setArtifactRoot(const QString &dir)
{
    m_artifactRoot = dir;
}

void FakeMlflowServer::clearRequests()
{
    m_requests.clear();
}

int FakeMlflowServer::hitCount(const QString &endpoint) const
{
    return int(std::count_if(
        m_requests.cbegin(), m_requests.cend(),
        [&endpoint](const RecordedRequest &request) { return request.endpoint == endpoint; }));
}

void FakeMlflowServer::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    RecordedRequest recorded;
    recorded.method = methodName(request.method());
    recorded.path = request.url().path();
    recorded.endpoint = routeOf(recorded.path).endpoint;
    recorded.rawQuery = request.url().query(QUrl::FullyEncoded);
    recorded.query = decodedQuery(recorded.rawQuery);
    for (const auto &[name, value] : request.headers())
        recorded.headers.append({name, value});
    recorded.body = request.body();
    m_requests.append(recorded);

    if (applyFault(recorded.endpoint, request, responder))
        return;
    writeResponse(responder.socket(), respond(recorded.endpoint, request),
                  request.method() == Method::Head);
}

bool FakeMlflowServer::applyFault(const QString &endpoint,
                                  const QHttpServerRequest &request,
                                  QHttpServerResponder &responder)
{
    auto it = m_faults.find(endpoint);
    if (it == m_faults.end())
        it = m_faults.find(everyEndpoint);
    if (it == m_faults.end())
        return false;
    Fault &fault = it.value();
    const bool head = request.method() == Method::Head;
    switch (fault.kind) {
    case Fault::Kind::NeverAnswer:
        keep(std::move(responder));
        return true;
    case Fault::Kind::CloseConnection:
        responder.socket()->disconnectFromHost();
        return true;
    case Fault::Kind::Status:
        writeResponse(responder.socket(), faultResponse(fault), head);
        return true;
    case Fault::Kind::FailThenServe:
        if (fault.times <= 0)
            return false;
        --fault.times;
        writeResponse(responder.socket(), faultResponse(fault), head);
        return true;
    case Fault::Kind::TruncatedJson: {
        QByteArray body = fault.body.isEmpty() ? respond(endpoint, request).body : fault.body;
        body.truncate(body.size() / 2);
        writeResponse(responder.socket(), {200, jsonType, body, {}}, head);
        return true;
    }
    case Fault::Kind::Chunked:
        streamChunked(responder.socket(), fault);
        keep(std::move(responder));
        return true;
    case Fault::Kind::GzipBomb: {
        static QHash<qint64, QByteArray> bombs;
        if (!bombs.contains(fault.bytes))
            bombs.insert(fault.bytes, gzipOfZeros(fault.bytes));
        writeResponse(responder.socket(),
                      {200, jsonType, bombs.value(fault.bytes), {{"Content-Encoding", "gzip"}}},
                      head);
        return true;
    }
    case Fault::Kind::Huge:
        writeResponse(responder.socket(), {200, jsonType, hugeSearchAnswer(fault.bytes), {}}, head);
        return true;
    case Fault::Kind::Delay: {
        // Answered now (the request object does not outlive this call), sent later.
        const FakeResponse response = respond(endpoint, request);
        const QPointer<QTcpSocket> socket = responder.socket();
        const auto kept = std::make_shared<QHttpServerResponder>(std::move(responder));
        QTimer::singleShot(fault.delayMs, &m_server, [socket, kept, response, head] {
            writeResponse(socket, response, head);
        });
        return true;
    }
    }
    return false;
}

void FakeMlflowServer::keep(QHttpServerResponder &&responder)
{
    m_kept.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
}

std::optional<FakeResponse> FakeMlflowServer::authenticate(const QHttpServerRequest &request) const
{
    if (m_authentication == Authentication::None)
        return std::nullopt;
    const QByteArray authorization = request.value(QByteArrayLiteral("Authorization")).trimmed();
    const qsizetype space = authorization.indexOf(' ');
    const QByteArray scheme = authorization.left(space).toLower();
    const QByteArray credentials
        = space < 0 ? QByteArray() : authorization.mid(space + 1).trimmed();
    if (m_authentication == Authentication::Basic) {
        const auto decoded
            = QByteArray::fromBase64Encoding(credentials, QByteArray::AbortOnBase64DecodingErrors);
        if (scheme == "basic" && decoded && *decoded == m_credentials)
            return std::nullopt;
        // MLflow's make_basic_auth_response(): Flask's default type for a str body.
        return FakeResponse {
            401,
            htmlType,
            QByteArrayLiteral("You are not authenticated. Please see "
                              "https://www.mlflow.org/docs/latest/auth/index.html"
                              "#authenticating-to-mlflow on how to authenticate."),
            {{QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"mlflow\"")}}};
    }
    if (scheme == "bearer" && !credentials.isEmpty() && credentials == m_credentials)
        return std::nullopt;
    return jsonError("UNAUTHENTICATED",
                     QStringLiteral("Authentication required: a valid bearer token must be sent "
                                    "in the Authorization header."),
                     401);
}

FakeResponse FakeMlflowServer::respond(const QString &endpoint, const QHttpServerRequest &request)
{
    const Route route = routeOf(request.url().path());
    const Method method = request.method();
    // /health and /version answer without credentials (rest.md §1.1); everything else,
    // unknown paths included, is authenticated first, as Flask runs before_request hooks
    // before routing errors.
    if (!route.api && (endpoint == healthEndpoint || endpoint == versionEndpoint)) {
        if (method != Method::Get && method != Method::Head)
            return methodNotAllowedPage();
        return {200,
                htmlType,
                endpoint == healthEndpoint ? QByteArrayLiteral("OK") : m_versionText,
                {}};
    }
    if (const std::optional<FakeResponse> refused = authenticate(request))
        return *refused;
    if (!route.api) {
        if (endpoint != QLatin1String("get-artifact"))
            return notFoundPage();
        if (method != Method::Get)
            return methodNotAllowedPage();
        const auto backend = backendFor(request);
        if (const auto *error = std::get_if<FakeResponse>(&backend))
            return *error;
        return downloadArtifact(*std::get<SqlBackend *>(backend), m_artifactRoot,
                                decodedQuery(request.url().query(QUrl::FullyEncoded)));
    }
    if (m_permissions) {
        if (auto answer = permissionEndpoint(*m_permissions, endpoint, request))
            return *answer;
    }
    const Endpoint *known = findEndpoint(endpoint);
    if (!known)
        return notFoundPage();
    if (!known->methods.testFlag(method))
        return methodNotAllowedPage();
    // basic-auth's make_forbidden_response().
    if (m_writesDenied && isRegistryWrite(endpoint, method))
        return {403, htmlType, QByteArrayLiteral("Permission denied"), {}};
    if (m_permissions) {
        if (auto refused = checkPermission(*m_permissions, endpoint, request))
            return *refused;
    }
    return answer(endpoint, request);
}

FakeResponse FakeMlflowServer::answer(const QString &endpoint, const QHttpServerRequest &request)
{
    if (endpoint == QLatin1String("server-features") || endpoint == QLatin1String("workspaces"))
        return workspaceAnswer(endpoint);
    const auto selected = backendFor(request);
    if (const auto *error = std::get_if<FakeResponse>(&selected))
        return *error;
    SqlBackend &backend = *std::get<SqlBackend *>(selected);
    if (endpoint == QLatin1String("artifacts/list")) {
        return listArtifacts(backend, m_artifactRoot,
                             decodedQuery(request.url().query(QUrl::FullyEncoded)));
    }
    if (request.method() == Method::Post || request.method() == Method::Put) {
        // MLflow's _validate_content_type.
        const QByteArray contentType = request.value(QByteArrayLiteral("Content-Type"));
        if (contentType.isEmpty()) {
            return jsonError("INVALID_PARAMETER_VALUE",
                             QStringLiteral("Bad Request. Content-Type header is missing."), 400);
        }
        if (contentType.split(';').first().trimmed().toLower() != jsonType) {
            return jsonError("INVALID_PARAMETER_VALUE",
                             QStringLiteral("Bad Request. Content-Type must be one of "
                                            "['application/json']."),
                             400);
        }
    }
    const Reply reply = serve(backend, methodName(request.method()),
                              QStringLiteral("/api/2.0/mlflow/") + endpoint,
                              request.url().query(QUrl::FullyEncoded), request.body());
    if (!reply.handled) {
        return jsonError("NOT_IMPLEMENTED",
                         QStringLiteral("The fake MLflow server does not reproduce this "
                                        "request."),
                         501);
    }
    return {reply.status, reply.contentType, reply.body, {}};
}

quint16 FakeMlflowServer::listen(quint16 port)
{
    m_port = m_server.listen(QHostAddress::LocalHost, port);
    return m_port;
}

QUrl FakeMlflowServer::url() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

} // namespace TestSupport
