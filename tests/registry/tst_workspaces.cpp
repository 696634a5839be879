// MLflow workspaces (3.9 and later) on a copy of a store a real MLflow 3.12 server upgraded:
// one workspace shown and written at a time, local or through a server; the first model
// outside 'default' is never made; new names follow 3.12's rule while old rows still read.
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/sqlquery.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;

namespace {

const QString Churn = QStringLiteral("customer_churn_predictor");
const QString TeamA = QStringLiteral("team-a");

qint64 count(SqlBackend &backend, const QString &sql)
{
    QSqlQuery query(backend.database());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// Every row of the five registry tables in one workspace, as text.
QString rowsOf(const QString &path, const QString &workspace)
{
    QString text;
    const QString connection = QStringLiteral("rows-of");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            for (const char *table :
                 {"registered_models", "model_versions", "registered_model_tags",
                  "model_version_tags", "registered_model_aliases"}) {
                QSqlQuery query(db);
                query.prepare(
                    QStringLiteral("SELECT * FROM %1 WHERE workspace = ? ORDER BY 1, 2, 3")
                        .arg(QLatin1String(table)));
                query.addBindValue(workspace);
                if (!query.exec())
                    return query.lastError().text();
                while (query.next()) {
                    text += QLatin1String(table) + QLatin1Char(':');
                    for (int i = 0; i < query.record().count(); ++i)
                        text += QLatin1Char(' ') + query.value(i).toString();
                    text += QLatin1Char('\n');
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return text;
}

} // namespace

class TestWorkspaces : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_copies = 0;

    // A copy of MLflow 3.12's store; with `teamA`, workspace team-a holds its own
    // customer_churn_predictor (one version, a tag, an alias), as a workspace-enabled MLflow
    // server would have written it.
    QString store(bool teamA)
    {
        const QString path = m_dir.filePath(QStringLiteral("ws%1.db").arg(++m_copies));
        if (!QFile::copy(TestSupport::fixturesDir() + QStringLiteral("/mlflow-latest/mlflow.db"),
                         path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        if (teamA
            && !TestSupport::execAll(
                path,
                {QStringLiteral("INSERT INTO workspaces (name) VALUES ('team-a')"),
                 QStringLiteral("INSERT INTO registered_models (name, creation_time, "
                                "last_updated_time, description, workspace) VALUES "
                                "('%1', 1, 2, 'team A''s', 'team-a')")
                     .arg(Churn),
                 QStringLiteral("INSERT INTO model_versions (name, version, creation_time, "
                                "last_updated_time, description, user_id, current_stage, "
                                "source, run_id, status, status_message, run_link, "
                                "storage_location, workspace) VALUES ('%1', 1, 1, 2, '', "
                                "NULL, 'Production', 's3://a/1', '', 'READY', NULL, '', "
                                "'s3://a/1', 'team-a')")
                     .arg(Churn),
                 QStringLiteral("INSERT INTO registered_model_tags (key, value, name, "
                                "workspace) VALUES ('team', 'a', '%1', 'team-a')")
                     .arg(Churn),
                 QStringLiteral("INSERT INTO registered_model_aliases (alias, version, name, "
                                "workspace) VALUES ('champion', 1, '%1', 'team-a')")
                     .arg(Churn)})) {
            return {};
        }
        return path;
    }

    static std::unique_ptr<SqlBackend> open(const QString &path, const QString &workspace)
    {
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite, workspace);
        if (!backend) {
            qWarning("%s", qPrintable(backend.error().message()));
            return nullptr;
        }
        return std::move(backend).value();
    }

private slots:
    void initTestCase()
    {
        if (TestSupport::fixturesDir().isEmpty())
            QSKIP("The shared MLflow fixtures (MLflow 3.12's store) are not available.");
        QVERIFY(m_dir.isValid());
    }

    void eachWorkspaceSeesItsOwn()
    {
        const QString path = store(true);
        QVERIFY(!path.isEmpty());
        auto mine = open(path, SqlBackend::DefaultWorkspace);
        auto theirs = open(path, TeamA);
        QVERIFY(mine && theirs);
        QCOMPARE(mine->capabilities().workspaces, (QStringList {QStringLiteral("default"), TeamA}));
        QCOMPARE(theirs->capabilities().workspace, TeamA);

        // What the default workspace lists is what it listed before team-a had anything.
        auto pristine = open(store(false), SqlBackend::DefaultWorkspace);
        const qsizetype defaultModels = pristine->searchModels({})->items.size();
        QVERIFY(defaultModels > 5);
        QCOMPARE(mine->searchModels({})->items.size(), defaultModels);
        const auto teamModels = theirs->searchModels({});
        QCOMPARE(teamModels->items.size(), 1);
        QCOMPARE(teamModels->items.first().description, QStringLiteral("team A's"));
        QCOMPARE(teamModels->items.first().tags.size(), 1);
        QCOMPARE(theirs->searchVersions({})->items.size(), 1);
        QVERIFY(mine->model(Churn)->description != QStringLiteral("team A's"));
        QCOMPARE(theirs->versionByAlias(Churn, QStringLiteral("champion"))->source,
                 QStringLiteral("s3://a/1"));
        // Runs live in experiments of the default workspace: not found from team-a.
        const auto version = mine->version(Churn, 1);
        QVERIFY(version && version->runId && !version->runId->isEmpty());
        QVERIFY(mine->run(*version->runId).ok());
        QCOMPARE(theirs->run(*version->runId).error().code(), ErrorCode::ResourceDoesNotExist);

        // Writes stay in the workspace: numbering, tags, renames and deletes.
        const qint64 defaultVersions = count(
            *mine,
            QStringLiteral(
                "SELECT count(*) FROM model_versions WHERE workspace = 'default' AND name = '%1'")
                .arg(Churn));
        CreateVersionRequest request;
        request.name = Churn;
        request.source = QStringLiteral("s3://a/2");
        const auto second = theirs->createVersion(request);
        QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message()));
        QCOMPARE(second->version, 2);
        QVERIFY(theirs->setVersionTag(Churn, 2, QStringLiteral("k"), QStringLiteral("v")).ok());
        QVERIFY(theirs->renameModel(Churn, QStringLiteral("churn-a")).ok());
        QVERIFY(mine->model(Churn).ok());
        QCOMPARE(count(*mine,
                       QStringLiteral("SELECT count(*) FROM model_versions WHERE "
                                      "workspace = 'default' AND name = '%1'")
                           .arg(Churn)),
                 defaultVersions);
        QCOMPARE(count(*mine,
                       QStringLiteral("SELECT count(*) FROM model_version_tags WHERE "
                                      "workspace = 'team-a' AND name = 'churn-a'")),
                 1);
        QCOMPARE(mine->model(QStringLiteral("churn-a")).error().code(),
                 ErrorCode::ResourceDoesNotExist);
        QVERIFY(theirs->deleteModel(QStringLiteral("churn-a")).ok());
        QVERIFY(mine->model(Churn).ok());
        QCOMPARE(mine->searchModels({})->items.size(), defaultModels);
        // The audit says which workspace each change was in.
        QCOMPARE(count(*mine,
                       QStringLiteral("SELECT count(*) FROM modeldesk_audit WHERE "
                                      "workspace = 'team-a'")),
                 4);
    }

    void unknownWorkspacesAreRefused()
    {
        const QString path = store(true);
        auto missing
            = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite, QStringLiteral("team-z"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code(), ErrorCode::ResourceDoesNotExist);
        QVERIFY(missing.error().message().contains(QLatin1String("default, team-a")));
        auto invalid
            = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite, QStringLiteral("Team A"));
        QVERIFY(!invalid);
        QCOMPARE(invalid.error().code(), ErrorCode::InvalidParameterValue);
        // A store of the classic layout has only 'default'.
        const QString classic = m_dir.filePath(QStringLiteral("classic.db"));
        QVERIFY(SqlBackend::initialize(classic).ok());
        QVERIFY(!SqlBackend::open(classic, SqlBackend::OpenMode::ReadWrite, TeamA));
        QVERIFY(open(classic, SqlBackend::DefaultWorkspace));
    }

