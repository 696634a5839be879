#include "ui/details/artifactspanel.h"

#include "models/artifacttreemodel.h"
#include "ui/details/runtables.h"
#include "ui/settings.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyle>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace ModelDesk {
namespace {

using RunTables::WrappingField;

using Kind = ArtifactTreeModel::Kind;
using State = ArtifactTreeModel::State;

} // namespace

// The widgets and state of an ArtifactsPanel. Owned by it; GUI thread.
class ArtifactsPanel::Private
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::ArtifactsPanel)
public:
    enum class Outcome { Saved, Failed, Cancelled };

    Private(ArtifactsPanel *panel, Registry *registry);

    void setupUi();
    QWidget *createMessagePage();
    QWidget *createDownloadBox();
    void updateRootPage();
    void updateActions();
    void activate(const QModelIndex &index);
    void refresh();
    void expandAgain(const QModelIndex &parent, int first, int last);
    void copyPath();
    void startDownload(const ArtifactFile &file);
    void updateProgress();
    void cancelDownload();
    void finishDownload(Outcome outcome, const QString &message = {});
    void openFolder();
    QModelIndex currentIndex() const;

    ArtifactsPanel *q;
    QPointer<Registry> m_registry;
    ArtifactTreeModel *m_model = nullptr;
    SaveFileChooser m_chooser;
    QSet<QString> m_expandAgain; // folders to open again as a refresh lists them

    QAction *m_downloadAction = nullptr;
    QAction *m_copyPathAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_view = nullptr;
    QWidget *m_messagePage = nullptr;
    QLabel *m_messageTitle = nullptr;
    WrappingField *m_messageText = nullptr;
    QProgressBar *m_busy = nullptr;
    QPushButton *m_retryButton = nullptr;

    // The download in progress, or the last one while its outcome is shown.
    QFutureWatcher<Result<Done>> *m_watcher = nullptr;
    QFuture<Result<Done>> m_download;
    bool m_downloading = false;
    bool m_cancelling = false;
    QString m_downloadName;
    QString m_destination;
    std::optional<qint64> m_downloadSize; // bytes, from the listing
    int m_progressMaximum = 0; // kibibytes; 0 while unknown
    int m_progressValue = 0;

    QWidget *m_downloadBox = nullptr;
    QLabel *m_downloadLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_resultIcon = nullptr;
    WrappingField *m_resultText = nullptr;
    QLabel *m_openFolder = nullptr;
    QToolButton *m_dismissButton = nullptr;
};

ArtifactsPanel::Private::Private(ArtifactsPanel *panel, Registry *registry)
    : q(panel)
    , m_registry(registry)
    , m_model(new ArtifactTreeModel(registry, panel))
    , m_watcher(new QFutureWatcher<Result<Done>>(panel))
{ }

