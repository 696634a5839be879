#include "ui/approvals/approvalsdock.h"

#include "models/approvals/approvalqueuemodel.h"
#include "models/roles.h"
#include "registry/whenfinished.h"
#include "ui/approvals/approvalactions.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace ModelDesk {

ApprovalsDock::ApprovalsDock(QWidget *parent)
    : QDockWidget(tr("Approvals"), parent)
    , m_model(new ApprovalQueueModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_stack(new QStackedWidget)
    , m_empty(new QLabel)
    , m_state(new QLabel)
    , m_approve(new QPushButton(tr("&Approve\u2026")))
    , m_reject(new QPushButton(tr("Re&ject\u2026")))
    , m_withdraw(new QPushButton(tr("&Withdraw\u2026")))
    , m_open(new QPushButton(tr("&Open")))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("approvalsDock"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_view->setObjectName(QStringLiteral("approvalsView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ApprovalQueueModel::AgeColumn, Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_empty->setObjectName(QStringLiteral("approvalsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);
    m_state->setObjectName(QStringLiteral("approvalsState"));
    m_state->setEnabled(false);

    m_approve->setObjectName(QStringLiteral("queueApproveButton"));
    m_reject->setObjectName(QStringLiteral("queueRejectButton"));
    m_withdraw->setObjectName(QStringLiteral("queueWithdrawButton"));
    m_open->setObjectName(QStringLiteral("queueOpenButton"));
    m_open->setToolTip(tr("Show the version with its evidence (Enter); the menu opens its "
                          "Metrics, Lineage, History or Model Card"));
    auto *openMenu = new QMenu(m_open);
    openMenu->addAction(tr("Overview"), this, [this] { openCurrent(QStringLiteral("overview")); });
    openMenu->addAction(tr("Metrics"), this, [this] { openCurrent(QStringLiteral("metrics")); });
    openMenu->addAction(tr("Lineage"), this, [this] { openCurrent(QStringLiteral("lineage")); });
    openMenu->addAction(tr("History"), this, [this] { openCurrent(QStringLiteral("history")); });
    openMenu->addAction(tr("Model Card"), this,
                        [this] { openCurrent(QStringLiteral("model card")); });
    auto *refresh = new QToolButton;
    refresh->setObjectName(QStringLiteral("queueRefreshButton"));
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Read the requests again"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_withdraw);
    buttons->addWidget(m_open);
    auto *more = new QToolButton;
    more->setObjectName(QStringLiteral("queueEvidenceButton"));
    more->setText(tr("Evidence"));
    more->setToolTip(tr("Open the version on its Metrics, Lineage, History or Model Card tab"));
    more->setMenu(openMenu);
    more->setPopupMode(QToolButton::InstantPopup);
    buttons->addWidget(more);
    buttons->addStretch(1);
    buttons->addWidget(m_state);
    buttons->addWidget(refresh);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(buttons);
    layout->addWidget(m_stack, 1);
    setWidget(content);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250);
    connect(m_refreshTimer, &QTimer::timeout, this, &ApprovalsDock::refresh);
    connect(refresh, &QToolButton::clicked, this, &ApprovalsDock::refresh);
    connect(m_approve, &QPushButton::clicked, this, [this] { act(Approval::Decision::Approve); });
    connect(m_reject, &QPushButton::clicked, this, [this] { act(Approval::Decision::Reject); });
    connect(m_withdraw, &QPushButton::clicked, this, [this] { act(Approval::Decision::Withdraw); });
    connect(m_open, &QPushButton::clicked, this, [this] { openCurrent(QStringLiteral("overview")); });
    connect(m_view, &QTableView::activated, this, [this] { openCurrent(QStringLiteral("overview")); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ApprovalsDock::updateButtons);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, openMenu](const QPoint &at) {
        if (current())
            openMenu->popup(m_view->viewport()->mapToGlobal(at));
    });
    setRegistry(nullptr);
}

void ApprovalsDock::setRegistry(Registry *registry)
{
    m_registry = registry;
    ++m_generation;
    m_loading = false;
    m_model->setRequests({});
    m_approvers.clear();
    m_state->clear();
    if (registry) {
        refresh();
    } else {
        m_empty->setText(tr("Open a registry to see its approval requests."));
        m_stack->setCurrentWidget(m_empty);
        emit countChanged(0);
    }
    updateButtons();
}

void ApprovalsDock::refreshSoon()
{
    if (m_registry)
        m_refreshTimer->start();
}

