#pragma once

#include "collection.h"
#include "collectionformat.h"
#include "core/result.h"

#include <QSet>

namespace Gatehouse::Core::Collection {

// What a load found: everything that could be read, and each file that could not, with where
// and why. A broken file costs only its own request (or folder order).
struct LoadedCollection
{
    Collection collection;
    QList<LoadProblem> problems;
};

// Reads a collection folder: collection.json, then the items in its "order", then any request
// files and folders it does not list (by name). An error only when directory is no collection.
Result<LoadedCollection> loadCollection(const QString &directory);

// Writes collection into directory (created if needed): files whose text is unchanged are not
// touched, request files and folders the collection no longer has are removed. Nothing is
// written when a request holds a secret in clear. Returns the collection with the file names it
// was given (new requests get one from their name). Files in keep (paths relative to
// directory, such as request files that did not load) are never removed.
Result<Collection> saveCollection(const Collection &collection, const QString &directory,
                                  const QSet<QString> &keep = {});

} // namespace Gatehouse::Core::Collection
