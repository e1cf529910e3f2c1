#include "collectionstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <algorithm>

namespace Gatehouse::Core::Collection {

namespace {

struct Loader
{
    QString root; // the collection's directory, as given
    QList<LoadProblem> problems;

    QString displayPath(const QString &relative) const
    {
        return QDir::cleanPath(root + QLatin1Char('/') + relative);
    }

    Result<QByteArray> read(const QString &relative)
    {
        QFile file(displayPath(relative));
        if (!file.open(QIODevice::ReadOnly)) {
            problems.append({displayPath(relative), 0, 0,
                             QStringLiteral("cannot be read: %1").arg(file.errorString())});
            return makeError(ErrorCode::Io, file.errorString());
        }
        return file.readAll();
    }

    // Runs parse, and names the file in every problem it added.
    template<typename Parse>
    auto parseFile(const QString &relative, Parse parse) -> decltype(parse(QByteArray()))
    {
        const Result<QByteArray> bytes = read(relative);
        if (!bytes)
            return std::nullopt;
        const qsizetype before = problems.size();
        auto parsed = parse(*bytes);
        for (qsizetype i = before; i < problems.size(); ++i)
            problems[i].file = displayPath(relative);
        return parsed;
    }

    std::optional<CollectionRequest> loadRequest(const QString &relative)
    {
        std::optional<CollectionRequest> request =
            parseFile(relative, [this](const QByteArray &bytes) {
                return parseRequestFile(bytes, problems);
            });
        if (request) {
            const QString file = QFileInfo(relative).fileName();
            request->fileStem = file.chopped(RequestFileSuffix.size());
        }
        return request;
    }

    // The items of the folder at relative ("" for the root) in order, then those order omits.
    void loadItems(const QString &relative, const QList<OrderEntry> &order,
                   const QString &orderFile, CollectionFolder &folder, int depth)
    {
        const QDir dir(displayPath(relative));
        QStringList requestFiles =
            dir.entryList({QStringLiteral("*") + RequestFileSuffix}, QDir::Files, QDir::Name);
        QStringList folders;
        for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (QFileInfo::exists(dir.filePath(sub + QLatin1Char('/') + FolderFileName)))
                folders.append(sub);
        }
        QStringList pending;
        for (const OrderEntry &entry : order) {
            const bool isFolder = entry.name.endsWith(QLatin1Char('/'));
            QStringList &available = isFolder ? folders : requestFiles;
            const QString name = isFolder ? entry.name.chopped(1) : entry.name;
            if (!available.contains(name)) {
                const bool listedTwice = pending.contains(entry.name);
                problems.append(
                    {displayPath(orderFile), entry.line, entry.column,
                     listedTwice
                         ? QStringLiteral("\"%1\" is listed twice").arg(entry.name)
                         : QStringLiteral("\"%1\" is listed, but there is no %2 %3")
                               .arg(entry.name,
                                    isFolder ? QStringLiteral("folder with a folder.json named")
                                             : QStringLiteral("file"),
                                    displayPath(relative + entry.name)),
                     true});
                continue;
            }
            available.removeOne(name);
            pending.append(entry.name);
        }
        for (const QString &file : std::as_const(requestFiles))
            pending.append(file);
        for (const QString &sub : std::as_const(folders))
            pending.append(sub + QLatin1Char('/'));
        for (const QString &entry : std::as_const(pending))
            loadItem(relative, entry, folder, depth);
    }

