// The reads that complete a page: each model's latest version per stage and each version's
// tags, for a whole batch of models or versions in one statement. Where the store has
// ModelDesk's indexes (stores ModelDesk creates), both are index seeks per item; elsewhere
// they fall back to statements MLflow's own keys can answer.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace ModelDesk {

namespace {

constexpr int VersionBatch = 400; // (name, version) pairs per statement: 800 parameters
// A model's versions read as one index range when there are at least this many and they fill
// at least half of the range between the lowest and the highest.
constexpr qsizetype DenseRange = 64;
// Up to this many models, their latest versions are found by index seeks (see below).
constexpr qsizetype SeekNames = 4;

// An index name read from the store, as an SQL identifier.
QString identifier(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

// One row per (model, stage): the stage's lowest version (MLflow orders stages by it) and its
// highest (the latest version of that stage), skipping soft-deleted versions and versions
// without a stage as MLflow's own loop does.
QString stageRangesByIndex(qsizetype names, const QString &index, const QString &scope)
{
    // Walks the (name, current_stage, version) index: the next stage of a model is the
    // smallest stage above the current one, so a model costs a few seeks per stage however
    // many versions it has.
    return QStringLiteral(
               "WITH RECURSIVE names(name) AS (VALUES %1), "
               "stages(name, stage) AS ("
               " SELECT name, (SELECT min(current_stage) FROM model_versions v INDEXED BY %2"
               "  WHERE %3v.name = names.name) FROM names"
               " UNION ALL"
               " SELECT name, (SELECT min(current_stage) FROM model_versions v INDEXED BY %2"
               "  WHERE %3v.name = stages.name AND v.current_stage > stages.stage)"
               " FROM stages WHERE stage IS NOT NULL) "
               "SELECT name,"
               " (SELECT min(version) FROM model_versions v INDEXED BY %2"
               "  WHERE %3v.name = stages.name AND v.current_stage = stages.stage) AS earliest,"
               " (SELECT max(version) FROM model_versions v INDEXED BY %2"
               "  WHERE %3v.name = stages.name AND v.current_stage = stages.stage) AS latest"
               " FROM stages WHERE stage IS NOT NULL AND stage != 'Deleted_Internal'")
        .arg(QStringList(names, QStringLiteral("(?)")).join(QStringLiteral(", ")),
             identifier(index), scope);
}

QString stageRangesByScan(qsizetype names, const QString &scope)
{
    return QStringLiteral("SELECT name, min(version) AS earliest, max(version) AS latest "
                          "FROM model_versions WHERE %2name IN (%1) AND current_stage != "
                          "'Deleted_Internal' GROUP BY name, current_stage")
        .arg(placeholders(names), scope);
}

} // namespace

Result<QList<ModelVersion>> SqlBackend::latestVersionRows(const QStringList &names,
                                                          StageOrder order)
{
    QList<ModelVersion> latest;
    if (names.isEmpty())
        return latest;
    // Seeks win for one model however many versions it has (get, latest versions); for a
    // page of models, one pass over their versions in the index costs less than a dozen
    // seeks per model, even with a 200,000-version model among them.
    const bool seek = !m_layout.versionStageIndex.isEmpty() && names.size() <= SeekNames;
    const QString table = QStringLiteral("model_versions");
    const QString ranges = seek ? stageRangesByIndex(names.size(), m_layout.versionStageIndex,
                                                     scope(table, QStringLiteral("v")))
                                : stageRangesByScan(names.size(), scope(table));
    SqliteStatement query(database(),
                          QStringLiteral("SELECT %1 FROM (%2) l JOIN model_versions mv ON "
                                         "%3mv.name = l.name AND mv.version = l.latest "
                                         "ORDER BY l.name, %4")
                              .arg(versionColumns(), ranges, scope(table, QStringLiteral("mv")),
                                   order == StageOrder::ByStageName
                                       ? QStringLiteral("mv.current_stage")
                                       : QStringLiteral("l.earliest")));
    QVariantList values;
    values.reserve(names.size());
    for (const QString &name : names)
        values.append(name);
    if (query.bind(values)) {
        while (query.next())
            latest.append(versionFromStatement(query));
    }
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not read the latest versions."),
                          statementError(query));
    return latest;
}

Result<QList<ModelVersion>> SqlBackend::computeLatestVersions(const QString &name)
{
    // MLflow lists, for each stage met while scanning the versions in ascending order, the
    // highest version of that stage; so stages are ordered by their lowest version.
    return latestVersionRows({name});
}

