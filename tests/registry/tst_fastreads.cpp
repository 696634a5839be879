// The store's fast read paths answer exactly as the plain ones: ModelDesk's indexes (latest
// versions found by seeks, tags by version or by range) against the same store without them,
// answers streamed in parts against whole answers, and the queue that carries the parts.
#include "tests/registry/transcripts.h"

#include "registry/json/liststream.h"
#include "registry/partqueue.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace ModelDesk;

namespace {

QString errorOf(const RegistryError &error)
{
    return error.message() + QLatin1Char(' ') + error.detail();
}

bool exec(SqlBackend &backend, const QString &sql)
{
    QSqlQuery query(backend.database());
    if (!query.exec(sql)) {
        qWarning("%s", qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

// Everything the reads that use the indexes answer, in a comparable form.
struct Answers
{
    QList<RegisteredModel> models;
    RegisteredModel big;
    QList<ModelVersion> latest;
    QList<ModelVersion> bigVersions;
    QList<ModelVersion> firstFifty;
    QList<ModelVersion> tagged;
};

Answers readAll(SqlBackend &backend)
{
    Answers answers;
    SearchRequest all;
    all.maxResults = 1000;
    if (auto page = backend.searchModels(all))
        answers.models = page->items;
    if (auto model = backend.model(QStringLiteral("big")))
        answers.big = *model;
    if (auto latest = backend.latestVersions(QStringLiteral("big"), {}))
        answers.latest = *latest;
    SearchRequest versions;
    versions.filter = QStringLiteral("name = 'big'");
    if (auto page = backend.searchVersions(versions))
        answers.bigVersions = page->items;
    versions.maxResults = 50;
    if (auto page = backend.searchVersions(versions))
        answers.firstFifty = page->items;
    SearchRequest tagged;
    tagged.filter = QStringLiteral("tags.flavour = 'odd'");
    if (auto page = backend.searchVersions(tagged))
        answers.tagged = page->items;
    return answers;
}

} // namespace

class TestFastReads : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    qint64 m_time = 1'700'000'000'000;

    std::unique_ptr<SqlBackend> freshStore(QString *pathOut)
    {
        *pathOut = m_dir.filePath(QStringLiteral("store%1.db").arg(++m_counter));
        if (const auto created = SqlBackend::initialize(*pathOut); !created)
            qFatal("initialize failed: %s", qPrintable(created.error().message()));
        auto backend = SqlBackend::open(*pathOut, SqlBackend::OpenMode::ReadWrite);
        if (!backend)
            qFatal("open failed: %s", qPrintable(backend.error().message()));
        (*backend)->setClock([this] { return m_time += 1000; });
        return std::move(backend).value();
    }

    // `count` versions of `name` and a tag on each, written in one transaction.
    static bool insertVersions(SqlBackend &backend, const QString &name, int count)
    {
        QSqlDatabase db = backend.database();
        if (!db.transaction())
            return false;
        QSqlQuery version(db);
        version.prepare(QStringLiteral(
            "INSERT INTO model_versions (name, version, creation_time, last_updated_time, "
            "description, user_id, current_stage, source, run_id, status, status_message, "
            "run_link, storage_location) VALUES (?, ?, ?, ?, '', 'bench', 'None', ?, '', "
            "'READY', NULL, '', NULL)"));
        QSqlQuery tag(db);
        tag.prepare(QStringLiteral(
            "INSERT INTO model_version_tags (key, value, name, version) VALUES (?, ?, ?, ?)"));
        for (int number = 1; number <= count; ++number) {
            version.addBindValue(name);
            version.addBindValue(number);
            version.addBindValue(qint64(1'600'000'000'000) + number);
            version.addBindValue(qint64(1'600'000'000'000) + number);
            version.addBindValue(QStringLiteral("s3://bucket/%1/%2").arg(name).arg(number));
            tag.addBindValue(QStringLiteral("build"));
            tag.addBindValue(QString::number(number));
            tag.addBindValue(name);
            tag.addBindValue(number);
            if (!version.exec() || !tag.exec())
                return false;
        }
        return db.commit();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void layoutFindsTheIndexesByTheirColumns()
    {
        QString path;
        auto store = freshStore(&path);
        QVERIFY(!store->layout().versionTagsIndex.isEmpty());
        QVERIFY(!store->layout().versionStageIndex.isEmpty());

        // Renamed, an index with the same columns is still found (and quoted where used).
        QVERIFY(exec(*store, QStringLiteral("DROP INDEX modeldesk_model_versions_name_stage")));
        QVERIFY(exec(*store,
                     QStringLiteral("CREATE INDEX \"odd \"\"name\" ON model_versions "
                                    "(name, current_stage, version)")));
        store.reset();
        auto reopened = SqlBackend::open(path, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(reopened.ok());
        QCOMPARE((*reopened)->layout().versionStageIndex, QStringLiteral("odd \"name"));
        QVERIFY((*reopened)->model(QStringLiteral("none")).error().code()
                == ErrorCode::ResourceDoesNotExist);
        QVERIFY((*reopened)->latestVersions(QStringLiteral("none"), {}).error().code()
                == ErrorCode::ResourceDoesNotExist);

        // Indexes that cannot answer the statements naming them are not taken: a partial one,
        // one in another collation.
        {
            auto writable = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
            QVERIFY(writable.ok());
            QVERIFY(exec(**writable, QStringLiteral("DROP INDEX \"odd \"\"name\"")));
            QVERIFY(exec(**writable, QStringLiteral("CREATE INDEX partial ON model_versions "
                                                    "(name, current_stage, version) WHERE "
                                                    "version > 10")));
            QVERIFY(exec(**writable, QStringLiteral("CREATE INDEX nocase ON model_versions "
                                                    "(name COLLATE NOCASE, current_stage, "
                                                    "version)")));
        }
        auto others = SqlBackend::open(path, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(others.ok());
        QVERIFY((*others)->layout().versionStageIndex.isEmpty());
        QVERIFY(!(*others)->layout().versionTagsIndex.isEmpty());
        QVERIFY((*others)->searchModels({}).ok());

        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        const QString copy = m_dir.filePath(QStringLiteral("mlflow-2.22.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), copy));
        auto mlflow = SqlBackend::open(copy, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(mlflow.ok());
        QVERIFY((*mlflow)->layout().versionTagsIndex.isEmpty());
        QVERIFY((*mlflow)->layout().versionStageIndex.isEmpty());
    }

    void indexedReadsAnswerAsPlainReads()
    {
        QString path;
        auto store = freshStore(&path);
        QVERIFY(store->createModel(QStringLiteral("big"), {}, {}).ok());
        for (int i = 0; i < 12; ++i)
            QVERIFY(store->createModel(QStringLiteral("small-%1").arg(i), {}, {}).ok());
        // 300 versions in every stage, tags in an order that differs from their keys',
        // a deleted version; small models with a few versions each.
        for (int number = 1; number <= 300; ++number) {
            CreateVersionRequest request;
            request.name = QStringLiteral("big");
            request.source = QStringLiteral("s3://b/%1").arg(number);
            request.tags = {{QStringLiteral("z-first"), QString::number(number)},
                            {QStringLiteral("flavour"),
                             number % 2 ? QStringLiteral("odd") : QStringLiteral("even")}};
            const auto created = store->createVersion(request);
            QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(errorOf(created.error())));
        }
        const QStringList stages {QStringLiteral("Staging"), QStringLiteral("Production"),
                                  QStringLiteral("Archived")};
        for (int number : {5, 17, 18, 120, 250, 251, 299}) {
            const auto moved = store->transitionStage(QStringLiteral("big"), number,
                                                      stages.at(number % 3), ArchiveExisting::No);
            QVERIFY(moved.ok());
        }
        QVERIFY(store->deleteVersion(QStringLiteral("big"), 300).ok());
        for (int i = 0; i < 12; ++i) {
            for (int v = 0; v <= i % 4; ++v) {
                CreateVersionRequest request;
                request.name = QStringLiteral("small-%1").arg(i);
                request.source = QStringLiteral("s3://s/%1").arg(v);
                request.tags = {{QStringLiteral("k"), QString::number(v)}};
                QVERIFY(store->createVersion(request).ok());
            }
            if (i % 2) {
                QVERIFY(store
                            ->transitionStage(QStringLiteral("small-%1").arg(i), 1,
                                              QStringLiteral("Production"), ArchiveExisting::No)
                            .ok());
            }
        }
        const Answers indexed = readAll(*store);
        QCOMPARE(indexed.models.size(), 13);
        QCOMPARE(indexed.bigVersions.size(), 299);
        QCOMPARE(indexed.firstFifty.size(), 50);
        QCOMPARE(indexed.tagged.size(), 150);
        // The big model's latest versions: one per stage, stages by their lowest version.
        QStringList latest;
        for (const ModelVersion &version : indexed.big.latestVersions)
            latest << version.currentStage + QLatin1Char(':') + QString::number(version.version);
        QCOMPARE(latest,
                 (QStringList {QStringLiteral("None:298"), QStringLiteral("Archived:299"),
                               QStringLiteral("Staging:120"), QStringLiteral("Production:250")}));
        QCOMPARE(indexed.big.latestVersions.first().tags,
                 (QList<Tag> {{QStringLiteral("z-first"), QStringLiteral("298")},
                              {QStringLiteral("flavour"), QStringLiteral("even")}}));

        store.reset();
        const QString plainPath = m_dir.filePath(QStringLiteral("plain.db"));
        QVERIFY(QFile::copy(path, plainPath));
        {
            auto plain = SqlBackend::open(plainPath, SqlBackend::OpenMode::ReadWrite);
            QVERIFY(plain.ok());
            QVERIFY(
                exec(**plain, QStringLiteral("DROP INDEX modeldesk_model_versions_name_stage")));
            QVERIFY(exec(**plain,
                         QStringLiteral("DROP INDEX modeldesk_model_version_tags_name_version")));
        }
        auto plain = SqlBackend::open(plainPath, SqlBackend::OpenMode::ReadOnly);
        QVERIFY(plain.ok());
        QVERIFY((*plain)->layout().versionStageIndex.isEmpty());
        QVERIFY((*plain)->layout().versionTagsIndex.isEmpty());
        const Answers scanned = readAll(**plain);
        QCOMPARE(indexed.models, scanned.models);
        QCOMPARE(indexed.big, scanned.big);
        QCOMPARE(indexed.latest, scanned.latest);
        QCOMPARE(indexed.bigVersions, scanned.bigVersions);
        QCOMPARE(indexed.firstFifty, scanned.firstFifty);
        QCOMPARE(indexed.tagged, scanned.tagged);
    }

    void streamedVersionsAreTheWholePage()
    {
        QString path;
        auto store = freshStore(&path);
        QVERIFY(store->createModel(QStringLiteral("many"), {}, {}).ok());
        QVERIFY(insertVersions(*store, QStringLiteral("many"), 12'000));

        SearchRequest request;
        request.filter = QStringLiteral("name = 'many'");
        request.maxResults = 11'000;
        const auto whole = store->searchVersions(request);
        QVERIFY(whole.ok());
        QCOMPARE(whole->items.size(), 11'000);
        QVERIFY(!whole->nextPageToken.isEmpty());

        QList<qsizetype> partSizes;
        QList<ModelVersion> joined;
        const auto streamed = store->searchVersions(request, [&](QList<ModelVersion> part) {
            partSizes << part.size();
            joined += part;
            return true;
        });
        QVERIFY(streamed.ok());
        QVERIFY(streamed->items.isEmpty());
        QCOMPARE(streamed->nextPageToken, whole->nextPageToken);
        QVERIFY2(partSizes.size() >= 3, qPrintable(QString::number(partSizes.size())));
        QCOMPARE(joined, whole->items);
        QCOMPARE(joined.first().tags,
                 (QList<Tag> {{QStringLiteral("build"), QStringLiteral("12000")}}));

        // A reader that stops ends the read with CANCELLED after the first part.
        int parts = 0;
        const auto stopped = store->searchVersions(request, [&](QList<ModelVersion>) {
            ++parts;
            return false;
        });
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code(), ErrorCode::Cancelled);
        QCOMPARE(parts, 1);
    }

    void streamedMetricIsTheWholeHistory()
    {
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        const QString copy = m_dir.filePath(QStringLiteral("metric.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        auto backend = SqlBackend::open(copy, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        SqlBackend &store = **backend;
        QSqlQuery query(store.database());
        QVERIFY(query.exec(QStringLiteral("SELECT run_uuid FROM runs LIMIT 1")) && query.next());
        const QString runId = query.value(0).toString();
        // 120,000 points, inserted out of order, some NaN.
        QVERIFY(
            exec(store,
                 QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
                                "WHERE i < 119999) INSERT INTO metrics (key, value, timestamp, "
                                "run_uuid, step, is_nan) SELECT 'long', (i * 7919) % 1000, "
                                "1700000000000 + (i * 7919) % 120000, '%1', i, i % 5000 = 0 "
                                "FROM n")
                     .arg(runId)));
        const auto whole = store.metricHistory(runId, QStringLiteral("long"));
        QVERIFY(whole.ok());
        QCOMPARE(whole->size(), 120'000);
        QVERIFY(
            std::is_sorted(whole->cbegin(), whole->cend(), [](const Metric &a, const Metric &b) {
                return a.timestamp < b.timestamp;
            }));
        QVERIFY(std::isnan(whole->first().value)); // i = 0 is NaN

        int parts = 0;
        QList<Metric> joined;
        const auto streamed
            = store.metricHistory(runId, QStringLiteral("long"), [&](QList<Metric> part) {
                  ++parts;
                  joined += part;
                  return true;
              });
        QVERIFY(streamed.ok());
        QVERIFY(parts >= 2);
        QCOMPARE(joined.size(), whole->size());
        for (qsizetype i = 0; i < joined.size(); ++i) {
            const Metric &a = joined.at(i);
            const Metric &b = whole->at(i);
            QVERIFY(a.key == b.key && a.timestamp == b.timestamp && a.step == b.step
                    && (a.value == b.value || (std::isnan(a.value) && std::isnan(b.value))));
        }
        QCOMPARE(store
                     .metricHistory(QStringLiteral("0123456789abcdef0123456789abcdef"),
                                    QStringLiteral("long"), [](QList<Metric>) { return true; })
                     .error()
                     .code(),
                 ErrorCode::ResourceDoesNotExist);
    }

    void registryStreamsOnItsThread()
    {
        QString path;
        {
            auto store = freshStore(&path);
            QVERIFY(store->createModel(QStringLiteral("many"), {}, {}).ok());
            QVERIFY(insertVersions(*store, QStringLiteral("many"), 12'000));
        }
        SqlRegistry registry(path, SqlBackend::OpenMode::ReadOnly);
        registry.open().waitForFinished();
        SearchRequest request;
        request.filter = QStringLiteral("name = 'many'");
        auto queue = std::make_shared<PartQueue<ModelVersion>>(1);
        auto future = registry.streamVersions(
            request, [queue](QList<ModelVersion> part) { return queue->push(std::move(part)); });
        // The registry waits for a reader that is a little behind (up to the queue's
        // patience, 500 ms) instead of reading ahead without bound.
        QThread::msleep(100);
        QVERIFY(!future.isFinished());
        qsizetype read = 0;
        std::optional<qint64> first;
        while (read < 12'000) {
            auto part = queue->pop();
            QVERIFY(part.has_value());
            if (!first)
                first = part->first().version;
            read += part->size();
        }
        future.waitForFinished();
        QVERIFY(future.result().ok());
        QCOMPARE(read, 12'000);
        QCOMPARE(*first, qint64(12'000)); // MLflow's default order: newest first
    }

    void queueStopReleasesAWaitingWriter()
    {
        PartQueue<int> queue(1);
        QVERIFY(queue.push({1}));
        std::atomic<int> result {-1};
        std::unique_ptr<QThread> writer(QThread::create([&] { result = queue.push({2}) ? 1 : 0; }));
        writer->start();
        QThread::msleep(50);
        QCOMPARE(result.load(), -1); // waiting: the queue is full
        queue.stop();
        QVERIFY(writer->wait(5000));
        QCOMPARE(result.load(), 0);
        QVERIFY(!queue.push({3}));
    }

    void aStalledReaderDoesNotHoldTheRead()
    {
        // Two parts fit; the third waits for the reader at most the queue's patience, and
        // after that nothing waits, so a local store's read ends however slow the reader.
        PartQueue<int> queue(2, 100);
        QVERIFY(queue.push({1}));
        QVERIFY(queue.push({2}));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(queue.push({3}));
        QVERIFY(timer.elapsed() >= 90);
        timer.restart();
        for (int i = 4; i < 50; ++i)
            QVERIFY(queue.push({i}));
        QVERIFY(timer.elapsed() < 90);
        for (int i = 1; i < 50; ++i)
            QCOMPARE(queue.pop(), std::optional<QList<int>>(QList<int>{i}));
    }

    void jsonTextIsUtf8AsQtWritesIt()
    {
        const QString text = QStringLiteral("a\"\\\n\t\u0001\u00e9\u20ac") + QChar(0xD83D)
                             + QChar(0xDE00) + QChar(0xD800) + QStringLiteral("b") + QChar(0xDC00);
        QCOMPARE(MlflowJson::Value(text).toJson(),
                 QByteArray("\"a\\\"\\\\\\n\\t\\u0001\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80?b?\""));
        // Where the string has no escapes, the same bytes as QString::toUtf8().
        const QString plain = QStringLiteral("\u00e9") + QChar(0xD800) + QStringLiteral("x");
        QCOMPARE(MlflowJson::Value(plain).toJson(), '"' + plain.toUtf8() + '"');
    }

    void listStreamPrintsWhatTheWholeResponsePrints_data()
    {
        QTest::addColumn<int>("items");
        QTest::addColumn<QString>("token");
        QTest::newRow("none") << 0 << QString();
        QTest::newRow("none, a token") << 0 << QStringLiteral("abc");
        QTest::newRow("one") << 1 << QString();
        QTest::newRow("many, a token") << 30'000 << QStringLiteral("tok\"en");
    }

    void listStreamPrintsWhatTheWholeResponsePrints()
    {
        QFETCH(int, items);
        QFETCH(QString, token);
        Page<ModelVersion> page;
        for (int i = 0; i < items; ++i) {
            ModelVersion version;
            version.name = QStringLiteral("m\u00e9\U0001F600\n");
            version.version = i + 1;
            version.tags = {{QStringLiteral("k"), QString::number(i)}};
            page.items.append(version);
        }
        page.nextPageToken = token;
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        MlflowJson::ListStream stream(buffer, QStringLiteral("model_versions"));
        for (const ModelVersion &version : std::as_const(page.items))
            stream.append(MlflowJson::modelVersion(version, MlflowJson::Aliases::Omit));
        QVERIFY(stream.finish(token));
        QCOMPARE(
            buffer.data(),
            MlflowJson::Value(MlflowJson::searchVersionsResponse(page, MlflowJson::Aliases::Omit))
                .toJson());
    }
};

QTEST_GUILESS_MAIN(TestFastReads)
#include "tst_fastreads.moc"
