// Writes to an MLflow SQLite store follow MLflow's rules (rest.md §5, sqlite-schema.md §5):
// numbering, soft delete with redaction, archiving, timestamps, aliases, tags, prompts,
// conflicts, audit, concurrent writers, and the asynchronous SqlRegistry on top.
// Built twice: on stores ModelDesk creates (MLflow 2.22's layout) and, as
// tst_sqlwrite_mlflow312, on emptied copies of a store a real MLflow 3.12 server upgraded
// (the workspace layout), skipped where the shared fixtures are absent.
#include "tests/registry/transcripts.h"

#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace ModelDesk;
using TestSupport::fileHash;

namespace {

#ifdef MODELDESK_SQLWRITE_MLFLOW312
const QString StoreRevision = QStringLiteral("7d34483879f0");
#else
const QString StoreRevision = QStringLiteral("0584bdc529eb");
#endif

QVariant scalar(SqlBackend &backend, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(backend.database());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestSqlWrite : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    qint64 m_time = 1'700'000'000'000;

    // A new empty store whose clock advances 1 s per write.
    std::unique_ptr<SqlBackend> freshStore(QString *pathOut = nullptr)
    {
        const QString path = m_dir.filePath(QStringLiteral("store%1.db").arg(++m_counter));
#ifdef MODELDESK_SQLWRITE_MLFLOW312
        // MLflow 3.12's store with its registry emptied (runs, experiments, the 'default'
        // workspace row and everything else kept).
        if (!QFile::copy(TestSupport::fixturesDir() + QStringLiteral("/mlflow-latest/mlflow.db"), path))
            qFatal("cannot copy the MLflow 3.12 store");
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("empty"));
            db.setDatabaseName(path);
            if (!db.open())
                qFatal("cannot open the copy");
            for (const char *table : {"model_version_tags", "registered_model_tags",
                                      "registered_model_aliases", "model_versions",
                                      "registered_models"}) {
                QSqlQuery query(db);
                if (!query.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table)))
                    qFatal("cannot empty %s", table);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("empty"));
#else
        const auto created = SqlBackend::initialize(path);
        if (!created)
            qFatal("initialize failed: %s", qPrintable(created.error().message()));
#endif
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        if (!backend)
            qFatal("open failed: %s", qPrintable(backend.error().message()));
        (*backend)->setClock([this] { return m_time += 1000; });
        (*backend)->setUserName(QStringLiteral("tester"));
        if (pathOut)
            *pathOut = path;
        return std::move(backend).value();
    }

    static void registerVersions(SqlBackend &backend, const QString &name, int count)
    {
        for (int i = 0; i < count; ++i) {
            CreateVersionRequest request;
            request.name = name;
            request.source = QStringLiteral("s3://bucket/%1/%2").arg(name).arg(i);
            const auto created = backend.createVersion(request);
            QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message()));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
