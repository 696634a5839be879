// Two registries compared: every kind of change the engine tells, on registries built in
// memory (renames and approval requests included), and end to end on two copies of MLflow
// 2.22's store, one of them changed by a scripted series of writes through the Registry
// interface, read back through readRegistryContents().
#include "registry/approval/approvals.h"
#include "registry/diff/registrydiff.h"
#include "registry/registryopener.h"
#include "registry/sql/sqlregistry.h"
#include "tests/approval/actingas.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace ModelDesk;

Q_DECLARE_METATYPE(ModelDesk::RegistryContents)

namespace {

const QString RequestKey = Approval::RequestPrefix + QStringLiteral("00000000aa");

// One change as a line: kind|model|version|key|old|new, "null" where there is no value.
QStringList lines(const QList<RegistryChange> &changes)
{
    QStringList result;
    for (const RegistryChange &change : changes) {
        result << QStringList {kindName(change.kind),
                               change.model,
                               change.version,
                               change.key,
                               change.oldValue.value_or(QStringLiteral("null")),
                               change.newValue.value_or(QStringLiteral("null"))}
                      .join(QLatin1Char('|'));
    }
    return result;
}

ModelVersion version(const QString &model, qint64 number, qint64 created, const QString &stage)
{
    ModelVersion entry;
    entry.name = model;
    entry.version = number;
    entry.creationTimestamp = created;
    entry.lastUpdatedTimestamp = created;
    entry.currentStage = stage;
    entry.status = QStringLiteral("READY");
    entry.source = QStringLiteral("models:/%1/%2").arg(model).arg(number);
    return entry;
}

RegisteredModel model(const QString &name, qint64 created)
{
    RegisteredModel entry;
    entry.name = name;
    entry.creationTimestamp = created;
    entry.lastUpdatedTimestamp = created;
    return entry;
}

QString requestValue(Approval::State state)
{
    Approval::Request request;
    request.id = RequestKey.mid(Approval::RequestPrefix.size());
    request.target = Stage::Production;
    request.requester = QStringLiteral("alice");
    request.created = 1'700'000'000'000;
    request.state = state;
    if (state != Approval::State::Pending) {
        request.decidedBy = QStringLiteral("carol");
        request.decided = 1'700'000'100'000;
    }
    return Approval::encode(request);
}

// Two models with versions, tags, aliases and descriptions, and a model with none.
RegistryContents base()
{
    RegistryContents contents;
    RegisteredModel churn = model(QStringLiteral("churn"), 1000);
    churn.description = QStringLiteral("Predicts churn.");
    churn.tags = {{QStringLiteral("team"), QStringLiteral("growth")}};
    churn.aliases = {{QStringLiteral("champion"), 2}};
    RegisteredModel fraud = model(QStringLiteral("fraud"), 2000);
    fraud.tags = {{QStringLiteral("team"), QStringLiteral("risk")}};
    fraud.aliases = {{QStringLiteral("prod"), 1}};
    contents.models = {churn, fraud, model(QStringLiteral("empty"), 3000)};
    contents.versions = {version(QStringLiteral("churn"), 1, 1100, Stage::Archived),
                         version(QStringLiteral("churn"), 2, 1200, Stage::Production),
                         version(QStringLiteral("churn"), 3, 1300, Stage::Staging),
                         version(QStringLiteral("fraud"), 1, 2100, Stage::None),
                         version(QStringLiteral("fraud"), 2, 2200, Stage::None)};
    contents.versions[1].tags = {{QStringLiteral("data"), QStringLiteral("v1")}};
    contents.versions[2].description = QStringLiteral("candidate");
    return contents;
}

RegisteredModel &modelIn(RegistryContents &contents, const QString &name)
{
    return *std::find_if(contents.models.begin(), contents.models.end(),
                         [&](const RegisteredModel &entry) { return entry.name == name; });
}

ModelVersion &versionIn(RegistryContents &contents, const QString &name, qint64 number)
{
    return *std::find_if(
        contents.versions.begin(), contents.versions.end(),
        [&](const ModelVersion &entry) { return entry.name == name && entry.version == number; });
}

void renameIn(RegistryContents &contents, const QString &name, const QString &newName)
{
    modelIn(contents, name).name = newName;
    for (ModelVersion &entry : contents.versions) {
        if (entry.name == name) {
            entry.name = newName;
            entry.lastUpdatedTimestamp += 5;
        }
    }
}

void removeIn(RegistryContents &contents, const QString &name)
{
    contents.models.removeIf([&](const RegisteredModel &entry) { return entry.name == name; });
    contents.versions.removeIf([&](const ModelVersion &entry) { return entry.name == name; });
}

template<typename Edit>
RegistryContents edited(Edit edit)
{
    RegistryContents contents = base();
    edit(contents);
    return contents;
}

} // namespace

