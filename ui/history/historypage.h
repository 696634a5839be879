#pragma once

#include "registry/history/history.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace ModelDesk {

class HistoryFilterModel;
class HistoryModel;

// The History tab of a model or a version: who changed what and when, newest first, with a
// filter by kind and by text, and Export CSV…. Reads when it is the tab shown. On a server,
// which keeps no history, it says so and shows what the requests and versions record.
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(Registry *registry, QWidget *parent = nullptr);

    // The model (version 0) or version whose history is shown.
    void setTarget(const QString &name, qint64 version);
    void clear();
    void setActive(bool active);
    void reload();
    bool isLoading() const { return m_loading; }
    HistoryModel *historyModel() const { return m_model; }
    HistoryFilterModel *filterModel() const { return m_filter; }
    // Writes the events shown as CSV; false with the reason.
    bool exportCsv(const QString &path, QString *error) const;

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    void load();
    void setLoading(bool loading);
    void showEvents(const History::Log &log);
    void exportWithDialog();

    QPointer<Registry> m_registry;
    QString m_name;
    qint64 m_version = 0;
    bool m_active = false;
    bool m_loaded = false;
    bool m_loading = false;
    quint64 m_generation = 0;
    HistoryModel *m_model;
    HistoryFilterModel *m_filter;
    QComboBox *m_kind;
    QLineEdit *m_search;
    QPushButton *m_export;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTableView *m_view;
};

} // namespace ModelDesk
