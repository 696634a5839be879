#pragma once

#include "registry/registry.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <optional>

namespace ModelDesk {

// What one registry holds, as two registries are compared: every registered model (with its
// tags, aliases and description) and every version (with its tags), prompts included. The
// order of either list does not matter. Plain data, read from a Registry by
// readRegistryContents().
struct RegistryContents
{
    QList<RegisteredModel> models;
    QList<ModelVersion> versions;
};

// One difference between a registry A and a registry B, from A to B.
//
// `model` names the model (for a rename, its name in A; for changes inside a renamed model,
// its name in B); `version` is the version number, empty for the model itself; `key` is the
// tag key, the alias or the request's tag key, empty when the change has none. Old and new
// values are unset where there is none: an added tag has no old value, an added version
// neither. An alias's values are version numbers; a request's are its states ("pending",
// "approved", "rejected", "withdrawn"); a rename's are the two names.
struct RegistryChange
{
    // In the order changes of one model and version are listed.
    enum class Kind {
        ModelAdded,
        ModelRemoved,
        ModelRenamed,
        VersionAdded,
        VersionRemoved,
        StageChanged,
        AliasAdded,
        AliasMoved,
        AliasRemoved,
        TagAdded,
        TagChanged,
        TagRemoved,
        DescriptionChanged,
        RequestAdded,
        RequestDecided,
    };

    Kind kind = Kind::ModelAdded;
    QString model;
    QString version;
    QString key;
    std::optional<QString> oldValue;
    std::optional<QString> newValue;

    bool operator==(const RegistryChange &) const = default;
};

// "model_added", "model_removed", ... "request_decided": the names the CLI's --json prints.
QString kindName(RegistryChange::Kind kind);

// The changes from `a` to `b`, sorted by model, then version (numerically, the model's own
// changes first), then kind, then key.
//
// A model of A missing from B and a model of B new to it count as one renamed model when they
// were created at the same moment with the same versions (numbers and creation times), and no
// other model pair matches the same way. A model added or removed as a whole is one change;
// what it holds is not listed. Approval requests (version tags under
// Approval::RequestPrefix) are told as requests filed and decided, not as tags; the workflow's
// marker tag (Approval::MarkerKey) is bookkeeping derived from them and is left out; a
// request tag gone from B is not listed (no kind tells it). Empty and missing descriptions
// are the same. Models and versions are matched through hash tables, so the work grows with
// the size of the registries (and of the change list, which is sorted), never with its square.
QList<RegistryChange> diffRegistries(const RegistryContents &a, const RegistryContents &b);

// Models per page of readRegistryContents (the most MLflow answers).
constexpr int ContentsModelPage = 1000;
// Versions asked for per page (the most a local store answers; a server answers at most what
// its own limit allows, and the pages are followed).
constexpr int ContentsVersionPage = 200000;

// Everything of `registry` that diffRegistries() compares, read through its searches page
// after page (registrycontents.cpp): every model with its tags, aliases and description, and
// every version with its tags, streamed in parts as they are read. Prompts, which MLflow's
// searches hide, are read by a second search of each kind that asks for them. The same on
// local files, snapshots and servers.
//
// Answers on the main thread; call it from there. The registry must outlive the call; when it
// is destroyed first, the future is cancelled. Cancelling the future stops the reading once
// the part being read has arrived (a window's Cancel).
QFuture<Result<RegistryContents>> readRegistryContents(Registry *registry);

} // namespace ModelDesk
