#include "ui/tableviews.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace ModelDesk::TableViews {
namespace {

constexpr char UserSized[] = "modeldeskUserSized";
constexpr char Fitting[] = "modeldeskFitting";

void showColumnMenu(QTableView *view, const QPoint &position)
{
    QHeaderView *header = view->horizontalHeader();
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    QMenu menu(view);
    menu.setObjectName(QStringLiteral("columnMenu"));
    menu.setToolTipsVisible(true);
    int shown = 0;
    for (int column = 0; column < model->columnCount(); ++column)
        shown += header->isSectionHidden(column) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction *action
            = menu.addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setToolTip(model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
        // The last shown column cannot go: a view without columns cannot get them back.
        action->setEnabled(header->isSectionHidden(column) || shown > 1);
        QObject::connect(action, &QAction::toggled, view, [view, header, column](bool on) {
            header->setSectionHidden(column, !on);
            if (on && view->columnWidth(column) < 40)
                view->resizeColumnToContents(column);
        });
    }
    menu.exec(header->mapToGlobal(position));
}

} // namespace

QTableView *create(QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Tab moves to the next pane; the arrow keys move between rows and cells.
    view->setTabKeyNavigation(false);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    QHeaderView *header = view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setTextElideMode(Qt::ElideRight);
    header->setMinimumSectionSize(view->fontMetrics().averageCharWidth() * 5);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QWidget::customContextMenuRequested, view,
                     [view](const QPoint &position) { showColumnMenu(view, position); });
    QObject::connect(header, &QHeaderView::sectionResized, view, [view] {
        if (!view->property(Fitting).toBool() && view->isVisible())
            setUserSized(view, true);
    });
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    return view;
}

void fitColumns(QTableView *view, int maxWidth)
{
    if (view->property(UserSized).toBool() || !view->model())
        return;
    QHeaderView *header = view->horizontalHeader();
    view->setProperty(Fitting, true);
    const int count = view->model()->columnCount();
    int lastShown = -1; // stretches to the width left, so it elides within the view
    for (int visual = count - 1; visual >= 0 && lastShown < 0; --visual) {
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            lastShown = header->logicalIndex(visual);
    }
    for (int column = 0; column < count; ++column) {
        if (header->isSectionHidden(column) || column == lastShown)
            continue;
        // (QTableView hides the hint that QAbstractItemView makes public.)
        const int content = static_cast<const QAbstractItemView *>(view)->sizeHintForColumn(column);
        const int headerWidth = header->sectionSizeHint(column);
        view->setColumnWidth(column, qMin(qMax(headerWidth, content + 8), qMax(maxWidth, headerWidth)));
    }
    // The last column takes what is left, however little: it elides rather than scrolls.
    if (lastShown >= 0) {
        int used = 0;
        for (int column = 0; column < count; ++column) {
            if (!header->isSectionHidden(column) && column != lastShown)
                used += view->columnWidth(column);
        }
        view->setColumnWidth(lastShown, qMax(header->minimumSectionSize(),
                                             view->viewport()->width() - used));
    }
    view->setProperty(Fitting, false);
}

bool isUserSized(const QTableView *view)
{
    return view->property(UserSized).toBool();
}

void setUserSized(QTableView *view, bool userSized)
{
    view->setProperty(UserSized, userSized);
}

} // namespace ModelDesk::TableViews
