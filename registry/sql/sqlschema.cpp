#include "registry/sql/sqlschema.h"
#include "registry/sql/sqlshape.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace ModelDesk::SqlSchema {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::SqlSchema", text);
}

RegistryError sqlError(const QString &what, const QSqlError &error)
{
    return RegistryError(ErrorCode::InternalError, what, error.text());
}

QStringList tableNames(QSqlDatabase &db, bool *ok, QString *errorText)
{
    QSqlQuery query(db);
    QStringList names;
    *ok = query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    if (!*ok) {
        *errorText = query.lastError().databaseText();
        return names;
    }
    while (query.next())
        names << query.value(0).toString();
    return names;
}

QStringList columnNames(QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    QStringList names;
    if (!query.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table)))
        return names;
    while (query.next())
        names << query.value(1).toString();
    return names;
}

// The name of an index of `table` that starts with `columns` in that order, or empty. Only a
// full index in SQLite's default (binary) collation answers the statements that name it.
QString indexOn(QSqlDatabase &db, const QString &table, const QStringList &columns)
{
    QSqlQuery indexes(db);
    if (!indexes.exec(QStringLiteral("PRAGMA index_list(\"%1\")").arg(table)))
        return {};
    QStringList names;
    while (indexes.next()) {
        if (indexes.value(4).toInt() == 0) // not partial
            names << indexes.value(1).toString();
    }
    for (const QString &name : std::as_const(names)) {
        QSqlQuery info(db);
        QString quoted = name;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        if (!info.exec(QStringLiteral("PRAGMA index_xinfo(\"%1\")").arg(quoted)))
            continue;
        QStringList indexed;
        while (info.next()) { // key columns in seqno order, each with its collation
            if (info.value(5).toInt() == 0)
                break;
            indexed << (info.value(4).toString() == QLatin1String("BINARY")
                            ? info.value(2).toString()
                            : QString());
        }
        if (indexed.mid(0, columns.size()) == columns)
            return name;
    }
    return {};
}

} // namespace

const QStringList &knownRevisions()
{
    static const QStringList revisions{
        QStringLiteral("451aebb31d03"), QStringLiteral("90e64c465722"),
        QStringLiteral("181f10493468"), QStringLiteral("df50e92ffc5e"),
        QStringLiteral("7ac759974ad8"), QStringLiteral("89d4b8295536"),
        QStringLiteral("2b4d017a5e9b"), QStringLiteral("cfd24bdc0731"),
        QStringLiteral("0a8213491aaa"), QStringLiteral("728d730b5ebd"),
        QStringLiteral("27a6a02d2cf1"), QStringLiteral("84291f40a231"),
        QStringLiteral("a8c4a736bde6"), QStringLiteral("39d1c3be5f05"),
        QStringLiteral("c48cb773bb87"), QStringLiteral("bd07f7e963c5"),
        QStringLiteral("0c779009ac13"), QStringLiteral("cc1f77228345"),
        QStringLiteral("97727af70f4d"), QStringLiteral("3500859a5d39"),
        QStringLiteral("7f2a7d5fae7d"), QStringLiteral("2d6e25af4d3e"),
        QStringLiteral("acf3f17fdcc7"), QStringLiteral("867495a8f9d4"),
        QStringLiteral("5b0e9adcef9c"), QStringLiteral("4465047574b1"),
        QStringLiteral("f5a4f2784254"), QStringLiteral("0584bdc529eb"),
        QStringLiteral("400f98739977"), QStringLiteral("6953534de441"),
        QStringLiteral("bda7b8c39065"), QStringLiteral("cbc13b556ace"),
        QStringLiteral("770bee3ae1dd"), QStringLiteral("a1b2c3d4e5f6"),
        QStringLiteral("de4033877273"), QStringLiteral("1a0cddfcaa16"),
        QStringLiteral("534353b11cbc"), QStringLiteral("71994744cf8e"),
        QStringLiteral("3da73c924c2f"), QStringLiteral("bf29a5ff90ea"),
        // MLflow 3.7 to 3.12 (../shared/fixtures/mlflow-latest/README.md)
        QStringLiteral("1bd49d398cd23"), QStringLiteral("b7c8d9e0f1a2"),
        QStringLiteral("5d2d30f0abce"), QStringLiteral("c9d4e5f6a7b8"),
        QStringLiteral("2c33131f4dae"), QStringLiteral("d3e4f5a6b7c8"),
        QStringLiteral("d0e1f2a3b4c5"), QStringLiteral("c8d9e0f1a2b3"),
        QStringLiteral("1b5f0d9ad7c1"), QStringLiteral("e1f2a3b4c5d6"),
        QStringLiteral("76601a5f987d"), QStringLiteral("c3d6457b6d8a"),
        QStringLiteral("a5b4c3d2e1f0"), QStringLiteral("ae8bbe7743c9"),
        QStringLiteral("7d34483879f0"),
    };
    return revisions;
}

