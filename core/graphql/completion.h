#pragma once

#include "ast.h"
#include "schema.h"

#include <QByteArrayView>
#include <QString>
#include <optional>
#include <vector>

namespace Gatehouse::Core::GraphQL {

struct CompletionItem
{
    enum class Kind
    {
        Field,
        Argument,
        InputField,
        EnumValue,
        Value, // true, false, null
        Variable,
        Fragment,
        Type,
        Directive,
        Keyword
    };

    QString label;
    Kind kind = Kind::Field;
    QString detail;        // the type ("[Repository!]!"), or what a keyword does
    QString documentation; // the schema's description
    bool deprecated = false;
    QString deprecationReason;
    QString insertText; // what replaces CompletionResult::replace
};

// What completion offers at a cursor: the items, best first, already narrowed to the word being
// typed, and the byte range ([start, end) in the document) the chosen item's insertText replaces.
struct CompletionResult
{
    std::vector<CompletionItem> items;
    Span replace;
    QString prefix; // the part of the word before the cursor, which the items match
};

// What hovering a name shows: its kind and signature ("Repository.issues: IssueConnection!"),
// the description, deprecation, and the span of the name.
struct HoverInfo
{
    QString title;
    QString documentation;
    bool deprecated = false;
    QString deprecationReason;
    Span span;
};

// Completion and hover for a GraphQL editor, answered from the tokens before the cursor rather
// than from a parse tree, because what a person is typing is almost never a valid document: a
// small state machine follows selection sets, arguments, values, fragments and variable
// definitions to learn the parent type and the expected value type at the cursor, and skips
// what it does not understand. A definition keyword at column 1 starts afresh (as the
// recovering parser does), so an unclosed brace above does not spoil the definitions below.
// Costs one lexing pass over the document and a few hash look-ups; no allocation per schema type
// beyond the items it returns.
class CompletionEngine
{
public:
    // `cursor` is a byte offset into the UTF-8 `document`.
    static CompletionResult complete(const Schema &schema, QByteArrayView document, int cursor);
    // The name at (or just before) `offset`, when the schema knows it.
    static std::optional<HoverInfo> hover(const Schema &schema, QByteArrayView document,
                                          int offset);

    // A letter for a kind in a popup ("F" field, "A" argument, ...).
    static QChar kindLetter(CompletionItem::Kind kind);
};

} // namespace Gatehouse::Core::GraphQL
