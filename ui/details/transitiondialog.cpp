#include "ui/details/transitiondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ModelDesk {
namespace {

bool isActive(const QString &stage)
{
    return stage == Stage::Staging || stage == Stage::Production;
}

} // namespace

TransitionDialog::TransitionDialog(const ModelVersion &version,
                                   const QList<ModelVersion> &knownVersions, QWidget *parent)
    : QDialog(parent)
    , m_version(version)
    , m_known(knownVersions)
    , m_stageCombo(new QComboBox(this))
    , m_archiveCheck(new QCheckBox(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("transitionDialog"));
    // A short title that fits any dialog width; the version is named, wrapped, inside.
    setWindowTitle(tr("Transition Stage"));
    auto *heading = new QLabel(tr("%1 \u00b7 version %2").arg(version.name).arg(version.version),
                               this);
    heading->setObjectName(QStringLiteral("transitionHeading"));
    heading->setWordWrap(true);
    heading->setTextFormat(Qt::PlainText);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto *current = new QLabel(version.currentStage, this);
    current->setObjectName(QStringLiteral("currentStageLabel"));
    current->setToolTip(tr("The stage this version is in now"));

    m_stageCombo->setObjectName(QStringLiteral("targetStageCombo"));
    m_stageCombo->setToolTip(tr("The stage to move this version to"));
    const QStringList targets = targetsFrom(version.currentStage);
    for (const QString &stage : targets)
        m_stageCombo->addItem(stage, stage);
    // The usual next step: None → Staging → Production → Archived.
    const QString preferred = version.currentStage == Stage::None      ? Stage::Staging
                              : version.currentStage == Stage::Staging ? Stage::Production
                              : version.currentStage == Stage::Archived ? Stage::None
                                                                        : Stage::Archived;
    m_stageCombo->setCurrentIndex(qMax(0, m_stageCombo->findData(preferred)));

    m_archiveCheck->setObjectName(QStringLiteral("archiveOthersCheck"));
    m_summary->setObjectName(QStringLiteral("transitionSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setFrameShape(QFrame::StyledPanel);
    m_summary->setMargin(8);
    m_summary->setMinimumWidth(320);
    m_summary->setToolTip(tr("What the transition will change"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    m_okButton->setText(tr("Transition"));
    m_okButton->setObjectName(QStringLiteral("transitionAcceptButton"));
    m_okButton->setToolTip(tr("Move the version to the chosen stage"));
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without changing anything"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_stageCombo, &QComboBox::currentIndexChanged, this, &TransitionDialog::update);
    connect(m_archiveCheck, &QCheckBox::toggled, this, &TransitionDialog::update);

    auto *form = new QFormLayout;
    form->addRow(tr("Current stage:"), current);
    form->addRow(tr("New stage:"), m_stageCombo);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(m_archiveCheck);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    layout->addWidget(buttons);
    update();
}

QString TransitionDialog::targetStage() const
{
    return m_stageCombo->currentData().toString();
}

void TransitionDialog::setTargetStage(const QString &stage)
{
    const int index = m_stageCombo->findData(stage);
    if (index >= 0)
        m_stageCombo->setCurrentIndex(index);
}

ArchiveExisting TransitionDialog::archiveExisting() const
{
    return m_archiveCheck->isEnabled() && m_archiveCheck->isChecked() ? ArchiveExisting::Yes
                                                                       : ArchiveExisting::No;
}

void TransitionDialog::setArchiveExisting(ArchiveExisting archive)
{
    m_archiveCheck->setChecked(archive == ArchiveExisting::Yes);
}

QString TransitionDialog::summary() const
{
    return m_summary->text();
}

QStringList TransitionDialog::targetsFrom(const QString &current)
{
    QStringList stages{Stage::None, Stage::Staging, Stage::Production, Stage::Archived};
    stages.removeAll(current);
    return stages;
}

QString TransitionDialog::describe(const ModelVersion &version,
                                   const QList<ModelVersion> &known, const QString &target,
                                   ArchiveExisting archive)
{
    QStringList sentences;
    sentences << tr("Version %1 moves from %2 to %3.")
                     .arg(version.version)
                     .arg(version.currentStage, target);
    const bool archiving = archive == ArchiveExisting::Yes && isActive(target);
    // `known` holds the newest version of each stage (a model's latest versions), so a stage
    // absent from it has no versions at all, while one present may hold older ones too.
    int others = 0;
    for (const ModelVersion &other : known) {
        if (other.version == version.version || other.currentStage != target)
            continue;
        ++others;
        sentences << (archiving ? tr("Every other version now in %2 will be archived, "
                                     "including version %1.")
                                : tr("Version %1 and any other version in %2 stay there."))
                         .arg(other.version)
                         .arg(target);
    }
    if (archiving && others == 0)
        sentences << tr("No other version is in %1; nothing else is archived.").arg(target);
    return sentences.join(u' ');
}

void TransitionDialog::update()
{
    const QString target = targetStage();
    const bool active = isActive(target);
    m_archiveCheck->setText(tr("Archive other versions in %1").arg(target));
    m_archiveCheck->setEnabled(active);
    m_archiveCheck->setToolTip(active ? tr("Move every other version now in %1 to Archived")
                                            .arg(target)
                                      : tr("Only a move to Staging or Production can archive "
                                           "other versions"));
    m_summary->setText(describe(m_version, m_known, target, archiveExisting()));
}

} // namespace ModelDesk
