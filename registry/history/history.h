#pragma once

#include "registry/approval/governedchange.h"
#include "registry/registry.h"

#include <QFuture>

// Who changed what and when on a model and its versions: from a local store's audit table
// (modeldesk_audit) and, on every backend, from the approval requests kept in version tags.
namespace ModelDesk::History {

struct Event
{
    qint64 time = 0; // ms since epoch
    QString user;
    // requested, approved, rejected, withdrawn, stage_changed, alias_set, alias_removed,
    // tag_set, tag_removed, description_changed, version_created, version_deleted,
    // model_created, model_renamed, model_deleted, approvers_changed
    QString kind;
    QString version; // empty for the model itself
    // Before and after. Tags and aliases as KEY=VALUE (an alias's value is its version).
    std::optional<QString> old;
    std::optional<QString> now;
    QString comment;
    bool operator==(const Event &) const = default;
};

struct Log
{
    QList<Event> events; // newest first
    // False where the registry keeps no history of its own (servers): the log then holds only
    // what the approval requests and the versions' creation say.
    bool complete = false;
};

// Every kind of event, in the order the History tab's filter lists them.
const QStringList &kinds();

// The events of `model`, or only of `version` when set.
QFuture<Result<Log>> read(Registry *registry, const QString &model,
                          std::optional<qint64> version = std::nullopt);

// Builds the log from what was read (exposed for tests and snapshots).
Log build(const QList<AuditRecord> &records, const QList<ModelVersion> &versions,
          bool complete, std::optional<qint64> version);

// Comma-separated values with a header, for File ▸ Export.
QByteArray toCsv(const QList<Event> &events);

} // namespace ModelDesk::History
