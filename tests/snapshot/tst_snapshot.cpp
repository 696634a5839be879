// Snapshots (registry/snapshot/): a snapshot of a copy of MLflow 2.22's own store, taken from
// the file and through the fake server, answers every recorded read of the transcript as the
// original does (times included), holds the same runs and metric histories, refuses writes
// and leaves its source untouched; a cancelled snapshot leaves no file.
#include "tests/registry/transcripts.h"

#include "registry/json/mlflowjson.h"
#include "registry/rest/restregistry.h"
#include "registry/snapshot/snapshot.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/rest/awaitresult.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using namespace TestSupport;

namespace {

const QStringList notReproduced {QStringLiteral("registered-models/search max_results negative")};

// The files in `dir` (a snapshot leaves only its own behind).
QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT

    QString m_fixtures;
    QTemporaryDir m_dir;
    QString m_source;
    QByteArray m_sourceHash;
    QList<Exchange> m_exchanges;
    int m_firstWrite = -1;

    QString copyOfFixture(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    // Every read of the transcript before its first write, replayed on `snapshot`, answers
    // as MLflow answered; so does each run the transcript's run searches list.
    void compareReads(const QString &snapshot)
    {
        auto backend = SqlBackend::open(snapshot, SqlBackend::OpenMode::ReadOnly);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message()));
        int compared = 0;
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            if (exchange.index >= m_firstWrite || notReproduced.contains(exchange.label))
                continue;
            const Reply reply = replay(**backend, exchange);
            if (!reply.handled)
                continue;
            ++compared;
            const QString where = QStringLiteral("#%1 %2").arg(exchange.index).arg(exchange.label);
            QVERIFY2(reply.status == exchange.status,
                     qPrintable(where
                                + QStringLiteral(": status %1, recorded %2")
                                      .arg(reply.status)
                                      .arg(exchange.status)));
            QString difference;
            QVERIFY2(jsonEquivalent(QJsonDocument::fromJson(reply.body).object(),
                                    QJsonDocument::fromJson(exchange.responseBody).object(), {},
                                    &difference),
                     qPrintable(where + QStringLiteral(": ") + difference));
        }
        QVERIFY(compared >= 55);

        // The runs and every point of their metric histories, as in the source.
        auto original = SqlBackend::open(m_source, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(original.ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("runs-of-snapshot"));
        db.setDatabaseName(snapshot);
        QVERIFY(db.open());
        QStringList runIds;
        {
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("SELECT DISTINCT run_id FROM model_versions WHERE "
                               "run_id IS NOT NULL AND run_id != '' AND current_stage != "
                               "'Deleted_Internal'")));
            while (query.next())
                runIds << query.value(0).toString();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("runs-of-snapshot"));
        QVERIFY(runIds.size() >= 5);
        int points = 0;
        for (const QString &runId : std::as_const(runIds)) {
            auto expected = (*original)->run(runId);
            auto actual = (*backend)->run(runId);
            QVERIFY2(expected.ok() && actual.ok(), qPrintable(runId));
            QCOMPARE(MlflowJson::Value(MlflowJson::run(*actual)).toJson(),
                     MlflowJson::Value(MlflowJson::run(*expected)).toJson());
            for (const Metric &metric : std::as_const(expected->metrics)) {
                auto before = (*original)->metricHistory(runId, metric.key);
                auto after = (*backend)->metricHistory(runId, metric.key);
                QVERIFY(before.ok() && after.ok());
                QCOMPARE(after->size(), before->size());
                QCOMPARE(MlflowJson::Value(MlflowJson::metricHistoryResponse(*after)).toJson(),
                         MlflowJson::Value(MlflowJson::metricHistoryResponse(*before)).toJson());
                points += int(after->size());
            }
        }
        QVERIFY(points > 1000);
    }

    // A snapshot refuses writes, in its own words.
    void refusesWrites(const QString &snapshot)
    {
        SqlRegistry registry(snapshot, SqlBackend::OpenMode::ReadWrite);
        const auto opened = await(registry.open());
        QVERIFY(opened.ok());
        QVERIFY(opened->readOnly);
        QVERIFY(opened->snapshot != nullptr);
        QVERIFY2(opened->readOnlyReason.startsWith(QLatin1String("Snapshot of ")),
                 qPrintable(opened->readOnlyReason));
        const auto written = await(registry.setModelTag(QStringLiteral("renamed_model"),
                                                        QStringLiteral("k"), QStringLiteral("v")));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code(), ErrorCode::PermissionDenied);
    }

