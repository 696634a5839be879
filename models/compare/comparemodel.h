#pragma once

#include "registry/compare/versioncomparison.h"

#include <QAbstractTableModel>

namespace ModelDesk {

// Versions compared, as a table: section, key, then one column per version. Numeric metric
// cells after the first version add the change against the first (Δ and %), without saying
// whether it is better: that depends on the metric. "Only differences" leaves out the rows
// whose values are all the same. DiffersRole on every cell, RawValueRole on value cells (the
// text, number or time; invalid where the version lacks the key). GUI thread.
class CompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SectionColumn, KeyColumn, FirstVersionColumn };

    explicit CompareModel(QObject *parent = nullptr);

    void setComparison(const VersionComparison &comparison);
    const VersionComparison &comparison() const { return m_comparison; }
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_onlyDifferences; }
    // The comparison row shown at `row`.
    const ComparisonRow &rowAt(int row) const { return m_comparison.rows.at(m_shown.at(row)); }
    // "Field", "Parameter", "Metric", "Version tag", "Run tag".
    static QString sectionTitle(ComparisonRow::Section section);
    // A cell's text, with the change against the first version for metrics.
    QString cellText(const ComparisonRow &row, int version) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    VersionComparison m_comparison;
    QList<int> m_shown; // rows of m_comparison shown, in order
    bool m_onlyDifferences = false;
};

} // namespace ModelDesk
