#pragma once

#include "registry/diff/registrydiff.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QFlags>
#include <QList>

class QPalette;

namespace ModelDesk {

// The kinds of change as a comparison is coloured and filtered: added green, removed red,
// changed (stages, tags, descriptions, moved aliases) amber, renamed blue, requests purple.
enum class ChangeGroup {
    Added = 0x1,
    Removed = 0x2,
    Changed = 0x4,
    Renamed = 0x8,
    Requests = 0x10,
};
Q_DECLARE_FLAGS(ChangeGroups, ChangeGroup)
Q_DECLARE_OPERATORS_FOR_FLAGS(ChangeGroups)
constexpr ChangeGroup AllChangeGroups[]
    = {ChangeGroup::Added, ChangeGroup::Removed, ChangeGroup::Changed, ChangeGroup::Renamed,
       ChangeGroup::Requests};

ChangeGroup changeGroup(RegistryChange::Kind kind);
// "Added", "Removed", "Changed", "Renamed", "Requests" (translated).
QString changeGroupText(ChangeGroup group);
// The group's colour, readable as text on `palette`'s base (a lighter shade on a dark one).
QColor changeGroupColor(ChangeGroup group, const QPalette &palette);
// "1 change", "12 changes" (translated).
QString changeCountText(int count);
// What a change is, in words: "Tag changed", "Version added", "Request decided" (translated).
QString changeText(RegistryChange::Kind kind);

// The two registries of a comparison: A is the older one, B the newer.
enum class ComparedSide { A, B };

// The changes from registry A to registry B as a tree: one top-level row per registered model
// ("name — 3 changes", a renamed model under its new name), its changes below it in the order
// diffRegistries() lists them, in the columns Change, Version, Key, Old and New. Rows are
// coloured by their ChangeGroup (ForegroundRole on the Change column, a swatch as its
// DecorationRole); long values are cut to their first line, whole in their tooltip. Holds an
// immutable list replaced as a whole by setChanges(). GUI thread.
class RegistryDiffModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { ChangeColumn, VersionColumn, KeyColumn, OldColumn, NewColumn, ColumnCount };

    explicit RegistryDiffModel(QObject *parent = nullptr);

    // Replaces what is shown (a model reset); `changes` as diffRegistries() sorts them.
    void setChanges(QList<RegistryChange> changes);
    const QList<RegistryChange> &changes() const { return m_changes; }
    int modelCount() const { return int(m_groups.size()); }
    // How many changes are of `group`.
    int count(ChangeGroup group) const;

    // The change a row shows; nullptr for a model's row.
    const RegistryChange *change(const QModelIndex &index) const;
    // The item a row is about as registry `side` names it — "model" or "model/3", what
    // MainWindow::openRegistry() selects — or empty when that registry does not hold it (an
    // added version in A, a removed model in B).
    QString selectionIn(const QModelIndex &index, ComparedSide side) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // A registered model's changes: `name` as B names it (as A does when B lacks it).
    struct Group
    {
        QString name;
        QString nameInA;
        bool inA = true;
        bool inB = true;
        QList<int> changes; // indexes into m_changes
    };

    const Group *groupOf(const QModelIndex &index) const;
    QVariant groupData(const Group &group, int column, int role) const;
    QVariant changeData(const RegistryChange &change, int column, int role) const;

    QList<RegistryChange> m_changes;
    QList<Group> m_groups;
    QList<int> m_groupCounts; // per ChangeGroup bit
};

} // namespace ModelDesk
