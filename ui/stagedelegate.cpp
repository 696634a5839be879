#include "ui/stagedelegate.h"

#include "models/roles.h"
#include "registry/types.h"

#include <QApplication>
#include <QPainter>

namespace ModelDesk {

StageDelegate::BadgeColors StageDelegate::colorsFor(const QString &stage, const QPalette &palette,
                                                    bool selected)
{
    // Filled badges are dark enough for white text (5:1 and more) on any row.
    BadgeColors colors;
    colors.text = Qt::white;
    if (stage == Stage::Production)
        colors.fill = QColor(0x1a, 0x7f, 0x37);
    else if (stage == Stage::Staging)
        colors.fill = QColor(0x9a, 0x5b, 0x00);
    else if (stage == Stage::Archived)
        colors.fill = QColor(0x5b, 0x63, 0x6e);
    if (colors.fill.isValid()) {
        // On a selected row a light rim keeps the badge apart from the highlight.
        if (selected)
            colors.border = palette.color(QPalette::HighlightedText);
        return colors;
    }
    // None is an outline in the row's text colour. On a selected row, whose highlight styles
    // do not always keep readable against light text, it becomes a chip of the view's own
    // background and text colours inside a light rim.
    if (selected) {
        colors.fill = palette.color(QPalette::Active, QPalette::Base);
        colors.text = palette.color(QPalette::Active, QPalette::Text);
        colors.border = palette.color(QPalette::Active, QPalette::HighlightedText);
        return colors;
    }
    colors.fill = QColor();
    colors.text = palette.color(QPalette::Active, QPalette::Text);
    colors.border = colors.text;
    return colors;
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
    const BadgeColors colors
        = colorsFor(stage, opt.palette, opt.state.testFlag(QStyle::State_Selected));
    painter->setPen(colors.border.isValid() ? QPen(colors.border, 1) : QPen(Qt::NoPen));
    painter->setBrush(colors.fill.isValid() ? QBrush(colors.fill) : QBrush(Qt::NoBrush));
    painter->drawRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0,
                             height / 2.0);
    painter->setPen(colors.text);
    painter->drawText(badge, Qt::AlignCenter, stage);

    // The approval mark after the badge: "!" in red for what no approved request stands
    // behind, an outlined dot for a request waiting for a decision.
    const QString approval = index.data(ApprovalRole).toString();
    const int size = height - 4;
    const QRectF mark(badge.right() + 5, opt.rect.center().y() - size / 2.0, size, size);
    if (approval == QLatin1String("unapproved")) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xc0, 0x39, 0x2b));
        painter->drawEllipse(mark);
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(Qt::white);
        painter->drawText(mark, Qt::AlignCenter, QStringLiteral("!"));
    } else if (approval == QLatin1String("requested")) {
        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        painter->setPen(QPen(opt.palette.color(selected ? QPalette::HighlightedText
                                                        : QPalette::Highlight),
                             2));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(mark.adjusted(2, 2, -2, -2));
    }
    painter->restore();
}

QSize StageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 18);
    if (!index.data(ApprovalRole).toString().isEmpty())
        size.setWidth(size.width() + option.fontMetrics.height());
    return size;
}

} // namespace ModelDesk
