#pragma once

#include "tests/fakeserver/fakeresponse.h"

#include <QList>
#include <QString>

#include <utility>

namespace ModelDesk {
class SqlBackend;
}

// Internal to the fake MLflow server: run artifacts served from a local directory.
namespace TestSupport {

using QueryItems = QList<std::pair<QString, QString>>;

// GET /api/2.0/mlflow/artifacts/list (rest.md §7.7): one directory level of a run's
// artifacts, paths relative to the run root, sorted; "files" omitted when empty.
FakeResponse
listArtifacts(ModelDesk::SqlBackend &backend, const QString &artifactRoot, const QueryItems &query);

// GET /get-artifact: one file of a run, as an attachment with MLflow's guessed type.
FakeResponse downloadArtifact(ModelDesk::SqlBackend &backend,
                              const QString &artifactRoot,
                              const QueryItems &query);

} // namespace TestSupport
