#pragma once

#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

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
    void reload();
    // Re-reads the given versions and updates their rows in place (a deleted version's row
    // goes), without reloading pages: used after an edit on a model with many versions.
    void refreshVersions(const QList<qint64> &versions);
    // The loaded versions whose stage is one of `stages`.
    QList<qint64> versionsInStages(const QStringList &stages) const;

    bool isLoading() const { return m_loading; }
    bool hasLoadedFirstPage() const { return m_loadedFirstPage; }
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
        QString tags;        // "key=value, …"
    };

    void restart();
    void requestPage();
    static Row rowFrom(const ModelVersion &version);
    void setLoading(bool loading);

    QPointer<Registry> m_registry;
    QString m_modelName;
    QHash<qint64, QStringList> m_aliases;
    QList<Row> m_rows;
    bool m_atEnd = true;
    bool m_loading = false;
    bool m_loadedFirstPage = false;
    quint64 m_generation = 0;
    PendingCalls m_pending; // reads of the current generation
};

} // namespace ModelDesk
