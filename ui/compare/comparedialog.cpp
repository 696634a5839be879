#include "ui/compare/comparedialog.h"
#include "models/roles.h"
#include "registry/metrics/trend.h"
#include "registry/whenfinished.h"
#include "ui/metrics/metricplot.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace ModelDesk {

namespace {

// Rows whose values differ get a tint of the highlight colour.
class DifferenceDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(DiffersRole).toBool()) {
            QColor tint = option->palette.color(QPalette::Highlight);
            tint.setAlpha(45);
            option->backgroundBrush = tint;
            if (index.column() == CompareModel::KeyColumn)
                option->font.setBold(true);
        }
    }
};

} // namespace

CompareDialog::CompareDialog(Registry *registry,
                             const QString &name,
                             const QList<qint64> &versions,
                             QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_cache(new MetricCache(registry, this))
    , m_name(name)
    , m_numbers(versions)
    , m_status(new QLabel(this))
    , m_onlyDifferences(new QCheckBox(tr("&Only differences"), this))
    , m_table(new QTableView(this))
    , m_metric(new QComboBox(this))
    , m_plot(new MetricPlot(MetricChart::Mode::Full, this))
    , m_model(new CompareModel(this))
{
    setObjectName(QStringLiteral("compareDialog"));
    QStringList numbers;
    for (const qint64 number : versions)
        numbers << QString::number(number);
    setWindowTitle(tr("Compare %1 — versions %2").arg(name, numbers.join(QStringLiteral(", "))));
    resize(1000, 720);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setText(tr("Reading the versions and their runs…"));
    m_onlyDifferences->setObjectName(QStringLiteral("compareOnlyDifferences"));
    m_onlyDifferences->setToolTip(tr("Hide the rows whose values are the same in every version"));
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new DifferenceDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_metric->setObjectName(QStringLiteral("compareMetric"));
    m_metric->setToolTip(tr("The metric whose history the chart overlays for every version"));
    m_plot->setObjectName(QStringLiteral("comparePlot"));
    m_plot->setMessage(tr("Choose a metric to overlay its history."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_onlyDifferences);
    auto *chartBar = new QHBoxLayout;
    auto *metricLabel = new QLabel(tr("&Chart of:"), this);
    metricLabel->setBuddy(m_metric);
    chartBar->addWidget(metricLabel);
    chartBar->addWidget(m_metric, 1);
    auto *chartBox = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_plot, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(chartBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Table"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy the rows shown as tab-separated text, for a spreadsheet"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(tableText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(m_onlyDifferences, &QCheckBox::toggled, m_model, &CompareModel::setOnlyDifferences);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &CompareDialog::showChart);
    connect(m_plot, &MetricPlot::drawn, this, [this] {
        if (!isLoading())
            emit loaded();
    });
    readVersions();
}

CompareDialog::~CompareDialog() = default;

void CompareDialog::setReading(bool busy)
{
    m_reading += busy ? 1 : -1;
}

void CompareDialog::readVersions()
{
    if (!m_registry)
        return;
    m_versions.resize(m_numbers.size());
    for (qsizetype i = 0; i < m_numbers.size(); ++i) {
        setReading(true);
        whenFinished(m_pending.track(m_registry->version(m_name, m_numbers.at(i))), this,
                     [this, i](const Result<ModelVersion> &version) {
                         if (!version) {
                             m_status->setText(tr("Version %1 could not be read: %2")
                                                   .arg(m_numbers.at(i))
                                                   .arg(version.error().message()));
                             setReading(false);
                             finishReading();
                             return;
                         }
                         m_versions[i].version = *version;
                         const QString runId = sourceRunId(*version);
                         if (runId.isEmpty() || !m_registry) {
                             setReading(false);
                             finishReading();
                             return;
                         }
                         whenFinished(m_pending.track(m_registry->run(runId)), this,
                                      [this, i](const Result<Run> &run) {
                                          if (run) {
                                              m_versions[i].run = *run;
                                              readMlModel(i);
                                          }
                                          setReading(false);
                                          finishReading();
                                      });
                     });
    }
}

void CompareDialog::readMlModel(qsizetype i)
{
    const ComparedVersion &compared = m_versions.at(i);
    const QString path = mlModelPath(compared.version.source, compared.run->info.runId,
                                     compared.run->info.artifactUri);
    if (path.isEmpty() || !m_downloads.isValid() || !m_registry)
        return;
    const QString file = m_downloads.filePath(QStringLiteral("MLmodel-%1").arg(i));
    setReading(true);
    whenFinished(
        m_pending.track(m_registry->downloadArtifact(compared.run->info.runId, path, file)), this,
        [this, i, file](const Result<Done> &downloaded) {
            // A model without a readable MLmodel simply has no Model rows.
            QFile text(file);
            if (downloaded && text.size() < 1024 * 1024 && text.open(QIODevice::ReadOnly))
                m_versions[i].model = parseMlModel(text.readAll());
            setReading(false);
            finishReading();
        });
}

void CompareDialog::finishReading()
{
    if (m_reading > 0)
        return;
    QList<ComparedVersion> read;
    for (const ComparedVersion &version : std::as_const(m_versions)) {
        if (version.version.version > 0)
            read << version;
    }
    m_model->setComparison(compareVersions(read));
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), 320));
    int differing = 0;
    QStringList metrics;
    for (const ComparisonRow &row : m_model->comparison().rows) {
        differing += row.differs ? 1 : 0;
        if (row.section == ComparisonRow::Section::Metric)
            metrics << row.key;
    }
    if (read.size() == m_numbers.size()) {
        m_status->setText(tr("%Ln row(s) differ, highlighted; Δ is the change against version "
                             "%1.",
                             nullptr, differing)
                              .arg(read.isEmpty() ? 0 : read.first().version.version));
    }
    {
        const QSignalBlocker blocker(m_metric);
        m_metric->clear();
        m_metric->addItems(metrics);
    }
    if (metrics.isEmpty()) {
        m_plot->setMessage(tr("The versions' runs logged no metrics."));
        emit loaded();
        return;
    }
    showChart();
}

