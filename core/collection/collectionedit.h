#pragma once

#include "collection.h"
#include "collectionstore.h"
#include "core/import/importresult.h"
#include "core/result.h"

#include <functional>

namespace Gatehouse::Core::Collection {

// Where a saved request lives: the collection's folder, the folder's directories below it
// ("orders/refunds", empty for the top level) and the file stem. A request tab opened from a
// collection keeps one, so Ctrl+S writes back to the same file.
struct RequestLocation
{
    QString collection; // absolute, clean path of the collection's folder
    QString folder;
    QString fileStem;

    bool isValid() const { return !collection.isEmpty() && !fileStem.isEmpty(); }
    QString filePath() const;
    bool operator==(const RequestLocation &other) const = default;
};

// The folder at a path of directories ("orders/refunds"), or nullptr.
CollectionFolder *folderAt(CollectionFolder &root, const QString &directories);
const CollectionRequest *requestAt(const Collection &collection, const RequestLocation &location);

// Writes one request file in the collection's format and nothing else, so edits others made
// to the rest of the collection (a git pull, another editor) are not overwritten.
Result<void> saveRequest(const RequestLocation &location, const CollectionRequest &request);

// Structure edits (new, rename, duplicate, delete, move): loads the collection afresh, applies
// edit and saves, never removing request files that did not load. Refused when collection.json
// or a folder.json has mistakes, because saving would replace what could not be read.
Result<Collection> editCollection(const QString &directory,
                                  const std::function<Result<void>(Collection &)> &edit);

// A new collection in an empty folder (or one without a collection.json and request files).
Result<Collection> createCollection(const QString &directory, const Collection &collection);

// An import as a collection: requests filed into folders by their folder path, each with its
// own auth (inheritAuth off), the import's variables (those to fill in disabled) and its secret
// variables without values.
Collection collectionFromImport(const Import::ImportResult &result);

} // namespace Gatehouse::Core::Collection
