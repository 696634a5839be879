#include "models/modellistmodel.h"
#include "models/roles.h"
#include "registry/whenfinished.h"

#include <QDateTime>
#include <QRegularExpression>

namespace ModelDesk {

namespace {

constexpr int PageSize = 100;

QString stageName(const QString &stage)
{
    if (stage == Stage::Production)
        return ModelListModel::tr("Production");
    if (stage == Stage::Staging)
        return ModelListModel::tr("Staging");
    if (stage == Stage::Archived)
        return ModelListModel::tr("Archived");
    return ModelListModel::tr("None");
}

// The newest version in each stage, active stages first as a reviewer reads them.
QString latestText(const RegisteredModel &model, const char *separator)
{
    QStringList parts;
    for (const QString &stage : {Stage::Production, Stage::Staging, Stage::None, Stage::Archived}) {
        for (const ModelVersion &version : model.latestVersions) {
            if (version.currentStage == stage)
                parts << QStringLiteral("%1 v%2").arg(stageName(stage)).arg(version.version);
        }
    }
    return parts.join(QLatin1String(separator));
}

} // namespace

ModelListModel::ModelListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_orderBy {QStringLiteral("name ASC")}
{ }

ModelListModel::~ModelListModel() = default;

QString ModelListModel::filterFor(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    static const QRegularExpression operatorPattern(
        QStringLiteral("(=|<|>|\\bI?LIKE\\b|\\bIN\\b|^tags?\\.|^name\\s)"),
        QRegularExpression::CaseInsensitiveOption);
    if (operatorPattern.match(trimmed).hasMatch())
        return trimmed;
    // MLflow's quoted values have no escapes: use the quote the text does not contain.
    const QChar quote = trimmed.contains(QLatin1Char('\'')) ? QLatin1Char('"') : QLatin1Char('\'');
    QString value = trimmed;
    value.remove(quote);
    return QStringLiteral("name ILIKE ") + quote + QLatin1Char('%') + value + QLatin1Char('%')
        + quote;
}

void ModelListModel::setRegistry(Registry *registry)
{
    m_registry = registry;
    restart();
}

void ModelListModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    restart();
}

void ModelListModel::reload()
{
    restart();
}

void ModelListModel::refreshModel(const QString &name)
{
    if (!m_registry || rowOf(name) < 0)
        return;
    const quint64 generation = m_generation;
    whenFinished(m_pending.track(m_registry->model(name)), this,
                 [this, generation, name](const Result<RegisteredModel> &model) {
                     if (generation != m_generation)
                         return;
                     const int row = rowOf(name);
                     if (row < 0)
                         return;
                     if (model) {
                         m_models[row] = *model;
                         emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                     } else if (model.error().code() == ErrorCode::ResourceDoesNotExist) {
                         beginRemoveRows({}, row, row);
                         m_models.removeAt(row);
                         endRemoveRows();
                     }
                 });
}

void ModelListModel::restart()
{
    ++m_generation;
    m_pending.cancelAll(); // the user has moved on: stop what the old query still reads
    beginResetModel();
    m_models.clear();
    m_nextPageToken.clear();
    m_pages = PageFollower(m_registry ? m_registry->location() : QString());
    m_atEnd = !m_registry;
    m_loadedFirstPage = false;
    m_loadError.reset();
    const bool wasLoading = m_loading;
    m_loading = false; // the old query's answer will be dropped
    endResetModel();
    if (wasLoading && !m_loading)
        emit loadingChanged(false);
    requestPage(); // unless a view already asked for it from inside endResetModel()
}

