#pragma once

#include "ast.h"

#include <QString>

namespace Gatehouse::Core::GraphQL {

// Prints a tree back as canonical GraphQL, following graphql-js's print(): two-space indents,
// one selection or field per line, arguments on one line unless it grows past 80 columns,
// block strings kept as block strings. This is the editor's "prettify", and since it prints
// only what the tree holds, comments and commas are dropped (as graphql-js drops them).
class Printer
{
public:
    static QString print(const Document &document);
    static QString print(const Definition &definition);
    static QString print(const Value &value);
    static QString print(const TypeRef &type);

    // A string literal as graphql-js prints it: "..." with JSON-style escapes, or a """block"""
    // in the form that parses back to the same value.
    static QString printString(const QString &value);
    static QString printBlockString(const QString &value);
};

} // namespace Gatehouse::Core::GraphQL
