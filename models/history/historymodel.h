#pragma once

#include "registry/history/history.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace ModelDesk {

// A model's or version's history as a table, newest first: time, user, what happened, the
// version, old → new, comment. Filled with setEvents() from History::read(); GUI thread.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, UserColumn, KindColumn, VersionColumn, ChangeColumn,
                  CommentColumn, ColumnCount };
    // The event's kind ("stage_changed"), for filters.
    static constexpr int KindRole = Qt::UserRole + 100;

    explicit HistoryModel(QObject *parent = nullptr);

    void setEvents(QList<History::Event> events);
    const QList<History::Event> &events() const { return m_events; }

    // "Stage changed", "Requested", … for a kind.
    static QString kindText(const QString &kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<History::Event> m_events;
};

// Keeps the events of one kind (or all) whose text contains a search string.
class HistoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setKind(const QString &kind); // empty: every kind
    void setText(const QString &text);
    // The events shown, in the order shown (for export).
    QList<History::Event> shownEvents() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_kind;
    QString m_text;
};

} // namespace ModelDesk