#ifdef MODELDESK_SQLWRITE_MLFLOW312
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures (MLflow 3.12's store) are not available.");
        auto store = freshStore();
        QCOMPARE(store->capabilities().layout, QStringLiteral("mlflow-workspaces"));
        QCOMPARE(store->capabilities().knownLayout, QStringLiteral("MLflow 3.12"));
        QVERIFY(!store->capabilities().readOnly);
#endif
    }

    void versionNumbersCountDeletedVersions()
    {
        auto store = freshStore();
        QVERIFY(store->createModel(QStringLiteral("m"), {}, {}).ok());
        registerVersions(*store, QStringLiteral("m"), 3);
        QVERIFY(store->setVersionTag(QStringLiteral("m"), 3, QStringLiteral("k"), QStringLiteral("v")).ok());
        QVERIFY(store->setAlias(QStringLiteral("m"), QStringLiteral("champion"), 3).ok());
        QVERIFY(store->deleteVersion(QStringLiteral("m"), 3).ok());

        const auto gone = store->version(QStringLiteral("m"), 3);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code(), ErrorCode::ResourceDoesNotExist);
        QCOMPARE(gone.error().message(),
                 QStringLiteral("Model Version (name=m, version=3) not found"));
        // The row stays, redacted; its tags stay; like MLflow, its alias stays but no longer
        // resolves.
        QCOMPARE(scalar(*store, QStringLiteral("SELECT current_stage || '|' || source || '|' || "
                                               "run_id || '|' || run_link || '|' || "
                                               "ifnull(description, 'NULL') FROM model_versions "
                                               "WHERE version = 3")).toString(),
                 QStringLiteral("Deleted_Internal|REDACTED-SOURCE-PATH|REDACTED-RUN-ID|"
                                "REDACTED-RUN-LINK|NULL"));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM model_version_tags "
                                               "WHERE version = 3")).toInt(), 1);
        QCOMPARE(store->model(QStringLiteral("m"))->aliases.size(), 1);
        QCOMPARE(store->versionByAlias(QStringLiteral("m"), QStringLiteral("champion")).error().code(),
                 ErrorCode::ResourceDoesNotExist);

        registerVersions(*store, QStringLiteral("m"), 1);
        QVERIFY(store->version(QStringLiteral("m"), 4).ok());
        QVERIFY(!store->deleteVersion(QStringLiteral("m"), 3).ok());
        SearchRequest all;
        const auto page = store->searchVersions(all);
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 3);
    }

    void newVersionsLookLikeMlflows()
    {
        auto store = freshStore();
        QVERIFY(store->createModel(QStringLiteral("m"), QStringLiteral("desc"), {}).ok());
        CreateVersionRequest request;
        request.name = QStringLiteral("m");
        request.source = QStringLiteral("s3://bucket/model");
        const auto version = store->createVersion(request);
        QVERIFY(version.ok());
        QCOMPARE(version->currentStage, Stage::None);
        QCOMPARE(version->status, QStringLiteral("READY"));
        QCOMPARE(version->description, std::optional<QString>(QString()));
        QCOMPARE(version->runId, std::optional<QString>(QString()));
        QCOMPARE(version->runLink, std::optional<QString>(QString()));
        QCOMPARE(version->userId, std::nullopt);
        QCOMPARE(scalar(*store, QStringLiteral("SELECT storage_location FROM model_versions"))
                     .toString(), request.source);

        request.source = QStringLiteral("/etc/passwd");
        auto local = store->createVersion(request);
        QVERIFY(!local.ok());
        QVERIFY(local.error().message().startsWith(
            QStringLiteral("Invalid model version source: '/etc/passwd'.")));
        request.source = QStringLiteral("s3://bucket/../../secret");
        QVERIFY(!store->createVersion(request).ok());
        request.name = QStringLiteral("nope");
        request.source = QStringLiteral("s3://x");
        QCOMPARE(store->createVersion(request).error().code(), ErrorCode::ResourceDoesNotExist);
    }

    void timestampsMoveOnlyWhereMlflowMovesThem()
    {
        auto store = freshStore();
        const QString m = QStringLiteral("m");
        QVERIFY(store->createModel(m, {}, {}).ok());
        registerVersions(*store, m, 2);
        const auto modelTime = [&] { return store->model(m)->lastUpdatedTimestamp; };
        const auto versionTime = [&](qint64 v) { return store->version(m, v)->lastUpdatedTimestamp; };

        qint64 model = modelTime();
        QCOMPARE(model, store->version(m, 2)->creationTimestamp); // create version bumps model
        qint64 v1 = versionTime(1);

        QVERIFY(store->setModelTag(m, QStringLiteral("team"), QStringLiteral("a")).ok());
        QVERIFY(store->setVersionTag(m, 1, QStringLiteral("k"), QStringLiteral("v")).ok());
        QVERIFY(store->setAlias(m, QStringLiteral("champion"), 1).ok());
        QVERIFY(store->deleteAlias(m, QStringLiteral("champion")).ok());
        QVERIFY(store->deleteVersionTag(m, 1, QStringLiteral("k")).ok());
        QVERIFY(store->deleteModelTag(m, QStringLiteral("team")).ok());
        QCOMPARE(modelTime(), model);
        QCOMPARE(versionTime(1), v1);

        QVERIFY(store->updateVersionDescription(m, 1, QStringLiteral("x"), {}).ok());
        QVERIFY(versionTime(1) > v1);
        QCOMPARE(modelTime(), model); // a version description leaves the model alone

        QVERIFY(store->updateModelDescription(m, QStringLiteral("d"), {}).ok());
        QVERIFY(modelTime() > model);
        model = modelTime();

        QVERIFY(store->transitionStage(m, 2, QStringLiteral("staging"), ArchiveExisting::No).ok());
        QCOMPARE(modelTime(), versionTime(2));
        QVERIFY(modelTime() > model);

        const auto renamed = store->renameModel(m, QStringLiteral("n"));
        QVERIFY(renamed.ok());
        QCOMPARE(store->version(QStringLiteral("n"), 1)->lastUpdatedTimestamp,
                 renamed->lastUpdatedTimestamp);
    }

    void archivingTouchesOnlyTheTargetStage()
    {
        auto store = freshStore();
        const QString m = QStringLiteral("m");
        QVERIFY(store->createModel(m, {}, {}).ok());
        registerVersions(*store, m, 4);
        QVERIFY(store->transitionStage(m, 1, QStringLiteral("Production"), ArchiveExisting::No).ok());
        QVERIFY(store->transitionStage(m, 2, QStringLiteral("Staging"), ArchiveExisting::No).ok());
        QVERIFY(store->transitionStage(m, 4, QStringLiteral("Production"), ArchiveExisting::No).ok());
        const qint64 v2Time = store->version(m, 2)->lastUpdatedTimestamp;

        const auto moved = store->transitionStage(m, 3, QStringLiteral("PRODUCTION"),
                                                  ArchiveExisting::Yes);
        QVERIFY(moved.ok());
        QCOMPARE(moved->currentStage, Stage::Production);
        QCOMPARE(store->version(m, 1)->currentStage, Stage::Archived);
        QCOMPARE(store->version(m, 4)->currentStage, Stage::Archived);
        QCOMPARE(store->version(m, 1)->lastUpdatedTimestamp, moved->lastUpdatedTimestamp);
        QCOMPARE(store->version(m, 2)->currentStage, Stage::Staging);
        QCOMPARE(store->version(m, 2)->lastUpdatedTimestamp, v2Time);

        // Latest per stage: the highest version of each stage, stages by first appearance.
        const auto latest = store->latestVersions(m, {});
        QVERIFY(latest.ok());
        QStringList seen;
        for (const ModelVersion &version : *latest)
            seen << version.currentStage + QString::number(version.version);
        QCOMPARE(seen, (QStringList{QStringLiteral("Archived4"), QStringLiteral("Staging2"),
                                    QStringLiteral("Production3")}));

        const auto bad = store->transitionStage(m, 2, QStringLiteral("Archived"),
                                                ArchiveExisting::Yes);
        QCOMPARE(bad.error().code(), ErrorCode::InternalError);
        QCOMPARE(bad.error().message(),
                 QStringLiteral("Model version transition cannot archive existing model versions "
                                "because 'Archived' is not an Active stage. Valid stages are "
                                "['Staging', 'Production']"));
        QCOMPARE(store->transitionStage(m, 2, QStringLiteral("Prod"), ArchiveExisting::No)
                     .error().message(),
                 QStringLiteral("Invalid Model Version stage: Prod. Value must be one of None, "
                                "Staging, Production, Archived."));
    }

    void aliasRules_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("message");
        QTest::newRow("latest") << QStringLiteral("LaTeSt")
                                << QStringLiteral("'latest' alias name (case insensitive) is reserved.");
        QTest::newRow("v digits") << QStringLiteral("v12")
                                  << QStringLiteral("Version alias name 'v12' is reserved.");
        QTest::newRow("space") << QStringLiteral("bad alias!")
                               << QStringLiteral("Invalid alias name: 'bad alias!'. Names may only "
                                                 "contain alphanumerics, underscores (_), and "
                                                 "dashes (-).");
    }

    void aliasRules()
    {
        QFETCH(QString, alias);
        QFETCH(QString, message);
        auto store = freshStore();
        QVERIFY(store->createModel(QStringLiteral("m"), {}, {}).ok());
        registerVersions(*store, QStringLiteral("m"), 1);
        const auto result = store->setAlias(QStringLiteral("m"), alias, 1);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::InvalidParameterValue);
        QCOMPARE(result.error().message(), message);
    }

    void aliasesMoveAndResolve()
    {
        auto store = freshStore();
        const QString m = QStringLiteral("m");
        QVERIFY(store->createModel(m, {}, {}).ok());
        registerVersions(*store, m, 3);
        QVERIFY(store->setAlias(m, QStringLiteral("Champion"), 1).ok());
        QVERIFY(store->setAlias(m, QStringLiteral("Champion"), 2).ok());
        QCOMPARE(store->versionByAlias(m, QStringLiteral("Champion"))->version, 2);
        QCOMPARE(store->versionByAlias(m, QStringLiteral("champion")).error().message(),
                 QStringLiteral("Registered model alias champion not found."));
        QCOMPARE(store->version(m, 2)->aliases, QStringList{QStringLiteral("Champion")});
        QCOMPARE(store->setAlias(m, QStringLiteral("x"), 9).error().code(),
                 ErrorCode::ResourceDoesNotExist);
        // "latest" is the first get-latest-versions entry, not the highest number.
        QVERIFY(store->transitionStage(m, 1, QStringLiteral("Production"), ArchiveExisting::No).ok());
        QCOMPARE(store->versionByAlias(m, QStringLiteral("latest"))->version, 1);
    }

    void tagKeysAreChecked_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("plain") << QStringLiteral("team") << true;
        QTest::newRow("dots and slashes") << QStringLiteral("a.b/c-d e:f") << true;
        QTest::newRow("unicode") << QStringLiteral("ünïcode") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("parent") << QStringLiteral("bad/../key") << false;
        QTest::newRow("leading slash") << QStringLiteral("/abs") << false;
        QTest::newRow("bang") << QStringLiteral("no!") << false;
        QTest::newRow("too long") << QString(251, QLatin1Char('k')) << false;
    }

    void tagKeysAreChecked()
    {
        QFETCH(QString, key);
        QFETCH(bool, accepted);
        auto store = freshStore();
        QVERIFY(store->createModel(QStringLiteral("m"), {}, {}).ok());
        const auto result = store->setModelTag(QStringLiteral("m"), key, QStringLiteral("v"));
        QCOMPARE(result.ok(), accepted);
        const auto tags = store->model(QStringLiteral("m"))->tags;
        QCOMPARE(tags.size(), accepted ? 1 : 0);
        if (!accepted)
            QCOMPARE(result.error().code(), ErrorCode::InvalidParameterValue);
    }

    void promptsAreHiddenFromSearches()
    {
        auto store = freshStore();
        QVERIFY(store->createModel(QStringLiteral("visible"), {}, {}).ok());
        QVERIFY(store->createModel(QStringLiteral("prompt"), {},
                                   {{QStringLiteral("mlflow.prompt.is_prompt"),
                                     QStringLiteral("true")}})
                    .ok());
        SearchRequest request;
        auto page = store->searchModels(request);
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items.first().name, QStringLiteral("visible"));
        request.filter = QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'");
        page = store->searchModels(request);
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items.first().name, QStringLiteral("prompt"));
        QVERIFY(store->model(QStringLiteral("prompt")).ok());
    }

    void staleDescriptionEditIsRefused()
    {
        QString path;
        auto mine = freshStore(&path);
        QVERIFY(mine->createModel(QStringLiteral("m"), QStringLiteral("original"), {}).ok());
        registerVersions(*mine, QStringLiteral("m"), 1);
        const RegisteredModel seen = *mine->model(QStringLiteral("m"));
        const ModelVersion seenVersion = *mine->version(QStringLiteral("m"), 1);

        auto theirs = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(theirs.ok());
        (*theirs)->setClock([this] { return m_time += 1000; });
        QVERIFY((*theirs)->updateModelDescription(QStringLiteral("m"), QStringLiteral("theirs"), {}).ok());
        QVERIFY((*theirs)->updateVersionDescription(QStringLiteral("m"), 1, QStringLiteral("theirs"), {}).ok());

        const auto refused = mine->updateModelDescription(QStringLiteral("m"), QStringLiteral("mine"),
                                                          seen.lastUpdatedTimestamp);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code(), ErrorCode::Conflict);
        QVERIFY(refused.error().message().contains(QStringLiteral("Reload")));
        QCOMPARE(mine->model(QStringLiteral("m"))->description, QStringLiteral("theirs"));
        const auto refusedVersion = mine->updateVersionDescription(
            QStringLiteral("m"), 1, QStringLiteral("mine"), seenVersion.lastUpdatedTimestamp);
        QCOMPARE(refusedVersion.error().code(), ErrorCode::Conflict);
        QCOMPARE(mine->version(QStringLiteral("m"), 1)->description,
                 std::optional<QString>(QStringLiteral("theirs")));

        const RegisteredModel fresh = *mine->model(QStringLiteral("m"));
        QVERIFY(mine->updateModelDescription(QStringLiteral("m"), QStringLiteral("mine"),
                                             fresh.lastUpdatedTimestamp).ok());
        QCOMPARE(mine->model(QStringLiteral("m"))->description, QStringLiteral("mine"));
    }

    void writesAreAudited()
    {
        auto store = freshStore();
        QVERIFY(store->createModel(QStringLiteral("m"), QStringLiteral("a"), {}).ok());
        QVERIFY(store->updateModelDescription(QStringLiteral("m"), QStringLiteral("b"), {}).ok());
        registerVersions(*store, QStringLiteral("m"), 1);
        QVERIFY(store->transitionStage(QStringLiteral("m"), 1, QStringLiteral("Staging"),
                                       ArchiveExisting::No).ok());
        QVERIFY(!store->setAlias(QStringLiteral("m"), QStringLiteral("latest"), 1).ok());

        QSqlQuery query(store->database());
        QVERIFY(query.exec(QStringLiteral("SELECT user_name, action, model_name, "
                                          "ifnull(version, ''), ifnull(field, ''), "
                                          "ifnull(old_value, 'NULL'), ifnull(new_value, 'NULL') "
                                          "FROM modeldesk_audit ORDER BY id")));
        QStringList rows;
        while (query.next()) {
            QStringList cells;
            for (int i = 0; i < 7; ++i)
                cells << query.value(i).toString();
            rows << cells.join(QLatin1Char('|'));
        }
        QCOMPARE(rows, (QStringList{
                           QStringLiteral("tester|create_model|m|||NULL|a"),
                           QStringLiteral("tester|update_model_description|m||description|a|b"),
                           QStringLiteral("tester|create_version|m|1|source|NULL|s3://bucket/m/0"),
                           QStringLiteral("tester|transition_stage|m|1|current_stage|None|Staging"),
                       }));
    }

    void renameAndDeleteCarryEverything()
    {
        QString path;
        auto store = freshStore(&path);
        QVERIFY(store->createModel(QStringLiteral("old"), {}, {{QStringLiteral("t"), QStringLiteral("1")}}).ok());
        registerVersions(*store, QStringLiteral("old"), 2);
        QVERIFY(store->setVersionTag(QStringLiteral("old"), 2, QStringLiteral("k"), QStringLiteral("v")).ok());
        QVERIFY(store->setAlias(QStringLiteral("old"), QStringLiteral("champion"), 2).ok());
        QVERIFY(store->deleteVersion(QStringLiteral("old"), 1).ok());
        QVERIFY(store->createModel(QStringLiteral("taken"), {}, {}).ok());
        QCOMPARE(store->renameModel(QStringLiteral("old"), QStringLiteral("taken")).error().code(),
                 ErrorCode::ResourceAlreadyExists);

        const auto renamed = store->renameModel(QStringLiteral("old"), QStringLiteral("new ✓"));
        QVERIFY(renamed.ok());
        QCOMPARE(renamed->tags.size(), 1);
        QCOMPARE(renamed->aliases.size(), 1);
        QCOMPARE(store->version(QStringLiteral("new ✓"), 2)->tags.size(), 1);
        QCOMPARE(store->model(QStringLiteral("old")).error().code(), ErrorCode::ResourceDoesNotExist);
#ifdef MODELDESK_SQLWRITE_MLFLOW312
        // Every row written, and every row a rename carried along, is in workspace 'default'.
        for (const char *table : {"registered_models", "model_versions", "model_version_tags",
                                  "registered_model_tags", "registered_model_aliases"}) {
            const QString sql = QStringLiteral("SELECT count(*) FROM %1 WHERE name = ? AND workspace = ?")
                                    .arg(QLatin1String(table));
            QVERIFY2(scalar(*store, sql, {QStringLiteral("new ✓"), QStringLiteral("default")}).toInt() > 0, table);
            QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM %1 WHERE workspace != 'default'")
                                        .arg(QLatin1String(table))).toInt(), 0);
        }
