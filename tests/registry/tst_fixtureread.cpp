// The SQL store against a real MLflow 2.22 server: every recorded exchange the store can
// answer is replayed on a copy of the server's own mlflow.db, and the answers must match
// (status, error code, message, JSON content). Reads are compared exactly; the write part
// of the transcript is replayed in order with only generated timestamps ignored.
#include "tests/registry/transcripts.h"

#include "registry/json/mlflowjson.h"
#include "registry/sql/sqlbackend.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using namespace TestSupport;

namespace {

// MLflow's behaviour for a negative max_results is a Python slicing accident (rows[:-5]);
// ModelDesk rejects negative page sizes instead of imitating it.
const QStringList notReproduced{QStringLiteral("registered-models/search max_results negative")};

void compareReply(const Exchange &exchange, const Reply &reply, const QStringList &ignored)
{
    QCOMPARE(reply.status, exchange.status);
    const QJsonDocument actual = QJsonDocument::fromJson(reply.body);
    const QJsonDocument expected = QJsonDocument::fromJson(exchange.responseBody);
    QVERIFY2(!expected.isNull(), "recorded body is not JSON");
    QVERIFY2(!actual.isNull(), reply.body.constData());
    QString where;
    QVERIFY2(jsonEquivalent(actual.object(), expected.object(), ignored, &where),
             qPrintable(where));
}

} // namespace

class TestFixtureRead : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_fixtures = fixturesDir();
        if (m_fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available on this machine.");
        m_exchanges = loadTranscripts(m_fixtures + QStringLiteral("/mlflow-2.22/transcripts.jsonl"));
        QVERIFY(m_exchanges.size() > 150);
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            if (exchange.label == QLatin1String("registered-models/create")) {
                m_firstWrite = exchange.index;
                break;
            }
        }
        QVERIFY(m_firstWrite > 0);
        QVERIFY(m_dir.isValid());
        m_copy = m_dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(m_fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), m_copy));
        QFile::setPermissions(m_copy, QFile::ReadOwner | QFile::WriteOwner);
        m_hashBefore = fileHash(m_copy);
        auto backend = SqlBackend::open(m_copy, SqlBackend::OpenMode::ReadWrite);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message()));
        m_backend = std::move(backend).value();
        QVERIFY(!m_backend->capabilities().readOnly);
        QCOMPARE(m_backend->layout().revision, QStringLiteral("0584bdc529eb"));
    }

    void readsMatchServer_data()
    {
        QTest::addColumn<int>("index");
        int handled = 0;
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            if (exchange.index >= m_firstWrite || notReproduced.contains(exchange.label))
                continue;
            if (!replay(*m_backend, exchange).handled)
                continue;
            ++handled;
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(exchange.index).arg(exchange.label)))
                << exchange.index;
        }
        // Every registry read in the transcript, plus runs/get and metric history.
        QVERIFY(handled >= 55);
    }

    void readsMatchServer()
    {
        QFETCH(int, index);
        const Exchange &exchange = m_exchanges.at(index);
        compareReply(exchange, replay(*m_backend, exchange), {});
    }

    void readsLeaveTheFileUnchanged()
    {
        QCOMPARE(fileHash(m_copy), m_hashBefore);
    }

    // Each run that the server listed in a runs/search answer reads back identically.
    void runsMatchServer()
    {
        int compared = 0;
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            if (exchange.path != QLatin1String("/api/2.0/mlflow/runs/search")
                || exchange.status != 200)
                continue;
            const QJsonArray runs = QJsonDocument::fromJson(exchange.responseBody)
                                        .object()
                                        .value(QStringLiteral("runs"))
                                        .toArray();
            for (const QJsonValue &expected : runs) {
                const QString runId = expected[QStringLiteral("info")][QStringLiteral("run_id")]
                                          .toString();
                auto run = m_backend->run(runId);
                QVERIFY2(run.ok(), qPrintable(runId));
                const QJsonDocument actual = QJsonDocument::fromJson(
                    MlflowJson::Value(MlflowJson::run(*run)).toJson());
                QString where;
                QVERIFY2(jsonEquivalent(actual.object(), expected.toObject(), {}, &where),
                         qPrintable(runId + QStringLiteral(": ") + where));
                ++compared;
            }
        }
        QVERIFY(compared >= 10);
    }

    // The write half of the transcript, replayed in order on the same copy: every answer
    // matches MLflow's apart from the timestamps the server's clock made.
    void writesReplayLikeServer()
    {
        int handled = 0;
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            if (exchange.index < m_firstWrite)
                continue;
            const Reply reply = replay(*m_backend, exchange);
            if (!reply.handled)
                continue;
            ++handled;
            const QStringList ignored{QStringLiteral("creation_timestamp"),
                                      QStringLiteral("last_updated_timestamp")};
            QCOMPARE(reply.status, exchange.status);
            QString where;
            const QJsonDocument actual = QJsonDocument::fromJson(reply.body);
            const QJsonDocument expected = QJsonDocument::fromJson(exchange.responseBody);
            QJsonObject expectedObject = expected.object();
            QJsonObject actualObject = actual.object();
            // The rename-conflict message carries SQLAlchemy's text; the code and the
            // sentence that names the model are what must match.
            if (exchange.label == QLatin1String("registered-models/rename to existing name")) {
                QCOMPARE(actualObject.value(QStringLiteral("error_code")),
                         expectedObject.value(QStringLiteral("error_code")));
                QVERIFY(expectedObject.value(QStringLiteral("message")).toString().startsWith(
                    actualObject.value(QStringLiteral("message")).toString()));
                continue;
            }
            QVERIFY2(jsonEquivalent(actualObject, expectedObject, ignored, &where),
                     qPrintable(QStringLiteral("#%1 %2: %3")
                                    .arg(exchange.index)
                                    .arg(exchange.label, where)));
        }
        QVERIFY(handled >= 50);
    }

private:
    QString m_fixtures;
    QList<Exchange> m_exchanges;
    int m_firstWrite = -1;
    QTemporaryDir m_dir;
    QString m_copy;
    QByteArray m_hashBefore;
    std::unique_ptr<SqlBackend> m_backend;
};

QTEST_GUILESS_MAIN(TestFixtureRead)
#include "tst_fixtureread.moc"
