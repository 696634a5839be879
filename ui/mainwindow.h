#pragma once

#include "registry/registry.h"

#include <QMainWindow>
#include <QSet>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSplitter;
class QTableView;
class QUndoStack;

namespace ModelDesk {

class DetailsPane;
class MessageBar;
class ModelListModel;
class Settings;
class VersionTableModel;

// The main window: registry selector (open, new, recent), the lazy model list with its
// search box, the versions of the selected model and the details pane, menus with shortcuts,
// banners for demo and read-only registries, a message bar for errors. Owns the open
// Registry. Remembers window, splitter and column state and the last selection per registry.
// GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a registry (path, sqlite:///path); loading continues asynchronously and ends
    // with registryOpened(). `selection` ("model" or "model/3") is selected once it loads,
    // else the registry's last selection.
    void openRegistry(const QString &location, const QString &selection = {});
    // Shows the banner saying the registry is a generated demo.
    void setDemo(bool demo);

    Registry *registry() const { return m_registry.get(); }
    // True when the registry is open and nothing is loading.
    bool isIdle() const;
    MessageBar *messageBar() const { return m_messageBar; }

signals:
    void registryOpened(bool ok);
    // Everything requested so far has loaded (lists, selection, details).
    void becameIdle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void createActions();
    void updateActions();
    void updateRecentMenu();
    void updateTitle();
    void saveRegistryState();
    void restoreRegistryState();
    void showError(const RegistryError &error, const QString &context = {});
    void onModelSelected();
    void onVersionSelected();
    void onRegistryChanged(const QString &modelName);
    void applyRegistryChanges();
    void applyPendingSelection();
    void checkIdle();
    void updateCountText();
    QString selectedModelName() const;
    QList<qint64> selectedVersions() const;

    // Actions (mainwindowactions.cpp)
    void newRegistry();
    void openRegistryFile();
    void newModel();
    void renameModel();
    void deleteModel();
    void registerVersion();
    void deleteVersions();
    void refresh();
    void about();

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Registry> m_registry;
    QString m_location;
    bool m_open = false;
    quint64 m_openGeneration = 0;
    bool m_demo = false;
    Capabilities m_capabilities;
    QString m_pendingSelection;
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
    QSplitter *m_splitter = nullptr;
    QWidget *m_detailsHolder = nullptr;
    DetailsPane *m_details = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QMenu *m_recentMenu = nullptr;

    QAction *m_newModelAction = nullptr;
    QAction *m_renameModelAction = nullptr;
    QAction *m_deleteModelAction = nullptr;
    QAction *m_registerVersionAction = nullptr;
    QAction *m_deleteVersionAction = nullptr;
    QAction *m_refreshAction = nullptr;
};

} // namespace ModelDesk
