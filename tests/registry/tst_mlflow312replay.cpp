// The SQL store against a real MLflow 3.12 server on its workspace layout: the 30 recorded
// exchanges (mlflow-latest/exchanges.jsonl) are replayed in order on a copy of the store
// they started from, each write at the time the server's answer shows, and every answer and
// every row they leave (workspace included) must be as MLflow left them.
#include "tests/fakeserver/fakemlflowserver.h"
#include "tests/registry/transcripts.h"

#include "registry/sql/sqlbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using namespace TestSupport;

namespace {

const QString LoggedModelId = QStringLiteral("m-e25eb71857764e59a86f65b617d3bff9");

// The latest time a recorded answer shows (any *_timestamp or *_timestamp_ms), or 0.
qint64 latestTime(const QJsonValue &value)
{
    qint64 latest = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QLatin1String("timestamp")) && it.value().isDouble())
                latest = std::max(latest, qint64(it.value().toDouble()));
            else
                latest = std::max(latest, latestTime(it.value()));
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            latest = std::max(latest, latestTime(item));
    }
    return latest;
}

QStringList rows(SqlBackend &backend, const QString &sql)
{
    QStringList found;
    QSqlQuery query(backend.database());
    if (!query.exec(sql))
        return {QStringLiteral("error: ") + sql};
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.record().count(); ++i)
            cells << (query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
        found << cells.join(QLatin1Char('|'));
    }
    return found;
}

} // namespace

class TestMlflow312Replay : public QObject
{
    Q_OBJECT

