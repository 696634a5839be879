#pragma once

#include "registry/registry.h"
#include "ui/details/editcommands.h"

#include <QWidget>

class QUndoStack;

namespace ModelDesk {

// The Overview tab of the details pane, for a registered model or one of its versions:
// Markdown description (editor + rendered preview), tags editor, aliases, stage with
// Transition…, copy URI. Edits go to the Registry through undoable commands on `undoStack`.
// Owned by the DetailsPane; GUI thread.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    OverviewPage(Registry *registry, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~OverviewPage() override;

    // Shows a model (no version) or a version of it. `model` is the full model as read.
    void showModel(const RegisteredModel &model);
    void showVersion(const RegisteredModel &model, const ModelVersion &version);
    void clear();
    // Disables every edit (read-only registry).
    void setReadOnly(bool readOnly);
    // A line under the title saying the user's permission on a server (empty: none shown).
    void setPermissionNote(const QString &note);

    // A description edited and not saved: in the open editor, or a draft kept when the
    // selection moved on.
    struct UnsavedDescription
    {
        EditTarget target;
        QString text;
        ExpectedTimestamp expected; // of the description the edit started from
    };
    QList<UnsavedDescription> unsavedDescriptions() const;
    // Drops every unsaved description edit (after the user chose Discard, or saved them).
    void discardUnsavedDescriptions();
    // Drops the unsaved edit of `target` (it was saved).
    void dropUnsavedDescription(const EditTarget &target);
    // True while a description save started here has not answered.
    bool isSavingDescription() const;

    // The actions the window's menus offer on what the page shows.
    bool hasContent() const;
    // The model or version shown.
    EditTarget shownTarget() const;
    bool showsVersion() const;
    bool isReadOnly() const;
    // Opens the Transition dialog for the version shown (window-modal).
    void openTransitionDialog();
    // Opens the Request Promotion dialog for the version shown.
    void requestPromotion();
    // Opens the description editor with the keyboard focus in it.
    void editDescription();
    // Copies models:/NAME/VERSION (or models:/NAME) to the clipboard.
    void copyUri();
    // Puts the keyboard focus in the new-tag or new-alias field.
    void focusNewTag();
    void focusNewAlias();

signals:
    // A registry call failed; the main window shows it in its message bar.
    void errorOccurred(const ModelDesk::RegistryError &error);
    // A description save started here has answered (either way).
    void descriptionSaveFinished();
    // A status line for the main window ("Saved description of churn v3").
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ModelDesk
