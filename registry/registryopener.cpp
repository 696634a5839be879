#include "registry/registryopener.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "registry/validation.h"

#include <QCoreApplication>

namespace ModelDesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::RegistryOpener", text);
}
} // namespace

Result<RegistryLocation> parseRegistryUri(const QString &uri)
{
    const QString text = uri.trimmed();
    if (text.isEmpty()) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("No registry given. Name a file, sqlite:///path or a server "
                                "URL, or set MLFLOW_TRACKING_URI."));
    }
    RegistryLocation location;
    if (text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        location.kind = RegistryLocation::Kind::Server;
        location.url = QUrl(text, QUrl::StrictMode);
        if (!location.url.isValid() || location.url.host().isEmpty()) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 tr("%1 is not a valid server URL.").arg(text));
        }
        return location;
    }
    if (text.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive)) {
        // SQLAlchemy's form: three slashes, then the path (a fourth slash makes it absolute).
        if (!text.startsWith(QLatin1String("sqlite:///"), Qt::CaseInsensitive)) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 tr("%1 is not a valid SQLite URI; write sqlite:///relative.db "
                                    "or sqlite:////absolute/path.db.")
                                     .arg(text));
        }
        location.path = text.mid(10);
    } else if (text.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) {
        location.path = QUrl(text).toLocalFile();
    } else if (text.contains(QLatin1String("://"))) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("%1 uses a scheme ModelDesk does not know; use a file path, "
                                "sqlite:///path or http(s)://host:port.")
                                 .arg(text));
    } else {
        location.path = text;
    }
    if (location.path.isEmpty()) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("%1 names no file.").arg(text));
    }
    return location;
}

Result<std::unique_ptr<Registry>> createRegistry(const QString &uri, SqlBackend::OpenMode mode,
                                                 const QString &workspace)
{
    auto location = parseRegistryUri(uri);
    if (!location)
        return location.error();
    if (auto valid = Validation::checkWorkspaceName(workspace); !valid)
        return valid.error();
    if (location->kind == RegistryLocation::Kind::Server) {
        ServerOptions options = ServerOptions::fromEnvironment(location->url);
        options.workspace = workspace;
        return createServerRegistry(options);
    }
    return std::unique_ptr<Registry>(
        std::make_unique<SqlRegistry>(location->path, mode, nullptr, workspace));
}

std::unique_ptr<Registry> createServerRegistry(const ServerOptions &options)
{
    return std::make_unique<RestRegistry>(options);
}

} // namespace ModelDesk
