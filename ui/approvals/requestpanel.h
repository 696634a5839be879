#pragma once

#include "registry/approval/approvals.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace ModelDesk {

// The approval part of a version's Overview: whether the model is protected and by whom,
// what the version holds without approval, its open requests with Approve / Reject… /
// Withdraw (or Finish for an approval that was not carried out), and the Request
// Promotion… button the Overview puts beside Transition…. GUI thread.
class RequestPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RequestPanel(Registry *registry, QWidget *parent = nullptr);

    // Shows what `version` (with its aliases) of `model` has; hides for a model.
    void showVersion(const RegisteredModel &model, const ModelVersion &version);
    void clear();
    void setReadOnly(bool readOnly);
    // The "Request Promotion…" button, for the Overview's stage row.
    QPushButton *requestButton() const { return m_requestButton; }
    // Opens the request dialog for the version shown.
    void requestPromotion();

signals:
    void statusMessage(const QString &message);
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    void rebuild();
    void finished(const Result<Approval::Request> &result);

    QPointer<Registry> m_registry;
    RegisteredModel m_model;
    std::optional<ModelVersion> m_version;
    bool m_readOnly = false;
    QPushButton *m_requestButton;
    QLabel *m_protection;
    QWidget *m_rows;
    QVBoxLayout *m_rowsLayout;
};

} // namespace ModelDesk
