// Stores ModelDesk creates carry exactly MLflow 2.22's schema, and stores of every layout a
// user may bring (MLflow 2.x, 3.x, the workspace fork, older or unknown revisions) are told
// apart by their tables and opened read-write only where ModelDesk knows how to write.
#include "tests/registry/transcripts.h"

#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlshape.h"
#include "registry/sql/sqlschema.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;

namespace {

QStringList schemaOf(const QString &path)
{
    QStringList statements;
    const QString connection = QStringLiteral("schema-%1").arg(qHash(path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                                  "ORDER BY rowid"));
        while (query.next())
            statements << query.value(0).toString();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return statements;
}

bool createFromDdl(const QString &path, const QString &ddl, const QString &revision)
{
    const QString connection = QStringLiteral("ddl-%1").arg(qHash(path));
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString &statement : ddl.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
            if (!statement.trimmed().isEmpty() && !query.exec(statement)) {
                qWarning() << statement << query.lastError().text();
                ok = false;
            }
        }
        ok = ok && query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(revision));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

QString readText(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestSqlSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void initCreatesMlflowsOwnSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("new.db"));
        QVERIFY(SqlBackend::initialize(path).ok());
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        QCOMPARE((*backend)->layout().revision, SqlSchema::CreatedRevision);
        QVERIFY(!(*backend)->capabilities().readOnly);
        QVERIFY((*backend)->layout().storageLocation && (*backend)->layout().aliases);
        QSqlQuery query((*backend)->database());
        QVERIFY(query.exec(QStringLiteral("SELECT name, artifact_location FROM experiments")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("Default"));
        QVERIFY(!query.next());
        backend->reset();
        QVERIFY(!SqlBackend::initialize(path).ok()); // never over an existing store

        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available to compare with.");
        // Byte-for-byte the statements a real MLflow 2.22 server left in its store (their
        // order in sqlite_master reflects the server's migration history, not the schema).
        QStringList created = schemaOf(path).filter(QRegularExpression(QStringLiteral("^(?!CREATE INDEX modeldesk_)")));
        QCOMPARE(schemaOf(path).size() - created.size(), 4); // ModelDesk's own indexes
        QStringList mlflows = schemaOf(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"));
        created.sort();
        mlflows.sort();
        QCOMPARE(created.size(), 30);
        QCOMPARE(created, mlflows);
    }

    void mlflow3StoresAreWritable()
    {
        const QString fixtures = TestSupport::fixturesDir();
        if (fixtures.isEmpty())
            QSKIP("The shared MLflow fixtures are not available.");
        const QString path = m_dir.filePath(QStringLiteral("mlflow36.db"));
        QVERIFY(createFromDdl(path, readText(fixtures + QStringLiteral("/mlflow-3.6/schema.sql")),
                              QStringLiteral("bf29a5ff90ea")));
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message()));
        QVERIFY(!(*backend)->capabilities().readOnly);
        QVERIFY((*backend)->layout().knownRevision);
        QVERIFY((*backend)->createModel(QStringLiteral("m"), {}, {}).ok());
        CreateVersionRequest request;
        request.name = QStringLiteral("m");
        request.source = QStringLiteral("models:/m-0123456789abcdef0123456789abcdef");
        QVERIFY((*backend)->createVersion(request).ok());
        QVERIFY((*backend)->setVersionTag(QStringLiteral("m"), 1, QStringLiteral("long"),
                                          QString(20000, QLatin1Char('x'))).ok());
        QCOMPARE((*backend)->version(QStringLiteral("m"), 1)->tags.first().value.size(), 20000);
    }

    void everyKnownLayoutIsRead()
    {
        QStringList names;
        for (const SqlShape::KnownLayout &layout : SqlShape::knownLayouts()) {
            names << layout.name;
            QCOMPARE(layout.tables.size(), SqlShape::registryTables().size());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("MLflow 2.3–2.7"), QStringLiteral("MLflow 2.22"),
                                     QStringLiteral("MLflow 3.6"), QStringLiteral("MLflow 3.12")}));
    }

    void layoutsAreToldApart_data()
    {
        QTest::addColumn<QStringList>("changes");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("reason");
        QTest::newRow("MLflow 2.22") << QStringList() << false << QString();
        // A revision ModelDesk has never heard of that leaves the registry tables as they
        // are is written; one that changes them is read with a message naming the change.
        QTest::newRow("unknown revision, same tables")
            << QStringList{QStringLiteral("CREATE TABLE future_feature (id INTEGER PRIMARY KEY)"),
                           QStringLiteral("UPDATE alembic_version SET version_num = 'abcdef123456'")}
            << false << QString();
        QTest::newRow("unknown revision, new column")
            << QStringList{QStringLiteral("ALTER TABLE model_versions ADD COLUMN state VARCHAR(10) "
                                          "NOT NULL DEFAULT 'New'"),
                           QStringLiteral("UPDATE alembic_version SET version_num = 'abcdef123456'")}
            << true << QStringLiteral("model_versions has a new column state");
        QTest::newRow("unknown revision, other type")
            << QStringList{QStringLiteral("ALTER TABLE model_version_tags RENAME TO old_tags"),
                           QStringLiteral("CREATE TABLE model_version_tags (key VARCHAR(250) NOT NULL, "
                                          "value VARCHAR(100), name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, "
                                          "PRIMARY KEY (key, name, version), FOREIGN KEY(name, version) "
                                          "REFERENCES model_versions (name, version) ON UPDATE cascade)"),
                           QStringLiteral("DROP TABLE old_tags"),
                           QStringLiteral("UPDATE alembic_version SET version_num = 'abcdef123456'")}
            << true << QStringLiteral("model_version_tags.value is VARCHAR(100), not VARCHAR(5000)");
        QTest::newRow("before aliases (MLflow 2.2)")
            << QStringList{QStringLiteral("DROP TABLE registered_model_aliases"),
                           QStringLiteral("UPDATE alembic_version SET version_num = '97727af70f4d'")}
            << true << QStringLiteral("predates MLflow 2.3");
        QTest::newRow("workspace fork")
            << QStringList{QStringLiteral("ALTER TABLE registered_models ADD COLUMN workspace "
                                          "VARCHAR(63) NOT NULL DEFAULT 'default'"),
                           QStringLiteral("UPDATE alembic_version SET version_num = '1b5f0d9ad7c1'")}
            << true << QStringLiteral("registered_models has a new column workspace");
    }

    void layoutsAreToldApart()
    {
        QFETCH(QStringList, changes);
        QFETCH(bool, readOnly);
        QFETCH(QString, reason);
        const QString path = m_dir.filePath(QStringLiteral("layout-%1.db").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        QVERIFY(SqlBackend::initialize(path).ok());
        {
            auto writer = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
            QVERIFY((*writer)->createModel(QStringLiteral("m"), QStringLiteral("d"), {}).ok());
            QSqlQuery query((*writer)->database());
            for (const QString &change : std::as_const(changes))
                QVERIFY2(query.exec(change), qPrintable(change));
        }
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        QCOMPARE((*backend)->capabilities().readOnly, readOnly);
        const QString why = (*backend)->capabilities().readOnlyReason;
        QVERIFY2(why.contains(reason), qPrintable(why));
        // Whatever it understands, it reads.
        const auto model = (*backend)->model(QStringLiteral("m"));
        QVERIFY(model.ok());
        QCOMPARE(model->description, QStringLiteral("d"));
        // And what it may write, it writes.
        if (!readOnly) {
            QVERIFY((*backend)->updateModelDescription(QStringLiteral("m"), QStringLiteral("d2"), {}).ok());
            QCOMPARE((*backend)->model(QStringLiteral("m"))->description, QStringLiteral("d2"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSqlSchema)
#include "tst_sqlschema.moc"
