#include "registry/diff/changelist.h"

#include "registry/approval/approvalrequest.h"

#include <QHash>

#include <algorithm>

namespace ModelDesk {

namespace {

using Kind = RegistryChange::Kind;

std::optional<QString> present(const std::optional<QString> &text)
{
    return text && !text->isEmpty() ? text : std::nullopt;
}

std::optional<QString> valueOf(const QHash<QString, QString> &map, const QString &key)
{
    const auto found = map.constFind(key);
    return found == map.cend() ? std::nullopt : std::optional<QString>(*found);
}

// Calls `change(key, old, new)` for each key whose value differs between `a` and `b` (unset
// where a side lacks the key): `b`'s keys in its order, then those only `a` has.
template<typename Change>
void compareKeyed(const QList<Tag> &a, const QList<Tag> &b, Change change)
{
    QHash<QString, QString> before;
    QHash<QString, QString> after;
    for (const Tag &entry : a)
        before.insert(entry.key, entry.value);
    for (const Tag &entry : b) {
        after.insert(entry.key, entry.value);
        const std::optional<QString> old = valueOf(before, entry.key);
        if (old != entry.value)
            change(entry.key, old, std::optional<QString>(entry.value));
    }
    for (const Tag &entry : a) {
        if (!after.contains(entry.key))
            change(entry.key, std::optional<QString>(entry.value), std::optional<QString>());
    }
}

Kind kindOf(const std::optional<QString> &oldValue,
            const std::optional<QString> &newValue,
            Kind added,
            Kind changed,
            Kind removed)
{
    return !oldValue ? added : !newValue ? removed : changed;
}

// Version numbers are decimal without leading zeros: the shorter is the smaller, and the
// model's own changes (no version) come first.
bool listedBefore(const RegistryChange &x, const RegistryChange &y)
{
    if (x.model != y.model)
        return x.model < y.model;
    if (x.version.size() != y.version.size())
        return x.version.size() < y.version.size();
    if (x.version != y.version)
        return x.version < y.version;
    if (x.kind != y.kind)
        return x.kind < y.kind;
    return x.key < y.key;
}

} // namespace

void ChangeList::add(Kind kind,
                     const QString &model,
                     const QString &version,
                     const QString &key,
                     std::optional<QString> oldValue,
                     std::optional<QString> newValue)
{
    m_changes.append({kind, model, version, key, std::move(oldValue), std::move(newValue)});
}

void ChangeList::compareDescriptions(const QString &model,
                                     const QString &version,
                                     const std::optional<QString> &a,
                                     const std::optional<QString> &b)
{
    if (present(a) != present(b))
        add(Kind::DescriptionChanged, model, version, {}, present(a), present(b));
}

void ChangeList::compareTags(const QString &model,
                             const QString &version,
                             const QList<Tag> &a,
                             const QList<Tag> &b)
{
    if (a == b)
        return;
    compareKeyed(a, b, [&](const QString &key, const auto &oldValue, const auto &newValue) {
        tagChange(model, version, key, oldValue, newValue);
    });
}

void ChangeList::tagChange(const QString &model,
                           const QString &version,
                           const QString &key,
                           const std::optional<QString> &oldValue,
                           const std::optional<QString> &newValue)
{
    if (oldValue == newValue)
        return;
    if (!version.isEmpty()) {
        if (key == Approval::MarkerKey)
            return;
        if (key.startsWith(Approval::RequestPrefix)
            && requestChange(model, version, key, oldValue, newValue))
            return;
    }
    const Kind kind = !oldValue ? Kind::TagAdded : !newValue ? Kind::TagRemoved : Kind::TagChanged;
    add(kind, model, version, key, oldValue, newValue);
}

// False when the tag holds a request on neither side (another client's tag that only looks
// like one): it is then an ordinary tag. A request gone from B has no kind of its own and is
// not listed.
bool ChangeList::requestChange(const QString &model,
                               const QString &version,
                               const QString &key,
                               const std::optional<QString> &oldValue,
                               const std::optional<QString> &newValue)
{
    const qint64 number = version.toLongLong();
    const auto decoded = [&](const std::optional<QString> &value) {
        return value ? Approval::decode(model, number, {key, *value}) : std::nullopt;
    };
    const std::optional<Approval::Request> before = decoded(oldValue);
    const std::optional<Approval::Request> after = decoded(newValue);
    if (!before && !after)
        return false;
    if (after && !before) {
        add(Kind::RequestAdded, model, version, key, {}, Approval::stateName(after->state));
    } else if (after && before->state != after->state) {
        add(Kind::RequestDecided, model, version, key, Approval::stateName(before->state),
            Approval::stateName(after->state));
    }
    return true;
}

void ChangeList::compareAliases(const QString &model, const QList<Alias> &a, const QList<Alias> &b)
{
    if (a == b)
        return;
    const auto asTags = [](const QList<Alias> &aliases) {
        QList<Tag> tags;
        for (const Alias &alias : aliases)
            tags.append({alias.alias, QString::number(alias.version)});
        return tags;
    };
    compareKeyed(
        asTags(a), asTags(b), [&](const QString &key, const auto &oldValue, const auto &newValue) {
            add(kindOf(oldValue, newValue, Kind::AliasAdded, Kind::AliasMoved, Kind::AliasRemoved),
                model, {}, key, oldValue, newValue);
        });
}

QList<RegistryChange> ChangeList::takeSorted()
{
    std::sort(m_changes.begin(), m_changes.end(), listedBefore);
    return std::exchange(m_changes, {});
}

} // namespace ModelDesk
