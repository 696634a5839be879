#pragma once

#include "registry/approval/approvals.h"

#include <QWidget>

#include <functional>

// What the Overview's request panel and the Approvals queue share: the dialogs that ask for
// a request or a decision, and the call that follows. GUI thread.
namespace ModelDesk::ApprovalActions {

using Done = std::function<void(const Result<Approval::Request> &)>;

// Opens the request dialog for `version` over `parent`; on accept files the request, then
// calls `done` if `receiver` still exists.
void fileRequest(QWidget *parent, QObject *receiver, Registry *registry,
                 const RegisteredModel &model, const ModelVersion &version, Done done);
// Asks for the decision's comment; on accept decides, then calls `done` if `receiver` still
// exists.
void decide(QWidget *parent, QObject *receiver, Registry *registry,
            const Approval::Request &request, Approval::Decision decision, Done done);

// Whether the acting user may take `decision` on `request` (given the model's approvers),
// and if not, why (for a disabled button's tooltip).
QString refusal(const Approval::Request &request, const QStringList &approvers,
                const QString &user, Approval::Decision decision);

// The status line a finished decision or request leaves.
QString doneMessage(const Approval::Request &request);

} // namespace ModelDesk::ApprovalActions
