// OverviewPage, driven like a user (objectNames, clicks, typing) against a real local
// MLflow store through SqlRegistry; every assertion reads back what the store holds.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "registry/validation.h"
#include "models/tagtablemodel.h"
#include "ui/details/descriptioneditor.h"
#include "ui/details/overviewpage.h"
#include "ui/details/transitiondialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace ModelDesk;

namespace {

const QString Model = QStringLiteral("churn");
const QString LongSource = QStringLiteral(
    "s3://ml-artifacts-production/experiments/418/runs/"
    "3f6c2a9e0b7d4c1e8f5a6b7c8d9e0f1a/artifacts/model-with-a-rather-long-name");

template<typename T>
T wait(QFuture<Result<T>> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        qFatal("registry call timed out");
    const Result<T> result = future.result();
    if (!result)
        qFatal("registry call failed: %s", qPrintable(result.error().message()));
    return result.value();
}

} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<SqlRegistry> m_registry;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<OverviewPage> m_page;
    qint64 m_shownVersion = 0; // 0: the model is shown
    int m_reloads = 0;
    int m_generation = 0;

    template<typename T = QWidget>
    T *find(const char *name) const
    {
        T *widget = m_page->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no widget named %s", name);
        return widget;
    }

    // A fresh connection of its own, as another program would read the store.
    std::unique_ptr<SqlBackend> store() const
    {
        auto backend = SqlBackend::open(m_path, SqlBackend::OpenMode::ReadWrite);
        if (!backend)
            qFatal("open failed: %s", qPrintable(backend.error().message()));
        return std::move(backend).value();
    }
    ModelVersion stored(qint64 version) const { return store()->version(Model, version).value(); }
    QString storedDescription(qint64 version) const
    {
        return stored(version).description.value_or(QStringLiteral("<null>"));
    }
    QString storedTag(qint64 version, const QString &key) const
    {
        const ModelVersion read = stored(version);
        for (const Tag &tag : read.tags) {
            if (tag.key == key)
                return tag.value;
        }
        return QStringLiteral("<none>");
    }
    qint64 storedAlias(const QString &alias) const
    {
        const RegisteredModel model = store()->model(Model).value();
        for (const Alias &existing : model.aliases) {
            if (existing.alias == alias)
                return existing.version;
        }
        return 0;
    }

    // What the main window does: read the model (and version) and show it.
    void show(qint64 version)
    {
        m_shownVersion = version;
        const RegisteredModel model = wait(m_registry->model(Model));
        if (version == 0)
            m_page->showModel(model);
        else
            m_page->showVersion(model, wait(m_registry->version(Model, version)));
    }

    // The test object outlives pages and registries, so it is the continuations' context;
    // answers meant for an earlier test function are dropped by the generation.
    void reload()
    {
        const qint64 version = m_shownVersion;
        const int generation = m_generation;
        m_registry->model(Model).then(this, [this, version, generation](
                                                const Result<RegisteredModel> &model) {
            if (generation != m_generation || !model)
                return;
            if (version == 0) {
                m_page->showModel(*model);
                ++m_reloads;
                return;
            }
            m_registry->version(Model, version)
                .then(this, [this, model, generation](const Result<ModelVersion> &read) {
                    if (generation != m_generation || !read)
                        return;
                    m_page->showVersion(*model, *read);
                    ++m_reloads;
                });
        });
    }

    void editDescription(const QString &text)
    {
        QTest::mouseClick(find<QPushButton>("editDescriptionButton"), Qt::LeftButton);
        auto *edit = find<QPlainTextEdit>("descriptionEdit");
        QVERIFY(edit->isVisibleTo(m_page.get()));
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

    QToolButton *removeAliasButton(const QString &alias) const
    {
        const auto buttons = m_page->findChildren<QToolButton *>(
            QStringLiteral("removeAliasButton"));
        for (QToolButton *button : buttons) {
            if (button->property("alias").toString() == alias && button->isVisibleTo(m_page.get()))
                return button;
        }
        return nullptr;
    }

    void selectTagRow(const QString &key)
    {
        auto *table = find<QTableView>("tagTable");
        const auto *model = qobject_cast<TagTableModel *>(table->model());
        const int row = model->rowOfKey(key);
        QVERIFY(row >= 0);
        const QModelIndex index = model->index(row, TagTableModel::KeyColumn);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(index).center());
        QCOMPARE(find<QLineEdit>("tagKeyInput")->text(), key);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("mlflow.db"));
        QVERIFY(SqlBackend::initialize(m_path).ok());
        {
            auto backend = store();
            qint64 time = 1'700'000'000'000;
            backend->setClock([&time] { return time += 60'000; });
            QVERIFY(backend->createModel(Model, QStringLiteral("Predicts **churn**."),
                                         {{QStringLiteral("team"), QStringLiteral("growth")}})
                        .ok());
            const QStringList descriptions{QStringLiteral("First"), QStringLiteral("Second"),
                                           QStringLiteral("Third")};
            for (const QString &description : descriptions) {
                CreateVersionRequest request;
                request.name = Model;
                request.source = LongSource;
                request.runId = QStringLiteral("3f6c2a9e0b7d4c1e8f5a6b7c8d9e0f1a");
                request.description = description;
                request.tags = {{QStringLiteral("owner"), QStringLiteral("alice")}};
                QVERIFY(backend->createVersion(request).ok());
            }
            QVERIFY(backend->transitionStage(Model, 1, Stage::Production, ArchiveExisting::No)
                        .ok());
            QVERIFY(backend->transitionStage(Model, 2, Stage::Staging, ArchiveExisting::No).ok());
            QVERIFY(backend->setAlias(Model, QStringLiteral("champion"), 1).ok());
        } // closed before the registry opens the store

        m_registry = std::make_unique<SqlRegistry>(m_path);
        QFuture<Result<Capabilities>> opened = m_registry->open();
        QTRY_VERIFY(opened.isFinished());
        QVERIFY(opened.result().ok());
        m_stack = std::make_unique<QUndoStack>();
        m_page = std::make_unique<OverviewPage>(m_registry.get(), m_stack.get());
        m_page->resize(900, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        connect(m_registry.get(), &Registry::modelChanged, m_page.get(), [this] { reload(); });
        m_reloads = 0;
    }

    void cleanup()
    {
        ++m_generation;
        m_page.reset();
        m_stack.reset();
        m_registry.reset();
        m_dir.reset();
    }

    void showsVersion()
    {
        show(3);
        QCOMPARE(find("titleLabel")->toolTip(), QStringLiteral("churn \u00b7 version 3"));
        QCOMPARE(find<QLabel>("stageBadge")->text(), Stage::None);
        QCOMPARE(find("sourceField")->toolTip(), LongSource);
        QVERIFY(find<QTextBrowser>("descriptionPreview")->toPlainText().contains(u"Third"));
        QVERIFY(!find("descriptionEmptyLabel")->isVisibleTo(m_page.get()));
        QCOMPARE(find<QTableView>("tagTable")->model()->rowCount(), 1);
        QVERIFY(find("transitionButton")->isVisibleTo(m_page.get()));
        // Every control says what it does.
        const char *controls[] = {"editDescriptionButton", "tagTable", "addTagButton",
                                  "removeTagButton", "tagKeyInput", "aliasInput",
                                  "addAliasButton", "transitionButton", "copyUriButton"};
        for (const char *name : controls) {
            QVERIFY2(find(name), name);
            QVERIFY2(!find(name)->toolTip().isEmpty(), name);
        }
    }

    void showsModel()
    {
        show(0);
        QCOMPARE(find("titleLabel")->toolTip(), Model);
        QVERIFY(!find("stageBadge")->isVisibleTo(m_page.get()));
        QVERIFY(!find("transitionButton")->isVisibleTo(m_page.get()));
        QCOMPARE(find("latestProductionField")->toolTip(),
                 QStringLiteral("Version 1 is the latest in Production"));
        QCOMPARE(find("latestStagingField")->toolTip(),
                 QStringLiteral("Version 2 is the latest in Staging"));
        QVERIFY(find<QLabel>("modelAliasList")->text().contains(u"champion"));
        QVERIFY(!find("aliasInput")->isVisibleTo(m_page.get()));
        QVERIFY(find<QTextBrowser>("descriptionPreview")->toPlainText().contains(u"churn"));
    }

    void copyUri()
    {
        show(1);
        QSignalSpy status(m_page.get(), &OverviewPage::statusMessage);
        auto *button = find<QToolButton>("copyUriButton");
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("models:/churn/1"));
        QCOMPARE(status.count(), 1);
        QVERIFY(button->menu());
        QStringList uris;
        const QList<QAction *> actions = button->menu()->actions();
        for (QAction *action : actions)
            uris << action->text();
        QCOMPARE(uris, (QStringList{QStringLiteral("models:/churn/1"),
                                    QStringLiteral("models:/churn@champion")}));
        actions.last()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("models:/churn@champion"));

        show(0);
        QVERIFY(!button->menu());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("models:/churn"));
    }

    void editDescriptionAndUndo()
    {
        show(3);
        editDescription(QStringLiteral("Retrained on **Q3** data."));
        auto *save = find<QPushButton>("saveDescriptionButton");
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(storedDescription(3), QStringLiteral("Retrained on **Q3** data."));
        QCOMPARE(m_stack->count(), 1);
        QTRY_VERIFY(m_reloads > 0);
        QVERIFY(!find("descriptionEdit")->isVisibleTo(m_page.get()));
        QTRY_COMPARE(find<QTextBrowser>("descriptionPreview")->toPlainText(),
                     QStringLiteral("Retrained on Q3 data."));

        m_stack->undo();
        QTRY_COMPARE(storedDescription(3), QStringLiteral("Third"));
        QTRY_VERIFY(find<QTextBrowser>("descriptionPreview")->toPlainText() == u"Third");
        m_stack->redo();
        QTRY_COMPARE(storedDescription(3), QStringLiteral("Retrained on **Q3** data."));
        QCOMPARE(storedDescription(2), QStringLiteral("Second"));
    }

    // Two edits then two undos: each undo expects what the write before it left.
    void undoSeveralDescriptionEdits()
    {
        QSignalSpy errors(m_page.get(), &OverviewPage::errorOccurred);
        show(3);
        editDescription(QStringLiteral("B"));
        QTest::mouseClick(find<QPushButton>("saveDescriptionButton"), Qt::LeftButton);
        QTRY_COMPARE(storedDescription(3), QStringLiteral("B"));
        QTRY_VERIFY(m_reloads > 0);
        show(3);
        editDescription(QStringLiteral("C"));
        QTest::mouseClick(find<QPushButton>("saveDescriptionButton"), Qt::LeftButton);
        QTRY_COMPARE(storedDescription(3), QStringLiteral("C"));
        QCOMPARE(m_stack->count(), 2);

        m_stack->undo();
        QTRY_COMPARE(storedDescription(3), QStringLiteral("B"));
        m_stack->undo();
        QTRY_COMPARE(storedDescription(3), QStringLiteral("Third"));
        m_stack->redo();
        QTRY_COMPARE(storedDescription(3), QStringLiteral("B"));
        m_stack->redo();
        QTRY_COMPARE(storedDescription(3), QStringLiteral("C"));
        QCOMPARE(errors.size(), 0);
    }

    // Moving to another version with an unsaved edit keeps it as a draft, brought back on
    // return; nothing is written until Save.
    void unsavedDescriptionComesBack()
    {
        QSignalSpy status(m_page.get(), &OverviewPage::statusMessage);
        show(3);
        editDescription(QStringLiteral("Half-written notes"));
        show(2);
        QVERIFY(!find("descriptionEdit")->isVisibleTo(m_page.get()));
        QTRY_VERIFY(find<QTextBrowser>("descriptionPreview")->toPlainText().contains(u"Second"));
        show(3);
        auto *edit = find<QPlainTextEdit>("descriptionEdit");
        QVERIFY(edit->isVisibleTo(m_page.get()));
        QCOMPARE(edit->toPlainText(), QStringLiteral("Half-written notes"));
        QVERIFY(!status.isEmpty());
        QCOMPARE(storedDescription(3), QStringLiteral("Third"));
        QTest::mouseClick(find<QPushButton>("saveDescriptionButton"), Qt::LeftButton);
        QTRY_COMPARE(storedDescription(3), QStringLiteral("Half-written notes"));
    }

    void editModelDescription()
    {
        show(0);
        editDescription(QStringLiteral("Churn model, v2 features."));
        QTest::mouseClick(find<QPushButton>("saveDescriptionButton"), Qt::LeftButton);
        QTRY_COMPARE(store()->model(Model).value().description,
                     QStringLiteral("Churn model, v2 features."));
        m_stack->undo();
        QTRY_COMPARE(store()->model(Model).value().description,
                     QStringLiteral("Predicts **churn**."));
    }

    void refreshKeepsUnsavedText()
    {
        show(3);
        editDescription(QStringLiteral("Half-written"));
        show(3); // a refresh, e.g. after a tag edit
        auto *edit = find<QPlainTextEdit>("descriptionEdit");
        QVERIFY(edit->isVisibleTo(m_page.get()));
        QCOMPARE(edit->toPlainText(), QStringLiteral("Half-written"));
        QVERIFY(!find("descriptionChangedNotice")->isVisibleTo(m_page.get()));

        QVERIFY(store()->updateVersionDescription(Model, 3, QStringLiteral("Theirs"), {}).ok());
        show(3);
        QCOMPARE(edit->toPlainText(), QStringLiteral("Half-written"));
        QVERIFY(find("descriptionChangedNotice")->isVisibleTo(m_page.get()));

        show(2); // another version: the editor's text was for version 3
        QVERIFY(!edit->isVisibleTo(m_page.get()));
    }

    void staleDescriptionEditConflicts()
    {
        show(3);
        // Another program changes the description after the page showed it.
        QVERIFY(store()->updateVersionDescription(Model, 3, QStringLiteral("Other writer"), {})
                    .ok());
        QSignalSpy errors(m_page.get(), &OverviewPage::errorOccurred);
        editDescription(QStringLiteral("Mine"));
        QTest::mouseClick(find<QPushButton>("saveDescriptionButton"), Qt::LeftButton);
        QTRY_COMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).value<RegistryError>().code(), ErrorCode::Conflict);
        QCOMPARE(storedDescription(3), QStringLiteral("Other writer"));
        // The user's text is still there to copy.
        auto *edit = find<QPlainTextEdit>("descriptionEdit");
        QVERIFY(edit->isVisibleTo(m_page.get()));
        QCOMPARE(edit->toPlainText(), QStringLiteral("Mine"));
        QVERIFY(find("saveDescriptionButton")->isEnabled());
        // Nothing to undo: the failed edit leaves the stack at the next undo.
        m_stack->undo();
        QCOMPARE(m_stack->count(), 0);
        QCOMPARE(storedDescription(3), QStringLiteral("Other writer"));
    }

    void addEditRemoveTag()
    {
        show(3);
        auto *key = find<QLineEdit>("tagKeyInput");
        auto *value = find<QLineEdit>("tagValueInput");
        auto *add = find<QPushButton>("addTagButton");
        QVERIFY(!add->isEnabled());
        QTest::keyClicks(key, QStringLiteral("review.status"));
        QTest::keyClicks(value, QStringLiteral("pending"));
        QVERIFY(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(storedTag(3, QStringLiteral("review.status")), QStringLiteral("pending"));
        QVERIFY(key->text().isEmpty());

        // Edit its value through the form.
        QTRY_COMPARE(find<QTableView>("tagTable")->model()->rowCount(), 2);
        selectTagRow(QStringLiteral("review.status"));
        auto *save = find<QPushButton>("saveTagButton");
        QVERIFY(!save->isEnabled()); // nothing changed yet
        value->selectAll();
        QTest::keyClicks(value, QStringLiteral("approved"));
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(storedTag(3, QStringLiteral("review.status")), QStringLiteral("approved"));

        // Remove it, then undo the removal.
        QTRY_COMPARE(find<QTableView>("tagTable")->model()->index(1, 1).data().toString(),
                     QStringLiteral("approved"));
        selectTagRow(QStringLiteral("review.status"));
        QTest::mouseClick(find<QPushButton>("removeTagButton"), Qt::LeftButton);
        QTRY_COMPARE(storedTag(3, QStringLiteral("review.status")), QStringLiteral("<none>"));
        m_stack->undo();
        QTRY_COMPARE(storedTag(3, QStringLiteral("review.status")), QStringLiteral("approved"));
        m_stack->undo(); // the edit
        QTRY_COMPARE(storedTag(3, QStringLiteral("review.status")), QStringLiteral("pending"));
        m_stack->undo(); // the addition
        QTRY_COMPARE(storedTag(3, QStringLiteral("review.status")), QStringLiteral("<none>"));
        QCOMPARE(storedTag(3, QStringLiteral("owner")), QStringLiteral("alice"));
    }

    void renameTagInTable()
    {
        show(3);
        auto *table = find<QTableView>("tagTable");
        const QModelIndex index = table->model()->index(0, TagTableModel::KeyColumn);
        table->edit(index);
        auto *editor = table->findChild<QLineEdit *>(QStringLiteral("tagKeyCellEditor"));
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("bad*key"));
        QVERIFY(editor->property("invalid").toBool());
        QVERIFY(editor->toolTip().contains(u"Names may only contain"));
        QPointer<QLineEdit> closing(editor);
        QTest::keyClick(editor, Qt::Key_Return); // commits and closes, queued
        QTRY_VERIFY(closing.isNull());
        QCOMPARE(index.data().toString(), QStringLiteral("owner")); // not committed
        QCOMPARE(m_stack->count(), 0);

        table->edit(index);
        editor = table->findChild<QLineEdit *>(QStringLiteral("tagKeyCellEditor"));
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("maintainer"));
        QVERIFY(!editor->property("invalid").toBool());
        closing = editor;
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(closing.isNull());
        QTRY_COMPARE(storedTag(3, QStringLiteral("maintainer")), QStringLiteral("alice"));
        QCOMPARE(storedTag(3, QStringLiteral("owner")), QStringLiteral("<none>"));
        m_stack->undo();
        QTRY_COMPARE(storedTag(3, QStringLiteral("owner")), QStringLiteral("alice"));
        QTRY_COMPARE(storedTag(3, QStringLiteral("maintainer")), QStringLiteral("<none>"));
    }

    void invalidTagKeyRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("marked");
        QTest::newRow("star") << QStringLiteral("a*b") << true;
        QTest::newRow("parent path") << QStringLiteral("../secret") << true;
        QTest::newRow("trailing slash") << QStringLiteral("dir/") << true;
        QTest::newRow("too long") << QString(251, u'k') << true;
        QTest::newRow("existing key") << QStringLiteral("owner") << false;
    }

    void invalidTagKeyRefused()
    {
        QFETCH(QString, key);
        QFETCH(bool, marked);
        show(3);
        auto *keyInput = find<QLineEdit>("tagKeyInput");
        QTest::keyClicks(keyInput, key);
        QTest::keyClicks(find<QLineEdit>("tagValueInput"), QStringLiteral("v"));
        auto *add = find<QPushButton>("addTagButton");
        QVERIFY(!add->isEnabled());
        QVERIFY(!find("saveTagButton")->isEnabled());
        QCOMPARE(keyInput->property("invalid").toBool(), marked);
        if (marked) {
            const QString why = Validation::checkTagKey(key).error().message();
            QCOMPARE(keyInput->toolTip(), why);
            QCOMPARE(find<QLabel>("tagKeyMessage")->text(), why);
        }
        QTest::mouseClick(add, Qt::LeftButton);
        QTest::keyClick(keyInput, Qt::Key_Return);
        QTest::qWait(100);
        QCOMPARE(m_stack->count(), 0);
        QCOMPARE(stored(3).tags, (QList<Tag>{{QStringLiteral("owner"), QStringLiteral("alice")}}));
    }

    void addAlias()
    {
        show(3);
        auto *input = find<QLineEdit>("aliasInput");
        QTest::keyClicks(input, QStringLiteral("candidate"));
        auto *add = find<QPushButton>("addAliasButton");
        QVERIFY(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(storedAlias(QStringLiteral("candidate")), 3);
        QTRY_VERIFY(removeAliasButton(QStringLiteral("candidate")));

        // Remove it with its chip, and undo that.
        QTest::mouseClick(removeAliasButton(QStringLiteral("candidate")), Qt::LeftButton);
        QTRY_COMPARE(storedAlias(QStringLiteral("candidate")), 0);
        m_stack->undo();
        QTRY_COMPARE(storedAlias(QStringLiteral("candidate")), 3);
        m_stack->undo();
        QTRY_COMPARE(storedAlias(QStringLiteral("candidate")), 0);
    }

    void reservedAliasRefused_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::newRow("latest") << QStringLiteral("latest");
        QTest::newRow("Latest") << QStringLiteral("Latest");
        QTest::newRow("v1") << QStringLiteral("v1");
        QTest::newRow("V12") << QStringLiteral("V12");
        QTest::newRow("space") << QStringLiteral("my alias");
        QTest::newRow("dot") << QStringLiteral("a.b");
    }

    void reservedAliasRefused()
    {
        QFETCH(QString, alias);
        show(3);
        auto *input = find<QLineEdit>("aliasInput");
        QTest::keyClicks(input, alias);
        auto *add = find<QPushButton>("addAliasButton");
        QVERIFY(!add->isEnabled());
        QVERIFY(input->property("invalid").toBool());
        QCOMPARE(input->toolTip(), Validation::checkAliasToSet(alias).error().message());
        QTest::mouseClick(add, Qt::LeftButton);
        QTest::keyClick(input, Qt::Key_Return);
        QTest::qWait(100);
        QCOMPARE(m_stack->count(), 0);
        QCOMPARE(store()->model(Model).value().aliases,
                 (QList<Alias>{{QStringLiteral("champion"), 1}}));
    }

    void aliasAlreadyHereRefused()
    {
        show(1);
        QTest::keyClicks(find<QLineEdit>("aliasInput"), QStringLiteral("champion"));
        QVERIFY(!find("addAliasButton")->isEnabled());
        QVERIFY(find<QLabel>("aliasMessage")->text().contains(u"already points"));
    }

    void moveAlias()
    {
        show(3);
        QTest::keyClicks(find<QLineEdit>("aliasInput"), QStringLiteral("champion"));
        QVERIFY(find("addAliasButton")->isEnabled());
        QTest::mouseClick(find<QPushButton>("addAliasButton"), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = find<QMessageBox>("moveAliasConfirmation")));
        QCOMPARE(box->text(),
                 QStringLiteral("champion currently points to version 1; move it to version 3?"));
        QCOMPARE(storedAlias(QStringLiteral("champion")), 1); // nothing before confirming
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("moveAliasButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(storedAlias(QStringLiteral("champion")), 3);
        m_stack->undo();
        QTRY_COMPARE(storedAlias(QStringLiteral("champion")), 1);
    }

    void moveAliasCancelled()
    {
        show(3);
        QTest::keyClicks(find<QLineEdit>("aliasInput"), QStringLiteral("champion"));
        QTest::mouseClick(find<QPushButton>("addAliasButton"), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = find<QMessageBox>("moveAliasConfirmation")));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(100);
        QCOMPARE(m_stack->count(), 0);
        QCOMPARE(storedAlias(QStringLiteral("champion")), 1);
    }

    void transitionSummary_data()
    {
        QTest::addColumn<qint64>("version");
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("archive");
        QTest::addColumn<QString>("summary");
        QTest::newRow("archive production")
            << qint64(3) << Stage::Production << true
            << QStringLiteral("Version 3 moves from None to Production. "
                              "Every other version now in Production will be archived, including version 1.");
        QTest::newRow("keep production")
            << qint64(3) << Stage::Production << false
            << QStringLiteral("Version 3 moves from None to Production. "
                              "Version 1 and any other version in Production stay there.");
        QTest::newRow("staging to production")
            << qint64(2) << Stage::Production << true
            << QStringLiteral("Version 2 moves from Staging to Production. "
                              "Every other version now in Production will be archived, including version 1.");
        QTest::newRow("archive nothing")
            << qint64(1) << Stage::Archived << true
            << QStringLiteral("Version 1 moves from Production to Archived.");
    }

    void transitionSummary()
    {
        QFETCH(qint64, version);
        QFETCH(QString, target);
        QFETCH(bool, archive);
        QFETCH(QString, summary);
        const RegisteredModel model = wait(m_registry->model(Model));
        const ModelVersion shown = wait(m_registry->version(Model, version));
        TransitionDialog dialog(shown, model.latestVersions);
        QVERIFY(!TransitionDialog::targetsFrom(shown.currentStage).contains(shown.currentStage));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("targetStageCombo"))->count(), 3);
        dialog.setTargetStage(target);
        dialog.setArchiveExisting(archive ? ArchiveExisting::Yes : ArchiveExisting::No);
        auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("archiveOthersCheck"));
        const bool active = target == Stage::Staging || target == Stage::Production;
        QCOMPARE(check->isEnabled(), active);
        QCOMPARE(check->text(), QStringLiteral("Archive other versions in %1").arg(target));
        QCOMPARE(dialog.summary(), summary);
        QCOMPARE(dialog.findChild<QPushButton *>(QStringLiteral("transitionAcceptButton"))->text(),
                 QStringLiteral("Transition"));
    }

    void transitionArchivesOthers()
    {
        show(3);
        QTest::mouseClick(find<QPushButton>("transitionButton"), Qt::LeftButton);
        TransitionDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = find<TransitionDialog>("transitionDialog")));
        QVERIFY(dialog->isVisible());
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("targetStageCombo"));
        QCOMPARE(combo->findData(Stage::None), -1); // not to where it is
        combo->setCurrentIndex(combo->findData(Stage::Production));
        QTest::mouseClick(dialog->findChild<QCheckBox *>(QStringLiteral("archiveOthersCheck")),
                          Qt::LeftButton);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("transitionSummary"))->text(),
                 QStringLiteral("Version 3 moves from None to Production. "
                                "Every other version now in Production will be archived, including version 1."));
        QTest::mouseClick(dialog->findChild<QPushButton *>(
                              QStringLiteral("transitionAcceptButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(stored(3).currentStage, Stage::Production);
        QCOMPARE(stored(1).currentStage, Stage::Archived);
        QCOMPARE(stored(2).currentStage, Stage::Staging);
        QCOMPARE(m_stack->count(), 0); // not undoable
        QTRY_COMPARE(find<QLabel>("stageBadge")->text(), Stage::Production);
    }

    void transitionCancelled()
    {
        show(3);
        QTest::mouseClick(find<QPushButton>("transitionButton"), Qt::LeftButton);
        TransitionDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = find<TransitionDialog>("transitionDialog")));
        dialog->reject();
        QTest::qWait(100);
        QCOMPARE(stored(3).currentStage, Stage::None);
    }

    void readOnlyDisablesEditing()
    {
        show(1);
        m_page->setReadOnly(true);
        const QWidget *page = m_page.get();
        for (const char *name : {"editDescriptionButton", "addTagButton", "saveTagButton",
                                 "removeTagButton", "tagKeyInput", "aliasInput",
                                 "addAliasButton", "transitionButton"}) {
            QVERIFY2(!find(name)->isVisibleTo(page), name);
        }
        QVERIFY(!find("aliasInput")->isEnabled());
        QVERIFY(!find("transitionButton")->isEnabled());
        QVERIFY(!removeAliasButton(QStringLiteral("champion")));
        auto *table = find<QTableView>("tagTable");
        QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(!(table->model()->flags(table->model()->index(0, 0)) & Qt::ItemIsEditable));
        QVERIFY(find("copyUriButton")->isEnabled()); // reading is still fine
        QCOMPARE(find<QLabel>("descriptionEmptyLabel")->text(), QStringLiteral("No description."));

        show(3); // stays read-only across refreshes
        QVERIFY(!find("editDescriptionButton")->isVisibleTo(page));
        QVERIFY(!find("transitionButton")->isVisibleTo(page));

        m_page->setReadOnly(false);
        QVERIFY(find("editDescriptionButton")->isVisibleTo(page));
        QVERIFY(find("aliasInput")->isEnabled());
    }

    void fitsItsWidth_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<qint64>("version");
        QTest::addColumn<bool>("editing");
        QTest::addColumn<bool>("invalid");
        QTest::newRow("narrowest-version") << 350 << qint64(1) << false << false;
        QTest::newRow("narrow-version") << 400 << qint64(3) << false << false;
        QTest::newRow("wide-version") << 900 << qint64(1) << false << false;
        QTest::newRow("narrow-model") << 400 << qint64(0) << false << false;
        QTest::newRow("narrow-editing") << 400 << qint64(3) << true << false;
        QTest::newRow("wide-editing") << 900 << qint64(3) << true << false;
        QTest::newRow("narrowest-invalid") << 350 << qint64(3) << false << true;
    }

    void fitsItsWidth()
    {
        QFETCH(int, width);
        QFETCH(qint64, version);
        QFETCH(bool, editing);
        QFETCH(bool, invalid);
        // An empty description and a long tag value, to see the empty state and eliding.
        QVERIFY(store()->updateVersionDescription(Model, 3, QString(), {}).ok());
        QVERIFY(store()->setVersionTag(Model, 1, QStringLiteral("training.dataset"),
                                       QStringLiteral("s3://datasets/churn/2024-09-30/"
                                                      "features-v12.parquet"))
                    .ok());
        m_page->resize(width, 700);
        show(version);
        if (editing) {
            QTest::mouseClick(find<QPushButton>("editDescriptionButton"), Qt::LeftButton);
            m_page->findChild<DescriptionEditor *>()->setEditLayout(
                width > 600 ? DescriptionEditor::EditLayout::SideBySide
                            : DescriptionEditor::EditLayout::Write);
            find<QPlainTextEdit>("descriptionEdit")
                ->setPlainText(QStringLiteral("# Churn\n\nGradient-boosted trees trained on "
                                              "*90 days* of activity.\n\n- AUC 0.91\n"
                                              "- Recall at 10%: 0.64"));
        }
        if (invalid) {
            QTest::keyClicks(find<QLineEdit>("tagKeyInput"), QStringLiteral("bad*key"));
            QTest::keyClicks(find<QLineEdit>("aliasInput"), QStringLiteral("champion"));
        }
        QVERIFY(!m_page->grab().isNull()); // lays out and paints the page at this width
        // Nothing wider than the page: no horizontal scrolling, no clipped controls.
        QVERIFY(find("overviewContent")->width() <= width);
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
