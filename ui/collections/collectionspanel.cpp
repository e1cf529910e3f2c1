#include "collectionspanel.h"

#include "collectionsettingsdialog.h"

#include "core/collection/collectionformat.h"
#include "core/settings.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using namespace Core::Collection;
using Kind = CollectionTreeModel::Kind;

namespace {

constexpr int MaximumRecent = 10;

Core::Result<void> fail(const QString &message)
{
    return Core::makeError(Core::ErrorCode::InvalidArgument, message);
}

// Every folder below folder as "Orders / Refunds" with its directories ("orders/refunds").
void listFolders(const CollectionFolder &folder, const QString &label, const QString &path,
                 QList<QPair<QString, QString>> &out)
{
    for (const CollectionItem &item : folder.items) {
        if (item.kind != CollectionItem::Kind::Folder)
            continue;
        const QString itemLabel = label.isEmpty() ? item.folder.name : label + QStringLiteral(" / ") + item.folder.name;
        const QString itemPath = path.isEmpty() ? item.folder.directory : path + QLatin1Char('/') + item.folder.directory;
        out.append({itemLabel, itemPath});
        listFolders(item.folder, itemLabel, itemPath, out);
    }
}

// The items list that holds the item at index (its folder's), and its position there.
std::vector<CollectionItem> *siblingsOf(Collection &collection, const CollectionTreeModel &model,
                                        const QModelIndex &index, qsizetype &position)
{
    const Kind kind = model.kind(index);
    const QString folderPath = index.data(CollectionTreeModel::FolderRole).toString();
    QString parentPath = folderPath;
    if (kind == Kind::Folder)
        parentPath = folderPath.contains(QLatin1Char('/')) ? folderPath.section(QLatin1Char('/'), 0, -2) : QString();
    CollectionFolder *parent = folderAt(collection.root, parentPath);
    if (!parent)
        return nullptr;
    const QString own = kind == Kind::Folder ? folderPath.section(QLatin1Char('/'), -1)
                                             : index.data(CollectionTreeModel::FileStemRole).toString();
    for (size_t i = 0; i < parent->items.size(); ++i) {
        const CollectionItem &item = parent->items[i];
        const bool match = kind == Kind::Folder ? item.kind == CollectionItem::Kind::Folder && item.folder.directory == own
                                                : item.kind == CollectionItem::Kind::Request && item.request.fileStem == own;
        if (match) {
            position = qsizetype(i);
            return &parent->items;
        }
    }
    return nullptr;
}

// The folder new items go into: a folder itself, a request's folder, or the collection's top.
QString targetFolder(const CollectionTreeModel &model, const QModelIndex &at)
{
    if (!at.isValid())
        return {};
    return model.kind(at) == Kind::Collection ? QString() : at.data(CollectionTreeModel::FolderRole).toString();
}

Core::Result<void> done(const Core::Result<Collection> &edited)
{
    return edited ? Core::Result<void>() : Core::Result<void>(edited.error());
}

} // namespace

CollectionsPanel::CollectionsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new CollectionTreeModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_tree(new QTreeView(this))
    , m_filterField(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setRecursiveFilteringEnabled(true); // a match keeps its folders in view
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filterField->setObjectName(QStringLiteral("collectionFilter"));
    m_filterField->setPlaceholderText(tr("Filter requests by name or method"));
    m_filterField->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("collectionTree"));
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true); // keeps a 1,000-request tree quick to lay out
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_problem->setObjectName(QStringLiteral("collectionProblem"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    setMinimumSize(160, 120); // the dock must not force the window larger than the person chose

    auto *open = new QToolButton(this);
    open->setText(tr("Open\u2026"));
    open->setToolTip(tr("Open a collection folder"));
    open->setPopupMode(QToolButton::MenuButtonPopup);
    auto *recent = new QMenu(open);
    open->setMenu(recent);
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString &directory : recentCollections())
            recent->addAction(QDir::toNativeSeparators(directory), this, [this, directory] { openCollection(directory); });
        if (recent->isEmpty())
            recent->addAction(tr("No recent collections"))->setEnabled(false);
    });
    auto *create = new QToolButton(this);
    create->setText(tr("New\u2026"));
    create->setToolTip(tr("Start a collection in an empty folder"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(create);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_filterField);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_problem);

    connect(open, &QToolButton::clicked, this, &CollectionsPanel::chooseCollectionToOpen);
    connect(create, &QToolButton::clicked, this, &CollectionsPanel::chooseNewCollection);
    connect(m_filterField, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filterField, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    // Queued: the drop is still being handled by the view when the model asks.
    connect(m_model, &CollectionTreeModel::moveRequested, this,
            [this](const QPersistentModelIndex &item, const QPersistentModelIndex &parent, int row) {
                if (item.isValid() && parent.isValid())
                    moveItem(item, parent, row);
            },
            Qt::QueuedConnection);
    // activated covers double-click and Enter.
    connect(m_tree, &QTreeView::activated, this, &CollectionsPanel::activate);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &CollectionsPanel::showContextMenu);
}

