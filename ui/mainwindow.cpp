#include "ui/mainwindow.h"
#include "ui/workspaces/workspaceselector.h"
#include "registry/whenfinished.h"

#include "models/modellistmodel.h"
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "registry/registryopener.h"
#include "ui/details/detailspane.h"
#include "ui/details/overviewpage.h"
#include "ui/messagebar.h"
#include "ui/secretstore.h"
#include "ui/settings.h"
#include "ui/stagedelegate.h"
#include "ui/tableviews.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace ModelDesk {

namespace {

QWidget *titled(QWidget *content, QLabel *title, QWidget *above = nullptr, QWidget *below = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);
    layout->addWidget(title);
    if (above)
        layout->addWidget(above);
    if (below)
        layout->addWidget(below);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_settings(std::make_unique<Settings>())
    , m_undoStack(new QUndoStack(this))
    , m_models(new ModelListModel(this))
    , m_versions(new VersionTableModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_secrets = new KeychainSecretStore(this);
    m_serverFactory = [](const ServerOptions &options) { return createServerRegistry(options); };
    createWidgets();
    createApprovals();
    createActions();
    updateActions();
    updateTitle();
    updatePlaceholders();
    if (!restoreGeometry(m_settings->windowGeometry()))
        resize(1280, 800);

    connect(m_models, &ModelListModel::loadingChanged, this, &MainWindow::checkIdle);
    connect(m_versions, &VersionTableModel::loadingChanged, this, &MainWindow::checkIdle);
    connect(m_models, &ModelListModel::errorOccurred, this,
            [this](const RegistryError &error) { showLoadError(error, tr("Listing models")); });
    connect(m_versions, &VersionTableModel::errorOccurred, this,
            [this](const RegistryError &error) { showLoadError(error, tr("Listing versions")); });
    connect(m_models, &ModelListModel::queryError, this, [this](const QString &message) {
        m_searchError->setText(message);
        m_searchError->setVisible(!message.isEmpty());
    });
    connect(m_models, &ModelListModel::firstPageLoaded, this, [this] {
        const bool empty = m_models->rowCount() == 0;
        onListLoaded(m_models->loadFailed());
        TableViews::fitColumns(m_modelView, m_modelView->viewport()->width() * 60 / 100);
        updatePlaceholders();
        updateCountText();
        // Something to look at from the start: the remembered selection, else the first model.
        if (m_pendingSelection.isEmpty() && m_versions->modelName().isEmpty() && !empty
            && m_search->text().isEmpty())
            m_pendingSelection = m_models->modelAt(0).name;
        applyPendingSelection();
    });
    connect(m_models, &QAbstractItemModel::rowsInserted, this, &MainWindow::syncModelHighlight);
    // A selection waiting for a later page is tried again as each page arrives.
    const auto retryPending = [this](bool loading) {
        if (!loading && !m_pendingSelection.isEmpty() && m_models->hasLoadedFirstPage())
            applyPendingSelection();
    };
    connect(m_models, &ModelListModel::loadingChanged, this, retryPending);
    connect(m_versions, &VersionTableModel::loadingChanged, this, retryPending);
    // A reload clears a view's selection without a signal: the actions follow at once.
    connect(m_models, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_versions, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_models, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCountText);
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_models),
                                      static_cast<QAbstractItemModel *>(m_versions)}) {
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updatePlaceholders);
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePlaceholders);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePlaceholders);
    }
    connect(m_models, &ModelListModel::loadingChanged, this, &MainWindow::updatePlaceholders);
    connect(m_versions, &VersionTableModel::loadingChanged, this,
            &MainWindow::updatePlaceholders);
    connect(m_versions, &VersionTableModel::firstPageLoaded, this, [this] {
        onListLoaded(m_versions->loadFailed());
        TableViews::fitColumns(m_versionView, 220);
        m_versionsTitle->setText(m_versions->modelName().isEmpty()
                                     ? tr("Versions")
                                     : tr("Versions of %1").arg(m_versions->modelName()));
        updatePlaceholders();
        applyPendingSelection();
    });
}

