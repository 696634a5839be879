// modeldesk-cli snapshot and info, as scripts run them: the snapshot file, its description in
// info --json, its refusal of writes, and the errors for a file that exists or no file named.
#include "tests/cli/clioutput.h"
#include "tests/registry/transcripts.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace TestSupport;

class TestCliSnapshot : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();

private slots:
    void initTestCase()
    {
        const QString fixtures = fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available on this machine.");
        m_store = m_dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), m_store));
        QFile::setPermissions(m_store, QFile::ReadOwner | QFile::WriteOwner);
        m_env.insert(QStringLiteral("MODELDESK_USER"), QStringLiteral("auditor"));
    }

    void snapshotAndInfo()
    {
        const QString out = m_dir.filePath(QStringLiteral("snap.db"));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const CliOutput taken
            = runCli({QStringLiteral("-r"), m_store, QStringLiteral("snapshot"), out}, m_env);
        QCOMPARE(taken.exitCode, 0);
        QVERIFY(taken.out.contains("Took a snapshot of"));
        QVERIFY(QFileInfo::exists(out));

        const CliOutput info = runCli(
            {QStringLiteral("-r"), out, QStringLiteral("info"), QStringLiteral("--json")}, m_env);
        QCOMPARE(info.exitCode, 0);
        const QJsonObject json = info.json();
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("snapshot"));
        QCOMPARE(json.value(QStringLiteral("read_only")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("schema_revision")).toString(),
                 QStringLiteral("0584bdc529eb"));
        const QJsonObject snapshot = json.value(QStringLiteral("snapshot")).toObject();
        QCOMPARE(snapshot.value(QStringLiteral("source")).toString(),
                 QFileInfo(m_store).absoluteFilePath());
        QCOMPARE(snapshot.value(QStringLiteral("taken_by")).toString(), QStringLiteral("auditor"));
        // Integer milliseconds, as every time ModelDesk prints.
        QVERIFY(snapshot.value(QStringLiteral("taken")).isDouble());
        QVERIFY(qint64(snapshot.value(QStringLiteral("taken")).toDouble()) >= before);
        QVERIFY(!snapshot.value(QStringLiteral("modeldesk_version")).toString().isEmpty());
        const QJsonObject counts = snapshot.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("models")).toInt(), 10);
        QCOMPARE(counts.value(QStringLiteral("versions")).toInt(), 27);
        QCOMPARE(counts.value(QStringLiteral("deleted_versions")).toInt(), 1);

        // The live store says what it is too, with the same counts.
        const CliOutput live = runCli(
            {QStringLiteral("-r"), m_store, QStringLiteral("info"), QStringLiteral("--json")},
            m_env);
        QCOMPARE(live.exitCode, 0);
        QCOMPARE(live.json().value(QStringLiteral("kind")).toString(), QStringLiteral("local"));
        QVERIFY(!live.json().contains(QStringLiteral("snapshot")));
        const QJsonObject liveCounts = live.json().value(QStringLiteral("counts")).toObject();
        QCOMPARE(liveCounts.value(QStringLiteral("models")).toInt(), 10);
        QCOMPARE(liveCounts.value(QStringLiteral("versions")).toInt(), 27);

        // Writes are refused with one line saying why.
        const CliOutput write
            = runCli({QStringLiteral("-r"), out, QStringLiteral("set-tag"),
                      QStringLiteral("renamed_model"), QStringLiteral("k"), QStringLiteral("v")},
                     m_env);
        QCOMPARE(write.exitCode, 1);
        QVERIFY2(write.err.contains("Snapshot of"), write.err.constData());

        // A snapshot never replaces a file.
        const CliOutput again
            = runCli({QStringLiteral("-r"), m_store, QStringLiteral("snapshot"), out}, m_env);
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("already exists"));
    }

    void usage()
    {
        const CliOutput none
            = runCli({QStringLiteral("-r"), m_store, QStringLiteral("snapshot")}, m_env);
        QCOMPARE(none.exitCode, 2);
        const CliOutput size = runCli({QStringLiteral("-r"), m_store, QStringLiteral("snapshot"),
                                       m_dir.filePath(QStringLiteral("x.db")),
                                       QStringLiteral("--max-artifact-size"), QStringLiteral("0")},
                                      m_env);
        QCOMPARE(size.exitCode, 2);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.db"))));
    }
};

QTEST_GUILESS_MAIN(TestCliSnapshot)
#include "tst_clisnapshot.moc"
