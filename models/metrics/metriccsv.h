#pragma once

#include "models/metrics/metricseries.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace ModelDesk {

// The raw points of one or more metric histories as CSV: `step,timestamp,value` (with a
// leading `series` column when there are several), timestamps in milliseconds, values with
// every digit they have and NaN / Infinity / -Infinity written as MLflow writes them.
QByteArray metricCsv(const QList<std::pair<QString, std::shared_ptr<const MetricSeries>>> &series);

// A value as MLflow writes it on the wire: 17 significant digits, "NaN", "Infinity".
QByteArray metricValueText(double value);

} // namespace ModelDesk