MainWindow::~MainWindow()
{
    // The views and panes talk to the registry: take them down before it.
    m_models->setRegistry(nullptr);
    m_versions->setRegistry(nullptr);
    showApprovalsFor(nullptr);
    delete m_details;
}

void MainWindow::createWidgets()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_banner = new MessageBar(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_messageBar = new MessageBar(central);
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    connect(m_messageBar, &MessageBar::actionTriggered, this, &MainWindow::refresh);
    layout->addWidget(m_banner);
    layout->addWidget(m_messageBar);

    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search models (Ctrl+F)"));
    m_search->setToolTip(tr("Plain text finds models whose name contains it.\nText with an "
                            "operator is an MLflow filter, e.g.\n"
                            "tags.team = 'growth' AND name LIKE 'churn%'"));
    m_searchError = new QLabel(central);
    m_searchError->setObjectName(QStringLiteral("searchError"));
    m_searchError->setWordWrap(true);
    m_searchError->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_searchError->hide();
    connect(m_search, &QLineEdit::textChanged, m_models, &ModelListModel::setSearchText);

    m_modelView = TableViews::create(central, QStringLiteral("modelList"));
    m_modelView->setModel(m_models);
    m_modelView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_modelView->setSortingEnabled(true);
    m_modelView->horizontalHeader()->setSortIndicator(ModelListModel::NameColumn,
                                                      Qt::AscendingOrder);
    // A narrow pane: the latest versions take what the names leave and elide in the middle;
    // aliases and the last update are a right-click on the header away.
    m_modelView->setColumnHidden(ModelListModel::AliasesColumn, true);
    m_modelView->setColumnHidden(ModelListModel::UpdatedColumn, true);
    m_modelView->setToolTip(tr("Registered models. Click a header to sort; right-click it to "
                               "show more columns."));
    m_modelsEmpty = new QLabel(central);
    m_modelsEmpty->setObjectName(QStringLiteral("modelsEmpty"));
    m_modelsEmpty->setWordWrap(true);
    m_modelsEmpty->setTextFormat(Qt::RichText);
    m_modelsEmpty->hide();
    connect(m_modelsEmpty, &QLabel::linkActivated, this, &MainWindow::refresh);
    auto *modelsTitle = new QLabel(tr("Models"), central);
    auto *searchRow = new QWidget(central);
    auto *searchLayout = new QVBoxLayout(searchRow);
    searchLayout->setContentsMargins(0, 0, 0, 0);
    searchLayout->addWidget(m_search);
    searchLayout->addWidget(m_searchError);
    searchLayout->addWidget(m_modelsEmpty);
    QWidget *modelsBox = titled(m_modelView, modelsTitle, searchRow);

    m_versionView = TableViews::create(central, QStringLiteral("versionTable"));
    m_versionView->setModel(m_versions);
    m_versionView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_versionView->setItemDelegateForColumn(VersionTableModel::StageColumn,
                                            new StageDelegate(m_versionView));
    // Shown from the header's menu; the details pane has them for the version shown.
    m_versionView->setColumnHidden(VersionTableModel::UpdatedColumn, true);
    m_versionView->setToolTip(tr("Versions of the selected model, newest first. Select "
                                 "several with Shift or Ctrl; right-click the header to show "
                                 "or hide columns."));
    m_versionsTitle = new QLabel(tr("Versions"), central);
    m_versionsEmpty = new QLabel(central);
    m_versionsEmpty->setObjectName(QStringLiteral("versionsEmpty"));
    m_versionsEmpty->setWordWrap(true);
    m_versionsEmpty->setTextFormat(Qt::RichText);
    m_versionsEmpty->hide();
    connect(m_versionsEmpty, &QLabel::linkActivated, this, &MainWindow::refresh);
    QWidget *versionsBox = titled(m_versionView, m_versionsTitle, m_versionsEmpty);

    m_detailsHolder = new QWidget(central);
    auto *detailsLayout = new QVBoxLayout(m_detailsHolder);
    detailsLayout->setContentsMargins(0, 0, 0, 0);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(modelsBox);
    m_splitter->addWidget(versionsBox);
    m_splitter->addWidget(m_detailsHolder);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setStretchFactor(2, 4);
    modelsBox->setMinimumWidth(200);
    versionsBox->setMinimumWidth(220);
    m_detailsHolder->setMinimumWidth(350); // the narrowest the details pages lay out in
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusText"));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setToolTip(tr("Loading from the registry"));
    m_busy->hide();
    m_serverInfo = new QLabel(this);
    m_serverInfo->setObjectName(QStringLiteral("serverInfo"));
    m_serverInfo->setToolTip(tr("The MLflow server this window shows, and its version"));
    m_serverInfo->hide();
    m_workspaces = new WorkspaceSelector(this);
    connect(m_workspaces, &WorkspaceSelector::workspaceChosen, this, &MainWindow::switchWorkspace);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_workspaces);
    statusBar()->addPermanentWidget(m_serverInfo);
    statusBar()->addPermanentWidget(m_busy);

    connect(m_modelView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onModelSelected);
    connect(m_versionView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onVersionSelected);
    setTabOrder(m_search, m_modelView);
    setTabOrder(m_modelView, m_versionView);
}

