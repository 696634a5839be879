#include "ui/registrydiff/comparewindow.h"

#include "models/registrydiff/registrydifffilter.h"
#include "registry/diff/diffexport.h"
#include "registry/registryopener.h"
#include "registry/whenfinished.h"
#include "ui/messagebar.h"
#include "ui/registrydiff/valuediffview.h"
#include "ui/settings.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ModelDesk {

namespace {

// Keys of the state remembered per registry (Settings::registryState).
const QString LastComparedKey = QStringLiteral("compareWith");
const QString SplitterKey = QStringLiteral("compareSplitter");
const QString ColumnsKey = QStringLiteral("compareColumns");
const QString GeometryKey = QStringLiteral("compareGeometry");

// A location as the window names it: a file by its name, a server by its URL.
QString shortName(const QString &location)
{
    if (location.contains(QLatin1String("://")) && !location.startsWith(QLatin1String("sqlite"))
        && !location.startsWith(QLatin1String("file")))
        return location;
    const QString name = QFileInfo(location).fileName();
    return name.isEmpty() ? location : name;
}

QLabel *pageText(const QString &text, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // The page's message stands out; the hint below it reads as secondary.
    QFont font = label->font();
    if (name.endsWith(QLatin1String("Hint"))) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
        label->setPalette(palette);
    } else {
        font.setPointSizeF(font.pointSizeF() * 1.25);
        label->setFont(font);
    }
    return label;
}

// A page with `widgets` in a column of a readable width at its centre. Labels take the
// column's width (a word-wrapped label given only its own hint would be cut off); other
// widgets keep their own, centred.
QWidget *centred(const QList<QWidget *> &widgets, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *column = new QWidget(page);
    column->setMaximumWidth(560);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(12);
    for (QWidget *widget : widgets) {
        widget->setParent(column);
        if (qobject_cast<QLabel *>(widget))
            columnLayout->addWidget(widget);
        else
            columnLayout->addWidget(widget, 0, Qt::AlignHCenter);
    }
    auto *rows = new QVBoxLayout;
    rows->addStretch(1);
    rows->addWidget(column);
    rows->addStretch(2);
    auto *layout = new QHBoxLayout(page);
    layout->addStretch(1);
    layout->addLayout(rows, 4);
    layout->addStretch(1);
    return page;
}

} // namespace

