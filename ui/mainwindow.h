#pragma once

#include "registry/registry.h"
#include "registry/snapshot/snapshotinfo.h"
#include "registry/rest/serveroptions.h"

#include <QFuture>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSplitter;
class QTableView;
class QToolButton;
class QUndoStack;

namespace ModelDesk {

class ConnectDialog;
class DetailsPane;
class MessageBar;
class ModelListModel;
class SecretStore;
class Settings;
struct ServerRecord;
class VersionTableModel;
class WorkspaceSelector;

// The main window: registry selector (open, new, connect to server, recent), the lazy model
// list with its search box, the versions of the selected model and the details pane, menus
// with shortcuts, banners for demo and read-only registries, a message bar for errors. Owns
// the open Registry and the SecretStore that keeps server credentials. Remembers window,
// splitter and column state and the last selection per registry, and per server how to
// connect to it (never the secret). GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // How openServer() treats the secret in its options once the server has accepted them.
    enum class SecretStorage {
        Unchanged, // leave the SecretStore as it is
        Remember,  // store the password or token, keyed by the server (and user name)
        Forget,    // remove what was stored for the server
    };

    // Opens a registry (path, sqlite:///path, http(s)://host:port); loading continues
    // asynchronously and ends with registryOpened(). `selection` ("model" or "model/3") is
    // selected once it loads, else the registry's last selection. A server URL takes its
    // credentials from MLflow's environment variables when they are set, else from what was
    // remembered for the server (its secret read from the SecretStore), else the Connect
    // dialog asks for them.
    void openRegistry(const QString &location, const QString &selection = {});
    // Connects to the MLflow server `options` describe, on the same path as a file: loading
    // ends with registryOpened(). Once the server accepts, it joins the recent list with its
    // connection settings and its secret is stored or removed as `storage` says; when it
    // refuses the credentials (401/403), the Connect dialog comes back filled in.
    void openServer(const ServerOptions &options,
                    SecretStorage storage = SecretStorage::Unchanged,
                    const QString &selection = {});
    // Opens the server of a recent entry (its display URL): remembered settings, the secret
    // from the SecretStore; the Connect dialog asks when the secret is not there.
    void openRecentServer(const QString &url);
    // Shows the Connect to Server dialog (window-modal, deletes itself when closed) filled in
    // from `options`, with `note` above the fields; accepting it connects.
    ConnectDialog *showConnectDialog(const ServerOptions &options, const QString &note = {},
                                     bool rememberCredentials = true);
    // Closes the registry, or stops opening it (a server that has not answered yet).
    void closeRegistry();
    // The MLflow workspace the next registry opened shows, instead of the one remembered for
    // it (the command line's --workspace).
    void setInitialWorkspace(const QString &workspace) { m_requestedWorkspace = workspace; }
    // Brings the details tab `name` ("overview", "run") forward once the selection has
    // loaded (modeldesk --tab); a tab that the selection does not have is reported.
    void setInitialTab(const QString &name);
    // Shows the banner saying the registry is a generated demo.
    void setDemo(bool demo);
    // Opens another window (File ▸ New Window), on `location` unless empty (selecting
    // `selection` there, as openRegistry() does); it closes itself with its own state.
    MainWindow *openNewWindow(const QString &location = {}, const QString &selection = {});

    Registry *registry() const { return m_registry.get(); }
    // True when the registry is open and nothing is loading.
    bool isIdle() const;
    // True while the registry's open() has not answered (connecting to a server).
    bool isOpening() const { return m_opening; }
    MessageBar *messageBar() const { return m_messageBar; }

    // Where server secrets are kept: the system keychain unless replaced (tests use an
    // InMemorySecretStore). The window takes ownership of `store`.
    SecretStore *secretStore() const { return m_secrets; }
    void setSecretStore(SecretStore *store);
    // How a server's Registry is made; createServerRegistry() unless replaced (tests).
    using ServerRegistryFactory = std::function<std::unique_ptr<Registry>(const ServerOptions &)>;
    void setServerRegistryFactory(ServerRegistryFactory factory);

signals:
    void registryOpened(bool ok);
    // Everything requested so far has loaded (lists, selection, details).
    void becameIdle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void createActions();
    // Snapshots and windows (mainwindowsnapshots.cpp): File ▸ New Window, Take Snapshot….
    void addSnapshotActions(QMenu *file);
    void takeSnapshot();
    void showSnapshotBanner(const SnapshotInfo &info);
    // Comparing registries (mainwindowcompare.cpp): File ▸ Compare Registries….
    void addCompareActions(QMenu *file);
    void compareRegistries();
    // Selects `selection` ("model" or "model/3") here, as openRegistry() would.
    void showItem(const QString &selection);
    // Approvals (mainwindowapprovals.cpp).
    void createApprovals();
    void addApprovalActions(QMenu *versionMenu);
    void showApprovalsFor(Registry *registry);
    void editApprovers();
    void updateActions();
    void updateRecentMenu();
    void updateTitle();
    void updatePlaceholders();
    void resetRegistry();
    void startOpening(std::unique_ptr<Registry> registry, const QString &selection);
    void onOpened(const Capabilities &capabilities);
    void onOpenFailed(const RegistryError &error);
    // Shows another MLflow workspace of the open registry (reopened in it), remembered for
    // the next time it is opened (mainwindowworkspaces.cpp).
    void switchWorkspace(const QString &workspace);
    // Version ▸ Compare: the selected versions side by side (mainwindowactions.cpp).
    void compareVersions();
    void updateWorkspaces(const Capabilities &capabilities);
    void saveRegistryState();
    void restoreRegistryState();
    void showError(const RegistryError &error, const QString &context = {});
    // A list that could not load: the message bar offers Retry, and hides once it loads.
    void showLoadError(const RegistryError &error, const QString &context);
    void onModelSelected();
    void onVersionSelected();
    void onRegistryChanged(const QString &modelName);
    void applyRegistryChanges();
    void applyPendingSelection();
    void selectPendingVersions(const QString &name, qint64 version);
    void syncModelHighlight();
    // The model shown was deleted or renamed elsewhere: clear what shows it.
    void forgetShownModel(const QString &name);
    // Selects a version just registered (or shows it, in a long history).
    void showRegisteredVersion(const QString &name, qint64 version);
    void keepSelectionAcrossReload();
    void checkIdle();
    void applyInitialTab();
    void updateCountText();
    void onListLoaded(bool failed);
    // The model every action acts on: the one whose versions and details are shown.
    QString selectedModelName() const;
    // The versions selected in the versions table, ascending.
    QList<qint64> selectedVersions() const;