    // Every write to a model whose name both workspaces have leaves the other workspace's
    // rows exactly as they were, in both directions.
    void writesStayInTheirWorkspace_data()
    {
        QTest::addColumn<QString>("writer");
        QTest::addColumn<QString>("other");
        QTest::newRow("default writes") << QString(SqlBackend::DefaultWorkspace) << TeamA;
        QTest::newRow("team-a writes") << TeamA << QString(SqlBackend::DefaultWorkspace);
    }

    void writesStayInTheirWorkspace()
    {
        QFETCH(QString, writer);
        QFETCH(QString, other);
        const QString path = store(true);
        auto backend = open(path, writer);
        QVERIFY(backend);
        const QString before = rowsOf(path, other);
        QVERIFY(before.contains(Churn));
        const auto untouched = [&](const char *step) {
            const QString now = rowsOf(path, other);
            if (now != before)
                qWarning("after %s:\n%s\nwas:\n%s", step, qPrintable(now), qPrintable(before));
            return now == before;
        };
        // team-a's own version 1 is in Production; default's models have their own numbers.
        const qint64 highest
            = TestSupport::queryScalar(path,
                                       QStringLiteral("SELECT max(version) FROM model_versions "
                                                      "WHERE workspace = '%1' AND name = '%2'")
                                           .arg(writer, Churn))
                  .toLongLong();
        // A tag filter finds team-a's tag only from team-a.
        const auto tagged = backend->searchModels({QStringLiteral("tags.team = 'a'"), {}, -1, {}});
        QVERIFY(tagged.ok());
        QCOMPARE(tagged->items.isEmpty(), writer != TeamA);
        QVERIFY(backend->setModelTag(Churn, QStringLiteral("team"), QStringLiteral("w")).ok());
        QVERIFY(backend->deleteModelTag(Churn, QStringLiteral("team")).ok());
        QVERIFY(untouched("model tags"));
        QVERIFY(backend->updateModelDescription(Churn, QStringLiteral("mine"), {}).ok());
        QVERIFY(untouched("the model's description"));
        CreateVersionRequest request;
        request.name = Churn;
        request.source = QStringLiteral("s3://w/new");
        const auto created = backend->createVersion(request);
        QVERIFY(created.ok());
        QCOMPARE(created->version, highest + 1);
        const qint64 version = created->version;
        QVERIFY(backend
                    ->transitionStage(Churn, version, QStringLiteral("Production"),
                                      ArchiveExisting::Yes)
                    .ok());
        QVERIFY(untouched("a transition archiving the others"));
        QVERIFY(backend->setAlias(Churn, QStringLiteral("champion"), version).ok());
        QVERIFY(backend->deleteAlias(Churn, QStringLiteral("champion")).ok());
        QVERIFY(untouched("aliases"));
        QVERIFY(
            backend->setVersionTag(Churn, version, QStringLiteral("k"), QStringLiteral("v")).ok());
        QVERIFY(backend->deleteVersionTag(Churn, version, QStringLiteral("k")).ok());
        QVERIFY(backend->updateVersionDescription(Churn, version, QStringLiteral("d"), {}).ok());
        QVERIFY(untouched("the version's tags and description"));
        // Reads see only the writer's workspace.
        const auto latest = backend->latestVersions(Churn, {});
        QVERIFY(latest.ok());
        for (const ModelVersion &found : *latest)
            QVERIFY(found.source != QLatin1String("s3://a/1") || writer == TeamA);
        QVERIFY(backend->deleteVersion(Churn, version).ok());
        QVERIFY(untouched("deleting a version"));
        QVERIFY(backend->renameModel(Churn, QStringLiteral("renamed")).ok());
        QVERIFY(untouched("a rename"));
        QVERIFY(backend->deleteModel(QStringLiteral("renamed")).ok());
        QVERIFY(untouched("deleting the model"));
    }

