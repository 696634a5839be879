// What the window looks like, checked as numbers: badges readable in every palette and
// selection state, names in any script drawn with real glyphs, Markdown read as GitHub reads
// it, columns and titles that show their whole value (or elide it with the full text at
// hand) at the default 1280×800 and at 900×600, in light and dark palettes.
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "registry/demo/demogenerator.h"
#include "ui/details/descriptioneditor.h"
#include "ui/details/detailspane.h"
#include "ui/details/transitiondialog.h"
#include "ui/mainwindow.h"
#include "ui/stagedelegate.h"
#include "ui/theme.h"

#include <QApplication>
#include <QGlyphRun>
#include <QHeaderView>
#include <QLabel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QtTest>

#include <cmath>

using namespace ModelDesk;

namespace {

double luminance(const QColor &color)
{
    auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
           + 0.0722 * channel(color.blueF());
}

// WCAG's contrast ratio, 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestLooks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath(QStringLiteral("demo.db"));
        QVERIFY(createDemoStore(m_demo, {}).ok());
    }

    void badgesAreReadable_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<bool>("selected");
        for (const char *theme : {"light", "dark", "style"}) {
            for (const QString &stage :
                 {Stage::None, Stage::Staging, Stage::Production, Stage::Archived}) {
                for (bool selected : {false, true}) {
                    QTest::addRow("%s %s%s", theme, qPrintable(stage),
                                  selected ? " selected" : "")
                        << QString::fromLatin1(theme) << stage << selected;
                }
            }
        }
    }

    void badgesAreReadable()
    {
        QFETCH(QString, theme);
        QFETCH(QString, stage);
        QFETCH(bool, selected);
        const QPalette palette = theme == QLatin1String("light") ? Theme::lightPalette()
                                 : theme == QLatin1String("dark") ? Theme::darkPalette()
                                                                  : QApplication::style()->standardPalette();
        const StageDelegate::BadgeColors colors = StageDelegate::colorsFor(stage, palette, selected);
        const QColor behind = colors.fill.isValid()
                                  ? colors.fill
                                  : palette.color(selected ? QPalette::Highlight : QPalette::Base);
        QVERIFY2(contrast(colors.text, behind) >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2: %3")
                                .arg(colors.text.name(), behind.name())
                                .arg(contrast(colors.text, behind))));
    }

    // Every character of the fixture's names is drawn with a real glyph, not a box.
    void namesInAnyScriptHaveGlyphs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("cjk and emoji") << QStringLiteral("情感分析-sentiment ✨");
        QTest::newRow("emoji tag") << QStringLiteral("🚀");
        QTest::newRow("latin") << QStringLiteral("modèle de sentiment – français");
    }

    void namesInAnyScriptHaveGlyphs()
    {
        QFETCH(QString, text);
        QTextLayout layout(text, QApplication::font());
        layout.beginLayout();
        layout.createLine();
        layout.endLayout();
        const QList<QGlyphRun> runs = layout.glyphRuns();
        QVERIFY(!runs.isEmpty());
        for (const QGlyphRun &run : runs) {
            for (quint32 glyph : run.glyphIndexes())
                QVERIFY2(glyph != 0, qPrintable(QStringLiteral("missing glyph in %1 (font %2)")
                                                    .arg(text, run.rawFont().familyName())));
        }
    }

    // `_ticket_` is emphasis, as on GitHub and in MLflow's web UI, never underlined.
    void markdownUnderscoresAreEmphasis()
    {
        DescriptionEditor editor;
        editor.setDescription(QStringLiteral("See _ticket_ and __bold__ and ~~gone~~."));
        auto *preview = editor.findChild<QTextBrowser *>(QStringLiteral("descriptionPreview"));
        QVERIFY(preview);
        bool italic = false;
        bool underlined = false;
        bool bold = false;
        for (QTextBlock block = preview->document()->begin(); block.isValid();
             block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.text() == QLatin1String("ticket"))
                    italic = fragment.charFormat().fontItalic();
                if (fragment.text() == QLatin1String("bold"))
                    bold = fragment.charFormat().fontWeight() >= QFont::Bold;
                underlined = underlined || fragment.charFormat().fontUnderline();
            }
        }
        QVERIFY(italic);
        QVERIFY(bold);
        QVERIFY(!underlined);
    }

    // At the default size and at 900×600, in both palettes: every column that shows is
    // either wide enough for its values or elides them in the middle with the value in the
    // tooltip; the versions table shows Created whole; the details title is never cut.
    void layoutShowsWholeValues_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("theme");
        for (const char *theme : {"light", "dark"}) {
            QTest::addRow("1280x800 %s", theme) << QSize(1280, 800) << QString::fromLatin1(theme);
            QTest::addRow("900x600 %s", theme) << QSize(900, 600) << QString::fromLatin1(theme);
        }
    }

    void layoutShowsWholeValues()
    {
        QFETCH(QSize, size);
        QFETCH(QString, theme);
        Theme::apply(theme);
        MainWindow window;
        window.resize(size);
        window.show();
        window.openRegistry(m_demo, QStringLiteral("churn-predictor/4"));
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 4);
        QTRY_VERIFY(!details->isLoading());

        for (const char *name : {"modelList", "versionTable"}) {
            auto *view = window.findChild<QTableView *>(QString::fromLatin1(name));
            QCOMPARE(view->textElideMode(), Qt::ElideMiddle);
            QHeaderView *header = view->horizontalHeader();
            for (int column = 0; column < view->model()->columnCount(); ++column) {
                if (header->isSectionHidden(column))
                    continue;
                for (int row = 0; row < view->model()->rowCount(); ++row) {
                    const QModelIndex index = view->model()->index(row, column);
                    const QString text = index.data().toString();
                    if (text.isEmpty() || column == VersionTableModel::StageColumn)
                        continue;
                    const int needed = view->fontMetrics().horizontalAdvance(text) + 8;
                    if (needed <= view->columnWidth(column))
                        continue;
                    const QString tip = index.data(Qt::ToolTipRole).toString();
                    QVERIFY2(tip.contains(text.section(QStringLiteral(", "), 0, 0)),
                             qPrintable(QStringLiteral("%1 row %2 column %3: '%4' has no tooltip")
                                            .arg(QLatin1String(name))
                                            .arg(row)
                                            .arg(column)
                                            .arg(text)));
                }
            }
        }
        if (size.width() >= 1280) {
            // Created is whole inside the versions table, its header too.
            auto *versions = window.findChild<QTableView *>(QStringLiteral("versionTable"));
            const int created = VersionTableModel::CreatedColumn;
            const int right = versions->columnViewportPosition(created)
                              + versions->columnWidth(created);
            QVERIFY2(right <= versions->viewport()->width(),
                     qPrintable(QStringLiteral("%1 > %2").arg(right).arg(versions->viewport()->width())));
            QVERIFY(versions->columnWidth(created)
                    >= versions->fontMetrics().horizontalAdvance(QStringLiteral("2025-07-27 21:46")));
        }
        // The title wraps: all of it is inside the label, the version number included.
        auto *title = window.findChild<QLabel *>(QStringLiteral("titleLabel"));
        QVERIFY(title && title->isVisible());
        QVERIFY(title->wordWrap());
        QCOMPARE(title->toolTip(), QStringLiteral("churn-predictor \u00b7 version 4"));
        QTRY_VERIFY(title->height() >= title->heightForWidth(title->width()));
        QVERIFY(title->width() <= details->width());
        window.close();
        Theme::apply(QStringLiteral("system"));
    }

    // The Transition dialog's title fits any width; the version is named inside, wrapped.
    void transitionDialogNamesTheVersionInside()
    {
        ModelVersion version;
        version.name = QStringLiteral("churn-predictor-with-a-rather-long-name");
        version.version = 5;
        version.currentStage = Stage::Staging;
        TransitionDialog dialog(version, {});
        dialog.show();
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Transition Stage"));
        auto *heading = dialog.findChild<QLabel *>(QStringLiteral("transitionHeading"));
        QVERIFY(heading && heading->wordWrap());
        QCOMPARE(heading->text(), QStringLiteral("%1 \u00b7 version 5").arg(version.name));
    }
};

QTEST_MAIN(TestLooks)
#include "tst_looks.moc"
