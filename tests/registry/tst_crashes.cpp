// A write killed at any point leaves a store that opens, with the write all there or not at
// all; readers and writers running while other processes grow the file never fail. The
// crashes are real: strace's fault injection kills modeldesk-cli at its n-th pwrite64, fsync,
// fdatasync or unlink, leaving a hot journal behind as power loss or kill -9 would.
#include "registry/sql/sqlbackend.h"
#include "sqlquery.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelDesk;

namespace {

const int BaseModels = 40;

QString cli()
{
    return qEnvironmentVariable("MODELDESK_CLI");
}

// A description large enough to need overflow pages, so that the write grows the file.
QString bigDescription()
{
    QString text;
    for (int i = 0; text.size() < 80000; ++i)
        text += QStringLiteral("line %1 of a long model card; ").arg(i);
    return text;
}

// The message of a failed result, for test diagnostics (QVERIFY2 evaluates it even on success).
template<typename T>
QString errorOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message();
}

struct Outcome
{
    bool killed = false;
    int exitCode = -1;
    QString stdErr;
};

// Runs `arguments` under strace, killing the process at the `when`-th call of `syscall`.
Outcome runKilledAt(const QString &syscall, int when, const QStringList &arguments)
{
    QProcess process;
    QStringList straceArguments {
        QStringLiteral("-f"),
        QStringLiteral("-o"),
        QStringLiteral("/dev/null"),
        QStringLiteral("-e"),
        QStringLiteral("inject=%1:signal=KILL:when=%2").arg(syscall).arg(when),
        cli()};
    process.start(QStringLiteral("strace"), straceArguments + arguments);
    process.waitForFinished(30000);
    Outcome outcome;
    outcome.exitCode = process.exitCode();
    outcome.stdErr = QString::fromUtf8(process.readAllStandardError());
    // strace reports the tracee's death by SIGKILL by killing itself the same way.
    outcome.killed = process.exitStatus() == QProcess::CrashExit || outcome.exitCode == 137
        || outcome.stdErr.contains(QLatin1String("+++ killed by SIGKILL"));
    return outcome;
}

} // namespace

