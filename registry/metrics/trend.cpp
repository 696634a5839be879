#include "registry/metrics/trend.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace ModelDesk {

QString sourceRunId(const ModelVersion &version)
{
    if (version.runId && !version.runId->isEmpty())
        return *version.runId;
    static const QRegularExpression runsUri(QStringLiteral("^runs:/([0-9a-zA-Z]+)(/|$)"));
    const auto match = runsUri.match(version.source);
    return match.hasMatch() ? match.captured(1) : QString();
}

QStringList trendRuns(const QList<ModelVersion> &versions)
{
    QStringList runs;
    for (const ModelVersion &version : versions) {
        const QString runId = sourceRunId(version);
        if (!runId.isEmpty())
            runs << runId;
    }
    runs.removeDuplicates();
    return runs;
}

QList<TrendPoint> trendPoints(const QList<ModelVersion> &versions,
                              const QList<MetricSummary> &summaries)
{
    QHash<QString, MetricSummary> byRun;
    for (const MetricSummary &summary : summaries)
        byRun.insert(summary.runId, summary);
    QList<TrendPoint> points;
    points.reserve(versions.size());
    for (const ModelVersion &version : versions) {
        TrendPoint point;
        point.version = version.version;
        point.stage = version.currentStage;
        point.runId = sourceRunId(version);
        if (const auto found = byRun.constFind(point.runId); found != byRun.constEnd()) {
            point.runFound = found->runFound;
            point.latest = found->latest;
            point.minimum = found->minimum;
            point.maximum = found->maximum;
        }
        points.append(point);
    }
    std::sort(points.begin(), points.end(),
              [](const TrendPoint &a, const TrendPoint &b) { return a.version < b.version; });
    return points;
}

} // namespace ModelDesk
