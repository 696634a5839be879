// The SQL store's writes. Each is one BEGIN IMMEDIATE transaction that replays the rules
// MLflow's SqlAlchemyStore applies in Python, as recorded servers show them (numbering,
// redaction on delete, archiving, which timestamps move), and records itself in
// modeldesk_audit.
#include "registry/sql/sqlbackend.h"
#include "registry/actinguser.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqltransaction_p.h"
#include "registry/validation.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace ModelDesk {

namespace {

// A null QString binds as SQL NULL; MLflow stores '' for omitted text, so bind that.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant nullable(const std::optional<QString> &text)
{
    return text ? QVariant(notNull(*text)) : QVariant(QMetaType::fromType<QString>());
}

Result<Done> validateTags(const QList<Tag> &tags)
{
    for (const Tag &tag : tags) {
        if (auto ok = Validation::checkTagKey(tag.key); !ok)
            return ok.error();
        if (auto ok = Validation::checkTagValue(tag.value); !ok)
            return ok.error();
    }
    return Done{};
}

// MLflow's source checks for new versions (rest.md §3.13): local paths need a run whose
// local artifact folder holds them, and no source may climb with "..".
Result<Done> validateSource(const QString &source, bool hasRunId)
{
    const auto invalid = [&source](const QString &why) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             SqlText::tr("Invalid model version source: '%1'. %2").arg(source, why));
    };
    if (source.isEmpty()) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             SqlText::tr("Missing value for required parameter 'source'. See the "
                                         "API docs for more information about request "
                                         "parameters."));
    }
    QString decoded = source;
    for (int i = 0; i < 4; ++i) {
        const QString next = QUrl::fromPercentEncoding(decoded.toUtf8());
        if (next == decoded)
            break;
        decoded = next;
    }
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    const bool isLocal = !scheme.match(source).hasMatch()
                         || source.startsWith(QLatin1String("file:"), Qt::CaseInsensitive);
    if (isLocal && !hasRunId) {
        return invalid(SqlText::tr("To use a local path as a model version source, the run_id "
                                   "request parameter has to be specified and the local path "
                                   "has to be contained within the artifact directory of the run "
                                   "specified by the run_id."));
    }
    const QStringList segments = decoded.split(QRegularExpression(QStringLiteral("[/\\\\]")));
    if (segments.contains(QStringLiteral("..")) || decoded.contains(QChar(0))) {
        return invalid(SqlText::tr("If supplying a source as an http, https, local file path, "
                                   "ftp, objectstore, or mlflow-artifacts uri, an absolute path "
                                   "must be provided without relative path references present. "
                                   "Please provide an absolute path."));
    }
    return Done{};
}

} // namespace

Result<Done> SqlBackend::checkNewName(const QString &name) const
{
    return m_layout.workspaces ? Validation::checkNewModelNameForWorkspaces(name)
                               : Validation::checkModelName(name);
}

Result<Done> SqlBackend::checkWorkspaceInUse()
{
    if (m_workspace == DefaultWorkspace || m_servesWorkspaces)
        return Done{};
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT 1 FROM registered_models WHERE workspace != 'default' "
                                   "LIMIT 1")))
        return sqlFailure(SqlText::tr("Could not read the store's workspaces."), query.lastError());
    if (query.next())
        return Done{};
    return RegistryError(
        ErrorCode::PermissionDenied,
        SqlText::tr("ModelDesk does not create the first registered model outside workspace "
                    "'default': an MLflow server without workspaces enabled refuses to start on "
                    "a store that has one. Create it through an MLflow server started with "
                    "workspaces enabled, or work in workspace 'default'."));
}

Result<Done> SqlBackend::audit(const AuditEntry &entry)
{
    // CREATE TABLE IF NOT EXISTS every time: it is part of this write's transaction, so a
    // rollback takes the table away again, and a flag set here would outlive it.
    QSqlDatabase db = database();
    if (auto ok = SqlSchema::ensureAuditTable(db); !ok)
        return ok.error();
    // In the workspace layout each entry says which workspace it changed.
    const bool workspaces = m_layout.workspaces;
    if (workspaces) {
        if (auto ok = SqlSchema::ensureAuditWorkspaceColumn(db); !ok)
            return ok.error();
    }
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
                      "INSERT INTO modeldesk_audit (timestamp, user_name, action, model_name, "
                      "version, field, old_value, new_value%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?%2)")
                      .arg(workspaces ? QStringLiteral(", workspace") : QString(),
                           workspaces ? QStringLiteral(", ?") : QString()));
    query.addBindValue(now());
    query.addBindValue(m_userName.isEmpty() ? localActingUser() : m_userName);
    query.addBindValue(entry.action);
    query.addBindValue(entry.modelName);
    query.addBindValue(entry.version ? QVariant(*entry.version)
                                     : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(entry.field.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                             : QVariant(entry.field));
    query.addBindValue(nullable(entry.oldValue));
    query.addBindValue(nullable(entry.newValue));
    if (workspaces)
        query.addBindValue(m_workspace);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not record the change in the audit log."),
                          query.lastError());
    return Done{};
}

