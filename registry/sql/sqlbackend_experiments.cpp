// SqlBackend: the store's experiments, which group its runs (experiments/search).
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"

namespace ModelDesk {

Result<QList<Experiment>> SqlBackend::experiments()
{
    QList<Experiment> found;
    if (!m_layout.tracking)
        return found;
    const QString where = scope(QStringLiteral("experiments"));
    QHash<QString, qsizetype> byId;
    {
        SqliteStatement query(
            database(),
            QStringLiteral("SELECT experiment_id, name, artifact_location, "
                           "lifecycle_stage, creation_time, last_update_time "
                           "FROM experiments%1 ORDER BY experiment_id")
                .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE %1 1").arg(where)));
        query.bind({});
        while (query.next()) {
            Experiment experiment;
            experiment.experimentId = QString::number(query.integer(0));
            experiment.name = query.text(1);
            experiment.artifactLocation = query.text(2);
            experiment.lifecycleStage = query.text(3);
            experiment.creationTime = query.integer(4);
            experiment.lastUpdateTime = query.integer(5);
            byId.insert(experiment.experimentId, found.size());
            found.append(experiment);
        }
        if (query.failed())
            return sqlFailure(SqlText::tr("Could not read the experiments."),
                              statementError(query));
    }
    SqliteStatement tags(database(),
                         QStringLiteral("SELECT experiment_id, key, value FROM "
                                        "experiment_tags ORDER BY rowid"));
    tags.bind({});
    while (tags.next()) {
        const auto at = byId.constFind(QString::number(tags.integer(0)));
        if (at != byId.cend())
            found[*at].tags.append({tags.text(1), tags.text(2)});
    }
    if (tags.failed())
        return sqlFailure(SqlText::tr("Could not read the tags of the experiments."),
                          statementError(tags));
    return found;
}

} // namespace ModelDesk