void MainWindow::resetRegistry()
{
    if (m_registry)
        saveRegistryState();
    ++m_openGeneration; // answers to what was open or opening are dropped
    m_openFuture.cancel();
    m_openFuture = {};
    m_open = false;
    m_opening = false;
    m_capabilities = {};
    m_undoStack->clear();
    m_models->setRegistry(nullptr);
    m_versions->setRegistry(nullptr);
    showApprovalsFor(nullptr);
    delete m_details;
    m_details = nullptr;
    m_registry.reset();
    m_server.reset();
    m_secretStorage = SecretStorage::Unchanged;
    m_messageBar->hide();
    m_banner->hide();
    m_serverInfo->hide();
    m_workspaces->clear();
    m_status->clear();
    m_search->clear();
    m_versionsTitle->setText(tr("Versions"));
}

void MainWindow::openRegistry(const QString &location, const QString &selection)
{
    auto parsed = parseRegistryUri(location);
    if (parsed && parsed->kind == RegistryLocation::Kind::Server) {
        openServerUrl(parsed->url, selection);
        return;
    }
    resetRegistry();
    // One name per file, wherever ModelDesk was started from: recent entries, remembered
    // layouts and "last registry" all key on it.
    m_location = location;
    if (parsed && parsed->kind == RegistryLocation::Kind::SqliteFile)
        m_location = QFileInfo(parsed->path).absoluteFilePath();
    m_openWorkspace = m_requestedWorkspace.isEmpty() ? m_settings->workspace(m_location)
                                                     : std::exchange(m_requestedWorkspace, {});
    auto created = createRegistry(m_location, SqlBackend::OpenMode::ReadWrite, m_openWorkspace);
    if (!created) {
        showError(created.error(), tr("Opening %1").arg(m_location));
        updateTitle();
        updateActions();
        updatePlaceholders();
        emit registryOpened(false);
        return;
    }
    startOpening(std::move(created).value(), selection);
}

void MainWindow::closeRegistry()
{
    const bool wasOpening = m_opening;
    const bool wasServer = m_server.has_value();
    const QString location = m_location;
    resetRegistry();
    m_location.clear();
    if (wasOpening) {
        m_status->setText(wasServer ? tr("Stopped connecting to %1.").arg(location)
                                    : tr("Stopped opening %1.").arg(location));
        emit registryOpened(false);
    }
    updateTitle();
    updateActions();
    updatePlaceholders();
    checkIdle();
}