// A statement failure inside a write, reported with what was being done.
#define MD_EXEC(what, sql, ...)                                                                    \
    do {                                                                                           \
        QSqlQuery md_query(database());                                                            \
        md_query.prepare(sql);                                                                     \
        for (const QVariant &md_value : QVariantList{__VA_ARGS__})                                 \
            md_query.addBindValue(md_value);                                                       \
        if (!md_query.exec())                                                                      \
            return sqlFailure(what, md_query.lastError());                                         \
    } while (false)

Result<RegisteredModel> SqlBackend::createModel(const QString &name, const QString &description,
                                                const QList<Tag> &tags)
{
    MD_TRY(checkWritable());
    MD_TRY(checkNewName(name));
    MD_TRY(validateTags(tags));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto exists = modelExists(name);
    if (!exists)
        return exists.error();
    if (*exists) {
        return RegistryError(ErrorCode::ResourceAlreadyExists,
                             SqlText::tr("Registered Model (name=%1) already exists.").arg(name));
    }
    MD_TRY(checkWorkspaceInUse());
    const qint64 time = now();
    const QString what = SqlText::tr("Could not create registered model %1.").arg(name);
    const QString models = QStringLiteral("registered_models");
    const QString modelTags = QStringLiteral("registered_model_tags");
    MD_EXEC(what,
            QStringLiteral("INSERT INTO registered_models (name, creation_time, "
                           "last_updated_time, description%1) VALUES (?, ?, ?, ?%2)")
                .arg(workspaceColumn(models), workspaceValue(models)),
            name, time, time, notNull(description));
    for (const Tag &tag : tags) {
        MD_EXEC(what,
                QStringLiteral("INSERT INTO registered_model_tags (key, value, name%1) "
                               "VALUES (?, ?, ?%2) ON CONFLICT (key, name%1) "
                               "DO UPDATE SET value = excluded.value")
                    .arg(workspaceColumn(modelTags), workspaceValue(modelTags)),
                tag.key, notNull(tag.value), name);
    }
    MD_TRY(audit({QStringLiteral("create_model"), name, {}, {}, {}, description}));
    for (const Tag &tag : tags)
        MD_TRY(audit({QStringLiteral("set_model_tag"), name, {}, tag.key, {}, tag.value}));
    MD_TRY(transaction.commit());
    return model(name);
}

Result<RegisteredModel> SqlBackend::renameModel(const QString &name, const QString &newName)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    if (newName.isEmpty()) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             SqlText::tr("Missing value for required parameter 'new_name'. See "
                                         "the API docs for more information about request "
                                         "parameters."));
    }
    MD_TRY(checkNewName(newName));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    MD_TRY(requireModel(name));
    auto taken = modelExists(newName);
    if (!taken)
        return taken.error();
    if (*taken) {
        return RegistryError(ErrorCode::ResourceAlreadyExists,
                             SqlText::tr("Registered Model (name=%1) already exists.")
                                 .arg(newName));
    }
    const qint64 time = now();
    const QString what = SqlText::tr("Could not rename %1.").arg(name);
    // Versions, tags and aliases follow through ON UPDATE CASCADE (foreign keys are on).
    MD_EXEC(what,
            QStringLiteral("UPDATE registered_models SET name = ?, last_updated_time = ? "
                           "WHERE %1name = ?")
                .arg(scope(QStringLiteral("registered_models"))),
            newName, time, name);
    MD_EXEC(what,
            QStringLiteral("UPDATE model_versions SET last_updated_time = ? WHERE %1name = ?")
                .arg(scope(QStringLiteral("model_versions"))),
            time, newName);
    MD_TRY(audit({QStringLiteral("rename_model"), newName, {}, QStringLiteral("name"), name,
                  newName}));
    MD_TRY(transaction.commit());
    return model(newName);
}

