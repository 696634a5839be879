#include "ui/details/tageditor.h"

#include "models/tagtablemodel.h"
#include "registry/validation.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace ModelDesk {
namespace {

// Marks a field whose text the registry would refuse; `reason` becomes its tooltip.
void markInvalid(QLineEdit *edit, const QString &reason, const QString &normalToolTip)
{
    const bool invalid = !reason.isEmpty();
    edit->setProperty("invalid", invalid);
    edit->setToolTip(invalid ? reason : normalToolTip);
    edit->setStyleSheet(invalid ? QStringLiteral("QLineEdit { border: 1px solid #d1242f; "
                                                 "background: rgba(209, 36, 47, 0.10); }")
                                : QString());
}

// In-place editing of a tag: the key is checked as the user types, and a key the model
// refuses is never committed (the cell keeps its old key).
class TagDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const final
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *edit = qobject_cast<QLineEdit *>(editor);
        if (!edit || index.column() != TagTableModel::KeyColumn)
            return editor;
        edit->setObjectName(QStringLiteral("tagKeyCellEditor"));
        const auto *model = qobject_cast<const TagTableModel *>(index.model());
        const int row = index.row();
        QObject::connect(edit, &QLineEdit::textChanged, edit, [edit, model, row] {
            if (!model)
                return;
            const Result<Done> check = model->checkKey(edit->text(), row);
            markInvalid(edit, check ? QString() : check.error().message(), QString());
        });
        return editor;
    }

    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const final
    {
        if (editor->property("invalid").toBool())
            return;
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

TagEditor::TagEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new TagTableModel(this))
    , m_emptyLabel(new QLabel(tr("No tags."), this))
    , m_table(new QTableView(this))
    , m_form(new QWidget(this))
    , m_keyInput(new QLineEdit(m_form))
    , m_valueInput(new QLineEdit(m_form))
    , m_keyMessage(new QLabel(m_form))
    , m_addButton(new QPushButton(tr("Add"), m_form))
    , m_saveButton(new QPushButton(tr("Save"), m_form))
    , m_removeButton(new QPushButton(tr("Remove"), m_form))
{
    m_emptyLabel->setObjectName(QStringLiteral("tagsEmptyLabel"));
    m_emptyLabel->setEnabled(false);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setToolTip(tr("No tag is set here."));

    m_table->setObjectName(QStringLiteral("tagTable"));
    m_table->setToolTip(tr("Tags: select one to edit it below, or double-click a cell"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new TagDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked
                             | QAbstractItemView::EditKeyPressed);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TagEditor::selectionChanged);

    m_table->setTabKeyNavigation(false);
    m_keyInput->setObjectName(QStringLiteral("tagKeyInput"));
    m_keyInput->setPlaceholderText(tr("Key"));
    m_keyInput->setToolTip(tr("Tag key: letters, digits, _ - . : / and spaces"));
    m_keyInput->setClearButtonEnabled(true);
    m_valueInput->setObjectName(QStringLiteral("tagValueInput"));
    m_valueInput->setPlaceholderText(tr("Value"));
    m_valueInput->setToolTip(tr("Tag value"));
    m_valueInput->setClearButtonEnabled(true);
    m_keyMessage->setObjectName(QStringLiteral("tagKeyMessage"));
    m_keyMessage->setWordWrap(true);
    m_keyMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyMessage->hide();

    m_addButton->setObjectName(QStringLiteral("addTagButton"));
    m_addButton->setToolTip(tr("Add a tag with this key and value"));
    m_saveButton->setObjectName(QStringLiteral("saveTagButton"));
    m_saveButton->setToolTip(tr("Change the selected tag to this key and value"));
    m_removeButton->setObjectName(QStringLiteral("removeTagButton"));
    m_removeButton->setToolTip(tr("Remove the selected tag"));

    connect(m_keyInput, &QLineEdit::textChanged, this, &TagEditor::validate);
    connect(m_valueInput, &QLineEdit::textChanged, this, &TagEditor::validate);
    connect(m_keyInput, &QLineEdit::returnPressed, this, &TagEditor::add);
    connect(m_valueInput, &QLineEdit::returnPressed, this, [this] {
        if (selectedRow() >= 0 && m_saveButton->isEnabled())
            save();
        else
            add();
    });
    connect(m_addButton, &QPushButton::clicked, this, &TagEditor::add);
    connect(m_saveButton, &QPushButton::clicked, this, &TagEditor::save);
    connect(m_removeButton, &QPushButton::clicked, this, &TagEditor::remove);

    connect(m_model, &TagTableModel::tagAdded, this, &TagEditor::tagAdded);
    connect(m_model, &TagTableModel::tagChanged, this, &TagEditor::tagChanged);
    connect(m_model, &TagTableModel::tagRemoved, this, &TagEditor::tagRemoved);
    const auto rowsChanged = [this] {
        updateTableHeight();
        updateEmptyState();
        validate();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, rowsChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, rowsChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TagEditor::validate);

    auto *form = new QGridLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(m_keyInput, 0, 0);
    form->addWidget(m_valueInput, 0, 1);
    form->addWidget(m_keyMessage, 1, 0, 1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_addButton);
    form->addLayout(buttons, 2, 0, 1, 2);
    form->setColumnStretch(0, 2);
    form->setColumnStretch(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_emptyLabel);
    layout->addWidget(m_table);
    layout->addWidget(m_form);
    updateTableHeight();
    updateEmptyState();
    validate();
}

