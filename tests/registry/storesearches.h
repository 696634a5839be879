#pragma once

#include "tests/registry/storeparams.h"

namespace ModelDesk {
class SqlBackend;
}

// Test support, inside the store replay: MLflow's experiment and run searches, for what
// ModelDesk asks of them. Requests with a filter or an order the replay does not evaluate
// come back unhandled (the fake server then answers 501).
namespace TestSupport {

// experiments/search (rest.md §7.2): max_results required (1–50000), view_type, page_token;
// newest first (creation_time DESC, then experiment_id).
Reply searchExperiments(ModelDesk::SqlBackend &backend, const StoreParams &params);

// runs/search (rest.md §7.3) with the filter `attributes.run_id IN ('id', ...)`, or
// `tags.mlflow.parentRunId = '...'` and/or `datasets.name = '...' AND datasets.digest = '...'`:
// experiment_ids, run_view_type, max_results (default 1000, at most 50000), page_token;
// ordered by start_time DESC, then run_id.
Reply searchRuns(ModelDesk::SqlBackend &backend, const StoreParams &params);

} // namespace TestSupport