Result<Done> applyPragmas(QSqlDatabase &db)
{
    QSqlQuery query(db);
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 20000",
                               "PRAGMA case_sensitive_like = true"}) {
        if (!query.exec(QString::fromLatin1(pragma)))
            return sqlError(tr("Could not configure the database connection."), query.lastError());
    }
    return Done{};
}

Result<Layout> inspect(QSqlDatabase &db)
{
    bool ok = false;
    QString errorText;
    const QStringList tables = tableNames(db, &ok, &errorText);
    if (!ok) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("The file is not a readable SQLite database (%1).").arg(errorText),
                             errorText);
    }
    if (!tables.contains(QStringLiteral("alembic_version"))
        || !tables.contains(QStringLiteral("registered_models"))
        || !tables.contains(QStringLiteral("model_versions"))) {
        return RegistryError(ErrorCode::InvalidState,
                             tables.isEmpty()
                                 ? tr("The file is an empty SQLite database, not an MLflow store.")
                                 : tr("The file is an SQLite database but not an MLflow store "
                                      "(it has no MLflow model registry tables)."));
    }

    Layout layout;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT version_num FROM alembic_version")))
        return sqlError(tr("Could not read the schema revision."), query.lastError());
    QStringList revisions;
    while (query.next())
        revisions << query.value(0).toString();
    if (revisions.size() != 1) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("The store's schema revision table holds %n revision(s); "
                                "MLflow expects exactly one.")
                                 .arg(revisions.size()));
    }
    layout.revision = revisions.first();
    layout.knownRevision = knownRevisions().contains(layout.revision);

    const QStringList modelColumns = columnNames(db, QStringLiteral("registered_models"));
    const QStringList versionColumns = columnNames(db, QStringLiteral("model_versions"));
    layout.workspaces = modelColumns.contains(QStringLiteral("workspace"));
    layout.modelTags = tables.contains(QStringLiteral("registered_model_tags"));
    layout.versionTags = tables.contains(QStringLiteral("model_version_tags"));
    layout.runLink = versionColumns.contains(QStringLiteral("run_link"));
    layout.aliases = tables.contains(QStringLiteral("registered_model_aliases"));
    layout.storageLocation = versionColumns.contains(QStringLiteral("storage_location"));
    layout.tracking = tables.contains(QStringLiteral("runs"))
                      && tables.contains(QStringLiteral("metrics"))
                      && tables.contains(QStringLiteral("latest_metrics"))
                      && tables.contains(QStringLiteral("params"))
                      && tables.contains(QStringLiteral("tags"))
                      && tables.contains(QStringLiteral("experiments"));
    layout.datasets = tables.contains(QStringLiteral("datasets"))
                      && tables.contains(QStringLiteral("inputs"))
                      && tables.contains(QStringLiteral("input_tags"));
    layout.snapshot = tables.contains(QStringLiteral("modeldesk_snapshot"));
    for (const QString &prefix : {QString(), QStringLiteral("modeldesk_")}) {
        if (tables.contains(prefix + QStringLiteral("logged_models"))
            && tables.contains(prefix + QStringLiteral("logged_model_tags"))
            && (prefix.isEmpty() || layout.snapshot)) {
            layout.loggedModels = true;
            layout.loggedModelPrefix = prefix;
            break;
        }
    }
    layout.auditTable = tables.contains(QStringLiteral("modeldesk_audit"));
    layout.workspaceTable = tables.contains(QStringLiteral("workspaces"));
    QStringList scopable = SqlShape::registryTables();
    scopable << QStringLiteral("experiments");
    for (const QString &table : std::as_const(scopable)) {
        if (tables.contains(table) && columnNames(db, table).contains(QStringLiteral("workspace")))
            layout.workspaceScoped << table;
    }
    const auto scopedIndex = [&](const QString &table, QStringList columns) {
        if (layout.workspaceScoped.contains(table)) {
            const QString led = indexOn(db, table, QStringList{QStringLiteral("workspace")} + columns);
            if (!led.isEmpty())
                return led;
        }
        return indexOn(db, table, columns);
    };
    if (layout.versionTags) {
        layout.versionTagsIndex = scopedIndex(QStringLiteral("model_version_tags"),
                                              {QStringLiteral("name"), QStringLiteral("version")});
    }
    layout.versionStageIndex = scopedIndex(
        QStringLiteral("model_versions"),
        {QStringLiteral("name"), QStringLiteral("current_stage"), QStringLiteral("version")});

    // Writable when the registry tables are exactly those of a layout ModelDesk knows, whatever
    // the revision id says: later MLflow revisions that touch other tables change nothing here.
    const SqlShape::Match match = SqlShape::match(db);
    const QStringList missingReads = SqlShape::missingReadColumns(db);
    if (match.exact())
        layout.knownLayout = match.layout->name;
    if (!layout.aliases || !layout.modelTags || !layout.versionTags || !layout.runLink) {
        layout.notWritableReason
            = tr("This store's schema revision %1 predates MLflow 2.3. It is opened read-only; "
                 "upgrade it with 'mlflow db upgrade' to edit it.")
                  .arg(layout.revision);
    } else if (!match.exact()) {
        const QStringList shown = match.differences.mid(0, 3);
        QString what = shown.join(QStringLiteral("; "));
        if (match.differences.size() > shown.size())
            what += QCoreApplication::translate("ModelDesk::SqlSchema",
                                                "; and %n more difference(s)", nullptr,
                                                int(match.differences.size() - shown.size()));
        layout.notWritableReason
            = tr("This store's registry tables (schema revision %1) are not laid out as in any "
                 "MLflow version ModelDesk writes: compared with %2, %3. It is opened read-only "
                 "so nothing in it is changed.")
                  .arg(layout.revision, match.layout ? match.layout->name : QString(), what);
    } else if (!missingReads.isEmpty()) {
        layout.notWritableReason
            = tr("This store (schema revision %1) lacks columns ModelDesk reads: %2. It is "
                 "opened read-only so nothing in it is changed.")
                  .arg(layout.revision, missingReads.join(QStringLiteral(", ")));
    }
    return layout;
}

