// The SQL store's reads, answering as MLflow's SqlAlchemyStore answers: soft-deleted versions
// and prompts hidden where MLflow hides them, tags in storage order, aliases by name.
#include "registry/filter/filter.h"
#include "registry/pagetoken.h"
#include "registry/sql/searchsql.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"
#include "registry/validation.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ModelDesk {

namespace {

constexpr int DefaultModelPage = 100;
constexpr int MaxModelPage = 1000;
constexpr int DefaultVersionPage = 200000;
constexpr int MaxVersionPage = 200000;
// Versions or metric points read before they are completed and handed on as one part.
constexpr qsizetype PartSize = 5000;

RegistryError maxResultsError(int value)
{
    return RegistryError(ErrorCode::InvalidParameterValue,
                         SqlText::tr("Invalid value \"%1\" for parameter 'max_results' supplied:  "
                                     "Hint: Value was of type 'str'. See the API docs for more "
                                     "information about request parameters.")
                             .arg(value));
}

// The workspace a search sees, where the searched table and its tag table carry one.
SearchSql::Scope searchScope(const SqlSchema::Layout &layout, const QString &workspace,
                             const QString &table, const QString &tagTable)
{
    SearchSql::Scope scope;
    scope.workspace = workspace;
    scope.entity = layout.workspaceScoped.contains(table);
    scope.tags = layout.workspaceScoped.contains(tagTable);
    return scope;
}

} // namespace

Result<Page<RegisteredModel>> SqlBackend::searchModels(const SearchRequest &request)
{
    const int maxResults = request.maxResults < 0 ? DefaultModelPage : request.maxResults;
    if (maxResults > MaxModelPage)
        return maxResultsError(maxResults);
    const auto filter = Filter::parseFilter(request.filter, Filter::Target::Models);
    if (!filter)
        return filter.error();
    const auto order = Filter::parseOrderBy(request.orderBy, Filter::Target::Models);
    if (!order)
        return order.error();
    const auto offset = PageToken::decode(request.pageToken);
    if (!offset)
        return offset.error();

    const SearchSql::Statement statement
        = SearchSql::modelSearch(*filter, *order, maxResults + 1, *offset,
                                 searchScope(m_layout, m_workspace, QStringLiteral("registered_models"),
                                             QStringLiteral("registered_model_tags")));
    SqliteStatement query(database(), statement.sql);
    Page<RegisteredModel> page;
    if (query.bind(statement.bindings)) {
        while (query.next()) {
            RegisteredModel model;
            model.name = query.text(0);
            model.creationTimestamp = query.integer(1);
            model.lastUpdatedTimestamp = query.integer(2);
            model.description = query.text(3);
            page.items.append(std::move(model));
        }
    }
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not search registered models."), statementError(query));
    if (page.items.size() > maxResults) {
        page.items.resize(maxResults);
        page.nextPageToken = PageToken::encode(*offset + maxResults);
    }
    // MLflow 3.12 lists a searched model's latest versions by stage name (one recorded
    // answer, mlflow-latest exchange 22; 3.6 still ordered them by version); the workspace
    // layout (3.9 on) is the nearest the store tells of which MLflow wrote it.
    const StageOrder stageOrder = m_layout.workspaces ? StageOrder::ByStageName
                                                      : StageOrder::ByEarliestVersion;
    if (auto complete = completeModels(page.items, stageOrder); !complete)
        return complete.error();
    return page;
}

Result<Page<ModelVersion>> SqlBackend::searchVersions(const SearchRequest &request)
{
    QList<ModelVersion> items;
    auto page = searchVersions(request, [&items](QList<ModelVersion> part) {
        items += std::move(part);
        return true;
    });
    if (page)
        page->items = std::move(items);
    return page;
}

