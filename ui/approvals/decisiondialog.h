#pragma once

#include "registry/approval/approvalrules.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace ModelDesk {

// Asks for the comment of a decision on a request: optional to approve or withdraw, required
// to reject (the button stays disabled until there is one). Window-modal, GUI thread.
class DecisionDialog : public QDialog
{
    Q_OBJECT
public:
    DecisionDialog(const Approval::Request &request, Approval::Decision decision,
                   QWidget *parent = nullptr);

    QString comment() const;

private:
    void updateState();

    Approval::Decision m_decision;
    QPlainTextEdit *m_comment;
    QDialogButtonBox *m_buttons;
    QLabel *m_hint;
};

} // namespace ModelDesk
