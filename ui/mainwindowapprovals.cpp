// The main window's approval parts: View ▸ Approvals (the queue dock), its badge and the
// acting user in the status bar, and Version ▸ Request Promotion….
#include "ui/mainwindow.h"

#include "ui/approvals/approvalsdock.h"
#include "ui/details/detailspane.h"
#include "ui/details/overviewpage.h"
#include "ui/messagebar.h"
#include "ui/settings.h"

#include "registry/approval/approvals.h"
#include "registry/whenfinished.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>

namespace ModelDesk {

void MainWindow::createApprovals()
{
    m_approvals = new ApprovalsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_approvals);
    m_approvals->hide();
    QAction *toggle = m_approvals->toggleViewAction();
    toggle->setText(tr("&Approvals"));
    toggle->setShortcut(QKeySequence(tr("Ctrl+4")));
    toggle->setObjectName(QStringLiteral("approvalsAction"));
    toggle->setToolTip(tr("Every request waiting for a decision, across the registry"));
    // The user's choice is remembered (not the dock hiding with the window).
    connect(toggle, &QAction::triggered, this,
            [this](bool shown) { m_settings->setApprovalsShown(shown); });

    m_approvalsBadge = new QToolButton(this);
    m_approvalsBadge->setObjectName(QStringLiteral("approvalsBadge"));
    m_approvalsBadge->setAutoRaise(true);
    m_approvalsBadge->hide();
    connect(m_approvalsBadge, &QToolButton::clicked, this, [this] {
        m_approvals->show();
        m_approvals->raise();
        m_approvals->view()->setFocus();
    });
    m_actingUser = new QLabel(this);
    m_actingUser->setObjectName(QStringLiteral("actingUser"));
    m_actingUser->hide();
    statusBar()->addPermanentWidget(m_approvalsBadge);
    statusBar()->addPermanentWidget(m_actingUser);

    connect(m_approvals, &ApprovalsDock::countChanged, this, [this](int count) {
        m_approvals->setWindowTitle(count ? tr("Approvals (%1)").arg(count) : tr("Approvals"));
        m_approvalsBadge->setText(count == 1 ? tr("1 pending approval")
                                             : tr("%1 pending approvals").arg(count));
        m_approvalsBadge->setToolTip(tr("Show the approvals queue (Ctrl+4)"));
        m_approvalsBadge->setVisible(count > 0);
    });
    connect(m_approvals, &ApprovalsDock::openVersion, this,
            [this](const QString &name, qint64 version, const QString &tab) {
                m_initialTab = tab;
                m_pendingSelection = QStringLiteral("%1/%2").arg(name).arg(version);
                m_pendingAlsoSelected.clear();
                applyPendingSelection();
            });
    connect(m_approvals, &ApprovalsDock::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_approvals, &ApprovalsDock::errorOccurred, this,
            [this](const RegistryError &error) { showError(error); });
}

void MainWindow::addApprovalActions(QMenu *versionMenu)
{
    m_requestAction = versionMenu->addAction(tr("Re&quest Promotion…"), this, [this] {
        if (m_details && m_details->setCurrentTab(QStringLiteral("overview")))
            m_details->overview()->requestPromotion();
    });
    m_requestAction->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    m_requestAction->setObjectName(QStringLiteral("requestAction"));
    m_requestAction->setToolTip(tr("Ask the model's approvers to promote the version shown"));
}

void MainWindow::editApprovers()
{
    if (!m_registry || !m_details || !m_details->showsWhatWasAsked())
        return;
    const RegisteredModel model = m_details->currentModel();
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Approvers of %1").arg(model.name),
        tr("User names that approve promotions of %1, separated by commas. With approvers the "
           "model is protected: only they move versions to Staging or Production or change "
           "its aliases; everyone else files a request. Leave empty to remove the protection.")
            .arg(model.name),
        QLineEdit::Normal, Approval::approvers(model).join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    const QString name = model.name;
    whenFinished(Approval::setApprovers(m_registry.get(), name, text.split(QLatin1Char(','))),
                 this, [this, name](const Result<QStringList> &set) {
                     if (!set) {
                         showError(set.error());
                         return;
                     }
                     statusBar()->showMessage(
                         set->isEmpty() ? tr("%1 is no longer protected.").arg(name)
                                        : tr("Approvers of %1: %2.")
                                              .arg(name, set->join(QStringLiteral(", "))),
                         5000);
                     if (m_details)
                         m_details->refresh();
                 });
}

void MainWindow::showApprovalsFor(Registry *registry)
{
    m_approvals->setRegistry(registry);
    if (!registry) {
        m_actingUser->hide();
        return;
    }
    const QString user = registry->actingUser();
    m_actingUser->setText(tr("Acting as %1").arg(user));
    m_actingUser->setToolTip(
        m_server ? tr("Requests and decisions are recorded as %1. On a server, MLflow's own "
                      "permissions decide what each user may change.")
                       .arg(user)
                 : tr("Requests and decisions are recorded as %1 (MODELDESK_USER, else your "
                      "login name). On a local file ModelDesk enforces the approval rules for "
                      "its own users, but anyone who can write the file can change anything; "
                      "ModelDesk flags what changed around it as unapproved.")
                       .arg(user));
    m_actingUser->show();
    if (m_settings->approvalsShown())
        m_approvals->show();
}

} // namespace ModelDesk
