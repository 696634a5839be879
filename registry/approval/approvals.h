#pragma once

#include "registry/approval/approvalrules.h"
#include "registry/registry.h"

#include <QFuture>

// The approval workflow on any registry, as the acting user (Registry::actingUser). Each call
// answers on the thread that made it (the main thread); the registry must outlive it.
namespace ModelDesk::Approval {

// Files a request; answers it as stored.
QFuture<Result<Request>> file(Registry *registry, const NewRequest &spec);
// Approves (carrying out the action), rejects or withdraws a request; answers it as decided.
QFuture<Result<Request>> decide(Registry *registry, const QString &model, qint64 version,
                                const QString &id, Decision decision, const QString &comment);

// Requests across the registry (or of one model when `model` is set), oldest first: the open
// ones (pending, or approved and not yet carried out), or all with `all`. One version search.
QFuture<Result<QList<Request>>> requests(Registry *registry, const QString &model, bool all);

// What protected models hold without an approved request behind it (or one model's).
QFuture<Result<QList<Unapproved>>> audit(Registry *registry, const QString &model);

// Sets who approves a model (nobody: the model is no longer protected); answers the list.
QFuture<Result<QStringList>> setApprovers(Registry *registry, const QString &model,
                                          const QStringList &users);

// Direct changes that a protected model allows only its approvers.
QFuture<Result<ModelVersion>> transition(Registry *registry, const QString &model,
                                         qint64 version, const QString &stage,
                                         ArchiveExisting archive);
QFuture<Result<Done>> setAlias(Registry *registry, const QString &model, const QString &alias,
                               qint64 version);
QFuture<Result<Done>> deleteAlias(Registry *registry, const QString &model,
                                  const QString &alias);

} // namespace ModelDesk::Approval
