// The Model Card tab offscreen: the card shows the registry's facts; Edit writes the prose
// sections with undo while typing, Save is one step of the window's undo stack (undone and
// redone in the registry); a read-only registry offers no Edit; Export writes the card.
#include "registry/card/modelcard.h"
#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlregistry.h"
#include "tests/rest/awaitresult.h"
#include "ui/card/cardpage.h"

#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;

namespace {
const QString Model = QStringLiteral("churn-predictor");
}

class TestCardPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<SqlRegistry> m_registry;

    std::optional<QString> tag(const QString &section)
    {
        const auto version = await(m_registry->version(Model, 2));
        if (!version)
            return std::nullopt;
        for (const Tag &tag : version->tags) {
            if (tag.key == Card::TagPrefix + section)
                return tag.value;
        }
        return std::nullopt;
    }

private slots:
    void initTestCase()
    {
        m_store = m_dir.filePath(QStringLiteral("card.db"));
        DemoOptions demo;
        demo.models = 2;
        demo.versionsPerModel = 3;
        demo.metricSteps = 2;
        VERIFY_OK(createDemoStore(m_store, demo));
        m_registry = std::make_unique<SqlRegistry>(m_store);
        VERIFY_OK(await(m_registry->open()));
    }

    void editSaveUndoAndExport()
    {
        QUndoStack undo;
        CardPage page(m_registry.get(), &undo);
        page.resize(600, 700);
        page.show();
        page.setVersion(Model, 2);
        page.setActive(true);
        QTRY_VERIFY(!page.isLoading());
        QTRY_VERIFY(page.shownText().contains(QLatin1String("Model card: churn-predictor version 2")));
        QVERIFY(page.shownText().contains(QLatin1String("Training data")));
        QVERIFY(!page.card().datasets.isEmpty());
        QVERIFY(page.shownText().contains(page.card().datasets.first().name));

        auto *edit = page.findChild<QPushButton *>(QStringLiteral("cardEdit"));
        auto *save = page.findChild<QPushButton *>(QStringLiteral("cardSave"));
        QVERIFY(edit->isEnabled());
        edit->click();
        QVERIFY(page.isEditing());
        QVERIFY(!save->isEnabled()); // nothing changed yet
        auto *limitations = qobject_cast<QPlainTextEdit *>(page.sectionEditor(QStringLiteral("limitations")));
        auto *licence = qobject_cast<QLineEdit *>(page.sectionEditor(QStringLiteral("license")));
        QVERIFY(limitations && licence);
        limitations->setFocus();
        QTest::keyClicks(limitations, QStringLiteral("oops"));
        QTest::keyClick(limitations, Qt::Key_Z, Qt::ControlModifier); // typing undone in place
        QCOMPARE(limitations->toPlainText(), QString());
        QTest::keyClicks(limitations, QStringLiteral("Weak on accounts younger than 30 days."));
        QTest::keyClicks(licence, QStringLiteral("Proprietary"));
        QVERIFY(save->isEnabled());
        save->click();
        QVERIFY(!page.isEditing());
        QVERIFY(page.shownText().contains(QLatin1String("Weak on accounts younger than 30 days.")));
        QCOMPARE(undo.count(), 1);
        QTRY_COMPARE(tag(QStringLiteral("limitations")),
                     std::optional<QString>(QStringLiteral("Weak on accounts younger than 30 days.")));
        QTRY_COMPARE(tag(QStringLiteral("license")), std::optional<QString>(QStringLiteral("Proprietary")));

        undo.undo();
        QTRY_COMPARE(tag(QStringLiteral("limitations")), std::optional<QString>());
        QTRY_COMPARE(tag(QStringLiteral("license")), std::optional<QString>());
        undo.redo();
        QTRY_COMPARE(tag(QStringLiteral("license")), std::optional<QString>(QStringLiteral("Proprietary")));

        // Cancel keeps the registry as it was.
        page.reload();
        QTRY_VERIFY(!page.isLoading());
        edit->click();
        licence->setText(QStringLiteral("MIT"));
        page.findChild<QPushButton *>(QStringLiteral("cardCancel"))->click();
        QVERIFY(!page.isEditing());
        QCOMPARE(tag(QStringLiteral("license")), std::optional<QString>(QStringLiteral("Proprietary")));

        const QString markdown = m_dir.filePath(QStringLiteral("card.md"));
        QString error;
        QVERIFY(page.exportTo(markdown, QStringLiteral("markdown"), &error));
        QFile file(markdown);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("| Licence | Proprietary |"));
        QVERIFY(page.exportTo(m_dir.filePath(QStringLiteral("card.pdf")), QStringLiteral("pdf"), &error));

        page.setReadOnly(true);
        QVERIFY(!edit->isEnabled());
        QVERIFY(edit->toolTip().contains(QLatin1String("read-only")));
    }
};

QTEST_MAIN(TestCardPage)
#include "tst_cardpage.moc"