void ApprovalsDock::refresh()
{
    if (!m_registry)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_state->setText(tr("Reading\u2026"));
    whenFinished(Approval::requests(m_registry, {}, false), this,
                 [this, generation](const Result<QList<Approval::Request>> &found) {
                     if (generation != m_generation)
                         return;
                     if (!found) {
                         m_loading = false;
                         m_state->setText(tr("Could not read the requests."));
                         m_state->setToolTip(found.error().message());
                         emit errorOccurred(found.error());
                         emit loaded();
                         return;
                     }
                     // Who approves each model with a request, for the buttons' states.
                     QSet<QString> models;
                     for (const Approval::Request &request : *found)
                         models.insert(request.model);
                     auto waiting = std::make_shared<int>(int(models.size()));
                     auto approvers = std::make_shared<QHash<QString, QStringList>>();
                     const auto show = [this, generation, requests = *found, approvers] {
                         if (generation != m_generation)
                             return;
                         m_loading = false;
                         m_approvers = *approvers;
                         const QString selected = current() ? current()->id : QString();
                         m_model->setRequests(requests);
                         m_state->setText(tr("Read at %1").arg(
                             QDateTime::currentDateTime().toString(QStringLiteral("HH:mm"))));
                         m_state->setToolTip({});
                         m_empty->setText(tr("No requests wait for a decision.\nA version's "
                                             "Overview has Request Promotion\u2026 to file one."));
                         m_stack->setCurrentWidget(requests.isEmpty() ? static_cast<QWidget *>(m_empty)
                                                                      : m_view);
                         for (int row = 0; row < m_proxy->rowCount(); ++row) {
                             if (m_proxy->index(row, 0).data(RawValueRole).toString() == selected)
                                 m_view->selectRow(row);
                         }
                         m_view->resizeColumnsToContents();
                         updateButtons();
                         emit countChanged(int(requests.size()));
                         emit loaded();
                     };
                     if (models.isEmpty()) {
                         show();
                         return;
                     }
                     for (const QString &name : std::as_const(models)) {
                         whenFinished(m_registry->model(name), this,
                                      [name, waiting, approvers, show](const Result<RegisteredModel> &model) {
                                          if (model)
                                              approvers->insert(name, Approval::approvers(*model));
                                          if (--*waiting == 0)
                                              show();
                                      });
                     }
                 });
}

int ApprovalsDock::pendingCount() const
{
    return m_model->rowCount();
}

std::optional<Approval::Request> ApprovalsDock::current() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->request(m_proxy->mapToSource(rows.first()).row());
}

void ApprovalsDock::updateButtons()
{
    const auto request = current();
    const QString user = m_registry ? m_registry->actingUser() : QString();
    const bool writable = m_registry && !m_registry->capabilities().readOnly;
    const auto setUp = [&](QPushButton *button, Approval::Decision decision) {
        if (!request) {
            button->setEnabled(false);
            button->setToolTip(tr("Select a request first"));
            return;
        }
        const QString why = writable ? ApprovalActions::refusal(*request,
                                                                m_approvers.value(request->model),
                                                                user, decision)
                                     : tr("The registry is read-only.");
        button->setEnabled(why.isEmpty());
        button->setToolTip(why);
    };
    setUp(m_approve, Approval::Decision::Approve);
    setUp(m_reject, Approval::Decision::Reject);
    setUp(m_withdraw, Approval::Decision::Withdraw);
    if (request && request->state == Approval::State::Approved)
        m_approve->setText(tr("&Finish\u2026"));
    else
        m_approve->setText(tr("&Approve\u2026"));
    m_open->setEnabled(request.has_value());
    if (auto *evidence = findChild<QToolButton *>(QStringLiteral("queueEvidenceButton")))
        evidence->setEnabled(request.has_value());
}

void ApprovalsDock::act(Approval::Decision decision)
{
    const auto request = current();
    if (!request || !m_registry)
        return;
    ApprovalActions::decide(window(), this, m_registry, *request, decision,
                            [this](const Result<Approval::Request> &result) {
                                if (!result)
                                    emit errorOccurred(result.error());
                                else
                                    emit statusMessage(ApprovalActions::doneMessage(*result));
                                refresh();
                            });
}

void ApprovalsDock::openCurrent(const QString &tab)
{
    if (const auto request = current())
        emit openVersion(request->model, request->version, tab);
}

} // namespace ModelDesk
