// A snapshot of a local store: the source attached read-only to the snapshot's connection and
// copied with INSERT … SELECT, one table at a time, in one transaction (one consistent read of
// the source). Columns are those both schemas have, so any MLflow revision copies into the
// revision `init` writes; a store with workspaces gives the rows of one workspace.
#include "registry/snapshot/snapshotcopy_p.h"

#include "registry/sql/sqlitestatement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <sqlite3.h>

namespace ModelDesk::SnapshotCopy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Snapshot", text);
}

struct Watch
{
    const std::atomic_bool *cancel = nullptr;
    const Report *report = nullptr;
    SnapshotFile *target = nullptr;
    SnapshotProgress progress;
    QElapsedTimer sinceReport;
};

// SQLite calls this every few thousand instructions: a cancel interrupts the statement, and
// the file's growth is reported a few times a second.
int onProgress(void *context)
{
    auto *watch = static_cast<Watch *>(context);
    if (watch->cancel->load())
        return 1;
    if (watch->sinceReport.elapsed() >= 100) {
        watch->sinceReport.restart();
        watch->progress.bytes = watch->target->bytesWritten();
        if (*watch->report)
            (*watch->report)(watch->progress);
    }
    return 0;
}

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

class Copier
{
public:
    Copier(QSqlDatabase db, const QString &workspace, Watch &watch)
        : m_db(db)
        , m_query(db)
        , m_workspace(workspace)
        , m_watch(watch)
    { }

    Result<Done> run(const QString &sourcePath);

private:
    QStringList columns(const QString &schema, const QString &table);
    bool sourceHas(const QString &table) const { return m_sourceTables.contains(table); }
    // The rows of src.`table` that `where` selects (a condition on the source's columns) into
    // main.`into`, with the columns both have; the workspace's rows where the table has one.
    Result<Done> copy(const QString &table,
                      const QString &where = {},
                      const QString &into = {},
                      const QString &verb = QStringLiteral("INSERT"));
    Result<Done> exec(const QString &sql, const QVariantList &values = {});
    void step(const QString &name);

    QSqlDatabase m_db;
    QSqlQuery m_query;
    QString m_workspace;
    Watch &m_watch;
    QSet<QString> m_sourceTables;
};

QStringList Copier::columns(const QString &schema, const QString &table)
{
    QStringList names;
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("PRAGMA %1.table_info(\"%2\")").arg(schema, table))) {
        while (query.next())
            names << query.value(1).toString();
    }
    return names;
}

Result<Done> Copier::exec(const QString &sql, const QVariantList &values)
{
    m_query.finish();
    if (!m_query.prepare(sql)) {
        return RegistryError(ErrorCode::InvalidState, tr("Could not copy the registry."),
                             m_query.lastError().text() + QStringLiteral("\n") + sql);
    }
    for (const QVariant &value : values)
        m_query.addBindValue(value);
    if (!m_query.exec()) {
        if (m_watch.cancel->load())
            return RegistryError(ErrorCode::Cancelled, tr("The snapshot was cancelled."));
        return RegistryError(ErrorCode::InvalidState, tr("Could not copy the registry."),
                             m_query.lastError().text() + QStringLiteral("\n") + sql);
    }
    m_watch.progress.items += qMax(0, m_query.numRowsAffected());
    return Done {};
}

Result<Done>
Copier::copy(const QString &table, const QString &where, const QString &into, const QString &verb)
{
    if (!sourceHas(table))
        return Done {};
    const QString target = into.isEmpty() ? table : into;
    const QStringList sourceColumns = columns(QStringLiteral("src"), table);
    QStringList shared;
    for (const QString &column : columns(QStringLiteral("main"), target)) {
        if (sourceColumns.contains(column))
            shared << u'"' + column + u'"';
    }
    QStringList conditions;
    QVariantList values;
    if (sourceColumns.contains(QStringLiteral("workspace"))) {
        conditions << QStringLiteral("workspace = ?");
        values << m_workspace;
    }
    if (!where.isEmpty())
        conditions << u'(' + where + u')';
    const QString list = shared.join(QStringLiteral(", "));
    QString sql = QStringLiteral("%1 INTO main.\"%2\" (%3) SELECT %3 FROM src.\"%4\"")
                      .arg(verb, target, list, table);
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    // In the source's order: MLflow lists params, tags and inputs in the order they were
    // written (rowid).
    sql += QStringLiteral(" ORDER BY rowid");
    return exec(sql, values);
}

