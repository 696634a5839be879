#include "ui/details/descriptioneditor.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace ModelDesk {
namespace {

// A text browser as tall as its document (within bounds), so a short description does not
// sit in a large empty box and a long one scrolls with the page up to a limit.
class FittingBrowser final : public QTextBrowser
{
public:
    explicit FittingBrowser(QWidget *parent = nullptr)
        : QTextBrowser(parent)
    {
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged,
                this, [this] { updateGeometry(); });
    }

    QSize sizeHint() const final
    {
        const int content = int(document()->size().height()) + 2 * frameWidth() + 4;
        return {QTextBrowser::sizeHint().width(), qBound(48, content, 420)};
    }
    QSize minimumSizeHint() const final { return {80, 48}; }
};

} // namespace

QTextDocument::MarkdownFeatures DescriptionEditor::markdownFeatures()
{
    // GitHub's dialect, as MLflow's web UI renders descriptions, except md4c's underline
    // extension, which Qt's GitHub preset switches on: with it `_ticket_` is underlined,
    // where GitHub (and CommonMark) make it emphasis.
    constexpr int Md4cUnderline = 0x4000; // MD_FLAG_UNDERLINE
    return QTextDocument::MarkdownFeatures(int(QTextDocument::MarkdownDialectGitHub)
                                           & ~Md4cUnderline);
}

DescriptionEditor::DescriptionEditor(QWidget *parent)
    : QWidget(parent)
    , m_emptyLabel(new QLabel(this))
    , m_editButton(new QPushButton(tr("Edit"), this))
    , m_layoutGroup(new QButtonGroup(this))
    , m_changedNotice(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_editor(new QPlainTextEdit(m_splitter))
    , m_preview(new FittingBrowser(m_splitter))
    , m_saveButton(new QPushButton(tr("Save"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    m_emptyLabel->setObjectName(QStringLiteral("descriptionEmptyLabel"));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setEnabled(false); // greyed, as an empty state
    m_emptyLabel->setToolTip(tr("This description is empty."));

    m_editButton->setObjectName(QStringLiteral("editDescriptionButton"));
    m_editButton->setToolTip(tr("Edit the description (Markdown) (Ctrl+E)"));

    auto *toggles = m_layoutToggles = new QWidget(this);
    toggles->setObjectName(QStringLiteral("descriptionLayoutToggles"));
    auto *togglesLayout = new QHBoxLayout(toggles);
    togglesLayout->setContentsMargins(0, 0, 0, 0);
    togglesLayout->setSpacing(0);
    const struct
    {
        EditLayout layout;
        const char *name;
        QString text;
        QString toolTip;
    } modes[] = {
        {EditLayout::Write, "descriptionWriteButton", tr("Write"),
         tr("Edit the Markdown source")},
        {EditLayout::Preview, "descriptionPreviewButton", tr("Preview"),
         tr("See the description as it will be shown")},
        {EditLayout::SideBySide, "descriptionSideBySideButton", tr("Side by side"),
         tr("Edit with a live preview next to the source")},
    };
    for (const auto &mode : modes) {
        auto *button = new QToolButton(toggles);
        button->setObjectName(QLatin1String(mode.name));
        button->setText(mode.text);
        button->setToolTip(mode.toolTip);
        button->setCheckable(true);
        button->setAutoRaise(true);
        m_layoutGroup->addButton(button, int(mode.layout));
        togglesLayout->addWidget(button);
    }
    togglesLayout->addStretch(1);
    m_layoutGroup->button(int(EditLayout::Write))->setChecked(true);
    connect(m_layoutGroup, &QButtonGroup::idClicked, this,
            [this](int id) { setEditLayout(EditLayout(id)); });

    m_changedNotice->setObjectName(QStringLiteral("descriptionChangedNotice"));
    m_changedNotice->setWordWrap(true);
    m_changedNotice->setText(tr("This description was changed elsewhere while you were "
                                "editing. Saving will be refused so that the other change is "
                                "not lost: copy your text, then Cancel to see the new one."));
    m_changedNotice->setToolTip(m_changedNotice->text());
    m_changedNotice->setStyleSheet(QStringLiteral("QLabel { color: #9a6700; }"));

    m_editor->setObjectName(QStringLiteral("descriptionEdit"));
    m_editor->setToolTip(tr("Description in Markdown"));
    m_editor->setPlaceholderText(tr("Describe this model: purpose, data, evaluation, "
                                    "limitations. Markdown is supported."));
    m_editor->setMinimumHeight(160);
    m_editor->setTabChangesFocus(true);
    m_preview->setObjectName(QStringLiteral("descriptionPreview"));
    m_preview->setToolTip(tr("The description, rendered from Markdown"));
    m_preview->setOpenExternalLinks(true);
    m_splitter->setObjectName(QStringLiteral("descriptionSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        updatePreview();
        updateButtons();
    });

    m_saveButton->setObjectName(QStringLiteral("saveDescriptionButton"));
    m_saveButton->setDefault(false);
    m_cancelButton->setObjectName(QStringLiteral("cancelDescriptionButton"));
    connect(m_editButton, &QPushButton::clicked, this, &DescriptionEditor::startEditing);
    connect(m_cancelButton, &QPushButton::clicked, this, &DescriptionEditor::cancelEditing);
    connect(m_saveButton, &QPushButton::clicked, this,
            [this] { emit saveRequested(editedText()); });

    // Keys of the open editor: they act only while the focus is inside it.
    auto *save = new QAction(tr("Save Description"), this);
    save->setObjectName(QStringLiteral("saveDescriptionAction"));
    save->setShortcuts({QKeySequence(tr("Ctrl+S")), QKeySequence(tr("Ctrl+Return")),
                        QKeySequence(tr("Ctrl+Enter"))});
    save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QAction::triggered, this, [this] {
        if (m_saveButton->isVisible() && m_saveButton->isEnabled())
            m_saveButton->click();
    });
    addAction(save);
    auto *cancel = new QAction(tr("Cancel Editing"), this);
    cancel->setObjectName(QStringLiteral("cancelDescriptionAction"));
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(cancel, &QAction::triggered, this, [this] {
        if (m_editing && !m_saving)
            cancelEditing();
    });
    addAction(cancel);
    m_saveButton->setToolTip(tr("Save the description to the registry (Ctrl+S or Ctrl+Enter)"));
    m_cancelButton->setToolTip(tr("Close the editor without saving (Esc)"));

    // Edit, Cancel and Save share the bottom right corner; the empty state sits beside Edit.
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_emptyLabel, 1);
    bottom->addStretch(0); // takes the room when the empty state is hidden
    bottom->addWidget(m_editButton, 0, Qt::AlignBottom);
    bottom->addWidget(m_cancelButton, 0, Qt::AlignBottom);
    bottom->addWidget(m_saveButton, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toggles);
    layout->addWidget(m_changedNotice);
    layout->addWidget(m_splitter);
    layout->addLayout(bottom);
    updateView();
}

void DescriptionEditor::setDescription(const QString &markdown)
{
    m_description = markdown;
    if (!m_editing)
        updateView();
    else
        m_changedNotice->setVisible(m_description != m_descriptionAtEditStart);
}

QString DescriptionEditor::editedText() const
{
    return m_editor->toPlainText();
}

void DescriptionEditor::setEditedText(const QString &text)
{
    if (m_editing)
        m_editor->setPlainText(text);
}

void DescriptionEditor::focusEditor()
{
    if (m_editing && m_editor->isVisible())
        m_editor->setFocus(Qt::ShortcutFocusReason);
}

void DescriptionEditor::startEditing()
{
    if (m_readOnly || m_editing)
        return;
    m_editing = true;
    m_descriptionAtEditStart = m_description;
    m_editor->setPlainText(m_description);
    updateView();
    m_editor->setFocus();
    emit editingChanged(true);
}

void DescriptionEditor::cancelEditing()
{
    if (!m_editing)
        return;
    m_editing = false;
    m_saving = false;
    m_saveButton->setText(tr("Save"));
    m_editor->clear();
    updateView();
    emit editingChanged(false);
}

void DescriptionEditor::setEditLayout(EditLayout layout)
{
    m_layout = layout;
    m_layoutGroup->button(int(layout))->setChecked(true);
    updateView();
}

void DescriptionEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (readOnly)
        cancelEditing();
    updateView();
}