void ModelListModel::requestPage()
{
    if (!m_registry || m_loading || m_atEnd)
        return;
    SearchRequest request;
    request.filter = filterFor(m_searchText);
    request.orderBy = m_orderBy;
    request.maxResults = PageSize;
    request.pageToken = m_nextPageToken;
    const quint64 generation = m_generation;
    setLoading(true);
    whenFinished(m_pending.track(m_registry->searchModels(request)), this,
                 [this, generation](const Result<Page<RegisteredModel>> &page) {
                     if (generation != m_generation)
                         return; // an answer to a query the user has moved on from
                     const bool first = !m_loadedFirstPage;
                     m_loadedFirstPage = true;
                     if (!page) {
                         m_atEnd = true;
                         // The failure is known before anyone hears that loading stopped.
                         const bool badQuery
                             = page.error().code() == ErrorCode::InvalidParameterValue;
                         if (!badQuery)
                             m_loadError = page.error();
                         setLoading(false);
                         if (badQuery)
                             emit queryError(page.error().message());
                         else
                             emit errorOccurred(page.error());
                         if (first)
                             emit firstPageLoaded();
                         return;
                     }
                     if (first)
                         emit queryError(QString());
                     if (const auto endless = m_pages.follow(page->nextPageToken)) {
                         // Keep what arrived; stop asking a server whose pages never end.
                         m_atEnd = true;
                         m_loadError = *endless;
                         setLoading(false);
                         emit errorOccurred(*endless);
                         if (first)
                             emit firstPageLoaded();
                         return;
                     }
                     // The paging state moves before the rows arrive: views ask canFetchMore() from
                     // inside rowsInserted, and must not be sent back to the page just received.
                     m_nextPageToken = page->nextPageToken;
                     m_atEnd = m_nextPageToken.isEmpty();
                     if (!page->items.isEmpty()) {
                         beginInsertRows({}, int(m_models.size()),
                                         int(m_models.size() + page->items.size() - 1));
                         m_models += page->items;
                         endInsertRows();
                     }
                     setLoading(false);
                     if (first)
                         emit firstPageLoaded();
                 });
}

void ModelListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

int ModelListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_models.size(); ++row) {
        if (m_models.at(row).name == name)
            return row;
    }
    return -1;
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RegisteredModel &model = m_models.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return model.name;
        case LatestColumn: {
            // In the narrow list, what a reviewer looks for: the versions in Production and
            // Staging, else the newest version; the tooltip has all four stages.
            QStringList active;
            qint64 newest = 0;
            for (const QString &stage : {Stage::Production, Stage::Staging}) {
                for (const ModelVersion &version : model.latestVersions) {
                    if (version.currentStage == stage)
                        active << QStringLiteral("%1 v%2").arg(stageName(stage)).arg(version.version);
                }
            }
            for (const ModelVersion &version : model.latestVersions)
                newest = qMax(newest, version.version);
            if (active.isEmpty() && newest > 0)
                return tr("v%1").arg(newest);
            return active.join(QStringLiteral(", "));
        }
        case AliasesColumn: {
            QStringList parts;
            for (const Alias &alias : model.aliases)
                parts << QStringLiteral("@%1 → v%2").arg(alias.alias).arg(alias.version);
            return parts.join(QStringLiteral(", "));
        }
        case UpdatedColumn:
            return QDateTime::fromMSecsSinceEpoch(model.lastUpdatedTimestamp)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        return {};
    case Qt::ToolTipRole:
        // The whole value, which a narrow column elides.
        switch (index.column()) {
        case NameColumn: {
            const QString firstLine
                = model.description.section(QLatin1Char('\n'), 0, 0).trimmed();
            return firstLine.isEmpty() ? model.name : model.name + QLatin1Char('\n') + firstLine;
        }
        case LatestColumn:
            return latestText(model, "\n");
        case AliasesColumn:
            return data(index, Qt::DisplayRole).toString().replace(QStringLiteral(", "),
                                                                    QStringLiteral("\n"));
        default:
            return data(index, Qt::DisplayRole);
        }
    case SortRole:
        return index.column() == UpdatedColumn ? QVariant(model.lastUpdatedTimestamp)
                                               : QVariant(model.name);
    case ModelNameRole:
        return model.name;
    }
    return {};
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Name");
        case LatestColumn:
            return tr("Latest");
        case AliasesColumn:
            return tr("Aliases");
        case UpdatedColumn:
            return tr("Last updated");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Registered model name (click to sort)");
        case LatestColumn:
            return tr("The versions in Production and Staging, else the newest version; hover a cell for every stage");
        case AliasesColumn:
            return tr("Aliases and the versions they point to");
        case UpdatedColumn:
            return tr("When the model last changed (click to sort)");
        }
    }
    return {};
}

bool ModelListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading && m_loadedFirstPage;
}

void ModelListModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestPage();
}

void ModelListModel::sort(int column, Qt::SortOrder order)
{
    // Only what the registry can order by; other columns keep the current order.
    QStringList orderBy;
    const QString direction
        = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    if (column == NameColumn)
        orderBy = {QStringLiteral("name ") + direction};
    else if (column == UpdatedColumn)
        orderBy = {QStringLiteral("last_updated_timestamp ") + direction};
    else
        return;
    if (orderBy == m_orderBy)
        return;
    m_orderBy = orderBy;
    restart();
}

} // namespace ModelDesk
