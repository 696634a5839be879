// Commands that read metrics across versions: a metric's trend over a model's versions, and
// versions compared side by side.
#include "app/cli/cli.h"
#include "registry/compare/versioncomparison.h"
#include "registry/filter/filter.h"
#include "registry/metrics/trend.h"
#include "registry/pagefollower.h"

#include <cmath>

namespace Cli {

namespace {

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
        rows.append({QString::number(point.version), point.stage, valueText(point.latest->value),
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

MlflowJson::Value comparisonValue(const std::optional<ComparisonRow::Value> &value)
{
    if (!value)
        return {};
    if (const QString *text = std::get_if<QString>(&*value))
        return *text;
    if (const double *number = std::get_if<double>(&*value))
        return *number;
    return std::get<qint64>(*value);
}

QString comparisonText(const ComparisonRow &row, const std::optional<ComparisonRow::Value> &value)
{
    if (!value)
        return QStringLiteral("—");
    if (const QString *text = std::get_if<QString>(&*value))
        return firstLine(*text, 40);
    if (const double *number = std::get_if<double>(&*value))
        return valueText(*number);
    const qint64 ms = std::get<qint64>(*value);
    return row.section == ComparisonRow::Section::Field ? timeText(ms) : QString::number(ms);
}

int commandCompare(Registry &registry, const Options &options)
{
    const QString name = options.args.at(1);
    QList<qint64> numbers;
    for (const QString &argument : options.args.mid(2)) {
        const auto number = versionArgument(argument);
        if (!number)
            return registryError(number.error());
        numbers << *number;
    }
    // Every read is asked for before any is awaited: versions, then their runs.
    QList<QFuture<Result<ModelVersion>>> versionCalls;
    for (const qint64 number : std::as_const(numbers))
        versionCalls << registry.version(name, number);
    QList<ComparedVersion> compared;
    for (QFuture<Result<ModelVersion>> &call : versionCalls) {
        auto version = await(call);
        if (!version)
            return registryError(version.error());
        compared.append({*version, std::nullopt, std::nullopt});
    }
    QList<QFuture<Result<Run>>> runCalls;
    for (const ComparedVersion &entry : std::as_const(compared)) {
        const QString runId = sourceRunId(entry.version);
        runCalls << (runId.isEmpty() ? QFuture<Result<Run>>() : registry.run(runId));
    }
    for (qsizetype i = 0; i < compared.size(); ++i) {
        if (!runCalls[i].isValid())
            continue;
        auto run = await(runCalls[i]);
        if (run)
            compared[i].run = *run;
        else if (run.error().code() != ErrorCode::ResourceDoesNotExist)
            return registryError(run.error());
    }
    const VersionComparison comparison = compareVersions(compared);

    if (options.isSet(QStringLiteral("json"))) {
        MlflowJson::Value::Array versions;
        for (const qint64 number : comparison.versions)
            versions.append(QString::number(number));
        MlflowJson::Value::Array rows;
        for (const ComparisonRow &row : comparison.rows) {
            MlflowJson::Value::Array values;
            for (const auto &value : row.values)
                values.append(comparisonValue(value));
            rows.append(
                MlflowJson::Value::Object {{QStringLiteral("section"), sectionName(row.section)},
                                           {QStringLiteral("key"), row.key},
                                           {QStringLiteral("values"), values},
                                           {QStringLiteral("differs"), row.differs}});
        }
        return printJson({{QStringLiteral("versions"), versions}, {QStringLiteral("rows"), rows}});
    }
    QStringList header {tr("SECTION"), tr("KEY")};
    for (const qint64 number : comparison.versions)
        header << tr("VERSION %1").arg(number);
    header << tr("DIFFERS");
    QList<QStringList> rows;
    for (const ComparisonRow &row : comparison.rows) {
        QStringList cells {sectionName(row.section), row.key};
        for (const auto &value : row.values)
            cells << comparisonText(row, value);
        cells << (row.differs ? QStringLiteral("*") : QString());
        rows.append(cells);
    }
    printTable(header, rows);
    return 0;
}

} // namespace

bool isMetricCommand(const QString &command)
{
    return command == QLatin1String("trend") || command == QLatin1String("compare");
}

int commandMetrics(const QString &command, Registry &registry, const Options &options)
{
    if (command == QLatin1String("trend"))
        return commandTrend(registry, options);
    if (command == QLatin1String("compare"))
        return commandCompare(registry, options);
    return usageError(tr("unknown command '%1'.").arg(command));
}

} // namespace Cli