void TagEditor::setTags(const QList<Tag> &tags)
{
    m_model->setTags(tags);
}

QList<Tag> TagEditor::tags() const
{
    return m_model->tags();
}

void TagEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_model->setEditable(!readOnly);
    m_table->setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers
                                      : QAbstractItemView::DoubleClicked
                                            | QAbstractItemView::EditKeyPressed);
    m_form->setVisible(!readOnly);
    m_form->setEnabled(!readOnly);
    validate();
}

int TagEditor::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void TagEditor::selectionChanged()
{
    const int row = selectedRow();
    if (row >= 0) {
        const Tag tag = m_model->tag(row);
        m_keyInput->setText(tag.key);
        m_valueInput->setText(tag.value);
    }
    validate();
}

void TagEditor::validate()
{
    const QString key = m_keyInput->text();
    const int row = selectedRow();
    const Result<Done> rule = Validation::checkTagKey(key);
    const Result<Done> value = Validation::checkTagValue(m_valueInput->text());
    const bool ruleBroken = !key.isEmpty() && !rule;
    markInvalid(m_keyInput, ruleBroken ? rule.error().message() : QString(),
                tr("Tag key: letters, digits, _ - . : / and spaces"));
    markInvalid(m_valueInput, value ? QString() : value.error().message(), tr("Tag value"));

    const Result<Done> asNew = m_model->checkKey(key, -1);
    const Result<Done> asSelected = m_model->checkKey(key, row);
    QString message;
    if (ruleBroken)
        message = rule.error().message();
    else if (!value)
        message = value.error().message();
    else if (row < 0 && !key.isEmpty() && !asNew)
        message = tr("%1 Select it in the table to change its value.")
                      .arg(asNew.error().message());
    else if (row >= 0 && !key.isEmpty() && !asSelected)
        message = asSelected.error().message();
    m_keyMessage->setText(message);
    m_keyMessage->setToolTip(message);
    m_keyMessage->setVisible(!message.isEmpty());
    m_keyMessage->setStyleSheet(ruleBroken || !value ? QStringLiteral("QLabel { color: #d1242f; }")
                                                     : QString());

    const bool editable = !m_readOnly;
    m_addButton->setEnabled(editable && asNew.ok() && value.ok());
    const Tag edited{key, m_valueInput->text()};
    m_saveButton->setEnabled(editable && row >= 0 && asSelected.ok() && value.ok()
                             && edited != m_model->tag(row));
    m_removeButton->setEnabled(editable && row >= 0);
}

void TagEditor::add()
{
    if (!m_addButton->isEnabled())
        return;
    if (m_model->appendTag({m_keyInput->text(), m_valueInput->text()}))
        clearForm();
}

void TagEditor::save()
{
    const int row = selectedRow();
    if (!m_saveButton->isEnabled() || row < 0)
        return;
    if (m_model->replaceTag(row, {m_keyInput->text(), m_valueInput->text()}))
        clearForm();
}

void TagEditor::remove()
{
    const int row = selectedRow();
    if (!m_removeButton->isEnabled() || row < 0)
        return;
    if (m_model->removeRows(row, 1))
        clearForm();
}

void TagEditor::clearForm()
{
    m_table->clearSelection();
    m_keyInput->clear();
    m_valueInput->clear();
    validate();
}

void TagEditor::updateTableHeight()
{
    // As tall as its rows (up to ten), so that the page scrolls rather than the table.
    const int rows = qMin(m_model->rowCount(), 10);
    const int height = m_table->horizontalHeader()->sizeHint().height()
                       + rows * m_table->verticalHeader()->defaultSectionSize()
                       + 2 * m_table->frameWidth();
    m_table->setFixedHeight(height);
    m_table->setVerticalScrollBarPolicy(m_model->rowCount() > rows ? Qt::ScrollBarAsNeeded
                                                                   : Qt::ScrollBarAlwaysOff);
}

void TagEditor::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_emptyLabel->setVisible(empty);
    m_table->setVisible(!empty);
}

void TagEditor::focusNewTag()
{
    m_table->clearSelection();
    m_keyInput->setFocus(Qt::ShortcutFocusReason);
}

} // namespace ModelDesk
