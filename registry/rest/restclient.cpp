#include "registry/rest/restclient.h"
#include "registry/rest/modelpermissions.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

namespace ModelDesk {

namespace {

// How far ahead of the reader Qt's network thread may read an answer.
constexpr qint64 ReadAheadBytes = 4LL * 1024 * 1024;

QByteArray methodName(HttpRequest::Method method)
{
    switch (method) {
    case HttpRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case HttpRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case HttpRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case HttpRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    }
    return QByteArrayLiteral("GET");
}

bool retryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

// A server's error page or text reduced to one readable line for a message.
QString bodyExcerpt(const QByteArray &body, const QByteArray &contentType)
{
    QString text = QString::fromUtf8(body.left(4096));
    if (contentType.contains("html") || text.trimmed().startsWith(QLatin1Char('<'))) {
        // Werkzeug's and proxies' pages: the <title> or <h1> says it; else strip the tags.
        static const QRegularExpression title(QStringLiteral("<title>(.*?)</title>"),
                                              QRegularExpression::CaseInsensitiveOption
                                                  | QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression paragraph(QStringLiteral("<p>(.*?)</p>"),
                                                  QRegularExpression::CaseInsensitiveOption
                                                      | QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
        const auto titleMatch = title.match(text);
        const auto paragraphMatch = paragraph.match(text);
        if (titleMatch.hasMatch()) {
            text = titleMatch.captured(1);
            if (paragraphMatch.hasMatch())
                text += QStringLiteral(": ") + paragraphMatch.captured(1);
        }
        text.remove(tags);
    }
    text = text.simplified();
    if (text.size() > 300)
        text = text.left(300) + QStringLiteral("…");
    return text;
}

} // namespace

RestCall::RestCall(const QFuture<void> &future, QObject *parent)
    : QObject(parent)
{
    m_canceled = future.isCanceled();
    connect(&m_watcher, &QFutureWatcher<void>::canceled, this, [this] {
        m_canceled = true;
        if (m_reply)
            m_reply->abort();
    });
    m_watcher.setFuture(future);
}

RestCall::RestCall(QObject *parent)
    : QObject(parent)
{}

void RestCall::abortForShutdown()
{
    m_canceled = true;
    if (m_reply) {
        // Only our own connections: Qt passes abort() to its HTTP thread through the reply's.
        QObject::disconnect(m_reply, nullptr, parent(), nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

struct RestClient::Exchange
{
    QPointer<RestCall> call;
    HttpRequest request;
    std::function<void(Result<QByteArray>)> done;
    int attempt = 0;
    QByteArray received;
    std::unique_ptr<QSaveFile> file;
    bool timedOut = false;
    bool connectTimedOut = false;
    bool oversized = false;
    bool writeFailed = false;
};

RestClient::RestClient(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_network(this)
    , m_server(options.displayUrl())
{
    // Redirects are followed only within the server (same scheme, host and port): the
    // credentials sent with every request must not reach another host.
    m_network.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_parsing.setMaxThreadCount(1);
    if (!m_options.caCertificatesPath.isEmpty())
        m_caCertificates = QSslCertificate::fromPath(m_options.caCertificatesPath);
}

RestClient::~RestClient()
{
    m_closing = true;
    // Requests in flight end without calling back; their calls' futures are cancelled when
    // the promises held by the callbacks go.
    for (RestCall *call : findChildren<RestCall *>())
        call->abortForShutdown();
    m_queue.clear();
    m_readAhead.clear();
    // Parsing in progress ends here; what it posts back to this object is dropped with it.
    m_parsing.waitForDone();
}

void RestClient::readAhead(const HttpRequest &request)
{
    if (m_closing || request.method != HttpRequest::Method::Get)
        return;
    const QString url = urlFor(request).toString();
    if (m_readAhead.contains(url))
        return;
    // Keep a few: a view reading pages in turn needs only the next one.
    while (m_readAheadOrder.size() >= 4)
        m_readAhead.remove(m_readAheadOrder.takeFirst());
    auto entry = std::make_shared<ReadAhead>();
    entry->call = new RestCall(this);
    m_readAhead.insert(url, entry);
    m_readAheadOrder.append(url);
    sendNetwork(entry->call, request, [entry](Result<QByteArray> answer) {
        entry->done = true;
        entry->answer = std::move(answer);
        if (entry->call)
            entry->call->deleteLater();
        const auto waiters = std::exchange(entry->waiters, {});
        for (const auto &waiter : waiters)
            waiter(entry->answer);
    });
}

void RestClient::dropReadAhead()
{
    for (const auto &entry : std::as_const(m_readAhead)) {
        if (!entry->done && entry->call) {
            entry->call->abortForShutdown();
            entry->call->deleteLater();
        }
    }
    m_readAhead.clear();
    m_readAheadOrder.clear();
}

void RestClient::schedule(bool write, std::function<void()> start)
{
    m_queue.enqueue(Pending{write, std::move(start)});
    pump();
}

void RestClient::finished(bool write)
{
    if (write)
        m_writeRunning = false;
    else
        --m_runningReads;
    pump();
}

void RestClient::pump()
{
    // A call that ends at once (cancelled before it started) calls finished() from inside
    // next.start(); the loop below picks up what that freed instead of recursing.
    if (m_pumping)
        return;
    m_pumping = true;
    const auto done = qScopeGuard([this] { m_pumping = false; });
    while (!m_queue.isEmpty() && !m_closing) {
        const Pending &front = m_queue.head();
        if (m_writeRunning)
            break;
        if (front.write && m_runningReads > 0)
            break;
        Pending next = m_queue.dequeue();
        if (next.write) {
            // Nothing reads now; what was read ahead may be out of date after the write.
            dropReadAhead();
            m_writeRunning = true;
        }
        else
            ++m_runningReads;
        next.start();
    }
}

QUrl RestClient::urlFor(const HttpRequest &request) const
{
    QUrl url = m_options.url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(request.path.startsWith(QLatin1Char('/'))
                    ? QString(base + request.path)
                    : QString(base + QStringLiteral("/api/2.0/mlflow/") + request.path));
    if (!request.query.isEmpty()) {
        // Percent-encode everything but unreserved characters: page tokens are base64 with
        // '+', '/' and '=', and a '+' left bare would reach the server as a space.
        QByteArray query;
        for (const auto &[key, value] : request.query) {
            if (!query.isEmpty())
                query += '&';
            query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        }
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    }
    return url;
}

void RestClient::send(RestCall *call, const HttpRequest &request,
                      std::function<void(Result<QByteArray>)> done)
{
    if (request.method == HttpRequest::Method::Get && request.downloadTo.isEmpty()) {
        const QString url = urlFor(request).toString();
        if (const auto entry = m_readAhead.take(url)) {
            m_readAheadOrder.removeOne(url);
            if (entry->done) {
                QMetaObject::invokeMethod(
                    this, [done = std::move(done), answer = entry->answer] { done(answer); },
                    Qt::QueuedConnection);
            } else {
                entry->waiters.append(std::move(done));
            }
            return;
        }
    }
    sendNetwork(call, request, std::move(done));
}

void RestClient::sendNetwork(RestCall *call, const HttpRequest &request,
                             std::function<void(Result<QByteArray>)> done)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->call = call;
    exchange->request = request;
    exchange->done = std::move(done);
    start(exchange);
}

void RestClient::start(const std::shared_ptr<Exchange> &exchange)
{
    if (m_closing)
        return;
    if (!exchange->call || exchange->call->canceled()) {
        exchange->done(RegistryError(ErrorCode::Cancelled, tr("Cancelled.")));
        return;
    }
    const HttpRequest &request = exchange->request;
    QNetworkRequest networkRequest(urlFor(request));
    networkRequest.setRawHeader("Accept", request.downloadTo.isEmpty()
                                              ? QByteArrayLiteral("application/json")
                                              : QByteArrayLiteral("*/*"));
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader,
                             QStringLiteral("ModelDesk/%1")
                                 .arg(QCoreApplication::applicationVersion()));
    if (const QByteArray authorization = m_options.authorizationHeader(); !authorization.isEmpty())
        networkRequest.setRawHeader("Authorization", authorization);
    if (!m_workspaceHeader.isEmpty())
        networkRequest.setRawHeader("X-MLFLOW-WORKSPACE", m_workspaceHeader);
    if (m_options.url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (m_options.insecureTls) {
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        } else if (!m_options.caCertificatesPath.isEmpty()) {
            if (m_caCertificates.isEmpty()) {
                exchange->done(RegistryError(
                    ErrorCode::InvalidState,
                    tr("No certificate could be read from %1 (MLFLOW_TRACKING_SERVER_CERT_PATH) "
                       "while %2; it must be a PEM file of CA certificates.")
                        .arg(m_options.caCertificatesPath, request.operation)));
                return;
            }
            ssl.setCaCertificates(ssl.caCertificates() + m_caCertificates);
        }
        networkRequest.setSslConfiguration(ssl);
    }
    if (request.method != HttpRequest::Method::Get) {
        // Qt would resend a redirected write as a GET without its body, and a 200 from
        // wherever it landed would pass for success.
        networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                    QNetworkRequest::ManualRedirectPolicy);
    }
    if (!request.downloadTo.isEmpty()) {
        // A download may take long; only a stalled one is cut off.
        networkRequest.setTransferTimeout(m_options.requestTimeoutMs);
    }

    QByteArray body;
    if (request.body) {
        body = QJsonDocument(*request.body).toJson(QJsonDocument::Compact);
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                                 QByteArrayLiteral("application/json"));
    }
    exchange->received.clear();
    exchange->timedOut = exchange->connectTimedOut = exchange->oversized = false;
    exchange->writeFailed = false;
    if (!request.downloadTo.isEmpty()) {
        exchange->file = std::make_unique<QSaveFile>(request.downloadTo);
        if (!exchange->file->open(QIODevice::WriteOnly)) {
            const QString why = exchange->file->errorString();
            exchange->file.reset();
            exchange->done(RegistryError(ErrorCode::InternalError,
                                         tr("Could not write %1 while %2: %3")
                                             .arg(request.downloadTo, request.operation, why)));
            return;
        }
    }
    QNetworkReply *reply = nullptr;
    switch (request.method) {
    case HttpRequest::Method::Get:
        reply = m_network.get(networkRequest);
        break;
    case HttpRequest::Method::Post:
        reply = m_network.post(networkRequest, body);
        break;
    case HttpRequest::Method::Patch:
    case HttpRequest::Method::Delete:
        reply = m_network.sendCustomRequest(networkRequest, methodName(request.method), body);
        break;
    }
    exchange->call->m_reply = reply;
    // Backpressure: Qt's network thread reads ahead only this far, so an answer that is
    // refused (too large) stops arriving, and no more than this waits in memory unread.
    reply->setReadBufferSize(ReadAheadBytes);

    // Connect timeout: until the request has gone out. Whole-request timeout: until the
    // answer is complete (downloads use the stall timeout set above instead).
    auto *connectTimer = new QTimer(reply);
    connectTimer->setSingleShot(true);
    connect(connectTimer, &QTimer::timeout, reply, [exchange, reply] {
        exchange->connectTimedOut = true;
        reply->abort();
    });
    // Started when a connection is being opened (not while the request waits for one of the
    // six per host), stopped once the request is out.
    connect(reply, &QNetworkReply::socketStartedConnecting, connectTimer,
            [connectTimer, timeout = m_options.connectTimeoutMs] { connectTimer->start(timeout); });
    connect(reply, &QNetworkReply::requestSent, connectTimer, &QTimer::stop);
    if (request.downloadTo.isEmpty()) {
        auto *requestTimer = new QTimer(reply);
        requestTimer->setSingleShot(true);
        connect(requestTimer, &QTimer::timeout, reply, [exchange, reply] {
            exchange->timedOut = true;
            reply->abort();
        });
        requestTimer->start(m_options.requestTimeoutMs);
    }

    if (m_options.insecureTls) {
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });
    }
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, exchange, reply] {
        // Refuse an announced oversized JSON answer before any of it arrives.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (!exchange->file && length.isValid()
            && length.toLongLong() > m_options.maxResponseBytes) {
            exchange->oversized = true;
            reply->abort();
        } else if (!exchange->file && length.isValid()) {
            // One allocation for a page of many megabytes instead of one per chunk.
            exchange->received.reserve(qMin<qint64>(length.toLongLong(), 64LL * 1024 * 1024));
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, exchange, reply] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (exchange->file && status >= 200 && status < 300) {
            if (exchange->file->write(reply->readAll()) < 0) {
                exchange->writeFailed = true;
                reply->abort();
            }
            return;
        }
        const qint64 limit = m_options.maxResponseBytes;
        if (exchange->received.size() + reply->bytesAvailable() > limit) {
            exchange->oversized = true;
            reply->abort();
            return;
        }
        exchange->received += reply->readAll();
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [exchange](qint64 received, qint64 total) {
                if (exchange->request.progress)
                    exchange->request.progress(received, total);
            });
    connect(reply, &QNetworkReply::finished, this,
            [this, exchange, reply] { complete(exchange, reply); });
}