void CompareDialog::setChartMetric(const QString &key)
{
    const int index = m_metric->findText(key);
    if (index >= 0)
        m_metric->setCurrentIndex(index);
}

QString CompareDialog::chartMetric() const
{
    return m_metric->currentText();
}

void CompareDialog::showChart()
{
    const QString key = m_metric->currentText();
    if (key.isEmpty())
        return;
    const quint64 generation = ++m_chartGeneration;
    auto lines = std::make_shared<QList<MetricPlot::Line>>();
    auto left = std::make_shared<int>(0);
    for (qsizetype i = 0; i < m_versions.size(); ++i) {
        const ComparedVersion &compared = m_versions.at(i);
        if (!compared.run)
            continue;
        ++*left;
        setReading(true);
        const QString name = tr("v%1").arg(compared.version.version);
        const QColor color = MetricChart::seriesColor(int(i));
        whenFinished(m_pending.track(m_cache->series(compared.run->info.runId, key,
                                                     compared.run->info.startTime)),
                     this,
                     [this, generation, lines, left, name, color](const Result<SeriesPtr> &s) {
                         setReading(false);
                         if (generation != m_chartGeneration)
                             return;
                         if (s && (*s)->size() > 0)
                             lines->append({name, color, *s});
                         if (--*left > 0)
                             return;
                         // In version order: v2 before v10.
                         std::sort(lines->begin(), lines->end(), [](const auto &a, const auto &b) {
                             return a.name.mid(1).toLongLong() < b.name.mid(1).toLongLong();
                         });
                         if (lines->isEmpty()) {
                             m_plot->setMessage(tr("No compared version's run logged it."));
                             emit loaded();
                         } else {
                             m_plot->setTitle(m_metric->currentText());
                             m_plot->setLines(*lines);
                         }
                     });
    }
    if (*left == 0) {
        m_plot->setMessage(tr("No compared version has a run."));
        emit loaded();
    }
}

QString CompareDialog::tableText() const
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < m_model->columnCount(); ++column)
        header << m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    lines << header.join(QLatin1Char('\t'));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < m_model->columnCount(); ++column) {
            QString text = m_model->index(row, column).data().toString();
            text.replace(QLatin1Char('\t'), QLatin1Char(' '))
                .replace(QLatin1Char('\n'), QLatin1Char(' '));
            cells << text;
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace ModelDesk
