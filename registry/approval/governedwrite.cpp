// Registry's default governed change, for registries that only have single calls (servers):
// read, plan, write the decision, read it back, act, finish, in that order.
#include "registry/actinguser.h"
#include "registry/registry.h"
#include "registry/whenfinished.h"

#include <QPromise>

#include <memory>

namespace ModelDesk {

namespace {

struct Governed
{
    QPromise<Result<ModelVersion>> promise;
    QPointer<Registry> registry;
    QString name;
    qint64 version = 0;
    GovernedPlanner planner;
    std::optional<RegisteredModel> model;
    GovernedChange change;
    bool finished = false;

    void end(Result<ModelVersion> result)
    {
        if (finished)
            return;
        finished = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

using State = std::shared_ptr<Governed>;

void readFinal(const State &state);

// Runs `next` once `future` succeeded; ends the change with its error otherwise.
template<typename T, typename Next>
void then(const State &state, QFuture<Result<T>> future, Next next)
{
    whenFinished(future, state->registry.data(), [state, next](Result<T> result) {
        if (!result) {
            state->end(result.error());
            return;
        }
        next(std::move(*result));
    });
}

// Sets `tags` one after another, then runs `next`.
void writeTags(const State &state, QList<Tag> tags, std::function<void()> next)
{
    if (tags.isEmpty()) {
        next();
        return;
    }
    const Tag tag = tags.takeFirst();
    then(state, state->registry->setVersionTag(state->name, state->version, tag.key, tag.value),
         [state, tags, next](Done) { writeTags(state, tags, next); });
}

void removeTags(const State &state, QStringList keys, std::function<void()> next)
{
    if (keys.isEmpty()) {
        next();
        return;
    }
    const QString key = keys.takeFirst();
    then(state, state->registry->deleteVersionTag(state->name, state->version, key),
         [state, keys, next](Done) { removeTags(state, keys, next); });
}

void verify(const State &state, std::function<void()> next);

void act(const State &state)
{
    // Checked again before the final tags: a decision written over ours while the action ran
    // stays, and the mismatch shows (the version is then flagged unapproved).
    const auto after = [state] {
        verify(state, [state] {
            writeTags(state, state->change.tagsAfter, [state] { readFinal(state); });
        });
    };
    if (!state->change.action) {
        after();
        return;
    }
    const GovernedAction action = *state->change.action;
    if (action.kind == GovernedAction::Kind::Stage) {
        then(state,
             state->registry->transitionStage(state->name, state->version, action.target,
                                              action.archive),
             [after](ModelVersion) { after(); });
    } else {
        then(state, state->registry->setAlias(state->name, action.target, state->version),
             [after](Done) { after(); });
    }
}

// Reads the version and goes on only while it holds the value this change wrote to
// verifyKey; another client's write in between ends the change with lostRace.
void verify(const State &state, std::function<void()> next)
{
    if (state->change.verifyKey.isEmpty()) {
        next();
        return;
    }
    QString written;
    for (const Tag &tag : std::as_const(state->change.tags)) {
        if (tag.key == state->change.verifyKey)
            written = tag.value;
    }
    then(state, state->registry->version(state->name, state->version),
         [state, written, next](ModelVersion now) {
             for (const Tag &tag : std::as_const(now.tags)) {
                 if (tag.key == state->change.verifyKey && tag.value == written) {
                     next();
                     return;
                 }
             }
             state->end(state->change.lostRace);
         });
}

void readFinal(const State &state)
{
    then(state, state->registry->version(state->name, state->version),
         [state](ModelVersion version) { state->end(std::move(version)); });
}

} // namespace

QFuture<Result<ModelVersion>> Registry::applyGoverned(const QString &name, qint64 version,
                                                      GovernedPlanner planner)
{
    auto state = std::make_shared<Governed>();
    state->registry = this;
    state->name = name;
    state->version = version;
    state->planner = std::move(planner);
    state->promise.start();
    QFuture<Result<ModelVersion>> future = state->promise.future();
    then(state, model(name), [state](RegisteredModel model) {
        state->model = std::move(model);
        then(state, state->registry->version(state->name, state->version),
             [state](ModelVersion current) {
                 auto change = state->planner(*state->model, current);
                 if (!change) {
                     state->end(change.error());
                     return;
                 }
                 state->change = std::move(*change);
                 writeTags(state, state->change.tags, [state] {
                     // Read back before the action, so of two deciding at once the one
                     // whose write was overwritten stops there.
                     removeTags(state, state->change.removedTags,
                                [state] { verify(state, [state] { act(state); }); });
                 });
             });
    });
    return future;
}

QFuture<Result<QList<AuditRecord>>> Registry::auditLog(const QString &)
{
    return QtFuture::makeReadyFuture(Result<QList<AuditRecord>>(QList<AuditRecord>{}));
}

QFuture<Result<QString>> Registry::modelPermission(const QString &)
{
    return QtFuture::makeReadyFuture(Result<QString>(QString()));
}

QString localActingUser()
{
    const QString forced = qEnvironmentVariable("MODELDESK_USER").trimmed();
    if (!forced.isEmpty())
        return forced;
    const QString login = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return login.isEmpty() ? QStringLiteral("unknown") : login;
}

QString Registry::actingUser() const
{
    return localActingUser();
}

} // namespace ModelDesk
