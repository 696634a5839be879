// modeldesk-cli as a script uses it: exit codes, one-line errors, usage errors, paging, and
// --json output that equals what an MLflow server answers for the same call.
#include "tests/registry/transcripts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace TestSupport;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run cli(const QStringList &arguments, const QString &trackingUri = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (trackingUri.isEmpty())
        environment.remove(QStringLiteral("MLFLOW_TRACKING_URI"));
    else
        environment.insert(QStringLiteral("MLFLOW_TRACKING_URI"), trackingUri);
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("MODELDESK_CLI"), arguments);
    if (!process.waitForFinished(50000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

QJsonObject recorded(const QList<Exchange> &exchanges, const QString &label)
{
    for (const Exchange &exchange : exchanges) {
        if (exchange.label == label)
            return QJsonDocument::fromJson(exchange.responseBody).object();
    }
    return {};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;

    Run onStore(QStringList arguments) const
    {
        arguments.prepend(m_store);
        arguments.prepend(QStringLiteral("-r"));
        return cli(arguments);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo(qEnvironmentVariable("MODELDESK_CLI")).isExecutable());
        m_store = m_dir.filePath(QStringLiteral("cli.db"));
        const Run init = cli({QStringLiteral("init"), m_store});
        QCOMPARE(init.exitCode, 0);
        QVERIFY(init.out.contains("0584bdc529eb"));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("missing argument") << QStringList{QStringLiteral("-r"), QStringLiteral("x.db"),
                                                         QStringLiteral("rename"), QStringLiteral("a")};
        QTest::newRow("bad max-results") << QStringList{QStringLiteral("-r"), QStringLiteral("x.db"),
                                                        QStringLiteral("models"),
                                                        QStringLiteral("--max-results"),
                                                        QStringLiteral("zero")};
        QTest::newRow("no registry") << QStringList{QStringLiteral("models")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("models"), QStringLiteral("--colour")};
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("Usage: modeldesk-cli")), qPrintable(run.err));
    }

    // Bytes that are not UTF-8 are refused (exit 2) before anything is opened; nothing is
    // stored with U+FFFD in their place. QProcess passes only text, so the shell writes them.
    void malformedUtf8IsRefused_data()
    {
        QTest::addColumn<QString>("arguments"); // for sh, with printf escapes in $(...)
        QTest::newRow("tag value") << QStringLiteral("set-tag utf8-model k \"$(printf '\\303(')\"");
        QTest::newRow("lone surrogate") << QStringLiteral(
            "describe utf8-model 1 --description \"$(printf 'a\\355\\240\\200b')\"");
        QTest::newRow("source") << QStringLiteral("register utf8-model \"$(printf '/tmp/\\377')\"");
        QTest::newRow("model name") << QStringLiteral("create-model \"$(printf '\\300\\257')\"");
        QTest::newRow("overlong NUL") << QStringLiteral("set-tag utf8-model k \"$(printf '\\300\\200')\"");
        QTest::newRow("above U+10FFFF") << QStringLiteral("set-tag utf8-model k \"$(printf '\\364\\220\\200\\200')\"");
    }

    void malformedUtf8IsRefused()
    {
        QFETCH(QString, arguments);
        QCOMPARE(onStore({QStringLiteral("create-model"), QStringLiteral("utf8-model")}).exitCode == 0
                     || onStore({QStringLiteral("get"), QStringLiteral("utf8-model")}).exitCode == 0,
                 true);
        const QByteArray before = onStore({QStringLiteral("get"), QStringLiteral("utf8-model"),
                                           QStringLiteral("--json")})
                                      .out;
        QProcess process;
        process.start(QStringLiteral("sh"),
                      {QStringLiteral("-c"), QStringLiteral("\"$0\" -r \"$1\" ") + arguments,
                       qEnvironmentVariable("MODELDESK_CLI"), m_store});
        QVERIFY(process.waitForFinished(30000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(err.contains(QLatin1String("is not valid UTF-8")), qPrintable(err));
        const QByteArray after = onStore({QStringLiteral("get"), QStringLiteral("utf8-model"),
                                          QStringLiteral("--json")})
                                     .out;
        QCOMPARE(after, before);
        QVERIFY(!after.contains("\xEF\xBF\xBD")); // U+FFFD
        const Run models = onStore({QStringLiteral("models"), QStringLiteral("--json")});
        QVERIFY(!models.out.contains("\xEF\xBF\xBD"));
    }

    // JSON that cannot be written (a full disk) is an error, not a silent success.
    void unwritableOutputIsAnError_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::newRow("versions, streamed") << QStringLiteral("versions --json");
        QTest::newRow("models, streamed") << QStringLiteral("models --json");
        QTest::newRow("get") << QStringLiteral("get utf8-model --json");
    }

    void unwritableOutputIsAnError()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("This system has no /dev/full.");
        QFETCH(QString, arguments);
        onStore({QStringLiteral("create-model"), QStringLiteral("utf8-model")});
        QProcess process;
        process.start(QStringLiteral("sh"),
                      {QStringLiteral("-c"),
                       QStringLiteral("\"$0\" -r \"$1\" ") + arguments + QStringLiteral(" >/dev/full"),
                       qEnvironmentVariable("MODELDESK_CLI"), m_store});
        QVERIFY(process.waitForFinished(30000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains(QLatin1String("could not write the output")), qPrintable(err));
    }

    void editingSession()
    {
        QCOMPARE(onStore({QStringLiteral("create-model"), QStringLiteral("churn"),
                          QStringLiteral("--description"), QStringLiteral("# Churn"),
                          QStringLiteral("--tag"), QStringLiteral("team=growth")}).exitCode, 0);
        for (int i = 0; i < 3; ++i) {
            const Run registered = onStore({QStringLiteral("register"), QStringLiteral("churn"),
                                            QStringLiteral("s3://models/churn/%1").arg(i),
                                            QStringLiteral("--run-id"), QStringLiteral("abc%1").arg(i),
                                            QStringLiteral("--json")});
            QCOMPARE(registered.exitCode, 0);
            QCOMPARE(registered.json()[QStringLiteral("model_version")][QStringLiteral("version")]
                         .toString(), QString::number(i + 1));
        }
        QCOMPARE(onStore({QStringLiteral("transition"), QStringLiteral("churn"), QStringLiteral("1"),
                          QStringLiteral("production")}).exitCode, 0);
        const Run promoted = onStore({QStringLiteral("transition"), QStringLiteral("churn"),
                                      QStringLiteral("2"), QStringLiteral("Production"),
                                      QStringLiteral("--archive-existing"), QStringLiteral("--json")});
        QCOMPARE(promoted.exitCode, 0);
        QCOMPARE(promoted.json()[QStringLiteral("model_version")][QStringLiteral("current_stage")]
                     .toString(), QStringLiteral("Production"));
        QCOMPARE(onStore({QStringLiteral("set-alias"), QStringLiteral("churn"),
                          QStringLiteral("champion"), QStringLiteral("2")}).exitCode, 0);
        QCOMPARE(onStore({QStringLiteral("set-tag"), QStringLiteral("churn"), QStringLiteral("k"),
                          QStringLiteral("v"), QStringLiteral("--version"), QStringLiteral("2")}).exitCode, 0);
        QCOMPARE(onStore({QStringLiteral("describe"), QStringLiteral("churn"), QStringLiteral("v2 notes"),
                          QStringLiteral("--version"), QStringLiteral("2")}).exitCode, 0);
        QCOMPARE(onStore({QStringLiteral("delete-version"), QStringLiteral("churn"),
                          QStringLiteral("3")}).exitCode, 0);

        const QJsonObject model = onStore({QStringLiteral("get"), QStringLiteral("churn"),
                                           QStringLiteral("--json")}).json()[QStringLiteral("registered_model")]
                                      .toObject();
        QCOMPARE(model[QStringLiteral("description")].toString(), QStringLiteral("# Churn"));
        QCOMPARE(model[QStringLiteral("tags")].toArray().size(), 1);
        QCOMPARE(model[QStringLiteral("aliases")].toArray().first()[QStringLiteral("version")].toString(),
                 QStringLiteral("2"));
        QStringList latest;
        for (const QJsonValue &version : model[QStringLiteral("latest_versions")].toArray())
            latest << version[QStringLiteral("current_stage")].toString()
                          + version[QStringLiteral("version")].toString();
        QCOMPARE(latest, (QStringList{QStringLiteral("Archived1"), QStringLiteral("Production2")}));

        const QJsonObject byAlias = onStore({QStringLiteral("get"), QStringLiteral("churn"),
                                             QStringLiteral("--alias"), QStringLiteral("champion"),
                                             QStringLiteral("--json")}).json()[QStringLiteral("model_version")]
                                        .toObject();
        QCOMPARE(byAlias[QStringLiteral("description")].toString(), QStringLiteral("v2 notes"));
        QCOMPARE(byAlias[QStringLiteral("aliases")].toArray().first().toString(), QStringLiteral("champion"));

        const Run human = onStore({QStringLiteral("versions"), QStringLiteral("churn")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("Production"));
        QVERIFY(!human.out.contains("s3://models/churn/2")); // deleted version 3 is hidden
    }

    void pagingFollowsTokens()
    {
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(onStore({QStringLiteral("create-model"), QStringLiteral("page-%1").arg(i)}).exitCode, 0);
        }
        const Run all = onStore({QStringLiteral("models"), QStringLiteral("--json")});
        const int total = all.json()[QStringLiteral("registered_models")].toArray().size();
        QVERIFY(total >= 5);
        QVERIFY(!all.json().contains(QStringLiteral("next_page_token")));

        QStringList names;
        QString token;
        for (int pages = 0; pages < 20; ++pages) {
            QStringList arguments{QStringLiteral("models"), QStringLiteral("--max-results"),
                                  QStringLiteral("2"), QStringLiteral("--json")};
            if (!token.isEmpty())
                arguments << QStringLiteral("--page-token") << token;
            const Run page = onStore(arguments);
            QCOMPARE(page.exitCode, 0);
            for (const QJsonValue &model : page.json()[QStringLiteral("registered_models")].toArray())
                names << model[QStringLiteral("name")].toString();
            token = page.json()[QStringLiteral("next_page_token")].toString();
            if (token.isEmpty())
                break;
        }
        QCOMPARE(names.size(), total);
        QStringList sorted = names;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(names, sorted);
    }

    void registryErrorsAreOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("line");
        QTest::newRow("missing model") << QStringList{QStringLiteral("get"), QStringLiteral("nope")}
                                       << QStringLiteral("Error: RESOURCE_DOES_NOT_EXIST: Registered Model with name=nope not found");
        QTest::newRow("bad filter") << QStringList{QStringLiteral("models"), QStringLiteral("--filter"),
                                                   QStringLiteral("name = 'a' OR name = 'b'")}
                                    << QStringLiteral("Error: INVALID_PARAMETER_VALUE: ");
        QTest::newRow("reserved alias") << QStringList{QStringLiteral("set-alias"), QStringLiteral("churn"),
                                                       QStringLiteral("latest"), QStringLiteral("1")}
                                        << QStringLiteral("Error: INVALID_PARAMETER_VALUE: 'latest' alias name (case insensitive) is reserved.");
        QTest::newRow("duplicate") << QStringList{QStringLiteral("create-model"), QStringLiteral("churn")}
                                   << QStringLiteral("Error: RESOURCE_ALREADY_EXISTS: Registered Model (name=churn) already exists.");
    }

    void registryErrorsAreOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, line);
        const Run run = onStore(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith(line), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }

    // info says what a registry is and whether it can be written, and why not.
    void infoNamesTheLayout()
    {
        const Run created = onStore({QStringLiteral("info"), QStringLiteral("--json")});
        QCOMPARE(created.exitCode, 0);
        const QJsonObject own = created.json();
        QCOMPARE(own[QStringLiteral("backend")].toString(), QStringLiteral("MLflow SQLite store"));
        QCOMPARE(own[QStringLiteral("schema_revision")].toString(), QStringLiteral("0584bdc529eb"));
        QCOMPARE(own[QStringLiteral("layout")].toString(), QStringLiteral("mlflow-classic"));
        QCOMPARE(own[QStringLiteral("read_only")].toBool(true), false);
        QVERIFY(!own.contains(QStringLiteral("read_only_reason")));
        const Run text = onStore({QStringLiteral("info")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("read and write"), text.out.constData());

        const QString fixtures = fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        const QString copy = m_dir.filePath(QStringLiteral("latest-info.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-latest/mlflow.db"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        const Run latest = cli({QStringLiteral("-r"), copy, QStringLiteral("info"), QStringLiteral("--json")});
        QCOMPARE(latest.exitCode, 0);
        const QJsonObject info = latest.json();
        QCOMPARE(info[QStringLiteral("schema_revision")].toString(), QStringLiteral("7d34483879f0"));
        QCOMPARE(info[QStringLiteral("layout")].toString(), QStringLiteral("mlflow-workspaces"));
        QCOMPARE(info[QStringLiteral("layout_matches")].toString(), QStringLiteral("MLflow 3.12"));
        QCOMPARE(info[QStringLiteral("read_only")].toBool(true), false);
        QCOMPARE(info[QStringLiteral("workspace")].toString(), QStringLiteral("default"));
        QCOMPARE(info[QStringLiteral("workspaces")].toArray(), QJsonArray{QStringLiteral("default")});

        // A second workspace, as a workspace-enabled MLflow server makes one: chosen with
        // --workspace, and the text form says what such a store needs.
        // Then a registry column that no MLflow release has: read, not written, said why.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("alter"));
            db.setDatabaseName(copy);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral(
                "INSERT INTO registered_models (name, creation_time, last_updated_time, workspace) "
                "VALUES ('team-model', 1, 1, 'team-a')")));
            db.close();
        }
        const Run teamA = cli({QStringLiteral("-r"), copy, QStringLiteral("--workspace"),
                               QStringLiteral("team-a"), QStringLiteral("models"), QStringLiteral("--json")});
        QCOMPARE(teamA.exitCode, 0);
        const QJsonArray teamModels = teamA.json()[QStringLiteral("registered_models")].toArray();
        QCOMPARE(teamModels.size(), 1);
        QCOMPARE(teamModels.first()[QStringLiteral("name")].toString(), QStringLiteral("team-model"));
        const Run two = cli({QStringLiteral("-r"), copy, QStringLiteral("info")});
        QCOMPARE(two.exitCode, 0);
        QVERIFY2(two.out.contains("default, team-a"), two.out.constData());
        QVERIFY2(two.out.contains("workspaces enabled"), two.out.constData());
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("alter"));
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("ALTER TABLE registered_models ADD COLUMN owner TEXT")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("alter"));
        const Run changed = cli({QStringLiteral("-r"), copy, QStringLiteral("info"), QStringLiteral("--json")});
        QCOMPARE(changed.exitCode, 0);
        const QJsonObject changedInfo = changed.json();
        QCOMPARE(changedInfo[QStringLiteral("read_only")].toBool(), true);
        QVERIFY(!changedInfo.contains(QStringLiteral("layout_matches")));
        const QString why = changedInfo[QStringLiteral("read_only_reason")].toString();
        QVERIFY2(why.contains(QLatin1String("registered_models has a new column owner")), qPrintable(why));
    }

    void workspaceOption()
    {
        const Run fine = onStore({QStringLiteral("--workspace"), QStringLiteral("default"),
                                  QStringLiteral("models")});
        QCOMPARE(fine.exitCode, 0);
        // A store without workspaces has only "default".
        const Run other = onStore({QStringLiteral("--workspace"), QStringLiteral("team-a"),
                                   QStringLiteral("models")});
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.err.contains(QLatin1String("workspace")), qPrintable(other.err));
        const Run bad = onStore({QStringLiteral("--workspace"), QStringLiteral("Not A Name"),
                                 QStringLiteral("models")});
        QCOMPARE(bad.exitCode, 2); // bad usage, like any malformed option
        QVERIFY2(bad.err.contains(QLatin1String("Not A Name")), qPrintable(bad.err));
    }

    void trackingUriIsTheDefault()
    {
        const Run run = cli({QStringLiteral("models")},
                            QStringLiteral("sqlite:///") + m_store);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("churn"));
    }

    void demoIsDeterministic()
    {
        const QString a = m_dir.filePath(QStringLiteral("demo-a.db"));
        const QString b = m_dir.filePath(QStringLiteral("demo-b.db"));
        for (const QString &path : {a, b}) {
            const Run run = cli({QStringLiteral("demo"), path, QStringLiteral("--models"),
                                 QStringLiteral("6"), QStringLiteral("--versions-per-model"),
                                 QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("7")});
            QCOMPARE(run.exitCode, 0);
        }
        const Run first = cli({QStringLiteral("-r"), a, QStringLiteral("versions"), QStringLiteral("--json")});
        const Run second = cli({QStringLiteral("-r"), b, QStringLiteral("versions"), QStringLiteral("--json")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY(first.json()[QStringLiteral("model_versions")].toArray().size() >= 6 * 3);
        QCOMPARE(first.out, second.out);
        QCOMPARE(cli({QStringLiteral("demo"), a}).exitCode, 1); // never over an existing file
    }

    // --json equals the recorded answers of a real MLflow 2.22 server on the same store.
    void jsonEqualsMlflowServer_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("label");
        QTest::newRow("models") << QStringList{QStringLiteral("models"), QStringLiteral("--json")}
                                << QStringLiteral("registered-models/search max_results=1000");
        QTest::newRow("models page") << QStringList{QStringLiteral("models"), QStringLiteral("--max-results"),
                                                    QStringLiteral("1"), QStringLiteral("--json")}
                                     << QStringLiteral("registered-models/search max_results=1 page 1");
        QTest::newRow("versions") << QStringList{QStringLiteral("versions"), QStringLiteral("--json")}
                                  << QStringLiteral("model-versions/search all (default max_results)");
        QTest::newRow("versions by name") << QStringList{QStringLiteral("versions"),
                                                         QStringLiteral("customer_churn_predictor"),
                                                         QStringLiteral("--json")}
                                          << QStringLiteral("model-versions/search by name");
        QTest::newRow("get") << QStringList{QStringLiteral("get"), QStringLiteral("customer_churn_predictor"),
                                            QStringLiteral("--json")}
                             << QStringLiteral("registered-models/get");
        QTest::newRow("get version") << QStringList{QStringLiteral("get"), QStringLiteral("customer_churn_predictor"),
                                                    QStringLiteral("--version"), QStringLiteral("2"),
                                                    QStringLiteral("--json")}
                                     << QStringLiteral("model-versions/get");
        QTest::newRow("get alias") << QStringList{QStringLiteral("get"), QStringLiteral("customer_churn_predictor"),
                                                  QStringLiteral("--alias"), QStringLiteral("champion"),
                                                  QStringLiteral("--json")}
                                   << QStringLiteral("registered-models/alias GET champion");
    }

    void jsonEqualsMlflowServer()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, label);
        const QString fixtures = fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available on this machine.");
        const QList<Exchange> exchanges
            = loadTranscripts(fixtures + QStringLiteral("/mlflow-2.22/transcripts.jsonl"));
        const QJsonObject expected = recorded(exchanges, label);
        QVERIFY(!expected.isEmpty());
        arguments.prepend(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"));
        arguments.prepend(QStringLiteral("--registry"));
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 0);
        QString where;
        QVERIFY2(jsonEquivalent(run.json(), expected, {}, &where), qPrintable(where));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
