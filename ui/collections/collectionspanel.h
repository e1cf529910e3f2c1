#pragma once

#include "collectionlink.h"
#include "core/collection/collectiontreemodel.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTreeView;

namespace Gatehouse::Ui {

class CollectionSettingsDialog;

// The Collections sidebar: open collection folders as a tree, filter it, open a request in a
// request tab, and change the collection (new request or folder, rename, duplicate, delete)
// through Core::Collection's edits, which rewrite only what changed and keep broken files.
class CollectionsPanel : public QWidget, public CollectionLink
{
    Q_OBJECT

public:
    explicit CollectionsPanel(QWidget *parent = nullptr);

    Core::Collection::CollectionTreeModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    QTreeView *treeView() const { return m_tree; }
    QLineEdit *filterField() const { return m_filterField; }
    QLabel *problemLabel() const { return m_problem; }
    // Collection folders opened before, newest first (Core::Settings).
    static QStringList recentCollections();

    // Each reports a refusal in the panel's problem line and returns it.
    Core::Result<void> openCollection(const QString &directory);
    Core::Result<void> newCollection(const QString &directory, const QString &name);
    // Source-model indexes (model()); the folder of a request is its parent.
    Core::Result<Core::Collection::RequestLocation> newRequest(const QModelIndex &at, const QString &name);
    Core::Result<void> newFolder(const QModelIndex &at, const QString &name);
    Core::Result<void> renameItem(const QModelIndex &index, const QString &name);
    Core::Result<void> duplicateItem(const QModelIndex &index);
    Core::Result<void> deleteItem(const QModelIndex &index); // no question; the menu asks first
    // Moves a request or folder into parent (a folder or the collection) at row (-1: last),
    // within one collection; dragging in the tree does this. The order is saved in the folder
    // files, a request moved to another folder gets its file moved.
    Core::Result<void> moveItem(const QModelIndex &item, const QModelIndex &parent, int row);
    // Name, description, variables and auth of the collection of index; opened without
    // blocking, saved through editCollection when the person presses Save.
    CollectionSettingsDialog *showCollectionSettings(const QModelIndex &index);
    // Writes collection into directory (empty, or not there yet) and opens it.
    Core::Result<void> createCollection(const QString &directory, const Core::Collection::Collection &collection);

    // CollectionLink
    std::optional<Core::Collection::RequestLocation>
    saveRequest(const Core::Collection::CollectionRequest &request,
                const std::optional<Core::Collection::RequestLocation> &location, QWidget *parent) override;
    std::optional<Core::Collection::Collection>
    collectionOf(const Core::Collection::RequestLocation &location) const override;

public Q_SLOTS:
    void chooseCollectionToOpen();
    void chooseNewCollection();

Q_SIGNALS:
    // A request to open (double-click or Enter); the request as it is on disk now.
    void requestActivated(const Gatehouse::Core::Collection::RequestLocation &location,
                          const Gatehouse::Core::Collection::CollectionRequest &request);
    // The collection's files changed under these requests (renamed, moved, deleted): open tabs
    // follow their request or forget their origin.
    void collectionChanged(const QString &directory);
    // Emitted before collectionChanged when a move changed where requests live: the request
    // fromStem in fromFolder is now toStem in toFolder; with empty stems, every request below
    // fromFolder is now below toFolder (a folder moved).
    void itemMoved(const QString &directory, const QString &fromFolder, const QString &toFolder,
                   const QString &fromStem, const QString &toStem);

private:
    void showContextMenu(const QPoint &at);
    void activate(const QModelIndex &proxyIndex);
    void showProblem(const QString &text);
    void rememberRecent(const QString &directory);
    Core::Result<Core::Collection::Collection>
    edit(const QString &directory, const std::function<Core::Result<void>(Core::Collection::Collection &)> &change);
    Core::Result<void> report(const Core::Result<void> &result);

    Core::Collection::CollectionTreeModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTreeView *m_tree;
    QLineEdit *m_filterField;
    QLabel *m_problem;
};

} // namespace Gatehouse::Ui
