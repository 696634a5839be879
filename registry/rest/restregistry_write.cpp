// The server registry's writes: each one MLflow call (or the few MLflow needs), run in the
// client's order, announcing the model it changed.
#include "registry/rest/restcalls_p.h"
#include "registry/rest/restregistry.h"
#include "registry/validation.h"

namespace ModelDesk {

using namespace RestCalls;

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
    if (request.modelId)
        body.insert(QStringLiteral("model_id"), *request.modelId);
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

} // namespace ModelDesk