CompareWindow::CompareWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_settings(std::make_unique<Settings>())
    , m_location(new QComboBox(this))
    , m_sides(new QLabel(this))
    , m_swap(new QPushButton(tr("S&wap A ⇄ B"), this))
    , m_compare(new QPushButton(tr("&Compare"), this))
    , m_messages(new MessageBar(this))
    , m_pages(new QStackedWidget(this))
    , m_busyText(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_filterText(new QLineEdit(this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_summary(new QLabel(this))
    , m_noMatch(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_tree(new QTreeView(this))
    , m_values(new ValueDiffView(this))
    , m_model(new RegistryDiffModel(this))
    , m_filter(new RegistryDiffFilter(this))
{
    setObjectName(QStringLiteral("compareWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Compare Registries"));
    resize(1100, 720);
    m_messages->setObjectName(QStringLiteral("compareMessages"));
    m_messages->hide();

    m_pages->setObjectName(QStringLiteral("comparePages"));
    m_pages->addWidget(centred(
        {pageText(tr("Pick a registry to compare this one with: a snapshot, a file or a "
                     "server."),
                  QStringLiteral("compareIntro"), this),
         pageText(tr("Choose a recent registry above, type a path or an http(s):// URL, or "
                     "Browse… for a file; then Compare (Ctrl+Return). Swap sets which one is "
                     "the older side, A."),
                  QStringLiteral("compareIntroHint"), this)},
        m_pages));
    m_busyText->setObjectName(QStringLiteral("compareBusyText"));
    m_busyText->setAlignment(Qt::AlignCenter);
    m_busyText->setWordWrap(true);
    m_busy->setObjectName(QStringLiteral("compareProgress"));
    m_busy->setRange(0, 0);
    m_busy->setMinimumWidth(320);
    m_cancel->setObjectName(QStringLiteral("compareCancel"));
    m_cancel->setToolTip(tr("Stop reading and comparing (Esc)"));
    connect(m_cancel, &QPushButton::clicked, this, &CompareWindow::cancel);
    m_pages->addWidget(centred({m_busyText, m_busy, m_cancel}, m_pages));
    m_pages->addWidget(createResults());
    m_pages->addWidget(
        centred({pageText(tr("No differences: the two registries hold the same models, versions, "
                             "tags, aliases and descriptions."),
                          QStringLiteral("compareSame"), this)},
                m_pages));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createChooser());
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);

    auto *close = new QShortcut(QKeySequence(tr("Ctrl+W")), this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    setPage(IntroPage);
    updateSides();
}

CompareWindow::~CompareWindow()
{
    m_pending.cancelAll();
}

QWidget *CompareWindow::createChooser()
{
    auto *chooser = new QWidget(this);
    m_location->setObjectName(QStringLiteral("compareLocation"));
    m_location->setEditable(true);
    m_location->setInsertPolicy(QComboBox::NoInsert);
    m_location->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_location->setMinimumContentsLength(30);
    m_location->lineEdit()->setPlaceholderText(tr("A path, sqlite:///path or http(s)://host:port"));
    m_location->setToolTip(tr("The registry to compare with: a recent one, a file or snapshot, "
                              "or an MLflow server (credentials from MLFLOW_TRACKING_TOKEN or "
                              "MLFLOW_TRACKING_USERNAME/PASSWORD)"));
    connect(m_location, &QComboBox::currentTextChanged, this, &CompareWindow::updateSides);
    connect(m_location->lineEdit(), &QLineEdit::returnPressed, this, &CompareWindow::compare);
    auto *label = new QLabel(tr("Compare &with:"), chooser);
    label->setBuddy(m_location);
    m_browse = new QPushButton(tr("&Browse…"), chooser);
    m_browse->setObjectName(QStringLiteral("compareBrowse"));
    m_browse->setToolTip(tr("Pick a registry file or snapshot (*.db)"));
    connect(m_browse, &QPushButton::clicked, this, &CompareWindow::chooseFile);

    m_sides->setObjectName(QStringLiteral("compareSides"));
    m_sides->setTextFormat(Qt::RichText);
    m_sides->setMinimumWidth(100);
    m_swap->setObjectName(QStringLiteral("compareSwap"));
    m_swap->setToolTip(
        tr("Swap which registry is A, the older side, and which is B (Ctrl+Shift+W)"));
    m_swap->setShortcut(QKeySequence(tr("Ctrl+Shift+W")));
    connect(m_swap, &QPushButton::clicked, this, &CompareWindow::swapSides);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setDefault(true);
    m_compare->setToolTip(tr("Read both registries and list what changed from A to B "
                             "(Ctrl+Return)"));
    auto *compareKey = new QShortcut(QKeySequence(tr("Ctrl+Return")), this);
    connect(compareKey, &QShortcut::activated, this, &CompareWindow::compare);
    connect(m_compare, &QPushButton::clicked, this, &CompareWindow::compare);

    auto *grid = new QGridLayout(chooser);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(label, 0, 0);
    grid->addWidget(m_location, 0, 1, 1, 2);
    grid->addWidget(m_browse, 0, 3);
    grid->addWidget(m_sides, 1, 1);
    grid->addWidget(m_swap, 1, 2);
    grid->addWidget(m_compare, 1, 3);
    grid->setColumnStretch(1, 1);
    return chooser;
}

QWidget *CompareWindow::createResults()
{
    auto *page = new QWidget(this);
    m_filterText->setObjectName(QStringLiteral("compareFilter"));
    m_filterText->setPlaceholderText(tr("Filter by model, version, key or value (Ctrl+F)"));
    m_filterText->setClearButtonEnabled(true);
    m_filterText->setToolTip(tr("Show only the changes whose model, version, key or values "
                                "contain this text"));
    connect(m_filterText, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        m_tree->expandAll();
        updateSummary();
    });
    auto *find = new QShortcut(QKeySequence(tr("Ctrl+F")), this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filterText->setFocus();
        m_filterText->selectAll();
    });
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filterText, 1);
    for (const ChangeGroup group : AllChangeGroups) {
        auto *button = new QToolButton(page);
        button->setObjectName(QStringLiteral("compareKind") + changeGroupText(group));
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setProperty("changeGroup", int(group));
        button->setToolTip(tr("Show or hide the changes of this kind"));
        connect(button, &QToolButton::toggled, this, [this] {
            ChangeGroups groups;
            for (QToolButton *each : std::as_const(m_groupButtons)) {
                if (each->isChecked())
                    groups |= ChangeGroup(each->property("changeGroup").toInt());
            }
            m_filter->setGroups(groups);
            m_tree->expandAll();
            updateSummary();
        });
        m_groupButtons.append(button);
        filters->addWidget(button);
    }
    m_export->setObjectName(QStringLiteral("compareExport"));
    m_export->setToolTip(tr("Save the changes shown as CSV, or as JSON the way modeldesk-cli "
                            "diff --json prints them (Ctrl+E)"));
    m_export->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(m_export, &QPushButton::clicked, this, &CompareWindow::chooseExport);
    filters->addWidget(m_export);

    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setWordWrap(true);
    m_noMatch->setObjectName(QStringLiteral("compareNoMatch"));
    m_noMatch->setText(tr("No change matches the filter: clear the text or show more kinds."));
    m_noMatch->setAlignment(Qt::AlignCenter);
    m_noMatch->hide();

    m_filter->setSourceModel(m_model);
    m_tree->setObjectName(QStringLiteral("compareTree"));
    m_tree->setModel(m_filter);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(RegistryDiffModel::ChangeColumn, 230);
    m_tree->header()->resizeSection(RegistryDiffModel::VersionColumn, 70);
    m_tree->header()->resizeSection(RegistryDiffModel::KeyColumn, 170);
    m_tree->header()->resizeSection(RegistryDiffModel::OldColumn, 220);
    m_tree->setToolTip(tr("Double-click or Enter shows the item: in this window when this "
                          "registry holds it, else in a new window on the other one"));
    connect(m_tree, &QTreeView::activated, this, &CompareWindow::activate);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &CompareWindow::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CompareWindow::showSelected);
    // Model rows span the columns: their name and count need the room.
    const auto spanModels = [this] {
        for (int row = 0; row < m_filter->rowCount(); ++row)
            m_tree->setFirstColumnSpanned(row, {}, true);
    };
    connect(m_filter, &QAbstractItemModel::modelReset, this, spanModels);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, spanModels);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, spanModels);

    m_values->setObjectName(QStringLiteral("compareValues"));
    auto *treeHolder = new QWidget(page);
    auto *treeLayout = new QVBoxLayout(treeHolder);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_noMatch);
    treeLayout->addWidget(m_tree, 1);
    m_splitter->setObjectName(QStringLiteral("compareSplitter"));
    m_splitter->addWidget(treeHolder);
    m_splitter->addWidget(m_values);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(m_splitter, 1);
    return page;
}

