#include "ui/approvals/approvalactions.h"

#include "registry/whenfinished.h"
#include "ui/approvals/decisiondialog.h"
#include "ui/approvals/requestdialog.h"

#include <QCoreApplication>
#include <QPointer>

namespace ModelDesk::ApprovalActions {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::ApprovalActions", text);
}

} // namespace

void fileRequest(QWidget *parent, QObject *receiver, Registry *registry,
                 const RegisteredModel &model, const ModelVersion &version, Done done)
{
    auto *dialog = new RequestDialog(model, version, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<Registry> guard(registry);
    QObject::connect(dialog, &QDialog::accepted, receiver, [dialog, guard, receiver, done] {
        if (!guard)
            return;
        whenFinished(Approval::file(guard, dialog->request()), receiver, done);
    });
    dialog->open();
}

void decide(QWidget *parent, QObject *receiver, Registry *registry,
            const Approval::Request &request, Approval::Decision decision, Done done)
{
    auto *dialog = new DecisionDialog(request, decision, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<Registry> guard(registry);
    QObject::connect(dialog, &QDialog::accepted, receiver,
                     [dialog, guard, receiver, request, decision, done] {
                         if (!guard)
                             return;
                         whenFinished(Approval::decide(guard, request.model, request.version,
                                                       request.id, decision, dialog->comment()),
                                      receiver, done);
                     });
    dialog->open();
}

QString refusal(const Approval::Request &request, const QStringList &approvers,
                const QString &user, Approval::Decision decision)
{
    if (decision == Approval::Decision::Withdraw) {
        if (!request.isOpen())
            return tr("Only an open request can be withdrawn.");
        if (request.requester != user)
            return tr("Only %1, who filed it, can withdraw this request.").arg(request.requester);
        return {};
    }
    if (auto allowed = Approval::checkDecider(request, approvers, user); !allowed)
        return allowed.error().message();
    return {};
}

QString doneMessage(const Approval::Request &request)
{
    const QString what = tr("version %1 of %2 to %3")
                             .arg(request.version)
                             .arg(request.model, Approval::describe(request));
    switch (request.state) {
    case Approval::State::Pending:
        return tr("Requested moving %1.").arg(what);
    case Approval::State::Approved:
        return tr("Approved moving %1.").arg(what);
    case Approval::State::Rejected:
        return tr("Rejected moving %1.").arg(what);
    case Approval::State::Withdrawn:
        return tr("Withdrew the request to move %1.").arg(what);
    }
    return {};
}

} // namespace ModelDesk::ApprovalActions
