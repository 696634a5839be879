// SqlBackend: metric summaries across runs (a model's trend), a few queries for any number
// of runs rather than one read per run.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"

#include <QSqlError>

#include <limits>

namespace ModelDesk {

namespace {

// Run ids per statement: well under SQLite's limit of bound parameters.
constexpr qsizetype Batch = 500;

QString placeholdersFor(qsizetype count)
{
    QString text;
    text.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        text += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return text;
}

} // namespace

Result<QList<MetricSummary>>
SqlBackend::metricSummaries(const QStringList &runIds, const QString &key, bool withRange)
{
    QStringList distinct = runIds;
    distinct.removeDuplicates();
    QHash<QString, MetricSummary> found;
    for (const QString &runId : std::as_const(distinct))
        found.insert(runId, MetricSummary {runId, false, {}, {}, {}});
    const QString experimentScope = scope(QStringLiteral("experiments"));
    const QString runScope = experimentScope.isEmpty()
        ? QString()
        : QStringLiteral(" AND experiment_id IN (SELECT experiment_id "
                         "FROM experiments WHERE %1 1)")
              .arg(experimentScope);
    const auto failed = [this, &key](const SqliteStatement &query) {
        return sqlFailure(SqlText::tr("Could not read metric %1 of the runs.").arg(key),
                          statementError(query));
    };
    for (qsizetype start = 0; m_layout.tracking && start < distinct.size(); start += Batch) {
        const QStringList batch = distinct.mid(start, Batch);
        QVariantList ids(batch.cbegin(), batch.cend());
        const QString in = placeholdersFor(batch.size());
        {
            SqliteStatement query(database(),
                                  QStringLiteral("SELECT run_uuid FROM runs WHERE run_uuid IN "
                                                 "(%1)%2")
                                      .arg(in, runScope));
            if (query.bind(ids)) {
                while (query.next())
                    found[query.text(0)].runFound = true;
            }
            if (query.failed())
                return failed(query);
        }
        QVariantList keyed = ids;
        keyed.prepend(key);
        {
            SqliteStatement query(database(),
                                  QStringLiteral("SELECT run_uuid, value, timestamp, step, is_nan "
                                                 "FROM latest_metrics WHERE key = ? AND "
                                                 "run_uuid IN (%1)")
                                      .arg(in));
            if (query.bind(keyed)) {
                while (query.next()) {
                    MetricSummary &summary = found[query.text(0)];
                    if (!summary.runFound)
                        continue;
                    summary.latest
                        = Metric {key,
                                  query.integer(4) != 0 ? std::numeric_limits<double>::quiet_NaN()
                                                        : query.real(1),
                                  query.integer(2), query.integer(3)};
                }
            }
            if (query.failed())
                return failed(query);
        }
        if (!withRange)
            continue;
        // Finite values only: MLflow keeps infinities as ±DBL_MAX, NaN as is_nan.
        SqliteStatement query(database(),
                              QStringLiteral("SELECT run_uuid, min(value), max(value) FROM metrics "
                                             "WHERE key = ? AND is_nan = 0 AND value < ? AND "
                                             "value > ? AND run_uuid IN (%1) GROUP BY run_uuid")
                                  .arg(in));
        QVariantList bounded = ids;
        bounded.prepend(-std::numeric_limits<double>::max());
        bounded.prepend(std::numeric_limits<double>::max());
        bounded.prepend(key);
        if (query.bind(bounded)) {
            while (query.next()) {
                MetricSummary &summary = found[query.text(0)];
                if (!summary.runFound)
                    continue;
                summary.minimum = query.real(1);
                summary.maximum = query.real(2);
            }
        }
        if (query.failed())
            return failed(query);
    }
    QList<MetricSummary> out;
    out.reserve(runIds.size());
    for (const QString &runId : runIds)
        out.append(found.value(runId));
    return out;
}

} // namespace ModelDesk