void CompareWindow::setThisRegistry(Registry *registry, const QString &location)
{
    if (m_this)
        disconnect(m_this, nullptr, this, nullptr);
    const bool moved = location != m_thisLocation;
    if (moved && !m_thisLocation.isEmpty())
        saveState();
    m_this = registry;
    m_thisLocation = location;
    if (registry) {
        // The window's registry closed while it was being read: that comparison cannot end.
        connect(registry, &QObject::destroyed, this, [this] {
            if (m_comparing) {
                cancel();
                fail(RegistryError(ErrorCode::Cancelled,
                                   tr("The window's registry was closed while it was read.")));
            }
        });
    }
    if (moved) {
        // What is shown compared the registry the window had open before.
        if (m_comparing)
            cancel();
        m_model->setChanges({});
        m_messages->hide();
        setPage(IntroPage);
        const QString current = otherLocation();
        m_location->clear();
        for (const QString &recent : m_settings->recentRegistries()) {
            if (recent != location)
                m_location->addItem(recent);
        }
        const QString last
            = QString::fromUtf8(m_settings->registryState(location, LastComparedKey));
        setOtherLocation(!last.isEmpty() ? last : current);
        restoreState();
    }
    setWindowTitle(tr("Compare Registries — %1").arg(shortName(location)));
    updateSides();
}

void CompareWindow::setOtherLocation(const QString &location)
{
    m_location->setEditText(location);
}

