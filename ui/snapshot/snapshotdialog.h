#pragma once

#include "registry/snapshot/snapshot.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ModelDesk {

class Registry;

// File ▸ Take Snapshot…: where to write the snapshot of the open registry and whether to keep
// small artifacts; then the copy's progress (step, items, bytes) with Cancel. Accepted once
// the snapshot is complete; Cancel during the copy stops it and leaves no file. Remembers
// the folder and the artifact choice.
class SnapshotDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SnapshotDialog(Registry *registry, QWidget *parent = nullptr);
    ~SnapshotDialog() override;

    QString path() const;
    void setPath(const QString &path);
    bool isRunning() const { return m_job != nullptr; }
    // What the finished snapshot holds (after accept).
    SnapshotInfo info() const { return m_info; }

signals:
    void snapshotTaken(const QString &path, const ModelDesk::SnapshotInfo &info);

public slots:
    void accept() override;
    void reject() override;

private:
    void browse();
    void start();
    void onProgress(const SnapshotProgress &progress);
    void onFinished(const Result<SnapshotInfo> &result);
    void setRunning(bool running);

    QPointer<Registry> m_registry;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QCheckBox *m_artifacts;
    QSpinBox *m_maxSize;
    QLabel *m_what;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    SnapshotJob *m_job = nullptr;
    SnapshotInfo m_info;
};

} // namespace ModelDesk
