#include "ui/details/overviewpage.h"

#include "registry/approval/approvals.h"
#include "registry/card/modelcard.h"
#include "registry/whenfinished.h"

#include "ui/approvals/requestpanel.h"
#include "ui/details/aliaseditor.h"
#include "ui/details/descriptioneditor.h"
#include "ui/details/editcommands.h"
#include "ui/details/tageditor.h"
#include "ui/details/transitiondialog.h"
#include "ui/stagedelegate.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHash>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ModelDesk {
namespace {

// One line of text, elided to the width it gets, with the full text in its tooltip and a
// Copy context action: long sources and run ids never widen or clip the pane.
class ElidedLabel final : public QWidget
{
public:
    explicit ElidedLabel(Qt::TextElideMode mode, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_mode(mode)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        auto *copy = new QAction(QCoreApplication::translate("ModelDesk::OverviewPage", "Copy"),
                                 this);
        connect(copy, &QAction::triggered, this,
                [this] { QGuiApplication::clipboard()->setText(m_text); });
        addAction(copy);
        setContextMenuPolicy(Qt::ActionsContextMenu);
    }

    void setText(const QString &text, const QString &toolTip = {})
    {
        m_text = text;
        setToolTip(toolTip.isEmpty() ? text : toolTip);
        updateGeometry();
        update();
    }
    QString text() const { return m_text; }

    QSize sizeHint() const final
    {
        return {qMin(fontMetrics().horizontalAdvance(m_text), 480) + 2, fontMetrics().height()};
    }
    QSize minimumSizeHint() const final
    {
        return {fontMetrics().averageCharWidth() * 6, fontMetrics().height()};
    }

protected:
    void paintEvent(QPaintEvent *) final
    {
        QPainter painter(this);
        painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled,
                                       foregroundRole()));
        painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(m_text, m_mode, width()));
    }

private:
    Qt::TextElideMode m_mode;
    QString m_text;
};

QString timeText(qint64 msecs)
{
    if (msecs <= 0)
        return QStringLiteral("\u2014");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecs), QLocale::ShortFormat);
}

QString badgeStyle(const QString &stage, const QPalette &palette)
{
    const StageDelegate::BadgeColors colors = StageDelegate::colorsFor(stage, palette, false);
    return QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; "
                          "border-radius: 9px; padding: 1px 10px; font-weight: bold; }")
        .arg(colors.fill.isValid() ? colors.fill.name() : QStringLiteral("transparent"),
             colors.text.name(),
             colors.border.isValid() ? colors.border.name()
                                     : (colors.fill.isValid() ? colors.fill.name()
                                                              : QStringLiteral("transparent")));
}

} // namespace

class OverviewPage::Private
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::OverviewPage)

