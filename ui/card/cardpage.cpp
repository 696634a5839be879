#include "ui/card/cardpage.h"

#include "models/card/cardrender.h"
#include "registry/whenfinished.h"
#include "ui/details/editcommands.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ModelDesk {

CardPage::CardPage(Registry *registry, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_undoStack(undoStack)
    , m_reporter(new EditReporter(this))
    , m_edit(new QPushButton(tr("&Edit Card"), this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_export(new QToolButton(this))
    , m_state(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_view(new QTextBrowser(this))
    , m_editor(new QWidget)
{
    m_edit->setObjectName(QStringLiteral("cardEdit"));
    m_edit->setToolTip(tr("Write the card's intended use, limitations, ethical considerations, "
                          "caveats and licence (Markdown)"));
    m_save->setObjectName(QStringLiteral("cardSave"));
    m_save->setToolTip(tr("Save the sections you changed to the registry (Ctrl+S); Edit ▸ "
                          "Undo takes them back"));
    m_save->setShortcut(QKeySequence::Save);
    m_cancel->setObjectName(QStringLiteral("cardCancel"));
    m_export->setObjectName(QStringLiteral("cardExport"));
    m_export->setText(tr("Export"));
    m_export->setToolTip(tr("Save the card as Markdown, HTML or PDF"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("Export Model Card\u2026"), this, &CardPage::exportWithDialog);
    m_export->setMenu(menu);
    m_state->setObjectName(QStringLiteral("cardState"));
    m_state->setEnabled(false);
    m_empty->setObjectName(QStringLiteral("cardEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_view->setObjectName(QStringLiteral("cardView"));
    m_view->setOpenExternalLinks(true);

    auto *form = new QVBoxLayout(m_editor);
    for (const Card::Section &section : Card::sections()) {
        auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(section.title.toHtmlEscaped()),
                                 m_editor);
        form->addWidget(title);
        QWidget *editor = nullptr;
        if (section.multiline) {
            auto *text = new QPlainTextEdit(m_editor);
            text->setPlaceholderText(section.hint + tr(" (Markdown)"));
            text->setTabChangesFocus(true);
            text->setMinimumHeight(90);
            connect(text, &QPlainTextEdit::textChanged, this, &CardPage::updateButtons);
            editor = text;
        } else {
            auto *line = new QLineEdit(m_editor);
            line->setPlaceholderText(section.hint);
            connect(line, &QLineEdit::textChanged, this, &CardPage::updateButtons);
            editor = line;
        }
        editor->setObjectName(QStringLiteral("card_") + section.key);
        editor->setToolTip(section.hint);
        title->setBuddy(editor);
        form->addWidget(editor);
        m_editors.insert(section.key, editor);
    }
    form->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_editor);
    scroll->setFrameShape(QFrame::NoFrame);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);
    m_stack->addWidget(scroll);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_save);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_state, 1);
    buttons->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(buttons);
    layout->addWidget(m_stack, 1);

    connect(m_edit, &QPushButton::clicked, this, &CardPage::edit);
    connect(m_save, &QPushButton::clicked, this, &CardPage::save);
    connect(m_cancel, &QPushButton::clicked, this, &CardPage::cancel);
    connect(m_reporter, &EditReporter::failed, this, &CardPage::errorOccurred);
    connect(m_reporter, &EditReporter::succeeded, this, &CardPage::statusMessage);
    clear();
}

CardPage::~CardPage() = default;

void CardPage::setVersion(const QString &name, qint64 version)
{
    if (name == m_name && version == m_version && m_loaded)
        return;
    if (isEditing() && (name != m_name || version != m_version)) {
        // The prose belongs to the version it was written for: kept aside, not lost.
        if (hasChanges()) {
            QHash<QString, QString> draft;
            for (const Card::Section &section : Card::sections())
                draft.insert(section.key, sectionText(section.key));
            m_drafts.insert(draftKey(), draft);
            emit statusMessage(tr("Your unsaved card edits of %1 version %2 are kept; Edit "
                                  "Card there brings them back.")
                                   .arg(m_name)
                                   .arg(m_version));
        }
        m_stack->setCurrentWidget(m_empty);
    }
    ++m_generation;
    setLoading(false);
    m_name = name;
    m_version = version;
    m_loaded = false;
    m_card = {};
    m_empty->setText(tr("Reading the card\u2026"));
    m_stack->setCurrentWidget(m_empty);
    updateButtons();
    if (m_active)
        load();
}

void CardPage::clear()
{
    if (isEditing() && hasChanges()) {
        QHash<QString, QString> draft;
        for (const Card::Section &section : Card::sections())
            draft.insert(section.key, sectionText(section.key));
        m_drafts.insert(draftKey(), draft);
    }
    m_exportWhenLoaded = false;
    ++m_generation;
    setLoading(false);
    m_name.clear();
    m_version = 0;
    m_loaded = false;
    m_card = {};
    m_empty->setText(tr("Select a version to see its model card."));
    m_stack->setCurrentWidget(m_empty);
    updateButtons();
}

void CardPage::setActive(bool active)
{
    m_active = active;
    if (active && !m_loaded && !m_name.isEmpty())
        load();
}

void CardPage::reload()
{
    if (isEditing())
        return; // what is being written stays; the next load after Save shows it
    m_loaded = false;
    if (m_active && !m_name.isEmpty())
        load();
}

void CardPage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (readOnly && isEditing())
        cancel();
    updateButtons();
}

bool CardPage::isEditing() const
{
    return m_stack->currentIndex() == 2;
}

QString CardPage::shownText() const
{
    return m_view->toPlainText();
}

QWidget *CardPage::sectionEditor(const QString &key) const
{
    return m_editors.value(key);
}

void CardPage::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    m_state->setText(loading ? tr("Reading\u2026") : QString());
    updateButtons();
    emit loadingChanged(loading);
}

