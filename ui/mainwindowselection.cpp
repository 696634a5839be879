// The main window's selection: what the model list, the versions table and the details pane
// show, kept in step through reloads and writes, and the pending selection applied as pages
// arrive.
#include "ui/mainwindow.h"

#include "ui/approvals/approvalsdock.h"

#include "models/modellistmodel.h"
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "registry/whenfinished.h"
#include "ui/details/detailspane.h"
#include "ui/settings.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QScopedValueRollback>
#include <QLineEdit>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace ModelDesk {

namespace {

// Above this many loaded versions, edits refresh rows in place instead of reloading pages.
constexpr int ReloadLimit = 1000;

} // namespace

void MainWindow::applyPendingSelection()
{
    if (m_pendingSelection.isEmpty())
        return;
    const qsizetype slash = m_pendingSelection.lastIndexOf(QLatin1Char('/'));
    QString name = m_pendingSelection;
    qint64 version = 0;
    if (slash > 0) {
        bool ok = false;
        const qint64 number = m_pendingSelection.mid(slash + 1).toLongLong(&ok);
        if (ok) {
            name = m_pendingSelection.left(slash);
            version = number;
        }
    }
    if (m_versions->modelName() != name) {
        if (!m_models->hasLoadedFirstPage() || m_models->isLoading())
            return;
        // The registry did not answer: the model may well be there. Keep the selection for
        // the next refresh that works instead of saying it is gone.
        if (m_models->loadFailed())
            return;
        const int row = m_models->rowOf(name);
        if (row < 0) {
            // Not on the pages loaded so far: look a few pages further; beyond that, only
            // while the registry says the model exists (the list is in name order, so its
            // row comes), else say it is gone.
            const bool more = m_search->text().isEmpty() && m_models->canFetchMore({});
            if (more && (m_models->rowCount() < 1000 || m_pendingExists == name)) {
                m_models->fetchMore({});
                return;
            }
            if (more && m_pendingLookedUp != name) {
                m_pendingLookedUp = name;
                const Registry *asked = m_registry.get();
                whenFinished(m_registry->model(name), this,
                             [this, name, asked](const Result<RegisteredModel> &model) {
                                 if (m_registry.get() != asked)
                                     return;
                                 // Unless the registry says it is not there, the
                                 // model may well be: go on looking in the list.
                                 if (model
                                     || model.error().code() != ErrorCode::ResourceDoesNotExist)
                                     m_pendingExists = name;
                                 applyPendingSelection();
                             });
                return;
            }
            statusBar()->showMessage(tr("%1 is not in this registry any more.").arg(name), 5000);
            m_pendingSelection.clear();
            m_pendingAlsoSelected.clear();
            checkIdle();
            return;
        }
        {
            const QScopedValueRollback applying(m_applyingSelection, true);
            m_modelView->setCurrentIndex(m_models->index(row, 0));
        }
        m_modelView->scrollTo(m_models->index(row, 0));
        if (version == 0) {
            m_pendingSelection.clear();
            m_pendingAlsoSelected.clear();
        }
        return; // versions load next; this runs again when their first page arrives
    }
    if (m_models->hasLoadedFirstPage() && !m_models->isLoading() && !m_models->loadFailed()
        && m_search->text().isEmpty() && m_models->rowOf(name) < 0) {
        // The shown model is not in the reloaded list: look further, or it is gone.
        if (m_models->canFetchMore({}) && m_models->rowCount() < 1000) {
            m_models->fetchMore({});
            return;
        }
        if (!m_models->canFetchMore({})) {
            forgetShownModel(name);
            return;
        }
    }
    if (version == 0) {
        // The model is shown already: show the model itself, not one of its versions.
        m_pendingSelection.clear();
        m_pendingAlsoSelected.clear();
        m_versionView->clearSelection();
        if (m_details && m_details->version() != 0)
            m_details->showModel(name);
        checkIdle();
        return;
    }
    if (!m_versions->hasLoadedFirstPage() || m_versions->isLoading() || m_versions->loadFailed())
        return;
    selectPendingVersions(name, version);
}

