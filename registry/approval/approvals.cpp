#include "registry/approval/approvals.h"

#include "registry/pagefollower.h"
#include "registry/searchall.h"
#include "registry/whenfinished.h"

#include <QDateTime>
#include <QPromise>

#include <algorithm>
#include <memory>
#include <tuple>
#include <type_traits>

namespace ModelDesk::Approval {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Approval", text);
}

template<typename T>
QFuture<Result<T>> ready(Result<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

// Runs `next(value)` once `future` succeeded and hands its answer on; errors pass through.
template<typename U, typename T, typename Next>
QFuture<Result<U>> andThen(Registry *registry, QFuture<Result<T>> future, Next next)
{
    auto promise = std::make_shared<QPromise<Result<U>>>();
    promise->start();
    whenFinished(future, registry, [promise, next](Result<T> result) mutable {
        if (!result) {
            promise->addResult(Result<U>(result.error()));
            promise->finish();
            return;
        }
        QFuture<Result<U>> after = next(std::move(*result));
        whenFinished(after, QCoreApplication::instance(), [promise](Result<U> answer) {
            promise->addResult(std::move(answer));
            promise->finish();
        });
    });
    return promise->future();
}

QString markerFilter(bool all)
{
    return all ? QStringLiteral("tags.`%1` LIKE '%'").arg(MarkerKey)
               : QStringLiteral("tags.`%1` = '%2'").arg(MarkerKey, MarkerPending);
}

// The model's versions with the aliases that point at them (version searches carry none).
QList<ModelVersion> withAliases(QList<ModelVersion> versions, const RegisteredModel &model)
{
    for (ModelVersion &version : versions) {
        version.aliases.clear();
        for (const Alias &alias : model.aliases) {
            if (alias.version == version.version)
                version.aliases.append(alias.alias);
        }
    }
    return versions;
}

struct Audit
{
    QPromise<Result<QList<Unapproved>>> promise;
    QPointer<Registry> registry;
    QStringList models;
    QList<Unapproved> found;
};

void auditNext(const std::shared_ptr<Audit> &state)
{
    if (state->models.isEmpty()) {
        std::stable_sort(state->found.begin(), state->found.end(),
                         [](const Unapproved &a, const Unapproved &b) {
                             return std::tie(a.model, a.version, a.kind, a.target)
                                    < std::tie(b.model, b.version, b.kind, b.target);
                         });
        state->promise.addResult(std::move(state->found));
        state->promise.finish();
        return;
    }
    const QString name = state->models.takeFirst();
    const auto fail = [state](const RegistryError &error) {
        state->promise.addResult(error);
        state->promise.finish();
    };
    whenFinished(state->registry->model(name), state->registry.data(),
                 [state, name, fail](Result<RegisteredModel> model) {
                     if (!model)
                         return fail(model.error());
                     const QStringList names = approvers(*model);
                     if (names.isEmpty())
                         return auditNext(state);
                     const auto filter = filterValue(name);
                     if (!filter) {
                         return fail(RegistryError(
                             ErrorCode::InvalidParameterValue,
                             tr("The versions of %1 cannot be searched: MLflow's filters take "
                                "no name with both kinds of quotes.")
                                 .arg(name)));
                     }
                     whenFinished(searchAllVersions(state->registry, QStringLiteral("name = %1").arg(*filter)),
                                  state->registry.data(),
                                  [state, model = *model, names, fail](Result<QList<ModelVersion>> versions) {
                                      if (!versions)
                                          return fail(versions.error());
                                      for (const ModelVersion &version :
                                           withAliases(std::move(*versions), model))
                                          state->found.append(unapproved(names, version));
                                      auditNext(state);
                                  });
                 });
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

QFuture<Result<Request>> file(Registry *registry, const NewRequest &spec)
{
    const QString id = newRequestId();
    const QString user = registry->actingUser();
    const qint64 time = now();
    // The version's aliases come with the version read inside the change.
    return andThen<Request>(
        registry,
        registry->applyGoverned(spec.model, spec.version,
                                [spec, id, user, time](const RegisteredModel &model,
                                                       const ModelVersion &version) {
                                    return planRequest(model, version, spec, id, user, time);
                                }),
        [id](ModelVersion version) {
            if (auto request = findRequest(version, id))
                return ready<Request>(*request);
            return ready<Request>(RegistryError(
                ErrorCode::InternalError, tr("Request %1 was not stored.").arg(id)));
        });
}

QFuture<Result<Request>> decide(Registry *registry, const QString &model, qint64 version,
                                const QString &id, Decision decision, const QString &comment)
{
    const QString user = registry->actingUser();
    const qint64 time = now();
    const QString nonce = newRequestId();
    return andThen<Request>(
        registry,
        registry->applyGoverned(model, version,
                                [=](const RegisteredModel &current, const ModelVersion &row) {
                                    return planDecision(current, row, id, decision, user,
                                                        comment, time, nonce);
                                }),
        [registry, model, version, id](ModelVersion after) {
            const auto request = findRequest(after, id);
            if (!request) {
                return ready<Request>(RegistryError(ErrorCode::ResourceDoesNotExist,
                                                    tr("Request %1 is gone.").arg(id)));
            }
            // On a server a request filed while this one was decided may have been hidden by
            // the marker this decision wrote: put it right, from the version as it is now.
            bool open = false;
            QString marker;
            for (const Request &each : requestsOf(after))
                open |= each.isOpen();
            for (const Tag &tag : std::as_const(after.tags)) {
                if (tag.key == MarkerKey)
                    marker = tag.value;
            }
            const QString wanted = open ? MarkerPending : MarkerDone;
            if (marker == wanted)
                return ready<Request>(*request);
            return andThen<Request>(registry,
                                    registry->setVersionTag(model, version, MarkerKey, wanted),
                                    [request](Done) { return ready<Request>(*request); });
        });
}

QFuture<Result<QList<Request>>> requests(Registry *registry, const QString &model, bool all)
{
    return andThen<QList<Request>>(
        registry, searchAllVersions(registry, markerFilter(all)),
        [model, all](QList<ModelVersion> versions) {
            QList<Request> found;
            for (const ModelVersion &version : std::as_const(versions)) {
                if (!model.isEmpty() && version.name != model)
                    continue;
                for (const Request &request : requestsOf(version)) {
                    if (all || request.isOpen())
                        found.append(request);
                }
            }
            std::stable_sort(found.begin(), found.end(), [](const Request &a, const Request &b) {
                return a.created < b.created;
            });
            return ready<QList<Request>>(std::move(found));
        });
}

QFuture<Result<QList<Unapproved>>> audit(Registry *registry, const QString &model)
{
    auto state = std::make_shared<Audit>();
    state->registry = registry;
    state->promise.start();
    QFuture<Result<QList<Unapproved>>> future = state->promise.future();
    if (!model.isEmpty()) {
        state->models = {model};
        auditNext(state);
        return future;
    }
    // Protected models are those with an approvers tag: one search (paged).
    auto pages = std::make_shared<PageFollower>(registry->location());
    auto search = std::make_shared<SearchRequest>();
    search->filter = QStringLiteral("tags.`%1` LIKE '%'").arg(ApproversKey);
    search->maxResults = 1000;
    // Each page's callback holds the next step; the step itself holds only a weak reference
    // to itself, so a dropped callback (the registry gone) frees everything.
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [state, pages, search, weakStep] {
        auto self = weakStep.lock();
        if (!self)
            return;
        whenFinished(state->registry->searchModels(*search), state->registry.data(),
                     [state, pages, search, self](Result<Page<RegisteredModel>> page) {
                         if (!page) {
                             state->promise.addResult(page.error());
                             state->promise.finish();
                             return;
                         }
                         for (const RegisteredModel &found : std::as_const(page->items))
                             state->models.append(found.name);
                         if (auto error = pages->follow(page->nextPageToken)) {
                             state->promise.addResult(*error);
                             state->promise.finish();
                             return;
                         }
                         if (page->nextPageToken.isEmpty()) {
                             auditNext(state);
                             return;
                         }
                         search->pageToken = page->nextPageToken;
                         (*self)();
                     });
    };
    (*step)();
    return future;
}

QFuture<Result<QStringList>> setApprovers(Registry *registry, const QString &model,
                                          const QStringList &users)
{
    const QString user = registry->actingUser();
    const QString value = approversValue(users);
    return andThen<QStringList>(registry, registry->model(model),
                                [registry, model, user, value](RegisteredModel current) {
                                    if (auto ok = checkApproversChange(current, user); !ok)
                                        return ready<QStringList>(ok.error());
                                    QFuture<Result<Done>> write
                                        = value.isEmpty()
                                              ? registry->deleteModelTag(model, ApproversKey)
                                              : registry->setModelTag(model, ApproversKey, value);
                                    return andThen<QStringList>(registry, write, [value](Done) {
                                        RegisteredModel after;
                                        after.tags = {{ApproversKey, value}};
                                        return ready<QStringList>(approvers(after));
                                    });
                                });
}

namespace {

// A direct change: refused on a protected model for non-approvers; an approver's is recorded
// as a request they approved (one governed change); anything else is the plain call.
template<typename T, typename Plain>
QFuture<Result<T>> directChange(Registry *registry, const QString &model, qint64 version,
                                const GovernedAction &action, Plain plain)
{
    const QString user = registry->actingUser();
    const QString id = newRequestId();
    const qint64 time = now();
    return andThen<T>(registry, registry->model(model), [=](RegisteredModel current) {
        if (auto ok = checkDirectChange(current, user, action); !ok)
            return ready<T>(ok.error());
        const bool recorded = approvers(current).contains(user)
                              && planApproverChange(current, {}, action, user, id, time);
        if (!recorded)
            return plain();
        return andThen<T>(
            registry,
            registry->applyGoverned(model, version,
                                    [=](const RegisteredModel &fresh, const ModelVersion &row) {
                                        auto change = planApproverChange(fresh, row, action, user,
                                                                         id, time);
                                        if (!change)
                                            return Result<GovernedChange>(
                                                GovernedChange{{}, {}, action, {}, {}, {}});
                                        return Result<GovernedChange>(std::move(*change));
                                    }),
            [](ModelVersion after) {
                if constexpr (std::is_same_v<T, ModelVersion>)
                    return ready<T>(std::move(after));
                else
                    return ready<T>(Done{});
            });
    });
}

} // namespace

QFuture<Result<ModelVersion>> transition(Registry *registry, const QString &model,
                                         qint64 version, const QString &stage,
                                         ArchiveExisting archive)
{
    return directChange<ModelVersion>(
        registry, model, version, {GovernedAction::Kind::Stage, stage, archive},
        [=] { return registry->transitionStage(model, version, stage, archive); });
}

QFuture<Result<Done>> setAlias(Registry *registry, const QString &model, const QString &alias,
                               qint64 version)
{
    return directChange<Done>(registry, model, version,
                              {GovernedAction::Kind::Alias, alias, ArchiveExisting::No},
                              [=] { return registry->setAlias(model, alias, version); });
}

QFuture<Result<Done>> deleteAlias(Registry *registry, const QString &model, const QString &alias)
{
    const QString user = registry->actingUser();
    return andThen<Done>(registry, registry->model(model), [=](RegisteredModel current) {
        if (auto ok = checkAliasRemoval(current, user, alias); !ok)
            return ready<Done>(ok.error());
        return registry->deleteAlias(model, alias);
    });
}

} // namespace ModelDesk::Approval
