// Commands that read metrics across versions: a metric's trend over a model's versions.
#include "app/cli/cli.h"
#include "registry/filter/filter.h"
#include "registry/metrics/trend.h"
#include "registry/pagefollower.h"

#include <QLocale>

#include <cmath>

namespace Cli {

namespace {

QString numberText(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// Every live version of model `name`, from every page.
Result<QList<ModelVersion>> allVersions(Registry &registry, const QString &name)
{
    auto clause = Filter::nameEquals(name);
    if (!clause)
        return clause.error();
    SearchRequest request;
    request.filter = *clause;
    request.maxResults = 10000;
    QList<ModelVersion> versions;
    PageFollower pages(registry.location());
    for (;;) {
        auto page = await(registry.searchVersions(request));
        if (!page)
            return page.error();
        versions += page->items;
        if (page->nextPageToken.isEmpty())
            return versions;
        if (const auto endless = pages.follow(page->nextPageToken))
            return *endless;
        request.pageToken = page->nextPageToken;
    }
}

int commandTrend(Registry &registry, const Options &options)
{
    const QString name = options.args.at(1);
    const QString key = options.args.at(2);
    // The model first, so that an unknown one is MLflow's RESOURCE_DOES_NOT_EXIST.
    if (auto model = await(registry.model(name)); !model)
        return registryError(model.error());
    const auto versions = allVersions(registry, name);
    if (!versions)
        return registryError(versions.error());
    const auto summaries = await(registry.metricSummaries(trendRuns(*versions), key, false));
    if (!summaries)
        return registryError(summaries.error());
    const QList<TrendPoint> points = trendPoints(*versions, *summaries);

    if (options.isSet(QStringLiteral("json"))) {
        MlflowJson::Value::Array array;
        for (const TrendPoint &point : points) {
            if (!point.latest)
                continue;
            array.append(MlflowJson::Value::Object {
                {QStringLiteral("version"), QString::number(point.version)},
                {QStringLiteral("run_id"), point.runId},
                {QStringLiteral("value"), point.latest->value},
                {QStringLiteral("step"), point.latest->step},
                {QStringLiteral("timestamp"), point.latest->timestamp},
                {QStringLiteral("stage"), point.stage}});
        }
        return printJson({{QStringLiteral("metric"), key}, {QStringLiteral("points"), array}});
    }
    QList<QStringList> rows;
    QStringList missing;
    for (const TrendPoint &point : points) {
        if (!point.latest) {
            missing << QString::number(point.version);
            continue;
        }
        rows.append({QString::number(point.version), point.stage, numberText(point.latest->value),
                     QString::number(point.latest->step), timeText(point.latest->timestamp),
                     point.runId});
    }
    printTable({tr("VERSION"), tr("STAGE"), tr("VALUE"), tr("STEP"), tr("TIME"), tr("RUN")}, rows);
    if (!missing.isEmpty()) {
        out() << tr("no %1 (no run, or the run did not log it): version %2")
                     .arg(key, missing.join(QStringLiteral(", ")))
              << Qt::endl;
    }
    return 0;
}

} // namespace

bool isMetricCommand(const QString &command)
{
    return command == QLatin1String("trend");
}

int commandMetrics(const QString &command, Registry &registry, const Options &options)
{
    if (command == QLatin1String("trend"))
        return commandTrend(registry, options);
    return usageError(tr("unknown command '%1'.").arg(command));
}

} // namespace Cli
