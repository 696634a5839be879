#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace ModelDesk {

// How to reach an MLflow tracking server: its URL, the credentials to send and the limits
// that keep a slow or broken server from hanging the application. Plain copyable data.
struct ServerOptions
{
    enum class Auth { None, Token, Basic };

    // The server's base URL, e.g. http://mlflow.example:5000 or https://host/prefix; the REST
    // API lives under <url>/api/2.0/mlflow/. Never carries credentials (they are stripped).
    QUrl url;

    Auth auth = Auth::None;
    QString token;    // Auth::Token: sent as "Authorization: Bearer <token>"
    QString username; // Auth::Basic
    QString password; // Auth::Basic

    // Skip TLS certificate verification (MLFLOW_TRACKING_INSECURE_TLS=true).
    bool insecureTls = false;
    // A PEM file of CA certificates to trust in addition to the system's
    // (MLFLOW_TRACKING_SERVER_CERT_PATH).
    QString caCertificatesPath;

    // The workspace to work in on a server with workspaces enabled (MLflow 3.9 and later), sent
    // as X-MLFLOW-WORKSPACE only to a server whose server-features say workspaces_enabled.
    QString workspace = QStringLiteral("default");

    int connectTimeoutMs = 15'000;  // until the request has been sent
    int requestTimeoutMs = 120'000; // the whole exchange, answer included
    int maxRetries = 3;             // safe GETs only, on 429/502/503/504
    int retryBaseDelayMs = 500;     // doubled after each retry
    // JSON answers larger than this are refused as they arrive. Far above any real page (10,000
    // versions with 5,000-character descriptions), low enough to keep one answer's memory
    // under 300 MB.
    qint64 maxResponseBytes = 128LL * 1024 * 1024;

    // The URL with user info removed, for titles, messages and settings.
    QString displayUrl() const;

    // Options for `url` completed from MLflow's environment variables: MLFLOW_TRACKING_TOKEN
    // (bearer), MLFLOW_TRACKING_USERNAME and _PASSWORD (basic, when both are set; wins over the
    // token, as in MLflow),
    // MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH. User info written in
    // the URL (http://user:pass@host) becomes basic credentials. MLFLOW_HTTP_REQUEST_TIMEOUT
    // (seconds), MLFLOW_HTTP_REQUEST_MAX_RETRIES and MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR
    // (seconds before the first retry, doubled after each) replace the limits below.
    static ServerOptions fromEnvironment(
        const QUrl &url,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // The Authorization header value for these credentials; empty for Auth::None.
    QByteArray authorizationHeader() const;
};

} // namespace ModelDesk
