#pragma once

#include "registry/error.h"
#include "registry/types.h"

#include <functional>
#include <optional>

namespace ModelDesk {

// The registry change an approval carries out: a stage transition or an alias.
struct GovernedAction
{
    enum class Kind { Stage, Alias };
    Kind kind = Kind::Stage;
    QString target; // the stage, or the alias to point at the version
    ArchiveExisting archive = ArchiveExisting::No;
};

// A change to a version planned by the approval workflow from the version and its model as
// they are at the moment of the change (Registry::applyGoverned). Carried out in this order:
// `tags` set and `removedTags` deleted, then `action`, then `tagsAfter` set. A local store does
// all of it in one transaction; on a server each is one call, so a failure after the first
// step leaves the first step's tags visible (the workflow writes them to say so).
struct GovernedChange
{
    QList<Tag> tags;
    QStringList removedTags;
    std::optional<GovernedAction> action;
    QList<Tag> tagsAfter;
    // On a server, after `tags` are written the version is read again and its tag `verifyKey`
    // must hold the value written to it; else someone else's write won the race and the
    // change ends with `lostRace` before its action.
    QString verifyKey;
    RegistryError lostRace;
};

// Plans the change from the model (with tags) and the version (with tags and aliases), or
// refuses it. Runs on the registry's thread: it must only look at its arguments.
using GovernedPlanner
    = std::function<Result<GovernedChange>(const RegisteredModel &, const ModelVersion &)>;

// One entry of a local store's modeldesk_audit table.
struct AuditRecord
{
    qint64 timestamp = 0;
    QString user;
    QString action; // "transition_stage", "set_alias", "set_version_tag", ...
    QString model;
    std::optional<qint64> version;
    QString field;
    std::optional<QString> oldValue;
    std::optional<QString> newValue;
    bool operator==(const AuditRecord &) const = default;
};

} // namespace ModelDesk
