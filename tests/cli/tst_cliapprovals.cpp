// The approval commands of modeldesk-cli, from a file and through the fake server: the JSON
// shapes the issue gives (request, approvals, history), refusals that exit 1 with one line
// saying why, and the acting user taken from MODELDESK_USER.
#include "registry/demo/demogenerator.h"
#include "tests/cli/clioutput.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString Model = QStringLiteral("churn-predictor");

using Output = TestSupport::CliOutput;

QStringList keysOf(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestCliApprovals : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;
    QString m_registry;

    Output cli(const QString &user, const QStringList &arguments) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("MODELDESK_USER"), user);
        return TestSupport::runCli(QStringList{QStringLiteral("-r"), m_registry} + arguments,
                                   environment);
    }

    void verifyRefused(const Output &output, const char *reason)
    {
        QCOMPARE(output.exitCode, 1);
        QVERIFY(output.out.isEmpty());
        QCOMPARE(output.err.count('\n'), 1);
        QVERIFY2(output.err.contains(reason), output.err.constData());
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("MODELDESK_CLI"))
            QSKIP("MODELDESK_CLI is not set (run through ctest).");
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_server.reset();
        static int count = 0;
        const QString store = m_dir.filePath(QStringLiteral("cli-%1.db").arg(++count));
        ModelDesk::DemoOptions demo;
        demo.models = 2;
        demo.versionsPerModel = 4;
        demo.metricSteps = 2;
        QVERIFY(ModelDesk::createDemoStore(store, demo));
        m_registry = store;
        if (QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("server")) {
            m_server = std::make_unique<TestSupport::FakeServerThread>(store);
            m_registry = m_server->start().toString();
            QVERIFY(!m_registry.isEmpty());
        }
    }

    void workflow_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void workflow()
    {
        QFETCH(bool, server);
        const QString carol = QStringLiteral("carol");
        const QString alice = QStringLiteral("alice");
        Output output = cli(carol, {QStringLiteral("approvers"), Model, QStringLiteral("--set"),
                                    carol, QStringLiteral("dave")});
        QCOMPARE(output.exitCode, 0);
        QVERIFY(output.out.contains("carol, dave"));
        output = cli(alice, {QStringLiteral("approvers"), Model, QStringLiteral("--json")});
        QCOMPARE(output.json().value(QStringLiteral("approvers")).toArray(),
                 QJsonArray({carol, QStringLiteral("dave")}));

        // Protected: a direct promotion by a non-approver is refused.
        verifyRefused(cli(alice, {QStringLiteral("transition"), Model, QStringLiteral("4"),
                                  QStringLiteral("Production")}),
                      "protected");
        verifyRefused(cli(alice, {QStringLiteral("set-alias"), Model, QStringLiteral("champion"),
                                  QStringLiteral("4")}),
                      "protected");
        verifyRefused(cli(alice, {QStringLiteral("set-tag"), Model, QStringLiteral("modeldesk.approvers"),
                                  alice}),
                      "Approvers");

        output = cli(alice, {QStringLiteral("request"), Model, QStringLiteral("4"),
                             QStringLiteral("--stage"), QStringLiteral("Production"),
                             QStringLiteral("--archive-existing"), QStringLiteral("--comment"),
                             QStringLiteral("AUC up"), QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        const QJsonObject request = output.json().value(QStringLiteral("request")).toObject();
        const QStringList requestKeys = sorted(
            {QStringLiteral("id"), QStringLiteral("model"), QStringLiteral("version"),
             QStringLiteral("action"), QStringLiteral("target"),
             QStringLiteral("archive_existing"), QStringLiteral("requester"),
             QStringLiteral("comment"), QStringLiteral("created"), QStringLiteral("state"),
             QStringLiteral("decided_by"), QStringLiteral("decision_comment"),
             QStringLiteral("decided")});
        QCOMPARE(keysOf(request), requestKeys);
        QCOMPARE(request.value(QStringLiteral("model")).toString(), Model);
        QCOMPARE(request.value(QStringLiteral("version")), QJsonValue(QStringLiteral("4")));
        QCOMPARE(request.value(QStringLiteral("action")).toString(), QStringLiteral("stage"));
        QCOMPARE(request.value(QStringLiteral("target")).toString(), QStringLiteral("Production"));
        QCOMPARE(request.value(QStringLiteral("archive_existing")), QJsonValue(true));
        QCOMPARE(request.value(QStringLiteral("requester")).toString(), alice);
        QCOMPARE(request.value(QStringLiteral("comment")).toString(), QStringLiteral("AUC up"));
        QVERIFY(request.value(QStringLiteral("created")).toDouble() > 1.7e12);
        QCOMPARE(request.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QVERIFY(request.value(QStringLiteral("decided_by")).isNull());
        const QString id = request.value(QStringLiteral("id")).toString();

        output = cli(QStringLiteral("bob"), {QStringLiteral("approvals"), QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        QJsonArray pending = output.json().value(QStringLiteral("requests")).toArray();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().toObject(), request);

        verifyRefused(cli(alice, {QStringLiteral("approve"), Model, QStringLiteral("4"), id}),
                      "someone else");
        verifyRefused(cli(QStringLiteral("bob"),
                          {QStringLiteral("approve"), Model, QStringLiteral("4"), id}),
                      "approvers");
        verifyRefused(cli(carol, {QStringLiteral("reject"), Model, QStringLiteral("4"), id}),
                      "comment");
        output = cli(carol, {QStringLiteral("approve"), Model, QStringLiteral("4"), id,
                             QStringLiteral("--comment"), QStringLiteral("checked")});
        QCOMPARE(output.exitCode, 0);
        verifyRefused(cli(QStringLiteral("dave"), {QStringLiteral("reject"), Model,
                                                   QStringLiteral("4"), id,
                                                   QStringLiteral("--comment"),
                                                   QStringLiteral("late")}),
                      "already");

        output = cli(alice, {QStringLiteral("get"), Model, QStringLiteral("--version"),
                             QStringLiteral("4"), QStringLiteral("--json")});
        QCOMPARE(output.json()
                     .value(QStringLiteral("model_version"))
                     .toObject()
                     .value(QStringLiteral("current_stage"))
                     .toString(),
                 QStringLiteral("Production"));
        output = cli(alice, {QStringLiteral("approvals"), QStringLiteral("--json")});
        QVERIFY(output.json().value(QStringLiteral("requests")).toArray().isEmpty());
        output = cli(alice, {QStringLiteral("approvals"), Model, QStringLiteral("--all"),
                             QStringLiteral("--json")});
        const QJsonObject decided
            = output.json().value(QStringLiteral("requests")).toArray().first().toObject();
        QCOMPARE(decided.value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
        QCOMPARE(decided.value(QStringLiteral("decided_by")).toString(), carol);
        QCOMPARE(decided.value(QStringLiteral("decision_comment")).toString(),
                 QStringLiteral("checked"));
        QVERIFY(decided.value(QStringLiteral("decided")).toDouble()
                >= request.value(QStringLiteral("created")).toDouble());

        // The audit lists what predates the approvers (the demo's version 3 in Staging).
        output = cli(alice, {QStringLiteral("approvals"), QStringLiteral("--audit"),
                             QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        const QJsonArray unapproved = output.json().value(QStringLiteral("unapproved")).toArray();
        QVERIFY(unapproved.contains(QJsonObject{{QStringLiteral("model"), Model},
                                                {QStringLiteral("version"), QStringLiteral("3")},
                                                {QStringLiteral("kind"), QStringLiteral("stage")},
                                                {QStringLiteral("target"), QStringLiteral("Staging")}}));
        for (const QJsonValue &item : unapproved)
            QVERIFY(item.toObject().value(QStringLiteral("version")).toString() != QLatin1String("4"));

        output = cli(alice, {QStringLiteral("history"), Model, QStringLiteral("--version"),
                             QStringLiteral("4"), QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        const QJsonArray events = output.json().value(QStringLiteral("events")).toArray();
        QStringList kinds;
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            QCOMPARE(keysOf(event), sorted({QStringLiteral("time"), QStringLiteral("user"),
                                            QStringLiteral("kind"), QStringLiteral("version"),
                                            QStringLiteral("old"), QStringLiteral("new"),
                                            QStringLiteral("comment")}));
            QCOMPARE(event.value(QStringLiteral("version")).toString(), QStringLiteral("4"));
            QVERIFY(event.value(QStringLiteral("time")).isDouble());
            const QString kind = event.value(QStringLiteral("kind")).toString();
            kinds.append(kind);
            if (kind == QLatin1String("requested")) {
                QCOMPARE(event.value(QStringLiteral("user")).toString(), alice);
                QCOMPARE(event.value(QStringLiteral("comment")).toString(), QStringLiteral("AUC up"));
            }
            if (kind == QLatin1String("approved") || kind == QLatin1String("stage_changed"))
                QCOMPARE(event.value(QStringLiteral("user")).toString(), carol);
        }
        QVERIFY(kinds.contains(QStringLiteral("requested")));
        QVERIFY(kinds.contains(QStringLiteral("approved")));
        QCOMPARE(kinds.contains(QStringLiteral("stage_changed")), !server);
        // Text form: a table, and on a server a note that it keeps no history.
        output = cli(alice, {QStringLiteral("history"), Model});
        QCOMPARE(output.exitCode, 0);
        QVERIFY(output.out.startsWith("TIME"));
        QCOMPARE(output.err.contains("keeps no history"), server);
    }

    void usageMistakes()
    {
        const QString user = QStringLiteral("alice");
        QCOMPARE(cli(user, {QStringLiteral("request"), Model, QStringLiteral("1")}).exitCode, 2);
        QCOMPARE(cli(user, {QStringLiteral("request"), Model, QStringLiteral("1"),
                            QStringLiteral("--stage"), QStringLiteral("Staging"),
                            QStringLiteral("--alias"), QStringLiteral("x")})
                     .exitCode,
                 2);
        QCOMPARE(cli(user, {QStringLiteral("approve"), Model, QStringLiteral("1")}).exitCode, 2);
        QCOMPARE(cli(user, {QStringLiteral("approvers"), Model, QStringLiteral("bob")}).exitCode, 2);
        verifyRefused(cli(user, {QStringLiteral("approve"), Model, QStringLiteral("1"),
                                 QStringLiteral("0123456789")}),
                      "no request");
    }
};

QTEST_GUILESS_MAIN(TestCliApprovals)
#include "tst_cliapprovals.moc"