QStringList CollectionsPanel::recentCollections()
{
    // A folder deleted or moved since (or a benchmark's temporary one) is not offered.
    QStringList existing;
    for (const QString &directory : Core::Settings().value(Core::SettingsKeys::RecentCollections)) {
        if (QFileInfo::exists(directory + QLatin1Char('/') + CollectionFileName))
            existing.append(directory);
    }
    return existing;
}

void CollectionsPanel::rememberRecent(const QString &directory)
{
    QStringList recent = recentCollections();
    recent.removeAll(directory);
    recent.prepend(directory);
    while (recent.size() > MaximumRecent)
        recent.removeLast();
    Core::Settings().setValue(Core::SettingsKeys::RecentCollections, recent);
}

void CollectionsPanel::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

Core::Result<void> CollectionsPanel::report(const Core::Result<void> &result)
{
    showProblem(result ? QString() : result.error().message);
    return result;
}

Core::Result<void> CollectionsPanel::openCollection(const QString &directory)
{
    const QString clean = QDir::cleanPath(QDir(directory).absolutePath());
    const Core::Result<void> opened = m_model->openCollection(clean);
    if (!opened)
        return report(opened);
    rememberRecent(clean);
    const QModelIndex top = m_filter->mapFromSource(m_model->collectionIndex(clean));
    m_tree->expand(top);
    const LoadedCollection *loaded = m_model->collection(clean);
    showProblem(loaded && !loaded->problems.isEmpty()
                    ? tr("%n file(s) of this collection could not be read; they are listed in the tree with the reason.",
                         nullptr, int(loaded->problems.size()))
                    : QString());
    return {};
}

void CollectionsPanel::chooseCollectionToOpen()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Open Collection"));
    if (!directory.isEmpty())
        openCollection(directory);
}

void CollectionsPanel::chooseNewCollection()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("New Collection: choose an empty folder"));
    if (directory.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Collection"), tr("Name:"), QLineEdit::Normal,
                                               QFileInfo(directory).fileName(), &ok);
    if (ok)
        newCollection(directory, name);
}

Core::Result<void> CollectionsPanel::newCollection(const QString &directory, const QString &name)
{
    Collection collection;
    collection.name = name.trimmed().isEmpty() ? QFileInfo(directory).fileName() : name.trimmed();
    return createCollection(directory, collection);
}

Core::Result<void> CollectionsPanel::createCollection(const QString &directory, const Collection &collection)
{
    const Core::Result<Collection> created = Core::Collection::createCollection(directory, collection);
    if (!created)
        return report(created.error());
    return openCollection(directory);
}

Core::Result<Collection> CollectionsPanel::edit(const QString &directory,
                                                const std::function<Core::Result<void>(Collection &)> &change)
{
    const Core::Result<Collection> edited = editCollection(directory, change);
    if (!edited) {
        showProblem(edited.error().message);
        return edited;
    }
    report(m_model->reload(directory));
    m_tree->expand(m_filter->mapFromSource(m_model->collectionIndex(directory)));
    Q_EMIT collectionChanged(directory);
    return edited;
}

