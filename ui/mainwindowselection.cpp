// The main window's selection: what the model list, the versions table and the details pane
// show, kept in step through reloads and writes, and the pending selection applied as pages
// arrive.
#include "ui/mainwindow.h"

#include "models/modellistmodel.h"
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "ui/details/detailspane.h"
#include "ui/settings.h"

#include <QItemSelectionModel>
#include <QLabel>
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
    if (m_versions->modelName() != name || !m_versions->hasLoadedFirstPage()) {
        if (!m_models->hasLoadedFirstPage() || m_models->isLoading())
            return;
        const int row = m_models->rowOf(name);
        if (row < 0) {
            // Not on the pages loaded so far: look a few pages further, then give up.
            if (m_search->text().isEmpty() && m_models->canFetchMore({})
                && m_models->rowCount() < 1000) {
                m_models->fetchMore({});
                return;
            }
            statusBar()->showMessage(tr("%1 is not in this registry any more.").arg(name), 5000);
            m_pendingSelection.clear();
            checkIdle();
            return;
        }
        m_modelView->setCurrentIndex(m_models->index(row, 0));
        m_modelView->scrollTo(m_models->index(row, 0));
        if (version == 0)
            m_pendingSelection.clear();
        return; // versions load next; this runs again when their first page arrives
    }
    if (m_versions->isLoading())
        return;
    const int row = m_versions->rowOf(version);
    if (row < 0 && m_versions->canFetchMore({}) && m_versions->rowCount() < ReloadLimit) {
        m_versions->fetchMore({});
        return;
    }
    m_pendingSelection.clear();
    if (row >= 0) {
        m_versionView->selectRow(row);
        m_versionView->scrollTo(m_versions->index(row, 0));
    } else if (m_details) {
        // An old version of a long history: show it without paging the table down to it.
        m_details->showVersion(name, version);
    }
    checkIdle();
}

QString MainWindow::selectedModelName() const
{
    const QModelIndex current = m_modelView->currentIndex();
    return current.isValid() ? current.data(ModelNameRole).toString() : QString();
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
    updateActions();
    if (!current.isValid() || !m_details) {
        m_versions->setModel({});
        if (m_details)
            m_details->showNothing();
        return;
    }
    const RegisteredModel &model = m_models->modelAt(current.row());
    m_versionsTitle->setText(tr("Versions of %1").arg(model.name));
    m_versions->setModel(model);
    m_details->showModel(model.name);
    m_settings->setLastSelection(m_location, model.name);
}

void MainWindow::onVersionSelected()
{
    updateActions();
    if (!m_details)
        return;
    const QString name = selectedModelName();
    const QModelIndex current = m_versionView->selectionModel()->currentIndex();
    const QList<qint64> selected = selectedVersions();
    if (name.isEmpty())
        return;
    if (selected.isEmpty() || !current.isValid()) {
        m_details->showModel(name);
        return;
    }
    const qint64 version = current.data(VersionNumberRole).toLongLong();
    m_details->showVersion(name, selected.contains(version) ? version : selected.last());
    m_settings->setLastSelection(m_location, QStringLiteral("%1/%2").arg(name).arg(version));
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
                if (!selected.isEmpty() && m_pendingSelection.isEmpty())
                    m_pendingSelection
                        = QStringLiteral("%1/%2").arg(modelName).arg(selected.last());
                m_versions->reload();
            }
        }
        if (m_details && m_details->modelName() == modelName)
            m_details->refresh();
    }
}

} // namespace ModelDesk
