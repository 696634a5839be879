#pragma once

#include "models/registrydiff/registrydiffmodel.h"
#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace ModelDesk {

class MessageBar;
class RegistryDiffFilter;
class Settings;
class ValueDiffView;

// File ▸ Compare Registries…: the registry of the window that opened it compared with another
// one (a recent registry, a file, a snapshot or a server, opened read-only), A the older and
// B the newer — the other one as A unless swapped. Reads both at once (busy, with Cancel),
// compares them off the GUI thread, then shows the changes grouped by model, coloured by
// kind, filterable by text and kind, with a change's old and new values side by side below.
// Activating a row asks to show its item: here when this registry holds it
// (showInThisWindow), else in a new window on the other one (openInNewWindow). Exports what
// the filter shows as CSV or modeldesk-cli diff --json's JSON. Remembers per registry the
// last one compared with, its splitter, columns and size. A top-level window owned by the
// MainWindow that opened it; GUI thread.
class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    enum class ExportFormat { Csv, Json };

    explicit CompareWindow(QWidget *parent = nullptr);
    ~CompareWindow() override;

    // The open registry of the window and where it is; the remembered state is its own.
    void setThisRegistry(Registry *registry, const QString &location);
    // Where the other registry is: a path, sqlite:///path or http(s)://host:port.
    void setOtherLocation(const QString &location);
    QString otherLocation() const;
    // Which side this window's registry is on.
    ComparedSide thisSide() const { return m_thisIsA ? ComparedSide::A : ComparedSide::B; }
    void swapSides();

    // Opens the other registry and compares it with this one; ends with compared().
    void compare();
    // Stops a comparison under way; what was shown before stays.
    void cancel();
    bool isComparing() const { return m_comparing; }

    RegistryDiffModel *changes() const { return m_model; }
    RegistryDiffFilter *filter() const { return m_filter; }
    QTreeView *tree() const { return m_tree; }
    ValueDiffView *values() const { return m_values; }
    // Writes the changes the filter shows to `path`; false with `error` set when it cannot.
    bool exportTo(const QString &path, ExportFormat format, QString *error) const;

signals:
    // The comparison ended: the tree shows its changes, or the message bar why it failed.
    void compared(bool ok);
    void showInThisWindow(const QString &selection);
    void openInNewWindow(const QString &location, const QString &selection);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    enum Page { IntroPage, BusyPage, ResultsPage, SamePage };

    QWidget *createChooser();
    QWidget *createResults();
    void updateSides();
    void updateGroupButtons();
    void updateSummary();
    void setPage(Page page);
    void readBoth(quint64 generation);
    void finish(quint64 generation, Result<RegistryContents> mine, Result<RegistryContents> other);
    void fail(const RegistryError &error);
    void showSelected();
    void activate(const QModelIndex &index);
    void showContextMenu(const QPoint &pos);
    QString locationOf(ComparedSide side) const;
    void chooseFile();
    void chooseExport();
    void saveState();
    void restoreState();

    std::unique_ptr<Settings> m_settings;
    QPointer<Registry> m_this;
    QString m_thisLocation;
    std::unique_ptr<Registry> m_other;
    // What a comparison compares: this window's registry, the other one, and which is A.
    struct Sides
    {
        QString thisLocation;
        QString other;
        bool thisIsA = false;
    };
    bool m_thisIsA = false;
    Sides m_reading; // the comparison under way
    Sides m_shown; // the one the tree shows
    bool m_comparing = false;
    quint64 m_generation = 0;
    PendingCalls m_pending;
    QElapsedTimer m_clock;
    qint64 m_elapsedMs = 0; // how long the shown comparison took

    QComboBox *m_location;
    QPushButton *m_browse = nullptr;
    QLabel *m_sides;
    QPushButton *m_swap;
    QPushButton *m_compare;
    MessageBar *m_messages;
    QStackedWidget *m_pages;
    QLabel *m_busyText;
    QProgressBar *m_busy;
    QPushButton *m_cancel;
    QLineEdit *m_filterText;
    QList<QToolButton *> m_groupButtons;
    QPushButton *m_export;
    QLabel *m_summary;
    QLabel *m_noMatch;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    ValueDiffView *m_values;
    RegistryDiffModel *m_model;
    RegistryDiffFilter *m_filter;
};

} // namespace ModelDesk
