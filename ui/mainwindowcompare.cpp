// MainWindow: File ▸ Compare Registries…, the window that compares the open registry with
// another one, and showing the items it points at here or in a new window.
#include "ui/mainwindow.h"

#include "ui/registrydiff/comparewindow.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>

namespace ModelDesk {

void MainWindow::addCompareActions(QMenu *file)
{
    auto *action = new QAction(tr("Compare Re&gistries…"), this);
    action->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    action->setObjectName(QStringLiteral("compareRegistriesAction"));
    action->setToolTip(tr("List what changed between this registry and another one: a "
                          "snapshot, a file or a server"));
    // Beside the snapshot actions, before the separator that ends them.
    const QList<QAction *> actions = file->actions();
    if (!actions.isEmpty() && actions.constLast()->isSeparator())
        file->insertAction(actions.constLast(), action);
    else
        file->addAction(action);
    connect(action, &QAction::triggered, this, &MainWindow::compareRegistries);
    // Live exactly when Take Snapshot is: while a registry is open.
    action->setEnabled(m_snapshotAction && m_snapshotAction->isEnabled());
    if (m_snapshotAction)
        connect(m_snapshotAction, &QAction::enabledChanged, action, &QAction::setEnabled);
}

void MainWindow::compareRegistries()
{
    if (!m_open || !m_registry)
        return;
    auto *window = findChild<CompareWindow *>(QString(), Qt::FindDirectChildrenOnly);
    if (!window) {
        window = new CompareWindow(this);
        connect(window, &CompareWindow::showInThisWindow, this, &MainWindow::showItem);
        connect(window, &CompareWindow::openInNewWindow, this,
                [this](const QString &location, const QString &selection) {
                    openNewWindow(location, selection);
                });
        // The window compares whatever this one has open.
        connect(this, &MainWindow::registryOpened, window, [this, window](bool ok) {
            window->setThisRegistry(ok ? m_registry.get() : nullptr, m_location);
        });
    }
    window->setThisRegistry(m_registry.get(), m_location);
    window->show();
    window->raise();
    window->activateWindow();
}

void MainWindow::showItem(const QString &selection)
{
    // A search that hides the model would keep it from being selected.
    if (!m_search->text().isEmpty())
        m_search->clear();
    m_pendingSelection = selection;
    m_pendingAlsoSelected.clear();
    applyPendingSelection();
    raise();
    activateWindow();
}

} // namespace ModelDesk