    // A single-tenant MLflow server refuses to start on a store with a registered model
    // outside 'default', so ModelDesk does not make the first one.
    void firstModelOutsideDefaultIsRefused()
    {
        const QString path = store(false);
        QVERIFY(TestSupport::execAll(
            path, {QStringLiteral("INSERT INTO workspaces (name) VALUES ('team-b')")}));
        auto backend = open(path, QStringLiteral("team-b"));
        QVERIFY(backend);
        QVERIFY(backend->searchModels({})->items.isEmpty());
        const auto refused = backend->createModel(QStringLiteral("new"), {}, {});
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(refused.error().message().contains(QLatin1String("refuses to start")));
        QCOMPARE(count(*backend,
                       QStringLiteral("SELECT count(*) FROM registered_models WHERE "
                                      "workspace != 'default'")),
                 0);
        // Once a workspace-enabled server has made one, ModelDesk writes there too.
        backend->setServesWorkspaces(true);
        QVERIFY(backend->createModel(QStringLiteral("new"), {}, {}).ok());
        backend->setServesWorkspaces(false);
        QVERIFY(backend->createModel(QStringLiteral("newer"), {}, {}).ok());
    }

    // MLflow 3.12 refuses '/' and ':' in new names (create and rename); 3.6 and 2.22 did not,
    // and their rows still read on the newer layout.
    void namesFollowTheStoresMlflow()
    {
        const QString path = store(false);
        QVERIFY(TestSupport::execAll(
            path,
            {QStringLiteral("INSERT INTO registered_models (name, creation_time, "
                            "last_updated_time, workspace) VALUES "
                            "('team/old:model', 1, 1, 'default')")}));
        auto latest = open(path, SqlBackend::DefaultWorkspace);
        QVERIFY(latest);
        for (const QString &name : {QStringLiteral("a/b"), QStringLiteral("a:b")}) {
            const auto created = latest->createModel(name, {}, {});
            QCOMPARE(created.error().code(), ErrorCode::InvalidParameterValue);
            QVERIFY(created.error().message().contains(QLatin1String("cannot contain '/' or ':'")));
            QCOMPARE(latest->renameModel(Churn, name).error().code(),
                     ErrorCode::InvalidParameterValue);
        }
        QVERIFY(latest->model(QStringLiteral("team/old:model")).ok());
        QVERIFY(latest
                    ->setModelTag(QStringLiteral("team/old:model"), QStringLiteral("k"),
                                  QStringLiteral("v"))
                    .ok());
        QVERIFY(
            latest->renameModel(QStringLiteral("team/old:model"), QStringLiteral("team-old")).ok());

        const QString classic = m_dir.filePath(QStringLiteral("names.db"));
        QVERIFY(SqlBackend::initialize(classic).ok());
        auto older = open(classic, SqlBackend::DefaultWorkspace);
        QVERIFY(older->createModel(QStringLiteral("a/b:c"), {}, {}).ok());
    }

