// Commands that read what sits around versions: latest versions per stage, download URIs,
// runs, metric histories and run artifacts.
#include "app/cli/cli.h"

#include <QFileInfo>

#include <cmath>

namespace Cli {

namespace {

int commandLatest(Registry &registry, const Options &options)
{
    const QString name = options.args.at(1);
    const auto versions
        = await(registry.latestVersions(name, options.parser.values(QStringLiteral("stage"))));
    if (!versions)
        return registryError(versions.error());
    if (options.isSet(QStringLiteral("json"))) {
        return printJson(MlflowJson::modelVersionsResponse(*versions));
    }
    QList<QStringList> rows;
    for (const ModelVersion &version : *versions) {
        rows.append({QString::number(version.version), version.currentStage,
                     timeText(version.lastUpdatedTimestamp), version.aliases.join(u','),
                     version.source});
    }
    printTable({tr("VERSION"), tr("STAGE"), tr("UPDATED"), tr("ALIASES"), tr("SOURCE")}, rows);
    return 0;
}

int commandDownloadUri(Registry &registry, const Options &options)
{
    const auto number = versionArgument(options.args.at(2));
    if (!number)
        return registryError(number.error());
    const auto uri = await(registry.downloadUri(options.args.at(1), *number));
    if (!uri)
        return registryError(uri.error());
    if (options.isSet(QStringLiteral("json")))
        return printJson({{QStringLiteral("artifact_uri"), *uri}});
    else
        out() << *uri << Qt::endl;
    return 0;
}

int commandRunInfo(Registry &registry, const Options &options)
{
    const auto run = await(registry.run(options.args.at(1)));
    if (!run)
        return registryError(run.error());
    if (options.isSet(QStringLiteral("json"))) {
        return printJson(MlflowJson::runResponse(*run));
    }
    const RunInfo &info = run->info;
    out() << tr("Run %1 (%2)").arg(info.runId, info.runName) << Qt::endl
          << tr("  status:      %1").arg(info.status) << Qt::endl
          << tr("  experiment:  %1").arg(info.experimentId) << Qt::endl
          << tr("  started:     %1").arg(timeText(info.startTime)) << Qt::endl
          << tr("  ended:       %1").arg(info.endTime ? timeText(*info.endTime) : QString())
          << Qt::endl
          << tr("  artifacts:   %1").arg(info.artifactUri) << Qt::endl;
    if (!run->parentRunId().isEmpty())
        out() << tr("  parent run:  %1").arg(run->parentRunId()) << Qt::endl;
    if (!run->params.isEmpty()) {
        out() << Qt::endl;
        QList<QStringList> rows;
        for (const Tag &param : run->params)
            rows.append({param.key, firstLine(param.value)});
        printTable({tr("PARAM"), tr("VALUE")}, rows);
    }
    if (!run->metrics.isEmpty()) {
        out() << Qt::endl;
        QList<QStringList> rows;
        for (const Metric &metric : run->metrics)
            rows.append({metric.key, valueText(metric.value), QString::number(metric.step)});
        printTable({tr("METRIC"), tr("LATEST"), tr("STEP")}, rows);
    }
    return 0;
}

int commandMetric(Registry &registry, const Options &options)
{
    const QString runId = options.args.at(1);
    const QString key = options.args.at(2);
    if (options.isSet(QStringLiteral("json"))) {
        // A million points are written while they are read, never held whole.
        out().flush();
        MlflowJson::ListStream stream(stdoutDevice(), QStringLiteral("metrics"));
        const auto done = writeStreamed<Metric, QList<Metric>>(
            stream,
            [&](PartSink<Metric> sink) {
                return registry.streamMetricHistory(runId, key, std::move(sink));
            },
            [](const Metric &point) { return MlflowJson::metric(point); });
        if (!stream.errorString().isEmpty())
            return outputError(stream.errorString());
        if (!done)
            return registryError(done.error());
        return finishJson(stream);
    }
    const auto points = await(registry.metricHistory(runId, key));
    if (!points)
        return registryError(points.error());
    QList<QStringList> rows;
    rows.reserve(points->size());
    for (const Metric &point : *points) {
        rows.append({QString::number(point.step), timeText(point.timestamp),
                     valueText(point.value)});
    }
    printTable({tr("STEP"), tr("TIME"), tr("VALUE")}, rows);
    return 0;
}

int commandArtifacts(Registry &registry, const Options &options)
{
    const QString path = options.args.size() > 2 ? options.args.at(2) : QString();
    const auto listing = await(registry.listArtifacts(options.args.at(1), path));
    if (!listing)
        return registryError(listing.error());
    if (options.isSet(QStringLiteral("json"))) {
        return printJson(MlflowJson::artifactListResponse(*listing));
    }
    QList<QStringList> rows;
    for (const ArtifactFile &file : listing->files) {
        rows.append({file.isDir ? file.path + QLatin1Char('/') : file.path,
                     file.fileSize ? QString::number(*file.fileSize) : QString()});
    }
    out() << tr("Artifacts of run %1 at %2").arg(options.args.at(1), listing->rootUri)
          << Qt::endl;
    if (rows.isEmpty())
        out() << tr("(none)") << Qt::endl;
    else
        printTable({tr("PATH"), tr("BYTES")}, rows);
    return 0;
}

int commandDownload(Registry &registry, const Options &options)
{
    const QString destination = options.args.at(3);
    const auto done
        = await(registry.downloadArtifact(options.args.at(1), options.args.at(2), destination));
    if (!done)
        return registryError(done.error());
    out() << tr("Downloaded %1 of run %2 to %3 (%4 bytes).")
                 .arg(options.args.at(2), options.args.at(1), destination)
                 .arg(QFileInfo(destination).size())
          << Qt::endl;
    return 0;
}

} // namespace

bool isRunCommand(const QString &command)
{
    static const QStringList commands{
        QStringLiteral("latest"), QStringLiteral("download-uri"), QStringLiteral("run"),
        QStringLiteral("metric"), QStringLiteral("artifacts"),    QStringLiteral("download"),
    };
    return commands.contains(command);
}

int commandRun(const QString &command, Registry &registry, const Options &options)
{
    if (command == QLatin1String("latest"))
        return commandLatest(registry, options);
    if (command == QLatin1String("download-uri"))
        return commandDownloadUri(registry, options);
    if (command == QLatin1String("run"))
        return commandRunInfo(registry, options);
    if (command == QLatin1String("metric"))
        return commandMetric(registry, options);
    if (command == QLatin1String("artifacts"))
        return commandArtifacts(registry, options);
    return commandDownload(registry, options);
}

} // namespace Cli
