// Runs the generated search SQL against an in-memory database with MLflow's registry tables and
// checks which models and versions come back, in which order: prompt exclusion, tag semantics,
// LIKE/ILIKE case rules, numeric version comparison, ordering, paging, bound values.

#include "registry/filter/filter.h"
#include "registry/sql/searchsql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace ModelDesk;

namespace {

// The upstream MLflow tables, as in the shared fixtures' schema.sql.
const char *const Schema[] = {
    R"(CREATE TABLE registered_models (
        name VARCHAR(256) NOT NULL,
        creation_time BIGINT,
        last_updated_time BIGINT,
        description VARCHAR(5000),
        CONSTRAINT registered_model_pk PRIMARY KEY (name),
        UNIQUE (name)
    ))",
    R"(CREATE TABLE registered_model_tags (
        "key" VARCHAR(250) NOT NULL,
        value VARCHAR(5000),
        name VARCHAR(256) NOT NULL,
        CONSTRAINT registered_model_tag_pk PRIMARY KEY ("key", name),
        FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE cascade
    ))",
    R"(CREATE TABLE model_versions (
        name VARCHAR(256) NOT NULL,
        version INTEGER NOT NULL,
        creation_time BIGINT,
        last_updated_time BIGINT,
        description VARCHAR(5000),
        user_id VARCHAR(256),
        current_stage VARCHAR(20),
        source VARCHAR(500),
        run_id VARCHAR(32),
        status VARCHAR(20),
        status_message VARCHAR(500),
        run_link VARCHAR(500), storage_location VARCHAR(500),
        CONSTRAINT model_version_pk PRIMARY KEY (name, version),
        FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE CASCADE
    ))",
    R"(CREATE TABLE model_version_tags (
        "key" VARCHAR(250) NOT NULL,
        value VARCHAR(5000),
        name VARCHAR(256) NOT NULL,
        version INTEGER NOT NULL,
        CONSTRAINT model_version_tag_pk PRIMARY KEY ("key", name, version),
        FOREIGN KEY(name, version) REFERENCES model_versions (name, version) ON UPDATE cascade
    ))",
};

const QString Injection = QStringLiteral("x' OR '1'='1");

QStringList allModels()
{
    // Non-prompt models in name order (BINARY collation: upper case first).
    return {QStringLiteral("Beta"),  QStringLiteral("alpha"),      QStringLiteral("beta-2"),
            QStringLiteral("gamma"), QStringLiteral("not-prompt"), Injection};
}

QStringList gammaVersions(int from, int to)
{
    QStringList versions;
    for (int version = to; version >= from; --version)
        versions << QStringLiteral("gamma/%1").arg(version);
    return versions;
}

} // namespace

class SearchSqlTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void searchesModels_data();
    void searchesModels();
    void searchesVersions_data();
    void searchesVersions();
    void bindsValuesInsteadOfSplicing_data();
    void bindsValuesInsteadOfSplicing();
    void findsVersionsOfOneModelThroughItsKey();

private:
    void exec(const QString &sql, const QVariantList &values = {});
    QStringList run(const SearchSql::Statement &statement, int columns);

    QString m_connection;
};

