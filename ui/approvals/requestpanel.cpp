#include "ui/approvals/requestpanel.h"

#include "models/approvals/approvalqueuemodel.h"
#include "ui/approvals/approvalactions.h"

#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ModelDesk {

RequestPanel::RequestPanel(Registry *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_requestButton(new QPushButton(tr("Request Promotion\u2026"), parent))
    , m_protection(new QLabel(this))
    , m_rows(new QWidget(this))
    , m_rowsLayout(new QVBoxLayout(m_rows))
{
    m_requestButton->setObjectName(QStringLiteral("requestPromotionButton"));
    m_requestButton->setToolTip(tr("Ask the model's approvers to move this version to a stage "
                                   "or point an alias at it (Ctrl+Shift+R)"));
    connect(m_requestButton, &QPushButton::clicked, this, &RequestPanel::requestPromotion);
    m_protection->setObjectName(QStringLiteral("protectionLabel"));
    m_protection->setWordWrap(true);
    m_protection->setTextFormat(Qt::RichText);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(6);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_protection);
    layout->addWidget(m_rows);
    hide();
}

void RequestPanel::showVersion(const RegisteredModel &model, const ModelVersion &version)
{
    m_model = model;
    m_version = version;
    rebuild();
}

void RequestPanel::clear()
{
    m_version.reset();
    m_requestButton->hide();
    hide();
}

void RequestPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (m_version)
        rebuild();
}

void RequestPanel::requestPromotion()
{
    if (!m_version || m_readOnly || !m_registry)
        return;
    ApprovalActions::fileRequest(window(), this, m_registry, m_model, *m_version,
                                 [this](const Result<Approval::Request> &result) {
                                     finished(result);
                                 });
}

void RequestPanel::finished(const Result<Approval::Request> &result)
{
    if (!result) {
        emit errorOccurred(result.error());
        return;
    }
    emit statusMessage(ApprovalActions::doneMessage(*result));
}

void RequestPanel::rebuild()
{
    while (QLayoutItem *item = m_rowsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!m_version || !m_registry) {
        clear();
        return;
    }
    const QString user = m_registry->actingUser();
    const QStringList approvers = Approval::approvers(m_model);
    m_requestButton->setVisible(!m_readOnly);

    QStringList lines;
    if (!approvers.isEmpty()) {
        lines << tr("<b>Protected.</b> Only %1 move versions of this model to Staging or "
                    "Production or change its aliases; others file a request.")
                     .arg(approvers.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    for (const Approval::Unapproved &item : Approval::unapproved(approvers, *m_version)) {
        lines << tr("<span style=\"color:#c0392b\">&#9888; Unapproved:</span> %1 without an "
                    "approved request behind it (changed outside the workflow).")
                     .arg(item.kind == Approval::Action::Stage
                              ? tr("in %1").arg(item.target)
                              : tr("alias %1").arg(item.target.toHtmlEscaped()));
    }
    m_protection->setText(lines.join(QStringLiteral("<br>")));
    m_protection->setVisible(!lines.isEmpty());

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int shown = 0;
    for (const Approval::Request &request : Approval::requestsOf(*m_version)) {
        if (!request.isOpen())
            continue;
        ++shown;
        auto *row = new QFrame(m_rows);
        row->setObjectName(QStringLiteral("openRequest"));
        row->setFrameShape(QFrame::StyledPanel);
        auto *text = new QLabel(row);
        text->setWordWrap(true);
        text->setTextFormat(Qt::PlainText);
        const bool unapplied = request.state == Approval::State::Approved;
        QString line = unapplied
                           ? tr("Approved by %1: %2, not carried out yet.")
                                 .arg(request.decidedBy, Approval::describe(request))
                           : now - request.created < 60'000
                           ? tr("%1 asks for %2 (just now).")
                                 .arg(request.requester, Approval::describe(request))
                           : tr("%1 asks for %2 (%3 ago).")
                                 .arg(request.requester, Approval::describe(request),
                                      ApprovalQueueModel::ageText(now - request.created));
        if (!request.comment.isEmpty())
            line += QLatin1Char('\n') + tr("“%1”").arg(request.comment);
        text->setText(line);
        text->setToolTip(tr("Request %1").arg(request.id));
        auto *rowLayout = new QVBoxLayout(row);
        rowLayout->setContentsMargins(8, 6, 8, 6);
        rowLayout->addWidget(text);
        auto *layout = new QHBoxLayout;
        layout->addStretch(1);
        rowLayout->addLayout(layout);
        const auto addButton = [&](const QString &label, const char *name,
                                   Approval::Decision decision) {
            auto *button = new QPushButton(label, row);
            button->setObjectName(QLatin1String(name));
            const QString why = ApprovalActions::refusal(request, approvers, user, decision);
            button->setEnabled(!m_readOnly && why.isEmpty());
            button->setToolTip(m_readOnly ? tr("The registry is read-only.") : why);
            connect(button, &QPushButton::clicked, this, [this, request, decision] {
                ApprovalActions::decide(window(), this, m_registry, request, decision,
                                        [this](const Result<Approval::Request> &result) {
                                            finished(result);
                                        });
            });
            layout->addWidget(button);
        };
        if (unapplied)
            addButton(tr("Finish\u2026"), "finishButton", Approval::Decision::Approve);
        else
            addButton(tr("Approve\u2026"), "approveButton", Approval::Decision::Approve);
        addButton(tr("Reject\u2026"), "rejectButton", Approval::Decision::Reject);
        if (request.requester == user)
            addButton(tr("Withdraw\u2026"), "withdrawButton", Approval::Decision::Withdraw);
        m_rowsLayout->addWidget(row);
    }
    m_rows->setVisible(shown > 0);
    setVisible(!lines.isEmpty() || shown > 0);
}

} // namespace ModelDesk
