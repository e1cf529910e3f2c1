#pragma once

#include "core/requestspec.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Gatehouse::Core::Import {

// One thing an importer skipped, changed or could not read, with where it was in the input.
struct ImportProblem
{
    enum class Severity
    {
        Warning,
        Error
    };

    QString source;  // file path, URL or "-"
    int line = 0;    // 1-based; 0 when the input has no lines to point at
    int column = 0;  // 1-based; 0 when unknown
    QString message; // what was skipped or changed, and why
    Severity severity = Severity::Warning;

    // "source:line:column: message", leaving out what is unknown, as compilers print it.
    QString toString() const;

    bool operator==(const ImportProblem &other) const = default;
};

// A request as the source described it, before anyone files it into a collection.
struct ImportedRequest
{
    QString name;
    QStringList folder; // outermost first; empty at the top level
    RequestSpec spec;
    QString description;
};

// What an importer made of a document: requests, the variables they use, and the problems.
// Neutral on purpose: collections, the GUI and the CLI each take what they need from it.
// Secret values found in the input (Authorization and Cookie values, passwords, tokens, keys)
// never appear in requests or variables: requests use {{name}} instead, and the values stay
// in `secrets`, in memory, for the caller to put into an environment marked secret.
struct ImportResult
{
    QString name;
    QList<ImportedRequest> requests;
    QMap<QString, QString> variables;
    // Variables the input names without giving a value (an OpenAPI path parameter with no
    // example): listed in `variables` with an empty value for people to fill in, but never sent
    // empty, because "/pets/{{petId}}" would quietly become "/pets/" and reach another resource.
    QSet<QString> toFill;
    QMap<QString, QString> secrets;
    QList<ImportProblem> problems;

    // Keeps `value` under `baseName` (or baseName2, 3… when that name holds another value)
    // and answers the name used.
    QString addSecret(const QString &baseName, const QString &value);
    // "{{name}}" for a secret value kept with addSecret; a value that is already nothing but a
    // {{placeholder}} comes back unchanged and is not kept.
    QString hideSecret(const QString &baseName, const QString &value);
    bool hasErrors() const;
};

// Headers whose values are credentials (Authorization, Cookie, X-Amz-Security-Token, API
// keys…): importers hide them, exporters leave them out or redact them.
bool isSecretHeader(const QString &name);
// True for text that is exactly one {{placeholder}}, e.g. "{{token}}".
bool isPlaceholder(const QString &text);

} // namespace Gatehouse::Core::Import