void SearchSqlTest::initTestCase()
{
    m_connection = QStringLiteral("tst_searchsql");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    // MLflow runs this on every connection; without it LIKE would ignore case.
    exec(QStringLiteral("PRAGMA case_sensitive_like = true"));
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    for (const char *statement : Schema)
        exec(QString::fromUtf8(statement));

    const auto model = [this](const QString &name, qint64 created, qint64 updated) {
        exec(QStringLiteral("INSERT INTO registered_models VALUES (?, ?, ?, '')"),
             {name, created, updated});
    };
    model(QStringLiteral("alpha"), 1000, 5000);
    model(QStringLiteral("Beta"), 2000, 3000);
    model(QStringLiteral("beta-2"), 3000, 3000);
    model(QStringLiteral("gamma"), 4000, 1000);
    model(QStringLiteral("not-prompt"), 5000, 2500);
    model(QStringLiteral("prompt-one"), 6000, 9000);
    model(Injection, 7000, 100);

    const auto modelTag = [this](const QString &name, const QString &key, const QString &value) {
        exec(QStringLiteral("INSERT INTO registered_model_tags VALUES (?, ?, ?)"),
             {key, value, name});
    };
    const QString promptKey = QStringLiteral("mlflow.prompt.is_prompt");
    modelTag(QStringLiteral("alpha"), QStringLiteral("team"), QStringLiteral("risk"));
    modelTag(QStringLiteral("alpha"), QStringLiteral("env"), QStringLiteral("prod"));
    modelTag(QStringLiteral("Beta"), QStringLiteral("team"), QStringLiteral("Risk"));
    modelTag(QStringLiteral("Beta"), QStringLiteral("env"), QStringLiteral("dev"));
    modelTag(QStringLiteral("beta-2"), QStringLiteral("team"), QStringLiteral("growth"));
    modelTag(QStringLiteral("prompt-one"), QStringLiteral("team"), QStringLiteral("risk"));
    modelTag(QStringLiteral("prompt-one"), promptKey, QStringLiteral("true"));
    modelTag(QStringLiteral("not-prompt"), promptKey, QStringLiteral("false"));

    const auto version = [this](const QString &name, int number, qint64 created, qint64 updated,
                                const QString &stage, const QString &source, const QString &runId) {
        exec(QStringLiteral("INSERT INTO model_versions (name, version, creation_time, "
                            "last_updated_time, current_stage, source, run_id, status) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, 'READY')"),
             {name, number, created, updated, stage, source, runId});
    };
    version(QStringLiteral("alpha"), 1, 100, 400, QStringLiteral("Archived"),
            QStringLiteral("s3://bucket/a/1"), QStringLiteral("abc"));
    version(QStringLiteral("alpha"), 2, 200, 500, QStringLiteral("Production"),
            QStringLiteral("s3://bucket/a/2"), QStringLiteral("def"));
    version(QStringLiteral("alpha"), 3, 300, 600, QStringLiteral("Deleted_Internal"),
            QStringLiteral("REDACTED-SOURCE-PATH"), QStringLiteral("REDACTED-RUN-ID"));
    version(QStringLiteral("alpha"), 4, 400, 400, QStringLiteral("None"),
            QStringLiteral("runs:/abc/model"), QStringLiteral("abc"));
    version(QStringLiteral("Beta"), 1, 100, 450, QStringLiteral("Staging"),
            QStringLiteral("s3://Bucket/b/1"), QStringLiteral("ABC"));
    version(QStringLiteral("Beta"), 2, 150, 300, QStringLiteral("None"),
            QStringLiteral("file:///tmp/b"), QString());
    for (int number = 1; number <= 12; ++number) {
        version(QStringLiteral("gamma"), number, number, 10, QStringLiteral("None"),
                QStringLiteral("models:/m-gamma"), QStringLiteral("ggg"));
    }
    version(QStringLiteral("prompt-one"), 1, 10, 1000, QStringLiteral("None"),
            QStringLiteral("prompt"), QString());
    version(QStringLiteral("prompt-one"), 2, 20, 1100, QStringLiteral("None"),
            QStringLiteral("prompt"), QString());

    const auto versionTag
        = [this](const QString &name, int number, const QString &key, const QString &value) {
              exec(QStringLiteral("INSERT INTO model_version_tags VALUES (?, ?, ?, ?)"),
                   {key, value, name, number});
          };
    versionTag(QStringLiteral("alpha"), 1, QStringLiteral("data"), QStringLiteral("v1"));
    versionTag(QStringLiteral("alpha"), 2, QStringLiteral("data"), QStringLiteral("v2"));
    versionTag(QStringLiteral("alpha"), 2, QStringLiteral("quality"), QStringLiteral("high"));
    versionTag(QStringLiteral("alpha"), 3, QStringLiteral("data"), QStringLiteral("v1"));
    versionTag(QStringLiteral("Beta"), 1, QStringLiteral("data"), QStringLiteral("V1"));
    versionTag(QStringLiteral("prompt-one"), 1, promptKey, QStringLiteral("true"));
}

