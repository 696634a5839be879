#pragma once

#include <QStyledItemDelegate>

namespace ModelDesk {

// Paints a stage cell as a coloured badge (Production green, Staging amber, Archived grey,
// None outlined), the colours used wherever ModelDesk shows a stage. GUI thread.
class StageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor colorFor(const QString &stage);
};

} // namespace ModelDesk
