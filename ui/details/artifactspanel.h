#pragma once

#include "registry/registry.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace ModelDesk {

class ArtifactTreeModel;

// The Artifacts tab of the run page: the run's files as a lazily listed tree, and the
// download of one file at a time with progress, cancel and the place it was saved. Lists
// nothing until it is first shown, so that browsing versions with the tab closed costs no
// listing. A new run cancels the listings of the previous one; a download goes on until it
// ends or the user cancels it (or the panel goes). Errors are shown in place, never as
// dialogs. Owned by the RunPage; GUI thread.
class ArtifactsPanel : public QWidget
{
    Q_OBJECT
public:
    // Asks where to save a download, given the suggested file path (the last download
    // directory and the artifact's name); returns the chosen path, empty when cancelled.
    using SaveFileChooser = std::function<QString(QWidget *parent, const QString &suggested)>;

    explicit ArtifactsPanel(Registry *registry, QWidget *parent = nullptr);
    ~ArtifactsPanel() override;

    // Shows the artifacts of `runId`; an empty id clears. The run already shown keeps its
    // tree as it is (expanded folders included).
    void setRunId(const QString &runId);
    QString runId() const;
    ArtifactTreeModel *model() const;

    // Asks where to save the current file and downloads it there. Does nothing for a folder
    // or while another download runs.
    void downloadCurrent();
    bool isDownloading() const;
    // Replaces the file dialog (tests); an empty function restores it.
    void setSaveFileChooser(SaveFileChooser chooser);

    // Where downloads are suggested: the directory of the last one, else Downloads.
    static QString lastDownloadDirectory();

signals:
    // A download ended: saved (true), or failed or cancelled (false).
    void downloadFinished(bool saved);

protected:
    void showEvent(QShowEvent *event) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ModelDesk