Result<Page<ModelVersion>> SqlBackend::searchVersions(const SearchRequest &request,
                                                      const PartSink<ModelVersion> &sink)
{
    const int maxResults = request.maxResults < 0 ? DefaultVersionPage : request.maxResults;
    if (maxResults > MaxVersionPage)
        return maxResultsError(maxResults);
    if (maxResults < 1) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             SqlText::tr("Invalid value for max_results. It must be a positive "
                                         "integer, but got %1")
                                 .arg(maxResults));
    }
    const auto filter = Filter::parseFilter(request.filter, Filter::Target::Versions);
    if (!filter)
        return filter.error();
    const auto order = Filter::parseOrderBy(request.orderBy, Filter::Target::Versions);
    if (!order)
        return order.error();
    const auto offset = PageToken::decode(request.pageToken);
    if (!offset)
        return offset.error();

    const SearchSql::Statement statement
        = SearchSql::versionSearch(*filter, *order, versionColumns(), maxResults + 1, *offset,
                                   searchScope(m_layout, m_workspace, QStringLiteral("model_versions"),
                                               QStringLiteral("model_version_tags")));
    // Parts are completed (tags attached) and handed over while the statement is still open,
    // so they all come from the one read the statement holds.
    // Without ModelDesk's tag index (stores MLflow made) every read of tags scans the tag
    // table, so there the page is completed in one part, with one scan.
    const qsizetype partSize = m_layout.versionTags && m_layout.versionTagsIndex.isEmpty()
                                   ? qsizetype(maxResults)
                                   : PartSize;
    SqliteStatement query(database(), statement.sql);
    Page<ModelVersion> page;
    QList<ModelVersion> part;
    qint64 count = 0;
    const auto deliver = [&]() -> Result<Done> {
        if (auto tagged = attachVersionTags(part); !tagged)
            return tagged.error();
        if (!sink(std::exchange(part, {})))
            return RegistryError(ErrorCode::Cancelled, SqlText::tr("The request was cancelled."));
        return Done{};
    };
    if (query.bind(statement.bindings)) {
        while (query.next()) {
            if (count == maxResults) {
                page.nextPageToken = PageToken::encode(*offset + maxResults);
                break;
            }
            part.append(versionFromStatement(query));
            ++count;
            if (part.size() == partSize) {
                if (auto delivered = deliver(); !delivered)
                    return delivered.error();
            }
        }
    }
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not search model versions."), statementError(query));
    if (!part.isEmpty()) {
        if (auto delivered = deliver(); !delivered)
            return delivered.error();
    }
    return page;
}

Result<std::optional<RegisteredModel>> SqlBackend::modelRow(const QString &name)
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT name, creation_time, last_updated_time, description "
                                 "FROM registered_models WHERE %1name = ?")
                      .arg(scope(QStringLiteral("registered_models"))));
    query.addBindValue(name);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read registered model %1.").arg(name),
                          query.lastError());
    if (!query.next())
        return std::optional<RegisteredModel>();
    RegisteredModel model;
    model.name = query.value(0).toString();
    model.creationTimestamp = query.value(1).toLongLong();
    model.lastUpdatedTimestamp = query.value(2).toLongLong();
    model.description = query.value(3).toString();
    return std::optional<RegisteredModel>(std::move(model));
}

Result<bool> SqlBackend::modelExists(const QString &name)
{
    auto row = modelRow(name);
    if (!row)
        return row.error();
    return row->has_value();
}

Result<std::optional<ModelVersion>> SqlBackend::versionRow(const QString &name, qint64 version)
{
    SqliteStatement query(database(),
                          QStringLiteral("SELECT %1 FROM model_versions mv WHERE %2mv.name = ? "
                                         "AND mv.version = ? AND mv.current_stage != "
                                         "'Deleted_Internal'")
                              .arg(versionColumns(),
                                   scope(QStringLiteral("model_versions"), QStringLiteral("mv"))));
    std::optional<ModelVersion> row;
    if (query.bind({name, version}) && query.next())
        row = versionFromStatement(query);
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not read model version %1 of %2.")
                              .arg(version)
                              .arg(name),
                          statementError(query));
    return row;
}

Result<QList<Tag>> SqlBackend::modelTags(const QString &name)
{
    QList<Tag> tags;
    if (!m_layout.modelTags)
        return tags;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
                      "SELECT key, value FROM registered_model_tags WHERE %1name = ? ORDER BY rowid")
                      .arg(scope(QStringLiteral("registered_model_tags"))));
    query.addBindValue(name);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read the tags of %1.").arg(name),
                          query.lastError());
    while (query.next())
        tags.append({query.value(0).toString(), query.value(1).toString()});
    return tags;
}

Result<QList<Tag>> SqlBackend::versionTags(const QString &name, qint64 version)
{
    QList<Tag> tags;
    if (!m_layout.versionTags)
        return tags;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT key, value FROM model_version_tags WHERE %1name = ? "
                                 "AND version = ? ORDER BY rowid")
                      .arg(scope(QStringLiteral("model_version_tags"))));
    query.addBindValue(name);
    query.addBindValue(version);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read the tags of %1 version %2.")
                              .arg(name)
                              .arg(version),
                          query.lastError());
    while (query.next())
        tags.append({query.value(0).toString(), query.value(1).toString()});
    return tags;
}

