#include "models/registrydiff/registrydiffmodel.h"

#include "models/roles.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>
#include <bit>

namespace ModelDesk {

namespace {

using Kind = RegistryChange::Kind;

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("ModelDesk::RegistryDiffModel", text, comment, n);
}

// A value as a cell shows it: its first line, cut to a readable width.
constexpr int CellLength = 80;
// A tooltip shows this much of a long value.
constexpr int TooltipLength = 2000;

QString cellText(const std::optional<QString> &value)
{
    if (!value)
        return {};
    QString line = value->section(QLatin1Char('\n'), 0, 0).trimmed();
    const bool cut = line.size() > CellLength || line.size() < value->trimmed().size();
    if (line.size() > CellLength)
        line.truncate(CellLength - 1);
    return cut ? line + QChar(0x2026) : line;
}

QString tooltipText(const std::optional<QString> &value)
{
    if (!value)
        return tr("(none)");
    QString text = value->left(TooltipLength);
    if (value->size() > TooltipLength)
        text += QChar(0x2026);
    return text;
}

// A round dot of `colour`, as a row's decoration; one per colour, made once.
QPixmap swatch(const QColor &colour)
{
    static QHash<QRgb, QPixmap> made;
    const auto found = made.constFind(colour.rgba());
    if (found != made.cend())
        return *found;
    QImage image(12, 12, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    painter.end();
    return *made.insert(colour.rgba(), QPixmap::fromImage(image));
}

int bitOf(ChangeGroup group)
{
    return std::countr_zero(unsigned(group));
}

} // namespace

ChangeGroup changeGroup(Kind kind)
{
    switch (kind) {
    case Kind::ModelAdded:
    case Kind::VersionAdded:
    case Kind::AliasAdded:
    case Kind::TagAdded:
        return ChangeGroup::Added;
    case Kind::ModelRemoved:
    case Kind::VersionRemoved:
    case Kind::AliasRemoved:
    case Kind::TagRemoved:
        return ChangeGroup::Removed;
    case Kind::ModelRenamed:
        return ChangeGroup::Renamed;
    case Kind::RequestAdded:
    case Kind::RequestDecided:
        return ChangeGroup::Requests;
    case Kind::StageChanged:
    case Kind::AliasMoved:
    case Kind::TagChanged:
    case Kind::DescriptionChanged:
        break;
    }
    return ChangeGroup::Changed;
}

QString changeGroupText(ChangeGroup group)
{
    switch (group) {
    case ChangeGroup::Added:
        return tr("Added");
    case ChangeGroup::Removed:
        return tr("Removed");
    case ChangeGroup::Changed:
        return tr("Changed");
    case ChangeGroup::Renamed:
        return tr("Renamed");
    case ChangeGroup::Requests:
        return tr("Requests");
    }
    return {};
}

QColor changeGroupColor(ChangeGroup group, const QPalette &palette)
{
    // Shades that keep 4.5:1 contrast as text on white, and their lighter twins on a dark base.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (group) {
    case ChangeGroup::Added:
        return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    case ChangeGroup::Removed:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case ChangeGroup::Changed:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case ChangeGroup::Renamed:
        return dark ? QColor(0x58, 0xa6, 0xff) : QColor(0x09, 0x69, 0xda);
    case ChangeGroup::Requests:
        return dark ? QColor(0xbc, 0x8c, 0xff) : QColor(0x82, 0x50, 0xdf);
    }
    return palette.color(QPalette::Text);
}

QString changeCountText(int count)
{
    // Spelled out: no translation is loaded to pick the English plural of "%n change(s)".
    return count == 1 ? tr("1 change") : tr("%1 changes").arg(QLocale().toString(count));
}

QString changeText(Kind kind)
{
    switch (kind) {
    case Kind::ModelAdded:
        return tr("Model added");
    case Kind::ModelRemoved:
        return tr("Model removed");
    case Kind::ModelRenamed:
        return tr("Model renamed");
    case Kind::VersionAdded:
        return tr("Version added");
    case Kind::VersionRemoved:
        return tr("Version removed");
    case Kind::StageChanged:
        return tr("Stage changed");
    case Kind::AliasAdded:
        return tr("Alias added");
    case Kind::AliasMoved:
        return tr("Alias moved");
    case Kind::AliasRemoved:
        return tr("Alias removed");
    case Kind::TagAdded:
        return tr("Tag added");
    case Kind::TagChanged:
        return tr("Tag changed");
    case Kind::TagRemoved:
        return tr("Tag removed");
    case Kind::DescriptionChanged:
        return tr("Description changed");
    case Kind::RequestAdded:
        return tr("Request filed");
    case Kind::RequestDecided:
        return tr("Request decided");
    }
    return {};
}

RegistryDiffModel::RegistryDiffModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_groupCounts(int(std::size(AllChangeGroups)), 0)
{ }

