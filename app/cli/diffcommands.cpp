// diff A B [--json]: what changed from registry A to registry B (local files, snapshots,
// servers, in any pairing). Both are opened read-only and read at the same time.
#include "app/cli/cli.h"
#include "registry/diff/diffexport.h"
#include "registry/diff/registrydiff.h"
#include "registry/registryopener.h"

#include <QMap>

#include <memory>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Cli {

namespace {

// main() keeps the process to one malloc arena, so that a streamed listing stays small; the
// two registries here are read at once, each on its worker thread, and with one arena their
// allocations would wait on each other (a 300,000-version diff took half as long again).
void allowParallelAllocation()
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 3);
#endif
}

Result<std::unique_ptr<Registry>> openReadOnly(const QString &uri, const QString &workspace)
{
    auto registry = createRegistry(uri, SqlBackend::OpenMode::ReadOnly, workspace);
    if (!registry)
        return registry.error();
    if (auto opened = await((*registry)->open()); !opened)
        return opened.error();
    return registry;
}

QString shown(const std::optional<QString> &value)
{
    return value ? firstLine(*value, 40) : tr("(none)");
}

int printChangesText(const QList<RegistryChange> &changes)
{
    if (changes.isEmpty()) {
        out() << tr("No differences.") << Qt::endl;
        return 0;
    }
    QList<QStringList> rows;
    rows.reserve(changes.size());
    QMap<RegistryChange::Kind, int> counts;
    for (const RegistryChange &change : changes) {
        QString values;
        if (change.oldValue || change.newValue)
            values = shown(change.oldValue) + QStringLiteral(" → ") + shown(change.newValue);
        rows << QStringList {kindName(change.kind), change.model, change.version, change.key,
                             values};
        ++counts[change.kind];
    }
    printTable({tr("KIND"), tr("MODEL"), tr("VERSION"), tr("KEY"), tr("OLD → NEW")}, rows);
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(kindName(it.key()));
    out() << QCoreApplication::translate("modeldesk-cli", "%n change(s): %1.", nullptr,
                                         int(changes.size()))
                 .arg(parts.join(QStringLiteral(", ")))
          << Qt::endl;
    return 0;
}

} // namespace

int commandDiff(const Options &options)
{
    if (options.args.size() != 3)
        return usageError(tr("'diff' takes two registries."));
    const auto workspace = workspaceOption(options);
    if (!workspace)
        return usageError(workspace.error().message());

    allowParallelAllocation();
    auto a = openReadOnly(options.args.at(1), *workspace);
    if (!a)
        return registryError(a.error());
    auto b = openReadOnly(options.args.at(2), *workspace);
    if (!b)
        return registryError(b.error());
    // Both reads are under way before either is waited for.
    QFuture<Result<RegistryContents>> readingA = readRegistryContents(a->get());
    QFuture<Result<RegistryContents>> readingB = readRegistryContents(b->get());
    const Result<RegistryContents> contentsA = await(readingA);
    if (!contentsA)
        return registryError(contentsA.error());
    const Result<RegistryContents> contentsB = await(readingB);
    if (!contentsB)
        return registryError(contentsB.error());

    const QList<RegistryChange> changes = diffRegistries(*contentsA, *contentsB);
    if (options.isSet(QStringLiteral("json")))
        return printJson(changesJson(changes));
    return printChangesText(changes);
}

} // namespace Cli
