#pragma once

#include "registry/approval/approvals.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace ModelDesk {

class ApprovalQueueModel;

// View ▸ Approvals: every open request across the registry (one version search), with
// Approve… / Reject… / Withdraw… for the acting user and Open to read the evidence. Reads
// again when the registry changes. GUI thread; owned by the main window.
class ApprovalsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ApprovalsDock(QWidget *parent = nullptr);

    // The registry whose requests are shown (null: none open).
    void setRegistry(Registry *registry);
    // Reads the queue again (soon, once, however often it is asked).
    void refreshSoon();
    void refresh();
    int pendingCount() const;
    ApprovalQueueModel *queueModel() const { return m_model; }
    QTableView *view() const { return m_view; }
    bool isLoading() const { return m_loading; }

signals:
    void countChanged(int count);
    // Open the version in the window, on `tab` ("overview", "metrics", "lineage", …).
    void openVersion(const QString &name, qint64 version, const QString &tab);
    void statusMessage(const QString &message);
    void errorOccurred(const ModelDesk::RegistryError &error);
    void loaded();

private:
    std::optional<Approval::Request> current() const;
    void updateButtons();
    void act(Approval::Decision decision);
    void openCurrent(const QString &tab);

    QPointer<Registry> m_registry;
    ApprovalQueueModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QLabel *m_state;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_withdraw;
    QPushButton *m_open;
    QTimer *m_refreshTimer;
    QHash<QString, QStringList> m_approvers; // by model, as last read
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace ModelDesk