Result<QList<Alias>> SqlBackend::modelAliases(const QString &name)
{
    QList<Alias> aliases;
    if (!m_layout.aliases)
        return aliases;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT alias, version FROM registered_model_aliases "
                                 "WHERE %1name = ? ORDER BY alias")
                      .arg(scope(QStringLiteral("registered_model_aliases"))));
    query.addBindValue(name);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read the aliases of %1.").arg(name),
                          query.lastError());
    while (query.next())
        aliases.append({query.value(0).toString(), query.value(1).toLongLong()});
    return aliases;
}

Result<QStringList> SqlBackend::versionAliases(const QString &name, qint64 version)
{
    QStringList aliases;
    if (!m_layout.aliases)
        return aliases;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT alias FROM registered_model_aliases "
                                 "WHERE %1name = ? AND version = ? ORDER BY alias")
                      .arg(scope(QStringLiteral("registered_model_aliases"))));
    query.addBindValue(name);
    query.addBindValue(version);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read the aliases of %1.").arg(name),
                          query.lastError());
    while (query.next())
        aliases.append(query.value(0).toString());
    return aliases;
}

Result<Done> SqlBackend::completeModels(QList<RegisteredModel> &models, StageOrder order)
{
    if (models.isEmpty())
        return Done{};
    QHash<QString, int> rowByName;
    for (int row = 0; row < models.size(); ++row)
        rowByName.insert(models.at(row).name, row);
    const QStringList names = rowByName.keys();

    for (int first = 0; first < names.size(); first += NameBatch) {
        const QStringList batch = names.mid(first, NameBatch);
        QVariantList values;
        for (const QString &name : batch)
            values.append(name);

        auto found = latestVersionRows(batch, order);
        if (!found)
            return found.error();
        QList<ModelVersion> &latest = *found;
        if (auto tagged = attachVersionTags(latest); !tagged)
            return tagged.error();
        for (ModelVersion &version : latest)
            models[rowByName.value(version.name)].latestVersions.append(std::move(version));

        if (m_layout.modelTags) {
            SqliteStatement tags(database(),
                                 QStringLiteral("SELECT name, key, value FROM "
                                                "registered_model_tags WHERE %1name IN (%2) "
                                                "ORDER BY rowid")
                                     .arg(scope(QStringLiteral("registered_model_tags")),
                                          placeholders(batch.size())));
            if (tags.bind(values)) {
                while (tags.next())
                    models[rowByName.value(tags.text(0))].tags.append({tags.text(1), tags.text(2)});
            }
            if (tags.failed())
                return sqlFailure(SqlText::tr("Could not read model tags."), statementError(tags));
        }
        if (m_layout.aliases) {
            SqliteStatement aliases(database(),
                                    QStringLiteral("SELECT name, alias, version FROM "
                                                   "registered_model_aliases WHERE %1name IN "
                                                   "(%2) ORDER BY name, alias")
                                        .arg(scope(QStringLiteral("registered_model_aliases")),
                                             placeholders(batch.size())));
            if (aliases.bind(values)) {
                while (aliases.next()) {
                    models[rowByName.value(aliases.text(0))].aliases.append(
                        {aliases.text(1), aliases.integer(2)});
                }
            }
            if (aliases.failed())
                return sqlFailure(SqlText::tr("Could not read aliases."), statementError(aliases));
        }
    }
    return Done{};
}

Result<RegisteredModel> SqlBackend::completeModel(RegisteredModel model)
{
    QList<RegisteredModel> models{std::move(model)};
    if (auto complete = completeModels(models); !complete)
        return complete.error();
    return models.takeFirst();
}

Result<ModelVersion> SqlBackend::completeVersion(ModelVersion version, bool withAliases)
{
    QList<ModelVersion> one{std::move(version)};
    if (auto tagged = attachVersionTags(one); !tagged)
        return tagged.error();
    version = one.takeFirst();
    if (withAliases) {
        auto aliases = versionAliases(version.name, version.version);
        if (!aliases)
            return aliases.error();
        version.aliases = *aliases;
    }
    return version;
}

Result<RegisteredModel> SqlBackend::model(const QString &name)
{
    if (auto check = Validation::checkModelName(name); !check)
        return check.error();
    auto row = modelRow(name);
    if (!row)
        return row.error();
    if (!row->has_value())
        return modelNotFound(name);
    return completeModel(std::move(**row));
}

Result<ModelVersion> SqlBackend::version(const QString &name, qint64 number)
{
    if (auto check = Validation::checkModelName(name); !check)
        return check.error();
    auto row = versionRow(name, number);
    if (!row)
        return row.error();
    if (!row->has_value())
        return versionNotFound(name, number);
    return completeVersion(std::move(**row), true);
}