#endif

        QVERIFY(store->deleteModel(QStringLiteral("new ✓")).ok());
        for (const char *table : {"model_versions", "model_version_tags", "registered_model_tags",
                                  "registered_model_aliases"}) {
            QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM %1 WHERE name = ?")
                                        .arg(QLatin1String(table)),
                            {QStringLiteral("new ✓")}).toInt(), 0);
        }
        store.reset();

        // Reopened, the store is intact and still at MLflow's revision.
        auto reopened = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(reopened.ok());
        QCOMPARE((*reopened)->layout().revision, StoreRevision);
        QCOMPARE(scalar(**reopened, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        QVERIFY(!scalar(**reopened, QStringLiteral("PRAGMA foreign_key_check")).isValid());
        QCOMPARE((*reopened)->searchModels({})->items.size(), 1);
    }

    void readOnlyStoresRefuseWritesAndStayUnchanged()
    {
        QString path;
        auto store = freshStore(&path);
        QVERIFY(store->createModel(QStringLiteral("m"), {}, {}).ok());
        store.reset();
        const QByteArray before = fileHash(path);
        auto readOnly = SqlBackend::open(path, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(readOnly.ok());
        QVERIFY((*readOnly)->capabilities().readOnly);
        const auto refused = (*readOnly)->createModel(QStringLiteral("x"), {}, {});
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(refused.error().message().contains(QStringLiteral("read-only")));
        QVERIFY((*readOnly)->model(QStringLiteral("m")).ok());
        readOnly->reset();
        QCOMPARE(fileHash(path), before);
    }

    // Two connections (as ModelDesk and a running MLflow server would) registering versions
    // of one model at once: every number is handed out exactly once.
    void concurrentWritersNumberVersionsOnce()
    {
        QString path;
        auto store = freshStore(&path);
        QVERIFY(store->createModel(QStringLiteral("shared"), {}, {}).ok());
        store.reset();
        constexpr int PerWriter = 40;
        std::atomic<int> failures{0};
        const auto writer = [&](int id) {
            auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
            if (!backend) {
                ++failures;
                return;
            }
            for (int i = 0; i < PerWriter; ++i) {
                CreateVersionRequest request;
                request.name = QStringLiteral("shared");
                request.source = QStringLiteral("s3://w%1/%2").arg(id).arg(i);
                if (!(*backend)->createVersion(request))
                    ++failures;
            }
        };
        QThread *a = QThread::create(writer, 1);
        QThread *b = QThread::create(writer, 2);
        a->start();
        b->start();
        QVERIFY(a->wait(50000));
        QVERIFY(b->wait(50000));
        delete a;
        delete b;
        QCOMPARE(failures.load(), 0);
        auto check = SqlBackend::open(path, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(check.ok());
        QCOMPARE(scalar(**check, QStringLiteral("SELECT count(DISTINCT version) || '/' || "
                                                "count(*) || '/' || max(version) FROM "
                                                "model_versions")).toString(),
                 QStringLiteral("%1/%1/%1").arg(2 * PerWriter));
    }

    // The asynchronous registry: answers arrive on the caller's thread, in call order, and
    // writes announce the model they changed.
    void asyncRegistryAnswersInOrder()
    {
        QString path;
        freshStore(&path).reset();
        SqlRegistry registry(path);
        QSignalSpy changed(&registry, &Registry::modelChanged);
        auto opened = registry.open();
        QStringList order;
        registry.createModel(QStringLiteral("async"), QStringLiteral("d"), {})
            .then(this, [&order](const Result<RegisteredModel> &result) {
                order << (result.ok() ? QStringLiteral("created") : result.error().message());
            });
        registry.model(QStringLiteral("async")).then(this, [&order](const Result<RegisteredModel> &result) {
            order << (result.ok() ? result->description : result.error().message());
        });
        registry.model(QStringLiteral("missing")).then(this, [&order](const Result<RegisteredModel> &result) {
            order << result.error().mlflowCode();
        });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 10000);
        QCOMPARE(order, (QStringList{QStringLiteral("created"), QStringLiteral("d"),
                                     QStringLiteral("RESOURCE_DOES_NOT_EXIST")}));
        QVERIFY(opened.isFinished() && opened.result().ok());
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("async"));
        QVERIFY(!registry.capabilities().readOnly);
    }

    void asyncRegistryReportsOpenErrors()
    {
        SqlRegistry registry(m_dir.filePath(QStringLiteral("does-not-exist.db")));
        auto opened = registry.open();
        auto model = registry.model(QStringLiteral("m"));
        QTRY_VERIFY(model.isFinished());
        QVERIFY(!opened.result().ok());
        QCOMPARE(model.result().error().code(), ErrorCode::ResourceDoesNotExist);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("does-not-exist.db"))));
    }
};

QTEST_GUILESS_MAIN(TestSqlWrite)
#include "tst_sqlwrite.moc"
