// The main window's Help menu: the user guide, the keyboard shortcuts, the problem report
// and About.
#include "ui/mainwindow.h"

#include "ui/help/helpdialogs.h"
#include "ui/help/shortcutsdialog.h"

#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>

namespace ModelDesk {

void MainWindow::showUserGuide()
{
    auto *dialog = new UserGuideDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showKeyboardShortcuts()
{
    auto *dialog = new ShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::reportProblem()
{
    ProblemContext context;
    if (m_open) {
        context.registryKind = m_server ? tr("MLflow server") : tr("MLflow SQLite store");
        context.backendVersion = m_server ? m_capabilities.serverVersion
                                          : m_capabilities.schemaRevision;
        context.readOnly = m_capabilities.readOnly;
    }
    auto *dialog = new ProblemReportDialog(context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About ModelDesk"),
                       tr("<h3>ModelDesk %1</h3><p>A native desktop client for MLflow model "
                          "registries.</p><p>Qt %2</p><p>Registry: %3</p>")
                           .arg(QApplication::applicationVersion(),
                                QString::fromLatin1(qVersion()), m_location.toHtmlEscaped()));
}

} // namespace ModelDesk
