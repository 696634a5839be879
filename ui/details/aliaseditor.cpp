#include "ui/details/aliaseditor.h"

#include "registry/validation.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ModelDesk {
namespace {

// Lays widgets out left to right, wrapping to a new line when the width runs out (Qt's
// flow layout example, trimmed), so alias chips fit a narrow pane.
class FlowLayout final : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent)
        : QLayout(parent)
    {
        setContentsMargins(0, 0, 0, 0);
        setSpacing(6);
    }
    ~FlowLayout() override
    {
        while (QLayoutItem *item = FlowLayout::takeAt(0))
            delete item;
    }

    void addItem(QLayoutItem *item) final { m_items.append(item); }
    int count() const final { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const final { return m_items.value(index); }
    QLayoutItem *takeAt(int index) final
    {
        return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
    }
    Qt::Orientations expandingDirections() const final { return {}; }
    bool hasHeightForWidth() const final { return true; }
    int heightForWidth(int width) const final { return arrange(QRect(0, 0, width, 0), false); }
    void setGeometry(const QRect &rect) final
    {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }
    QSize sizeHint() const final { return minimumSize(); }
    QSize minimumSize() const final
    {
        QSize size;
        for (const QLayoutItem *item : m_items)
            size = size.expandedTo(item->minimumSize());
        return size;
    }

private:
    int arrange(const QRect &rect, bool apply) const
    {
        int x = rect.x();
        int y = rect.y();
        int lineHeight = 0;
        for (QLayoutItem *item : m_items) {
            if (item->isEmpty())
                continue;
            const QSize hint = item->sizeHint();
            if (x > rect.x() && x + hint.width() > rect.right() + 1) {
                x = rect.x();
                y += lineHeight + spacing();
                lineHeight = 0;
            }
            if (apply)
                item->setGeometry(QRect(QPoint(x, y), hint.boundedTo(rect.size())));
            x += hint.width() + spacing();
            lineHeight = qMax(lineHeight, hint.height());
        }
        return y + lineHeight - rect.y();
    }

    QList<QLayoutItem *> m_items;
};

void markInvalid(QLineEdit *edit, const QString &reason, const QString &normalToolTip)
{
    const bool invalid = !reason.isEmpty();
    edit->setProperty("invalid", invalid);
    edit->setToolTip(invalid ? reason : normalToolTip);
    edit->setStyleSheet(invalid ? QStringLiteral("QLineEdit { border: 1px solid #d1242f; "
                                                 "background: rgba(209, 36, 47, 0.10); }")
                                : QString());
}

} // namespace

AliasEditor::AliasEditor(QWidget *parent)
    : QWidget(parent)
    , m_modelList(new QLabel(this))
    , m_versionPart(new QWidget(this))
    , m_chips(new QWidget(m_versionPart))
    , m_noAliasesLabel(new QLabel(tr("No aliases."), m_versionPart))
    , m_inputRow(new QWidget(m_versionPart))
    , m_input(new QLineEdit(m_inputRow))
    , m_addButton(new QPushButton(tr("Add"), m_inputRow))
    , m_message(new QLabel(m_versionPart))
{
    m_modelList->setObjectName(QStringLiteral("modelAliasList"));
    m_modelList->setWordWrap(true);
    m_modelList->setTextFormat(Qt::RichText);
    m_modelList->setToolTip(tr("Aliases of this model and the versions they point to"));

    m_chips->setObjectName(QStringLiteral("aliasChips"));
    new FlowLayout(m_chips);
    m_noAliasesLabel->setObjectName(QStringLiteral("aliasesEmptyLabel"));
    m_noAliasesLabel->setEnabled(false);
    m_noAliasesLabel->setToolTip(tr("No alias points to this version."));

    m_input->setObjectName(QStringLiteral("aliasInput"));
    m_input->setPlaceholderText(tr("Add alias\u2026"));
    m_input->setToolTip(tr("A new alias for this version: letters, digits, _ and -"));
    m_input->setClearButtonEnabled(true);
    m_addButton->setObjectName(QStringLiteral("addAliasButton"));
    m_addButton->setToolTip(tr("Point this alias at this version"));
    m_message->setObjectName(QStringLiteral("aliasMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    connect(m_input, &QLineEdit::textChanged, this, &AliasEditor::validate);
    connect(m_input, &QLineEdit::returnPressed, this, &AliasEditor::add);
    connect(m_addButton, &QPushButton::clicked, this, &AliasEditor::add);

    auto *inputLayout = new QHBoxLayout(m_inputRow);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->addWidget(m_input, 1);
    inputLayout->addWidget(m_addButton);
    auto *versionLayout = new QVBoxLayout(m_versionPart);
    versionLayout->setContentsMargins(0, 0, 0, 0);
    versionLayout->addWidget(m_chips);
    versionLayout->addWidget(m_noAliasesLabel);
    versionLayout->addWidget(m_inputRow);
    versionLayout->addWidget(m_message);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_modelList);
    layout->addWidget(m_versionPart);
    showModelAliases({});
}

void AliasEditor::showModelAliases(const QList<Alias> &aliases)
{
    m_aliases = aliases;
    m_version = 0;
    QStringList lines;
    for (const Alias &alias : aliases) {
        lines << tr("<b>%1</b> \u2192 version %2")
                     .arg(alias.alias.toHtmlEscaped())
                     .arg(alias.version);
    }
    m_modelList->setText(lines.isEmpty() ? tr("No aliases.") : lines.join(QStringLiteral("<br>")));
    m_modelList->setEnabled(!lines.isEmpty());
    m_modelList->show();
    m_versionPart->hide();
    rebuildChips();
}

void AliasEditor::showVersionAliases(const QList<Alias> &modelAliases, qint64 version)
{
    const bool sameVersion = version == m_version;
    m_aliases = modelAliases;
    m_version = version;
    m_modelList->hide();
    m_versionPart->show();
    if (!sameVersion)
        m_input->clear();
    rebuildChips();
    validate();
}

void AliasEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_inputRow->setVisible(!readOnly);
    m_input->setEnabled(!readOnly);
    m_addButton->setEnabled(!readOnly);
    rebuildChips();
    validate();
}

