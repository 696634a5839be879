// `modeldesk-cli lineage` on MLflow 2.22's store: --json in the issue's shape (every edge names
// listed nodes, a node's kind is its id's prefix), the same from the file and the fake
// server; --dot that Graphviz reads back with every node and edge; the text tree; --depth;
// usage mistakes (exit 2) and an unknown version (exit 1).
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/registry/transcripts.h"

#include <graphviz/cgraph.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Output
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Output cli(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("MODELDESK_CLI"), arguments);
    Output output;
    if (!process.waitForFinished(50'000))
        return output;
    output.exitCode = process.exitCode();
    output.out = process.readAllStandardOutput();
    output.err = process.readAllStandardError();
    return output;
}

} // namespace

class TestCliLineage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;

    QStringList lineage(bool server, const QStringList &rest) const
    {
        return QStringList {QStringLiteral("-r"), server ? m_server->url().toString() : m_store,
                            QStringLiteral("lineage")}
        + rest;
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("MODELDESK_CLI"))
            QSKIP("MODELDESK_CLI is not set (run through ctest).");
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        m_store = m_dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), m_store));
        QFile::setPermissions(m_store, QFile::ReadOwner | QFile::WriteOwner);
        m_server = std::make_unique<TestSupport::FakeServerThread>(m_store);
        QVERIFY(m_server->start().isValid());
    }

    void jsonHasTheIssuesShape()
    {
        const QStringList args {QStringLiteral("customer_churn_predictor"), QStringLiteral("2"),
                                QStringLiteral("--json")};
        const Output file = cli(lineage(false, args));
        QCOMPARE(file.exitCode, 0);
        const Output server = cli(lineage(true, args));
        QCOMPARE(server.exitCode, 0);
        QCOMPARE(server.out, file.out);
        const QJsonObject graph = QJsonDocument::fromJson(file.out).object();
        QCOMPARE(graph.keys(), (QStringList {QStringLiteral("edges"), QStringLiteral("nodes")}));
        QSet<QString> ids;
        for (const QJsonValue &value : graph[QStringLiteral("nodes")].toArray()) {
            const QJsonObject node = value.toObject();
            QCOMPARE(node.keys(),
                     (QStringList {QStringLiteral("attributes"), QStringLiteral("id"),
                                   QStringLiteral("kind"), QStringLiteral("label")}));
            const QString id = node[QStringLiteral("id")].toString();
            QCOMPARE(node[QStringLiteral("kind")].toString(), id.section(QLatin1Char(':'), 0, 0));
            QVERIFY(node[QStringLiteral("attributes")].isObject());
            ids.insert(id);
        }
        const QString run = QStringLiteral("run:1806858776284455ad4456414452be28");
        for (const QString &id :
             {QStringLiteral("version:customer_churn_predictor/2"),
              QStringLiteral("model:customer_churn_predictor"), run, QStringLiteral("experiment:1"),
              QStringLiteral("dataset:churn_q1_2025@af7bb634"),
              QStringLiteral("version:acme.prod.churn_v2/1")})
            QVERIFY2(ids.contains(id), qPrintable(id));
        bool training = false;
        for (const QJsonValue &value : graph[QStringLiteral("edges")].toArray()) {
            const QJsonObject edge = value.toObject();
            QVERIFY(ids.contains(edge[QStringLiteral("from")].toString()));
            QVERIFY(ids.contains(edge[QStringLiteral("to")].toString()));
            if (edge[QStringLiteral("kind")] == QStringLiteral("input")
                && edge[QStringLiteral("to")] == run)
                training = training
                    || edge[QStringLiteral("attributes")][QStringLiteral("context")]
                        == QStringLiteral("training");
        }
        QVERIFY(training);
        const QJsonObject first = graph[QStringLiteral("nodes")].toArray().first().toObject();
        QCOMPARE(first[QStringLiteral("kind")].toString(), QStringLiteral("model"));
    }

    void dotIsReadByGraphviz()
    {
        const Output json = cli(
            lineage(false,
                    {QStringLiteral("legacy_scorer"), QStringLiteral("2"),
                     QStringLiteral("--depth"), QStringLiteral("1"), QStringLiteral("--json")}));
        QCOMPARE(json.exitCode, 0);
        const QJsonObject graph = QJsonDocument::fromJson(json.out).object();
        const Output dot = cli(
            lineage(false,
                    {QStringLiteral("legacy_scorer"), QStringLiteral("2"),
                     QStringLiteral("--depth"), QStringLiteral("1"), QStringLiteral("--dot")}));
        QCOMPARE(dot.exitCode, 0);
        Agraph_t *parsed = agmemread(dot.out.constData());
        QVERIFY2(parsed, dot.out.left(400).constData());
        QCOMPARE(agnnodes(parsed), int(graph[QStringLiteral("nodes")].toArray().size()));
        QCOMPARE(agnedges(parsed), int(graph[QStringLiteral("edges")].toArray().size()));
        QVERIFY(agnode(parsed, const_cast<char *>("run:434e6b4870e940c88b13b5d9a8393ae2"), 0));
        agclose(parsed);
        // The sweep's other trials come in with one round of expansion.
        QVERIFY(json.out.contains("run:5b8148392334477089dc5ea3e6cb7fe2"));
    }

    void textIsATree()
    {
        const Output text
            = cli(lineage(true, {QStringLiteral("legacy_scorer"), QStringLiteral("2")}));
        QCOMPARE(text.exitCode, 0);
        const QStringList lines = QString::fromUtf8(text.out).split(QLatin1Char('\n'));
        QVERIFY(lines.first().startsWith(QLatin1String("version legacy_scorer v2")));
        QVERIFY(text.out.contains("\n  from run sweep-trial-2"));
        QVERIFY(text.out.contains("\n    from run hyperparam-sweep"));
        QVERIFY(text.out.contains("[training]"));
    }

    void mistakesAreReported_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("both formats")
            << QStringList {QStringLiteral("legacy_scorer"), QStringLiteral("2"),
                            QStringLiteral("--json"), QStringLiteral("--dot")}
            << 2 << QByteArray("--json and --dot");
        QTest::newRow("bad depth")
            << QStringList {QStringLiteral("legacy_scorer"), QStringLiteral("2"),
                            QStringLiteral("--depth"), QStringLiteral("-1")}
            << 2 << QByteArray("--depth");
        QTest::newRow("no version") << QStringList {QStringLiteral("legacy_scorer")} << 2
                                    << QByteArray("wrong number of arguments");
        QTest::newRow("unknown version")
            << QStringList {QStringLiteral("legacy_scorer"), QStringLiteral("99")} << 1
            << QByteArray("RESOURCE_DOES_NOT_EXIST");
        QTest::newRow("not a version")
            << QStringList {QStringLiteral("legacy_scorer"), QStringLiteral("x")} << 1
            << QByteArray("INVALID_PARAMETER_VALUE");
    }

    void mistakesAreReported()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        const Output output = cli(lineage(false, args));
        QCOMPARE(output.exitCode, exitCode);
        QVERIFY2(output.err.contains(message), output.err.constData());
        QVERIFY(output.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliLineage)
#include "tst_clilineage.moc"
