// bench_comparewindow: File ▸ Compare Registries… on the large store (10,001 models, 300,000
// versions): the window compares the store with a copy of itself — a snapshot's contents —
// from Compare to "No differences", then with the copy after 100 version tag writes, to the
// tree of 100 changes. Target: within 10 s, both reads and the comparison included.
//   bench_comparewindow [--store PATH]
// Without --store it generates the store first (about a minute) in a temporary folder.
#include "benchmarks/benchsupport.h"
#include "registry/sql/sqlregistry.h"
#include "ui/mainwindow.h"
#include "ui/registrydiff/comparewindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace ModelDesk;
using namespace Bench;

namespace {

// Compare clicked to the tree (or the empty state) shown, in milliseconds; -1 on failure.
double timeCompare(CompareWindow *compare, qsizetype *changes)
{
    QSignalSpy compared(compare, &CompareWindow::compared);
    QElapsedTimer timer;
    timer.start();
    compare->compare();
    if (!compared.wait(120'000) || !compared.at(0).at(0).toBool())
        return -1;
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;
    *changes = compare->changes()->changes().size();
    return elapsed;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the Compare Registries window."));
    parser.addHelpOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("A store made by bench_registry --keep."),
                                         QStringLiteral("PATH"));
    parser.addOption(storeOption);
    parser.process(app);

    QTemporaryDir dir;
    QString copy;
    const QString store = storeAndCopy(parser.value(storeOption), {}, dir.path(), &copy);
    if (store.isEmpty())
        return 1;

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QSignalSpy opened(&window, &MainWindow::registryOpened);
    window.openRegistry(store);
    if (!opened.wait(60'000) || !opened.at(0).at(0).toBool())
        return 1;
    window.findChild<QAction *>(QStringLiteral("compareRegistriesAction"))->trigger();
    auto *compare = window.findChild<CompareWindow *>();
    if (!compare)
        return 1;
    compare->setOtherLocation(copy);

    qsizetype changes = 0;
    const double same = timeCompare(compare, &changes);
    if (same < 0)
        return 1;
    out() << "store against its copy: " << ms(same) << " (target <= 10000 ms), " << changes
          << " changes" << Qt::endl;
    const bool sameOk = changes == 0 && same <= 10000;

    {
        SqlRegistry registry(copy);
        if (!wait(registry.open()))
            return 1;
        for (qint64 number = 1; number <= 100; ++number) {
            wait(registry.setVersionTag(QStringLiteral("huge-version-history"), number,
                                        QStringLiteral("bench-compare"), QStringLiteral("yes")));
        }
    }
    const double changed = timeCompare(compare, &changes);
    if (changed < 0)
        return 1;
    out() << "store against its copy after 100 writes: " << ms(changed) << ", " << changes
          << " changes" << Qt::endl;
    out() << "peak RSS of this process: " << peakResidentSetSize() << Qt::endl;
    return sameOk ? 0 : 1;
}
