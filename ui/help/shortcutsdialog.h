#pragma once

#include <QDialog>

class QLineEdit;
class QMenuBar;
class QTreeWidget;

namespace ModelDesk {

// Help ▸ Keyboard Shortcuts: every shortcut of the window's menus, read from the actions
// themselves so the list cannot drift from what the keys do, followed by the keys that
// belong to a widget (text fields, the description editor, the tables). A filter box finds a
// command or a key; Copy puts the whole list on the clipboard. Created by the main window;
// GUI thread.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);

    // The list as text, one "Command<TAB>Keys" line each, sections as headings.
    QString text() const;

private:
    void filter(const QString &text);

    QLineEdit *m_filter;
    QTreeWidget *m_list;
};

} // namespace ModelDesk
