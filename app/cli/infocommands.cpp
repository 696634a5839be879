// info: what a registry is (kind, location, schema, access, counts, a snapshot's origin);
// snapshot: a snapshot of the registry into a new file.
#include "app/cli/cli.h"
#include "registry/snapshot/snapshot.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace Cli {

namespace {

QString kindOf(const Registry &registry)
{
    const Capabilities caps = registry.capabilities();
    if (caps.snapshot)
        return QStringLiteral("snapshot");
    // Only SQL stores have a table layout.
    return caps.layout.isEmpty() ? QStringLiteral("server") : QStringLiteral("local");
}

// Models and versions as the registry's searches list them (prompts apart).
Result<QList<std::pair<QString, qint64>>> countRegistry(Registry &registry)
{
    qint64 models = 0;
    qint64 versions = 0;
    SearchRequest request;
    request.maxResults = 1000;
    do {
        auto page = await(registry.searchModels(request));
        if (!page)
            return page.error();
        models += page->items.size();
        request.pageToken = page->nextPageToken;
    } while (!request.pageToken.isEmpty());
    request = SearchRequest();
    request.maxResults = 10000;
    do {
        auto page = await(registry.searchVersions(request));
        if (!page)
            return page.error();
        versions += page->items.size();
        request.pageToken = page->nextPageToken;
    } while (!request.pageToken.isEmpty());
    return QList<std::pair<QString, qint64>> {{QStringLiteral("models"), models},
                                              {QStringLiteral("versions"), versions}};
}

MlflowJson::Value::Object countsJson(const QList<std::pair<QString, qint64>> &counts)
{
    MlflowJson::Value::Object object;
    for (const auto &[key, value] : counts)
        object.append({key, value});
    return object;
}

QString countsText(const QList<std::pair<QString, qint64>> &counts)
{
    QStringList parts;
    for (const auto &[key, value] : counts)
        parts << QStringLiteral("%1 %2").arg(value).arg(QString(key).replace(u'_', u' '));
    return parts.join(QStringLiteral(", "));
}

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / 1e6, 0, 'f', 1);
}

} // namespace

int commandInfo(Registry &registry, const Options &options)
{
    const Capabilities caps = registry.capabilities();
    QList<std::pair<QString, qint64>> counts;
    if (caps.snapshot) {
        counts = caps.snapshot->counts;
    } else {
        auto counted = countRegistry(registry);
        if (!counted)
            return registryError(counted.error());
        counts = *counted;
    }
    if (options.isSet(QStringLiteral("json"))) {
        MlflowJson::Value::Object object {{QStringLiteral("kind"), kindOf(registry)},
                                          {QStringLiteral("location"), registry.location()},
                                          {QStringLiteral("backend"), caps.backendName}};
        if (!caps.schemaRevision.isEmpty())
            object.append({QStringLiteral("schema_revision"), caps.schemaRevision});
        if (!caps.layout.isEmpty())
            object.append({QStringLiteral("layout"), caps.layout});
        if (!caps.knownLayout.isEmpty())
            object.append({QStringLiteral("layout_matches"), caps.knownLayout});
        if (!caps.serverVersion.isEmpty())
            object.append({QStringLiteral("server_version"), caps.serverVersion});
        object.append({QStringLiteral("workspace"), caps.workspace});
        MlflowJson::Value::Array workspaces;
        for (const QString &name : caps.workspaces)
            workspaces.append(name);
        object.append({QStringLiteral("workspaces"), workspaces});
        object.append({QStringLiteral("read_only"), caps.readOnly});
        if (caps.readOnly)
            object.append({QStringLiteral("read_only_reason"), caps.readOnlyReason});
        object.append({QStringLiteral("counts"), countsJson(counts)});
        if (const auto &snapshot = caps.snapshot) {
            object.append({QStringLiteral("snapshot"),
                           MlflowJson::Value::Object {
                               {QStringLiteral("source"), snapshot->source},
                               {QStringLiteral("taken"), snapshot->taken},
                               {QStringLiteral("taken_by"), snapshot->takenBy},
                               {QStringLiteral("modeldesk_version"), snapshot->modeldeskVersion},
                               {QStringLiteral("counts"), countsJson(snapshot->counts)},
                           }});
        }
        return printJson(object);
    }
    QList<QStringList> rows {{tr("registry"), registry.location()},
                             {tr("kind"), kindOf(registry)},
                             {tr("backend"), caps.backendName}};
    if (const auto &snapshot = caps.snapshot) {
        rows.append({tr("snapshot of"), snapshot->source});
        rows.append(
            {tr("taken"),
             tr("%1 by %2 (ModelDesk %3)")
                 .arg(timeText(snapshot->taken), snapshot->takenBy, snapshot->modeldeskVersion)});
    }
    if (!caps.schemaRevision.isEmpty())
        rows.append({tr("schema revision"), caps.schemaRevision});
    if (!caps.layout.isEmpty()) {
        rows.append({tr("layout"),
                     caps.knownLayout.isEmpty()
                         ? caps.layout
                         : tr("%1 (as in %2)").arg(caps.layout, caps.knownLayout)});
    }
    if (!caps.serverVersion.isEmpty())
        rows.append({tr("server version"), caps.serverVersion});
    rows.append({tr("workspace"), caps.workspace});
    if (caps.workspaces.size() > 1)
        rows.append({tr("workspaces"), caps.workspaces.join(QStringLiteral(", "))});
    if (caps.modelsOutsideDefault) {
        rows.append({tr("note"),
                     tr("this store has registered models outside workspace "
                        "'default': an MLflow server must run with workspaces "
                        "enabled to serve it")});
    }
    rows.append(
        {tr("access"),
         caps.readOnly ? tr("read-only: %1").arg(caps.readOnlyReason) : tr("read and write")});
    rows.append({tr("contents"), countsText(counts)});
    printTable({tr("FIELD"), tr("VALUE")}, rows);
    return 0;
}

int commandSnapshot(Registry &registry, const Options &options)
{
    SnapshotOptions snapshot;
    snapshot.artifacts = options.isSet(QStringLiteral("artifacts"));
    if (options.isSet(QStringLiteral("max-artifact-size"))) {
        bool ok = false;
        const double megabytes = options.value(QStringLiteral("max-artifact-size")).toDouble(&ok);
        if (!ok || megabytes <= 0)
            return usageError(tr("--max-artifact-size takes a positive number of megabytes."));
        snapshot.maxArtifactBytes = qint64(megabytes * 1024 * 1024);
    }
    const QString path = options.args.at(1);
    QElapsedTimer timer;
    timer.start();
    QElapsedTimer sinceLine;
    sinceLine.start();
    bool printed = false;
    const auto result
        = takeSnapshot(&registry, path, snapshot, [&](const SnapshotProgress &progress) {
              if (printed && sinceLine.elapsed() < 500)
                  return;
              sinceLine.restart();
              printed = true;
              err() << tr("[%1/%2] %3: %4 items, %5\r")
                           .arg(progress.stepIndex)
                           .arg(progress.steps)
                           .arg(progress.step)
                           .arg(progress.items)
                           .arg(megabytes(progress.bytes));
              err().flush();
          });
    if (printed) {
        err() << Qt::endl;
    }
    if (!result)
        return registryError(result.error());
    out() << tr("Took a snapshot of %1 into %2 in %3 s: %4.")
                 .arg(result->source, path)
                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                 .arg(countsText(result->counts))
          << Qt::endl;
    return 0;
}

} // namespace Cli