    // A revision after 7d34483879f0 that touches only other tables is written, and its
    // revision kept; one that changes a registry table is read with the change named.
    void newerRevisionsAreJudgedByShape_data()
    {
        QTest::addColumn<QStringList>("changes");
        QTest::addColumn<QString>("reason");
        const QString bump
            = QStringLiteral("UPDATE alembic_version SET version_num = 'f00dfeed1234'");
        QTest::newRow("other tables only")
            << QStringList {QStringLiteral("CREATE TABLE prompt_optimizations (id INTEGER "
                                           "PRIMARY KEY, workspace VARCHAR(63))"),
                            QStringLiteral("ALTER TABLE runs ADD COLUMN labels TEXT"), bump}
            << QString();
        QTest::newRow("new registry column")
            << QStringList {QStringLiteral("ALTER TABLE model_versions ADD COLUMN approval "
                                           "VARCHAR(20)"),
                            bump}
            << QStringLiteral("model_versions has a new column approval");
        QTest::newRow("registry column of another type")
            << QStringList {QStringLiteral("ALTER TABLE registered_model_tags RENAME TO old_tags"),
                            QStringLiteral("CREATE TABLE registered_model_tags (key VARCHAR(250) "
                                           "NOT NULL, value TEXT, name VARCHAR(256) NOT NULL, "
                                           "workspace VARCHAR(63) DEFAULT 'default' NOT NULL, "
                                           "PRIMARY KEY (workspace, key, name))"),
                            QStringLiteral("INSERT INTO registered_model_tags SELECT key, value, "
                                           "name, workspace FROM old_tags"),
                            QStringLiteral("DROP TABLE old_tags"), bump}
            << QStringLiteral("registered_model_tags");
    }