void SearchSqlTest::cleanupTestCase()
{
    QSqlDatabase::database(m_connection).close();
    QSqlDatabase::removeDatabase(m_connection);
}

void SearchSqlTest::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    QVERIFY2(query.prepare(sql), qPrintable(query.lastError().text()));
    for (const QVariant &value : values)
        query.addBindValue(value);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

// Rows as "name" or "name/version".
QStringList SearchSqlTest::run(const SearchSql::Statement &statement, int columns)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (!query.prepare(statement.sql))
        qWarning() << query.lastError().text() << statement.sql;
    for (const QVariant &value : statement.bindings)
        query.addBindValue(value);
    if (!query.exec())
        qWarning() << query.lastError().text() << statement.sql;
    QStringList rows;
    while (query.next()) {
        QStringList fields;
        for (int column = 0; column < columns; ++column)
            fields << query.value(column).toString();
        rows << fields.join(u'/');
    }
    return rows;
}

void SearchSqlTest::searchesModels_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QStringList>("expected");

    const QStringList noOrder;
    const QString alpha = QStringLiteral("alpha");
    const QString beta = QStringLiteral("Beta");
    const QString beta2 = QStringLiteral("beta-2");
    const QString gamma = QStringLiteral("gamma");
    const QString notPrompt = QStringLiteral("not-prompt");
    const QString prompt = QStringLiteral("prompt-one");

    QTest::addRow("everything but prompts")
        << QString() << noOrder << qint64(100) << qint64(0) << allModels();
    QTest::addRow("LIKE is case-sensitive") << QStringLiteral("name LIKE 'b%'") << noOrder
                                            << qint64(100) << qint64(0) << QStringList {beta2};
    QTest::addRow("LIKE upper case") << QStringLiteral("name LIKE 'B%'") << noOrder << qint64(100)
                                     << qint64(0) << QStringList {beta};
    QTest::addRow("ILIKE ignores case") << QStringLiteral("name ILIKE 'b%'") << noOrder
                                        << qint64(100) << qint64(0) << QStringList {beta, beta2};
    QTest::addRow("= is case-sensitive")
        << QStringLiteral("name = 'beta'") << noOrder << qint64(100) << qint64(0) << QStringList();
    QTest::addRow("!=") << QStringLiteral("name != 'alpha'") << noOrder << qint64(100) << qint64(0)
                        << QStringList {beta, beta2, gamma, notPrompt, Injection};
    QTest::addRow("tag =") << QStringLiteral("tags.team = 'risk'") << noOrder << qint64(100)
                           << qint64(0) << QStringList {alpha};
    QTest::addRow("tag ILIKE") << QStringLiteral("tags.team ILIKE 'RISK'") << noOrder << qint64(100)
                               << qint64(0) << QStringList {beta, alpha};
    QTest::addRow("tag LIKE underscore wildcard")
        << QStringLiteral("tags.team LIKE 'r_sk'") << noOrder << qint64(100) << qint64(0)
        << QStringList {alpha};
    // A tag clause only matches models that have the tag: gamma has no team.
    QTest::addRow("tag != skips models without the tag")
        << QStringLiteral("tags.team != 'risk'") << noOrder << qint64(100) << qint64(0)
        << QStringList {beta, beta2};
    QTest::addRow("two tag keys") << QStringLiteral("tags.team = 'risk' AND tags.env = 'prod'")
                                  << noOrder << qint64(100) << qint64(0) << QStringList {alpha};
    QTest::addRow("two tag keys, no model has both")
        << QStringLiteral("tags.team = 'risk' AND tags.env = 'dev'") << noOrder << qint64(100)
        << qint64(0) << QStringList();
    QTest::addRow("two clauses on one key")
        << QStringLiteral("tags.team LIKE '%r%' AND tags.team != 'growth'") << noOrder
        << qint64(100) << qint64(0) << QStringList {alpha};
    QTest::addRow("attribute and tag")
        << QStringLiteral("name ILIKE '%A%' AND tags.env LIKE '%'") << noOrder << qint64(100)
        << qint64(0) << QStringList {beta, alpha};
    QTest::addRow("prompts selected")
        << QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'") << noOrder << qint64(100)
        << qint64(0) << QStringList {prompt};
    QTest::addRow("prompts selected by != false")
        << QStringLiteral("tags.`mlflow.prompt.is_prompt` != 'false'") << noOrder << qint64(100)
        << qint64(0) << QStringList {prompt};
    QTest::addRow("prompts and another tag")
        << QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true' AND tags.team = 'risk'")
        << noOrder << qint64(100) << qint64(0) << QStringList {prompt};
    // `= 'false'` keeps the exclusion and drops the clause: models without the tag count.
    QTest::addRow("prompt tag = false means normal models")
        << QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'false'") << noOrder << qint64(100)
        << qint64(0) << allModels();
    QTest::addRow("prompt tag != true means normal models")
        << QStringLiteral("tags.`mlflow.prompt.is_prompt` != 'true'") << noOrder << qint64(100)
        << qint64(0) << allModels();
    // 'TRUE' selects prompts (MLflow lower-cases the test) but the value compares exactly.
    QTest::addRow("prompt tag = TRUE") << QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'TRUE'")
                                       << noOrder << qint64(100) << qint64(0) << QStringList();
    QTest::addRow("quote and SQL in a value are data")
        << QStringLiteral("name = \"x' OR '1'='1\"") << noOrder << qint64(100) << qint64(0)
        << QStringList {Injection};
    QTest::addRow("doubled quotes stay as written")
        << QStringLiteral("name = 'x'' OR ''1''=''1'") << noOrder << qint64(100) << qint64(0)
        << QStringList();
    QTest::addRow("order by timestamp DESC, ties by name")
        << QString() << QStringList {QStringLiteral("timestamp DESC")} << qint64(100) << qint64(0)
        << QStringList {alpha, beta, beta2, notPrompt, gamma, Injection};
    QTest::addRow("order by last_updated_timestamp ASC")
        << QString() << QStringList {QStringLiteral("last_updated_timestamp ASC")} << qint64(100)
        << qint64(0) << QStringList {Injection, gamma, notPrompt, beta, beta2, alpha};
    QTest::addRow("order by name DESC")
        << QString() << QStringList {QStringLiteral("name DESC")} << qint64(100) << qint64(0)
        << QStringList {Injection, notPrompt, gamma, beta2, alpha, beta};
    QTest::addRow("order by timestamp then name DESC")
        << QString()
        << QStringList {QStringLiteral("last_updated_timestamp DESC"), QStringLiteral("name DESC")}
        << qint64(100) << qint64(0)
        << QStringList {alpha, beta2, beta, notPrompt, gamma, Injection};
    QTest::addRow("page 1") << QString() << noOrder << qint64(2) << qint64(0)
                            << QStringList {beta, alpha};
    QTest::addRow("page 2") << QString() << noOrder << qint64(2) << qint64(2)
                            << QStringList {beta2, gamma};
    QTest::addRow("page 3") << QString() << noOrder << qint64(2) << qint64(4)
                            << QStringList {notPrompt, Injection};
    QTest::addRow("past the end") << QString() << noOrder << qint64(2) << qint64(6)
                                  << QStringList();
    QTest::addRow("page of a filtered search")
        << QStringLiteral("name ILIKE '%a%'") << QStringList {QStringLiteral("name DESC")}
        << qint64(2) << qint64(1) << QStringList {beta2, alpha};
}