private slots:
    void initTestCase()
    {
        m_fixtures = fixturesDir();
        if (m_fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available on this machine.");
        QVERIFY(m_dir.isValid());
        m_exchanges
            = loadTranscripts(m_fixtures + QStringLiteral("/mlflow-2.22/transcripts.jsonl"));
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            if (exchange.label == QLatin1String("registered-models/create")) {
                m_firstWrite = exchange.index;
                break;
            }
        }
        QVERIFY(m_firstWrite > 0);
        m_source = copyOfFixture(QStringLiteral("source.db"));
        QVERIFY(!m_source.isEmpty());
        m_sourceHash = fileHash(m_source);
        qputenv("MODELDESK_USER", "auditor");
    }

    void fromTheFile()
    {
        SqlRegistry source(m_source);
        QVERIFY(await(source.open()).ok());
        const QString out = m_dir.filePath(QStringLiteral("from-file.db"));
        QList<SnapshotProgress> reports;
        const auto taken
            = takeSnapshot(&source, out, {}, [&](const SnapshotProgress &p) { reports.append(p); });
        QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message()));
        QCOMPARE(taken->takenBy, QStringLiteral("auditor"));
        QCOMPARE(taken->source, QFileInfo(m_source).absoluteFilePath());
        QCOMPARE(taken->count(QStringLiteral("models")), 10);
        QCOMPARE(taken->count(QStringLiteral("prompts")), 1);
        QCOMPARE(taken->count(QStringLiteral("deleted_versions")), 1);
        QVERIFY(taken->count(QStringLiteral("metric_points")) > 1000);
        QVERIFY(!reports.isEmpty());
        QCOMPARE(reports.last().steps, reports.last().stepIndex);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral(".part")));

        compareReads(out);
        refusesWrites(out);
        QCOMPARE(fileHash(m_source), m_sourceHash);
    }

    void fromTheServer()
    {
        const QString served = copyOfFixture(QStringLiteral("served.db"));
        FakeServerThread server(served);
        QVERIFY2(server.start().isValid(), qPrintable(server.errorString()));
        ServerOptions options;
        options.url = server.url();
        RestRegistry source(options);
        QVERIFY(await(source.open()).ok());
        const QString out = m_dir.filePath(QStringLiteral("from-server.db"));
        const auto taken = takeSnapshot(&source, out, {});
        QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message()));
        QCOMPARE(taken->source, server.url().toString());
        QCOMPARE(taken->count(QStringLiteral("models")), 10);
        QCOMPARE(taken->count(QStringLiteral("prompts")), 1);

        compareReads(out);
        refusesWrites(out);
    }

    // A deleted version's number stays taken: a store served from the snapshot (here: the
    // snapshot made writable again by dropping its description) registers the next one.
    void deletedNumbersStayTaken()
    {
        const QString snapshot = m_dir.filePath(QStringLiteral("from-file.db"));
        const QString copy = m_dir.filePath(QStringLiteral("served-snapshot.db"));
        QVERIFY(QFile::copy(snapshot, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("unsnap"));
            db.setDatabaseName(copy);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP TABLE modeldesk_snapshot")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("unsnap"));
        SqlRegistry registry(copy);
        QVERIFY(await(registry.open()).ok());
        CreateVersionRequest request;
        request.name = QStringLiteral("customer_churn_predictor");
        request.source = QStringLiteral("s3://bucket/model");
        const auto created = await(registry.createVersion(request));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message()));
        QCOMPARE(created->version, 6); // 5 was deleted in the source
    }

    void cancelLeavesNoFile_data()
    {
        QTest::addColumn<bool>("server");
        QTest::addColumn<bool>("artifacts");
        QTest::newRow("file") << false << false;
        QTest::newRow("server") << true << false;
        // Cancelled while the artifacts are collected, before the copy.
        QTest::newRow("file, collecting artifacts") << false << true;
        QTest::newRow("server, with artifacts") << true << true;
    }

    void cancelLeavesNoFile()
    {
        QFETCH(bool, server);
        QFETCH(bool, artifacts);
        const QString folder = m_dir.filePath(QStringLiteral("cancel-%1-%2")
                                                  .arg(int(server))
                                                  .arg(int(artifacts)));
        QVERIFY(QDir().mkpath(folder));
        std::unique_ptr<FakeServerThread> fake;
        std::unique_ptr<Registry> source;
        if (server) {
            fake = std::make_unique<FakeServerThread>(copyOfFixture(QStringLiteral("c.db")));
            QVERIFY(fake->start().isValid());
            ServerOptions options;
            options.url = fake->url();
            source = std::make_unique<RestRegistry>(options);
        } else {
            source = std::make_unique<SqlRegistry>(m_source);
        }
        QVERIFY(await(source->open()).ok());
        const QString out = folder + QStringLiteral("/snapshot.db");
        SnapshotOptions options;
        options.artifacts = artifacts;
        SnapshotJob job(source.get(), out, options);
        std::optional<Result<SnapshotInfo>> result;
        const int cancelAt = artifacts && !server ? 1 : 2;
        connect(&job, &SnapshotJob::progress, &job, [&job, cancelAt](const SnapshotProgress &p) {
            if (p.stepIndex >= cancelAt)
                job.cancel();
        });
        connect(&job, &SnapshotJob::finished, this,
                [&](const Result<SnapshotInfo> &r) { result = r; });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().code(), ErrorCode::Cancelled);
        // The writer removes its file once it has stopped.
        QTRY_COMPARE_WITH_TIMEOUT(filesIn(folder), QStringList(), 5000);
        QCOMPARE(fileHash(m_source), m_sourceHash);
    }

    // With artifacts: the versions' small files travel in the snapshot and are served from it
    // offline; a file over the limit stays behind.
    void artifactsTravel()
    {
        const QString served = copyOfFixture(QStringLiteral("with-artifacts.db"));
        const QString runId = QStringLiteral("1806858776284455ad4456414452be28");
        const QString root = m_dir.filePath(QStringLiteral("artifact-root"));
        const QString model = root + QLatin1Char('/') + runId + QStringLiteral("/model");
        QVERIFY(QDir().mkpath(model));
        const QString original = m_fixtures + QStringLiteral("/mlflow-2.22/artifacts/1/") + runId
            + QStringLiteral("/artifacts/model/MLmodel");
        QVERIFY(QFile::copy(original, model + QStringLiteral("/MLmodel")));
        QFile big(model + QStringLiteral("/model.pkl"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(3 * 1024 * 1024, 'x'));
        big.close();

        FakeServerThread server(served);
        QVERIFY(server.start().isValid());
        server.setArtifactRoot(root);
        ServerOptions options;
        options.url = server.url();
        RestRegistry source(options);
        QVERIFY(await(source.open()).ok());
        const QString out = m_dir.filePath(QStringLiteral("artifacts.db"));
        SnapshotOptions withArtifacts;
        withArtifacts.artifacts = true;
        withArtifacts.maxArtifactBytes = 1024 * 1024;
        const auto taken = takeSnapshot(&source, out, withArtifacts);
        QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message()));
        QCOMPARE(taken->count(QStringLiteral("artifacts")), 1);

        SqlRegistry snapshot(out);
        QVERIFY(await(snapshot.open()).ok());
        const auto top = await(snapshot.listArtifacts(runId, {}));
        QVERIFY2(top.ok(), top.ok() ? "" : qPrintable(top.error().message()));
        QCOMPARE(top->files.size(), 1);
        QCOMPARE(top->files.first().path, QStringLiteral("model"));
        QVERIFY(top->files.first().isDir);
        const auto inModel = await(snapshot.listArtifacts(runId, QStringLiteral("model")));
        QVERIFY(inModel.ok());
        QCOMPARE(inModel->files.size(), 1);
        QCOMPARE(inModel->files.first().path, QStringLiteral("model/MLmodel"));
        const QString copy = m_dir.filePath(QStringLiteral("MLmodel.copy"));
        QVERIFY(
            await(snapshot.downloadArtifact(runId, QStringLiteral("model/MLmodel"), copy)).ok());
        QCOMPARE(fileHash(copy), fileHash(original));
    }

    // A local store's History (modeldesk_audit) travels: the snapshot tells the same story.
    void historyTravels()
    {
        const QString path = copyOfFixture(QStringLiteral("with-history.db"));
        const QString model = QStringLiteral("customer_churn_predictor");
        QList<AuditRecord> before;
        {
            SqlRegistry source(path);
            QVERIFY(await(source.open()).ok());
            VERIFY_OK(await(source.setModelTag(model, QStringLiteral("owner"),
                                               QStringLiteral("risk-team"))));
            VERIFY_OK(await(source.transitionStage(model, 4, QStringLiteral("Staging"),
                                                   ArchiveExisting::No)));
            auto log = await(source.auditLog(model));
            VERIFY_OK(log);
            before = *log;
            QVERIFY(before.size() >= 2);
            const QString out = m_dir.filePath(QStringLiteral("history-snapshot.db"));
            const auto taken = takeSnapshot(&source, out, {});
            VERIFY_OK(taken);
            QCOMPARE(taken->count(QStringLiteral("audit_records")), qint64(before.size()));
        }
        SqlRegistry snapshot(m_dir.filePath(QStringLiteral("history-snapshot.db")));
        const auto opened = await(snapshot.open());
        QVERIFY(opened.ok());
        QVERIFY(opened->auditLog);
        const auto after = await(snapshot.auditLog(model));
        VERIFY_OK(after);
        QCOMPARE(*after, before);
        QCOMPARE(after->last().user, QStringLiteral("auditor"));
    }

    // MLflow 3 (the newest fixture, with workspaces): the logged models behind models:/
    // versions travel, and the versions still resolve to their artifacts.
    void loggedModelsTravel()
    {
        const QString path = m_dir.filePath(QStringLiteral("latest.db"));
        QVERIFY(QFile::copy(m_fixtures + QStringLiteral("/mlflow-latest/mlflow.db"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        SqlRegistry source(path, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(await(source.open()).ok());
        const QString out = m_dir.filePath(QStringLiteral("latest-snapshot.db"));
        const auto taken = takeSnapshot(&source, out, {});
        VERIFY_OK(taken);
        QVERIFY(taken->count(QStringLiteral("logged_models")) > 0);
        SqlRegistry snapshot(out);
        const auto opened = await(snapshot.open());
        QVERIFY(opened.ok());
        QVERIFY(opened->loggedModels);
        SearchRequest all;
        const auto versions = await(source.searchVersions(all));
        VERIFY_OK(versions);
        int linked = 0;
        for (const ModelVersion &version : std::as_const(versions->items)) {
            if (!version.source.startsWith(QLatin1String("models:/m-")))
                continue;
            ++linked;
            const QString id = version.source.mid(8);
            const auto expected = await(source.loggedModel(id));
            const auto actual = await(snapshot.loggedModel(id));
            VERIFY_OK(expected);
            VERIFY_OK(actual);
            QCOMPARE(*actual, *expected);
            const auto uri = await(snapshot.downloadUri(version.name, version.version));
            VERIFY_OK(uri);
            QCOMPARE(*uri, *await(source.downloadUri(version.name, version.version)));
        }
        QVERIFY(linked >= 2);

        // A snapshot of the snapshot holds the same.
        const QString again = m_dir.filePath(QStringLiteral("latest-snapshot-2.db"));
        const auto retaken = takeSnapshot(&snapshot, again, {});
        VERIFY_OK(retaken);
        for (const QString &count : {QStringLiteral("models"), QStringLiteral("versions"),
                                     QStringLiteral("runs"), QStringLiteral("metric_points"),
                                     QStringLiteral("logged_models")})
            QCOMPARE(retaken->count(count), taken->count(count));
    }

    void refusesToReplaceAFile()
    {
        SqlRegistry source(m_source);
        QVERIFY(await(source.open()).ok());
        const QString out = m_dir.filePath(QStringLiteral("existing.db"));
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me");
        file.close();
        const auto taken = takeSnapshot(&source, out, {});
        QVERIFY(!taken.ok());
        QCOMPARE(taken.error().code(), ErrorCode::ResourceAlreadyExists);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
    }
};

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
