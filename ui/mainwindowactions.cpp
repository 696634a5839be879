// The main window's menus, shortcuts and the model/version actions with their dialogs.
#include "registry/whenfinished.h"
#include "ui/mainwindow.h"

#include "models/modellistmodel.h"
#include "models/versiontablemodel.h"
#include "registry/registryopener.h"
#include "registry/sql/sqlbackend.h"
#include "ui/details/detailspane.h"
#include "ui/messagebar.h"
#include "ui/settings.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>

namespace ModelDesk {

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newRegistry = file->addAction(tr("&New Registry…"), this, &MainWindow::newRegistry);
    newRegistry->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    newRegistry->setToolTip(tr("Create an empty MLflow SQLite registry"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::openRegistryFile);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open an MLflow SQLite store (mlflow.db)"));
    QAction *connectAction
        = file->addAction(tr("&Connect to Server…"), this, &MainWindow::connectToServer);
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    connectAction->setToolTip(tr("Connect to an MLflow tracking server"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
    m_closeAction = file->addAction(tr("&Close"), this, &MainWindow::closeRegistry);
    m_closeAction->setObjectName(QStringLiteral("closeAction"));
    m_closeAction->setShortcut(QKeySequence::Close);
    m_closeAction->setToolTip(tr("Close the registry, or stop connecting to a server"));
    // Esc stops a connection that takes long; the action is live only then.
    m_stopOpeningAction = new QAction(tr("Stop Connecting"), this);
    m_stopOpeningAction->setObjectName(QStringLiteral("stopOpeningAction"));
    m_stopOpeningAction->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_stopOpeningAction, &QAction::triggered, this, &MainWindow::closeRegistry);
    addAction(m_stopOpeningAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find Models"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu *model = menuBar()->addMenu(tr("&Model"));
    m_newModelAction = model->addAction(tr("&New Model…"), this, &MainWindow::newModel);
    m_newModelAction->setShortcut(QKeySequence::New);
    m_renameModelAction = model->addAction(tr("&Rename…"), this, &MainWindow::renameModel);
    m_renameModelAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_deleteModelAction = model->addAction(tr("&Delete…"), this, &MainWindow::deleteModel);
    m_deleteModelAction->setShortcut(QKeySequence(tr("Ctrl+Shift+Del")));

    QMenu *version = menuBar()->addMenu(tr("&Version"));
    m_registerVersionAction
        = version->addAction(tr("&Register Version…"), this, &MainWindow::registerVersion);
    m_registerVersionAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    m_deleteVersionAction
        = version->addAction(tr("&Delete Version…"), this, &MainWindow::deleteVersions);
    m_deleteVersionAction->setShortcut(QKeySequence::Delete);
    m_deleteVersionAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_versionView->addAction(m_deleteVersionAction);
    version->addAction(m_deleteVersionAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_refreshAction = view->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    m_refreshAction->setShortcut(QKeySequence::Refresh);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ModelDesk"), this, &MainWindow::about);

    for (QAction *action : {m_newModelAction, m_renameModelAction, m_deleteModelAction,
                            m_registerVersionAction, m_deleteVersionAction, m_refreshAction}) {
        action->setToolTip(action->text().remove(QLatin1Char('&')).remove(QChar(0x2026)));
    }
}

void MainWindow::updateActions()
{
    const bool writable = m_open && !m_capabilities.readOnly;
    const bool hasModel = !selectedModelName().isEmpty();
    const bool hasVersions = !selectedVersions().isEmpty();
    m_newModelAction->setEnabled(writable);
    m_renameModelAction->setEnabled(writable && hasModel);
    m_deleteModelAction->setEnabled(writable && hasModel);
    m_registerVersionAction->setEnabled(writable && hasModel);
    m_deleteVersionAction->setEnabled(writable && hasVersions);
    m_refreshAction->setEnabled(m_open);
    m_closeAction->setEnabled(m_registry || m_opening);
    m_stopOpeningAction->setEnabled(m_opening);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings->recentRegistries();
    for (const QString &location : recent) {
        auto parsed = parseRegistryUri(location);
        QAction *action = nullptr;
        if (parsed && parsed->kind == RegistryLocation::Kind::Server) {
            // Servers by their URL; the tooltip says how they are reached, never the secret.
            ServerRecord record;
            record.url = location;
            record = m_settings->server(location).value_or(record);
            action = m_recentMenu->addAction(location, this,
                                             [this, location] { openRecentServer(location); });
            action->setToolTip(describeServer(record));
        } else {
            action = m_recentMenu->addAction(QFileInfo(location).fileName(), this,
                                             [this, location] { openRegistry(location); });
            action->setToolTip(location);
        }
        action->setStatusTip(action->toolTip());
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent registries"))->setEnabled(false);
    m_recentMenu->setToolTipsVisible(true);
}

void MainWindow::newRegistry()
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
    m_demo = false;
    openRegistry(path);
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
                     m_pendingSelection = QStringLiteral("%1/%2").arg(name).arg(result->version);
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
    const QString name = selectedModelName();
    const QList<qint64> versions = selectedVersions();
    m_pendingSelection
        = versions.isEmpty() ? name : QStringLiteral("%1/%2").arg(name).arg(versions.last());
    m_models->reload();
    if (m_details)
        m_details->refresh();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About ModelDesk"),
                       tr("<h3>ModelDesk %1</h3><p>A native desktop client for MLflow model "
                          "registries.</p><p>Registry: %2</p>")
                           .arg(QApplication::applicationVersion(), m_location.toHtmlEscaped()));
}

} // namespace ModelDesk