QString CompareWindow::otherLocation() const
{
    return m_location->currentText().trimmed();
}

void CompareWindow::swapSides()
{
    m_thisIsA = !m_thisIsA;
    updateSides();
}

QString CompareWindow::locationOf(ComparedSide side) const
{
    const bool isThis = (side == ComparedSide::A) == m_shown.thisIsA;
    return isThis ? m_shown.thisLocation : m_shown.other;
}

void CompareWindow::updateSides()
{
    const QString other
        = otherLocation().isEmpty() ? tr("the other registry") : shortName(otherLocation());
    const QString mine = tr("%1 (this window)").arg(shortName(m_thisLocation));
    const QString a = m_thisIsA ? mine : other;
    const QString b = m_thisIsA ? other : mine;
    m_sides->setText(tr("A (older): <b>%1</b> &nbsp;→&nbsp; B (newer): <b>%2</b>")
                         .arg(a.toHtmlEscaped(), b.toHtmlEscaped()));
    m_sides->setToolTip(tr("Changes are listed from A to B: added means only B has it"));
}

void CompareWindow::setPage(Page page)
{
    m_pages->setCurrentIndex(page);
    const bool busy = page == BusyPage;
    m_compare->setEnabled(!busy);
    m_swap->setEnabled(!busy);
    m_location->setEnabled(!busy);
    m_browse->setEnabled(!busy);
}

void CompareWindow::compare()
{
    if (m_comparing)
        return;
    const QString location = otherLocation();
    if (!m_this) {
        fail(RegistryError(ErrorCode::InvalidParameterValue,
                           tr("Open a registry in the window first.")));
        return;
    }
    if (location.isEmpty()) {
        fail(RegistryError(ErrorCode::InvalidParameterValue,
                           tr("Pick a registry to compare with: a recent one, a file (Browse…) "
                              "or a server URL.")));
        return;
    }
    auto created = createRegistry(location, SqlBackend::OpenMode::ReadOnly);
    if (!created) {
        fail(created.error());
        return;
    }
    m_pending.cancelAll();
    m_other = std::move(*created);
    m_reading = {m_thisLocation, location, m_thisIsA};
    m_comparing = true;
    m_messages->hide();
    m_clock.start();
    const quint64 generation = ++m_generation;
    m_busyText->setText(tr("Opening %1…").arg(shortName(location)));
    setPage(BusyPage);
    m_cancel->setFocus();
    whenFinished(m_pending.track(m_other->open()), this,
                 [this, generation](const Result<Capabilities> &opened) {
                     if (generation != m_generation)
                         return;
                     if (!opened)
                         return fail(opened.error());
                     readBoth(generation);
                 });
}

void CompareWindow::readBoth(quint64 generation)
{
    if (!m_this)
        return fail(RegistryError(ErrorCode::Cancelled, tr("The window's registry was closed.")));
    m_busyText->setText(tr("Reading %1 and %2…")
                            .arg(shortName(m_reading.thisLocation), shortName(m_reading.other)));
    // Both are read at once; the comparison starts when the second has answered.
    struct Reads
    {
        std::optional<Result<RegistryContents>> mine;
        std::optional<Result<RegistryContents>> other;
    };
    auto reads = std::make_shared<Reads>();
    const auto arrived = [this, generation, reads] {
        if (generation != m_generation || !reads->mine || !reads->other)
            return;
        finish(generation, std::move(*reads->mine), std::move(*reads->other));
    };
    whenFinished(m_pending.track(readRegistryContents(m_this)), this,
                 [reads, arrived](Result<RegistryContents> contents) {
                     reads->mine = std::move(contents);
                     arrived();
                 });
    whenFinished(m_pending.track(readRegistryContents(m_other.get())), this,
                 [reads, arrived](Result<RegistryContents> contents) {
                     reads->other = std::move(contents);
                     arrived();
                 });
}