void ArtifactsPanel::Private::setupUi()
{
    QStyle *style = q->style();
    m_model->setIcons({style->standardIcon(QStyle::SP_DirIcon),
                       style->standardIcon(QStyle::SP_FileIcon),
                       style->standardIcon(QStyle::SP_MessageBoxWarning)});

    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 6, 0, 0);

    m_downloadAction
        = new QAction(style->standardIcon(QStyle::SP_DialogSaveButton), tr("Download…"), q);
    m_downloadAction->setObjectName(QStringLiteral("downloadArtifactAction"));
    QObject::connect(m_downloadAction, &QAction::triggered, q, [this] { q->downloadCurrent(); });

    m_copyPathAction = new QAction(tr("Copy Path"), q);
    m_copyPathAction->setObjectName(QStringLiteral("copyArtifactPathAction"));
    m_copyPathAction->setShortcut(QKeySequence::Copy);
    m_copyPathAction->setShortcutContext(Qt::WidgetShortcut);
    m_copyPathAction->setToolTip(tr("Copy the path of the selected file or folder, relative to "
                                    "the run's artifact root"));
    QObject::connect(m_copyPathAction, &QAction::triggered, q, [this] { copyPath(); });

    m_retryAction = new QAction(tr("Try Again"), q);
    m_retryAction->setObjectName(QStringLiteral("retryArtifactListingAction"));
    m_retryAction->setToolTip(tr("List this folder again"));
    QObject::connect(m_retryAction, &QAction::triggered, q, [this] { activate(currentIndex()); });

    m_refreshAction = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), q);
    m_refreshAction->setObjectName(QStringLiteral("refreshArtifactsAction"));
    // No F5 here: the main window's Refresh owns it, and a second one would make it ambiguous.
    m_refreshAction->setToolTip(tr("List the run's artifacts again; open folders stay open"));
    QObject::connect(m_refreshAction, &QAction::triggered, q, [this] { refresh(); });

    auto *toolbar = new QHBoxLayout;
    auto *downloadButton = new QToolButton(q);
    downloadButton->setObjectName(QStringLiteral("downloadArtifactButton"));
    downloadButton->setDefaultAction(m_downloadAction);
    downloadButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(downloadButton);
    auto *refreshButton = new QToolButton(q);
    refreshButton->setObjectName(QStringLiteral("refreshArtifactsButton"));
    refreshButton->setDefaultAction(m_refreshAction);
    refreshButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolbar->addWidget(refreshButton);
    toolbar->addStretch();
    layout->addLayout(toolbar);

    m_stack = new QStackedWidget(q);
    m_view = new QTreeView(m_stack);
    m_view->setObjectName(QStringLiteral("artifactTree"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTextElideMode(Qt::ElideMiddle); // keeps file extensions in sight
    m_view->setExpandsOnDoubleClick(false); // activate() toggles folders, for Enter too
    m_view->setToolTip(tr("The files the run logged. Double-click a file or press Enter to "
                          "download it."));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ArtifactTreeModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ArtifactTreeModel::SizeColumn, QHeaderView::ResizeToContents);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    m_view->addAction(m_downloadAction);
    m_view->addAction(m_copyPathAction);
    m_view->addAction(m_retryAction);
    auto *separator = new QAction(m_view);
    separator->setSeparator(true);
    m_view->addAction(separator);
    m_view->addAction(m_refreshAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_stack->addWidget(m_view);
    m_stack->addWidget(createMessagePage());
    layout->addWidget(m_stack, 1);

    layout->addWidget(createDownloadBox());

    QObject::connect(m_view, &QTreeView::activated, q,
                     [this](const QModelIndex &index) { activate(index); });
    // QTreeView::expand() only records the folder while a layout is pending; list it then too.
    QObject::connect(m_view, &QTreeView::expanded, q, [this](const QModelIndex &index) {
        if (m_model->canFetchMore(index))
            m_model->fetchMore(index);
    });
    QObject::connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, q,
                     [this] { updateActions(); });
    QObject::connect(m_model, &ArtifactTreeModel::stateChanged, q,
                     [this](const QModelIndex &directory) {
                         if (!directory.isValid())
                             updateRootPage();
                         updateActions();
                     });
    QObject::connect(m_model, &QAbstractItemModel::rowsInserted, q,
                     [this](const QModelIndex &parent, int first, int last) {
                         expandAgain(parent, first, last);
                     });
    QObject::connect(m_model, &QAbstractItemModel::modelReset, q, [this] { updateActions(); });

    QObject::connect(m_watcher, &QFutureWatcherBase::progressRangeChanged, q,
                     [this](int, int maximum) {
                         m_progressMaximum = maximum;
                         updateProgress();
                     });
    QObject::connect(m_watcher, &QFutureWatcherBase::progressValueChanged, q, [this](int value) {
        m_progressValue = value;
        updateProgress();
    });
    // Cancelled downloads end here at once; the registry may take a moment to stop. Both
    // handlers look at the watched future itself: a signal of the previous download may
    // still be on its way when the next one starts.
    QObject::connect(m_watcher, &QFutureWatcherBase::canceled, q, [this] {
        if (m_downloading && m_watcher->future().isCanceled())
            finishDownload(Outcome::Cancelled);
    });
    QObject::connect(m_watcher, &QFutureWatcherBase::finished, q, [this] {
        const QFuture<Result<Done>> future = m_watcher->future();
        if (!m_downloading || !future.isFinished())
            return;
        if (future.isCanceled() || future.resultCount() == 0) {
            finishDownload(Outcome::Cancelled);
            return;
        }
        const Result<Done> result = future.result();
        if (result)
            finishDownload(Outcome::Saved);
        else
            finishDownload(Outcome::Failed, result.error().message());
    });

    updateRootPage();
    updateActions();
}

