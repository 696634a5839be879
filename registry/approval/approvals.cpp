#include "registry/approval/approvals.h"

#include "registry/pagefollower.h"
#include "registry/searchall.h"
#include "registry/whenfinished.h"

#include <QDateTime>
#include <QPromise>

#include <algorithm>
#include <memory>
#include <tuple>

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
        [id](ModelVersion after) {
            if (auto request = findRequest(after, id))
                return ready<Request>(*request);
            return ready<Request>(RegistryError(ErrorCode::ResourceDoesNotExist,
                                                tr("Request %1 is gone.").arg(id)));
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
    auto step = std::make_shared<std::function<void()>>();
    *step = [state, pages, search, step] {
        whenFinished(state->registry->searchModels(*search), state->registry.data(),
                     [state, pages, search, step](Result<Page<RegisteredModel>> page) {
                         if (!page) {
                             state->promise.addResult(page.error());
                             state->promise.finish();
                             *step = nullptr;
                             return;
                         }
                         for (const RegisteredModel &found : std::as_const(page->items))
                             state->models.append(found.name);
                         if (auto error = pages->follow(page->nextPageToken)) {
                             state->promise.addResult(*error);
                             state->promise.finish();
                             *step = nullptr;
                             return;
                         }
                         if (page->nextPageToken.isEmpty()) {
                             auto keep = std::move(*step); // ends the cycle once done
                             auditNext(state);
                             return;
                         }
                         search->pageToken = page->nextPageToken;
                         (*step)();
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

QFuture<Result<ModelVersion>> transition(Registry *registry, const QString &model,
                                         qint64 version, const QString &stage,
                                         ArchiveExisting archive)
{
    const QString user = registry->actingUser();
    return andThen<ModelVersion>(
        registry, registry->model(model), [=](RegisteredModel current) {
            if (auto ok = checkDirectChange(current, user,
                                            {GovernedAction::Kind::Stage, stage, archive});
                !ok)
                return ready<ModelVersion>(ok.error());
            return registry->transitionStage(model, version, stage, archive);
        });
}

QFuture<Result<Done>> setAlias(Registry *registry, const QString &model, const QString &alias,
                               qint64 version)
{
    const QString user = registry->actingUser();
    return andThen<Done>(registry, registry->model(model), [=](RegisteredModel current) {
        if (auto ok = checkDirectChange(current, user, {GovernedAction::Kind::Alias, alias, {}});
            !ok)
            return ready<Done>(ok.error());
        return registry->setAlias(model, alias, version);
    });
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
