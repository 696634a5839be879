// MainWindow: the MLflow workspace shown, for registries that have several (MLflow 3.9 and
// later). One workspace at a time: switching reopens the registry in the other one.
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/workspaces/workspaceselector.h"

#include <QStatusBar>

namespace ModelDesk {

void MainWindow::updateWorkspaces(const Capabilities &caps)
{
    m_workspaces->setWorkspaces(caps.workspaces, caps.workspace, m_server.has_value());
}

void MainWindow::switchWorkspace(const QString &workspace)
{
    if (!m_open || m_location.isEmpty() || workspace == m_capabilities.workspace)
        return;
    const QString location = m_location;
    whenEditsSettled(tr("Switch Workspace"), [this, location, workspace] {
        if (m_location != location)
            return;
        m_settings->setWorkspace(location, workspace);
        if (m_server) {
            ServerOptions options = *m_server;
            options.workspace = workspace;
            openServer(options, m_secretStorage, {});
        } else {
            openRegistry(location, {});
        }
        statusBar()->showMessage(tr("Showing workspace %1.").arg(workspace), 5000);
    });
}

} // namespace ModelDesk