class TestCrashes : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base;

    QString copyOfBase(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-journal"));
        if (!QFile::copy(m_base, path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    // The store opens, passes SQLite's integrity check, holds the base models and the new one
    // either whole or not at all, and takes the next write.
    void verifyAllOrNothing(const QString &path, const QString &description, const QString &what)
    {
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY2(backend.ok(), qPrintable(what + QStringLiteral(": ") + errorOf(backend)));
        QVERIFY2(
            !(*backend)->capabilities().readOnly,
            qPrintable(what + QStringLiteral(": ") + (*backend)->capabilities().readOnlyReason));
        SearchRequest all;
        all.maxResults = 1000;
        const auto models = (*backend)->searchModels(all);
        QVERIFY2(models.ok(), qPrintable(what));
        const auto written = (*backend)->model(QStringLiteral("crash-model"));
        if (written.ok()) {
            QCOMPARE(models->items.size(), BaseModels + 1);
            QVERIFY2(written->description == description,
                     qPrintable(what + QStringLiteral(": description altered")));
        } else {
            QCOMPARE(written.error().code(), ErrorCode::ResourceDoesNotExist);
            QCOMPARE(models->items.size(), BaseModels);
        }
        QVERIFY2((*backend)->createModel(QStringLiteral("after-crash"), {}, {}).ok(),
                 qPrintable(what));
        backend->reset();
        QCOMPARE(TestSupport::queryScalar(path, QStringLiteral("PRAGMA integrity_check")),
                 QStringLiteral("ok"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo::exists(cli()));
        m_base = m_dir.filePath(QStringLiteral("base.db"));
        QVERIFY(SqlBackend::initialize(m_base).ok());
        auto backend = SqlBackend::open(m_base, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        for (int i = 0; i < BaseModels; ++i) {
            QVERIFY((*backend)
                        ->createModel(QStringLiteral("model-%1").arg(i),
                                      QString(3000, QLatin1Char('d')), {})
                        .ok());
        }
    }

    void killedWrite_data()
    {
        QTest::addColumn<QString>("syscall");
        for (const char *syscall : {"pwrite64", "fsync", "fdatasync", "unlink"})
            QTest::newRow(syscall) << QString::fromLatin1(syscall);
    }

    void killedWrite()
    {
        QFETCH(QString, syscall);
        if (QStandardPaths::findExecutable(QStringLiteral("strace")).isEmpty())
            QSKIP("strace is not installed (packaging/install-deps.sh installs it)");
        QProcess probe;
        probe.start(QStringLiteral("strace"),
                    {QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("true")});
        if (!probe.waitForFinished(10000) || probe.exitCode() != 0)
            QSKIP("strace cannot trace here (ptrace is not permitted)");

        const QString description = bigDescription();
        int killedAt = 0;
        for (int when = 1; when < 400; ++when) {
            const QString path
                = copyOfBase(QStringLiteral("crash-%1-%2.db").arg(syscall).arg(when));
            QVERIFY(!path.isEmpty());
            const Outcome outcome = runKilledAt(
                syscall, when,
                {QStringLiteral("-r"), path, QStringLiteral("create-model"),
                 QStringLiteral("crash-model"), QStringLiteral("--description"), description});
            const QString what = QStringLiteral("killed at %1 #%2").arg(syscall).arg(when);
            verifyAllOrNothing(path, description, what);
            if (QTest::currentTestFailed())
                return;
            QFile::remove(path);
            if (!outcome.killed) {
                QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.stdErr));
                break;
            }
            killedAt = when;
        }
        qInfo("%s: the write was killed at each of its %d calls and recovered each time",
              qPrintable(syscall), killedAt);
        if (syscall == QLatin1String("pwrite64"))
            QVERIFY(killedAt > 5); // the write really was cut off, repeatedly
    }

    // A store left mid-write that ModelDesk may not write: it says what SQLite needs, and
    // once write access is back the store recovers.
    void readOnlyHotJournal()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("strace")).isEmpty())
            QSKIP("strace is not installed");
        const QString path = copyOfBase(QStringLiteral("readonly-hot.db"));
        const Outcome outcome
            = runKilledAt(QStringLiteral("pwrite64"), 30,
                          {QStringLiteral("-r"), path, QStringLiteral("create-model"),
                           QStringLiteral("x"), QStringLiteral("--description"), bigDescription()});
        if (!outcome.killed)
            QSKIP("strace cannot trace here");
        QVERIFY(QFileInfo(path + QStringLiteral("-journal")).size() > 0);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup));
        {
            auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
            QVERIFY(!backend.ok());
            QCOMPARE(backend.error().code(), ErrorCode::PermissionDenied);
            QVERIFY2(errorOf(backend).contains(QLatin1String("needs write access")),
                     qPrintable(errorOf(backend)));
        }
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        {
            // Opening read-only on purpose still lets SQLite roll the write back first.
            auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadOnly);
            QVERIFY2(backend.ok(), qPrintable(errorOf(backend)));
            QVERIFY((*backend)->searchModels({}).ok());
            QCOMPARE((*backend)->model(QStringLiteral("x")).error().code(),
                     ErrorCode::ResourceDoesNotExist);
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-journal")));
    }

    // Readers and a second writer never fail, nor blame the file, while large writes grow it.
    void readersDuringLargeWrites()
    {
        const QString path = copyOfBase(QStringLiteral("growing.db"));
        const QString description = bigDescription();
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"),
                      QStringLiteral("i=0; while [ $i -lt 25 ]; do \"$0\" -r \"$1\" create-model "
                                     "grow-$i --description \"$2\" >/dev/null || exit 1; "
                                     "i=$((i+1)); done"),
                      cli(), path, description});
        QVERIFY(writer.waitForStarted());
        int reads = 0;
        int writes = 0;
        while (!writer.waitForFinished(0) && writer.state() != QProcess::NotRunning) {
            for (int i = 0; i < 20; ++i) {
                auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
                QVERIFY2(backend.ok(), qPrintable(errorOf(backend)));
                QVERIFY((*backend)->searchModels({}).ok());
                ++reads;
            }
            QProcess reader;
            reader.start(
                cli(),
                {QStringLiteral("-r"), path, QStringLiteral("models"), QStringLiteral("--json")});
            QVERIFY(reader.waitForFinished(30000));
            QVERIFY2(reader.exitCode() == 0, reader.readAllStandardError().constData());
            ++reads;
            QProcess second;
            second.start(cli(),
                         {QStringLiteral("-r"), path, QStringLiteral("create-model"),
                          QStringLiteral("second-%1").arg(writes), QStringLiteral("--description"),
                          description.left(20000)});
            QVERIFY(second.waitForFinished(30000));
            QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());
            ++writes;
        }
        QCOMPARE(writer.exitCode(), 0);
        QVERIFY(reads > 40);
        qInfo("%d reads and %d writes beside 25 writes of %lld characters each", reads, writes,
              qint64(description.size()));
        QCOMPARE(TestSupport::queryScalar(path,
                                          QStringLiteral("SELECT count(*) FROM registered_models")),
                 QString::number(BaseModels + 25 + writes));
    }
};

QTEST_GUILESS_MAIN(TestCrashes)
#include "tst_crashes.moc"
