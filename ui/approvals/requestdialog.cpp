#include "ui/approvals/requestdialog.h"

#include "registry/validation.h"
#include "ui/details/transitiondialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ModelDesk {

RequestDialog::RequestDialog(const RegisteredModel &model, const ModelVersion &version,
                             QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_version(version)
    , m_stageChoice(new QRadioButton(tr("Move to &stage:"), this))
    , m_aliasChoice(new QRadioButton(tr("Point a&lias:"), this))
    , m_stage(new QComboBox(this))
    , m_archive(new QCheckBox(tr("Arc&hive the versions now in that stage"), this))
    , m_alias(new QComboBox(this))
    , m_comment(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
{
    setWindowTitle(tr("Request Promotion"));
    setWindowModality(Qt::WindowModal);
    auto *intro = new QLabel(tr("Ask the approvers of %1 to move version %2. Nothing changes "
                                "until one of them approves.")
                                 .arg(model.name)
                                 .arg(version.version),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);

    m_stageChoice->setObjectName(QStringLiteral("stageChoice"));
    m_aliasChoice->setObjectName(QStringLiteral("aliasChoice"));
    auto *choices = new QButtonGroup(this);
    choices->addButton(m_stageChoice);
    choices->addButton(m_aliasChoice);
    m_stage->setObjectName(QStringLiteral("requestStage"));
    m_stage->addItems(TransitionDialog::targetsFrom(version.currentStage));
    const int production = m_stage->findText(Stage::Production);
    if (production >= 0)
        m_stage->setCurrentIndex(production);
    m_archive->setObjectName(QStringLiteral("requestArchive"));
    m_archive->setToolTip(tr("On approval, the versions in the target stage move to Archived"));
    m_alias->setObjectName(QStringLiteral("requestAlias"));
    m_alias->setEditable(true);
    m_alias->setInsertPolicy(QComboBox::NoInsert);
    QStringList aliases;
    for (const Alias &alias : model.aliases) {
        if (alias.version != version.version && !aliases.contains(alias.alias))
            aliases.append(alias.alias);
    }
    m_alias->addItems(aliases);
    m_alias->setCurrentText(aliases.value(0, QStringLiteral("champion")));
    m_alias->setToolTip(tr("An alias of %1 to point at this version once approved").arg(model.name));
    m_comment->setObjectName(QStringLiteral("requestComment"));
    m_comment->setPlaceholderText(tr("Evidence for the approvers: metrics, checks, links"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMinimumHeight(90);
    m_summary->setObjectName(QStringLiteral("requestSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(m_stageChoice, m_stage);
    form->addRow(QString(), m_archive);
    form->addRow(m_aliasChoice, m_alias);
    form->addRow(tr("&Comment:"), m_comment);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&File Request"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_stageChoice, &QRadioButton::toggled, this, &RequestDialog::updateState);
    connect(m_stage, &QComboBox::currentTextChanged, this, &RequestDialog::updateState);
    connect(m_archive, &QCheckBox::toggled, this, &RequestDialog::updateState);
    connect(m_alias, &QComboBox::currentTextChanged, this, &RequestDialog::updateState);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &RequestDialog::updateState);
    m_stageChoice->setChecked(true);
    m_aliasChoice->setVisible(true);
    updateState();
    resize(480, sizeHint().height());
}

Approval::NewRequest RequestDialog::request() const
{
    Approval::NewRequest spec;
    spec.model = m_version.name;
    spec.version = m_version.version;
    spec.action = m_stageChoice->isChecked() ? Approval::Action::Stage : Approval::Action::Alias;
    spec.target = m_stageChoice->isChecked() ? m_stage->currentText()
                                             : m_alias->currentText().trimmed();
    spec.archiveExisting = m_stageChoice->isChecked() && m_archive->isEnabled()
                           && m_archive->isChecked();
    spec.comment = m_comment->toPlainText().trimmed();
    return spec;
}

void RequestDialog::setStage(const QString &stage)
{
    m_stageChoice->setChecked(true);
    m_stage->setCurrentText(stage);
}

void RequestDialog::setAlias(const QString &alias)
{
    m_aliasChoice->setChecked(true);
    m_alias->setCurrentText(alias);
}

void RequestDialog::setComment(const QString &comment)
{
    m_comment->setPlainText(comment);
}

void RequestDialog::updateState()
{
    const bool stage = m_stageChoice->isChecked();
    m_stage->setEnabled(stage);
    m_alias->setEnabled(!stage);
    const bool active = Approval::isProtectedStage(m_stage->currentText());
    m_archive->setEnabled(stage && active);
    const Approval::NewRequest spec = request();
    QString problem;
    if (!stage) {
        if (auto valid = Validation::checkAliasToSet(spec.target); !valid)
            problem = valid.error().message();
        else if (m_version.aliases.contains(spec.target))
            problem = tr("Alias %1 already points at this version.").arg(spec.target);
    }
    if (problem.isEmpty()) {
        if (auto fits = Approval::checkComment(spec.comment); !fits)
            problem = fits.error().message();
    }
    if (!problem.isEmpty()) {
        m_summary->setText(problem);
    } else if (stage) {
        m_summary->setText(TransitionDialog::describe(m_version, m_model.latestVersions,
                                                      spec.target,
                                                      spec.archiveExisting ? ArchiveExisting::Yes
                                                                           : ArchiveExisting::No)
                           + QLatin1Char(' ') + tr("(once approved)"));
    } else {
        QString from;
        for (const Alias &alias : m_model.aliases) {
            if (alias.alias == spec.target)
                from = tr(" (now at version %1)").arg(alias.version);
        }
        m_summary->setText(tr("Alias %1%2 moves to version %3 once approved.")
                               .arg(spec.target, from)
                               .arg(m_version.version));
    }
    m_ok->setEnabled(problem.isEmpty() && !spec.target.isEmpty());
}

} // namespace ModelDesk