void MainWindow::startOpening(std::unique_ptr<Registry> created, const QString &selection)
{
    const quint64 generation = ++m_openGeneration;
    m_registry = std::move(created);
    m_pendingSelection = selection;
    m_pendingLookedUp.clear();
    m_pendingExists.clear();
    m_details = new DetailsPane(m_registry.get(), m_undoStack, m_detailsHolder);
    m_detailsHolder->layout()->addWidget(m_details);
    connect(m_details, &DetailsPane::errorOccurred, this,
            [this](const RegistryError &error) { showError(error); });
    connect(m_details, &DetailsPane::loadFailed, this, [this](const RegistryError &error) {
        showLoadError(error, tr("Reading the details"));
    });
    connect(m_details, &DetailsPane::modelMissing, this, &MainWindow::forgetShownModel);
    connect(m_details, &DetailsPane::versionActivated, this,
            [this](const QString &name, qint64 version) {
                m_pendingSelection = QStringLiteral("%1/%2").arg(name).arg(version);
                m_pendingAlsoSelected.clear();
                applyPendingSelection();
            });
    connect(m_details, &DetailsPane::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_details, &DetailsPane::loaded, this, &MainWindow::checkIdle);
    connect(m_details, &DetailsPane::loaded, this, &MainWindow::updateActions);
    connect(m_details, &DetailsPane::permissionChanged, this, &MainWindow::updateActions);
    connect(m_registry.get(), &Registry::modelChanged, this, &MainWindow::onRegistryChanged);
    m_opening = true;
    m_busy->show();
    m_status->setText(m_server ? tr("Connecting to %1… (Esc to stop)").arg(m_location)
                               : tr("Opening %1…").arg(m_location));

    m_openFuture = m_registry->open();
    whenFinished(m_openFuture, this, [this, generation](const Result<Capabilities> &caps) {
        if (generation != m_openGeneration)
            return; // a registry opened after this one is showing, or it was closed
        m_opening = false;
        m_openFuture = {};
        if (caps)
            onOpened(*caps);
        else
            onOpenFailed(caps.error());
    });
    updateTitle();
    updateActions();
    updatePlaceholders();
}

void MainWindow::onOpenFailed(const RegistryError &error)
{
    // A remembered workspace that is gone (or a server that no longer has workspaces): the
    // registry is shown in 'default' rather than not at all.
    // (Remembered once 'default' has opened.)
    if (m_openWorkspace != SqlBackend::DefaultWorkspace && isUnknownWorkspace(error)) {
        const QString gone = m_openWorkspace;
        const QString selection = m_pendingSelection;
        QTimer::singleShot(0, this, [this, gone, selection] {
            m_requestedWorkspace = SqlBackend::DefaultWorkspace;
            if (m_server) {
                const ServerOptions options = *m_server;
                openServer(options, m_secretStorage, selection);
            } else {
                openRegistry(m_location, selection);
            }
            m_messageBar->showMessage(MessageBar::Kind::Warning,
                                      tr("Workspace '%1' could not be opened, so workspace "
                                         "'default' is shown.")
                                          .arg(gone.toHtmlEscaped()));
        });
        return;
    }
    m_status->clear();
    // Say which registry failed, unless a server's message says so already.
    QString context = tr("Opening %1").arg(m_location);
    if (m_server)
        context = error.message().contains(m_location) ? QString()
                                                        : tr("Connecting to %1").arg(m_location);
    showError(error, context);
    m_busy->hide();
    updateActions();
    updatePlaceholders();
    emit registryOpened(false);
    if (m_server
        && (error.code() == ErrorCode::Unauthenticated
            || error.code() == ErrorCode::PermissionDenied)) {
        // Ask again, with what was entered except the refused secret.
        ServerOptions options = *m_server;
        options.token.clear();
        options.password.clear();
        const bool remember = m_secretStorage != SecretStorage::Forget;
        QTimer::singleShot(0, this, [this, options, remember] {
            showConnectDialog(options, tr("The server refused these credentials."), remember);
        });
    }
}

