#include "registry/diff/registrydiff.h"

#include "registry/diff/changelist.h"

#include <QHash>

#include <algorithm>
#include <iterator>

namespace ModelDesk {

namespace {

using Kind = RegistryChange::Kind;

struct VersionKey
{
    QString model;
    qint64 version = 0;
    bool operator==(const VersionKey &) const = default;
};

size_t qHash(const VersionKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.model, key.version);
}

// One side of the comparison, looked up by name and by (name, version). A model or version
// listed twice (a prompt a server also listed in the plain search) counts once, as first met.
struct Index
{
    QHash<QString, const RegisteredModel *> models;
    QHash<VersionKey, const ModelVersion *> versions;
    QHash<QString, QList<const ModelVersion *>> versionsOf;

    explicit Index(const RegistryContents &contents)
    {
        models.reserve(contents.models.size());
        for (const RegisteredModel &model : contents.models) {
            if (!models.contains(model.name))
                models.insert(model.name, &model);
        }
        versions.reserve(contents.versions.size());
        // A model's versions are listed together: its list is looked up once for all.
        QList<const ModelVersion *> *list = nullptr;
        const QString *listed = nullptr;
        for (const ModelVersion &version : contents.versions) {
            const ModelVersion *&slot = versions[{version.name, version.version}];
            if (slot)
                continue;
            slot = &version;
            if (!listed || *listed != version.name) {
                list = &versionsOf[version.name];
                listed = &version.name;
            }
            list->append(&version);
        }
    }

    // What a renamed model keeps: its creation time and its versions' numbers and creation
    // times, in version order.
    QList<qint64> signature(const RegisteredModel &model) const
    {
        QList<const ModelVersion *> list = versionsOf.value(model.name);
        std::sort(list.begin(), list.end(), [](const ModelVersion *a, const ModelVersion *b) {
            return a->version < b->version;
        });
        QList<qint64> values {model.creationTimestamp};
        for (const ModelVersion *version : std::as_const(list))
            values << version->version << version->creationTimestamp;
        return values;
    }
};

void compareVersion(ChangeList &changes,
                    const QString &model,
                    const ModelVersion &a,
                    const ModelVersion &b)
{
    const QString number = QString::number(b.version);
    if (a.currentStage != b.currentStage)
        changes.add(Kind::StageChanged, model, number, {}, a.currentStage, b.currentStage);
    changes.compareDescriptions(model, number, a.description, b.description);
    changes.compareTags(model, number, a.tags, b.tags);
}

// `a` and `b` are one model (renamed when their names differ), reported as `b` is named.
void compareModel(ChangeList &changes,
                  const Index &before,
                  const Index &after,
                  const RegisteredModel &a,
                  const RegisteredModel &b)
{
    const QString &name = b.name;
    changes.compareDescriptions(name, {}, a.description, b.description);
    changes.compareTags(name, {}, a.tags, b.tags);
    changes.compareAliases(name, a.aliases, b.aliases);
    for (const ModelVersion *old : before.versionsOf.value(a.name)) {
        const ModelVersion *now = after.versions.value({b.name, old->version});
        if (!now)
            changes.add(Kind::VersionRemoved, name, QString::number(old->version));
        else if (*now != *old)
            compareVersion(changes, name, *old, *now);
    }
    for (const ModelVersion *now : after.versionsOf.value(b.name)) {
        if (!before.versions.contains({a.name, now->version}))
            changes.add(Kind::VersionAdded, name, QString::number(now->version));
    }
}

} // namespace

QString kindName(RegistryChange::Kind kind)
{
    static const char *const names[] = {
        "model_added",   "model_removed", "model_renamed",       "version_added", "version_removed",
        "stage_changed", "alias_added",   "alias_moved",         "alias_removed", "tag_added",
        "tag_changed",   "tag_removed",   "description_changed", "request_added", "request_decided",
    };
    static_assert(std::size(names) == size_t(Kind::RequestDecided) + 1);
    return QString::fromLatin1(names[int(kind)]);
}

QList<RegistryChange> diffRegistries(const RegistryContents &a, const RegistryContents &b)
{
    const Index before(a);
    const Index after(b);
    ChangeList changes;

    // Models only one side has, grouped by what a rename keeps.
    QHash<QList<qint64>, QList<const RegisteredModel *>> gone;
    QHash<QList<qint64>, QList<const RegisteredModel *>> fresh;
    for (const RegisteredModel *model : before.models) {
        if (const RegisteredModel *same = after.models.value(model->name))
            compareModel(changes, before, after, *model, *same);
        else
            gone[before.signature(*model)].append(model);
    }
    for (const RegisteredModel *model : after.models) {
        if (!before.models.contains(model->name))
            fresh[after.signature(*model)].append(model);
    }
    // A rename only where the match is unambiguous: one model gone, one new, alike.
    for (auto it = gone.cbegin(); it != gone.cend(); ++it) {
        const QList<const RegisteredModel *> matches = fresh.value(it.key());
        if (it->size() == 1 && matches.size() == 1) {
            const RegisteredModel &old = *it->constFirst();
            const RegisteredModel &now = *matches.constFirst();
            changes.add(Kind::ModelRenamed, old.name, {}, {}, old.name, now.name);
            compareModel(changes, before, after, old, now);
            fresh.remove(it.key());
            continue;
        }
        for (const RegisteredModel *model : *it)
            changes.add(Kind::ModelRemoved, model->name, {});
    }
    for (const QList<const RegisteredModel *> &models : std::as_const(fresh)) {
        for (const RegisteredModel *model : models)
            changes.add(Kind::ModelAdded, model->name, {});
    }
    return changes.takeSorted();
}

} // namespace ModelDesk
