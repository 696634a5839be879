#include "benchmarks/benchsupport.h"

#include "registry/sql/sqlschema.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>

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

} // namespace Bench