void CardPage::load()
{
    if (!m_registry)
        return;
    const quint64 generation = ++m_generation;
    m_loaded = true;
    setLoading(true);
    whenFinished(Card::read(m_registry, m_name, m_version), this,
                 [this, generation](const Result<Card::ModelCard> &card) {
                     if (generation != m_generation)
                         return;
                     setLoading(false);
                     if (!card) {
                         m_loaded = false;
                         m_exportWhenLoaded = false;
                         m_card = {};
                         m_empty->setText(tr("Could not read the card: %1")
                                              .arg(card.error().message()));
                         m_stack->setCurrentWidget(m_empty);
                         updateButtons();
                         emit errorOccurred(card.error());
                         return;
                     }
                     showCard(*card);
                 });
}

QString CardPage::draftKey() const
{
    return m_name + QLatin1Char('\x1f') + QString::number(m_version);
}

bool CardPage::hasChanges() const
{
    for (const Card::Section &section : Card::sections()) {
        if (sectionText(section.key) != m_card.prose.value(section.key).trimmed())
            return true;
    }
    return false;
}

void CardPage::showCard(const Card::ModelCard &card)
{
    m_card = card;
    if (std::exchange(m_exportWhenLoaded, false))
        QTimer::singleShot(0, this, &CardPage::exportWithDialog);
    if (!isEditing()) {
        CardRender::fill(*m_view->document(), card);
        m_view->moveCursor(QTextCursor::Start);
        m_stack->setCurrentWidget(m_view);
    }
    updateButtons();
}

QString CardPage::sectionText(const QString &key) const
{
    QWidget *editor = m_editors.value(key);
    if (auto *text = qobject_cast<QPlainTextEdit *>(editor))
        return text->toPlainText().trimmed();
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text().trimmed();
    return {};
}

void CardPage::edit()
{
    if (m_card.model.isEmpty() || m_readOnly)
        return;
    const QHash<QString, QString> draft = m_drafts.take(draftKey());
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        const QString text = draft.contains(it.key()) ? draft.value(it.key())
                                                      : m_card.prose.value(it.key());
        if (auto *plain = qobject_cast<QPlainTextEdit *>(it.value()))
            plain->setPlainText(text); // a fresh undo history per edit
        else if (auto *line = qobject_cast<QLineEdit *>(it.value()))
            line->setText(text);
    }
    m_stack->setCurrentIndex(2);
    m_editors.value(QStringLiteral("intended_use"))->setFocus();
    updateButtons();
}