Result<Done> SqlBackend::deleteModel(const QString &name)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    MD_TRY(requireModel(name));
    const QString what = SqlText::tr("Could not delete %1.").arg(name);
    // The foreign keys of versions and model tags have no ON DELETE CASCADE: children first.
    QStringList tables;
    if (m_layout.versionTags)
        tables << QStringLiteral("model_version_tags");
    tables << QStringLiteral("model_versions");
    if (m_layout.modelTags)
        tables << QStringLiteral("registered_model_tags");
    if (m_layout.aliases)
        tables << QStringLiteral("registered_model_aliases");
    tables << QStringLiteral("registered_models");
    for (const QString &table : std::as_const(tables)) {
        MD_EXEC(what, QStringLiteral("DELETE FROM %1 WHERE %2name = ?").arg(table, scope(table)),
                name);
    }
    MD_TRY(audit({QStringLiteral("delete_model"), name, {}, {}, {}, {}}));
    MD_TRY(transaction.commit());
    return Done{};
}

Result<RegisteredModel> SqlBackend::updateModelDescription(const QString &name,
                                                           const QString &description,
                                                           ExpectedTimestamp expected)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto row = modelRow(name);
    if (!row)
        return row.error();
    if (!row->has_value())
        return modelNotFound(name);
    const RegisteredModel &current = **row;
    if (expected && *expected != current.lastUpdatedTimestamp) {
        return Validation::modelConflict(name, current.lastUpdatedTimestamp);
    }
    MD_EXEC(SqlText::tr("Could not update the description of %1.").arg(name),
            QStringLiteral("UPDATE registered_models SET description = ?, last_updated_time = ? "
                           "WHERE %1name = ?")
                .arg(scope(QStringLiteral("registered_models"))),
            notNull(description), now(), name);
    MD_TRY(audit({QStringLiteral("update_model_description"), name, {},
                  QStringLiteral("description"), current.description, description}));
    MD_TRY(transaction.commit());
    return model(name);
}

Result<Done> SqlBackend::setModelTag(const QString &name, const QString &key,
                                     const QString &value)
{
    return writeTag(name, std::nullopt, key, value);
}

Result<Done> SqlBackend::deleteModelTag(const QString &name, const QString &key)
{
    return writeTag(name, std::nullopt, key, std::nullopt);
}

Result<Done> SqlBackend::setVersionTag(const QString &name, qint64 number, const QString &key,
                                       const QString &value)
{
    return writeTag(name, number, key, value);
}

Result<Done> SqlBackend::deleteVersionTag(const QString &name, qint64 number, const QString &key)
{
    return writeTag(name, number, key, std::nullopt);
}

// Sets (value given) or deletes a tag of a model (no version) or of a version. Neither moves
// any timestamp; deleting a missing key succeeds, as in MLflow.
Result<Done> SqlBackend::writeTag(const QString &name, std::optional<qint64> number,
                                  const QString &key, const std::optional<QString> &value)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    MD_TRY(Validation::checkTagKey(key));
    if (value)
        MD_TRY(Validation::checkTagValue(*value));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    if (number)
        MD_TRY(requireVersion(name, *number));
    else
        MD_TRY(requireModel(name));
    auto tags = number ? versionTags(name, *number) : modelTags(name);
    if (!tags)
        return tags.error();
    std::optional<QString> old;
    for (const Tag &tag : std::as_const(*tags)) {
        if (tag.key == key)
            old = tag.value;
    }
    const QString table = number ? QStringLiteral("model_version_tags")
                                 : QStringLiteral("registered_model_tags");
    const QString versionColumn = number ? QStringLiteral(", version") : QString();
    QVariantList keyValues{key, name};
    if (number)
        keyValues.append(*number);
    const QString action = QLatin1String(value ? "set_" : "delete_")
                           + QLatin1String(number ? "version_tag" : "model_tag");
    if (value) {
        QSqlQuery query(database());
        query.prepare(QStringLiteral("INSERT INTO %1 (key, name%2, value%4) VALUES (?, ?%3, ?%5) "
                                     "ON CONFLICT (key, name%2%4) DO UPDATE SET value = "
                                     "excluded.value")
                          .arg(table, versionColumn, number ? QStringLiteral(", ?") : QString(),
                               workspaceColumn(table), workspaceValue(table)));
        for (const QVariant &bound : std::as_const(keyValues))
            query.addBindValue(bound);
        query.addBindValue(notNull(*value));
        if (!query.exec())
            return sqlFailure(SqlText::tr("Could not set tag %1 on %2.").arg(key, name),
                              query.lastError());
    } else if (old) {
        QSqlQuery query(database());
        query.prepare(QStringLiteral("DELETE FROM %1 WHERE %3key = ? AND name = ?%2")
                          .arg(table, number ? QStringLiteral(" AND version = ?") : QString(),
                               scope(table)));
        for (const QVariant &bound : std::as_const(keyValues))
            query.addBindValue(bound);
        if (!query.exec())
            return sqlFailure(SqlText::tr("Could not delete tag %1 of %2.").arg(key, name),
                              query.lastError());
    } else {
        return Done{}; // nothing to delete, nothing to audit
    }
    MD_TRY(audit({action, name, number, key, old, value}));
    MD_TRY(transaction.commit());
    return Done{};
}

