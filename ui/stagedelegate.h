#pragma once

#include <QStyledItemDelegate>

namespace ModelDesk {

// Paints a stage cell as a coloured badge (Production green, Staging amber, Archived grey,
// None outlined), the colours used wherever ModelDesk shows a stage. The colours keep a
// contrast of at least 4.5:1 (WCAG AA) between a badge's text and what is behind it, in
// light and dark palettes and on selected rows. GUI thread.
class StageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    struct BadgeColors
    {
        QColor fill;   // invalid: no fill, the row shows through (None)
        QColor text;
        QColor border; // invalid: none
    };
    // The badge of `stage` on a row painted with `palette`, selected or not.
    static BadgeColors colorsFor(const QString &stage, const QPalette &palette, bool selected);
};

} // namespace ModelDesk
