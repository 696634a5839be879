#pragma once

#include "registry/types.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace ModelDesk {

class TagTableModel;

// The tags of a model or version: a table (editable in place) and a key/value form with
// Add, Save (the selected tag) and Remove. MLflow's key rules are checked as the user types:
// an invalid key marks the field, says why in its tooltip and below it, and disables Add and
// Save. It writes nothing itself: accepted edits are announced through tagAdded, tagChanged
// and tagRemoved, and setTags() with a fresh read replaces what is shown. Owned by the
// OverviewPage; GUI thread.
class TagEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TagEditor(QWidget *parent = nullptr);

    void setTags(const QList<Tag> &tags);
    QList<Tag> tags() const;
    TagTableModel *model() const { return m_model; }
    // Hides the form and makes the table read-only.
    void setReadOnly(bool readOnly);
    // Puts the keyboard focus in the key field of a new tag.
    void focusNewTag();
    bool isReadOnly() const { return m_readOnly; }

signals:
    void tagAdded(const ModelDesk::Tag &tag);
    void tagChanged(const ModelDesk::Tag &before, const ModelDesk::Tag &after);
    void tagRemoved(const ModelDesk::Tag &tag);

private:
    int selectedRow() const;
    void selectionChanged();
    void validate();
    void add();
    void save();
    void remove();
    void clearForm();
    void updateTableHeight();
    void updateEmptyState();

    TagTableModel *m_model;
    bool m_readOnly = false;
    QLabel *m_emptyLabel;
    QTableView *m_table;
    QWidget *m_form;
    QLineEdit *m_keyInput;
    QLineEdit *m_valueInput;
    QLabel *m_keyMessage;
    QPushButton *m_addButton;
    QPushButton *m_saveButton;
    QPushButton *m_removeButton;
};

} // namespace ModelDesk
