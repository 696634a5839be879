// The REST client against the fake MLflow server serving a demo store: every read answers
// what the SQL store answers for the same call, writes land in the store, errors arrive typed
// and worded for the user, and calls keep their order.

#include "registry/demo/demogenerator.h"
#include "registry/json/mlflowjson.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlbackend.h"
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/rest/awaitresult.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ModelDesk;
using TestSupport::await;

namespace {

QByteArray json(const MlflowJson::Value::Object &object)
{
    return MlflowJson::Value(object).toJson();
}

} // namespace

class TestRestRegistry : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void opensAndDetectsTheServer();
    void searchesPageLikeTheStore_data();
    void searchesPageLikeTheStore();
    void readsMatchTheStore();
    void writesLandInTheStore();
    void staleEditsConflict();
    void callsKeepTheirOrder();
    void mlflowErrorsKeepCodeAndMessage();
    void unreachableServerIsNamed();
    void notAnMlflowServer();

private:
    std::unique_ptr<RestRegistry> connectedRegistry(ServerOptions options = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_store;
    std::unique_ptr<TestSupport::FakeMlflowServer> m_server;
    std::unique_ptr<SqlBackend> m_direct; // the same store, read without the server
};

void TestRestRegistry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = m_dir->filePath(QStringLiteral("registry.db"));
    DemoOptions demo;
    demo.models = 6;
    demo.versionsPerModel = 4;
    demo.metricSteps = 40;
    QVERIFY(createDemoStore(m_store, demo));
    m_server = std::make_unique<TestSupport::FakeMlflowServer>(m_store);
    QVERIFY2(m_server->errorString().isEmpty(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->listen() != 0);
    auto direct = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadOnly);
    QVERIFY(direct);
    m_direct = std::move(direct).value();
}

