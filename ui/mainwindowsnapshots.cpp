// MainWindow: File ▸ New Window and File ▸ Take Snapshot…, and the banner of a snapshot.
#include "ui/mainwindow.h"

#include "ui/messagebar.h"
#include "ui/snapshot/snapshotdialog.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace ModelDesk {

void MainWindow::addSnapshotActions(QMenu *file)
{
    QAction *newWindow = file->addAction(tr("New &Window"), this, [this] { openNewWindow(); });
    newWindow->setShortcut(QKeySequence(tr("Ctrl+Alt+N")));
    newWindow->setObjectName(QStringLiteral("newWindowAction"));
    newWindow->setToolTip(tr("Open another window, to keep two registries side by side (a "
                             "snapshot next to the live server)"));
    m_snapshotAction = file->addAction(tr("Take &Snapshot…"), this, &MainWindow::takeSnapshot);
    m_snapshotAction->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    m_snapshotAction->setObjectName(QStringLiteral("snapshotAction"));
    m_snapshotAction->setToolTip(tr("Save the registry as it is now into a file that opens "
                                    "offline and read-only"));
    m_snapshotAction->setEnabled(false);
    file->addSeparator();
}

MainWindow *MainWindow::openNewWindow(const QString &location, const QString &selection)
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->resize(size());
    window->move(pos() + QPoint(32, 32));
    window->show();
    if (!location.isEmpty())
        window->openRegistry(location, selection);
    return window;
}

void MainWindow::takeSnapshot()
{
    if (!m_open || !m_registry)
        return;
    auto *dialog = new SnapshotDialog(m_registry.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(
        dialog, &SnapshotDialog::snapshotTaken, this,
        [this](const QString &path, const SnapshotInfo &info) {
            const QLocale locale;
            const QString text
                = tr("Saved a snapshot of %1 to %2: %3 models, %4 versions, %5 runs.")
                      .arg(info.source, path, locale.toString(info.count(QStringLiteral("models"))),
                           locale.toString(info.count(QStringLiteral("versions"))),
                           locale.toString(info.count(QStringLiteral("runs"))));
            auto *box = new QMessageBox(QMessageBox::Information, tr("Snapshot Saved"), text,
                                        QMessageBox::Close, this);
            box->setObjectName(QStringLiteral("snapshotSavedBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            QPushButton *open = box->addButton(tr("Open in New Window"), QMessageBox::AcceptRole);
            box->setDefaultButton(open);
            connect(open, &QPushButton::clicked, this, [this, path] { openNewWindow(path); });
            box->open();
        });
    dialog->show();
}

void MainWindow::showSnapshotBanner(const SnapshotInfo &info)
{
    m_banner->showMessage(
        MessageBar::Kind::Information,
        tr("<b>%1.</b> Read-only: it shows the registry as it was then; nothing you do here "
           "changes it or its source.")
            .arg(snapshotSummary(info).toHtmlEscaped()),
        tr("Taken with ModelDesk %1. It holds %2 models, %3 versions, %4 runs and %5 metric "
           "points.")
            .arg(info.modeldeskVersion)
            .arg(info.count(QStringLiteral("models")))
            .arg(info.count(QStringLiteral("versions")))
            .arg(info.count(QStringLiteral("runs")))
            .arg(info.count(QStringLiteral("metric_points"))),
        MessageBar::Closable::No);
}

} // namespace ModelDesk