Result<ModelVersion> SqlBackend::versionByAlias(const QString &name, const QString &alias)
{
    if (auto check = Validation::checkModelName(name); !check)
        return check.error();
    auto exists = modelExists(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return modelNotFound(name);
    if (alias.compare(QLatin1String("latest"), Qt::CaseInsensitive) == 0) {
        // MLflow's pseudo-alias: the first entry of get-latest-versions, which is not
        // necessarily the highest version.
        auto latest = computeLatestVersions(name);
        if (!latest)
            return latest.error();
        if (latest->isEmpty()) {
            return RegistryError(ErrorCode::ResourceDoesNotExist,
                                 SqlText::tr("Latest version not found for model %1.").arg(name));
        }
        return completeVersion(latest->first(), true);
    }
    if (auto check = Validation::checkAliasName(alias); !check)
        return check.error();
    std::optional<qint64> number;
    if (m_layout.aliases) {
        QSqlQuery query(database());
        query.prepare(QStringLiteral("SELECT version FROM registered_model_aliases WHERE %1name = "
                                     "? AND alias = ?")
                          .arg(scope(QStringLiteral("registered_model_aliases"))));
        query.addBindValue(name);
        query.addBindValue(alias);
        if (!query.exec())
            return sqlFailure(SqlText::tr("Could not read alias %1.").arg(alias),
                              query.lastError());
        if (query.next())
            number = query.value(0).toLongLong();
    }
    if (!number) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             SqlText::tr("Registered model alias %1 not found.").arg(alias));
    }
    return version(name, *number);
}

Result<QList<ModelVersion>> SqlBackend::latestVersions(const QString &name,
                                                       const QStringList &stages)
{
    if (auto check = Validation::checkModelName(name); !check)
        return check.error();
    QStringList wanted;
    for (const QString &stage : stages) {
        auto canonical = Validation::canonicalStage(stage);
        if (!canonical)
            return canonical.error();
        wanted.append(*canonical);
    }
    auto exists = modelExists(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return modelNotFound(name);
    auto latest = computeLatestVersions(name);
    if (!latest)
        return latest.error();
    QList<ModelVersion> result; // completeVersion() adds each one's tags and aliases
    for (const ModelVersion &version : std::as_const(*latest)) {
        if (!wanted.isEmpty() && !wanted.contains(version.currentStage))
            continue;
        auto complete = completeVersion(version, true);
        if (!complete)
            return complete.error();
        result.append(*complete);
    }
    return result;
}

Result<QString> SqlBackend::downloadUri(const QString &name, qint64 number)
{
    auto row = versionRow(name, number);
    if (!row)
        return row.error();
    if (!row->has_value())
        return versionNotFound(name, number);
    if (!m_layout.storageLocation)
        return (*row)->source;
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
                      "SELECT storage_location FROM model_versions WHERE %1name = ? AND version = ?")
                      .arg(scope(QStringLiteral("model_versions"))));
    query.addBindValue(name);
    query.addBindValue(number);
    if (!query.exec() || !query.next())
        return sqlFailure(SqlText::tr("Could not read the storage location."), query.lastError());
    const QString location = query.value(0).toString();
    return location.isEmpty() ? (*row)->source : location;
}

