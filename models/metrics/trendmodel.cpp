#include "models/metrics/trendmodel.h"
#include "models/metrics/metricseries.h"
#include "models/roles.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace ModelDesk {

TrendModel::TrendModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TrendModel::setPoints(const QList<TrendPoint> &points,
                           const QHash<qint64, QStringList> &aliases)
{
    beginResetModel();
    m_points = points;
    m_aliases = aliases;
    endResetModel();
}

void TrendModel::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    emit headerDataChanged(Qt::Horizontal, Value, Value);
    if (!m_points.isEmpty())
        emit dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

std::optional<double> TrendModel::value(const TrendPoint &point) const
{
    if (!point.latest)
        return std::nullopt;
    switch (m_mode) {
    case Mode::Latest:
        return point.latest->value;
    case Mode::Minimum:
        return point.minimum;
    case Mode::Maximum:
        return point.maximum;
    }
    return std::nullopt;
}

int TrendModel::rowOf(qint64 version) const
{
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        if (m_points.at(i).version == version)
            return int(m_points.size() - 1 - i);
    }
    return -1;
}

QString TrendModel::missingReason(const TrendPoint &point) const
{
    if (point.runId.isEmpty())
        return tr("no run");
    if (!point.runFound)
        return tr("run not found");
    if (!point.latest)
        return tr("not logged");
    if (!value(point))
        return tr("no finite value");
    return {};
}

int TrendModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

int TrendModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrendModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrendPoint &point = pointAt(index.row());
    if (role == VersionNumberRole)
        return point.version;
    if (role == StageRole)
        return point.stage;
    const std::optional<double> shown = value(point);
    if (role == RawValueRole && index.column() == Value)
        return shown ? QVariant(*shown) : QVariant();
    if (role == Qt::TextAlignmentRole
        && (index.column() == Version || index.column() == Value || index.column() == Step))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Value && !shown) {
        return point.runId.isEmpty() ? tr("This version has no source run.")
            : !point.runFound        ? tr("Run %1 could not be found.").arg(point.runId)
                                     : tr("Run %1 did not log this metric.").arg(point.runId);
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Version:
        return role == SortRole ? QVariant(point.version)
                                : QVariant(QString::number(point.version));
    case Stage:
        return point.stage;
    case Aliases:
        return m_aliases.value(point.version).join(QStringLiteral(", "));
    case Value:
        if (!shown)
            return role == SortRole ? QVariant() : QVariant(missingReason(point));
        if (role == SortRole)
            return *shown;
        return isDrawable(*shown) ? QLocale().toString(*shown, 'g', 8)
            : std::isnan(*shown)  ? QStringLiteral("NaN")
                                 : (*shown > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞"));
    case Step:
        if (!point.latest)
            return {};
        return role == SortRole ? QVariant(point.latest->step)
                                : QVariant(QString::number(point.latest->step));
    case Logged:
        if (!point.latest)
            return {};
        return role == SortRole
            ? QVariant(point.latest->timestamp)
            : QVariant(QLocale().toString(QDateTime::fromMSecsSinceEpoch(point.latest->timestamp),
                                          QStringLiteral("yyyy-MM-dd HH:mm")));
    case RunId:
        return point.runId;
    default:
        return {};
    }
}

QVariant TrendModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Version:
        return tr("Version");
    case Stage:
        return tr("Stage");
    case Aliases:
        return tr("Aliases");
    case Value:
        return m_mode == Mode::Latest ? tr("Latest value")
            : m_mode == Mode::Minimum ? tr("Minimum")
                                      : tr("Maximum");
    case Step:
        return tr("Step");
    case Logged:
        return tr("Logged");
    case RunId:
        return tr("Run");
    default:
        return {};
    }
}

} // namespace ModelDesk