void CardPage::save()
{
    if (!isEditing() || !m_registry)
        return;
    for (const Card::Section &section : Card::sections()) {
        if (auto ok = Card::checkSection(section, sectionText(section.key)); !ok) {
            emit errorOccurred(ok.error());
            return;
        }
    }
    const EditTarget target{m_card.model, m_card.version};
    auto *command = new QUndoCommand(tr("Edit model card of %1").arg(target.displayName()));
    int changes = 0;
    for (const Card::Section &section : Card::sections()) {
        const QString key = Card::TagPrefix + section.key;
        const QString text = sectionText(section.key);
        const std::optional<QString> before = m_card.prose.contains(section.key)
                                                  ? std::optional(m_card.prose.value(section.key))
                                                  : std::nullopt;
        if (text == before.value_or(QString()).trimmed())
            continue;
        ++changes;
        if (text.isEmpty())
            new DeleteTagCommand(m_registry, m_reporter, target, key, *before, command);
        else
            new SetTagCommand(m_registry, m_reporter, target, key, text, before, command);
        if (text.isEmpty())
            m_card.prose.remove(section.key);
        else
            m_card.prose.insert(section.key, text);
    }
    if (changes == 0) {
        delete command;
    } else {
        m_undoStack->push(command);
    }
    m_stack->setCurrentWidget(m_view);
    CardRender::fill(*m_view->document(), m_card);
    updateButtons();
}

void CardPage::cancel()
{
    if (!isEditing())
        return;
    m_stack->setCurrentWidget(m_card.model.isEmpty() ? static_cast<QWidget *>(m_empty) : m_view);
    updateButtons();
}

void CardPage::updateButtons()
{
    const bool editing = isEditing();
    const bool hasCard = !m_card.model.isEmpty() && !m_loading;
    m_edit->setVisible(!editing);
    m_edit->setEnabled(hasCard && !m_readOnly);
    m_edit->setToolTip(m_readOnly ? tr("The registry is read-only.")
                                  : tr("Write the card's intended use, limitations, ethical "
                                       "considerations, caveats and licence (Markdown)"));
    m_save->setVisible(editing);
    m_cancel->setVisible(editing);
    m_save->setEnabled(editing && hasChanges());
    m_export->setEnabled(hasCard);
}

bool CardPage::exportTo(const QString &path, const QString &format, QString *error) const
{
    if (format == QLatin1String("pdf"))
        return CardRender::writePdf(m_card, path, error);
    const QByteArray bytes = (format == QLatin1String("html") ? CardRender::toHtml(m_card)
                                                              : Card::toMarkdown(m_card))
                                 .toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path),
                                                      file.errorString());
        return false;
    }
    return true;
}

void CardPage::exportWithDialog()
{
    if (m_name.isEmpty())
        return;
    if (m_loading || m_card.model != m_name || m_card.version != m_version) {
        // Exported once the card of the version shown has been read.
        m_exportWhenLoaded = true;
        if (!m_loading && m_active)
            load();
        return;
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString base = QStringLiteral("%1-v%2-model-card").arg(m_card.model).arg(m_card.version);
    base.replace(QLatin1Char('/'), QLatin1Char('_'));
    const QString markdown = tr("Markdown (*.md)");
    const QString html = tr("HTML page (*.html)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString chosen = pdf;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Model Card"), QDir(dir).filePath(base + QStringLiteral(".pdf")),
        QStringList{pdf, html, markdown}.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty())
        return;
    QString format = chosen == html ? QStringLiteral("html")
                     : chosen == markdown ? QStringLiteral("markdown")
                                          : QStringLiteral("pdf");
    // The file's own suffix wins over the filter picked.
    if (path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
        format = QStringLiteral("markdown");
    else if (path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive)
             || path.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive))
        format = QStringLiteral("html");
    else if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        format = QStringLiteral("pdf");
    QString error;
    if (!exportTo(path, format, &error))
        QMessageBox::warning(this, tr("Export Model Card"), error);
    else
        emit statusMessage(tr("Exported the model card to %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace ModelDesk