QWidget *ArtifactsPanel::Private::createMessagePage()
{
    // Framed and filled like the tree it stands in for, so the area keeps its shape.
    auto *frame = new QFrame(m_stack);
    frame->setFrameStyle(QFrame::StyledPanel | QFrame::Sunken);
    frame->setBackgroundRole(QPalette::Base);
    frame->setAutoFillBackground(true);
    m_messagePage = frame;
    auto *layout = new QVBoxLayout(m_messagePage);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addStretch();

    m_messageTitle = new QLabel(m_messagePage);
    m_messageTitle->setObjectName(QStringLiteral("artifactsMessageTitle"));
    m_messageTitle->setAlignment(Qt::AlignHCenter);
    m_messageTitle->setWordWrap(true);
    QFont bold = m_messageTitle->font();
    bold.setBold(true);
    m_messageTitle->setFont(bold);
    layout->addWidget(m_messageTitle);

    // Wraps anywhere: the SQL store's message names an unbreakable artifact URI, which a
    // label would let push the page wider than a narrow pane.
    m_messageText = new WrappingField(m_messagePage);
    m_messageText->setObjectName(QStringLiteral("artifactsMessage"));
    QTextOption option = m_messageText->document()->defaultTextOption();
    option.setAlignment(Qt::AlignHCenter);
    m_messageText->document()->setDefaultTextOption(option);
    layout->addWidget(m_messageText);

    m_busy = new QProgressBar(m_messagePage);
    m_busy->setObjectName(QStringLiteral("artifactsBusy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(200);
    m_busy->setToolTip(tr("Asking the registry for the run's artifacts"));
    layout->addWidget(m_busy, 0, Qt::AlignHCenter);

    m_retryButton = new QPushButton(tr("Try Again"), m_messagePage);
    m_retryButton->setObjectName(QStringLiteral("artifactsRetryButton"));
    m_retryButton->setToolTip(tr("List the run's artifacts again"));
    layout->addWidget(m_retryButton, 0, Qt::AlignHCenter);
    QObject::connect(m_retryButton, &QPushButton::clicked, q, [this] { refresh(); });

    layout->addStretch();
    return m_messagePage;
}

QWidget *ArtifactsPanel::Private::createDownloadBox()
{
    QStyle *style = q->style();
    m_downloadBox = new QWidget(q);
    m_downloadBox->setObjectName(QStringLiteral("downloadBox"));
    auto *layout = new QVBoxLayout(m_downloadBox);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    m_resultIcon = new QLabel(m_downloadBox);
    m_resultIcon->setObjectName(QStringLiteral("downloadIcon"));
    top->addWidget(m_resultIcon, 0, Qt::AlignTop);

    m_downloadLabel = new QLabel(m_downloadBox);
    m_downloadLabel->setObjectName(QStringLiteral("downloadLabel"));
    m_downloadLabel->setTextFormat(Qt::PlainText);
    // Cut rather than widen the pane: the tooltip has the whole text.
    m_downloadLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    top->addWidget(m_downloadLabel, 1);

    m_resultText = new WrappingField(m_downloadBox);
    m_resultText->setObjectName(QStringLiteral("downloadResult"));
    top->addWidget(m_resultText, 1, Qt::AlignTop);

    m_openFolder = new QLabel(m_downloadBox);
    m_openFolder->setObjectName(QStringLiteral("openFolderLink"));
    m_openFolder->setText(QStringLiteral("<a href=\"folder\">%1</a>").arg(tr("Open folder")));
    m_openFolder->setTextFormat(Qt::RichText);
    m_openFolder->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                          | Qt::LinksAccessibleByKeyboard);
    m_openFolder->setFocusPolicy(Qt::TabFocus);
    m_openFolder->setToolTip(tr("Show the folder the file was saved to"));
    top->addWidget(m_openFolder, 0, Qt::AlignTop);
    QObject::connect(m_openFolder, &QLabel::linkActivated, q, [this] { openFolder(); });

    m_dismissButton = new QToolButton(m_downloadBox);
    m_dismissButton->setObjectName(QStringLiteral("dismissDownloadButton"));
    m_dismissButton->setIcon(style->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_dismissButton->setAutoRaise(true);
    m_dismissButton->setToolTip(tr("Hide this message"));
    top->addWidget(m_dismissButton, 0, Qt::AlignTop);
    QObject::connect(m_dismissButton, &QToolButton::clicked, m_downloadBox, &QWidget::hide);
    layout->addLayout(top);

    auto *bottom = new QHBoxLayout;
    m_progress = new QProgressBar(m_downloadBox);
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->setTextVisible(true);
    bottom->addWidget(m_progress, 1);
    m_cancelButton = new QPushButton(tr("Cancel"), m_downloadBox);
    m_cancelButton->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_cancelButton->setToolTip(tr("Stop the download; the destination file is left as it was"));
    bottom->addWidget(m_cancelButton);
    QObject::connect(m_cancelButton, &QPushButton::clicked, q, [this] { cancelDownload(); });
    layout->addLayout(bottom);

    m_downloadBox->hide();
    return m_downloadBox;
}

void ArtifactsPanel::Private::updateRootPage()
{
    const State state = m_model->state({});
    if (state == State::Listed && m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    QString title;
    QString text;
    bool failed = false;
    bool retry = false;
    switch (state) {
    case State::NotListed:
    case State::Listing:
        text = tr("Listing artifacts…");
        break;
    case State::Listed:
        text = m_model->runId().isEmpty() ? tr("No run selected.")
                                          : tr("This run has no artifacts.");
        break;
    case State::Failed: {
        const RegistryError error = m_model->error({}).value_or(RegistryError());
        text = error.message();
        m_messageText->setToolTip(error.detail());
        // Artifacts kept where only a tracking server can read them are a fact about the
        // registry, not a failure: no title, no retry, the placeholder look.
        failed = error.code() != ErrorCode::NotImplemented;
        retry = failed;
        if (failed)
            title = tr("Could not list the artifacts");
        break;
    }
    }
    if (state != State::Failed)
        m_messageText->setToolTip({});
    m_messageTitle->setText(title);
    m_messageTitle->setVisible(!title.isEmpty());
    m_messageText->setText(text);
    QPalette palette = m_messageText->palette();
    palette.setBrush(QPalette::Text,
                     failed ? q->palette().brush(QPalette::Text)
                            : q->palette().brush(QPalette::PlaceholderText));
    m_messageText->setPalette(palette);
    m_busy->setVisible(state == State::NotListed || state == State::Listing);
    m_retryButton->setVisible(retry);
    m_stack->setCurrentWidget(m_messagePage);
}

QModelIndex ArtifactsPanel::Private::currentIndex() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.siblingAtColumn(ArtifactTreeModel::NameColumn) : current;
}

void ArtifactsPanel::Private::updateActions()
{
    const QModelIndex current = currentIndex();
    const Kind kind = current.isValid() ? m_model->kind(current) : Kind::Loading;
    const bool entry = kind == Kind::File || kind == Kind::Directory;
    const QString name = current.data().toString();

    QString why;
    if (m_downloading)
        why = tr("Wait for the download of %1 to finish, or cancel it").arg(m_downloadName);
    else if (kind == Kind::Directory)
        why = tr("Folders cannot be downloaded: open %1 and download its files one by one")
                  .arg(name);
    else if (kind != Kind::File)
        why = tr("Select a file to download it");
    m_downloadAction->setEnabled(why.isEmpty());
    m_downloadAction->setToolTip(
        why.isEmpty() ? tr("Save %1 to a file of your choice (Enter or double-click)").arg(name)
                      : why);
    m_copyPathAction->setEnabled(entry);
    m_retryAction->setVisible(kind == Kind::Error);
    m_refreshAction->setEnabled(!m_model->runId().isEmpty());
}

void ArtifactsPanel::Private::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex name = index.siblingAtColumn(ArtifactTreeModel::NameColumn);
    switch (m_model->kind(name)) {
    case Kind::File:
        m_view->setCurrentIndex(name);
        q->downloadCurrent();
        break;
    case Kind::Directory:
        m_view->setExpanded(name, !m_view->isExpanded(name));
        break;
    case Kind::Error: {
        const QModelIndex directory = name.parent();
        m_model->reload(directory);
        if (directory.isValid())
            m_view->setCurrentIndex(directory);
        break;
    }
    case Kind::Loading:
    case Kind::Empty:
        break;
    }
}

void ArtifactsPanel::Private::refresh()
{
    // Remember the open folders; expandAgain() reopens each as its parent is listed again.
    m_expandAgain.clear();
    QList<QModelIndex> pending {QModelIndex()};
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeLast();
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex child = m_model->index(row, 0, parent);
            if (m_model->kind(child) == Kind::Directory && m_view->isExpanded(child)) {
                m_expandAgain.insert(child.data(ArtifactTreeModel::PathRole).toString());
                pending.append(child);
            }
        }
    }
    m_model->reload({});
}

