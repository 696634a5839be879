#pragma once

#include "registry/registry.h"
#include "registry/rest/serveroptions.h"
#include "registry/sql/sqlbackend.h"

#include <QUrl>

#include <memory>

namespace ModelDesk {

// Where a registry is, parsed from the names MLflow tools accept: a path, sqlite:///path
// (sqlite:////abs/path for an absolute one), file:///path, or http(s)://host:port.
struct RegistryLocation
{
    enum class Kind { SqliteFile, Server };
    Kind kind = Kind::SqliteFile;
    QString path; // SqliteFile
    QUrl url;     // Server
};

Result<RegistryLocation> parseRegistryUri(const QString &uri);

// A registry for `uri`, not yet opened (call open() and wait for it). A server URL takes its
// credentials and TLS settings from MLflow's environment variables (ServerOptions).
// `workspace` is the one workspace shown and written in a store or server that has several
// (MLflow 3.9 and later); "default" unless chosen.
Result<std::unique_ptr<Registry>> createRegistry(
    const QString &uri, SqlBackend::OpenMode mode = SqlBackend::OpenMode::ReadWrite,
    const QString &workspace = SqlBackend::DefaultWorkspace);

// A registry for the MLflow server `options` describe (credentials as given), not yet opened.
std::unique_ptr<Registry> createServerRegistry(const ServerOptions &options);

} // namespace ModelDesk
