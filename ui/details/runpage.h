#pragma once

#include "registry/registry.h"

#include <QWidget>

#include <memory>

namespace ModelDesk {

// The Run tab of the details pane: the source run of a model version — name, status, user,
// start/end and duration, parameters, latest metrics, tags, dataset inputs, artifacts (an
// ArtifactsPanel) and the parent run. Loads asynchronously; a newer setRunId() drops the
// answer of an older one. Owned by the DetailsPane; GUI thread.
class RunPage : public QWidget
{
    Q_OBJECT
public:
    explicit RunPage(Registry *registry, QWidget *parent = nullptr);
    ~RunPage() override;

    // Loads run `runId`; an empty id clears the page. Reselecting the run on screen refreshes
    // it in place.
    void setRunId(const QString &runId);
    // The run shown or being loaded; after the user followed the parent-run link, the parent's.
    QString runId() const;
    // True when a run is loaded (the tab is shown only then). While a newer run loads it keeps
    // its value, so that the tab does not flicker; a missing run or an error makes it false.
    bool hasContent() const;
    // True while a run is being read.
    bool isLoading() const;

signals:
    void contentChanged(bool hasContent);
    void loadingChanged(bool loading);
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ModelDesk
