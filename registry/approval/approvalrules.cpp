#include "registry/approval/approvalrules.h"

#include "registry/validation.h"

#include <QCoreApplication>
#include <QDateTime>

namespace ModelDesk::Approval {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Approval", text);
}

RegistryError refused(const QString &message)
{
    return RegistryError(ErrorCode::PermissionDenied, message);
}

QString dateText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The marker after `changed` replaces its earlier self among the version's requests.
Tag marker(const ModelVersion &version, const Request &changed)
{
    bool open = changed.isOpen();
    for (const Request &other : requestsOf(version)) {
        if (other.id != changed.id && other.isOpen())
            open = true;
    }
    return {MarkerKey, open ? MarkerPending : MarkerDone};
}

QString approversText(const QStringList &approvers)
{
    return approvers.join(QStringLiteral(", "));
}

RegistryError tooLong(int size)
{
    return RegistryError(ErrorCode::InvalidParameterValue,
                         tr("The request with its comments takes %1 characters; MLflow servers "
                            "keep at most %2 in a tag. Shorten the comments.")
                             .arg(size)
                             .arg(RequestTagLimit));
}

} // namespace

bool isProtectedStage(const QString &stage)
{
    return stage == Stage::Staging || stage == Stage::Production;
}

Result<GovernedChange> planRequest(const RegisteredModel &model, const ModelVersion &version,
                                   const NewRequest &spec, const QString &id,
                                   const QString &user, qint64 now)
{
    Q_UNUSED(model);
    if (auto ok = checkComment(spec.comment); !ok)
        return ok.error();
    Request request;
    request.id = id;
    request.model = version.name;
    request.version = version.version;
    request.action = spec.action;
    request.requester = user;
    request.comment = spec.comment;
    request.created = now;
    if (spec.action == Action::Stage) {
        auto stage = Validation::canonicalStage(spec.target);
        if (!stage)
            return stage.error();
        if (spec.archiveExisting && !isProtectedStage(*stage)) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 tr("Only a move to Staging or Production can archive the other "
                                    "versions."));
        }
        if (version.currentStage == *stage && !spec.archiveExisting) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 tr("Version %1 of %2 is already in %3.")
                                     .arg(version.version)
                                     .arg(version.name, *stage));
        }
        request.target = *stage;
        request.archiveExisting = spec.archiveExisting;
    } else {
        if (auto ok = Validation::checkAliasToSet(spec.target); !ok)
            return ok.error();
        if (version.aliases.contains(spec.target)) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 tr("Alias %1 already points at version %2 of %3.")
                                     .arg(spec.target)
                                     .arg(version.version)
                                     .arg(version.name));
        }
        request.target = spec.target;
    }
    for (const Request &other : requestsOf(version)) {
        if (other.isOpen() && other.action == request.action
            && other.target == request.target) {
            return RegistryError(ErrorCode::ResourceAlreadyExists,
                                 tr("Request %1 by %2 already asks for %3 for this version.")
                                     .arg(other.id, other.requester, describe(other)));
        }
    }
    const QString value = encode(request);
    if (value.size() > RequestTagLimit)
        return tooLong(int(value.size()));
    GovernedChange change;
    change.tags = {{request.tagKey(), value}, {MarkerKey, MarkerPending}};
    return change;
}

Result<Done> checkDecider(const Request &request, const QStringList &approvers,
                          const QString &user)
{
    if (request.requester == user)
        return refused(tr("You filed request %1; someone else must decide on it.").arg(request.id));
    if (!approvers.isEmpty() && !approvers.contains(user)) {
        return refused(tr("Only the approvers of %1 may decide on its requests (%2); you are %3.")
                           .arg(request.model, approversText(approvers), user));
    }
    return Done{};
}

Result<GovernedChange> planDecision(const RegisteredModel &model, const ModelVersion &version,
                                    const QString &id, Decision decision, const QString &user,
                                    const QString &comment, qint64 now, const QString &nonce)
{
    const auto found = findRequest(version, id);
    if (!found) {
        return RegistryError(ErrorCode::ResourceDoesNotExist,
                             tr("Version %1 of %2 has no request %3.")
                                 .arg(version.version)
                                 .arg(version.name, id));
    }
    Request request = *found;
    if (auto ok = checkComment(comment); !ok)
        return ok.error();
    // An approval whose action was not carried out is still open: it can be finished, or
    // rejected or withdrawn after all (the action may keep failing).
    const bool unapplied = request.state == State::Approved && !request.applied;
    const bool finishing = unapplied && decision == Decision::Approve;
    if (request.state != State::Pending && !unapplied) {
        return RegistryError(ErrorCode::Conflict,
                             tr("Request %1 was %2 by %3 on %4 already.")
                                 .arg(id, stateName(request.state), request.decidedBy,
                                      dateText(request.decided)));
    }
    if (decision == Decision::Withdraw) {
        if (request.requester != user) {
            return refused(tr("Only %1, who filed request %2, can withdraw it.")
                               .arg(request.requester, id));
        }
    } else {
        if (auto ok = checkDecider(request, approvers(model), user); !ok)
            return ok.error();
    }
    if (decision == Decision::Reject && comment.trimmed().isEmpty()) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("A rejection needs a comment saying why."));
    }

    GovernedChange change;
    change.verifyKey = request.tagKey();
    if (!finishing) {
        request.state = decision == Decision::Approve  ? State::Approved
                        : decision == Decision::Reject ? State::Rejected
                                                       : State::Withdrawn;
        request.decidedBy = user;
        request.decided = now;
        request.decisionComment = comment;
        request.applied = false;
    }
    request.nonce = nonce;
    change.lostRace = RegistryError(ErrorCode::Conflict,
                                    tr("Someone else decided on request %1 at the same time; "
                                       "their decision stands.")
                                        .arg(id));
    if (decision != Decision::Approve) {
        const QString value = encode(request);
        if (value.size() > RequestTagLimit)
            return tooLong(int(value.size()));
        change.tags = {{request.tagKey(), value}, marker(version, request)};
        return change;
    }
    // Approve: the decision first (approved, not applied), then the action, then "applied".
    const QString decided = encode(request);
    if (decided.size() > RequestTagLimit)
        return tooLong(int(decided.size()));
    change.tags = {{request.tagKey(), decided}};
    GovernedAction action;
    action.kind = request.action == Action::Stage ? GovernedAction::Kind::Stage
                                                  : GovernedAction::Kind::Alias;
    action.target = request.target;
    action.archive = request.archiveExisting ? ArchiveExisting::Yes : ArchiveExisting::No;
    // Finishing an interrupted approval whose action did reach the registry only records it:
    // doing it again would archive what reached the stage since.
    const bool done = request.action == Action::Stage ? version.currentStage == request.target
                                                      : version.aliases.contains(request.target);
    if (!(finishing && done))
        change.action = action;
    request.applied = true;
    change.tagsAfter = {{request.tagKey(), encode(request)}, marker(version, request)};
    return change;
}

