#include "models/artifacttreemodel.h"

#include "models/roles.h"
#include "registry/whenfinished.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>

namespace ModelDesk {

// One row of the tree: a directory or file of the run, or a placeholder row (Loading, Error,
// Empty) standing in for a directory's contents. The root is a Directory without a row.
struct ArtifactTreeModel::Node
{
    Kind kind = Kind::Directory;
    ArtifactFile file; // Directory and File rows; the root's path is empty
    QString name;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    State state = State::NotListed; // directories only
    quint64 request = 0; // the listing in flight while State::Listing
    std::optional<RegistryError> error; // State::Failed, and on the Error row
};

ArtifactTreeModel::ArtifactTreeModel(Registry *registry, QObject *parent)
    : QAbstractItemModel(parent)
    , m_registry(registry)
    , m_root(std::make_unique<Node>())
{
    m_root->state = State::Listed; // no run: nothing to list
}

ArtifactTreeModel::~ArtifactTreeModel() = default;

void ArtifactTreeModel::setRunId(const QString &runId)
{
    m_runId = runId;
    resetRoot();
}

void ArtifactTreeModel::resetRoot()
{
    beginResetModel();
    m_pending.cancelAll(); // their answers would be for rows that are gone
    m_root = std::make_unique<Node>();
    m_root->state = m_runId.isEmpty() ? State::Listed : State::NotListed;
    m_rootUri.clear();
    endResetModel();
    emit stateChanged({});
}

void ArtifactTreeModel::reload(const QModelIndex &directory)
{
    Node *node = nodeOf(directory);
    if (!node || node->kind != Kind::Directory)
        return;
    if (node == m_root.get()) {
        // The whole tree, even while the root is being listed: a stuck listing is one
        // reason to ask again.
        resetRoot();
        fetchMore({});
        return;
    }
    if (node->state == State::Listing)
        return;
    const QModelIndex index = indexOf(node);
    if (!node->children.empty()) {
        // Listings pending below are not cancelled here, but their answers find no row.
        beginRemoveRows(index, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    node->state = State::NotListed;
    node->error.reset();
    fetchMore(index);
}

void ArtifactTreeModel::setIcons(const Icons &icons)
{
    m_icons = icons;
    if (!m_root->children.empty())
        emit dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn),
                         {Qt::DecorationRole});
    // Rows below the top level are painted with the new icons as they are next drawn.
}

ArtifactTreeModel::State ArtifactTreeModel::state(const QModelIndex &directory) const
{
    const Node *node = nodeOf(directory);
    return node ? node->state : State::NotListed;
}

std::optional<RegistryError> ArtifactTreeModel::error(const QModelIndex &directory) const
{
    const Node *node = nodeOf(directory);
    return node ? node->error : std::nullopt;
}

ArtifactTreeModel::Kind ArtifactTreeModel::kind(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->kind : Kind::Directory;
}

std::optional<ArtifactFile> ArtifactTreeModel::file(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!index.isValid() || !node || (node->kind != Kind::Directory && node->kind != Kind::File)) {
        return std::nullopt;
    }
    return node->file;
}

QModelIndex ArtifactTreeModel::indexOfPath(const QString &path) const
{
    const Node *node = m_root.get();
    while (node) {
        const Node *next = nullptr;
        for (const auto &child : node->children) {
            if (child->kind != Kind::Directory && child->kind != Kind::File)
                continue;
            if (child->file.path == path)
                return indexOf(child.get());
            if (child->kind == Kind::Directory
                && path.startsWith(child->file.path + QLatin1Char('/'))) {
                next = child.get();
                break;
            }
        }
        node = next;
    }
    return {};
}

QString ArtifactTreeModel::formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return exactSize(bytes);
    // Units of 1024 named KB, MB… as file managers show them (QLocale says "kB").
    const std::array<QString, 6> units {tr("%1 KB"), tr("%1 MB"), tr("%1 GB"),
                                        tr("%1 TB"), tr("%1 PB"), tr("%1 EB")};
    double value = double(bytes) / 1024;
    size_t unit = 0;
    // Step up once the rounded value would read 1024.0 or more.
    while (unit + 1 < units.size() && std::round(value * 10) >= 1024 * 10) {
        value /= 1024;
        ++unit;
    }
    return units.at(unit).arg(QLocale().toString(value, 'f', 1));
}

