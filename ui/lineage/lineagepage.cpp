#include "ui/lineage/lineagepage.h"

#include "registry/lineage/lineagebuilder.h"
#include "registry/lineage/lineageexport.h"
#include "registry/whenfinished.h"
#include "ui/lineage/lineageitems.h"
#include "ui/lineage/lineagelayout.h"
#include "ui/lineage/lineageview.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ModelDesk {

LineagePage::LineagePage(Registry *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_view(new LineageView(this))
    , m_status(new QLabel(this))
    , m_export(new QToolButton(this))
    , m_stop(new QToolButton(this))
{
    setObjectName(QStringLiteral("lineagePage"));
    m_message->setObjectName(QStringLiteral("lineageMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMargin(24);
    m_status->setObjectName(QStringLiteral("lineageStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A narrow pane clips the status, never the buttons.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    const auto button = [this](const QString &text, const QString &tip, const QKeySequence &keys) {
        auto *tool = new QToolButton(this);
        tool->setText(text);
        tool->setToolTip(keys.isEmpty() ? tip
                                        : QStringLiteral("%1 (%2)").arg(
                                            tip, keys.toString(QKeySequence::NativeText)));
        tool->setAutoRaise(true);
        return tool;
    };
    QToolButton *fit = button(tr("Fit"), tr("Show the whole graph"), QKeySequence(Qt::Key_F));
    QToolButton *zoomIn = button(QStringLiteral("+"), tr("Zoom in"), QKeySequence::ZoomIn);
    QToolButton *zoomOut = button(QStringLiteral("\u2212"), tr("Zoom out"), QKeySequence::ZoomOut);
    connect(fit, &QToolButton::clicked, m_view, &LineageView::fit);
    connect(zoomIn, &QToolButton::clicked, m_view, [this] { m_view->zoomBy(1.25); });
    connect(zoomOut, &QToolButton::clicked, m_view, [this] { m_view->zoomBy(0.8); });
    m_export->setObjectName(QStringLiteral("lineageExport"));
    m_export->setText(tr("Export"));
    m_export->setToolTip(tr("Save the graph as SVG, PNG or Graphviz DOT"));
    m_export->setAutoRaise(true);
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("SVG Image…"), this, [this] { exportAs(QStringLiteral("svg")); });
    menu->addAction(tr("PNG Image…"), this, [this] { exportAs(QStringLiteral("png")); });
    menu->addAction(tr("Graphviz DOT…"), this, [this] { exportAs(QStringLiteral("dot")); });
    m_export->setMenu(menu);

    m_stop->setObjectName(QStringLiteral("lineageStop"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop reading the lineage"));
    m_stop->setAutoRaise(true);
    m_stop->setVisible(false);
    connect(m_stop, &QToolButton::clicked, this, &LineagePage::stop);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_stop);
    bar->addWidget(fit);
    bar->addWidget(zoomIn);
    bar->addWidget(zoomOut);
    bar->addWidget(m_export);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    m_view->setToolTip(tr("Click a version to select it, a run to open it; double-click to "
                          "expand. Drag to pan, wheel to zoom, F to fit."));
    connect(m_view, &LineageView::nodeClicked, this, &LineagePage::onClicked);
    connect(m_view, &LineageView::nodeDoubleClicked, this, &LineagePage::expand);
    clear();
}

LineagePage::~LineagePage() = default;

void LineagePage::clear()
{
    ++m_generation;
    m_pending.cancelAll();
    m_reading = false;
    updateLoading();
    m_name.clear();
    m_version = 0;
    m_loaded.clear();
    m_graph = {};
    m_display = {};
    m_view->clearGraph();
    m_status->clear();
    m_export->setEnabled(false);
    showMessage(QString());
}

void LineagePage::setVersion(const QString &name, qint64 version)
{
    if (name == m_name && version == m_version && !m_loaded.isEmpty())
        return;
    // Whatever is being read for the previous target is of no use now.
    ++m_generation;
    m_pending.cancelAll();
    m_reading = false;
    updateLoading();
    m_name = name;
    m_version = version;
    m_loaded.clear();
    if (m_active)
        load();
}

void LineagePage::setModel(const QString &name)
{
    setVersion(name, 0);
}

void LineagePage::setActive(bool active)
{
    m_active = active;
    if (active && m_loaded.isEmpty() && !m_name.isEmpty())
        load();
}

void LineagePage::reload()
{
    m_loaded.clear();
    if (m_active && !m_name.isEmpty())
        load();
}

bool LineagePage::isLoading() const
{
    return m_reading || m_layingOut;
}

QString LineagePage::statusText() const
{
    return m_status->text();
}

void LineagePage::updateLoading()
{
    m_stop->setVisible(m_reading);
    if (m_wasLoading == isLoading())
        return;
    m_wasLoading = isLoading();
    emit loadingChanged(m_wasLoading);
}

void LineagePage::stop()
{
    if (!m_reading)
        return;
    ++m_generation;
    m_pending.cancelAll();
    m_reading = false;
    updateLoading();
    m_loaded.clear(); // read again when asked
    if (m_graph.nodes().isEmpty())
        showMessage(tr("Stopped. Show the tab again or press F5 to read the lineage."));
    m_status->setText(tr("Stopped."));
}

void LineagePage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void LineagePage::load()
{
    if (!m_registry || m_name.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_pending.cancelAll();
    m_unfolded.clear();
    m_loaded = m_name + QLatin1Char('/') + QString::number(m_version);
    m_export->setEnabled(false);
    const QString what = m_version > 0 ? tr("version %1 of %2").arg(m_version).arg(m_name) : m_name;
    showMessage(tr("Reading the lineage of %1…").arg(what));
    m_status->setText(tr("Reading…"));
    m_graph = {};
    m_reading = true;
    updateLoading();
    auto future = m_version > 0 ? LineageBuilder::build(m_registry, m_name, m_version)
                                : LineageBuilder::buildModel(m_registry, m_name);
    whenFinished(m_pending.track(future), this,
                 [this, generation, what](const Result<LineageGraph> &graph) {
                     if (generation != m_generation)
                         return;
                     m_reading = false;
                     const auto idle = qScopeGuard([this] { updateLoading(); });
                     if (!graph) {
                         showMessage(graph.error().message());
                         m_status->setText(tr("The lineage of %1 could not be read.").arg(what));
                         emit errorOccurred(graph.error());
                         return;
                     }
                     m_graph = *graph;
                     relayout();
                 });
}

void LineagePage::relayout()
{
    if (m_layingOut) {
        m_relayoutWanted = true;
        return;
    }
    m_display = foldLineage(m_graph, m_unfolded);
    if (m_display.nodes.isEmpty()) {
        showMessage(tr("This model has no versions yet, so there is no lineage to show."));
        m_status->clear();
        return;
    }
    const LayoutInput input = layoutInputFor(m_display);
    const quint64 generation = m_generation;
    m_layingOut = true;
    updateLoading();
    auto *watcher = new QFutureWatcher<LayoutResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_layingOut = false;
        const auto idle = qScopeGuard([this] { updateLoading(); });
        if (std::exchange(m_relayoutWanted, false)) {
            relayout(); // what is wanted now, not what this layout was for
            return;
        }
        if (generation != m_generation)
            return;
        const LayoutResult layout = watcher->result();
        if (!layout.error.isEmpty()) {
            showMessage(layout.error);
            return;
        }
        const QString selected = m_version > 0 ? LineageId::version(m_name, m_version) : QString();
        m_stack->setCurrentWidget(m_view);
        m_view->setGraph(m_graph, m_display, layout, selected);
        m_export->setEnabled(true);
        int groups = 0;
        for (const DisplayNode &node : std::as_const(m_display.nodes))
            groups += node.isGroup() ? 1 : 0;
        QString status = tr("%Ln node(s), %1 link(s)", nullptr, int(m_graph.nodes().size()))
                             .arg(m_graph.edges().size());
        if (groups > 0)
            status += tr(" — %Ln group(s) folded; click one to unfold it", nullptr, groups);
        m_status->setText(status);
        m_status->setToolTip(status);
    });
    watcher->setFuture(QtConcurrent::run(layoutLineage, input));
}

void LineagePage::onClicked(const QString &id)
{
    // A folded group opens on a click too: there is nothing else a click could mean.
    if (id.startsWith(QLatin1String("group:"))) {
        expand(id);
        return;
    }
    const LineageNode *node = m_graph.node(id);
    if (!node || node->isMissing())
        return;
    if (node->kind == QLatin1String("version")) {
        emit versionActivated(
            node->attribute(QStringLiteral("name")).value_or(QString()),
            node->attribute(QStringLiteral("version")).value_or(QString()).toLongLong());
    } else if (node->kind == QLatin1String("run")) {
        emit runActivated(node->attribute(QStringLiteral("run_id")).value_or(QString()));
    }
}

void LineagePage::expand(const QString &id)
{
    if (id.startsWith(QLatin1String("group:"))) {
        // The graph shown is laid out again; a read still going would replace it.
        m_pending.cancelAll();
        m_reading = false;
        m_unfolded.insert(id);
        ++m_generation;
        relayout();
        return;
    }
    if (!m_registry || !m_graph.contains(id))
        return;
    const quint64 generation = ++m_generation;
    m_pending.cancelAll(); // one expansion at a time: the newest asked for
    m_status->setText(tr("Expanding %1…").arg(m_graph.node(id)->label));
    m_reading = true;
    updateLoading();
    whenFinished(m_pending.track(LineageBuilder::expand(m_registry, m_graph, id)), this,
                 [this, generation](const Result<LineageGraph> &graph) {
                     if (generation != m_generation)
                         return;
                     m_reading = false;
                     const auto idle = qScopeGuard([this] { updateLoading(); });
                     if (!graph) {
                         m_status->setText(graph.error().message());
                         emit errorOccurred(graph.error());
                         return;
                     }
                     m_graph = *graph;
                     relayout();
                 });
}

bool LineagePage::exportDot(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(LineageExport::toDot(m_graph)) < 0 || !file.flush()) {
        if (error)
            *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void LineagePage::exportAs(const QString &format)
{
    QString base = m_version > 0 ? QStringLiteral("lineage-%1-v%2").arg(m_name).arg(m_version)
                                 : QStringLiteral("lineage-%1").arg(m_name);
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString filter = format == QLatin1String("dot") ? tr("Graphviz DOT (*.dot *.gv)")
        : format == QLatin1String("png")                  ? tr("PNG image (*.png)")
                                                          : tr("SVG image (*.svg)");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Lineage"), QDir(dir).filePath(base + QLatin1Char('.') + format), filter);
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = format == QLatin1String("dot") ? exportDot(path, &error)
        : format == QLatin1String("png")           ? m_view->exportPng(path, &error)
                                                   : m_view->exportSvg(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export Lineage"), error);
}

} // namespace ModelDesk