public:
    Private(OverviewPage *page, Registry *registry, QUndoStack *undoStack);

    void buildUi();
    QGroupBox *group(const QString &title, const char *name, QWidget *content);
    ElidedLabel *addField(QFormLayout *form, const QString &label, const char *name);
    void showCommon();
    void showDescription(const QString &text, ExpectedTimestamp timestamp, bool newEntity,
                         const QString &previousKey);
    QString entityKey() const
    {
        return model.name + QLatin1Char('\x1f')
               + (version ? QString::number(version->version) : QString());
    }

    // Unsaved description edits of entities the user moved away from, brought back when
    // the user returns to them, so that changing the selection loses nothing.
    struct Draft
    {
        QString text;
        ExpectedTimestamp seen;
    };
    QHash<QString, Draft> drafts;
    EditTarget target() const;
    void push(QUndoCommand *command);
    void restoreEditors();
    void copyUri(const QString &uri);
    void transition();

    OverviewPage *q;
    QPointer<Registry> registry;
    QPointer<QUndoStack> undoStack;
    EditReporter *reporter;
    RegisteredModel model;
    std::optional<ModelVersion> version;
    bool hasContent = false;
    bool readOnly = false;
    ExpectedTimestamp seenTimestamp;      // of the description shown
    ExpectedTimestamp editStartTimestamp; // of the description the editor started from
    std::optional<QString> editStartText;
    std::optional<QString> pendingDescription; // a save under way

    QScrollArea *scroll = nullptr;
    QLabel *emptyLabel = nullptr;
    QWidget *content = nullptr;
    QLabel *title = nullptr;
    void setTitle(const QString &text);
    QLabel *kindLabel = nullptr;
    QLabel *stageBadge = nullptr;
    QPushButton *transitionButton = nullptr;
    RequestPanel *requests = nullptr; // open requests, Request Promotion…
    QLabel *permissionLabel = nullptr;
    QToolButton *copyButton = nullptr;
    QMenu *copyMenu = nullptr;
    QGroupBox *versionDetails = nullptr;
    ElidedLabel *statusField = nullptr;
    ElidedLabel *sourceField = nullptr;
    ElidedLabel *runField = nullptr;
    ElidedLabel *userField = nullptr;
    ElidedLabel *versionCreatedField = nullptr;
    ElidedLabel *versionUpdatedField = nullptr;
    QGroupBox *modelDetails = nullptr;
    ElidedLabel *modelCreatedField = nullptr;
    ElidedLabel *modelUpdatedField = nullptr;
    QList<ElidedLabel *> latestFields; // None, Staging, Production, Archived
    DescriptionEditor *description = nullptr;
    TagEditor *tags = nullptr;
    QGroupBox *aliasGroup = nullptr;
    AliasEditor *aliases = nullptr;
};

OverviewPage::Private::Private(OverviewPage *page, Registry *registry, QUndoStack *undoStack)
    : q(page)
    , registry(registry)
    , undoStack(undoStack ? undoStack : new QUndoStack(page))
    , reporter(new EditReporter(page))
{}

