#include "models/registrydiff/registrydifffilter.h"

#include "models/roles.h"

namespace ModelDesk {

namespace {

ChangeGroups allGroups()
{
    ChangeGroups groups;
    for (const ChangeGroup group : AllChangeGroups)
        groups |= group;
    return groups;
}

bool contains(const std::optional<QString> &value, const QString &text)
{
    return value && value->contains(text, Qt::CaseInsensitive);
}

} // namespace

RegistryDiffFilter::RegistryDiffFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_groups(allGroups())
{
    setRecursiveFilteringEnabled(true);
}

void RegistryDiffFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void RegistryDiffFilter::setGroups(ChangeGroups groups)
{
    if (groups == m_groups)
        return;
    m_groups = groups;
    invalidateFilter();
}

QList<RegistryChange> RegistryDiffFilter::shownChanges() const
{
    const auto *source = qobject_cast<const RegistryDiffModel *>(sourceModel());
    QList<RegistryChange> shown;
    if (!source)
        return shown;
    for (int group = 0; group < rowCount(); ++group) {
        const QModelIndex parent = index(group, 0);
        for (int row = 0; row < rowCount(parent); ++row) {
            if (const RegistryChange *change = source->change(mapToSource(index(row, 0, parent))))
                shown.append(*change);
        }
    }
    return shown;
}

bool RegistryDiffFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // A model's row is kept through its changes (recursive filtering).
    const auto *source = qobject_cast<const RegistryDiffModel *>(sourceModel());
    if (!source || !sourceParent.isValid())
        return false;
    const QModelIndex index = source->index(sourceRow, 0, sourceParent);
    const RegistryChange *change = source->change(index);
    if (!change || !m_groups.testFlag(changeGroup(change->kind)))
        return false;
    const QString text = m_text.trimmed();
    if (text.isEmpty())
        return true;
    return index.data(ModelNameRole).toString().contains(text, Qt::CaseInsensitive)
        || change->model.contains(text, Qt::CaseInsensitive) || change->version == text
        || change->key.contains(text, Qt::CaseInsensitive)
        || changeText(change->kind).contains(text, Qt::CaseInsensitive)
        || contains(change->oldValue, text) || contains(change->newValue, text);
}

} // namespace ModelDesk