    static constexpr int HeaderExchange = 24; // the one call recorded with X-MLFLOW-WORKSPACE

private slots:
    void initTestCase()
    {
        m_fixtures = fixturesDir();
        if (m_fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available on this machine.");
        m_exchanges
            = loadTranscripts(m_fixtures + QStringLiteral("/mlflow-latest/exchanges.jsonl"));
        QCOMPARE(m_exchanges.size(), 30);
        QVERIFY(m_dir.isValid());
        m_copy = m_dir.filePath(QStringLiteral("mlflow.db"));
        QVERIFY(QFile::copy(m_fixtures + QStringLiteral("/mlflow-latest/mlflow.db"), m_copy));
        QFile::setPermissions(m_copy, QFile::ReadOwner | QFile::WriteOwner);
        auto backend = SqlBackend::open(m_copy, SqlBackend::OpenMode::ReadWrite);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message()));
        m_backend = std::move(backend).value();
        const Capabilities caps = m_backend->capabilities();
        QVERIFY2(!caps.readOnly, qPrintable(caps.readOnlyReason));
        QCOMPARE(caps.schemaRevision, QStringLiteral("7d34483879f0"));
        QCOMPARE(caps.knownLayout, QStringLiteral("MLflow 3.12"));
        QCOMPARE(caps.workspaces, QStringList {QStringLiteral("default")});
        m_backend->setClock([this] { return m_now; });
    }

    // In order, each answer exactly as the server gave it, timestamps included.
    void exchangesReplayLikeServer()
    {
        int compared = 0;
        for (const Exchange &exchange : std::as_const(m_exchanges)) {
            const QString where = QStringLiteral("#%1 %2 %3")
                                      .arg(exchange.index)
                                      .arg(exchange.method, exchange.path);
            const QJsonValue expected = QJsonDocument::fromJson(exchange.responseBody).object();
            m_now = std::max(m_now + 1, latestTime(expected));
            if (&exchange == &m_exchanges.at(HeaderExchange)) // the store as that call found it
                QVERIFY(QFile::copy(m_copy, m_copy + QStringLiteral(".before-header")));
            if (exchange.path == QLatin1String("/version")
                || exchange.path.endsWith(QLatin1String("/runs/search")))
                continue; // not the registry
            if (exchange.path.contains(QLatin1String("/logged-models"))) {
                // The tracking side of MLflow, which ModelDesk does not write: the logged
                // model is put in place as the server made it.
                if (exchange.method == QLatin1String("POST"))
                    QVERIFY(insertLoggedModel(expected.toObject()));
                continue;
            }
            const Reply reply = replay(*m_backend, exchange);
            QVERIFY2(reply.handled, qPrintable(where));
            QVERIFY2(reply.status == exchange.status,
                     qPrintable(QStringLiteral("%1: status %2, not %3: %4")
                                    .arg(where)
                                    .arg(reply.status)
                                    .arg(exchange.status)
                                    .arg(QString::fromUtf8(reply.body))));
            // MLflow 3.12's error answers add error_class (the error code again) and an SQL
            // state to error_code and message; clients read the two that MLflow always sent.
            QStringList ignored;
            if (exchange.status != 200) {
                QCOMPARE(expected[QStringLiteral("error_class")],
                         expected[QStringLiteral("error_code")]);
                ignored = QStringList {QStringLiteral("error_class"), QStringLiteral("sqlstate")};
            }
            QString difference;
            QVERIFY2(jsonEquivalent(QJsonDocument::fromJson(reply.body).object(), expected, ignored,
                                    &difference),
                     qPrintable(where + QStringLiteral(": ") + difference));
            ++compared;
        }
        QCOMPARE(compared, 26); // all but /version, runs/search and the two logged-model calls
    }

    // The header exchange (#24) was sent to a single-tenant server, which ignored it: the
    // fake server in that mode, on the store the replay left, answers it as recorded.
    void workspaceHeaderIsIgnoredBySingleTenantServers()
    {
        const Exchange &exchange = m_exchanges.at(HeaderExchange);
        QCOMPARE(exchange.requestHeaders.size(), 1);
        const QString store = m_copy + QStringLiteral(".before-header");
        QVERIFY(QFile::exists(store));
        TestSupport::FakeMlflowServer server(store);
        QVERIFY2(server.errorString().isEmpty(), qPrintable(server.errorString()));
        server.setWorkspaces(false);
        QVERIFY(server.listen() != 0);
        QNetworkAccessManager network;
        QUrl url = server.url();
        url.setPath(exchange.path);
        url.setQuery(exchange.query);
        QNetworkRequest request(url);
        for (const auto &[name, value] : exchange.requestHeaders)
            request.setRawHeader(name.toUtf8(), value.toUtf8());
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        const QByteArray body = reply->readAll();
        QVERIFY2(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                     == exchange.status,
                 body.constData());
        QString difference;
        QVERIFY2(jsonEquivalent(QJsonDocument::fromJson(body).object(),
                                QJsonDocument::fromJson(exchange.responseBody).object(), {},
                                &difference),
                 qPrintable(difference));
    }

    // The rows the exchanges left, as the fixture's README lists them from the server's copy.
    void rowsAreMlflows()
    {
        const QString name = QStringLiteral("latest-peer-model-renamed");
        QCOMPARE(
            rows(*m_backend,
                 QStringLiteral("SELECT name, creation_time, last_updated_time, "
                                "description, workspace FROM registered_models "
                                "WHERE name LIKE 'latest-peer-model%'")),
            QStringList {name + QStringLiteral("|1796192638904|1796192639517|updated|default")});
        const QString source1 = QStringLiteral("runs:/3ac1b731a98a4eb29d11ff7eb5f2f168/model");
        QCOMPARE(
            rows(*m_backend,
                 QStringLiteral("SELECT version, current_stage, source, storage_location, "
                                "run_id, run_link, status, ifnull(user_id, 'NULL'), "
                                "description, creation_time, last_updated_time, workspace "
                                "FROM model_versions WHERE name = '%1' ORDER BY version")
                     .arg(name)),
            (QStringList {
                QStringLiteral("1|Staging|%1|%1|3ac1b731a98a4eb29d11ff7eb5f2f168||READY|NULL|"
                               "v1 from a run|1796192638969|1796192639517|default")
                    .arg(source1),
                QStringLiteral("2|Production|models:/%1|mlflow-artifacts:/1/models/%1/artifacts|"
                               "3ac1b731a98a4eb29d11ff7eb5f2f168||READY|NULL|"
                               "v2 from a logged model|1796192639095|1796192639517|default")
                    .arg(LoggedModelId),
            }));
        QCOMPARE(rows(*m_backend,
                      QStringLiteral("SELECT key, value, workspace FROM "
                                     "registered_model_tags WHERE name = '%1'")
                          .arg(name)),
                 QStringList {QStringLiteral("team|platform|default")});
        QCOMPARE(rows(*m_backend,
                      QStringLiteral("SELECT key, value, version, workspace FROM "
                                     "model_version_tags WHERE name = '%1'")
                          .arg(name)),
                 QStringList {QStringLiteral("data_version|v2.1|1|default")});
        QCOMPARE(rows(*m_backend,
                      QStringLiteral("SELECT alias, version, workspace FROM "
                                     "registered_model_aliases WHERE name = '%1'")
                          .arg(name)),
                 QStringList {QStringLiteral("champion|2|default")});
        // The logged model lists the version it was registered as, under the name it had.
        QCOMPARE(
            rows(*m_backend,
                 QStringLiteral("SELECT tag_value FROM logged_model_tags WHERE "
                                "model_id = '%1' AND tag_key = "
                                "'mlflow.modelVersions'")
                     .arg(LoggedModelId)),
            QStringList {QStringLiteral("[{\"name\": \"latest-peer-model\", \"version\": 2}]")});
        // Nothing outside the default workspace, and the store still at MLflow's revision.
        for (const char *table : {"registered_models", "model_versions", "registered_model_tags",
                                  "model_version_tags", "registered_model_aliases"}) {
            QCOMPARE(rows(*m_backend,
                          QStringLiteral("SELECT count(*) FROM %1 WHERE workspace "
                                         "!= 'default'")
                              .arg(QLatin1String(table))),
                     QStringList {QStringLiteral("0")});
        }
        QCOMPARE(rows(*m_backend, QStringLiteral("SELECT version_num FROM alembic_version")),
                 QStringList {QStringLiteral("7d34483879f0")});
        QCOMPARE(rows(*m_backend, QStringLiteral("PRAGMA foreign_key_check")), QStringList());
        QCOMPARE(rows(*m_backend, QStringLiteral("PRAGMA integrity_check")),
                 QStringList {QStringLiteral("ok")});
    }

