// bench_registry: generates a large demo registry with generateDemo and reports how long that
// took, how big the file is and the peak memory. Usage:
//   bench_registry [--models N] [--versions-per-model M] [--huge V] [--keep PATH]
//   bench_registry --store PATH   (measure reads of an existing store)

#include "benchmarks/benchsupport.h"
#include "registry/sql/sqlregistry.h"
#include "registry/sql/sqlschema.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTextStream>

using namespace ModelDesk;

using namespace Bench;

namespace {

template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

// Times the reads the screens and the CLI make, through the asynchronous SqlRegistry (so the
// figures include the hop to its worker thread), and prints each with its input size.
bool measureReads(const QString &storePath, const QString &hugeModel)
{
    QElapsedTimer timer;
    const auto report = [&](const QString &what, qint64 items, const QString &target) {
        out() << what << ": " << items << " items in " << QString::number(timer.nsecsElapsed() / 1e6, 'f', 1)
              << " ms" << (target.isEmpty() ? QString() : QStringLiteral(" (target ") + target + QLatin1Char(')'))
              << Qt::endl;
    };
    const auto fail = [](const RegistryError &error) {
        err() << "read failed: " << error.mlflowCode() << ": " << error.message() << Qt::endl;
        return false;
    };

    timer.start();
    SqlRegistry registry(storePath);
    const auto opened = await(registry.open());
    if (!opened)
        return fail(opened.error());
    SearchRequest first;
    first.maxResults = 100;
    auto page = await(registry.searchModels(first));
    if (!page)
        return fail(page.error());
    report(QStringLiteral("open + first page of models"), page->items.size(), QStringLiteral("<= 50 ms"));

    timer.start();
    page = await(registry.searchModels(first));
    report(QStringLiteral("first page of models, store open"), page->items.size(), QStringLiteral("<= 50 ms"));

    timer.start();
    SearchRequest all;
    all.maxResults = 1000;
    qint64 models = 0;
    for (;;) {
        auto next = await(registry.searchModels(all));
        if (!next)
            return fail(next.error());
        models += next->items.size();
        if (next->nextPageToken.isEmpty())
            break;
        all.pageToken = next->nextPageToken;
    }
    report(QStringLiteral("all models (pages of 1000)"), models, {});

    timer.start();
    SearchRequest like;
    like.filter = QStringLiteral("name LIKE '%42%'");
    like.maxResults = 100;
    auto liked = await(registry.searchModels(like));
    if (!liked)
        return fail(liked.error());
    report(QStringLiteral("models name LIKE '%42%' (first page)"), liked->items.size(), QStringLiteral("<= 50 ms"));

    SearchRequest versions;
    versions.filter = QStringLiteral("name = '%1'").arg(hugeModel);
    versions.maxResults = 1000;
    timer.start();
    auto firstVersions = await(registry.searchVersions(versions));
    if (!firstVersions)
        return fail(firstVersions.error());
    report(QStringLiteral("first 1000 versions of %1").arg(hugeModel), firstVersions->items.size(),
           QStringLiteral("<= 50 ms"));

    versions.orderBy = {QStringLiteral("version_number DESC")};
    timer.start();
    firstVersions = await(registry.searchVersions(versions));
    report(QStringLiteral("first 1000 versions of %1 by version_number DESC").arg(hugeModel),
           firstVersions->items.size(), {});

    versions.orderBy.clear();
    versions.maxResults = 200000;
    timer.start();
    auto allVersions = await(registry.searchVersions(versions));
    if (!allVersions)
        return fail(allVersions.error());
    report(QStringLiteral("all versions of %1").arg(hugeModel), allVersions->items.size(), QStringLiteral("<= 2000 ms"));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_registry"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Generates a large MLflow demo registry and measures it."));
    parser.addHelpOption();
    const QCommandLineOption modelsOption(QStringLiteral("models"),
                                          QStringLiteral("Registered models (default 10000)."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption versionsOption(QStringLiteral("versions-per-model"),
                                            QStringLiteral("Versions per model (default 10)."),
                                            QStringLiteral("M"), QStringLiteral("10"));
    const QCommandLineOption hugeOption(QStringLiteral("huge"),
                                        QStringLiteral("Versions of the one huge model "
                                                       "(default 200000, 0 = none)."),
                                        QStringLiteral("V"), QStringLiteral("200000"));
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("Measure reads of an existing store at PATH "
                                                        "instead of generating one."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Create the store at PATH and keep it."),
                                        QStringLiteral("PATH"));
    parser.addOptions({modelsOption, versionsOption, hugeOption, keepOption, storeOption});
    parser.process(app);

    DemoOptions options;
    bool modelsOk = false;
    bool versionsOk = false;
    bool hugeOk = false;
    options.models = parser.value(modelsOption).toInt(&modelsOk);
    options.versionsPerModel = parser.value(versionsOption).toInt(&versionsOk);
    options.hugeModelVersions = parser.value(hugeOption).toInt(&hugeOk);
    if (!modelsOk || !versionsOk || !hugeOk || options.models < 0 || options.versionsPerModel < 1
        || options.hugeModelVersions < 0) {
        err() << "invalid counts" << Qt::endl;
        return 2;
    }

    const QString hugeModel = QStringLiteral("huge-version-history");
    if (parser.isSet(storeOption)) {
        const bool ok = measureReads(parser.value(storeOption), hugeModel);
        out() << "peak RSS: " << peakResidentSetSize() << Qt::endl;
        return ok ? 0 : 1;
    }

    QTemporaryDir dir;
    QString path;
    if (parser.isSet(keepOption)) {
        path = QFileInfo(parser.value(keepOption)).absoluteFilePath();
        if (QFileInfo::exists(path)) {
            err() << path << " already exists; not overwriting it" << Qt::endl;
            return 2;
        }
    } else {
        if (!dir.isValid()) {
            err() << "cannot create a temporary directory" << Qt::endl;
            return 1;
        }
        path = dir.filePath(QStringLiteral("bench.db"));
    }

    if (!generateStore(path, options))
        return 1;
    const bool readsOk = measureReads(path, hugeModel);
    out() << "peak RSS: " << peakResidentSetSize() << Qt::endl;
    if (parser.isSet(keepOption))
        out() << "kept " << path << Qt::endl;
    return readsOk ? 0 : 1;
}
