#pragma once

#include "registry/approval/approvalrequest.h"

#include <QAbstractTableModel>

namespace ModelDesk {

// The approvals queue as a table: one row per open request (pending, or approved and not yet
// carried out), oldest first. Filled with setRequests() from Approval::requests(); holds no
// registry. GUI thread.
class ApprovalQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ModelColumn,
        VersionColumn,
        ActionColumn,
        RequesterColumn,
        AgeColumn,
        StateColumn,
        CommentColumn,
        ColumnCount
    };

    explicit ApprovalQueueModel(QObject *parent = nullptr);

    void setRequests(QList<Approval::Request> requests);
    const QList<Approval::Request> &requests() const { return m_requests; }
    // The request of `row`, or nothing outside the table.
    std::optional<Approval::Request> request(int row) const;
    // The time the ages are counted to (ms since epoch); now by default (tests fix it).
    void setNow(qint64 now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "3 min", "5 h", "2 d".
    static QString ageText(qint64 ms);

private:
    qint64 now() const;

    QList<Approval::Request> m_requests;
    qint64 m_now = 0;
};

} // namespace ModelDesk