    // Servers (mainwindowservers.cpp)
    void openServerUrl(const QUrl &url, const QString &selection);
    void openServerRecord(const ServerRecord &record, const QString &selection);
    void rememberServer();
    ServerOptions optionsFor(const ServerRecord &record) const;
    static QString describeServer(const ServerRecord &record);

    // Actions (mainwindowactions.cpp)
    void newRegistry();
    void createNewRegistry();
    void openRegistryFile();
    void connectToServer();
    void newModel();
    void renameModel();
    void deleteModel();
    void registerVersion();
    void deleteVersions();
    void refresh();
    void about();

    // Help (mainwindowhelp.cpp)
    void showUserGuide();
    void showKeyboardShortcuts();
    void reportProblem();

    // Unsaved edits (mainwindowedits.cpp): runs `then` once no description edit is left
    // unsaved — at once when there is none, else after asking Save / Discard / Cancel (and,
    // for Save, once every save has succeeded). `what` names the step ("Close", "Quit").
    void whenEditsSettled(const QString &what, const std::function<void()> &then);

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Registry> m_registry;
    QString m_location;
    bool m_open = false;
    bool m_opening = false;
    QFuture<Result<Capabilities>> m_openFuture;
    // The server being opened or open; its secret is dropped once it has been stored.
    std::optional<ServerOptions> m_server;
    SecretStorage m_secretStorage = SecretStorage::Unchanged;
    SecretStore *m_secrets = nullptr;
    ServerRegistryFactory m_serverFactory;
    QPointer<ConnectDialog> m_connectDialog;
    quint64 m_openGeneration = 0;
    bool m_demo = false;
    Capabilities m_capabilities;
    // What to select once it has loaded: "model" or "model/3" (the current version) …
    QString m_pendingSelection;
    // … and the other versions selected with it, kept across reloads.
    QList<qint64> m_pendingAlsoSelected;
    // A pending model not among the first rows is looked up once in the registry; while it
    // exists there, pages are fetched until its row arrives (mainwindowselection.cpp).
    QString m_pendingLookedUp;
    QString m_pendingExists;
    QString m_initialTab;
    // Set while the window itself selects (pending selection, highlight): a selection the
    // user makes otherwise drops the pending one.
    bool m_applyingSelection = false;
    // The message bar shows a failure to load a list, to be cleared once loading works.
    bool m_loadErrorShown = false;
    QSet<QString> m_changedModels;
    QUndoStack *m_undoStack;
    ModelListModel *m_models;
    VersionTableModel *m_versions;

    MessageBar *m_banner = nullptr;
    MessageBar *m_messageBar = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_searchError = nullptr;
    QTableView *m_modelView = nullptr;
    QTableView *m_versionView = nullptr;
    QLabel *m_versionsTitle = nullptr;
    QLabel *m_modelsEmpty = nullptr;
    QLabel *m_versionsEmpty = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_detailsHolder = nullptr;
    DetailsPane *m_details = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_serverInfo = nullptr;
    WorkspaceSelector *m_workspaces = nullptr;
    // The workspace the registry being opened or open was asked for.
    QString m_openWorkspace = QStringLiteral("default");
    QString m_requestedWorkspace;
    QMenu *m_recentMenu = nullptr;

    QAction *m_closeAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_stopOpeningAction = nullptr;
    QAction *m_newModelAction = nullptr;
    QAction *m_renameModelAction = nullptr;
    QAction *m_deleteModelAction = nullptr;
    QAction *m_registerVersionAction = nullptr;
    QAction *m_deleteVersionAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_transitionAction = nullptr;
    QAction *m_requestAction = nullptr;
    QAction *m_approversAction = nullptr;
    QAction *m_exportCardAction = nullptr;
    QAction *m_snapshotAction = nullptr;
    class ApprovalsDock *m_approvals = nullptr;
    QToolButton *m_approvalsBadge = nullptr;
    QLabel *m_actingUser = nullptr;
    QAction *m_editDescriptionAction = nullptr;
    QAction *m_addTagAction = nullptr;
    QAction *m_addAliasAction = nullptr;
    QAction *m_copyUriAction = nullptr;
    // Set while closing the window after the unsaved edits were dealt with.
    bool m_editsSettled = false;
};

} // namespace ModelDesk
