#include "models/tagtablemodel.h"

#include "models/roles.h"
#include "registry/validation.h"

namespace ModelDesk {

TagTableModel::TagTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TagTableModel::setTags(const QList<Tag> &tags)
{
    beginResetModel();
    m_tags = tags;
    endResetModel();
}

int TagTableModel::rowOfKey(const QString &key) const
{
    if (key.isEmpty())
        return -1;
    for (int row = 0; row < m_tags.size(); ++row) {
        if (m_tags.at(row).key == key)
            return row;
    }
    return -1;
}

Result<Done> TagTableModel::checkKey(const QString &key, int row) const
{
    const Result<Done> rule = Validation::checkTagKey(key);
    if (!rule)
        return rule;
    const int existing = rowOfKey(key);
    if (existing >= 0 && existing != row) {
        return RegistryError(ErrorCode::ResourceAlreadyExists,
                             tr("A tag with the key \u201c%1\u201d already exists.").arg(key));
    }
    return Done{};
}

Result<Done> TagTableModel::checkTag(const Tag &tag, int row) const
{
    const Result<Done> key = checkKey(tag.key, row);
    if (!key)
        return key;
    return Validation::checkTagValue(tag.value);
}

bool TagTableModel::appendTag(const Tag &tag)
{
    if (!checkTag(tag, -1))
        return false;
    const int row = int(m_tags.size());
    beginInsertRows({}, row, row);
    m_tags.append(tag);
    endInsertRows();
    emit tagAdded(tag);
    return true;
}

bool TagTableModel::replaceTag(int row, const Tag &tag)
{
    if (row < 0 || row >= m_tags.size() || !checkTag(tag, row))
        return false;
    const Tag before = m_tags.at(row);
    if (before == tag)
        return true;
    m_tags[row] = tag;
    emit dataChanged(index(row, KeyColumn), index(row, ValueColumn));
    if (before.key.isEmpty())
        emit tagAdded(tag);
    else
        emit tagChanged(before, tag);
    return true;
}

void TagTableModel::setEditable(bool editable)
{
    if (m_editable == editable)
        return;
    m_editable = editable;
    if (!m_tags.isEmpty())
        emit dataChanged(index(0, KeyColumn), index(int(m_tags.size()) - 1, ValueColumn));
}

int TagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

int TagTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Tag &tag = m_tags.at(index.row());
    const QString &text = index.column() == KeyColumn ? tag.key : tag.value;
    switch (role) {
    case Qt::DisplayRole:
        // One line per cell; the tooltip shows a multi-line value in full.
        return QString(text).replace(u'\n', u' ');
    case Qt::EditRole:
    case RawValueRole:
    case SortRole:
        return text;
    case Qt::ToolTipRole:
        return text.isEmpty() ? QVariant() : QVariant(text);
    default:
        return {};
    }
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

Qt::ItemFlags TagTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && m_editable)
        result |= Qt::ItemIsEditable;
    return result;
}

bool TagTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_editable
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    Tag tag = m_tags.at(index.row());
    if (index.column() == KeyColumn)
        tag.key = value.toString();
    else
        tag.value = value.toString();
    // A draft may hold a value before it has a key; it is checked once the key is set.
    if (tag.key.isEmpty() && m_tags.at(index.row()).key.isEmpty()) {
        if (!Validation::checkTagValue(tag.value))
            return false;
        m_tags[index.row()] = tag;
        emit dataChanged(index, index);
        return true;
    }
    return replaceTag(index.row(), tag);
}

bool TagTableModel::insertRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || !m_editable || row < 0 || row > m_tags.size() || count < 1)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_tags.insert(row, count, Tag{});
    endInsertRows();
    return true;
}

bool TagTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || !m_editable || row < 0 || count < 1 || row + count > m_tags.size())
        return false;
    const QList<Tag> removed = m_tags.mid(row, count);
    beginRemoveRows({}, row, row + count - 1);
    m_tags.remove(row, count);
    endRemoveRows();
    for (const Tag &tag : removed) {
        if (!tag.key.isEmpty())
            emit tagRemoved(tag);
    }
    return true;
}

} // namespace ModelDesk