void CompareWindow::finish(quint64 generation,
                           Result<RegistryContents> mine,
                           Result<RegistryContents> other)
{
    if (!mine)
        return fail(mine.error());
    if (!other)
        return fail(other.error());
    m_busyText->setText(tr("Comparing…"));
    const bool thisIsA = m_reading.thisIsA;
    auto work = [a = std::move(thisIsA ? *mine : *other), b = std::move(thisIsA ? *other : *mine)] {
        return diffRegistries(a, b);
    };
    whenFinished(m_pending.track(QtConcurrent::run(std::move(work))), this,
                 [this, generation](QList<RegistryChange> changes) {
                     if (generation != m_generation)
                         return;
                     m_comparing = false;
                     m_elapsedMs = m_clock.elapsed();
                     m_shown = m_reading;
                     m_settings->setRegistryState(m_shown.thisLocation, LastComparedKey,
                                                  m_shown.other.toUtf8());
                     m_model->setChanges(std::move(changes));
                     m_tree->expandAll();
                     m_values->clear(tr("Select a change to see its old and new values side "
                                        "by side."));
                     updateGroupButtons();
                     updateSummary();
                     setPage(m_model->changes().isEmpty() ? SamePage : ResultsPage);
                     if (!m_model->changes().isEmpty()) {
                         m_tree->setFocus();
                         m_tree->setCurrentIndex(m_filter->index(0, 0));
                     }
                     emit compared(true);
                 });
}

void CompareWindow::fail(const RegistryError &error)
{
    m_comparing = false;
    ++m_generation;
    m_pending.cancelAll();
    m_messages->showMessage(MessageBar::Kind::Error,
                            tr("Could not compare: %1").arg(error.message().toHtmlEscaped()),
                            error.detail());
    m_messages->show();
    setPage(m_model->changes().isEmpty() ? IntroPage : ResultsPage);
    emit compared(false);
}

void CompareWindow::cancel()
{
    if (!m_comparing)
        return;
    m_comparing = false;
    ++m_generation;
    m_pending.cancelAll();
    m_other.reset();
    setPage(m_model->rowCount() > 0 ? ResultsPage : IntroPage);
    m_messages->showMessage(MessageBar::Kind::Information, tr("The comparison was cancelled."));
    m_messages->show();
}

void CompareWindow::updateGroupButtons()
{
    for (QToolButton *button : std::as_const(m_groupButtons)) {
        const auto group = ChangeGroup(button->property("changeGroup").toInt());
        button->setText(
            QStringLiteral("%1 %2").arg(changeGroupText(group)).arg(m_model->count(group)));
        // Coloured while it can be used; a kind with no change stays grey.
        QPalette palette = button->palette();
        const QColor colour = changeGroupColor(group, palette);
        palette.setColor(QPalette::Active, QPalette::ButtonText, colour);
        palette.setColor(QPalette::Inactive, QPalette::ButtonText, colour);
        button->setPalette(palette);
        button->setEnabled(m_model->count(group) > 0);
    }
}

void CompareWindow::updateSummary()
{
    const QLocale locale;
    const qsizetype total = m_model->changes().size();
    const QString a = shortName(locationOf(ComparedSide::A));
    const QString b = shortName(locationOf(ComparedSide::B));
    const int models = m_model->modelCount();
    QString text
        = tr("%1 in %2 from A (%3) to B (%4)")
              .arg(changeCountText(int(total)),
                   models == 1 ? tr("1 model") : tr("%1 models").arg(locale.toString(models)), a,
                   b);
    const QList<RegistryChange> shown = m_filter->shownChanges();
    if (shown.size() != total)
        text += tr("; %1 shown").arg(locale.toString(shown.size()));
    text += m_elapsedMs < 1000
        ? tr(" · compared in %1 ms.").arg(locale.toString(m_elapsedMs))
        : tr(" · compared in %1 s.").arg(locale.toString(m_elapsedMs / 1000.0, 'f', 1));
    m_summary->setText(text);
    m_noMatch->setVisible(total > 0 && shown.isEmpty());
    m_export->setEnabled(!shown.isEmpty());
}

void CompareWindow::showSelected()
{
    const QModelIndex index = m_filter->mapToSource(m_tree->currentIndex());
    const RegistryChange *change = m_model->change(index);
    if (!change) {
        m_values->clear(tr("Select a change to see its old and new values side by side."));
        return;
    }
    m_values->setValues(
        tr("Old — in A: %1").arg(shortName(locationOf(ComparedSide::A))), change->oldValue,
        tr("New — in B: %1").arg(shortName(locationOf(ComparedSide::B))), change->newValue);
}

