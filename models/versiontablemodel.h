#pragma once

#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <optional>

namespace ModelDesk {

// The versions of one registered model, newest first, as a lazy table: pages of 200 arrive
// through fetchMore() as the view scrolls. Pages are asked for by version number (the filter
// `version_number < last`) rather than by offset, so the last page of a 200,000-version model
// costs what the first does. Rows keep only what the columns show, so scrolling to the end of
// such a model stays within bounded memory. data() reads memory only. GUI thread.
class VersionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        VersionColumn,
        StageColumn,
        AliasesColumn,
        StatusColumn,
        CreatedColumn,
        UpdatedColumn,
        RunColumn,
        DescriptionColumn,
        TagsColumn,
        ColumnCount
    };

    explicit VersionTableModel(QObject *parent = nullptr);
    ~VersionTableModel() override;

    void setRegistry(Registry *registry);
    // Shows the versions of `model` (its aliases label the rows); an empty name clears.
    void setModel(const RegisteredModel &model);
    QString modelName() const { return m_modelName; }
    // Reloads the versions from the first page and re-reads the model's aliases.
    void reload();
    // Re-reads the model's aliases, which label the rows (after an alias moved).
    void refreshAliases();
    // Re-reads the given versions and updates their rows in place (a deleted version's row
    // goes), without reloading pages: used after an edit on a model with many versions.
    void refreshVersions(const QList<qint64> &versions);
    // The loaded versions whose stage is one of `stages`.
    QList<qint64> versionsInStages(const QStringList &stages) const;

    bool isLoading() const { return m_loading; }
    bool hasLoadedFirstPage() const { return m_loadedFirstPage; }
    // The registry failed to answer the last page asked for: the table is incomplete.
    bool loadFailed() const { return m_loadError.has_value(); }
    std::optional<RegistryError> loadError() const { return m_loadError; }
    // True once every version has been read (no more pages to fetch, none failed).
    bool isComplete() const { return m_loadedFirstPage && m_atEnd && !m_loadError; }
    qint64 versionAt(int row) const { return m_rows.at(row).version; }
    int rowOf(qint64 version) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString filterFor(const QString &modelName, qint64 below);

signals:
    void loadingChanged(bool loading);
    void firstPageLoaded();
    void errorOccurred(const ModelDesk::RegistryError &error);

private:
    struct Row
    {
        qint64 version = 0;
        qint64 created = 0;
        qint64 updated = 0;
        QString stage;
        QString status;
        QString runId;
        QString description; // first line
        QString tags;        // "key=value, …", without the approval workflow's tags
        // What approved requests stand behind ("stage:Production", "alias:champion"), and
        // whether a request waits; usually empty.
        QStringList approved;
        bool requestOpen = false;
    };
    // What the row holds in a protected model without an approved request behind it.
    QStringList unapproved(const Row &row) const;

    void restart();
    void requestPage();
    static Row rowFrom(const ModelVersion &version);
    void setLoading(bool loading);

    QPointer<Registry> m_registry;
    QString m_modelName;
    QHash<qint64, QStringList> m_aliases;
    QStringList m_approvers; // the model's (Approval::approvers); empty: not protected
    QList<Row> m_rows;
    bool m_atEnd = true;
    bool m_loading = false;
    bool m_loadedFirstPage = false;
    std::optional<RegistryError> m_loadError;
    quint64 m_generation = 0;
    quint64 m_aliasGeneration = 0;
    PendingCalls m_pending; // reads of the current generation
};

} // namespace ModelDesk
