#pragma once

#include "registry/diff/registrydiff.h"

#include <QList>
#include <QString>

#include <optional>

namespace ModelDesk {

// The changes found while two registries are compared (diffRegistries()), and the comparisons
// of what a model or a version holds itself: its description, tags and aliases. In every call
// `model` names where a change is reported and `version` is the version number, empty for the
// model itself. Used by one comparison, on its thread; internal to registry/diff/.
class ChangeList
{
public:
    using Kind = RegistryChange::Kind;

    void add(Kind kind,
             const QString &model,
             const QString &version,
             const QString &key = {},
             std::optional<QString> oldValue = {},
             std::optional<QString> newValue = {});

    // Empty and missing descriptions are the same.
    void compareDescriptions(const QString &model,
                             const QString &version,
                             const std::optional<QString> &a,
                             const std::optional<QString> &b);
    // On a version, approval requests are told as requests filed and decided, and the
    // workflow's marker is left out; any other tag is added, changed or removed.
    void compareTags(const QString &model,
                     const QString &version,
                     const QList<Tag> &a,
                     const QList<Tag> &b);
    // A model's aliases; their values are version numbers.
    void compareAliases(const QString &model, const QList<Alias> &a, const QList<Alias> &b);

    // The changes sorted by model, version (numerically, the model's own first), kind, key.
    QList<RegistryChange> takeSorted();

private:
    void tagChange(const QString &model,
                   const QString &version,
                   const QString &key,
                   const std::optional<QString> &oldValue,
                   const std::optional<QString> &newValue);
    bool requestChange(const QString &model,
                       const QString &version,
                       const QString &key,
                       const std::optional<QString> &oldValue,
                       const std::optional<QString> &newValue);

    QList<RegistryChange> m_changes;
};

} // namespace ModelDesk
