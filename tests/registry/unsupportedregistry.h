#pragma once

#include "registry/registry.h"

#include <QPromise>

// Test support: a Registry whose every call fails at once with NOT_IMPLEMENTED. Tests derive
// from it and override the few calls they script (answers held back, progress reported).
namespace TestSupport {

class UnsupportedRegistry : public ModelDesk::Registry
{
public:
    using Registry::Registry;
    using Capabilities = ModelDesk::Capabilities;
    using ModelVersion = ModelDesk::ModelVersion;
    using RegisteredModel = ModelDesk::RegisteredModel;
    using Done = ModelDesk::Done;
    using Tag = ModelDesk::Tag;

    QFuture<ModelDesk::Result<Capabilities>> open() override { return unsupported<Capabilities>(); }
    QString location() const override { return QStringLiteral("unsupported"); }
    Capabilities capabilities() const override { return {}; }
    QFuture<ModelDesk::Result<ModelDesk::Page<RegisteredModel>>>
    searchModels(const ModelDesk::SearchRequest &) override
    {
        return unsupported<ModelDesk::Page<RegisteredModel>>();
    }
    QFuture<ModelDesk::Result<ModelDesk::Page<ModelVersion>>>
    searchVersions(const ModelDesk::SearchRequest &) override
    {
        return unsupported<ModelDesk::Page<ModelVersion>>();
    }
    QFuture<ModelDesk::Result<RegisteredModel>> model(const QString &) override
    {
        return unsupported<RegisteredModel>();
    }
    QFuture<ModelDesk::Result<ModelVersion>> version(const QString &, qint64) override
    {
        return unsupported<ModelVersion>();
    }
    QFuture<ModelDesk::Result<ModelVersion>> versionByAlias(const QString &,
                                                            const QString &) override
    {
        return unsupported<ModelVersion>();
    }
    QFuture<ModelDesk::Result<QList<ModelVersion>>> latestVersions(const QString &,
                                                                   const QStringList &) override
    {
        return unsupported<QList<ModelVersion>>();
    }
    QFuture<ModelDesk::Result<QString>> downloadUri(const QString &, qint64) override
    {
        return unsupported<QString>();
    }
    QFuture<ModelDesk::Result<RegisteredModel>> createModel(const QString &, const QString &,
                                                            const QList<Tag> &) override
    {
        return unsupported<RegisteredModel>();
    }
    QFuture<ModelDesk::Result<RegisteredModel>> renameModel(const QString &,
                                                            const QString &) override
    {
        return unsupported<RegisteredModel>();
    }
    QFuture<ModelDesk::Result<Done>> deleteModel(const QString &) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<RegisteredModel>>
    updateModelDescription(const QString &, const QString &, ModelDesk::ExpectedTimestamp) override
    {
        return unsupported<RegisteredModel>();
    }
    QFuture<ModelDesk::Result<Done>> setModelTag(const QString &, const QString &,
                                                 const QString &) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<Done>> deleteModelTag(const QString &, const QString &) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<Done>> setAlias(const QString &, const QString &, qint64) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<Done>> deleteAlias(const QString &, const QString &) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<ModelVersion>>
    createVersion(const ModelDesk::CreateVersionRequest &) override
    {
        return unsupported<ModelVersion>();
    }
    QFuture<ModelDesk::Result<Done>> deleteVersion(const QString &, qint64) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<ModelVersion>>
    updateVersionDescription(const QString &, qint64, const std::optional<QString> &,
                             ModelDesk::ExpectedTimestamp) override
    {
        return unsupported<ModelVersion>();
    }
    QFuture<ModelDesk::Result<Done>> setVersionTag(const QString &, qint64, const QString &,
                                                   const QString &) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<Done>> deleteVersionTag(const QString &, qint64,
                                                      const QString &) override
    {
        return unsupported<Done>();
    }
    QFuture<ModelDesk::Result<ModelVersion>>
    transitionStage(const QString &, qint64, const QString &, ModelDesk::ArchiveExisting) override
    {
        return unsupported<ModelVersion>();
    }
    QFuture<ModelDesk::Result<ModelDesk::Run>> run(const QString &) override
    {
        return unsupported<ModelDesk::Run>();
    }
    QFuture<ModelDesk::Result<ModelDesk::Experiment>> experiment(const QString &) override
    {
        return unsupported<ModelDesk::Experiment>();
    }
    QFuture<ModelDesk::Result<QList<ModelDesk::Run>>> searchRuns(const ModelDesk::RunSearch &) override
    {
        return unsupported<QList<ModelDesk::Run>>();
    }
    QFuture<ModelDesk::Result<ModelDesk::LoggedModel>> loggedModel(const QString &) override
    {
        return unsupported<ModelDesk::LoggedModel>();
    }
    QFuture<ModelDesk::Result<QList<ModelDesk::Metric>>> metricHistory(const QString &,
                                                                       const QString &) override
    {
        return unsupported<QList<ModelDesk::Metric>>();
    }
    QFuture<ModelDesk::Result<ModelDesk::ArtifactListing>> listArtifacts(const QString &,
                                                                         const QString &) override
    {
        return unsupported<ModelDesk::ArtifactListing>();
    }
    QFuture<ModelDesk::Result<Done>> downloadArtifact(const QString &, const QString &,
                                                      const QString &) override
    {
        return unsupported<Done>();
    }

protected:
    template<typename T>
    static QFuture<ModelDesk::Result<T>> unsupported()
    {
        QPromise<ModelDesk::Result<T>> promise;
        promise.start();
        promise.addResult(ModelDesk::Result<T>(ModelDesk::RegistryError(
            ModelDesk::ErrorCode::NotImplemented, QStringLiteral("not in this test"))));
        promise.finish();
        return promise.future();
    }
};

} // namespace TestSupport
