// bench_gui: the window's speed and memory on a large store (see bench_registry --keep):
// start to a painted model list, selecting the huge model to its first rows, a keystroke in
// the search box to the updated list, and resident memory after scrolling that model's
// versions to the end. Prints each figure with its input size.
//   bench_gui --store PATH [--model huge-version-history]
#include "benchmarks/benchsupport.h"
#include "models/modellistmodel.h"
#include "models/versiontablemodel.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTextStream>

using namespace ModelDesk;
using Bench::err;
using Bench::out;

namespace {

QElapsedTimer processTimer;

QString procStatus(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return QString::fromLatin1(line.mid(int(qstrlen(key))).trimmed());
    }
    return {};
}

// Runs the event loop until `done` holds or `ms` pass; false on timeout.
template<typename Predicate>
bool waitFor(Predicate done, int ms = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

QString millis(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 1) + QStringLiteral(" ms");
}

} // namespace

int main(int argc, char *argv[])
{
    processTimer.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ModelDesk-bench"));
    // Start as a first-time user would: no remembered selection or layout.
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("A large store (bench_registry --keep)."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QStringLiteral("The model with many versions."),
                                         QStringLiteral("NAME"),
                                         QStringLiteral("huge-version-history"));
    parser.addOptions({storeOption, modelOption});
    parser.process(app);
    if (!parser.isSet(storeOption)) {
        QTextStream(stderr) << "bench_gui: --store PATH is required" << Qt::endl;
        return 2;
    }
    const QString hugeModel = parser.value(modelOption);

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.openRegistry(parser.value(storeOption));
    auto *models = window.findChild<QTableView *>(QStringLiteral("modelList"));
    auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchBox"));
    auto *modelList = qobject_cast<ModelListModel *>(models->model());
    auto *versionTable = qobject_cast<VersionTableModel *>(versions->model());
    if (!waitFor([&] { return modelList->hasLoadedFirstPage() && !modelList->isLoading(); }))
        return 1;
    window.repaint();
    out() << "start to painted model list: " << millis(processTimer.nsecsElapsed())
          << " (first page of " << modelList->rowCount() << " models; target <= 400 ms)"
          << Qt::endl;

    // A keystroke in the search box to the updated list, once the window has settled (the
    // first model is selected and its details shown at start).
    if (!waitFor([&] { return window.isIdle(); }))
        return 1;
    QElapsedTimer timer;
    QSignalSpy firstPage(modelList, &ModelListModel::firstPageLoaded);
    timer.start();
    search->setText(QStringLiteral("4"));
    if (!waitFor([&] { return !firstPage.isEmpty(); }))
        return 1;
    const qint64 answered = timer.nsecsElapsed();
    models->viewport()->repaint();
    out() << "  (answer after " << millis(answered) << ", then painted)" << Qt::endl;
    out() << "keystroke to updated list ('4'): " << millis(timer.nsecsElapsed()) << ", "
          << modelList->rowCount() << " rows in the first page (target <= 50 ms)" << Qt::endl;
    firstPage.clear();
    timer.start();
    search->setText(QStringLiteral("42"));
    waitFor([&] { return !firstPage.isEmpty(); });
    models->viewport()->repaint();
    out() << "keystroke to updated list ('42'): " << millis(timer.nsecsElapsed()) << ", "
          << modelList->rowCount() << " rows in the first page (target <= 50 ms)" << Qt::endl;

    // Select the huge model.
    firstPage.clear();
    search->setText(hugeModel);
    waitFor([&] { return !firstPage.isEmpty(); });
    const int row = modelList->rowOf(hugeModel);
    if (row < 0) {
        QTextStream(stderr) << "bench_gui: no model " << hugeModel << Qt::endl;
        return 1;
    }
    QSignalSpy versionsLoaded(versionTable, &VersionTableModel::firstPageLoaded);
    timer.start();
    models->setCurrentIndex(modelList->index(row, 0));
    if (!waitFor([&] { return !versionsLoaded.isEmpty(); }))
        return 1;
    versions->viewport()->repaint();
    out() << "select " << hugeModel << " to first rows painted: " << millis(timer.nsecsElapsed())
          << " (" << versionTable->rowCount() << " rows of the newest versions; target <= 100 ms)"
          << Qt::endl;

    // Scroll to the end, a page at a time, as a view does.
    timer.start();
    while (versionTable->canFetchMore({}) || versionTable->isLoading()) {
        versions->scrollToBottom();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    versions->viewport()->repaint();
    out() << "scroll to the end: " << versionTable->rowCount() << " versions in "
          << millis(timer.nsecsElapsed()) << "; resident memory " << procStatus("VmRSS:")
          << " (target <= 200 MB), peak " << procStatus("VmHWM:") << Qt::endl;
    return 0;
}
