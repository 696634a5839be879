#pragma once

#include "registry/registry.h"

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

signals:
    // A registry call failed; the main window shows it in its message bar.
    void errorOccurred(const ModelDesk::RegistryError &error);
    // A status line for the main window ("Saved description of churn v3").
    void statusMessage(const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ModelDesk
