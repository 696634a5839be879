#pragma once

#include "registry/pagefollower.h"
#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>

namespace ModelDesk {

// The registered models of a registry as a lazy table: pages of 100 arrive through
// fetchMore() as the view scrolls, so 10,000+ models open as fast as ten. The search text is
// a "name contains" search unless it holds an operator, in which case it is an MLflow filter.
// Sorting by name or last update is done by the registry. A new query drops the answers of
// the previous one (generation id). data() reads memory only. GUI thread.
class ModelListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LatestColumn, AliasesColumn, UpdatedColumn, ColumnCount };

    explicit ModelListModel(QObject *parent = nullptr);
    ~ModelListModel() override;

    // Starts over on `registry` (may be null: empty model).
    void setRegistry(Registry *registry);
    // Plain text = name contains (case-insensitive); text with an operator = MLflow filter.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    // The MLflow filter a search text stands for.
    static QString filterFor(const QString &text);
    // Reloads from the first page, keeping the query.
    void reload();
    // Re-reads one model and updates its row in place (or drops the row if it is gone).
    void refreshModel(const QString &name);

    bool isLoading() const { return m_loading; }
    bool hasLoadedFirstPage() const { return m_loadedFirstPage; }
    // The registry failed to answer the last page asked for (unreachable, an error): the
    // list is incomplete, not empty. Cleared when the query starts over.
    bool loadFailed() const { return m_loadError.has_value(); }
    std::optional<RegistryError> loadError() const { return m_loadError; }
    // The model in `row`, as last read.
    const RegisteredModel &modelAt(int row) const { return m_models.at(row); }
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadingChanged(bool loading);
    // The first page of a query arrived (possibly empty).
    void firstPageLoaded();
    // The registry refused the query (a bad filter): shown inline under the search box.
    void queryError(const QString &message);
    // Any other registry failure.
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    void restart();
    void requestPage();
    void setLoading(bool loading);

    QPointer<Registry> m_registry;
    QString m_searchText;
    QStringList m_orderBy;
    QList<RegisteredModel> m_models;
    QString m_nextPageToken;
    PageFollower m_pages{QString()}; // stops a server whose page tokens never end
    bool m_atEnd = true;
    bool m_loading = false;
    bool m_loadedFirstPage = false;
    std::optional<RegistryError> m_loadError;
    quint64 m_generation = 0;
    PendingCalls m_pending; // reads of the current generation
};

} // namespace ModelDesk