void TestRestRegistry::cleanup()
{
    m_direct.reset();
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<RestRegistry> TestRestRegistry::connectedRegistry(ServerOptions options)
{
    if (options.url.isEmpty())
        options.url = m_server->url();
    auto registry = std::make_unique<RestRegistry>(options);
    const auto opened = await(registry->open());
    if (!opened)
        qWarning("open failed: %s", qPrintable(opened.error().message()));
    return opened ? std::move(registry) : nullptr;
}

void TestRestRegistry::opensAndDetectsTheServer()
{
    auto registry = connectedRegistry();
    QVERIFY(registry);
    const Capabilities caps = registry->capabilities();
    QCOMPARE(caps.serverVersion, QString::fromLatin1(TestSupport::FakeMlflowServer::versionText()));
    QCOMPARE(caps.backendName, QStringLiteral("MLflow server"));
    QVERIFY(!caps.loggedModels); // a 2.x server
    QVERIFY(!caps.readOnly);
    QCOMPARE(registry->location(), m_server->url().toString());
}

void TestRestRegistry::searchesPageLikeTheStore_data()
{
    QTest::addColumn<bool>("versions");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("orderBy");
    QTest::newRow("models") << false << QString() << QStringList();
    QTest::newRow("models by update time")
        << false << QString() << QStringList{QStringLiteral("last_updated_timestamp DESC")};
    QTest::newRow("models matching")
        << false << QStringLiteral("name ILIKE '%a%'") << QStringList();
    QTest::newRow("versions") << true << QString() << QStringList();
    QTest::newRow("versions newest first")
        << true << QStringLiteral("version_number >= 2")
        << QStringList{QStringLiteral("version_number DESC"), QStringLiteral("name")};
}

void TestRestRegistry::searchesPageLikeTheStore()
{
    QFETCH(bool, versions);
    QFETCH(QString, filter);
    QFETCH(QStringList, orderBy);
    auto registry = connectedRegistry();
    QVERIFY(registry);

    // Page by page, one item each: page tokens (base64 with '=') travel intact.
    m_server->clearRequests();
    SearchRequest request{filter, orderBy, 1, {}};
    QByteArray paged;
    int pages = 0;
    do {
        if (versions) {
            const auto page = await(registry->searchVersions(request));
            VERIFY_OK(page);
            QVERIFY(page->items.size() <= 1);
            for (const ModelVersion &version : page->items)
                paged += json(MlflowJson::modelVersion(version, MlflowJson::Aliases::Omit));
            request.pageToken = page->nextPageToken;
        } else {
            const auto page = await(registry->searchModels(request));
            VERIFY_OK(page);
            QVERIFY(page->items.size() <= 1);
            for (const RegisteredModel &model : page->items)
                paged += json(MlflowJson::registeredModel(model));
            request.pageToken = page->nextPageToken;
        }
        ++pages;
    } while (!request.pageToken.isEmpty() && pages < 1000);

    QByteArray direct;
    const SearchRequest all{filter, orderBy, 1000, {}};
    if (versions) {
        const auto page = m_direct->searchVersions(all);
        QVERIFY(page);
        for (const ModelVersion &version : page->items)
            direct += json(MlflowJson::modelVersion(version, MlflowJson::Aliases::Omit));
        QCOMPARE(pages, qMax(1, int(page->items.size())));
    } else {
        const auto page = m_direct->searchModels(all);
        QVERIFY(page);
        for (const RegisteredModel &model : page->items)
            direct += json(MlflowJson::registeredModel(model));
        QCOMPARE(pages, qMax(1, int(page->items.size())));
    }
    QVERIFY(!direct.isEmpty());
    QCOMPARE(paged, direct);
    // Each page was read ahead while the one before it was read, and then used: the server
    // saw every page exactly once.
    const QString endpoint = versions ? QStringLiteral("model-versions/search")
                                      : QStringLiteral("registered-models/search");
    QCOMPARE(m_server->hitCount(endpoint), pages);
}

void TestRestRegistry::readsMatchTheStore()
{
    auto registry = connectedRegistry();
    QVERIFY(registry);
    const auto models = m_direct->searchModels({QString(), {}, 100, {}});
    QVERIFY(models);
    int runsRead = 0;
    for (const RegisteredModel &listed : models->items) {
        const auto model = await(registry->model(listed.name));
        VERIFY_OK(model);
        QCOMPARE(json(MlflowJson::registeredModelResponse(*model)),
                 json(MlflowJson::registeredModelResponse(*m_direct->model(listed.name))));

        const auto latest = await(registry->latestVersions(listed.name, {}));
        QVERIFY(latest);
        QCOMPARE(json(MlflowJson::modelVersionsResponse(*latest)),
                 json(MlflowJson::modelVersionsResponse(
                     *m_direct->latestVersions(listed.name, {}))));

        for (const Alias &alias : model->aliases) {
            const auto byAlias = await(registry->versionByAlias(listed.name, alias.alias));
            VERIFY_OK(byAlias);
            QCOMPARE(byAlias->version, alias.version);
            QCOMPARE(json(MlflowJson::modelVersionResponse(*byAlias)),
                     json(MlflowJson::modelVersionResponse(
                         *m_direct->versionByAlias(listed.name, alias.alias))));
        }
        for (const ModelVersion &newest : model->latestVersions) {
            const auto version = await(registry->version(listed.name, newest.version));
            QVERIFY(version);
            QCOMPARE(json(MlflowJson::modelVersionResponse(*version)),
                     json(MlflowJson::modelVersionResponse(
                         *m_direct->version(listed.name, newest.version))));
            const auto uri = await(registry->downloadUri(listed.name, newest.version));
            QVERIFY(uri);
            QCOMPARE(*uri, *m_direct->downloadUri(listed.name, newest.version));

            if (!version->runId || version->runId->isEmpty() || runsRead >= 3)
                continue;
            const auto run = await(registry->run(*version->runId));
            VERIFY_OK(run);
            QCOMPARE(json(MlflowJson::runResponse(*run)),
                     json(MlflowJson::runResponse(*m_direct->run(*version->runId))));
            for (const Metric &metric : run->metrics) {
                const auto history = await(registry->metricHistory(run->info.runId, metric.key));
                QVERIFY(history);
                QVERIFY(history->size() > 1);
                QCOMPARE(json(MlflowJson::metricHistoryResponse(*history)),
                         json(MlflowJson::metricHistoryResponse(
                             *m_direct->metricHistory(run->info.runId, metric.key))));
            }
            ++runsRead;
        }
    }
    QVERIFY(runsRead > 0);
}

void TestRestRegistry::writesLandInTheStore()
{
    auto registry = connectedRegistry();
    QVERIFY(registry);
    QStringList changed;
    connect(registry.get(), &Registry::modelChanged, this,
            [&changed](const QString &name) { changed.append(name); });

    const QString name = QStringLiteral("written over REST ✓");
    const auto created = await(registry->createModel(
        name, QStringLiteral("first"), {{QStringLiteral("team"), QStringLiteral("a")}}));
    VERIFY_OK(created);
    QCOMPARE(created->name, name);
    QCOMPARE(created->description, QStringLiteral("first"));

    CreateVersionRequest request;
    request.name = name;
    request.source = QStringLiteral("s3://bucket/model");
    request.tags = {{QStringLiteral("k"), QStringLiteral("v")}};
    const auto v1 = await(registry->createVersion(request));
    VERIFY_OK(v1);
    QCOMPARE(v1->version, 1);
    QCOMPARE(v1->runId, std::optional<QString>(QString())); // MLflow stores '' when absent
    const auto v2 = await(registry->createVersion(request));
    QVERIFY(v2);
    QCOMPARE(v2->version, 2);

    QVERIFY(await(registry->setModelTag(name, QStringLiteral("owner"), QStringLiteral("me"))));
    QVERIFY(await(registry->deleteModelTag(name, QStringLiteral("team"))));
    QVERIFY(await(registry->setVersionTag(name, 1, QStringLiteral("x"), QStringLiteral("y"))));
    QVERIFY(await(registry->deleteVersionTag(name, 1, QStringLiteral("k"))));
    QVERIFY(await(registry->setAlias(name, QStringLiteral("champion"), 2)));
    QVERIFY(await(registry->setAlias(name, QStringLiteral("old"), 1)));
    QVERIFY(await(registry->deleteAlias(name, QStringLiteral("old"))));
    const auto described = await(registry->updateVersionDescription(name, 1, std::nullopt, {}));
    QVERIFY(described);
    QCOMPARE(described->description, std::nullopt);
    const auto moved = await(registry->transitionStage(name, 2, QStringLiteral("production"),
                                                       ArchiveExisting::Yes));
    VERIFY_OK(moved);
    QCOMPARE(moved->currentStage, QStringLiteral("Production"));
    QVERIFY(await(registry->deleteVersion(name, 1)));
    const auto updated = await(registry->updateModelDescription(name, QStringLiteral("second"), {}));
    QVERIFY(updated);

    // What the server's store now holds, read directly.
    const auto stored = m_direct->model(name);
    VERIFY_OK(stored);
    QCOMPARE(stored->description, QStringLiteral("second"));
    QCOMPARE(stored->tags, (QList<Tag>{{QStringLiteral("owner"), QStringLiteral("me")}}));
    QCOMPARE(stored->aliases, (QList<Alias>{{QStringLiteral("champion"), 2}}));
    QCOMPARE(m_direct->version(name, 1).error().code(), ErrorCode::ResourceDoesNotExist);
    QCOMPARE(m_direct->version(name, 2)->currentStage, QStringLiteral("Production"));

    const QString renamed = QStringLiteral("renamed over REST");
    const auto afterRename = await(registry->renameModel(name, renamed));
    QVERIFY(afterRename);
    QCOMPARE(afterRename->name, renamed);
    QVERIFY(await(registry->deleteModel(renamed)));
    QCOMPARE(m_direct->model(renamed).error().code(), ErrorCode::ResourceDoesNotExist);

    // One announcement per write, the last for the renamed model's deletion.
    QTRY_COMPARE(changed.size(), 16);
    QCOMPARE(changed.count(name), 15);
    QCOMPARE(changed.last(), renamed);
}

void TestRestRegistry::staleEditsConflict()
{
    auto registry = connectedRegistry();
    QVERIFY(registry);
    const auto models = await(registry->searchModels({QString(), {}, 1, {}}));
    QVERIFY(models && !models->items.isEmpty());
    const RegisteredModel seen = models->items.first();

    const auto stale = await(registry->updateModelDescription(
        seen.name, QStringLiteral("mine"), seen.lastUpdatedTimestamp - 1));
    QVERIFY(!stale);
    QCOMPARE(stale.error().code(), ErrorCode::Conflict);
    QVERIFY(stale.error().message().contains(seen.name));
    QCOMPARE(m_direct->model(seen.name)->description, seen.description);

    const auto fresh = await(registry->updateModelDescription(seen.name, QStringLiteral("mine"),
                                                              seen.lastUpdatedTimestamp));
    VERIFY_OK(fresh);
    QCOMPARE(m_direct->model(seen.name)->description, QStringLiteral("mine"));

    const ModelVersion version = seen.latestVersions.first();
    const auto staleVersion = await(registry->updateVersionDescription(
        seen.name, version.version, QStringLiteral("x"), version.lastUpdatedTimestamp + 1));
    QCOMPARE(staleVersion.error().code(), ErrorCode::Conflict);
}

void TestRestRegistry::callsKeepTheirOrder()
{
    auto registry = connectedRegistry();
    QVERIFY(registry);
    const QString name = m_direct->searchModels({QString(), {}, 1, {}})->items.first().name;
    // Issued together, answered in the order made: the read after the write sees it.
    auto set = registry->setModelTag(name, QStringLiteral("order"), QStringLiteral("1"));
    auto afterSet = registry->model(name);
    auto remove = registry->deleteModelTag(name, QStringLiteral("order"));
    auto afterRemove = registry->model(name);
    QVERIFY(await(set));
    QVERIFY(await(remove));
    const auto first = await(afterSet);
    const auto second = await(afterRemove);
    QVERIFY(first && second);
    QVERIFY(first->tags.contains(Tag{QStringLiteral("order"), QStringLiteral("1")}));
    QVERIFY(!second->tags.contains(Tag{QStringLiteral("order"), QStringLiteral("1")}));
}

void TestRestRegistry::mlflowErrorsKeepCodeAndMessage()
{
    auto registry = connectedRegistry();
    QVERIFY(registry);
    const auto missing = await(registry->model(QStringLiteral("no such model")));
    QCOMPARE(missing.error().code(), ErrorCode::ResourceDoesNotExist);
    QCOMPARE(missing.error().message(), m_direct->model(QStringLiteral("no such model")).error().message());

    const QString existing = m_direct->searchModels({QString(), {}, 1, {}})->items.first().name;
    const auto duplicate = await(registry->createModel(existing, QString(), {}));
    QCOMPARE(duplicate.error().code(), ErrorCode::ResourceAlreadyExists);
    QVERIFY(duplicate.error().message().contains(existing));

    const auto badFilter = await(registry->searchModels({QStringLiteral("name = 'a' OR name = 'b'"), {}, 10, {}}));
    QCOMPARE(badFilter.error().code(), ErrorCode::InvalidParameterValue);
    QCOMPARE(badFilter.error().message(),
             m_direct->searchModels({QStringLiteral("name = 'a' OR name = 'b'"), {}, 10, {}})
                 .error()
                 .message());

    const auto badAlias = await(registry->versionByAlias(existing, QStringLiteral("nobody")));
    QCOMPARE(badAlias.error().code(), ErrorCode::InvalidParameterValue);

    const auto badArchive = await(registry->transitionStage(existing, 1, QStringLiteral("None"),
                                                            ArchiveExisting::Yes));
    QCOMPARE(badArchive.error().code(), ErrorCode::InternalError); // as MLflow answers
}

void TestRestRegistry::unreachableServerIsNamed()
{
    // A port nobody listens on: the fake's, once it has stopped.
    const QUrl url = m_server->url();
    m_server.reset();
    ServerOptions options;
    options.url = url;
    options.connectTimeoutMs = 5000;
    RestRegistry registry(options);
    const auto opened = await(registry.open());
    QVERIFY(!opened);
    QCOMPARE(opened.error().code(), ErrorCode::TemporarilyUnavailable);
    QVERIFY2(opened.error().message().contains(url.toString()),
             qPrintable(opened.error().message()));
}

void TestRestRegistry::notAnMlflowServer()
{
    // The right host with a wrong path: Flask's HTML 404 page, not MLflow JSON.
    ServerOptions options;
    options.url = m_server->url();
    options.url.setPath(QStringLiteral("/not-mlflow"));
    RestRegistry registry(options);
    const auto opened = await(registry.open());
    QVERIFY(!opened);
    QCOMPARE(opened.error().code(), ErrorCode::EndpointNotFound);
    QVERIFY2(opened.error().message().contains(options.url.toString()),
             qPrintable(opened.error().message()));
    QVERIFY2(opened.error().message().contains(QLatin1String("Not Found")),
             qPrintable(opened.error().message()));
}

QTEST_GUILESS_MAIN(TestRestRegistry)
#include "tst_restregistry.moc"