QString ArtifactTreeModel::exactSize(qint64 bytes)
{
    return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(QLocale().toString(bytes));
}

QModelIndex ArtifactTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *node = nodeOf(parent);
    return createIndex(row, column, node->children.at(size_t(row)).get());
}

QModelIndex ArtifactTreeModel::parent(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    return indexOf(nodeOf(index)->parent);
}

int ArtifactTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ArtifactTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool ArtifactTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    if (node->kind != Kind::Directory)
        return false;
    // An unlisted directory shows its expander: expanding it is what lists it. One being
    // listed keeps it while its "Loading…" row is on its way.
    if (node->state == State::NotListed)
        return !m_runId.isEmpty();
    return node->state == State::Listing || !node->children.empty();
}

QVariant ArtifactTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index));
    const Node *node = nodeOf(index);
    const int column = index.column();
    const bool entry = node->kind == Kind::Directory || node->kind == Kind::File;

    switch (role) {
    case KindRole:
        return int(node->kind);
    case PathRole:
    case RawValueRole:
        // A placeholder stands for its directory: an Error row's path is the one to retry.
        return entry ? node->file.path : node->parent->file.path;
    case SizeRole:
        return node->file.fileSize ? QVariant(*node->file.fileSize) : QVariant();
    case SortRole:
        if (column == SizeColumn)
            return node->file.fileSize ? QVariant(*node->file.fileSize) : QVariant(qint64(-1));
        return node->name;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignVCenter | (column == SizeColumn ? Qt::AlignRight : Qt::AlignLeft));
    default:
        break;
    }

    if (!entry) {
        if (column != NameColumn)
            return {};
        switch (role) {
        case Qt::DisplayRole:
            if (node->kind == Kind::Loading)
                return tr("Loading…");
            if (node->kind == Kind::Empty)
                return tr("Empty folder");
            return node->error ? node->error->message() : tr("Could not list this folder.");
        case Qt::ToolTipRole:
            if (node->kind == Kind::Loading)
                return tr("Asking the registry for the contents of this folder");
            if (node->kind == Kind::Empty)
                return tr("This folder has no files");
            if (node->error && !node->error->detail().isEmpty())
                return tr("%1\n\n%2").arg(node->error->message(), node->error->detail());
            return node->error ? node->error->message() : QString();
        case Qt::DecorationRole:
            return node->kind == Kind::Error ? QVariant(m_icons.error) : QVariant();
        case Qt::FontRole:
            if (node->kind != Kind::Error) {
                QFont font;
                font.setItalic(true);
                return font;
            }
            return {};
        case Qt::ForegroundRole:
            if (node->kind != Kind::Error)
                return QGuiApplication::palette().brush(QPalette::PlaceholderText);
            return {};
        default:
            return {};
        }
    }

    const bool isFile = node->kind == Kind::File;
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return node->name;
        return isFile && node->file.fileSize ? formatSize(*node->file.fileSize) : QString();
    case Qt::ToolTipRole:
        if (!isFile)
            return column == NameColumn ? tr("%1\nFolder").arg(node->file.path) : QVariant();
        if (!node->file.fileSize)
            return node->file.path;
        if (column == SizeColumn)
            return exactSize(*node->file.fileSize);
        return tr("%1\n%2 (%3)")
            .arg(node->file.path, formatSize(*node->file.fileSize),
                 exactSize(*node->file.fileSize));
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        return isFile ? m_icons.file : m_icons.directory;
    default:
        return {};
    }
}

QVariant ArtifactTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (role) {
    case Qt::DisplayRole:
        return section == NameColumn ? tr("Name") : tr("Size");
    case Qt::ToolTipRole:
        return section == NameColumn
            ? tr("File or folder name")
            : tr("File size (1 KB = 1024 bytes); hover a size for the exact number of bytes");
    case Qt::TextAlignmentRole:
        return int(Qt::AlignVCenter | (section == SizeColumn ? Qt::AlignRight : Qt::AlignLeft));
    default:
        return {};
    }
}

Qt::ItemFlags ArtifactTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index));
    switch (nodeOf(index)->kind) {
    case Kind::Directory:
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    case Kind::File:
    case Kind::Error: // selectable, so that the keyboard can reach it to retry
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    case Kind::Loading:
    case Kind::Empty:
        break;
    }
    return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