class TestRegistryDiff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Writes the same request, filed before either copy was taken, into a store.
    static bool seedRequest(Registry &registry)
    {
        const auto request = TestSupport::await(
            registry.setVersionTag(QStringLiteral("customer_churn_predictor"), 3, RequestKey,
                                   requestValue(Approval::State::Pending)));
        const auto marker = TestSupport::await(
            registry.setVersionTag(QStringLiteral("customer_churn_predictor"), 3,
                                   Approval::MarkerKey, Approval::MarkerPending));
        return request && marker;
    }

    static Result<RegistryContents> readStore(const QString &path)
    {
        auto registry = createRegistry(path, SqlBackend::OpenMode::ReadOnly);
        if (!registry)
            return registry.error();
        if (auto opened = TestSupport::await((*registry)->open()); !opened)
            return opened.error();
        return TestSupport::await(readRegistryContents(registry->get()));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void changes_data()
    {
        QTest::addColumn<RegistryContents>("a");
        QTest::addColumn<RegistryContents>("b");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("the same registry") << base() << base() << QStringList();
        QTest::newRow("model added, without what it holds")
            << base() << edited([](RegistryContents &c) {
                   RegisteredModel fresh = model(QStringLiteral("new"), 4000);
                   fresh.tags = {{QStringLiteral("team"), QStringLiteral("x")}};
                   c.models << fresh;
                   c.versions << version(QStringLiteral("new"), 1, 4100, Stage::None);
               })
            << QStringList {QStringLiteral("model_added|new|||null|null")};
        QTest::newRow("model removed, without what it held")
            << base() << edited([](RegistryContents &c) { removeIn(c, QStringLiteral("fraud")); })
            << QStringList {QStringLiteral("model_removed|fraud|||null|null")};
        QTest::newRow("model renamed, then changed under its new name")
            << base() << edited([](RegistryContents &c) {
                   renameIn(c, QStringLiteral("fraud"), QStringLiteral("fraud-v2"));
                   modelIn(c, QStringLiteral("fraud-v2")).tags[0].value = QStringLiteral("fraud");
                   versionIn(c, QStringLiteral("fraud-v2"), 2).currentStage = Stage::Staging;
               })
            << QStringList {QStringLiteral("model_renamed|fraud|||fraud|fraud-v2"),
                            QStringLiteral("tag_changed|fraud-v2||team|risk|fraud"),
                            QStringLiteral("stage_changed|fraud-v2|2||None|Staging")};
        QTest::newRow("a model with no versions renamed")
            << base() << edited([](RegistryContents &c) {
                   renameIn(c, QStringLiteral("empty"), QStringLiteral("still-empty"));
               })
            << QStringList {QStringLiteral("model_renamed|empty|||empty|still-empty")};
        QTest::newRow("no rename when the versions differ")
            << base() << edited([](RegistryContents &c) {
                   renameIn(c, QStringLiteral("fraud"), QStringLiteral("fraud-v2"));
                   c.versions.removeLast();
               })
            << QStringList {QStringLiteral("model_removed|fraud|||null|null"),
                            QStringLiteral("model_added|fraud-v2|||null|null")};
        QTest::newRow("no rename when a version was created at another time")
            << base() << edited([](RegistryContents &c) {
                   renameIn(c, QStringLiteral("fraud"), QStringLiteral("fraud-v2"));
                   versionIn(c, QStringLiteral("fraud-v2"), 2).creationTimestamp += 1;
               })
            << QStringList {QStringLiteral("model_removed|fraud|||null|null"),
                            QStringLiteral("model_added|fraud-v2|||null|null")};
        const auto twoEmpty
            = [](RegistryContents &c) { c.models << model(QStringLiteral("empty-too"), 3000); };
        QTest::newRow("no rename when two models match alike")
            << edited(twoEmpty) << edited([&](RegistryContents &c) {
                   twoEmpty(c);
                   renameIn(c, QStringLiteral("empty"), QStringLiteral("x"));
                   renameIn(c, QStringLiteral("empty-too"), QStringLiteral("y"));
               })
            << QStringList {QStringLiteral("model_removed|empty|||null|null"),
                            QStringLiteral("model_removed|empty-too|||null|null"),
                            QStringLiteral("model_added|x|||null|null"),
                            QStringLiteral("model_added|y|||null|null")};
        QTest::newRow("versions added and removed, after the model's own changes")
            << base() << edited([](RegistryContents &c) {
                   c.versions << version(QStringLiteral("churn"), 10, 1500, Stage::None)
                              << version(QStringLiteral("churn"), 9, 1400, Stage::None);
                   c.versions.removeIf(
                       [](const ModelVersion &v) { return v.name == u"fraud" && v.version == 1; });
                   modelIn(c, QStringLiteral("churn")).tags.clear();
               })
            << QStringList {QStringLiteral("tag_removed|churn||team|growth|null"),
                            QStringLiteral("version_added|churn|9||null|null"),
                            QStringLiteral("version_added|churn|10||null|null"),
                            QStringLiteral("version_removed|fraud|1||null|null")};
        QTest::newRow("stages changed")
            << base() << edited([](RegistryContents &c) {
                   versionIn(c, QStringLiteral("churn"), 2).currentStage = Stage::Archived;
                   versionIn(c, QStringLiteral("churn"), 3).currentStage = Stage::Production;
               })
            << QStringList {QStringLiteral("stage_changed|churn|2||Production|Archived"),
                            QStringLiteral("stage_changed|churn|3||Staging|Production")};
        QTest::newRow("aliases added, moved and removed")
            << base() << edited([](RegistryContents &c) {
                   modelIn(c, QStringLiteral("churn")).aliases
                       = {{QStringLiteral("challenger"), 3}, {QStringLiteral("champion"), 3}};
                   modelIn(c, QStringLiteral("fraud")).aliases.clear();
               })
            << QStringList {QStringLiteral("alias_added|churn||challenger|null|3"),
                            QStringLiteral("alias_moved|churn||champion|2|3"),
                            QStringLiteral("alias_removed|fraud||prod|1|null")};
        QTest::newRow("model tags added, changed and removed")
            << base() << edited([](RegistryContents &c) {
                   modelIn(c, QStringLiteral("churn")).tags
                       = {{QStringLiteral("team"), QStringLiteral("churn-squad")},
                          {QStringLiteral("owner"), QStringLiteral("ml")}};
                   modelIn(c, QStringLiteral("fraud")).tags.clear();
               })
            << QStringList {QStringLiteral("tag_added|churn||owner|null|ml"),
                            QStringLiteral("tag_changed|churn||team|growth|churn-squad"),
                            QStringLiteral("tag_removed|fraud||team|risk|null")};
        QTest::newRow("version tags added, changed and removed")
            << base() << edited([](RegistryContents &c) {
                   versionIn(c, QStringLiteral("churn"), 1).tags
                       = {{QStringLiteral("data"), QStringLiteral("v0")}};
                   versionIn(c, QStringLiteral("churn"), 2).tags
                       = {{QStringLiteral("data"), QStringLiteral("v2")}};
                   versionIn(c, QStringLiteral("churn"), 2)
                       .tags.prepend({QStringLiteral("approved_by"), QStringLiteral("risk")});
                   versionIn(c, QStringLiteral("fraud"), 1).tags
                       = {{QStringLiteral("origin"), QString()}};
               })
            << QStringList {QStringLiteral("tag_added|churn|1|data|null|v0"),
                            QStringLiteral("tag_added|churn|2|approved_by|null|risk"),
                            QStringLiteral("tag_changed|churn|2|data|v1|v2"),
                            QStringLiteral("tag_added|fraud|1|origin|null|")};
        QTest::newRow("descriptions changed; empty is none")
            << base() << edited([](RegistryContents &c) {
                   modelIn(c, QStringLiteral("churn")).description = QStringLiteral("Churn.");
                   modelIn(c, QStringLiteral("fraud")).description = QStringLiteral("Fraud.");
                   versionIn(c, QStringLiteral("churn"), 1).description = QString();
                   versionIn(c, QStringLiteral("churn"), 2).description = QStringLiteral("rf");
                   versionIn(c, QStringLiteral("churn"), 3).description.reset();
               })
            << QStringList {QStringLiteral("description_changed|churn|||Predicts churn.|Churn."),
                            QStringLiteral("description_changed|churn|2||null|rf"),
                            QStringLiteral("description_changed|churn|3||candidate|null"),
                            QStringLiteral("description_changed|fraud|||null|Fraud.")};

        const auto pending = [](RegistryContents &c) {
            versionIn(c, QStringLiteral("churn"), 3).tags
                = {{RequestKey, requestValue(Approval::State::Pending)},
                   {Approval::MarkerKey, Approval::MarkerPending}};
        };
        QTest::newRow("request filed, its marker left out")
            << base() << edited(pending)
            << QStringList {
                   QStringLiteral("request_added|churn|3|%1|null|pending").arg(RequestKey)};
        QTest::newRow("request decided")
            << edited(pending) << edited([](RegistryContents &c) {
                   versionIn(c, QStringLiteral("churn"), 3).tags
                       = {{RequestKey, requestValue(Approval::State::Rejected)},
                          {Approval::MarkerKey, Approval::MarkerDone}};
               })
            << QStringList {
                   QStringLiteral("request_decided|churn|3|%1|pending|rejected").arg(RequestKey)};
        QTest::newRow("a tag that only looks like a request is a tag")
            << base() << edited([](RegistryContents &c) {
                   versionIn(c, QStringLiteral("churn"), 3).tags
                       = {{RequestKey, QStringLiteral("not json")}};
               })
            << QStringList {QStringLiteral("tag_added|churn|3|%1|null|not json").arg(RequestKey)};
        QTest::newRow("approvers are a tag like any other")
            << base() << edited([](RegistryContents &c) {
                   modelIn(c, QStringLiteral("fraud"))
                       .tags.append({Approval::ApproversKey, QStringLiteral("carol")});
               })
            << QStringList {
                   QStringLiteral("tag_added|fraud||%1|null|carol").arg(Approval::ApproversKey)};
        QTest::newRow("listed in any order, some twice")
            << base() << edited([](RegistryContents &c) {
                   std::reverse(c.models.begin(), c.models.end());
                   std::reverse(c.versions.begin(), c.versions.end());
                   c.models << c.models.constFirst();
                   c.versions << c.versions.constFirst();
               })
            << QStringList();
    }

    void changes()
    {
        QFETCH(RegistryContents, a);
        QFETCH(RegistryContents, b);
        QFETCH(QStringList, expected);
        QCOMPARE(lines(diffRegistries(a, b)), expected);
    }

    // MLflow 2.22's store copied twice; on copy B a model created, one deleted, one renamed,
    // versions registered and deleted, a stage transition that archives the version in the
    // stage, aliases set, moved and deleted, tags set, changed and deleted on models and
    // versions (a prompt's too), descriptions changed, a request filed and one decided.
    void storesChangedThroughTheRegistry()
    {
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        const QString fixture = fixtures + QStringLiteral("/mlflow-2.22/mlflow.db");
        const QString pathA = m_dir.filePath(QStringLiteral("a.db"));
        const QString pathB = m_dir.filePath(QStringLiteral("b.db"));
        QVERIFY(QFile::copy(fixture, pathA));
        QVERIFY(QFile::copy(fixture, pathB));
        QString filedKey;
        {
            SqlRegistry a(pathA);
            VERIFY_OK(TestSupport::await(a.open()));
            QVERIFY(seedRequest(a));
        }
        {
            using TestSupport::await;
            SqlRegistry b(pathB);
            VERIFY_OK(await(b.open()));
            QVERIFY(seedRequest(b));
            const QString churn = QStringLiteral("customer_churn_predictor");
            const QString fraud = QStringLiteral("Fraud Detection Model");
            const QString many = QStringLiteral("churn-many-versions");
            const QString prompt = QStringLiteral("churn-explainer-prompt");
            const QString yes = QStringLiteral("yes");

            VERIFY_OK(await(b.createModel(QStringLiteral("diff-new-model"), QStringLiteral("new"),
                                          {{QStringLiteral("owner"), QStringLiteral("diff")}})));
            CreateVersionRequest registered;
            registered.name = QStringLiteral("diff-new-model");
            registered.source = QStringLiteral("s3://bucket/new/model");
            VERIFY_OK(await(b.createVersion(registered)));
            VERIFY_OK(await(b.deleteModel(QStringLiteral("legacy_scorer"))));
            VERIFY_OK(await(b.renameModel(QStringLiteral("renamed_model"),
                                          QStringLiteral("renamed_model_v2"))));
            registered.name = many;
            registered.source = QStringLiteral("s3://bucket/many/13");
            const auto added = await(b.createVersion(registered));
            VERIFY_OK(added);
            QCOMPARE(added->version, 13);
            VERIFY_OK(await(b.deleteVersion(churn, 4)));
            VERIFY_OK(await(b.transitionStage(fraud, 3, Stage::Staging, ArchiveExisting::Yes)));
            VERIFY_OK(await(b.setAlias(churn, QStringLiteral("champion"), 3)));
            VERIFY_OK(await(b.setAlias(many, QStringLiteral("stable"), 11)));
            VERIFY_OK(await(b.deleteAlias(fraud, QStringLiteral("candidate-2025_03"))));
            VERIFY_OK(await(
                b.setModelTag(churn, QStringLiteral("owner"), QStringLiteral("ml-platform"))));
            VERIFY_OK(
                await(b.setModelTag(churn, QStringLiteral("team"), QStringLiteral("churn-squad"))));
            VERIFY_OK(await(b.deleteModelTag(churn, QStringLiteral("pii"))));
            VERIFY_OK(
                await(b.setModelTag(prompt, QStringLiteral("task"), QStringLiteral("summary"))));
            VERIFY_OK(await(b.setVersionTag(churn, 2, QStringLiteral("reviewed"), yes)));
            VERIFY_OK(await(
                b.setVersionTag(churn, 3, QStringLiteral("data_version"), QStringLiteral("v2.2"))));
            VERIFY_OK(await(b.deleteVersionTag(fraud, 3, QStringLiteral("origin"))));
            VERIFY_OK(await(b.setVersionTag(prompt, 1, QStringLiteral("reviewed"), yes)));
            VERIFY_OK(await(b.updateModelDescription(QStringLiteral("acme.prod.churn_v2"),
                                                     QStringLiteral("Churn v2, **beta**"), {})));
            VERIFY_OK(await(b.updateModelDescription(QStringLiteral("empty-model-no-versions"),
                                                     QStringLiteral("Still no versions."), {})));
            VERIFY_OK(await(b.updateVersionDescription(
                QStringLiteral("情感分析-sentiment ✨"), 2,
                QStringLiteral("Gradient boosting — expérimental"), {})));

            Approval::NewRequest spec;
            spec.model = many;
            spec.version = 12;
            spec.target = Stage::Production;
            {
                TestSupport::ActingAs alice(QStringLiteral("alice"));
                const auto filed = await(Approval::file(&b, spec));
                VERIFY_OK(filed);
                filedKey = filed->tagKey();
            }
            TestSupport::ActingAs bob(QStringLiteral("bob"));
            VERIFY_OK(await(Approval::decide(
                &b, churn, 3, RequestKey.mid(Approval::RequestPrefix.size()),
                Approval::Decision::Reject, QStringLiteral("Not before the audit."))));
        }

        const auto contentsA = readStore(pathA);
        VERIFY_OK(contentsA);
        const auto contentsB = readStore(pathB);
        VERIFY_OK(contentsB);
        // Prompts are read too, though MLflow's searches hide them.
        QCOMPARE(contentsA->models.size(), 11);
        QCOMPARE(contentsA->versions.size(), 28);
        QVERIFY(
            std::any_of(contentsA->versions.cbegin(), contentsA->versions.cend(),
                        [](const ModelVersion &v) { return v.name == u"churn-explainer-prompt"; }));

        const QStringList expected {
            QStringLiteral("alias_removed|Fraud Detection Model||candidate-2025_03|2|null"),
            QStringLiteral("stage_changed|Fraud Detection Model|2||Staging|Archived"),
            QStringLiteral("stage_changed|Fraud Detection Model|3||None|Staging"),
            QStringLiteral("tag_removed|Fraud Detection Model|3|origin|legacy-import|null"),
            QStringLiteral("description_changed|acme.prod.churn_v2|||null|Churn v2, **beta**"),
            QStringLiteral("tag_changed|churn-explainer-prompt||task|explanation|summary"),
            QStringLiteral("tag_added|churn-explainer-prompt|1|reviewed|null|yes"),
            QStringLiteral("alias_added|churn-many-versions||stable|null|11"),
            QStringLiteral("request_added|churn-many-versions|12|%1|null|pending").arg(filedKey),
            QStringLiteral("version_added|churn-many-versions|13||null|null"),
            QStringLiteral("alias_moved|customer_churn_predictor||champion|2|3"),
            QStringLiteral("tag_added|customer_churn_predictor||owner|null|ml-platform"),
            QStringLiteral("tag_changed|customer_churn_predictor||team|growth-analytics|"
                           "churn-squad"),
            QStringLiteral("tag_removed|customer_churn_predictor||pii|false|null"),
            QStringLiteral("tag_added|customer_churn_predictor|2|reviewed|null|yes"),
            QStringLiteral("tag_changed|customer_churn_predictor|3|data_version|v2.1|v2.2"),
            QStringLiteral("request_decided|customer_churn_predictor|3|%1|pending|rejected")
                .arg(RequestKey),
            QStringLiteral("version_removed|customer_churn_predictor|4||null|null"),
            QStringLiteral("model_added|diff-new-model|||null|null"),
            QStringLiteral("description_changed|empty-model-no-versions|||Registered but never "
                           "got a version.|Still no versions."),
            QStringLiteral("model_removed|legacy_scorer|||null|null"),
            QStringLiteral("model_renamed|renamed_model|||renamed_model|renamed_model_v2"),
            QStringLiteral("description_changed|情感分析-sentiment ✨|2||Random forest on "
                           "hand-crafted features — expérimental|Gradient boosting — "
                           "expérimental"),
        };
        QCOMPARE(lines(diffRegistries(*contentsA, *contentsB)), expected);
        QCOMPARE(lines(diffRegistries(*contentsA, *contentsA)), QStringList());
        QCOMPARE(lines(diffRegistries(*contentsB, *readStore(pathB))), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestRegistryDiff)
#include "tst_registrydiff.moc"