void MainWindow::onOpened(const Capabilities &caps)
{
    m_open = true;
    m_capabilities = caps;
    m_status->clear();
    m_settings->addRecentRegistry(m_location);
    m_settings->setWorkspace(m_location, caps.workspace);
    if (m_server)
        rememberServer();
    updateRecentMenu();
    if (m_pendingSelection.isEmpty())
        m_pendingSelection = m_settings->lastSelection(m_location, caps.workspace);
    restoreRegistryState();
    if (caps.snapshot) {
        showSnapshotBanner(*caps.snapshot);
    } else if (caps.readOnly) {
        m_banner->showMessage(MessageBar::Kind::Warning,
                              (m_server ? tr("<b>Read-only.</b> %1 Nothing you do here changes "
                                             "the server.")
                                        : tr("<b>Read-only.</b> %1 Nothing you do here changes "
                                             "the file."))
                                  .arg(caps.readOnlyReason.toHtmlEscaped()),
                              {}, MessageBar::Closable::No);
    } else if (m_demo) {
        setDemo(true);
    }
    if (m_server) {
        m_serverInfo->setText(caps.serverVersion.isEmpty()
                                  ? tr("%1 at %2").arg(caps.backendName, m_location)
                                  : tr("%1 %2 at %3")
                                        .arg(caps.backendName, caps.serverVersion, m_location));
        // What the server's version means for what ModelDesk can show.
        QStringList features;
        if (caps.serverVersion.isEmpty())
            features << tr("The server did not say its MLflow version (/version).");
        features << (caps.loggedModels
                         ? tr("MLflow 3: versions registered from logged models (models:/m-…) "
                              "are linked to their runs.")
                         : tr("MLflow 2: no logged models; versions link to runs directly."));
        if (caps.stages)
            features << tr("Stages and aliases are available.");
        m_serverInfo->setToolTip(tr("The MLflow server this window shows.\n%1")
                                     .arg(features.join(QLatin1Char('\n'))));
        m_serverInfo->show();
    }
    updateWorkspaces(caps);
    m_details->setReadOnly(caps.readOnly);
    m_models->setRegistry(m_registry.get());
    m_versions->setRegistry(m_registry.get());
    showApprovalsFor(m_registry.get());
    updateTitle();
    updateActions();
    updatePlaceholders();
    emit registryOpened(true);
}

void MainWindow::setDemo(bool demo)
{
    m_demo = demo;
    if (demo && !(m_open && m_capabilities.readOnly)) {
        m_banner->showMessage(MessageBar::Kind::Information,
                              tr("<b>This is a demo registry</b> that ModelDesk generated so "
                                 "you can look around. Open your own MLflow store "
                                 "(<tt>mlflow.db</tt>) with File ▸ Open (Ctrl+O), or start "
                                 "an empty one with File ▸ New Registry."),
                              {}, MessageBar::Closable::Yes);
    }
}

bool MainWindow::isIdle() const
{
    return m_initialTab.isEmpty() && m_open && m_models->hasLoadedFirstPage() && !m_models->isLoading()
        && !m_versions->isLoading() && (!m_details || !m_details->isLoading())
        && m_pendingSelection.isEmpty();
}

void MainWindow::setInitialTab(const QString &name)
{
    m_initialTab = name.toLower();
}

void MainWindow::applyInitialTab()
{
    if (m_initialTab.isEmpty() || !m_details || !m_pendingSelection.isEmpty()
        || m_details->isLoading() || !m_models->hasLoadedFirstPage())
        return;
    const QString tab = std::exchange(m_initialTab, {});
    if (!m_details->setCurrentTab(tab)) {
        showError(RegistryError(ErrorCode::InvalidParameterValue,
                                tr("The details pane has no tab \"%1\" for what is shown "
                                   "(tabs: %2).")
                                    .arg(tab, m_details->tabNames().join(QStringLiteral(", ")))));
    }
}

