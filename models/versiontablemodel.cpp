#include "models/versiontablemodel.h"
#include "models/roles.h"
#include "registry/approval/approvalrules.h"
#include "registry/card/modelcard.h"
#include "registry/whenfinished.h"

#include <QDateTime>

namespace ModelDesk {

namespace {

constexpr int PageSize = 200;

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

VersionTableModel::VersionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

VersionTableModel::~VersionTableModel() = default;

QString VersionTableModel::filterFor(const QString &modelName, qint64 below)
{
    const QChar quote
        = modelName.contains(QLatin1Char('\'')) ? QLatin1Char('"') : QLatin1Char('\'');
    QString filter = QStringLiteral("name = ") + quote + modelName + quote;
    if (below > 0)
        filter += QStringLiteral(" AND version_number < %1").arg(below);
    return filter;
}

void VersionTableModel::setRegistry(Registry *registry)
{
    m_registry = registry;
    m_modelName.clear();
    m_aliases.clear();
    m_approvers.clear();
    restart();
}

void VersionTableModel::setModel(const RegisteredModel &model)
{
    QHash<qint64, QStringList> aliases;
    for (const Alias &alias : model.aliases)
        aliases[alias.version].append(alias.alias);
    if (model.name == m_modelName && !model.name.isEmpty()) {
        // Same model, fresh data: new aliases label the loaded rows without a reload.
        ++m_aliasGeneration; // an older read of them must not win
        m_aliases = aliases;
        m_approvers = Approval::approvers(model);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, StageColumn), index(rowCount() - 1, AliasesColumn));
        return;
    }
    m_modelName = model.name;
    m_aliases = aliases;
    m_approvers = Approval::approvers(model);
    restart();
}

void VersionTableModel::reload()
{
    restart();
    refreshAliases();
}

void VersionTableModel::refreshAliases()
{
    if (!m_registry || m_modelName.isEmpty())
        return;
    const quint64 generation = m_generation;
    const quint64 aliasGeneration = ++m_aliasGeneration;
    const QString name = m_modelName;
    whenFinished(m_pending.track(m_registry->model(name)), this,
                 [this, generation, aliasGeneration](const Result<RegisteredModel> &model) {
                     if (generation != m_generation || aliasGeneration != m_aliasGeneration
                         || !model)
                         return; // a failure shows with the page that fails alongside
                     QHash<qint64, QStringList> aliases;
                     for (const Alias &alias : model->aliases)
                         aliases[alias.version].append(alias.alias);
                     const QStringList approvers = Approval::approvers(*model);
                     if (aliases == m_aliases && approvers == m_approvers)
                         return;
                     m_aliases = aliases;
                     m_approvers = approvers;
                     if (!m_rows.isEmpty())
                         emit dataChanged(index(0, StageColumn),
                                          index(rowCount() - 1, AliasesColumn));
                 });
}

void VersionTableModel::restart()
{
    ++m_generation;
    m_pending.cancelAll(); // the user has moved on: stop what the old model still reads
    beginResetModel();
    m_rows.clear();
    m_atEnd = !m_registry || m_modelName.isEmpty();
    m_loadedFirstPage = false;
    m_loadError.reset();
    const bool wasLoading = m_loading;
    m_loading = false; // the old model's answer will be dropped
    endResetModel();
    if (wasLoading && !m_loading)
        emit loadingChanged(false);
    requestPage(); // unless a view already asked for it from inside endResetModel()
}

void VersionTableModel::requestPage()
{
    if (!m_registry || m_loading || m_atEnd)
        return;
    SearchRequest request;
    request.filter = filterFor(m_modelName, m_rows.isEmpty() ? 0 : m_rows.last().version);
    request.orderBy = {QStringLiteral("version_number DESC")};
    request.maxResults = PageSize;
    const quint64 generation = m_generation;
    setLoading(true);
    whenFinished(m_pending.track(m_registry->searchVersions(request)), this,
                 [this, generation](const Result<Page<ModelVersion>> &page) {
                     if (generation != m_generation)
                         return;
                     const bool first = !m_loadedFirstPage;
                     m_loadedFirstPage = true;
                     if (!page) {
                         m_atEnd = true;
                         m_loadError = page.error();
                         setLoading(false);
                         emit errorOccurred(page.error());
                         if (first)
                             emit firstPageLoaded();
                         return;
                     }
                     // Each page must continue below the last: a server that ignores the
                     // filter would otherwise be asked for the same page for ever.
                     if (!m_rows.isEmpty() && !page->items.isEmpty()
                         && page->items.last().version >= m_rows.last().version) {
                         m_atEnd = true;
                         m_loadError = RegistryError(
                             ErrorCode::InvalidState,
                             tr("%1 answered the versions below %2 of %3 with version %4 again; "
                                "the listing stopped there.")
                                 .arg(m_registry->location())
                                 .arg(m_rows.last().version)
                                 .arg(m_modelName)
                                 .arg(page->items.last().version));
                         setLoading(false);
                         emit errorOccurred(*m_loadError);
                         return;
                     }
                     // Paging state first: views call canFetchMore() from inside rowsInserted.
                     m_atEnd = page->items.size() < PageSize;
                     if (!page->items.isEmpty()) {
                         beginInsertRows({}, int(m_rows.size()),
                                         int(m_rows.size() + page->items.size() - 1));
                         m_rows.reserve(m_rows.size() + page->items.size());
                         for (const ModelVersion &version : page->items)
                             m_rows.append(rowFrom(version));
                         endInsertRows();
                     }
                     setLoading(false);
                     if (first)
                         emit firstPageLoaded();
                 });
}