Result<Done> checkDirectChange(const RegisteredModel &model, const QString &user,
                               const GovernedAction &action)
{
    const QStringList names = approvers(model);
    if (names.isEmpty() || names.contains(user))
        return Done{};
    if (action.kind == GovernedAction::Kind::Stage) {
        auto stage = Validation::canonicalStage(action.target);
        if (!stage || !isProtectedStage(*stage))
            return Done{};
        return refused(tr("%1 is protected: only its approvers (%2) move versions to %3. File "
                          "a request instead.")
                           .arg(model.name, approversText(names), *stage));
    }
    return refused(tr("%1 is protected: only its approvers (%2) change its aliases. File a "
                      "request instead.")
                       .arg(model.name, approversText(names)));
}

std::optional<GovernedChange> planApproverChange(const RegisteredModel &model,
                                                 const ModelVersion &version,
                                                 const GovernedAction &action,
                                                 const QString &user, const QString &id,
                                                 qint64 now)
{
    const QStringList names = approvers(model);
    if (!names.contains(user))
        return std::nullopt;
    Request request;
    request.id = id;
    request.model = version.name;
    request.version = version.version;
    request.requester = user;
    request.created = now;
    request.state = State::Approved;
    request.decidedBy = user;
    request.decided = now;
    request.applied = true;
    request.comment = tr("Changed directly by an approver.");
    if (action.kind == GovernedAction::Kind::Stage) {
        auto stage = Validation::canonicalStage(action.target);
        if (!stage || !isProtectedStage(*stage))
            return std::nullopt;
        request.action = Action::Stage;
        request.target = *stage;
        request.archiveExisting = action.archive == ArchiveExisting::Yes;
    } else {
        request.action = Action::Alias;
        request.target = action.target;
    }
    GovernedChange change;
    change.action = action;
    change.tagsAfter = {{request.tagKey(), encode(request)}, marker(version, request)};
    return change;
}

Result<Done> checkAliasRemoval(const RegisteredModel &model, const QString &user,
                               const QString &alias)
{
    return checkDirectChange(model, user, {GovernedAction::Kind::Alias, alias, {}});
}

Result<Done> checkApproversChange(const RegisteredModel &model, const QString &user)
{
    const QStringList names = approvers(model);
    if (names.isEmpty() || names.contains(user))
        return Done{};
    return refused(tr("Only the approvers of %1 (%2) may change who approves.")
                       .arg(model.name, approversText(names)));
}

Result<Done> checkTagEdit(const QString &key)
{
    if (key == MarkerKey || key.startsWith(RequestPrefix)) {
        return refused(tr("Tag %1 belongs to ModelDesk's approval workflow; file, decide or "
                          "withdraw requests instead.")
                           .arg(key));
    }
    if (key == ApproversKey) {
        return refused(tr("Tag %1 names the model's approvers; change them with Approvers… "
                          "(modeldesk-cli approvers NAME --set USER...).")
                           .arg(key));
    }
    return Done{};
}

QList<Unapproved> unapproved(const QStringList &approvers, const ModelVersion &version)
{
    QList<Unapproved> found;
    if (approvers.isEmpty())
        return found;
    const QList<Request> requests = requestsOf(version);
    const auto approvedFor = [&requests](Action action, const QString &target) {
        for (const Request &request : requests) {
            if (request.state == State::Approved && request.applied && request.action == action
                && request.target == target)
                return true;
        }
        return false;
    };
    if (isProtectedStage(version.currentStage)
        && !approvedFor(Action::Stage, version.currentStage)) {
        found.append({version.name, version.version, Action::Stage, version.currentStage});
    }
    for (const QString &alias : version.aliases) {
        if (!approvedFor(Action::Alias, alias))
            found.append({version.name, version.version, Action::Alias, alias});
    }
    return found;
}

} // namespace ModelDesk::Approval