bool ArtifactTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0 || m_runId.isEmpty())
        return false;
    const Node *node = nodeOf(parent);
    return node->kind == Kind::Directory && node->state == State::NotListed;
}

void ArtifactTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeOf(parent);
    const quint64 request = ++m_lastRequest;
    const QString path = node->file.path;
    node->state = State::Listing;
    node->request = request;
    // Rows change only from the event loop, never inside fetchMore(): callers (views,
    // QAbstractItemModelTester) call it while handling another change of this model. The
    // placeholder is posted before any answer can be, so it always comes first.
    QMetaObject::invokeMethod(
        this, [this, request, path] { showLoading(request, path); }, Qt::QueuedConnection);
    emit stateChanged(parent);

    const QFuture<Result<ArtifactListing>> listing = m_registry
        ? m_pending.track(m_registry->listArtifacts(m_runId, path))
        : QtFuture::makeReadyFuture(Result<ArtifactListing>(
            RegistryError(ErrorCode::InvalidState, tr("The registry is closed."))));
    whenFinished(listing, this,
                 [model = QPointer<ArtifactTreeModel>(this), request,
                  path](const Result<ArtifactListing> &result) {
                     if (model)
                         model->handleListing(request, path, result);
                 });
}

ArtifactTreeModel::Node *ArtifactTreeModel::listingNode(quint64 request, const QString &path) const
{
    // Looked up by path: the directory may have been reloaded or the run changed since.
    Node *node = path.isEmpty() ? m_root.get() : nodeOf(indexOfPath(path));
    if (!node || node->kind != Kind::Directory || node->state != State::Listing
        || node->request != request) {
        return nullptr;
    }
    return node;
}

void ArtifactTreeModel::showLoading(quint64 request, const QString &path)
{
    Node *node = listingNode(request, path);
    if (node && node->children.empty())
        setPlaceholder(node, Kind::Loading);
}

void ArtifactTreeModel::handleListing(quint64 request,
                                      const QString &path,
                                      const Result<ArtifactListing> &result)
{
    Node *node = listingNode(request, path);
    if (!node)
        return;
    const QModelIndex parent = indexOf(node);
    if (!node->children.empty()) {
        beginRemoveRows(parent, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }

    if (!result) {
        node->state = State::Failed;
        node->error = result.error();
        setPlaceholder(node, Kind::Error);
        emit stateChanged(parent);
        return;
    }

    if (node == m_root.get())
        m_rootUri = result->rootUri;
    std::vector<std::unique_ptr<Node>> children;
    for (const ArtifactFile &file : result->files) {
        const QString name = file.path.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty);
        if (name.isEmpty())
            continue;
        auto child = std::make_unique<Node>();
        child->kind = file.isDir ? Kind::Directory : Kind::File;
        child->file = file;
        // Run-relative, whatever form the server used (some answer with base names only).
        child->file.path = path.isEmpty() ? name : path + QLatin1Char('/') + name;
        if (child->file.path == path)
            continue; // a server listing the directory itself would recurse forever
        if (file.isDir)
            child->file.fileSize.reset();
        child->name = name;
        child->parent = node;
        children.push_back(std::move(child));
    }
    // Directories first; within each group the registry's order (by name) is kept.
    std::stable_partition(children.begin(), children.end(),
                          [](const auto &child) { return child->kind == Kind::Directory; });
    for (size_t row = 0; row < children.size(); ++row)
        children[row]->row = int(row);

    node->state = State::Listed;
    node->error.reset();
    if (children.empty()) {
        // The root's emptiness is the view's empty state; a sub-folder says so in place.
        if (node != m_root.get())
            setPlaceholder(node, Kind::Empty);
    } else {
        beginInsertRows(parent, 0, int(children.size()) - 1);
        node->children = std::move(children);
        endInsertRows();
    }
    emit stateChanged(parent);
}

void ArtifactTreeModel::setPlaceholder(Node *directory, Kind kind)
{
    auto placeholder = std::make_unique<Node>();
    placeholder->kind = kind;
    placeholder->parent = directory;
    placeholder->error = directory->error;
    beginInsertRows(indexOf(directory), 0, 0);
    directory->children.push_back(std::move(placeholder));
    endInsertRows();
}

ArtifactTreeModel::Node *ArtifactTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ArtifactTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

} // namespace ModelDesk