VersionTableModel::Row VersionTableModel::rowFrom(const ModelVersion &version)
{
    Row row;
    row.version = version.version;
    row.created = version.creationTimestamp;
    row.updated = version.lastUpdatedTimestamp;
    row.stage = version.currentStage;
    row.status = version.status;
    row.runId = version.runId.value_or(QString());
    row.description
        = version.description.value_or(QString()).section(QLatin1Char('\n'), 0, 0).left(200);
    QStringList tags;
    for (const Tag &tag : version.tags) {
        if (tag.key == Approval::MarkerKey || tag.key.startsWith(Approval::RequestPrefix)
            || tag.key.startsWith(Card::TagPrefix))
            continue;
        tags << tag.key + QLatin1Char('=') + tag.value.left(60);
    }
    row.tags = tags.join(QStringLiteral(", "));
    for (const Approval::Request &request : Approval::requestsOf(version)) {
        if (request.isOpen())
            row.requestOpen = true;
        if (request.state == Approval::State::Approved && request.applied)
            row.approved << Approval::actionName(request.action) + QLatin1Char(':')
                                + request.target;
    }
    return row;
}

QStringList VersionTableModel::unapproved(const Row &row) const
{
    QStringList found;
    if (m_approvers.isEmpty())
        return found;
    if (Approval::isProtectedStage(row.stage)
        && !row.approved.contains(QStringLiteral("stage:") + row.stage))
        found << tr("in %1").arg(row.stage);
    for (const QString &alias : m_aliases.value(row.version)) {
        if (!row.approved.contains(QStringLiteral("alias:") + alias))
            found << tr("alias %1").arg(alias);
    }
    return found;
}

void VersionTableModel::refreshVersions(const QList<qint64> &versions)
{
    if (!m_registry)
        return;
    refreshAliases(); // an alias that moved relabels rows that are not among `versions`
    const quint64 generation = m_generation;
    for (qint64 number : versions) {
        whenFinished(m_pending.track(m_registry->version(m_modelName, number)), this,
                     [this, generation, number](const Result<ModelVersion> &version) {
                         if (generation != m_generation)
                             return;
                         const int row = rowOf(number);
                         if (row < 0)
                             return;
                         if (version) {
                             m_rows[row] = rowFrom(*version);
                             emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                         } else if (version.error().code() == ErrorCode::ResourceDoesNotExist) {
                             beginRemoveRows({}, row, row);
                             m_rows.removeAt(row);
                             endRemoveRows();
                         }
                     });
    }
}

QList<qint64> VersionTableModel::versionsInStages(const QStringList &stages) const
{
    QList<qint64> versions;
    for (const Row &row : m_rows) {
        if (stages.contains(row.stage))
            versions.append(row.version);
    }
    return versions;
}

void VersionTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

int VersionTableModel::rowOf(qint64 version) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).version == version)
            return row;
    }
    return -1;
}

int VersionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VersionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VersionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case VersionColumn:
            return row.version;
        case StageColumn:
            return row.stage;
        case AliasesColumn: {
            const QStringList aliases = m_aliases.value(row.version);
            QStringList shown;
            for (const QString &alias : aliases)
                shown << QLatin1Char('@') + alias;
            return shown.join(QLatin1Char(' '));
        }
        case StatusColumn:
            return row.status;
        case CreatedColumn:
            return timeText(row.created);
        case UpdatedColumn:
            return timeText(row.updated);
        case RunColumn:
            return row.runId;
        case DescriptionColumn:
            return row.description;
        case TagsColumn:
            return row.tags;
        }
        return {};
    case Qt::ToolTipRole:
        // The whole value, which a narrow column elides.
        if (index.column() == RunColumn && !row.runId.isEmpty())
            return tr("Source run %1").arg(row.runId);
        if (index.column() == StageColumn) {
            QString tip = tr("Stage: %1").arg(row.stage);
            const QStringList found = unapproved(row);
            if (!found.isEmpty())
                tip += QLatin1Char('\n')
                       + tr("Unapproved: no approved request stands behind this version being "
                            "%1; it was changed outside the approval workflow.")
                             .arg(found.join(tr(" and ")));
            if (row.requestOpen)
                tip += QLatin1Char('\n') + tr("A request for this version waits for a decision.");
            return tip;
        }
        return data(index, Qt::DisplayRole);
    case ApprovalRole:
        if (!unapproved(row).isEmpty())
            return QStringLiteral("unapproved");
        return row.requestOpen ? QStringLiteral("requested") : QString();
    case Qt::TextAlignmentRole:
        if (index.column() == VersionColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case VersionColumn:
            return row.version;
        case CreatedColumn:
            return row.created;
        case UpdatedColumn:
            return row.updated;
        default:
            return data(index, Qt::DisplayRole);
        }
    case ModelNameRole:
        return m_modelName;
    case VersionNumberRole:
        return row.version;
    case StageRole:
        return row.stage;
    }
    return {};
}

QVariant VersionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case StageColumn:
        return tr("Stage");
    case AliasesColumn:
        return tr("Aliases");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Last updated");
    case RunColumn:
        return tr("Source run");
    case DescriptionColumn:
        return tr("Description");
    case TagsColumn:
        return tr("Tags");
    }
    return {};
}

bool VersionTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading && m_loadedFirstPage;
}

void VersionTableModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestPage();
}

} // namespace ModelDesk