void MainWindow::checkIdle()
{
    applyInitialTab();
    const bool busy = m_registry
        && (m_opening
            || (m_open
                && (m_models->isLoading() || m_versions->isLoading()
                    || (m_details && m_details->isLoading()))));
    m_busy->setVisible(busy);
    if (isIdle())
        emit becameIdle();
}

void MainWindow::updateCountText()
{
    const int count = m_models->rowCount();
    if (m_models->loadFailed()) {
        m_status->setText(count == 0 ? tr("Could not load the models")
                                     : tr("%1 models loaded; the rest could not be loaded")
                                           .arg(count));
        return;
    }
    QString text = count == 1 ? tr("1 model") : tr("%1 models").arg(count);
    if (m_models->canFetchMore({}))
        text = tr("%1 models loaded, more as you scroll").arg(count);
    m_status->setText(text);
}

void MainWindow::showError(const RegistryError &error, const QString &context)
{
    const QString text
        = context.isEmpty() ? error.message() : tr("%1: %2").arg(context, error.message());
    // Everything a user needs to act on it or report it: what was being done, where, the
    // registry's own words and the code to search for.
    QStringList details;
    if (!context.isEmpty())
        details << tr("While: %1").arg(context);
    if (!m_location.isEmpty())
        details << tr("Registry: %1").arg(m_location);
    details << tr("Error: %1").arg(error.message());
    if (!error.detail().isEmpty())
        details << error.detail();
    if (!error.mlflowCode().isEmpty())
        details << tr("Code: %1").arg(error.mlflowCode());
    m_messageBar->showMessage(MessageBar::Kind::Error, text.toHtmlEscaped(),
                              details.join(QLatin1Char('\n')));
    m_loadErrorShown = false;
    checkIdle();
}

void MainWindow::showLoadError(const RegistryError &error, const QString &context)
{
    // One refresh against an unreachable registry fails in every list: one message says so.
    if (m_loadErrorShown && m_messageBar->isVisible())
        return;
    showError(error, context);
    m_messageBar->setActionText(tr("Retry"));
    m_loadErrorShown = true;
}

void MainWindow::onListLoaded(bool failed)
{
    // A list that loads again ends the failure the message bar was showing.
    if (!failed && m_loadErrorShown && !m_models->loadFailed() && !m_versions->loadFailed()) {
        m_messageBar->hide();
        m_loadErrorShown = false;
    }
    updatePlaceholders();
    updateActions();
}

void MainWindow::updateTitle()
{
    if (m_location.isEmpty()) {
        setWindowTitle(tr("ModelDesk"));
        setWindowFilePath({});
        return;
    }
    // A server is named by its URL (never with credentials), a file by its name.
    QString name = m_server ? m_location : QFileInfo(m_location).fileName();
    if (m_open && m_capabilities.workspaces.size() > 1)
        name = tr("%1 (workspace %2)").arg(name, m_capabilities.workspace);
    QString title = tr("%1 — ModelDesk").arg(name);
    if (m_open && m_capabilities.snapshot)
        title = tr("%1 [snapshot] — ModelDesk").arg(name);
    else if (m_open && m_capabilities.readOnly)
        title = tr("%1 [read-only] — ModelDesk").arg(name);
    setWindowTitle(title);
    setWindowFilePath(m_server ? QString() : m_location);
}

