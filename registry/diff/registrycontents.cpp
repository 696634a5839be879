#include "registry/diff/registrydiff.h"

#include "registry/pagefollower.h"
#include "registry/whenfinished.h"

#include <QPointer>
#include <QPromise>

#include <iterator>
#include <memory>

namespace ModelDesk {

namespace {

// What is read, one listing after the other: the models, then the versions, each as MLflow's
// searches list them and then the prompts they hide unless the filter asks for them.
struct Listing
{
    bool versions;
    bool prompts;
};

constexpr Listing Listings[] = {{false, false}, {false, true}, {true, false}, {true, true}};
constexpr int ListingCount = int(std::size(Listings));

SearchRequest requestFor(int listing)
{
    SearchRequest request;
    if (Listings[listing].prompts)
        request.filter = QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'");
    // A fixed order, so that offset pages neither skip nor repeat rows.
    if (Listings[listing].versions) {
        request.orderBy = {QStringLiteral("name ASC"), QStringLiteral("version_number ASC")};
        request.maxResults = ContentsVersionPage;
    } else {
        request.orderBy = {QStringLiteral("name ASC")};
        request.maxResults = ContentsModelPage;
    }
    return request;
}

struct ContentsRead
{
    QPromise<Result<RegistryContents>> promise;
    QPointer<Registry> registry;
    PageFollower follower;
    int listing = 0;
    SearchRequest request = requestFor(0);
    RegistryContents contents;
    // Filled by the version stream's sink, on the registry's thread while the page is read;
    // taken here once the page has finished.
    std::shared_ptr<QList<ModelVersion>> parts = std::make_shared<QList<ModelVersion>>();

    explicit ContentsRead(Registry *r)
        : registry(r)
        , follower(r->location())
    { }
};

void fail(const std::shared_ptr<ContentsRead> &state, const RegistryError &error)
{
    state->promise.addResult(error);
    state->promise.finish();
}

void readPage(const std::shared_ptr<ContentsRead> &state);

// Follows the page's token, or goes on to the next listing; answers after the last one.
void pageRead(const std::shared_ptr<ContentsRead> &state, const QString &nextPageToken)
{
    if (auto error = state->follower.follow(nextPageToken))
        return fail(state, *error);
    if (!nextPageToken.isEmpty()) {
        state->request.pageToken = nextPageToken;
        return readPage(state);
    }
    if (++state->listing == ListingCount) {
        state->promise.addResult(std::move(state->contents));
        state->promise.finish();
        return;
    }
    state->follower.restart();
    state->request = requestFor(state->listing);
    readPage(state);
}

void readPage(const std::shared_ptr<ContentsRead> &state)
{
    // The caller cancelled (a window's Cancel): no further page is asked for.
    if (state->promise.isCanceled()) {
        state->promise.finish();
        return;
    }
    Registry *registry = state->registry.data();
    if (!Listings[state->listing].versions) {
        whenFinished(registry->searchModels(state->request), registry,
                     [state](Result<Page<RegisteredModel>> page) {
                         if (!page)
                             return fail(state, page.error());
                         state->contents.models.append(std::move(page->items));
                         pageRead(state, page->nextPageToken);
                     });
        return;
    }
    // Stops a long page of versions (the 200,000 a local store answers at once) part-way
    // once the caller has cancelled.
    const auto sink = [parts = state->parts,
                       future = state->promise.future()](QList<ModelVersion> part) {
        parts->append(std::move(part));
        return !future.isCanceled();
    };
    whenFinished(registry->streamVersions(state->request, sink), registry,
                 [state](Result<Page<ModelVersion>> page) {
                     if (!page)
                         return fail(state, page.error());
                     QList<ModelVersion> &versions = state->contents.versions;
                     if (versions.isEmpty())
                         versions.swap(*state->parts);
                     else
                         versions.append(std::move(*state->parts));
                     state->parts->clear();
                     pageRead(state, page->nextPageToken);
                 });
}

} // namespace

QFuture<Result<RegistryContents>> readRegistryContents(Registry *registry)
{
    auto state = std::make_shared<ContentsRead>(registry);
    state->promise.start();
    QFuture<Result<RegistryContents>> future = state->promise.future();
    readPage(state);
    return future;
}

} // namespace ModelDesk