void RestClient::complete(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_closing)
        return;
    if (exchange->call && exchange->call->m_reply == reply)
        exchange->call->m_reply = nullptr;
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    if (reply->bytesAvailable() > 0) {
        if (exchange->file && status >= 200 && status < 300)
            exchange->writeFailed |= exchange->file->write(reply->readAll()) < 0;
        else if (!exchange->oversized)
            exchange->received += reply->readAll();
    }
    const bool canceled = !exchange->call || exchange->call->canceled();

    std::optional<RegistryError> error;
    if (canceled) {
        error = RegistryError(ErrorCode::Cancelled, tr("Cancelled."));
    } else if (exchange->oversized) {
        error = RegistryError(
            ErrorCode::ResourceExhausted,
            tr("The MLflow server at %1 sent an answer larger than %2 MB while %3; ModelDesk "
               "stopped reading it. Narrow the search or ask for smaller pages.")
                .arg(m_server)
                .arg(m_options.maxResponseBytes / (1024 * 1024))
                .arg(exchange->request.operation));
    } else if (exchange->writeFailed) {
        error = RegistryError(ErrorCode::InternalError,
                              tr("Could not write %1 while %2: %3")
                                  .arg(exchange->request.downloadTo, exchange->request.operation,
                                       exchange->file ? exchange->file->errorString()
                                                      : QString()));
    } else if (status == 0
               || (reply->error() != QNetworkReply::NoError
                   && (reply->error() < QNetworkReply::ContentAccessDenied
                       || (status >= 200 && status < 300)))) {
        // No answer, or the transfer failed mid-answer (network, proxy, content or protocol
        // errors after a 2xx): a truncated body must not pass for a complete one.
        error = transportError(*exchange, reply);
    } else if (status < 200 || status >= 300) {
        if (exchange->request.safeToRetry() && retryableStatus(status)
            && exchange->attempt < m_options.maxRetries) {
            // Safe to ask again; wait as the server asks (Retry-After, capped) or back off.
            qint64 delay = qint64(m_options.retryBaseDelayMs) << exchange->attempt;
            bool ok = false;
            const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
            if (ok && retryAfter >= 0)
                delay = qMin<qint64>(qint64(retryAfter) * 1000, 30'000);
            ++exchange->attempt;
            QTimer::singleShot(delay, this, [this, exchange] { start(exchange); });
            return;
        }
        error = httpError(*exchange, status,
                          reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                          exchange->received);
    }

    if (exchange->file) {
        if (error)
            exchange->file->cancelWriting();
        else if (!exchange->file->commit())
            error = RegistryError(ErrorCode::InternalError,
                                  tr("Could not write %1: %2")
                                      .arg(exchange->request.downloadTo,
                                           exchange->file->errorString()));
        exchange->file.reset();
    }
    if (error)
        exchange->done(*error);
    else
        exchange->done(std::move(exchange->received));
}

