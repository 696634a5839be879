// The comparison's item models: the tree of changes grouped by model (a renamed model under
// its new name), its colours and values, where each row's item is in A and in B, the filter by
// text and kind — all under QAbstractItemModelTester — and the line diff and exports they
// feed.
#include "models/registrydiff/registrydifffilter.h"
#include "models/registrydiff/registrydiffmodel.h"
#include "models/roles.h"
#include "registry/diff/diffexport.h"
#include "registry/diff/linediff.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QPalette>
#include <QPixmap>
#include <QtTest>

#include <cmath>

using namespace ModelDesk;
using Kind = RegistryChange::Kind;

Q_DECLARE_METATYPE(QList<ModelDesk::LineDiffRow>)

namespace {

RegistryChange change(Kind kind,
                      const QString &model,
                      const QString &version = {},
                      const QString &key = {},
                      std::optional<QString> oldValue = {},
                      std::optional<QString> newValue = {})
{
    return {kind, model, version, key, std::move(oldValue), std::move(newValue)};
}

// As diffRegistries() sorts them: by model, version, kind, key. "churn-v2" is "churn" renamed.
QList<RegistryChange> sample()
{
    const QString description = QStringLiteral("Predicts churn.\nTrained weekly.");
    return {
        change(Kind::ModelRenamed, QStringLiteral("churn"), {}, {}, QStringLiteral("churn"),
               QStringLiteral("churn-v2")),
        change(Kind::AliasMoved, QStringLiteral("churn-v2"), {}, QStringLiteral("champion"),
               QStringLiteral("2"), QStringLiteral("3")),
        change(Kind::StageChanged, QStringLiteral("churn-v2"), QStringLiteral("3"), {},
               QStringLiteral("Staging"), QStringLiteral("Production")),
        change(Kind::ModelAdded, QStringLiteral("fraud")),
        change(Kind::DescriptionChanged, QStringLiteral("ranker"), {}, {}, description,
               description + QStringLiteral("\nOwned by search.")),
        change(Kind::VersionAdded, QStringLiteral("ranker"), QStringLiteral("7")),
        change(Kind::VersionRemoved, QStringLiteral("ranker"), QStringLiteral("10")),
        change(Kind::TagChanged, QStringLiteral("ranker"), QStringLiteral("10"),
               QStringLiteral("owner"), QStringLiteral("alice"), QStringLiteral("bob")),
        change(Kind::RequestAdded, QStringLiteral("ranker"), QStringLiteral("10"),
               QStringLiteral("modeldesk.request.01"), {}, QStringLiteral("pending")),
        change(Kind::ModelRemoved, QStringLiteral("scorer")),
    };
}

// The tree as a user reads it: each model row, then its changes indented, columns joined by |.
QStringList dump(const QAbstractItemModel &model)
{
    QStringList lines;
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        lines << parent.data().toString();
        for (int row = 0; row < model.rowCount(parent); ++row) {
            QStringList cells;
            for (int column = 0; column < model.columnCount(parent); ++column)
                cells << model.index(row, column, parent).data().toString();
            lines << QStringLiteral("  ") + cells.join(QLatin1Char('|'));
        }
    }
    return lines;
}

// "a b c" as the lines a, b and c.
QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// WCAG's contrast ratio of two colours.
double contrast(const QColor &x, const QColor &y)
{
    const auto luminance = [](const QColor &colour) {
        const auto channel = [](double c) {
            return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF());
    };
    const double a = luminance(x) + 0.05;
    const double b = luminance(y) + 0.05;
    return a > b ? a / b : b / a;
}

} // namespace

