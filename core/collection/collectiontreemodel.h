#pragma once

#include "collectionedit.h"
#include "collectionstore.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Gatehouse::Core::Collection {

// The open collections as one tree (collection → folders → requests), for the GUI's sidebar.
// A file that did not load stays in the tree as a problem item saying where and why, so a
// broken request never silently disappears. Built once per load; 1,000 requests are a few
// thousand small nodes.
class CollectionTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Collection,
        Folder,
        Request,
        Problem
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        CollectionRole, // the collection's directory
        FolderRole,     // directories below it ("orders/refunds"): the item's own for a folder
        FileStemRole,   // requests
        MethodRole,     // requests
    };

    explicit CollectionTreeModel(QObject *parent = nullptr);
    ~CollectionTreeModel() override;

    // Loads (or reloads) the collection in directory; an error when it is no collection.
    Result<void> openCollection(const QString &directory);
    Result<void> reload(const QString &directory);
    void closeCollection(const QString &directory);
    QStringList collections() const; // directories, in the order opened
    // What was loaded from directory, or nullptr when it is not open.
    const LoadedCollection *collection(const QString &directory) const;

    Kind kind(const QModelIndex &index) const;
    RequestLocation location(const QModelIndex &index) const; // requests only
    QModelIndex indexFor(const RequestLocation &location) const;
    QModelIndex collectionIndex(const QString &directory) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Drag and drop: requests and folders are dragged, dropped onto a folder or the collection
    // of the same collection. The model does not move anything itself: it asks with
    // moveRequested, and whoever edits the files reloads it.
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    // item: the dragged request or folder; parent: the collection or folder it goes into;
    // row: the position among parent's items (-1: at the end).
    void moveRequested(const QPersistentModelIndex &item, const QPersistentModelIndex &parent, int row);

private:
    struct Node;
    struct Entry;
    Node *nodeAt(const QModelIndex &index) const;
    std::unique_ptr<Node> buildTree(const QString &directory, const LoadedCollection &loaded) const;
    int entryRow(const QString &directory) const;

    std::unique_ptr<Node> m_root;
    std::vector<std::unique_ptr<Entry>> m_entries; // parallel to m_root's children
};

} // namespace Gatehouse::Core::Collection
