#include "models/approvals/approvalqueuemodel.h"

#include "models/roles.h"

#include <QDateTime>

namespace ModelDesk {

ApprovalQueueModel::ApprovalQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ApprovalQueueModel::setRequests(QList<Approval::Request> requests)
{
    beginResetModel();
    m_requests = std::move(requests);
    endResetModel();
}

std::optional<Approval::Request> ApprovalQueueModel::request(int row) const
{
    if (row < 0 || row >= m_requests.size())
        return std::nullopt;
    return m_requests.at(row);
}

void ApprovalQueueModel::setNow(qint64 now)
{
    m_now = now;
    if (!m_requests.isEmpty())
        emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn));
}

qint64 ApprovalQueueModel::now() const
{
    return m_now > 0 ? m_now : QDateTime::currentMSecsSinceEpoch();
}

int ApprovalQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int ApprovalQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApprovalQueueModel::ageText(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms) / 60'000;
    if (minutes < 1)
        return tr("just now");
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    if (minutes < 48 * 60)
        return tr("%n h", nullptr, int(minutes / 60));
    return tr("%n d", nullptr, int(minutes / (24 * 60)));
}

QVariant ApprovalQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Approval::Request &request = m_requests.at(index.row());
    const bool unapplied = request.state == Approval::State::Approved && !request.applied;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ModelColumn:
            return request.model;
        case VersionColumn:
            return QString::number(request.version);
        case ActionColumn:
            return Approval::describe(request);
        case RequesterColumn:
            return request.requester;
        case AgeColumn:
            return ageText(now() - request.created);
        case StateColumn:
            return unapplied ? tr("Approved, not applied") : tr("Pending");
        case CommentColumn:
            return request.comment.section(QLatin1Char('\n'), 0, 0);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case AgeColumn:
            return QDateTime::fromMSecsSinceEpoch(request.created).toString(Qt::TextDate);
        case StateColumn:
            return unapplied ? tr("Approved by %1; the change itself did not reach the server. "
                                  "Approve again to carry it out.")
                                   .arg(request.decidedBy)
                             : tr("Waiting for an approver");
        case CommentColumn:
            return request.comment;
        default:
            return tr("Request %1").arg(request.id);
        }
    case SortRole:
        switch (index.column()) {
        case VersionColumn:
            return request.version;
        case AgeColumn:
            return -request.created;
        default:
            return data(index, Qt::DisplayRole);
        }
    case ModelNameRole:
        return request.model;
    case VersionNumberRole:
        return request.version;
    case RawValueRole:
        return request.id;
    default:
        break;
    }
    return {};
}

QVariant ApprovalQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn:
        return tr("Model");
    case VersionColumn:
        return tr("Version");
    case ActionColumn:
        return tr("Asks for");
    case RequesterColumn:
        return tr("Requester");
    case AgeColumn:
        return tr("Age");
    case StateColumn:
        return tr("State");
    case CommentColumn:
        return tr("Comment");
    }
    return {};
}

} // namespace ModelDesk