    void newerRevisionsAreJudgedByShape()
    {
        QFETCH(QStringList, changes);
        QFETCH(QString, reason);
        const QString path = store(false);
        QVERIFY(TestSupport::execAll(path, changes));
        auto backend = open(path, SqlBackend::DefaultWorkspace);
        QVERIFY(backend);
        const Capabilities caps = backend->capabilities();
        QCOMPARE(caps.schemaRevision, QStringLiteral("f00dfeed1234"));
        QCOMPARE(caps.readOnly, !reason.isEmpty());
        QVERIFY2(caps.readOnlyReason.contains(reason), qPrintable(caps.readOnlyReason));
        QVERIFY(backend->model(Churn).ok());
        if (reason.isEmpty()) {
            QVERIFY(backend->createModel(QStringLiteral("after-upgrade"), {}, {}).ok());
            QVERIFY(backend->setModelTag(Churn, QStringLiteral("k"), QStringLiteral("v")).ok());
        } else {
            QCOMPARE(backend->createModel(QStringLiteral("after-upgrade"), {}, {}).error().code(),
                     ErrorCode::PermissionDenied);
        }
        backend.reset();
        QCOMPARE(TestSupport::queryScalar(path,
                                          QStringLiteral("SELECT version_num FROM "
                                                         "alembic_version")),
                 QStringLiteral("f00dfeed1234"));
    }

    // Through a server: X-MLFLOW-WORKSPACE goes only to one whose features say workspaces
    // are enabled, and there it selects what is read and written.
    void serversGetTheHeaderOnlyWhenEnabled()
    {
        const QString path = store(true);
        TestSupport::FakeMlflowServer server(path);
        QVERIFY2(server.errorString().isEmpty(), qPrintable(server.errorString()));
        server.setVersionText("3.12.1");
        QVERIFY(server.listen() != 0);
        const auto headerSent = [&server] {
            const QList<TestSupport::RecordedRequest> requests = server.requests();
            return std::any_of(requests.cbegin(), requests.cend(), [](const auto &request) {
                return request.hasHeader("X-MLFLOW-WORKSPACE");
            });
        };

        for (const std::optional<bool> features :
             {std::optional<bool>(), std::optional<bool>(false)}) {
            server.setWorkspaces(features);
            server.clearRequests();
            ServerOptions options;
            options.url = server.url();
            RestRegistry plain(options);
            QVERIFY(await(plain.open()).ok());
            QCOMPARE(plain.capabilities().workspaces, QStringList {QStringLiteral("default")});
            QVERIFY(await(plain.model(Churn)).ok());
            QVERIFY(!headerSent());
            options.workspace = TeamA;
            RestRegistry refused(options);
            const auto opened = await(refused.open());
            QVERIFY(!opened);
            QVERIFY(opened.error().message().contains(QLatin1String("no workspaces enabled")));
        }

        server.setWorkspaces(true);
        server.clearRequests();
        ServerOptions options;
        options.url = server.url();
        options.workspace = TeamA;
        RestRegistry registry(options);
        const auto opened = await(registry.open());
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message()));
        QCOMPARE(registry.capabilities().workspace, TeamA);
        QCOMPARE(registry.capabilities().workspaces,
                 (QStringList {QStringLiteral("default"), TeamA}));
        const auto model = await(registry.model(Churn));
        QVERIFY(model.ok());
        QCOMPARE(model->description, QStringLiteral("team A's"));
        QVERIFY(
            await(registry.setModelTag(Churn, QStringLiteral("via"), QStringLiteral("rest"))).ok());
        const QList<TestSupport::RecordedRequest> requests = server.requests();
        for (const TestSupport::RecordedRequest &request : requests) {
            if (request.endpoint == QLatin1String("server-features")
                || request.endpoint == QLatin1String("version"))
                continue;
            QVERIFY2(request.header("X-MLFLOW-WORKSPACE") == "team-a", qPrintable(request.path));
        }
        auto direct = open(path, TeamA);
        QCOMPARE(count(*direct,
                       QStringLiteral("SELECT count(*) FROM registered_model_tags WHERE "
                                      "key = 'via' AND workspace = 'team-a'")),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaces)
#include "tst_workspaces.moc"
