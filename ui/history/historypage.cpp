#include "ui/history/historypage.h"

#include "models/history/historymodel.h"
#include "models/roles.h"
#include "registry/whenfinished.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace ModelDesk {

HistoryPage::HistoryPage(Registry *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_model(new HistoryModel(this))
    , m_filter(new HistoryFilterModel(this))
    , m_kind(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_export(new QPushButton(tr("Export CSV\u2026"), this))
    , m_note(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_view(new QTableView(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(SortRole);
    m_kind->setObjectName(QStringLiteral("historyKind"));
    m_kind->setToolTip(tr("Show one kind of change"));
    m_kind->addItem(tr("All changes"), QString());
    for (const QString &kind : History::kinds())
        m_kind->addItem(HistoryModel::kindText(kind), kind);
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Filter by user, value or comment"));
    m_search->setClearButtonEnabled(true);
    m_export->setObjectName(QStringLiteral("historyExport"));
    m_export->setToolTip(tr("Save the changes shown as a CSV file"));
    m_note->setObjectName(QStringLiteral("historyNote"));
    m_note->setWordWrap(true);
    m_note->setEnabled(false);
    m_note->setText(tr("This MLflow server keeps no history of changes. Shown here is what the "
                       "approval requests and the versions themselves record; a local file or "
                       "a snapshot of it has the full history."));
    m_note->hide();
    m_empty->setObjectName(QStringLiteral("historyEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(HistoryModel::TimeColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);

    auto *row = new QHBoxLayout;
    row->addWidget(m_kind);
    row->addWidget(m_search, 1);
    row->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(row);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setKind(m_kind->currentData().toString());
    });
    connect(m_search, &QLineEdit::textChanged, m_filter, &HistoryFilterModel::setText);
    connect(m_export, &QPushButton::clicked, this, &HistoryPage::exportWithDialog);
    clear();
}

void HistoryPage::setTarget(const QString &name, qint64 version)
{
    if (name == m_name && version == m_version && m_loaded)
        return;
    ++m_generation;
    setLoading(false);
    m_name = name;
    m_version = version;
    m_loaded = false;
    m_model->setEvents({});
    m_export->setEnabled(false);
    if (m_active)
        load();
}

void HistoryPage::clear()
{
    ++m_generation;
    setLoading(false);
    m_name.clear();
    m_version = 0;
    m_loaded = false;
    m_model->setEvents({});
    m_empty->setText(tr("Select a model or a version to see its history."));
    m_stack->setCurrentWidget(m_empty);
    m_export->setEnabled(false);
}

void HistoryPage::setActive(bool active)
{
    m_active = active;
    if (active && !m_loaded && !m_name.isEmpty())
        load();
}

void HistoryPage::reload()
{
    m_loaded = false;
    if (m_active && !m_name.isEmpty())
        load();
}

void HistoryPage::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void HistoryPage::load()
{
    if (!m_registry)
        return;
    const quint64 generation = ++m_generation;
    m_loaded = true;
    setLoading(true);
    m_empty->setText(tr("Reading the history\u2026"));
    if (m_model->rowCount() == 0)
        m_stack->setCurrentWidget(m_empty);
    whenFinished(History::read(m_registry, m_name,
                               m_version > 0 ? std::optional(m_version) : std::nullopt),
                 this, [this, generation](const Result<History::Log> &log) {
                     if (generation != m_generation)
                         return;
                     if (!log) {
                         m_loaded = false;
                         m_empty->setText(tr("Could not read the history: %1")
                                              .arg(log.error().message()));
                         m_stack->setCurrentWidget(m_empty);
                         setLoading(false);
                         emit errorOccurred(log.error());
                         return;
                     }
                     showEvents(*log);
                     setLoading(false);
                 });
}

void HistoryPage::showEvents(const History::Log &log)
{
    m_model->setEvents(log.events);
    m_note->setVisible(!log.complete);
    // A version's own history need not say which version each line is about.
    m_view->setColumnHidden(HistoryModel::VersionColumn, m_version > 0);
    m_empty->setText(m_version > 0 ? tr("Nothing is recorded about this version yet.")
                                   : tr("Nothing is recorded about this model yet."));
    m_stack->setCurrentWidget(log.events.isEmpty() ? static_cast<QWidget *>(m_empty) : m_view);
    m_export->setEnabled(!log.events.isEmpty());
    m_view->resizeColumnsToContents();
    // Long values (descriptions) are cut; their tooltip has them whole.
    const int limit = std::max(160, m_view->viewport()->width() / 2);
    if (m_view->columnWidth(HistoryModel::ChangeColumn) > limit)
        m_view->setColumnWidth(HistoryModel::ChangeColumn, limit);
}

bool HistoryPage::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray csv = History::toCsv(m_filter->shownEvents());
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path),
                                                      file.errorString());
        return false;
    }
    return true;
}

void HistoryPage::exportWithDialog()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString base = m_name;
    if (m_version > 0)
        base += QStringLiteral("-v%1").arg(m_version);
    base.replace(QLatin1Char('/'), QLatin1Char('_'));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export History"), QDir(dir).filePath(base + QStringLiteral("-history.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export History"), error);
}

} // namespace ModelDesk
