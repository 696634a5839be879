#include "ui/details/runtables.h"

#include "models/roles.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QResizeEvent>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStylePainter>
#include <QTabBar>
#include <QTableView>
#include <QTextDocument>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace ModelDesk::RunTables {

Cell textCell(const QString &text, const QString &toolTip)
{
    Cell cell {text, {}, {}, toolTip};
    // Multi-line values (notes, JSON) are shown on one line; the tooltip has them whole.
    if (text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\t')))
        cell.display = text.simplified();
    // The view elides anyway; a bound keeps column sizing cheap for 8000-character params.
    constexpr int MaxDisplay = 400;
    if ((cell.display.isEmpty() ? text : cell.display).size() > MaxDisplay)
        cell.display
            = (cell.display.isEmpty() ? text : cell.display).left(MaxDisplay) + QChar(0x2026);
    return cell;
}

Cell numberCell(const QString &display, double value, const QString &toolTip)
{
    return Cell {display, {}, value, toolTip, Qt::AlignRight};
}

Cell timeCell(const QString &display, qint64 milliseconds, const QString &toolTip)
{
    return Cell {display, {}, double(milliseconds), toolTip, Qt::AlignLeft};
}

// RunTableModel

RunTableModel::RunTableModel(QList<Header> headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{ }

void RunTableModel::setRows(QList<Row> rows)
{
    for (Row &row : rows)
        row.resize(m_headers.size());
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int RunTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant RunTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Cell &cell = m_rows.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return cell.display.isEmpty() ? cell.text : cell.display;
    case Qt::ToolTipRole:
        if (!cell.toolTip.isEmpty())
            return cell.toolTip;
        if (cell.text.size() > 40 || !cell.display.isEmpty())
            return cell.text;
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignVCenter | cell.alignment);
    case SortRole:
        return cell.sortValue.isValid() ? cell.sortValue : QVariant(cell.text);
    case RawValueRole:
        return cell.text;
    default:
        return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_headers.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_headers.at(section).title;
    if (role == Qt::ToolTipRole)
        return m_headers.at(section).toolTip;
    return {};
}

Qt::ItemFlags RunTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

// RunSortProxy

RunSortProxy::RunSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_collator(collationLocale())
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(SortRole);
}

bool RunSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(SortRole);
    const QVariant b = right.data(SortRole);
    if (isNumber(a) && isNumber(b)) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (std::isnan(x) || std::isnan(y))
            return !std::isnan(x) && std::isnan(y);
        return x < y;
    }
    return m_collator.compare(a.toString(), b.toString()) < 0;
}

// QCollator compares plainly in the C locale (no numeric mode); sort as English there.
QLocale RunSortProxy::collationLocale()
{
    const QLocale locale;
    return locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates)
                                           : locale;
}

bool RunSortProxy::isNumber(const QVariant &value)
{
    const int type = value.typeId();
    return type == QMetaType::Double || type == QMetaType::LongLong || type == QMetaType::Int;
}

// ElidedButton

QSize ElidedButton::minimumSizeHint() const
{
    QSize size = QPushButton::minimumSizeHint();
    size.setWidth(std::min(size.width(), fontMetrics().averageCharWidth() * 16));
    return size;
}

void ElidedButton::paintEvent(QPaintEvent *)
{
    QStylePainter painter(this);
    QStyleOptionButton option;
    initStyleOption(&option);
    int available = style()->subElementRect(QStyle::SE_PushButtonContents, &option, this).width();
    if (!option.icon.isNull())
        available -= option.iconSize.width() + 4;
    option.text = fontMetrics().elidedText(text(), Qt::ElideRight, std::max(0, available));
    painter.drawControl(QStyle::CE_PushButton, option);
}

// WrappingField

WrappingField::WrappingField(QWidget *parent)
    : QTextEdit(parent)
{
    setReadOnly(true);
    setAcceptRichText(false);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setTabChangesFocus(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    document()->setDocumentMargin(0);
    viewport()->setAutoFillBackground(false);
    setFixedHeight(fontMetrics().height());
}

void WrappingField::setText(const QString &text)
{
    setPlainText(text);
    fitHeight();
    updateGeometry();
}

QSize WrappingField::sizeHint() const
{
    return {fontMetrics().horizontalAdvance(toPlainText()) + 4, height()};
}

QSize WrappingField::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 8, height()};
}

void WrappingField::resizeEvent(QResizeEvent *event)
{
    QTextEdit::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitHeight();
}

void WrappingField::fitHeight()
{
    // The document wraps at the viewport's width; measure a copy so that the height is
    // right even before the shown document has been laid out again.
    QTextDocument scratch;
    scratch.setDocumentMargin(0);
    scratch.setDefaultFont(font());
    scratch.setDefaultTextOption(document()->defaultTextOption());
    scratch.setPlainText(toPlainText());
    scratch.setTextWidth(std::max(1, viewport()->width()));
    const int wanted = std::max(fontMetrics().height(), qCeil(scratch.size().height()));
    if (wanted != height())
        setFixedHeight(wanted);
}

// RunTabs

void RunTabs::setTitles(int index, const QString &full, const QString &compact)
{
    if (m_titles.size() <= index)
        m_titles.resize(index + 1);
    m_titles[index] = {full, compact};
    fitTitles();
}

void RunTabs::resizeEvent(QResizeEvent *event)
{
    QTabWidget::resizeEvent(event);
    fitTitles();
}

void RunTabs::fitTitles()
{
    const QFontMetrics metrics = tabBar()->fontMetrics();
    const int tabs = std::min(count(), int(m_titles.size()));
    int needed = 0;
    for (int i = 0; i < tabs; ++i) {
        needed += tabBar()->tabRect(i).width() - metrics.horizontalAdvance(tabText(i))
            + metrics.horizontalAdvance(m_titles.at(i).first);
    }
    const bool full = needed <= width();
    for (int i = 0; i < tabs; ++i) {
        const QString &title = full ? m_titles.at(i).first : m_titles.at(i).second;
        if (tabText(i) != title)
            setTabText(i, title);
    }
}

// Free helpers

void copySelection(const QTableView *view)
{
    QModelIndexList indexes = view->selectionModel()->selectedIndexes();
    if (indexes.isEmpty() && view->currentIndex().isValid())
        indexes.append(view->currentIndex());
    if (indexes.isEmpty())
        return;
    std::sort(indexes.begin(), indexes.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return std::pair(a.row(), a.column()) < std::pair(b.row(), b.column());
    });
    QString text;
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        if (i > 0)
            text += indexes.at(i).row() == indexes.at(i - 1).row() ? QLatin1Char('\t')
                                                                   : QLatin1Char('\n');
        text += indexes.at(i).data(RawValueRole).toString();
    }
    QGuiApplication::clipboard()->setText(text);
}

} // namespace ModelDesk::RunTables
