#include "ui/stagedelegate.h"

#include "registry/types.h"

#include <QApplication>
#include <QPainter>

namespace ModelDesk {

QColor StageDelegate::colorFor(const QString &stage)
{
    if (stage == Stage::Production)
        return QColor(0x2e, 0x7d, 0x32);
    if (stage == Stage::Staging)
        return QColor(0xef, 0x8f, 0x00);
    if (stage == Stage::Archived)
        return QColor(0x75, 0x75, 0x75);
    return QColor(0x54, 0x6e, 0x7a);
}

void StageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString stage = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    if (stage.isEmpty())
        return;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics(opt.font);
    const int width = metrics.horizontalAdvance(stage) + 14;
    const int height = metrics.height() + 2;
    QRect badge(opt.rect.left() + 4, opt.rect.center().y() - height / 2, width, height);
    badge = badge.intersected(opt.rect.adjusted(2, 1, -2, -1));
    const QColor color = colorFor(stage);
    if (stage == Stage::None) {
        painter->setPen(QPen(color, 1));
        painter->setBrush(Qt::NoBrush);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
    }
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(stage == Stage::None ? color : QColor(Qt::white));
    painter->drawText(badge, Qt::AlignCenter, stage);
    painter->restore();
}

QSize StageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 18);
    return size;
}

} // namespace ModelDesk