class TestRegistryDiffModel : public QObject
{
    Q_OBJECT

private slots:
    void treeGroupsByModel()
    {
        RegistryDiffModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setChanges(sample());
        QCOMPARE(dump(model),
                 QStringList({
                     QStringLiteral("churn-v2 (was churn) — 3 changes"),
                     QStringLiteral("  Model renamed|||churn|churn-v2"),
                     QStringLiteral("  Alias moved||champion|2|3"),
                     QStringLiteral("  Stage changed|3||Staging|Production"),
                     QStringLiteral("fraud — 1 change"),
                     QStringLiteral("  Model added||||"),
                     QStringLiteral("ranker — 5 changes"),
                     QStringLiteral("  Description changed|||Predicts churn.…|Predicts churn.…"),
                     QStringLiteral("  Version added|7|||"),
                     QStringLiteral("  Version removed|10|||"),
                     QStringLiteral("  Tag changed|10|owner|alice|bob"),
                     QStringLiteral("  Request filed|10|modeldesk.request.01||pending"),
                     QStringLiteral("scorer — 1 change"),
                     QStringLiteral("  Model removed||||"),
                 }));
        QCOMPARE(model.modelCount(), 4);
        QCOMPARE(model.count(ChangeGroup::Added), 2);
        QCOMPARE(model.count(ChangeGroup::Removed), 2);
        QCOMPARE(model.count(ChangeGroup::Changed), 4);
        QCOMPARE(model.count(ChangeGroup::Renamed), 1);
        QCOMPARE(model.count(ChangeGroup::Requests), 1);

        // A long value is cut in its cell and whole in its tooltip.
        const QModelIndex description
            = model.index(0, RegistryDiffModel::NewColumn, model.index(2, 0));
        QCOMPARE(description.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Predicts churn.\nTrained weekly.\nOwned by search."));
        QCOMPARE(model.index(0, 0, model.index(2, 0)).data(ChangeKindRole).toInt(),
                 int(Kind::DescriptionChanged));
        QCOMPARE(model.change(model.index(2, 0)), nullptr);
        QCOMPARE(model.change(description)->kind, Kind::DescriptionChanged);

        // Replaced as a whole.
        model.setChanges({});
        QCOMPARE(model.rowCount(), 0);
    }

    void coloursFollowKindAndPalette()
    {
        RegistryDiffModel model;
        model.setChanges(sample());
        const auto colourOf = [&](int group, int row) {
            return model.index(row, 0, model.index(group, 0))
                .data(Qt::ForegroundRole)
                .value<QColor>();
        };
        const QPalette palette = QGuiApplication::palette();
        QCOMPARE(colourOf(1, 0), changeGroupColor(ChangeGroup::Added, palette));
        QCOMPARE(colourOf(3, 0), changeGroupColor(ChangeGroup::Removed, palette));
        QCOMPARE(colourOf(0, 0), changeGroupColor(ChangeGroup::Renamed, palette));
        QCOMPARE(colourOf(0, 1), changeGroupColor(ChangeGroup::Changed, palette));
        QCOMPARE(colourOf(2, 4), changeGroupColor(ChangeGroup::Requests, palette));
        // A dot of the same colour beside the words.
        const QImage dot = model.index(0, 0, model.index(1, 0))
                               .data(Qt::DecorationRole)
                               .value<QPixmap>()
                               .toImage();
        QVERIFY(!dot.isNull());
        QCOMPARE(dot.pixelColor(dot.rect().center()),
                 changeGroupColor(ChangeGroup::Added, palette));
        // A model added as a whole colours its own row; one only changed does not.
        QCOMPARE(model.index(1, 0).data(Qt::ForegroundRole).value<QColor>(),
                 changeGroupColor(ChangeGroup::Added, palette));
        QVERIFY(!model.index(2, 0).data(Qt::ForegroundRole).isValid());

        // Readable on both palettes: the text keeps its distance from the base.
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        for (const ChangeGroup group : AllChangeGroups) {
            QVERIFY2(contrast(changeGroupColor(group, light), Qt::white) >= 4.5,
                     qPrintable(changeGroupText(group)));
            QVERIFY2(contrast(changeGroupColor(group, dark), dark.color(QPalette::Base)) >= 4.5,
                     qPrintable(changeGroupText(group)));
        }
    }

    void selectionsInEitherRegistry_data()
    {
        QTest::addColumn<int>("group");
        QTest::addColumn<int>("row"); // -1: the model's own row
        QTest::addColumn<QString>("inA");
        QTest::addColumn<QString>("inB");
        QTest::newRow("renamed model") << 0 << -1 << "churn"
                                       << "churn-v2";
        QTest::newRow("rename") << 0 << 0 << "churn"
                                << "churn-v2";
        QTest::newRow("version of a renamed model") << 0 << 2 << "churn/3"
                                                    << "churn-v2/3";
        QTest::newRow("added model") << 1 << 0 << ""
                                     << "fraud";
        QTest::newRow("model description") << 2 << 0 << "ranker"
                                           << "ranker";
        QTest::newRow("added version") << 2 << 1 << ""
                                       << "ranker/7";
        QTest::newRow("removed version") << 2 << 2 << "ranker/10"
                                         << "";
        QTest::newRow("removed model") << 3 << 0 << "scorer"
                                       << "";
    }

    void selectionsInEitherRegistry()
    {
        QFETCH(int, group);
        QFETCH(int, row);
        QFETCH(QString, inA);
        QFETCH(QString, inB);
        RegistryDiffModel model;
        model.setChanges(sample());
        const QModelIndex parent = model.index(group, 0);
        const QModelIndex index = row < 0 ? parent : model.index(row, 3, parent);
        QCOMPARE(model.selectionIn(index, ComparedSide::A), inA);
        QCOMPARE(model.selectionIn(index, ComparedSide::B), inB);
    }

    void filterByTextAndKind()
    {
        RegistryDiffModel model;
        RegistryDiffFilter filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        model.setChanges(sample());
        QCOMPARE(filter.rowCount(), 4);
        QCOMPARE(filter.shownChanges().size(), 10);

        filter.setText(QStringLiteral("BOB"));
        QCOMPARE(dump(filter),
                 QStringList({QStringLiteral("ranker — 5 changes"),
                              QStringLiteral("  Tag changed|10|owner|alice|bob")}));
        // A model's name keeps all of its changes.
        filter.setText(QStringLiteral("churn-v2"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 3);
        filter.setText(QStringLiteral("no such thing"));
        QCOMPARE(filter.rowCount(), 0);
        QVERIFY(filter.shownChanges().isEmpty());

        filter.setText({});
        filter.setGroups(ChangeGroup::Added | ChangeGroup::Requests);
        QCOMPARE(dump(filter),
                 QStringList({
                     QStringLiteral("fraud — 1 change"),
                     QStringLiteral("  Model added||||"),
                     QStringLiteral("ranker — 5 changes"),
                     QStringLiteral("  Version added|7|||"),
                     QStringLiteral("  Request filed|10|modeldesk.request.01||pending"),
                 }));
        QCOMPARE(filter.shownChanges().size(), 3);
        filter.setText(QStringLiteral("pending"));
        QCOMPARE(filter.shownChanges().size(), 1);
        QCOMPARE(filter.shownChanges().constFirst().kind, Kind::RequestAdded);
        // The source replaced under an active filter.
        model.setChanges(sample().mid(3, 1));
        QCOMPARE(filter.rowCount(), 0);
    }

    void lineDiff_data()
    {
        using R = LineDiffRow;
        using K = LineDiffRow::Kind;
        QTest::addColumn<QStringList>("left");
        QTest::addColumn<QStringList>("right");
        QTest::addColumn<QList<LineDiffRow>>("rows");
        QTest::newRow("same") << words("a b") << words("a b")
                              << QList<R> {{K::Same, 0, 0}, {K::Same, 1, 1}};
        QTest::newRow("appended") << words("a") << words("a b")
                                  << QList<R> {{K::Same, 0, 0}, {K::Added, -1, 1}};
        QTest::newRow("removed in the middle")
            << words("a x b") << words("a b")
            << QList<R> {{K::Same, 0, 0}, {K::Removed, 1, -1}, {K::Same, 2, 1}};
        QTest::newRow("changed and added") << words("a b c d") << words("a B c e f")
                                           << QList<R> {{K::Same, 0, 0},
                                                        {K::Changed, 1, 1},
                                                        {K::Same, 2, 2},
                                                        {K::Changed, 3, 3},
                                                        {K::Added, -1, 4}};
        QTest::newRow("moved line")
            << words("x a b") << words("a b x")
            << QList<R> {{K::Removed, 0, -1}, {K::Same, 1, 0}, {K::Same, 2, 1}, {K::Added, -1, 2}};
        QTest::newRow("from nothing") << words("") << words("a") << QList<R> {{K::Added, -1, 0}};
    }

    void lineDiff()
    {
        QFETCH(QStringList, left);
        QFETCH(QStringList, right);
        QFETCH(QList<LineDiffRow>, rows);
        QCOMPARE(diffLines(left, right), rows);
    }

    void hugeTextsStayCheap()
    {
        QStringList left;
        QStringList right;
        for (int i = 0; i < 5000; ++i) {
            left << QString::number(i);
            right << QString::number(i * 7);
        }
        const QList<LineDiffRow> rows = diffLines(left, right);
        QCOMPARE(rows.size(), 5000);
        QCOMPARE(rows.constFirst().kind, LineDiffRow::Kind::Same); // "0" on both sides
        QCOMPARE(rows.constLast().kind, LineDiffRow::Kind::Changed);
    }

    void exports()
    {
        const QList<RegistryChange> changes = {
            change(Kind::TagChanged, QStringLiteral("ranker"), QStringLiteral("10"),
                   QStringLiteral("note"), QStringLiteral("a, \"b\""), QStringLiteral("=1+1")),
            change(Kind::ModelAdded, QStringLiteral("fraud")),
        };
        QCOMPARE(changesCsv(changes),
                 QByteArray("kind,model,version,key,old,new\r\n"
                            "tag_changed,ranker,10,note,\"a, \"\"b\"\"\",'=1+1\r\n"
                            "model_added,fraud,,,,\r\n"));
        const QByteArray json = MlflowJson::Value(changesJson(changes)).toJson();
        QVERIFY2(json.startsWith("{\n  \"changes\": [\n    {\n      \"kind\": \"tag_changed\""),
                 json.constData());
        QVERIFY(json.contains("\"old\": null"));
        QVERIFY(json.contains("\"new\": \"=1+1\""));
    }
};

QTEST_MAIN(TestRegistryDiffModel)

#include "tst_registrydiffmodel.moc"