void SearchSqlTest::searchesModels()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, orderBy);
    QFETCH(qint64, limit);
    QFETCH(qint64, offset);
    QFETCH(QStringList, expected);

    const auto parsed = Filter::parseFilter(filter, Filter::Target::Models);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
    const auto order = Filter::parseOrderBy(orderBy, Filter::Target::Models);
    QVERIFY(order.ok());
    const SearchSql::Statement statement = SearchSql::modelSearch(*parsed, *order, limit, offset);
    QCOMPARE(statement.sql.count(u'?'), statement.bindings.size());
    QCOMPARE(run(statement, 1), expected);
}

void SearchSqlTest::searchesVersions_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QStringList>("expected");

    const QStringList noOrder;
    const QString alpha1 = QStringLiteral("alpha/1");
    const QString alpha2 = QStringLiteral("alpha/2");
    const QString alpha4 = QStringLiteral("alpha/4");
    const QString beta1 = QStringLiteral("Beta/1");
    const QString beta2 = QStringLiteral("Beta/2");

    // Default order: last updated DESC, then name ASC, then version DESC; alpha/3 is deleted.
    QTest::addRow("everything but prompts and deleted versions")
        << QString() << noOrder << qint64(100) << qint64(0)
        << QStringList {alpha2, beta1, alpha4, alpha1, beta2} + gammaVersions(1, 12);
    QTest::addRow("one model") << QStringLiteral("name = 'alpha'") << noOrder << qint64(100)
                               << qint64(0) << QStringList {alpha2, alpha4, alpha1};
    QTest::addRow("deleted version is gone")
        << QStringLiteral("name = 'alpha' AND version_number = 3") << noOrder << qint64(100)
        << qint64(0) << QStringList();
    QTest::addRow("order by version_number")
        << QStringLiteral("name = 'alpha'") << QStringList {QStringLiteral("version_number ASC")}
        << qint64(100) << qint64(0) << QStringList {alpha1, alpha2, alpha4};
    QTest::addRow("order by creation_timestamp")
        << QStringLiteral("name = 'alpha'")
        << QStringList {QStringLiteral("creation_timestamp DESC")} << qint64(100) << qint64(0)
        << QStringList {alpha4, alpha2, alpha1};
    QTest::addRow("order by name DESC keeps version DESC")
        << QStringLiteral("name ILIKE '%a'") << QStringList {QStringLiteral("name DESC")}
        << qint64(100) << qint64(0)
        << gammaVersions(1, 12) + QStringList {alpha4, alpha2, alpha1, beta2, beta1};
    // Numeric comparison: as text, '10' > '9' would be false.
    QTest::addRow("version_number > 9")
        << QStringLiteral("name = 'gamma' AND version_number > 9")
        << QStringList {QStringLiteral("version_number ASC")} << qint64(100) << qint64(0)
        << QStringList {QStringLiteral("gamma/10"), QStringLiteral("gamma/11"),
                        QStringLiteral("gamma/12")};
    QTest::addRow("version_number > quoted 9")
        << QStringLiteral("name = 'gamma' AND version_number > '9'") << noOrder << qint64(100)
        << qint64(0) << gammaVersions(10, 12);
    QTest::addRow("version_number range")
        << QStringLiteral("name = 'gamma' AND version_number >= 4 AND version_number < 7 AND "
                          "version_number != 5")
        << noOrder << qint64(100) << qint64(0)
        << QStringList {QStringLiteral("gamma/6"), QStringLiteral("gamma/4")};
    QTest::addRow("version_number <= 2.5")
        << QStringLiteral("name = 'gamma' AND version_number <= 2.5") << noOrder << qint64(100)
        << qint64(0) << gammaVersions(1, 2);
    // 'DEF' is dropped (upper case), so alpha/2's run 'def' does not match.
    QTest::addRow("run_id IN") << QStringLiteral("run_id IN ('abc', 'DEF')") << noOrder
                               << qint64(100) << qint64(0) << QStringList {alpha4, alpha1};
    QTest::addRow("run_id IN, all dropped") << QStringLiteral("run_id IN ('ABC')") << noOrder
                                            << qint64(100) << qint64(0) << QStringList();
    QTest::addRow("run_id =") << QStringLiteral("run_id = 'ABC'") << noOrder << qint64(100)
                              << qint64(0) << QStringList {beta1};
    QTest::addRow("source_path LIKE is case-sensitive")
        << QStringLiteral("source_path LIKE 's3://bucket/%'") << noOrder << qint64(100) << qint64(0)
        << QStringList {alpha2, alpha1};
    QTest::addRow("source_path ILIKE")
        << QStringLiteral("source_path ILIKE 's3://bucket/%'") << noOrder << qint64(100)
        << qint64(0) << QStringList {alpha2, beta1, alpha1};
    QTest::addRow("tag =") << QStringLiteral("tags.data = 'v1'") << noOrder << qint64(100)
                           << qint64(0) << QStringList {alpha1};
    QTest::addRow("tag ILIKE") << QStringLiteral("tags.data ILIKE 'v1'") << noOrder << qint64(100)
                               << qint64(0) << QStringList {beta1, alpha1};
    QTest::addRow("tag != skips versions without the tag")
        << QStringLiteral("tags.data != 'v1'") << noOrder << qint64(100) << qint64(0)
        << QStringList {alpha2, beta1};
    QTest::addRow("two tag keys") << QStringLiteral("tags.data = 'v2' AND tags.quality = 'high'")
                                  << noOrder << qint64(100) << qint64(0) << QStringList {alpha2};
    QTest::addRow("two clauses on one key")
        << QStringLiteral("tags.data LIKE 'v%' AND tags.data != 'v2'") << noOrder << qint64(100)
        << qint64(0) << QStringList {alpha1};
    QTest::addRow("prompt versions are hidden") << QStringLiteral("name = 'prompt-one'") << noOrder
                                                << qint64(100) << qint64(0) << QStringList();
    QTest::addRow("prompt versions selected")
        << QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'") << noOrder << qint64(100)
        << qint64(0) << QStringList {QStringLiteral("prompt-one/1")};
    // The exclusion joins on the model name: a version without the tag is hidden as well.
    QTest::addRow("untagged version of a prompt is hidden")
        << QStringLiteral("name = 'prompt-one' AND tags.`mlflow.prompt.is_prompt` != 'true'")
        << noOrder << qint64(100) << qint64(0) << QStringList();
    QTest::addRow("quote and SQL in a value are data")
        << QStringLiteral("run_id = \"x' OR '1'='1\"") << noOrder << qint64(100) << qint64(0)
        << QStringList();
    QTest::addRow("statement text in a value is data")
        << QStringLiteral("name = 'alpha' AND source_path != \"'; DROP TABLE model_versions; --\"")
        << noOrder << qint64(100) << qint64(0) << QStringList {alpha2, alpha4, alpha1};
    QTest::addRow("page 1") << QString() << noOrder << qint64(3) << qint64(0)
                            << QStringList {alpha2, beta1, alpha4};
    QTest::addRow("page 2") << QString() << noOrder << qint64(3) << qint64(3)
                            << QStringList {alpha1, beta2, QStringLiteral("gamma/12")};
    QTest::addRow("last page") << QStringLiteral("name = 'gamma'") << noOrder << qint64(5)
                               << qint64(10) << gammaVersions(1, 2);
}

