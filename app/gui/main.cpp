// modeldesk: the desktop application. Command line, first-start demo registry, settings,
// and the --screenshot mode used for checks and the README's pictures.
#include "registry/demo/demogenerator.h"
#include "registry/version.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/settings.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QTimer>
#include <QtConcurrent>

#include <clocale>

using namespace ModelDesk;

namespace {

QString demoPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/demo-registry.db");
}

// Saves the window as a PNG once everything it shows has loaded, then quits: exit status 0,
// or 1 when loading failed or did not finish in time.
void screenshotWhenIdle(MainWindow *window, const QString &file)
{
    auto finish = [window, file](bool ok) {
        window->grab().save(file);
        QCoreApplication::exit(ok ? 0 : 1);
    };
    auto *timeout = new QTimer(window);
    timeout->setSingleShot(true);
    QObject::connect(timeout, &QTimer::timeout, window, [finish] {
        qWarning("modeldesk: loading did not finish within 60 s");
        finish(false);
    });
    timeout->start(60000);
    QObject::connect(window, &MainWindow::registryOpened, window, [finish](bool ok) {
        if (!ok)
            QTimer::singleShot(200, [finish] { finish(false); });
    });
    QObject::connect(window, &MainWindow::becameIdle, window, [window, finish, timeout] {
        if (!timeout->isActive())
            return;
        timeout->stop();
        // One more turn of the event loop so that the last answers are painted.
        QTimer::singleShot(150, window, [window, finish] {
            const bool failed = window->messageBar()->isVisible()
                                && window->messageBar()->kind() == MessageBar::Kind::Error;
            finish(!failed);
        });
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // Graphviz sets LC_NUMERIC to "C" around every layout, from the layout's worker thread;
    // with it "C" from the start those calls change nothing another thread could see. Qt's
    // own number formatting follows QLocale, not the C locale.
    std::setlocale(LC_NUMERIC, "C");
    QApplication::setApplicationName(QStringLiteral("ModelDesk"));
    QApplication::setOrganizationName(QStringLiteral("ModelDesk"));
    QApplication::setApplicationVersion(modeldeskVersion());
    QApplication::setApplicationDisplayName(QStringLiteral("ModelDesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/modeldesk/icons/modeldesk.svg")));
    QApplication::setDesktopFileName(QStringLiteral("modeldesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop client for MLflow model registries."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("registry"),
        QCoreApplication::translate("main", "A registry: a path, sqlite:///path or the URL of "
                                            "an MLflow server (http://host:5000; credentials "
                                            "from MLFLOW_TRACKING_TOKEN or _USERNAME and "
                                            "_PASSWORD, else as remembered). Default: the last "
                                            "one opened, or a demo registry."),
        QStringLiteral("[REGISTRY]"));
    const QCommandLineOption selectOption(
        QStringLiteral("select"),
        QCoreApplication::translate("main", "Select a model, or a version as NAME/VERSION."),
        QStringLiteral("NAME[/VERSION]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save the window as a PNG once loaded, then exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"),
        QCoreApplication::translate("main", "Window size, e.g. 1280x800."),
        QStringLiteral("WxH"));
    const QCommandLineOption tabOption(
        QStringLiteral("tab"),
        QCoreApplication::translate("main", "Show a details tab by its title in lower case "
                                            "(overview, run, metrics, lineage)."),
        QStringLiteral("TAB"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"),
        QCoreApplication::translate("main", "Colours for this run: system, light or dark "
                                            "(default: as set in View ▸ Theme)."),
        QStringLiteral("THEME"));
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QCoreApplication::translate("main", "The MLflow workspace to show, in a registry that "
                                            "has several (default: the one last shown)."),
        QStringLiteral("NAME"));
    parser.addOptions({selectOption, tabOption, screenshotOption, sizeOption, themeOption,
                       workspaceOption});
    parser.process(app);

    Settings settings;
    const QStringList themes{QStringLiteral("system"), QStringLiteral("light"),
                             QStringLiteral("dark")};
    if (parser.isSet(themeOption) && !themes.contains(parser.value(themeOption))) {
        qWarning("modeldesk: --theme must be system, light or dark");
        return 2;
    }
    QString theme = parser.isSet(themeOption) ? parser.value(themeOption) : settings.theme();
    if (!themes.contains(theme))
        theme = QStringLiteral("system"); // a settings file from elsewhere
    if (theme != QLatin1String("system"))
        Theme::apply(theme);
    QString location = parser.positionalArguments().value(0);
    if (location.isEmpty()) {
        location = settings.lastRegistry();
        // A last registry that was moved or deleted since is forgotten, not an error.
        if (!location.isEmpty() && !location.contains(QLatin1String("://"))
            && !QFileInfo::exists(location)) {
            settings.removeRecentRegistry(location);
            location.clear();
        }
    }
    if (location.isEmpty() && !QFileInfo::exists(demoPath())) {
        // (the demo is made only when there is nothing else to open)
        // First start: generate the demo registry off the GUI thread.
        QDir().mkpath(QFileInfo(demoPath()).absolutePath());
        QProgressDialog progress(
            QCoreApplication::translate("main", "Generating a demo registry…"), {}, 0, 0);
        progress.setWindowTitle(QStringLiteral("ModelDesk"));
        progress.setMinimumDuration(300);
        QFutureWatcher<Result<DemoSummary>> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &progress, &QDialog::accept);
        watcher.setFuture(QtConcurrent::run([] { return createDemoStore(demoPath(), {}); }));
        if (!watcher.isFinished())
            progress.exec();
        watcher.waitForFinished();
        const Result<DemoSummary> demo = watcher.result();
        if (!demo && !parser.isSet(screenshotOption)) {
            QMessageBox::critical(nullptr, QStringLiteral("ModelDesk"),
                                  QCoreApplication::translate("main",
                                                              "Could not create the demo "
                                                              "registry: %1")
                                      .arg(demo.error().message()));
        }
    }
    if (location.isEmpty())
        location = demoPath();

    MainWindow window;
    if (parser.isSet(sizeOption)) {
        const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
        if (size.size() == 2)
            window.resize(size.at(0).toInt(), size.at(1).toInt());
    } else if (parser.isSet(screenshotOption)) {
        window.resize(1280, 800);
    }
    window.setDemo(QFileInfo(location).absoluteFilePath() == QFileInfo(demoPath()).absoluteFilePath());
    if (parser.isSet(screenshotOption))
        screenshotWhenIdle(&window, parser.value(screenshotOption));
    if (parser.isSet(tabOption))
        window.setInitialTab(parser.value(tabOption));
    if (parser.isSet(workspaceOption))
        window.setInitialWorkspace(parser.value(workspaceOption));
    window.show();
    window.openRegistry(location, parser.value(selectOption));
    return app.exec();
}
