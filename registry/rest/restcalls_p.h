#pragma once

// What the server registry's calls share (restregistry.cpp reads, restregistry_write.cpp
// writes): building requests, reading answers, and running a call in the client's order.
#include "registry/rest/restclient.h"
#include "registry/rest/restjson.h"
#include "registry/rest/restregistry.h"

#include <QCoreApplication>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>

#include <functional>

namespace ModelDesk::RestCalls {

inline QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::RestRegistry", text);
}

using Method = HttpRequest::Method;
using Params = QList<std::pair<QString, QString>>;
template<typename T>
using Finish = std::function<void(Result<T>)>;

// MLflow pages metric histories; the reference client asks for 25000 points at a time and a
// request without max_results returns nothing (rest.md §7.4).
constexpr int MetricPageSize = 25'000;

inline HttpRequest get(const QString &path, Params query, const QString &operation)
{
    HttpRequest request;
    request.path = path;
    request.query = std::move(query);
    request.operation = operation;
    return request;
}

inline HttpRequest withBody(Method method, const QString &path, QJsonObject body,
                     const QString &operation)
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = std::move(body);
    request.operation = operation;
    return request;
}

inline QJsonArray tagArray(const QList<Tag> &tags)
{
    QJsonArray array;
    for (const Tag &tag : tags)
        array.append(QJsonObject{{QStringLiteral("key"), tag.key},
                                 {QStringLiteral("value"), tag.value}});
    return array;
}

inline void addSearch(Params &query, const SearchRequest &request, int maxResults)
{
    if (!request.filter.isEmpty())
        query.append({QStringLiteral("filter"), request.filter});
    if (maxResults >= 0)
        query.append({QStringLiteral("max_results"), QString::number(maxResults)});
    for (const QString &order : request.orderBy)
        query.append({QStringLiteral("order_by"), order});
    if (!request.pageToken.isEmpty())
        query.append({QStringLiteral("page_token"), request.pageToken});
}

// The next_page_token of a search answer, found without parsing it (MLflow writes it last),
// to read the next page ahead. A wrong guess costs one unused request, never a wrong answer.
inline QString peekNextPageToken(const QByteArray &body)
{
    const qsizetype key = body.lastIndexOf("\"next_page_token\"");
    if (key < 0 || body.size() - key > 4096)
        return {};
    const qsizetype open = body.indexOf('"', body.indexOf(':', key + 17) + 1);
    const qsizetype close = open < 0 ? -1 : body.indexOf('"', open + 1);
    if (open < 0 || close < 0)
        return {};
    return QString::fromUtf8(body.mid(open + 1, close - open - 1));
}

enum class ReadAhead { No, NextPage };

// Sends `request` and hands the answer's bytes to `read`, which returns the value or what is
// wrong with the answer (a body that is not JSON, a field of the wrong type): the call then
// fails with an error naming the server and the operation instead of showing made-up data.
// Reading runs on the client's parsing thread; for searches the next page is requested
// while this one is read.
template<typename T, typename Read>
inline void fetchBytes(RestClient &client, RestCall *call, const HttpRequest &request, Read read,
                Finish<T> finish, ReadAhead readAhead = ReadAhead::No)
{
    client.send(call, request,
                [&client, request, read = std::move(read), finish = std::move(finish),
                 readAhead](Result<QByteArray> body) mutable {
                    if (!body) {
                        finish(body.error());
                        return;
                    }
                    if (readAhead == ReadAhead::NextPage) {
                        if (const QString token = peekNextPageToken(*body); !token.isEmpty()) {
                            HttpRequest next = request;
                            next.query.removeIf([](const auto &item) {
                                return item.first == QLatin1String("page_token");
                            });
                            next.query.append({QStringLiteral("page_token"), token});
                            client.readAhead(next);
                        }
                    }
                    const QString server = client.options().displayUrl();
                    client.parse<Result<T>>(
                        [body = std::move(body).value(), read = std::move(read), server,
                         operation = request.operation]() -> Result<T> {
                            Result<T> value = read(body);
                            if (value)
                                return value;
                            return RegistryError(
                                ErrorCode::InternalError,
                                tr("The MLflow server at %1 sent a malformed answer while %2: "
                                   "%3.")
                                    .arg(server, operation, value.error().message()),
                                QString::fromUtf8(body.left(2000)));
                        },
                        std::move(finish));
                });
}

// fetchBytes() for answers read as a JSON object: `parse` fills a T through the Reader.
template<typename T, typename Parse>
inline void fetch(RestClient &client, RestCall *call, const HttpRequest &request, Parse parse,
           Finish<T> finish)
{
    fetchBytes<T>(
        client, call, request,
        [parse = std::move(parse)](const QByteArray &body) -> Result<T> {
            const auto object = RestJson::parseObject(body);
            if (!object)
                return object.error();
            RestJson::Reader reader;
            T value = parse(*object, reader);
            if (!reader.ok())
                return RegistryError(ErrorCode::InternalError, reader.problem());
            return value;
        },
        std::move(finish));
}

