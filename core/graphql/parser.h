#pragma once

#include "ast.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace Gatehouse::Core::GraphQL {

struct SyntaxError
{
    QString message; // what was expected and what was found
    int offset = 0;  // byte offset into the source
    SourcePosition position;

    // "line:column: message", the form every GraphQL tool prints.
    QString toString() const;
};

// What the tolerant parse gives an editor: every definition it could read, the one that failed
// as far as it got, and each syntax error (the first is the one parse() reports, unless it is
// an unclosed definition, which this places where the next definition starts).
struct ParseResult
{
    Document document;
    std::vector<SyntaxError> errors;

    bool ok() const { return errors.empty(); }
};

// Recursive-descent parser for GraphQL documents (October 2021): executable definitions and the
// type system (definitions, extensions, descriptions, repeatable directives, interfaces
// implementing interfaces, variable-definition directives). Written by hand rather than taken
// from libgraphqlparser so that an editor gets byte spans, partial trees and errors it can
// place, and so that it costs a few milliseconds on a 368 KB schema.
class Parser
{
public:
    // The whole document, or the first syntax error as InvalidArgument "line:column: message".
    static Result<Document> parse(QByteArray source);

    // Never gives up: after an error it skips to the next line that starts a definition and
    // goes on, so that highlighting, outline and completion keep working while a person types.
    // A definition left open (missing "}") is read only up to a line that starts a definition
    // at column 1, and its error is placed there rather than at the end of the file. Spans of
    // nodes cut short by an error end where the error is.
    static ParseResult parseWithRecovery(QByteArray source);

    // One value literal (e.g. a variable's default or a JSON-like argument), constant unless
    // `allowVariables`; and one type reference ("[String!]!").
    static Result<Value> parseValue(const QByteArray &source, bool allowVariables = false);
    static Result<TypeRef> parseType(const QByteArray &source);
};

} // namespace Gatehouse::Core::GraphQL
