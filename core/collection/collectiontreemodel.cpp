#include "collectiontreemodel.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMimeData>

#include <functional>

namespace Gatehouse::Core::Collection {

struct CollectionTreeModel::Node
{
    Kind kind = Kind::Collection;
    QString name;
    QString detail; // a problem's text; a request's URL
    QString method;
    QString collection;
    QString folder;
    QString fileStem;
    int extra = 0; // a problem item's further mistakes in the same file
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

struct CollectionTreeModel::Entry
{
    QString directory;
    LoadedCollection loaded;
};

namespace {

QString cleanDirectory(const QString &directory)
{
    return QDir::cleanPath(QDir(directory).absolutePath());
}

} // namespace

CollectionTreeModel::CollectionTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

CollectionTreeModel::~CollectionTreeModel() = default;

std::unique_ptr<CollectionTreeModel::Node>
CollectionTreeModel::buildTree(const QString &directory, const LoadedCollection &loaded) const
{
    auto top = std::make_unique<Node>();
    top->kind = Kind::Collection;
    top->name = loaded.collection.name.isEmpty() ? QFileInfo(directory).fileName()
                                                 : loaded.collection.name;
    top->detail = directory;
    top->collection = directory;
    QHash<QString, Node *> folders; // directories → node, for placing problems
    folders.insert(QString(), top.get());
    const std::function<void(Node *, const CollectionFolder &, const QString &)> addItems =
        [&](Node *parent, const CollectionFolder &folder, const QString &path) {
            for (const CollectionItem &item : folder.items) {
                auto node = std::make_unique<Node>();
                node->collection = directory;
                if (item.kind == CollectionItem::Kind::Request) {
                    node->kind = Kind::Request;
                    node->name = item.request.name;
                    node->method = item.request.spec.method;
                    node->detail = item.request.spec.url;
                    node->folder = path;
                    node->fileStem = item.request.fileStem;
                    parent->add(std::move(node));
                    continue;
                }
                node->kind = Kind::Folder;
                node->name = item.folder.name;
                node->folder = path.isEmpty() ? item.folder.directory
                                              : path + QLatin1Char('/') + item.folder.directory;
                Node *added = parent->add(std::move(node));
                folders.insert(added->folder, added);
                addItems(added, item.folder, added->folder);
            }
        };
    addItems(top.get(), loaded.collection.root, QString());
    // One item per file, showing its first mistake; the tooltip lists them all.
    const QDir root(directory);
    QHash<QString, Node *> problemNodes;
    for (const LoadProblem &problem : loaded.problems) {
        const QString relative = root.relativeFilePath(problem.file);
        const QString text = problem.line > 0 ? QStringLiteral("%1:%2: %3").arg(problem.line).arg(problem.column).arg(problem.reason)
                                              : problem.reason;
        if (Node *existing = problemNodes.value(relative)) {
            existing->detail += QLatin1Char('\n') + text;
            ++existing->extra;
            continue;
        }
        QString folder = QFileInfo(relative).path();
        if (folder == QLatin1String("."))
            folder.clear();
        Node *parent = folders.value(folder, top.get());
        auto node = std::make_unique<Node>();
        node->kind = Kind::Problem;
        node->collection = directory;
        node->folder = folder;
        node->name = QFileInfo(relative).fileName();
        node->detail = text;
        problemNodes.insert(relative, parent->add(std::move(node)));
    }
    return top;
}

Result<void> CollectionTreeModel::openCollection(const QString &directory)
{
    const QString dir = cleanDirectory(directory);
    if (entryRow(dir) >= 0)
        return reload(dir);
    Result<LoadedCollection> loaded = loadCollection(dir);
    if (!loaded)
        return loaded.error();
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    auto entry = std::make_unique<Entry>();
    entry->directory = dir;
    entry->loaded = std::move(*loaded);
    m_root->add(buildTree(dir, entry->loaded));
    m_entries.push_back(std::move(entry));
    endInsertRows();
    return {};
}

Result<void> CollectionTreeModel::reload(const QString &directory)
{
    const QString dir = cleanDirectory(directory);
    const int row = entryRow(dir);
    if (row < 0)
        return openCollection(dir);
    Result<LoadedCollection> loaded = loadCollection(dir);
    if (!loaded) {
        closeCollection(dir);
        return loaded.error();
    }
    // The collection's rows are replaced as a whole: edits can move anything in it.
    const QModelIndex top = index(row, 0);
    Node *node = m_root->children[size_t(row)].get();
    if (!node->children.empty()) {
        beginRemoveRows(top, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    m_entries[size_t(row)]->loaded = std::move(*loaded);
    std::unique_ptr<Node> fresh = buildTree(dir, m_entries[size_t(row)]->loaded);
    node->name = fresh->name;
    if (!fresh->children.empty()) {
        beginInsertRows(top, 0, int(fresh->children.size()) - 1);
        for (std::unique_ptr<Node> &child : fresh->children)
            node->add(std::move(child));
        endInsertRows();
    }
    Q_EMIT dataChanged(top, top);
    return {};
}

void CollectionTreeModel::closeCollection(const QString &directory)
{
    const int row = entryRow(cleanDirectory(directory));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_root->children.erase(m_root->children.begin() + row);
    m_entries.erase(m_entries.begin() + row);
    for (size_t i = 0; i < m_root->children.size(); ++i)
        m_root->children[i]->row = int(i);
    endRemoveRows();
}

QStringList CollectionTreeModel::collections() const
{
    QStringList directories;
    for (const auto &entry : m_entries)
        directories.append(entry->directory);
    return directories;
}

const LoadedCollection *CollectionTreeModel::collection(const QString &directory) const
{
    const int row = entryRow(cleanDirectory(directory));
    return row < 0 ? nullptr : &m_entries[size_t(row)]->loaded;
}

int CollectionTreeModel::entryRow(const QString &directory) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i]->directory == directory)
            return int(i);
    }
    return -1;
}

