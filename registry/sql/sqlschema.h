#pragma once

#include "registry/error.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ModelDesk::SqlSchema {

// The revision `init` writes: MLflow 2.18–2.22's head. Every MLflow from 2.18 on serves it
// (3.x upgrades it in place on first start), while a 3.x revision would lock out 2.x servers.
inline const QString CreatedRevision = QStringLiteral("0584bdc529eb");

// What a store's schema supports, found by looking at its tables and columns (MLflow revision
// ids are not enough: a fork reuses an upstream id for a different layout).
struct Layout
{
    QString revision;
    bool knownRevision = false;  // an upstream MLflow revision ModelDesk knows (informative:
                                 // writability follows the tables' shape, not the id)
    bool workspaces = false;     // registered_models has MLflow 3.9's workspace column
    QString knownLayout;         // the known registry layout the tables equal ("MLflow 3.12"),
                                 // or empty
    bool modelTags = false;      // registered_model_tags (>= 1.10)
    bool versionTags = false;    // model_version_tags (>= 1.10)
    bool runLink = false;        // model_versions.run_link (>= 1.10)
    bool aliases = false;        // registered_model_aliases (>= 2.3)
    bool storageLocation = false; // model_versions.storage_location (>= 2.8)
    bool tracking = false;       // runs, metrics, params, tags, experiments
    bool datasets = false;       // datasets, inputs, input_tags (>= 2.4)
    bool loggedModels = false;   // logged_models and logged_model_tags (MLflow 3)
    bool auditTable = false;     // modeldesk_audit exists
    bool snapshot = false;       // modeldesk_snapshot exists: a snapshot, always read-only
    // The prefix of the logged-model tables: "" in MLflow 3 stores, "modeldesk_" in a
    // snapshot, which keeps them beside MLflow 2's schema (registry/snapshot/).
    QString loggedModelPrefix;
    bool workspaceTable = false; // MLflow's workspaces catalogue exists
    // The tables (registry tables, experiments) whose rows carry a workspace.
    QStringList workspaceScoped;
    // Indexes ModelDesk adds to the stores it creates, found by their columns; their names,
    // or empty where the store has none. Statements name them (INDEXED BY): without
    // statistics SQLite would rather build a transient index than use them.
    // In the workspace layout the same indexes led by the workspace column are used.
    QString versionTagsIndex;  // model_version_tags ([workspace,] name, version, ...)
    QString versionStageIndex; // model_versions ([workspace,] name, current_stage, version, ...)
    // Empty when ModelDesk can write this layout; otherwise why not (translated).
    QString notWritableReason;
};

// The upstream MLflow revision ids ModelDesk was built with, oldest first (for information: a
// store of a newer revision whose registry tables are unchanged is written all the same).
const QStringList &knownRevisions();

// Sets the pragmas MLflow sets on each connection (foreign keys, busy timeout,
// case-sensitive LIKE).
Result<Done> applyPragmas(QSqlDatabase &db);

// Reads the layout of an open database; fails with INVALID_STATE when it is not an MLflow
// store (no alembic_version or registry tables), or when SQLite cannot read it.
Result<Layout> inspect(QSqlDatabase &db);

// Creates MLflow's tables at CreatedRevision in an empty database, with the Default
// experiment the MLflow server creates and ModelDesk's own modeldesk_* indexes on the tag
// tables, in one transaction.
Result<Done> createStore(QSqlDatabase &db);

// Creates ModelDesk's own audit table if missing (MLflow ignores modeldesk_* tables).
Result<Done> ensureAuditTable(QSqlDatabase &db);
// Adds the audit table's workspace column (stores of the workspace layout) if it is missing.
Result<Done> ensureAuditWorkspaceColumn(QSqlDatabase &db);

} // namespace ModelDesk::SqlSchema