void Copier::step(const QString &name)
{
    ++m_watch.progress.stepIndex;
    m_watch.progress.step = name;
    m_watch.progress.bytes = m_watch.target->bytesWritten();
    if (*m_watch.report)
        (*m_watch.report)(m_watch.progress);
}

Result<Done> Copier::run(const QString &sourcePath)
{
    QUrl uri = QUrl::fromLocalFile(sourcePath);
    uri.setQuery(QStringLiteral("mode=ro"));
    // ATTACH cannot run inside the transaction the snapshot file keeps open.
    m_db.commit();
    MD_SNAPSHOT_TRY(
        exec(QStringLiteral("ATTACH DATABASE ? AS src"), {uri.toString(QUrl::FullyEncoded)}));
    if (!m_db.transaction()) {
        return RegistryError(ErrorCode::InvalidState, tr("Could not start writing the snapshot."),
                             m_db.lastError().text());
    }
    {
        QSqlQuery tables(m_db);
        if (!tables.exec(
                QStringLiteral("SELECT name FROM src.sqlite_master WHERE type = 'table'"))) {
            return RegistryError(ErrorCode::InvalidState, tr("Could not read %1.").arg(sourcePath),
                                 tables.lastError().text());
        }
        while (tables.next())
            m_sourceTables.insert(tables.value(0).toString());
    }
    if (!sourceHas(QStringLiteral("registered_models"))
        || !sourceHas(QStringLiteral("model_versions"))) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("%1 holds no MLflow registry tables.").arg(sourcePath));
    }
    if (m_watch.progress.steps == 0)
        m_watch.progress.steps = 6;

    step(tr("Copying models and versions"));
    // Every version row, deleted ones (Deleted_Internal) too: their numbers stay taken.
    for (const char *table : {"registered_models", "registered_model_tags",
                              "registered_model_aliases", "model_versions", "model_version_tags"}) {
        MD_SNAPSHOT_TRY(copy(QString::fromLatin1(table)));
    }

    step(tr("Finding the versions' runs"));
    MD_SNAPSHOT_TRY(exec(QStringLiteral("CREATE TEMP TABLE snapshot_runs "
                                        "(run_uuid TEXT PRIMARY KEY) WITHOUT ROWID")));
    MD_SNAPSHOT_TRY(exec(QStringLiteral("CREATE TEMP TABLE snapshot_models "
                                        "(model_id TEXT PRIMARY KEY) WITHOUT ROWID")));
    MD_SNAPSHOT_TRY(exec(QStringLiteral(
        "INSERT OR IGNORE INTO snapshot_runs SELECT run_id FROM main.model_versions WHERE "
        "run_id IS NOT NULL AND current_stage != 'Deleted_Internal'")));
    // MLflow 3's tables, or a snapshot's copies of them (a snapshot of a snapshot).
    const QString prefix = sourceHas(QStringLiteral("logged_models")) ? QString()
        : sourceHas(QStringLiteral("modeldesk_logged_models"))        ? QStringLiteral("modeldesk_")
                                                                      : QStringLiteral("-");
    const bool loggedModels = prefix != QLatin1String("-");
    if (loggedModels) {
        MD_SNAPSHOT_TRY(exec(QStringLiteral(
            "INSERT OR IGNORE INTO snapshot_models SELECT substr(source, 9) FROM "
            "main.model_versions WHERE source LIKE 'models:/m-%' AND current_stage != "
            "'Deleted_Internal'")));
        MD_SNAPSHOT_TRY(exec(
            QStringLiteral(
                "INSERT OR IGNORE INTO snapshot_models SELECT model_id FROM src.%1logged_models "
                "WHERE source_run_id IN (SELECT run_uuid FROM snapshot_runs)")
                .arg(prefix)));
        MD_SNAPSHOT_TRY(exec(
            QStringLiteral(
                "INSERT OR IGNORE INTO snapshot_runs SELECT source_run_id FROM src.%1logged_models "
                "WHERE source_run_id IS NOT NULL AND model_id IN (SELECT model_id FROM "
                "snapshot_models)")
                .arg(prefix)));
    }
    if (sourceHas(QStringLiteral("tags"))) {
        // Parent runs (sweeps, pipelines) up the chain, for the lineage graph.
        for (int level = 0; level < 16; ++level) {
            MD_SNAPSHOT_TRY(exec(QStringLiteral(
                "INSERT OR IGNORE INTO snapshot_runs SELECT value FROM src.tags WHERE key = "
                "'mlflow.parentRunId' AND value IS NOT NULL AND run_uuid IN (SELECT run_uuid "
                "FROM snapshot_runs)")));
            if (m_query.numRowsAffected() <= 0)
                break;
        }
    }
    const QString runs = QStringLiteral("run_uuid IN (SELECT run_uuid FROM snapshot_runs)");
    const QString models = QStringLiteral("model_id IN (SELECT model_id FROM snapshot_models)");

    step(tr("Copying experiments and runs"));
    if (sourceHas(QStringLiteral("runs"))) {
        // Every experiment (they are few; the runs are what is chosen). The store's own
        // Default experiment gives way to the source's.
        MD_SNAPSHOT_TRY(
            copy(QStringLiteral("experiments"), {}, {}, QStringLiteral("INSERT OR REPLACE")));
        MD_SNAPSHOT_TRY(copy(QStringLiteral("experiment_tags"),
                             QStringLiteral("experiment_id IN (SELECT experiment_id FROM "
                                            "main.experiments)")));
        MD_SNAPSHOT_TRY(copy(QStringLiteral("runs"), runs));
        for (const char *table : {"params", "tags", "latest_metrics"})
            MD_SNAPSHOT_TRY(copy(QString::fromLatin1(table), runs));
    }

    step(tr("Copying metric histories"));
    MD_SNAPSHOT_TRY(copy(QStringLiteral("metrics"), runs));

    step(tr("Copying datasets and logged models"));
    if (sourceHas(QStringLiteral("inputs"))) {
        const QString linked = QStringLiteral(
            "destination_id IN (SELECT run_uuid FROM snapshot_runs) OR source_id IN (SELECT "
            "run_uuid FROM snapshot_runs) OR destination_id IN (SELECT model_id FROM "
            "snapshot_models) OR source_id IN (SELECT model_id FROM snapshot_models)");
        MD_SNAPSHOT_TRY(copy(QStringLiteral("inputs"), linked));
        MD_SNAPSHOT_TRY(copy(QStringLiteral("input_tags"),
                             QStringLiteral("input_uuid IN (SELECT input_uuid FROM main.inputs)")));
        MD_SNAPSHOT_TRY(copy(QStringLiteral("datasets"),
                             QStringLiteral("dataset_uuid IN (SELECT source_id FROM main.inputs "
                                            "WHERE source_type = 'DATASET')")));
    }
    if (loggedModels) {
        for (const char *table : {"logged_models", "logged_model_tags", "logged_model_params"}) {
            const QString name = QString::fromLatin1(table);
            MD_SNAPSHOT_TRY(copy(prefix + name, models, QStringLiteral("modeldesk_") + name));
        }
    }
    // The small artifacts a snapshot kept.
    MD_SNAPSHOT_TRY(copy(QStringLiteral("modeldesk_artifacts"), runs));

    step(tr("Copying the history"));
    if (sourceHas(QStringLiteral("modeldesk_audit"))) {
        // The audit table's workspace column (when it has one) may be NULL for old rows.
        const bool scoped = columns(QStringLiteral("src"), QStringLiteral("modeldesk_audit"))
                                .contains(QStringLiteral("workspace"));
        QStringList shared;
        const QStringList sourceColumns
            = columns(QStringLiteral("src"), QStringLiteral("modeldesk_audit"));
        for (const QString &column :
             columns(QStringLiteral("main"), QStringLiteral("modeldesk_audit"))) {
            if (sourceColumns.contains(column))
                shared << column;
        }
        const QString list = shared.join(QStringLiteral(", "));
        QString sql = QStringLiteral("INSERT INTO main.modeldesk_audit (%1) SELECT %1 FROM "
                                     "src.modeldesk_audit")
                          .arg(list);
        QVariantList values;
        if (scoped) {
            sql += QStringLiteral(" WHERE workspace IS NULL OR workspace = ?");
            values << m_workspace;
        }
        MD_SNAPSHOT_TRY(exec(sql, values));
    }
    return Done {};
}

} // namespace