// Reads every page of a paged answer in order: `request(token)` builds the request for a
// page (an empty token: the first), `items(object, reader)` reads one page's items, and
// `finish` gets them all, or the first `limit` and more when limit >= 0. A page without
// items cannot advance and ends it.
template<typename T, typename Request, typename Items>
void fetchAllPages(RestClient &client, RestCall *call, Request request, Items items,
                   Finish<QList<T>> finish, qsizetype limit = -1, const QString &pageToken = {},
                   QList<T> done = {})
{
    using Page = std::pair<QList<T>, QString>;
    const HttpRequest sent = request(pageToken);
    fetch<Page>(
        client, call, sent,
        [items](const QJsonObject &object, RestJson::Reader &reader) {
            Page page{items(object, reader), {}};
            page.second = reader.string(object, QStringLiteral("next_page_token"));
            return page;
        },
        Finish<Page>([&client, call, request = std::move(request), items = std::move(items),
                      done = std::move(done), finish, limit](Result<Page> page) mutable {
            if (!page) {
                finish(page.error());
                return;
            }
            done += page->first;
            if (page->second.isEmpty() || page->first.isEmpty()
                || (limit >= 0 && done.size() >= limit)) {
                finish(std::move(done));
                return;
            }
            fetchAllPages<T>(client, call, std::move(request), std::move(items),
                             std::move(finish), limit, page->second, std::move(done));
        }));
}

// Sends a write whose answer carries nothing ModelDesk needs ({}); it must still be a JSON
// object, so that a login page or a proxy's page answered with 200 is not taken for success.
inline void sendDone(RestClient &client, RestCall *call, const HttpRequest &request, Finish<Done> finish)
{
    fetch<Done>(
        client, call, request, [](const QJsonObject &, RestJson::Reader &) { return Done{}; },
        std::move(finish));
}

// The major version of a server version text ("2.22.1.dev0" -> 2), 0 when unknown.
inline int majorVersion(const QString &version)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)\\.\\d+"));
    const auto match = pattern.match(version);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}


// Runs `body` on the client's thread as one call in the client's order, answering through
// the returned future. A successful write announces the model it changed.
template<typename T, typename Body>
QFuture<Result<T>> submit(RestRegistry *registry, RestClient *client, bool write,
                          const QString &changedModel, Body body)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    QPointer<RestRegistry> self(registry);
    QMetaObject::invokeMethod(
        client,
        [client, write, changedModel, self, promise, body = std::move(body)]() mutable {
            client->schedule(write, [client, write, changedModel, self, promise,
                                     body = std::move(body)]() mutable {
                auto *call = new RestCall(QFuture<void>(promise->future()), client);
                call->setProgressReporter([promise](qint64 done, qint64 total) {
                    // QPromise counts in int: report kibibytes.
                    if (total > 0)
                        promise->setProgressRange(0, int(total / 1024));
                    promise->setProgressValue(int(done / 1024));
                });
                body(*client, call,
                     Finish<T>([client, write, changedModel, self, promise,
                                call](Result<T> result) {
                         const bool changed = write && !changedModel.isEmpty() && result.ok()
                                              && !call->canceled();
                         if (call->canceled())
                             promise->future().cancel();
                         else
                             promise->addResult(std::move(result));
                         promise->finish();
                         call->deleteLater();
                         if (changed && self) {
                             QMetaObject::invokeMethod(
                                 self.data(),
                                 [self, changedModel] {
                                     if (self)
                                         emit self->modelChanged(changedModel);
                                 },
                                 Qt::QueuedConnection);
                         }
                         client->finished(write);
                     }));
            });
        },
        Qt::QueuedConnection);
    return future;
}

// The answers of get and most writes: {"registered_model": ...} or {"model_version": ...}.
inline RegisteredModel readModelAnswer(const QJsonObject &object, RestJson::Reader &reader)
{
    if (!object.contains(QLatin1String("registered_model")))
        reader.fail(QStringLiteral("\"registered_model\" is missing"));
    return reader.registeredModel(reader.object(object, QStringLiteral("registered_model")));
}

inline ModelVersion readVersionAnswer(const QJsonObject &object, RestJson::Reader &reader)
{
    if (!object.contains(QLatin1String("model_version")))
        reader.fail(QStringLiteral("\"model_version\" is missing"));
    return reader.modelVersion(reader.object(object, QStringLiteral("model_version")));
}

inline HttpRequest getModel(const QString &name)
{
    return get(QStringLiteral("registered-models/get"), {{QStringLiteral("name"), name}},
               tr("reading model %1").arg(name));
}

inline HttpRequest getVersion(const QString &name, qint64 version)
{
    return get(QStringLiteral("model-versions/get"),
               {{QStringLiteral("name"), name}, {QStringLiteral("version"), QString::number(version)}},
               tr("reading version %1 of %2").arg(version).arg(name));
}

} // namespace ModelDesk::RestCalls
