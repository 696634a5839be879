#include "tests/fakeserver/fakemlflowserver.h"

#include "registry/sql/sqlbackend.h"
#include "tests/registry/transcripts.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace ModelDesk;

namespace TestSupport {

namespace {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

// MLflow's route table for what the fake serves (rest.md §3, §7.3, §7.4): the path under
// the API prefix and the methods Flask routes for it.
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
    {"runs/get", Method::Get},
    {"metrics/get-history", Method::Get},
};

const char *const prefixes[] = {"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"};

const QByteArray htmlType = QByteArrayLiteral("text/html; charset=utf-8");
const QByteArray jsonType = QByteArrayLiteral("application/json");

// Werkzeug's default error pages, byte for byte as MLflow's Flask app sends them.
const QByteArray notFoundPage = QByteArrayLiteral(
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again.</p>\n");
const QByteArray methodNotAllowedPage = QByteArrayLiteral(
    "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n"
    "<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n");

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

// MLflow's error body (rest.md §1.5).
QHttpServerResponse jsonError(const char *code, const QString &message, StatusCode status)
{
    const QJsonObject error {{QStringLiteral("error_code"), QString::fromLatin1(code)},
                             {QStringLiteral("message"), message}};
    return QHttpServerResponse(jsonType, QJsonDocument(error).toJson(QJsonDocument::Compact),
                               status);
}

} // namespace

FakeMlflowServer::FakeMlflowServer(const QString &storePath)
{
    auto backend = SqlBackend::open(storePath, SqlBackend::OpenMode::ReadWrite);
    if (backend)
        m_backend = std::move(backend).value();
    else
        m_error = backend.error().message();
    addRoutes();
}

FakeMlflowServer::~FakeMlflowServer() = default;

QByteArray FakeMlflowServer::versionText()
{
    return QByteArrayLiteral("2.22.1.dev0");
}

void FakeMlflowServer::addRoutes()
{
    for (const Endpoint &endpoint : endpoints) {
        const QString name = QString::fromLatin1(endpoint.path);
        const QHttpServerRequest::Methods methods = endpoint.methods;
        for (const char *prefix : prefixes) {
            // No method filter on the rule: a wrong method must reach answer() for its 405.
            m_server.route(QRegularExpression::escape(QLatin1String(prefix) + name),
                           [this, name, methods](const QHttpServerRequest &request) {
                               if (!methods.testFlag(request.method())) {
                                   return QHttpServerResponse(htmlType, methodNotAllowedPage,
                                                              StatusCode::MethodNotAllowed);
                               }
                               return answer(name, request);
                           });
        }
    }
    const auto text = [](const QByteArray &body) {
        return [body](const QHttpServerRequest &request) {
            if (request.method() != Method::Get && request.method() != Method::Head) {
                return QHttpServerResponse(htmlType, methodNotAllowedPage,
                                           StatusCode::MethodNotAllowed);
            }
            return QHttpServerResponse(htmlType, body);
        };
    };
    m_server.route(QStringLiteral("/health"), text(QByteArrayLiteral("OK")));
    m_server.route(QStringLiteral("/version"), text(versionText()));
    m_server.setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write(notFoundPage, htmlType, StatusCode::NotFound);
    });
}

QHttpServerResponse FakeMlflowServer::answer(const QString &endpoint,
                                             const QHttpServerRequest &request)
{
    if (!m_backend) {
        return jsonError("TEMPORARILY_UNAVAILABLE", m_error, StatusCode::ServiceUnavailable);
    }
    if (request.method() == Method::Post || request.method() == Method::Put) {
        // MLflow's _validate_content_type.
        const QByteArray contentType = request.value(QByteArrayLiteral("Content-Type"));
        if (contentType.isEmpty()) {
            return jsonError("INVALID_PARAMETER_VALUE",
                             QStringLiteral("Bad Request. Content-Type header is missing."),
                             StatusCode::BadRequest);
        }
        if (contentType.split(';').first().trimmed().toLower() != jsonType) {
            return jsonError("INVALID_PARAMETER_VALUE",
                             QStringLiteral("Bad Request. Content-Type must be one of "
                                            "['application/json']."),
                             StatusCode::BadRequest);
        }
    }
    const Reply reply = serve(*m_backend, methodName(request.method()),
                              QStringLiteral("/api/2.0/mlflow/") + endpoint,
                              request.url().query(QUrl::FullyEncoded), request.body());
    if (!reply.handled) {
        return jsonError("NOT_IMPLEMENTED",
                         QStringLiteral("The fake MLflow server does not reproduce this "
                                        "request."),
                         StatusCode::NotImplemented);
    }
    return QHttpServerResponse(reply.contentType, reply.body,
                               static_cast<StatusCode>(reply.status));
}

quint16 FakeMlflowServer::listen()
{
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
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
