#pragma once

#include "models/metrics/downsample.h"

#include <QColor>
#include <QWidget>

#include <memory>
#include <optional>

namespace ModelDesk {

// A line chart of metric histories: the only widget that touches QtCharts (deprecated from
// Qt 6.10), so a move to QtGraphs changes ui/charts/ alone. It draws what it is given,
// already downsampled, and reports what the user does: hovering, zooming (rubber band,
// wheel, keys), panning (middle button or Shift+drag), double-clicking. Gaps (NaN,
// infinities) are marked with a dashed line and their kind. GUI thread.
class MetricChart : public QWidget
{
    Q_OBJECT
public:
    // Compact: a small multiple in a grid (the wheel scrolls the grid; Ctrl+wheel zooms;
    // double-click asks for the large view). Full: the large view (the wheel zooms,
    // double-click resets the zoom).
    enum class Mode { Compact, Full };

    struct Line
    {
        QString name; // in the legend, when there are several lines
        QColor color;
        DrawnSeries raw;
        std::optional<DrawnSeries> smoothed; // drawn over a faint raw line
    };

    // Points drawn as markers in one colour (a stage's versions), with a legend entry.
    struct PointGroup
    {
        QString name;
        QColor color;
        QList<QPointF> points;
    };
    // A text next to a point (an alias).
    struct Label
    {
        QPointF at;
        QString text;
    };

    struct Range
    {
        double minX = 0, maxX = 0, minY = 0, maxY = 0;
        bool operator==(const Range &) const = default;
        bool isValid() const { return maxX >= minX && maxY >= minY; }
    };

    explicit MetricChart(Mode mode, QWidget *parent = nullptr);
    // The colour of the i-th line of a chart, readable on light and dark backgrounds.
    static QColor seriesColor(int index);
    ~MetricChart() override;

    Mode mode() const { return m_mode; }
    void setTitle(const QString &title);
    void setAxis(MetricAxis axis);
    MetricAxis axis() const { return m_axis; }
    void setLogarithmic(bool logarithmic);
    bool isLogarithmic() const { return m_logarithmic; }
    void setLines(const QList<Line> &lines);
    const QList<Line> &lines() const { return m_lines; }
    // Markers over the lines (an x axis of version numbers: setIntegerX).
    void setPointGroups(const QList<PointGroup> &groups, const QList<Label> &labels);
    const QList<PointGroup> &pointGroups() const { return m_groups; }
    // Ticks on whole numbers only, labelled without decimals.
    void setIntegerX(bool integer);
    // The x axis' title in the large view instead of the axis' own ("Version").
    void setXTitle(const QString &title);
    // A text in place of the lines ("Loading…", "No points", an error).
    void setMessage(const QString &message);

    // What the axes show. setRange() does not emit rangeChanged().
    Range range() const;
    void setRange(const Range &range);

    // The crosshair and the label of the raw point nearest to the mouse.
    void showHover(QPointF point, const QString &text);
    void clearHover();

    // The number of pixels across the plot area: the buckets for downsampling.
    int plotWidth() const;

    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;

signals:
    // The user zoomed or panned (not emitted by setRange()).
    void rangeChanged(const ModelDesk::MetricChart::Range &range);
    // The user asked for the whole history again (double-click in the large view, 0 or Home).
    void resetRequested();
    // The mouse is over the plot at x (in the axis' units); left it.
    void hovered(double x);
    void left();
    // Double-click on a small multiple.
    void activated();
    // A click (no drag) on the plot at x.
    void clicked(double x);
    void plotResized();

protected:
    void changeEvent(QEvent *event) override;

private:
    class View;
    friend class View;
    void applyPalette();
    void rebuild();
    void updateOverlays();
    void retick();
    void userRange(const Range &range);

    Mode m_mode;
    MetricAxis m_axis = MetricAxis::Step;
    bool m_logarithmic = false;
    QList<Line> m_lines;
    QList<PointGroup> m_groups;
    QList<Label> m_labels;
    bool m_integerX = false;
    QString m_xTitle;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ModelDesk