void CompareWindow::activate(const QModelIndex &index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    const ComparedSide mine = m_shown.thisIsA ? ComparedSide::A : ComparedSide::B;
    const ComparedSide theirs = m_shown.thisIsA ? ComparedSide::B : ComparedSide::A;
    const QString here = m_model->selectionIn(source, mine);
    if (!here.isEmpty()) {
        emit showInThisWindow(here);
        return;
    }
    const QString there = m_model->selectionIn(source, theirs);
    if (!there.isEmpty())
        emit openInNewWindow(m_shown.other, there);
}

void CompareWindow::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    const QModelIndex source = m_filter->mapToSource(index);
    const ComparedSide mine = m_shown.thisIsA ? ComparedSide::A : ComparedSide::B;
    const ComparedSide theirs = m_shown.thisIsA ? ComparedSide::B : ComparedSide::A;
    const QString here = m_model->selectionIn(source, mine);
    const QString there = m_model->selectionIn(source, theirs);
    QMenu menu(this);
    QAction *show = menu.addAction(tr("Show in This Window"), this,
                                   [this, here] { emit showInThisWindow(here); });
    show->setEnabled(!here.isEmpty());
    QAction *open
        = menu.addAction(tr("Open in %1 in a New Window").arg(shortName(m_shown.other)), this,
                         [this, there] { emit openInNewWindow(m_shown.other, there); });
    open->setEnabled(!there.isEmpty());
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void CompareWindow::chooseFile()
{
    const QString start = QFileInfo(otherLocation()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Compare With"), start,
        tr("MLflow registries and snapshots (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (!path.isEmpty())
        setOtherLocation(path);
}

void CompareWindow::chooseExport()
{
    const QString csv = tr("CSV (*.csv)");
    const QString json = tr("JSON, as modeldesk-cli diff --json (*.json)");
    QString chosen = csv;
    const QString suggested = QFileInfo(m_thisLocation).absolutePath() + QLatin1Char('/')
        + QFileInfo(m_thisLocation).completeBaseName() + QStringLiteral("-changes.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Changes"), suggested,
                                                      csv + QStringLiteral(";;") + json, &chosen);
    if (path.isEmpty())
        return;
    const ExportFormat format = chosen == json || path.endsWith(QLatin1String(".json"))
        ? ExportFormat::Json
        : ExportFormat::Csv;
    QString error;
    if (!exportTo(path, format, &error)) {
        m_messages->showMessage(MessageBar::Kind::Error,
                                tr("Could not export the changes: %1").arg(error.toHtmlEscaped()));
        m_messages->show();
    }
}

bool CompareWindow::exportTo(const QString &path, ExportFormat format, QString *error) const
{
    const QList<RegistryChange> shown = m_filter->shownChanges();
    const QByteArray bytes = format == ExportFormat::Csv
        ? changesCsv(shown)
        : MlflowJson::Value(changesJson(shown)).toJson() + '\n';
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void CompareWindow::saveState()
{
    if (m_thisLocation.isEmpty())
        return;
    m_settings->setRegistryState(m_thisLocation, SplitterKey, m_splitter->saveState());
    m_settings->setRegistryState(m_thisLocation, ColumnsKey, m_tree->header()->saveState());
    m_settings->setRegistryState(m_thisLocation, GeometryKey, saveGeometry());
}

void CompareWindow::restoreState()
{
    const QByteArray splitter = m_settings->registryState(m_thisLocation, SplitterKey);
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    const QByteArray columns = m_settings->registryState(m_thisLocation, ColumnsKey);
    if (!columns.isEmpty())
        m_tree->header()->restoreState(columns);
    const QByteArray geometry = m_settings->registryState(m_thisLocation, GeometryKey);
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
}

void CompareWindow::keyPressEvent(QKeyEvent *event)
{
    // Esc stops a comparison under way; otherwise it does nothing here.
    if (event->key() == Qt::Key_Escape && m_comparing) {
        cancel();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void CompareWindow::closeEvent(QCloseEvent *event)
{
    cancel();
    saveState();
    QWidget::closeEvent(event);
}

} // namespace ModelDesk
