#pragma once

#include "registry/approval/approvalrequest.h"
#include "registry/approval/governedchange.h"

// The approval workflow's rules, as pure functions of the registry's state: each plans the
// change a step makes (a GovernedChange, applied by Registry::applyGoverned) or refuses it
// with a message that says why.
namespace ModelDesk::Approval {

struct NewRequest
{
    QString model;
    qint64 version = 0;
    Action action = Action::Stage;
    QString target;
    bool archiveExisting = false;
    QString comment;
};

enum class Decision { Approve, Reject, Withdraw };

// A request for `spec` by `user`, stored as `id` at `now`. Refused when the target is not a
// stage or alias MLflow takes, when the version already is what it asks for, or when an open
// request already asks for the same.
Result<GovernedChange> planRequest(const RegisteredModel &model, const ModelVersion &version,
                                   const NewRequest &spec, const QString &id,
                                   const QString &user, qint64 now);

// A decision on request `id` by `user`. Approving a request that was approved but whose action
// was not carried out (an interrupted approval on a server) finishes it. `nonce` marks the
// decision so that a server's copy tells whose decision won.
Result<GovernedChange> planDecision(const RegisteredModel &model, const ModelVersion &version,
                                    const QString &id, Decision decision, const QString &user,
                                    const QString &comment, qint64 now, const QString &nonce);

// Whether `user` may decide on `request`: not their own, and one of the approvers where the
// model names them.
Result<Done> checkDecider(const Request &request, const QStringList &approvers,
                          const QString &user);

// Whether `user` may change a stage or alias of `model` directly: refused on a protected
// model (one naming approvers) for anyone not among them, for Staging and Production and for
// every alias change.
Result<Done> checkDirectChange(const RegisteredModel &model, const QString &user,
                               const GovernedAction &action);
// An approver's direct change on a protected model, recorded as a request they approved and
// carried out (id `id`, at `now`), so that it is not flagged unapproved. Nothing when the
// change is not one a protected model guards (the caller then makes it plainly).
std::optional<GovernedChange> planApproverChange(const RegisteredModel &model,
                                                 const ModelVersion &version,
                                                 const GovernedAction &action,
                                                 const QString &user, const QString &id,
                                                 qint64 now);
Result<Done> checkAliasRemoval(const RegisteredModel &model, const QString &user,
                               const QString &alias);
// Whether `user` may change who approves: anyone while the model names nobody, then only the
// approvers.
Result<Done> checkApproversChange(const RegisteredModel &model, const QString &user);
// The workflow's own tags are written only by the workflow.
Result<Done> checkTagEdit(const QString &key);

// What a version holds in a protected model without an approved request behind it: the
// protected stage it is in and the aliases pointing at it. Empty for unprotected models.
struct Unapproved
{
    QString model;
    qint64 version = 0;
    Action kind = Action::Stage;
    QString target;
    bool operator==(const Unapproved &) const = default;
};
QList<Unapproved> unapproved(const QStringList &approvers, const ModelVersion &version);

bool isProtectedStage(const QString &stage);

} // namespace ModelDesk::Approval
