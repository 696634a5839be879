// bench_diff: two registries compared on the large store (10,001 models, 300,000 versions,
// 200,000 of them in huge-version-history) and a copy of it: reading one, reading both at
// once as `modeldesk-cli diff` does, the comparison itself, then the same after 200 writes
// to the copy, and `modeldesk-cli diff --json` as a whole process. Target: a store compared
// with a copy of itself within 10 s, reading both included. Usage:
//   bench_diff [--store PATH | --keep PATH] [--runs N]
// Without --store it generates the store first (about a minute), in a temporary folder or,
// with --keep, at PATH to measure again later.

#include "benchmarks/benchsupport.h"
#include "registry/diff/registrydiff.h"
#include "registry/sql/sqlregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

using namespace ModelDesk;
using namespace Bench;

namespace {

struct Timed
{
    std::optional<RegistryContents> a;
    std::optional<RegistryContents> b;
    double readMs = 0;
    double diffMs = 0;
    qsizetype changes = 0;
};

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

std::optional<RegistryContents> contentsOf(QFuture<Result<RegistryContents>> future)
{
    auto contents = wait(future);
    if (!contents) {
        err() << "read failed: " << contents.error().message() << Qt::endl;
        return std::nullopt;
    }
    return std::move(*contents);
}

// Opens both stores, reads them at the same time and compares them.
Timed compare(const QString &pathA, const QString &pathB)
{
    Timed timed;
    QElapsedTimer timer;
    timer.start();
    SqlRegistry a(pathA, SqlBackend::OpenMode::ReadOnly);
    SqlRegistry b(pathB, SqlBackend::OpenMode::ReadOnly);
    const auto openedA = wait(a.open());
    const auto openedB = wait(b.open());
    if (!openedA || !openedB)
        return timed;
    QFuture<Result<RegistryContents>> readingA = readRegistryContents(&a);
    QFuture<Result<RegistryContents>> readingB = readRegistryContents(&b);
    timed.a = contentsOf(readingA);
    timed.b = contentsOf(readingB);
    timed.readMs = elapsedMs(timer);
    if (!timed.a || !timed.b)
        return timed;
    timer.start();
    timed.changes = diffRegistries(*timed.a, *timed.b).size();
    timed.diffMs = elapsedMs(timer);
    return timed;
}

// 200 writes a diff tells one change each: 100 version tags, 50 stage transitions, 20
// renames, 20 deleted models, 10 new ones.
int changeCopy(const QString &path, const RegistryContents &contents)
{
    SqlRegistry registry(path);
    if (!wait(registry.open()))
        return -1;
    int writes = 0;
    const auto count = [&](bool ok) { writes += ok ? 1 : 0; };
    const QString huge = QStringLiteral("huge-version-history");
    for (qint64 number = 1; number <= 100; ++number) {
        count(bool(wait(registry.setVersionTag(huge, number, QStringLiteral("bench-diff"),
                                               QStringLiteral("yes")))));
    }
    QStringList models;
    for (const RegisteredModel &model : contents.models) {
        if (model.name != huge)
            models << model.name;
    }
    models.sort();
    // The first 40 are renamed and deleted below.
    const QSet<QString> spared(models.cbegin(), models.cbegin() + 40);
    int transitions = 0;
    for (const ModelVersion &version : contents.versions) {
        if (transitions == 50)
            break;
        if (version.name == huge || version.currentStage == Stage::Archived
            || spared.contains(version.name))
            continue;
        ++transitions;
        count(bool(wait(registry.transitionStage(version.name, version.version, Stage::Archived,
                                                 ArchiveExisting::No))));
    }
    for (int i = 0; i < 20; ++i) {
        count(bool(wait(registry.renameModel(models.at(i), models.at(i) + QStringLiteral("-r")))));
        count(bool(wait(registry.deleteModel(models.at(20 + i)))));
    }
    for (int i = 0; i < 10; ++i)
        count(bool(wait(registry.createModel(QStringLiteral("bench-diff-%1").arg(i), {}, {}))));
    return writes;
}

void report(const QString &what, const Timed &timed)
{
    out() << what << ": read both " << ms(timed.readMs) << ", compare " << ms(timed.diffMs)
          << ", total " << ms(timed.readMs + timed.diffMs) << " (target <= 10000 ms); "
          << timed.a->models.size() << " + " << timed.b->models.size() << " models, "
          << timed.a->versions.size() << " + " << timed.b->versions.size() << " versions, "
          << timed.changes << " changes" << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times registry comparisons."));
    parser.addHelpOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("A store made by bench_registry --keep."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Runs of the CLI (default 3)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Generate the store at PATH and keep it."),
                                        QStringLiteral("PATH"));
    parser.addOptions({storeOption, keepOption, runsOption});
    parser.process(app);

    QTemporaryDir dir;
    QString copy;
    const QString store = storeAndCopy(parser.value(storeOption), parser.value(keepOption),
                                       dir.path(), &copy);
    if (store.isEmpty())
        return 1;
    out() << "store " << store << " (" << megabytes(QFileInfo(store).size()) << ")" << Qt::endl;

    QElapsedTimer timer;
    timer.start();
    {
        SqlRegistry one(store, SqlBackend::OpenMode::ReadOnly);
        if (!wait(one.open()))
            return 1;
        const auto contents = contentsOf(readRegistryContents(&one));
        if (!contents)
            return 1;
        out() << "open + read one store: " << contents->models.size() << " models, "
              << contents->versions.size() << " versions in " << ms(elapsedMs(timer)) << Qt::endl;
    }

    const Timed same = compare(store, copy);
    if (!same.a || !same.b)
        return 1;
    report(QStringLiteral("store against its copy"), same);

    const int writes = changeCopy(copy, *same.a);
    const Timed changed = compare(store, copy);
    if (!changed.a || !changed.b)
        return 1;
    report(QStringLiteral("store against its copy after %1 writes").arg(writes), changed);

    const int runs = std::max(1, parser.value(runsOption).toInt());
    const double cliMs
        = timeProcess(QStringLiteral(MODELDESK_CLI),
                      {QStringLiteral("diff"), store, copy, QStringLiteral("--json")}, runs);
    if (cliMs < 0)
        return 1;
    out() << "modeldesk-cli diff --json, whole process (median of " << runs << "): " << ms(cliMs)
          << " (target <= 10000 ms)" << Qt::endl;
    out() << "peak RSS of this process: " << peakResidentSetSize() << Qt::endl;
    return same.changes == 0 && same.readMs + same.diffMs <= 10000 ? 0 : 1;
}