    void loadItem(const QString &relative, const QString &entry, CollectionFolder &folder,
                  int depth)
    {
        CollectionItem item;
        if (!entry.endsWith(QLatin1Char('/'))) {
            std::optional<CollectionRequest> request = loadRequest(relative + entry);
            if (!request)
                return;
            item.request = std::move(*request);
            folder.items.push_back(std::move(item));
            return;
        }
        constexpr int MaximumDepth = 16;
        const QString folderFile = relative + entry + FolderFileName;
        if (depth >= MaximumDepth) {
            problems.append(
                {displayPath(folderFile), 0, 0,
                 QStringLiteral("folders are nested more than %1 deep").arg(MaximumDepth)});
            return;
        }
        item.kind = CollectionItem::Kind::Folder;
        item.folder.directory = entry.chopped(1);
        const std::optional<FolderFile> file =
            parseFile(folderFile, [this](const QByteArray &bytes) {
                return parseFolderFile(bytes, false, problems);
            });
        if (file) {
            item.folder.name = file->name.isEmpty() ? item.folder.directory : file->name;
            item.folder.description = file->description;
        } else {
            item.folder.name = item.folder.directory;
        }
        loadItems(relative + entry, file ? file->order : QList<OrderEntry>(), folderFile,
                  item.folder, depth + 1);
        folder.items.push_back(std::move(item));
    }
};

// The files a save writes: path relative to the collection → text.
struct Plan
{
    QList<QPair<QString, QByteArray>> files;
    QSet<QString> folders; // relative directories, "" for the root
};

Result<void> planFolder(const CollectionFolder &folder, const QString &relative, Plan &plan)
{
    plan.folders.insert(relative);
    for (const CollectionItem &item : folder.items) {
        if (item.kind == CollectionItem::Kind::Request) {
            const Result<QByteArray> text = requestFileText(item.request);
            if (!text)
                return text.error();
            plan.files.append({relative + item.request.fileStem + RequestFileSuffix, *text});
            continue;
        }
        const QString sub = relative + item.folder.directory + QLatin1Char('/');
        plan.files.append({sub + FolderFileName, folderFileText(item.folder)});
        if (const Result<void> planned = planFolder(item.folder, sub, plan); !planned)
            return planned;
    }
    return {};
}

Result<void> writeIfChanged(const QString &path, const QByteArray &text)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.size() == text.size() &&
        existing.readAll() == text)
        return {};
    existing.close();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return makeError(ErrorCode::Io,
                         QStringLiteral("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

// Removes request files and folders (those with a folder.json) below relative that plan lacks;
// other files are left alone.
void removeStale(const QString &root, const QString &relative, const Plan &plan,
                 const QSet<QString> &written)
{
    const QDir dir(root + QLatin1Char('/') + relative);
    for (const QString &file :
         dir.entryList({QStringLiteral("*") + RequestFileSuffix}, QDir::Files)) {
        if (!written.contains(relative + file))
            QFile::remove(dir.filePath(file));
    }
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString subRelative = relative + sub + QLatin1Char('/');
        if (!QFileInfo::exists(dir.filePath(sub + QLatin1Char('/') + FolderFileName)))
            continue;
        removeStale(root, subRelative, plan, written);
        if (!plan.folders.contains(subRelative)) {
            QFile::remove(dir.filePath(sub + QLatin1Char('/') + FolderFileName));
            dir.rmdir(sub); // only when nothing else is left in it
        }
    }
}

} // namespace

Result<LoadedCollection> loadCollection(const QString &directory)
{
    const QFileInfo info(directory);
    if (!info.isDir())
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 is not a folder.").arg(directory));
    if (!QFileInfo::exists(directory + QLatin1Char('/') + CollectionFileName))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("%1 has no %2, so it is not a Gatehouse collection.")
                             .arg(directory, CollectionFileName));
    Loader loader;
    loader.root = directory;
    LoadedCollection loaded;
    Collection &collection = loaded.collection;
    const std::optional<FolderFile> file =
        loader.parseFile(CollectionFileName, [&loader](const QByteArray &bytes) {
            return parseFolderFile(bytes, true, loader.problems);
        });
    if (file) {
        collection.name = file->name;
        collection.description = file->description;
        collection.variables = file->variables;
        collection.auth = file->auth;
    } else {
        collection.name = QFileInfo(QDir::cleanPath(QDir(directory).absolutePath())).fileName();
    }
    collection.root.name = collection.name;
    loader.loadItems(QString(), file ? file->order : QList<OrderEntry>(), CollectionFileName,
                     collection.root, 0);
    loaded.problems = loader.problems;
    return loaded;
}

Result<Collection> saveCollection(const Collection &collection, const QString &directory,
                                  const QSet<QString> &keep)
{
    Collection saved = collection;
    assignFileNames(saved.root);
    saved.root.name = saved.name;
    Plan plan;
    const Result<QByteArray> header = collectionFileText(saved);
    if (!header)
        return header.error();
    plan.files.append({CollectionFileName, *header});
    if (const Result<void> planned = planFolder(saved.root, QString(), plan); !planned)
        return planned.error();

    QSet<QString> written = keep;
    for (const QString &folder : std::as_const(plan.folders)) {
        if (!QDir().mkpath(directory + QLatin1Char('/') + folder))
            return makeError(ErrorCode::Io,
                             QStringLiteral("Could not create the folder %1.")
                                 .arg(QDir::cleanPath(directory + QLatin1Char('/') + folder)));
    }
    for (const auto &[relative, text] : std::as_const(plan.files)) {
        if (const Result<void> done = writeIfChanged(directory + QLatin1Char('/') + relative, text);
            !done)
            return done.error();
        written.insert(relative);
    }
    removeStale(directory, QString(), plan, written);
    return saved;
}

} // namespace Gatehouse::Core::Collection
