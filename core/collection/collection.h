#pragma once

#include "assertion.h"
#include "core/requestspec.h"
#include "core/variables.h"

#include <QList>
#include <QString>
#include <vector>

namespace Gatehouse::Core::Collection {

// One saved request: the document the request builder edits, plus the checks of its answer.
struct CollectionRequest
{
    QString fileStem; // "get-snack" for get-snack.request.json; empty until first saved
    QString name;
    RequestSpec spec;
    bool inheritAuth = true; // use the collection's auth instead of spec.auth
    QList<Assertion> tests;
};

struct CollectionItem;

// A folder of requests and folders, in the order they run.
struct CollectionFolder
{
    QString directory; // its folder's name on disk; empty for the collection itself
    QString name;
    QString description;
    std::vector<CollectionItem> items;
};

struct CollectionItem
{
    enum class Kind
    {
        Request,
        Folder
    };
    Kind kind = Kind::Request;
    CollectionRequest request; // Kind::Request
    CollectionFolder folder;   // Kind::Folder
};

// Requests kept as plain text in a folder, one file per request, so a team reviews and merges
// them with git like code (the format is in README, "Collections").
struct Collection
{
    QString name;
    QString description;
    QList<EnvironmentVariable> variables; // secret ones are saved without their value
    RequestAuth auth;                     // for requests that inherit; never with secrets
    CollectionFolder root;
};

// A file name stem made of the name: lower-case ASCII letters, digits and '-'; "request" when
// nothing is left.
QString slugFor(const QString &name);
// Gives every request and folder without a usable file name one from its name, unique in its
// folder regardless of case, so renaming a request later keeps its file. A name that is unsafe
// (a path, or starting with '.') or that an earlier item has already is replaced.
void assignFileNames(CollectionFolder &folder);
// A file or folder name with no path in it: not empty, no '/' or '\\', not starting with '.'.
bool isSafeFileName(const QString &name);
// The folder at a path of names or directories separated by '/' ("Orders/Refunds"), or nullptr.
const CollectionFolder *findFolder(const CollectionFolder &root, const QString &path);
// Every request below folder in run order, with its folder path ("Orders / Create order").
struct RequestRef
{
    const CollectionRequest *request = nullptr;
    QString path;
};
QList<RequestRef> requestsInOrder(const CollectionFolder &folder, const QString &prefix = {});
// The names from root down to folder as requestsInOrder() prefixes them ("Orders / "); empty
// for root itself or a folder that is not below it.
QString folderPrefix(const CollectionFolder &root, const CollectionFolder *folder);

// The variables a request of a collection is sent with, in Postman's order: the collection's,
// overridden by the environment's (whose own later entries, such as a request tab's local
// variables, override those). `gatehouse run` and the GUI both send with this.
Environment variablesFor(const QList<EnvironmentVariable> &collectionVariables,
                         const Environment &environment);
// The auth a request is sent with: the collection's when it inherits, else its own; SigV4 keys,
// profile, service and region with {{variables}} substituted, and each name the environment
// lacks appended to missing. One function, so the runner and the GUI send the same request.
RequestAuth effectiveAuth(bool inheritAuth, const RequestAuth &own,
                          const RequestAuth &collectionAuth, const Environment &environment,
                          QStringList &missing);

} // namespace Gatehouse::Core::Collection
