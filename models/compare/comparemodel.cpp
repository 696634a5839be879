#include "models/compare/comparemodel.h"
#include "models/metrics/metricseries.h"
#include "models/roles.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace ModelDesk {

namespace {

QString numberText(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (!isDrawable(value)) // ±Infinity, or MLflow's ±DBL_MAX for it
        return value > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    return QLocale().toString(value, 'g', 8);
}

QVariant raw(const std::optional<ComparisonRow::Value> &value)
{
    if (!value)
        return {};
    if (const QString *text = std::get_if<QString>(&*value))
        return *text;
    if (const double *number = std::get_if<double>(&*value))
        return *number;
    return std::get<qint64>(*value);
}

} // namespace

CompareModel::CompareModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void CompareModel::setComparison(const VersionComparison &comparison)
{
    beginResetModel();
    m_comparison = comparison;
    m_shown.clear();
    for (int i = 0; i < comparison.rows.size(); ++i) {
        if (!m_onlyDifferences || comparison.rows.at(i).differs)
            m_shown << i;
    }
    endResetModel();
}

void CompareModel::setOnlyDifferences(bool only)
{
    if (only == m_onlyDifferences)
        return;
    m_onlyDifferences = only;
    setComparison(m_comparison);
}

QString CompareModel::sectionTitle(ComparisonRow::Section section)
{
    switch (section) {
    case ComparisonRow::Section::Field:
        return tr("Field");
    case ComparisonRow::Section::Param:
        return tr("Parameter");
    case ComparisonRow::Section::Metric:
        return tr("Metric");
    case ComparisonRow::Section::VersionTag:
        return tr("Version tag");
    case ComparisonRow::Section::RunTag:
        return tr("Run tag");
    case ComparisonRow::Section::Model:
        return tr("Model");
    }
    return {};
}

QString CompareModel::cellText(const ComparisonRow &row, int version) const
{
    const std::optional<ComparisonRow::Value> &value = row.values.at(version);
    if (!value)
        return QStringLiteral("—");
    if (const QString *text = std::get_if<QString>(&*value))
        return text->isEmpty() && row.key == QLatin1String("aliases") ? QString() : *text;
    if (const qint64 *ms = std::get_if<qint64>(&*value)) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms),
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    const double number = std::get<double>(*value);
    QString text = numberText(number);
    if (version == 0 || row.section != ComparisonRow::Section::Metric)
        return text;
    const std::optional<ComparisonRow::Value> &first = row.values.first();
    const double *base = first ? std::get_if<double>(&*first) : nullptr;
    if (!base || !isDrawable(*base) || !isDrawable(number) || number == *base)
        return text;
    const double delta = number - *base;
    QString change = tr("Δ %1%2").arg(delta > 0 ? QStringLiteral("+") : QString(),
                                      QLocale().toString(delta, 'g', 4));
    if (*base != 0) {
        const double percent = delta / std::abs(*base) * 100;
        change += tr(", %1%2%").arg(percent > 0 ? QStringLiteral("+") : QString(),
                                    QLocale().toString(percent, 'f', 1));
    }
    return tr("%1  (%2)").arg(text, change);
}

int CompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int CompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstVersionColumn + int(m_comparison.versions.size());
}

QVariant CompareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ComparisonRow &row = rowAt(index.row());
    if (role == DiffersRole)
        return row.differs;
    const int version = index.column() - FirstVersionColumn;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == SectionColumn)
            return sectionTitle(row.section);
        if (index.column() == KeyColumn)
            return row.key;
        return cellText(row, version);
    case Qt::ToolTipRole:
        if (version < 0)
            return row.differs ? tr("The versions differ here") : tr("The same in every version");
        return row.values.at(version)
            ? raw(row.values.at(version)).toString()
            : tr("Version %1 has no %2").arg(m_comparison.versions.at(version)).arg(row.key);
    case RawValueRole:
        return version >= 0 ? raw(row.values.at(version)) : QVariant();
    case VersionNumberRole:
        return version >= 0 ? QVariant(m_comparison.versions.at(version)) : QVariant();
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == SectionColumn)
        return tr("Section");
    if (section == KeyColumn)
        return tr("Key");
    const int version = section - FirstVersionColumn;
    if (version >= 0 && version < m_comparison.versions.size())
        return tr("Version %1").arg(m_comparison.versions.at(version));
    return {};
}

} // namespace ModelDesk