Result<Done> copyStore(const QString &sourcePath,
                       const QString &workspace,
                       SnapshotFile &target,
                       const std::atomic_bool &cancel,
                       const Report &report,
                       const SnapshotProgress &first)
{
    QSqlDatabase db = target.database();
    sqlite3 *handle = handleOf(db);
    if (!handle)
        return RegistryError(ErrorCode::InternalError, tr("SQLite is not available."));
    Watch watch;
    watch.cancel = &cancel;
    watch.report = &report;
    watch.target = &target;
    watch.progress = first;
    watch.sinceReport.start();
    sqlite3_progress_handler(handle, 20000, onProgress, &watch);
    Copier copier(db, workspace, watch);
    Result<Done> copied = copier.run(sourcePath);
    sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    if (cancel.load())
        return RegistryError(ErrorCode::Cancelled, tr("The snapshot was cancelled."));
    return copied;
}

Result<SnapshotInfo> countContents(SnapshotFile &target)
{
    SnapshotInfo info;
    const std::pair<const char *, const char *> counts[] = {
        // Prompts apart, as MLflow's searches keep them apart.
        {"models",
         "SELECT count(*) FROM registered_models WHERE name NOT IN (SELECT name FROM "
         "registered_model_tags WHERE key = 'mlflow.prompt.is_prompt' AND value = "
         "'true')"},
        {"prompts",
         "SELECT count(*) FROM registered_models WHERE name IN (SELECT name FROM "
         "registered_model_tags WHERE key = 'mlflow.prompt.is_prompt' AND value = "
         "'true')"},
        {"versions",
         "SELECT count(*) FROM model_versions WHERE current_stage != "
         "'Deleted_Internal' AND name NOT IN (SELECT name FROM registered_model_tags "
         "WHERE key = 'mlflow.prompt.is_prompt' AND value = 'true')"},
        {"deleted_versions",
         "SELECT count(*) FROM model_versions WHERE current_stage = "
         "'Deleted_Internal'"},
        {"experiments", "SELECT count(*) FROM experiments"},
        {"runs", "SELECT count(*) FROM runs"},
        {"metric_points", "SELECT count(*) FROM metrics"},
        {"logged_models", "SELECT count(*) FROM modeldesk_logged_models"},
        {"audit_records", "SELECT count(*) FROM modeldesk_audit"},
        {"artifacts", "SELECT count(*) FROM modeldesk_artifacts"},
    };
    for (const auto &[name, sql] : counts) {
        SqliteStatement query(target.database(), QString::fromLatin1(sql));
        if (!query.next() || query.failed()) {
            return RegistryError(ErrorCode::InvalidState, tr("Could not count the snapshot."),
                                 query.errorText());
        }
        info.setCount(QString::fromLatin1(name), query.integer(0));
    }
    return info;
}

} // namespace ModelDesk::SnapshotCopy