void MainWindow::selectPendingVersions(const QString &name, qint64 version)
{
    const int row = m_versions->rowOf(version);
    if (row < 0 && m_versions->canFetchMore({}) && m_versions->rowCount() < ReloadLimit) {
        m_versions->fetchMore({});
        return;
    }
    const QList<qint64> also = std::exchange(m_pendingAlsoSelected, {});
    m_pendingSelection.clear();
    if (row >= 0) {
        const QScopedValueRollback applying(m_applyingSelection, true);
        QItemSelectionModel *selection = m_versionView->selectionModel();
        const QModelIndex current = m_versions->index(row, 0);
        selection->setCurrentIndex(current, QItemSelectionModel::ClearAndSelect
                                                | QItemSelectionModel::Rows);
        QItemSelection others;
        for (qint64 other : also) {
            const int otherRow = m_versions->rowOf(other);
            if (otherRow >= 0 && otherRow != row)
                others.select(m_versions->index(otherRow, 0),
                              m_versions->index(otherRow, VersionTableModel::ColumnCount - 1));
        }
        if (!others.isEmpty())
            selection->select(others, QItemSelectionModel::Select);
        m_versionView->scrollTo(current);
    } else if (m_versions->isComplete()) {
        // Every version is loaded and this one is not among them: it was deleted.
        m_versionView->clearSelection();
        statusBar()->showMessage(
            tr("Version %1 of %2 is not in this registry any more.").arg(version).arg(name),
            5000);
        if (m_details)
            m_details->showModel(name);
    } else if (m_details) {
        // An old version of a long history: show it without paging the table down to it.
        m_details->showVersion(name, version);
    }
    updateActions();
    checkIdle();
}

void MainWindow::syncModelHighlight()
{
    // A reload of the model list clears its highlight while the versions and details go on
    // showing their model: give that model its highlight back as soon as its row is there.
    const QString shown = m_versions->modelName();
    if (shown.isEmpty() || m_modelView->currentIndex().isValid())
        return;
    const int row = m_models->rowOf(shown);
    if (row >= 0) {
        const QScopedValueRollback applying(m_applyingSelection, true);
        m_modelView->setCurrentIndex(m_models->index(row, 0));
    }
}

void MainWindow::forgetShownModel(const QString &name)
{
    // Deleted or renamed elsewhere: nothing may go on showing, or acting on, it.
    if (m_versions->modelName() != name)
        return;
    m_pendingSelection.clear();
    m_pendingAlsoSelected.clear();
    m_versions->setModel({});
    m_versionsTitle->setText(tr("Versions"));
    if (m_details)
        m_details->showNothing();
    statusBar()->showMessage(
        tr("%1 is not in this registry any more: it was deleted or renamed.").arg(name), 8000);
    updateActions();
    checkIdle();
}

void MainWindow::showRegisteredVersion(const QString &name, qint64 version)
{
    if (m_versions->modelName() == name && m_versions->rowCount() > ReloadLimit) {
        // A long history is not reloaded for one new version: show it in the details pane.
        m_versionView->clearSelection();
        if (m_details)
            m_details->showVersion(name, version);
        statusBar()->showMessage(tr("Registered version %1 of %2; the versions table lists it "
                                    "after a refresh (F5).")
                                     .arg(version)
                                     .arg(name),
                                 8000);
        updateActions();
        return;
    }
    m_pendingSelection = QStringLiteral("%1/%2").arg(name).arg(version);
    m_pendingAlsoSelected.clear();
    if (m_versions->modelName() == name)
        m_versions->reload(); // the table lists the new version, then selects it
    else
        applyPendingSelection();
}

void MainWindow::keepSelectionAcrossReload()
{
    // Re-select, once the reloaded rows arrive, what is selected now, with the version the
    // details pane shows as the current one.
    const QString name = selectedModelName();
    if (name.isEmpty() || !m_pendingSelection.isEmpty())
        return;
    const QList<qint64> selected = selectedVersions();
    qint64 current = 0;
    if (m_details && m_details->modelName() == name && selected.contains(m_details->version()))
        current = m_details->version();
    else if (!selected.isEmpty())
        current = selected.last();
    m_pendingSelection = current ? QStringLiteral("%1/%2").arg(name).arg(current) : name;
    m_pendingAlsoSelected = selected;
}

