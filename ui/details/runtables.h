#pragma once

#include <QAbstractTableModel>
#include <QCollator>
#include <QList>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QString>
#include <QTabWidget>
#include <QTextEdit>
#include <QVariant>

#include <utility>

class QTableView;

// The building blocks of the Run tab's tables and header: a table model and its sort proxy,
// and the small widgets that keep the page usable in a narrow pane. Used only by RunPage.
namespace ModelDesk::RunTables {

// One cell of a RunTableModel. A value type, copied into the model's snapshot.
struct Cell
{
    QString text; // the full value: copied with Ctrl+C, shown as tooltip when long
    QString display; // formatted single-line text; empty means `text`
    QVariant sortValue; // a number for numeric columns; invalid sorts by text
    QString toolTip; // overrides the automatic tooltip
    Qt::Alignment alignment = Qt::AlignLeft;
};
using Row = QList<Cell>;

// A text cell: multi-line values shown on one line, very long ones cut for display.
Cell textCell(const QString &text, const QString &toolTip = {});
// A right-aligned cell that sorts by `value`.
Cell numberCell(const QString &display, double value, const QString &toolTip = {});
// A date and time: sorts by the timestamp, reads like text.
Cell timeCell(const QString &display, qint64 milliseconds, const QString &toolTip);

// A read-only table of formatted cells: one list of a run (parameters, metrics, tags or
// dataset inputs) as last read. Holds an immutable snapshot that is swapped as a whole.
// Owned by its RunPage; GUI thread.
class RunTableModel final : public QAbstractTableModel
{
public:
    struct Header
    {
        QString title;
        QString toolTip;
    };

    RunTableModel(QList<Header> headers, QObject *parent);

    void setRows(QList<Row> rows);

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const final;
    Qt::ItemFlags flags(const QModelIndex &index) const final;

private:
    QList<Header> m_headers;
    QList<Row> m_rows;
};

// Sorts a RunTableModel: numbers numerically with NaN last, text in natural order ("lr_2"
// before "lr_10") and case-insensitively. Owned by its RunPage; GUI thread.
class RunSortProxy final : public QSortFilterProxyModel
{
public:
    explicit RunSortProxy(QObject *parent);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const final;

private:
    static QLocale collationLocale();
    static bool isNumber(const QVariant &value);

    QCollator m_collator;
};

// A push button that elides its text to the width it gets, so that a long run name never
// forces the page wider than a narrow pane. Owned by its RunPage; GUI thread.
class ElidedButton final : public QPushButton
{
public:
    using QPushButton::QPushButton;

    QSize minimumSizeHint() const final;

protected:
    void paintEvent(QPaintEvent *) final;
};

// Selectable read-only text that wraps anywhere, for IDs and URIs: they have no spaces, and a
// label would force the page wider than a narrow pane or clip them. Its height follows its
// width; a fixed height, because QFormLayout mis-places height-for-width fields after a
// relayout (seen on Qt 6.4). Owned by its RunPage; GUI thread.
class WrappingField final : public QTextEdit
{
public:
    explicit WrappingField(QWidget *parent);

    void setText(const QString &text);

    QSize sizeHint() const final;
    QSize minimumSizeHint() const final;

protected:
    void resizeEvent(QResizeEvent *event) final;

private:
    void fitHeight();
};

// The tabs of the run's tables. Titles carry their counts ("Metrics (4)") when they fit and
// drop them in a narrow pane, rather than hiding tabs behind scroll buttons. Owned by its
// RunPage; GUI thread.
class RunTabs final : public QTabWidget
{
public:
    using QTabWidget::QTabWidget;

    void setTitles(int index, const QString &full, const QString &compact);

protected:
    void resizeEvent(QResizeEvent *event) final;

private:
    void fitTitles();

    QList<std::pair<QString, QString>> m_titles; // full and compact title per tab
};

// Copies the selected cells of `view` (a RunTableModel behind any proxy) to the clipboard as
// tab-separated lines: full values, not the elided display text. GUI thread.
void copySelection(const QTableView *view);

} // namespace ModelDesk::RunTables
