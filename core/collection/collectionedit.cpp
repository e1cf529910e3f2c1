#include "collectionedit.h"

#include "collectionformat.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace Gatehouse::Core::Collection {

namespace {

bool isFolderFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name == CollectionFileName || name == FolderFileName;
}

} // namespace

QString RequestLocation::filePath() const
{
    QString path = collection + QLatin1Char('/');
    if (!folder.isEmpty())
        path += folder + QLatin1Char('/');
    return QDir::cleanPath(path + fileStem + RequestFileSuffix);
}

CollectionFolder *folderAt(CollectionFolder &root, const QString &directories)
{
    CollectionFolder *folder = &root;
    for (const QString &part : directories.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        CollectionFolder *next = nullptr;
        for (CollectionItem &item : folder->items) {
            if (item.kind == CollectionItem::Kind::Folder && item.folder.directory == part) {
                next = &item.folder;
                break;
            }
        }
        if (!next)
            return nullptr;
        folder = next;
    }
    return folder;
}

const CollectionRequest *requestAt(const Collection &collection, const RequestLocation &location)
{
    const CollectionFolder *folder =
        folderAt(const_cast<CollectionFolder &>(collection.root), location.folder);
    if (!folder)
        return nullptr;
    for (const CollectionItem &item : folder->items) {
        if (item.kind == CollectionItem::Kind::Request && item.request.fileStem == location.fileStem)
            return &item.request;
    }
    return nullptr;
}

Result<void> saveRequest(const RequestLocation &location, const CollectionRequest &request)
{
    if (!location.isValid() || !isSafeFileName(location.fileStem))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The request has no file to save to."));
    const Result<QByteArray> text = requestFileText(request);
    if (!text)
        return text.error();
    const QString path = location.filePath();
    if (!QFileInfo(path).dir().exists())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The folder of %1 no longer exists.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*text) != text->size() || !file.commit())
        return makeError(ErrorCode::Io,
                         QStringLiteral("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<Collection> editCollection(const QString &directory,
                                  const std::function<Result<void>(Collection &)> &edit)
{
    Result<LoadedCollection> loaded = loadCollection(directory);
    if (!loaded)
        return loaded.error();
    QSet<QString> keep;
    const QDir root(directory);
    for (const LoadProblem &problem : std::as_const(loaded->problems)) {
        if (isFolderFile(problem.file) && !problem.staleOrderEntry)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 has a mistake (%2); correct it before changing "
                                            "the collection's folders or order.")
                                 .arg(QFileInfo(problem.file).fileName(), problem.toString()));
        if (QFileInfo::exists(problem.file))
            keep.insert(root.relativeFilePath(problem.file));
    }
    Collection collection = std::move(loaded->collection);
    if (const Result<void> edited = edit(collection); !edited)
        return edited.error();
    return saveCollection(collection, directory, keep);
}

Result<Collection> createCollection(const QString &directory, const Collection &collection)
{
    const QDir dir(directory);
    if (dir.exists(CollectionFileName))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 already holds a collection; open it instead.")
                             .arg(QDir::toNativeSeparators(directory)));
    if (dir.exists() && !dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not empty; choose an empty folder for a new "
                                        "collection, so nothing in it is mixed up with requests.")
                             .arg(QDir::toNativeSeparators(directory)));
    return saveCollection(collection, directory);
}

Collection collectionFromImport(const Import::ImportResult &result)
{
    Collection collection;
    collection.name = result.name.isEmpty() ? QStringLiteral("Imported") : result.name;
    // A variable still to be filled in is written disabled: listed for people, but undefined
    // to a run, which then names it instead of sending an empty path segment.
    for (auto it = result.variables.cbegin(); it != result.variables.cend(); ++it)
        collection.variables.append({it.key(), it.value(), !result.toFill.contains(it.key()), false});
    for (auto it = result.secrets.cbegin(); it != result.secrets.cend(); ++it)
        collection.variables.append({it.key(), QString(), true, true});
    for (const Import::ImportedRequest &imported : result.requests) {
        CollectionFolder *folder = &collection.root;
        for (const QString &name : imported.folder) {
            auto found = std::find_if(folder->items.begin(), folder->items.end(),
                                      [&name](const CollectionItem &item) {
                                          return item.kind == CollectionItem::Kind::Folder &&
                                                 item.folder.name == name;
                                      });
            if (found == folder->items.end()) {
                CollectionItem item;
                item.kind = CollectionItem::Kind::Folder;
                item.folder.name = name;
                folder->items.push_back(std::move(item));
                found = std::prev(folder->items.end());
            }
            folder = &found->folder;
        }
        CollectionItem item;
        item.request.name = imported.name;
        item.request.spec = imported.spec;
        item.request.inheritAuth = false;
        folder->items.push_back(std::move(item));
    }
    return collection;
}

} // namespace Gatehouse::Core::Collection
