#pragma once

#include "registry/lineage/lineagegraph.h"
#include "registry/registry.h"

namespace ModelDesk {

// Builds lineage graphs through the Registry interface, so a file and a server give the
// same graph (registry/lineage/lineagegraph.h has the node ids).
//
// A version's graph: the version and its model; its source run (run_id, or a runs:/ source)
// or, in MLflow 3 stores, the logged model its models:/m-... source names and that model's
// run; a models:/NAME/N source's version; the run's experiment, commit (tag
// mlflow.source.git.commit) and dataset inputs; the chain of parent runs (each with its
// experiment and commit); every other live version registered from the run.
//
// Expansion (`depth` rounds, or one node on request): a run's child runs; a dataset's other
// runs and the versions they produced; the versions whose source is models:/NAME/N of a
// version. Deleted runs keep lifecycle_stage "deleted"; a run, experiment or logged model
// that resolves to nothing becomes a node with missing "true". Any other error ends the call.
// Call on the registry's thread; cancelling the future stops it.
namespace LineageBuilder {

// Runs, datasets' runs and versions read per expanded node, at most.
constexpr int MaxPerExpansion = 1000;

QFuture<Result<LineageGraph>>
build(Registry *registry, const QString &name, qint64 version, int depth = 0);

// `graph` with the neighbours of `nodeId` that expansion adds (see above).
QFuture<Result<LineageGraph>>
expand(Registry *registry, const LineageGraph &graph, const QString &nodeId);

// A model's graph: the graphs of its live versions (the newest `maxVersions`) merged.
QFuture<Result<LineageGraph>>
buildModel(Registry *registry, const QString &name, int maxVersions = 200);

// The run a version's source names when run_id is unset ("runs:/<id>/path"), else empty.
QString runIdOfSource(const QString &source);

} // namespace LineageBuilder

} // namespace ModelDesk