Result<Done> SqlBackend::attachVersionTags(QList<ModelVersion> &versions)
{
    if (!m_layout.versionTags || versions.isEmpty())
        return Done {};
    QHash<QString, QHash<qint64, int>> rowByVersion;
    for (int row = 0; row < versions.size(); ++row) {
        const ModelVersion &version = versions.at(row);
        rowByVersion[version.name].insert(version.version, row);
    }
    const auto collect = [&](SqliteStatement &query, const QVariantList &values) {
        if (query.bind(values)) {
            while (query.next()) {
                const auto byVersion = rowByVersion.constFind(query.repeatedText(0));
                if (byVersion == rowByVersion.cend())
                    continue;
                const auto row = byVersion->constFind(query.integer(1));
                if (row != byVersion->cend())
                    versions[*row].tags.append({query.repeatedText(2), query.text(3)});
            }
        }
        return !query.failed();
    };
    const QString tagTable = QStringLiteral("model_version_tags");
    const auto failure = [this](const SqliteStatement &query) {
        return sqlFailure(SqlText::tr("Could not read version tags."), statementError(query));
    };

    if (!m_layout.versionTagsIndex.isEmpty()) {
        // Index seeks: a model's run of consecutive versions (a page of a search) is read as
        // one range in index order, scattered versions (the latest of each stage) one by one,
        // so a few latest versions of a 200,000-version model read only their own tags.
        const QString index = identifier(m_layout.versionTagsIndex);
        QVariantList pairs;
        const auto flushPairs = [&]() -> Result<Done> {
            SqliteStatement query(
                database(),
                QStringLiteral("SELECT t.name, t.version, t.key, t.value FROM (VALUES %1) v "
                               "CROSS JOIN model_version_tags t INDEXED BY %2 ON %3t.name = "
                               "v.column1 AND t.version = v.column2 ORDER BY t.rowid")
                    .arg(QStringList(pairs.size() / 2, QStringLiteral("(?, ?)"))
                             .join(QStringLiteral(", ")),
                         index, scope(tagTable, QStringLiteral("t"))));
            if (!collect(query, pairs))
                return failure(query);
            pairs.clear();
            return Done {};
        };
        for (auto model = rowByVersion.cbegin(); model != rowByVersion.cend(); ++model) {
            const auto [low, high] = std::minmax_element(model->keyBegin(), model->keyEnd());
            const qsizetype count = model->size();
            if (count >= DenseRange && 2 * count >= *high - *low + 1) {
                SqliteStatement query(database(),
                                      QStringLiteral("SELECT name, version, key, value FROM "
                                                     "model_version_tags INDEXED BY %1 WHERE "
                                                     "%2name = ? AND version BETWEEN ? AND ? "
                                                     "ORDER BY version, rowid")
                                          .arg(index, scope(tagTable)));
                if (!collect(query, {model.key(), *low, *high}))
                    return failure(query);
                continue;
            }
            for (auto version = model->keyBegin(); version != model->keyEnd(); ++version) {
                pairs << model.key() << *version;
                if (pairs.size() == 2 * VersionBatch) {
                    if (auto done = flushPairs(); !done)
                        return done.error();
                }
            }
        }
        if (!pairs.isEmpty())
            return flushPairs();
        return Done {};
    }

    // MLflow keys this table by (key, name, version), so without ModelDesk's index any lookup
    // by version scans the table: one scan per batch of models rather than one per version.
    qint64 low = std::numeric_limits<qint64>::max();
    qint64 high = std::numeric_limits<qint64>::min();
    for (const ModelVersion &version : std::as_const(versions)) {
        low = std::min(low, version.version);
        high = std::max(high, version.version);
    }
    const QStringList names = rowByVersion.keys();
    for (int first = 0; first < names.size(); first += NameBatch) {
        const QStringList batch = names.mid(first, NameBatch);
        SqliteStatement query(database(),
                              QStringLiteral("SELECT name, version, key, value FROM "
                                             "model_version_tags WHERE %2name IN (%1) AND "
                                             "version BETWEEN ? AND ? ORDER BY rowid")
                                  .arg(placeholders(batch.size()), scope(tagTable)));
        QVariantList values;
        for (const QString &name : batch)
            values.append(name);
        values << low << high;
        if (!collect(query, values))
            return failure(query);
    }
    return Done {};
}

} // namespace ModelDesk
