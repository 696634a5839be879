#pragma once

#include "registry/pendingcalls.h"
#include "registry/registry.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

namespace ModelDesk {

// The artifacts of one run as a lazy tree (Name, Size). A directory is listed through
// Registry::listArtifacts() only when a view expands it (canFetchMore/fetchMore); while it
// is listed it holds one "Loading…" row (inserted from the event loop, as every change of
// rows is), and a failed listing leaves one error row that reload() replaces. Directories
// come first, then files, each in the order the registry returned them (by name). data()
// reads memory only. Answers for a previous run, or for a directory that was reloaded since,
// are dropped; setRunId() cancels listings still pending. Owned by its view's owner; GUI
// thread.
class ArtifactTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ColumnCount };
    // Specific to this model; the shared roles (SortRole, RawValueRole = the path) apply too.
    enum Role {
        PathRole = Qt::UserRole + 100, // QString: path relative to the run's artifact root
        KindRole, // int: Kind
        SizeRole, // qint64: bytes, files only
    };
    enum class Kind { Directory, File, Loading, Error, Empty };
    enum class State { NotListed, Listing, Listed, Failed };

    struct Icons
    {
        QIcon directory;
        QIcon file;
        QIcon error;
    };

    explicit ArtifactTreeModel(Registry *registry, QObject *parent = nullptr);
    ~ArtifactTreeModel() override;

    // Shows the artifacts of `runId` (empty: none). Nothing is listed until fetchMore().
    void setRunId(const QString &runId);
    QString runId() const { return m_runId; }
    // The run's artifact_uri, as the registry reported it with the first listing.
    QString rootUri() const { return m_rootUri; }
    // Lists `directory` again; ignored while it is being listed. The invalid index reloads
    // the whole tree (collapsing it), even while the root is being listed.
    void reload(const QModelIndex &directory);
    // Icons for the Name column; the model has no widgets to take them from.
    void setIcons(const Icons &icons);

    // The state of a directory's listing; the invalid index is the root.
    State state(const QModelIndex &directory) const;
    // Why the listing of `directory` failed (State::Failed).
    std::optional<RegistryError> error(const QModelIndex &directory) const;
    Kind kind(const QModelIndex &index) const;
    // The entry behind a Directory or File row; placeholders have none.
    std::optional<ArtifactFile> file(const QModelIndex &index) const;
    // The row of `path` (in the Name column), if it has been listed.
    QModelIndex indexOfPath(const QString &path) const;

    // Human-readable size, e.g. "12.3 KB" (1 KB = 1024 bytes), and the exact byte count.
    static QString formatSize(qint64 bytes);
    static QString exactSize(qint64 bytes);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const final;
    QModelIndex parent(const QModelIndex &index) const final;
    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    bool hasChildren(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;
    Qt::ItemFlags flags(const QModelIndex &index) const final;
    bool canFetchMore(const QModelIndex &parent) const final;
    void fetchMore(const QModelIndex &parent) final;

signals:
    // A directory's State changed (the invalid index: the root).
    void stateChanged(const QModelIndex &directory);

private:
    struct Node;

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = NameColumn) const;
    void setPlaceholder(Node *directory, Kind kind);
    Node *listingNode(quint64 request, const QString &path) const;
    void showLoading(quint64 request, const QString &path);
    void handleListing(quint64 request, const QString &path, const Result<ArtifactListing> &result);
    void resetRoot();

    QPointer<Registry> m_registry;
    PendingCalls m_pending; // the listings of the run shown
    QString m_runId;
    QString m_rootUri;
    std::unique_ptr<Node> m_root;
    quint64 m_lastRequest = 0;
    Icons m_icons;
};

} // namespace ModelDesk
