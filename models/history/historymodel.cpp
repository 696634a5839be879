#include "models/history/historymodel.h"

#include "models/roles.h"

#include <QDateTime>

namespace ModelDesk {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setEvents(QList<History::Event> events)
{
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
}

QString HistoryModel::kindText(const QString &kind)
{
    static const QHash<QString, const char *> texts{
        {QStringLiteral("requested"), QT_TR_NOOP("Requested")},
        {QStringLiteral("approved"), QT_TR_NOOP("Approved")},
        {QStringLiteral("rejected"), QT_TR_NOOP("Rejected")},
        {QStringLiteral("withdrawn"), QT_TR_NOOP("Withdrawn")},
        {QStringLiteral("stage_changed"), QT_TR_NOOP("Stage changed")},
        {QStringLiteral("alias_set"), QT_TR_NOOP("Alias set")},
        {QStringLiteral("alias_removed"), QT_TR_NOOP("Alias removed")},
        {QStringLiteral("tag_set"), QT_TR_NOOP("Tag set")},
        {QStringLiteral("tag_removed"), QT_TR_NOOP("Tag removed")},
        {QStringLiteral("description_changed"), QT_TR_NOOP("Description changed")},
        {QStringLiteral("version_created"), QT_TR_NOOP("Version created")},
        {QStringLiteral("version_deleted"), QT_TR_NOOP("Version deleted")},
        {QStringLiteral("model_created"), QT_TR_NOOP("Model created")},
        {QStringLiteral("model_renamed"), QT_TR_NOOP("Model renamed")},
        {QStringLiteral("model_deleted"), QT_TR_NOOP("Model deleted")},
        {QStringLiteral("approvers_changed"), QT_TR_NOOP("Approvers changed")},
    };
    const auto text = texts.constFind(kind);
    return text == texts.cend() ? kind : tr(*text);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const History::Event &event = m_events.at(index.row());
    const auto line = [](const std::optional<QString> &text) {
        return text ? text->section(QLatin1Char('\n'), 0, 0).left(120) : QString();
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(event.time)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case UserColumn:
            return event.user;
        case KindColumn:
            return kindText(event.kind);
        case VersionColumn:
            return event.version;
        case ChangeColumn:
            if (event.old && !event.old->isEmpty() && event.now)
                return QString(line(event.old) + QStringLiteral(" \u2192 ") + line(event.now));
            if (event.old && !event.now)
                return tr("was %1").arg(line(event.old));
            return line(event.now);
        case CommentColumn:
            return event.comment.section(QLatin1Char('\n'), 0, 0);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(event.time).toString(Qt::TextDate);
        case ChangeColumn:
            return tr("Before: %1\nAfter: %2")
                .arg(event.old.value_or(tr("(none)")), event.now.value_or(tr("(none)")));
        case CommentColumn:
            return event.comment;
        default:
            return data(index, Qt::DisplayRole);
        }
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return event.time;
        case VersionColumn:
            return event.version.toLongLong();
        default:
            return data(index, Qt::DisplayRole);
        }
    case KindRole:
        return event.kind;
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case KindColumn:
        return tr("What");
    case VersionColumn:
        return tr("Version");
    case ChangeColumn:
        return tr("Change");
    case CommentColumn:
        return tr("Comment");
    }
    return {};
}

void HistoryFilterModel::setKind(const QString &kind)
{
    m_kind = kind;
    invalidateFilter();
}

void HistoryFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

QList<History::Event> HistoryFilterModel::shownEvents() const
{
    auto *history = qobject_cast<HistoryModel *>(sourceModel());
    QList<History::Event> shown;
    if (!history)
        return shown;
    for (int row = 0; row < rowCount(); ++row)
        shown.append(history->events().at(mapToSource(index(row, 0)).row()));
    return shown;
}

bool HistoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!m_kind.isEmpty()
        && source->index(sourceRow, 0, sourceParent).data(HistoryModel::KindRole).toString()
               != m_kind)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < source->columnCount(sourceParent); ++column) {
        const QModelIndex index = source->index(sourceRow, column, sourceParent);
        if (index.data(Qt::ToolTipRole).toString().contains(m_text, Qt::CaseInsensitive)
            || index.data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace ModelDesk
