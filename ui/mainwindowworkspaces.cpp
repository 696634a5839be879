// MainWindow: the MLflow workspace shown, for registries that have several (MLflow 3.9 and
// later). One workspace at a time: switching reopens the registry in the other one.
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/workspaces/workspaceselector.h"


namespace ModelDesk {

void MainWindow::updateWorkspaces(const Capabilities &caps)
{
    m_workspaces->setWorkspaces(caps.workspaces, caps.workspace, caps.modelsOutsideDefault);
}

void MainWindow::switchWorkspace(const QString &workspace)
{
    // The selector shows what is open until the other workspace has opened (the switch may
    // be cancelled, at the question about an unsaved description).
    updateWorkspaces(m_capabilities);
    if (!m_open || m_location.isEmpty() || workspace == m_capabilities.workspace)
        return;
    const QString location = m_location;
    whenEditsSettled(tr("Switch Workspace"), [this, location, workspace] {
        if (m_location != location)
            return;
        m_requestedWorkspace = workspace;
        if (m_server) {
            const ServerOptions options = *m_server; // openServer() resets m_server
            openServer(options, m_secretStorage, {});
        } else {
            openRegistry(location, {});
        }
    });
}

} // namespace ModelDesk
