#include "benchmarks/benchsupport.h"

#include "registry/sql/sqlschema.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTemporaryDir>

#include <algorithm>

using namespace ModelDesk;

namespace Bench {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 0) + QStringLiteral(" MB");
}

QString peakResidentSetSize()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    // procfs files report size 0, so read them whole instead of testing atEnd().
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return QString::fromLatin1(line.mid(6).trimmed());
    }
    return {};
}

DemoOptions largeStoreOptions()
{
    DemoOptions options;
    options.models = 10000;
    options.versionsPerModel = 10;
    options.hugeModelVersions = 200000;
    return options;
}

QString storeAndCopy(const QString &store, const QString &keep, const QString &folder,
                     QString *copy)
{
    QString path = store;
    if (path.isEmpty()) {
        path = !keep.isEmpty() ? keep : folder + QStringLiteral("/bench.db");
        DemoOptions options = largeStoreOptions();
        options.metricSteps = 2;
        if (!generateStore(path, options))
            return {};
    }
    *copy = folder + QStringLiteral("/copy.db");
    if (!QFile::copy(path, *copy)) {
        err() << "cannot copy " << path << Qt::endl;
        return {};
    }
    return path;
}

bool generateStore(const QString &path, const DemoOptions &options)
{
    const QString connection = QStringLiteral("bench_registry-generate");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            err() << "cannot open " << path << ": " << db.lastError().text() << Qt::endl;
        } else if (const auto pragmas = SqlSchema::applyPragmas(db); !pragmas) {
            err() << pragmas.error().message() << ' ' << pragmas.error().detail() << Qt::endl;
        } else if (const auto created = SqlSchema::createStore(db); !created) {
            err() << created.error().message() << ' ' << created.error().detail() << Qt::endl;
        } else {
            int lastTenth = -1;
            QElapsedTimer timer;
            timer.start();
            const auto result = generateDemo(db, options, [&](qint64 done, qint64 total) {
                const int tenth = total > 0 ? int(done * 10 / total) : 10;
                if (tenth != lastTenth) {
                    lastTenth = tenth;
                    err() << "  " << tenth * 10 << "% (" << timer.elapsed() / 1000.0 << " s)"
                          << Qt::endl;
                }
                return true;
            });
            const double seconds = double(timer.elapsed()) / 1000.0;
            db.close();
            if (!result) {
                err() << result.error().message() << ' ' << result.error().detail() << Qt::endl;
            } else {
                ok = true;
                out() << "generate: " << options.models << " models x " << options.versionsPerModel
                      << " versions";
                if (options.hugeModelVersions > 0)
                    out() << " + 1 model x " << options.hugeModelVersions << " versions";
                out() << ": " << QString::number(seconds, 'f', 1) << " s, file "
                      << megabytes(QFileInfo(path).size()) << Qt::endl;
                out() << "  wrote " << result->experiments << " experiments, " << result->runs
                      << " runs, " << result->models << " models, " << result->versions
                      << " versions, " << result->metricPoints << " metric points" << Qt::endl;
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

QString ms(double milliseconds)
{
    return QString::number(milliseconds, 'f', 1) + QStringLiteral(" ms");
}

double timeProcess(const QString &program, const QStringList &arguments, int runs)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir home;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        process.setProcessEnvironment(environment);
        process.setStandardOutputFile(QProcess::nullDevice());
        QStringList args = arguments;
        args.replaceInStrings(QStringLiteral("@HOME@"), home.path());
        QElapsedTimer timer;
        timer.start();
        process.start(program, args);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            err() << program << " failed: " << process.readAllStandardError() << Qt::endl;
            return -1;
        }
        times << timer.nsecsElapsed() / 1e6;
    }
    return median(times);
}

} // namespace Bench
