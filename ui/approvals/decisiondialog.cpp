#include "ui/approvals/decisiondialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ModelDesk {

DecisionDialog::DecisionDialog(const Approval::Request &request, Approval::Decision decision,
                               QWidget *parent)
    : QDialog(parent)
    , m_decision(decision)
    , m_comment(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_hint(new QLabel(this))
{
    using Approval::Decision;
    const bool finishing = request.state == Approval::State::Approved && !request.applied;
    const QString what = tr("version %1 of %2 to %3")
                             .arg(request.version)
                             .arg(request.model, Approval::describe(request));
    QString title;
    QString text;
    QString button;
    switch (decision) {
    case Decision::Approve:
        title = finishing ? tr("Finish Approval") : tr("Approve Request");
        text = finishing ? tr("%1 approved moving %2, but the change did not reach the registry. "
                              "Carry it out now?")
                               .arg(request.decidedBy, what)
                         : tr("Approve moving %1, as %2 asked? The change is made at once.")
                               .arg(what, request.requester);
        button = finishing ? tr("&Finish") : tr("&Approve");
        break;
    case Decision::Reject:
        title = tr("Reject Request");
        text = tr("Reject %1's request to move %2?").arg(request.requester, what);
        button = tr("&Reject");
        break;
    case Decision::Withdraw:
        title = tr("Withdraw Request");
        text = tr("Withdraw your request to move %1?").arg(what);
        button = tr("&Withdraw");
        break;
    }
    setWindowTitle(title);
    setWindowModality(Qt::WindowModal);
    auto *label = new QLabel(text, this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    if (!request.comment.isEmpty()) {
        auto *asked = new QLabel(tr("“%1”").arg(request.comment), this);
        asked->setWordWrap(true);
        asked->setTextFormat(Qt::PlainText);
        asked->setObjectName(QStringLiteral("requestComment"));
        asked->setEnabled(false);
        asked->setToolTip(tr("The requester's comment"));
        layout->addWidget(asked);
    }
    m_comment->setObjectName(QStringLiteral("decisionComment"));
    m_comment->setPlaceholderText(decision == Decision::Reject
                                      ? tr("Why is it rejected? (required)")
                                      : tr("Comment (optional)"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMinimumHeight(80);
    m_hint->setObjectName(QStringLiteral("decisionHint"));
    m_hint->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setText(button);
    layout->addWidget(m_comment);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &DecisionDialog::updateState);
    m_comment->setFocus();
    updateState();
    resize(460, sizeHint().height());
}

QString DecisionDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void DecisionDialog::updateState()
{
    const qsizetype length = m_comment->toPlainText().trimmed().size();
    const bool missing = m_decision == Approval::Decision::Reject && length == 0;
    const bool tooLong = length > Approval::CommentLimit;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!missing && !tooLong);
    m_hint->setText(tooLong ? tr("%1 characters; at most %2 fit in the registry.")
                                  .arg(length)
                                  .arg(Approval::CommentLimit)
                    : missing ? tr("A rejection needs a comment saying why.")
                              : QString());
    m_hint->setVisible(!m_hint->text().isEmpty());
}

} // namespace ModelDesk
