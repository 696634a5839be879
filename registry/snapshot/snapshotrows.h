#pragma once

#include "registry/error.h"
#include "registry/types.h"

#include <QSqlDatabase>

// Rows of a snapshot written from what the Registry interface answers (a server's registry),
// in MLflow's tables as MLflow itself writes them, timestamps as given. Rows come in the
// order they were answered, which is the order the source's reads list them in.
namespace ModelDesk {
struct CollectedArtifact;
}

namespace ModelDesk::SnapshotRows {

// Models with their tags and aliases.
Result<Done> models(QSqlDatabase &db, const QList<RegisteredModel> &models);
// Versions with their tags.
Result<Done> versions(QSqlDatabase &db, const QList<ModelVersion> &versions);
// Rows for numbers a model's versions skip (deleted versions the source no longer shows), as
// MLflow leaves a deleted version, so a store served from the snapshot never reuses them.
Result<Done> deletedVersions(QSqlDatabase &db, const QString &name, const QList<qint64> &numbers);
Result<Done> experiment(QSqlDatabase &db, const Experiment &experiment);
// A run's row, params, tags, latest metrics and dataset inputs.
Result<Done> run(QSqlDatabase &db, const Run &run);
Result<Done> metricHistory(QSqlDatabase &db, const QString &runId, const QList<Metric> &points);
// An MLflow 3 logged model (into modeldesk_logged_models …), and the storage location of the
// versions that register it.
Result<Done> loggedModel(QSqlDatabase &db, const LoggedModel &model);
Result<Done>
artifact(QSqlDatabase &db, const QString &runId, const QString &path, const QByteArray &content);
// The files an ArtifactCollector downloaded, read from their local copies.
Result<Done> artifacts(QSqlDatabase &db, const QList<CollectedArtifact> &files);

} // namespace ModelDesk::SnapshotRows
