#pragma once

#include "registry/error.h"
#include "registry/types.h"

#include <QAbstractTableModel>

namespace ModelDesk {

// The tags of one registered model or model version as a two-column table (key, value),
// held in memory. Editable: setData() checks MLflow's tag rules (key pattern, length, no
// duplicate key) and refuses what the registry would refuse; accepted edits are announced
// through tagAdded/tagChanged/tagRemoved so the owner can write them to the registry (the
// model itself never calls the registry). Rows inserted with insertRows() are drafts with an
// empty key; a draft becomes a tag when a valid key is set. Owned by its view's owner (the
// TagEditor); GUI thread.
class TagTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };

    explicit TagTableModel(QObject *parent = nullptr);

    // Replaces every row (a fresh read from the registry); drops drafts. Emits no tag signal.
    void setTags(const QList<Tag> &tags);
    QList<Tag> tags() const { return m_tags; }
    Tag tag(int row) const { return m_tags.value(row); }
    // The row of `key`, or -1.
    int rowOfKey(const QString &key) const;

    // Whether `key` may be the key of `row` (-1: of a new tag): MLflow's key rules, then
    // uniqueness. The error carries the message to show.
    Result<Done> checkKey(const QString &key, int row = -1) const;

    // Appends a tag after checking it; emits tagAdded. Returns false when refused.
    bool appendTag(const Tag &tag);
    // Replaces the tag of `row` (key and value at once); emits tagChanged (or tagAdded for a
    // draft). Returns false when refused.
    bool replaceTag(int row, const Tag &tag);

    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;
    Qt::ItemFlags flags(const QModelIndex &index) const final;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) final;
    bool insertRows(int row, int count, const QModelIndex &parent = {}) final;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) final;

signals:
    void tagAdded(const ModelDesk::Tag &tag);
    void tagChanged(const ModelDesk::Tag &before, const ModelDesk::Tag &after);
    void tagRemoved(const ModelDesk::Tag &tag);

private:
    Result<Done> checkTag(const Tag &tag, int row) const;

    QList<Tag> m_tags;
    bool m_editable = true;
};

} // namespace ModelDesk