void SearchSqlTest::searchesVersions()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, orderBy);
    QFETCH(qint64, limit);
    QFETCH(qint64, offset);
    QFETCH(QStringList, expected);

    const auto parsed = Filter::parseFilter(filter, Filter::Target::Versions);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
    const auto order = Filter::parseOrderBy(orderBy, Filter::Target::Versions);
    QVERIFY(order.ok());
    const SearchSql::Statement statement = SearchSql::versionSearch(
        *parsed, *order, QStringLiteral("mv.name, mv.version"), limit, offset);
    QCOMPARE(statement.sql.count(u'?'), statement.bindings.size());
    QCOMPARE(run(statement, 2), expected);
    // The table survived whatever the values said.
    QCOMPARE(run({QStringLiteral("SELECT count(*) FROM model_versions"), {}}, 1),
             QStringList {QStringLiteral("20")});
}

void SearchSqlTest::bindsValuesInsteadOfSplicing_data()
{
    QTest::addColumn<bool>("versions");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("value");

    QTest::addRow("model name") << false << QStringLiteral("name = 'needle-one'")
                                << QStringLiteral("needle-one");
    QTest::addRow("model tag key and value")
        << false << QStringLiteral("tags.`needle.key` LIKE 'needle-two%'")
        << QStringLiteral("needle");
    QTest::addRow("run ids") << true << QStringLiteral("run_id IN ('needlea', 'needleb')")
                             << QStringLiteral("needle");
    QTest::addRow("source") << true << QStringLiteral("source_path ILIKE \"it's-a-needle\"")
                            << QStringLiteral("needle");
    QTest::addRow("version tag") << true << QStringLiteral("tags.needle != 'x'")
                                 << QStringLiteral("needle");
}

