#pragma once

#include "registry/approval/approvalrules.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace ModelDesk {

// Asks what a promotion request is for: a stage (with or without archiving the versions in
// it) or an alias to point at the version, and a comment for the approvers. Writes nothing:
// the caller files request() after accept. Window-modal, GUI thread.
class RequestDialog : public QDialog
{
    Q_OBJECT
public:
    RequestDialog(const RegisteredModel &model, const ModelVersion &version,
                  QWidget *parent = nullptr);

    Approval::NewRequest request() const;
    void setStage(const QString &stage);
    void setAlias(const QString &alias);
    void setComment(const QString &comment);

private:
    void updateState();

    RegisteredModel m_model;
    ModelVersion m_version;
    QRadioButton *m_stageChoice;
    QRadioButton *m_aliasChoice;
    QComboBox *m_stage;
    QCheckBox *m_archive;
    QComboBox *m_alias;
    QPlainTextEdit *m_comment;
    QLabel *m_summary;
    QPushButton *m_ok;
};

} // namespace ModelDesk
