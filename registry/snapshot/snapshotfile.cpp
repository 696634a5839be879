#include "registry/snapshot/snapshotfile.h"

#include "registry/sql/sqlschema.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace ModelDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Snapshot", text);
}

// MLflow 3's logged-model tables, as MLflow 3.6 creates them, under ModelDesk's prefix.
const char *const LoggedModelTables[] = {
    "CREATE TABLE modeldesk_logged_models (model_id VARCHAR(36) NOT NULL PRIMARY KEY, "
    "experiment_id INTEGER NOT NULL, name VARCHAR(500) NOT NULL, artifact_location "
    "VARCHAR(1000) NOT NULL, creation_timestamp_ms BIGINT NOT NULL, last_updated_timestamp_ms "
    "BIGINT NOT NULL, status INTEGER NOT NULL, lifecycle_stage VARCHAR(32), model_type "
    "VARCHAR(500), source_run_id VARCHAR(32), status_message VARCHAR(1000))",
    "CREATE TABLE modeldesk_logged_model_tags (model_id VARCHAR(36) NOT NULL, experiment_id "
    "INTEGER NOT NULL, tag_key VARCHAR(255) NOT NULL, tag_value TEXT NOT NULL, "
    "PRIMARY KEY (model_id, tag_key))",
    "CREATE TABLE modeldesk_logged_model_params (model_id VARCHAR(36) NOT NULL, experiment_id "
    "INTEGER NOT NULL, param_key VARCHAR(255) NOT NULL, param_value TEXT NOT NULL, "
    "PRIMARY KEY (model_id, param_key))",
    // Small artifacts of the versions' runs, when the snapshot was asked to keep them.
    "CREATE TABLE modeldesk_artifacts (run_uuid VARCHAR(32) NOT NULL, path TEXT NOT NULL, "
    "size BIGINT NOT NULL, content BLOB, PRIMARY KEY (run_uuid, path))",
};

QString connectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("modeldesk-snapshot-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Result<std::unique_ptr<SnapshotFile>> SnapshotFile::create(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists()) {
        return RegistryError(
            ErrorCode::ResourceAlreadyExists,
            tr("%1 already exists; a snapshot is only written to a new file.").arg(path));
    }
    if (!info.absoluteDir().exists()) {
        return RegistryError(ErrorCode::ResourceDoesNotExist,
                             tr("The folder %1 does not exist.").arg(info.absolutePath()));
    }
    std::unique_ptr<SnapshotFile> file(new SnapshotFile);
    file->m_path = info.absoluteFilePath();
    file->m_temporary = file->m_path + QStringLiteral(".part");
    for (int n = 1; QFileInfo::exists(file->m_temporary); ++n)
        file->m_temporary = file->m_path + QStringLiteral(".part%1").arg(n);
    file->m_connection = connectionName();

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), file->m_connection);
    db.setDatabaseName(file->m_temporary);
    // URI file names let the copy of a local store attach its source read-only.
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=20000"));
    if (!db.open()) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("Could not create the snapshot file %1.").arg(file->m_temporary),
                             db.lastError().text());
    }
    QSqlQuery query(db);
    // The file is removed unless the snapshot completes, so it needs no journal meanwhile.
    query.exec(QStringLiteral("PRAGMA journal_mode = OFF"));
    query.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    if (auto created = SqlSchema::createStore(db); !created)
        return created.error();
    if (auto audit = SqlSchema::ensureAuditTable(db); !audit)
        return audit.error();
    for (const char *statement : LoggedModelTables) {
        if (!query.exec(QString::fromLatin1(statement))) {
            return RegistryError(ErrorCode::InvalidState,
                                 tr("Could not create the snapshot's tables."),
                                 query.lastError().text());
        }
    }
    if (!db.transaction()) {
        return RegistryError(ErrorCode::InvalidState, tr("Could not start writing the snapshot."),
                             db.lastError().text());
    }
    return file;
}

SnapshotFile::~SnapshotFile()
{
    if (!m_committed)
        discard();
}

QSqlDatabase SnapshotFile::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

qint64 SnapshotFile::bytesWritten() const
{
    return QFileInfo(m_temporary).size();
}

Result<Done> SnapshotFile::commit(const SnapshotInfo &info)
{
    QSqlDatabase db = database();
    if (auto written = SnapshotTable::write(db, info); !written)
        return written;
    if (!db.commit()) {
        return RegistryError(ErrorCode::InvalidState, tr("Could not finish the snapshot file."),
                             db.lastError().text());
    }
    {
        QSqlQuery query(db);
        // MLflow's own setting, for whoever serves or opens the snapshot later.
        query.exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    if (QFileInfo::exists(m_path)) {
        discard();
        return RegistryError(ErrorCode::ResourceAlreadyExists,
                             tr("%1 appeared while the snapshot was written; it was left as "
                                "it is and the snapshot discarded.")
                                 .arg(m_path));
    }
    if (!QFile::rename(m_temporary, m_path)) {
        discard();
        return RegistryError(ErrorCode::InvalidState,
                             tr("Could not name the snapshot %1.").arg(m_path));
    }
    m_committed = true;
    return Done {};
}

void SnapshotFile::discard()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = database();
            if (db.isOpen()) {
                db.rollback();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    QFile::remove(m_temporary);
    QFile::remove(m_temporary + QStringLiteral("-journal"));
}

} // namespace ModelDesk
