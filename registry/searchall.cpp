#include "registry/searchall.h"

#include "registry/pagefollower.h"
#include "registry/whenfinished.h"

#include <QPromise>

#include <memory>

namespace ModelDesk {

namespace {

// Every page of a version search, handed over as one list.
struct VersionPages
{
    QPromise<Result<QList<ModelVersion>>> promise;
    QPointer<Registry> registry;
    SearchRequest request;
    PageFollower follower;
    QList<ModelVersion> versions;

    explicit VersionPages(Registry *r) : registry(r), follower(r->location()) {}
};

void nextPage(const std::shared_ptr<VersionPages> &state)
{
    whenFinished(state->registry->searchVersions(state->request), state->registry.data(),
                 [state](Result<Page<ModelVersion>> page) {
                     if (!page) {
                         state->promise.addResult(page.error());
                         state->promise.finish();
                         return;
                     }
                     state->versions.append(std::move(page->items));
                     if (auto error = state->follower.follow(page->nextPageToken)) {
                         state->promise.addResult(*error);
                         state->promise.finish();
                         return;
                     }
                     if (page->nextPageToken.isEmpty()) {
                         state->promise.addResult(std::move(state->versions));
                         state->promise.finish();
                         return;
                     }
                     state->request.pageToken = page->nextPageToken;
                     nextPage(state);
                 });
}

} // namespace

QFuture<Result<QList<ModelVersion>>> searchAllVersions(Registry *registry, const QString &filter)
{
    auto state = std::make_shared<VersionPages>(registry);
    state->request.filter = filter;
    state->request.maxResults = SearchAllPage;
    state->promise.start();
    QFuture<Result<QList<ModelVersion>>> future = state->promise.future();
    nextPage(state);
    return future;
}

// MLflow's filter syntax has no escapes: a value is quoted with the quote it does not hold.
std::optional<QString> filterValue(const QString &value)
{
    if (!value.contains(QLatin1Char('\'')))
        return QLatin1Char('\'') + value + QLatin1Char('\'');
    if (!value.contains(QLatin1Char('"')))
        return QLatin1Char('"') + value + QLatin1Char('"');
    return std::nullopt;
}

} // namespace ModelDesk