Result<Done> createStore(QSqlDatabase &db)
{
    QFile file(QStringLiteral(":/modeldesk/sql/mlflow-schema-0584bdc529eb.sql"));
    if (!file.open(QIODevice::ReadOnly))
        return RegistryError(ErrorCode::InternalError, tr("The built-in MLflow schema is missing."));
    const QString ddl = QString::fromUtf8(file.readAll());

    if (!db.transaction())
        return sqlError(tr("Could not start a transaction."), db.lastError());
    QSqlQuery query(db);
    const auto fail = [&](const QString &what) -> Result<Done> {
        const QSqlError error = query.lastError();
        db.rollback();
        return sqlError(what, error);
    };
    for (const QString &statement : ddl.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
        if (statement.trimmed().isEmpty())
            continue;
        if (!query.exec(statement))
            return fail(tr("Could not create the MLflow tables."));
    }
    query.prepare(QStringLiteral("INSERT INTO alembic_version (version_num) VALUES (?)"));
    query.addBindValue(CreatedRevision);
    if (!query.exec())
        return fail(tr("Could not record the schema revision."));
    // MLflow keys these tag tables by (key, name[, version]), so every "tags of this model or
    // version" read scans the whole table, and has no index for its default version order;
    // MLflow's own pages pay that price. Stores ModelDesk creates get indexes in its own
    // namespace; MLflow ignores them, and Alembic's batch migrations carry indexes over when
    // they rebuild a table.
    for (const char *index :
         {"CREATE INDEX modeldesk_model_version_tags_name_version ON model_version_tags "
          "(name, version)",
          "CREATE INDEX modeldesk_registered_model_tags_name ON registered_model_tags (name)",
          // MLflow's default order of a model's versions (last_updated_timestamp DESC, then
          // version DESC) read from an index instead of sorting every version of the model.
          "CREATE INDEX modeldesk_model_versions_name_updated ON model_versions "
          "(name, last_updated_time, version)",
          // Each stage's lowest and highest version (a model's latest versions) found by a
          // few index seeks instead of reading every version of the model.
          "CREATE INDEX modeldesk_model_versions_name_stage ON model_versions "
          "(name, current_stage, version)"}) {
        if (!query.exec(QString::fromLatin1(index)))
            return fail(tr("Could not create ModelDesk's indexes."));
    }
    // The MLflow server creates experiment 0 on its first start; so does ModelDesk, so that a
    // store it made looks like one a server made.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    query.prepare(QStringLiteral(
        "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, "
        "creation_time, last_update_time) VALUES (0, 'Default', 'mlflow-artifacts:/0', "
        "'active', ?, ?)"));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec())
        return fail(tr("Could not create the Default experiment."));
    if (!db.commit())
        return sqlError(tr("Could not save the new store."), db.lastError());
    return Done{};
}

Result<Done> ensureAuditTable(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS modeldesk_audit ("
            "id INTEGER PRIMARY KEY, "
            "timestamp BIGINT NOT NULL, "
            "user_name TEXT NOT NULL, "
            "action TEXT NOT NULL, "
            "model_name TEXT NOT NULL, "
            "version INTEGER, "
            "field TEXT, "
            "old_value TEXT, "
            "new_value TEXT)"))) {
        return sqlError(tr("Could not create the audit table."), query.lastError());
    }
    return Done{};
}

Result<Done> ensureAuditWorkspaceColumn(QSqlDatabase &db)
{
    if (columnNames(db, QStringLiteral("modeldesk_audit")).contains(QStringLiteral("workspace")))
        return Done{};
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("ALTER TABLE modeldesk_audit ADD COLUMN workspace TEXT")))
        return sqlError(tr("Could not extend the audit table."), query.lastError());
    return Done{};
}

} // namespace ModelDesk::SqlSchema