void DescriptionEditor::setSaving(bool saving)
{
    m_saving = saving;
    m_saveButton->setText(saving ? tr("Saving\u2026") : tr("Save"));
    updateView();
}

void DescriptionEditor::updateView()
{
    const bool empty = m_description.trimmed().isEmpty();
    m_editButton->setVisible(!m_editing && !m_readOnly);
    m_editButton->setEnabled(!m_readOnly);
    m_layoutToggles->setVisible(m_editing);
    m_changedNotice->setVisible(m_editing && m_description != m_descriptionAtEditStart);
    m_emptyLabel->setText(m_readOnly ? tr("No description.")
                                     : tr("No description \u2014 click Edit to add one."));
    m_emptyLabel->setVisible(!m_editing && empty);
    const bool showEditor = m_editing && m_layout != EditLayout::Preview;
    const bool showPreview = m_editing ? m_layout != EditLayout::Write : !empty;
    m_editor->setVisible(showEditor);
    m_editor->setReadOnly(m_readOnly || m_saving);
    m_preview->setVisible(showPreview);
    m_splitter->setVisible(showEditor || showPreview);
    m_saveButton->setVisible(m_editing);
    m_cancelButton->setVisible(m_editing);
    updatePreview();
    updateButtons();
}

void DescriptionEditor::updatePreview()
{
    const QString markdown = m_editing ? m_editor->toPlainText() : m_description;
    if (markdown == m_previewSource)
        return;
    m_previewSource = markdown;
    m_preview->document()->setMarkdown(markdown, markdownFeatures());
}

void DescriptionEditor::updateButtons()
{
    m_saveButton->setEnabled(m_editing && !m_readOnly && !m_saving
                             && m_editor->toPlainText() != m_descriptionAtEditStart);
}

} // namespace ModelDesk
