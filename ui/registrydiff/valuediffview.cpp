#include "ui/registrydiff/valuediffview.h"

#include "models/registrydiff/registrydiffmodel.h"
#include "registry/diff/linediff.h"

#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

namespace ModelDesk {

namespace {

using RowKind = LineDiffRow::Kind;

// The tint a side's differing lines get: its group's colour, faint enough to read text on.
QColor tint(ChangeGroup group, const QPalette &palette)
{
    QColor color = changeGroupColor(group, palette);
    color.setAlpha(palette.color(QPalette::Base).lightness() < 128 ? 70 : 45);
    return color;
}

void mark(QPlainTextEdit *edit, const QList<std::pair<int, ChangeGroup>> &lines)
{
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(lines.size());
    for (const auto &[line, group] : lines) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(edit->document()->findBlockByNumber(line));
        selection.format.setBackground(tint(group, edit->palette()));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.format.setProperty(QTextFormat::UserProperty, line);
        selections.append(selection);
    }
    edit->setExtraSelections(selections);
}

QList<int> markedLines(const QPlainTextEdit *edit)
{
    QList<int> lines;
    for (const QTextEdit::ExtraSelection &selection : edit->extraSelections())
        lines.append(selection.format.property(QTextFormat::UserProperty).toInt());
    return lines;
}

QPlainTextEdit *sideEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    // On both sides, so that their viewports stay the same height and their lines level.
    edit->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

} // namespace

ValueDiffView::ValueDiffView(QWidget *parent)
    : QWidget(parent)
    , m_oldTitle(new QLabel(this))
    , m_newTitle(new QLabel(this))
    , m_old(sideEdit(QStringLiteral("compareOldValue"), this))
    , m_new(sideEdit(QStringLiteral("compareNewValue"), this))
{
    m_oldTitle->setObjectName(QStringLiteral("compareOldTitle"));
    m_newTitle->setObjectName(QStringLiteral("compareNewTitle"));
    for (QLabel *title : {m_oldTitle, m_newTitle}) {
        title->setTextFormat(Qt::PlainText);
        title->setMinimumWidth(40);
    }
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_oldTitle, 0, 0);
    layout->addWidget(m_newTitle, 0, 1);
    layout->addWidget(m_old, 1, 0);
    layout->addWidget(m_new, 1, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    // The sides' lines are aligned, so they scroll as one.
    for (auto [from, to] : {std::pair(m_old, m_new), std::pair(m_new, m_old)}) {
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, to->verticalScrollBar(),
                &QScrollBar::setValue);
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, to->horizontalScrollBar(),
                &QScrollBar::setValue);
    }
    clear({});
}

void ValueDiffView::setValues(const QString &oldTitle,
                              const std::optional<QString> &oldValue,
                              const QString &newTitle,
                              const std::optional<QString> &newValue)
{
    m_oldTitle->setText(oldTitle);
    m_newTitle->setText(newTitle);
    const QString none = tr("(none)");
    m_old->setPlaceholderText(none);
    m_new->setPlaceholderText(none);
    const QStringList before = oldValue ? oldValue->split(QLatin1Char('\n')) : QStringList();
    const QStringList after = newValue ? newValue->split(QLatin1Char('\n')) : QStringList();
    // Each side gets a blank line where only the other has one, so that rows stay aligned.
    QStringList left;
    QStringList right;
    QList<std::pair<int, ChangeGroup>> leftMarks;
    QList<std::pair<int, ChangeGroup>> rightMarks;
    for (const LineDiffRow &row : diffLines(before, after)) {
        const int line = int(left.size());
        left.append(row.left >= 0 ? before.at(row.left) : QString());
        right.append(row.right >= 0 ? after.at(row.right) : QString());
        switch (row.kind) {
        case RowKind::Same:
            break;
        case RowKind::Changed:
            leftMarks.append({line, ChangeGroup::Changed});
            rightMarks.append({line, ChangeGroup::Changed});
            break;
        case RowKind::Removed:
            leftMarks.append({line, ChangeGroup::Removed});
            break;
        case RowKind::Added:
            rightMarks.append({line, ChangeGroup::Added});
            break;
        }
    }
    m_old->setPlainText(oldValue ? left.join(QLatin1Char('\n')) : QString());
    m_new->setPlainText(newValue ? right.join(QLatin1Char('\n')) : QString());
    mark(m_old, oldValue ? leftMarks : QList<std::pair<int, ChangeGroup>>());
    mark(m_new, newValue ? rightMarks : QList<std::pair<int, ChangeGroup>>());
}

void ValueDiffView::clear(const QString &hint)
{
    m_oldTitle->setText(tr("Old"));
    m_newTitle->setText(tr("New"));
    for (QPlainTextEdit *edit : {m_old, m_new}) {
        edit->clear();
        edit->setExtraSelections({});
        edit->setPlaceholderText(hint);
    }
}

QString ValueDiffView::oldText() const
{
    return m_old->toPlainText();
}

QString ValueDiffView::newText() const
{
    return m_new->toPlainText();
}

QList<int> ValueDiffView::markedOldLines() const
{
    return markedLines(m_old);
}

QList<int> ValueDiffView::markedNewLines() const
{
    return markedLines(m_new);
}

} // namespace ModelDesk
