#pragma once

#include "registry/card/modelcard.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QToolButton;
class QUndoStack;

namespace ModelDesk {

class EditReporter;

// The Model Card tab of a version: the card rendered (facts from the registry, prose from
// its modeldesk.card.* tags), Edit to write the prose sections in Markdown (each editor has
// its own undo while editing; Save is one step on the window's undo stack), and Export as
// Markdown, HTML or PDF. Reads when it is the tab shown. GUI thread.
class CardPage : public QWidget
{
    Q_OBJECT
public:
    CardPage(Registry *registry, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~CardPage() override;

    void setVersion(const QString &name, qint64 version);
    void clear();
    void setActive(bool active);
    void reload();
    void setReadOnly(bool readOnly);
    bool isLoading() const { return m_loading; }
    bool isEditing() const;
    const Card::ModelCard &card() const { return m_card; }
    // The card as shown (for tests).
    QString shownText() const;

    // Starts editing the prose sections; Save writes the changed ones.
    void edit();
    void save();
    void cancel();
    // The editor of a section by key ("intended_use"), for tests.
    QWidget *sectionEditor(const QString &key) const;

    // Asks where to export (the format follows the file type chosen).
    void exportWithDialog();
    // Writes the card as `format` ("markdown", "html", "pdf"); false with the reason.
    bool exportTo(const QString &path, const QString &format, QString *error) const;

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const ModelDesk::RegistryError &error);
    void statusMessage(const QString &message);

private:
    void load();
    void setLoading(bool loading);
    void showCard(const Card::ModelCard &card);
    void updateButtons();
    QString sectionText(const QString &key) const;
    bool hasChanges() const;
    QString draftKey() const;

    QPointer<Registry> m_registry;
    QUndoStack *m_undoStack;
    EditReporter *m_reporter;
    QString m_name;
    qint64 m_version = 0;
    bool m_active = false;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_readOnly = false;
    quint64 m_generation = 0;
    Card::ModelCard m_card;
    QPushButton *m_edit;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QToolButton *m_export;
    QLabel *m_state;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTextBrowser *m_view;
    QWidget *m_editor;
    QHash<QString, QWidget *> m_editors; // QLineEdit (licence) or QPlainTextEdit
    // Unsaved edits of versions the selection moved away from, by "name\x1fversion";
    // Edit brings them back.
    QHash<QString, QHash<QString, QString>> m_drafts;
    bool m_exportWhenLoaded = false;
};

} // namespace ModelDesk