void SearchSqlTest::bindsValuesInsteadOfSplicing()
{
    QFETCH(bool, versions);
    QFETCH(QString, filter);
    QFETCH(QString, value);

    const auto target = versions ? Filter::Target::Versions : Filter::Target::Models;
    const auto parsed = Filter::parseFilter(filter, target);
    QVERIFY(parsed.ok());
    const SearchSql::Statement statement = versions
        ? SearchSql::versionSearch(*parsed, {}, QStringLiteral("mv.name"), 10, 0)
        : SearchSql::modelSearch(*parsed, {}, 10, 0);
    QVERIFY2(!statement.sql.contains(value), qPrintable(statement.sql));
    QCOMPARE(statement.sql.count(u'?'), statement.bindings.size());
    const bool bound = std::any_of(
        statement.bindings.cbegin(), statement.bindings.cend(),
        [&value](const QVariant &binding) { return binding.toString().contains(value); });
    QVERIFY(bound);
}

// A model may have 200,000 versions: `name = ?` must be answered from the primary key index,
// not by scanning the table.
void SearchSqlTest::findsVersionsOfOneModelThroughItsKey()
{
    const auto parsed = Filter::parseFilter(QStringLiteral("name = 'alpha' AND tags.data = 'v1'"),
                                            Filter::Target::Versions);
    QVERIFY(parsed.ok());
    for (const bool withTags : {false, true}) {
        const Filter::Expression filter
            = withTags ? *parsed : Filter::Expression {{parsed->clauses.constFirst()}};
        const SearchSql::Statement statement
            = SearchSql::versionSearch(filter, {}, QStringLiteral("mv.name, mv.version"), 10, 0);
        QSqlQuery query(QSqlDatabase::database(m_connection));
        QVERIFY(query.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql));
        for (const QVariant &value : statement.bindings)
            query.addBindValue(value);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QStringList plan;
        while (query.next())
            plan << query.value(3).toString();
        const bool keyed = std::any_of(plan.cbegin(), plan.cend(), [](const QString &step) {
            return step.startsWith(QStringLiteral("SEARCH mv USING"))
                && step.contains(QStringLiteral("name=?"));
        });
        QVERIFY2(keyed, qPrintable(plan.join(u'\n')));
        const bool scansVersions = std::any_of(plan.cbegin(), plan.cend(), [](const QString &step) {
            return step.startsWith(QStringLiteral("SCAN mv"));
        });
        QVERIFY2(!scansVersions, qPrintable(plan.join(u'\n')));
    }
}

QTEST_GUILESS_MAIN(SearchSqlTest)
#include "tst_searchsql.moc"