Result<Run> SqlBackend::run(const QString &runId)
{
    const auto notFound = [&runId] {
        return RegistryError(ErrorCode::ResourceDoesNotExist,
                             SqlText::tr("Run with id=%1 not found").arg(runId));
    };
    if (!m_layout.tracking)
        return notFound();
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // In the workspace layout a run belongs to its experiment's workspace.
    const QString experimentScope = scope(QStringLiteral("experiments"));
    query.prepare(QStringLiteral(
                      "SELECT run_uuid, experiment_id, name, user_id, status, start_time, "
                      "end_time, artifact_uri, lifecycle_stage FROM runs WHERE run_uuid = ?%1")
                      .arg(experimentScope.isEmpty()
                               ? QString()
                               : QStringLiteral(" AND experiment_id IN (SELECT experiment_id "
                                                "FROM experiments WHERE %1 1)")
                                     .arg(experimentScope)));
    query.addBindValue(runId);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read run %1.").arg(runId), query.lastError());
    if (!query.next())
        return notFound();
    Run run;
    run.info.runId = query.value(0).toString();
    run.info.experimentId = query.value(1).toString();
    run.info.runName = query.value(2).toString();
    run.info.userId = query.value(3).toString();
    run.info.status = query.value(4).toString();
    run.info.startTime = query.value(5).toLongLong();
    if (!query.value(6).isNull())
        run.info.endTime = query.value(6).toLongLong();
    run.info.artifactUri = query.value(7).toString();
    run.info.lifecycleStage = query.value(8).toString();

    query.prepare(QStringLiteral("SELECT key, value, timestamp, step, is_nan FROM latest_metrics "
                                 "WHERE run_uuid = ? ORDER BY rowid"));
    query.addBindValue(runId);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read the metrics of run %1.").arg(runId),
                          query.lastError());
    while (query.next()) {
        const bool isNan = query.value(4).toInt() != 0;
        run.metrics.append({query.value(0).toString(),
                            isNan ? std::numeric_limits<double>::quiet_NaN()
                                  : query.value(1).toDouble(),
                            query.value(2).toLongLong(), query.value(3).toLongLong()});
    }
    const auto readPairs = [&](const QString &sql, QList<Tag> *into) -> Result<Done> {
        query.prepare(sql);
        query.addBindValue(runId);
        if (!query.exec())
            return sqlFailure(SqlText::tr("Could not read run %1.").arg(runId), query.lastError());
        while (query.next())
            into->append({query.value(0).toString(), query.value(1).toString()});
        return Done{};
    };
    if (auto ok = readPairs(QStringLiteral(
            "SELECT key, value FROM params WHERE run_uuid = ? ORDER BY rowid"), &run.params); !ok)
        return ok.error();
    if (auto ok = readPairs(QStringLiteral(
            "SELECT key, value FROM tags WHERE run_uuid = ? ORDER BY rowid"), &run.tags); !ok)
        return ok.error();

    if (m_layout.datasets) {
        query.prepare(QStringLiteral(
            "SELECT i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, "
            "d.dataset_schema, d.dataset_profile FROM inputs i JOIN datasets d "
            "ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' "
            "AND i.destination_type = 'RUN' AND i.destination_id = ? ORDER BY i.rowid"));
        query.addBindValue(runId);
        if (!query.exec())
            return sqlFailure(SqlText::tr("Could not read the datasets of run %1.").arg(runId),
                              query.lastError());
        QStringList inputIds;
        while (query.next()) {
            inputIds.append(query.value(0).toString());
            DatasetInput input;
            input.dataset.name = query.value(1).toString();
            input.dataset.digest = query.value(2).toString();
            input.dataset.sourceType = query.value(3).toString();
            input.dataset.source = query.value(4).toString();
            input.dataset.schema = query.value(5).toString();
            input.dataset.profile = query.value(6).toString();
            run.datasetInputs.append(input);
        }
        for (int i = 0; i < inputIds.size(); ++i) {
            query.prepare(QStringLiteral(
                "SELECT name, value FROM input_tags WHERE input_uuid = ? ORDER BY name"));
            query.addBindValue(inputIds.at(i));
            if (!query.exec())
                return sqlFailure(SqlText::tr("Could not read dataset tags."), query.lastError());
            while (query.next())
                run.datasetInputs[i].tags.append(
                    {query.value(0).toString(), query.value(1).toString()});
        }
    }
    return run;
}

Result<QList<Metric>> SqlBackend::metricHistory(const QString &runId, const QString &key)
{
    QList<Metric> points;
    auto done = metricHistory(runId, key, [&points](QList<Metric> part) {
        points += std::move(part);
        return true;
    });
    if (!done)
        return done.error();
    return points;
}

Result<QList<Metric>> SqlBackend::metricHistory(const QString &runId, const QString &key,
                                                const PartSink<Metric> &sink)
{
    auto exists = run(runId);
    if (!exists)
        return exists.error();
    // Read through SQLite directly: a million points through QSqlQuery cost a QVariant per cell.
    SqliteStatement query(database(),
                          QStringLiteral("SELECT key, value, timestamp, step, is_nan FROM metrics "
                                         "WHERE run_uuid = ? AND key = ? "
                                         "ORDER BY timestamp, step, value"));
    QList<Metric> part;
    const auto cancelled = [] {
        return RegistryError(ErrorCode::Cancelled, SqlText::tr("The request was cancelled."));
    };
    if (query.bind({runId, key})) {
        while (query.next()) {
            const bool isNan = query.integer(4) != 0;
            part.append({query.repeatedText(0),
                         isNan ? std::numeric_limits<double>::quiet_NaN() : query.real(1),
                         query.integer(2), query.integer(3)});
            if (part.size() == 10 * PartSize && !sink(std::exchange(part, {})))
                return cancelled();
        }
    }
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not read metric %1.").arg(key), statementError(query));
    if (!part.isEmpty() && !sink(std::move(part)))
        return cancelled();
    return QList<Metric>();
}

} // namespace ModelDesk