Result<Done> SqlBackend::requireModel(const QString &name)
{
    auto exists = modelExists(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return modelNotFound(name);
    return Done{};
}

Result<ModelVersion> SqlBackend::requireVersion(const QString &name, qint64 number)
{
    auto row = versionRow(name, number);
    if (!row)
        return row.error();
    if (!row->has_value())
        return versionNotFound(name, number);
    return std::move(**row);
}

Result<Done> SqlBackend::setAlias(const QString &name, const QString &alias, qint64 number)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    MD_TRY(Validation::checkAliasToSet(alias));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto row = requireVersion(name, number);
    if (!row)
        return row.error();
    auto aliases = modelAliases(name);
    if (!aliases)
        return aliases.error();
    std::optional<QString> old;
    for (const Alias &existing : std::as_const(*aliases)) {
        if (existing.alias == alias)
            old = QString::number(existing.version);
    }
    MD_EXEC(SqlText::tr("Could not set alias %1 of %2.").arg(alias, name),
            QStringLiteral("INSERT INTO registered_model_aliases (alias, version, name%1) "
                           "VALUES (?, ?, ?%2) ON CONFLICT (name, alias%1) "
                           "DO UPDATE SET version = excluded.version")
                .arg(workspaceColumn(QStringLiteral("registered_model_aliases")),
                     workspaceValue(QStringLiteral("registered_model_aliases"))),
            alias, number, name);
    MD_TRY(audit({QStringLiteral("set_alias"), name, number, alias, old,
                  QString::number(number)}));
    MD_TRY(transaction.commit());
    return Done{};
}

Result<Done> SqlBackend::deleteAlias(const QString &name, const QString &alias)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    MD_TRY(Validation::checkAliasName(alias));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    MD_TRY(requireModel(name));
    auto aliases = modelAliases(name);
    if (!aliases)
        return aliases.error();
    for (const Alias &existing : std::as_const(*aliases)) {
        if (existing.alias != alias)
            continue;
        MD_EXEC(SqlText::tr("Could not delete alias %1 of %2.").arg(alias, name),
                QStringLiteral("DELETE FROM registered_model_aliases WHERE %1name = ? AND "
                               "alias = ?")
                    .arg(scope(QStringLiteral("registered_model_aliases"))),
                name, alias);
        MD_TRY(audit({QStringLiteral("delete_alias"), name, existing.version, alias,
                      QString::number(existing.version), {}}));
    }
    MD_TRY(transaction.commit());
    return Done{};
}

