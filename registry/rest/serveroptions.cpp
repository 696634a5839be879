#include "registry/rest/serveroptions.h"

#include <QtNumeric>

#include <optional>

namespace ModelDesk {

namespace {

// MLflow reads boolean environment variables as "true"/"1" (case-insensitive).
bool environmentFlag(const QProcessEnvironment &environment, const QString &name)
{
    const QString value = environment.value(name).trimmed().toLower();
    return value == QLatin1String("true") || value == QLatin1String("1");
}

// A positive number from MLflow's environment variable `name`, or nullopt (with a warning when
// it is set but unreadable, so that a typo does not pass unnoticed).
std::optional<double>
environmentNumber(const QProcessEnvironment &environment, const QString &name, double minimum)
{
    if (!environment.contains(name))
        return std::nullopt;
    bool ok = false;
    const double value = environment.value(name).trimmed().toDouble(&ok);
    if (!ok || value < minimum || !qIsFinite(value)) {
        qWarning("%s=%s is not a number of at least %g; it is ignored.", qPrintable(name),
                 qPrintable(environment.value(name).left(40)), minimum);
        return std::nullopt;
    }
    return value;
}

} // namespace

QString ServerOptions::displayUrl() const
{
    QUrl shown = url;
    shown.setUserInfo({});
    // http://host:5000/ and http://host:5000 are one server; show and key it one way.
    QString path = shown.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    shown.setPath(path);
    return shown.toString();
}

ServerOptions ServerOptions::fromEnvironment(const QUrl &url,
                                             const QProcessEnvironment &environment)
{
    ServerOptions options;
    options.url = url;
    const QString token = environment.value(QStringLiteral("MLFLOW_TRACKING_TOKEN"));
    const QString username = environment.value(QStringLiteral("MLFLOW_TRACKING_USERNAME"));
    const QString password = environment.value(QStringLiteral("MLFLOW_TRACKING_PASSWORD"));
    if (!url.userName().isEmpty()) {
        options.auth = Auth::Basic;
        options.username = url.userName();
        options.password = url.password();
    } else if (!username.isEmpty() && !password.isEmpty()) {
        options.auth = Auth::Basic;
        options.username = username;
        options.password = password;
    } else if (!token.isEmpty()) {
        options.auth = Auth::Token;
        options.token = token;
    }
    options.url.setUserInfo({});
    options.insecureTls
        = environmentFlag(environment, QStringLiteral("MLFLOW_TRACKING_INSECURE_TLS"));
    options.caCertificatesPath
        = environment.value(QStringLiteral("MLFLOW_TRACKING_SERVER_CERT_PATH"));
    // MLflow's client reads these for every request it makes; so does ModelDesk.
    if (const auto seconds
        = environmentNumber(environment, QStringLiteral("MLFLOW_HTTP_REQUEST_TIMEOUT"), 0.001)) {
        options.requestTimeoutMs = int(qMin(*seconds * 1000.0, 24.0 * 3600 * 1000));
        options.connectTimeoutMs = qMin(options.connectTimeoutMs, options.requestTimeoutMs);
    }
    if (const auto retries
        = environmentNumber(environment, QStringLiteral("MLFLOW_HTTP_REQUEST_MAX_RETRIES"), 0)) {
        options.maxRetries = int(qMin(*retries, 100.0));
    }
    if (const auto factor
        = environmentNumber(environment, QStringLiteral("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"), 0)) {
        options.retryBaseDelayMs = int(qMin(*factor * 1000.0, 60'000.0));
    }
    return options;
}

QByteArray ServerOptions::authorizationHeader() const
{
    switch (auth) {
    case Auth::None:
        return {};
    case Auth::Token:
        return "Bearer " + token.toUtf8();
    case Auth::Basic:
        return "Basic " + (username + QLatin1Char(':') + password).toUtf8().toBase64();
    }
    return {};
}

} // namespace ModelDesk
