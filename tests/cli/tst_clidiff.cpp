// `modeldesk-cli diff A B`: the --json shape the issue gives, exactly; the text table and its
// summary; a registry compared with itself; files left as they were; a file against the fake
// MLflow server serving the same store; and the exit statuses of usage mistakes and of a
// registry that cannot be opened.
#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlregistry.h"
#include "tests/cli/clioutput.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/registry/transcripts.h"
#include "tests/rest/awaitresult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;

namespace {

const QString Model = QStringLiteral("churn-predictor");

using Output = TestSupport::CliOutput;

Output cli(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // diff names both registries itself; a tracking URI in the environment changes nothing.
    environment.insert(QStringLiteral("MLFLOW_TRACKING_URI"), QStringLiteral("/nonexistent.db"));
    return TestSupport::runCli(arguments, environment);
}

QJsonObject change(const QString &kind,
                   const QString &model,
                   const QString &version,
                   const QString &key,
                   const QJsonValue &oldValue,
                   const QJsonValue &newValue)
{
    return {{QStringLiteral("kind"), kind},       {QStringLiteral("model"), model},
            {QStringLiteral("version"), version}, {QStringLiteral("key"), key},
            {QStringLiteral("old"), oldValue},    {QStringLiteral("new"), newValue}};
}

// What the changes made to copy B look like in --json.
QJsonArray expectedChanges()
{
    const QJsonValue null(QJsonValue::Null);
    return {change(QStringLiteral("tag_added"), Model, QString(), QStringLiteral("diff-check"),
                   null, QStringLiteral("yes")),
            change(QStringLiteral("tag_added"), Model, QStringLiteral("1"),
                   QStringLiteral("reviewed"), null, QStringLiteral("yes")),
            change(QStringLiteral("model_added"), QStringLiteral("zz-new"), QString(), QString(),
                   null, null)};
}

} // namespace

class TestCliDiff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_a;
    QString m_b;

    QString copyOf(const QString &store, const QString &name) const
    {
        const QString path = m_dir.filePath(name);
        return QFile::copy(store, path) ? path : QString();
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("MODELDESK_CLI"))
            QSKIP("MODELDESK_CLI is not set (run through ctest).");
        QVERIFY(m_dir.isValid());
        m_a = m_dir.filePath(QStringLiteral("a.db"));
        DemoOptions demo;
        demo.models = 2;
        demo.versionsPerModel = 4;
        demo.metricSteps = 2;
        QVERIFY(createDemoStore(m_a, demo));
        m_b = copyOf(m_a, QStringLiteral("b.db"));
        QVERIFY(!m_b.isEmpty());
        SqlRegistry b(m_b);
        VERIFY_OK(TestSupport::await(b.open()));
        VERIFY_OK(TestSupport::await(b.createModel(QStringLiteral("zz-new"), QString(), {})));
        VERIFY_OK(TestSupport::await(
            b.setModelTag(Model, QStringLiteral("diff-check"), QStringLiteral("yes"))));
        VERIFY_OK(TestSupport::await(
            b.setVersionTag(Model, 1, QStringLiteral("reviewed"), QStringLiteral("yes"))));
    }

    void jsonShape()
    {
        const QByteArray hashA = TestSupport::fileHash(m_a);
        const QByteArray hashB = TestSupport::fileHash(m_b);
        const Output output = cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        QVERIFY2(output.err.isEmpty(), output.err.constData());
        const QJsonObject top = output.json();
        QCOMPARE(top.keys(), QStringList {QStringLiteral("changes")});
        QCOMPARE(top.value(QStringLiteral("changes")).toArray(), expectedChanges());
        // The fields in the order the issue gives them.
        const QByteArray first = output.out.left(output.out.indexOf('}'));
        qsizetype at = 0;
        for (const char *field :
             {"\"kind\"", "\"model\"", "\"version\"", "\"key\"", "\"old\"", "\"new\""}) {
            const qsizetype next = first.indexOf(field);
            QVERIFY2(next > at, field);
            at = next;
        }
        // Read-only: neither file changed.
        QCOMPARE(TestSupport::fileHash(m_a), hashA);
        QCOMPARE(TestSupport::fileHash(m_b), hashB);
    }

    void text()
    {
        const Output output = cli({QStringLiteral("diff"), m_a, m_b});
        QCOMPARE(output.exitCode, 0);
        const QStringList lines = QString::fromUtf8(output.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines.at(0).startsWith(u"KIND"), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(2).contains(u"tag_added") && lines.at(2).contains(u"reviewed")
                     && lines.at(2).contains(u"(none) → yes"),
                 qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).startsWith(u"model_added") && lines.at(3).contains(u"zz-new"),
                 qPrintable(lines.at(3)));
        QVERIFY2(lines.at(4).startsWith(u"3 ")
                     && lines.at(4).contains(u"1 model_added, 2 tag_added"),
                 qPrintable(lines.at(4)));
    }

    void sameRegistry()
    {
        Output output = cli({QStringLiteral("diff"), m_a, m_a, QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        QCOMPARE(output.json(), QJsonObject({{QStringLiteral("changes"), QJsonArray()}}));
        output = cli({QStringLiteral("diff"), m_b, QStringLiteral("sqlite:///") + m_b});
        QCOMPARE(output.exitCode, 0);
        QCOMPARE(output.out, QByteArray("No differences.\n"));
    }

    // The fake server lists through MLflow's searches, which hide the demo's prompt; the file
    // and the server still hold the same.
    void fileAgainstServer()
    {
        TestSupport::FakeServerThread servedA(copyOf(m_a, QStringLiteral("served-a.db")));
        TestSupport::FakeServerThread servedB(copyOf(m_b, QStringLiteral("served-b.db")));
        const QString urlA = servedA.start().toString();
        const QString urlB = servedB.start().toString();
        QVERIFY(!urlA.isEmpty() && !urlB.isEmpty());
        Output output = cli({QStringLiteral("diff"), m_a, urlA, QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        QCOMPARE(output.json().value(QStringLiteral("changes")).toArray(), QJsonArray());
        output = cli({QStringLiteral("diff"), urlA, m_b, QStringLiteral("--json")});
        QCOMPARE(output.exitCode, 0);
        QCOMPARE(output.json().value(QStringLiteral("changes")).toArray(), expectedChanges());
        output = cli({QStringLiteral("diff"), urlA, urlB, QStringLiteral("--json")});
        QCOMPARE(output.json().value(QStringLiteral("changes")).toArray(), expectedChanges());
    }

    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("one registry") << QStringList {QStringLiteral("@A@")} << 2;
        QTest::newRow("three registries")
            << QStringList {QStringLiteral("@A@"), QStringLiteral("@A@"), QStringLiteral("@A@")}
            << 2;
        QTest::newRow("B missing")
            << QStringList {QStringLiteral("@A@"), QStringLiteral("/nonexistent/b.db")} << 1;
        QTest::newRow("A not a registry")
            << QStringList {QStringLiteral("ftp://host/x"), QStringLiteral("@A@")} << 1;
    }

    void exitStatus()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        arguments.replaceInStrings(QStringLiteral("@A@"), m_a);
        const Output output = cli(QStringList {QStringLiteral("diff")} + arguments);
        QCOMPARE(output.exitCode, exitCode);
        QVERIFY(output.out.isEmpty());
        if (exitCode == 2) {
            QVERIFY(output.err.contains("Usage: modeldesk-cli"));
        } else {
            QCOMPARE(output.err.count('\n'), 1);
            QVERIFY2(output.err.startsWith("Error: "), output.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_clidiff.moc"