void RegistryDiffModel::setChanges(QList<RegistryChange> changes)
{
    beginResetModel();
    m_changes = std::move(changes);
    m_groups.clear();
    m_groupCounts.fill(0);
    // A renamed model's own change is listed under its name in A, the changes inside it under
    // its name in B: both go to the group of the name in B.
    QHash<QString, qsizetype> byName;
    for (int i = 0; i < m_changes.size(); ++i) {
        const RegistryChange &change = m_changes.at(i);
        ++m_groupCounts[bitOf(changeGroup(change.kind))];
        const bool renamed = change.kind == Kind::ModelRenamed && change.newValue;
        const QString name = renamed ? *change.newValue : change.model;
        auto found = byName.constFind(name);
        if (found == byName.cend()) {
            found = byName.insert(name, m_groups.size());
            m_groups.append({name, name, true, true, {}});
        }
        Group &group = m_groups[*found];
        group.changes.append(i);
        if (renamed)
            group.nameInA = change.model;
        else if (change.kind == Kind::ModelAdded)
            group.inA = false;
        else if (change.kind == Kind::ModelRemoved)
            group.inB = false;
    }
    std::stable_sort(m_groups.begin(), m_groups.end(),
                     [](const Group &x, const Group &y) { return x.name < y.name; });
    // Within a renamed model's group, its rename comes first.
    for (Group &group : m_groups) {
        std::stable_partition(group.changes.begin(), group.changes.end(),
                              [this](int i) { return m_changes.at(i).kind == Kind::ModelRenamed; });
    }
    endResetModel();
}

int RegistryDiffModel::count(ChangeGroup group) const
{
    return m_groupCounts.at(bitOf(group));
}

const RegistryDiffModel::Group *RegistryDiffModel::groupOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const qsizetype row = index.internalId() ? qsizetype(index.internalId() - 1) : index.row();
    return row < m_groups.size() ? &m_groups.at(row) : nullptr;
}

const RegistryChange *RegistryDiffModel::change(const QModelIndex &index) const
{
    const Group *group = groupOf(index);
    if (!group || !index.internalId() || index.row() >= group->changes.size())
        return nullptr;
    return &m_changes.at(group->changes.at(index.row()));
}

QString RegistryDiffModel::selectionIn(const QModelIndex &index, ComparedSide side) const
{
    const Group *group = groupOf(index);
    if (!group)
        return {};
    const bool inA = side == ComparedSide::A;
    if (!(inA ? group->inA : group->inB))
        return {};
    const QString name = inA ? group->nameInA : group->name;
    const RegistryChange *shown = change(index);
    if (!shown || shown->version.isEmpty())
        return name;
    if ((inA && shown->kind == Kind::VersionAdded) || (!inA && shown->kind == Kind::VersionRemoved))
        return {};
    return name + QLatin1Char('/') + shown->version;
}

QModelIndex RegistryDiffModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() || parent.row() >= m_groups.size()
        || row >= m_groups.at(parent.row()).changes.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RegistryDiffModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalId())
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int RegistryDiffModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() || parent.column() != 0 || parent.row() >= m_groups.size())
        return 0;
    return int(m_groups.at(parent.row()).changes.size());
}

int RegistryDiffModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RegistryDiffModel::data(const QModelIndex &index, int role) const
{
    const Group *group = groupOf(index);
    if (!group)
        return {};
    if (role == ModelNameRole)
        return group->name;
    if (const RegistryChange *shown = change(index))
        return changeData(*shown, index.column(), role);
    return groupData(*group, index.column(), role);
}

QVariant RegistryDiffModel::groupData(const Group &group, int column, int role) const
{
    if (column != ChangeColumn)
        return {};
    // The model's own addition, removal or rename colours its row.
    const RegistryChange &first = m_changes.at(group.changes.constFirst());
    const bool whole = first.version.isEmpty()
        && (first.kind == Kind::ModelAdded || first.kind == Kind::ModelRemoved
            || first.kind == Kind::ModelRenamed);
    switch (role) {
    case Qt::DisplayRole: {
        const QString count = changeCountText(int(group.changes.size()));
        if (group.nameInA != group.name)
            return tr("%1 (was %2) — %3").arg(group.name, group.nameInA, count);
        return tr("%1 — %2").arg(group.name, count);
    }
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::ForegroundRole:
        if (whole)
            return changeGroupColor(changeGroup(first.kind), QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        if (!group.inA)
            return tr("Only in registry B: added as a whole");
        if (!group.inB)
            return tr("Only in registry A: removed as a whole");
        return tr("Changes of %1; double-click a row to show its item").arg(group.name);
    default:
        return {};
    }
}

QVariant RegistryDiffModel::changeData(const RegistryChange &change, int column, int role) const
{
    if (role == ChangeKindRole)
        return int(change.kind);
    if (role == VersionNumberRole)
        return change.version.isEmpty() ? QVariant() : QVariant(change.version.toLongLong());
    const ChangeGroup group = changeGroup(change.kind);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ChangeColumn:
            return changeText(change.kind);
        case VersionColumn:
            return change.version;
        case KeyColumn:
            return change.key;
        case OldColumn:
            return cellText(change.oldValue);
        case NewColumn:
            return cellText(change.newValue);
        }
        return {};
    case Qt::ForegroundRole:
        if (column == ChangeColumn)
            return changeGroupColor(group, QGuiApplication::palette());
        return {};
    case Qt::DecorationRole:
        if (column == ChangeColumn)
            return swatch(changeGroupColor(group, QGuiApplication::palette()));
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case OldColumn:
            return tooltipText(change.oldValue);
        case NewColumn:
            return tooltipText(change.newValue);
        case KeyColumn:
            return change.key.isEmpty() ? QVariant() : QVariant(change.key);
        default:
            return tr("%1 (%2)").arg(changeText(change.kind), kindName(change.kind));
        }
    default:
        return {};
    }
}

QVariant RegistryDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case VersionColumn:
        return tr("Version");
    case KeyColumn:
        return tr("Key");
    case OldColumn:
        return tr("Old");
    case NewColumn:
        return tr("New");
    }
    return {};
}

} // namespace ModelDesk
