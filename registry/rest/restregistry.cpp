#include "registry/rest/restregistry.h"

#include "registry/rest/restclient.h"
#include "registry/rest/restjson.h"
#include "registry/validation.h"

#include <QMutexLocker>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>

namespace ModelDesk {

namespace {

QString tr(const char *text)
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

HttpRequest get(const QString &path, Params query, const QString &operation)
{
    HttpRequest request;
    request.path = path;
    request.query = std::move(query);
    request.operation = operation;
    return request;
}

HttpRequest withBody(Method method, const QString &path, QJsonObject body,
                     const QString &operation)
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = std::move(body);
    request.operation = operation;
    return request;
}

QJsonArray tagArray(const QList<Tag> &tags)
{
    QJsonArray array;
    for (const Tag &tag : tags)
        array.append(QJsonObject{{QStringLiteral("key"), tag.key},
                                 {QStringLiteral("value"), tag.value}});
    return array;
}

void addSearch(Params &query, const SearchRequest &request, int maxResults)
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
QString peekNextPageToken(const QByteArray &body)
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
void fetchBytes(RestClient &client, RestCall *call, const HttpRequest &request, Read read,
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
void fetch(RestClient &client, RestCall *call, const HttpRequest &request, Parse parse,
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

// Sends a write whose answer carries nothing ModelDesk needs ({}); it must still be a JSON
// object, so that a login page or a proxy's page answered with 200 is not taken for success.
void sendDone(RestClient &client, RestCall *call, const HttpRequest &request, Finish<Done> finish)
{
    fetch<Done>(
        client, call, request, [](const QJsonObject &, RestJson::Reader &) { return Done{}; },
        std::move(finish));
}

// The major version of a server version text ("2.22.1.dev0" -> 2), 0 when unknown.
int majorVersion(const QString &version)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)\\.\\d+"));
    const auto match = pattern.match(version);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

RestRegistry::RestRegistry(ServerOptions options, QObject *parent)
    : Registry(parent)
    , m_options(std::move(options))
{
    m_options.url.setUserInfo({});
    m_capabilities.backendName = tr("MLflow server");
    m_thread.setObjectName(QStringLiteral("RestRegistry"));
    m_client = new RestClient(m_options);
    m_client->moveToThread(&m_thread);
    m_thread.start();
}

RestRegistry::~RestRegistry()
{
    // Requests in flight are aborted; their futures end cancelled.
    QMetaObject::invokeMethod(
        m_client, [client = m_client] { delete client; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString RestRegistry::location() const
{
    return m_options.displayUrl();
}

Capabilities RestRegistry::capabilities() const
{
    QMutexLocker locker(&m_capabilitiesMutex);
    return m_capabilities;
}

namespace {

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

} // namespace

QFuture<Result<Capabilities>> RestRegistry::open()
{
    QPointer<RestRegistry> self(this);
    Capabilities base = capabilities();
    return submit<Capabilities>(
        this, m_client, true, QString(),
        [self, base](RestClient &client, RestCall *call, Finish<Capabilities> finish) {
            HttpRequest versionRequest = get(QStringLiteral("/version"), {},
                                             tr("asking the server's MLflow version"));
            client.send(call, versionRequest, [&client, call, self, base,
                                               finish](Result<QByteArray> answer) {
                Capabilities caps = base;
                if (!answer) {
                    // /version is open on every MLflow server; a server behind a proxy or
                    // a vendor's may lack it. Only a server that cannot be reached fails.
                    const ErrorCode code = answer.error().code();
                    if (code == ErrorCode::TemporarilyUnavailable
                        || code == ErrorCode::DeadlineExceeded || code == ErrorCode::InvalidState
                        || code == ErrorCode::Cancelled) {
                        finish(answer.error());
                        return;
                    }
                } else {
                    const QString text = QString::fromUtf8(answer->left(100)).trimmed();
                    if (majorVersion(text) > 0)
                        caps.serverVersion = text;
                }
                const int major = majorVersion(caps.serverVersion);
                caps.schemaRevision = caps.serverVersion;
                caps.loggedModels = major >= 3;
                // One authenticated call proves the URL, the credentials and the API.
                fetch<Capabilities>(
                    client, call,
                    get(QStringLiteral("registered-models/search"),
                        {{QStringLiteral("max_results"), QStringLiteral("1")}},
                        tr("connecting")),
                    [](const QJsonObject &object, RestJson::Reader &reader) {
                        reader.objects(object, QStringLiteral("registered_models"));
                        return Capabilities{};
                    },
                    Finish<Capabilities>([self, caps, finish](Result<Capabilities> probe) {
                        if (!probe) {
                            finish(probe.error());
                            return;
                        }
                        if (self) {
                            QMutexLocker locker(&self->m_capabilitiesMutex);
                            self->m_capabilities = caps;
                        }
                        finish(caps);
                    }));
            });
        });
}

QFuture<Result<Page<RegisteredModel>>> RestRegistry::searchModels(const SearchRequest &request)
{
    Params query;
    addSearch(query, request, request.maxResults);
    return submit<Page<RegisteredModel>>(
        this, m_client, false, QString(), [query](RestClient &client, RestCall *call, auto finish) {
            fetchBytes<Page<RegisteredModel>>(
                client, call,
                get(QStringLiteral("registered-models/search"), query,
                    tr("searching registered models")),
                &RestJson::readModelPage, std::move(finish), ReadAhead::NextPage);
        });
}

QFuture<Result<Page<ModelVersion>>> RestRegistry::searchVersions(const SearchRequest &request)
{
    Params query;
    const int pageSize = request.maxResults < 0 ? MaxVersionPage
                                                : qMin(request.maxResults, int(MaxVersionPage));
    addSearch(query, request, pageSize);
    return submit<Page<ModelVersion>>(
        this, m_client, false, QString(), [query](RestClient &client, RestCall *call, auto finish) {
            fetchBytes<Page<ModelVersion>>(
                client, call,
                get(QStringLiteral("model-versions/search"), query,
                    tr("searching model versions")),
                &RestJson::readVersionPage, std::move(finish), ReadAhead::NextPage);
        });
}

namespace {

RegisteredModel readModelAnswer(const QJsonObject &object, RestJson::Reader &reader)
{
    if (!object.contains(QLatin1String("registered_model")))
        reader.fail(QStringLiteral("\"registered_model\" is missing"));
    return reader.registeredModel(reader.object(object, QStringLiteral("registered_model")));
}

ModelVersion readVersionAnswer(const QJsonObject &object, RestJson::Reader &reader)
{
    if (!object.contains(QLatin1String("model_version")))
        reader.fail(QStringLiteral("\"model_version\" is missing"));
    return reader.modelVersion(reader.object(object, QStringLiteral("model_version")));
}

HttpRequest getModel(const QString &name)
{
    return get(QStringLiteral("registered-models/get"), {{QStringLiteral("name"), name}},
               tr("reading model %1").arg(name));
}

HttpRequest getVersion(const QString &name, qint64 version)
{
    return get(QStringLiteral("model-versions/get"),
               {{QStringLiteral("name"), name}, {QStringLiteral("version"), QString::number(version)}},
               tr("reading version %1 of %2").arg(version).arg(name));
}

} // namespace

QFuture<Result<RegisteredModel>> RestRegistry::model(const QString &name)
{
    return submit<RegisteredModel>(this, m_client, false, QString(),
                                   [name](RestClient &client, RestCall *call, auto finish) {
                                       fetch<RegisteredModel>(client, call, getModel(name),
                                                              readModelAnswer, std::move(finish));
                                   });
}

QFuture<Result<ModelVersion>> RestRegistry::version(const QString &name, qint64 version)
{
    return submit<ModelVersion>(
        this, m_client, false, QString(),
        [name, version](RestClient &client, RestCall *call, auto finish) {
            fetch<ModelVersion>(client, call, getVersion(name, version), readVersionAnswer,
                                std::move(finish));
        });
}

QFuture<Result<ModelVersion>> RestRegistry::versionByAlias(const QString &name,
                                                           const QString &alias)
{
    return submit<ModelVersion>(
        this, m_client, false, QString(),
        [name, alias](RestClient &client, RestCall *call, auto finish) {
            fetch<ModelVersion>(client, call,
                                get(QStringLiteral("registered-models/alias"),
                                    {{QStringLiteral("name"), name},
                                     {QStringLiteral("alias"), alias}},
                                    tr("reading alias %1 of %2").arg(alias, name)),
                                readVersionAnswer, std::move(finish));
        });
}

QFuture<Result<QList<ModelVersion>>> RestRegistry::latestVersions(const QString &name,
                                                                  const QStringList &stages)
{
    Params query{{QStringLiteral("name"), name}};
    for (const QString &stage : stages)
        query.append({QStringLiteral("stages"), stage});
    return submit<QList<ModelVersion>>(
        this, m_client, false, QString(),
        [name, query](RestClient &client, RestCall *call, auto finish) {
            fetch<QList<ModelVersion>>(
                client, call,
                get(QStringLiteral("registered-models/get-latest-versions"), query,
                    tr("reading the latest versions of %1").arg(name)),
                [](const QJsonObject &object, RestJson::Reader &reader) {
                    QList<ModelVersion> versions;
                    for (const QJsonObject &entry :
                         reader.objects(object, QStringLiteral("model_versions")))
                        versions.append(reader.modelVersion(entry));
                    return versions;
                },
                std::move(finish));
        });
}

QFuture<Result<QString>> RestRegistry::downloadUri(const QString &name, qint64 version)
{
    return submit<QString>(
        this, m_client, false, QString(),
        [name, version](RestClient &client, RestCall *call, auto finish) {
            fetch<QString>(client, call,
                           get(QStringLiteral("model-versions/get-download-uri"),
                               {{QStringLiteral("name"), name},
                                {QStringLiteral("version"), QString::number(version)}},
                               tr("reading the download URI of version %1 of %2")
                                   .arg(version)
                                   .arg(name)),
                           [](const QJsonObject &object, RestJson::Reader &reader) {
                               return reader.string(object, QStringLiteral("artifact_uri"));
                           },
                           std::move(finish));
        });
}

QFuture<Result<RegisteredModel>> RestRegistry::createModel(const QString &name,
                                                           const QString &description,
                                                           const QList<Tag> &tags)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!tags.isEmpty())
        body.insert(QStringLiteral("tags"), tagArray(tags));
    if (!description.isEmpty())
        body.insert(QStringLiteral("description"), description);
    return submit<RegisteredModel>(
        this, m_client, true, name, [name, body](RestClient &client, RestCall *call, auto finish) {
            fetch<RegisteredModel>(client, call,
                                   withBody(Method::Post, QStringLiteral("registered-models/create"),
                                            body, tr("creating model %1").arg(name)),
                                   readModelAnswer, std::move(finish));
        });
}

QFuture<Result<RegisteredModel>> RestRegistry::renameModel(const QString &name,
                                                           const QString &newName)
{
    return submit<RegisteredModel>(
        this, m_client, true, name, [name, newName](RestClient &client, RestCall *call, auto finish) {
            fetch<RegisteredModel>(
                client, call,
                withBody(Method::Post, QStringLiteral("registered-models/rename"),
                         {{QStringLiteral("name"), name}, {QStringLiteral("new_name"), newName}},
                         tr("renaming model %1 to %2").arg(name, newName)),
                readModelAnswer, std::move(finish));
        });
}

QFuture<Result<Done>> RestRegistry::deleteModel(const QString &name)
{
    return submit<Done>(this, m_client, true, name,
                        [name](RestClient &client, RestCall *call, auto finish) {
                            sendDone(client, call,
                                     withBody(Method::Delete,
                                              QStringLiteral("registered-models/delete"),
                                              {{QStringLiteral("name"), name}},
                                              tr("deleting model %1").arg(name)),
                                     std::move(finish));
                        });
}

QFuture<Result<RegisteredModel>> RestRegistry::updateModelDescription(const QString &name,
                                                                      const QString &description,
                                                                      ExpectedTimestamp expected)
{
    return submit<RegisteredModel>(
        this, m_client, true, name,
        [name, description, expected](RestClient &client, RestCall *call,
                                      Finish<RegisteredModel> finish) {
            const auto update = [&client, call, name, description, finish] {
                fetch<RegisteredModel>(
                    client, call,
                    withBody(Method::Patch, QStringLiteral("registered-models/update"),
                             {{QStringLiteral("name"), name},
                              {QStringLiteral("description"), description}},
                             tr("updating the description of %1").arg(name)),
                    readModelAnswer, finish);
            };
            if (!expected) {
                update();
                return;
            }
            // The REST API has no conditional update: compare with what the server has now,
            // then write (writes through this registry are not interleaved with others).
            fetch<RegisteredModel>(client, call, getModel(name), readModelAnswer,
                                   Finish<RegisteredModel>([=](Result<RegisteredModel> current) {
                                       if (!current)
                                           finish(current.error());
                                       else if (current->lastUpdatedTimestamp != *expected)
                                           finish(Validation::modelConflict(
                                               name, current->lastUpdatedTimestamp));
                                       else
                                           update();
                                   }));
        });
}

QFuture<Result<Done>> RestRegistry::setModelTag(const QString &name, const QString &key,
                                                const QString &value)
{
    return submit<Done>(this, m_client, true, name,
                        [=](RestClient &client, RestCall *call, auto finish) {
                            sendDone(client, call,
                                     withBody(Method::Post,
                                              QStringLiteral("registered-models/set-tag"),
                                              {{QStringLiteral("name"), name},
                                               {QStringLiteral("key"), key},
                                               {QStringLiteral("value"), value}},
                                              tr("setting tag %1 of %2").arg(key, name)),
                                     std::move(finish));
                        });
}

QFuture<Result<Done>> RestRegistry::deleteModelTag(const QString &name, const QString &key)
{
    return submit<Done>(this, m_client, true, name,
                        [=](RestClient &client, RestCall *call, auto finish) {
                            sendDone(client, call,
                                     withBody(Method::Delete,
                                              QStringLiteral("registered-models/delete-tag"),
                                              {{QStringLiteral("name"), name},
                                               {QStringLiteral("key"), key}},
                                              tr("deleting tag %1 of %2").arg(key, name)),
                                     std::move(finish));
                        });
}

QFuture<Result<Done>> RestRegistry::setAlias(const QString &name, const QString &alias,
                                             qint64 version)
{
    return submit<Done>(
        this, m_client, true, name, [=](RestClient &client, RestCall *call, auto finish) {
            // The version travels as a string; MLflow rejects a JSON number here.
            sendDone(client, call,
                     withBody(Method::Post, QStringLiteral("registered-models/alias"),
                              {{QStringLiteral("name"), name},
                               {QStringLiteral("alias"), alias},
                               {QStringLiteral("version"), QString::number(version)}},
                              tr("setting alias %1 of %2").arg(alias, name)),
                     std::move(finish));
        });
}

QFuture<Result<Done>> RestRegistry::deleteAlias(const QString &name, const QString &alias)
{
    return submit<Done>(this, m_client, true, name,
                        [=](RestClient &client, RestCall *call, auto finish) {
                            sendDone(client, call,
                                     withBody(Method::Delete,
                                              QStringLiteral("registered-models/alias"),
                                              {{QStringLiteral("name"), name},
                                               {QStringLiteral("alias"), alias}},
                                              tr("deleting alias %1 of %2").arg(alias, name)),
                                     std::move(finish));
                        });
}

QFuture<Result<ModelVersion>> RestRegistry::createVersion(const CreateVersionRequest &request)
{
    QJsonObject body{{QStringLiteral("name"), request.name},
                     {QStringLiteral("source"), request.source}};
    if (request.runId)
        body.insert(QStringLiteral("run_id"), *request.runId);
    if (!request.tags.isEmpty())
        body.insert(QStringLiteral("tags"), tagArray(request.tags));
    if (request.runLink)
        body.insert(QStringLiteral("run_link"), *request.runLink);
    if (request.description)
        body.insert(QStringLiteral("description"), *request.description);
    const QString name = request.name;
    return submit<ModelVersion>(
        this, m_client, true, name, [name, body](RestClient &client, RestCall *call, auto finish) {
            fetch<ModelVersion>(client, call,
                                withBody(Method::Post, QStringLiteral("model-versions/create"),
                                         body, tr("registering a version of %1").arg(name)),
                                readVersionAnswer, std::move(finish));
        });
}

QFuture<Result<Done>> RestRegistry::deleteVersion(const QString &name, qint64 version)
{
    return submit<Done>(
        this, m_client, true, name, [=](RestClient &client, RestCall *call, auto finish) {
            sendDone(client, call,
                     withBody(Method::Delete, QStringLiteral("model-versions/delete"),
                              {{QStringLiteral("name"), name},
                               {QStringLiteral("version"), QString::number(version)}},
                              tr("deleting version %1 of %2").arg(version).arg(name)),
                     std::move(finish));
        });
}

QFuture<Result<ModelVersion>> RestRegistry::updateVersionDescription(
    const QString &name, qint64 version, const std::optional<QString> &description,
    ExpectedTimestamp expected)
{
    return submit<ModelVersion>(
        this, m_client, true, name,
        [=](RestClient &client, RestCall *call, Finish<ModelVersion> finish) {
            const auto update = [&client, call, name, version, description, finish] {
                // An absent description clears it (NULL); "" stores an empty one.
                QJsonObject body{{QStringLiteral("name"), name},
                                 {QStringLiteral("version"), QString::number(version)}};
                if (description)
                    body.insert(QStringLiteral("description"), *description);
                fetch<ModelVersion>(client, call,
                                    withBody(Method::Patch, QStringLiteral("model-versions/update"),
                                             body,
                                             tr("updating the description of version %1 of %2")
                                                 .arg(version)
                                                 .arg(name)),
                                    readVersionAnswer, finish);
            };
            if (!expected) {
                update();
                return;
            }
            fetch<ModelVersion>(client, call, getVersion(name, version), readVersionAnswer,
                                Finish<ModelVersion>([=](Result<ModelVersion> current) {
                                    if (!current)
                                        finish(current.error());
                                    else if (current->lastUpdatedTimestamp != *expected)
                                        finish(Validation::versionConflict(
                                            name, version, current->lastUpdatedTimestamp));
                                    else
                                        update();
                                }));
        });
}

QFuture<Result<Done>> RestRegistry::setVersionTag(const QString &name, qint64 version,
                                                  const QString &key, const QString &value)
{
    return submit<Done>(
        this, m_client, true, name, [=](RestClient &client, RestCall *call, auto finish) {
            sendDone(client, call,
                     withBody(Method::Post, QStringLiteral("model-versions/set-tag"),
                              {{QStringLiteral("name"), name},
                               {QStringLiteral("version"), QString::number(version)},
                               {QStringLiteral("key"), key},
                               {QStringLiteral("value"), value}},
                              tr("setting tag %1 of version %2 of %3")
                                  .arg(key)
                                  .arg(version)
                                  .arg(name)),
                     std::move(finish));
        });
}

QFuture<Result<Done>> RestRegistry::deleteVersionTag(const QString &name, qint64 version,
                                                     const QString &key)
{
    return submit<Done>(
        this, m_client, true, name, [=](RestClient &client, RestCall *call, auto finish) {
            sendDone(client, call,
                     withBody(Method::Delete, QStringLiteral("model-versions/delete-tag"),
                              {{QStringLiteral("name"), name},
                               {QStringLiteral("version"), QString::number(version)},
                               {QStringLiteral("key"), key}},
                              tr("deleting tag %1 of version %2 of %3")
                                  .arg(key)
                                  .arg(version)
                                  .arg(name)),
                     std::move(finish));
        });
}

QFuture<Result<ModelVersion>> RestRegistry::transitionStage(const QString &name, qint64 version,
                                                            const QString &stage,
                                                            ArchiveExisting archive)
{
    return submit<ModelVersion>(
        this, m_client, true, name, [=](RestClient &client, RestCall *call, auto finish) {
            fetch<ModelVersion>(
                client, call,
                withBody(Method::Post, QStringLiteral("model-versions/transition-stage"),
                         {{QStringLiteral("name"), name},
                          {QStringLiteral("version"), QString::number(version)},
                          {QStringLiteral("stage"), stage},
                          {QStringLiteral("archive_existing_versions"),
                           archive == ArchiveExisting::Yes}},
                         tr("moving version %1 of %2 to %3").arg(version).arg(name, stage)),
                readVersionAnswer, std::move(finish));
        });
}

QFuture<Result<Run>> RestRegistry::run(const QString &runId)
{
    return submit<Run>(this, m_client, false, QString(),
                       [runId](RestClient &client, RestCall *call, auto finish) {
                           fetch<Run>(client, call,
                                      get(QStringLiteral("runs/get"),
                                          {{QStringLiteral("run_id"), runId}},
                                          tr("reading run %1").arg(runId)),
                                      [](const QJsonObject &object, RestJson::Reader &reader) {
                                          if (!object.contains(QLatin1String("run")))
                                              reader.fail(QStringLiteral("\"run\" is missing"));
                                          return reader.run(
                                              reader.object(object, QStringLiteral("run")));
                                      },
                                      std::move(finish));
                       });
}

namespace {

// Fetches one page of a metric's history and the pages after it, in order.
void fetchMetricPages(RestClient &client, RestCall *call, const QString &runId,
                      const QString &key, const QString &pageToken, QList<Metric> points,
                      Finish<QList<Metric>> finish)
{
    Params query{{QStringLiteral("run_id"), runId},
                 {QStringLiteral("metric_key"), key},
                 {QStringLiteral("max_results"), QString::number(MetricPageSize)}};
    if (!pageToken.isEmpty())
        query.append({QStringLiteral("page_token"), pageToken});
    using PageOfPoints = std::pair<QList<Metric>, QString>;
    fetch<PageOfPoints>(
        client, call,
        get(QStringLiteral("metrics/get-history"), query,
            tr("reading metric %1 of run %2").arg(key, runId)),
        [](const QJsonObject &object, RestJson::Reader &reader) {
            PageOfPoints page;
            for (const QJsonObject &entry : reader.objects(object, QStringLiteral("metrics")))
                page.first.append(reader.metric(entry));
            page.second = reader.string(object, QStringLiteral("next_page_token"));
            return page;
        },
        Finish<PageOfPoints>([&client, call, runId, key, points = std::move(points),
                              finish](Result<PageOfPoints> page) mutable {
            if (!page) {
                finish(page.error());
                return;
            }
            points += page->first;
            // A page without points cannot advance; stop rather than loop.
            if (page->second.isEmpty() || page->first.isEmpty()) {
                finish(std::move(points));
                return;
            }
            fetchMetricPages(client, call, runId, key, page->second, std::move(points),
                             std::move(finish));
        }));
}

} // namespace

QFuture<Result<QList<Metric>>> RestRegistry::metricHistory(const QString &runId,
                                                           const QString &key)
{
    return submit<QList<Metric>>(this, m_client, false, QString(),
                                 [runId, key](RestClient &client, RestCall *call, auto finish) {
                                     fetchMetricPages(client, call, runId, key, QString(), {},
                                                      std::move(finish));
                                 });
}

QFuture<Result<ArtifactListing>> RestRegistry::listArtifacts(const QString &runId,
                                                             const QString &path)
{
    Params query{{QStringLiteral("run_id"), runId}};
    if (!path.isEmpty())
        query.append({QStringLiteral("path"), path});
    return submit<ArtifactListing>(
        this, m_client, false, QString(),
        [runId, path, query](RestClient &client, RestCall *call, auto finish) {
            fetch<ArtifactListing>(
                client, call,
                get(QStringLiteral("artifacts/list"), query,
                    path.isEmpty() ? tr("listing the artifacts of run %1").arg(runId)
                                   : tr("listing artifacts %1 of run %2").arg(path, runId)),
                [](const QJsonObject &object, RestJson::Reader &reader) {
                    return reader.artifactListing(object);
                },
                std::move(finish));
        });
}

QFuture<Result<Done>> RestRegistry::downloadArtifact(const QString &runId, const QString &path,
                                                     const QString &destination)
{
    return submit<Done>(
        this, m_client, false, QString(),
        [runId, path, destination](RestClient &client, RestCall *call, auto finish) {
            // The UI's download route serves every artifact store the server can read, not
            // only proxied ones (rest.md §7.7).
            HttpRequest request = get(QStringLiteral("/get-artifact"),
                                      {{QStringLiteral("run_id"), runId},
                                       {QStringLiteral("path"), path}},
                                      tr("downloading %1 of run %2").arg(path, runId));
            request.downloadTo = destination;
            request.progress = call->progressReporter();
            client.send(call, request, [finish = std::move(finish)](Result<QByteArray> saved) {
                if (saved)
                    finish(Done{});
                else
                    finish(saved.error());
            });
        });
}

} // namespace ModelDesk