Core::Result<RequestLocation> CollectionsPanel::newRequest(const QModelIndex &at, const QString &name)
{
    const QString directory = at.data(CollectionTreeModel::CollectionRole).toString();
    const QString folder = targetFolder(*m_model, at);
    if (directory.isEmpty())
        return fail(tr("Choose a collection or a folder for the new request.")).error();
    qsizetype added = -1;
    const Core::Result<Collection> edited = edit(directory, [&](Collection &collection) -> Core::Result<void> {
        CollectionFolder *target = folderAt(collection.root, folder);
        if (!target)
            return fail(tr("The folder is no longer there; the collection was changed on disk."));
        CollectionItem item;
        item.request.name = name.trimmed().isEmpty() ? tr("New request") : name.trimmed();
        target->items.push_back(item);
        added = qsizetype(target->items.size()) - 1;
        return {};
    });
    if (!edited)
        return edited.error();
    Collection saved = *edited;
    const CollectionFolder *target = folderAt(saved.root, folder);
    return RequestLocation{QDir::cleanPath(directory), folder, target->items[size_t(added)].request.fileStem};
}

Core::Result<void> CollectionsPanel::newFolder(const QModelIndex &at, const QString &name)
{
    const QString directory = at.data(CollectionTreeModel::CollectionRole).toString();
    const QString folder = targetFolder(*m_model, at);
    if (directory.isEmpty())
        return report(fail(tr("Choose a collection or a folder for the new folder.")));
    return done(edit(directory, [&](Collection &collection) -> Core::Result<void> {
               CollectionFolder *target = folderAt(collection.root, folder);
               if (!target)
                   return fail(tr("The folder is no longer there; the collection was changed on disk."));
               CollectionItem item;
               item.kind = CollectionItem::Kind::Folder;
               item.folder.name = name.trimmed().isEmpty() ? tr("New folder") : name.trimmed();
               target->items.push_back(item);
               return {};
           }));
}

Core::Result<void> CollectionsPanel::renameItem(const QModelIndex &index, const QString &name)
{
    const QString directory = index.data(CollectionTreeModel::CollectionRole).toString();
    if (name.trimmed().isEmpty())
        return report(fail(tr("A name cannot be empty.")));
    if (m_model->kind(index) == Kind::Collection) {
        return done(edit(directory, [&](Collection &collection) -> Core::Result<void> {
                   collection.name = name.trimmed();
                   return {};
               }));
    }
    return done(edit(directory, [&](Collection &collection) -> Core::Result<void> {
               qsizetype position = -1;
               std::vector<CollectionItem> *items = siblingsOf(collection, *m_model, index, position);
               if (!items)
                   return fail(tr("The item is no longer there; the collection was changed on disk."));
               CollectionItem &item = (*items)[size_t(position)];
               // The file keeps its name, so history in git follows the request.
               (item.kind == CollectionItem::Kind::Folder ? item.folder.name : item.request.name) = name.trimmed();
               return {};
           }));
}

Core::Result<void> CollectionsPanel::duplicateItem(const QModelIndex &index)
{
    const QString directory = index.data(CollectionTreeModel::CollectionRole).toString();
    return done(edit(directory, [&](Collection &collection) -> Core::Result<void> {
               qsizetype position = -1;
               std::vector<CollectionItem> *items = siblingsOf(collection, *m_model, index, position);
               if (!items)
                   return fail(tr("Only requests and folders can be duplicated."));
               CollectionItem copy = (*items)[size_t(position)];
               // Empty file names make the save give the copy (and all below it) new ones.
               const std::function<void(CollectionFolder &)> clearNames = [&](CollectionFolder &folder) {
                   for (CollectionItem &item : folder.items) {
                       item.request.fileStem.clear();
                       item.folder.directory.clear();
                       clearNames(item.folder);
                   }
               };
               if (copy.kind == CollectionItem::Kind::Request) {
                   copy.request.fileStem.clear();
                   copy.request.name = tr("%1 (copy)").arg(copy.request.name);
               } else {
                   copy.folder.directory.clear();
                   copy.folder.name = tr("%1 (copy)").arg(copy.folder.name);
                   clearNames(copy.folder);
               }
               items->insert(items->begin() + position + 1, copy);
               return {};
           }));
}

