// Opening, creating and configuring an MLflow SQLite store, and the helpers shared by the
// backend's reads (sqlbackend_read.cpp) and writes (sqlbackend_write.cpp).
#include "registry/sql/sqlbackend.h"

#include "registry/snapshot/snapshottable.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"
#include "registry/sql/storefile.h"
#include "registry/validation.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

namespace ModelDesk {

Q_LOGGING_CATEGORY(lcSql, "modeldesk.registry.sql", QtInfoMsg)

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("modeldesk-sql-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool fileLooksWritable(const QFileInfo &info)
{
    // Root passes every access() check, so also honour a file whose write bits are all off:
    // its owner marked it read-only on purpose.
    const QFile::Permissions writeBits = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    return info.isWritable() && (info.permissions() & writeBits)
           && QFileInfo(info.absolutePath()).isWritable();
}

} // namespace

Result<std::unique_ptr<SqlBackend>> SqlBackend::open(const QString &path, OpenMode mode,
                                                     const QString &workspace)
{
    if (auto valid = Validation::checkWorkspaceName(workspace); !valid)
        return valid.error();
    const QFileInfo info(path);
    if (!info.exists()) {
        // Say what is missing: the file, or a folder on its way.
        QString missing = info.absoluteFilePath();
        QString reason = SqlText::tr("there is no file by that name in %1")
                             .arg(info.absolutePath());
        QFileInfo parent(info.absolutePath());
        while (!parent.exists() && !parent.isRoot()) {
            missing = parent.absoluteFilePath();
            parent = QFileInfo(parent.absolutePath());
        }
        if (missing != info.absoluteFilePath())
            reason = SqlText::tr("the folder %1 does not exist").arg(missing);
        return RegistryError(ErrorCode::ResourceDoesNotExist,
                             SqlText::tr("The registry file %1 does not exist.").arg(path),
                             SqlText::tr("Path: %1\nReason: %2. It may have been moved, "
                                         "renamed or deleted, or be on a drive that is not "
                                         "mounted.")
                                 .arg(info.absoluteFilePath(), reason));
    }
    if (info.isDir()) {
        return RegistryError(ErrorCode::InvalidState,
                             SqlText::tr("%1 is a folder, not an MLflow store file.").arg(path));
    }
    if (auto header = StoreFile::checkBeforeOpen(path, StoreFile::read(path)); !header)
        return header.error();

    std::unique_ptr<SqlBackend> backend(new SqlBackend);
    backend->m_path = info.absoluteFilePath();
    backend->m_connectionName = uniqueConnectionName();

    bool readOnly = mode == OpenMode::ReadOnly;
    if (!readOnly && !fileLooksWritable(info)) {
        readOnly = true;
        backend->m_readOnlyReason
            = SqlText::tr("The file %1 is not writable, so it is opened read-only.").arg(path);
    } else if (readOnly) {
        backend->m_readOnlyReason = SqlText::tr("The registry was opened read-only.");
    }

    if (readOnly) {
        if (auto recovered = StoreFile::recoverForReadOnly(path, fileLooksWritable(info));
            !recovered) {
            return recovered.error();
        }
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                backend->m_connectionName);
    db.setDatabaseName(backend->m_path);
    db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=20000")
                                  : QStringLiteral("QSQLITE_BUSY_TIMEOUT=20000"));
    if (!db.open()) {
        return RegistryError(ErrorCode::InvalidState,
                             SqlText::tr("SQLite could not open %1.").arg(path),
                             db.lastError().text());
    }
    if (auto pragmas = SqlSchema::applyPragmas(db); !pragmas)
        return pragmas.error();
    {
        // The first read takes SQLite's shared lock: it rolls back a write a crash cut off, and
        // it is where SQLite finds a damaged file. Only then is the file diagnosed.
        SqliteStatement probe(db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        while (probe.next()) {
        }
        if (probe.failed())
            return StoreFile::diagnose(path, probe.errorCode(), probe.errorText());
    }
    auto layout = SqlSchema::inspect(db);
    if (!layout) {
        return RegistryError(layout.error().code(),
                             SqlText::tr("%1: %2").arg(path, layout.error().message()),
                             layout.error().detail());
    }
    backend->m_layout = *layout;
    if (auto selected = backend->selectWorkspace(workspace); !selected)
        return selected.error();
    if (layout->snapshot) {
        // A snapshot is the registry as it was: it never changes, whatever was asked.
        auto info = SnapshotTable::read(db);
        if (!info)
            return RegistryError(info.error().code(),
                                 SqlText::tr("%1: %2").arg(path, info.error().message()),
                                 info.error().detail());
        backend->m_snapshot = *info;
        readOnly = true;
        backend->m_readOnlyReason
            = SqlText::tr("%1. Snapshots open read-only.").arg(snapshotSummary(**info));
    } else if (!readOnly && !layout->notWritableReason.isEmpty()) {
        readOnly = true;
        backend->m_readOnlyReason = layout->notWritableReason;
    }
    backend->m_readOnly = readOnly;
    qCDebug(lcSql) << "opened" << path << "revision" << layout->revision
                   << (readOnly ? "read-only" : "read-write");
    return backend;
}

Result<Done> SqlBackend::initialize(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && (info.isDir() || info.size() > 0)) {
        return RegistryError(ErrorCode::ResourceAlreadyExists,
                             SqlText::tr("%1 already exists; a new registry is only created in "
                                         "a new or empty file.")
                                 .arg(path));
    }
    if (!QFileInfo(info.absolutePath()).isDir()) {
        return RegistryError(ErrorCode::ResourceDoesNotExist,
                             SqlText::tr("The folder %1 does not exist.").arg(info.absolutePath()));
    }
    const QString connectionName = uniqueConnectionName();
    Result<Done> result = Done{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(info.absoluteFilePath());
        if (!db.open()) {
            result = RegistryError(ErrorCode::InternalError,
                                   SqlText::tr("Could not create %1.").arg(path),
                                   db.lastError().text());
        } else {
            result = SqlSchema::applyPragmas(db);
            if (result)
                result = SqlSchema::createStore(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return result;
}

SqlBackend::~SqlBackend()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Capabilities SqlBackend::capabilities() const
{
    Capabilities caps;
    caps.readOnly = m_readOnly;
    caps.readOnlyReason = m_readOnlyReason;
    caps.backendName = SqlText::tr("MLflow SQLite store");
    caps.schemaRevision = m_layout.revision;
    caps.layout = m_layout.workspaces ? QStringLiteral("mlflow-workspaces")
                                      : QStringLiteral("mlflow-classic");
    caps.knownLayout = m_layout.knownLayout;
    caps.workspace = m_workspace;
    caps.workspaces = m_workspaces;
    caps.modelsOutsideDefault = m_modelsOutsideDefault;
    caps.aliases = m_layout.aliases;
    caps.stages = true;
    caps.runs = m_layout.tracking;
    caps.loggedModels = m_layout.loggedModels;
    // A snapshot of a server has no history; one of a file carries the file's.
    caps.auditLog = !m_layout.snapshot || m_layout.auditTable;
    if (m_snapshot)
        caps.snapshot = std::make_shared<const SnapshotInfo>(*m_snapshot);
    return caps;
}

QSqlDatabase SqlBackend::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

qint64 SqlBackend::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<Done> SqlBackend::selectWorkspace(const QString &workspace)
{
    if (!m_layout.workspaces) {
        if (workspace != DefaultWorkspace) {
            return unknownWorkspaceError(
                ErrorCode::InvalidParameterValue,
                SqlText::tr("%1 has no workspaces (its schema predates MLflow 3.9): all of it "
                            "is in workspace 'default', not '%2'.")
                    .arg(m_path, workspace),
                workspace);
        }
        return Done{};
    }
    QStringList found;
    // The workspaces listed, and those registered models are in (second column 1).
    const QString sql = m_layout.workspaceTable
                            ? QStringLiteral("SELECT name, 0 FROM workspaces UNION "
                                             "SELECT DISTINCT workspace, 1 FROM registered_models")
                            : QStringLiteral("SELECT DISTINCT workspace, 1 FROM registered_models");
    SqliteStatement query(database(), sql);
    m_modelsOutsideDefault = false;
    while (query.next()) {
        const QString name = query.text(0);
        if (!found.contains(name))
            found << name;
        if (name != DefaultWorkspace && query.integer(1) == 1)
            m_modelsOutsideDefault = true;
    }
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not read the store's workspaces."),
                          statementError(query));
    found.removeAll(DefaultWorkspace);
    found.sort();
    found.prepend(DefaultWorkspace);
    m_workspaces = found;
    if (!m_workspaces.contains(workspace)) {
        return unknownWorkspaceError(
            ErrorCode::ResourceDoesNotExist,
            SqlText::tr("%1 has no workspace '%2'; its workspaces are: %3.")
                .arg(m_path, workspace, m_workspaces.join(QStringLiteral(", "))),
            workspace);
    }
    m_workspace = workspace;
    return Done{};
}

QString SqlBackend::scope(const QString &table, const QString &alias) const
{
    if (!m_layout.workspaceScoped.contains(table))
        return {};
    return (alias.isEmpty() ? QString() : alias + QLatin1Char('.'))
        + QStringLiteral("workspace = '%1' AND ").arg(m_workspace);
}

QString SqlBackend::workspaceColumn(const QString &table) const
{
    return m_layout.workspaceScoped.contains(table) ? QStringLiteral(", workspace") : QString();
}

QString SqlBackend::workspaceValue(const QString &table) const
{
    return m_layout.workspaceScoped.contains(table) ? QStringLiteral(", '%1'").arg(m_workspace)
                                                    : QString();
}

Result<Done> SqlBackend::checkWritable() const
{
    if (m_readOnly) {
        return RegistryError(ErrorCode::PermissionDenied,
                             SqlText::tr("This registry is read-only: %1").arg(m_readOnlyReason));
    }
    return Done{};
}

RegistryError SqlBackend::modelNotFound(const QString &name) const
{
    return RegistryError(ErrorCode::ResourceDoesNotExist,
                         SqlText::tr("Registered Model with name=%1 not found").arg(name));
}

RegistryError SqlBackend::versionNotFound(const QString &name, qint64 version) const
{
    return RegistryError(ErrorCode::ResourceDoesNotExist,
                         SqlText::tr("Model Version (name=%1, version=%2) not found")
                             .arg(name)
                             .arg(version));
}

RegistryError SqlBackend::sqlFailure(const QString &what, const QSqlError &error) const
{
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer holds the file longer than the
    // busy timeout. MLflow reports this as TEMPORARILY_UNAVAILABLE too.
    const QString native = error.nativeErrorCode();
    if (native == QLatin1String("5") || native == QLatin1String("6")
        || error.databaseText().contains(QLatin1String("locked"))) {
        return RegistryError(ErrorCode::TemporarilyUnavailable,
                             SqlText::tr("%1 The registry file is locked by another program; "
                                         "try again in a moment.")
                                 .arg(what),
                             error.text());
    }
    if (native == QLatin1String("8")) {
        return RegistryError(ErrorCode::PermissionDenied,
                             SqlText::tr("%1 The registry file is read-only.").arg(what),
                             error.text());
    }
    return RegistryError(ErrorCode::InternalError, what, error.text());
}

QString SqlBackend::versionColumns() const
{
    return QStringLiteral("mv.name, mv.version, mv.creation_time, mv.last_updated_time, "
                          "mv.description, mv.user_id, mv.current_stage, mv.source, mv.run_id, "
                          "mv.status, mv.status_message, %1, %2")
        .arg(m_layout.runLink ? QStringLiteral("mv.run_link") : QStringLiteral("NULL"),
             m_layout.storageLocation ? QStringLiteral("mv.storage_location")
                                      : QStringLiteral("NULL"));
}

ModelVersion SqlBackend::versionFromStatement(SqliteStatement &row) const
{
    const auto optionalText = [&row](int column) -> std::optional<QString> {
        if (row.isNull(column))
            return std::nullopt;
        return row.text(column);
    };
    // Names, users, stages and statuses repeat from row to row: shared, not copied.
    const auto optionalRepeated = [&row](int column) -> std::optional<QString> {
        if (row.isNull(column))
            return std::nullopt;
        return row.repeatedText(column);
    };
    ModelVersion version;
    version.name = row.repeatedText(0);
    version.version = row.integer(1);
    version.creationTimestamp = row.integer(2);
    version.lastUpdatedTimestamp = row.integer(3);
    version.description = optionalText(4);
    version.userId = optionalRepeated(5);
    version.currentStage = row.repeatedText(6);
    version.source = row.text(7);
    version.runId = optionalText(8);
    version.status = row.repeatedText(9);
    version.statusMessage = optionalText(10);
    version.runLink = optionalText(11);
    return version;
}

} // namespace ModelDesk