RegistryError RestClient::transportError(const Exchange &exchange, QNetworkReply *reply) const
{
    const QString operation = exchange.request.operation;
    const QString detail = QStringLiteral("%1 %2: %3")
                               .arg(QString::fromLatin1(methodName(exchange.request.method)),
                                    reply->url().toString(QUrl::RemoveUserInfo),
                                    reply->errorString());
    if (exchange.connectTimedOut) {
        return RegistryError(ErrorCode::DeadlineExceeded,
                             tr("Could not connect to the MLflow server at %1 within %2 s while "
                                "%3. Check the address and your network.")
                                 .arg(m_server)
                                 .arg(m_options.connectTimeoutMs / 1000.0)
                                 .arg(operation),
                             detail);
    }
    // Our timers set their flags; any other abort is the stall timeout of a download.
    if (exchange.timedOut || reply->error() == QNetworkReply::TimeoutError
        || reply->error() == QNetworkReply::OperationCanceledError) {
        return RegistryError(ErrorCode::DeadlineExceeded,
                             tr("The MLflow server at %1 did not answer within %2 s while %3 "
                                "(MLFLOW_HTTP_REQUEST_TIMEOUT sets how long to wait).")
                                 .arg(m_server)
                                 .arg(m_options.requestTimeoutMs / 1000.0)
                                 .arg(operation),
                             detail);
    }
    // Qt's decoder of a compressed answer failed: the answer is broken or a decompression bomb
    // (it inflates far beyond what it claims), which is no reason to doubt the connection.
    if (reply->errorString().contains(QLatin1String("ecompression"))) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("The MLflow server at %1 sent a malformed compressed answer "
                                "while %2: it could not be decompressed within Qt's limits (%3). "
                                "ModelDesk stopped reading it.")
                                 .arg(m_server, operation, reply->errorString()),
                             detail);
    }
    switch (reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        return RegistryError(ErrorCode::InvalidState,
                             tr("The TLS connection to %1 failed while %2: %3. If the server "
                                "uses a private certificate authority, set "
                                "MLFLOW_TRACKING_SERVER_CERT_PATH; skip verification only for "
                                "a server you trust.")
                                 .arg(m_server, operation, reply->errorString()),
                             detail);
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError: {
        const QString target = reply->header(QNetworkRequest::LocationHeader).toUrl().toString(
            QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        return RegistryError(ErrorCode::TemporarilyUnavailable,
                             tr("The MLflow server at %1 redirected the request elsewhere (%2) "
                                "while %3; ModelDesk follows redirects only within the server, "
                                "so that credentials stay with it. Connect to the address it "
                                "redirects to.")
                                 .arg(m_server, target.isEmpty() ? reply->errorString() : target,
                                      operation),
                             detail);
    }
    default:
        break;
    }
    return RegistryError(ErrorCode::TemporarilyUnavailable,
                         tr("Could not reach the MLflow server at %1 while %2: %3.")
                             .arg(m_server, operation, reply->errorString()),
                         detail);
}

