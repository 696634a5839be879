#pragma once

#include <QTextDocument>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTextBrowser;

namespace ModelDesk {

// A Markdown description: shown rendered (or as an empty state) until the user clicks Edit,
// then edited as plain text with a Write / Preview / Side by side toggle, Save and Cancel.
// A description set while the editor is open never replaces the user's text; a notice says
// that it changed. It writes nothing itself: Save emits saveRequested. Owned by the
// OverviewPage; GUI thread.
class DescriptionEditor : public QWidget
{
    Q_OBJECT
public:
    enum class EditLayout { Write, Preview, SideBySide };

    explicit DescriptionEditor(QWidget *parent = nullptr);

    // How descriptions are read as Markdown (GitHub's dialect, as MLflow's web UI).
    static QTextDocument::MarkdownFeatures markdownFeatures();

    // The description as stored; while editing, only the base the editor compares against.
    void setDescription(const QString &markdown);
    QString description() const { return m_description; }
    QString editedText() const;

    bool isEditing() const { return m_editing; }
    void startEditing();
    // Closes the editor, dropping unsaved text.
    void cancelEditing();
    // Gives the keyboard focus to the text editor (when editing).
    void focusEditor();
    // Replaces the text in the open editor (a draft brought back).
    void setEditedText(const QString &text);
    void setEditLayout(EditLayout layout);
    EditLayout editLayout() const { return m_layout; }
    // Hides Edit and closes the editor.
    void setReadOnly(bool readOnly);
    // While a save is under way the editor keeps the text but takes no more edits.
    void setSaving(bool saving);
    bool isSaving() const { return m_saving; }

signals:
    void saveRequested(const QString &markdown);
    void editingChanged(bool editing);

private:
    void updateView();
    void updatePreview();
    void updateButtons();

    QString m_description;
    QString m_descriptionAtEditStart;
    bool m_editing = false;
    bool m_readOnly = false;
    bool m_saving = false;
    EditLayout m_layout = EditLayout::Write;

    QString m_previewSource;
    QLabel *m_emptyLabel;
    QPushButton *m_editButton;
    QWidget *m_layoutToggles = nullptr;
    QButtonGroup *m_layoutGroup;
    QLabel *m_changedNotice;
    QSplitter *m_splitter;
    QPlainTextEdit *m_editor;
    QTextBrowser *m_preview;
    QPushButton *m_saveButton;
    QPushButton *m_cancelButton;
};

} // namespace ModelDesk