Core::Result<void> CollectionsPanel::deleteItem(const QModelIndex &index)
{
    const QString directory = index.data(CollectionTreeModel::CollectionRole).toString();
    return done(edit(directory, [&](Collection &collection) -> Core::Result<void> {
               qsizetype position = -1;
               std::vector<CollectionItem> *items = siblingsOf(collection, *m_model, index, position);
               if (!items)
                   return fail(tr("Only requests and folders can be deleted here."));
               items->erase(items->begin() + position);
               return {};
           }));
}

Core::Result<void> CollectionsPanel::moveItem(const QModelIndex &item, const QModelIndex &parent, int row)
{
    const QString directory = item.data(CollectionTreeModel::CollectionRole).toString();
    const Kind kind = m_model->kind(item);
    if (kind != Kind::Request && kind != Kind::Folder)
        return report(fail(tr("Only requests and folders can be moved.")));
    if (parent.data(CollectionTreeModel::CollectionRole).toString() != directory)
        return report(fail(tr("Requests and folders move within their own collection only.")));
    const QString targetPath =
        m_model->kind(parent) == Kind::Collection ? QString() : parent.data(CollectionTreeModel::FolderRole).toString();
    const QString fromFolder = item.data(CollectionTreeModel::FolderRole).toString();
    const QString fromStem = item.data(CollectionTreeModel::FileStemRole).toString();
    if (kind == Kind::Folder && (targetPath == fromFolder || targetPath.startsWith(fromFolder + QLatin1Char('/'))))
        return report(fail(tr("A folder cannot be moved into itself.")));
    qsizetype placed = -1;
    const Core::Result<Collection> edited = editCollection(directory, [&](Collection &collection) -> Core::Result<void> {
        qsizetype position = -1;
        std::vector<CollectionItem> *items = siblingsOf(collection, *m_model, item, position);
        CollectionFolder *target = folderAt(collection.root, targetPath);
        if (!items || !target)
            return fail(tr("The item is no longer there; the collection was changed on disk."));
        const CollectionItem moving = (*items)[size_t(position)];
        const bool sameFolder = &target->items == items;
        items->erase(items->begin() + position);
        target = folderAt(collection.root, targetPath); // the erase may have moved it
        qsizetype at = row < 0 || row > qsizetype(target->items.size()) ? qsizetype(target->items.size()) : row;
        if (sameFolder && row > position)
            --at;
        target->items.insert(target->items.begin() + at, moving);
        placed = at;
        return {};
    });
    if (!edited)
        return report(edited.error());
    Collection saved = *edited;
    const CollectionItem &moved = folderAt(saved.root, targetPath)->items[size_t(placed)];
    const auto join = [](const QString &path, const QString &name) {
        return path.isEmpty() ? name : path + QLatin1Char('/') + name;
    };
    report(m_model->reload(directory));
    if (kind == Kind::Request)
        Q_EMIT itemMoved(directory, fromFolder, targetPath, fromStem, moved.request.fileStem);
    else
        Q_EMIT itemMoved(directory, fromFolder, join(targetPath, moved.folder.directory), QString(), QString());
    Q_EMIT collectionChanged(directory);
    return {};
}

CollectionSettingsDialog *CollectionsPanel::showCollectionSettings(const QModelIndex &index)
{
    const QString directory = index.data(CollectionTreeModel::CollectionRole).toString();
    if (const Core::Result<void> reloaded = report(m_model->reload(directory)); !reloaded)
        return nullptr;
    const LoadedCollection *loaded = m_model->collection(directory);
    if (!loaded)
        return nullptr;
    auto *dialog = new CollectionSettingsDialog(loaded->collection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CollectionSettingsDialog::saveRequested, this, [this, dialog, directory] {
        const Collection wanted = dialog->edited();
        const Core::Result<Collection> saved = edit(directory, [&wanted](Collection &collection) -> Core::Result<void> {
            // Only the collection's own fields: its items are as they are on disk now.
            collection.name = wanted.name;
            collection.description = wanted.description;
            collection.variables = wanted.variables;
            collection.auth = wanted.auth;
            return {};
        });
        if (saved)
            dialog->accept();
        else
            dialog->showProblem(tr("Not saved: %1").arg(saved.error().message));
    });
    dialog->open();
    return dialog;
}

