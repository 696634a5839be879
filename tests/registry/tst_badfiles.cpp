// Bad registry files get a clear error, a non-zero CLI exit, and stay byte-for-byte as they
// were: not SQLite, truncated, SQLite but not MLflow, an unknown newer revision, zero bytes,
// a read-only file, a missing path, a folder.
#include "tests/registry/transcripts.h"

#include "registry/sql/sqlbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::fileHash;

namespace {

void execOn(const QString &path, const QStringList &statements)
{
    const QString connection = QStringLiteral("badfiles-%1").arg(qHash(path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

struct CliRun
{
    int exitCode = -1;
    QString stdErr;
};

CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("MODELDESK_CLI"), arguments);
    process.waitForFinished(30000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestBadFiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString makeStore(const QString &name, int models)
    {
        const QString path = m_dir.filePath(name);
        if (!SqlBackend::initialize(path))
            return {};
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        for (int i = 0; i < models; ++i)
            (*backend)->createModel(QStringLiteral("model-%1").arg(i), QString(500, QLatin1Char('x')), {});
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void badFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("opens");     // opens at all (read-only)
        QTest::addColumn<QString>("message"); // part of the error or read-only reason

        const QString text = m_dir.filePath(QStringLiteral("notes.db"));
        QFile textFile(text);
        QVERIFY(textFile.open(QIODevice::WriteOnly));
        textFile.write("name,version\nchurn,3\n");
        textFile.close();
        QTest::newRow("not SQLite") << text << false << QStringLiteral("not an SQLite database");

        const QString empty = m_dir.filePath(QStringLiteral("empty.db"));
        QFile emptyFile(empty);
        QVERIFY(emptyFile.open(QIODevice::WriteOnly));
        emptyFile.close();
        QTest::newRow("zero bytes") << empty << false << QStringLiteral("empty (0 bytes)");

        const QString truncated = makeStore(QStringLiteral("truncated.db"), 200);
        QVERIFY(!truncated.isEmpty());
        QFile truncatedFile(truncated);
        QVERIFY(truncatedFile.resize(truncatedFile.size() / 2));
        QTest::newRow("truncated") << truncated << false << QStringLiteral("shorter than its header says");

        const QString foreign = m_dir.filePath(QStringLiteral("foreign.db"));
        execOn(foreign, {QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"),
                         QStringLiteral("INSERT INTO invoices (total) VALUES (9.5)")});
        QTest::newRow("SQLite, not MLflow") << foreign << false << QStringLiteral("not an MLflow store");

        const QString newer = makeStore(QStringLiteral("newer.db"), 1);
        // A newer revision that changed a table ModelDesk writes; one that leaves the registry
        // tables as they are is writable (tst_sqlschema).
        execOn(newer, {QStringLiteral("ALTER TABLE model_versions ADD COLUMN approval VARCHAR(20)"),
                       QStringLiteral("UPDATE alembic_version SET version_num = 'ffffffffffff'")});
        QTest::newRow("unknown newer revision") << newer << true
                                                << QStringLiteral("revision ffffffffffff");

        const QString readOnly = makeStore(QStringLiteral("readonly.db"), 1);
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QTest::newRow("read-only file") << readOnly << true << QStringLiteral("not writable");

        QTest::newRow("missing path") << m_dir.filePath(QStringLiteral("nowhere/missing.db")) << false
                                      << QStringLiteral("does not exist");
        QTest::newRow("folder") << m_dir.path() << false << QStringLiteral("folder");
    }

    void badFiles()
    {
        QFETCH(QString, path);
        QFETCH(bool, opens);
        QFETCH(QString, message);
        const bool existed = QFileInfo::exists(path);
        const QByteArray before = QFileInfo(path).isFile() ? fileHash(path) : QByteArray();

        {
            auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
            QCOMPARE(backend.ok(), opens);
            if (opens) {
                const Capabilities caps = (*backend)->capabilities();
                QVERIFY(caps.readOnly);
                QVERIFY2(caps.readOnlyReason.contains(message), qPrintable(caps.readOnlyReason));
                QVERIFY((*backend)->searchModels({}).ok());
                const auto refused = (*backend)->createModel(QStringLiteral("x"), {}, {});
                QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
            } else {
                QVERIFY2(backend.error().message().contains(message),
                         qPrintable(backend.error().message()));
            }
        }

        const CliRun write = runCli({QStringLiteral("-r"), path, QStringLiteral("create-model"),
                                     QStringLiteral("x")});
        QCOMPARE(write.exitCode, 1);
        QVERIFY2(write.stdErr.startsWith(QStringLiteral("Error: ")), qPrintable(write.stdErr));
        QCOMPARE(write.stdErr.count(QLatin1Char('\n')), 1);
        const CliRun read = runCli({QStringLiteral("-r"), path, QStringLiteral("models")});
        QCOMPARE(read.exitCode, opens ? 0 : 1);

        QCOMPARE(QFileInfo::exists(path), existed);
        if (QFileInfo(path).isFile())
            QCOMPARE(fileHash(path), before);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-journal")));
    }
};

QTEST_GUILESS_MAIN(TestBadFiles)
#include "tst_badfiles.moc"
