#include "ui/help/shortcutsdialog.h"

#include <QAction>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ModelDesk {
namespace {

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts())
        keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

QString plain(QString text)
{
    // "&Open…" → "Open…"; "&Undo Set tag" keeps the edit it names.
    return text.remove(QLatin1Char('&'));
}

void addMenu(QTreeWidget *list, const QMenu *menu)
{
    auto *section = new QTreeWidgetItem(list, {plain(menu->title())});
    section->setFirstColumnSpanned(true);
    QFont bold = section->font(0);
    bold.setBold(true);
    section->setFont(0, bold);
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (action->menu()) {
            addMenu(list, action->menu());
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        auto *item = new QTreeWidgetItem(section, {plain(action->text()), keysOf(action)});
        item->setToolTip(0, action->toolTip());
        item->setToolTip(1, action->toolTip());
    }
    if (section->childCount() == 0)
        delete section;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_filter->setObjectName(QStringLiteral("shortcutsFilter"));
    m_filter->setPlaceholderText(tr("Find a command or a key"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::filter);

    m_list->setObjectName(QStringLiteral("shortcutsList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Command"), tr("Keys")});
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    for (const QAction *action : menus->actions()) {
        if (action->menu())
            addMenu(m_list, action->menu());
    }
    // Keys that belong to a widget rather than to a menu command.
    const struct
    {
        QString section;
        QList<std::pair<QString, QString>> keys;
    } local[] = {
        {tr("Panes and lists"),
         {{tr("Next / previous pane"), tr("Tab, Shift+Tab")},
          {tr("Move in a list"), tr("Up, Down, PgUp, PgDown, Home, End")},
          {tr("Add to the selection of versions"), tr("Shift+Up, Shift+Down, Ctrl+Space")},
          {tr("Delete the selected versions"), tr("Del (in the versions table)")},
          {tr("Copy the selected cells"), tr("Ctrl+C (in the run's tables)")}}},
        {tr("Lineage graph"),
         {{tr("Fit the graph"), tr("F")},
          {tr("Zoom in / out"), tr("Ctrl++, Ctrl+-, wheel")},
          {tr("Actual size"), tr("Ctrl+0")},
          {tr("Expand a node"), tr("Double-click")},
          {tr("Unfold a group"), tr("Click")}}},
        {tr("Description editor"),
         {{tr("Save"), tr("Ctrl+S, Ctrl+Enter")},
          {tr("Cancel the edit"), tr("Esc")}}},
        {tr("Text fields"),
         {{tr("Undo typing"), tr("Ctrl+Z")},
          {tr("Redo typing"), tr("Ctrl+Shift+Z")},
          {tr("Add the tag or alias typed"), tr("Enter")}}},
    };
    for (const auto &group : local) {
        auto *section = new QTreeWidgetItem(m_list, {group.section});
        section->setFirstColumnSpanned(true);
        QFont bold = section->font(0);
        bold.setBold(true);
        section->setFont(0, bold);
        for (const auto &[command, keys] : group.keys)
            new QTreeWidgetItem(section, {command, keys});
    }
    m_list->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy the whole list to the clipboard"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(520, 600);
}

QString ShortcutsDialog::text() const
{
    QStringList lines;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *section = m_list->topLevelItem(i);
        if (!lines.isEmpty())
            lines << QString();
        lines << section->text(0);
        for (int j = 0; j < section->childCount(); ++j)
            lines << section->child(j)->text(0) + QLatin1Char('\t') + section->child(j)->text(1);
    }
    return lines.join(QLatin1Char('\n'));
}

void ShortcutsDialog::filter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_list->topLevelItem(i);
        bool any = false;
        for (int j = 0; j < section->childCount(); ++j) {
            QTreeWidgetItem *item = section->child(j);
            const bool match = needle.isEmpty()
                               || item->text(0).contains(needle, Qt::CaseInsensitive)
                               || item->text(1).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            any = any || match;
        }
        section->setHidden(!any);
    }
}

} // namespace ModelDesk
