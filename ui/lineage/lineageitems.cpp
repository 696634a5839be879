#include "ui/lineage/lineageitems.h"

#include "ui/theme.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QFontMetricsF>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

#include <cmath>

namespace ModelDesk {

namespace {

constexpr qreal Padding = 8;
constexpr qreal IconSize = 16;
constexpr qreal MaxLabelWidth = 220;
constexpr qreal BadgeHeight = 14;

QFont labelFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    return font;
}

QFont smallFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 0.75);
    return font;
}

// The kind's icon drawn in `color` (the files are drawn in black).
QSvgRenderer *iconFor(const QString &kind, const QColor &color)
{
    static QHash<QString, QSvgRenderer *> cache;
    const QString key = kind + color.name();
    if (auto *renderer = cache.value(key))
        return renderer;
    QFile file(QStringLiteral(":/modeldesk/icons/lineage/%1.svg").arg(kind));
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    QByteArray svg = file.readAll();
    svg.replace("#000000", color.name().toLatin1());
    auto *renderer = new QSvgRenderer(svg, qApp);
    cache.insert(key, renderer);
    return renderer;
}

QString tooltipFor(const DisplayNode &node, const LineageNode *details)
{
    if (node.isGroup()) {
        return QCoreApplication::translate("ModelDesk::LineageView",
                                           "%1\nClick to show each of them.")
            .arg(node.label);
    }
    QString text = QStringLiteral("<b>%1</b><br/><i>%2</i>")
                       .arg(node.label.toHtmlEscaped(), node.id.toHtmlEscaped());
    if (!details)
        return text;
    static const QStringList shown {QStringLiteral("stage"),
                                    QStringLiteral("aliases"),
                                    QStringLiteral("status"),
                                    QStringLiteral("user_id"),
                                    QStringLiteral("start_time"),
                                    QStringLiteral("end_time"),
                                    QStringLiteral("creation_timestamp"),
                                    QStringLiteral("lifecycle_stage"),
                                    QStringLiteral("source"),
                                    QStringLiteral("source_type"),
                                    QStringLiteral("rows"),
                                    QStringLiteral("sha"),
                                    QStringLiteral("source_name"),
                                    QStringLiteral("repository"),
                                    QStringLiteral("description"),
                                    QStringLiteral("missing")};
    for (const LineageAttribute &attribute : details->attributes) {
        if (!shown.contains(attribute.key))
            continue;
        QString value = attribute.value;
        if (attribute.key.endsWith(QLatin1String("_time"))
            || attribute.key.endsWith(QLatin1String("_timestamp"))) {
            value = QLocale().toString(QDateTime::fromMSecsSinceEpoch(value.toLongLong()),
                                       QLocale::ShortFormat);
        }
        text += QStringLiteral("<br/>%1: %2").arg(attribute.key, value.left(200).toHtmlEscaped());
    }
    return text;
}

} // namespace

QColor LineageNodeItem::kindColor(const QString &kind)
{
    static const QHash<QString, QColor> colors {
        {QStringLiteral("model"), QColor(0x7c3aed)},
        {QStringLiteral("version"), QColor(0x2563eb)},
        {QStringLiteral("logged_model"), QColor(0x0d9488)},
        {QStringLiteral("run"), QColor(0x16a34a)},
        {QStringLiteral("experiment"), QColor(0x64748b)},
        {QStringLiteral("commit"), QColor(0xea580c)},
        {QStringLiteral("dataset"), QColor(0xca8a04)},
    };
    return colors.value(kind, QColor(0x6b7280));
}

QSizeF LineageNodeItem::sizeFor(const DisplayNode &node)
{
    const QFontMetricsF metrics(labelFont());
    const qreal label = std::min(MaxLabelWidth, metrics.horizontalAdvance(node.label));
    const qreal width = Padding * 3 + IconSize + std::max<qreal>(label, 60);
    const qreal height = std::max(IconSize, metrics.height()) + Padding * 2
        + (node.kind == QLatin1String("version") ? BadgeHeight - 4 : 0);
    return {std::ceil(width), std::ceil(height)};
}

LayoutInput layoutInputFor(const DisplayGraph &display)
{
    QHash<QString, int> index;
    LayoutInput input;
    for (const DisplayNode &node : display.nodes) {
        index.insert(node.id, int(input.nodes.size()));
        input.nodes.append(LineageNodeItem::sizeFor(node));
    }
    for (const DisplayEdge &edge : display.edges)
        input.edges.append({index.value(edge.from, -1), index.value(edge.to, -1)});
    return input;
}