void MainWindow::updatePlaceholders()
{
    // What an empty list means right now: nothing open, still connecting, the first page
    // on its way, or really nothing there.
    QString models;
    if (!m_registry && m_location.isEmpty()) {
        models = tr("No registry is open. Open an MLflow store with File ▸ Open (Ctrl+O), or "
                    "connect to an MLflow server with File ▸ Connect to Server (Ctrl+Shift+O).");
    } else if (m_opening) {
        models = m_server ? tr("Connecting to %1…").arg(m_location.toHtmlEscaped())
                          : tr("Opening %1…").arg(m_location.toHtmlEscaped());
    } else if (m_open && !m_models->hasLoadedFirstPage()) {
        models = tr("Loading models…");
    } else if (m_open && m_models->loadFailed() && m_models->rowCount() == 0) {
        // The registry's message names the server or file when it is about reaching it.
        const QString reason = m_models->loadError()->message();
        models = reason.contains(m_location)
                     ? reason.toHtmlEscaped()
                     : (m_server ? tr("Could not reach %1: %2") : tr("Could not read %1: %2"))
                           .arg(m_location.toHtmlEscaped(), reason.toHtmlEscaped());
        models += QStringLiteral(" <a href=\"retry\">%1</a>").arg(tr("Retry (F5)"));
    } else if (m_open && m_models->rowCount() == 0) {
        models = m_search->text().isEmpty() ? tr("This registry has no models yet. Create one "
                                                 "with Model ▸ New Model (Ctrl+N).")
                                            : tr("No model matches the search.");
    }
    m_modelsEmpty->setText(models);
    m_modelsEmpty->setVisible(!models.isEmpty());

    QString versions;
    if (m_open && !m_versions->modelName().isEmpty()) {
        if (!m_versions->hasLoadedFirstPage())
            versions = tr("Loading versions…");
        else if (m_versions->loadFailed() && m_versions->rowCount() == 0)
            versions = tr("Could not load the versions: %1 <a href=\"retry\">%2</a>")
                           .arg(m_versions->loadError()->message().toHtmlEscaped(),
                                tr("Retry (F5)"));
        else if (m_versions->rowCount() == 0)
            versions = tr("This model has no versions yet.");
    }
    m_versionsEmpty->setText(versions);
    m_versionsEmpty->setVisible(!versions.isEmpty());
}

void MainWindow::saveRegistryState()
{
    if (m_location.isEmpty())
        return;
    m_settings->setRegistryState(m_location, QStringLiteral("splitter"), m_splitter->saveState());
    m_settings->setRegistryState(m_location, QStringLiteral("modelColumns"),
                                 m_modelView->horizontalHeader()->saveState());
    m_settings->setRegistryState(m_location, QStringLiteral("versionColumns"),
                                 m_versionView->horizontalHeader()->saveState());
    // Whether those widths are the user's: if not, they are fitted again next time.
    m_settings->setRegistryState(m_location, QStringLiteral("columnsSizedByUser"),
                                 QByteArray::number(int(TableViews::isUserSized(m_modelView))
                                                    | int(TableViews::isUserSized(m_versionView)) << 1));
}

void MainWindow::restoreRegistryState()
{
    const QByteArray splitter = m_settings->registryState(m_location, QStringLiteral("splitter"));
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    else
        m_splitter->setSizes({width() * 24 / 100, width() * 38 / 100, width() * 38 / 100});
    TableViews::setUserSized(m_modelView, false);
    TableViews::setUserSized(m_versionView, false);
    const QByteArray models = m_settings->registryState(m_location, QStringLiteral("modelColumns"));
    const int sizedByUser
        = m_settings->registryState(m_location, QStringLiteral("columnsSizedByUser")).toInt();
    if (!models.isEmpty() && m_modelView->horizontalHeader()->restoreState(models))
        TableViews::setUserSized(m_modelView, sizedByUser & 1);
    const QByteArray versions
        = m_settings->registryState(m_location, QStringLiteral("versionColumns"));
    if (!versions.isEmpty() && m_versionView->horizontalHeader()->restoreState(versions))
        TableViews::setUserSized(m_versionView, sizedByUser & 2);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_editsSettled && m_details
        && (m_details->overview()->isSavingDescription()
            || !m_details->overview()->unsavedDescriptions().isEmpty())) {
        // Ask first; the window closes once the edits are saved or discarded.
        event->ignore();
        QTimer::singleShot(0, this, [this] {
            whenEditsSettled(tr("Quit"), [this] {
                m_editsSettled = true;
                close();
                m_editsSettled = false;
            });
        });
        return;
    }
    saveRegistryState();
    m_settings->setWindowGeometry(saveGeometry());
    event->accept();
}

} // namespace ModelDesk
