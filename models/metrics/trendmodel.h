#pragma once

#include "registry/metrics/trend.h"

#include <QAbstractTableModel>

namespace ModelDesk {

// A metric's trend as a table, newest version first: version, stage, aliases, value (the
// latest, or the history's minimum or maximum), step and time of the latest point, run.
// Versions without the value say why in the value column ("no run", "not logged").
// VersionNumberRole and StageRole on every cell; RawValueRole on the value (a double, or
// invalid when missing). GUI thread.
class TrendModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Version, Stage, Aliases, Value, Step, Logged, RunId, ColumnCount };
    enum class Mode { Latest, Minimum, Maximum };

    explicit TrendModel(QObject *parent = nullptr);

    void setPoints(const QList<TrendPoint> &points, const QHash<qint64, QStringList> &aliases);
    const QList<TrendPoint> &points() const { return m_points; } // version order
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // The value shown for a point in the current mode, if it has one.
    std::optional<double> value(const TrendPoint &point) const;
    QStringList aliasesOf(qint64 version) const { return m_aliases.value(version); }
    // The row of `version`, -1 when not listed.
    int rowOf(qint64 version) const;
    // Why a point has no value, empty when it has one.
    QString missingReason(const TrendPoint &point) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const TrendPoint &pointAt(int row) const { return m_points.at(m_points.size() - 1 - row); }

    QList<TrendPoint> m_points;
    QHash<qint64, QStringList> m_aliases;
    Mode m_mode = Mode::Latest;
};

} // namespace ModelDesk