Result<ModelVersion> SqlBackend::createVersion(const CreateVersionRequest &request)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(request.name));
    MD_TRY(validateSource(request.source, request.runId && !request.runId->isEmpty()));
    MD_TRY(validateTags(request.tags));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    MD_TRY(requireModel(request.name));

    QString storageLocation = request.source;
    std::optional<QString> requestRunId = request.runId;
    // A copy of another version (models:/<name>/<version>) stores that version's location.
    static const QRegularExpression copyUri(QStringLiteral("^models:/(.+)/(\\d+)$"));
    if (const auto match = copyUri.match(request.source); match.hasMatch()) {
        auto location = downloadUri(match.captured(1), match.captured(2).toLongLong());
        if (location)
            storageLocation = *location;
    }
    // A logged model (models:/m-<id>) stores its artifact location and lends its run.
    const std::optional<QString> sourceModel = loggedModelId(request.source);
    const QString linkedModel = request.modelId.value_or(sourceModel.value_or(QString()));
    std::optional<LoggedModelRow> logged;
    if (!linkedModel.isEmpty()) {
        auto found = loggedModel(linkedModel);
        if (!found)
            return found.error();
        logged = *found;
    }
    if (logged && sourceModel == linkedModel)
        storageLocation = logged->artifactLocation;
    if (logged && !logged->sourceRunId.isEmpty() && (!requestRunId || requestRunId->isEmpty()))
        requestRunId = logged->sourceRunId;

    QSqlQuery query(database());
    const QString versions = QStringLiteral("model_versions");
    query.prepare(QStringLiteral(
                      "SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE %1name = ?")
                      .arg(scope(versions)));
    query.addBindValue(request.name);
    if (!query.exec() || !query.next())
        return sqlFailure(SqlText::tr("Could not number the new version."), query.lastError());
    const qint64 number = query.value(0).toLongLong();
    const qint64 time = now();
    const QString what = SqlText::tr("Could not register a new version of %1.").arg(request.name);
    const QString description = notNull(request.description.value_or(QString()));
    const QString runId = notNull(requestRunId.value_or(QString()));
    const QString runLink = notNull(request.runLink.value_or(QString()));
    if (m_layout.storageLocation) {
        MD_EXEC(what,
                QStringLiteral("INSERT INTO model_versions (name, version, creation_time, "
                               "last_updated_time, description, user_id, current_stage, source, "
                               "run_id, status, status_message, run_link, storage_location%1) "
                               "VALUES (?, ?, ?, ?, ?, NULL, 'None', ?, ?, 'READY', NULL, ?, "
                               "?%2)")
                    .arg(workspaceColumn(versions), workspaceValue(versions)),
                request.name, number, time, time, description, request.source, runId, runLink,
                storageLocation);
    } else {
        MD_EXEC(what,
                QStringLiteral("INSERT INTO model_versions (name, version, creation_time, "
                               "last_updated_time, description, user_id, current_stage, source, "
                               "run_id, status, status_message, run_link%1) "
                               "VALUES (?, ?, ?, ?, ?, NULL, 'None', ?, ?, 'READY', NULL, ?%2)")
                    .arg(workspaceColumn(versions), workspaceValue(versions)),
                request.name, number, time, time, description, request.source, runId, runLink);
    }
    for (const Tag &tag : request.tags) {
        MD_EXEC(what,
                QStringLiteral("INSERT INTO model_version_tags (key, value, name, version%1) "
                               "VALUES (?, ?, ?, ?%2) ON CONFLICT (key, name, version%1) "
                               "DO UPDATE SET value = excluded.value")
                    .arg(workspaceColumn(QStringLiteral("model_version_tags")),
                         workspaceValue(QStringLiteral("model_version_tags"))),
                tag.key, notNull(tag.value), request.name, number);
    }
    MD_EXEC(what,
            QStringLiteral("UPDATE registered_models SET last_updated_time = ? WHERE %1name = ?")
                .arg(scope(QStringLiteral("registered_models"))),
            time, request.name);
    // As MLflow: the logged model lists the version only when its id was sent.
    if (logged && request.modelId && !request.modelId->isEmpty())
        MD_TRY(listVersionOnLoggedModel(linkedModel, logged->experimentId, request.name, number));
    MD_TRY(audit({QStringLiteral("create_version"), request.name, number,
                  QStringLiteral("source"), {}, request.source}));
    MD_TRY(transaction.commit());
    return version(request.name, number);
}

Result<Done> SqlBackend::deleteVersion(const QString &name, qint64 number)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto row = requireVersion(name, number);
    if (!row)
        return row.error();
    const qint64 time = now();
    const QString what = SqlText::tr("Could not delete version %1 of %2.").arg(number).arg(name);
    // MLflow keeps the row so the number is never reused, and redacts where it came from.
    MD_EXEC(what,
            QStringLiteral("UPDATE model_versions SET current_stage = 'Deleted_Internal', "
                           "last_updated_time = ?, description = NULL, user_id = NULL, "
                           "status_message = NULL, source = 'REDACTED-SOURCE-PATH', "
                           "run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK' "
                           "WHERE %1name = ? AND version = ?")
                .arg(scope(QStringLiteral("model_versions"))),
            time, name, number);
    // Aliases are left in place: real MLflow 2.22 and 3.6 servers still list an alias of a
    // deleted version afterwards (recorded in the shared transcripts), and resolving it then
    // answers "not found", which is what ModelDesk does too.
    MD_EXEC(what,
            QStringLiteral("UPDATE registered_models SET last_updated_time = ? WHERE %1name = ?")
                .arg(scope(QStringLiteral("registered_models"))),
            time, name);
    MD_TRY(audit({QStringLiteral("delete_version"), name, number, {}, row->currentStage, {}}));
    MD_TRY(transaction.commit());
    return Done{};
}

