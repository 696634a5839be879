#pragma once

#include <QString>

class QTableView;
class QWidget;

namespace ModelDesk::TableViews {

// The window's list views: whole rows selected, no grid, Tab leaving the view (arrow keys
// move inside it), long values elided in the middle — the start and the end of a name, a
// source URI or a run id are what tell values apart — with the full text in the item's
// tooltip, movable columns and a header menu that shows and hides them.
QTableView *create(QWidget *parent, const QString &objectName);

// Sizes each shown column to its header and the rows loaded so far, at most `maxWidth`
// pixels, until the user resizes a column of the view (or a remembered layout was
// restored, see setUserSized()); the last column takes the rest.
void fitColumns(QTableView *view, int maxWidth);
// Whether the view keeps its column widths because the user (or a remembered layout) set
// them; false lets fitColumns() size them again.
void setUserSized(QTableView *view, bool userSized);
bool isUserSized(const QTableView *view);

} // namespace ModelDesk::TableViews