void ArtifactsPanel::Private::expandAgain(const QModelIndex &parent, int first, int last)
{
    if (m_expandAgain.isEmpty())
        return;
    for (int row = first; row <= last; ++row) {
        const QModelIndex child = m_model->index(row, 0, parent);
        if (m_model->kind(child) == Kind::Directory
            && m_expandAgain.remove(child.data(ArtifactTreeModel::PathRole).toString())) {
            m_view->expand(child);
        }
    }
}

void ArtifactsPanel::Private::copyPath()
{
    const std::optional<ArtifactFile> file = m_model->file(currentIndex());
    if (file)
        QGuiApplication::clipboard()->setText(file->path);
}

void ArtifactsPanel::Private::startDownload(const ArtifactFile &file)
{
    const QString runId = m_model->runId();
    const QString name = file.path.section(QLatin1Char('/'), -1);
    const QString suggested = QDir(lastDownloadDirectory()).filePath(name);
    // The dialog runs an event loop: the run shown may change meanwhile; `runId` stays.
    const QString destination = m_chooser
        ? m_chooser(q, suggested)
        : QFileDialog::getSaveFileName(q, tr("Save Artifact"), suggested);
    if (destination.isEmpty() || m_downloading)
        return;
    Settings().setLastDownloadDirectory(QFileInfo(destination).absolutePath());

    m_downloading = true;
    m_cancelling = false;
    m_downloadName = name;
    m_destination = destination;
    m_downloadSize = file.fileSize;
    m_progressMaximum = 0;
    m_progressValue = 0;

    m_resultIcon->hide();
    m_resultText->hide();
    m_openFolder->hide();
    m_dismissButton->hide();
    m_downloadLabel->show();
    m_progress->show();
    m_cancelButton->show();
    m_cancelButton->setEnabled(true);
    m_downloadBox->setToolTip(
        tr("%1 of run %2\nto %3").arg(file.path, runId, QDir::toNativeSeparators(destination)));
    m_downloadBox->show();
    updateProgress();
    updateActions();

    if (!m_registry) {
        finishDownload(Outcome::Failed, tr("The registry is closed."));
        return;
    }
    m_download = m_registry->downloadArtifact(runId, file.path, destination);
    m_watcher->setFuture(m_download);
}