QString MainWindow::selectedModelName() const
{
    // Not the model list's highlight: a reload or a search clears that while the versions
    // and the details pane still show their model, and actions must act on what is shown.
    return m_versions->modelName();
}

QList<qint64> MainWindow::selectedVersions() const
{
    QList<qint64> versions;
    const QModelIndexList rows = m_versionView->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        versions.append(index.data(VersionNumberRole).toLongLong());
    std::sort(versions.begin(), versions.end());
    return versions;
}

void MainWindow::onModelSelected()
{
    const QModelIndex current = m_modelView->currentIndex();
    if (!current.isValid() || !m_details) {
        // The list lost its highlight (a reload, a failed page): what is shown stays until
        // the registry says the model is gone (forgetShownModel()).
        updateActions();
        return;
    }
    const RegisteredModel &model = m_models->modelAt(current.row());
    if (!m_applyingSelection && model.name != m_versions->modelName()) {
        // The user chose another model: what was still waiting to be selected is not wanted.
        m_pendingSelection.clear();
        m_pendingAlsoSelected.clear();
    }
    if (model.name == m_versions->modelName()) {
        // The shown model got its highlight back (after a reload): fresh aliases for the
        // versions table, and the version the details pane shows stays.
        m_versions->setModel(model);
        updateActions();
        return;
    }
    m_versionsTitle->setText(tr("Versions of %1").arg(model.name));
    m_versions->setModel(model);
    m_details->showModel(model.name);
    m_settings->setLastSelection(m_location, m_capabilities.workspace, model.name);
    updateActions(); // after showModel(): nothing acts on the details until they have loaded
}

void MainWindow::onVersionSelected()
{
    if (!m_applyingSelection && m_versionView->selectionModel()->hasSelection()) {
        m_pendingSelection.clear();
        m_pendingAlsoSelected.clear();
    }
    updateActions();
    if (!m_details)
        return;
    const QString name = selectedModelName();
    const QModelIndex current = m_versionView->selectionModel()->currentIndex();
    const QList<qint64> selected = selectedVersions();
    if (name.isEmpty())
        return;
    if (selected.isEmpty() || !current.isValid()) {
        // A reload clears the selection until the rows are back; the pane keeps its version.
        if (m_pendingSelection.isEmpty())
            m_details->showModel(name);
        updateActions();
        return;
    }
    const qint64 version = current.data(VersionNumberRole).toLongLong();
    m_details->showVersion(name, selected.contains(version) ? version : selected.last());
    updateActions(); // nothing acts on the details until they have loaded
    m_settings->setLastSelection(m_location, m_capabilities.workspace,
                                 QStringLiteral("%1/%2").arg(name).arg(version));
    m_status->setText(selected.size() > 1 ? tr("%1 versions selected").arg(selected.size())
                                          : tr("%1 version %2").arg(name).arg(version));
}

void MainWindow::onRegistryChanged(const QString &modelName)
{
    // Several writes in a row (deleting a selection of versions) refresh once.
    if (m_changedModels.isEmpty())
        QTimer::singleShot(0, this, &MainWindow::applyRegistryChanges);
    m_changedModels.insert(modelName);
}

void MainWindow::applyRegistryChanges()
{
    const QSet<QString> changed = std::exchange(m_changedModels, {});
    m_approvals->refreshSoon();
    for (const QString &modelName : changed) {
        // Refresh what shows the changed model, keeping the selection.
        m_models->refreshModel(modelName);
        if (m_versions->modelName() == modelName) {
            const QList<qint64> selected = selectedVersions();
            if (m_versions->rowCount() > ReloadLimit) {
                // Reloading would throw away thousands of loaded rows and the scroll position:
                // re-read in place the selected rows and those in the active stages, which a
                // transition may have archived. New versions appear with F5.
                QList<qint64> rows = selected;
                rows += m_versions->versionsInStages({Stage::Production, Stage::Staging});
                std::sort(rows.begin(), rows.end());
                rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
                m_versions->refreshVersions(rows);
            } else {
                keepSelectionAcrossReload();
                m_versions->reload();
            }
        }
        if (m_details && m_details->modelName() == modelName)
            m_details->refresh();
    }
}

} // namespace ModelDesk
