// TagTableModel: a consistent item model (QAbstractItemModelTester) whose edits follow
// MLflow's tag rules and announce exactly the tag changes a user made.
#include "models/roles.h"
#include "models/tagtablemodel.h"
#include "registry/validation.h"

#include <QAbstractItemModelTester>
#include <QtTest>

#include <memory>

using namespace ModelDesk;

namespace {

QList<Tag> sampleTags()
{
    return {{QStringLiteral("owner"), QStringLiteral("alice")},
            {QStringLiteral("team"), QStringLiteral("ml")},
            {QStringLiteral("mlflow.source"), QStringLiteral("notebook")}};
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items)
        result << QString::fromUtf8(item);
    return result;
}

QStringList keysOf(const TagTableModel &model)
{
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.index(row, TagTableModel::KeyColumn).data(Qt::EditRole).toString();
    return keys;
}

} // namespace

class TestTagTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TagTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QStringList m_events; // "added owner=alice", "changed a=1 -> b=2", "removed team=ml"

    static QString text(const Tag &tag) { return tag.key + u'=' + tag.value; }

private slots:
    void init()
    {
        m_model = std::make_unique<TagTableModel>();
        // Created before the model is filled, so that it checks the fill too.
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_events.clear();
        connect(m_model.get(), &TagTableModel::tagAdded, this,
                [this](const Tag &tag) { m_events << QStringLiteral("added ") + text(tag); });
        connect(m_model.get(), &TagTableModel::tagChanged, this,
                [this](const Tag &before, const Tag &after) {
                    m_events << QStringLiteral("changed ") + text(before) + QStringLiteral(" -> ")
                                    + text(after);
                });
        connect(m_model.get(), &TagTableModel::tagRemoved, this,
                [this](const Tag &tag) { m_events << QStringLiteral("removed ") + text(tag); });
        m_model->setTags(sampleTags());
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(m_events.isEmpty()); // a fresh read is not an edit
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void shape()
    {
        QCOMPARE(m_model->columnCount(), int(TagTableModel::ColumnCount));
        QCOMPARE(m_model->headerData(TagTableModel::KeyColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Key"));
        QCOMPARE(m_model->headerData(TagTableModel::ValueColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Value"));
        QCOMPARE(m_model->rowOfKey(QStringLiteral("team")), 1);
        QCOMPARE(m_model->rowOfKey(QStringLiteral("nope")), -1);
        QVERIFY(m_model->flags(m_model->index(0, 0)) & Qt::ItemIsEditable);
    }

    void data_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("role");
        QTest::addColumn<QVariant>("expected");
        const QString multiLine = QStringLiteral("line one\nline two");
        QTest::newRow("display") << QStringLiteral("plain") << int(Qt::DisplayRole)
                                 << QVariant(QStringLiteral("plain"));
        QTest::newRow("display folds lines") << multiLine << int(Qt::DisplayRole)
                                             << QVariant(QStringLiteral("line one line two"));
        QTest::newRow("edit keeps lines") << multiLine << int(Qt::EditRole) << QVariant(multiLine);
        QTest::newRow("raw keeps lines") << multiLine << int(RawValueRole) << QVariant(multiLine);
        QTest::newRow("tooltip in full") << multiLine << int(Qt::ToolTipRole)
                                         << QVariant(multiLine);
        QTest::newRow("no tooltip when empty") << QString() << int(Qt::ToolTipRole) << QVariant();
        QTest::newRow("no decoration") << QStringLiteral("x") << int(Qt::DecorationRole)
                                       << QVariant();
    }

    void data()
    {
        QFETCH(QString, value);
        QFETCH(int, role);
        QFETCH(QVariant, expected);
        m_model->setTags({{QStringLiteral("k"), value}});
        QCOMPARE(m_model->index(0, TagTableModel::ValueColumn).data(role), expected);
    }

    void setKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("plain") << QStringLiteral("stage") << true;
        QTest::newRow("all allowed characters")
            << QStringLiteral("mlflow.note/x-y_z: 1") << true;
        QTest::newRow("unicode letters") << QStringLiteral("größe") << true;
        QTest::newRow("unchanged key") << QStringLiteral("team") << true;
        QTest::newRow("star") << QStringLiteral("a*b") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("parent path") << QStringLiteral("../up") << false;
        QTest::newRow("trailing slash") << QStringLiteral("dir/") << false;
        QTest::newRow("absolute path") << QStringLiteral("/abs") << false;
        QTest::newRow("too long") << QString(251, u'k') << false;
        QTest::newRow("longest") << QString(250, u'k') << true;
        QTest::newRow("duplicate of another row") << QStringLiteral("owner") << false;
    }

    void setKey()
    {
        QFETCH(QString, key);
        QFETCH(bool, accepted);
        const QModelIndex index = m_model->index(1, TagTableModel::KeyColumn);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QCOMPARE(m_model->setData(index, key), accepted);
        QCOMPARE(m_model->checkKey(key, 1).ok(), accepted);
        if (!accepted) {
            QCOMPARE(index.data(Qt::EditRole).toString(), QStringLiteral("team"));
            QCOMPARE(changed.count(), 0);
            QVERIFY(m_events.isEmpty());
            return;
        }
        QCOMPARE(index.data(Qt::EditRole).toString(), key);
        const QStringList expected = key == u"team"
                                         ? QStringList()
                                         : QStringList{QStringLiteral("changed team=ml -> ")
                                                       + key + QStringLiteral("=ml")};
        QCOMPARE(m_events, expected);
    }

    void invalidKeyMessageIsMlflows()
    {
        const Result<Done> check = m_model->checkKey(QStringLiteral("a*b"));
        QVERIFY(!check);
        QCOMPARE(check.error().message(),
                 Validation::checkTagKey(QStringLiteral("a*b")).error().message());
        QVERIFY(!m_model->appendTag({QStringLiteral("a*b"), QStringLiteral("v")}));
        QVERIFY(!m_model->appendTag({QStringLiteral("team"), QStringLiteral("dup")}));
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(m_events.isEmpty());
    }

    void setValue()
    {
        const QModelIndex index = m_model->index(0, TagTableModel::ValueColumn);
        QVERIFY(m_model->setData(index, QStringLiteral("bob")));
        QCOMPARE(index.data().toString(), QStringLiteral("bob"));
        QVERIFY(!m_model->setData(index, QString(100001, u'x')));
        QVERIFY(!m_model->setData(index, QStringLiteral("x"), Qt::DisplayRole));
        QCOMPARE(m_events, strings({"changed owner=alice -> owner=bob"}));
    }

    void insertRows_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("first") << 0 << 1 << strings({"", "owner", "team", "mlflow.source"});
        QTest::newRow("middle, two") << 1 << 2
                                     << strings({"owner", "", "", "team", "mlflow.source"});
        QTest::newRow("end") << 3 << 1 << strings({"owner", "team", "mlflow.source", ""});
    }

    void insertRows()
    {
        QFETCH(int, row);
        QFETCH(int, count);
        QFETCH(QStringList, keys);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QVERIFY(m_model->insertRows(row, count));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), row);
        QCOMPARE(inserted.at(0).at(2).toInt(), row + count - 1);
        QCOMPARE(keysOf(*m_model), keys);
        QVERIFY(m_events.isEmpty()); // drafts are not tags yet

        // A draft may take its value first; it becomes a tag once it has a valid key.
        QVERIFY(m_model->setData(m_model->index(row, TagTableModel::ValueColumn),
                                 QStringLiteral("v")));
        QVERIFY(m_events.isEmpty());
        QVERIFY(!m_model->setData(m_model->index(row, TagTableModel::KeyColumn),
                                  QStringLiteral("bad*key")));
        QVERIFY(!m_model->setData(m_model->index(row, TagTableModel::KeyColumn),
                                  QStringLiteral("owner")));
        QVERIFY(m_model->setData(m_model->index(row, TagTableModel::KeyColumn),
                                 QStringLiteral("new")));
        QCOMPARE(m_events, strings({"added new=v"}));
    }

    void insertRowsRefused()
    {
        QVERIFY(!m_model->insertRows(-1, 1));
        QVERIFY(!m_model->insertRows(4, 1));
        QVERIFY(!m_model->insertRows(0, 0));
        QVERIFY(!m_model->insertRows(0, 1, m_model->index(0, 0)));
        QCOMPARE(m_model->rowCount(), 3);
    }

    void removeRows_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("events");
        QTest::newRow("first") << 0 << 1 << strings({"team", "mlflow.source"})
                               << strings({"removed owner=alice"});
        QTest::newRow("last two") << 1 << 2 << strings({"owner"})
                                  << strings({"removed team=ml",
                                                 "removed mlflow.source=notebook"});
        QTest::newRow("all") << 0 << 3 << QStringList{}
                             << strings({"removed owner=alice", "removed team=ml",
                                            "removed mlflow.source=notebook"});
    }

    void removeRows()
    {
        QFETCH(int, row);
        QFETCH(int, count);
        QFETCH(QStringList, keys);
        QFETCH(QStringList, events);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QVERIFY(m_model->removeRows(row, count));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), row);
        QCOMPARE(removed.at(0).at(2).toInt(), row + count - 1);
        QCOMPARE(keysOf(*m_model), keys);
        QCOMPARE(m_events, events);
    }

    void removeDraftIsSilent()
    {
        QVERIFY(m_model->insertRows(3, 1));
        QVERIFY(m_model->removeRows(3, 1));
        QVERIFY(m_events.isEmpty());
        QVERIFY(!m_model->removeRows(2, 2));
        QVERIFY(!m_model->removeRows(-1, 1));
        QCOMPARE(m_model->rowCount(), 3);
    }

    void replaceTag()
    {
        QVERIFY(m_model->replaceTag(1, {QStringLiteral("squad"), QStringLiteral("core")}));
        QVERIFY(!m_model->replaceTag(1, {QStringLiteral("owner"), QStringLiteral("x")}));
        QVERIFY(!m_model->replaceTag(7, {QStringLiteral("x"), QStringLiteral("y")}));
        QVERIFY(m_model->appendTag({QStringLiteral("extra"), QString()}));
        QCOMPARE(keysOf(*m_model),
                 strings({"owner", "squad", "mlflow.source", "extra"}));
        QCOMPARE(m_events, strings({"changed team=ml -> squad=core", "added extra="}));
    }

    void readOnly()
    {
        m_model->setEditable(false);
        const QModelIndex index = m_model->index(0, TagTableModel::KeyColumn);
        QVERIFY(!(m_model->flags(index) & Qt::ItemIsEditable));
        QVERIFY(!m_model->setData(index, QStringLiteral("other")));
        QVERIFY(!m_model->insertRows(0, 1));
        QVERIFY(!m_model->removeRows(0, 1));
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(m_events.isEmpty());
    }
};

QTEST_MAIN(TestTagTableModel)
#include "tst_tagtablemodel.moc"
