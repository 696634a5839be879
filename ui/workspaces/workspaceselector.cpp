#include "ui/workspaces/workspaceselector.h"

#include <QActionGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>

namespace ModelDesk {

WorkspaceSelector::WorkspaceSelector(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_menu(new QMenu(tr("&Workspace"), this))
    , m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("workspaceSelector"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Workspace:"), this);
    label->setBuddy(m_combo);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    m_combo->setObjectName(QStringLiteral("workspaceCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_group->setExclusive(true);
    connect(m_combo, &QComboBox::activated, this,
            [this](int index) { choose(m_combo->itemText(index)); });
    clear();
}

void WorkspaceSelector::setWorkspaces(const QStringList &workspaces,
                                      const QString &current,
                                      bool serverOnly)
{
    m_current = current;
    m_combo->clear();
    m_combo->addItems(workspaces);
    m_combo->setCurrentIndex(int(workspaces.indexOf(current)));
    m_menu->clear();
    for (QAction *action : m_group->actions())
        m_group->removeAction(action);
    for (const QString &name : workspaces) {
        QAction *action = m_menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(name == current);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] { choose(name); });
    }
    const QString tip = !serverOnly
        ? tr("The MLflow workspace shown: models, versions and runs of one workspace at "
             "a time. Edits go to this workspace.")
        : tr("The MLflow workspace shown: models, versions and runs of one workspace at "
             "a time. Edits go to this workspace. This store has models outside "
             "'default', so only an MLflow server started with workspaces enabled can "
             "serve it.");
    m_combo->setToolTip(tip);
    m_menu->setToolTipsVisible(true);
    const bool several = workspaces.size() > 1 || current != QLatin1String("default");
    setVisible(several);
    m_menu->setEnabled(several);
}

void WorkspaceSelector::clear()
{
    setWorkspaces({QStringLiteral("default")}, QStringLiteral("default"), false);
}

void WorkspaceSelector::choose(const QString &workspace)
{
    if (workspace.isEmpty() || workspace == m_current) {
        m_combo->setCurrentIndex(m_combo->findText(m_current));
        return;
    }
    // Later, not from inside the combo's own signal: the switch rebuilds the combo.
    QMetaObject::invokeMethod(
        this, [this, workspace] { emit workspaceChosen(workspace); }, Qt::QueuedConnection);
}

} // namespace ModelDesk