void ArtifactsPanel::Private::updateProgress()
{
    if (!m_downloading || m_cancelling)
        return;
    // The registry counts kibibytes; the listing's size stands in for a total it lacks.
    int total = m_progressMaximum;
    if (total <= 0 && m_downloadSize && m_progressValue > 0)
        total = int(std::max<qint64>(1, (*m_downloadSize + 1023) / 1024));
    QString text;
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(std::min(m_progressValue, total));
        text = tr("Downloading %1… %2 of %3")
                   .arg(m_downloadName,
                        ArtifactTreeModel::formatSize(qint64(m_progressValue) * 1024),
                        ArtifactTreeModel::formatSize(m_downloadSize && !m_progressMaximum
                                                          ? *m_downloadSize
                                                          : qint64(total) * 1024));
    } else {
        m_progress->setRange(0, 0); // busy until the registry reports
        text = m_progressValue > 0
            ? tr("Downloading %1… %2")
                  .arg(m_downloadName,
                       ArtifactTreeModel::formatSize(qint64(m_progressValue) * 1024))
            : tr("Downloading %1…").arg(m_downloadName);
    }
    m_downloadLabel->setText(text);
    m_downloadLabel->setToolTip(text);
}

void ArtifactsPanel::Private::cancelDownload()
{
    if (!m_downloading || m_cancelling)
        return;
    m_cancelling = true;
    m_cancelButton->setEnabled(false);
    m_downloadLabel->setText(tr("Cancelling the download of %1…").arg(m_downloadName));
    m_download.cancel();
}

