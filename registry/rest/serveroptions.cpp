#include "registry/rest/serveroptions.h"

namespace ModelDesk {

namespace {

// MLflow reads boolean environment variables as "true"/"1" (case-insensitive).
bool environmentFlag(const QProcessEnvironment &environment, const QString &name)
{
    const QString value = environment.value(name).trimmed().toLower();
    return value == QLatin1String("true") || value == QLatin1String("1");
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
