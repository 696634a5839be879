// The server registry: connecting, and its reads (writes: restregistry_write.cpp).
#include "registry/rest/restregistry.h"
#include "registry/actinguser.h"
#include "registry/rest/restcalls_p.h"

#include "registry/rest/restclient.h"
#include "registry/rest/restjson.h"
#include "registry/validation.h"

#include <QMutexLocker>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>

namespace ModelDesk {

using namespace RestCalls;


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

QString RestRegistry::actingUser() const
{
    if (!qEnvironmentVariable("MODELDESK_USER").trimmed().isEmpty())
        return localActingUser();
    if (m_options.auth == ServerOptions::Auth::Basic && !m_options.username.isEmpty())
        return m_options.username;
    return localActingUser();
}

Capabilities RestRegistry::capabilities() const
{
    QMutexLocker locker(&m_capabilitiesMutex);
    return m_capabilities;
}


namespace {

bool unreachable(const RegistryError &error)
{
    const ErrorCode code = error.code();
    return code == ErrorCode::TemporarilyUnavailable || code == ErrorCode::DeadlineExceeded
           || code == ErrorCode::InvalidState || code == ErrorCode::Cancelled;
}

// The last step of connecting: one authenticated call proves the URL, the credentials and
// the API (in the chosen workspace).
void probe(RestClient &client, RestCall *call, Capabilities caps, QPointer<RestRegistry> self,
           Finish<Capabilities> finish, std::function<void(const Capabilities &)> keep)
{
    fetch<Capabilities>(
        client, call,
        get(QStringLiteral("registered-models/search"), {{QStringLiteral("max_results"),
                                                          QStringLiteral("1")}},
            tr("connecting")),
        [](const QJsonObject &object, RestJson::Reader &reader) {
            reader.objects(object, QStringLiteral("registered_models"));
            return Capabilities{};
        },
        Finish<Capabilities>([self, caps, finish, keep](Result<Capabilities> probed) {
            if (!probed) {
                finish(probed.error());
                return;
            }
            if (self)
                keep(caps);
            finish(caps);
        }));
}

// The workspaces a server with workspaces enabled lists (GET workspaces); the chosen one
// alone when it lists none or refuses. One that it lists without the chosen one ends the
// connection, naming those it has.
void listWorkspaces(RestClient &client, RestCall *call, Capabilities caps,
                    std::function<void(Capabilities)> then, Finish<Capabilities> finish)
{
    client.send(call, get(QStringLiteral("workspaces"), {}, tr("listing the workspaces")),
                [&client, caps, then, finish](Result<QByteArray> answer) mutable {
                    QStringList names;
                    if (answer) {
                        if (const auto object = RestJson::parseObject(*answer); object) {
                            RestJson::Reader reader;
                            for (const QJsonObject &entry :
                                 reader.objects(*object, QStringLiteral("workspaces")))
                                names << reader.string(entry, QStringLiteral("name"));
                        }
                    }
                    names.removeAll(QString());
                    if (!names.isEmpty() && !names.contains(caps.workspace)) {
                        names.sort();
                        finish(unknownWorkspaceError(
                            ErrorCode::ResourceDoesNotExist,
                            tr("The MLflow server at %1 has no workspace '%2'; its workspaces "
                               "are: %3.")
                                .arg(client.options().displayUrl(), caps.workspace,
                                     names.join(QStringLiteral(", "))),
                            caps.workspace));
                        return;
                    }
                    if (!names.contains(caps.workspace))
                        names << caps.workspace;
                    names.sort();
                    if (names.removeAll(QStringLiteral("default")) > 0)
                        names.prepend(QStringLiteral("default"));
                    caps.workspaces = names;
                    then(caps);
                });
}

} // namespace

QFuture<Result<Capabilities>> RestRegistry::open()
{
    QPointer<RestRegistry> self(this);
    Capabilities base = capabilities();
    base.workspace = m_options.workspace;
    base.workspaces = {m_options.workspace};
    const std::function<void(const Capabilities &)> keep = [self](const Capabilities &caps) {
        QMutexLocker locker(&self->m_capabilitiesMutex);
        self->m_capabilities = caps;
    };
    return submit<Capabilities>(
        this, m_client, true, QString(),
        [self, base, keep](RestClient &client, RestCall *call, Finish<Capabilities> finish) {
            client.setWorkspaceHeader({});
            HttpRequest versionRequest = get(QStringLiteral("/version"), {},
                                             tr("asking the server's MLflow version"));
            client.send(call, versionRequest, [&client, call, self, base, keep,
                                               finish](Result<QByteArray> answer) {
                Capabilities caps = base;
                if (!answer) {
                    // /version is open on every MLflow server; a server behind a proxy or
                    // a vendor's may lack it. Only a server that cannot be reached fails.
                    if (unreachable(answer.error())) {
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
                // X-MLFLOW-WORKSPACE only goes to a server that says it has workspaces: one
                // without them may fail every request that carries it (rest.md §1.7).
                client.send(
                    call,
                    get(QStringLiteral("server-features"), {}, tr("asking the server's features")),
                    [&client, call, self, caps, keep, finish](Result<QByteArray> features) {
                        // Credentials refused end here, before anything about workspaces.
                        if (!features
                            && (unreachable(features.error())
                                || features.error().code() == ErrorCode::Unauthenticated
                                || features.error().code() == ErrorCode::PermissionDenied)) {
                            finish(features.error());
                            return;
                        }
                        bool enabled = false;
                        if (features) {
                            if (const auto object = RestJson::parseObject(*features); object)
                                enabled = object->value(QLatin1String("workspaces_enabled")).toBool();
                        }
                        if (!enabled) {
                            if (caps.workspace != QLatin1String("default")) {
                                finish(unknownWorkspaceError(
                                    ErrorCode::InvalidParameterValue,
                                    tr("The MLflow server at %1 has no workspaces enabled, so "
                                       "everything on it is in workspace 'default', not '%2'.")
                                        .arg(client.options().displayUrl(), caps.workspace),
                                    caps.workspace));
                                return;
                            }
                            probe(client, call, caps, self, finish, keep);
                            return;
                        }
                        client.setWorkspaceHeader(caps.workspace);
                        listWorkspaces(
                            client, call, caps,
                            [&client, call, self, finish, keep](Capabilities listed) {
                                probe(client, call, listed, self, finish, keep);
                            },
                            finish);
                    });
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

QFuture<Result<QList<Metric>>> RestRegistry::metricHistory(const QString &runId,
                                                           const QString &key)
{
    const auto request = [runId, key](const QString &pageToken) {
        Params query{{QStringLiteral("run_id"), runId},
                     {QStringLiteral("metric_key"), key},
                     {QStringLiteral("max_results"), QString::number(MetricPageSize)}};
        if (!pageToken.isEmpty())
            query.append({QStringLiteral("page_token"), pageToken});
        return get(QStringLiteral("metrics/get-history"), query,
                   tr("reading metric %1 of run %2").arg(key, runId));
    };
    const auto points = [](const QJsonObject &object, RestJson::Reader &reader) {
        QList<Metric> found;
        for (const QJsonObject &entry : reader.objects(object, QStringLiteral("metrics")))
            found.append(reader.metric(entry));
        return found;
    };
    return submit<QList<Metric>>(
        this, m_client, false, QString(),
        [request, points](RestClient &client, RestCall *call, auto finish) {
            fetchAllPages<Metric>(client, call, request, points, std::move(finish));
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