void ArtifactsPanel::Private::finishDownload(Outcome outcome, const QString &message)
{
    m_downloading = false;
    m_cancelling = false;
    m_download = {};

    QStyle *style = q->style();
    const int iconSize = style->pixelMetric(QStyle::PM_SmallIconSize, nullptr, q);
    QIcon icon;
    QString text;
    switch (outcome) {
    case Outcome::Saved:
        icon = style->standardIcon(QStyle::SP_DialogApplyButton);
        text = tr("Saved to %1").arg(QDir::toNativeSeparators(m_destination));
        break;
    case Outcome::Failed:
        icon = style->standardIcon(QStyle::SP_MessageBoxWarning);
        text = tr("Could not download %1: %2").arg(m_downloadName, message);
        break;
    case Outcome::Cancelled:
        icon = style->standardIcon(QStyle::SP_MessageBoxInformation);
        text = tr("Download of %1 cancelled.").arg(m_downloadName);
        break;
    }
    m_resultIcon->setPixmap(icon.pixmap(iconSize, iconSize));
    m_resultIcon->setVisible(!icon.isNull());
    m_resultText->setText(text);
    m_resultText->show();
    m_openFolder->setVisible(outcome == Outcome::Saved);
    m_dismissButton->show();
    m_downloadLabel->hide();
    m_progress->hide();
    m_cancelButton->hide();
    m_downloadBox->show();
    updateActions();
    emit q->downloadFinished(outcome == Outcome::Saved);
}

void ArtifactsPanel::Private::openFolder()
{
    if (!m_destination.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_destination).absolutePath()));
}

ArtifactsPanel::ArtifactsPanel(Registry *registry, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, registry))
{
    d->setupUi();
}

ArtifactsPanel::~ArtifactsPanel()
{
    // Nobody could follow or cancel it any more.
    if (d->m_downloading)
        d->m_download.cancel();
}

void ArtifactsPanel::setRunId(const QString &runId)
{
    if (runId == d->m_model->runId())
        return;
    d->m_expandAgain.clear();
    d->m_model->setRunId(runId); // cancels the previous run's listings
    if (isVisible())
        d->m_model->fetchMore({});
}

QString ArtifactsPanel::runId() const
{
    return d->m_model->runId();
}

ArtifactTreeModel *ArtifactsPanel::model() const
{
    return d->m_model;
}

void ArtifactsPanel::downloadCurrent()
{
    const QModelIndex current = d->currentIndex();
    if (d->m_downloading || d->m_model->kind(current) != Kind::File)
        return;
    if (const std::optional<ArtifactFile> file = d->m_model->file(current))
        d->startDownload(*file);
}

bool ArtifactsPanel::isDownloading() const
{
    return d->m_downloading;
}

void ArtifactsPanel::setSaveFileChooser(SaveFileChooser chooser)
{
    d->m_chooser = std::move(chooser);
}

QString ArtifactsPanel::lastDownloadDirectory()
{
    QString directory = Settings().lastDownloadDirectory();
    if (directory.isEmpty() || !QFileInfo(directory).isDir())
        directory = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return directory.isEmpty() ? QDir::homePath() : directory;
}

void ArtifactsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first look at the tab lists the root.
    d->m_model->fetchMore({});
}

} // namespace ModelDesk
