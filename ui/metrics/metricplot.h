#pragma once

#include "models/metrics/metriccache.h"
#include "ui/charts/metricchart.h"

#include <QWidget>

#include <optional>

namespace ModelDesk {

// One chart of metric histories, drawn at full resolution with bounded work: each history is
// downsampled on a worker to about two points per horizontal pixel of the plot, again when
// the user zooms or pans, when the axis, scale or smoothing change, and when it is resized.
// Hover names the nearest raw point. The visible range stays when smoothing or the axes
// change. GUI thread.
class MetricPlot : public QWidget
{
    Q_OBJECT
public:
    struct Line
    {
        QString name; // the legend's entry and the CSV's series column
        QColor color;
        SeriesPtr series;
    };

    explicit MetricPlot(MetricChart::Mode mode, QWidget *parent = nullptr);
    ~MetricPlot() override;

    void setTitle(const QString &title);
    QString title() const { return m_title; }
    void setLines(const QList<Line> &lines);
    const QList<Line> &lines() const { return m_lines; }
    // A text in place of the lines: "Loading…", an error.
    void setMessage(const QString &message);

    void setAxis(MetricAxis axis);
    void setLogarithmic(bool logarithmic);
    // TensorBoard's EMA weight, 0 (raw only) to 0.99; the raw line stays, faint.
    void setSmoothing(double weight);
    void resetZoom();
    bool isZoomed() const { return m_view.has_value(); }

    // True from setLines() until the downsampled lines are on screen.
    bool isDrawing() const { return m_pending > 0 || m_dirty; }
    MetricChart *chart() const { return m_chart; }

    // Exports: the chart as it is shown (PNG, SVG) or its raw points (CSV).
    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;
    bool exportCsv(const QString &path) const;
    // Asks for a file and exports to it; `format` is "png", "svg" or "csv".
    void exportInteractively(const QString &format);

signals:
    void activated();
    void drawn();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void schedule();
    void redraw();
    void showHover(double x);
    MetricChart::Range fullRange() const;

    MetricChart *m_chart;
    QString m_title;
    QList<Line> m_lines;
    MetricAxis m_axis = MetricAxis::Step;
    bool m_logarithmic = false;
    double m_smoothing = 0;
    // The range the user zoomed or panned to; none: everything.
    std::optional<MetricChart::Range> m_view;
    bool m_fitY = true;
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_dirty = false;
};

} // namespace ModelDesk