LineageNodeItem::LineageNodeItem(const DisplayNode &node, const LineageNode *details, bool selected)
    : m_node(node)
    , m_selected(selected)
    , m_size(sizeFor(node))
{
    if (details && !node.isGroup()) {
        m_stage = details->attribute(QStringLiteral("stage")).value_or(QString());
        m_marked = details->isDeleted() || details->isMissing();
    }
    setToolTip(tooltipFor(node, details));
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setData(0, node.id);
}

QRectF LineageNodeItem::boundingRect() const
{
    return QRectF(QPointF(-m_size.width() / 2 - 2, -m_size.height() / 2 - 2),
                  m_size + QSizeF(4, 4));
}

void LineageNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = QApplication::palette();
    const QColor kind = kindColor(m_node.kind);
    const QRectF box(QPointF(-m_size.width() / 2, -m_size.height() / 2), m_size);
    QColor fill = palette.color(QPalette::Base);
    fill = QColor::fromRgbF(fill.redF() * 0.82 + kind.redF() * 0.18,
                            fill.greenF() * 0.82 + kind.greenF() * 0.18,
                            fill.blueF() * 0.82 + kind.blueF() * 0.18);
    QPen border(m_selected ? palette.color(QPalette::Highlight) : kind,
                m_selected ? 3 : ((option->state & QStyle::State_MouseOver) ? 2 : 1.2));
    if (m_marked || m_node.isGroup())
        border.setStyle(Qt::DashLine);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(box, 6, 6);
    if (m_node.isGroup()) {
        // A stack: a second outline behind the first.
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(3, 3, 3, 3), 6, 6);
    }
    const QRectF icon(box.left() + Padding, box.center().y() - IconSize / 2, IconSize, IconSize);
    if (QSvgRenderer *renderer = iconFor(m_node.kind, kind))
        renderer->render(painter, icon);
    painter->setFont(labelFont());
    QColor text = palette.color(QPalette::Text);
    if (m_marked)
        text.setAlphaF(0.6);
    painter->setPen(text);
    const QRectF labelBox(icon.right() + Padding, box.top(),
                          box.right() - icon.right() - Padding * 2,
                          box.height() - (m_stage.isEmpty() ? 0 : BadgeHeight - 4));
    const QFontMetricsF metrics(labelFont());
    QFont font = labelFont();
    font.setStrikeOut(m_marked);
    painter->setFont(font);
    painter->drawText(labelBox, Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(m_node.label, Qt::ElideMiddle, labelBox.width()));
    if (!m_stage.isEmpty() && m_stage != QLatin1String("None")) {
        painter->setFont(smallFont());
        const QFontMetricsF small(smallFont());
        const qreal width = small.horizontalAdvance(m_stage) + 8;
        const QRectF badge(box.right() - width - 4, box.bottom() - BadgeHeight - 2, width,
                           BadgeHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::stageColor(m_stage));
        painter->drawRoundedRect(badge, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, m_stage);
    }
}

LineageEdgeItem::LineageEdgeItem(const QList<QPointF> &points,
                                 const QString &kind,
                                 const QColor &color)
{
    QPainterPath path;
    if (!points.isEmpty()) {
        path.moveTo(points.first());
        qsizetype i = 1;
        for (; i + 2 < points.size(); i += 3)
            path.cubicTo(points.at(i), points.at(i + 1), points.at(i + 2));
        for (; i < points.size(); ++i)
            path.lineTo(points.at(i));
        // The arrowhead at the end, along the last stretch.
        if (points.size() >= 2) {
            const QPointF tip = points.last();
            QPointF from = points.at(points.size() - 2);
            if (from == tip && points.size() >= 3)
                from = points.at(points.size() - 3);
            const QLineF back(tip, from);
            const qreal angle = std::atan2(-back.dy(), back.dx());
            constexpr qreal size = 7;
            const QPointF left
                = tip + QPointF(std::cos(angle + 0.45) * size, -std::sin(angle + 0.45) * size);
            const QPointF right
                = tip + QPointF(std::cos(angle - 0.45) * size, -std::sin(angle - 0.45) * size);
            path.moveTo(left);
            path.lineTo(tip);
            path.lineTo(right);
        }
    }
    setPath(path);
    QPen pen(color, 1.2);
    if (kind == QLatin1String("parent") || kind == QLatin1String("source"))
        pen.setStyle(Qt::DashLine);
    setPen(pen);
    setToolTip(kind);
    setZValue(-1);
}

} // namespace ModelDesk
