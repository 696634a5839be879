#pragma once

#include <QDialog>

namespace ModelDesk {

// What a problem report says about the registry open: never a credential.
struct ProblemContext
{
    QString registryKind;    // "MLflow SQLite store", "MLflow server"
    QString backendVersion;  // schema revision or server version, if known
    bool readOnly = false;
};

// The text of Help ▸ Report a Problem: ModelDesk's and Qt's versions, the platform, the
// screen and the registry kind, with headings for what happened and how to repeat it.
QString problemReportText(const ProblemContext &context);

// Help ▸ ModelDesk Help: the user guide (resources/help/user-guide.md) rendered from
// Markdown. Created by the main window; GUI thread.
class UserGuideDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget *parent = nullptr);
};

// Help ▸ Report a Problem: the report text, selectable, with Copy. GUI thread.
class ProblemReportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProblemReportDialog(const ProblemContext &context, QWidget *parent = nullptr);
};

} // namespace ModelDesk