QGroupBox *OverviewPage::Private::group(const QString &title, const char *name,
                                        QWidget *content)
{
    auto *box = new QGroupBox(title, this->content);
    box->setObjectName(QLatin1String(name));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

ElidedLabel *OverviewPage::Private::addField(QFormLayout *form, const QString &label,
                                             const char *name)
{
    auto *field = new ElidedLabel(Qt::ElideMiddle, form->parentWidget());
    field->setObjectName(QLatin1String(name));
    form->addRow(label, field);
    return field;
}

void OverviewPage::Private::buildUi()
{
    emptyLabel = new QLabel(tr("Nothing selected."), q);
    emptyLabel->setObjectName(QStringLiteral("overviewEmptyLabel"));
    emptyLabel->setAlignment(Qt::AlignCenter);
    emptyLabel->setEnabled(false);
    emptyLabel->setWordWrap(true);

    scroll = new QScrollArea(q);
    scroll->setObjectName(QStringLiteral("overviewScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content = new QWidget;
    content->setObjectName(QStringLiteral("overviewContent"));

    // Header: name, what it is, stage and the actions on it.
    // The title wraps rather than elides: the version number at its end must always show.
    title = new QLabel(content);
    title->setWordWrap(true);
    title->setTextFormat(Qt::PlainText);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    title->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    kindLabel = new QLabel(content);
    kindLabel->setObjectName(QStringLiteral("kindLabel"));
    kindLabel->setEnabled(false);
    kindLabel->setWordWrap(true);
    stageBadge = new QLabel(content);
    stageBadge->setObjectName(QStringLiteral("stageBadge"));
    transitionButton = new QPushButton(tr("Transition\u2026"), content);
    transitionButton->setObjectName(QStringLiteral("transitionButton"));
    transitionButton->setToolTip(tr("Move this version to another stage"));
    QObject::connect(transitionButton, &QPushButton::clicked, q, [this] { transition(); });
    copyButton = new QToolButton(content);
    copyButton->setObjectName(QStringLiteral("copyUriButton"));
    copyButton->setText(tr("Copy URI"));
    copyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    copyMenu = new QMenu(copyButton);
    copyMenu->setObjectName(QStringLiteral("copyUriMenu"));
    QObject::connect(copyButton, &QToolButton::clicked, q, [this] { q->copyUri(); });
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(title, 1);
    titleRow->addWidget(copyButton, 0, Qt::AlignTop);
    permissionLabel = new QLabel(content);
    permissionLabel->setObjectName(QStringLiteral("permissionLabel"));
    permissionLabel->setWordWrap(true);
    permissionLabel->setEnabled(false);
    permissionLabel->hide();
    requests = new RequestPanel(registry, content);
    requests->setObjectName(QStringLiteral("requestPanel"));
    auto *stageRow = new QHBoxLayout;
    stageRow->addWidget(stageBadge);
    stageRow->addWidget(transitionButton);
    stageRow->addWidget(requests->requestButton());
    stageRow->addStretch(1);

    // Version details.
    auto *versionForm = new QWidget(content);
    auto *form = new QFormLayout(versionForm);
    form->setContentsMargins(0, 0, 0, 0);
    statusField = addField(form, tr("Status:"), "statusField");
    sourceField = addField(form, tr("Source:"), "sourceField");
    runField = addField(form, tr("Run ID:"), "runIdField");
    userField = addField(form, tr("Registered by:"), "userField");
    versionCreatedField = addField(form, tr("Created:"), "versionCreatedField");
    versionUpdatedField = addField(form, tr("Updated:"), "versionUpdatedField");
    versionDetails = group(tr("Details"), "versionDetailsGroup", versionForm);

    // Model details: dates and the latest version in each stage.
    auto *modelForm = new QWidget(content);
    form = new QFormLayout(modelForm);
    form->setContentsMargins(0, 0, 0, 0);
    modelCreatedField = addField(form, tr("Created:"), "modelCreatedField");
    modelUpdatedField = addField(form, tr("Updated:"), "modelUpdatedField");
    latestFields << addField(form, tr("Latest in None:"), "latestNoneField")
                 << addField(form, tr("Latest in Staging:"), "latestStagingField")
                 << addField(form, tr("Latest in Production:"), "latestProductionField")
                 << addField(form, tr("Latest in Archived:"), "latestArchivedField");
    modelDetails = group(tr("Details"), "modelDetailsGroup", modelForm);

    description = new DescriptionEditor(content);
    description->setObjectName(QStringLiteral("descriptionEditor"));
    tags = new TagEditor(content);
    tags->setObjectName(QStringLiteral("tagEditor"));
    aliases = new AliasEditor(content);
    aliases->setObjectName(QStringLiteral("aliasEditor"));

    auto *header = new QVBoxLayout;
    header->setSpacing(4);
    header->addLayout(titleRow);
    header->addWidget(kindLabel);
    header->addWidget(permissionLabel);
    header->addLayout(stageRow);
    header->addWidget(requests);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(group(tr("Description"), "descriptionGroup", description));
    layout->addWidget(versionDetails);
    layout->addWidget(modelDetails);
    layout->addWidget(group(tr("Tags"), "tagsGroup", tags));
    aliasGroup = group(tr("Aliases"), "aliasesGroup", aliases);
    layout->addWidget(aliasGroup);
    layout->addStretch(1);
    scroll->setWidget(content);

    auto *pageLayout = new QVBoxLayout(q);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(emptyLabel);
    pageLayout->addWidget(scroll);
}

void OverviewPage::Private::setTitle(const QString &text)
{
    // Names rarely have spaces ("team-a/fraud/gbm"): let them wrap after their separators
    // too (zero-width spaces; the tooltip and Copy URI have the name as it is).
    QString shown;
    shown.reserve(text.size() + 8);
    for (const QChar c : text) {
        shown += c;
        if (c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('/')
            || c == QLatin1Char('.'))
            shown += QChar(0x200b);
    }
    title->setText(shown);
    title->setToolTip(text);
}

EditTarget OverviewPage::Private::target() const
{
    if (version)
        return {model.name, version->version};
    return {model.name, std::nullopt};
}

void OverviewPage::Private::push(QUndoCommand *command)
{
    if (!undoStack) { // the window is closing
        delete command;
        return;
    }
    undoStack->push(command);
}

void OverviewPage::Private::restoreEditors()
{
    // A write failed: show what the registry holds as far as we know, not the edit.
    tags->setTags(version ? version->tags : model.tags);
    if (version)
        aliases->showVersionAliases(model.aliases, version->version);
    else
        aliases->showModelAliases(model.aliases);
}

void OverviewPage::Private::copyUri(const QString &uri)
{
    QGuiApplication::clipboard()->setText(uri);
    emit q->statusMessage(tr("Copied %1").arg(uri));
}

void OverviewPage::Private::showDescription(const QString &text, ExpectedTimestamp timestamp,
                                            bool newEntity, const QString &previousKey)
{
    if (newEntity) {
        // The editor's text belonged to what was shown before: keep it as a draft.
        if (description->isEditing() && !previousKey.isEmpty()
            && description->editedText() != description->description())
            drafts.insert(previousKey, {description->editedText(), seenTimestamp});
        description->cancelEditing();
        pendingDescription.reset();
    }
    seenTimestamp = timestamp;
    description->setDescription(text);
    if (newEntity && !readOnly) {
        const auto draft = drafts.constFind(entityKey());
        if (draft != drafts.cend()) {
            description->startEditing();
            description->setEditedText(draft->text);
            // A save still checks against what the user saw when the edit began.
            seenTimestamp = draft->seen;
            drafts.erase(draft);
            emit q->statusMessage(tr("Your unsaved description of %1 is back in the editor.")
                                      .arg(title->toolTip().isEmpty() ? model.name
                                                                      : title->toolTip()));
        }
    }
}

void OverviewPage::Private::showCommon()
{
    hasContent = true;
    emptyLabel->hide();
    scroll->show();
    const Capabilities caps = registry ? registry->capabilities() : Capabilities{};
    aliasGroup->setVisible(caps.aliases);
    transitionButton->setVisible(version && caps.stages && !readOnly);
    stageBadge->setVisible(version && caps.stages);
    q->setReadOnly(readOnly);
}

void OverviewPage::Private::transition()
{
    if (!version || readOnly || !registry)
        return;
    auto *dialog = new TransitionDialog(*version, model.latestVersions, q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = version->name;
    const qint64 number = version->version;
    QObject::connect(dialog, &QDialog::accepted, q, [this, dialog, name, number] {
        const QString stage = dialog->targetStage();
        if (!registry)
            return;
        whenFinished(
            Approval::transition(registry, name, number, stage, dialog->archiveExisting()), q,
            [page = QPointer<OverviewPage>(q), name, number,
             stage](const Result<ModelVersion> &result) {
                if (!result) {
                    emit page->errorOccurred(result.error());
                    return;
                }
                emit page->statusMessage(
                    tr("Moved %1 version %2 to %3").arg(name).arg(number).arg(stage));
            });
    });
    dialog->open();
}

OverviewPage::OverviewPage(Registry *registry, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, registry, undoStack))
{
    d->buildUi();

    connect(d->reporter, &EditReporter::failed, this, [this](const RegistryError &error) {
        const bool wasSaving = d->pendingDescription.has_value();
        if (wasSaving) {
            d->pendingDescription.reset();
            d->description->setSaving(false); // keep the user's text to copy or retry
        }
        d->restoreEditors();
        emit errorOccurred(error);
        if (wasSaving)
            emit descriptionSaveFinished();
    });
    connect(d->reporter, &EditReporter::succeeded, this, &OverviewPage::statusMessage);
    connect(d->reporter, &EditReporter::descriptionWritten, this,
            [this](const EditTarget &target, qint64 lastUpdated) {
                if (!d->hasContent || target != d->target())
                    return;
                d->seenTimestamp = lastUpdated;
                if (d->pendingDescription) {
                    const QString saved = *d->pendingDescription;
                    d->pendingDescription.reset();
                    d->description->cancelEditing();
                    d->description->setDescription(saved);
                    emit descriptionSaveFinished();
                }
            });

    connect(d->description, &DescriptionEditor::editingChanged, this, [this](bool editing) {
        if (!editing)
            return;
        d->editStartTimestamp = d->seenTimestamp;
        d->editStartText = d->version ? d->version->description
                                      : std::optional<QString>(d->model.description);
    });
    connect(d->description, &DescriptionEditor::saveRequested, this,
            [this](const QString &text) {
                if (d->readOnly || !d->hasContent)
                    return;
                d->pendingDescription = text;
                d->description->setSaving(true);
                d->push(new DescriptionCommand(d->registry, d->reporter, d->target(),
                                               d->editStartText, text,
                                               d->editStartTimestamp));
            });

    connect(d->tags, &TagEditor::tagAdded, this, [this](const Tag &tag) {
        d->push(new SetTagCommand(d->registry, d->reporter, d->target(), tag.key, tag.value,
                                  std::nullopt));
    });
    connect(d->tags, &TagEditor::tagChanged, this, [this](const Tag &before, const Tag &after) {
        d->push(createTagEditCommand(d->registry, d->reporter, d->target(), before, after));
    });
    connect(d->tags, &TagEditor::tagRemoved, this, [this](const Tag &tag) {
        d->push(new DeleteTagCommand(d->registry, d->reporter, d->target(), tag.key,
                                     tag.value));
    });
    connect(d->aliases, &AliasEditor::setAliasRequested, this,
            [this](const QString &alias, qint64 version, std::optional<qint64> previous) {
                d->push(new SetAliasCommand(d->registry, d->reporter, d->model.name, alias,
                                            version, previous));
            });
    connect(d->aliases, &AliasEditor::deleteAliasRequested, this,
            [this](const QString &alias, qint64 version) {
                d->push(new DeleteAliasCommand(d->registry, d->reporter, d->model.name, alias,
                                               version));
            });
    connect(d->requests, &RequestPanel::statusMessage, this, &OverviewPage::statusMessage);
    connect(d->requests, &RequestPanel::errorOccurred, this, &OverviewPage::errorOccurred);
    clear();
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::requestPromotion()
{
    if (showsVersion())
        d->requests->requestPromotion();
}

void OverviewPage::showModel(const RegisteredModel &model)
{
    const bool newEntity = !d->hasContent || d->version || d->model.name != model.name;
    const QString previousKey = d->hasContent ? d->entityKey() : QString();
    d->model = model;
    d->version.reset();

    d->setTitle(model.name);
    d->kindLabel->setText(tr("Registered model"));
    d->copyButton->setMenu(nullptr);
    d->copyButton->setPopupMode(QToolButton::DelayedPopup);
    d->copyButton->setToolTip(tr("Copy models:/%1 to the clipboard").arg(model.name));

    d->modelCreatedField->setText(timeText(model.creationTimestamp));
    d->modelUpdatedField->setText(timeText(model.lastUpdatedTimestamp));
    const QStringList stages{Stage::None, Stage::Staging, Stage::Production, Stage::Archived};
    for (qsizetype i = 0; i < stages.size(); ++i) {
        qint64 latest = 0;
        for (const ModelVersion &version : model.latestVersions) {
            if (version.currentStage == stages.at(i))
                latest = qMax(latest, version.version);
        }
        d->latestFields.at(i)->setText(
            latest ? tr("version %1").arg(latest) : QStringLiteral("\u2014"),
            latest ? tr("Version %1 is the latest in %2").arg(latest).arg(stages.at(i))
                   : tr("No version is in %1").arg(stages.at(i)));
    }
    d->versionDetails->hide();
    d->modelDetails->show();

    d->showDescription(model.description, model.lastUpdatedTimestamp, newEntity, previousKey);
    d->tags->setTags(model.tags);
    d->requests->clear();
    d->aliases->showModelAliases(model.aliases);
    d->showCommon();
}

void OverviewPage::showVersion(const RegisteredModel &model, const ModelVersion &version)
{
    const bool newEntity = !d->hasContent || !d->version || d->model.name != model.name
                           || d->version->version != version.version;
    const QString previousKey = d->hasContent ? d->entityKey() : QString();
    d->model = model;
    d->version = version;

    d->setTitle(tr("%1 \u00b7 version %2").arg(model.name).arg(version.version));
    d->kindLabel->setText(tr("Model version"));
    d->stageBadge->setText(version.currentStage);
    d->stageBadge->setStyleSheet(badgeStyle(version.currentStage, palette()));
    d->stageBadge->setToolTip(tr("Stage: %1").arg(version.currentStage));

    const QString versionUri = QStringLiteral("models:/%1/%2").arg(model.name).arg(version.version);
    d->copyMenu->clear();
    QStringList uris{versionUri};
    for (const QString &alias : version.aliases)
        uris << QStringLiteral("models:/%1@%2").arg(model.name, alias);
    for (const QString &uri : std::as_const(uris)) {
        QAction *action = d->copyMenu->addAction(uri);
        connect(action, &QAction::triggered, this, [this, uri] { d->copyUri(uri); });
    }
    d->copyButton->setMenu(d->copyMenu);
    d->copyButton->setPopupMode(QToolButton::MenuButtonPopup);
    d->copyButton->setToolTip(
        tr("Copy %1 to the clipboard; the menu has the alias URIs").arg(versionUri));

    d->statusField->setText(version.statusMessage && !version.statusMessage->isEmpty()
                                ? tr("%1 \u2014 %2").arg(version.status, *version.statusMessage)
                                : version.status);
    d->sourceField->setText(version.source.isEmpty() ? QStringLiteral("\u2014") : version.source);
    d->runField->setText(version.runId.value_or(QStringLiteral("\u2014")));
    d->userField->setText(version.userId.value_or(QStringLiteral("\u2014")));
    d->versionCreatedField->setText(timeText(version.creationTimestamp));
    d->versionUpdatedField->setText(timeText(version.lastUpdatedTimestamp));
    d->modelDetails->hide();
    d->versionDetails->show();

    d->showDescription(version.description.value_or(QString()), version.lastUpdatedTimestamp,
                       newEntity, previousKey);
    // Requests are shown above (and in History), the card's sections in the Model Card tab,
    // not as raw tags.
    QList<Tag> shownTags;
    for (const Tag &tag : version.tags) {
        if (tag.key != Approval::MarkerKey && !tag.key.startsWith(Approval::RequestPrefix)
            && !tag.key.startsWith(Card::TagPrefix))
            shownTags.append(tag);
    }
    d->tags->setTags(shownTags);
    d->requests->showVersion(model, version);
    d->aliases->showVersionAliases(model.aliases, version.version);
    d->showCommon();
}

void OverviewPage::clear()
{
    d->description->cancelEditing();
    d->pendingDescription.reset();
    d->hasContent = false;
    d->model = {};
    d->version.reset();
    d->seenTimestamp.reset();
    d->requests->clear();
    d->scroll->hide();
    d->emptyLabel->show();
}

QList<OverviewPage::UnsavedDescription> OverviewPage::unsavedDescriptions() const
{
    QList<UnsavedDescription> unsaved;
    if (d->hasContent && d->description->isEditing() && !d->pendingDescription
        && d->description->editedText() != d->description->description())
        unsaved.append({d->target(), d->description->editedText(), d->editStartTimestamp});
    for (auto it = d->drafts.cbegin(); it != d->drafts.cend(); ++it) {
        const qsizetype separator = it.key().indexOf(QLatin1Char('\x1f'));
        EditTarget target{it.key().left(separator), std::nullopt};
        const QString version = it.key().mid(separator + 1);
        if (!version.isEmpty())
            target.version = version.toLongLong();
        unsaved.append({target, it->text, it->seen});
    }
    return unsaved;
}

void OverviewPage::discardUnsavedDescriptions()
{
    d->drafts.clear();
    if (!d->pendingDescription)
        d->description->cancelEditing();
}

EditTarget OverviewPage::shownTarget() const
{
    return d->target();
}

void OverviewPage::dropUnsavedDescription(const EditTarget &target)
{
    for (auto it = d->drafts.begin(); it != d->drafts.end();) {
        const qsizetype separator = it.key().indexOf(QLatin1Char('\x1f'));
        const QString version = it.key().mid(separator + 1);
        const EditTarget key{it.key().left(separator),
                             version.isEmpty() ? std::nullopt
                                               : std::optional(version.toLongLong())};
        it = key == target ? d->drafts.erase(it) : std::next(it);
    }
    if (d->hasContent && d->target() == target && !d->pendingDescription)
        d->description->cancelEditing();
}

bool OverviewPage::isSavingDescription() const
{
    return d->pendingDescription.has_value();
}

void OverviewPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The badge's colours come from the palette: a theme switch restyles it.
    if (event->type() == QEvent::PaletteChange && d->version)
        d->stageBadge->setStyleSheet(badgeStyle(d->version->currentStage, palette()));
}

bool OverviewPage::hasContent() const
{
    return d->hasContent;
}

bool OverviewPage::showsVersion() const
{
    return d->hasContent && d->version.has_value();
}

bool OverviewPage::isReadOnly() const
{
    return d->readOnly;
}

void OverviewPage::openTransitionDialog()
{
    if (showsVersion() && d->transitionButton->isVisible())
        d->transition();
}

void OverviewPage::editDescription()
{
    if (!d->hasContent || d->readOnly)
        return;
    d->description->startEditing();
    d->description->focusEditor();
    d->scroll->ensureWidgetVisible(d->description);
}

void OverviewPage::copyUri()
{
    if (!d->hasContent)
        return;
    d->copyUri(d->version
                   ? QStringLiteral("models:/%1/%2").arg(d->model.name).arg(d->version->version)
                   : QStringLiteral("models:/%1").arg(d->model.name));
}

void OverviewPage::focusNewTag()
{
    if (!d->hasContent || d->readOnly)
        return;
    d->scroll->ensureWidgetVisible(d->tags);
    d->tags->focusNewTag();
}

void OverviewPage::focusNewAlias()
{
    if (!d->hasContent || d->readOnly || !d->aliasGroup->isVisible())
        return;
    d->scroll->ensureWidgetVisible(d->aliases);
    d->aliases->focusInput();
}

void OverviewPage::setPermissionNote(const QString &note)
{
    d->permissionLabel->setText(note);
    d->permissionLabel->setToolTip(
        note.isEmpty() ? QString()
                       : tr("MLflow's basic-auth app: READ reads, EDIT also changes descriptions, "
                            "tags, stages and aliases, MANAGE also deletes and grants."));
    d->permissionLabel->setVisible(!note.isEmpty());
}

void OverviewPage::setReadOnly(bool readOnly)
{
    d->readOnly = readOnly;
    d->description->setReadOnly(readOnly);
    d->tags->setReadOnly(readOnly);
    d->aliases->setReadOnly(readOnly);
    const bool stages = !d->registry || d->registry->capabilities().stages;
    d->transitionButton->setEnabled(!readOnly);
    d->transitionButton->setVisible(!readOnly && d->version && stages);
    d->requests->setReadOnly(readOnly);
}

} // namespace ModelDesk
