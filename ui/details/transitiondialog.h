#pragma once

#include "registry/types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace ModelDesk {

// Asks where a model version should move: the target stage (the four MLflow stages but the
// current one), whether other versions in that stage are archived (Staging and Production
// only), and a summary saying exactly what will change, computed from the versions the
// caller knows (the model's latest version per stage). Writes nothing: the caller reads
// targetStage() and archiveExisting() after accept. Created by the OverviewPage; GUI thread.
class TransitionDialog : public QDialog
{
    Q_OBJECT
public:
    TransitionDialog(const ModelVersion &version, const QList<ModelVersion> &knownVersions,
                     QWidget *parent = nullptr);

    QString targetStage() const;
    void setTargetStage(const QString &stage);
    ArchiveExisting archiveExisting() const;
    void setArchiveExisting(ArchiveExisting archive);
    QString summary() const;

    // The summary for a move of `version` to `target` ("Version 5 moves from Staging to
    // Production. Version 3 (Production) will be archived.").
    static QString describe(const ModelVersion &version, const QList<ModelVersion> &known,
                            const QString &target, ArchiveExisting archive);
    // The stages a version in `current` can move to, in MLflow's order.
    static QStringList targetsFrom(const QString &current);

private:
    void update();

    ModelVersion m_version;
    QList<ModelVersion> m_known;
    QComboBox *m_stageCombo;
    QCheckBox *m_archiveCheck;
    QLabel *m_summary;
    QPushButton *m_okButton;
};

} // namespace ModelDesk