CollectionTreeModel::Node *CollectionTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

CollectionTreeModel::Kind CollectionTreeModel::kind(const QModelIndex &index) const
{
    return nodeAt(index)->kind;
}

RequestLocation CollectionTreeModel::location(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!index.isValid() || node->kind != Kind::Request)
        return {};
    return {node->collection, node->folder, node->fileStem};
}

QModelIndex CollectionTreeModel::collectionIndex(const QString &directory) const
{
    const int row = entryRow(cleanDirectory(directory));
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex CollectionTreeModel::indexFor(const RequestLocation &location) const
{
    const int row = entryRow(location.collection);
    if (row < 0)
        return {};
    const std::function<const Node *(const Node *)> find = [&](const Node *node) -> const Node * {
        for (const auto &child : node->children) {
            if (child->kind == Kind::Request && child->folder == location.folder &&
                child->fileStem == location.fileStem)
                return child.get();
            if (child->kind == Kind::Folder)
                if (const Node *found = find(child.get()))
                    return found;
        }
        return nullptr;
    };
    const Node *found = find(m_root->children[size_t(row)].get());
    return found ? createIndex(found->row, 0, const_cast<Node *>(found)) : QModelIndex();
}

QModelIndex CollectionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeAt(parent);
    if (column != 0 || row < 0 || row >= int(node->children.size()))
        return {};
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex CollectionTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *parent = nodeAt(child)->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row, 0, const_cast<Node *>(parent));
}

int CollectionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int CollectionTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant CollectionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (node->kind) {
        case Kind::Request:
            return QStringLiteral("%1  %2").arg(node->method, node->name);
        case Kind::Problem: {
            QString text = QStringLiteral("%1 \u2014 %2").arg(node->name, node->detail.section(QLatin1Char('\n'), 0, 0));
            if (node->extra > 0)
                text += QStringLiteral(" (+%1)").arg(node->extra);
            return text;
        }
        case Kind::Collection:
        case Kind::Folder:
            return node->name;
        }
        return {};
    case Qt::ToolTipRole:
        return node->detail;
    case KindRole:
        return int(node->kind);
    case CollectionRole:
        return node->collection;
    case FolderRole:
        return node->folder;
    case FileStemRole:
        return node->fileStem;
    case MethodRole:
        return node->method;
    default:
        return {};
    }
}

namespace {

const QString MoveMimeType = QStringLiteral("application/x-gatehouse-collection-item");

} // namespace

Qt::ItemFlags CollectionTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (nodeAt(index)->kind) {
    case Kind::Collection:
        return flags | Qt::ItemIsDropEnabled;
    case Kind::Folder:
        return flags | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    case Kind::Request:
        return flags | Qt::ItemIsDragEnabled;
    case Kind::Problem:
        return flags;
    }
    return flags;
}

Qt::DropActions CollectionTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList CollectionTreeModel::mimeTypes() const
{
    return {MoveMimeType};
}

// The dragged item as the path of rows from the top, which the drop turns back into an index.
QMimeData *CollectionTreeModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.size() != 1 || !indexes.first().isValid())
        return nullptr;
    QStringList rows;
    for (QModelIndex at = indexes.first(); at.isValid(); at = at.parent())
        rows.prepend(QString::number(at.row()));
    auto *data = new QMimeData;
    data->setData(MoveMimeType, rows.join(QLatin1Char('/')).toLatin1());
    return data;
}

bool CollectionTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                          const QModelIndex &parent) const
{
    if (action != Qt::MoveAction || !data->hasFormat(MoveMimeType) || !parent.isValid())
        return false;
    const Kind kind = nodeAt(parent)->kind;
    return kind == Kind::Collection || kind == Kind::Folder;
}

bool CollectionTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                       const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    QModelIndex item;
    for (const QByteArray &part : data->data(MoveMimeType).split('/'))
        item = index(part.toInt(), 0, item);
    if (!item.isValid())
        return false;
    Q_EMIT moveRequested(QPersistentModelIndex(item), QPersistentModelIndex(parent), row);
    return false; // nothing for the view to remove: the files move, and the model is reloaded
}

} // namespace Gatehouse::Core::Collection
