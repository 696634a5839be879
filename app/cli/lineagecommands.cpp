// lineage NAME VERSION [--depth N] [--json | --dot]: where a version came from and what else
// came out of the same runs and datasets.
#include "app/cli/cli.h"
#include "registry/lineage/lineagebuilder.h"
#include "registry/lineage/lineageexport.h"

#include <QFile>

namespace Cli {

namespace {

// Expansion rounds beyond which a graph only grows, never tells more.
constexpr int MaxDepth = 10;

int writeOut(const QByteArray &bytes)
{
    out().flush();
    QFile &device = stdoutDevice();
    if (device.write(bytes) != bytes.size() || !device.flush())
        return outputError(device.errorString());
    return 0;
}

} // namespace

int commandLineage(Registry &registry, const Options &options)
{
    const QString name = options.args.at(1);
    const auto version = versionArgument(options.args.at(2));
    if (!version)
        return registryError(version.error());
    const bool json = options.isSet(QStringLiteral("json"));
    const bool dot = options.isSet(QStringLiteral("dot"));
    if (json && dot)
        return usageError(tr("--json and --dot cannot be used together."));
    int depth = 0;
    if (options.isSet(QStringLiteral("depth"))) {
        bool ok = false;
        depth = options.value(QStringLiteral("depth")).toInt(&ok);
        if (!ok || depth < 0 || depth > MaxDepth)
            return usageError(tr("--depth takes a number from 0 to %1.").arg(MaxDepth));
    }
    const auto graph = await(LineageBuilder::build(&registry, name, *version, depth));
    if (!graph)
        return registryError(graph.error());
    if (json)
        return writeOut(LineageExport::toJson(*graph) + '\n');
    if (dot)
        return writeOut(LineageExport::toDot(*graph));
    return writeOut(LineageExport::toText(*graph).toUtf8());
}

} // namespace Cli
