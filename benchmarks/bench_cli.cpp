// bench_cli: runs modeldesk-cli as whole processes on a large store, as scripts run it, and
// prints each command's wall time (median of the runs) and peak memory next to its target.
// The store is the one bench_registry makes (10,001 models, 300,000 versions, 200,000 of them
// in huge-version-history); bench_cli adds a 1,000,000-point metric to one of its runs. Usage:
//   bench_cli [--store PATH] [--cli PATH] [--runs N]
// Without --store it generates the store in a temporary folder first (about a minute).

#include "benchmarks/benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace ModelDesk;
using namespace Bench;

namespace {

const QString MetricKey = QStringLiteral("bench_million");
constexpr int MetricPoints = 1'000'000;

struct Measured
{
    bool ok = false;
    double seconds = 0;
    long peakKilobytes = 0;
};

// One run of the CLI with its output thrown away: wall time and the child's own peak RSS.
Measured runOnce(const QString &cli, const QStringList &arguments)
{
    QList<QByteArray> storage {QFile::encodeName(cli)};
    for (const QString &argument : arguments)
        storage << argument.toUtf8();
    QList<char *> argv;
    for (QByteArray &argument : storage)
        argv << argument.data();
    argv << nullptr;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv.first(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return {};
    int status = 0;
    rusage usage {};
    if (wait4(pid, &status, 0, &usage) != pid)
        return {};
    Measured measured;
    measured.seconds = double(timer.nsecsElapsed()) / 1e9;
    measured.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    measured.peakKilobytes = usage.ru_maxrss;
    return measured;
}

// The run that carries the million-point metric, adding the metric the first time.
QString millionPointRun(const QString &path)
{
    const QString connection = QStringLiteral("bench_cli");
    QString runId;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (!db.open()
            || !query.exec(QStringLiteral("SELECT run_uuid FROM runs ORDER BY run_uuid LIMIT 1"))
            || !query.next()) {
            err() << "cannot read a run from " << path << Qt::endl;
        } else {
            runId = query.value(0).toString();
            query.prepare(
                QStringLiteral("SELECT count(*) FROM metrics WHERE run_uuid = ? AND key = ?"));
            query.addBindValue(runId);
            query.addBindValue(MetricKey);
            if (!query.exec() || !query.next()) {
                runId.clear();
            } else if (query.value(0).toInt() == 0) {
                err() << "adding " << MetricPoints << " points of " << MetricKey << " to run "
                      << runId << Qt::endl;
                // A loss-like curve with noise, ten milliseconds apart.
                query.prepare(QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                    "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) "
                    "SELECT ?, 1.0 / (i + 1) + (i % 7) * 0.001, 1700000000000 + i * 10, ?, i, 0 "
                    "FROM n"));
                query.addBindValue(MetricPoints - 1);
                query.addBindValue(MetricKey);
                query.addBindValue(runId);
                if (!query.exec()) {
                    err() << "cannot add the metric: " << query.lastError().text() << Qt::endl;
                    runId.clear();
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return runId;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_cli"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times modeldesk-cli commands as processes on a large store."));
    parser.addHelpOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("A store made by bench_registry --keep."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption cliOption(
        QStringLiteral("cli"), QStringLiteral("The modeldesk-cli to run (default: the build's)."),
        QStringLiteral("PATH"),
        QDir(QCoreApplication::applicationDirPath())
            .filePath(QStringLiteral("../app/cli/modeldesk-cli")));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Runs per command (default 5)."),
                                        QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({storeOption, cliOption, runsOption});
    parser.process(app);

    const QString cli = QFileInfo(parser.value(cliOption)).absoluteFilePath();
    if (!QFileInfo(cli).isExecutable()) {
        err() << "no modeldesk-cli at " << cli << Qt::endl;
        return 2;
    }
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QTemporaryDir dir;
    QString store = parser.value(storeOption);
    if (store.isEmpty()) {
        store = dir.filePath(QStringLiteral("bench.db"));
        if (!generateStore(store, largeStoreOptions()))
            return 1;
    }
    const QString runId = millionPointRun(store);
    if (runId.isEmpty())
        return 1;

    struct Command
    {
        QStringList arguments;
        double targetSeconds;
        long targetKilobytes; // 0: none
    };
    const QString huge = QStringLiteral("huge-version-history");
    const QList<Command> commands {
        {{QStringLiteral("--help")}, 0, 0},
        {{QStringLiteral("models"), QStringLiteral("--max-results"), QStringLiteral("100"),
          QStringLiteral("--json")},
         0.08,
         0},
        {{QStringLiteral("get"), huge, QStringLiteral("--json")}, 0.08, 0},
        {{QStringLiteral("models"), QStringLiteral("--json")}, 1.5, 0},
        {{QStringLiteral("versions"), huge, QStringLiteral("--json")}, 2.0, 300 * 1024},
        {{QStringLiteral("metric"), runId, MetricKey, QStringLiteral("--json")}, 2.0, 0},
    };
    out() << "store " << store << " (" << megabytes(QFileInfo(store).size()) << "), " << runs
          << " runs per command, median wall time and highest peak RSS" << Qt::endl;
    bool allMet = true;
    for (const Command &command : commands) {
        QStringList arguments {QStringLiteral("-r"), store};
        arguments += command.arguments;
        QList<double> seconds;
        long peak = 0;
        for (int run = 0; run < runs; ++run) {
            const Measured measured = runOnce(cli, arguments);
            if (!measured.ok) {
                err() << "failed: modeldesk-cli " << arguments.join(u' ') << Qt::endl;
                return 1;
            }
            seconds << measured.seconds;
            peak = std::max(peak, measured.peakKilobytes);
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds.at(seconds.size() / 2);
        const bool met = (command.targetSeconds == 0 || median <= command.targetSeconds)
            && (command.targetKilobytes == 0 || peak <= command.targetKilobytes);
        allMet = allMet && met;
        out() << QStringLiteral("%1  %2 s  %3 MB")
                     .arg(command.arguments.join(u' '), -52)
                     .arg(median, 0, 'f', 3)
                     .arg(peak / 1024);
        if (command.targetSeconds > 0) {
            out() << "  (target <= " << command.targetSeconds << " s";
            if (command.targetKilobytes > 0)
                out() << ", <= " << command.targetKilobytes / 1024 << " MB";
            out() << (met ? ": met)" : ": MISSED)");
        }
        out() << Qt::endl;
    }
    return allMet ? 0 : 1;
}