QStringList AliasEditor::versionAliases() const
{
    QStringList result;
    for (const Alias &alias : m_aliases) {
        if (m_version > 0 && alias.version == m_version)
            result << alias.alias;
    }
    return result;
}

std::optional<qint64> AliasEditor::currentTarget(const QString &alias) const
{
    for (const Alias &existing : m_aliases) {
        if (existing.alias == alias)
            return existing.version;
    }
    return std::nullopt;
}

void AliasEditor::rebuildChips()
{
    const QList<QWidget *> old = m_chips->findChildren<QWidget *>(QStringLiteral("aliasChip"),
                                                                 Qt::FindDirectChildrenOnly);
    for (QWidget *chip : old) {
        // Later: the click that asked for this rebuild may come from one of its buttons.
        chip->hide();
        chip->deleteLater();
    }
    const QStringList aliases = versionAliases();
    for (const QString &alias : aliases) {
        auto *chip = new QFrame(m_chips);
        chip->setObjectName(QStringLiteral("aliasChip"));
        chip->setProperty("alias", alias);
        chip->setStyleSheet(QStringLiteral("QFrame#aliasChip { border: 1px solid palette(mid); "
                                           "border-radius: 11px; "
                                           "background: palette(alternate-base); }"));
        auto *label = new QLabel(chip);
        label->setText(fontMetrics().elidedText(alias, Qt::ElideMiddle, 220));
        label->setToolTip(tr("Alias %1 points to this version").arg(alias));
        auto *layout = new QHBoxLayout(chip);
        layout->setContentsMargins(10, 2, m_readOnly ? 10 : 2, 2);
        layout->setSpacing(2);
        layout->addWidget(label);
        if (!m_readOnly) {
            auto *remove = new QToolButton(chip);
            remove->setObjectName(QStringLiteral("removeAliasButton"));
            remove->setProperty("alias", alias);
            remove->setText(QStringLiteral("\u00d7"));
            remove->setAutoRaise(true);
            remove->setToolTip(tr("Remove alias %1").arg(alias));
            remove->setAccessibleName(tr("Remove alias %1").arg(alias));
            connect(remove, &QToolButton::clicked, this, [this, alias] {
                emit deleteAliasRequested(alias, m_version);
            });
            layout->addWidget(remove);
        }
        m_chips->layout()->addWidget(chip);
    }
    m_chips->setVisible(!aliases.isEmpty());
    m_noAliasesLabel->setVisible(aliases.isEmpty());
}

void AliasEditor::validate()
{
    const QString alias = m_input->text();
    QString error;
    QString hint;
    bool acceptable = false;
    if (!alias.isEmpty()) {
        const Result<Done> check = Validation::checkAliasToSet(alias);
        const std::optional<qint64> target = currentTarget(alias);
        if (!check) {
            error = check.error().message();
        } else if (target == m_version) {
            hint = tr("%1 already points to this version.").arg(alias);
        } else {
            acceptable = true;
            if (target) {
                hint = tr("%1 currently points to version %2; adding it here moves it.")
                           .arg(alias)
                           .arg(*target);
            }
        }
    }
    markInvalid(m_input, error, tr("A new alias for this version: letters, digits, _ and -"));
    const QString message = error.isEmpty() ? hint : error;
    m_message->setText(message);
    m_message->setToolTip(message);
    m_message->setStyleSheet(error.isEmpty() ? QString()
                                             : QStringLiteral("QLabel { color: #d1242f; }"));
    m_message->setVisible(!message.isEmpty() && !m_readOnly);
    m_addButton->setEnabled(acceptable && !m_readOnly && m_version > 0);
}

void AliasEditor::add()
{
    validate();
    if (!m_addButton->isEnabled())
        return;
    const QString alias = m_input->text();
    const qint64 version = m_version;
    const std::optional<qint64> previous = currentTarget(alias);
    if (!previous) {
        m_input->clear();
        emit setAliasRequested(alias, version, std::nullopt);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Move alias"),
                                tr("%1 currently points to version %2; move it to version %3?")
                                    .arg(alias)
                                    .arg(*previous)
                                    .arg(version),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("moveAliasConfirmation"));
    box->setInformativeText(tr("Anything that loads models:/\u2026@%1 will get version %2.")
                                .arg(alias)
                                .arg(version));
    QPushButton *move = box->addButton(tr("Move"), QMessageBox::AcceptRole);
    move->setObjectName(QStringLiteral("moveAliasButton"));
    box->setDefaultButton(move);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, move, alias, version, previous](QAbstractButton *button) {
                if (button != move)
                    return;
                // Only if the user has not moved on to another version meanwhile.
                if (m_version == version && m_input->text() == alias)
                    m_input->clear();
                emit setAliasRequested(alias, version, previous);
            });
    box->open();
}

void AliasEditor::focusInput()
{
    m_input->setFocus(Qt::ShortcutFocusReason);
}

} // namespace ModelDesk