private:
    bool insertLoggedModel(const QJsonObject &answer)
    {
        const QJsonObject info = answer[QStringLiteral("model")][QStringLiteral("info")].toObject();
        QSqlQuery query(m_backend->database());
        query.prepare(QStringLiteral(
            "INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, "
            "creation_timestamp_ms, last_updated_timestamp_ms, status, lifecycle_stage, "
            "model_type, source_run_id) VALUES (?, ?, ?, ?, ?, ?, 1, 'active', ?, ?)"));
        for (const char *key : {"model_id", "experiment_id", "name", "artifact_uri"})
            query.addBindValue(info[QLatin1String(key)].toString());
        query.addBindValue(qint64(info[QStringLiteral("creation_timestamp_ms")].toDouble()));
        query.addBindValue(qint64(info[QStringLiteral("last_updated_timestamp_ms")].toDouble()));
        query.addBindValue(info[QStringLiteral("model_type")].toString());
        query.addBindValue(info[QStringLiteral("source_run_id")].toString());
        return query.exec();
    }

    QString m_fixtures;
    QList<Exchange> m_exchanges;
    QTemporaryDir m_dir;
    QString m_copy;
    qint64 m_now = 0;
    std::unique_ptr<SqlBackend> m_backend;
};

QTEST_GUILESS_MAIN(TestMlflow312Replay)
#include "tst_mlflow312replay.moc"
