#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QActionGroup;
class QComboBox;
class QMenu;

namespace ModelDesk {

// Which MLflow workspace (MLflow 3.9 and later) the window shows, for registries that have
// more than one: a combo box for the status bar and the View ▸ Workspace menu, kept in step.
// Hidden, and the menu disabled, while the registry has only "default".
class WorkspaceSelector : public QWidget
{
    Q_OBJECT

public:
    explicit WorkspaceSelector(QWidget *parent = nullptr);

    // The workspaces to offer and the one shown; `serverOnly` adds to the tooltip that the
    // store has models outside 'default', so only a workspace-enabled MLflow server serves it.
    void setWorkspaces(const QStringList &workspaces, const QString &current, bool serverOnly);
    void clear();
    QString current() const { return m_current; }
    QMenu *menu() const { return m_menu; }

signals:
    // The user picked another workspace than the one shown.
    void workspaceChosen(const QString &workspace);

private:
    void choose(const QString &workspace);

    QComboBox *m_combo = nullptr;
    QMenu *m_menu = nullptr;
    QActionGroup *m_group = nullptr;
    QString m_current;
};

} // namespace ModelDesk
