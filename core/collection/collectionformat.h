#pragma once

#include "collection.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace Gatehouse::Core::Collection {

// A mistake in a collection file, where it is and why it is one.
struct LoadProblem
{
    QString file;
    int line = 0;
    int column = 0;
    QString reason;
    // An "order" entry naming no file (or one listed twice): saving the folder drops the entry
    // and loses nothing, unlike a file whose text could not be read.
    bool staleOrderEntry = false;

    // "orders/create.request.json:7:5: \"method\" must be a string"
    QString toString() const;
};

// An entry of an "order" list: "get-snack.request.json" or "orders/", with where it was written.
struct OrderEntry
{
    QString name;
    int line = 0;
    int column = 0;
};

// collection.json or folder.json without the items, which live in their own files.
struct FolderFile
{
    QString name;
    QString description;
    QList<EnvironmentVariable> variables; // collection.json only
    RequestAuth auth;                     // collection.json only
    QList<OrderEntry> order;
};

// The text of each file, fields in a fixed order, two-space indentation, one field (or one
// header, assertion or variable) per line and a final newline, so diffs are line by line.
// Refused with the reason when a request or the collection holds a secret in clear: a bearer
// token, secret key or session token must be a {{variable}}.
Result<QByteArray> requestFileText(const CollectionRequest &request);
Result<QByteArray> collectionFileText(const Collection &collection);
QByteArray folderFileText(const CollectionFolder &folder);

// Parse one file; mistakes are appended to problems (file left empty). Unknown fields are
// mistakes too: a misspelt assertion must not pass silently. A request file with any mistake
// gives no request (it would run with a test missing).
std::optional<CollectionRequest> parseRequestFile(const QByteArray &text,
                                                  QList<LoadProblem> &problems);
// isCollection: collection.json (variables, auth and "gatehouseCollection" allowed) or folder.json.
// What could be read comes back even with mistakes (so the order still holds); nothing only
// when the text is not a JSON object.
std::optional<FolderFile> parseFolderFile(const QByteArray &text, bool isCollection,
                                          QList<LoadProblem> &problems);

// "{{token}}" or "{{a}}{{b}}": nothing but variable references, so no secret in clear.
bool isOnlyVariables(const QString &text);

// The order entry of an item: "<stem>.request.json" or "<directory>/".
QString orderEntryFor(const CollectionItem &item);

inline constexpr QLatin1String RequestFileSuffix(".request.json");
inline constexpr QLatin1String CollectionFileName("collection.json");
inline constexpr QLatin1String FolderFileName("folder.json");
inline constexpr int FormatVersion = 1;

} // namespace Gatehouse::Core::Collection