Result<ModelVersion> SqlBackend::updateVersionDescription(const QString &name, qint64 number,
                                                          const std::optional<QString> &description,
                                                          ExpectedTimestamp expected)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto row = requireVersion(name, number);
    if (!row)
        return row.error();
    const ModelVersion &current = *row;
    if (expected && *expected != current.lastUpdatedTimestamp) {
        return Validation::versionConflict(name, number, current.lastUpdatedTimestamp);
    }
    // Only the version's timestamp moves; MLflow leaves the model's alone here.
    MD_EXEC(SqlText::tr("Could not update the description of version %1 of %2.")
                .arg(number)
                .arg(name),
            QStringLiteral("UPDATE model_versions SET description = ?, last_updated_time = ? "
                           "WHERE %1name = ? AND version = ?")
                .arg(scope(QStringLiteral("model_versions"))),
            nullable(description), now(), name, number);
    MD_TRY(audit({QStringLiteral("update_version_description"), name, number,
                  QStringLiteral("description"), current.description, description}));
    MD_TRY(transaction.commit());
    return version(name, number);
}

Result<ModelVersion> SqlBackend::transitionStage(const QString &name, qint64 number,
                                                 const QString &stage, ArchiveExisting archive)
{
    MD_TRY(checkWritable());
    MD_TRY(Validation::checkModelName(name));
    auto canonical = Validation::canonicalStage(stage);
    if (!canonical)
        return canonical.error();
    const QString target = *canonical;
    // MLflow checks this before looking the version up, and answers 500.
    if (archive == ArchiveExisting::Yes && target != Stage::Staging
        && target != Stage::Production) {
        return RegistryError(ErrorCode::InternalError,
                             SqlText::tr("Model version transition cannot archive existing model "
                                         "versions because '%1' is not an Active stage. Valid "
                                         "stages are ['Staging', 'Production']")
                                 .arg(target));
    }
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto row = requireVersion(name, number);
    if (!row)
        return row.error();
    const qint64 time = now();
    const QString what = SqlText::tr("Could not move version %1 of %2 to %3.")
                             .arg(number)
                             .arg(name, target);
    if (archive == ArchiveExisting::Yes) {
        QSqlQuery others(database());
        others.prepare(QStringLiteral("SELECT version FROM model_versions WHERE %1name = ? AND "
                                      "current_stage = ? AND version != ?")
                           .arg(scope(QStringLiteral("model_versions"))));
        others.addBindValue(name);
        others.addBindValue(target);
        others.addBindValue(number);
        if (!others.exec())
            return sqlFailure(what, others.lastError());
        QList<qint64> archived;
        while (others.next())
            archived.append(others.value(0).toLongLong());
        for (qint64 other : std::as_const(archived)) {
            MD_EXEC(what,
                    QStringLiteral("UPDATE model_versions SET current_stage = 'Archived', "
                                   "last_updated_time = ? WHERE %1name = ? AND version = ?")
                        .arg(scope(QStringLiteral("model_versions"))),
                    time, name, other);
            MD_TRY(audit({QStringLiteral("transition_stage"), name, other,
                          QStringLiteral("current_stage"), target, Stage::Archived}));
        }
    }
    MD_EXEC(what,
            QStringLiteral("UPDATE model_versions SET current_stage = ?, last_updated_time = ? "
                           "WHERE %1name = ? AND version = ?")
                .arg(scope(QStringLiteral("model_versions"))),
            target, time, name, number);
    MD_EXEC(what,
            QStringLiteral("UPDATE registered_models SET last_updated_time = ? WHERE %1name = ?")
                .arg(scope(QStringLiteral("registered_models"))),
            time, name);
    MD_TRY(audit({QStringLiteral("transition_stage"), name, number,
                  QStringLiteral("current_stage"), row->currentStage, target}));
    MD_TRY(transaction.commit());
    return version(name, number);
}

} // namespace ModelDesk