RegistryError RestClient::httpError(const Exchange &exchange, int status,
                                    const QByteArray &contentType, const QByteArray &body) const
{
    const QString operation = exchange.request.operation;
    const QString detail = QStringLiteral("%1 %2: HTTP %3\n%4")
                               .arg(QString::fromLatin1(methodName(exchange.request.method)),
                                    urlFor(exchange.request).toString(QUrl::RemoveUserInfo))
                               .arg(status)
                               .arg(QString::fromUtf8(body.left(2000)));
    // MLflow's own errors: {"error_code": ..., "message": ...}. Their messages are what the
    // SQL store says for the same mistake, so they are kept as they are.
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QString code = object.value(QLatin1String("error_code")).toString();
        const QString message = object.value(QLatin1String("message")).toString();
        if (!code.isEmpty()) {
            ErrorCode errorCode = RegistryError::codeFromMlflowName(code);
            if (errorCode == ErrorCode::InternalError && status == 401)
                errorCode = ErrorCode::Unauthenticated;
            else if (errorCode == ErrorCode::InternalError && status == 403)
                errorCode = ErrorCode::PermissionDenied;
            const QString said = message.isEmpty() ? code : message;
            // Refusals and server failures are about the connection, not the data: say
            // which server refused or failed, and at what.
            switch (errorCode) {
            case ErrorCode::Unauthenticated:
                return RegistryError(errorCode,
                                     tr("The MLflow server at %1 refused the credentials while "
                                        "%2: %3")
                                         .arg(m_server, operation, said),
                                     detail);
            case ErrorCode::PermissionDenied:
                return RegistryError(errorCode,
                                     tr("The MLflow server at %1 does not permit %2: %3")
                                         .arg(m_server, operation, said),
                                     detail);
            default:
                break;
            }
            if (status >= 500) {
                return RegistryError(errorCode,
                                     tr("The MLflow server at %1 failed while %2: %3")
                                         .arg(m_server, operation, said),
                                     detail);
            }
            return RegistryError(errorCode, said, detail);
        }
    }
    const QString text = bodyExcerpt(body, contentType);
    const QString said = text.isEmpty() ? QString() : tr(" The server said: %1").arg(text);
    switch (status) {
    case 401:
        return RegistryError(ErrorCode::Unauthenticated,
                             tr("The MLflow server at %1 refused the credentials (HTTP 401) "
                                "while %2. Check the user name and password or the access "
                                "token.%3")
                                 .arg(m_server, operation, said),
                             detail);
    case 403: {
        // MLflow's basic-auth app answers a bare "Permission denied": say what was missing.
        const QString needed = ModelPermissions::neededFor(exchange.request.path,
                                                           exchange.request.method);
        const QString missing
            = needed.isEmpty() ? QString()
                               : tr(" This needs %1 permission on the model; ask someone with "
                                    "MANAGE on it, or an admin, to grant it.")
                                     .arg(needed);
        return RegistryError(ErrorCode::PermissionDenied,
                             tr("The MLflow server at %1 does not permit %2 (HTTP 403).%3%4")
                                 .arg(m_server, operation, said, missing),
                             detail);
    }
    case 404:
    case 405:
        return RegistryError(ErrorCode::EndpointNotFound,
                             tr("The server at %1 has no such MLflow endpoint (HTTP %2) while "
                                "%3. Is it an MLflow tracking server, and is the URL's path "
                                "right?%4")
                                 .arg(m_server)
                                 .arg(status)
                                 .arg(operation, said),
                             detail);
    case 429:
        return RegistryError(ErrorCode::ResourceExhausted,
                             tr("The MLflow server at %1 is limiting requests (HTTP 429) while "
                                "%2; try again later.%3")
                                 .arg(m_server, operation, said),
                             detail);
    case 502:
    case 503:
    case 504:
        return RegistryError(ErrorCode::TemporarilyUnavailable,
                             tr("The MLflow server at %1 is unavailable (HTTP %2) while %3; "
                                "try again later.%4")
                                 .arg(m_server)
                                 .arg(status)
                                 .arg(operation, said),
                             detail);
    default:
        break;
    }
    if (status >= 300 && status < 400) {
        return RegistryError(ErrorCode::BadRequest,
                             tr("The MLflow server at %1 redirected the request (HTTP %2) while "
                                "%3; ModelDesk does not follow redirects of changes, so that "
                                "nothing is sent where it was not meant to go. Check the "
                                "server's URL.")
                                 .arg(m_server)
                                 .arg(status)
                                 .arg(operation),
                             detail);
    }
    if (status >= 500) {
        return RegistryError(ErrorCode::InternalError,
                             tr("The MLflow server at %1 failed (HTTP %2) while %3.%4")
                                 .arg(m_server)
                                 .arg(status)
                                 .arg(operation, said),
                             detail);
    }
    return RegistryError(ErrorCode::BadRequest,
                         tr("The MLflow server at %1 rejected the request (HTTP %2) while %3.%4")
                             .arg(m_server)
                             .arg(status)
                             .arg(operation, said),
                         detail);
}

} // namespace ModelDesk