void CollectionsPanel::activate(const QModelIndex &proxyIndex)
{
    const QModelIndex index = m_filter->mapToSource(proxyIndex);
    if (m_model->kind(index) != Kind::Request)
        return;
    const RequestLocation location = m_model->location(index);
    // Read again: the file may have changed since the tree was built.
    const Core::Result<void> reloaded = m_model->reload(location.collection);
    const LoadedCollection *loaded = m_model->collection(location.collection);
    const CollectionRequest *request = loaded ? requestAt(loaded->collection, location) : nullptr;
    if (!reloaded || !request) {
        showProblem(reloaded ? tr("%1 could not be read; see the collection's problems.").arg(location.filePath())
                             : reloaded.error().message);
        return;
    }
    m_tree->expand(m_filter->mapFromSource(m_model->collectionIndex(location.collection)));
    Q_EMIT requestActivated(location, *request);
}

void CollectionsPanel::showContextMenu(const QPoint &at)
{
    const QModelIndex proxyIndex = m_tree->indexAt(at);
    const QModelIndex index = m_filter->mapToSource(proxyIndex);
    QMenu menu(this);
    if (!index.isValid()) {
        menu.addAction(tr("Open Collection\u2026"), this, &CollectionsPanel::chooseCollectionToOpen);
        menu.addAction(tr("New Collection\u2026"), this, &CollectionsPanel::chooseNewCollection);
        menu.exec(m_tree->viewport()->mapToGlobal(at));
        return;
    }
    const Kind kind = m_model->kind(index);
    const QPersistentModelIndex item(index);
    const QString directory = index.data(CollectionTreeModel::CollectionRole).toString();
    if (kind == Kind::Request)
        menu.addAction(tr("Open"), this, [this, proxyIndex] { activate(proxyIndex); });
    if (kind != Kind::Problem) {
        menu.addAction(tr("New Request\u2026"), this, [this, item] {
            bool ok = false;
            const QString name = QInputDialog::getText(this, tr("New Request"), tr("Name:"), QLineEdit::Normal,
                                                       tr("New request"), &ok);
            if (!ok)
                return;
            const Core::Result<RequestLocation> created = newRequest(item, name);
            if (!created)
                return;
            const LoadedCollection *loaded = m_model->collection(created->collection);
            if (const CollectionRequest *request = loaded ? requestAt(loaded->collection, *created) : nullptr)
                Q_EMIT requestActivated(*created, *request);
        });
        menu.addAction(tr("New Folder\u2026"), this, [this, item] {
            bool ok = false;
            const QString name = QInputDialog::getText(this, tr("New Folder"), tr("Name:"), QLineEdit::Normal,
                                                       tr("New folder"), &ok);
            if (ok)
                newFolder(item, name);
        });
        menu.addSeparator();
        menu.addAction(tr("Rename\u2026"), this, [this, item] {
            bool ok = false;
            const QString current = m_model->kind(item) == Kind::Request
                                        ? item.data(Qt::DisplayRole).toString().section(QStringLiteral("  "), 1)
                                        : item.data(Qt::DisplayRole).toString();
            const QString name = QInputDialog::getText(this, tr("Rename"), tr("Name:"), QLineEdit::Normal, current, &ok);
            if (ok)
                renameItem(item, name);
        });
    }
    if (kind == Kind::Request || kind == Kind::Folder) {
        menu.addAction(tr("Duplicate"), this, [this, item] { duplicateItem(item); });
        menu.addAction(tr("Delete\u2026"), this, [this, item] {
            const QString name = item.data(Qt::DisplayRole).toString();
            const auto answer = QMessageBox::question(
                this, tr("Delete"),
                m_model->kind(item) == Kind::Folder
                    ? tr("Delete the folder '%1' and every request in it? Its files are removed from disk.").arg(name)
                    : tr("Delete the request '%1'? Its file is removed from disk.").arg(name),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer == QMessageBox::Yes)
                deleteItem(item);
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Reveal on Disk"), this, [directory, item, this] {
        QString path = directory;
        const QString folder = item.data(CollectionTreeModel::FolderRole).toString();
        if (!folder.isEmpty())
            path += QLatin1Char('/') + folder;
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            showProblem(tr("No file manager could be started for %1.").arg(QDir::toNativeSeparators(path)));
    });
    if (kind == Kind::Collection) {
        menu.addAction(tr("Collection Settings\u2026"), this, [this, item] { showCollectionSettings(item); });
        menu.addAction(tr("Reload"), this, [this, directory] { report(m_model->reload(directory)); });
        menu.addAction(tr("Close Collection"), this, [this, directory] { m_model->closeCollection(directory); });
    }
    menu.exec(m_tree->viewport()->mapToGlobal(at));
}

std::optional<Collection> CollectionsPanel::collectionOf(const RequestLocation &location) const
{
    const LoadedCollection *loaded = m_model->collection(location.collection);
    if (!loaded)
        return std::nullopt;
    return loaded->collection;
}

std::optional<RequestLocation> CollectionsPanel::saveRequest(const CollectionRequest &request,
                                                            const std::optional<RequestLocation> &location,
                                                            QWidget *parent)
{
    if (location) {
        if (const Core::Result<void> saved = Core::Collection::saveRequest(*location, request); !saved) {
            QMessageBox::warning(parent, tr("Not saved"), tr("The request was not saved: %1").arg(saved.error().message));
            return std::nullopt;
        }
        m_model->reload(location->collection);
        return location;
    }
    if (m_model->collections().isEmpty()) {
        QMessageBox::information(parent, tr("Save Request"),
                                 tr("Open or create a collection first (File \u203a Open Collection or New "
                                    "Collection); the request stays in its tab."));
        return std::nullopt;
    }
    // Where: collection, folder, name.
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("saveRequestDialog"));
    dialog.setWindowTitle(tr("Save Request"));
    auto *collections = new QComboBox(&dialog);
    collections->setObjectName(QStringLiteral("saveCollection"));
    auto *folders = new QComboBox(&dialog);
    folders->setObjectName(QStringLiteral("saveFolder"));
    auto *name = new QLineEdit(request.name, &dialog);
    name->setObjectName(QStringLiteral("saveName"));
    for (const QString &directory : m_model->collections())
        collections->addItem(m_model->collection(directory)->collection.name, directory);
    const auto fillFolders = [this, collections, folders] {
        folders->clear();
        const LoadedCollection *loaded = m_model->collection(collections->currentData().toString());
        folders->addItem(tr("(top level)"), QString());
        if (!loaded)
            return;
        QList<QPair<QString, QString>> list;
        listFolders(loaded->collection.root, QString(), QString(), list);
        for (const auto &[label, path] : std::as_const(list))
            folders->addItem(label, path);
    };
    fillFolders();
    connect(collections, &QComboBox::currentIndexChanged, &dialog, fillFolders);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Collection:"), collections);
    form->addRow(tr("Folder:"), folders);
    form->addRow(tr("Name:"), name);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    const QString directory = collections->currentData().toString();
    const QString folder = folders->currentData().toString();
    CollectionRequest toSave = request;
    toSave.fileStem.clear();
    toSave.name = name->text().trimmed().isEmpty() ? request.name : name->text().trimmed();
    // Checked before the collection is touched, so a refused secret writes nothing.
    if (const Core::Result<QByteArray> text = requestFileText(toSave); !text) {
        QMessageBox::warning(parent, tr("Not saved"), tr("The request was not saved: %1").arg(text.error().message));
        return std::nullopt;
    }
    qsizetype added = -1;
    const Core::Result<Collection> edited = edit(directory, [&](Collection &collection) -> Core::Result<void> {
        CollectionFolder *target = folderAt(collection.root, folder);
        if (!target)
            return fail(tr("The folder is no longer there; the collection was changed on disk."));
        CollectionItem item;
        item.request = toSave;
        target->items.push_back(item);
        added = qsizetype(target->items.size()) - 1;
        return {};
    });
    if (!edited) {
        QMessageBox::warning(parent, tr("Not saved"), tr("The request was not saved: %1").arg(edited.error().message));
        return std::nullopt;
    }
    Collection saved = *edited;
    return RequestLocation{QDir::cleanPath(directory), folder,
                           folderAt(saved.root, folder)->items[size_t(added)].request.fileStem};
}

} // namespace Gatehouse::Ui
