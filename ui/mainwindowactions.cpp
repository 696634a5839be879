// The main window's menus, shortcuts and the model/version actions with their dialogs.
#include "registry/whenfinished.h"
#include "ui/mainwindow.h"

#include "registry/rest/modelpermissions.h"
#include "ui/approvals/approvalsdock.h"
#include "ui/card/cardpage.h"
#include "ui/workspaces/workspaceselector.h"
#include "ui/compare/comparedialog.h"

#include "models/modellistmodel.h"
#include "models/versiontablemodel.h"
#include "registry/registryopener.h"
#include "registry/sql/sqlbackend.h"
#include "ui/details/detailspane.h"
#include "ui/details/overviewpage.h"
#include "ui/messagebar.h"
#include "ui/settings.h"
#include "ui/theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>

namespace ModelDesk {

namespace {

// Names an action for tests and the shortcuts list, with a tooltip from its text.
QAction *named(QAction *action, const char *objectName, const QString &toolTip = {})
{
    action->setObjectName(QLatin1String(objectName));
    action->setToolTip(toolTip.isEmpty()
                           ? action->text().remove(QLatin1Char('&')).remove(QChar(0x2026))
                           : toolTip);
    action->setStatusTip(action->toolTip());
    return action;
}

// Gives the keyboard focus to `pane`, or to the first widget inside it that takes it.
void focusPane(QWidget *pane)
{
    if (pane->focusPolicy() & Qt::TabFocus) {
        pane->setFocus(Qt::ShortcutFocusReason);
        return;
    }
    for (QWidget *next = pane->nextInFocusChain(); next && next != pane;
         next = next->nextInFocusChain()) {
        if (pane->isAncestorOf(next) && next->isVisible() && next->isEnabled()
            && (next->focusPolicy() & Qt::TabFocus)) {
            next->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
}

} // namespace

void MainWindow::createActions()
{
    // Every shortcut has exactly one owner here (tst_mainwindow checks it): two actions, or
    // one action listing a key twice, make Qt refuse the key as ambiguous. Keys are spelled
    // out rather than taken from QKeySequence's platform lists, which differ between desktops
    // (Refresh is Ctrl+R on GNOME, Register Version's key).
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newRegistry = file->addAction(tr("&New Registry…"), this, &MainWindow::newRegistry);
    newRegistry->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    named(newRegistry, "newRegistryAction", tr("Create an empty MLflow SQLite registry"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::openRegistryFile);
    open->setShortcut(QKeySequence(tr("Ctrl+O")));
    named(open, "openAction", tr("Open an MLflow SQLite store (mlflow.db)"));
    QAction *connectAction
        = file->addAction(tr("&Connect to Server…"), this, &MainWindow::connectToServer);
    connectAction->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    named(connectAction, "connectAction", tr("Connect to an MLflow tracking server"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
    addSnapshotActions(file);
    addCompareActions(file);
    m_closeAction = file->addAction(tr("&Close"), this, [this] {
        whenEditsSettled(tr("Close"), [this] { closeRegistry(); });
    });
    m_closeAction->setShortcut(QKeySequence(tr("Ctrl+W")));
    named(m_closeAction, "closeAction", tr("Close the registry, or stop connecting to a server"));
    // Esc stops a connection that takes long; the action is live only then.
    m_stopOpeningAction = new QAction(tr("Stop Connecting"), this);
    m_stopOpeningAction->setShortcut(QKeySequence(Qt::Key_Escape));
    named(m_stopOpeningAction, "stopOpeningAction", tr("Stop connecting to the server"));
    connect(m_stopOpeningAction, &QAction::triggered, this, &MainWindow::closeRegistry);
    addAction(m_stopOpeningAction);
    file->addSeparator();
    m_exportCardAction = file->addAction(tr("E&xport Model Card…"), this, [this] {
        if (m_details && m_details->setCurrentTab(QStringLiteral("model card")))
            m_details->card()->exportWithDialog();
    });
    named(m_exportCardAction, "exportCardAction",
          tr("Save the model card of the version shown as PDF, HTML or Markdown"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quit->setMenuRole(QAction::QuitRole);
    named(quit, "quitAction", tr("Quit ModelDesk"));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence(tr("Ctrl+Z")));
    named(undo, "undoAction",
          tr("Undo the last edit of a description, tag or alias in the registry. In a text "
             "field, Ctrl+Z undoes typing instead."));
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    named(redo, "redoAction",
          tr("Redo the edit undone last. In a text field, Ctrl+Shift+Z redoes typing "
             "instead."));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find Models"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence(tr("Ctrl+F")));
    named(find, "findAction", tr("Search the models by name or with an MLflow filter"));
    edit->addSeparator();
    m_editDescriptionAction = edit->addAction(tr("Edit &Description"), this, [this] {
        if (m_details)
            m_details->overview()->editDescription();
    });
    m_editDescriptionAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    named(m_editDescriptionAction, "editDescriptionAction",
          tr("Edit the description of the model or version shown (Ctrl+S saves, Esc "
             "cancels)"));
    m_addTagAction = edit->addAction(tr("Add &Tag"), this, [this] {
        if (m_details && m_details->setCurrentTab(QStringLiteral("overview")))
            m_details->overview()->focusNewTag();
    });
    m_addTagAction->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    named(m_addTagAction, "addTagAction", tr("Add a tag to the model or version shown"));
    m_addAliasAction = edit->addAction(tr("Add &Alias"), this, [this] {
        if (m_details && m_details->setCurrentTab(QStringLiteral("overview")))
            m_details->overview()->focusNewAlias();
    });
    m_addAliasAction->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    named(m_addAliasAction, "addAliasAction", tr("Point an alias at the version shown"));
    m_copyUriAction = edit->addAction(tr("Copy &URI"), this, [this] {
        if (m_details)
            m_details->overview()->copyUri();
    });
    m_copyUriAction->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    named(m_copyUriAction, "copyUriAction",
          tr("Copy models:/NAME/VERSION of what is shown to the clipboard"));

    QMenu *model = menuBar()->addMenu(tr("&Model"));
    m_newModelAction = model->addAction(tr("&New Model…"), this, &MainWindow::newModel);
    m_newModelAction->setShortcut(QKeySequence(tr("Ctrl+N")));
    named(m_newModelAction, "newModelAction");
    m_renameModelAction = model->addAction(tr("&Rename…"), this, &MainWindow::renameModel);
    m_renameModelAction->setShortcut(QKeySequence(Qt::Key_F2));
    named(m_renameModelAction, "renameModelAction", tr("Rename the model shown"));
    m_deleteModelAction = model->addAction(tr("&Delete…"), this, &MainWindow::deleteModel);
    m_deleteModelAction->setShortcut(QKeySequence(tr("Ctrl+Shift+Del")));
    named(m_deleteModelAction, "deleteModelAction", tr("Delete the model shown"));
    model->addSeparator();
    m_approversAction = model->addAction(tr("&Approvers…"), this, &MainWindow::editApprovers);
    named(m_approversAction, "approversAction",
          tr("Who approves promotions of the model shown; a model with approvers is protected"));

    QMenu *version = menuBar()->addMenu(tr("&Version"));
    m_registerVersionAction
        = version->addAction(tr("&Register Version…"), this, &MainWindow::registerVersion);
    m_registerVersionAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    named(m_registerVersionAction, "registerVersionAction",
          tr("Register a new version of the model shown"));
    m_transitionAction = version->addAction(tr("&Transition Stage…"), this, [this] {
        if (m_details && m_details->setCurrentTab(QStringLiteral("overview")))
            m_details->overview()->openTransitionDialog();
    });
    m_transitionAction->setShortcut(QKeySequence(tr("Ctrl+T")));
    named(m_transitionAction, "transitionAction",
          tr("Move the version shown to another stage"));
    addApprovalActions(version);
    m_compareAction = version->addAction(tr("&Compare…"), this, &MainWindow::compareVersions);
    m_compareAction->setShortcut(QKeySequence(tr("Ctrl+D")));
    named(m_compareAction, "compareAction",
          tr("The selected versions side by side (select two or more)"));
    m_deleteVersionAction
        = version->addAction(tr("&Delete Version…"), this, &MainWindow::deleteVersions);
    // Del only where versions are selected, so that it never deletes from a text field.
    m_deleteVersionAction->setShortcut(QKeySequence(Qt::Key_Delete));
    m_deleteVersionAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_versionView->addAction(m_deleteVersionAction);
    named(m_deleteVersionAction, "deleteVersionAction",
          tr("Delete the selected versions (Del in the versions table)"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_refreshAction = view->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    named(m_refreshAction, "refreshAction", tr("Read everything shown again from the registry"));
    view->addSeparator();
    const struct
    {
        const char *name;
        QString text;
        QString key;
        QWidget *target;
    } panes[] = {
        {"focusModelsAction", tr("Go to &Models"), tr("Ctrl+1"), m_modelView},
        {"focusVersionsAction", tr("Go to &Versions"), tr("Ctrl+2"), m_versionView},
        {"focusDetailsAction", tr("Go to &Details"), tr("Ctrl+3"), m_detailsHolder},
    };
    for (const auto &pane : panes) {
        QWidget *target = pane.target;
        QAction *action = view->addAction(pane.text, this, [target] { focusPane(target); });
        action->setShortcut(QKeySequence(pane.key));
        named(action, pane.name);
    }
    QAction *nextTab = view->addAction(tr("Ne&xt Details Tab"), this, [this] {
        if (m_details)
            m_details->showAdjacentTab(1);
    });
    nextTab->setShortcut(QKeySequence(tr("Ctrl+PgDown")));
    named(nextTab, "nextTabAction", tr("Show the next tab of the details pane"));
    QAction *previousTab = view->addAction(tr("Pre&vious Details Tab"), this, [this] {
        if (m_details)
            m_details->showAdjacentTab(-1);
    });
    previousTab->setShortcut(QKeySequence(tr("Ctrl+PgUp")));
    named(previousTab, "previousTabAction", tr("Show the previous tab of the details pane"));

    view->addSeparator();
    view->addAction(m_approvals->toggleViewAction());
    view->addSeparator();
    view->addMenu(m_workspaces->menu());
    m_workspaces->menu()->setObjectName(QStringLiteral("workspaceMenu"));
    QMenu *themes = view->addMenu(tr("&Theme"));
    themes->setObjectName(QStringLiteral("themeMenu"));
    auto *themeGroup = new QActionGroup(themes);
    const struct
    {
        QString name;
        QString text;
    } themeChoices[] = {{QStringLiteral("system"), tr("&System")},
                        {QStringLiteral("light"), tr("&Light")},
                        {QStringLiteral("dark"), tr("&Dark")}};
    for (const auto &choice : themeChoices) {
        QAction *action = themes->addAction(choice.text);
        action->setCheckable(true);
        action->setChecked(m_settings->theme() == choice.name);
        action->setData(choice.name);
        themeGroup->addAction(action);
        const QString name = choice.name;
        connect(action, &QAction::triggered, this, [this, name] {
            m_settings->setTheme(name);
            Theme::apply(name);
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("ModelDesk &Help"), this, &MainWindow::showUserGuide);
    guide->setShortcut(QKeySequence(Qt::Key_F1));
    named(guide, "userGuideAction", tr("How to use ModelDesk"));
    QAction *keys
        = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showKeyboardShortcuts);
    keys->setShortcut(QKeySequence(tr("Ctrl+/")));
    named(keys, "shortcutsAction", tr("Every keyboard shortcut of ModelDesk"));
    QAction *report
        = help->addAction(tr("&Report a Problem…"), this, &MainWindow::reportProblem);
    named(report, "reportProblemAction",
          tr("Text to paste into a problem report: versions, platform, registry"));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About ModelDesk"), this, &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
    named(about, "aboutAction");
    for (QMenu *menu : menuBar()->findChildren<QMenu *>())
        menu->setToolTipsVisible(true);
}

void MainWindow::updateActions()
{
    const bool writable = m_open && !m_capabilities.readOnly;
    const bool hasModel = !selectedModelName().isEmpty();
    const bool hasVersions = !selectedVersions().isEmpty();
    // Commands on the details' content only once it shows exactly what is selected: never
    // on what it showed before, while the new selection loads or after it failed to.
    const bool shown = m_details && m_details->showsWhatWasAsked()
                       && m_details->modelName() == selectedModelName();
    const bool showsVersion = shown && m_details->version() > 0;
    // On a server with MLflow's basic-auth app, what the user's permission on the model shown
    // allows; a disabled action says what it needs.
    const QString permission = m_details && m_details->modelName() == selectedModelName()
                                   ? m_details->permission()
                                   : QString();
    const bool canEdit = writable && ModelPermissions::allows(permission, QStringLiteral("EDIT"));
    const bool canDelete
        = writable && ModelPermissions::allows(permission, QStringLiteral("MANAGE"));
    const auto explain = [&permission](QAction *action, bool allowed, const char *needed) {
        if (!action->property("defaultToolTip").isValid())
            action->setProperty("defaultToolTip", action->toolTip());
        const bool byPermission
            = !allowed && !ModelPermissions::allows(permission, QLatin1String(needed));
        action->setToolTip(byPermission ? tr("Needs %1 permission on the model; yours is %2.")
                                              .arg(QLatin1String(needed), permission)
                                        : action->property("defaultToolTip").toString());
    };
    m_newModelAction->setEnabled(writable);
    m_renameModelAction->setEnabled(canEdit && hasModel);
    m_approversAction->setEnabled(canEdit && shown);
    m_deleteModelAction->setEnabled(canDelete && hasModel);
    m_registerVersionAction->setEnabled(canEdit && hasModel);
    m_deleteVersionAction->setEnabled(canDelete && hasVersions);
    m_compareAction->setEnabled(m_open && hasModel && selectedVersions().size() >= 2);
    m_transitionAction->setEnabled(canEdit && showsVersion && m_capabilities.stages);
    m_requestAction->setEnabled(canEdit && showsVersion);
    m_exportCardAction->setEnabled(showsVersion);
    m_snapshotAction->setEnabled(m_open);
    m_editDescriptionAction->setEnabled(canEdit && shown);
    m_addTagAction->setEnabled(canEdit && shown);
    m_addAliasAction->setEnabled(canEdit && shown && m_capabilities.aliases);
    explain(m_renameModelAction, canEdit, "EDIT");
    explain(m_deleteModelAction, canDelete, "MANAGE");
    explain(m_deleteVersionAction, canDelete, "MANAGE");
    explain(m_transitionAction, canEdit, "EDIT");
    m_copyUriAction->setEnabled(m_open && shown);
    m_refreshAction->setEnabled(m_open);
    m_closeAction->setEnabled(m_registry || m_opening);
    m_stopOpeningAction->setEnabled(m_opening);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings->recentRegistries();
    const QString home = QDir::homePath();
    int number = 0;
    for (const QString &location : recent) {
        auto parsed = parseRegistryUri(location);
        QAction *action = nullptr;
        // "&1 mlflow.db — ~/projects/churn": the name, and enough of the folder to tell two
        // files of the same name apart; the full path in the status tip.
        const QString accelerator
            = ++number < 10 ? QStringLiteral("&%1 ").arg(number) : QString();
        if (parsed && parsed->kind == RegistryLocation::Kind::Server) {
            // Servers by their URL; the tooltip says how they are reached, never the secret.
            ServerRecord record;
            record.url = location;
            record = m_settings->server(location).value_or(record);
            QString shown = location;
            shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
            action = m_recentMenu->addAction(accelerator + shown, this, [this, location] {
                whenEditsSettled(tr("Open"), [this, location] { openRecentServer(location); });
            });
            action->setToolTip(describeServer(record));
        } else {
            const QFileInfo file(location);
            QString folder = QDir::toNativeSeparators(file.absolutePath());
            if (folder == QDir::toNativeSeparators(home))
                folder = QStringLiteral("~");
            else if (folder.startsWith(QDir::toNativeSeparators(home) + QDir::separator()))
                folder = QStringLiteral("~") + folder.mid(home.size());
            folder = fontMetrics().elidedText(folder, Qt::ElideMiddle,
                                              fontMetrics().averageCharWidth() * 48);
            QString shown = tr("%1 \u2014 %2").arg(file.fileName(), folder);
            shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
            action = m_recentMenu->addAction(accelerator + shown, this, [this, location] {
                whenEditsSettled(tr("Open"), [this, location] { openRegistry(location); });
            });
            action->setToolTip(location);
        }
        action->setStatusTip(action->toolTip());
        action->setData(location);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent registries"))->setEnabled(false);
    m_recentMenu->setToolTipsVisible(true);
}

void MainWindow::newRegistry()
{
    whenEditsSettled(tr("Create a new registry"), [this] { createNewRegistry(); });
}

void MainWindow::createNewRegistry()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("New Registry"), QStringLiteral("mlflow.db"),
        tr("MLflow SQLite stores (*.db *.sqlite *.sqlite3)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    // Never over an existing file: it may be someone's registry, or the one open now.
    if (QFileInfo(path).exists() && QFileInfo(path).size() > 0) {
        showError(RegistryError(ErrorCode::ResourceAlreadyExists,
                                tr("%1 already exists. A new registry needs a new file name; "
                                   "to open the existing one use File ▸ Open.")
                                    .arg(path)));
        return;
    }
    if (auto created = SqlBackend::initialize(path); !created) {
        showError(created.error(), tr("Creating %1").arg(path));
        return;
    }
    m_demo = false;
    openRegistry(path);
}

void MainWindow::openRegistryFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Registry"), m_server ? QString() : QFileInfo(m_location).absolutePath(),
        tr("MLflow SQLite stores (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (path.isEmpty())
        return;
    whenEditsSettled(tr("Open"), [this, path] {
        m_demo = false;
        openRegistry(path);
    });
}

void MainWindow::newModel()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New Model"));
    auto *name = new QLineEdit(&dialog);
    name->setObjectName(QStringLiteral("newModelName"));
    name->setToolTip(tr("Any non-empty name; avoid '/' (it breaks models:/ URIs)"));
    auto *description = new QPlainTextEdit(&dialog);
    description->setObjectName(QStringLiteral("newModelDescription"));
    description->setPlaceholderText(tr("Markdown description (optional)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(name, &QLineEdit::textChanged, &dialog, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Description:"), description);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString modelName = name->text().trimmed();
    whenFinished(m_registry->createModel(modelName, description->toPlainText(), {}), this,
                 [this, modelName](const Result<RegisteredModel> &result) {
                     if (!result) {
                         showError(result.error(), tr("Creating %1").arg(modelName));
                         return;
                     }
                     statusBar()->showMessage(tr("Created model %1.").arg(modelName), 5000);
                     m_pendingSelection = modelName;
                     m_models->reload();
                 });
}

void MainWindow::renameModel()
{
    const QString name = selectedModelName();
    if (name.isEmpty())
        return;
    bool ok = false;
    const QString newName
        = QInputDialog::getText(this, tr("Rename Model"), tr("New name for %1:").arg(name),
                                QLineEdit::Normal, name, &ok)
              .trimmed();
    if (!ok || newName.isEmpty() || newName == name)
        return;
    whenFinished(m_registry->renameModel(name, newName), this,
                 [this, name, newName](const Result<RegisteredModel> &result) {
                     if (!result) {
                         showError(result.error(), tr("Renaming %1").arg(name));
                         return;
                     }
                     statusBar()->showMessage(tr("Renamed %1 to %2.").arg(name, newName), 5000);
                     m_pendingSelection = newName;
                     m_models->reload();
                 });
}

void MainWindow::deleteModel()
{
    const QString name = selectedModelName();
    if (name.isEmpty())
        return;
    const int versions = m_versions->modelName() == name ? m_versions->rowCount() : 0;
    QString what;
    if (versions == 1 && !m_versions->canFetchMore({}))
        what = tr("the registered model %1, its one version, its tags and aliases").arg(name);
    else if (versions > 1 && !m_versions->canFetchMore({}))
        what = tr("the registered model %1, its %2 versions, their tags and aliases")
                   .arg(name)
                   .arg(versions);
    else
        what = tr("the registered model %1 with all its versions, tags and aliases").arg(name);
    if (QMessageBox::warning(this, tr("Delete Model"),
                             tr("This permanently deletes %1. It cannot be undone.").arg(what),
                             QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Discard)
        return;
    whenFinished(m_registry->deleteModel(name), this, [this, name](const Result<Done> &result) {
        if (!result) {
            showError(result.error(), tr("Deleting %1").arg(name));
            return;
        }
        statusBar()->showMessage(tr("Deleted model %1.").arg(name), 5000);
        if (m_versions->modelName() == name) {
            // Nothing may go on showing (and acting on) a model that is gone.
            m_versions->setModel({});
            m_versionsTitle->setText(tr("Versions"));
            if (m_details)
                m_details->showNothing();
        }
        m_models->reload();
    });
}

void MainWindow::registerVersion()
{
    const QString name = selectedModelName();
    if (name.isEmpty())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Register Version of %1").arg(name));
    auto *source = new QLineEdit(&dialog);
    source->setObjectName(QStringLiteral("registerSource"));
    source->setPlaceholderText(QStringLiteral("s3://bucket/path/model"));
    source->setToolTip(tr("Artifact URI of the model: s3://, gs://, mlflow-artifacts:/, "
                          "runs:/<run>/<path>, models:/…"));
    auto *runId = new QLineEdit(&dialog);
    runId->setObjectName(QStringLiteral("registerRunId"));
    runId->setToolTip(tr("The MLflow run that produced the model (optional)"));
    auto *description = new QPlainTextEdit(&dialog);
    description->setPlaceholderText(tr("Markdown description (optional)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Register"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(source, &QLineEdit::textChanged, &dialog, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Source URI:"), source);
    form->addRow(tr("R&un ID:"), runId);
    form->addRow(tr("&Description:"), description);
    form->addRow(buttons);
    dialog.resize(520, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return;
    CreateVersionRequest request;
    request.name = name;
    request.source = source->text().trimmed();
    if (!runId->text().trimmed().isEmpty())
        request.runId = runId->text().trimmed();
    request.description = description->toPlainText();
    whenFinished(m_registry->createVersion(request), this,
                 [this, name](const Result<ModelVersion> &result) {
                     if (!result) {
                         showError(result.error(), tr("Registering a version of %1").arg(name));
                         return;
                     }
                     statusBar()->showMessage(
                         tr("Registered version %1 of %2.").arg(result->version).arg(name), 5000);
                     showRegisteredVersion(name, result->version);
                 });
}

void MainWindow::deleteVersions()
{
    const QString name = selectedModelName();
    const QList<qint64> versions = selectedVersions();
    if (name.isEmpty() || versions.isEmpty())
        return;
    QStringList numbers;
    for (qint64 version : versions)
        numbers << QString::number(version);
    const QString text = versions.size() == 1
        ? tr("Delete version %1 of %2? Its number is never reused and its "
             "source is redacted, as MLflow does.")
              .arg(numbers.first(), name)
        : tr("Delete versions %1 of %2? Their numbers are never reused and "
             "their sources are redacted, as MLflow does.")
              .arg(numbers.join(QStringLiteral(", ")), name);
    if (QMessageBox::warning(this, tr("Delete Versions"), text,
                             QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Discard)
        return;
    for (qint64 version : versions) {
        whenFinished(m_registry->deleteVersion(name, version), this,
                     [this, name, version](const Result<Done> &result) {
                         if (!result)
                             showError(result.error(),
                                       tr("Deleting version %1 of %2").arg(version).arg(name));
                     });
    }
}

void MainWindow::refresh()
{
    if (!m_open)
        return;
    // Everything shown is read again; the selection comes back once its rows have.
    keepSelectionAcrossReload();
    m_models->reload();
    m_versions->reload();
    if (m_details)
        m_details->refresh();
    m_approvals->refreshSoon();
}

void MainWindow::compareVersions()
{
    QList<qint64> versions = selectedVersions();
    if (!m_registry || versions.size() < 2)
        return;
    std::sort(versions.begin(), versions.end());
    auto *dialog = new CompareDialog(m_registry.get(), selectedModelName(), versions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Closed with the registry it reads.
    connect(this, &MainWindow::registryOpened, dialog, &QWidget::close);
    connect(m_registry.get(), &QObject::destroyed, dialog, &QWidget::close);
    dialog->show();
}

} // namespace ModelDesk
