// The lazy model list and version table: paging through fetchMore (and without it), search
// text to filter, sorting through the registry, stale answers dropped — each under
// QAbstractItemModelTester.
#include "models/modellistmodel.h"
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;

class TestListModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqlRegistry> m_registry;

    static QStringList names(const ModelListModel &model)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.index(row, ModelListModel::NameColumn).data().toString();
        return result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("lists.db"));
        QVERIFY(SqlBackend::initialize(m_path).ok());
        auto backend = SqlBackend::open(m_path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        // 250 models (3 pages of 100) and one with 450 versions (3 pages of 200).
        for (int i = 0; i < 250; ++i) {
            const QList<Tag> tags{{QStringLiteral("team"), i % 2 ? QStringLiteral("odd")
                                                                 : QStringLiteral("even")}};
            QVERIFY((*backend)->createModel(QStringLiteral("model-%1").arg(i, 3, 10, QLatin1Char('0')),
                                            {}, tags).ok());
        }
        QVERIFY((*backend)->createModel(QStringLiteral("Big"), {}, {}).ok());
        QSqlDatabase db = (*backend)->database();
        QVERIFY(db.transaction());
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO model_versions (name, version, creation_time, "
                                      "last_updated_time, description, current_stage, source, "
                                      "run_id, status, run_link, storage_location) VALUES "
                                      "('Big', ?, ?, ?, '', ?, 's3://b', '', 'READY', '', 's3://b')"));
        for (int v = 1; v <= 450; ++v) {
            insert.addBindValue(v);
            insert.addBindValue(1000 + v);
            insert.addBindValue(1000 + v);
            insert.addBindValue(v == 400 ? QStringLiteral("Production") : QStringLiteral("None"));
            QVERIFY(insert.exec());
        }
        QVERIFY(db.commit());
        QVERIFY((*backend)->setAlias(QStringLiteral("Big"), QStringLiteral("champion"), 400).ok());
        backend->reset();
        m_registry = std::make_unique<SqlRegistry>(m_path);
        auto opened = m_registry->open();
        QTRY_VERIFY(opened.isFinished());
        QVERIFY(opened.result().ok());
    }

    void modelListPagesLazily_data()
    {
        QTest::addColumn<bool>("useFetchMore");
        QTest::newRow("view fetches more") << true;
        QTest::newRow("tester without fetchMore") << false;
    }

    void modelListPagesLazily()
    {
        QFETCH(bool, useFetchMore);
        ModelListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(useFetchMore);
        QSignalSpy firstPage(&model, &ModelListModel::firstPageLoaded);
        model.setRegistry(m_registry.get());
        QTRY_COMPARE(firstPage.size(), 1);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.columnCount(), int(ModelListModel::ColumnCount));
        QCOMPARE(names(model).first(), QStringLiteral("Big"));
        QVERIFY(model.canFetchMore({}));
        while (model.canFetchMore({}) || model.isLoading()) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
        }
        QCOMPARE(model.rowCount(), 251);
        const QModelIndex big = model.index(0, ModelListModel::AliasesColumn);
        QCOMPARE(big.data().toString(), QStringLiteral("@champion → v400"));
        // The active stages in the list; every stage in the tooltip.
        QCOMPARE(model.index(0, ModelListModel::LatestColumn).data().toString(),
                 QStringLiteral("Production v400"));
        QCOMPARE(model.index(0, ModelListModel::LatestColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Production v400\nNone v450"));
        QCOMPARE(model.searchText(), QString());
    }

    void searchTextBecomesAFilter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("rows");
        QTest::newRow("empty") << QString() << QString() << 100;
        QTest::newRow("contains, any case") << QStringLiteral("BI") << QStringLiteral("name ILIKE '%BI%'") << 1;
        QTest::newRow("contains digits") << QStringLiteral("24") << QStringLiteral("name ILIKE '%24%'") << 13;
        QTest::newRow("filter") << QStringLiteral("tags.team = 'odd' AND name LIKE 'model-00%'")
                                << QStringLiteral("tags.team = 'odd' AND name LIKE 'model-00%'") << 5;
        QTest::newRow("quote in text") << QStringLiteral("o'brien") << QStringLiteral("name ILIKE \"%o'brien%\"") << 0;
    }

    void searchTextBecomesAFilter()
    {
        QFETCH(QString, text);
        QFETCH(QString, filter);
        QFETCH(int, rows);
        QCOMPARE(ModelListModel::filterFor(text), filter);
        ModelListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRegistry(m_registry.get());
        model.setSearchText(text);
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QCOMPARE(model.rowCount(), rows);
    }

    void badFilterIsReportedInline()
    {
        ModelListModel model;
        QSignalSpy queryError(&model, &ModelListModel::queryError);
        QSignalSpy otherError(&model, &ModelListModel::errorOccurred);
        model.setRegistry(m_registry.get());
        model.setSearchText(QStringLiteral("name = 'a' OR name = 'b'"));
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!queryError.isEmpty());
        QVERIFY(queryError.last().first().toString().contains(QStringLiteral("OR")));
        QCOMPARE(otherError.size(), 0);
    }

    // Typing fast: only the last query's answer lands.
    void staleAnswersAreDropped()
    {
        ModelListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRegistry(m_registry.get());
        model.setSearchText(QStringLiteral("m"));
        model.setSearchText(QStringLiteral("mo"));
        model.setSearchText(QStringLiteral("model-24"));
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QCOMPARE(names(model), (QStringList{QStringLiteral("model-240"),
                                            QStringLiteral("model-241"), QStringLiteral("model-242"),
                                            QStringLiteral("model-243"), QStringLiteral("model-244"),
                                            QStringLiteral("model-245"), QStringLiteral("model-246"),
                                            QStringLiteral("model-247"), QStringLiteral("model-248"),
                                            QStringLiteral("model-249")}));
    }

    void sortingAsksTheRegistry()
    {
        ModelListModel model;
        model.setRegistry(m_registry.get());
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        model.sort(ModelListModel::NameColumn, Qt::DescendingOrder);
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QCOMPARE(names(model).first(), QStringLiteral("model-249"));
        model.sort(ModelListModel::UpdatedColumn, Qt::DescendingOrder);
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QCOMPARE(names(model).first(), QStringLiteral("Big")); // created last
    }

    void versionTablePagesByVersionNumber_data()
    {
        QTest::addColumn<bool>("useFetchMore");
        QTest::newRow("view fetches more") << true;
        QTest::newRow("tester without fetchMore") << false;
    }

    void versionTablePagesByVersionNumber()
    {
        QFETCH(bool, useFetchMore);
        VersionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(useFetchMore);
        model.setRegistry(m_registry.get());
        RegisteredModel big;
        big.name = QStringLiteral("Big");
        big.aliases = {{QStringLiteral("champion"), 400}};
        model.setModel(big);
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.versionAt(0), 450);
        QCOMPARE(model.versionAt(199), 251);
        while (model.canFetchMore({}) || model.isLoading()) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
        }
        QCOMPARE(model.rowCount(), 450);
        QCOMPARE(model.versionAt(449), 1);
        const int row = model.rowOf(400);
        QCOMPARE(model.index(row, VersionTableModel::StageColumn).data().toString(),
                 QStringLiteral("Production"));
        QCOMPARE(model.index(row, VersionTableModel::AliasesColumn).data().toString(),
                 QStringLiteral("@champion"));
        QCOMPARE(model.index(row, 0).data(VersionNumberRole).toLongLong(), 400);
    }

    // After an edit on a long history the rows are re-read in place, not reloaded.
    void versionRowsRefreshInPlace()
    {
        const QString copy = m_dir.filePath(QStringLiteral("refresh.db"));
        QVERIFY(QFile::copy(m_path, copy));
        SqlRegistry registry(copy);
        auto opened = registry.open();
        QTRY_VERIFY(opened.isFinished());
        VersionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false); // keep to the first page of 200
        model.setRegistry(&registry);
        RegisteredModel big;
        big.name = QStringLiteral("Big");
        model.setModel(big);
        QTRY_VERIFY(model.hasLoadedFirstPage() && !model.isLoading());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        {
            auto writer = SqlBackend::open(copy, SqlBackend::OpenMode::ReadWrite);
            QVERIFY((*writer)->updateVersionDescription(QStringLiteral("Big"), 449,
                                                        QStringLiteral("retrained\nmore"), {}).ok());
            QVERIFY((*writer)->deleteVersion(QStringLiteral("Big"), 448).ok());
        }
        model.refreshVersions({449, 448});
        QTRY_COMPARE(model.index(model.rowOf(449), VersionTableModel::DescriptionColumn).data().toString(),
                     QStringLiteral("retrained"));
        QTRY_COMPARE(model.rowOf(448), -1);
        QCOMPARE(model.rowCount(), 199);
        QCOMPARE(reset.size(), 0);
    }

    void filterQuotesTheName()
    {
        QCOMPARE(VersionTableModel::filterFor(QStringLiteral("a"), 0), QStringLiteral("name = 'a'"));
        QCOMPARE(VersionTableModel::filterFor(QStringLiteral("o'x"), 7),
                 QStringLiteral("name = \"o'x\" AND version_number < 7"));
    }
};

QTEST_MAIN(TestListModels)
#include "tst_listmodels.moc"
